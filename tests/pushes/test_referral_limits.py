"""A referral respects the vacancy's own limits (care13, play-testing): `推荐 C12 WN-001` sent a man of 52 a job
for ages 18-50 with "符合您的条件". Now the caseworker is told why it does not fit and nothing is sent; 确认 (or the
command again with 确认) refers him on purpose, and the push then says the caseworker picked it, never that it
fits. A vacancy he fits is referred at once, with its reasons, as before."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bot import keys
from dialogs.flows.caseworker import parse
from dialogs.matching.types import Opening, Seeker
from storage.models import AssistanceCase, ContactRecord
from tests.casework.people import caseworker
from tests.checkins.helpers import pushes
from tests.people import say
from tests.pushes.helpers import at, guard_job, import_vacancies, run, seeker

OPENID = "oLiShujiReferralLimits0001"


def _job(external_id: str, title: str, kind: str, low: str, high: str) -> list[str]:
    return [external_id, title, "威宁某单位", kind, "威宁县", "", "2200", "2600", "2", low, high, "", "", "", "", "",
            "2027-06-30"]


async def test_a_vacancy_for_younger_people_is_referred_only_when_confirmed(app: Any, tmp_path: Path) -> None:
    person = await seeker(app, born=date(1974, 5, 6), wants="想当保安", recorded_at=at("2026-11-20T10:00"))
    await import_vacancies(app, tmp_path, [_job("WN-050", "包装工", "工厂", "18", "50"), guard_job("WN-051")],
                           at("2026-11-25T09:00"))
    await run(app, "2026-11-25T10:00")  # the import's own push goes first
    async with app[keys.SESSIONS]() as session, session.begin():
        owner = await caseworker(session, app[keys.CIPHER], name="李书记", divisions=("520526",), openid=OPENID)
        case = AssistanceCase(person_id=person, kind="assistance", caseworker_id=owner, home_division="520526",
                              opened_at=at("2026-11-20T10:00"))
        session.add(case)
    before = len(await pushes(app, person))
    ref = f"C{case.id}"

    said = await say(app, "wechat", OPENID, f"推荐 {ref} WN-050")
    assert said.replies == (f"「包装工」(WN-050) 不符合 {ref} 本人的条件: 本人52岁, 岗位要18-50岁。没有推荐。"
                            f"确实要推荐, 请回复 确认 (或 推荐 {ref} WN-050 确认); 发给本人时不会说符合条件。",)
    async with app[keys.SESSIONS]() as session:
        assert list(await session.scalars(select(ContactRecord).where(ContactRecord.case_id == case.id))) == []
    # Something else in between: the warning's 确认 is gone (a later 确认 refers nothing).
    assert (await say(app, "wechat", OPENID, "列表")).replies
    assert (await say(app, "wechat", OPENID, "确认")).replies[0].startswith("工作人员指令")
    await say(app, "wechat", OPENID, f"推荐 {ref} WN-050")
    assert (await say(app, "wechat", OPENID, "确认")).replies[0].startswith(f"已把「包装工」(WN-050) 推荐给 {ref}")
    # A vacancy he fits goes at once, as before.
    assert (await say(app, "wechat", OPENID, f"推荐 {ref} WN-051")).replies[0].startswith("已把「超市保安」")

    await run(app, "2026-11-26T15:00")
    [sent] = [text for _pid, text, _topic, _channel in (await pushes(app, person))[before:]]
    packing, guard = sent.split("\n2. ")
    assert "包装工" in packing and "符合您的条件" not in packing and "工作人员特别推荐" in packing, sent
    assert "超市保安" in guard and "岗位对口: 保安" in guard, sent


def test_the_confirmed_referral_is_read_as_caseworkers_type_it() -> None:
    refer = {"action": "refer", "record": "C", "id": 3, "reason": "", "item": "WN-001"}
    assert parse("推荐 C3 WN-001") == refer
    assert parse("推荐 C3 WN-001 确认") == refer | {"confirmed": True}
    assert parse("确认推荐 C3 WN-001。") == refer | {"confirmed": True}
    assert parse("C3 推荐 WN-001, 确定推荐") == refer | {"confirmed": True}


def test_the_limits_a_person_does_not_meet_are_named() -> None:
    from dialogs.matching.engine import unmet_limits

    today = date(2026, 11, 26)
    older = Seeker(person_id=1, birth_date=date(1974, 5, 6), home_division="520526")
    welfare = Opening(id=1, item="vacancy", external_id="X", kind="public_welfare", division="522401",
                      age_min=18, age_max=50)
    assert unmet_limits(older, welfare, today) == (
        [{"limit": "age", "age": 52, "min": 18, "max": 50}, {"limit": "home_county"}], True)
    assert unmet_limits(Seeker(person_id=1), welfare, today) == ([], False)  # nothing known: nothing checked
    factory = Opening(id=2, item="vacancy", external_id="Y", kind="factory", division="440306")
    assert unmet_limits(older, factory, today) == ([], True)
