"""The case side of "不想找了 在家带娃" from an unemployed person with an open one-on-one case (care11): the case stays
open (it closes when the person works again, PRODUCT.md journey 5), and its caseworker is told, once a day, that it
may be closed with that reason; closed so, the reason is kept. Before, nobody was told: the case waited for a job that
nobody was looking for, its deadlines running."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bot import effects, keys
from bot.casework import open_assistance_case
from bot.casework.cases import close_case
from bot.effects import EffectContext
from bot.settings import Settings
from dialogs.types import DialogEvent
from storage.models import Alert, AssistanceCase
from tests.casework.files import NOW
from tests.casework.people import caseworker, laborer
from tests.casework.test_caseworker_chat import OPENID, _world
from tests.casework.test_effects import _apply
from tests.people import say
from tests.survey.helpers import cipher, database


@pytest.mark.parametrize("event", [
    DialogEvent("field_changed", {"field": "willing_to_work", "old": "yes", "new": "no", "actor": "checkin"}),
    DialogEvent("field_changed", {"field": "willing_to_work", "old": "yes", "new": "later", "actor": "checkin"}),
    DialogEvent("employment_status_changed", {"old": "unemployed", "new": "unable", "source": "laborer"}),
])
async def test_no_longer_looking_tells_the_caseworker_the_case_may_be_closed(
        settings: Settings, event: DialogEvent) -> None:
    c = cipher(settings)
    async with database(settings) as sessions, sessions() as session, session.begin():
        owner = await caseworker(session, c, divisions=("520526",))
        person = await laborer(session, c, NOW, status="unemployed")
        opened = await open_assistance_case(session, c, person_id=person, now=NOW)
    later = NOW + timedelta(days=5)
    for _ in range(2):  # said again the same day (the check-in, then the survey): one alert
        await _apply(settings, person, event, later)
    async with database(settings) as sessions, sessions() as session:
        [alert] = list(await session.scalars(select(Alert).where(Alert.kind == "human_requested")))
        case = await session.get(AssistanceCase, opened.case_id)
    text = c.decrypt(alert.body_enc)
    assert (alert.caseworker_id, alert.case_id) == (owner, opened.case_id)
    assert text.startswith("【帮扶待结案】王*红 (138****8000, ") and "13800138000" not in text
    assert f"回复 结案 C{opened.case_id} 不找工作了" in text
    assert case is not None and case.status == "open"  # the caseworker decides
    async with database(settings) as sessions, sessions() as session, session.begin():
        case = await session.get(AssistanceCase, opened.case_id)
        assert case is not None
        await close_case(session, case, reason="不找工作了 在家带娃", now=later, caseworker_id=owner)
    async with database(settings) as sessions, sessions() as session:
        case = await session.get(AssistanceCase, opened.case_id)
    assert case is not None and (case.status, case.close_reason, case.days_to_job) == (
        "closed", "不找工作了 在家带娃", None)


async def test_other_answers_and_people_without_a_case_tell_nobody(settings: Settings) -> None:
    c = cipher(settings)
    async with database(settings) as sessions, sessions() as session, session.begin():
        await caseworker(session, c, divisions=("520526",))
        person = await laborer(session, c, NOW, status="unemployed")
        no_case = await laborer(session, c, NOW, status="unemployed", name="李大山", phone="+8613900139000")
        await open_assistance_case(session, c, person_id=person, now=NOW)
    await _apply(settings, person, DialogEvent("field_changed", {"field": "willing_to_work", "new": "yes"}))
    await _apply(settings, person, DialogEvent("field_changed", {"field": "skills", "new": "no"}))
    await _apply(settings, no_case, DialogEvent("field_changed", {"field": "willing_to_work", "new": "no"}))
    async with database(settings) as sessions, sessions() as session:
        assert not list(await session.scalars(select(Alert).where(Alert.kind == "human_requested")))


async def test_the_chat_list_names_it_and_the_case_closes_from_the_chat_with_the_reason(client: Any) -> None:
    app = client.server.app
    w = await _world(app)
    async with app[keys.SESSIONS]() as session, session.begin():
        ctx = EffectContext(session, app[keys.CIPHER], w["person"], 0, "wechat", NOW + timedelta(days=1))
        await effects.apply(ctx, DialogEvent("field_changed", {"field": "willing_to_work", "new": "no"}))
    listing = "\n".join((await say(app, "wechat", OPENID, "列表")).replies)
    assert re.search(r"A\d+ 说不找工作了, 可结案", listing), listing
    closed = await say(app, "wechat", OPENID, f"结案 C{w['case']} 不找工作了 在家带娃")
    assert closed.replies == (f"C{w['case']} 已结案。",)
    async with app[keys.SESSIONS]() as session:
        case = await session.get(AssistanceCase, w["case"])
    assert case is not None and (case.status, case.close_reason) == ("closed", "不找工作了 在家带娃")
