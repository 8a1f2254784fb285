"""The WeChat callback protocol without I/O: signatures, replay window, decryption, parsing, reply rendering."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import struct
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from xml.etree import ElementTree

from wechatpy.crypto import PrpCrypto, WeChatCrypto
from wechatpy.events import EVENT_TYPES
from wechatpy.messages import MESSAGE_TYPES, UnknownMessage

from bot.channels.clean import clean_text
from dialogs.types import Inbound, SignedRequest

# Characters of text we take from one message (WeChat allows 2,048 bytes of text; the body cap is 64 KB).
MAX_TEXT = 2000
# WeChat's callbacks are flat: the deepest (a picture-sending event) is five elements deep, counting <xml>.
# Checked before anything walks the tree recursively (a thousand nested elements overflowed the stack).
MAX_DEPTH = 8
MAX_ELEMENTS = 512
# A Unix time in seconds; more digits than this is not a time (and overflowed the window's arithmetic).
_TIMESTAMP = re.compile(r"[0-9]{1,12}")
_SIGNATURE = re.compile(r"[0-9a-fA-F]{40}")
_NONCE = re.compile(r"[!-~]{1,64}")  # printable ASCII without spaces: WeChat sends digits
MAX_MSG_ID = 64
MAX_DEDUP_KEY = 128


class ProtocolError(ValueError):
    """The request is not a valid WeChat callback; `reason` is safe to log (no content)."""

    def __init__(self, reason: str, status: int = 400) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status


def signature(*parts: str) -> str:
    """wechatpy's WeChatSigner (the parts as UTF-8, sorted as bytes, joined, SHA-1), without its object and list
    per call: the URL of every callback is checked with it (tests/wechat/test_vectors.py compares the two)."""
    return hashlib.sha1(b"".join(sorted(part.encode() for part in parts))).hexdigest()  # noqa: S324 - WeChat's


def check_signature(token: str, params: dict[str, str], window: int, now: float | None = None) -> None:
    """URL signature (and freshness when a replay window is set); raises ProtocolError."""
    sig, timestamp, nonce = params.get("signature"), params.get("timestamp"), params.get("nonce")
    if not sig or not timestamp or not nonce:
        raise ProtocolError("missing signature parameters", 403)
    if not (_SIGNATURE.fullmatch(sig) and _NONCE.fullmatch(nonce)):
        raise ProtocolError("malformed signature parameters", 403)
    if not _TIMESTAMP.fullmatch(timestamp):
        raise ProtocolError("bad timestamp", 403)
    if not hmac.compare_digest(signature(token, timestamp, nonce).encode(), sig.encode()):
        raise ProtocolError("bad signature", 403)
    if window and abs((time.time() if now is None else now) - int(timestamp)) > window:
        raise ProtocolError("timestamp outside the replay window", 403)


def request_key(params: dict[str, str]) -> int:
    """What identifies one signed callback URL (its timestamp, nonce and signature), for the replay check: the
    first 64 bits of a SHA-256, as a signed integer (a BIGINT key)."""
    joined = "\0".join((params.get("timestamp", ""), params.get("nonce", ""), params.get("signature", "")))
    return _int64(hashlib.sha256(joined.encode()).digest())


def body_digest(body: bytes) -> int:
    return _int64(hashlib.sha256(body).digest())


def _int64(digest: bytes) -> int:
    return int.from_bytes(digest[:8], "big", signed=True)


@dataclass(frozen=True, slots=True)
class Decoded:
    inbound: Inbound
    account: str  # our Official Account id (ToUserName), needed to address the reply
    encrypted: bool


_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _safe_xml(body: bytes) -> dict[str, Any]:
    """The children of the <xml> root as a dict, in the shape xmltodict (what wechatpy parses with) gives:
    text stripped, an element with attributes or children a dict, a repeated element a list.

    ElementTree does the parsing: it costs a third of xmltodict's SAX callbacks, on every message. WeChat
    sends UTF-8 without a document type; anything else is refused before the parser sees it. Parsing the
    decoded text makes expat read it as UTF-8 whatever it declares (a UTF-16 body cannot smuggle a
    declaration past the check), and with no document type no entity can be defined, so none is expanded
    (billion laughs) or fetched (XXE).
    """
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise ProtocolError("XML not in UTF-8") from None
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        raise ProtocolError("XML with a document type declaration")
    try:
        root = ElementTree.fromstring(text)  # noqa: S314 - no document type can reach it (above)
    except (ElementTree.ParseError, ValueError) as exc:
        raise ProtocolError(f"malformed XML ({type(exc).__name__})") from None
    if root.tag != "xml" or not len(root):
        raise ProtocolError("XML without an <xml> root")
    if _check_shape(root):
        flat = _flat(root)
        if flat is not None:
            return flat
    node = _node(root)
    if not isinstance(node, dict):  # pragma: no cover - a root with children is always a dict
        raise ProtocolError("XML without an <xml> root")
    return node


def _check_shape(root: ElementTree.Element) -> bool:
    """Depth and element count bounded without recursion, before `_node` recurses over the tree; True when the
    root's children have no children (every callback WeChat sends but the subscription-notice events)."""
    for child in root:
        if len(child):
            break
    else:
        # Every callback WeChat sends: children without children (depth 2), counted without the walk, whose
        # generator per element was a third of this parse (benchmarks/README.md, wire12).
        if 1 + len(root) > MAX_ELEMENTS:
            raise ProtocolError("XML nested too deep or too large")
        return True
    pending = [(root, 1)]
    count = 0
    while pending:
        element, depth = pending.pop()
        count += 1
        if depth > MAX_DEPTH or count > MAX_ELEMENTS:
            raise ProtocolError("XML nested too deep or too large")
        pending.extend((child, depth + 1) for child in element)
    return False


def _flat(root: ElementTree.Element) -> dict[str, str | None] | None:
    """`_node(root)` for a root whose children have no children, in one loop without a call per element; None
    when a child has attributes or comes twice (then `_node` gives the dict and list shapes)."""
    if root.attrib or (root.text and root.text.strip()):
        return None
    node: dict[str, str | None] = {}
    for child in root:
        if child.attrib or child.tag in node:
            return None
        text = child.text
        node[child.tag] = (text.strip() or None) if text else None
    return node


def _node(element: ElementTree.Element) -> Any:
    text = element.text.strip() if element.text and element.text.strip() else None
    if not len(element) and not element.attrib:
        return text
    node: dict[str, Any] = {f"@{k}": v for k, v in element.attrib.items()}
    for child in element:
        value = _node(child)
        if child.tag in node:
            previous = node[child.tag]
            node[child.tag] = [*previous, value] if isinstance(previous, list) else [previous, value]
        else:
            node[child.tag] = value
    if text is not None:
        node["#text"] = text
    return node


def decrypt_body(token: str, aes_key: str, app_id: str, params: dict[str, str], body: bytes) -> bytes:
    """Safe/compatible mode: check msg_signature over Encrypt, then decrypt; returns the inner XML."""
    root = _safe_xml(body)
    encrypted = root.get("Encrypt")
    msg_sig = params.get("msg_signature")
    if not isinstance(encrypted, str) or not msg_sig:
        raise ProtocolError("encrypted message without Encrypt or msg_signature")
    expected = signature(token, params.get("timestamp", ""), params.get("nonce", ""), encrypted)
    if not hmac.compare_digest(expected.encode(), msg_sig.encode()):
        raise ProtocolError("bad msg_signature", 403)
    try:
        key = base64.b64decode(aes_key + "=")
        xml: str = PrpCrypto(key).decrypt(encrypted, app_id)
    except (ValueError, TypeError, IndexError, struct.error, UnicodeDecodeError) as exc:
        raise ProtocolError(f"undecryptable message ({type(exc).__name__})") from None
    except Exception as exc:  # wechatpy raises a bare InvalidAppIdException
        raise ProtocolError(f"undecryptable message ({type(exc).__name__})") from None
    return xml.encode()


def parse(body: bytes, received_at: datetime, signed: SignedRequest | None = None) -> Decoded:
    """Turn a (decrypted) callback body into an Inbound; `signed` is the replay check's record of the request."""
    # Parsed once, with entities off (what wechatpy's parse_message does), then typed by wechatpy's classes.
    root = _safe_xml(body)
    msg_type = str(root.get("MsgType") or "").lower()
    event_type = str(root.get("Event") or "").lower() if msg_type == "event" else ""
    if "." in event_type:
        # Dotted names are the dispatcher's own synthetic events (look-up results): never from outside.
        event_type = "unknown"
    content = root.get("Content")
    if msg_type == "text" and (content is None or isinstance(content, str)):
        # Nearly every callback: wechatpy's TextMessage gives the <Content> text as it is (None when absent or
        # empty), which is all that is read of it; its object and descriptor are left out.
        msg: Any = None
    else:
        cls = EVENT_TYPES.get(event_type, UnknownMessage) if event_type else MESSAGE_TYPES.get(msg_type, UnknownMessage)
        try:
            msg = cls(dict(root))
        except Exception as exc:  # wechatpy surfaces many types (KeyError, TypeError, ValueError, …)
            raise ProtocolError(f"unparseable message ({type(exc).__name__})") from None
    sender, account = root.get("FromUserName"), root.get("ToUserName")
    if not isinstance(sender, str) or not sender or not isinstance(account, str):
        raise ProtocolError("message without FromUserName/ToUserName")
    if len(sender) > 128:
        raise ProtocolError("FromUserName too long")
    create_time = root.get("CreateTime") or ""
    if not isinstance(create_time, str) or len(create_time) > 20:
        raise ProtocolError("malformed CreateTime")
    common: dict[str, Any] = {"channel": "wechat", "address": sender, "received_at": received_at, "signed": signed}
    if msg_type == "event":
        key = root.get("EventKey")
        inbound = Inbound(
            kind="event", dedup_key=dedup_key("e", sender, create_time, event_type), event=event_type,
            event_key=clean_text(key)[:128] if isinstance(key, str) else None,
            payload=_subscriptions(root, event_type), **common,
        )
        return Decoded(inbound, account, False)
    msg_id = root.get("MsgId")
    if not isinstance(msg_id, str) or not msg_id.strip() or len(msg_id.strip()) > MAX_MSG_ID:
        raise ProtocolError("message without a usable MsgId")
    # With the sender: a MsgId is WeChat's number for one user's message, and someone else's message
    # reusing it must never be taken for a retry (and answered with that user's stored reply). Keys stored
    # as "m:{MsgId}" before this change need no migration: a retry straddling the deploy is handled twice.
    dedup = dedup_key("m", sender, msg_id.strip())
    if msg_type == "text":
        content = clean_text(str((content if msg is None else getattr(msg, "content", "")) or ""))
        if len(content) > MAX_TEXT:
            # WeChat caps a text message far below this; anything longer is not a person typing.
            raise ProtocolError(f"text of {len(content)} characters")
        inbound = Inbound(kind="text", dedup_key=dedup, text=content, **common)
    elif msg_type == "voice":
        transcript = clean_text(str(getattr(msg, "recognition", "") or ""))
        inbound = Inbound(kind="voice", dedup_key=dedup, text=transcript, **common)
    elif msg_type == "location":
        raw_x, raw_y, raw_label = root.get("Location_X"), root.get("Location_Y"), root.get("Label")
        # _safe_xml gives a dict for an element with attributes and a list for a repeated one.
        if not all(isinstance(v, str | None) for v in (raw_x, raw_y, raw_label)):
            raise ProtocolError("location with malformed fields")
        try:
            x, y = float(raw_x or "nan"), float(raw_y or "nan")
        except ValueError:
            raise ProtocolError("location with bad coordinates") from None
        label = clean_text(raw_label or "")
        inbound = Inbound(kind="location", dedup_key=dedup, text=label, location=(x, y, label), **common)
    else:
        inbound = Inbound(kind="media", dedup_key=dedup, **common)
    return Decoded(inbound, account, False)


_SUBSCRIPTION_LISTS = {"subscribe_msg_popup_event": "SubscribeMsgPopupEvent",
                       "subscribe_msg_change_event": "SubscribeMsgChangeEvent"}


def _subscriptions(root: dict[str, Any], event_type: str) -> dict[str, Any]:
    """A subscription-notice popup or settings change: [[template id, accept|reject], …] (wechatpy 1.8.18 does
    not know these events). Anything malformed is dropped, never raised: the event needs no answer."""
    container = root.get(_SUBSCRIPTION_LISTS.get(event_type, ""))
    if not isinstance(container, dict):
        return {}
    items = container.get("List")
    changes = []
    for item in items if isinstance(items, list) else [items]:
        if isinstance(item, dict):
            template, status = item.get("TemplateId"), item.get("SubscribeStatusString")
            if isinstance(template, str) and status in ("accept", "reject") and 0 < len(template) <= 64:
                changes.append([template, status])
    return {"subscriptions": changes[:20]} if changes else {}


def dedup_key(kind: str, sender: str, *parts: str) -> str:
    """`kind:sender:parts…`; hashed when longer than the column (a cut key could merge two messages)."""
    key = ":".join((kind, sender, *parts))
    if len(key) <= MAX_DEDUP_KEY:
        return key
    return f"{kind}#{hashlib.sha256(key.encode()).hexdigest()}"


def cdata_safe(text: str) -> str:
    """User text echoed into a reply must not close the CDATA section or carry XML-invalid characters."""
    return _XML_INVALID.sub("", text).replace("]]>", "]]]]><![CDATA[>")


# wechatpy's TextReply.render, character for character (tests/wechat/test_callback.py compares them), as one
# format string: its field objects cost ~10 us per reply.
_TEXT_REPLY = (
    "<xml>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[{content}]]></Content>\n"
    "<FromUserName><![CDATA[{source}]]></FromUserName>\n<ToUserName><![CDATA[{target}]]></ToUserName>\n"
    "<CreateTime>{time}</CreateTime>\n</xml>"
)


def render_reply(account: str, user: str, text: str, now: datetime | None = None) -> str:
    # The addresses too: in plaintext mode the body is unsigned, so FromUserName is as untrusted as the text.
    return _TEXT_REPLY.format(content=cdata_safe(text), source=cdata_safe(account), target=cdata_safe(user),
                              time=int(now.timestamp() if now is not None else time.time()))


def encrypt_reply(token: str, aes_key: str, app_id: str, xml: str, timestamp: str | None = None) -> str:
    crypto = WeChatCrypto(token, aes_key, app_id)
    encrypted: str = crypto.encrypt_message(xml, secrets.token_hex(8), timestamp)
    return encrypted
