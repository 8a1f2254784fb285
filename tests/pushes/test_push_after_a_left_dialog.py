"""Through the sweep: a job seeker who opened 1. 登记/更新就业信息 from the menu and left it days ago gets the push of
a new job on its day (it was postponed day after day, then dropped as busy); one at it within the hour has it
postponed, as before."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bot import keys
from dialogs.types import Inbound
from tests.checkins.helpers import fires, pushes
from tests.pushes.helpers import guard_job, import_vacancies, seeker


async def _say(app: Any, person_id: int, text: str) -> Any:
    now = app[keys.CLOCK].now()
    return await app[keys.DISPATCHER].submit(Inbound(
        channel="wechat", address=f"o{person_id}", kind="text", dedup_key=uuid.uuid4().hex, received_at=now,
        text=text, transport="wechat", at=now))


async def test_a_dialog_left_days_ago_does_not_hold_the_push(app: Any, tmp_path: Path) -> None:
    clock = app[keys.CLOCK]
    start = clock.now()
    left = await seeker(app, born=date(1976, 3, 4), wants="想当保安", recorded_at=start - timedelta(days=5))
    busy = await seeker(app, born=date(1980, 5, 6), wants="想当保安", recorded_at=start - timedelta(days=5),
                        sequence=13)
    for pid in (left, busy):
        await _say(app, pid, "菜单")
        assert (await _say(app, pid, "1")).awaiting is not None  # the survey asks: left there
    clock.advance(timedelta(days=4))
    await _say(app, busy, "菜单")
    assert (await _say(app, busy, "1")).awaiting is not None  # this one is at it this morning
    await import_vacancies(app, tmp_path, [guard_job("WN-020")], clock.now())
    # The push is planned for this afternoon: the one who wrote this morning is still at it then.
    await app[keys.DUE_WORK].run_due(clock.now() + timedelta(hours=6))
    assert {pid for pid, _, topic, _ in await pushes(app) if topic == "job_push"} == {left}
    outcomes = {f.person_id: f.outcome for f in await fires(app) if f.kind == "job_push" and f.status == "done"}
    assert outcomes == {left: "sent", busy: "postponed"}
