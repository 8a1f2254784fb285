"""The person page lists a case still waiting for its first contact once, with that contact's deadline in the case's
entry, as the inbox and the chat's list do. Before, the case was listed without its deadline and its first-contact
task again among the tasks (T1 首次联系), while the inbox showed one entry: two things to do for one."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot import keys
from storage.models import CaseworkTask
from tests.console.conftest import Browser
from tests.console.world import World


async def test_the_first_contact_is_the_cases_entry(console: Any, world: World, signed_in: Any) -> None:
    app = console.server.app
    a = world.people["a"]
    async with app[keys.SESSIONS]() as session:
        first = list(await session.scalars(select(CaseworkTask.id).where(
            CaseworkTask.case_id == a.case_id, CaseworkTask.kind == "first_contact")))
    assert first
    b: Browser = await signed_in("caseworker_a")
    _, page = await b.get(f"/console/people/{a.person_id}")
    assert f'data-task="{first[0]}"' not in page
    assert f'data-contact-due="{a.case_id}"' in page and "首次联系期限" in page
    assert f'data-task="{a.task_id}"' in page  # the visit task is still its own entry (a guard)
