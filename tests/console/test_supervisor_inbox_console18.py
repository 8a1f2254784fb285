"""console18: a supervisor's first page (待办) listed only their own cases, tasks and alerts, so it stayed empty
until the sweep escalated an overdue task to them. It now shows their divisions' work at once: others' cases whose
first contact is past due (with whose they are) and the registrations waiting to be accepted or returned, within
their divisions only. A caseworker's first page is as it was."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot import keys
from tests.console.world import World


def _section(page: str, list_id: str) -> str:
    return page.split(f'id="{list_id}"', 1)[1].split("</ul>", 1)[0]


async def test_a_supervisor_sees_their_divisions_work_at_once(console: Any, world: World, signed_in: Any) -> None:
    app = console.server.app
    a, b, c = world.people["a"], world.people["b"], world.people["c"]
    boss = await signed_in("supervisor")
    _, page = await boss.get("/console/")
    assert 'id="region"' in page and "辖区里要督办的" in page
    waiting = _section(page, "region-registrations")
    assert f"R{a.registration_id}" in waiting and f"R{b.registration_id}" in waiting
    assert f"R{c.registration_id}" not in waiting  # another county's
    assert f'href="/console/cases/{a.case_id}#registration"' in waiting and "李书记" in waiting
    assert "辖区里没有首次联系超期的案件。" in page  # nothing is late yet

    app[keys.CLOCK].advance(timedelta(days=3))  # past the two days for a first contact; no sweep has run
    boss = await signed_in("supervisor")
    _, page = await boss.get("/console/")
    late = _section(page, "region-late")
    assert f"C{a.case_id}" in late and f"C{b.case_id}" in late and f"C{c.case_id}" not in late
    assert "李书记" in late and "孙干事" in late and "已超期" in late
    assert 'href="/console/cases?overdue=1"' in page

    # A caseworker's first page has no such section (their own work is all of it).
    mine = await signed_in("caseworker_a")
    _, page = await mine.get("/console/")
    assert 'id="region"' not in page
