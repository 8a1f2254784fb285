"""Known-answer vectors: WeChat's signature and Tencent's public AES sample, the latter through /wechat."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from bot.channels import wechat_protocol as proto
from bot.settings import Settings
from tests.wechat import records
from tests.wechat.callback import decrypt_reply, post, sign

# Tencent's WXBizMsgCrypt sample (public-platform message encryption).
T_TOKEN = "spamtest"
T_AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
T_APP_ID = "wx2c2769f8efd9abc2"
T_TIMESTAMP = "1409735669"
T_NONCE = "1320562132"
T_MSG_SIGNATURE = "5d197aaffba7e9b25a30732f161a50dee96bd5fa"
T_ENCRYPT = (
    "hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2L"
    "dJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6u"
    "x5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJ"
    "pXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCz"
    "pu9GhglF2PE="
)
T_BODY = (f"<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName>"
          f"<Encrypt><![CDATA[{T_ENCRYPT}]]></Encrypt></xml>").encode()
T_USER = "oyORnuP8q7ou2gfYjqLzSIWZf0rs"


def tencent_settings(settings: Settings, replay_window: int = 0) -> Settings:
    return settings.replace(wechat_token=T_TOKEN, wechat_aes_key=T_AES_KEY, wechat_app_id=T_APP_ID,
                            wechat_replay_window=replay_window, simulator=False)


def tencent_query() -> dict[str, str]:
    return {"signature": sign(T_TOKEN, T_TIMESTAMP, T_NONCE), "timestamp": T_TIMESTAMP, "nonce": T_NONCE,
            "openid": T_USER, "encrypt_type": "aes", "msg_signature": T_MSG_SIGNATURE}


def test_signature_vector_from_wechatpy() -> None:
    assert proto.signature("test", "1410685589", "test") == "f21891de399b4e33a1a93c9a7b8a8fffb5a443ff"
    assert sign("test", "1410685589", "test") == "f21891de399b4e33a1a93c9a7b8a8fffb5a443ff"


def test_msg_signature_and_decryption_of_the_tencent_sample() -> None:
    assert proto.signature(T_TOKEN, T_TIMESTAMP, T_NONCE, T_ENCRYPT) == T_MSG_SIGNATURE
    inner = proto.decrypt_body(T_TOKEN, T_AES_KEY, T_APP_ID, tencent_query(), T_BODY)
    decoded = proto.parse(inner, datetime.now(UTC))
    assert decoded.inbound.kind == "text"
    assert decoded.inbound.text == "abcdteT"
    assert decoded.inbound.dedup_key == "m:oyORnuP8q7ou2gfYjqLzSIWZf0rs:6054768590064713728"
    assert decoded.inbound.address == T_USER
    assert decoded.account == "gh_10f6c3c3ac5a"


async def test_tencent_sample_through_the_endpoint_gets_an_encrypted_reply(
    make_client: Any, settings: Settings, sessions: Any
) -> None:
    client = await make_client(tencent_settings(settings))
    status, reply = await post(client, T_BODY, tencent_query())
    assert status == 200, reply
    assert "abcdteT" not in reply and "<Content>" not in reply  # nothing in clear
    inner = decrypt_reply(reply, token=T_TOKEN, aes_key=T_AES_KEY, app_id=T_APP_ID)
    assert inner["ToUserName"] == T_USER
    assert inner["FromUserName"] == "gh_10f6c3c3ac5a"
    assert inner["MsgType"] == "text"
    assert inner["Content"].strip()
    stored = await records.inbound(sessions, T_USER)
    assert [(kind, key) for kind, key, _ in stored] == [("text", "m:oyORnuP8q7ou2gfYjqLzSIWZf0rs:6054768590064713728")]
    assert json.loads(stored[0][2])["text"] == "abcdteT"


async def test_tencent_sample_is_too_old_for_a_replay_window(make_client: Any, settings: Settings) -> None:
    client = await make_client(tencent_settings(settings, replay_window=300))
    status, _ = await post(client, T_BODY, tencent_query())
    assert status == 403

