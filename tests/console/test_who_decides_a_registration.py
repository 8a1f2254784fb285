"""Who may accept or return an unemployment registration: its owner and those above them, in the console as in the
chat (受理 R3: tests/casework/test_who_decides_in_the_chat.py). The console let anyone whose divisions covered the
laborer decide (a second caseworker of the same township)."""

from __future__ import annotations

from typing import Any

from bot import keys
from bot.console.auth import set_password
from storage.models import UnemploymentRegistration
from tests.console.world import PASSWORD, World

PEER_PHONE = "+8613900000016"  # 吴队员: a second caseworker of A, under the same supervisor, not the owner


async def _status(app: Any, registration_id: int) -> str:
    async with app[keys.SESSIONS]() as session:
        found = await session.get(UnemploymentRegistration, registration_id)
        assert found is not None
        return found.status


async def test_a_peer_sees_the_registration_but_may_not_decide_it(console: Any, world: World, browser: Any) -> None:
    app = console.server.app
    a = world.people["a"]
    await set_password(app[keys.SESSIONS], app[keys.CIPHER], phone_text=PEER_PHONE, password=PASSWORD,
                       now=app[keys.CLOCK].now())
    peer = browser()
    assert await peer.login(PEER_PHONE) == 303
    status, page = await peer.get(f"/console/cases/{a.case_id}")
    assert status == 200 and f"失业登记 R{a.registration_id}" in page
    assert f'id="accept-registration-{a.registration_id}"' not in page
    assert "只有负责这份登记的工作人员或其上级可以受理或退回" in page
    for action in ("accept", "reject"):
        status, page, _ = await peer.post(f"/console/cases/{a.case_id}/registration/{action}",
                                          {"registration": str(a.registration_id), "reason": "缺材料"}, follow=True)
        assert status == 200 and '<p class="error" role="alert">只有负责这份登记' in page
    assert await _status(app, a.registration_id) == "submitted"


async def test_the_owners_supervisor_may_decide_it(console: Any, world: World, signed_in: Any) -> None:
    app = console.server.app
    a = world.people["a"]
    boss = await signed_in("supervisor")
    _, page = await boss.get(f"/console/cases/{a.case_id}")
    assert f'id="accept-registration-{a.registration_id}"' in page
    status, _, _ = await boss.post(f"/console/cases/{a.case_id}/registration/accept",
                                   {"registration": str(a.registration_id)})
    assert status == 303 and await _status(app, a.registration_id) == "accepted"
