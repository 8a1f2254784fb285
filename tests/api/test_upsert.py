"""PUT /api/v1/vacancies|trainings/{external_id}: created, then updated by its external_id, through the importers'
check and write (so the job board and the push of new items see it as an import); bad items a 422 with the
importer's reason, bodies that are not JSON 415, too large 413; a division outside the token's refused, and so
is an external_id another county's item holds."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

from sqlalchemy import select

from bot import keys
from storage.matches import items_added_since
from storage.models import Training, Vacancy
from tests.api.conftest import Api, MakeToken
from tests.console.world import COUNTY, A, C, World

VACANCY: dict[str, Any] = {"title": "电子厂普工", "employer": "威宁电子", "kind": "扶贫车间", "division": A,
                           "salary_min": 3000, "salary_max": "4,500", "headcount": 20, "age_min": 18, "age_max": 55,
                           "contact_phone": "13800138000", "share_contact": True, "expires": "2027-01-31"}


async def _stored(api: Api, model: type[Vacancy] | type[Training], external_id: str) -> Any:
    async with api.client.server.app[keys.SESSIONS]() as session:
        return await session.scalar(select(model).where(model.external_id == external_id))


async def test_create_then_update_by_external_id(api: Api, world: World, make_token: MakeToken) -> None:
    token = await make_token("county-jobs", (COUNTY,), "read,write")
    app = api.client.server.app
    status, body, _ = await api.call("PUT", "/api/v1/vacancies/WN-2026-001", token, json=VACANCY)
    assert status == 201, body
    assert body | {"external_id": "WN-2026-001", "item": "vacancy", "kind": "workshop", "salary_max": 4500,
                   "status": "open"} == body
    row = await _stored(api, Vacancy, "WN-2026-001")
    assert (row.source, row.source_file, row.headcount) == ("api", "api:county-jobs", 20)
    assert app[keys.CIPHER].decrypt(row.contact_phone_enc) == "+8613800138000"
    # The push of new items finds it as it finds an imported one: not yet planned.
    assert row.pushes_planned_at is None
    async with app[keys.SESSIONS]() as session:
        new = await items_added_since(session, app[keys.CLOCK].now() - timedelta(minutes=1), app[keys.CLOCK].today())
    assert "WN-2026-001" in [item.external_id for item in new]
    # The same again changes nothing; a change is an update of the same row.
    assert (await api.call("PUT", "/api/v1/vacancies/WN-2026-001", token, json=VACANCY))[0] == 200
    changed = VACANCY | {"salary_min": 3500, "headcount": None}
    status, body, _ = await api.call("PUT", "/api/v1/vacancies/WN-2026-001", token, json=changed)
    assert status == 200 and body["salary_min"] == 3500 and body["places_left"] is None
    again = await _stored(api, Vacancy, "WN-2026-001")
    assert (again.id, again.salary_min, again.headcount) == (row.id, 3500, None)
    training = {"title": "电焊培训", "provider": "威宁技校", "kind": "订单培训", "division": COUNTY, "seats": 30,
                "starts": "2027-01-05", "ends": "2027-02-05", "education_min": "初中", "subsidy": "每人1500元"}
    status, body, _ = await api.call("PUT", "/api/v1/trainings/T-1", token, json=training)
    assert status == 201 and body["item"] == "training" and body["education_min"] == "junior"


async def test_bad_items_and_bodies(api: Api, world: World, make_token: MakeToken) -> None:
    token = await make_token("county-jobs", (COUNTY,), "write")
    path = "/api/v1/vacancies/V-BAD"
    invalid = [
        ({k: v for k, v in VACANCY.items() if k != "employer"}, "missing"),
        (VACANCY | {"kind": "办公室"}, "unknown kind"),
        (VACANCY | {"division": "火星"}, "unknown division"),
        (VACANCY | {"salary_min": 9000}, "salary_min is above salary_max"),
        (VACANCY | {"expires": "明年"}, "bad expires date"),
        (VACANCY | {"contact_phone": "12345"}, "bad contact phone"),
        (VACANCY | {"salary_min": 3000.5}, "salary_min must be"),
        (VACANCY | {"title": ["a"]}, "title must be"),
        (VACANCY | {"boss": "x"}, "unknown fields: boss"),
        (VACANCY | {"external_id": "V-OTHER"}, "differs"),
        (VACANCY | {"title": "长" * 101}, "longer than 100"),
    ]
    for item, reason in invalid:
        status, body, _ = await api.call("PUT", path, token, json=item)
        assert (status, body["error"]) == (422, "invalid_item") and reason in body["message"], (item, body)
    for data, headers, expected in (
        ("title=x", {"Content-Type": "application/x-www-form-urlencoded"}, (415, "unsupported_media_type")),
        ("{not json", {"Content-Type": "application/json"}, (400, "invalid_json")),
        ("[1, 2]", {"Content-Type": "application/json"}, (400, "invalid_json")),
        (b"\xff\xfe", {"Content-Type": "application/json"}, (400, "invalid_json")),
        ('{"title": "' + "x" * 70_000 + '"}', {"Content-Type": "application/json"}, (413, "body_too_large")),
    ):
        status, body, _ = await api.call("PUT", path, token, data=data, headers=headers)
        assert (status, body["error"]) == expected, expected
    assert (await api.call("PUT", "/api/v1/vacancies/" + "x" * 65, token, json=VACANCY))[0] == 400
    assert (await api.call("DELETE", path, token))[0] == 405
    assert await _stored(api, Vacancy, "V-BAD") is None


async def test_a_division_outside_the_token_is_refused(api: Api, world: World, make_token: MakeToken) -> None:
    village = await make_token("village-a", (A,), "write")
    other = await make_token("other-county", (C,), "write")
    status, body, _ = await api.call("PUT", "/api/v1/vacancies/V-C", village, json=VACANCY | {"division": C})
    assert (status, body["error"]) == (403, "division_out_of_scope")
    # The county covers more than the village: a village token cannot place an item county-wide either.
    assert (await api.call("PUT", "/api/v1/vacancies/V-C", village, json=VACANCY | {"division": COUNTY}))[0] == 403
    assert await _stored(api, Vacancy, "V-C") is None
    # V1 (tests/console/world.py) is the county's: another county's token cannot take it over, even moving it home.
    status, body, _ = await api.call("PUT", "/api/v1/vacancies/V1", other, json=VACANCY | {"division": C})
    assert (status, body["error"]) == (403, "division_out_of_scope")
    stored = await _stored(api, Vacancy, "V1")
    assert (stored.division, stored.title, stored.source) == (COUNTY, "保安", "import")


async def test_two_integrators_creating_one_item_at_once_make_one_row(api: Api, world: World,
                                                                      make_token: MakeToken) -> None:
    first = await make_token("county-one", (COUNTY,), "write")
    second = await make_token("county-two", (COUNTY,), "write")
    answers = await asyncio.gather(*(api.call("PUT", "/api/v1/vacancies/RACE-1", token, json=VACANCY | {"title": t})
                                     for token, t in ((first, "甲"), (second, "乙"))))
    assert sorted(status for status, _, _ in answers) == [200, 201], answers
    async with api.client.server.app[keys.SESSIONS]() as session:
        rows = list(await session.scalars(select(Vacancy.title).where(Vacancy.external_id == "RACE-1")))
    assert len(rows) == 1 and rows[0] in ("甲", "乙")
