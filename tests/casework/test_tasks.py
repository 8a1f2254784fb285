"""Visit tasks and their escalation: idempotent on the caller's key, overdue tasks escalated to the supervisor."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import func, select

from bot.casework import (
    escalate_overdue_tasks,
    has_open_case,
    open_assistance_case,
    open_rights_cases,
    open_visit_task,
)
from bot.casework.cases import record_first_contact
from bot.settings import Settings
from storage.models import Alert, AssistanceCase, CaseworkTask
from tests.casework.files import NOW
from tests.casework.people import caseworker, laborer
from tests.survey.helpers import cipher, database


async def test_a_visit_task_is_opened_once_for_the_responsible_caseworker(settings: Settings) -> None:
    c = cipher(settings)
    async with database(settings) as sessions:
        async with sessions() as session, session.begin():
            owner = await caseworker(session, c, divisions=("520526100",))
            person = await laborer(session, c, NOW, id_number="520526199003150011")
            due = NOW + timedelta(days=3)
            first = await open_visit_task(session, c, person_id=person, reason="no_answer", due_at=due, now=NOW,
                                          dedup_key=f"visit:{person}:2026-11-19")
            again = await open_visit_task(session, c, person_id=person, reason="no_answer", due_at=due, now=NOW,
                                          dedup_key=f"visit:{person}:2026-11-19")
        async with sessions() as session:
            task = await session.get(CaseworkTask, first)
            alerts = list(await session.scalars(select(Alert)))
    assert first == again
    assert task is not None and (task.kind, task.caseworker_id, task.status, task.due_at) == (
        "visit", owner, "open", due)
    assert [(a.kind, a.caseworker_id, a.task_id) for a in alerts] == [("visit_task", owner, first)]
    text = c.decrypt(alerts[0].body_enc)
    assert "王*红" in text and "138****8000" in text and "11月29日 10:00" in text and f"T{first}" in text
    assert "王小红" not in text and "13800138000" not in text and "520526199003150011" not in text


async def test_overdue_tasks_are_escalated_to_the_supervisor_once(settings: Settings) -> None:
    c = cipher(settings)
    async with database(settings) as sessions:
        async with sessions() as session, session.begin():
            boss = await caseworker(session, c, name="张主任", phone="+8613900000001", role="supervisor")
            owner = await caseworker(session, c, supervisor_id=boss, divisions=("520526100",))
            person = await laborer(session, c, NOW)
            due = NOW + timedelta(days=3)
            task = await open_visit_task(session, c, person_id=person, reason="no_answer", due_at=due, now=NOW,
                                         dedup_key="visit:1")
            assert await escalate_overdue_tasks(session, c, now=due) == 0  # due, not yet past
        later = due + timedelta(minutes=1)
        async with sessions() as session, session.begin():
            assert await escalate_overdue_tasks(session, c, now=later) == 1
        async with sessions() as session, session.begin():
            assert await escalate_overdue_tasks(session, c, now=later + timedelta(hours=1)) == 0
        async with sessions() as session:
            row = await session.get(CaseworkTask, task)
            alerts = [(a.kind, a.caseworker_id) for a in await session.scalars(select(Alert).order_by(Alert.id))]
            escalation = await session.scalar(select(Alert).where(Alert.kind == "escalation"))
    assert row is not None and (row.status, row.escalated_to, row.escalated_at) == ("overdue", boss, later)
    assert alerts == [("visit_task", owner), ("task_overdue", owner), ("escalation", boss)]
    assert escalation is not None and "李书记的走访" in c.decrypt(escalation.body_enc)


async def test_an_overdue_task_of_someone_with_nobody_above_does_not_say_it_was_reported_up(
        settings: Settings) -> None:
    """A county's top supervisor owning a case (nobody covers the person's county below them) was told of their own
    overdue task "已报上级" (reported to the supervisor), though nobody was (played 2026-12-06)."""
    c = cipher(settings)
    async with database(settings) as sessions:
        async with sessions() as session, session.begin():
            top = await caseworker(session, c, name="李秀英", phone="+8613900000002", role="supervisor",
                                   divisions=("520526100",))
            person = await laborer(session, c, NOW)
            await open_visit_task(session, c, person_id=person, reason="no_answer", due_at=NOW, now=NOW,
                                  dedup_key="visit:top")
        async with sessions() as session, session.begin():
            assert await escalate_overdue_tasks(session, c, now=NOW + timedelta(minutes=1)) == 1
        async with sessions() as session:
            alerts = [(a.kind, a.caseworker_id, c.decrypt(a.body_enc))
                      for a in await session.scalars(select(Alert).where(Alert.kind != "visit_task"))]
    assert [(kind, owner) for kind, owner, _ in alerts] == [("task_overdue", top)]
    assert "已报上级" not in alerts[0][2] and "请尽快处理" in alerts[0][2], alerts


async def test_a_new_case_has_a_first_contact_task_that_escalates_too(settings: Settings) -> None:
    c = cipher(settings)
    async with database(settings) as sessions:
        async with sessions() as session, session.begin():
            boss = await caseworker(session, c, name="张主任", phone="+8613900000001", role="supervisor")
            owner = await caseworker(session, c, supervisor_id=boss, divisions=("520526100",))
            person = await laborer(session, c, NOW)
            opened = await open_assistance_case(session, c, person_id=person, now=NOW)
            assert await has_open_case(session, person)
            assert (opened.caseworker_id, opened.first_contact_due, opened.new) == (owner, NOW + timedelta(days=2),
                                                                                    True)
            again = await open_assistance_case(session, c, person_id=person, now=NOW)
            assert (again.case_id, again.new) == (opened.case_id, False)
        async with sessions() as session, session.begin():
            assert await escalate_overdue_tasks(session, c, now=NOW + timedelta(days=2, seconds=1)) == 1
            kinds = [a.kind for a in await session.scalars(select(Alert).order_by(Alert.id))]
    assert kinds == ["new_case", "task_overdue", "escalation"]


async def test_two_sweeps_at_once_escalate_each_task_once(settings: Settings) -> None:
    """On PostgreSQL they run side by side (SKIP LOCKED); on SQLite one waits for the other."""
    c = cipher(settings)
    async with database(settings) as sessions:
        async with sessions() as session, session.begin():
            boss = await caseworker(session, c, name="张主任", phone="+8613900000001", role="supervisor")
            await caseworker(session, c, supervisor_id=boss, divisions=("520526",))
            for i in range(40):
                person = await laborer(session, c, NOW, phone=f"+86138001380{i:02d}")
                await open_visit_task(session, c, person_id=person, reason="no_answer", due_at=NOW, now=NOW,
                                      dedup_key=f"visit:{i}")

        async def sweep() -> int:
            async with sessions() as session, session.begin():
                return await escalate_overdue_tasks(session, c, now=NOW + timedelta(hours=1))

        counts = await asyncio.gather(sweep(), sweep())
        async with sessions() as session:
            escalations = await session.scalar(select(func.count()).where(Alert.kind == "escalation"))
    assert sum(counts) == 40 and escalations == 40


async def test_a_rights_report_nobody_called_back_about_goes_up_to_the_supervisor(settings: Settings) -> None:
    """Rights cases had a first-contact deadline and no task: past it, nothing was escalated (lead, 2026-12-06)."""
    c = cipher(settings)
    async with database(settings) as sessions:
        async with sessions() as session, session.begin():
            boss = await caseworker(session, c, name="张主任", phone="+8613900000001", role="supervisor")
            owner = await caseworker(session, c, supervisor_id=boss, divisions=("520526100",))
            person = await laborer(session, c, NOW)
            opened = await open_rights_cases(session, c, person_id=person, now=NOW,
                                             issues=("no_contract", "no_social_insurance", "wage_arrears"))
        due = opened[0].first_contact_due
        async with sessions() as session, session.begin():
            tasks = list(await session.scalars(select(CaseworkTask)))
            assert [(t.kind, t.case_id, t.caseworker_id, t.due_at) for t in tasks] == [
                ("first_contact", opened[0].case_id, owner, due)]  # one call for the three told together
            assert await escalate_overdue_tasks(session, c, now=due + timedelta(minutes=1)) == 1
        async with sessions() as session:
            alerts = [(a.kind, a.caseworker_id) for a in await session.scalars(select(Alert).order_by(Alert.id))]
        assert alerts == [("rights_case", owner), ("task_overdue", owner), ("escalation", boss)]


async def test_reaching_the_person_about_a_rights_case_of_two_issues_is_its_one_first_contact(
    settings: Settings,
) -> None:
    c = cipher(settings)
    async with database(settings) as sessions:
        async with sessions() as session, session.begin():
            await caseworker(session, c, divisions=("520526100",))
            person = await laborer(session, c, NOW)
            opened = await open_rights_cases(session, c, person_id=person, now=NOW,
                                             issues=("no_contract", "wage_arrears"))
        async with sessions() as session, session.begin():
            [one] = opened
            second = await session.get(AssistanceCase, one.case_id)
            assert second is not None
            await record_first_contact(session, second, NOW + timedelta(hours=2))
        async with sessions() as session, session.begin():
            assert await escalate_overdue_tasks(session, c, now=NOW + timedelta(days=10)) == 0
            [task] = list(await session.scalars(select(CaseworkTask)))
        assert task.status == "done"
