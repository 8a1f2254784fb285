"""A registration the caseworker returned (退回 R3 原因) could be sent again only through 人工: the notice now says
what to fix and to reply 重新提交, and 重新提交 in the chat asks the registration's questions again (the note said
first) and submits a new registration for the caseworker; with nothing returned, 重新提交 changes nothing."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bot.casework.cases import decide_registration
from bot.clock import FrozenClock
from bot.settings import Settings
from storage.models import Alert, AssistanceCase, OutboxMessage, UnemploymentRegistration
from tests.fakes.wecom import FakeWeCom
from tests.registration.test_e2e import caseworkers, converse, say
from tests.survey.helpers import cipher, database
from tests.survey.test_e2e import COLLOQUIAL


async def _registrations(settings: Settings) -> list[UnemploymentRegistration]:
    async with database(settings) as sessions, sessions() as session:
        return list(await session.scalars(select(UnemploymentRegistration).order_by(UnemploymentRegistration.id)))


async def test_a_returned_registration_is_sent_again_from_the_chat(
    make_client: Any, settings: Settings, clock: FrozenClock, wecom: FakeWeCom, tmp_path: Path
) -> None:
    await caseworkers(settings, tmp_path, wecom, clock)
    client = await make_client(settings)
    await say(client, "wx-r", event="subscribe")
    await converse(client, "wx-r", [*COLLOQUIAL, "0"])
    clock.advance(timedelta(days=14))
    await converse(client, "wx-r", ["厂子倒闭了 老板跑路了", "前天", "交了", "六年", "1 2"])
    await converse(client, "wx-r", ["省内", "电子厂", "没有", "五千", "随时", "0"])
    # Nothing returned yet: 重新提交 sends nothing again.
    nothing = await say(client, "wx-r", "重新提交")
    assert nothing["replies"] == ["您的失业登记没有被退回, 不用重新提交。有疑问请回复 人工。"]
    [first] = await _registrations(settings)

    async with database(settings) as sessions, sessions() as session, session.begin():
        registration = await session.get(UnemploymentRegistration, first.id)
        assert registration is not None
        await decide_registration(session, cipher(settings), registration, accept=False,
                                  note="最后上班日不对, 请再核对", caseworker_id=first.caseworker_id, now=clock.now())
        [notice] = list(await session.scalars(select(OutboxMessage).where(OutboxMessage.person_id == first.person_id,
                                                                          OutboxMessage.solicited.is_(False))))
        told = cipher(settings).decrypt(notice.body_enc)
    assert told == (f"您的失业登记 (R{first.id}) 需要补充: 最后上班日不对, 请再核对。"
                    "补好后回复 重新提交, 在这里再交一次; 有疑问请回复 人工。")

    again = await say(client, "wx-r", "重新提交")
    assert again["replies"][0] == (f"好的, 失业登记 (R{first.id}) 重新填一遍。"
                                   "工作人员说要补充: 最后上班日不对, 请再核对。")
    assert not any(text.startswith("很遗憾") for text in again["replies"])
    assert again["awaiting"] == "last_work_day"
    done = await converse(client, "wx-r", ["上个月28号", "交了", "3", "六年", "1 2"])
    assert done["replies"][0].startswith("已为您提交失业登记 (编号 R") and done["awaiting"] is None, done
    old, new = await _registrations(settings)
    assert (old.id, old.status) == (first.id, "rejected")
    assert new.status == "submitted" and new.caseworker_id == first.caseworker_id
    assert new.last_work_day is not None and new.last_work_day.day == 28
    # The case's owner is told it came back (it was in 列表 only, with nothing to say it was sent again), and the
    # case points to the new registration.
    async with database(settings) as sessions, sessions() as session:
        alerts = list(await session.scalars(select(Alert).where(Alert.person_id == first.person_id)
                                            .order_by(Alert.id)))
        case = await session.scalar(select(AssistanceCase).where(AssistanceCase.person_id == first.person_id,
                                                                 AssistanceCase.kind == "assistance"))
    [resubmitted] = [a for a in alerts if cipher(settings).decrypt(a.body_enc).startswith("【重新提交】")]
    text = cipher(settings).decrypt(resubmitted.body_enc)
    assert f"重新提交了失业登记 R{new.id} (退回的是 R{first.id})" in text
    assert case is not None and resubmitted.caseworker_id == case.caseworker_id and resubmitted.case_id == case.id
    assert case.registration_id == new.id
