"""A caseworker refers a case's person to a vacancy from the chat (推荐 C12 WN-020, care12): there was no such
command. The vacancy is pushed to the person at the next sweep, even one matching would not have chosen for them,
and the referral is a 推荐岗位 in the case's contact history (the service package counts it)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bot import keys
from storage.models import AssistanceCase, ContactRecord
from tests.casework.people import caseworker
from tests.checkins.helpers import pushes
from tests.people import say
from tests.pushes.helpers import at, guard_job, import_vacancies, run, seeker

OPENID = "oLiShujiReferral0000000001"


async def test_a_caseworker_refers_a_person_to_a_vacancy_from_the_chat(app: Any, tmp_path: Path) -> None:
    person = await seeker(app, born=date(1976, 3, 4), wants="想当保安", recorded_at=at("2026-11-20T10:00"))
    # A cook's job for people up to 45: matching would never push it to a man of 50; his caseworker chose it,
    # knowingly.
    cook = ["WN-020", "食堂帮厨", "威宁县第一中学", "工厂", "威宁县", "", "2200", "2600", "1", "18", "45", "厨师", "",
            "", "", "", "2027-06-30"]
    await import_vacancies(app, tmp_path, [cook, guard_job("WN-021")], at("2026-11-25T09:00"))
    await run(app, "2026-11-25T10:00")  # the import's own push (the guard job) goes first
    async with app[keys.SESSIONS]() as session, session.begin():
        owner = await caseworker(session, app[keys.CIPHER], name="李书记", divisions=("520526",), openid=OPENID)
        case = AssistanceCase(person_id=person, kind="assistance", caseworker_id=owner, home_division="520526",
                              opened_at=at("2026-11-20T10:00"))
        session.add(case)
    before = len(await pushes(app, person))

    assert (await say(app, "wechat", OPENID, f"推荐 C{case.id}")).replies[0].startswith("推荐哪个岗位?")
    assert (await say(app, "wechat", OPENID, f"推荐 C{case.id} WN-999")).replies == (
        "没有找到在招的岗位 WN-999 (可能已下架或招满)。编号见工作台「岗位和培训」。",)
    # Past its limits (45 at most): referred only when confirmed (tests/pushes/test_referral_limits.py).
    said = await say(app, "wechat", OPENID, f"推荐 C{case.id} WN-020 确认")
    assert said.replies == (f"已把「食堂帮厨」(WN-020) 推荐给 C{case.id} 的本人, 稍后发到他的微信或短信; "
                            "已记入服务包 (推荐岗位)。",)
    assert (await say(app, "wechat", OPENID, f"推荐 C{case.id + 100} WN-020")).replies == (
        f"没有找到 C{case.id + 100}, 或不归您负责。",)
    # A second referral the same day goes in the same push (a day has one: the second was lost).
    assert (await say(app, "wechat", OPENID, f"推荐 C{case.id} WN-021")).replies[0].startswith("已把「超市保安」")
    # The same vacancy again (care13: a second referral, counted twice in the service package): refused, said when
    # it was referred; also confirmed past its limits.
    for again in ("WN-021", "WN-020 确认"):
        assert (await say(app, "wechat", OPENID, f"推荐 C{case.id} {again}")).replies[0].endswith(
            f"已于 11月26日 10:00 推荐给 C{case.id} 的本人, 这次没有再发, 服务包也不重复计。")

    await run(app, "2026-11-26T15:00")
    sent = [text for _pid, text, _topic, _channel in (await pushes(app, person))[before:]]
    assert len(sent) == 1 and sent[0].startswith("负责您的工作人员为您推荐的工作:"), sent
    assert "食堂帮厨" in sent[0] and "超市保安" in sent[0], sent
    async with app[keys.SESSIONS]() as session:
        records = list(await session.scalars(select(ContactRecord).where(ContactRecord.case_id == case.id)
                                             .order_by(ContactRecord.id)))
    assert [(r.kind, r.caseworker_id) for r in records] == [("job_referral", owner)] * 2
    assert [app[keys.CIPHER].decrypt(r.note_enc) for r in records] == ["WN-020 食堂帮厨", "WN-021 超市保安"]


def test_the_referral_is_read_as_caseworkers_type_it() -> None:
    from dialogs.flows.caseworker import parse

    refer = {"action": "refer", "record": "C", "id": 3, "reason": ""}
    assert parse("推荐 C3 WN-001") == refer | {"item": "WN-001"}
    assert parse("C3 推荐 WN-001。") == refer | {"item": "WN-001"}
    assert parse("推荐c3给他 V7") == refer | {"item": "V7"}
    assert parse("推荐C3") == refer | {"item": ""}
    assert parse("推荐工作") is None and parse("推荐 WN-001") is None
