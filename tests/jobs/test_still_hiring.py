"""Whether an item of the list on screen still takes people (超市保安那个还招人不): answered about that item, by
title, number or the one open; before, the question ran a whole new search and showed the list again."""

from __future__ import annotations

import pytest

from tests.jobs.test_training_questions import GUARD
from tests.survey.driver import Chat

FACTORY = {**GUARD, "ref": "v2", "title": "电子厂普工", "employer": "深圳某厂", "place": "深圳",
           "expires": "2027-01-31"}


def chat(channel: str = "wechat") -> Chat:
    c = Chat(channel=channel, address="+8613912345678" if channel == "sms" else "u1")
    c.state = {"v": 1, "locale": "zh_CN", "flow": None, "awaiting": None, "menu_open": False,
               "consent": {"given": True}}
    c.jobs = [GUARD, FACTORY]
    return c


@pytest.mark.parametrize("channel", ["wechat", "sms"])
@pytest.mark.parametrize("asked", ["超市保安那个还招人不", "保安那个还要人吗", "1号还招人不"])
def test_still_hiring_asked_of_an_item_on_screen_is_answered_about_it(channel: str, asked: str) -> None:
    c = chat(channel)
    c.say("有啥活干")
    assert c.say(asked) == ["「超市保安」还在招, 想去就回复 报名 1。报了名工作人员会帮您对接。"]
    assert len(c.kinds("jobs.match")) == 1


def test_the_closing_date_is_told_when_the_item_has_one_and_the_apply_number_works() -> None:
    c = chat()
    c.say("有啥活干")
    assert c.say("电子厂那个还招人不") == ["「电子厂普工」还在招, 2027-01-31截止报名。想去就回复 报名 2。"]
    c.say("报名 2")
    assert [e.data["ref"] for e in c.kinds("jobs.apply")] == ["v2"]


def test_still_hiring_with_several_on_screen_and_none_named_asks_which() -> None:
    c = chat()
    c.say("有啥活干")
    assert c.say("还招人不")[0].startswith("您问的是哪一个?")
    assert len(c.kinds("jobs.match")) == 1


@pytest.mark.parametrize("asked", ["离家多远", "远不远"])
def test_how_far_the_item_open_is_answered_with_its_place(asked: str) -> None:
    """"离家多远" with an item's details open was "抱歉, 没太明白" and the menu."""
    c = chat()
    c.say("有啥活干")
    c.say("1")
    assert c.say(asked) == ["「超市保安」在: 威宁县。"]


@pytest.mark.parametrize("asked", ["要多大年纪的", "收多大岁数的"])
def test_what_age_the_item_open_takes_is_answered_from_it(asked: str) -> None:
    c = chat()
    c.jobs = [{**GUARD, "age_min": 18, "age_max": 55}, FACTORY]
    c.say("有啥活干")
    c.say("1")
    [answer] = c.say(asked)
    assert answer.startswith("「超市保安」的要求: ") and "55" in answer
