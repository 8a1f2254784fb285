"""Every transaction locks conversations in ascending person id, linking included.

Two processes on PostgreSQL serialise one person's messages by locking that person's conversation row. A
transaction that locked person 5 and then person 3, beside one that locked 3 and then 5, would wait on each
other until PostgreSQL broke the deadlock. Linking an SMS number to the person it belongs to (an older,
lower id) is where a second lock is taken mid-transaction; it must not be taken out of order.

The statements are observed where the database sees them: on PostgreSQL through SQLAlchemy's events (the
conversations are read FOR UPDATE), on SQLite through sqlite3's trace callback (storage/hot_path.py runs
them on the sqlite3 connection directly).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event as sa_event
from sqlalchemy import func, select

from bot import keys
from dialogs.i18n import catalog
from storage.models import ChannelAccount, EventLog, InboundMessage, Person
from tests.fakes.identity import make_id
from tests.people import registered_on_wechat, say

ZH = catalog("zh_CN")
_CONVERSATIONS = re.compile(r"FROM conversation\s+WHERE (?:conversation\.)?person_id IN \(([^)]*)\)", re.I)


@contextmanager
def _lock_order(engine: Any) -> Iterator[list[list[list[int]]]]:
    """Per transaction, the person ids of each statement that read (on PostgreSQL: locked) conversations."""
    transactions: list[list[list[int]]] = []
    current: dict[Any, list[list[int]]] = {}

    def begin(key: Any) -> None:
        current[key] = []
        transactions.append(current[key])

    def conversations(key: Any, ids: list[int]) -> None:
        if ids:
            current.setdefault(key, []).append(ids)

    if engine.dialect.name == "postgresql":
        def on_begin(conn: Any) -> None:
            begin(conn)

        def on_statement(conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
            if "FROM conversation" in statement and "FOR UPDATE" in statement:
                conversations(conn, [int(p) for p in parameters])

        sa_event.listen(engine, "begin", on_begin)
        sa_event.listen(engine, "before_cursor_execute", on_statement)
        try:
            yield transactions
        finally:
            sa_event.remove(engine, "begin", on_begin)
            sa_event.remove(engine, "before_cursor_execute", on_statement)
        return

    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        raw = dbapi_connection.driver_connection._conn  # the sqlite3 connection under aiosqlite

        def trace(sql: str) -> None:
            if sql.startswith("BEGIN"):
                begin(raw)
            elif match := _CONVERSATIONS.search(sql):
                conversations(raw, [int(v) for v in match.group(1).split(",")])

        raw.set_trace_callback(trace)

    sa_event.listen(engine, "connect", on_connect)
    try:
        yield transactions
    finally:
        sa_event.remove(engine, "connect", on_connect)


def _ascending(statements: list[list[int]]) -> bool:
    """Each statement locks in id order, and after everything locked before it in the transaction."""
    held: list[int] = []
    for ids in statements:
        new = sorted(set(ids) - set(held))
        if new and held and new[0] < max(held):
            return False
        held += new
    return True


async def test_linking_an_sms_number_locks_in_person_order(client: Any) -> None:
    app = client.server.app
    engine = app[keys.ENGINE]
    phone, id_number = "+8613800000077", make_id(seq=77)
    # Someone registered on WeChat, with that phone and ID on their form: the lower person id.
    registered = await registered_on_wechat(app, "openid-order", phone, id_number)
    # New connections from here on are traced (SQLite: the callback is set when a connection opens).
    await engine.dispose()
    with _lock_order(engine.sync_engine) as transactions:
        asked = await say(app, "sms", phone, "你好")  # a new SMS person, a higher id
        assert asked.replies == (ZH.get("link.ask", "sms"),)
        done = await say(app, "sms", phone, id_number[-4:])
    assert done.person_id == registered
    assert done.replies[0].startswith(ZH.get("link.done", "sms"))
    assert ZH.get("survey.id_number.prompt", "sms") in done.replies[-1]  # the WeChat survey goes on

    locking = [t for t in transactions if t]
    # The linking message's transaction locked both people: the SMS person and the one it joined.
    both = [t for t in locking if {registered, asked.person_id} <= {i for ids in t for i in ids}]
    assert both, locking
    assert all(_ascending(t) for t in locking), locking
    async with app[keys.SESSIONS]() as session:
        assert await session.scalar(select(func.count()).select_from(Person)) == 1
        assert await session.scalar(select(func.count()).select_from(EventLog).where(EventLog.kind == "linked")) == 1
        accounts = list(await session.scalars(select(ChannelAccount.person_id)))
        assert accounts == [registered] * 2
        stored = list(await session.scalars(select(InboundMessage.person_id).where(InboundMessage.channel == "sms")))
        assert stored == [registered] * 2  # each SMS stored once, with the person it belongs to


def test_the_order_check_itself() -> None:
    assert _ascending([[1, 4], [5]]) and _ascending([[2], [2, 7]]) and _ascending([])
    assert not _ascending([[4], [3]]) and not _ascending([[2, 6], [5]])
