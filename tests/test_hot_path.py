"""storage/hot_path.py: SQLite's direct statements store exactly what SQLAlchemy stores, and are used."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage import hot_path
from storage.crypto import FieldCipher
from storage.db import create_engine, session_factory
from storage.models import ChannelAccount, Conversation, EventLog, InboundMessage, OutboxMessage, Person

NOW = datetime(2026, 11, 26, 2, 3, 4, 567890, tzinfo=UTC)
CIPHER = FieldCipher(b"k" * 32)


@pytest.fixture
async def sessions(database_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    engine = create_engine(database_url, pool_size=2)
    yield session_factory(engine)
    await engine.dispose()


async def test_sqlite_uses_the_direct_statements_and_postgresql_the_session(
    sessions: async_sessionmaker[AsyncSession], database_url: str
) -> None:
    """If an aiosqlite upgrade moved its connection, SQLite would fall back silently (and slowly): fail here."""
    async with sessions() as session, session.begin():
        rows = await hot_path.rows_for(session)
    expected = hot_path.SqliteRows if database_url.startswith("sqlite") else hot_path.SessionRows
    assert type(rows) is expected


async def _person(session: AsyncSession) -> int:
    person = Person(locale="zh_CN", created_at=NOW)
    session.add(person)
    await session.flush()
    session.add(Conversation(person_id=person.id, state={}, version=0, updated_at=NOW))
    session.add(ChannelAccount(person_id=person.id, channel="wechat", address_hash=f"h{person.id}",
                               address_enc="x", created_at=NOW))
    await session.flush()
    return person.id


async def _write(rows: hot_path.Rows, person_id: int, tag: str) -> None:
    ids = await rows.insert_inbound([{
        "channel": "wechat", "dedup_key": tag, "person_id": person_id, "kind": "text", "body_enc": "b",
        "awaiting": "name", "received_at": NOW, "processed_at": NOW,
    }])
    await rows.insert(hot_path.OUTBOX, [{
        "person_id": person_id, "inbound_id": ids[("wechat", tag)], "channel": "wechat", "kind": "text",
        "body_enc": "t", "solicited": True, "status": "passive", "attempts": 0, "next_attempt_at": NOW,
        "created_at": NOW, "sent_at": None,
    }])
    await rows.insert(hot_path.EVENT_LOG, [{
        "person_id": person_id, "kind": "consent_given", "channel": "wechat", "data": {"version": "2026-11"},
        "created_at": NOW,
    }])
    await rows.update_conversations([{
        "pid": person_id, "state": {"flow": "survey", "answers": {"name": "王小明"}, "n": [1, 2.5, None]},
        "version": 3, "now": NOW,
    }])
    account_id = (await rows.find_accounts([("wechat", f"h{person_id}")]))[("wechat", f"h{person_id}")].id
    await rows.touch_accounts([account_id], NOW)


async def _stored(session: AsyncSession, person_id: int) -> list[tuple[Any, ...]]:
    """The raw column values as the database holds them (text, numbers), ids left out."""
    queries = [
        "SELECT channel, kind, body_enc, awaiting, received_at, processed_at FROM inbound_message"
        " WHERE person_id = :p",
        "SELECT channel, kind, body_enc, solicited, status, attempts, next_attempt_at, created_at, sent_at,"
        " claimed_until, last_error FROM outbox_message WHERE person_id = :p",
        "SELECT kind, channel, data, created_at FROM event_log WHERE person_id = :p",
        "SELECT state, version, updated_at FROM conversation WHERE person_id = :p",
        "SELECT last_inbound_at FROM channel_account WHERE person_id = :p",
    ]
    out: list[tuple[Any, ...]] = []
    for query in queries:
        out.extend(tuple(r) for r in await session.execute(text(query), {"p": person_id}))
    return out


async def test_direct_statements_store_exactly_what_sqlalchemy_stores(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session, session.begin():
        through_session, direct = await _person(session), await _person(session)
        await _write(hot_path.SessionRows(session), through_session, "a")
        await _write(await hot_path.rows_for(session), direct, "b")
    async with sessions() as session:
        assert await _stored(session, direct) == await _stored(session, through_session)
        # And the ORM reads them back as written: aware datetimes, JSON, booleans.
        outbox = (await session.scalars(select(OutboxMessage).where(OutboxMessage.person_id == direct))).one()
        assert (outbox.next_attempt_at, outbox.solicited, outbox.sent_at) == (NOW, True, None)
        conversation = await session.get(Conversation, direct)
        assert conversation is not None and conversation.state["answers"] == {"name": "王小明"}
        event = (await session.scalars(select(EventLog).where(EventLog.person_id == direct))).one()
        assert event.data == {"version": "2026-11"}
        inbound = (await session.scalars(select(InboundMessage).where(InboundMessage.person_id == direct))).one()
        assert inbound.received_at == NOW
        rows = await hot_path.rows_for(session)
        assert (await rows.find_inbound([("wechat", "b")]))[("wechat", "b")].awaiting == "name"
        assert (await rows.conversations([direct]))[direct].version == 3


async def test_a_database_error_underneath_surfaces_as_sqlalchemys(
    sessions: async_sessionmaker[AsyncSession], database_url: str
) -> None:
    """The dispatcher retries SQLAlchemy's OperationalError and isolates IntegrityError: so must these be."""
    from sqlalchemy.exc import IntegrityError

    async with sessions() as session, session.begin():
        person_id = await _person(session)
        rows = await hot_path.rows_for(session)
        row = {"channel": "wechat", "dedup_key": "dup", "person_id": person_id, "kind": "text", "body_enc": "b",
               "awaiting": None, "received_at": NOW, "processed_at": NOW}
        await rows.insert_inbound([row])
        with pytest.raises(IntegrityError):
            await rows.insert_inbound([row])


async def test_a_row_without_a_value_for_a_defaulted_column_is_refused_on_both_paths(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    """SQLAlchemy would fill in the model's default where the direct statements would store NULL."""
    async with sessions() as session, session.begin():
        person_id = await _person(session)
        for rows in (hot_path.SessionRows(session), await hot_path.rows_for(session)):
            with pytest.raises(ValueError, match="created_at"):
                await rows.insert(hot_path.EVENT_LOG, [{"person_id": person_id, "kind": "x", "channel": None,
                                                        "data": {}}])


async def _statements_for(sessions: async_sessionmaker[AsyncSession], users: list[str], tag: str) -> int:
    """Statements one unit of work sends for one message from each of `users` (people already known): on
    PostgreSQL as SQLAlchemy executes them, on SQLite the calls made on the sqlite3 connection from here
    (an executemany counts once, as one call of many rows does)."""
    import sqlite3
    import sys
    import uuid

    from sqlalchemy import event

    from bot.unit_of_work import Item, UnitOfWork
    from dialogs.types import Inbound

    items = [Item(Inbound(channel="wechat", address=u, kind="text", dedup_key=f"{tag}-{uuid.uuid4().hex}",
                          received_at=NOW, text="菜单"), lambda: True) for u in users]
    calls: list[str] = []
    methods = {"execute", "executemany"}

    def spy(frame: Any, what: str, arg: Any) -> None:
        if what == "c_call" and getattr(arg, "__name__", "") in methods \
                and isinstance(getattr(arg, "__self__", None), sqlite3.Connection):
            calls.append(arg.__name__)

    async with sessions() as session, session.begin():
        connection = await session.connection()
        if connection.dialect.name == "sqlite":
            sys.setprofile(spy)
        else:
            event.listen(connection.sync_connection, "before_cursor_execute", lambda *a: calls.append(str(a[2])))
        try:
            await UnitOfWork(session, CIPHER, NOW, NOW.date()).run(items)
        finally:
            sys.setprofile(None)
    return len(calls)


async def test_a_batch_sends_as_many_statements_for_forty_messages_as_for_one(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    """Group commit only pays if the statements do not grow with the batch (a per-message one would)."""
    users = [f"batch-user-{i}" for i in range(40)]
    await _statements_for(sessions, users, "create")  # the people exist from here on
    one = await _statements_for(sessions, users[:1], "one")
    forty = await _statements_for(sessions, users, "forty")
    assert one > 3 and forty == one, (one, forty)


async def test_a_caseworkers_address_is_known_from_the_account_look_up_on_both_paths(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    """Recognising a caseworker rides on the account look-up (a join): the same answer both ways, and a batch
    sends no more statements than before (test above: the count does not depend on who writes)."""
    from storage.models import Caseworker, CaseworkerAddress

    async with sessions() as session, session.begin():
        laborer, worker = await _person(session), await _person(session)
        caseworker = Caseworker(name="李书记", phone_enc="x", phone_hash="p", role="caseworker")
        session.add(caseworker)
        await session.flush()
        session.add(CaseworkerAddress(caseworker_id=caseworker.id, channel="wechat", address_hash=f"h{worker}"))
        await session.flush()
        keys = [("wechat", f"h{laborer}"), ("wechat", f"h{worker}")]
        for rows in (hot_path.SessionRows(session), await hot_path.rows_for(session)):
            found = await rows.find_accounts(keys)
            assert (found[keys[0]].caseworker_id, found[keys[1]].caseworker_id) == (None, caseworker.id)
            assert (found[keys[0]].person_id, found[keys[1]].person_id) == (laborer, worker)


async def test_people_created_and_rows_updated_directly_match_sqlalchemy(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    """First contact (a person, account and empty conversation each) and the effects' column updates
    (bot/effects.py RowUpdates) store the same values on both paths."""
    from bot.effects import _SET_CONSENT

    later = datetime(2026, 11, 27, 8, 0, 1, 5, tzinfo=UTC)
    made: dict[str, list[int]] = {}
    async with sessions() as session, session.begin():
        for tag, rows in (("s", hot_path.SessionRows(session)), ("d", await hot_path.rows_for(session))):
            addresses = {("wechat", f"{tag}-hash-{i}"): f"{tag}-enc-{i}" for i in range(3)}
            found = await rows.create_people(addresses, "en", NOW, simulated=True)
            assert found.keys() == addresses.keys()
            made[tag] = sorted(ref.person_id for ref in found.values())
            assert len(set(made[tag])) == 3
            await rows.update(_SET_CONSENT, [{"row_id": pid, "v_consent_version": "2026-11", "v_consent_at": later,
                                              "v_consent_refused_at": None} for pid in made[tag]])

    def stored(pid: int) -> list[str]:
        return [
            "SELECT locale, created_at, simulated, consent_version, consent_at, consent_refused_at, opted_out_at"
            f" FROM person WHERE id = {pid}",
            f"SELECT channel, substr(address_hash, 3), substr(address_enc, 3), created_at FROM channel_account"
            f" WHERE person_id = {pid}",
            f"SELECT state, version, updated_at FROM conversation WHERE person_id = {pid}",
        ]

    async with sessions() as session:
        for through_session, direct in zip(made["s"], made["d"], strict=True):
            for a, b in zip(stored(through_session), stored(direct), strict=True):
                assert (await session.execute(text(a))).all() == (await session.execute(text(b))).all()
        person = await session.get(Person, made["d"][0])
        assert person is not None and (person.consent_at, person.simulated, person.locale) == (later, True, "en")


async def test_first_contact_and_consent_send_nothing_through_aiosqlites_thread(
    sessions: async_sessionmaker[AsyncSession], database_url: str
) -> None:
    """On SQLite every statement of a unit of work of new people agreeing to the survey runs on the connection
    directly: through SQLAlchemy each would cost several hand-offs to aiosqlite's thread and back."""
    import uuid

    from sqlalchemy import event

    from bot.unit_of_work import Item, UnitOfWork
    from dialogs.types import Inbound

    users = [f"new-{uuid.uuid4().hex}" for _ in range(3)]
    executed: list[str] = []
    for text_ in ("你好", "1", "同意"):
        items = [Item(Inbound(channel="wechat", address=u, kind="text", dedup_key=uuid.uuid4().hex,
                              received_at=NOW, text=text_), lambda: True) for u in users]
        async with sessions() as session, session.begin():
            connection = await session.connection()
            event.listen(connection.sync_connection, "before_cursor_execute", lambda *a: executed.append(a[2]))
            await UnitOfWork(session, CIPHER, NOW, NOW.date()).run(items)
    async with sessions() as session:
        consented = await session.scalar(text("SELECT count(*) FROM person WHERE consent_at IS NOT NULL"))
    assert consented == 3
    if database_url.startswith("sqlite"):
        assert executed == [], executed
    else:
        assert any(s.startswith("INSERT INTO person") for s in executed)


async def test_times_in_any_zone_and_on_the_second_are_stored_as_sqlalchemy_stores_them(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    """The direct path writes UtcDateTime columns as text itself (bot: a batch's `now` converted once)."""
    from zoneinfo import ZoneInfo

    from sqlalchemy.exc import StatementError

    times = [datetime(2026, 12, 5, 9, 30, 0, tzinfo=ZoneInfo("Asia/Shanghai")), NOW, NOW.replace(microsecond=0)]
    async with sessions() as session, session.begin():
        pid = await _person(session)
        for tag, rows in (("s", hot_path.SessionRows(session)), ("d", await hot_path.rows_for(session))):
            await rows.insert(hot_path.EVENT_LOG, [{"person_id": pid, "kind": tag, "channel": None, "data": {},
                                                    "created_at": at} for at in times])
        with pytest.raises((ValueError, StatementError), match="naive"):
            await rows.insert(hot_path.EVENT_LOG, [{"person_id": pid, "kind": "n", "channel": None, "data": {},
                                                    "created_at": datetime(2026, 12, 5, 9, 30)}])
    async with sessions() as session:
        stored = {tag: (await session.execute(text(f"SELECT created_at FROM event_log WHERE kind = '{tag}'"
                                                   " ORDER BY id"))).scalars().all() for tag in ("s", "d")}
        assert stored["d"] == stored["s"] and len(stored["d"]) == 3
        read = (await session.scalars(select(EventLog.created_at).where(EventLog.kind == "d").order_by(EventLog.id)))
        assert list(read) == times


async def test_states_stored_and_opened_in_one_pass_are_sealed_and_read_as_before(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    """Guard: the unit of work's state read and write (`open_states`, `store_states`: the JSON parsed and written
    once, sealing looked for in its text) store the very text SQLAlchemy stores for `seal_state`'s result, and
    read back what `open_state` gives: a plain state, sensitive keys at any depth, a sensitive key's name as a
    mere value (the text search finds it; nothing to seal), a sealed value inside a list, non-ASCII text."""
    from storage import repositories as repo

    states: list[dict[str, Any]] = [
        {},
        {"flow": "survey", "answers": {"name": "王小明", "n": [1, 2.5, None, True]}},
        {"flow": "survey", "answers": {"id_number": "110101199003070011", "phone": "13800138000"}},
        {"pending_id_number": "110101199003070011", "deep": [{"employer_contact": {"phone": "13900139000"}}]},
        {"said": "phone", "note": ["id_number", "$enc"], "phone": None},
    ]
    async with sessions() as session, session.begin():
        for rows in (hot_path.SessionRows(session), await hot_path.rows_for(session)):
            old_way, new_way = [await _person(session) for _ in states], [await _person(session) for _ in states]
            await rows.update_conversations([{"pid": pid, "state": repo.seal_state(state, CIPHER), "version": 4,
                                              "now": NOW} for pid, state in zip(old_way, states, strict=True)])
            await rows.store_states([(pid, state, 4) for pid, state in zip(new_way, states, strict=True)], NOW,
                                    CIPHER)
            opened = await rows.open_states([*old_way, *new_way], CIPHER)
            stored = {pid: conv.state for pid, conv in (await rows.conversations([*old_way, *new_way])).items()}
            for state, old, new in zip(states, old_way, new_way, strict=True):
                assert opened[old].state == opened[new].state == state
                assert opened[new].version == 4
                assert "110101199003070011" not in repr(stored[new]) and "138001" not in repr(stored[new])
                assert "139001" not in repr(stored[new])
                # Sealing is randomised: the same text once the ciphertexts are opened.
                assert repo.open_state(stored[new], CIPHER) == repo.open_state(stored[old], CIPHER) == state
            raw = {pid: s for pid, s in (await session.execute(
                text(f"SELECT person_id, CAST(state AS TEXT) FROM conversation WHERE person_id IN "
                     f"({','.join(str(p) for p in (*old_way, *new_way))})"))).all()}
            # Unsealed states: byte for byte what SQLAlchemy's JSON type writes.
            assert raw[new_way[0]] == raw[old_way[0]] and raw[new_way[1]] == raw[old_way[1]]
            assert raw[new_way[4]] == raw[old_way[4]]
