"""Play-testing of 2026-12-07 (jobs20): a course of another trade asked for with a course list open (and the one of
that trade closed last week), an item's number with two questions, the short-term and childcare notes by SMS, work
refused that is the person's own, and a workshop for someone who asked for short-term work (tests/survey/driver.py
and the app; each test failed on the code before its fix unless called a guard)."""

from __future__ import annotations

import pytest

from dialogs.flows.jobs_replies import questions_in
from tests.jobs.test_dialog import GUARD, RANGER, registered_chat
from tests.jobs.test_jobs19_replies import WORKSHOP

# -- 2. an item's number and two questions ---------------------------------------------------------------------------


def test_a_number_then_two_questions_answers_both() -> None:
    """1 在县城哪里 要干几个小时: only the hours were answered."""
    chat = registered_chat(jobs=[WORKSHOP, GUARD, RANGER])
    chat.say("有啥活干")
    replies = chat.say("1 在县城哪里 要干几个小时")
    assert replies[0].startswith("「扶贫车间缝纫工」在: ") and "上班时间" in replies[1] and len(replies) == 2


@pytest.mark.parametrize(("text", "asked"), [("1 在县城哪里 要干几个小时", ["where", "hours"]),
                                             ("1 工资多少 包吃住吗", ["pay", "board"]),
                                             ("第一个 在哪 包住不", ["where", "board"]),
                                             ("1 要不要体检 几号上班", ["checkup", "when"])])
def test_the_questions_after_a_number_are_each_about_it(text: str, asked: list[str]) -> None:
    assert [(a, n) for a, n, _ in questions_in(text)] == [(a, 1) for a in asked]


def test_where_in_the_county_is_a_where_and_anywhere_is_not() -> None:
    """在县城哪里 was no question (在哪 only); 县城哪里都行 is an answer (a guard)."""
    chat = registered_chat(jobs=[GUARD, RANGER])
    chat.say("有啥活干")
    chat.say("1")
    assert chat.say("在县城哪里")[0].startswith("「小区保安」在: ")
    assert questions_in("我在县城哪里都行") == []
