"""An alert is one text for every channel (rendered when queued): with the longest place name the helper gives
(a township of an autonomous county), every issue at once and large numbers, each kind fits two SMS parts and
a WeCom robot's text; a question told in the laborer's own words (up to 200 characters) fits Kannel's four."""

from __future__ import annotations

from bot.casework.alerts import alert_text, local_time
from bot.casework.effects import QUESTION_CHARS
from bot.casework.wecom import MAX_CONTENT_BYTES
from dialogs.i18n import catalog, template_fields
from dialogs.place_names import place_name
from dialogs.sms_text import MAX_PARTS, parts
from tests.casework.files import NOW

# Kannel's `max-messages` for outgoing SMS (deploy/kannel/kannel.conf): what a longer alert may take.
KANNEL_MAX_MESSAGES = 4
KINDS = ("new_case", "rights_case", "visit_task", "task_overdue", "escalation", "human_requested",
         "question_referred", "case_reassigned", "visit_answered", "rights_details")


def _worst(kind: str) -> str:
    zh = catalog("zh_CN")
    issues = "、".join(zh.get(f"alert.issue.{issue}") for issue in
                      ("wage_arrears", "no_contract", "no_social_insurance", "other"))
    known = {
        "name": "欧**红", "phone": "138****8000", "place": place_name("622927100"), "due": local_time(NOW),
        "case": 123456, "cases": "、".join(f"C{n}" for n in range(123456, 123460)), "issue": issues,
        "registration": 123456, "task": 123456, "task_kind": zh.get("alert.task_kind.first_contact"),
        "reason": zh.get("alert.reason.no_answer"), "owner": "欧阳小红", "question": "问" * QUESTION_CHARS,
        "details": "说" * QUESTION_CHARS,
    }
    if kind == "rights_details":  # details are told about one issue
        known["issue"] = max((zh.get(f"alert.issue.{issue}") for issue in ("wage_arrears", "no_contract",
                              "no_social_insurance", "other")), key=len)
    return alert_text(kind, **{name: known[name] for name in template_fields(zh.get(f"alert.{kind}"))})


def test_every_alert_fits_its_channels() -> None:
    assert place_name("622927100") == "积石山保安族东乡族撒拉族自治县吹麻滩镇"
    for kind in KINDS:
        text = _worst(kind)
        assert len(text.encode()) <= MAX_CONTENT_BYTES, kind
        # The laborer's own words (a question, a rights report's details) may take Kannel's four.
        limit = KANNEL_MAX_MESSAGES if kind in ("question_referred", "rights_details") else MAX_PARTS
        assert parts(text) <= limit, (kind, len(text), parts(text))
