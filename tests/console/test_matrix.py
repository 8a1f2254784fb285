"""The route x role matrix: every console route, as a caseworker of A, a supervisor above A and B, and an
administrator, against records of A, B and C (another county). Out of scope is exactly a missing record: the
same 404 and the same page; lists, searches, counts and exports leave out-of-scope people out.

The routes are read from the app's router: a route this file does not know fails
`test_the_matrix_knows_every_console_route`, so a new page gets its row here (and its scope) before it lands.
"""

from __future__ import annotations

import io
from typing import Any

import openpyxl
import pytest
from sqlalchemy import select

from bot import keys
from storage.models import AssistanceCase, OutboxMessage
from tests.console.conftest import Browser
from tests.console.world import A, B, C, World

# Who sees which laborers (tests/console/world.py): the roster-only person has no case.
SEES = {"caseworker_a": {"a"}, "supervisor": {"a", "b"}, "admin": {"a", "b", "c"}}
MISSING = 999_999
# Every GET route of the console: how the matrix requests it. {person} and {case} are filled per laborer.
GET_ROUTES = {
    "/console": "redirect",
    "/console/": "list",
    "/console/login": "public",
    "/console/static/console.css": "public",
    "/console/people": "search",
    "/console/people/{person}": "record",
    "/console/cases": "list",
    "/console/cases/{case}": "record",
    "/console/review": "list",
    "/console/coverage": "coverage",
    "/console/jobs": "jobs",
    "/console/export/{list}.{format}": "export",
}
POST_ROUTES = {
    "/console/login", "/console/logout", "/console/alerts/{ref}/ack", "/console/people/{person}/reveal",
    "/console/people/{person}/message", "/console/people/{person}/contact", "/console/people/{person}/field",
    "/console/people/{person}/erase",
    "/console/cases/reassign", "/console/cases/{case}/contact", "/console/cases/{case}/close",
    "/console/cases/{case}/registration/accept", "/console/cases/{case}/registration/reject",
    "/console/review/{person}/approve", "/console/review/{person}/return", "/console/review/{person}/same-person",
    "/console/review/{person}/id-typo", "/console/jobs/import",
    "/console/jobs/{table}/{external_id}/expire",
}
EXPORTS = ("inbox-cases", "inbox-tasks", "cases", "review", "coverage", "vacancies", "trainings")


def test_the_matrix_knows_every_console_route(console: Any) -> None:
    routes = {(r.method, r.resource.canonical) for r in console.server.app.router.routes()
              if r.resource is not None and r.resource.canonical.startswith("/console")}
    gets = {path for method, path in routes if method == "GET"}
    posts = {path for method, path in routes if method == "POST"}
    assert gets == set(GET_ROUTES), "a console GET route is missing from (or gone from) the matrix"
    assert posts == POST_ROUTES, "a console POST route is missing from (or gone from) the matrix"


def _people_in(body: str, world: World) -> set[str]:
    return {key for key in ("a", "b", "c", "sim") if world.people[key].name in body}


@pytest.mark.parametrize("account", sorted(SEES))
async def test_pages_and_records_by_role(console: Any, world: World, signed_in: Any, account: str) -> None:
    b: Browser = await signed_in(account)
    seen = SEES[account]
    _, missing_person = await b.get(f"/console/people/{MISSING}")
    _, missing_case = await b.get(f"/console/cases/{MISSING}")
    for key in ("a", "b", "c", "sim"):
        laborer = world.people[key]
        for path, missing in ((f"/console/people/{laborer.person_id}", missing_person),
                              (f"/console/cases/{laborer.case_id}", missing_case)):
            status, body = await b.get(path)
            if key in seen:
                assert status == 200 and laborer.name in body, (account, path)
            else:
                # Identical to a record that does not exist (the page's form token aside).
                assert (status, body) == (404, missing), (account, path)
    # Lists and searches: nobody out of scope, ever the simulated person.
    _, inbox = await b.get("/console/")
    assert _people_in(inbox, world) <= seen
    for status_filter in ("open", "all"):
        _, cases = await b.get(f"/console/cases?status={status_filter}")
        assert _people_in(cases, world) == seen
    _, pending = await b.get("/console/review")
    assert _people_in(pending, world) == seen
    for key in ("a", "b", "c", "sim"):
        laborer = world.people[key]
        for query in (laborer.name, laborer.id_number, laborer.phone):
            _, found = await b.get("/console/people", params={"q": query})
            assert (f"/console/people/{laborer.person_id}\"" in found) == (key in seen), (account, query)
    # Coverage: counts only what is in scope; drilling outside it is a 404.
    _, page = await b.get("/console/coverage")
    totals = {m: int(page.split(f'data-total="{m}">')[1].split("<")[0]) for m in ("off_roster", "open_cases")}
    assert totals == {"off_roster": len(seen), "open_cases": len(seen)}  # (the world's forms: none on the roster)
    for division, key in ((A, "a"), (B, "b"), (C, "c")):
        status, _ = await b.get(f"/console/coverage?division={division}")
        assert status == (200 if key in seen else 404), (account, division)
    # Exports: every list, within scope, masked.
    for what in EXPORTS:
        status, content, _ = await b.get_response(f"/console/export/{what}.xlsx")
        assert status == 200, what
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        cells = " ".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row if c is not None)
        assert _people_in(cells, world) <= seen, (account, what)
        assert not any(world.people[k].id_number in cells or world.people[k].phone[3:] in cells
                       for k in ("a", "b", "c")), what
    assert (await b.get_response("/console/export/nothing.xlsx"))[0] == 404


async def test_a_caseworker_cannot_act_on_records_outside_their_divisions(
        console: Any, world: World, signed_in: Any) -> None:
    app = console.server.app
    b: Browser = await signed_in("caseworker_a")
    other = world.people["b"]
    posts = [
        (f"/console/people/{other.person_id}/reveal", {"what": "phone"}),
        (f"/console/people/{other.person_id}/message", {"text": "您好"}),
        (f"/console/people/{other.person_id}/contact", {"kind": "contact", "channel": "phone"}),
        (f"/console/people/{other.person_id}/field", {"field": "home_village", "value": "新村", "reason": "核实"}),
        (f"/console/cases/{other.case_id}/contact", {"kind": "contact", "channel": "phone"}),
        (f"/console/cases/{other.case_id}/close", {"reason": "测试"}),
        (f"/console/cases/{other.case_id}/registration/accept", {"registration": str(other.registration_id)}),
        (f"/console/cases/{other.case_id}/registration/reject", {"registration": str(other.registration_id),
                                                                 "reason": "请核对"}),
        ("/console/cases/reassign", {"case": str(other.case_id), "to": str(world.accounts["caseworker_a"])}),
        ("/console/cases/reassign", {"case": str(world.people["a"].case_id),
                                     "to": str(world.accounts["caseworker_c"])}),
        (f"/console/review/{other.person_id}/approve", {}),
        (f"/console/review/{other.person_id}/return", {"reason": "请核对"}),
        (f"/console/review/{other.person_id}/same-person", {}),
        (f"/console/review/{other.person_id}/id-typo", {}),
        (f"/console/alerts/{other.alert_ids[0]}/ack", {}),
        (f"/console/people/{other.person_id}/erase", {"confirm": "删除"}),
    ]
    ids = {str(other.person_id), str(other.case_id), str(other.alert_ids[0]), str(world.people["a"].case_id)}
    ids.add(str(other.registration_id))
    for path, data in posts:
        status, body, _ = await b.post(path, data)
        assert status == 404, path
        # The same answer as for a record that does not exist.
        nowhere = "/".join(str(MISSING) if part in ids else part for part in path.split("/"))
        nothing = {k: str(MISSING) if k in ("case", "registration") else v for k, v in data.items()}
        _, missing_body, _ = await b.post(nowhere, nothing)
        assert body == missing_body, path
    # Nothing changed: B's case is open, with its owner; no message queued for B.
    async with app[keys.SESSIONS]() as session:
        case = await session.get(AssistanceCase, other.case_id)
        assert case is not None and case.status == "open" and case.caseworker_id == world.accounts["caseworker_b"]
        assert case.first_contact_at is None
        queued = await session.scalars(select(OutboxMessage.id).where(OutboxMessage.person_id == other.person_id,
                                                                      OutboxMessage.status == "queued"))
        assert list(queued) == []
    # A caseworker's role cannot import or expire vacancies either (a supervisor page: 404).
    status, _, _ = await b.post("/console/jobs/vacancies/V1/expire")
    assert status == 404
