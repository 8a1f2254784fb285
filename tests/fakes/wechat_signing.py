"""Builds WeChat callback requests the way WeChat's servers sign them (plaintext mode)."""

from __future__ import annotations

import hashlib
import secrets
import time
from xml.sax.saxutils import escape


def sign(token: str, timestamp: str, nonce: str) -> str:
    return hashlib.sha1("".join(sorted([token, timestamp, nonce])).encode()).hexdigest()


def signed_query(token: str, timestamp: int | None = None, nonce: str | None = None) -> dict[str, str]:
    """A fresh nonce each time, as WeChat does: a signed URL is accepted again only with the same body."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    nonce = nonce or secrets.token_hex(5)
    return {"signature": sign(token, ts, nonce), "timestamp": ts, "nonce": nonce, "openid": "ignored"}


def text_message(
    user: str, content: str, msg_id: int | str, account: str = "gh_test", create_time: int | None = None
) -> bytes:
    ct = int(time.time()) if create_time is None else create_time
    return (
        f"<xml><ToUserName><![CDATA[{account}]]></ToUserName>"
        f"<FromUserName><![CDATA[{user}]]></FromUserName><CreateTime>{ct}</CreateTime>"
        f"<MsgType><![CDATA[text]]></MsgType><Content>{escape(content)}</Content>"
        f"<MsgId>{msg_id}</MsgId></xml>"
    ).encode()
