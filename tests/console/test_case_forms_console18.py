"""console18, the case's page and the case list as a caseworker and a supervisor use them:

- a form posted with nothing to record (closing without a reason) rendered the page as the POST's answer: a
  reload posted the empty reason again. Every form on the page now answers 303 to the page, which says why
  nothing was recorded; reloading it is a GET;
- the hand-over list opened on the case's own owner (转交 pressed at once handed the case to whoever had it, and
  said 案件已转交): the owner is no choice, and a hand-over to them changes nothing and says so; a real one is
  audited and its new owner alerted;
- a job referral, guidance talk or training offer could be posted on a rights case (no service package: it
  counted nowhere): refused, and said why;
- a supervisor's case list had no filter but "mine" and stopped at 200 cases: by owner, place, kind and overdue,
  within the supervisor's divisions, kept from page to page and in the export.
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from bot import keys
from bot.casework.cases import open_rights_case
from bot.console import case as case_page
from storage.models import Alert, AssistanceCase, AuditLog, ContactRecord
from tests.console.world import B, World


async def _case(app: Any, case_id: int) -> AssistanceCase:
    async with app[keys.SESSIONS]() as session:
        found = await session.get(AssistanceCase, case_id)
        assert found is not None
        return found


async def test_a_refused_form_goes_back_to_the_page_and_a_reload_posts_nothing(
    console: Any, world: World, signed_in: Any
) -> None:
    app = console.server.app
    a = world.people["a"]
    b = await signed_in("caseworker_a")
    await b.get(f"/console/cases/{a.case_id}")
    status, _, location = await b.post(f"/console/cases/{a.case_id}/close", {"reason": "  "})
    assert (status, location) == (303, f"/console/cases/{a.case_id}?error=case.close_reason_needed")
    for _ in range(2):  # the page, then its reload: a GET each time, the message shown, nothing recorded
        status, page = await b.get(location)
        assert status == 200 and "没有结案：请填写结案原因" in page
    assert (await _case(app, a.case_id)).status == "open"
    # A contact of no known kind: the same.
    status, _, location = await b.post(f"/console/cases/{a.case_id}/contact", {"kind": "telepathy"})
    assert (status, location) == (303, f"/console/cases/{a.case_id}?error=contact.invalid")
    # An error key the page does not know is shown as nothing (no text from the address).
    _, page = await b.get(f"/console/cases/{a.case_id}?error=<b>hi</b>")
    assert 'class="error"' not in page


async def test_the_hand_over_list_leaves_out_the_owner_and_a_hand_over_is_recorded(
    console: Any, world: World, signed_in: Any
) -> None:
    app = console.server.app
    a = world.people["a"]
    owner, other = world.accounts["caseworker_a"], world.accounts["caseworker_a2"]
    boss = await signed_in("supervisor")
    _, page = await boss.get(f"/console/cases/{a.case_id}")
    offered = page.split('id="reassign-to"', 1)[1].split("</select>", 1)[0]
    assert f'value="{owner}"' not in offered and f'value="{other}"' in offered
    assert '<option value="" selected disabled>选择接手的人</option>' in offered  # nobody chosen for you
    # Posted to the owner all the same (a stale page): nothing handed over, and said so.
    status, _, location = await boss.post("/console/cases/reassign", {"case": str(a.case_id), "to": str(owner)})
    assert (status, location) == (303, f"/console/cases/{a.case_id}?error=case.reassign_same")
    assert "没有转交：案件本来就是他负责的" in (await boss.get(location))[1]
    async with app[keys.SESSIONS]() as session:
        assert await session.scalar(select(func.count()).select_from(Alert).where(
            Alert.kind == "case_reassigned")) == 0
    status, _, location = await boss.post("/console/cases/reassign", {"case": str(a.case_id), "to": str(other)})
    assert (status, location) == (303, f"/console/cases/{a.case_id}?done=reassigned")
    assert (await _case(app, a.case_id)).caseworker_id == other
    async with app[keys.SESSIONS]() as session:
        alerted = list(await session.scalars(select(Alert.caseworker_id).where(Alert.kind == "case_reassigned")))
        audited = list(await session.scalars(select(AuditLog.detail).where(AuditLog.action == "case_reassigned")))
    assert alerted == [other]
    assert [json.loads(d) for d in audited] == [{"case": a.case_id, "from": owner, "to": other, "via": "console"}]


async def test_a_rights_case_takes_no_service_package_step(console: Any, world: World, signed_in: Any) -> None:
    app = console.server.app
    a = world.people["a"]
    async with app[keys.SESSIONS]() as session, session.begin():
        opened = await open_rights_case(session, app[keys.CIPHER], person_id=a.person_id, issue="wage_arrears",
                                        now=app[keys.CLOCK].now())
    b = await signed_in("caseworker_a")
    _, page = await b.get(f"/console/cases/{opened.case_id}")
    assert 'value="job_referral"' not in page  # a guard: the page never offered it
    status, _, location = await b.post(f"/console/cases/{opened.case_id}/contact",
                                       {"kind": "job_referral", "channel": "phone", "note": "推荐了保安"})
    assert (status, location) == (303, f"/console/cases/{opened.case_id}?error=contact.package_only")
    assert "维权案件请记录联系或走访" in (await b.get(location))[1]
    async with app[keys.SESSIONS]() as session:
        assert await session.scalar(select(func.count()).select_from(ContactRecord).where(
            ContactRecord.case_id == opened.case_id)) == 0


def _listed(page: str) -> list[str]:
    return [part.split("</span>", 1)[0] for part in page.split('<span class="muted case-ref">')[1:]]


async def test_a_supervisor_filters_the_case_list_within_their_county(
    console: Any, world: World, signed_in: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = console.server.app
    a, b_, c = world.people["a"], world.people["b"], world.people["c"]
    boss = await signed_in("supervisor")
    _, page = await boss.get("/console/cases")
    assert sorted(_listed(page)) == sorted([f"C{a.case_id}", f"C{b_.case_id}"])
    # The county's townships to choose, each by its own name (a phone's list is narrow).
    assert 'id="filter-worker"' in page and f'<option value="{B}">　么站镇</option>' in page
    _, page = await boss.get(f"/console/cases?worker={world.accounts['caseworker_b']}")
    assert _listed(page) == [f"C{b_.case_id}"]
    _, page = await boss.get(f"/console/cases?division={B}")
    assert _listed(page) == [f"C{b_.case_id}"]
    # Another county's place: still only what the supervisor may see (nothing of C).
    _, page = await boss.get(f"/console/cases?division={c.id_number[:6]}")
    assert _listed(page) == [] and "没有符合条件的案件。" in page
    _, page = await boss.get("/console/cases?kind=rights")
    assert _listed(page) == []
    _, page = await boss.get("/console/cases?overdue=1")
    assert _listed(page) == []
    app[keys.CLOCK].advance(timedelta(days=3))  # past the first contacts' two days
    boss = await signed_in("supervisor")  # (a session ends after 2 hours without a request)
    _, page = await boss.get("/console/cases?overdue=1&kind=assistance")
    assert sorted(_listed(page)) == sorted([f"C{a.case_id}", f"C{b_.case_id}"])

    # Pages keep the filters (one case a page here).
    monkeypatch.setattr(case_page, "SHOWN", 1)
    _, first = await boss.get("/console/cases?overdue=1")
    assert len(_listed(first)) == 1 and 'href="/console/cases?overdue=1&amp;page=2" rel="next"' in first
    _, second = await boss.get("/console/cases?overdue=1&page=2")
    assert len(_listed(second)) == 1 and _listed(second) != _listed(first)
    assert 'href="/console/cases?overdue=1" rel="prev"' in second and 'rel="next"' not in second
    # The export takes the same filters.
    status, body, _ = await boss.get_response(f"/console/export/cases.csv?division={B}")
    text = body.decode("utf-8-sig")
    assert status == 200 and "王小红" not in text and "张大山" in text
    # A hand-over from a filtered page comes back to it.
    status, _, location = await boss.post("/console/cases/reassign", {
        "case": str(b_.case_id), "to": str(world.accounts["caseworker_a2"]), "back": "list",
        "filters": "overdue=1&page=2"})
    assert (status, location) == (303, "/console/cases?overdue=1&page=2&done=reassigned&handed=1")
    assert "已转交1件案件" in (await boss.get(location))[1]
