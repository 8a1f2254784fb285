"""An alert is one text for every channel (rendered when queued): with the longest place name the helper gives
(a township of an autonomous county), every issue at once, large numbers and long quoted texts (a laborer's
question, a vacancy's title), each kind fits two SMS parts and a WeCom robot's text; a quoted text is cut where
it must be, never inside a masked number."""

from __future__ import annotations

import re

import pytest

from bot.casework.alerts import KINDS, alert_text, local_time, shorten
from bot.casework.effects import CHECKIN_REASONS, QUESTION_CHARS
from bot.casework.wecom import MAX_CONTENT_BYTES
from dialogs.i18n import catalog, template_fields
from dialogs.place_names import place_name
from dialogs.sms_text import MAX_PARTS, parts
from tests.casework.files import NOW

MASKED_PHONE = "138****8000"
MASKED_ID = "5205**********1232"


def _worst(kind: str, question: str = "问" * QUESTION_CHARS) -> str:
    zh = catalog("zh_CN")
    issues = "、".join(zh.get(f"alert.issue.{issue}") for issue in
                      ("wage_arrears", "no_contract", "no_social_insurance", "other"))
    known = {
        "name": "欧**红", "phone": MASKED_PHONE, "place": place_name("622927100"), "due": local_time(NOW),
        "case": 123456, "cases": "、".join(f"C{n}" for n in range(123456, 123460)), "issue": issues,
        "registration": 123456, "registered": zh.get("alert.registered").format(registration=123456),
        "task": 123456, "task_kind": zh.get("alert.task_kind.first_contact"),
        "reason": zh.get("alert.reason.no_answer"), "owner": "欧阳小红" * 8, "who": "欧阳小红" * 8,
        "question": question,
        "details": "说" * QUESTION_CHARS, "said": "说" * QUESTION_CHARS, "note": "说" * QUESTION_CHARS,
        "title": "电子厂普工长期招聘包吃包住" * 8, "organisation": "东莞市宏达电子科技有限公司" * 6,
        "application": 123456, "days": 365, "alert": 1234567, "previous": 123455,
        "why": zh.get("alert.why").format(reason=max((zh.get(f"registration.job_loss_reason.{r}") for r in (
            "contract_ended", "laid_off", "employer_closed", "dismissed", "quit", "other")), key=len)),
    }
    return alert_text(kind, **{name: known[name] for name in template_fields(zh.get(f"alert.{kind}"))})


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_alert_kind_fits_two_sms_parts_and_a_robot_text(kind: str) -> None:
    assert place_name("622927100") == "积石山保安族东乡族撒拉族自治县吹麻滩镇"
    text = _worst(kind)
    assert len(text.encode()) <= MAX_CONTENT_BYTES, kind
    assert parts(text) <= MAX_PARTS, (kind, len(text), parts(text))
    # What the caseworker needs to act is never what gives way: who, how to reach them, the record.
    assert "欧**红" in text and MASKED_PHONE in text
    numbered = {"case", "cases", "task", "registration", "application"}
    if numbered & set(template_fields(catalog("zh_CN").get(f"alert.{kind}"))):
        assert "123456" in text


@pytest.mark.parametrize("at", range(100, 130))
def test_a_long_question_is_cut_before_a_masked_number_never_inside_it(at: int) -> None:
    """Wherever the cut falls, a masked phone or ID number in the question is whole or absent."""
    question = "问" * at + f"我电话{MASKED_PHONE}身份证{MASKED_ID}" + "问" * 60
    text = _worst("question_referred", question)
    assert parts(text) <= MAX_PARTS
    assert text.endswith("… (回复 电话 A1234567 看号码, 或在工作台回复)")
    quoted = text.split("问: ", 1)[1].removesuffix(" (回复 电话 A1234567 看号码, 或在工作台回复)")
    for run in re.findall(r"[0-9*]+", quoted):
        assert run in (MASKED_PHONE, MASKED_ID), (at, quoted)


def test_a_short_question_is_quoted_whole() -> None:
    text = _worst("question_referred", f"外出务工有交通补贴吗 我电话{MASKED_PHONE}")
    assert f"问: 外出务工有交通补贴吗 我电话{MASKED_PHONE} (" in text


def test_shorten_keeps_the_limit_and_drops_a_cut_run_whole() -> None:
    assert shorten("每月12345元左右", 6) == "每月…"
    assert shorten("每月12345元左右", 8) == "每月12345…"
    assert shorten("短", 5) == "短"
    assert len(shorten("问" * 300, 200)) == 200


@pytest.mark.parametrize("reason", sorted(CHECKIN_REASONS))
def test_a_check_in_alert_fits_two_sms_parts_whatever_was_said(reason: str) -> None:
    zh = catalog("zh_CN")
    template = f"human_{reason}"
    assert template_fields(zh.get(f"alert.{template}")) == {"name", "phone", "place", "said", "alert"}
    text = alert_text(template, name="欧**红", phone=MASKED_PHONE, place=place_name("622927100"),
                      said="活" * QUESTION_CHARS, alert=123456)
    assert parts(text) <= MAX_PARTS and len(text.encode()) <= MAX_CONTENT_BYTES
    assert "欧**红" in text and MASKED_PHONE in text and "原话: 活" in text and "电话 A123456" in text


def test_a_note_on_an_application_gives_way_before_the_job_it_is_about() -> None:
    text = alert_text("application_note", name="王*山", phone=MASKED_PHONE, place=place_name("622927100"),
                      title="小区保安", application=7, note="过完年才能去 " * 30)
    assert parts(text) <= MAX_PARTS and "「小区保安」(报名号 7)" in text and text.endswith("…"), text
