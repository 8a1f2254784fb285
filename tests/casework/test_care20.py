"""Care20 (2026-12-07, evening): caseworkers, their replies and the console, played as a caseworker and the people
they write to. Each test failed on 11b23f3 unless its docstring calls it a guard."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from dialogs import caseworker_reply
from tests.jobs.test_dialog import registered_chat
from tests.survey.driver import Chat


def _mark(chat: Chat, hours: float = 72) -> dict[str, Any]:
    return {"by": 1, "name": "李书记", "role": "caseworker", "case": 5,
            "until": (chat.now + timedelta(hours=hours)).isoformat()}


def _after_registration(channel: str = "wechat") -> Chat:
    """Someone whose registration was submitted (the survey done, no dialog open), written to by their caseworker."""
    chat = registered_chat(channel=channel)
    assert chat.state is not None
    chat.state["survey"] = {"phase": "done", "answers": {"employment_status": "unemployed"}}
    chat.state[caseworker_reply.MARK] = _mark(chat)
    return chat


def test_what_accepted_means_is_answered_by_the_bot_in_the_reply_window() -> None:
    """"受理了是啥意思 钱什么时候能拿到" right after the push "您的失业登记 (R7) 已受理…" went to the caseworker as a
    reply to their message (a window was open), and with no window it got the greeting and the commands."""
    chat = _after_registration()
    replies = chat.say("受理了是啥意思 钱什么时候能拿到")
    assert not chat.kinds(caseworker_reply.EVENT), replies
    assert len(replies) == 1 and "受理就是工作人员" in replies[0] and "12333" in replies[0] and "按月" in replies[0]
    # The window stays open for what answers the caseworker's own message.
    assert caseworker_reply.MARK in (chat.state or {})
    assert chat.say("好的 明天几点到") == ["您的话已转给帮扶责任人李书记。"]
    assert len(chat.kinds(caseworker_reply.EVENT)) == 1


def test_what_accepted_means_with_no_window_open() -> None:
    """"受理是什么意思" with no dialog open was "您好, 这里是就业帮扶服务。" and the commands."""
    chat = registered_chat()
    assert chat.state is not None
    chat.state["survey"] = {"phase": "done", "answers": {"employment_status": "unemployed"}}
    for text in ("受理是什么意思", "已受理 啥意思"):
        replies = chat.say(text)
        assert len(replies) == 1 and replies[0].startswith("【失业登记已受理】"), replies


def test_by_sms_the_answer_is_its_short_form() -> None:
    chat = _after_registration("sms")
    replies = chat.say("受理了是啥意思")
    assert replies == ["受理就是工作人员收下了您的失业登记。失业金要本人到人社窗口或12333申领, 一般10天内答复, "
                       "批了按月发到社保卡。"]

