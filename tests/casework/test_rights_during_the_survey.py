"""A rights issue told halfway through the survey, as the lead played it (2026-12-06): "没签 包工头带我们去的" at the
employer's phone question opened a case "反映权益问题" (not said which), the saved form's 没签劳动合同 then a
second case for the same thing, and the details that followed reached the caseworker as "(未登记姓名) (…, 地址不详)"
though the case's own alert named the person."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot import keys
from bot.settings import Settings
from storage.models import Alert, AssistanceCase
from tests.casework.people import caseworker
from tests.people import say
from tests.survey.helpers import cipher

SMS = "+8613985001111"
ANSWERS = ("1", "罗大勇", "520526199003151220", "是", "不知道", "威宁县草海镇新发村", "在贵阳建筑工地扎钢筋",
           "贵阳市观山湖区", "陈老板的工地")


async def test_no_contract_told_early_is_one_case_named_and_its_details_name_the_person(
    client: Any, settings: Settings
) -> None:
    app = client.server.app
    async with app[keys.SESSIONS]() as session, session.begin():
        owner = await caseworker(session, app[keys.CIPHER], divisions=("52",))
    await say(app, "sms", SMS, "登记")
    for text in ANSWERS:
        await say(app, "sms", SMS, text)
    told = await say(app, "sms", SMS, "没签 包工头带我们去的")
    assert "已转给" in told.replies[0]
    await say(app, "sms", SMS, "包工头姓陈 欠我们的合同一直不给签")  # its details
    async with app[keys.SESSIONS]() as session:
        cases = list(await session.scalars(select(AssistanceCase)))
        alerts = list(await session.scalars(select(Alert).order_by(Alert.id)))
    assert [(c.kind, c.issue) for c in cases] == [("rights", "no_contract")]
    texts = [cipher(settings).decrypt(a.body_enc) for a in alerts]
    assert [a.kind for a in alerts] == ["rights_case", "rights_details"] and {a.caseworker_id for a in alerts} == {
        owner}
    assert "没签劳动合同" in texts[0], texts[0]
    assert texts[1].startswith("【权益补充】罗*勇 (139****1111, 威宁彝族回族苗族自治县草海镇)"), texts[1]
