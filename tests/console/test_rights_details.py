"""A rights report's details (是威宁万家超市 欠了五千多), told in the chat after the report, are on the rights case's
page and in the case exports: as the laborer wrote them, encrypted at rest, ID and phone numbers in them masked
unless the export is the audited unmasked one. Before, they reached the caseworker only as an alert."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bot import keys
from bot.casework.export import export_casework
from storage.models import Alert, AssistanceCase
from tests.console.world import World
from tests.people import say

DETAILS = "是威宁万家超市 欠了五千多 老板电话13912345678"


async def _talking(app: Any, world: World) -> str:
    """The world's laborer of A, whose form is saved, as the chat knows them (their WeChat account)."""
    return f"o-{world.people['a'].name}-11"


async def _reported(app: Any, world: World) -> AssistanceCase:
    openid = await _talking(app, world)
    reported = await say(app, "wechat", openid, "老板拖了俩月工资")
    assert "哪个单位、什么情况、多久了" in reported.replies[0], reported
    added = await say(app, "wechat", openid, DETAILS)
    assert added.replies == ("好的, 已补充给工作人员。",)
    async with app[keys.SESSIONS]() as session:
        found = await session.scalar(select(AssistanceCase).where(AssistanceCase.kind == "rights"))
    assert found is not None
    return found


async def test_the_case_page_shows_what_the_laborer_added_masked(console: Any, world: World, signed_in: Any) -> None:
    app = console.server.app
    case = await _reported(app, world)
    assert case.details_enc is not None and "五千" not in case.details_enc  # encrypted at rest
    b = await signed_in("caseworker_a")
    status, page = await b.get(f"/console/cases/{case.id}")
    assert status == 200
    assert "本人补充的情况" in page and "是威宁万家超市 欠了五千多 老板电话139****5678" in page
    assert "13912345678" not in page
    # The alert about them is the case's: the inbox opens the case, where the details are.
    async with app[keys.SESSIONS]() as session:
        alert = await session.scalar(select(Alert).where(Alert.kind == "rights_details"))
    assert alert is not None and alert.case_id == case.id
    _, inbox = await b.get("/console/")
    assert f'href="/console/cases/{case.id}"' in inbox


async def test_a_rights_case_without_details_says_what_to_ask(console: Any, world: World, signed_in: Any) -> None:
    app = console.server.app
    await say(app, "wechat", await _talking(app, world), "老板拖了俩月工资")
    async with app[keys.SESSIONS]() as session:
        case_id = await session.scalar(select(AssistanceCase.id).where(AssistanceCase.kind == "rights"))
    _, page = await (await signed_in("caseworker_a")).get(f"/console/cases/{case_id}")
    assert "本人还没有补充。联系时请问清: 哪家单位、欠多少、从什么时候起。" in page
    _, assistance = await (await signed_in("caseworker_a")).get(f"/console/cases/{world.people['a'].case_id}")
    assert "本人补充的情况" not in assistance  # a one-on-one case has no such details


async def test_the_exports_carry_them_masked_unless_unmasked(console: Any, world: World, signed_in: Any,
                                                             tmp_path: Path) -> None:
    app = console.server.app
    case = await _reported(app, world)
    status, body, _ = await (await signed_in("caseworker_a")).get_response("/console/export/cases.csv")
    assert status == 200
    rows = {row["案件编号"]: row for row in csv.DictReader(io.StringIO(body.decode("utf-8-sig")))}
    assert rows[str(case.id)]["本人补充"] == "是威宁万家超市 欠了五千多 老板电话139****5678"
    assert rows[str(world.people["a"].case_id)]["本人补充"] == ""
    now = app[keys.CLOCK].now()
    for unmasked, expected in ((False, "老板电话139****5678"), (True, "老板电话13912345678")):
        out = tmp_path / f"cases-{unmasked}.json"
        await export_casework(app[keys.SESSIONS], app[keys.CIPHER], what="cases", fmt="json", out=out,
                              division=None, unmasked=unmasked, now=now)
        record = next(r for r in json.loads(out.read_text("utf-8")) if r["case_id"] == case.id)
        [told] = record["rights_details"]
        assert told["text"].endswith(expected) and told["at"].startswith(now.date().isoformat()[:4])
        sheet = tmp_path / f"cases-{unmasked}.csv"
        await export_casework(app[keys.SESSIONS], app[keys.CIPHER], what="cases", fmt="csv", out=sheet,
                              division=None, unmasked=unmasked, now=now)
        [row] = [r for r in csv.DictReader(io.StringIO(sheet.read_text("utf-8-sig"))) if r["案件编号"] == str(case.id)]
        assert row["本人补充"].endswith(expected)
