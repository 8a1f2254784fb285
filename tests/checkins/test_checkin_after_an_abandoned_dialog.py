"""A laborer who opened another dialog (updating their record) and left it days ago is not "in the middle of
it": their weekly check-in is asked on its day, not postponed day by day three times first. One who wrote within
the day is: their check-in waits for tomorrow, as before."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from bot import keys
from dialogs.types import Inbound
from tests.checkins.helpers import add_people, fires, pushes


async def _say(app: Any, person_id: int, text: str) -> Any:
    now = app[keys.CLOCK].now()
    return await app[keys.DISPATCHER].submit(Inbound(
        channel="wechat", address=f"o{person_id}", kind="text", dedup_key=uuid.uuid4().hex, received_at=now,
        text=text, transport="wechat", at=now))


async def test_a_dialog_left_days_ago_does_not_hold_the_checkin(app: Any) -> None:
    clock = app[keys.CLOCK]
    start = clock.now()
    # Their fortnightly check-in falls due ten days from now.
    left, busy = await add_people(app, 2, recorded_at=start - timedelta(days=4))
    for pid in (left, busy):
        # 1. 登记/更新就业信息 from the menu: the survey asks again, from the name.
        assert "1. 登记/更新就业信息" in (await _say(app, pid, "菜单")).replies[-1]
        assert (await _say(app, pid, "1")).replies == ("请问您的姓名?",)
    clock.advance(timedelta(days=10))
    await _say(app, busy, "王小明")  # this one is at it this morning
    report = await app[keys.DUE_WORK].run_due(clock.now() + timedelta(minutes=30))
    assert report.counts["checkin submitted"] == 2
    asked = {pid for pid, _, topic, _ in await pushes(app) if topic == "checkin"}
    assert asked == {left}
    outcomes = {f.person_id: f.outcome for f in await fires(app) if f.kind == "checkin" and f.status == "done"}
    assert outcomes == {left: "sent", busy: "postponed"}
