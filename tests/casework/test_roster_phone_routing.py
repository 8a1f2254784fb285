"""人工 texted from a phone the roster lists, by someone who never registered: the roster entry's home division finds
the responsible caseworker (it went to the fallback supervisor as "(未登记姓名) … 地址不详"), and the alert says the
place is the roster's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select

from bot import keys
from bot.roster import import_roster
from bot.settings import Settings
from storage.models import Alert, Caseworker
from tests.casework.files import NOW, write_csv
from tests.casework.people import import_rows
from tests.casework.test_responsibility import CAOHAI, COUNTY_SUPERVISOR, PREFECTURE_ADMIN
from tests.fakes.identity import make_id
from tests.people import say
from tests.survey.helpers import cipher


async def _setup(app: Any, tmp_path: Path, rows: list[list[str]]) -> dict[str, int]:
    roster = write_csv(tmp_path / "roster.csv", [["姓名", "身份证号", "手机号", "户籍地"], *rows])
    await import_roster(app[keys.SESSIONS], app[keys.CIPHER], roster, now=NOW)
    await import_rows(app[keys.SESSIONS], app[keys.CIPHER], tmp_path, [COUNTY_SUPERVISOR, CAOHAI, PREFECTURE_ADMIN],
                      NOW)
    async with app[keys.SESSIONS]() as session:
        return {r.name: r.id for r in await session.scalars(select(Caseworker))}


async def test_a_request_from_a_roster_phone_goes_to_the_caseworker_of_the_roster_village(
    client: Any, settings: Settings, tmp_path: Path
) -> None:
    app = client.server.app
    who = await _setup(app, tmp_path, [["王小红", make_id("520526", seq=431), "13985001234", "520526100"]])
    await say(app, "sms", "+8613985001234", "人工")
    async with app[keys.SESSIONS]() as session:
        [alert] = list(await session.scalars(select(Alert)))
    assert alert.caseworker_id == who["李书记"]
    text = cipher(settings).decrypt(alert.body_enc)
    assert text.startswith("【找工作人员】王*红 (139****1234, ") and "据花名册手机号) 想找工作人员" in text
    assert "地址不详" not in text and "未登记姓名" not in text


async def test_a_phone_two_households_share_in_different_places_stays_unknown(
    client: Any, settings: Settings, tmp_path: Path
) -> None:
    app = client.server.app
    who = await _setup(app, tmp_path, [["王小红", make_id("520526", seq=432), "13985001235", "520526100"],
                                       ["王大红", make_id("520526", seq=433), "13985001235", "441900119"]])
    await say(app, "sms", "+8613985001235", "人工")
    async with app[keys.SESSIONS]() as session:
        [alert] = list(await session.scalars(select(Alert)))
    assert alert.caseworker_id == who["刘局长"]  # the fallback: nobody can tell where they live
    assert "地址不详" in cipher(settings).decrypt(alert.body_enc)
