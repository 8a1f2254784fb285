"""A registration whose person works again says so. Before, R1 stayed "失业登记待受理" in the caseworker's 列表 and
"待受理" on the console's case page, like anyone's still out of work, after the person said they work again and their
case closed as 就业. The registration stays as submitted (the record of the time out of work: it may still be accepted
or returned); the list and the case page now say since when the person works (bot/casework/cases.py `working_again`)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot import keys
from storage import repositories as repo
from storage.models import AssistanceCase, CaseworkerAddress
from tests.console.conftest import Browser
from tests.console.world import PHONES, World
from tests.people import say


async def test_the_list_and_the_case_page_say_they_work_again(console: Any, world: World, signed_in: Any) -> None:
    app = console.server.app
    a = world.people["a"]
    closed_at = app[keys.CLOCK].now() + timedelta(days=8)  # 12月4日 in Shanghai
    async with app[keys.SESSIONS]() as session, session.begin():
        case = await session.get(AssistanceCase, a.case_id)
        assert case is not None
        case.registration_id, case.status, case.closed_at = a.registration_id, "closed", closed_at
        case.close_reason, case.days_to_job = "就业", 8
        # The caseworker texts from her phone, as an import of the caseworkers' file records it.
        session.add(CaseworkerAddress(caseworker_id=world.accounts["caseworker_a"], channel="sms",
                                      address_hash=repo.address_hash(app[keys.CIPHER], "sms", PHONES["caseworker_a"],
                                                                   simulated=False)))
    listed = await say(app, "sms", PHONES["caseworker_a"], "列表")
    line = "\n".join(listed.replies)
    assert f"R{a.registration_id}失业登记(已于12/4再就业)待受理" in line, line
    b: Browser = await signed_in("caseworker_a")
    _, page = await b.get(f"/console/cases/{a.case_id}")
    assert "待受理 · 已于12月4日再就业" in page
    # Someone else's registration, still out of work, reads as before (a guard).
    b_person = world.people["b"]
    sup: Browser = await signed_in("supervisor")
    _, other = await sup.get(f"/console/cases/{b_person.case_id}")
    assert "再就业" not in other and "待受理" in other
