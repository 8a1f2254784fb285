"""Builds WeChat callback requests the way WeChat's servers do (plaintext, compatible and safe modes),
and reads the replies."""

from __future__ import annotations

import base64
import hashlib
import secrets
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any

from wechatpy.crypto import PrpCrypto, WeChatCrypto

TOKEN = "test-token"  # the `settings` fixture's wechat_token
AES_KEY = "JiuyeTestEncodingAESKey0123456789abcdefghij"  # 43 characters
ACCOUNT = "gh_jiuye_test"


def sign(*parts: str) -> str:
    """WeChat's signature: sha1 over the sorted parts (written out here, independent of the code under test)."""
    return hashlib.sha1("".join(sorted(parts)).encode()).hexdigest()


def signed_query(token: str = TOKEN, timestamp: int | str | None = None, nonce: str | None = None,
                 **extra: str) -> dict[str, str]:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    nonce = nonce or secrets.token_hex(5)
    return {"signature": sign(token, ts, nonce), "timestamp": ts, "nonce": nonce, "openid": "ignored", **extra}


def message(fields: dict[str, Any]) -> bytes:
    """A callback body; ElementTree escapes the text, as a correct sender must."""
    root = ET.Element("xml")
    for name, value in fields.items():
        ET.SubElement(root, name).text = str(value)
    body: bytes = ET.tostring(root, encoding="utf-8")
    return body


def _common(user: str, msg_type: str, create_time: int | None) -> dict[str, Any]:
    return {"ToUserName": ACCOUNT, "FromUserName": user,
            "CreateTime": int(time.time()) if create_time is None else create_time, "MsgType": msg_type}


def text(user: str, content: str, msg_id: int | str, create_time: int | None = None) -> bytes:
    return message(_common(user, "text", create_time) | {"Content": content, "MsgId": msg_id})


def voice(user: str, recognition: str, msg_id: int | str) -> bytes:
    return message(_common(user, "voice", None) | {"MediaId": "media-1", "Format": "amr",
                                                   "Recognition": recognition, "MsgId": msg_id})


def location(user: str, x: float, y: float, label: str, msg_id: int | str) -> bytes:
    return message(_common(user, "location", None) | {"Location_X": x, "Location_Y": y, "Scale": 15,
                                                      "Label": label, "MsgId": msg_id})


def image(user: str, msg_id: int | str) -> bytes:
    return message(_common(user, "image", None) | {"PicUrl": "http://127.0.0.1/pic.jpg", "MediaId": "m-2",
                                                   "MsgId": msg_id})


def event(user: str, name: str, create_time: int, key: str | None = None) -> bytes:
    fields = _common(user, "event", create_time) | {"Event": name}
    if key is not None:
        fields["EventKey"] = key
    return message(fields)


@dataclass(frozen=True, slots=True)
class Envelope:
    body: bytes
    query: dict[str, str]


def encrypted(inner: bytes, *, token: str = TOKEN, aes_key: str = AES_KEY, app_id: str,
              compatible: bool = False, plaintext_override: dict[str, Any] | None = None) -> Envelope:
    """Safe mode (only Encrypt) or compatible mode (the plaintext fields as well) with a valid msg_signature."""
    key = base64.b64decode(aes_key + "=")
    cipher = PrpCrypto(key).encrypt(inner.decode(), app_id)
    cipher = cipher.decode() if isinstance(cipher, bytes) else cipher
    query = signed_query(token, encrypt_type="aes")
    query["msg_signature"] = sign(token, query["timestamp"], query["nonce"], cipher)
    fields: dict[str, Any] = {"ToUserName": ACCOUNT}
    if compatible:
        fields = dict(parse(inner))
        fields.update(plaintext_override or {})
    fields["Encrypt"] = cipher
    return Envelope(message(fields), query)


def parse(xml: bytes | str) -> dict[str, str]:
    """Flat <xml> children -> text. ElementTree raises on anything that is not well-formed."""
    root = ET.fromstring(xml)
    assert root.tag == "xml"
    return {child.tag: child.text or "" for child in root}


def decrypt_reply(xml: str, *, token: str = TOKEN, aes_key: str = AES_KEY, app_id: str) -> dict[str, str]:
    outer = parse(xml)
    assert set(outer) == {"Encrypt", "MsgSignature", "TimeStamp", "Nonce"}
    inner = WeChatCrypto(token, aes_key, app_id).decrypt_message(
        xml, outer["MsgSignature"], outer["TimeStamp"], outer["Nonce"])
    return parse(inner)


async def post(client: Any, body: bytes, query: dict[str, str] | None = None) -> tuple[int, str]:
    resp = await client.post("/wechat", params=query or signed_query(), data=body,
                             headers={"Content-Type": "text/xml"})
    return resp.status, await resp.text()
