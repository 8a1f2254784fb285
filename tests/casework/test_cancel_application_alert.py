"""取消报名 reaches the caseworker as an alert in its own words (【取消报名】, the laborer's words quoted), not as a
policy question or a stop."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot import keys
from bot.settings import Settings
from storage.models import Alert
from tests.casework.people import caseworker
from tests.people import say
from tests.survey.helpers import cipher


async def test_a_cancelled_application_is_an_alert_of_its_own(client: Any, settings: Settings) -> None:
    app = client.server.app
    async with app[keys.SESSIONS]() as session, session.begin():
        owner = await caseworker(session, app[keys.CIPHER], divisions=("52",))
    await say(app, "sms", "+8613800138003", "报名的那个取消吧")
    async with app[keys.SESSIONS]() as session:
        [alert] = list(await session.scalars(select(Alert)))
    text = cipher(settings).decrypt(alert.body_enc)
    assert alert.caseworker_id == owner and alert.kind == "human_requested"
    assert text.startswith("【取消报名】(未登记姓名) (138****8003, 地址不详) 说报名的工作不去了")
    assert text.endswith("原话: 报名的那个取消吧")
