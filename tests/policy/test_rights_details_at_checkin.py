"""Wage details after a wage report at a check-in ("两个月 六千块" after 工资拖欠 or "还在干 就是工资拖着没发")
go with the report to the caseworker (event `rights_details_told`), as after a report at idle; before, the check-in
had ended and they were "没太明白" and the menu."""

from __future__ import annotations

from tests.survey.driver import Chat
from tests.survey.test_lead_playtest5 import _fire


def test_the_sum_and_how_long_after_a_wage_report_at_the_status_question_reach_the_caseworker() -> None:
    chat = Chat()
    _fire(chat, "checkin", 1)
    chat.say("还在干 就是上个月工资还没发")
    assert [e.data["issue"] for e in chat.kinds("rights_issue_reported")] == ["wage_arrears"]
    replies = chat.say("两个月 六千块")
    assert [e.data["details"] for e in chat.kinds("rights_details_told")] == ["两个月 六千块"]
    assert replies == ["好的, 已补充给工作人员。"]


def test_details_after_the_rights_question_reach_the_caseworker_too() -> None:
    chat = Chat()
    _fire(chat, "checkin", 1, rights_every_days=1)
    chat.say("还在干")
    assert chat.awaiting == "checkin"
    chat.say("2")
    assert [e.data["issue"] for e in chat.kinds("rights_issue_reported")] == ["wage_arrears"]
    chat.say("欠了两个月 六千块 是宏达电子厂")
    assert [e.data["issue"] for e in chat.kinds("rights_details_told")] == ["wage_arrears"]
