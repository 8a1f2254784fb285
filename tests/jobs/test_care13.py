"""care13's play-testing of jobs: a question about the job applied for days before, asked as people ask it
("俺前几天报了名的那个活 到底在哪个地方上班呀"), was news of the person's own work (recorded as employed, then the
survey's work questions): it is answered with that vacancy's place (and its pay when asked too)."""

from __future__ import annotations

import pytest

from tests.jobs.test_dialog import GUARD, RANGER, registered_chat
from tests.survey.driver import Chat

APPLIED = {"status": "applied", "ref": "v1", "application_id": 7, "item": "vacancy", "kind": "factory",
           "title": "小区保安", "organisation": "威宁鑫安物业公司", "contact": None}
WHERE = "「小区保安」在: 毕节市威宁彝族回族苗族自治县 草海镇建设路8号。"


def _applied_days_ago(days: float) -> Chat:
    chat = registered_chat(jobs=[GUARD, RANGER])
    chat.state["survey"] = {"answers": {"employment_status": "unemployed", "willing_to_work": "yes"}}
    chat.applications["v1"] = APPLIED
    chat.say("有啥活干")
    chat.say("报名1")
    chat.later(days=days)
    return chat


@pytest.mark.parametrize("text", ["俺前几天报了名的那个活 到底在哪个地方上班呀", "报名的那个活在什么地方",
                                  "那个活在哪个地方上班"])
def test_where_the_job_applied_for_is_is_a_question_not_news_of_work(text: str) -> None:
    chat = _applied_days_ago(3)
    assert chat.say(text) == [WHERE]
    assert not chat.kinds("employment_status_changed") and not chat.kinds("field_changed")


def test_its_pay_asked_with_it_is_told_too() -> None:
    chat = _applied_days_ago(2)
    assert chat.say("俺报了名的那个活 在哪个地方 一个月多少钱") == [WHERE, "「小区保安」的工资: 2500-3200元/月。"]
    assert not chat.kinds("employment_status_changed")


def test_a_rights_report_after_applying_takes_its_own_details() -> None:
    """Played on the simulator: 报名1, then 以前的老板还欠我三千块工资没给 (a rights case), then "是县城的宏达建筑队
    欠了半年了" went to the caseworker as a note on the application ("对接「小区保安」时会一起说"): they are the
    report's details."""
    chat = registered_chat(jobs=[GUARD, RANGER])
    chat.applications["v1"] = APPLIED
    chat.say("有啥活干")
    chat.say("报名1")
    chat.say("以前干活的老板还欠我三千块工资没给")
    assert [e.data["issue"] for e in chat.kinds("rights_issue_reported")] == ["wage_arrears"]
    replies = chat.say("是县城的宏达建筑队 欠了半年了")
    assert not chat.kinds("application_note") and len(chat.kinds("rights_details_told")) == 1, replies
    # A note right after applying is still the application's.
    chat = registered_chat(jobs=[GUARD, RANGER])
    chat.applications["v1"] = APPLIED
    chat.say("有啥活干")
    chat.say("报名1")
    chat.say("过完年才能去哈")
    assert [e.data["note"] for e in chat.kinds("application_note")] == ["过完年才能去哈"]


def test_the_job_applied_for_is_known_after_another_list() -> None:
    """Played on the simulator: 报名1, then 有啥活干 (a list without it: applied for, it is never suggested again),
    then the question: it was news of work again (the new list had replaced what was applied for)."""
    chat = _applied_days_ago(0)
    chat.jobs = [RANGER]
    chat.say("有啥活干")
    chat.later(days=2)
    assert chat.say("俺前几天报了名的那个活 到底在哪个地方上班呀") == [WHERE]
    assert not chat.kinds("employment_status_changed") and not chat.kinds("field_changed")
