"""End to end through a real Kannel: phone -> fake SMSC -> bearerbox -> smsbox get-url -> Jiuye -> outbox
-> sendsms -> bearerbox -> fake SMSC -> phone, with delivery reports coming back to Jiuye."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from bot import keys
from dialogs.engine import MENU
from dialogs.i18n import catalog, render
from dialogs.types import Inbound, Outbound
from storage.info_forms import upsert_info_form
from storage.models import (
    ChannelAccount,
    EventLog,
    InboundMessage,
    OutboxMessage,
    Person,
    SmsDeliveryReport,
)
from tests.fakes.identity import make_id
from tests.fakes.kannel import SHORT_CODE
from tests.sms.conftest import SmsWorld, eventually, sessions

pytestmark = pytest.mark.kannel

ZH = catalog("zh_CN")


async def _rows(world: SmsWorld, stmt: Any) -> list[Any]:
    async with sessions(world)() as session:
        return list(await session.scalars(stmt))


async def _person_of(world: SmsWorld, phone: str) -> Person:
    cipher = world.app[keys.CIPHER]
    async with sessions(world)() as session:
        account = await session.scalar(select(ChannelAccount).where(
            ChannelAccount.channel == "sms", ChannelAccount.address_hash == cipher.blind_index("sms", phone)))
        assert account is not None
        person = await session.get(Person, account.person_id)
        assert person is not None
        return person


async def test_chinese_message_in_and_correct_chinese_reply_out(sms_world: SmsWorld) -> None:
    await sms_world.phones.send("13800000001", "人工")
    [reply] = await sms_world.phones.receive_for("+8613800000001")
    assert reply.sender == SHORT_CODE
    assert reply.text == ZH.get("common.human_requested", "sms")
    stored = await _rows(sms_world, select(InboundMessage))
    assert [m.channel for m in stored] == ["sms"] and stored[0].dedup_key.startswith("kannel:")


async def test_a_reply_in_two_parts_arrives_whole(sms_world: SmsWorld) -> None:
    await sms_world.phones.send("13800000002", "菜单")
    [menu] = await sms_world.phones.receive_for("+8613800000002")
    expected_menu = render(Outbound("menu.title", options=tuple(label for _, label in MENU)), "zh_CN", "sms")
    assert menu.parts == 1 and menu.text.endswith(expected_menu)
    # A caseworker's answer from the console is longer than one SMS: Kannel sends it in two parts.
    person = await _person_of(sms_world, "+8613800000002")
    answer = ("您好, 我是您的帮扶责任人。县里下周二在镇政府有招聘会, 有电子厂、服装厂和公益岗位, "
              "包吃住的也有。需要的话回复人工, 我帮您报名, 车费可以申请补贴。")
    assert 70 < len(answer) <= 134
    cipher = sms_world.app[keys.CIPHER]
    async with sessions(sms_world)() as session, session.begin():
        session.add(OutboxMessage(person_id=person.id, channel="sms", body_enc=cipher.encrypt(answer),
                                  solicited=True, next_attempt_at=sms_world.clock.now()))
    sms_world.app[keys.OUTBOX].wake()
    [long] = await sms_world.phones.receive_for("+8613800000002")
    assert long.parts == 2 and long.text == answer


async def test_delivery_reports_update_the_message(sms_world: SmsWorld) -> None:
    await sms_world.phones.send("13800000003", "人工")
    await sms_world.phones.receive_for("+8613800000003")
    sent = await eventually(
        lambda: _rows(sms_world, select(OutboxMessage)),
        # The worker settles its sends after the batch: the report can be written first.
        lambda rows: len(rows) == 1 and rows[0].delivery_status == "delivered" and rows[0].status == "sent",
    )
    assert sent[0].delivered_at == sms_world.clock.now()
    reports = await eventually(
        lambda: _rows(sms_world, select(SmsDeliveryReport.dlr_type)), lambda types: sorted(types) == [1, 8]
    )
    assert sorted(reports) == [1, 8]  # accepted by the SMSC, then delivered to the phone


async def test_replies_survive_kannel_going_down_and_arrive_exactly_once(sms_world: SmsWorld) -> None:
    world = sms_world
    # 1. Accepted by Kannel but not yet handed to the network (no phone connected): Kannel's store keeps them.
    await world.disconnect_phones()
    for i in range(2):
        assert await world.inject_mo(f"1390000000{i}", "人工", f"held-{i}") == 200
    await eventually(lambda: _rows(world, select(OutboxMessage.status)), lambda s: s == ["sent", "sent"])
    assert await eventually(world.gateway.outbound_queued, lambda n: n == 2) == 2
    # 2. Kannel stops; replies queued meanwhile cannot be handed over and wait with backoff.
    await world.gateway.stop()
    for i in range(2, 5):
        assert await world.inject_mo(f"1390000000{i}", "人工", f"down-{i}") == 200
    await eventually(
        lambda: _rows(world, select(OutboxMessage).where(OutboxMessage.attempts >= 1,
                                                         OutboxMessage.status == "queued")),
        lambda rows: len(rows) == 3,
    )
    # A retried get-url call (same Kannel id) is not a new message.
    assert await world.inject_mo("13900000002", "人工", "down-2") == 200
    # 3. Kannel is back; time moves past the backoff.
    await world.restart_gateway()
    world.clock.advance(timedelta(seconds=30))
    world.app[keys.OUTBOX].wake()
    got = []
    for _ in range(5):
        try:
            got.append(await world.phones.receive(timeout=30))
        except TimeoutError:
            raise AssertionError(f"received only {got}; lines {world.phones.raw_lines}") from None
    assert sorted(s.receiver for s in got) == [f"+861390000000{i}" for i in range(5)]
    assert all(s.text == ZH.get("common.human_requested", "sms") for s in got)
    # Nothing arrives twice: give Kannel and the worker time to misbehave, then look.
    await asyncio.sleep(2.0)
    assert world.phones.inbox.empty(), world.phones.raw_lines
    statuses = await _rows(world, select(OutboxMessage.status))
    assert statuses == ["sent"] * 5


async def _push(world: SmsWorld, phone: str) -> None:
    """Scheduled work (a job push) enters the pipeline as an internal inbound."""
    await world.app[keys.DISPATCHER].submit(Inbound(
        channel="sms", address=phone, kind="text", dedup_key=f"push:{uuid.uuid4().hex}",
        received_at=world.clock.now(), text="菜单", transport="internal",
    ))
    world.app[keys.OUTBOX].wake()


async def test_td_stops_pushes_but_not_replies_and_resume_restores_them(sms_world: SmsWorld) -> None:
    world, phone = sms_world, "+8613800000004"
    await world.phones.send("13800000004", "TD")
    [confirm] = await world.phones.receive_for(phone)
    assert confirm.text == ZH.get("common.opted_out", "sms")
    person = await _person_of(world, phone)
    assert person.opted_out_at == world.clock.now() and person.opted_out_channel == "sms"

    await _push(world, phone)
    await eventually(lambda: _rows(world, select(OutboxMessage.status).order_by(OutboxMessage.id)),
                     lambda s: s[-1] == "skipped")
    await world.phones.send("13800000004", "人工")  # a reply to their own message still goes
    [reply] = await world.phones.receive_for(phone)
    assert reply.text == ZH.get("common.human_requested", "sms")

    await world.phones.send("13800000004", "恢复")
    [resumed] = await world.phones.receive_for(phone)
    assert resumed.text.startswith(ZH.get("common.opted_in", "sms"))
    assert (await _person_of(world, phone)).opted_out_at is None
    await _push(world, phone)
    [pushed] = await world.phones.receive_for(phone)
    assert "请回复数字选择" in pushed.text
    assert world.phones.inbox.empty()


async def test_pushes_wait_for_the_sending_hours_then_go_by_sms(sms_world: SmsWorld) -> None:
    world, phone = sms_world, "+8613800000005"
    await world.phones.send("13800000005", "人工")
    await world.phones.receive_for(phone)
    world.clock.advance(timedelta(hours=12))  # 22:00 in Shanghai
    await _push(world, phone)
    rows = await eventually(lambda: _rows(world, select(OutboxMessage).order_by(OutboxMessage.id)),
                            lambda r: len(r) == 2 and r[1].next_attempt_at > world.clock.now())
    assert rows[1].channel == "auto" and rows[1].status == "queued"  # held for the morning, not yet routed
    world.clock.advance(timedelta(hours=10, minutes=1))  # 08:01
    world.app[keys.OUTBOX].wake()
    [pushed] = await world.phones.receive_for(phone)
    assert "请回复数字选择" in pushed.text
    routed = await _rows(world, select(OutboxMessage.channel).order_by(OutboxMessage.id))
    assert routed == ["sms", "sms"]  # no WeChat account: the push went by SMS


async def _count(world: SmsWorld, model: Any, *where: Any) -> int:
    async with sessions(world)() as session:
        return int(await session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


async def _wechat(world: SmsWorld, openid: str, text: str | None = None, event: str | None = None) -> Any:
    return await world.app[keys.DISPATCHER].submit(Inbound(
        channel="wechat", address=openid, kind="event" if event else "text", dedup_key=uuid.uuid4().hex,
        received_at=world.clock.now(), text=text or "", event=event, transport="wechat",
    ))


async def _registered_on_wechat(world: SmsWorld, openid: str, phone: str, id_number: str) -> int:
    """A laborer who started the survey on WeChat and whose form already holds their phone and ID."""
    await _wechat(world, openid, event="subscribe")
    await _wechat(world, openid, "1")  # consent
    outcome = await _wechat(world, openid, "王小明")
    assert outcome.awaiting == "id_number"
    async with sessions(world)() as session, session.begin():
        await upsert_info_form(
            session, world.app[keys.CIPHER], person_id=outcome.person_id,
            record={"name": "王小明", "id_number": id_number, "phone": phone}, source="wechat",
            consent_at=world.clock.now(), consent_version="2026-11", now=world.clock.now(), status="draft",
        )
    return int(outcome.person_id)


async def test_a_known_phone_is_linked_after_confirmation_and_the_survey_continues(sms_world: SmsWorld) -> None:
    world, phone, id_number = sms_world, "+8613800000010", make_id(seq=321)
    wechat_person = await _registered_on_wechat(world, "openid-link-1", phone, id_number)

    await world.phones.send("13800000010", "你好")
    [ask] = await world.phones.receive_for(phone)
    assert ask.text == ZH.get("link.ask", "sms")
    await world.phones.send("13800000010", "0000")
    [wrong] = await world.phones.receive_for(phone)
    assert wrong.text == ZH.get("link.wrong", "sms").format(left=2)
    await world.phones.send("13800000010", id_number[-4:])
    [done] = await world.phones.receive_for(phone)
    # Confirmed, and the survey started on WeChat goes on where it stopped: the ID number question.
    assert done.text.startswith(ZH.get("link.done", "sms")) and ZH.get("survey.id_number.prompt", "sms") in done.text

    assert (await _person_of(world, phone)).id == wechat_person
    assert await _count(world, Person) == 1  # one record
    assert await _count(world, InboundMessage, InboundMessage.person_id != wechat_person) == 0
    assert await _count(world, InboundMessage, InboundMessage.channel == "sms") == 3  # what SMS said is kept

    # One conversation: answered by SMS, continued on WeChat.
    await world.phones.send("13800000010", id_number)
    [next_question] = await world.phones.receive_for(phone)
    # The number the SMS comes from is offered rather than asked for (masked).
    assert ZH.get("survey.phone.offer", "sms").format(phone="138****0010") in next_question.text
    on_wechat = await _wechat(world, "openid-link-1", "13800000010")
    assert on_wechat.person_id == wechat_person and on_wechat.awaiting not in ("id_number", "phone")


async def test_three_wrong_confirmations_lock_linking(sms_world: SmsWorld) -> None:
    world, phone, id_number = sms_world, "+8613800000011", make_id(seq=654)
    wechat_person = await _registered_on_wechat(world, "openid-link-2", phone, id_number)
    await world.phones.send("13800000011", "在吗")
    [ask] = await world.phones.receive_for(phone)
    assert ask.text == ZH.get("link.ask", "sms")
    answers = [ZH.get("link.wrong", "sms").format(left=2), ZH.get("link.wrong", "sms").format(left=1),
               ZH.get("link.locked", "sms")]
    for guess, expected in zip(("0000", "1111", "2222"), answers, strict=True):
        await world.phones.send("13800000011", guess)
        [answer] = await world.phones.receive_for(phone)
        assert answer.text == expected
    # Locked: even the right answer now is just a message to the ordinary dialog.
    await world.phones.send("13800000011", id_number[-4:])
    [after] = await world.phones.receive_for(phone)
    assert ZH.get("link.done", "sms") not in after.text
    sms_person = await _person_of(world, phone)
    assert sms_person.id != wechat_person and await _count(world, Person) == 2
    assert await _count(world, EventLog, EventLog.kind == "link_locked") == 1
    assert await _count(world, EventLog, EventLog.kind == "link_failed") == 3
