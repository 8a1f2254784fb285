"""Work that depends on an inbound alone (its address's blind index, its body encrypted) is done when it is
queued, not inside its batch's transaction, where the lane holds SQLite's write lock (benchmarks/README.md,
wire12); the batch stores what was prepared."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from bot import keys
from bot.dispatcher import Dispatcher
from dialogs.types import Inbound
from storage import repositories as repo
from storage.models import ChannelAccount, InboundMessage


async def test_an_inbound_is_prepared_when_queued_and_its_batch_stores_what_was_prepared(client: Any) -> None:
    app = client.server.app
    cipher = app[keys.CIPHER]
    dispatcher = Dispatcher(app[keys.SESSIONS], cipher, app[keys.CLOCK])  # not started: nothing runs a batch yet
    inbound = Inbound(channel="wechat", address="o-prepared", kind="text", dedup_key=uuid.uuid4().hex,
                      received_at=datetime.now(UTC), text="我想找工作", transport="wechat")
    outcome = dispatcher.submit(inbound)
    (pending,) = dispatcher._queues[0]._queue  # type: ignore[attr-defined]
    prepared = pending.prepared
    assert prepared.address_hash == repo.address_hash(cipher, "wechat", "o-prepared", simulated=False)
    assert json.loads(cipher.decrypt(prepared.body_enc)) == {"text": "我想找工作"}
    dispatcher.start()
    try:
        assert (await outcome).replies
    finally:
        await dispatcher.stop()
    async with app[keys.SESSIONS]() as session:
        # The same ciphertext (encryption is randomised): the batch did not encrypt the body again.
        assert list(await session.scalars(select(InboundMessage.body_enc))) == [prepared.body_enc]
        assert list(await session.scalars(select(ChannelAccount.address_hash))) == [prepared.address_hash]
