"""Casework effects inside a unit of work (bot/casework): on SQLite their look-ups and writes run on the
connection directly (storage/hot_path.py), as the batch's own statements do, and store what the session stored.

Through SQLAlchemy each statement is three or four hand-offs to aiosqlite's thread and back, in the dispatcher's
lane: under the /wechat load the casework effects made about three times as many hand-offs as the rest of the
batch (benchmarks/README.md, 2026-12-06 wire11)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import event, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.unit_of_work import Item, UnitOfWork
from dialogs.types import Inbound
from storage.crypto import FieldCipher
from storage.db import create_engine, session_factory
from storage.models import Alert, AssistanceCase, Caseworker, CaseworkTask

NOW = datetime(2026, 11, 26, 2, 3, 4, 567890, tzinfo=UTC)
CIPHER = FieldCipher(b"k" * 32)


@pytest.fixture
async def sessions(database_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    engine = create_engine(database_url, pool_size=2)
    yield session_factory(engine)
    await engine.dispose()


async def _say(sessions: async_sessionmaker[AsyncSession], users: list[str], said: str) -> list[str]:
    """One unit of work of each user saying `said`; the statements that went through SQLAlchemy."""
    executed: list[str] = []
    items = [Item(Inbound(channel="wechat", address=u, kind="text", dedup_key=uuid.uuid4().hex, received_at=NOW,
                          text=said), lambda: True) for u in users]
    async with sessions() as session, session.begin():
        connection = await session.connection()
        event.listen(connection.sync_connection, "before_cursor_execute", lambda *a: executed.append(a[2]))
        await UnitOfWork(session, CIPHER, NOW, NOW.date()).run(items)
    return executed


async def test_a_request_for_a_person_and_a_rights_report_run_their_casework_on_the_connection(
    sessions: async_sessionmaker[AsyncSession], database_url: str
) -> None:
    users = [f"casework-{uuid.uuid4().hex}" for _ in range(2)]
    through_session: list[str] = []
    # 老板拖欠工资 at the consent question is reported once they agree (care12: it was ignored there, and only its
    # repeat after 人工 reported it; a repeat now finds the open case, a look-up this test is not about).
    for said in ("你好", "同意", "老板拖欠工资", "厂子倒闭了", "1", "人工"):
        through_session += await _say(sessions, users, said)

    async with sessions() as session:
        alerts = (await session.execute(select(Alert).order_by(Alert.id))).scalars().all()
        cases = (await session.execute(select(AssistanceCase).order_by(AssistanceCase.id))).scalars().all()
        tasks = (await session.execute(select(CaseworkTask).order_by(CaseworkTask.id))).scalars().all()
        owners = {c.id: c.name for c in (await session.execute(select(Caseworker))).scalars()}
    # Each person: an alert asking for a person (naming itself, written again once its id was known), a rights
    # case with its alert and its first-contact task for the case's owner.
    assert sorted(a.kind for a in alerts) == ["human_requested"] * 2 + ["rights_case"] * 2
    for alert in alerts:
        if alert.kind == "human_requested":
            assert f"A{alert.id}" in CIPHER.decrypt(alert.body_enc)
    assert [(c.kind, c.issue) for c in cases] == [("rights", "wage_arrears")] * 2
    assert [(t.kind, t.case_id, t.caseworker_id, t.status, t.due_at, t.created_at) for t in tasks] == [
        ("first_contact", c.id, c.caseworker_id, "open", c.first_contact_due, NOW) for c in cases
    ]
    assert all(t.done_at is None and t.escalated_to is None for t in tasks)
    assert all(c.caseworker_id in owners for c in cases)

    if database_url.startswith("sqlite"):
        # Left on the session: the case itself (an ORM object its callers go on using) and the fallback
        # caseworker created when none is configured.
        assert all(s.startswith(("INSERT INTO assistance_case", "INSERT INTO caseworker ")) for s in through_session), \
            through_session
    else:
        assert any(s.startswith("INSERT INTO casework_task") for s in through_session)
