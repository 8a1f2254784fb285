"""A journey played on the simulator reaches no real gateway and nobody's work: its alerts are shown by the
simulator, never sent to the caseworker's robot; its records are in no export and no caseworker's list."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bot import keys
from bot.casework.export import EXPORTS, export_casework
from bot.settings import Settings
from storage.models import Alert, AssistanceCase
from tests.casework.people import caseworker
from tests.fakes.wecom import FakeWeCom
from tests.people import say as say_as
from tests.survey.helpers import say
from tests.survey.test_e2e import COLLOQUIAL, converse

OPENID = "oLiShuji000000000000000001"


async def test_a_played_job_loss_alerts_only_the_simulator(
    client: Any, settings: Settings, wecom: FakeWeCom, tmp_path: Path
) -> None:
    app = client.server.app
    async with app[keys.SESSIONS]() as session, session.begin():
        await caseworker(session, app[keys.CIPHER], divisions=("520526",), webhook=wecom.robot("REAL"),
                         openid=OPENID)
    await say(client, "sim-1", event="subscribe")
    await converse(client, "sim-1", [*COLLOQUIAL, "0"])
    await converse(client, "sim-1", ["厂子倒闭了", "前天", "没交", "1"])
    async with app[keys.SESSIONS]() as session:
        assert (await session.scalars(select(AssistanceCase).where(AssistanceCase.kind == "assistance"))).one()

    shown: list[dict[str, Any]] = []
    for _ in range(400):
        shown = (await (await client.get("/simulator/alerts")).json())["alerts"]
        if any(a["kind"] == "new_case" and a["status"] == "sent" for a in shown):
            break
        await asyncio.sleep(0.025)
    new_case = next(a for a in shown if a["kind"] == "new_case")
    assert new_case["text"].startswith("【一对一帮扶】王*明 (138****5678") and new_case["caseworker"] == "李书记"
    async with app[keys.SESSIONS]() as session:
        channels = {(a.kind, a.channel, a.route) for a in await session.scalars(select(Alert))}
    assert ("new_case", "simulator", "simulator") in channels
    assert wecom.messages == []  # the real robot never heard of it

    for what in EXPORTS:
        out = tmp_path / f"{what}.json"
        await export_casework(app[keys.SESSIONS], app[keys.CIPHER], what=what, fmt="json", out=out,
                              division=None, unmasked=False, now=app[keys.CLOCK].now())
        assert json.loads(out.read_text("utf-8")) == [], what
    listing = await say_as(app, "wechat", OPENID, "列表")
    assert listing.replies == ("您现在没有待办的案件和任务。",)
