"""Where a check-in answer hands over to another dialog: a lost job, a new job.

ONE place each, so that the job-loss registration (issue 11 part A: `start_job_loss`) replaces today's
survey status change by changing one line. The survey records the status change as the person's own
answer; heard at a check-in, the history says so (actor `checkin`).
"""

from __future__ import annotations

from dataclasses import replace

from dialogs import forms
from dialogs.flow import end_flow
from dialogs.flows.survey import SURVEY
from dialogs.flows.survey.fields import SURVEY_FORM
from dialogs.flows.survey.prefill import wants_work
from dialogs.nlu import Understanding
from dialogs.types import Outbound, StepContext, StepResult


def job_lost(r: StepResult, ctx: StepContext, understanding: Understanding) -> None:
    """The job is gone: through the survey's status change, which hands a job on record over to the job-loss
    registration (dialogs/flows/registration/: consent and the record checked there, in one place)."""
    _as_checkin(r, lambda: SURVEY.start_with_status(r, _with_intent(understanding, "job_lost"), ctx))


def unable_now(r: StepResult, ctx: StepContext, understanding: Understanding, *, told: str | None = None) -> None:
    """Out of work and resting for their health (没干了 腰不好, then 先养身体): the survey's status "unable", not the
    job-loss registration (which is for those able and willing to work).

    `told`, the check-in's own kind word on the change (get well, take care): said instead of the survey's note and
    its whole summary when the change asks nothing more (生病住院了 at the weekly check-in showed the form to
    confirm, and no word for the illness); the survey is left as it was, the status recorded."""
    said = len(r.outbound)
    _as_checkin(r, lambda: SURVEY.start_with_status(r, replace(understanding, status="unable"), ctx))
    if told is None or r.state.get("awaiting") != "summary":
        return
    r.outbound[said:] = [m for m in r.outbound[said:] if m.key not in _CHANGE_SAID]
    r.say(told)
    end_flow(r)


# The survey's words on a change of status to unable: the note, and the form shown to confirm.
_CHANGE_SAID = frozenset({"survey.status.unable", SURVEY_FORM.summary})


def status_changed(r: StepResult, ctx: StepContext, understanding: Understanding, intent: str, *,
                   no_contract: bool = False) -> None:
    """A new job (`changed_job`), or work again (`employed`): the survey asks about it. No contract told with the
    news (换了个厂 在隔壁 没签合同) is that job's answer: noted with the rest, not asked (it was lost, and asked)."""

    def hand_over() -> None:
        told = _with_intent(understanding, intent)
        before = dict((r.state.get("survey") or {}).get("answers") or {})
        if intent == "changed_job":
            # (自己做点小生意: read as work, which the form says already; the check-in's reading is a change)
            told = replace(told, status="changed_job")
        SURVEY.start_with_status(r, told, ctx)
        fs = r.state.get("survey") or {}
        answers = fs.get("answers") or {}
        if intent == "changed_job" and (left := {k: before[k] for k in LEFT_JOB_KEYS if before.get(k) is not None}):
            fs[LEFT_JOB] = left  # 3, then 隔壁那个鞋厂 at "您在哪里工作?": the place of the job left is the place
        if not no_contract or "contract_signed" in answers or not SURVEY_FORM.field("contract_signed").applies(answers):
            return
        for field, (old, new) in forms.set_answer(SURVEY_FORM, fs, "contract_signed", "no").items():
            r.emit("field_changed", field=field, old=old, new=new, channel=ctx.channel, actor="checkin")
        noted = Outbound(key=NOTED, params={"items": forms.noted(SURVEY_FORM, [("contract_signed", "no")], ctx.locale)})
        r.outbound.insert(max(0, len(r.outbound) - 1), noted)  # before the question it asks

    _as_checkin(r, hand_over)


# What the new job's questions may keep of the job left (survey/answering.py reads it).
LEFT_JOB = "left_job"
LEFT_JOB_KEYS = ("work_division", "work_place", "monthly_income")


def looking_for_work(r: StepResult, ctx: StepContext, understanding: Understanding) -> None:
    """Unable before, wanting work now (2 想找工作, 好多了 能干点轻活): the survey's change to looking for work, the
    wish taken as said (the option chosen says it), then the questions it brings."""
    if not wants_work(understanding):
        understanding = replace(understanding, text=WISH, normalized=WISH, intent="seek_job",
                                confidence=max(understanding.confidence, 0.9))
    _as_checkin(r, lambda: SURVEY.start_with_status(r, understanding, ctx))


# The words of the option "想找工作": what choosing it says.
WISH = "想找工作"


def _with_intent(understanding: Understanding, intent: str) -> Understanding:
    # A bare "2" carries no intent of its own: the option chosen is the intent.
    return replace(understanding, intent=intent, confidence=max(understanding.confidence, 0.9))


def _as_checkin(r: StepResult, hand_over: object) -> None:
    first = len(r.events)
    said = len(r.outbound)
    hand_over()  # type: ignore[operator]
    _one_noted(r, said)
    status = None
    for i in range(first, len(r.events)):
        event = r.events[i]
        if event.kind == "field_changed":
            r.events[i] = replace(event, data={**event.data, "actor": "checkin"})
            if event.data.get("field") == "employment_status":
                status = event.data.get("new")
    if status is not None:
        # The record's status changes now, not only when the survey's summary is confirmed.
        r.emit("form_fields_updated", fields={"employment_status": status})


NOTED = "survey.prefilled"


def _one_noted(r: StepResult, said: int) -> None:
    """What the answer told beside the news, noted in ONE line ("好的, 已记下: 月收入(元): 5000; 工作地: …"): the
    change said to the survey notes some of it and the new job's questions the rest, and it was "好的, 已记下" twice
    in one reply (换了个厂 在隔壁 一个月五千)."""
    noted = [i for i in range(said, len(r.outbound)) if r.outbound[i].key == NOTED]
    if len(noted) < 2:
        return
    items = "; ".join(str(r.outbound[i].params.get("items") or "") for i in noted)
    r.outbound[noted[0]] = replace(r.outbound[noted[0]], params={**r.outbound[noted[0]].params, "items": items})
    for i in reversed(noted[1:]):
        del r.outbound[i]
