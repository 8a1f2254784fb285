"""care13: "过完年才能去" said of a training that ends before the Spring Festival was passed on as it was: the person
was not told the course would be over by then, nor the caseworker. Both are now (the course's last day)."""

from __future__ import annotations

from datetime import date

import pytest

from bot.casework.alerts import QUOTED_CHARS
from bot.job_effects import _with_course_over
from dialogs.flows.jobs import over_by_new_year
from tests.jobs.test_dialog import GUARD, WELDING, registered_chat

APPLIED_COURSE = {"status": "applied", "ref": "t2", "application_id": 9, "item": "training", "kind": "upgrade",
                  "title": "电焊工培训班", "organisation": "威宁职业培训中心", "contact": None}
OVER = ("注意: 「电焊工培训班」12月30日就结课了, 过完年再去就赶不上了。年前能去的话照常参加; 去不了的话回复 取消报名, "
        "年后开班的培训再报。")


@pytest.mark.parametrize("with_it", [True, False])
def test_after_the_new_year_of_a_course_over_by_then_is_warned_and_passed_on(with_it: bool) -> None:
    chat = registered_chat(jobs=[WELDING])
    chat.applications["t2"] = APPLIED_COURSE
    chat.say("有啥培训")
    if with_it:
        replies = chat.say("报名1 过完年才能去")
        [event] = chat.kinds("application_made")
    else:
        chat.say("报名1")
        replies = chat.say("过完年才能去哈")
        [event] = chat.kinds("application_note")
    assert replies[-1] == OVER, replies
    assert event.data["course_ends"] == "2026-12-30"  # the caseworker's alert says it (bot/job_effects.py)


def test_a_course_going_on_after_the_new_year_or_a_job_is_no_warning() -> None:
    """Guard: the note goes on as before."""
    later = WELDING | {"ends": "2027-03-30"}
    assert over_by_new_year(later, "过完年才能去", date(2026, 11, 26)) is None
    assert over_by_new_year(GUARD, "过完年才能去", date(2026, 11, 26)) is None
    assert over_by_new_year(WELDING, "下礼拜才能去", date(2026, 11, 26)) is None
    assert over_by_new_year(WELDING, "年后才能去", date(2026, 11, 26)) == date(2026, 12, 30)
    # Said during the holiday (正月初五 2027): the course of December is long over, one of this spring is not.
    assert over_by_new_year(later, "过完十五才能去", date(2027, 2, 10)) is None


def test_the_caseworkers_alert_says_the_course_is_over_by_then() -> None:
    assert _with_course_over("过完年才能去", "2026-12-30") == (
        "过完年才能去 (注意: 该培训12月30日结课, 在春节前, 已告诉本人)")
    assert _with_course_over("过完年才能去", None) == "过完年才能去"
    assert len(_with_course_over("说" * QUOTED_CHARS, "2026-12-30")) <= QUOTED_CHARS


def test_by_sms_the_warning_is_one_part() -> None:
    chat = registered_chat(jobs=[WELDING], channel="sms", address="+8613800138000")
    chat.applications["t2"] = APPLIED_COURSE
    chat.say("有啥培训")
    chat.say("报名1")
    assert chat.say("过完年才能去")[-1] == (
        "注意: 「电焊工培训班」12月30日结课, 过完年去就赶不上了。去不了回复 取消报名。")
