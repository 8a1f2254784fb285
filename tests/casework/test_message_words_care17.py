"""A caseworker's words to the person (发消息 / 发短信 C3 …) reach them as written. Before, they were read like a
closing reason, their own punctuation cut off at both ends: "发消息 C3 您好, 请问是哪家单位欠的工资? 在哪个村?" reached
the laborer as "…在哪个村", a question without its question mark. Separators before the words still go, and
punctuation alone is still no words (a guard: the chat asks for them)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from dialogs.flows.caseworker import parse, step
from dialogs.i18n import render
from dialogs.types import Inbound, StepContext

_NOW = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)


@pytest.mark.parametrize(("said", "words"), [
    ("发消息 C3 您好, 请问是哪家单位欠的工资? 在哪个村?", "您好, 请问是哪家单位欠的工资? 在哪个村?"),
    ("C3 发消息 明天来村委会吗?", "明天来村委会吗?"),
    ("发短信 A4: 在家吗? 下午过去。", "在家吗? 下午过去。"),
    ("发消息C3，明天上午十点!", "明天上午十点!"),
])
def test_the_words_keep_their_punctuation(said: str, words: str) -> None:
    found = parse(said)
    assert found is not None and found["reason"] == words


def test_punctuation_alone_is_no_words() -> None:
    ctx = StepContext(now=_NOW, today=date(2026, 12, 7), channel="wechat", locale="zh_CN")
    r = step({}, Inbound(channel="wechat", address="o1", dedup_key="k", received_at=_NOW, kind="text",
                         text="发消息 C3 。"), ctx)
    assert r.events == [] and render(r.outbound[0], "zh_CN", "wechat").startswith("请写上要发给本人的话")
    # A reason is read as before, its punctuation left off.
    assert parse("结案 C3 就业。") == {"action": "close", "record": "C", "id": 3, "reason": "就业"}
