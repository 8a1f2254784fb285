"""The follow-up after an application ("您报名的XX, 去面试了吗? 1去了还在等 2被录用了 3没去/没成").

Started by the due-work sweep (`follow_up.due`, scheduler/job_pushes.py plans it seven days after the
application), never by a person. The effect `follow_up.applications` (bot/push_effects.py) answers with the
person's applications waiting for a follow-up; they are asked about one after the other. An answer is
`application_outcome` (the application's status and outcome); "taken on" for a job also changes the form
(employed, employer, job type; history with actor `jobs`) and emits `employment_status_changed`, the event the
survey emits, which closes an open assistance case. No answer: nothing more (the check-in ladder goes on).

State (`state["follow_up"]`, plain JSON): current (the application asked about: id, item, title, employer,
job_type, division), queue (the others), misses.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dialogs import nlu, policy
from dialogs.flow import end_flow
from dialogs.flows import english
from dialogs.flows.follow_up.answers import parse_outcome
from dialogs.flows.jobs import JOBS, left_long_ago
from dialogs.flows.jobs_replies import asked_for_money, asks_bring, tells_piece_rate
from dialogs.flows.rights import TOLD_KEYS, report_rights_issue
from dialogs.types import Inbound, JsonDict, StepContext, StepResult

NAME = "follow_up"
AWAITING = "follow_up"
DUE = "follow_up.due"
APPLICATIONS = "follow_up.applications"
APPLICATIONS_RESULT = APPLICATIONS + ".result"
OPTIONS = ("follow_up.option.interview", "follow_up.option.hired", "follow_up.option.not_hired")
MAX_MISSES = 2
# Below this the classifier is guessing (as at idle, dialogs/flows/idle.py).
CONFIDENT = 0.7
# A person busy in another dialog is asked another day, at most this many times; then the follow-up is dropped.
MAX_POSTPONED = 3
# What the form says of someone taken on for a job (the survey's fields).
_HIRED_FIELDS = (("employer", "employer"), ("job_type", "job_type"), ("work_division", "division"))


class FollowUpFlow:
    name = NAME

    def start(self, r: StepResult, ctx: StepContext) -> None:
        """Never opened from the menu: only scheduled work starts a follow-up."""
        end_flow(r)

    def resume(self, r: StepResult, ctx: StepContext) -> None:
        fu = r.state.get(NAME) or {}
        if fu.get("current"):
            self._ask(r, fu)
        else:
            end_flow(r)

    def catalog_keys(self) -> set[str]:
        return {
            "follow_up.ask.vacancy", "follow_up.ask.training", "follow_up.reprompt", "follow_up.interview",
            "follow_up.hired", "follow_up.hired_training", "follow_up.not_hired", "follow_up.gave_up", *OPTIONS,
            "follow_up.bring", "follow_up.piece_rate", "follow_up.asked_money",
            *TOLD_KEYS,
        }

    def claims(self, state: JsonDict, inbound: Inbound, ctx: StepContext) -> bool:
        return state.get("awaiting") == AWAITING

    def handle(self, r: StepResult, inbound: Inbound, ctx: StepContext) -> None:
        if inbound.kind == "event":
            if inbound.event == DUE:
                self._due(r, inbound.payload, ctx)
            elif inbound.event == APPLICATIONS_RESULT:
                self._on_applications(r, inbound.payload)
            return
        fu = r.state.get(NAME) or {}
        current = fu.get("current")
        if not current:
            end_flow(r)
            return
        outcome = parse_outcome(inbound.text)
        understanding = nlu.understand(inbound.text, ctx.today) if outcome is None else None
        if understanding is not None and understanding.confidence >= CONFIDENT and (
                understanding.intent == "rights_issue"):
            # 老板说试用期没工资: a rights case for the caseworker, then the question again; no miss counted.
            report_rights_issue(r, understanding, ctx, ask_details=False)
            self._ask(r, fu)
            return
        if outcome is None and (asks_bring(inbound.text) or tells_piece_rate(inbound.text)):
            # 去面试要带啥: what to take; 是计件的吗: what to ask at the interview; then the question again.
            r.say("follow_up.bring" if asks_bring(inbound.text) else "follow_up.piece_rate")
            self._ask(r, fu)
            return
        if understanding is not None and (
            nlu.is_question(inbound.text) or english.is_question(inbound.text) or policy.asks(r.state, inbound.text)
            or (understanding.intent == "ask_policy" and understanding.confidence >= CONFIDENT)
        ):
            # 去面试要带啥证件? / 路费能报吗 / 有啥补贴能领 / 俺没交过保险 (about the money just listed):
            # answered (or passed to the caseworker) as the survey does, then the question again; no miss counted.
            policy.answer_or_refer(r, inbound.text, ctx)
            self._ask(r, fu)
            return
        if outcome is None:
            fu["misses"] = int(fu.get("misses") or 0) + 1
            if fu["misses"] > MAX_MISSES:
                r.say("follow_up.gave_up")
                self._next(r, fu)
                return
            r.say("follow_up.reprompt")
            self._ask(r, fu)
            return
        if current.get("item") == "vacancy" and asked_for_money(inbound.text):
            # 没去 那个要交押金: no employer may ask it; a rights case, the words with it, for the caseworker to check.
            title = str(current.get("title") or "")
            r.emit("rights_issue_reported", issue="other", channel=ctx.channel, source="follow_up")
            r.emit("rights_details_told", issue="other", details=f"「{title}」: {inbound.text}")
            r.say("follow_up.asked_money", title=title)
        self._answered(r, current, outcome, ctx, inbound.text)
        self._next(r, fu)

    # -- scheduled ---------------------------------------------------------------------------------

    def _due(self, r: StepResult, p: Mapping[str, Any], ctx: StepContext) -> None:
        fire, kind = p.get("fire"), str(p.get("kind") or "job_follow_up")
        if _busy(r.state, p, ctx):
            if int(p.get("postponed") or 0) < MAX_POSTPONED:
                r.emit("due_work_postponed", fire=fire, work=kind)
            else:
                r.emit("due_work_done", fire=fire, outcome="busy")
            return
        r.emit(APPLICATIONS, fire=fire)

    def _on_applications(self, r: StepResult, p: Mapping[str, Any]) -> None:
        waiting = [dict(a) for a in p.get("applications") or [] if isinstance(a, Mapping)]
        if not waiting:
            return  # answered meanwhile (a caseworker, an earlier follow-up): nothing to ask
        fu: JsonDict = {"current": waiting[0], "queue": waiting[1:], "misses": 0}
        r.state[NAME] = fu
        r.state["flow"] = NAME
        r.state["menu_open"] = False
        self._ask(r, fu)

    # -- asking and answers --------------------------------------------------------------------------

    def _ask(self, r: StepResult, fu: JsonDict) -> None:
        current = fu["current"]
        item = "training" if current.get("item") == "training" else "vacancy"
        r.say(f"follow_up.ask.{item}", options=OPTIONS, title=str(current.get("title") or ""))
        r.state["awaiting"] = AWAITING

    def _next(self, r: StepResult, fu: JsonDict) -> None:
        queue = list(fu.get("queue") or [])
        if not queue:
            r.state.pop(NAME, None)
            end_flow(r)
            return
        fu["current"], fu["queue"], fu["misses"] = queue[0], queue[1:], 0
        self._ask(r, fu)

    def _answered(
        self, r: StepResult, current: Mapping[str, Any], outcome: str, ctx: StepContext, text: str
    ) -> None:
        item = current.get("item")
        r.emit("application_outcome", application_id=current.get("id"), outcome=outcome, item=item,
               channel=ctx.channel)
        if outcome != "hired":
            r.say(f"follow_up.{outcome}")
            return
        if item != "vacancy":
            r.say("follow_up.hired_training")
            return
        self._employed(r, current, ctx, text)
        r.say("follow_up.hired")

    def _employed(self, r: StepResult, current: Mapping[str, Any], ctx: StepContext, text: str) -> None:
        """Taken on: the form says so, as if they had told the survey (history with actor `jobs`); the pay told with
        it too (录了 下周一上班 一个月3500: the new job's pay was lost, the old one left on the form)."""
        answers = (r.state.get("survey") or {}).get("answers")
        known = answers if isinstance(answers, dict) else {}
        old_status = known.get("employment_status")
        updates: dict[str, Any] = {"employment_status": "employed"}
        for field, key in _HIRED_FIELDS:
            if current.get(key):
                updates[field] = current[key]
        if (pay := nlu.parse_salary(text)) is not None:
            updates["monthly_income"] = pay
        for field, value in updates.items():
            if known.get(field) != value:
                r.emit("field_changed", field=field, old=known.get(field), new=value, channel=ctx.channel,
                       actor="jobs")
            if isinstance(answers, dict):
                answers[field] = value
        r.emit("form_fields_updated", fields=updates)
        if old_status != "employed":
            r.emit("employment_status_changed", old=old_status, new="employed", reason="found_job",
                   channel=ctx.channel, actor="jobs")


def _busy(state: JsonDict, p: Mapping[str, Any], ctx: StepContext) -> bool:
    """In the middle of another dialog whose answers a question now would take (a jobs list only while its
    numbers are taken; any other only while they are at it: one left a day ago is not in the way)."""
    flow = state.get("flow")
    if flow == JOBS.name:
        return JOBS.holds(state, ctx.now)
    return flow not in (None, NAME) and state.get("awaiting") is not None and not left_long_ago(state, p, ctx.now)


FOLLOW_UP = FollowUpFlow()
__all__ = ["FOLLOW_UP", "FollowUpFlow"]
