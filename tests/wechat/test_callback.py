"""The callback boundary: URL verification, the three message modes, the replay window, and bad input."""

from __future__ import annotations

import logging
import time
from typing import Any

import pytest

from bot.channels import wechat_protocol as proto
from bot.settings import Settings
from dialogs.i18n import catalog
from tests.fakes.wechat_api import APP_ID
from tests.wechat import records
from tests.wechat.callback import (
    ACCOUNT,
    TOKEN,
    decrypt_reply,
    encrypted,
    message,
    parse,
    post,
    sign,
    signed_query,
    text,
)

HELP = catalog("zh_CN").get("common.help")
# Content no log line may carry.
MARKER = "机密内容-MARKER-7f3a"


# -- URL verification ---------------------------------------------------------------------------------

async def test_url_verification_echoes_echostr_for_a_good_signature(wechat_client: Any) -> None:
    resp = await wechat_client.get("/wechat", params=signed_query(echostr="echo-4711"))
    assert resp.status == 200
    assert await resp.text() == "echo-4711"


@pytest.mark.parametrize("query", [
    {"signature": "0" * 40, "timestamp": "1700000000", "nonce": "n", "echostr": "e"},
    {"timestamp": "1700000000", "nonce": "n", "echostr": "e"},
    {"echostr": "e"},
    {},
], ids=["bad-signature", "no-signature", "no-parameters", "nothing"])
async def test_url_verification_refuses_a_bad_or_missing_signature(wechat_client: Any, query: Any) -> None:
    resp = await wechat_client.get("/wechat", params=query)
    assert resp.status == 403
    assert "e" != await resp.text()


async def test_url_verification_with_another_token_is_refused(wechat_client: Any) -> None:
    resp = await wechat_client.get("/wechat", params=signed_query("other-token", echostr="x"))
    assert resp.status == 403


# -- the three modes ------------------------------------------------------------------------------------

async def test_plaintext_mode_text_message_gets_a_passive_reply(wechat_client: Any) -> None:
    status, body = await post(wechat_client, text("u-plain", "帮助", 1001))
    assert status == 200
    reply = parse(body)
    assert reply["ToUserName"] == "u-plain"
    assert reply["FromUserName"] == ACCOUNT
    assert reply["MsgType"] == "text"
    assert HELP in reply["Content"]


async def test_safe_mode_text_message_gets_an_encrypted_reply(wechat_client: Any) -> None:
    env = encrypted(text("u-safe", "帮助", 1002), app_id=APP_ID)
    assert b"<Content>" not in env.body
    status, body = await post(wechat_client, env.body, env.query)
    assert status == 200
    assert HELP not in body
    reply = decrypt_reply(body, app_id=APP_ID)
    assert reply["ToUserName"] == "u-safe"
    assert HELP in reply["Content"]


async def test_compatible_mode_answers_from_the_signed_ciphertext_not_the_plaintext(wechat_client: Any) -> None:
    # Only the ciphertext is covered by msg_signature: the plaintext copy must not be what is acted on.
    env = encrypted(text("u-compat", "帮助", 1003), app_id=APP_ID, compatible=True,
                    plaintext_override={"Content": "重新开始"})
    assert b"<Content>" in env.body
    status, body = await post(wechat_client, env.body, env.query)
    assert status == 200
    reply = decrypt_reply(body, app_id=APP_ID)
    assert HELP in reply["Content"]


# -- replay window --------------------------------------------------------------------------------------

async def test_old_timestamp_is_refused_when_a_replay_window_is_set(
    make_client: Any, wechat_settings: Settings
) -> None:
    client = await make_client(wechat_settings.replace(wechat_replay_window=300))
    old = int(time.time()) - 3600
    status, _ = await post(client, text("u-replay", "帮助", 1101), signed_query(timestamp=old))
    assert status == 403
    status, _ = await post(client, text("u-replay", "帮助", 1102), signed_query())
    assert status == 200
    # A timestamp that is not a number cannot be checked against the window: refused, not a 500.
    status, _ = await post(client, text("u-replay", "帮助", 1104), signed_query(timestamp="yesterday"))
    assert status == 403


async def test_old_timestamp_is_accepted_without_a_replay_window(wechat_client: Any) -> None:
    old = int(time.time()) - 3600
    status, body = await post(wechat_client, text("u-replay0", "帮助", 1103), signed_query(timestamp=old))
    assert status == 200
    assert HELP in parse(body)["Content"]


# -- bad input ------------------------------------------------------------------------------------------

XXE = (f'<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
       f"<xml><ToUserName>{ACCOUNT}</ToUserName><FromUserName>u-bad</FromUserName><CreateTime>1</CreateTime>"
       f"<MsgType>text</MsgType><Content>{MARKER}&x;</Content><MsgId>9</MsgId></xml>").encode()
LAUGHS = ('<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY a "' + MARKER + '">'
          + "".join(f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">' for i in range(8))
          + f"]><xml><ToUserName>{ACCOUNT}</ToUserName><FromUserName>u-bad</FromUserName>"
          "<CreateTime>1</CreateTime><MsgType>text</MsgType><Content>&i;</Content><MsgId>9</MsgId></xml>").encode()

LAUGHS_UTF16 = LAUGHS.decode().replace('"1.0"?>', '"1.0" encoding="UTF-16"?>').encode("utf-16")


def _bad_requests() -> list[tuple[str, Any, int]]:
    """(name, builder -> (body, query), expected status). Builders run inside the test."""
    good = text("u-bad", MARKER, 4242)

    def plain(body: bytes) -> Any:
        return lambda: (body, signed_query())

    def wrong_msg_signature() -> Any:
        env = encrypted(good, app_id=APP_ID)
        return env.body, env.query | {"msg_signature": "0" * 40}

    def undecryptable() -> Any:
        garbage = "QUJDREVGR0hJSktMTU5PUA=="  # 16 bytes: valid base64, not a valid padded message
        query = signed_query(encrypt_type="aes")
        query["msg_signature"] = sign(TOKEN, query["timestamp"], query["nonce"], garbage)
        return message({"ToUserName": ACCOUNT, "Encrypt": garbage}), query

    def not_base64() -> Any:
        garbage = MARKER
        query = signed_query(encrypt_type="aes")
        query["msg_signature"] = sign(TOKEN, query["timestamp"], query["nonce"], garbage)
        return message({"ToUserName": ACCOUNT, "Encrypt": garbage}), query

    def wrong_app_id() -> Any:
        env = encrypted(good, app_id="wxsomeoneelse00001")
        return env.body, env.query

    def unknown_encrypt_type() -> Any:
        return good, signed_query(encrypt_type="rot13")

    def bad_signature() -> Any:
        return good, signed_query() | {"signature": "f" * 40}

    return [
        ("bad-signature", bad_signature, 403),
        ("malformed-xml", plain(b"<xml><Content>" + MARKER.encode() + b"</Conte"), 400),
        ("not-xml", plain(MARKER.encode()), 400),
        ("xxe", plain(XXE), 400),
        ("billion-laughs", plain(LAUGHS), 400),
        # The same in UTF-16: a check on the raw bytes would not see the declaration.
        ("billion-laughs-utf16", plain(LAUGHS_UTF16), 400),
        ("missing-msgid", plain(message({"ToUserName": ACCOUNT, "FromUserName": "u-bad", "CreateTime": 1,
                                         "MsgType": "text", "Content": MARKER})), 400),
        ("missing-sender", plain(message({"ToUserName": ACCOUNT, "CreateTime": 1, "MsgType": "text",
                                          "Content": MARKER, "MsgId": 5})), 400),
        ("wrong-msg-signature", wrong_msg_signature, 403),
        ("undecryptable-encrypt", undecryptable, 400),
        ("encrypt-not-base64", not_base64, 400),
        ("wrong-appid-in-ciphertext", wrong_app_id, 400),
        ("unknown-encrypt-type", unknown_encrypt_type, 400),
        ("empty-body", plain(b""), 400),
        ("body-over-64kb", plain(text("u-bad", MARKER + "长" * 22_000, 4243)), 413),
        # Under 64 KB but longer than any message a person can type in WeChat.
        ("text-too-long", plain(text("u-bad", MARKER + "a" * 5000, 4244)), 400),
        ("location-with-attributes", plain(
            f"<xml><ToUserName>{ACCOUNT}</ToUserName><FromUserName>u-bad</FromUserName><CreateTime>1</CreateTime>"
            f'<MsgType>location</MsgType><Location_X a="1">23.1</Location_X><Location_Y>113.3</Location_Y>'
            f"<Label>{MARKER}</Label><MsgId>4245</MsgId></xml>".encode()), 400),
        ("root-not-xml", plain(f"<message><Content>{MARKER}</Content></message>".encode()), 400),
        ("encrypted-without-encrypt", lambda: (good, signed_query(encrypt_type="aes") | {"msg_signature": "0" * 40}),
         400),
        ("sender-too-long", plain(text("u" * 200, MARKER, 4247)), 400),
        ("location-bad-coordinates", plain(
            f"<xml><ToUserName>{ACCOUNT}</ToUserName><FromUserName>u-bad</FromUserName><CreateTime>1</CreateTime>"
            "<MsgType>location</MsgType><Location_X>north</Location_X><Location_Y>113.3</Location_Y>"
            f"<Label>{MARKER}</Label><MsgId>4248</MsgId></xml>".encode()), 400),
        ("location-repeated", plain(
            f"<xml><ToUserName>{ACCOUNT}</ToUserName><FromUserName>u-bad</FromUserName><CreateTime>1</CreateTime>"
            "<MsgType>location</MsgType><Location_X>23.1</Location_X><Location_X>24</Location_X>"
            f"<Location_Y>113.3</Location_Y><Label>{MARKER}</Label><MsgId>4246</MsgId></xml>".encode()), 400),
    ]


@pytest.mark.parametrize(("build", "expected"), [(b, s) for _, b, s in _bad_requests()],
                         ids=[name for name, _, _ in _bad_requests()])
async def test_bad_input_gets_a_4xx_and_a_log_line_without_content(
    wechat_client: Any, sessions: Any, caplog: pytest.LogCaptureFixture, build: Any, expected: int
) -> None:
    body, query = build()
    with caplog.at_level(logging.DEBUG):
        status, answer = await post(wechat_client, body, query)
    assert status == expected
    assert MARKER not in answer
    rejected = [r for r in caplog.records if r.name == "bot.channels.wechat" and "rejected" in r.getMessage()]
    assert len(rejected) == 1, caplog.text
    assert MARKER not in caplog.text
    assert await records.inbound_count(sessions) == 0


async def test_chunked_body_over_64kb_is_refused_while_reading(wechat_client: Any) -> None:
    async def chunks() -> Any:
        for _ in range(10):
            yield b"<" + b"x" * 8191

    resp = await wechat_client.post("/wechat", params=signed_query(), data=chunks())
    assert resp.status == 413


async def test_safe_mode_message_without_a_configured_key_is_refused(
    make_client: Any, wechat_settings: Settings
) -> None:
    client = await make_client(wechat_settings.replace(wechat_aes_key=""))
    env = encrypted(text("u-nokey", "帮助", 1201), app_id=APP_ID)
    status, _ = await post(client, env.body, env.query)
    assert status == 400


# -- reply XML cannot be broken -------------------------------------------------------------------------

NASTY = "a]]>b<c>&d\x00e\x01f\x08g\x0bh\x0ci\x1fj\ufffek\x7fl]]]]>m\tn\r\no"


def test_render_reply_keeps_cdata_closed_and_drops_xml_invalid_characters() -> None:
    reply = parse(proto.render_reply(ACCOUNT, "u-x]]><y>", NASTY))
    assert reply["Content"] == "a]]>b<c>&defghijk\x7fl]]]]>m\tn\no"
    assert reply["ToUserName"] == "u-x]]><y>"


def test_render_reply_is_wechatpys_text_reply_character_for_character() -> None:
    """render_reply formats the XML itself (cheaper than wechatpy's field objects): it must not drift from it."""
    from datetime import UTC, datetime

    from wechatpy.replies import TextReply

    at = datetime(2026, 12, 5, 1, 40, 7, 250000, tzinfo=UTC)
    for account, user, content in ((ACCOUNT, "o-user", "您好，请回复1或2"), (ACCOUNT, "u-x]]><y>", NASTY),
                                   ("gh_x", "o", ""), (ACCOUNT, "o-2", "第一行\n第二行 & <b>{x}</b>")):
        wechatpy = TextReply(source=proto.cdata_safe(account), target=proto.cdata_safe(user),
                             content=proto.cdata_safe(content))
        wechatpy.time = int(at.timestamp())
        assert proto.render_reply(account, user, content, at) == wechatpy.render()


async def test_user_text_with_cdata_terminator_cannot_break_the_reply(wechat_client: Any) -> None:
    # "]]>" and markup arrive escaped in the callback XML; the reply must still parse.
    for n, content in enumerate(["]]>", "帮助]]><MsgType>news</MsgType>", "<![CDATA[x]]>]]>"], 1300):
        status, body = await post(wechat_client, text("u-cdata", content, n))
        assert status == 200
        reply = parse(body)
        assert set(reply) == {"ToUserName", "FromUserName", "CreateTime", "MsgType", "Content"}
        assert reply["MsgType"] == "text"
