"""One rendering of a division wherever a caseworker reads it: the alert, the chat command's list, the console's
person page and the casework export all name a laborer's home the same way (dialogs/place_names.py)."""

from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy import select

from bot.casework import open_assistance_case
from bot.casework.alerts import person_brief
from bot.casework.export import export_casework
from bot.console.person import shown
from bot.settings import Settings
from dialogs.place_names import place_name
from storage.models import Alert
from tests.casework.files import NOW
from tests.casework.people import caseworker, laborer
from tests.survey.helpers import cipher, database

TOWNSHIP = "威宁彝族回族苗族自治县草海镇"


def test_a_division_is_named_by_itself_and_the_level_above() -> None:
    assert place_name("520526100") == TOWNSHIP
    assert place_name("520526") == "毕节市威宁彝族回族苗族自治县"
    assert place_name("441900003") == "东莞市东城街道"  # a city without counties
    # A village's 12-digit statistics code is named by its township (the gazetteer stops there), not shown raw.
    assert place_name("520526100001") == TOWNSHIP
    assert place_name("999999") == "999999" and place_name(None) == place_name("") == ""


async def test_the_alert_the_chat_list_the_console_and_the_export_name_the_place_alike(
    settings: Settings, tmp_path: Path
) -> None:
    c = cipher(settings)
    async with database(settings) as sessions, sessions() as session, session.begin():
        await caseworker(session, c, divisions=("520526",))
        person = await laborer(session, c, NOW)
        await open_assistance_case(session, c, person_id=person, now=NOW)
    out = tmp_path / "cases.csv"
    async with database(settings) as sessions:
        await export_casework(sessions, c, what="cases", fmt="csv", out=out, now=NOW, division=None,
                              unmasked=False, actor=None)
        async with sessions() as session:
            [alert] = list(await session.scalars(select(Alert)))
            brief = await person_brief(session, c, person)
    with out.open(encoding="utf-8-sig", newline="") as f:
        _header, row = list(csv.reader(f))
    named = [cell for cell in row if "草海镇" in cell]
    assert named == [TOWNSHIP] and row[row.index(TOWNSHIP) - 1] == "520526100"
    assert f"(138****8000, {TOWNSHIP})" in c.decrypt(alert.body_enc)
    assert brief.place == TOWNSHIP  # what the chat command's list shows (bot/casework/chat.py)
    assert shown("home_division", "520526100") == TOWNSHIP  # the console's person page
