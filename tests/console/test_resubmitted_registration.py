"""A registration sent again after the caseworker returned it (重新提交) showed as any 待受理 one: the inbox, the case's
page and the chat's 列表 now say it was resubmitted, so that the caseworker checks what they asked to be fixed."""

from __future__ import annotations

from typing import Any

from bot import keys
from storage import repositories as repo
from storage.models import CaseworkerAddress, UnemploymentRegistration
from tests.console.world import World
from tests.people import say


async def _resubmit(app: Any, world: World) -> tuple[int, int]:
    """Laborer a's registration returned, and a new one submitted: (returned, new)."""
    a = world.people["a"]
    async with app[keys.SESSIONS]() as session, session.begin():
        returned = await session.get(UnemploymentRegistration, a.registration_id)
        assert returned is not None
        returned.status, returned.decision_note = "rejected", "最后上班日不对"
        again = UnemploymentRegistration(person_id=a.person_id, caseworker_id=returned.caseworker_id,
                                         home_division=returned.home_division, submitted_at=returned.submitted_at)
        session.add(again)
        await session.flush()
        return returned.id, again.id


async def test_the_console_says_a_registration_was_sent_again(console: Any, world: World, signed_in: Any) -> None:
    app = console.server.app
    a = world.people["a"]
    returned, again = await _resubmit(app, world)
    b = await signed_in("caseworker_a")
    _, inbox = await b.get("/console/")
    assert f'<span class="badge">失业登记 R{again} 重新提交, 待受理</span>' in inbox
    _, page = await b.get(f"/console/cases/{a.case_id}")
    assert f'id="registration-status-{again}">重新提交, 待受理</span>' in page
    assert f'id="registration-status-{returned}">已退回</span>' in page


async def test_the_chat_list_says_a_registration_was_sent_again(console: Any, world: World) -> None:
    app = console.server.app
    _, again = await _resubmit(app, world)
    openid = "oCaseworkerA0000000000000001"
    async with app[keys.SESSIONS]() as session, session.begin():
        session.add(CaseworkerAddress(caseworker_id=world.accounts["caseworker_a"], channel="wechat",
                                      address_hash=repo.address_hash(app[keys.CIPHER], "wechat", openid,
                                                                     simulated=False)))
    listing = "\n".join((await say(app, "wechat", openid, "列表")).replies)
    assert f"R{again} 失业登记(重新提交)待受理" in listing, listing
