"""Pure parts of the SMS channel: phone numbers, text decoding, the token check, packing, the rate limit."""

from __future__ import annotations

import asyncio

import pytest

from bot.channels.sms import (
    KannelConfig,
    KannelSender,
    TokenBucket,
    UnknownCharset,
    decode_text,
    normalise_phone,
    token_ok,
)
from bot.delivery import OutgoingMessage
from dialogs.sms_text import pack


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("13812345678", "+8613812345678"),
        ("+8613812345678", "+8613812345678"),
        ("8613812345678", "+8613812345678"),
        ("008613812345678", "+8613812345678"),
        ("138 1234 5678", "+8613812345678"),
        ("+447700900123", "+447700900123"),
        ("00447700900123", "+447700900123"),
        ("10086", "10086"),  # a short code stays as given: replies go back the same way
        ("", None),
        ("abc", None),
        ("+86-1381234567x", None),
    ],
)
def test_phone_numbers_are_normalised_to_e164(raw: str, expected: str | None) -> None:
    assert normalise_phone(raw) == expected


def test_text_is_decoded_per_coding_and_charset() -> None:
    assert decode_text("你好".encode(), "0", "UTF-8") == ("你好", True)
    # Without mo-recode Kannel passes UCS-2 through as UTF-16BE.
    assert decode_text("退订".encode("utf-16-be"), "2", "UTF-16BE") == ("退订", True)
    assert decode_text("退订".encode("utf-16-be"), "2", "") == ("退订", True)
    assert decode_text("café".encode("latin-1"), "0", "ISO-8859-1") == ("café", True)
    assert decode_text(b"plain", "", "") == ("plain", True)
    text, clean = decode_text(b"\xff\xfe\xfa", "0", "UTF-8")
    assert not clean and "\ufffd" in text
    with pytest.raises(UnknownCharset):
        decode_text(b"ok", "0", "no-such-charset")


def test_token_check() -> None:
    assert token_ok("s3cret", "s3cret")
    assert not token_ok("s3cret", "s3cre")
    assert not token_ok("s3cret", None)
    assert not token_ok("", "")  # unconfigured accepts nothing


def test_short_replies_share_one_sms_and_long_ones_stay_whole() -> None:
    assert pack(["谢谢您的同意。", "请问您的姓名?"]) == ["谢谢您的同意。\n请问您的姓名?"]
    long = "长" * 67  # with "好的。\n" in front it would need 71 characters
    assert pack(["好的。", long, "再见"]) == ["好的。", long + "\n再见"]
    assert pack(["长" * 40, "短" * 40]) == ["长" * 40, "短" * 40]
    assert pack([]) == []


async def test_token_bucket_spaces_out_sends_beyond_the_burst() -> None:
    now = [0.0]
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    bucket = TokenBucket(2.0, burst=2, monotonic=lambda: now[0], sleep=sleep)
    for _ in range(6):
        await bucket.take()
    # Two at once, then one every half second.
    assert now[0] == pytest.approx(2.0)
    assert all(s == pytest.approx(0.5) for s in slept)


async def test_token_bucket_serves_concurrent_waiters_in_order() -> None:
    bucket = TokenBucket(1000.0, burst=1)
    order: list[int] = []

    async def take(i: int) -> None:
        await bucket.take()
        order.append(i)

    await asyncio.gather(*(take(i) for i in range(5)))
    assert order == [0, 1, 2, 3, 4]


def test_sendsms_parameters() -> None:
    config = KannelConfig("http://127.0.0.1:1/cgi-bin/sendsms", "u", "p", "10690000",
                          "https://jiuye.example/", "tok en", 10.0)
    sender = KannelSender(None, config)  # type: ignore[arg-type]  # params() makes no request
    zh = sender.params(OutgoingMessage(42, 1, "sms", "+8613812345678", "您好", "text"))
    assert zh["coding"] == "2" and zh["charset"] == "utf-8" and zh["from"] == "10690000"
    assert zh["to"] == "+8613812345678" and zh["dlr-mask"] == "31"
    assert zh["dlr-url"] == "https://jiuye.example/sms/kannel/dlr?token=tok%20en&id=42&status=%d"
    en = sender.params(OutgoingMessage(43, 1, "sms", "+8613812345678", "Reply 1 to agree", "text"))
    assert en["coding"] == "0"


def test_a_long_text_goes_as_several_messages_of_at_most_two_parts() -> None:
    from dialogs.sms_text import parts, within_parts

    lines = "\n".join(f"{i}. 项目名称{i}: 内容内容内容{i}" for i in range(1, 19))
    summary = f"请核对您的信息:\n{lines}\n没问题回0"
    pieces = within_parts(summary)
    assert len(pieces) > 1 and all(parts(p) <= 2 for p in pieces)
    assert "\n".join(pieces) == summary  # cut between lines, nothing lost
    one_long_line = "长" * 400
    cut = within_parts(one_long_line)
    assert "".join(cut) == one_long_line and all(parts(p) <= 2 for p in cut)
    assert within_parts("短信") == ["短信"]
