"""care17 played the console as a caseworker (one world, one sign-in: each part failed on the code before, but the
last step of the first, a guard).

- A case's page shows the person's other open tasks. The page of 王小红's case said nothing of the visit T2 waiting
  for her (check-ins unanswered): the caseworker saw it only on the inbox or the person's page. Now the page lists it
  (number, deadline, whose when not the case owner's); a visit recorded on the page does it (a guard: it did).
- The inbox's tasks said "王小红 · 走访" while the alert beside it said "(任务 T2)" and the chat takes `走访 T2`; a
  person's page listed "一对一帮扶 在办" and "走访 · 期限 …" with no number: numbered now (C1, T2).
- A rights case has no service package, yet its page offered 推荐岗位, 职业指导 and 推荐培训 to record, which counted
  nowhere; it offers a contact or a visit (a one-on-one case still offers its package's steps)."""

from __future__ import annotations

from typing import Any

from bot import keys
from bot.casework.cases import open_rights_case
from tests.console.world import World


async def test_a_caseworker_sees_each_task_where_it_is_numbered_and_acts(
        console: Any, world: World, signed_in: Any) -> None:
    app = console.server.app
    a = world.people["a"]
    async with app[keys.SESSIONS]() as session, session.begin():
        rights = await open_rights_case(session, app[keys.CIPHER], person_id=world.people["a"].person_id,
                                        issue="wage_arrears", now=app[keys.CLOCK].now())
    b = await signed_in("caseworker_a")

    inbox = (await b.get("/console/"))[1]
    assert f'<span class="muted case-ref">T{a.task_id}</span>' in inbox.split('id="tasks"', 1)[1].split("</section>")[0]
    person = (await b.get(f"/console/people/{a.person_id}"))[1]
    assert f'<span class="muted case-ref">C{a.case_id}</span>' in person
    assert f'<li data-task="{a.task_id}"><span class="muted case-ref">T{a.task_id}</span> 走访' in person

    rights_page = (await b.get(f"/console/cases/{rights.case_id}"))[1]
    assert 'value="contact"' in rights_page and 'value="visit"' in rights_page
    assert 'value="job_referral"' not in rights_page

    page = (await b.get(f"/console/cases/{a.case_id}"))[1]
    assert 'value="job_referral"' in page
    tasks = page.split('id="open-tasks"', 1)[1].split("</ul>", 1)[0]
    assert f'data-task="{a.task_id}"' in tasks and f"T{a.task_id} 走访" in tasks and "期限" in tasks
    # The case's own first contact is its deadline above; the rights case's first contact is another case's task.
    assert f'<a class="case-ref" href="/console/cases/{rights.case_id}">C{rights.case_id}</a>' in tasks
    status, _, _ = await b.post(f"/console/cases/{a.case_id}/contact", {"kind": "visit", "channel": "in_person",
                                                                         "note": ""})
    assert status == 303
    after = (await b.get(f"/console/cases/{a.case_id}"))[1]
    assert f'data-task="{a.task_id}"' not in after
