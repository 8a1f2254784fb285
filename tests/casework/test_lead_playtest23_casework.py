"""The lead's play-test of 2026-12-08 (sixteenth stop), the caseworker's side: a second problem told in the survey
before the form was saved (跑美团 没签合同, then 没买社保) joined the open rights case, and its alert came as
"【权益维护】(未登记姓名) (只用微信, 没留手机号, 地址不详) 又反映没交社保" though the case's own alert a minute
before named the person (failed on the code before its fix)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import select

from bot import keys
from bot.settings import Settings
from dialogs.flows import caseworker as caseworker_flow
from dialogs.types import Inbound, StepContext
from storage.models import Alert, AssistanceCase
from tests.casework.people import caseworker
from tests.people import say
from tests.survey.helpers import cipher

SMS = "+8613985002222"
NOW = datetime(2026, 11, 21, 1, 0, tzinfo=UTC)
ANSWERS = ("1", "罗大勇", "520526199003151220", "是")


async def test_a_second_problem_told_before_the_form_is_saved_names_the_person(
    client: Any, settings: Settings
) -> None:
    app = client.server.app
    async with app[keys.SESSIONS]() as session, session.begin():
        owner = await caseworker(session, app[keys.CIPHER], divisions=("52",))
    await say(app, "sms", SMS, "登记")
    for text in ANSWERS:
        await say(app, "sms", SMS, text)
    await say(app, "sms", SMS, "跑美团 算是自己干吧 没签合同")
    await say(app, "sms", SMS, "没买社保")
    async with app[keys.SESSIONS]() as session:
        cases = list(await session.scalars(select(AssistanceCase)))
        alerts = list(await session.scalars(select(Alert).order_by(Alert.id)))
    assert [(c.kind, c.issue_list) for c in cases] == [("rights", ["no_contract", "no_social_insurance"])]
    texts = [cipher(settings).decrypt(a.body_enc) for a in alerts]
    assert [a.kind for a in alerts] == ["rights_case", "rights_case"] and {a.caseworker_id for a in alerts} == {owner}
    assert texts[0].startswith("【权益维护】罗*勇 (139****2222"), texts[0]
    assert texts[1].startswith("【权益维护】罗*勇 (139****2222"), texts[1]
    assert "又反映没交社保" in texts[1], texts[1]


def _commands(text: str) -> list[dict[str, object]]:
    inbound = Inbound(channel="sms", address="+8613800138011", dedup_key="k1", received_at=NOW, kind="text", text=text)
    result = caseworker_flow.step(None, inbound, StepContext(now=NOW, today=date(2026, 11, 21), channel="sms",
                                                              locale="zh_CN"))
    return [{k: e.data[k] for k in ("action", "id", "reason")} for e in result.events
            if e.kind == caseworker_flow.COMMAND]


@pytest.mark.parametrize("text", ["C1 他是众包骑手 没有劳动关系 结案", "C1 他是众包骑手 没有劳动关系，可以结案了"])
def test_a_cases_words_ending_in_closing_close_it(text: str) -> None:
    """"C1 他是众包骑手 没有劳动关系 结案" (the case number, the reason, 结案; no 联系) got "未发出未记录。发给本人: …"
    and the case stayed open: it is closed with the words before 结案 as its reason."""
    assert _commands(text) == [{"action": "close", "id": 1, "reason": "他是众包骑手 没有劳动关系"}]


@pytest.mark.parametrize("text", ["C1 他说包工头电话打不通", "C1 结案"])
def test_a_cases_words_without_a_reason_to_close_are_no_command(text: str) -> None:
    """Guard: words with no closing word, or 结案 with no reason, record nothing (the chat says what it can do)."""
    assert _commands(text) == []
