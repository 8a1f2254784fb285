"""Keyset pages on (updated_at, id): every record once, in order of change, whatever is inserted or changed while
an integrator pages; `updated_since` starts a sync; bad parameters are a 400 with a code, never a 5xx."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import update

from bot import keys
from storage.info_forms import upsert_info_form
from storage.models import InfoForm, Person
from tests.api.conftest import Api, MakeToken
from tests.console.world import A, World
from tests.fakes.identity import make_id

T0 = datetime(2026, 11, 1, 2, 0, tzinfo=UTC)


async def _person(api: Api, seq: int, updated_at: datetime) -> int:
    app = api.client.server.app
    async with app[keys.SESSIONS]() as session, session.begin():
        person = Person(locale="zh_CN", created_at=updated_at)
        session.add(person)
        await session.flush()
        record: dict[str, Any] = {"name": f"测试{seq}", "id_number": make_id(A[:6], date(1990, 1, 1), 40 + seq),
                                  "home_division": A, "employment_status": "employed"}
        await upsert_info_form(session, app[keys.CIPHER], person_id=person.id, record=record, source="wechat",
                               consent_at=updated_at, consent_version="2026-11", now=updated_at)
        return person.id


async def _touch(api: Api, person_id: int, updated_at: datetime) -> None:
    async with api.client.server.app[keys.SESSIONS]() as session, session.begin():
        await session.execute(update(InfoForm).where(InfoForm.person_id == person_id).values(updated_at=updated_at))


async def test_pages_give_every_record_once_while_records_are_added_and_changed(
        api: Api, world: World, make_token: MakeToken) -> None:
    token = await make_token("sync", (A,))
    # The world's person of A was written at the clock's time (2026-11-26); these are older, two at one instant.
    ids = [await _person(api, n, T0 + timedelta(hours=h)) for n, h in enumerate((0, 1, 1, 2, 3))]
    first = [*ids, world.people["a"].person_id]
    status, body, _ = await api.get("/api/v1/people", token, params={"limit": "2"})
    assert status == 200 and [p["id"] for p in body["items"]] == first[:2] and body["has_more"]
    seen = [p["id"] for p in body["items"]]
    # Meanwhile: a new person, and one already given changes.
    added = await _person(api, 9, T0 + timedelta(days=60))
    await _touch(api, ids[0], T0 + timedelta(days=61))
    cursor = body["next_cursor"]
    while True:
        status, body, _ = await api.get("/api/v1/people", token, params={"limit": "2", "cursor": cursor})
        assert status == 200
        seen += [p["id"] for p in body["items"]]
        if not body["has_more"]:
            break
        cursor = body["next_cursor"]
    # Nothing skipped, nothing twice before it changed; the new and the changed come last, in order of change.
    assert seen == [*first, added, ids[0]]
    # The last cursor is where the next sync starts: nothing new, an empty page that keeps no cursor.
    status, body, _ = await api.get("/api/v1/people", token, params={"cursor": body["next_cursor"]})
    assert (status, body) == (200, {"items": [], "has_more": False, "next_cursor": None})
    since = (T0 + timedelta(hours=2)).astimezone(UTC).isoformat()
    status, body, _ = await api.get("/api/v1/people", token, params={"updated_since": since})
    assert [p["id"] for p in body["items"]] == [ids[3], ids[4], world.people["a"].person_id, added, ids[0]]
    # The same instant written in China's offset.
    local = (T0 + timedelta(hours=2)).astimezone(timezone(timedelta(hours=8))).isoformat()
    assert (await api.get("/api/v1/people", token, params={"updated_since": local}))[1] == body


async def test_bad_parameters_are_a_400_with_a_code(api: Api, world: World, make_token: MakeToken) -> None:
    token = await make_token("sync", (A,))
    _, cases, _ = await api.get("/api/v1/cases", token)
    bad = {
        "invalid_limit": [{"limit": v} for v in ("0", "501", "-1", "abc", "1.5", "", "١٢", "9" * 40)],
        # Not base64; "people:1"; "people:<a time past the year 9999>:1"; another list's cursor.
        "invalid_cursor": [{"cursor": v} for v in ("", "abc", "!!!", "cGVvcGxlOjE",
                                                   "cGVvcGxlOjk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OjE", "x" * 500,
                                                   "\x00", cases["next_cursor"])],
        "invalid_updated_since": [{"updated_since": v} for v in ("yesterday", "2026-11-26T10:00:00", "2026-13-01",
                                                                 "", "2026-11-26T10:00:00+99:00")],
    }
    for code, params_list in bad.items():
        for params in params_list:
            status, body, headers = await api.get("/api/v1/people", token, params=params)
            assert (status, body["error"]) == (400, code), params
            assert headers["Content-Type"].startswith("application/json") and body["message"]
