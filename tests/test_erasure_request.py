"""A request to delete one's data or withdraw consent (个人信息保护法: consent may be withdrawn, data deleted): it
was "抱歉, 没太明白您的意思" and the menu (the lead's play of 2026-12-07). Now: messages stop at once, the
responsible caseworker is asked to verify and delete (an alert quoting the words, numbers masked), and the person
is told so honestly — the deletion itself is done by the office, which also holds the records sent to it."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from bot import keys
from dialogs import nlu
from storage.models import Alert
from tests.casework.test_caseworker_chat import _world
from tests.people import say
from tests.survey.driver import Chat
from tests.survey.test_talking_as_people_type import consented


@pytest.mark.parametrize("text", ["我不想用了 把我的信息都删掉", "删除我的个人信息", "把我的资料删了吧", "撤回同意",
                                  "我不同意了 注销我的登记", "信息全删了", "please delete my data",
                                  "I withdraw my consent"])
def test_a_request_to_delete_is_understood(text: str) -> None:
    assert nlu.asks_erasure(text), text


@pytest.mark.parametrize("text", ["取消报名", "删了重新填", "我手机号换了", "不想干了", "把那个工作删了", "退订",
                                  "我同意", "信息填错了"])
def test_other_things_are_no_request_to_delete(text: str) -> None:
    assert not nlu.asks_erasure(text), text


@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_a_registered_person_asking_to_delete_is_stopped_and_passed_on(channel: str) -> None:
    chat = consented(channel)
    replies = chat.say("我不想用了 把我的信息都删掉")
    assert chat.state["opted_out"] is True
    [asked] = [e for e in chat.kinds("human_requested") if e.data.get("reason") == "erasure"]
    assert asked.data["said"] == "我不想用了 把我的信息都删掉"
    assert chat.kinds("opted_out")
    assert "删除" in replies[0] and "工作人员" in replies[0], replies


def test_before_consent_nothing_is_kept_to_delete() -> None:
    chat = Chat(channel="wechat")
    chat.event("subscribe")
    replies = chat.say("把我的信息删掉")
    assert not chat.kinds("human_requested")
    assert "没有" in replies[0], replies


async def test_the_caseworker_is_asked_to_verify_and_delete(client: Any) -> None:
    app = client.server.app
    await _world(app)
    await say(app, "sms", "+8613800138009", "我要登记")
    await say(app, "sms", "+8613800138009", "同意")
    asked = await say(app, "sms", "+8613800138009", "把我的信息删了 电话13800138009别再打了")
    async with app[keys.SESSIONS]() as session:
        [alert] = list(await session.scalars(select(Alert).where(Alert.person_id == asked.person_id)))
    text = app[keys.CIPHER].decrypt(alert.body_enc)
    assert text.startswith("【删除信息】"), text
    assert "原话: 把我的信息删了" in text and "13800138009" not in text
    # The caseworker's list names it for what it is (it said 要找您, 请联系).
    listing = await say(app, "wechat", "oZhangZhuren0000000000001", "列表")
    assert f"A{alert.id} 要求删除个人信息" in "\n".join(listing.replies), listing.replies
