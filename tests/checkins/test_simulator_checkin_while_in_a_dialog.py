"""On the simulator, when a player last wrote is their last message's played time (`at`), not the clock's: a
player in the middle of updating their record an hour before a `run-due` weeks ahead of the clock has the
check-in wait for the next day, as a real person would; one who left it days before (played) is asked."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot import keys
from tests.checkins.helpers import fires, pushes
from tests.survey.test_e2e import COLLOQUIAL

SH = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 12, 1, 10, 0, tzinfo=SH)  # days ahead of the tests' clock


async def _sim(client: Any, user: str, at: datetime, text: str | None = None, event: str | None = None) -> Any:
    body: dict[str, Any] = {"user": user, "at": at.isoformat()} | ({"event": event} if event else {"text": text})
    resp = await client.post("/simulator/messages", json=body)
    assert resp.status == 200
    return await resp.json()


async def test_a_played_dialog_holds_the_checkin_by_its_played_time(client: Any) -> None:
    app = client.server.app
    for user in ("busy", "left"):
        await _sim(client, user, START, event="subscribe")
        for i, line in enumerate([*COLLOQUIAL, "0"], 1):
            reply = await _sim(client, user, START + timedelta(minutes=i), line)
        assert reply["replies"][0].startswith("谢谢! 您的信息已保存")
    # Both open 1. 登记/更新就业信息 from the menu and stop at the summary: "left" ten days before the check-in,
    # "busy" on its morning.
    due = START + timedelta(days=14, hours=1)
    for user, at in (("left", START + timedelta(days=4)), ("busy", due - timedelta(hours=1))):
        await _sim(client, user, at, "菜单")
        assert (await _sim(client, user, at + timedelta(minutes=1), "1"))["replies"][0].startswith("请核对您的信息")
    assert (await app[keys.DUE_WORK].run_due(due)).counts["checkin submitted"] == 2
    assert len([p for p in await pushes(app) if p[2] == "checkin"]) == 1
    outcomes = sorted(f.outcome or "" for f in await fires(app) if f.kind == "checkin" and f.status == "done")
    assert outcomes == ["postponed", "sent"]
