"""The /wechat lane's per-message work cut without changing what is stored or answered (benchmarks/README.md,
lane14): no effect context for a message whose step emits no event, a text inbound's stored body without the
JSON encoder's dict layers, the callback signature without wechatpy's signer object, a field's ciphertext
encoded without base64's Python layers."""

from __future__ import annotations

import base64
import json
import os
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select
from wechatpy.utils import WeChatSigner

from bot import effects, keys
from bot.channels import wechat_protocol as proto
from bot.dispatcher import Dispatcher
from bot.unit_of_work import _inbound_body
from dialogs.types import Inbound
from storage.crypto import FieldCipher, _urlsafe_b64
from storage.models import EventLog, InboundMessage, OutboxMessage


def _text(address: str, text: str) -> Inbound:
    return Inbound(channel="wechat", address=address, kind="text", dedup_key=uuid.uuid4().hex,
                   received_at=datetime.now(UTC), text=text, transport="wechat")


async def test_an_effect_context_is_built_only_for_a_message_whose_step_emits_events(
    client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[str] = []

    class Counted(effects.EffectContext):
        __slots__ = ()

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            built.append("ctx")
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(effects, "EffectContext", Counted)
    app = client.server.app
    dispatcher = Dispatcher(app[keys.SESSIONS], app[keys.CIPHER], app[keys.CLOCK])
    dispatcher.start()
    try:
        # A first greeting: the consent question, no event.
        assert (await dispatcher.submit(_text("o-lane-costs", "你好"))).replies
        assert built == []
        # 人工 emits human_requested: its effects run as before (the event is logged).
        assert (await dispatcher.submit(_text("o-lane-costs", "人工"))).replies
    finally:
        await dispatcher.stop()
    assert built
    async with app[keys.SESSIONS]() as session:
        assert "human_requested" in set(await session.scalars(select(EventLog.kind)))
        inbound_ids = set(await session.scalars(select(InboundMessage.id)))
        outbox_ids = set(await session.scalars(select(OutboxMessage.inbound_id)))
    # Every reply row names the inbound it answers.
    assert len(inbound_ids) == 2 and outbox_ids == inbound_ids


@pytest.mark.parametrize("text", ["我想找工作", "", 'quote " backslash \\ braces {} {0}', "控制\x00\n\t\u2028😀"])
def test_a_text_inbounds_stored_body_is_the_json_of_its_dict(text: str) -> None:
    """Guard (a pure-speed change): the body is byte for byte what `json.dumps` of the dict gives."""
    inbound = _text("o", text)
    assert _inbound_body(inbound) == json.dumps({"text": text}, ensure_ascii=False)
    event = Inbound(channel="wechat", address="o", kind="event", dedup_key="k", received_at=datetime.now(UTC),
                    event="subscribe", event_key="qrscene_1")
    assert json.loads(_inbound_body(event)) == {"text": "", "event": "subscribe", "event_key": "qrscene_1"}


@pytest.mark.parametrize("parts", [("bench-token", "1764122400", "1234567890"), ("令牌", "1", "b", "A", "é"),
                                   ("", "x")])
def test_the_callback_signature_is_wechatpys(parts: tuple[str, ...]) -> None:
    """Guard (a pure-speed change): the same SHA-1 as wechatpy's WeChatSigner."""
    signer = WeChatSigner()
    signer.add_data(*parts)
    assert proto.signature(*parts) == signer.signature


def test_a_field_ciphertext_is_urlsafe_base64_as_before() -> None:
    """Guard (a pure-speed change): the encoding is `base64.urlsafe_b64encode`'s, and decrypts as before."""
    for size in (0, 1, 2, 3, 59, 60, 61, 300):
        raw = os.urandom(size)
        assert _urlsafe_b64(raw) == base64.urlsafe_b64encode(raw).decode()
    cipher = FieldCipher(b"k" * 32)
    token = cipher.encrypt("我想找工作")
    assert base64.urlsafe_b64decode(token)[:1] == b"\x01" and cipher.decrypt(token) == "我想找工作"


async def test_the_unit_of_work_reads_the_dispatchers_queued_entries_themselves(
    client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """lane15: no `Item` and no passive-check closure per message and attempt; the queued entry answers the unit of
    work's questions itself. Fails on the code before (`Item` objects were passed). Its passive check is the one
    before: WeChat's replies go passive in time, are queued once the channel is late or the deadline passed; the
    simulator's always go back."""
    import time

    from bot import unit_of_work

    seen: list[Any] = []
    run = unit_of_work.UnitOfWork.run

    async def spy(self: Any, items: Any) -> Any:
        seen.extend(items)
        return await run(self, items)

    monkeypatch.setattr(unit_of_work.UnitOfWork, "run", spy)
    app = client.server.app
    dispatcher = Dispatcher(app[keys.SESSIONS], app[keys.CIPHER], app[keys.CLOCK])
    dispatcher.start()
    try:
        in_time = dispatcher.submit(_text("o-entry-1", "你好"), passive_deadline=time.monotonic() + 60)
        too_late = dispatcher.submit(_text("o-entry-2", "你好"), passive_deadline=time.monotonic() - 1)
        assert (await in_time).replies and not (await too_late).replies
    finally:
        await dispatcher.stop()
    assert seen and all(type(item).__name__ == "_Pending" for item in seen)
    entry = seen[0]
    assert entry.passive_allowed()
    entry.late = True
    assert not entry.passive_allowed()
    simulator = type(entry)(Inbound(channel="wechat", address="s", kind="text", dedup_key="k",
                                    received_at=datetime.now(UTC), text="x", transport="simulator", simulated=True),
                            entry.future, passive_deadline=0.0, late=True)
    assert simulator.passive_allowed()
