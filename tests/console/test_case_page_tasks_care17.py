"""A case's page shows the person's other open tasks. Before, the page of 王小红's case said nothing of the visit T2
waiting for her (check-ins unanswered): the caseworker saw it only on the inbox or the person's page, and could call
her about the case without knowing a visit was due. Now the page lists it (its number, deadline and, when it is
someone else's, whose), and a visit recorded on the page does it (that part is a guard: it did already)."""

from __future__ import annotations

from typing import Any

from bot import keys
from bot.casework.cases import open_rights_case
from tests.console.world import World


async def test_a_case_page_lists_the_persons_open_visit(console: Any, world: World, signed_in: Any) -> None:
    a = world.people["a"]
    b = await signed_in("caseworker_a")
    page = (await b.get(f"/console/cases/{a.case_id}"))[1]
    assert 'id="open-tasks"' in page
    tasks = page.split('id="open-tasks"', 1)[1].split("</ul>", 1)[0]
    assert f'data-task="{a.task_id}"' in tasks and f"T{a.task_id} 走访" in tasks and "期限" in tasks
    assert "首次联系" not in tasks  # the case's own first contact is its deadline above, not a task of its own

    status, _, _ = await b.post(f"/console/cases/{a.case_id}/contact", {"kind": "visit", "channel": "in_person",
                                                                         "note": ""})
    assert status == 303
    assert 'id="open-tasks"' not in (await b.get(f"/console/cases/{a.case_id}"))[1]


async def test_the_inbox_numbers_tasks_as_alerts_and_the_chat_do(console: Any, world: World, signed_in: Any) -> None:
    """The inbox's tasks said "王小红 · 走访" while the alert beside it said "(任务 T2)" and the chat takes `走访 T2`:
    each task is numbered now, as each case is (C1)."""
    a = world.people["a"]
    inbox = (await (await signed_in("caseworker_a")).get("/console/"))[1]
    tasks = inbox.split('id="tasks"', 1)[1].split("</section>", 1)[0]
    assert f'<span class="muted case-ref">T{a.task_id}</span>' in tasks


async def test_a_rights_case_records_contacts_and_visits_not_package_steps(
        console: Any, world: World, signed_in: Any) -> None:
    """A rights case has no service package, yet its page offered 推荐岗位, 职业指导 and 推荐培训 to record, which
    counted nowhere; it offers a contact or a visit. A one-on-one case still offers its package's steps (a guard)."""
    app = console.server.app
    async with app[keys.SESSIONS]() as session, session.begin():
        rights = await open_rights_case(session, app[keys.CIPHER], person_id=world.people["a"].person_id,
                                        issue="wage_arrears", now=app[keys.CLOCK].now())
    b = await signed_in("caseworker_a")
    page = (await b.get(f"/console/cases/{rights.case_id}"))[1]
    assert 'value="contact"' in page and 'value="visit"' in page and 'value="job_referral"' not in page
    assert 'value="job_referral"' in (await b.get(f"/console/cases/{world.people['a'].case_id}"))[1]


async def test_the_persons_page_numbers_their_cases_and_tasks(console: Any, world: World, signed_in: Any) -> None:
    """A person's page listed "一对一帮扶 在办" and "走访 · 期限 …" with no number, while alerts and the chat say C1 and
    T2: they are numbered there too now."""
    a = world.people["a"]
    page = (await (await signed_in("caseworker_a")).get(f"/console/people/{a.person_id}"))[1]
    assert f'<span class="muted case-ref">C{a.case_id}</span>' in page
    assert f'<li data-task="{a.task_id}"><span class="muted case-ref">T{a.task_id}</span> 走访' in page
