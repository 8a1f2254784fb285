"""care16 on the simulator: by SMS the list wrote every entry without a space (`C1帮扶 11/28;T5走访 …`) but a
registration as on WeChat, `R1 失业登记待受理`; now `R1失业登记待受理` like the others (WeChat unchanged: a guard)."""

from __future__ import annotations

from typing import Any

from tests.casework.test_caseworker_chat import OPENID, _world
from tests.people import say


async def test_a_registration_in_the_sms_list_is_written_like_the_other_entries(client: Any) -> None:
    app = client.server.app
    w = await _world(app)
    sms = "\n".join((await say(app, "sms", "+8613900000002", "列表")).replies)
    assert sms.endswith(f";R{w['registration']}失业登记待受理"), sms
    wechat = "\n".join((await say(app, "wechat", OPENID, "列表")).replies)
    assert wechat.endswith(f"; R{w['registration']} 失业登记待受理"), wechat
