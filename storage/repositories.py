"""Repositories used by the dispatcher. They take a session and never commit; the unit of work commits."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, text, tuple_, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.crypto import FieldCipher
from storage.models import ChannelAccount, Conversation, InboundMessage, Person

# Keys of state values that hold sensitive personal information: encrypted inside the JSON state.
SENSITIVE_STATE_KEYS = frozenset({"id_number", "phone", "employer_contact", "pending_id_number"})
_ENC = "$enc"


def _advisory_key(value: str) -> int:
    return int.from_bytes(hashlib.blake2b(value.encode(), digest_size=8).digest(), "big", signed=True)


async def lock_addresses(session: AsyncSession, keys: Iterable[str]) -> None:
    """PostgreSQL: serialise account creation for these addresses across processes (sorted: no deadlock)."""
    if session.bind.dialect.name != "postgresql":
        return  # SQLite: BEGIN IMMEDIATE already serialises writers.
    ordered = sorted({_advisory_key(k) for k in keys})
    if ordered:
        await session.execute(
            text(
                "SELECT pg_advisory_xact_lock(k) "
                "FROM (SELECT unnest(CAST(:keys AS bigint[])) AS k ORDER BY k) s"
            ),
            {"keys": ordered},
        )


async def find_accounts(
    session: AsyncSession, keys: Sequence[tuple[str, str]]
) -> dict[tuple[str, str], ChannelAccount]:
    """(channel, address_hash) -> account."""
    if not keys:
        return {}
    rows = await session.scalars(
        select(ChannelAccount).where(tuple_(ChannelAccount.channel, ChannelAccount.address_hash).in_(keys))
    )
    return {(a.channel, a.address_hash): a for a in rows}


async def create_person_with_account(
    session: AsyncSession, channel: str, address_hash: str, address_enc: str, locale: str, now: datetime
) -> ChannelAccount:
    person = Person(locale=locale, created_at=now)
    session.add(person)
    await session.flush()
    account = ChannelAccount(
        person_id=person.id,
        channel=channel,
        address_hash=address_hash,
        address_enc=address_enc,
        created_at=now,
    )
    session.add(account)
    session.add(Conversation(person_id=person.id, state={}, version=0, updated_at=now))
    await session.flush()
    return account


async def lock_conversations(session: AsyncSession, person_ids: Iterable[int]) -> dict[int, Conversation]:
    """Load and lock each person's conversation row, in id order (the per-person lock on PostgreSQL)."""
    ids = sorted(set(person_ids))
    if not ids:
        return {}
    stmt = select(Conversation).where(Conversation.person_id.in_(ids)).order_by(Conversation.person_id)
    if session.bind.dialect.name == "postgresql":
        stmt = stmt.with_for_update()
    rows = await session.scalars(stmt.execution_options(populate_existing=True))
    return {c.person_id: c for c in rows}


async def find_inbound(
    session: AsyncSession, keys: Sequence[tuple[str, str]]
) -> dict[tuple[str, str], InboundMessage]:
    if not keys:
        return {}
    rows = await session.scalars(
        select(InboundMessage).where(tuple_(InboundMessage.channel, InboundMessage.dedup_key).in_(keys))
    )
    return {(m.channel, m.dedup_key): m for m in rows}


async def touch_accounts(session: AsyncSession, account_ids: Iterable[int], now: datetime) -> None:
    ids = list(set(account_ids))
    if ids:
        await session.execute(
            update(ChannelAccount).where(ChannelAccount.id.in_(ids)).values(last_inbound_at=now)
        )


async def count_rows(session: AsyncSession, model: type[Any]) -> int:
    return int(await session.scalar(select(func.count()).select_from(model)) or 0)


def seal_state(state: dict[str, Any], cipher: FieldCipher) -> dict[str, Any]:
    """A copy of the state with sensitive values encrypted in place ({"$enc": "..."})."""

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            return {
                k: {_ENC: cipher.encrypt(json.dumps(v, ensure_ascii=False))}
                if k in SENSITIVE_STATE_KEYS and v is not None
                else walk(v)
                for k, v in node.items()
            }
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    result: dict[str, Any] = walk(state)
    return result


def open_state(state: dict[str, Any], cipher: FieldCipher) -> dict[str, Any]:
    """The inverse of `seal_state`."""

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            if node.keys() == {_ENC}:
                return json.loads(cipher.decrypt(node[_ENC]))
            return {k: walk(v) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    result: dict[str, Any] = walk(state)
    return result
