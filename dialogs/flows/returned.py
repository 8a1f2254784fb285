"""A returned unemployment registration sent again from the chat: the caseworker returned it with what to fix (退回 R3
原因, or the console), the person was told so and to reply 重新提交; saying it asks the effect whether their
latest registration was indeed returned (`registration_returned.lookup`, answered by bot/casework/effects.py) and,
if so, opens the registration dialog again from the start, the caseworker's note said first. Submitted, it is a new
registration waiting for the caseworker (the case stays the same). Nothing returned: they are told so.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from dialogs.flows.registration.flow import INTRO, INTRO_UNINSURED, start_job_loss
from dialogs.flows.registration.flow import NAME as REGISTRATION
from dialogs.types import JsonDict, StepContext, StepResult

LOOKUP = "registration_returned.lookup"
RESULT = LOOKUP + ".result"
AGAIN, NOTHING = "registration.resubmit", "registration.nothing_returned"
CATALOG_KEYS = frozenset({AGAIN, NOTHING})
# 重新提交 (as the notice says), 再提交一次, 补好了, 改好了, 重新办失业登记.
_RESUBMIT = re.compile(r"重新提交|再提交|重新交|重交|补好了|补充好了|改好了|补齐了"
                       r"|重新(?:办|填|做)(?:一下)?(?:失业)?登记|\bresubmit\b|\bsubmit\s+again\b", re.IGNORECASE)


def asks(state: JsonDict, text: str) -> bool:
    """重新提交 from someone who has submitted a registration (the only ones a notice of a return reaches)."""
    return bool((state.get(REGISTRATION) or {}).get("id")) and _RESUBMIT.search(text) is not None


def look_up(r: StepResult) -> None:
    r.emit(LOOKUP)


def on_result(r: StepResult, payload: Mapping[str, Any], ctx: StepContext) -> None:
    """Returned: the dialog again from its first question, the note said first (not the job-loss sympathy of the
    first time); else nothing to send again."""
    if payload.get("status") != "returned":
        r.say(NOTHING)
        return
    r.say(AGAIN, registration=payload.get("registration"), reason=str(payload.get("note") or ""))
    r.state.pop(REGISTRATION, None)
    said = len(r.outbound)
    start_job_loss(r, ctx, {})
    r.outbound[said:] = [m for m in r.outbound[said:] if m.key not in (INTRO, INTRO_UNINSURED)]
