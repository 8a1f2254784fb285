"""When to start a job applied for days before (care11): "那个保安的活啥时候能去" was referred to the caseworker as a
policy question; it is answered from the application (the employer decides; the caseworker will call) and the
caseworker gets it as a question about that application, its words passed on."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bot import keys
from bot.casework.alerts import alert_text
from bot.settings import Settings
from dialogs.place_names import place_name
from dialogs.sms_text import MAX_PARTS, parts
from storage.models import Alert, JobApplication
from tests.casework.people import caseworker
from tests.jobs.test_e2e import GUARD_SURVEY, import_fixtures, survey
from tests.survey.helpers import cipher, database, say


async def test_when_to_start_asked_days_after_applying_reaches_the_caseworker_as_a_question(
        client: Any, settings: Settings, tmp_path: Path) -> None:
    await import_fixtures(settings, tmp_path)
    async with database(settings) as sessions, sessions() as session, session.begin():
        secretary = await caseworker(session, cipher(settings), name="李书记", divisions=("520526",))
    await survey(client, "wx-when", GUARD_SURVEY)
    await say(client, "wx-when", "报名1")
    client.server.app[keys.CLOCK].advance(timedelta(days=5))
    replies = (await say(client, "wx-when", "那个保安的活啥时候能去"))["replies"]
    assert replies == [
        "「小区保安」您已经报了名。哪天能去上班由单位定, 负责您的工作人员会联系您、告诉您; 着急的话回复 人工。"]
    async with database(settings) as sessions, sessions() as session:
        [application] = list(await session.scalars(select(JobApplication)))
        texts = [(a.caseworker_id, cipher(settings).decrypt(a.body_enc))
                 for a in await session.scalars(select(Alert).where(Alert.kind == "application_made"))]
        referred = list(await session.scalars(select(Alert).where(Alert.kind == "question_referred")))
    [(owner, text)] = [t for t in texts if t[1].startswith("【报名询问】")]
    assert owner == secretary and f"问「小区保安」(报名号 {application.id}): 那个保安的活啥时候能去" in text
    assert "请问清楚后告诉本人" in text
    assert not referred


def test_a_long_question_on_an_application_gives_way_before_what_to_do() -> None:
    text = alert_text("application_question", name="王*山", phone="139****5678", place=place_name("622927100"),
                      title="小区保安", application=7, note="啥时候能去 " * 30)
    assert parts(text) <= MAX_PARTS and "「小区保安」(报名号 7)" in text and "请问清楚后告诉本人" in text, text
