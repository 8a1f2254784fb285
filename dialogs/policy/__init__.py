"""Answers to questions about the policy, for every dialog that meets one.

`answer(text, ctx)` gives the messages of a confident answer, or None when nobody should guess: then
`answer_or_refer` passes the question to the person's caseworker (event `question_referred`) and tells the
person so. The catalogue behind `answer` is data that deployers edit (the jobs and policy feature fills it
in); until then every question is referred.
"""

from __future__ import annotations

from dialogs.types import Outbound, StepContext, StepResult

REFERRED = "policy.referred"
CATALOG_KEYS = frozenset({REFERRED})


def answer(text: str, ctx: StepContext) -> list[Outbound] | None:
    """The answer to a question about the policy, or None when there is no confident one."""
    return None


def answer_or_refer(r: StepResult, text: str, ctx: StepContext) -> bool:
    """Answer the question, or refer it to the caseworker; True when it was answered here."""
    found = answer(text, ctx)
    if found:
        r.outbound.extend(found)
        return True
    r.emit("question_referred", channel=ctx.channel, question=text)
    r.say(REFERRED)
    return False
