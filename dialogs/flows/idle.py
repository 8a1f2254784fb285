"""What happens when no flow is open: understand the message and answer by intent, else show the menu.

"有啥活干" / "想学个手艺" open the jobs list (dialogs/flows/jobs.py); a question about the policy is answered
from the policy catalogue or passed to the caseworker (dialogs/policy/), and a message nothing else
understands gets an answer from the catalogue only when it is a confident one. Rights issues are
acknowledged. A status change ("我换工作了") opens the survey on the right branch, whatever was open before.
"""

from __future__ import annotations

from collections.abc import Callable

from dialogs import nlu, policy
from dialogs.flows.jobs import JOBS
from dialogs.types import Inbound, StepContext, StepResult

# Below this the classifier is guessing: show the menu rather than act on a guess. A status change
# reopens the form on another branch, so it needs more certainty than an acknowledgement does.
CONFIDENT = 0.7
CONFIDENT_STATUS = 0.8
# A message nothing understood is tried as a policy question only from this length on: shorter ones are
# names and acknowledgements (张三, 好的), and the look-up is not free.
POLICY_GUESS_MIN_CHARS = 4
ACKNOWLEDGED = {
    "rights_issue": "idle.rights_issue",
}
SEARCHES = {"seek_job": "vacancy", "seek_training": "training"}
COMMAND_INTENTS = {"human": "human", "opt_out": "stop", "help": "help"}
STATUS_INTENTS = frozenset({"employed", "job_lost", "changed_job"})
IDLE_KEYS = frozenset(ACKNOWLEDGED.values())


def handle_idle(
    r: StepResult,
    inbound: Inbound,
    ctx: StepContext,
    *,
    start: Callable[[str], None],
    show_menu: Callable[[], None],
    command: Callable[[str], None] | None = None,
    status_change: Callable[[nlu.Understanding], None] | None = None,
) -> None:
    understanding = nlu.understand(inbound.text, ctx.today)
    intent = understanding.intent if understanding.confidence >= CONFIDENT else "unknown"
    if intent in STATUS_INTENTS and understanding.confidence >= CONFIDENT_STATUS and status_change is not None:
        status_change(understanding)
    elif intent in SEARCHES:
        JOBS.search(r, ctx, item=SEARCHES[intent], wishes=[inbound.text])
    elif intent == "ask_policy":
        policy.answer_or_refer(r, inbound.text, ctx)
    elif intent in ACKNOWLEDGED:
        r.say(ACKNOWLEDGED[intent])
    elif intent in COMMAND_INTENTS and command is not None:
        command(COMMAND_INTENTS[intent])
    elif intent == "greeting":
        r.say("common.greeting")
        show_menu()
    elif len(inbound.text.strip()) >= POLICY_GUESS_MIN_CHARS and (found := policy.answer(inbound.text, ctx)):
        r.outbound.extend(found)
    else:
        r.say("common.not_understood")
        show_menu()
