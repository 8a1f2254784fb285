"""A small county for console tests, written straight to the database.

Divisions: A = 520526100 (草海镇) and B = 520526101 (么站镇), both in 威宁县 (520526); C = 520502100 (鸭池镇) in
another county. Accounts (password PASSWORD): a caseworker of A, a supervisor of the county (above A and B), an
administrator, and a caseworker of C; without a password: a second caseworker of A and one of B.
Laborers: one in each of A, B and C with a form, a case, a task, an alert, a registration, an application and a
short WeChat conversation (CONVERSATION: the rows the pipeline writes); one in A known only from the roster; one
simulated (the chat simulator's) in A, with the same conversation.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.casework.cases import open_assistance_case
from bot.casework.tasks import open_visit_task
from bot.console.auth import add_admin, set_password
from storage import repositories as repo
from storage.crypto import FieldCipher
from storage.info_forms import upsert_info_form
from storage.models import (
    Alert,
    Caseworker,
    CaseworkerDivision,
    ChannelAccount,
    Conversation,
    InboundMessage,
    JobApplication,
    OutboxMessage,
    Person,
    RosterEntry,
    UnemploymentRegistration,
    Vacancy,
)
from tests.fakes.identity import make_id

A, B, C, COUNTY = "520526100", "520526101", "520502100", "520526"
PASSWORD = "correct horse 42"
PHONES = {"caseworker_a": "+8613900000011", "supervisor": "+8613900000012", "admin": "+8613900000013",
          "caseworker_c": "+8613900000014"}


@dataclass
class Laborer:
    person_id: int
    name: str
    id_number: str
    phone: str
    case_id: int = 0
    task_id: int = 0
    alert_ids: list[int] = field(default_factory=list)
    registration_id: int = 0
    application_id: int = 0


@dataclass
class World:
    accounts: dict[str, int]
    people: dict[str, Laborer]
    vacancy_id: int

    def phone(self, account: str) -> str:
        return PHONES[account]


async def _account(session: AsyncSession, cipher: FieldCipher, name: str, phone: str, role: str,
                   divisions: tuple[str, ...], supervisor_id: int | None = None) -> int:
    row = Caseworker(name=name, phone_enc=cipher.encrypt(phone), phone_hash=cipher.blind_index("phone", phone),
                     role=role, supervisor_id=supervisor_id)
    session.add(row)
    await session.flush()
    session.add_all(CaseworkerDivision(caseworker_id=row.id, division=code) for code in divisions)
    await session.flush()
    return row.id


async def _laborer(session: AsyncSession, cipher: FieldCipher, now: datetime, *, name: str, division: str, seq: int,
                   simulated: bool = False) -> Laborer:
    person = Person(locale="zh_CN", created_at=now, simulated=simulated)
    session.add(person)
    await session.flush()
    id_number = make_id(division[:6], date(1985, 5, 1), seq)
    phone = f"+86138001380{seq:02d}"
    record: dict[str, Any] = {"name": name, "id_number": id_number, "phone": phone, "home_division": division,
                              "employment_status": "unemployed", "home_village": "石门村"}
    await upsert_info_form(session, cipher, person_id=person.id, record=record, source="wechat", consent_at=now,
                           consent_version="2026-11", now=now)
    account = f"o-{name}-{seq}"
    session.add(ChannelAccount(person_id=person.id, channel="wechat", address_enc=cipher.encrypt(account),
                               address_hash=cipher.blind_index("wechat", account), created_at=now,
                               last_inbound_at=now))
    await _conversation(session, cipher, now, person.id, seq)
    return Laborer(person.id, name, id_number, phone)


# What each laborer said on WeChat and what came back (bot/unit_of_work.py writes these rows: the inbound's body
# is the whole message as JSON, a reply is `passive` in the HTTP answer, a push is `auto`, unsolicited, and sent
# later). One message holds someone else's phone number, which every page shows masked.
CONVERSATION: tuple[tuple[str, str, str], ...] = (
    ("in", "厂子倒闭了 老板电话{boss}一直打不通", ""),
    ("passive", "已为您登记失业。工作人员会在三天内联系您。", ""),
    ("in", "好的 谢谢", ""),
    ("passive", "不客气，有事随时发消息。", ""),
    ("push", "您好，最近找到工作了吗？回复 1 找到了，2 还没有。", "sent"),
)
BOSS_PHONE = "13912345678"


def conversation_texts(laborer: Laborer) -> list[str]:
    """The texts of a world laborer's conversation, oldest first, as written (numbers in full)."""
    return [text.format(boss=BOSS_PHONE) for _, text, _ in CONVERSATION]


async def _conversation(session: AsyncSession, cipher: FieldCipher, now: datetime, person_id: int, seq: int) -> None:
    """The rows a short WeChat conversation leaves: the conversation itself (the dialog's state and per-person
    lock), inbound messages and the replies to them, and a push sent later."""
    # The state the survey leaves (consent given, the form saved): what the chat knows of them when they write.
    state = {"v": 1, "locale": "zh_CN", "flow": None, "awaiting": None, "menu_open": False,
             "consent": {"given": True, "at": now.isoformat(), "version": "2026-11"},
             "survey": {"answers": {"employment_status": "unemployed"}, "phase": "done"}}
    session.add(Conversation(person_id=person_id, state=repo.seal_state(state, cipher), version=len(CONVERSATION),
                             updated_at=now))
    inbound_id = None
    for n, (kind, text, status) in enumerate(CONVERSATION):
        at = now - timedelta(hours=2) + timedelta(minutes=n)
        body = cipher.encrypt(text.format(boss=BOSS_PHONE) if kind != "in" else json.dumps(
            {"text": text.format(boss=BOSS_PHONE)}, ensure_ascii=False))
        if kind == "in":
            inbound = InboundMessage(channel="wechat", dedup_key=f"seed-{seq}-{n}", person_id=person_id, kind="text",
                                     body_enc=body, received_at=at, processed_at=at)
            session.add(inbound)
            await session.flush()
            inbound_id = inbound.id
        elif kind == "passive":
            session.add(OutboxMessage(person_id=person_id, inbound_id=inbound_id, channel="wechat", kind="text",
                                      body_enc=body, solicited=True, status="passive", attempts=0,
                                      next_attempt_at=at, created_at=at, sent_at=at))
        else:
            session.add(OutboxMessage(person_id=person_id, channel="auto", kind="text", body_enc=body,
                                      solicited=False, status=status, attempts=1, next_attempt_at=at, created_at=at,
                                      sent_at=at, topic="checkin", sent_via="custom"))
    await session.flush()


async def build(sessions: async_sessionmaker[AsyncSession], cipher: FieldCipher, now: datetime) -> World:
    async with sessions() as session, session.begin():
        supervisor = await _account(session, cipher, "赵主管", PHONES["supervisor"], "supervisor", (COUNTY,))
        accounts = {
            "supervisor": supervisor,
            "caseworker_a": await _account(session, cipher, "李书记", PHONES["caseworker_a"], "caseworker", (A,),
                                           supervisor),
            "caseworker_b": await _account(session, cipher, "孙干事", "+8613900000015", "caseworker", (B,), supervisor),
            # A second caseworker of A (a resident work team): cases of A can be handed to them.
            "caseworker_a2": await _account(session, cipher, "吴队员", "+8613900000016", "caseworker", (A,),
                                            supervisor),
            "caseworker_c": await _account(session, cipher, "周干事", PHONES["caseworker_c"], "caseworker", (C,)),
        }
        vacancy = Vacancy(external_id="V1", title="保安", employer="盛安物业", kind="factory", division=COUNTY)
        session.add(vacancy)
        await session.flush()
        people = {}
        for key, name, division, seq in (("a", "王小红", A, 11), ("b", "张大山", B, 12), ("c", "刘春花", C, 13),
                                         ("sim", "模拟人", A, 14)):
            laborer = await _laborer(session, cipher, now, name=name, division=division, seq=seq,
                                     simulated=key == "sim")
            opened = await open_assistance_case(session, cipher, person_id=laborer.person_id, now=now)
            laborer.case_id = opened.case_id
            laborer.task_id = await open_visit_task(session, cipher, person_id=laborer.person_id, reason="no_answer",
                                                    due_at=now + timedelta(days=3), now=now,
                                                    dedup_key=f"visit:{laborer.person_id}")
            registration = UnemploymentRegistration(person_id=laborer.person_id, caseworker_id=opened.caseworker_id,
                                                    home_division=division, submitted_at=now)
            application = JobApplication(person_id=laborer.person_id, vacancy_id=vacancy.id, channel="wechat",
                                         applied_at=now)
            session.add_all([registration, application])
            await session.flush()
            laborer.registration_id, laborer.application_id = registration.id, application.id
            people[key] = laborer
        roster_only = Person(locale="zh_CN", created_at=now)
        session.add(roster_only)
        await session.flush()
        session.add(RosterEntry(name="陈老四", id_number_enc=cipher.encrypt(make_id("520526", date(1970, 1, 2), 15)),
                                id_number_hash=cipher.blind_index("id_number", make_id("520526", date(1970, 1, 2), 15)),
                                home_division=A, person_id=roster_only.id, imported_at=now))
        people["roster"] = Laborer(roster_only.id, "陈老四", make_id("520526", date(1970, 1, 2), 15), "")
    admin, _ = await add_admin(sessions, cipher, phone_text=PHONES["admin"], name="县管理员", now=now)
    accounts["admin"] = admin.id
    for account in ("caseworker_a", "supervisor", "admin", "caseworker_c"):
        await set_password(sessions, cipher, phone_text=PHONES[account], password=PASSWORD, now=now)
    async with sessions() as session:
        for laborer in people.values():
            laborer.alert_ids = list(await session.scalars(select(Alert.id).where(
                Alert.person_id == laborer.person_id)))
    return World(accounts, people, vacancy.id)


async def add_form(sessions: async_sessionmaker[AsyncSession], cipher: FieldCipher, now: datetime, *, name: str,
                   id_number: str, division: str, simulated: bool = False) -> int:
    """Another person with a saved form (waiting for review) carrying this ID number: a duplicate's other half."""
    async with sessions() as session, session.begin():
        person = Person(locale="zh_CN", created_at=now, simulated=simulated)
        session.add(person)
        await session.flush()
        await upsert_info_form(session, cipher, person_id=person.id, source="sms", consent_at=now,
                               consent_version="2026-11", now=now,
                               record={"name": name, "id_number": id_number, "phone": "+8613800138099",
                                       "home_division": division, "employment_status": "employed"})
        return person.id
