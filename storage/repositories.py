"""Repositories used by the dispatcher. They take a session and never commit; the unit of work commits."""

from __future__ import annotations

import functools
import hashlib
import json
import marshal
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import ColumnElement, Select, Table, and_, bindparam, func, insert, or_, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from storage.crypto import FieldCipher
from storage.models import CaseworkerAddress, ChannelAccount, Conversation, InboundMessage, OutboxMessage, Person

# Keys of state values that hold sensitive personal information: encrypted inside the JSON state.
SENSITIVE_STATE_KEYS = frozenset({"id_number", "phone", "employer_contact", "pending_id_number"})
_ENC = "$enc"
SEALED_KEY = _ENC  # a sealed value is {SEALED_KEY: ciphertext} (storage/hot_path.py looks for it in the JSON)
# As marshal's format 2 writes these strings, wherever they are: their length in 4 bytes, then their UTF-8.
_ENC_BYTES = len(_ENC).to_bytes(4, "little") + _ENC.encode()
_SENSITIVE_BYTES = tuple(len(key).to_bytes(4, "little") + key.encode() for key in sorted(SENSITIVE_STATE_KEYS))
# The same four, named for `seal_state`'s test of every state: four `in` in a row cost a third of any() over a
# generator (a fifth key fails here, at import, until it is added there too).
_EMPLOYER_CONTACT_BYTES, _ID_NUMBER_BYTES, _PENDING_ID_BYTES, _PHONE_BYTES = _SENSITIVE_BYTES
# The tables the hot path writes (storage/hot_path.py uses the same handles).
ACCOUNT = cast(Table, ChannelAccount.__table__)
CONVERSATION = cast(Table, Conversation.__table__)
INBOUND = cast(Table, InboundMessage.__table__)
OUTBOX = cast(Table, OutboxMessage.__table__)
CASEWORKER_ADDRESS = cast(Table, CaseworkerAddress.__table__)
# Statements of the hot path are built once, with expanding IN parameters: building a statement and its
# cache key for every batch cost more than running it.
_TOUCH_ACCOUNTS = (
    ACCOUNT.update()
    .where(ACCOUNT.c.id.in_(bindparam("ids", expanding=True)))
    .values(last_inbound_at=bindparam("now"))
)
_CONVERSATIONS = (
    select(CONVERSATION.c.person_id, CONVERSATION.c.state, CONVERSATION.c.version)
    .where(CONVERSATION.c.person_id.in_(bindparam("ids", expanding=True)))
    .order_by(CONVERSATION.c.person_id)
)
_CONVERSATIONS_FOR_UPDATE = _CONVERSATIONS.with_for_update()


@dataclass(slots=True)
class AccountRef:
    """A channel account as the unit of work needs it; `person_id` changes when linking moves the account.
    `caseworker_id`: the address is a caseworker's own (their messages go to the caseworker commands)."""

    id: int
    person_id: int
    caseworker_id: int | None = None


@dataclass(frozen=True, slots=True)
class StoredInbound:
    id: int
    awaiting: str | None
    person_id: int


SIMULATOR_NAMESPACE = "simulator:"


def address_hash(cipher: FieldCipher, channel: str, address: str, *, simulated: bool) -> str:
    """The blind index of an address on its channel. Simulator users get their own namespace: the simulator's
    "13900000001" on sms is never the real phone's account, whatever it is called."""
    return cipher.blind_index(SIMULATOR_NAMESPACE + channel if simulated else channel, address)


@dataclass(frozen=True, slots=True)
class LockedConversation:
    state: dict[str, Any]
    version: int


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
) -> dict[tuple[str, str], AccountRef]:
    """(channel, address_hash) -> account."""
    if not keys:
        return {}
    statement, params = _keyed(_accounts_by_key, keys)
    rows = await session.execute(statement, params)
    return {(channel, key): AccountRef(id_, person_id, caseworker) for channel, key, id_, person_id, caseworker in rows}


def _keyed(
    build: Callable[[int], Select[Any]], keys: Iterable[tuple[str, str]]
) -> tuple[Select[Any], dict[str, Any]]:
    """A select by `(channel, key) IN keys`, written so that the unique (channel, key) index is used.

    SQLite answers a row-value IN list by scanning the whole index, so a batch would cost time in
    proportion to the table; `channel = ? AND key IN (...)` per channel is an index search on both databases.
    `build(n)` gives the (cached) statement for n channels, with parameters c0, k0, c1, k1, …
    """
    by_channel: dict[str, list[str]] = {}
    for c, k in keys:
        by_channel.setdefault(c, []).append(k)
    params: dict[str, Any] = {}
    for i, (c, ks) in enumerate(sorted(by_channel.items())):
        params[f"c{i}"], params[f"k{i}"] = c, ks
    return build(len(by_channel)), params


def _keyed_where(channel: ColumnElement[str], key: ColumnElement[str], n: int) -> ColumnElement[bool]:
    return or_(*(and_(channel == bindparam(f"c{i}"), key.in_(bindparam(f"k{i}", expanding=True))) for i in range(n)))


@functools.cache
def _accounts_by_key(n: int) -> Select[Any]:
    c, w = ACCOUNT.c, CASEWORKER_ADDRESS.c
    # Whether the address is a caseworker's comes with the account: one indexed join, no query of its own.
    joined = ACCOUNT.outerjoin(CASEWORKER_ADDRESS, and_(w.channel == c.channel, w.address_hash == c.address_hash))
    return (
        select(c.channel, c.address_hash, c.id, c.person_id, w.caseworker_id)
        .select_from(joined)
        .where(_keyed_where(c.channel, c.address_hash, n))
    )


@functools.cache
def _inbound_ids_by_key(n: int) -> Select[Any]:
    c = INBOUND.c
    return select(c.channel, c.dedup_key, c.id).where(_keyed_where(c.channel, c.dedup_key, n))


@functools.cache
def _inbound_by_key(n: int) -> Select[Any]:
    c = INBOUND.c
    return select(c.channel, c.dedup_key, c.id, c.awaiting, c.person_id).where(
        _keyed_where(c.channel, c.dedup_key, n)
    )


_PASSIVE_REPLIES = (
    select(OUTBOX.c.inbound_id, OUTBOX.c.body_enc)
    .where(OUTBOX.c.inbound_id.in_(bindparam("ids", expanding=True)), OUTBOX.c.status == "passive")
    .order_by(OUTBOX.c.id)
)


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


async def create_people_with_accounts(
    session: AsyncSession, addresses: Mapping[tuple[str, str], str], locale: str, now: datetime, *,
    simulated: bool = False,
) -> dict[tuple[str, str], AccountRef]:
    """A new person, account and empty conversation for each (channel, address_hash) -> address_enc.

    Three multi-row statements and one select for the whole batch instead of two ORM flushes per person.
    The new people are identical rows, so which id goes with which address does not matter.
    """
    if not addresses:
        return {}
    people = [{"locale": locale, "created_at": now, "simulated": simulated} for _ in addresses]
    person_ids = list(await session.scalars(insert(Person).returning(Person.id), people))
    accounts = [
        {"person_id": pid, "channel": channel, "address_hash": address_hash, "address_enc": enc, "created_at": now}
        for pid, ((channel, address_hash), enc) in zip(person_ids, addresses.items(), strict=True)
    ]
    await session.execute(insert(ChannelAccount), accounts)
    await session.execute(
        insert(Conversation), [{"person_id": pid, "state": {}, "version": 0, "updated_at": now} for pid in person_ids]
    )
    return await find_accounts(session, list(addresses))


async def lock_conversations(session: AsyncSession, person_ids: Iterable[int]) -> dict[int, LockedConversation]:
    """Load and lock each person's conversation row, in id order (the per-person lock on PostgreSQL)."""
    ids = sorted(set(person_ids))
    if not ids:
        return {}
    postgres = session.bind.dialect.name == "postgresql"
    rows = await session.execute(_CONVERSATIONS_FOR_UPDATE if postgres else _CONVERSATIONS, {"ids": ids})
    return {person_id: LockedConversation(state, version) for person_id, state, version in rows}


async def find_inbound(session: AsyncSession, keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], StoredInbound]:
    """(channel, dedup_key) -> the stored inbound, for those already processed."""
    if not keys:
        return {}
    statement, params = _keyed(_inbound_by_key, keys)
    rows = await session.execute(statement, params)
    return {
        (channel, key): StoredInbound(id_, awaiting, person_id) for channel, key, id_, awaiting, person_id in rows
    }


async def passive_replies(session: AsyncSession, inbound_ids: Iterable[int]) -> dict[int, list[str]]:
    """inbound id -> the encrypted texts that went back in its HTTP response, in order (the outbox's
    `passive` rows: the one copy of a reply, replayed to a retried delivery)."""
    ids = sorted(set(inbound_ids))
    if not ids:
        return {}
    found: dict[int, list[str]] = {}
    for inbound_id, body_enc in await session.execute(_PASSIVE_REPLIES, {"ids": ids}):
        found.setdefault(inbound_id, []).append(body_enc)
    return found


async def inbound_ids(session: AsyncSession, keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """(channel, dedup_key) -> id of rows inserted in this transaction."""
    if not keys:
        return {}
    statement, params = _keyed(_inbound_ids_by_key, keys)
    rows = await session.execute(statement, params)
    return {(channel, key): id_ for channel, key, id_ in rows}


async def touch_accounts(session: AsyncSession, account_ids: Iterable[int], now: datetime) -> None:
    ids = list(set(account_ids))
    if ids:
        await session.execute(_TOUCH_ACCOUNTS, {"ids": ids, "now": now})


async def count_rows(session: AsyncSession, model: type[Any]) -> int:
    return int(await session.scalar(select(func.count()).select_from(model)) or 0)


_CONTAINERS = (dict, list)


def seal_state(state: dict[str, Any], cipher: FieldCipher) -> dict[str, Any]:
    """The state with sensitive values encrypted ({"$enc": "..."}), `state` itself left as it is. Only the
    dicts and lists on the way to a sensitive value are copied; the rest is shared with `state` (the sealed
    state is written at once, and the conversation's whole state used to be copied for every message)."""
    try:
        packed = marshal.dumps(state, 2)
    except ValueError:  # something marshal does not take as it is (a str subclass): the walk below
        packed = _SENSITIVE_BYTES[0]
    if not (_PHONE_BYTES in packed or _ID_NUMBER_BYTES in packed or _EMPLOYER_CONTACT_BYTES in packed
            or _PENDING_ID_BYTES in packed):
        return state  # no sensitive key anywhere (what the walk below finds, in C: most states, most messages)

    def walk(node: Any) -> Any:
        copy: Any = None
        if isinstance(node, dict):
            for k, v in node.items():
                if k in SENSITIVE_STATE_KEYS and v is not None:
                    new = {_ENC: cipher.encrypt(json.dumps(v, ensure_ascii=False))}
                elif isinstance(v, _CONTAINERS) and (new := walk(v)) is not v:
                    pass
                else:
                    continue
                if copy is None:
                    copy = dict(node)
                copy[k] = new
            return node if copy is None else copy
        for i, v in enumerate(node):
            if isinstance(v, _CONTAINERS) and (new := walk(v)) is not v:
                if copy is None:
                    copy = list(node)
                copy[i] = new
        return node if copy is None else copy

    result: dict[str, Any] = walk(state)
    return result


def open_state(state: dict[str, Any], cipher: FieldCipher) -> dict[str, Any]:
    """The inverse of `seal_state`: the state with its sealed values opened, in new dicts and lists on the way to
    them. A state with nothing sealed is returned as it is: the dialog step never changes the state it is given
    (`dialogs.engine.step` works on its own copy), and the callers own what the database gave them, so the copy
    made here was the second of the same state per message."""
    try:
        packed = marshal.dumps(state, 2)
    except ValueError:  # something marshal does not take as it is (a str subclass): the walk below
        packed = _ENC_BYTES
    if _ENC_BYTES not in packed:
        return state  # nothing sealed: the key "$enc" is nowhere in it

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            if len(node) == 1 and _ENC in node:
                return json.loads(cipher.decrypt(node[_ENC]))
            return {k: walk(v) if isinstance(v, _CONTAINERS) else v for k, v in node.items()}
        return [walk(v) if isinstance(v, _CONTAINERS) else v for v in node]

    result: dict[str, Any] = walk(state)
    return result
