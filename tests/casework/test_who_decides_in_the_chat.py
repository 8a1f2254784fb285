"""Who may accept or return an unemployment registration from the chat: its owner and those above them, not another
caseworker of the same township (the console follows the same rule: tests/console/test_who_decides_a_registration.py).
"""

from __future__ import annotations

from typing import Any

from bot import keys
from storage.models import UnemploymentRegistration
from tests.casework.people import caseworker
from tests.casework.test_caseworker_chat import _world
from tests.people import say

PEER_OPENID = "oWuDuiyuan00000000000000001"


async def test_a_peer_of_the_same_township_may_not_decide_it(client: Any) -> None:
    app = client.server.app
    w = await _world(app)
    async with app[keys.SESSIONS]() as session, session.begin():
        await caseworker(session, app[keys.CIPHER], name="吴队员", phone="+8613900000016", supervisor_id=w["boss"],
                         divisions=("520526100",), openid=PEER_OPENID)
    peer = await say(app, "wechat", PEER_OPENID, f"退回 R{w['registration']} 缺材料")
    assert peer.replies == (f"没有找到 R{w['registration']}, 或不归您负责。",)
    async with app[keys.SESSIONS]() as session:
        registration = await session.get(UnemploymentRegistration, w["registration"])
    assert registration is not None and registration.status == "submitted"
