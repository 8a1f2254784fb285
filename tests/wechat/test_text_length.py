"""WeChat's 2,048-byte text limit: long texts are split, and a passive reply carries what fits."""

from __future__ import annotations

from typing import Any

import pytest

from dialogs import wechat_text
from tests.fakes.wechat_api import FakeWeChatApi
from tests.wechat import records
from tests.wechat.callback import event, parse, post


def test_short_text_is_left_alone() -> None:
    assert wechat_text.within_limit("您好") == ["您好"]
    assert wechat_text.pack(["您好", "请问您的姓名?"]) == ["您好\n\n请问您的姓名?"]


def test_long_text_is_cut_between_lines_and_loses_nothing() -> None:
    lines = [f"{i}. 工作地点: 贵州省毕节市威宁彝族回族苗族自治县新发村" for i in range(1, 60)]
    text = "\n".join(lines)
    assert wechat_text.size(text) > wechat_text.MAX_BYTES
    pieces = wechat_text.within_limit(text)
    assert len(pieces) > 1
    assert all(wechat_text.size(p) <= wechat_text.MAX_BYTES for p in pieces)
    assert "\n".join(pieces) == text  # cut only at line ends
    assert all(p.split("\n")[0] in lines for p in pieces)


def test_one_line_longer_than_the_limit_is_cut_between_characters() -> None:
    text = "就业" * 1500  # 9,000 bytes, no line break
    pieces = wechat_text.within_limit(text)
    assert "".join(pieces) == text
    assert all(wechat_text.size(p) <= wechat_text.MAX_BYTES for p in pieces)
    assert all(wechat_text.MAX_BYTES - wechat_text.size(p) < 3 for p in pieces[:-1])  # full, no half character


def test_pack_never_exceeds_the_limit() -> None:
    texts = ["短句"] * 3 + ["长" * 1000] + ["尾"]
    packed = wechat_text.pack(texts, limit=2048)
    assert all(wechat_text.size(p) <= 2048 for p in packed)
    assert "".join(packed).replace("\n", "") == "".join(texts)


async def test_passive_reply_carries_what_fits_and_the_rest_follows_as_service_messages(
    wechat_client: Any, wechat_api: FakeWeChatApi, sessions: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The greeting on following is several texts; with the limit lowered they no longer fit one reply.
    status, body = await post(wechat_client, event("u-full", "subscribe", 1_700_000_100))
    assert status == 200
    full = parse(body)["Content"]
    limit = max(wechat_text.size(t) for t in full.split("\n\n")) + 1
    assert wechat_text.size(full) > limit
    monkeypatch.setattr(wechat_text, "MAX_BYTES", limit)

    status, body = await post(wechat_client, event("u-split", "subscribe", 1_700_000_200))
    assert status == 200
    passive = parse(body)["Content"]
    assert wechat_text.size(passive) <= limit and full.startswith(passive)
    await records.wait_for(lambda: _sent(wechat_api, "u-split", full, passive))
    rest = wechat_api.sent_texts("u-split")
    assert all(wechat_text.size(t) <= limit for t in rest)
    assert "\n\n".join([passive, *rest]) == full  # nothing lost, in order

    async def settled() -> bool:  # WeChat can have a message before the worker records the send
        statuses = [m.status for m in await records.outbox(sessions, "u-split")]
        return statuses == ["passive"] + ["sent"] * len(rest)

    await records.wait_for(settled)


async def _sent(api: FakeWeChatApi, openid: str, full: str, passive: str) -> bool:
    return "\n\n".join([passive, *api.sent_texts(openid)]) == full
