"""A dated message (the simulator's `at`, a season played ahead of the clock) is one day for the dialog and its
effects alike. Found in the lead's play of 2026-12-07: a job begun last month, saved on 1 March with no contract
and no insurance yet, was told "您刚上班不到一个月…下次回访时再问您" by the dialog (its day: 1 March), while the
effect opened two rights cases and alerted the caseworker (its day: the service's own, months before)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot import keys
from storage.models import AssistanceCase
from tests.casework.people import caseworker
from tests.checkins.test_season_on_the_simulator import sim
from tests.survey.test_e2e import COLLOQUIAL

SH = ZoneInfo("Asia/Shanghai")
FIRST_OF_MARCH = datetime(2027, 3, 1, 12, 0, tzinfo=SH)


async def test_a_new_jobs_grace_holds_for_the_effects_on_a_dated_message(client: Any) -> None:
    app = client.server.app
    async with app[keys.SESSIONS]() as session, session.begin():
        await caseworker(session, app[keys.CIPHER], divisions=("520526",), webhook="http://127.0.0.1:9/never")
    await sim(client, FIRST_OF_MARCH, event="subscribe")
    # Started last month (February), on 1 March: no contract, no insurance yet — the month's grace.
    lines = [*COLLOQUIAL[:15], "上个月", "四千五左右", "外出打工", "没签", "没交", "按时发", "0"]
    for i, line in enumerate(lines, 1):
        status, reply = await sim(client, FIRST_OF_MARCH + timedelta(minutes=i), line)
        assert status == 200
    assert reply["replies"][0].startswith("谢谢! 您的信息已保存")
    assert any("不到一个月" in text for text in reply["replies"]), reply["replies"]
    async with app[keys.SESSIONS]() as session:
        opened = list(await session.scalars(select(AssistanceCase).where(AssistanceCase.kind == "rights")))
    assert opened == []
