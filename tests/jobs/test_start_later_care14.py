"""care14: "过完年" / "过完年才能去" typed while reading a job's or a training's details (no offer question asked) was
"没太明白" and the menu. It is when the person can start: kept for the item's application (it goes to the caseworker
with it), a course over by then is said to be, and on a job the caseworker referred, the caseworker is told."""

from __future__ import annotations

from typing import Any

import pytest

from tests.jobs.test_dialog import GUARD, RANGER, WELDING, registered_chat
from tests.survey.driver import Chat

APPLIED = {"status": "applied", "ref": "v1", "application_id": 7, "item": "vacancy", "kind": "factory",
           "title": "小区保安", "organisation": "威宁县某物业公司", "contact": None}


def _pushed(chat: Chat, items: list[dict[str, Any]], trigger: str) -> None:
    chat._run(chat._inbound(kind="event", event="jobs.push_items.result",
                            payload={"status": "ok", "trigger": trigger, "items": items}))


@pytest.mark.parametrize("said", ["过完年", "过完年才能去", "年后才能去", "我过了年才有空"])
def test_the_time_said_at_a_job_s_details_goes_with_its_application(said: str) -> None:
    chat = registered_chat(jobs=[GUARD, RANGER])
    chat.applications["v1"] = APPLIED
    chat.say("有啥活干")
    chat.say("1")
    replies = chat.say(said)
    assert replies == ["好的, 记下了您过完年才能去。想报「小区保安」的话回复 报名 1, "
                       "会把您什么时候能去一起告诉工作人员, 由他们跟单位商量。"]
    assert chat.awaiting == "jobs" and not chat.kinds("human_requested")
    chat.say("报名1")
    assert [e.data.get("note") for e in chat.kinds("application_made")] == [said]


def test_a_course_over_by_then_is_said_to_be() -> None:
    chat = registered_chat(jobs=[WELDING])
    chat.say("有啥培训")
    chat.say("1")
    assert chat.say("过完年才能去") == [
        "「电焊工培训班」12月30日就结课了, 过完年再去就赶不上了。年前能去的话回复 报名 1; "
        "去不了的话, 年后开班的培训到时再报。"]


def test_on_a_referred_job_the_caseworker_is_told() -> None:
    chat = registered_chat(jobs=[GUARD])
    _pushed(chat, [GUARD], "referral")
    chat.say("1")
    replies = chat.say("过完年才能去")
    assert replies == [
        "好的, 已告诉推荐「小区保安」的工作人员您过完年才能去, 他们会跟单位商量。想报名的话回复 报名 1。"]
    assert [(e.data["reason"], e.data["said"]) for e in chat.kinds("human_requested")] == [
        ("referral_later", "「小区保安」: 过完年才能去")]


def test_news_and_another_item_s_application_are_not_taken_for_it() -> None:
    """Guards: with nothing open it is not this; a job lost 过完年 is news; the time goes with its own item only."""
    chat = registered_chat(jobs=[GUARD, RANGER])
    chat.say("有啥活干")
    assert "好的, 记下了" not in " ".join(chat.say("过完年才能去"))
    chat = registered_chat(jobs=[GUARD, RANGER])
    chat.applications["v3"] = APPLIED | {"ref": "v3", "application_id": 8, "title": "生态护林员"}
    chat.say("有啥活干")
    chat.say("1")
    chat.say("过完年")
    chat.say("报名2")
    assert [e.data.get("note") for e in chat.kinds("application_made")] == [None]
