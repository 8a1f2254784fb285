"""Someone hurt at work (工伤) is a rights report for the caseworker, and is told what to do now: get treated,
keep the medical records and the receipts and what proves they worked there. Before, no text anywhere spoke of
an injury ("您反映的问题已转给…" only). Nothing beyond that is said: no amounts or deadlines we were not given."""

from __future__ import annotations

import pytest

from dialogs.sms_text import MAX_PARTS, parts
from tests.survey.driver import Chat


def chat(channel: str = "wechat", locale: str = "zh_CN") -> Chat:
    c = Chat(channel=channel, address="+8613912345678" if channel == "sms" else "u1")
    c.state = {"v": 1, "locale": locale, "flow": None, "awaiting": None, "menu_open": False,
               "consent": {"given": True}}
    return c


@pytest.mark.parametrize("channel", ["wechat", "sms"])
@pytest.mark.parametrize("text", ["干活把手弄伤了 老板不管", "我工伤了怎么办", "手指头被机器压断了"])
def test_an_injury_at_work_is_reported_and_the_person_told_what_to_keep(text: str, channel: str) -> None:
    c = chat(channel)
    [reply] = c.say(text)
    assert [e.data["issue"] for e in c.kinds("rights_issue_reported")] == ["other"]
    assert "受伤" in reply and "病历" in reply and "医药费票据" in reply and "工资记录" in reply
    assert parts(reply) <= MAX_PARTS
    # Who and where, told next, goes with the report.
    assert c.say("是威宁某砖厂 上个月的事") == ["好的, 已补充给工作人员。"]
    assert c.kinds("rights_details_told")


def test_an_injury_that_keeps_someone_from_work_is_reported_and_the_form_says_so() -> None:
    c = chat()
    replies = c.say("在工地上摔伤了 腿骨折了")
    assert "病历" in replies[0] and [e.data["issue"] for e in c.kinds("rights_issue_reported")] == ["other"]
    assert [e.data["new"] for e in c.kinds("employment_status_changed")] == ["unable"]


def test_an_injury_in_english() -> None:
    c = chat(locale="en")
    [reply] = c.say("I got hurt at work")
    assert c.kinds("rights_issue_reported") and "medical records" in reply


def test_other_reports_and_sadness_are_not_injuries() -> None:
    c = chat()
    [reply] = c.say("老板拖欠工资")
    assert "病历" not in reply
    assert [e.data["issue"] for e in c.kinds("rights_issue_reported")] == ["wage_arrears"]


def test_the_rights_entry_of_the_catalogue_speaks_of_an_injury_too() -> None:
    """Its questions include 工伤了怎么办; its answer said nothing of one."""
    from dialogs.policy.catalogue import load_entries

    [rights] = [e for e in load_entries() if e.id == "labour_rights"]
    assert "工伤了怎么办" in rights.questions
    assert "受了伤" in rights.texts["zh_CN"]["apply"] and "病历" in rights.texts["zh_CN"]["apply"]
    assert "hurt at work" in rights.texts["en"]["apply"]


@pytest.mark.parametrize(("locale", "report", "hurt"), [
    ("zh_CN", "老板拖欠工资", "干活把手弄伤了 老板不管"), ("en", "boss hasn't paid me", "I got hurt at work"),
])
def test_an_injury_told_after_a_wage_report_is_a_report_of_its_own(locale: str, report: str, hurt: str) -> None:
    c = chat(locale=locale)
    c.say(report)
    [reply] = c.say(hurt)
    assert [e.data["issue"] for e in c.kinds("rights_issue_reported")] == ["wage_arrears", "other"]
    assert not c.kinds("rights_details_told") and ("病历" in reply or "medical records" in reply)
