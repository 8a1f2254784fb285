"""care16 on the simulator: `走访 C2` (a caseworker back from visiting the person of a case) was answered with the
list of commands: 走访 took a task only. Now it records a contact in person on the case (its first contact when it
was still to make), with the words after it as the note, and the person's open visit tasks are done; `完成 C2`
still takes a task only (a guard)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from bot import keys
from bot.casework import open_assistance_case, open_visit_task
from dialogs.flows.caseworker import parse
from storage.models import AssistanceCase, CaseworkTask, ContactRecord
from tests.casework.files import NOW
from tests.casework.people import caseworker, laborer
from tests.people import say

OPENID = "oLiShuji000000000000000516"


def test_visit_takes_a_case_and_done_does_not() -> None:
    assert parse("走访 C2 老人在家")["record"] == "C"  # type: ignore[index]
    assert parse("C2走访了")["action"] == "task_done"  # type: ignore[index]
    assert parse("完成 C2") is None


async def test_a_visit_to_the_person_of_a_case_is_recorded(client: Any) -> None:
    app = client.server.app
    cipher = app[keys.CIPHER]
    async with app[keys.SESSIONS]() as session, session.begin():
        await caseworker(session, cipher, phone="+8613900000516", divisions=("520526100",), openid=OPENID)
        person = await laborer(session, cipher, NOW)
        case = (await open_assistance_case(session, cipher, person_id=person, now=NOW)).case_id
        visit = await open_visit_task(session, cipher, person_id=person, reason="no_answer",
                                      due_at=NOW + timedelta(days=3), now=NOW, dedup_key="visit:care16-516")

    said = await say(app, "wechat", OPENID, f"走访 C{case} 老人在家 儿子在浙江打工")
    assert said.replies == (f"已记录 C{case} 的走访, 您写的情况已存入联系记录。",)
    async with app[keys.SESSIONS]() as session:
        record = await session.scalar(select(ContactRecord).where(ContactRecord.case_id == case))
        opened = await session.get(AssistanceCase, case)
        task = await session.get(CaseworkTask, visit)
    assert record is not None and (record.kind, record.channel) == ("visit", "in_person")
    assert cipher.decrypt(record.note_enc) == "老人在家 儿子在浙江打工"
    assert opened is not None and opened.first_contact_at is not None
    assert task is not None and task.status == "done"
