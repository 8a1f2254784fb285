"""Keeping the survey's form in step with a job loss told outside it: the status becomes unemployed (with its
history, as the survey records it), and the help asked for fills the survey's unemployed branch, so that
nothing is asked twice when the survey goes on."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dialogs import forms
from dialogs.flows.survey.fields import (
    FIELD_KEYS,
    SURVEY_FORM,
    parse_available,
    parse_willing,
    put_back,
    remember_pay,
    taken_away,
)
from dialogs.types import JsonDict, StepContext, StepResult

# The survey's answers a job loss took away, kept while its registration is asked (registration state key).
UNDO = "undo"


def _record(r: StepResult, changes: dict[str, tuple[Any, Any]], ctx: StepContext) -> None:
    for key in FIELD_KEYS:
        if key in changes:
            old, new = changes[key]
            r.emit("field_changed", field=key, old=old, new=new, channel=ctx.channel, actor="laborer")
    if (survey := _survey(r)) is not None:
        remember_pay(survey, changes)


def _survey(r: StepResult) -> JsonDict | None:
    survey = r.state.get("survey")
    return survey if isinstance(survey, dict) and isinstance(survey.get("answers"), dict) else None


def keep_wish(r: StepResult, text: str) -> None:
    """The work wished for, told with the job loss or at one of the registration's questions (想找个保安的活): kept
    for the survey's questions after it (where, what work: wishes_told when it is submitted)."""
    fs = r.state.get("registration")
    if isinstance(fs, dict) and fs.get("phase") == "ask":
        if text not in str(fs.get("wishes") or ""):  # (the same words kept by the check-in that heard them too)
            fs["wishes"] = " ".join(filter(None, [fs.get("wishes"), text]))
        if isinstance(fs.get("answers"), dict):
            # The help wanted is a job found for them, as 想找个保安的活 at that question reads (it was asked again).
            fs["answers"].setdefault("wants_services", ["job_referral"])


def _reopen_if_incomplete(survey: JsonDict) -> None:
    """A question the change made moot is not asked again: the survey goes on with the next one."""
    field = survey.get("field")
    answers = survey["answers"]
    if field and not SURVEY_FORM.field(field).applies(answers):
        survey["field"] = None
    if survey.get("phase") == "summary" and forms.next_field(SURVEY_FORM, answers) is not None:
        survey["phase"], survey["field"] = "ask", None
    survey["detour"] = None


def now_unemployed(r: StepResult, ctx: StepContext) -> None:
    """The form's status becomes unemployed; `employment_status_changed` tells the effects (the stored form)."""
    survey = _survey(r)
    old = survey["answers"].get("employment_status") if survey else None
    if old == "unemployed":
        return
    if survey is not None:
        changes = forms.set_answer(SURVEY_FORM, survey, "employment_status", "unemployed")
        registering = r.state.get("registration")
        if old is not None and isinstance(registering, dict) and registering.get("phase") == "ask":
            # What the change took away, while the registration is asked: "不对 我还在干" puts it back (not_lost).
            registering[UNDO] = taken_away(old, changes)
        _record(r, changes, ctx)
        _reopen_if_incomplete(survey)
    r.emit("employment_status_changed", old=old, new="unemployed", reason="job_lost", channel=ctx.channel)


def not_lost(r: StepResult, ctx: StepContext) -> bool:
    """The job loss we read was not what they said (不对 我还在干 下个月才不干, at a question of the registration
    begun on it): the status and every answer the change took away come back, with their history. False when
    nothing is kept to put back (the registration was not begun on a status of ours)."""
    registering = r.state.get("registration")
    undo = registering.get(UNDO) if isinstance(registering, dict) else None
    survey = _survey(r)
    if not isinstance(undo, dict) or survey is None:
        return False
    now, changes = put_back(survey, undo)
    _record(r, changes, ctx)
    r.emit("employment_status_changed", old=now, new=undo["status"], reason="corrected", channel=ctx.channel)
    return True


def help_wanted(r: StepResult, wanted: Sequence[str], ctx: StepContext) -> None:
    """Whoever asks for help wants to work: the survey's willingness and service needs, when not yet answered."""
    survey = _survey(r)
    if survey is None or survey["answers"].get("employment_status") != "unemployed" or not wanted:
        return
    if "willing_to_work" not in survey["answers"]:
        _record(r, forms.set_answer(SURVEY_FORM, survey, "willing_to_work", "yes"), ctx)
    if "service_needs" not in survey["answers"]:
        _record(r, forms.set_answer(SURVEY_FORM, survey, "service_needs", list(wanted)), ctx)


def wishes_told(r: StepResult, text: str, ctx: StepContext) -> None:
    """The help asked for in words (想找个活 离家近点的): what the words also say of the survey's questions still
    open (where, what work) fills them, said back, so that they are not asked when the survey goes on."""
    from dialogs import nlu
    from dialogs.flows.survey.prefill import prefill  # the survey's reader of facts told in passing

    survey = _survey(r)
    if survey is None or survey["answers"].get("employment_status") != "unemployed":
        return
    fills = prefill(SURVEY_FORM, survey["answers"], nlu.understand(text, ctx.today), current="service_needs",
                    today=ctx.today)
    told = [(key, fills[key]) for key in ("preferred_scope", "desired_jobs") if key in fills]
    for key, value in told:
        _record(r, forms.set_answer(SURVEY_FORM, survey, key, value), ctx)
    if told:
        r.say("survey.prefilled", items=forms.noted(SURVEY_FORM, told, ctx.locale))


def plan_told(r: StepResult, text: str, ctx: StepContext) -> None:
    """When they mean to work again (想找 过完年再出来), told during the registration: the survey's willingness
    and the month they can start, when not yet answered; said back."""
    survey = _survey(r)
    if survey is None or survey["answers"].get("employment_status") != "unemployed":
        return
    told: list[tuple[str, Any]] = []
    for key, parse in (("willing_to_work", parse_willing), ("available_from", parse_available)):
        f = SURVEY_FORM.field(key)
        if key in survey["answers"] or not f.applies(survey["answers"]):
            continue
        value = parse(text, ctx)
        if isinstance(value, str) and (not f.choices or value in {c.value for c in f.choices}):
            _record(r, forms.set_answer(SURVEY_FORM, survey, key, value), ctx)
            told.append((key, value))
    if told:
        r.say("survey.prefilled", items=forms.noted(SURVEY_FORM, told, ctx.locale))


def training_wished(r: StepResult, ctx: StepContext) -> None:
    """A trade to learn told outside the survey (想学电焊 at a check-in): training among the service needs of
    someone out of work, and so wanting work."""
    survey = _survey(r)
    if survey is None or survey["answers"].get("employment_status") != "unemployed":
        return
    if survey["answers"].get("willing_to_work") in (None, "no"):
        _record(r, forms.set_answer(SURVEY_FORM, survey, "willing_to_work", "yes"), ctx)
    wanted = survey["answers"].get("service_needs") or []
    if "training" not in wanted:
        order = [c.value for c in SURVEY_FORM.field("service_needs").choices]
        needs = sorted({*wanted, "training"}, key=order.index)
        _record(r, forms.set_answer(SURVEY_FORM, survey, "service_needs", needs), ctx)
