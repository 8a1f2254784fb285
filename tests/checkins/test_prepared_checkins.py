"""Check-ins prepared ahead of their due time and released set-based when due (issue 11): what is released is
what the full path writes; whatever changed since the preparation (the person wrote, the record changed, opted
out, released too late) takes the full path; every check-in goes out once; a release that dies leaves nothing."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select, update

from bot import keys
from dialogs.types import Inbound
from scheduler.sweep import SweepReport
from storage import prepared
from storage import repositories as repo
from storage.models import (
    Conversation,
    EventLog,
    InboundMessage,
    InfoForm,
    OutboxMessage,
    Person,
    PreparedCheckin,
    PreparedOutbox,
    ScheduledFire,
)
from tests.checkins.helpers import add_people, fires, pushes, quiet_outbox

SH = ZoneInfo("Asia/Shanghai")
DUE = "2026-03-15T09:00"


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SH)


async def planned(app: Any, n: int) -> list[int]:
    """`n` people with the same check-in due at 09:00 on 15 March (the spread by person set aside); the outbox
    worker stopped (the tests read what was queued)."""
    await quiet_outbox(app)
    pids = await add_people(app, n, recorded_at=at("2026-03-01T10:00"))
    await app[keys.DUE_WORK].run_due(at("2026-03-02T10:00"))
    async with app[keys.SESSIONS]() as session, session.begin():
        await session.execute(update(ScheduledFire).where(ScheduledFire.kind == "checkin",
                                                          ScheduledFire.status == "due").values(due_at=at(DUE)))
    return pids


async def prepare(app: Any, when: str = "2026-03-15T07:00", hours: int = 12) -> int:
    count: int = await app[keys.DUE_WORK].prepare_due_soon(at(when), timedelta(hours=hours), SweepReport())
    return count


async def answer(app: Any, person_id: int, text: str, when: str) -> Any:
    return await app[keys.DISPATCHER].submit(Inbound(
        channel="wechat", address=f"o{person_id}", kind="text", dedup_key=uuid.uuid4().hex,
        received_at=at(when), text=text, transport="wechat", at=at(when)))


async def written(app: Any, pid: int) -> dict[str, Any]:
    """Everything the check-in left for this person, without ids and person-specific values."""
    cipher = app[keys.CIPHER]
    async with app[keys.SESSIONS]() as session:
        conversation = await session.scalar(select(Conversation).where(Conversation.person_id == pid))
        inbound = list(await session.execute(select(InboundMessage.channel, InboundMessage.kind,
                                                    InboundMessage.awaiting, InboundMessage.body_enc)
                                             .where(InboundMessage.person_id == pid)))
        outbox = list(await session.execute(select(OutboxMessage.channel, OutboxMessage.status,
                                                   OutboxMessage.solicited, OutboxMessage.body_enc,
                                                   OutboxMessage.sms_body_enc, OutboxMessage.topic,
                                                   OutboxMessage.inbound_id.is_not(None))
                                            .where(OutboxMessage.person_id == pid)))
        events = list(await session.execute(select(EventLog.kind, EventLog.channel, EventLog.data)
                                            .where(EventLog.person_id == pid).order_by(EventLog.id)))
    assert conversation is not None
    state = repo.open_state(conversation.state, cipher)
    state.get("checkin", {}).pop("fire", None)  # the person's own fire
    return {
        "state": state,
        "version": conversation.version,
        "inbound": [(c, k, a, cipher.decrypt(b) if b else None) for c, k, a, b in inbound],
        "outbox": [(c, s, sol, cipher.decrypt(b), cipher.decrypt(sms) if sms else None, t, linked)
                   for c, s, sol, b, sms, t, linked in outbox],
        "events": [tuple(e) for e in events],
        # The next check-in's time is spread by person: its day is compared.
        "fires": sorted((f.kind, f.due_date, f.due_at if f.kind != "checkin" else None, f.status, f.outcome,
                         str(f.data)) for f in await fires(app, pid)),
    }


async def count(app: Any, model: Any) -> int:
    async with app[keys.SESSIONS]() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def test_a_prepared_checkin_is_released_as_the_full_path_writes_it(app: Any) -> None:
    first, second = await planned(app, 2)
    assert await prepare(app) == 2
    async with app[keys.SESSIONS]() as session, session.begin():
        await prepared.forget(session, [f.id for f in await fires(app, second) if f.kind == "checkin"])
    report = await app[keys.DUE_WORK].run_due(at(DUE))
    assert report.counts["checkin released"] == 1 and report.counts["checkin submitted"] == 1
    released, full = await written(app, first), await written(app, second)
    assert released == full
    [(_, _, _, text, _sms, topic, linked)] = released["outbox"]
    assert text.startswith("您好! 您还在东莞的宏达电子厂上班吗?") and topic == "checkin" and linked
    assert [f[3:5] for f in released["fires"] if f[0] == "checkin" and f[3] == "done"] == [("done", "sent")]
    assert {f[0] for f in released["fires"] if f[3] == "due"} >= {"checkin", "checkin_reminder", "checkin_visit"}
    assert await count(app, PreparedCheckin) == 0 and await count(app, PreparedOutbox) == 0
    again = await app[keys.DUE_WORK].run_due(at("2026-03-15T09:30"))
    assert not again.counts["checkin released"] and not again.counts["checkin submitted"]
    assert len(await pushes(app)) == 2  # one each, once


async def test_the_answer_to_a_released_checkin_is_understood(app: Any) -> None:
    [pid] = await planned(app, 1)
    await prepare(app)
    assert (await app[keys.DUE_WORK].run_due(at(DUE))).counts["checkin released"] == 1
    await answer(app, pid, "1", "2026-03-15T09:10")
    async with app[keys.SESSIONS]() as session:
        answered = await session.scalar(select(func.count()).select_from(EventLog).where(
            EventLog.person_id == pid, EventLog.kind == "checkin_answered"))
    assert answered == 1


async def test_someone_who_writes_after_the_preparation_gets_a_fresh_checkin(app: Any) -> None:
    [pid] = await planned(app, 1)
    await prepare(app)
    await answer(app, pid, "你好", "2026-03-15T08:30")
    async with app[keys.SESSIONS]() as session:
        version = await session.scalar(select(Conversation.version).where(Conversation.person_id == pid))
    report = await app[keys.DUE_WORK].run_due(at(DUE))
    assert not report.counts["checkin released"] and report.counts["checkin submitted"] == 1
    async with app[keys.SESSIONS]() as session:
        after = await session.scalar(select(Conversation.version).where(Conversation.person_id == pid))
    # The full path stepped from the conversation the message left (the prepared one was made before it).
    assert version is not None and after == version + 1
    assert await count(app, PreparedCheckin) == 0


async def test_a_conversation_changed_after_the_preparation_is_stepped_from_as_it_is_now(app: Any) -> None:
    """Anything that moves the conversation on (here its language switched, as the menu does) between the
    preparation and the due time: the check-in is the fresh one, in the new language."""
    [pid] = await planned(app, 1)
    await prepare(app)
    cipher = app[keys.CIPHER]
    async with app[keys.SESSIONS]() as session, session.begin():
        conversation = await session.scalar(select(Conversation).where(Conversation.person_id == pid))
        assert conversation is not None
        state = repo.open_state(conversation.state, cipher) | {"locale": "en"}
        conversation.state = repo.seal_state(state, cipher)
        conversation.version += 1
    report = await app[keys.DUE_WORK].run_due(at(DUE))
    assert not report.counts["checkin released"] and report.counts["checkin submitted"] == 1
    [(_, text, _, _)] = await pushes(app)
    assert "宏达电子厂" in text and "您好" not in text


async def test_a_record_changed_after_the_preparation_is_asked_about_as_it_is_now(app: Any) -> None:
    [pid] = await planned(app, 1)
    await prepare(app)
    async with app[keys.SESSIONS]() as session, session.begin():
        await session.execute(update(InfoForm).where(InfoForm.person_id == pid)
                              .values(data={"employer": "富士康", "work_place": "深圳"}))
    report = await app[keys.DUE_WORK].run_due(at(DUE))
    assert not report.counts["checkin released"] and report.counts["checkin submitted"] == 1
    [(_, text, _, _)] = await pushes(app)
    assert "富士康" in text and "宏达" not in text


async def test_an_opt_out_after_the_preparation_sends_nothing(app: Any) -> None:
    [pid] = await planned(app, 1)
    await prepare(app)
    async with app[keys.SESSIONS]() as session, session.begin():
        await session.execute(update(Person).where(Person.id == pid).values(opted_out_at=at("2026-03-15T08:00")))
    report = await app[keys.DUE_WORK].run_due(at(DUE))
    assert report.counts["checkin opted_out"] == 1 and not report.counts["checkin released"]
    assert await pushes(app) == [] and await count(app, PreparedCheckin) == 0


async def test_a_release_long_after_the_prepared_time_takes_the_full_path(app: Any) -> None:
    [pid] = await planned(app, 1)
    await prepare(app)
    report = await app[keys.DUE_WORK].run_due(at("2026-03-15T11:30"))  # 2.5 hours late
    assert not report.counts["checkin released"] and report.counts["checkin submitted"] == 1
    assert len(await pushes(app, pid)) == 1


async def test_quiet_hours_decide_the_time_a_checkin_is_prepared_for(app: Any) -> None:
    [pid] = await planned(app, 1)
    async with app[keys.SESSIONS]() as session, session.begin():
        await session.execute(update(ScheduledFire).where(ScheduledFire.kind == "checkin",
                                                          ScheduledFire.status == "due")
                              .values(due_at=at("2026-03-15T06:00")))
    assert await prepare(app, "2026-03-15T05:00") == 1
    async with app[keys.SESSIONS]() as session:
        prepared_for = await session.scalar(select(PreparedCheckin.prepared_for))
    assert prepared_for is not None and at("2026-03-15T08:00") <= prepared_for <= at("2026-03-15T10:00")
    night = await app[keys.DUE_WORK].run_due(at("2026-03-15T06:30"))
    assert night.counts["checkin deferred"] == 1 and await pushes(app) == []
    morning = await app[keys.DUE_WORK].run_due(at("2026-03-15T10:00"))
    assert morning.counts["checkin released"] == 1 and len(await pushes(app, pid)) == 1


async def test_a_release_that_dies_leaves_nothing_and_the_checkin_goes_once_later(app: Any, monkeypatch: Any) -> None:
    await planned(app, 3)
    await prepare(app)
    statements = dict(prepared._RELEASE_STATEMENTS)
    direct = list(prepared._SQLITE_RELEASE)

    # The inbound rows are inserted, then the process "dies" before the outbox rows (SQLAlchemy's statements on
    # PostgreSQL, the sqlite3 connection's on SQLite).
    broken = {dialect: [run[0], _Raising(), *run[1:]] for dialect, run in statements.items()}
    monkeypatch.setattr(prepared, "_RELEASE_STATEMENTS", broken)
    monkeypatch.setattr(prepared, "_SQLITE_RELEASE", [direct[0], "SELECT killed_mid_release()", *direct[1:]])
    with pytest.raises(Exception):  # noqa: B017 - whatever the sweep raises, nothing may be kept
        await app[keys.DUE_WORK].run_due(at(DUE))
    assert await count(app, InboundMessage) == 0 and await pushes(app) == []
    assert await count(app, PreparedCheckin) == 3  # rolled back with the rest
    monkeypatch.setattr(prepared, "_RELEASE_STATEMENTS", statements)
    monkeypatch.setattr(prepared, "_SQLITE_RELEASE", direct)
    # The claim is recovered after it expires; then everything goes out once.
    report = await app[keys.DUE_WORK].run_due(at("2026-03-15T09:20"))
    assert report.counts["checkin released"] == 3 and len(await pushes(app)) == 3
    assert await count(app, InboundMessage) == 3


class _Raising:
    """A statement that fails when executed (a crash in the middle of a release)."""

    def __getattr__(self, name: str) -> Any:
        raise RuntimeError("killed mid-release")
