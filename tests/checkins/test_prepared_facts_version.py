"""A prepared check-in is tied to the person's facts version (person.facts_version, migration 0015), bumped by
triggers on every write that can change what the check-in's dialog step reads besides the conversation. Each
kind of write below, made after the preparation by any writer (plain SQL here: no code path bumps it), makes
the check-in take the full path, which then asks as things are now. Dropping the trigger a case names makes
that case fail (the check-in would be released as prepared)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select, text, update

from bot import keys
from scheduler.sweep import SweepReport
from storage.models import (
    AssistanceCase,
    Caseworker,
    ChannelAccount,
    InboundMessage,
    Person,
    PreparedCheckin,
    ScheduledFire,
)
from tests.checkins.helpers import add_people, pushes, quiet_outbox
from tests.checkins.test_prepared_checkins import DUE, at, prepare


async def _sql(app: Any, statement: str, **params: Any) -> None:
    async with app[keys.SESSIONS]() as session, session.begin():
        await session.execute(text(statement), params)


async def _person(app: Any, *, status: str = "employed", channels: tuple[str, ...] = ("wechat",),
                  case: bool = False, simulated: bool = False, unsubscribed: bool = False) -> int:
    """One person whose check-in is due at 09:00 on 15 March, prepared at 07:00."""
    await quiet_outbox(app)
    [pid] = await add_people(app, 1, recorded_at=at("2026-03-01T10:00"), status=status, channels=channels)
    async with app[keys.SESSIONS]() as session, session.begin():
        if unsubscribed:
            await session.execute(update(ChannelAccount).where(ChannelAccount.person_id == pid)
                                  .values(unsubscribed_at=at("2026-03-01T11:00")))
        if simulated:
            await session.execute(update(Person).where(Person.id == pid).values(simulated=True))
        if case:
            worker = Caseworker(name="张干事", role="caseworker")
            session.add(worker)
            await session.flush()
            session.add(AssistanceCase(person_id=pid, kind="assistance", caseworker_id=worker.id, status="open"))
    await app[keys.DUE_WORK].run_due(at("2026-03-02T10:00"))
    async with app[keys.SESSIONS]() as session, session.begin():
        await session.execute(update(ScheduledFire).where(ScheduledFire.kind == "checkin",
                                                          ScheduledFire.status == "due").values(due_at=at(DUE)))
    assert await prepare(app) == 1
    return pid


async def fire_channel(app: Any, pid: int) -> str | None:
    """The channel the check-in's dialog step ran on (its inbound's; the push's route is decided when sent)."""
    async with app[keys.SESSIONS]() as session:
        channel: str | None = await session.scalar(select(InboundMessage.channel).where(
            InboundMessage.person_id == pid, InboundMessage.dedup_key.like("fire:%")))
    return channel


async def _released_as_prepared(app: Any, pid: int) -> SweepReport:
    report = await app[keys.DUE_WORK].run_due(at(DUE))
    async with app[keys.SESSIONS]() as session:
        # Used or thrown away (someone planned by this sweep may have theirs prepared by it).
        assert await session.scalar(select(PreparedCheckin.fire_id).where(PreparedCheckin.person_id == pid)) is None
    return report


async def test_the_preparation_records_the_facts_version_it_read(app: Any) -> None:
    pid = await _person(app)
    async with app[keys.SESSIONS]() as session:
        stored = await session.scalar(select(PreparedCheckin.facts_version))
        current = await session.scalar(select(Person.facts_version).where(Person.id == pid))
    assert stored == current
    report = await _released_as_prepared(app, pid)
    assert report.counts["checkin released"] == 1  # nothing changed: released, no facts read


async def test_a_new_status_supersedes_the_prepared_checkin(app: Any) -> None:
    """Trigger info_form_facts_update (employment_status; the fields: test_prepared_checkins.py)."""
    pid = await _person(app)
    await _sql(app, "UPDATE info_form SET employment_status = 'unable' WHERE person_id = :pid", pid=pid)
    report = await _released_as_prepared(app, pid)
    assert not report.counts["checkin released"] and report.counts["checkin superseded"] == 1
    assert await pushes(app) == []


async def test_a_deleted_record_supersedes_the_prepared_checkin(app: Any) -> None:
    """Trigger info_form_facts_delete."""
    pid = await _person(app)
    await _sql(app, "DELETE FROM info_form WHERE person_id = :pid", pid=pid)
    report = await _released_as_prepared(app, pid)
    assert not report.counts["checkin released"] and report.counts["checkin superseded"] == 1
    assert await pushes(app) == []


async def test_a_wechat_unsubscribe_sends_the_checkin_by_sms(app: Any) -> None:
    """Trigger channel_account_facts_update (unsubscribed_at)."""
    pid = await _person(app, channels=("wechat", "sms"))
    await _sql(app, "UPDATE channel_account SET unsubscribed_at = created_at WHERE person_id = :pid "
                    "AND channel = 'wechat'", pid=pid)
    report = await _released_as_prepared(app, pid)
    assert not report.counts["checkin released"] and report.counts["checkin submitted"] == 1
    assert await fire_channel(app, pid) == "sms" and len(await pushes(app)) == 1


async def test_a_removed_wechat_account_sends_the_checkin_by_sms(app: Any) -> None:
    """Trigger channel_account_facts_delete."""
    pid = await _person(app, channels=("wechat", "sms"))
    await _sql(app, "DELETE FROM channel_account WHERE person_id = :pid AND channel = 'wechat'", pid=pid)
    report = await _released_as_prepared(app, pid)
    assert not report.counts["checkin released"] and report.counts["checkin submitted"] == 1
    assert await fire_channel(app, pid) == "sms" and len(await pushes(app)) == 1


async def test_a_wechat_account_moved_to_another_person_sends_the_checkin_by_sms(app: Any) -> None:
    """Trigger channel_account_facts_update (person_id: the person it leaves is bumped too)."""
    pid = await _person(app, channels=("wechat", "sms"))
    [other] = await add_people(app, 1, recorded_at=at("2026-03-01T10:00"), channels=("sms",), prefix="x")
    await _sql(app, "UPDATE channel_account SET person_id = :other WHERE person_id = :pid AND channel = 'wechat'",
               pid=pid, other=other)
    report = await _released_as_prepared(app, pid)
    assert not report.counts["checkin released"] and report.counts["checkin submitted"] == 1
    assert await fire_channel(app, pid) == "sms" and len(await pushes(app, pid)) == 1


async def test_a_new_account_of_someone_without_one_reaches_them_on_it(app: Any) -> None:
    """Trigger channel_account_facts_insert: with no account open the check-in is addressed to WeChat; an SMS
    account added after the preparation carries it."""
    pid = await _person(app, unsubscribed=True)
    await _sql(app, "INSERT INTO channel_account (person_id, channel, address_hash, address_enc, created_at) "
                    "SELECT person_id, 'sms', 'h' || person_id, 'e', updated_at FROM info_form WHERE person_id = :pid",
               pid=pid)
    report = await _released_as_prepared(app, pid)
    assert not report.counts["checkin released"] and report.counts["checkin submitted"] == 1
    assert await fire_channel(app, pid) == "sms" and len(await pushes(app)) == 1


async def test_someone_who_wrote_without_a_dialog_step_gets_the_fresh_checkin(app: Any) -> None:
    """Trigger channel_account_facts_update (last_inbound_at): when they last wrote is part of the check-in's
    step (a dialog left days ago does not hold it back), even when the conversation did not move."""
    pid = await _person(app)
    await _sql(app, "UPDATE channel_account SET last_inbound_at = :when WHERE person_id = :pid",
               pid=pid, when=at("2026-03-15T08:00"))
    report = await _released_as_prepared(app, pid)
    assert not report.counts["checkin released"] and report.counts["checkin submitted"] == 1
    assert len(await pushes(app)) == 1


async def test_a_simulated_message_after_the_preparation_takes_the_full_path(app: Any) -> None:
    """Trigger inbound_message_facts_insert: a simulator user's last message is when they last wrote."""
    pid = await _person(app, simulated=True)
    await _sql(app, "INSERT INTO inbound_message (channel, dedup_key, person_id, kind, received_at, "
                    "processed_at) VALUES ('wechat', 'm:after', :pid, 'text', :when, :when)",
               pid=pid, when=at("2026-03-15T08:00"))
    report = await _released_as_prepared(app, pid)
    assert not report.counts["checkin released"] and report.counts["checkin submitted"] == 1


async def test_a_person_made_simulated_after_the_preparation_takes_the_full_path(app: Any) -> None:
    """Trigger person_facts_update (simulated): their work goes to the simulator's inbox, not a gateway."""
    pid = await _person(app)
    await _sql(app, "UPDATE person SET simulated = true WHERE id = :pid", pid=pid)
    report = await _released_as_prepared(app, pid)
    assert not report.counts["checkin released"] and report.counts["checkin submitted"] == 1


async def test_a_fire_inbound_of_someone_else_changes_nothing(app: Any) -> None:
    """A fire's own inbound (dedup key fire:<id>) is no message from the person: no bump, still released."""
    pid = await _person(app)
    await _sql(app, "INSERT INTO inbound_message (channel, dedup_key, person_id, kind, received_at, "
                    "processed_at) VALUES ('wechat', 'fire:999999', :pid, 'event', :when, :when)",
               pid=pid, when=at("2026-03-15T08:00"))
    report = await _released_as_prepared(app, pid)
    assert report.counts["checkin released"] == 1


@pytest.mark.parametrize("change", ["closed", "deleted"])
async def test_a_closed_case_supersedes_the_unemployed_checkin(app: Any, change: str) -> None:
    """Triggers assistance_case_facts_update and assistance_case_facts_delete: an unemployed person's check-in
    is sent only while their assistance case is open."""
    pid = await _person(app, status="unemployed", case=True)
    if change == "closed":
        await _sql(app, "UPDATE assistance_case SET status = 'closed' WHERE person_id = :pid", pid=pid)
    else:
        await _sql(app, "DELETE FROM assistance_case WHERE person_id = :pid", pid=pid)
    report = await _released_as_prepared(app, pid)
    assert not report.counts["checkin released"] and report.counts["checkin superseded"] == 1
    assert await pushes(app) == []


async def test_an_unemployed_checkin_with_its_case_open_is_released(app: Any) -> None:
    pid = await _person(app, status="unemployed", case=True)
    report = await _released_as_prepared(app, pid)
    assert report.counts["checkin released"] == 1 and len(await pushes(app)) == 1


async def test_a_prepared_checkin_is_released_within_the_window_only(app: Any) -> None:
    """The version ties what was read; the time still decides on its own (two hours, the same local day)."""
    pid = await _person(app)
    report = await app[keys.DUE_WORK].run_due(at(DUE) + timedelta(hours=3))
    assert not report.counts["checkin released"] and report.counts["checkin submitted"] == 1
    assert len(await pushes(app, pid)) == 1
