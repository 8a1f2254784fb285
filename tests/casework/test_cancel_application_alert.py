"""取消报名 reaches the caseworker as an alert in its own words (【取消报名】, the laborer's words quoted), not as a
policy question or a stop; from someone with no application open, it is answered so and alerts nobody."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot import keys
from bot.settings import Settings
from storage.models import Alert, JobApplication, Vacancy
from tests.casework.people import caseworker
from tests.people import say
from tests.survey.helpers import cipher


async def test_a_cancelled_application_is_an_alert_of_its_own(client: Any, settings: Settings) -> None:
    app = client.server.app
    async with app[keys.SESSIONS]() as session, session.begin():
        owner = await caseworker(session, app[keys.CIPHER], divisions=("52",))
    person_id = (await say(app, "sms", "+8613800138003", "你好")).person_id
    async with app[keys.SESSIONS]() as session, session.begin():
        vacancy = Vacancy(external_id="V1", title="保安", employer="盛安物业", kind="factory", division="520526")
        session.add(vacancy)
        await session.flush()
        session.add(JobApplication(person_id=person_id, vacancy_id=vacancy.id, channel="sms"))
    await say(app, "sms", "+8613800138003", "报名的那个取消吧")
    async with app[keys.SESSIONS]() as session:
        [alert] = list(await session.scalars(select(Alert)))
    text = cipher(settings).decrypt(alert.body_enc)
    assert alert.caseworker_id == owner and alert.kind == "human_requested"
    assert text.startswith("【取消报名】(未登记姓名) (138****8003, 地址不详) 说报名的工作不去了")
    assert text.endswith("原话: 报名的那个取消吧")


async def test_a_cancel_without_an_application_open_alerts_nobody(client: Any, settings: Settings) -> None:
    """"取消报名" from someone who never applied (or whose application was withdrawn) alerted the caseworker to
    withdraw an application that does not exist."""
    app = client.server.app
    async with app[keys.SESSIONS]() as session, session.begin():
        await caseworker(session, app[keys.CIPHER], divisions=("52",))
    person_id = (await say(app, "sms", "+8613800138004", "你好")).person_id
    async with app[keys.SESSIONS]() as session, session.begin():
        vacancy = Vacancy(external_id="V2", title="保安", employer="盛安物业", kind="factory", division="520526")
        session.add(vacancy)
        await session.flush()
        session.add(JobApplication(person_id=person_id, vacancy_id=vacancy.id, channel="sms", status="withdrawn"))
    said = await say(app, "sms", "+8613800138004", "取消报名")
    assert said.replies and said.replies[0].startswith("您现在没有报名的工作, 不用取消。")
    async with app[keys.SESSIONS]() as session:
        assert not list(await session.scalars(select(Alert).where(Alert.kind == "human_requested")))
