"""The alerts about an overdue task name and place someone halfway through the survey as the list does. Before,
李四 (name, phone and village told, the form not saved) reported wages owed: the rights alert and the chat's list said
"李* 138****2222 威宁…草海镇", but two days later the overdue alerts (to the owner, and up to the supervisor) said
"(未登记姓名) (只用微信, 没留手机号, 地址不详)": nobody to chase. They read what the survey has heard now."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import select

from bot import keys
from bot.casework.tasks import escalate_overdue_tasks
from storage.models import Alert
from tests.casework.people import caseworker
from tests.fakes.identity import make_id
from tests.people import say

LABORER = "o-laborer-care17-417"


async def test_the_overdue_alerts_name_someone_halfway_through_the_survey(client: Any) -> None:
    app = client.server.app
    cipher = app[keys.CIPHER]
    async with app[keys.SESSIONS]() as session, session.begin():
        zhao = await caseworker(session, cipher, name="赵主任", phone="+8613900000417", divisions=("520526",),
                                role="supervisor")
        await caseworker(session, cipher, phone="+8613900000418", divisions=("520526100",), supervisor_id=zhao)
    await say(app, "wechat", LABORER, event="subscribe")
    for text in ("同意", "李四", make_id("520526", date(1980, 5, 6), 3), "13800002222", "不知道", "威宁县草海镇",
                 "银龙村", "老板欠了我三个月工资"):
        await say(app, "wechat", LABORER, text)
    async with app[keys.SESSIONS]() as session, session.begin():
        await escalate_overdue_tasks(session, cipher, now=app[keys.CLOCK].now() + timedelta(days=3))
    async with app[keys.SESSIONS]() as session:
        texts = {a.kind: cipher.decrypt(a.body_enc) for a in await session.scalars(
            select(Alert).where(Alert.kind.in_(("task_overdue", "escalation"))))}
    assert set(texts) == {"task_overdue", "escalation"}
    for text in texts.values():
        assert "李* (138****2222, 威宁彝族回族苗族自治县草海镇)" in text and "未登记姓名" not in text, text
