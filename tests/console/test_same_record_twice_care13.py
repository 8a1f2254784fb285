"""care13, playing the caseworker in the console: 记录 推荐岗位 sent twice (a second tap on a slow phone, the form
sent again) kept two records, and the case's service package counted the referral twice. The same record sent again
within minutes is the one kept; another one (another note) is its own."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from bot import keys
from storage.models import ContactRecord
from tests.console.world import World


async def test_a_referral_recorded_twice_in_a_row_is_counted_once(console: Any, world: World, signed_in: Any) -> None:
    app = console.server.app
    a = world.people["a"]
    b = await signed_in("caseworker_a")
    for note in ("推荐县城保安 V1", "推荐县城保安 V1", "推荐草海镇护林员"):
        await b.get(f"/console/cases/{a.case_id}")
        status, _, _ = await b.post(f"/console/cases/{a.case_id}/contact",
                                    {"kind": "job_referral", "channel": "phone", "note": note})
        assert status == 303
    async with app[keys.SESSIONS]() as session:
        kept = await session.scalar(select(func.count()).select_from(ContactRecord).where(
            ContactRecord.case_id == a.case_id, ContactRecord.kind == "job_referral"))
    assert kept == 2
    _, page = await b.get(f"/console/cases/{a.case_id}")
    assert "2 / 3" in page or "2/3" in page, page
