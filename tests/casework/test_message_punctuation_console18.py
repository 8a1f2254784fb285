"""console18: a caseworker's words to the person (发消息 / 发短信 C3 …) reached the laborer with their full-width
punctuation made ASCII (您好，明天在家吗？ -> 您好,明天在家吗?): the command is read in NFKC (Ｃ３ is C3) and the words
were taken from that reading. They are now taken as typed; the command itself is still read in NFKC."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from dialogs.flows.caseworker import parse, step
from dialogs.types import Inbound, StepContext

_NOW = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)


@pytest.mark.parametrize(("said", "words"), [
    ("发消息 C3 您好，明天在家吗？我们上午到！", "您好，明天在家吗？我们上午到！"),
    ("　发消息　Ｃ３　在哪个村？（组）", "在哪个村？（组）"),
    ("C3 发消息 明天来村委会吗？", "明天来村委会吗？"),
    ("发短信 A4：在家吗？ 下午过去。", "在家吗？ 下午过去。"),
    ("回复 发消息 A5 好的，知道了！", "好的，知道了！"),
])
def test_the_words_keep_their_full_width_punctuation(said: str, words: str) -> None:
    found = parse(said)
    assert found is not None and found["reason"] == words


def test_the_command_event_carries_the_words_as_typed() -> None:
    ctx = StepContext(now=_NOW, today=date(2026, 12, 7), channel="wechat", locale="zh_CN")
    r = step({}, Inbound(channel="wechat", address="o1", dedup_key="k", received_at=_NOW, kind="text",
                         text="发消息 Ｃ３ 您好，工资的事有进展吗？"), ctx)
    [event] = r.events
    assert (event.data["action"], event.data["id"], event.data["reason"]) == ("message", 3, "您好，工资的事有进展吗？")


def test_a_reason_is_still_read_in_nfkc() -> None:
    """A guard: closing reasons and the rest are read as before."""
    assert parse("结案 Ｃ３ 就业。") == {"action": "close", "record": "C", "id": 3, "reason": "就业"}
