"""A caseworker's note of a contact that tells a rights problem offers the rights case. Before, `联系 C3 联系了 他说老板
欠了两个月工资没给` was kept as a note and nothing else: no rights case, no deadline, nobody chasing the wages, though
the laborer telling the bot the same words opens one. Now the reply offers it (`您写到本人拖欠工资。要为本人开维权案件
…请回复 确认`) and 确认 opens it as the person's own report would (its owner alerted; when that is the writer, the
contact they just made is its first contact). Offered, not opened at once: a note is read by the laborer's words'
reader, and 问了 没有拖欠工资 or 他老婆说工地欠钱 must not open a case on its own."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

from bot import keys
from bot.casework import open_assistance_case
from dialogs.flows.caseworker import rights_heard
from dialogs.types import StepContext
from storage.models import AssistanceCase, ContactRecord
from tests.casework.files import NOW
from tests.casework.people import caseworker, laborer
from tests.people import say

OPENID = "oLiShuji000000000000000116"


def test_what_a_note_reports_and_what_it_does_not() -> None:
    ctx = StepContext(now=NOW, today=date(2026, 11, 26), channel="wechat", locale="zh_CN")
    assert rights_heard("联系了 他说老板欠了两个月工资没给", ctx) == ["wage_arrears"]
    assert rights_heard("联系上了 没签合同 也没交社保", ctx) == ["no_contract", "no_social_insurance"]
    assert rights_heard("问了 没有拖欠工资", ctx) == []
    assert rights_heard("联系上了 工资都按时发了", ctx) == []
    assert rights_heard("联系上了 在家带孩子", ctx) == []


async def test_a_note_of_wages_owed_offers_the_rights_case_and_confirm_opens_it(client: Any) -> None:
    app = client.server.app
    cipher = app[keys.CIPHER]
    async with app[keys.SESSIONS]() as session, session.begin():
        li = await caseworker(session, cipher, phone="+8613900000116", divisions=("520526100",), openid=OPENID)
        person = await laborer(session, cipher, NOW)
        case = (await open_assistance_case(session, cipher, person_id=person, now=NOW)).case_id

    said = await say(app, "wechat", OPENID, f"联系 C{case} 联系了 他说老板欠了两个月工资没给")
    assert said.replies == (f"已记录 C{case} 的联系, 您写的情况已存入联系记录。\n\n"
                            "您写到本人拖欠工资。要为本人开维权案件 (和本人自己反映一样, 负责人会收到提醒), "
                            "请回复 确认。",)
    opened = await say(app, "wechat", OPENID, "确认")
    async with app[keys.SESSIONS]() as session:
        rights = (await session.scalars(select(AssistanceCase).where(
            AssistanceCase.person_id == person, AssistanceCase.kind == "rights"))).all()
        notes = len((await session.scalars(select(ContactRecord.id).where(ContactRecord.person_id == person))).all())
    assert len(rights) == 1 and rights[0].issue_list == ["wage_arrears"] and rights[0].caseworker_id == li
    assert rights[0].first_contact_at is not None  # the writer's own case: that contact was its first
    assert opened.replies == (f"已为 C{case} 的本人开维权案件 C{rights[0].id} (拖欠工资), 由您负责; "
                              "这次联系已算首次联系。",)
    assert notes == 1

    # Told again, or wages said to be paid: no offer; 确认 with nothing offered is no command.
    again = await say(app, "wechat", OPENID, f"联系 C{case} 又说老板欠工资")
    assert again.replies == (f"已记录 C{case} 的联系, 您写的情况已存入联系记录。",)
    paid = await say(app, "wechat", OPENID, f"联系 C{case} 问了 工资都按时发了")
    assert paid.replies == (f"已记录 C{case} 的联系, 您写的情况已存入联系记录。",)
    assert (await say(app, "wechat", OPENID, "确认")).replies[0].startswith("工作人员指令")
