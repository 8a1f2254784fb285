"""A token sees the laborers of its divisions and nobody else, by every way in: lists, one by id, a cursor,
updated_since. Out of scope answers exactly as a record that does not exist; simulated people never appear.

CommCare's API ignores its own location restrictions; ours never does: a token is scoped like a supervisor over
its divisions, and, unlike a caseworker, never sees work merely assigned to someone.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from bot import keys
from storage import api_tokens
from storage.models import AssistanceCase, AuditLog
from tests.api.conftest import Api, MakeToken
from tests.console.world import COUNTY, A, C, World

MISSING = 999_999
LISTS = {"people": "person_id", "cases": "case_id", "registrations": "registration_id",
         "applications": "application_id"}


def _ids(world: World, keys_: set[str], field: str) -> set[int]:
    return {getattr(world.people[k], field) for k in keys_}


async def _seen(api: Api, token: str, world: World, **params: str) -> dict[str, set[int]]:
    seen = {}
    for plural in LISTS:
        status, body, _ = await api.get(f"/api/v1/{plural}", token, params=params)
        assert status == 200, body
        seen[plural] = {item["id"] for item in body["items"]}
    return seen


def _expected(world: World, keys_: set[str]) -> dict[str, set[int]]:
    return {plural: _ids(world, keys_, field) for plural, field in LISTS.items()}


async def test_a_token_sees_its_divisions_only_by_list_id_cursor_and_updated_since(
        api: Api, world: World, make_token: MakeToken) -> None:
    for divisions, sees in (((A,), {"a"}), ((COUNTY,), {"a", "b"}), ((COUNTY, C), {"a", "b", "c"}), ((C,), {"c"})):
        token = await make_token("t" + "-".join(divisions), divisions)
        expected = _expected(world, sees)
        assert await _seen(api, token, world) == expected
        assert await _seen(api, token, world, updated_since="2000-01-01T00:00:00Z") == expected
        for plural in LISTS:
            # Page by page (one item each): the cursor never leads out of scope either.
            assert {i["id"] for i in await api.all_pages(f"/api/v1/{plural}", token)} == expected[plural]
        for plural, field in LISTS.items():
            _, missing, missing_headers = await api.get(f"/api/v1/{plural}/{MISSING}", token)
            # Past the 32-bit ids (PostgreSQL refused to compare them: a 500 schemathesis found), or not a number.
            for nowhere in (2**31, 10**20, -1, "1e3", "%EF%BC%91"):
                assert (await api.get(f"/api/v1/{plural}/{nowhere}", token))[:2] == (404, missing), nowhere
            for key in ("a", "b", "c", "sim"):
                record_id = getattr(world.people[key], field)
                status, body, headers = await api.get(f"/api/v1/{plural}/{record_id}", token)
                if key in sees:
                    assert status == 200 and body["id"] == record_id, (divisions, plural, key)
                else:
                    # Identical to a record that does not exist.
                    assert (status, body) == (404, missing), (divisions, plural, key)
                    assert headers["Content-Length"] == missing_headers["Content-Length"]


async def test_work_assigned_to_a_caseworker_of_a_does_not_widen_a_token_for_a(
        api: Api, world: World, make_token: MakeToken) -> None:
    """A caseworker sees the cases assigned to them wherever the laborer lives; a token has nobody assigned."""
    app = api.client.server.app
    async with app[keys.SESSIONS]() as session, session.begin():
        await session.execute(update(AssistanceCase).where(AssistanceCase.id == world.people["b"].case_id)
                              .values(caseworker_id=world.accounts["caseworker_a"]))
    token = await make_token("village-a", (A,))
    seen = await _seen(api, token, world)
    assert seen["cases"] == {world.people["a"].case_id}
    assert (await api.get(f"/api/v1/cases/{world.people['b'].case_id}", token))[0] == 404


async def test_numbers_are_masked_and_every_read_is_audited_under_the_token_name(
        api: Api, world: World, make_token: MakeToken) -> None:
    token = await make_token("county-hr", (COUNTY,), "read,write")
    a = world.people["a"]
    status, body, _ = await api.get(f"/api/v1/people/{a.person_id}", token)
    assert status == 200 and body["form"]["name"] == a.name
    text = str(body)
    assert a.id_number not in text and a.phone[3:] not in text
    assert body["form"]["id_number"] == a.id_number[:4] + "*" * 10 + a.id_number[-4:]
    assert body["form"]["phone"] == a.phone[3:6] + "****" + a.phone[-4:]
    _, page, _ = await api.get("/api/v1/people", token)
    assert all(p.id_number not in str(page) for p in world.people.values())
    await api.get(f"/api/v1/cases/{MISSING}", token)  # nothing read: nothing audited
    app = api.client.server.app
    async with app[keys.SESSIONS]() as session:
        rows = list(await session.execute(select(AuditLog.actor, AuditLog.action, AuditLog.detail)
                                          .order_by(AuditLog.id)))
    api_rows = [r for r in rows if r.actor.startswith("token:")]
    assert [(r.actor, r.action) for r in api_rows] == [("token:county-hr", "api_read_people")] * 2
    assert api_rows[0].detail.endswith(f": {a.person_id}")
    assert set(api_rows[1].detail.split(": ")[1].split()) == {str(world.people[k].person_id) for k in ("a", "b")}


async def test_people_are_those_with_a_saved_form(api: Api, world: World, make_token: MakeToken) -> None:
    """`/api/v1/people` is the forms' list (README, Integration API): someone known only from the roster (or a
    survey left half-done, which saves nothing) is in scope but not listed, and by id is the same 404 as nobody."""
    token = await make_token("county", (COUNTY,))
    roster_only = world.people["roster"].person_id
    listed = {item["id"] for item in await api.all_pages("/api/v1/people", token, limit=100)}
    assert world.people["a"].person_id in listed and roster_only not in listed
    status, body, _ = await api.get(f"/api/v1/people/{roster_only}", token)
    missing_status, missing, _ = await api.get(f"/api/v1/people/{MISSING}", token)
    assert (status, body) == (missing_status, missing) and status == 404


async def test_a_token_granted_unmasked_reads_full_numbers_in_scope_and_each_read_says_so(
        api: Api, world: World, make_token: MakeToken) -> None:
    """The operator who makes a token may grant it the full numbers (as `jiuye export --unmasked`): the
    national system matches people by ID number. Only within its divisions, and every such read is audited."""
    full = await make_token("national-system", (A,), "read,unmasked")
    masked = await make_token("platform", (A,), "read")
    a = world.people["a"]
    status, body, _ = await api.get(f"/api/v1/people/{a.person_id}", full)
    assert status == 200 and (body["form"]["id_number"], body["form"]["phone"]) == (a.id_number, a.phone)
    _, page, _ = await api.get("/api/v1/people", full)
    assert [item["form"]["id_number"] for item in page["items"]] == [a.id_number]
    assert (await api.get(f"/api/v1/people/{world.people['b'].person_id}", full))[0] == 404
    _, body, _ = await api.get(f"/api/v1/people/{a.person_id}", masked)
    assert body["form"]["id_number"] == a.id_number[:4] + "*" * 10 + a.id_number[-4:]
    app = api.client.server.app
    async with app[keys.SESSIONS]() as session:
        rows = list(await session.execute(select(AuditLog.actor, AuditLog.detail).where(
            AuditLog.actor.startswith("token:")).order_by(AuditLog.id)))
    assert [(r.actor, "(UNMASKED)" in r.detail) for r in rows] == [
        ("token:national-system", True), ("token:national-system", True), ("token:platform", False)]


def test_unmasked_is_granted_only_beside_read() -> None:
    assert api_tokens.parse_scopes("read,unmasked") == {"read", "unmasked"}
    for text in ("unmasked", "write,unmasked", "read,everything"):
        with pytest.raises(api_tokens.TokenRefused):
            api_tokens.parse_scopes(text)
