"""care12's round of a laborer's words about jobs (2026-12-06): a wish for work that leaves time for a child when no
item says it does, and a question about the job applied for that names it at length. Each failed before its fix."""

from __future__ import annotations

import pytest

from dialogs.sms_text import parts
from tests.jobs.test_dialog import GUARD, RANGER, registered_chat
from tests.jobs.test_playtest4 import WORKSHOP

FAMILY_NONE = "暂时没有写明能带娃、时间灵活或在家做的活。下面这些您可以问问; 想让工作人员帮您找这样的, 回复 人工。"


@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_work_that_lets_a_parent_look_after_a_child_is_not_passed_off_when_none_says_so(channel: str) -> None:
    """"有能带娃的活不" showed the guard and the ranger as "根据您的情况" work, as for "有啥活干"."""
    chat = registered_chat(jobs=[GUARD, RANGER], channel=channel)
    replies = chat.say("有能带娃的活不")
    assert replies[0] == FAMILY_NONE and parts(replies[0]) == 1
    assert "小区保安" in "\n".join(replies[1:])  # the list still follows: they may ask
    assert chat.awaiting == "jobs"


@pytest.mark.parametrize("wish", ["有能带娃的活不", "孩子小 离不开 有在家干的活吗"])
def test_a_workshop_or_an_item_that_allows_a_child_is_shown_without_the_note(wish: str) -> None:
    for jobs in ([WORKSHOP, GUARD], [GUARD | {"requirements": "可带孩子 时间灵活"}]):
        replies = registered_chat(jobs=jobs).say(wish)
        assert FAMILY_NONE not in replies and replies[0].startswith("根据您的情况")


def test_a_plain_search_has_no_note() -> None:
    assert FAMILY_NONE not in registered_chat(jobs=[GUARD, RANGER]).say("有啥活干")


@pytest.mark.parametrize(("asked", "answer"), [
    ("我报名的那个小区保安的活到底啥时候能去上班啊", "「小区保安」您已经报了名。哪天能去上班由单位定"),
    ("上次报的那个保安的活 工资多少钱一个月啊", "「小区保安」的工资: 2500-3200元/月"),
])
def test_a_long_question_about_the_job_applied_for_is_answered_from_it(asked: str, answer: str) -> None:
    """Over 16 characters, "我报名的那个小区保安的活到底啥时候能去上班啊" days later was a new search, and
    "上次报的那个保安的活 工资多少钱一个月啊" was referred to the caseworker."""
    chat = registered_chat(jobs=[GUARD, RANGER])
    chat.applications["v1"] = {"status": "applied", "ref": "v1", "title": "小区保安", "application_id": 5,
                               "item": "vacancy"}
    chat.say("有啥活干")
    chat.say("报名1")
    chat.later(days=5)
    [reply] = chat.say(asked)
    assert reply.startswith(answer), reply
    assert not chat.kinds("question_referred")
