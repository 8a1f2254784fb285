"""What happens when no flow is open: understand the message and answer by intent, else show the menu.

Jobs, trainings and policy answers come with later features; until then those intents are acknowledged.
A status change ("我换工作了") opens the survey on the right branch, whatever was open before; a job loss opens
the registration dialog; a rights report ("老板拖欠工资") a rights case.
"""

from __future__ import annotations

from collections.abc import Callable

from dialogs import nlu
from dialogs.flows.rights import report_rights_issue
from dialogs.types import Inbound, StepContext, StepResult

# Below this the classifier is guessing: show the menu rather than act on a guess. A status change
# reopens the form on another branch, so it needs more certainty than an acknowledgement does.
CONFIDENT = 0.7
CONFIDENT_STATUS = 0.8
ACKNOWLEDGED = {
    "seek_job": "idle.seek_job",
    "seek_training": "idle.seek_training",
    "ask_policy": "idle.ask_policy",
}
COMMAND_INTENTS = {"human": "human", "opt_out": "stop", "help": "help"}
STATUS_INTENTS = frozenset({"employed", "job_lost", "changed_job"})
IDLE_KEYS = frozenset({*ACKNOWLEDGED.values(), "rights.acknowledged"})


def handle_idle(
    r: StepResult,
    inbound: Inbound,
    ctx: StepContext,
    *,
    start: Callable[[str], None],
    show_menu: Callable[[], None],
    command: Callable[[str], None] | None = None,
    status_change: Callable[[nlu.Understanding], None] | None = None,
    job_loss: Callable[[nlu.Understanding], None] | None = None,
) -> None:
    understanding = nlu.understand(inbound.text, ctx.today)
    intent = understanding.intent if understanding.confidence >= CONFIDENT else "unknown"
    if intent in STATUS_INTENTS and understanding.confidence >= CONFIDENT_STATUS and status_change is not None:
        (job_loss if intent == "job_lost" and job_loss is not None else status_change)(understanding)
    elif intent == "rights_issue":
        report_rights_issue(r, understanding, ctx)
    elif intent in ACKNOWLEDGED:
        r.say(ACKNOWLEDGED[intent])
    elif intent in COMMAND_INTENTS and command is not None:
        command(COMMAND_INTENTS[intent])
    elif intent == "greeting":
        r.say("common.greeting")
        show_menu()
    else:
        r.say("common.not_understood")
        show_menu()
