"""A laborer's reply to a caseworker's message reaches that caseworker (it went into whatever dialog was open, seen
only on the console's message list).

When a caseworker's message is queued (发消息 / 发短信 in the chat, a message from the console), the person's
conversation gets a marker: who wrote, their role and the case, and until when (`reply_window_hours` in
policy.toml). The lane reads it with the state it loads anyway (no look-up per message); the pure dialog decides
what is a reply (dialogs/caseworker_reply.py) and emits `caseworker_reply`, which this module turns into a
`person_replied` alert to the writer, on their channel like every alert, the words quoted with numbers masked.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.casework import policy
from bot.casework.alerts import alert_about, quoted
from bot.casework.responsibility import facts_so_far
from bot.delivery import in_quiet_hours, next_allowed
from bot.effects import EffectContext, handles
from dialogs import caseworker_reply
from dialogs.types import DialogEvent
from scheduler.calendar import ProgrammeCalendar
from storage import repositories as repo
from storage.crypto import FieldCipher
from storage.models import AssistanceCase, Caseworker, Conversation, Person

KIND = "person_replied"


def reaches_them_at(now: datetime, calendar: ProgrammeCalendar | None, *, simulated: bool) -> datetime:
    """When a caseworker's message queued at `now` reaches the person: the outbox holds what they did not ask for in
    quiet hours until sending opens (bot/delivery.py, by the same sending hours); a simulated person's is not held."""
    if calendar is None or simulated:
        return now
    hours = (calendar.opens, calendar.closes)
    local = calendar.local(now)
    return next_allowed(local, hours) if in_quiet_hours(local, hours) else now


async def marker(session: AsyncSession, caseworker_id: int, case_id: int | None,
                 now: datetime, start: datetime | None = None) -> dict[str, Any] | None:
    """What the person's conversation keeps while a reply to this caseworker is awaited; None: nothing to keep (no
    window configured, or no such caseworker). The window opens at `start`, when the message reaches them (`from`,
    kept only when later than now), and lasts the policy's hours from then."""
    hours = policy.reply_window_hours()
    writer = (await session.execute(select(Caseworker.name, Caseworker.role)
                                    .where(Caseworker.id == caseworker_id))).one_or_none()
    if hours <= 0 or writer is None:
        return None
    start = max(now, start or now)
    return {"by": caseworker_id, "name": writer.name, "role": writer.role, "case": case_id,
            **({"from": start.isoformat()} if start > now else {}),
            "until": (start + timedelta(hours=hours)).isoformat()}


async def expect_reply_in_unit(ctx: EffectContext, person_id: int, case_id: int | None) -> int | None:
    """From the chat (a caseworker's unit of work): the marker is written with the unit's states (bot/unit_of_work.py
    `_write`), the person's conversation locked in order with the others there. The window's hours (the caseworker
    is told their answer comes back), or None."""
    assert ctx.caseworker_id is not None
    start = reaches_them_at(ctx.now, ctx.planner.calendar if ctx.planner else None, simulated=ctx.simulated)
    mark = await marker(ctx.session, ctx.caseworker_id, case_id, ctx.now, start)
    if mark is None:
        return None
    ctx.marks[person_id] = mark
    return policy.reply_window_hours()


async def expect_reply(session: AsyncSession, cipher: FieldCipher, *, person_id: int, caseworker_id: int,
                       case_id: int | None, now: datetime, calendar: ProgrammeCalendar | None = None) -> None:
    """From the console (a transaction of its own): the person's conversation locked, the marker written into it and
    its version moved on (a check-in prepared ahead from the old state is then stale: bot/prepared_checkins.py)."""
    if case_id is None:
        # The case the reply is about, for the alert to name (回复 发消息 C3 …): the writer's latest open one, else
        # the person's latest (a supervisor writing about a case below them: its owner is sent the reply too).
        case_id = await session.scalar(select(AssistanceCase.id).where(
            AssistanceCase.person_id == person_id, AssistanceCase.status == "open").order_by(
            (AssistanceCase.caseworker_id == caseworker_id).desc(), AssistanceCase.id.desc()).limit(1))
    simulated = bool(await session.scalar(select(Person.simulated).where(Person.id == person_id)))
    mark = await marker(session, caseworker_id, case_id, now, reaches_them_at(now, calendar, simulated=simulated))
    if mark is None:
        return
    await _renew(session, cipher, person_id, mark, now)


async def _renew(session: AsyncSession, cipher: FieldCipher, person_id: int, mark: dict[str, Any],
                 now: datetime) -> None:
    """The person's conversation locked, its marker renewed by `mark` (caseworker_reply.renewed), and its version
    moved on when that changed it."""
    conversation = (await repo.lock_conversations(session, [person_id])).get(person_id)
    if conversation is None:
        return
    state = dict(repo.open_state(conversation.state, cipher) if conversation.state else {})
    old = state.pop(caseworker_reply.MARK, None)
    new = caseworker_reply.renewed(old, mark, now)
    if new is old:
        return
    if new is not None:
        state[caseworker_reply.MARK] = new
    await session.execute(repo.CONVERSATION.update().where(repo.CONVERSATION.c.person_id == person_id).values(
        state=repo.seal_state(state, cipher), version=conversation.version + 1, updated_at=now))


async def _others_open(session: AsyncSession, case: AssistanceCase) -> bool:
    return await session.scalar(select(AssistanceCase.id).where(
        AssistanceCase.person_id == case.person_id, AssistanceCase.id != case.id,
        AssistanceCase.status == "open").limit(1)) is not None


async def end_window_in_unit(ctx: EffectContext, case: AssistanceCase) -> None:
    """From the chat (结案 C3): the window the case's messages opened ends with it, written with the unit's states;
    a message the same unit queued to the person keeps its window."""
    ctx.marks.setdefault(case.person_id, caseworker_reply.closing(
        case.id, others_open=await _others_open(ctx.session, case)))


async def end_window(session: AsyncSession, cipher: FieldCipher, case: AssistanceCase, now: datetime) -> None:
    """From the console (a case closed there): the person's next words go back to the bot, not to whoever wrote
    about the case (they went on being passed on for the window's 72 hours)."""
    await _renew(session, cipher, case.person_id, caseworker_reply.closing(
        case.id, others_open=await _others_open(session, case)), now)


@handles(caseworker_reply.EVENT)
async def _passed_on(ctx: EffectContext, event: DialogEvent) -> None:
    """The person's reply, to the caseworker who wrote (【本人回复】… 原话, numbers masked); never fed to a dialog."""
    data = event.data
    await _alert_writer(ctx.session, ctx.cipher, person_id=ctx.person_id, writer=data.get("caseworker"),
                        case=data.get("case"), said=data.get("said"), now=ctx.now)


async def _alert_writer(session: AsyncSession, cipher: FieldCipher, *, person_id: int, writer: Any, case: Any,
                        said: Any, now: datetime) -> bool:
    if not isinstance(writer, int) or await session.scalar(
            select(Caseworker.id).where(Caseworker.id == writer)) is None:
        return False
    has_case = isinstance(case, int) and not isinstance(case, bool)
    # Named as the other alerts about them are (王*红 halfway through the survey: it said 未登记姓名).
    facts = await facts_so_far(session, cipher, person_id)
    await alert_about(session, cipher, caseworker_id=writer, kind=KIND, person_id=person_id, now=now,
                      facts=facts, case_id=case if has_case else None, template=KIND if has_case else f"{KIND}_nocase",
                      said=quoted(said), **({"case": case} if has_case else {}))
    # Someone else wrote about the case (a supervisor on a case below them): its owner, who works it, sees the reply
    # too (it went to the supervisor alone, and the owner called the laborer about what was already answered).
    owner = await session.scalar(select(AssistanceCase.caseworker_id).where(
        AssistanceCase.id == case, AssistanceCase.status == "open")) if has_case else None
    if owner is not None and owner != writer:
        who = await session.scalar(select(Caseworker.name).where(Caseworker.id == writer)) or "-"
        await alert_about(session, cipher, caseworker_id=owner, kind=KIND, person_id=person_id, now=now,
                          facts=facts, case_id=case, template=f"{KIND}_to_other", said=quoted(said), case=case, who=who)
    return True


async def reply_by_phone(session: AsyncSession, cipher: FieldCipher, *, person_id: int, text: str,
                         now: datetime) -> dict[str, str] | None:
    """The first SMS from a number not yet linked, which is the phone on this person's form (bot/linking.py found
    them for the link offer, no look-up of its own): someone a caseworker wrote to on WeChat answering by SMS. Inside
    the window their words go to the writer as the reply they are; the person is then told so with the offer to link
    the number, in the language of their record (someone who reads English was told in Chinese). Returns who they
    went to and that language ({"name", "role", "locale"}), or None (no window open: the offer alone, as before)."""
    sealed = await session.scalar(select(Conversation.state).where(Conversation.person_id == person_id))
    state = repo.open_state(sealed, cipher) if sealed else {}
    mark = state.get(caseworker_reply.MARK)
    if (not isinstance(mark, dict) or not caseworker_reply.fresh(mark, now) or caseworker_reply.pending(mark, now)
            or not await _alert_writer(session, cipher, person_id=person_id, writer=mark.get("by"),
                                       case=mark.get("case"), said=text, now=now)):
        return None
    locale = await session.scalar(select(Person.locale).where(Person.id == person_id))
    return {"name": str(mark.get("name") or ""), "role": str(mark.get("role") or "caseworker"),
            "locale": str(locale or "zh_CN")}
