"""An overdue task escalated to a supervisor, about someone not yet surveyed (no form, no roster entry, so no home
division to place them by): the supervisor opens them from the escalation; nobody else does."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot import keys
from storage.models import CaseworkTask
from tests.console.conftest import Browser
from tests.console.world import World
from tests.people import say


async def test_the_supervisor_an_overdue_task_went_to_opens_its_laborer(
        console: Any, world: World, signed_in: Any) -> None:
    app = console.server.app
    said = await say(app, "wechat", "oStrangerEscalated0000001", "你好")
    async with app[keys.SESSIONS]() as session, session.begin():
        session.add(CaseworkTask(
            kind="visit", person_id=said.person_id, caseworker_id=world.accounts["caseworker_a"],
            reason="checkin_no_answer", status="overdue", escalated_to=world.accounts["supervisor"],
            dedup_key=f"visit:{said.person_id}:test"))
    supervisor: Browser = await signed_in("supervisor")
    status, page = await supervisor.get(f"/console/people/{said.person_id}")
    assert status == 200 and "你好" in page  # was 404: only the task's owner could open them
    other: Browser = await signed_in("caseworker_c")
    status, _ = await other.get(f"/console/people/{said.person_id}")
    assert status == 404


async def test_a_task_escalated_to_the_supervisor_names_whose_it_is(
        console: Any, world: World, signed_in: Any) -> None:
    """The supervisor's list had "王小红 · 走访" and nothing to say whom to chase: now it names the caseworker.
    care15: an escalated first contact ("王小红 · 首次联系") named no case to act on: now it links its case (C1)."""
    app = console.server.app
    a = world.people["a"]
    async with app[keys.SESSIONS]() as session, session.begin():
        task = await session.get(CaseworkTask, a.task_id)
        assert task is not None and task.caseworker_id == world.accounts["caseworker_a"]
        task.status, task.escalated_to = "overdue", world.accounts["supervisor"]
        contact = await session.scalar(select(CaseworkTask).where(
            CaseworkTask.case_id == a.case_id, CaseworkTask.kind == "first_contact"))
        assert contact is not None
        contact.status, contact.escalated_to = "overdue", world.accounts["supervisor"]
    _, page = await (await signed_in("supervisor")).get("/console/")
    tasks = page.split('id="tasks"')[1].split('id="alerts"')[0]
    assert '<span class="task-owner">· 李书记负责，已报给您</span>' in tasks
    assert f'首次联系 <a class="case-ref" href="/console/cases/{a.case_id}">C{a.case_id}</a>' in tasks, tasks
    assert tasks.count('class="case-ref"') == 1  # the visit is nobody's case
    _, page = await (await signed_in("caseworker_a")).get("/console/")
    assert 'class="task-owner"' not in page  # their own task: no name to say
