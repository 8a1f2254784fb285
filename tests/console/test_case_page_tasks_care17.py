"""A case's page shows the person's other open tasks. Before, the page of 王小红's case said nothing of the visit T2
waiting for her (check-ins unanswered): the caseworker saw it only on the inbox or the person's page, and could call
her about the case without knowing a visit was due. Now the page lists it (its number, deadline and, when it is
someone else's, whose), and a visit recorded on the page does it (that part is a guard: it did already)."""

from __future__ import annotations

from typing import Any

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
