"""Two reviewers (or one, in two tabs) on the same form: the first returns it with a reason, the second's 审核通过
from the stale list said 已审核通过 and changed nothing. Now the second is told the form was returned already."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot import keys
from storage.models import InfoForm
from tests.console.world import World


async def test_a_form_decided_meanwhile_is_left_as_it_is_and_said_so(
    console: Any, world: World, signed_in: Any
) -> None:
    app = console.server.app
    a = world.people["a"]
    first, second = await signed_in("caseworker_a"), await signed_in("supervisor")
    await first.get("/console/review")
    await second.get("/console/review")
    status, _, location = await first.post(f"/console/review/{a.person_id}/return", {"reason": "村名不对"})
    assert (status, location) == (303, "/console/review?done=returned")
    status, page, _ = await second.post(f"/console/review/{a.person_id}/approve", follow=True)
    assert status == 200 and "这张信息表已经是“已退回”，没有再改。" in page  # (console18: back to the list)
    status, page, _ = await second.post(f"/console/review/{a.person_id}/return", {"reason": "再核对"}, follow=True)
    assert status == 200 and "这张信息表已经是“已退回”，没有再改。" in page
    async with app[keys.SESSIONS]() as session:
        info = await session.scalar(select(InfoForm).where(InfoForm.person_id == a.person_id))
    assert info is not None and info.status == "returned"
