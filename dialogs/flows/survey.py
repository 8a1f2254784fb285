"""The employment information survey: privacy notice and consent, then the form of PRODUCT.md."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from dialogs import forms
from dialogs.flow import end_flow
from dialogs.forms import Choice, Form, FormField, Invalid
from dialogs.types import Inbound, StepContext, StepResult

CONSENT_VERSION = "2026-11"
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def _parse_name(text: str, _ctx: StepContext) -> Any:
    name = re.sub(r"^(我叫|我是|名字是|姓名)", "", _norm(text)).strip()
    if not re.fullmatch(r"[\u4e00-\u9fff·]{2,8}|[A-Za-z][A-Za-z .'-]{1,40}", name):
        return None
    return name


def _parse_id(text: str, _ctx: StepContext) -> Any:
    digits = re.sub(r"\s", "", _norm(text)).upper()
    match = re.search(r"\d{17}[\dX]", digits)
    if not match:
        return Invalid("survey.id_number.bad_length")
    value = match.group(0)
    total = sum(int(c) * w for c, w in zip(value[:17], _ID_WEIGHTS, strict=True))
    if "10X98765432"[total % 11] != value[17]:
        return Invalid("survey.id_number.bad_check")
    return value


def _parse_phone(text: str, _ctx: StepContext) -> Any:
    digits = re.sub(r"[\s-]", "", _norm(text))
    match = re.fullmatch(r"(?:\+?86|0086)?(1[3-9]\d{9})", digits)
    return "+86" + match.group(1) if match else None


SURVEY_FORM = Form(
    name="survey",
    summary="survey.summary",
    summary_reprompt="survey.summary_reprompt",
    fields=(
        FormField("name", "survey.name.prompt", "survey.name.reprompt", "survey.name.label", _parse_name),
        FormField(
            "id_number", "survey.id_number.prompt", "survey.id_number.reprompt", "survey.id_number.label",
            _parse_id,
        ),
        FormField("phone", "survey.phone.prompt", "survey.phone.reprompt", "survey.phone.label", _parse_phone),
        FormField(
            "employment_status",
            "survey.employment_status.prompt",
            "survey.employment_status.reprompt",
            "survey.employment_status.label",
            choices=(
                Choice("employed", "survey.employment_status.employed", ("在上班", "有工作", "上班", "打工")),
                Choice("unemployed", "survey.employment_status.unemployed", ("没工作", "失业", "没上班")),
                Choice("unable", "survey.employment_status.unable", ("生病", "残疾", "照顾", "上学")),
            ),
        ),
    ),
)

CONSENT_OPTIONS = ("survey.consent.agree", "survey.consent.refuse")
_AGREE = {"1", "同意", "好", "好的", "可以", "是", "嗯", "agree", "yes", "y", "ok"}
_REFUSE = {"2", "不同意", "不", "不要", "拒绝", "no", "n", "disagree"}


class SurveyFlow:
    name = "survey"
    form = SURVEY_FORM

    def start(self, r: StepResult, ctx: StepContext) -> None:
        consent = r.state.get("consent") or {}
        if not consent.get("given"):
            self._ask_consent(r)
            return
        r.state["survey"] = forms.new_form_state((r.state.get("survey") or {}).get("answers"))
        self._advance(r, ctx)

    def resume(self, r: StepResult, ctx: StepContext) -> None:
        if r.state.get("awaiting") == "consent" or "survey" not in r.state:
            self.start(r, ctx)
            return
        fs = r.state["survey"]
        if fs["phase"] == "summary":
            r.outbound.append(forms.summary(SURVEY_FORM, fs, ctx))
        elif fs.get("field"):
            f = SURVEY_FORM.field(fs["field"])
            r.say(f.prompt, options=tuple(c.label for c in f.choices))
        self._sync_awaiting(r)

    def handle(self, r: StepResult, inbound: Inbound, ctx: StepContext) -> None:
        text = inbound.text if inbound.location is None else inbound.location[2]
        if r.state.get("awaiting") == "consent":
            self._on_consent(r, text, ctx)
            return
        fs = r.state.setdefault("survey", forms.new_form_state())
        step = forms.handle(SURVEY_FORM, fs, text, ctx)
        r.state["survey"] = step.state
        r.outbound.extend(step.outbound)
        for key, (old, new) in step.changed.items():
            r.emit("field_changed", field=key, old=old, new=new, channel=ctx.channel)
        if step.done:
            r.emit("form_submitted", answers=dict(step.state["answers"]), channel=ctx.channel)
            r.say("survey.saved")
            end_flow(r)
            return
        self._sync_awaiting(r)

    def catalog_keys(self) -> set[str]:
        return SURVEY_FORM.catalog_keys() | {
            "survey.consent.notice",
            "survey.consent.reprompt",
            "survey.consent.thanks",
            "survey.consent.refused",
            "survey.saved",
            "survey.id_number.bad_length",
            "survey.id_number.bad_check",
            *CONSENT_OPTIONS,
        }

    def _ask_consent(self, r: StepResult) -> None:
        r.state["awaiting"] = "consent"
        r.say("survey.consent.notice", options=CONSENT_OPTIONS, version=CONSENT_VERSION)

    def _on_consent(self, r: StepResult, text: str, ctx: StepContext) -> None:
        answer = _norm(text).lower().rstrip("。.!！")
        if answer in _AGREE:
            r.state["consent"] = {"given": True, "at": ctx.now.isoformat(), "version": CONSENT_VERSION}
            r.emit("consent_given", version=CONSENT_VERSION, channel=ctx.channel)
            r.say("survey.consent.thanks")
            r.state["survey"] = forms.new_form_state((r.state.get("survey") or {}).get("answers"))
            self._advance(r, ctx)
        elif answer in _REFUSE:
            r.state["consent"] = {"given": False, "at": ctx.now.isoformat(), "version": CONSENT_VERSION}
            r.emit("consent_refused", version=CONSENT_VERSION, channel=ctx.channel)
            r.say("survey.consent.refused")
            end_flow(r)
        else:
            r.say("survey.consent.reprompt", options=CONSENT_OPTIONS)

    def _advance(self, r: StepResult, ctx: StepContext) -> None:
        r.outbound.extend(forms.advance(SURVEY_FORM, r.state["survey"], ctx))
        self._sync_awaiting(r)

    def _sync_awaiting(self, r: StepResult) -> None:
        fs = r.state["survey"]
        r.state["awaiting"] = fs["field"] if fs["phase"] == "ask" else "summary"


SURVEY = SurveyFlow()
