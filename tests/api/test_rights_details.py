"""A rights case's details (what the laborer told after the report: who, how much, since when) reach the API's
case records as they reach the console's case page and the exports: oldest first, ID and phone numbers in them
masked unless the token was granted `unmasked`, and such a read audited as one in full."""

from __future__ import annotations

from sqlalchemy import select

from bot import keys
from storage.models import AssistanceCase, AuditLog
from tests.api.conftest import Api, MakeToken
from tests.console.test_rights_details import DETAILS, _reported
from tests.console.world import COUNTY, C, World


async def test_case_records_carry_the_details_masked_unless_unmasked(
        api: Api, world: World, make_token: MakeToken) -> None:
    app = api.client.server.app
    case = await _reported(app, world)
    masked = await make_token("county-hr", (COUNTY,))
    full = await make_token("national-system", (COUNTY,), "read,unmasked")
    elsewhere = await make_token("other-county", (C,), "read,unmasked")
    status, body, _ = await api.get(f"/api/v1/cases/{case.id}", masked)
    assert status == 200, body
    [told] = body["rights_details"]
    assert told["text"] == "是威宁万家超市 欠了五千多 老板电话139****5678" and "13912345678" not in str(body)
    assert told["at"].endswith("+08:00")
    listed = {item["id"]: item for item in await api.all_pages("/api/v1/cases", masked, limit=100)}
    assert listed[case.id]["rights_details"] == body["rights_details"]
    assert listed[world.people["a"].case_id]["rights_details"] == []  # a one-on-one case has none
    _, body, _ = await api.get(f"/api/v1/cases/{case.id}", full)
    assert [t["text"] for t in body["rights_details"]] == [DETAILS]
    # Entitled to full numbers, but not to another county's case: the same 404 as nobody.
    assert (await api.get(f"/api/v1/cases/{case.id}", elsewhere))[0] == 404
    async with app[keys.SESSIONS]() as session:
        rows = list(await session.execute(select(AuditLog.actor, AuditLog.detail).where(
            AuditLog.actor.startswith("token:"), AuditLog.action == "api_read_cases").order_by(AuditLog.id)))
        assert await session.scalar(select(AssistanceCase.details_enc).where(AssistanceCase.id == case.id))
    assert [(r.actor, "(UNMASKED)" in r.detail) for r in rows] == [
        ("token:county-hr", False), ("token:county-hr", False), ("token:national-system", True)]
