"""A caseworker working cases from the chat (care11): what they write after 联系 is kept as the contact's note (it was
dropped), a second contact is not called the first again, and a command typed as the alerts word it (回复 电话 A5,
A2 已回复) is read (it was the help text)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bot import keys
from bot.settings import Settings
from dialogs.flows.caseworker import parse
from storage.models import ContactRecord
from tests.casework.test_caseworker_chat import OPENID, _world
from tests.people import say
from tests.survey.helpers import cipher


@pytest.mark.parametrize(("text", "command"), [
    ("A2 已回复", {"action": "contact", "record": "A", "id": 2, "reason": ""}),
    ("回复了 A2", {"action": "contact", "record": "A", "id": 2, "reason": ""}),
    ("回复 电话 A5", {"action": "phone", "record": "A", "id": 5, "reason": ""}),
    ("回复 联系 A5", {"action": "contact", "record": "A", "id": 5, "reason": ""}),
    ("回复 结案 C3 已就业", {"action": "close", "record": "C", "id": 3, "reason": "已就业"}),
])
def test_commands_typed_as_the_alerts_word_them_are_read(text: str, command: dict[str, Any]) -> None:
    assert parse(text) == command


async def test_what_is_written_after_a_contact_is_kept_as_its_note(client: Any, settings: Settings) -> None:
    app = client.server.app
    w = await _world(app)
    case = f"C{w['case']}"
    assert (await say(app, "wechat", OPENID, f"联系 {case}")).replies == (f"已记录 {case} 首次联系。",)
    app[keys.CLOCK].advance(timedelta(days=2))
    assert (await say(app, "wechat", OPENID, f"{case} 联系上了 老板答应月底给")).replies == (
        f"已记录 {case} 的联系, 您写的情况已存入联系记录。",)
    assert (await say(app, "wechat", OPENID, f"联系 {case}")).replies == (f"已记录 {case} 又联系了一次。",)
    async with app[keys.SESSIONS]() as session:
        records = list(await session.scalars(select(ContactRecord).order_by(ContactRecord.id)))
    notes = [cipher(settings).decrypt(r.note_enc) if r.note_enc else None for r in records]
    assert notes == [None, "老板答应月底给", None]
    assert {(r.case_id, r.caseworker_id, r.kind) for r in records} == {(w["case"], w["li"], "contact")}


async def test_what_a_visit_found_is_kept_as_its_note(client: Any, settings: Settings) -> None:
    """"走访 T5 老人在家 儿子在浙江打工": the task was done and the words dropped."""
    app = client.server.app
    w = await _world(app)
    task = f"T{w['visit']}"
    assert (await say(app, "wechat", OPENID, f"走访 {task} 老人在家 儿子在浙江打工")).replies == (
        f"已记录 {task} 完成, 您写的情况已存入联系记录。",)
    async with app[keys.SESSIONS]() as session:
        [record] = list(await session.scalars(select(ContactRecord)))
    assert (record.kind, record.person_id, record.caseworker_id) == ("visit", w["person"], w["li"])
    assert record.note_enc is not None and cipher(settings).decrypt(record.note_enc) == "老人在家 儿子在浙江打工"
