"""An overdue task escalated to a supervisor, about someone not yet surveyed (no form, no roster entry, so no home
division to place them by): the supervisor opens them from the escalation; nobody else does."""

from __future__ import annotations

from typing import Any

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
