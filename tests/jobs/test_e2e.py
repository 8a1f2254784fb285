"""Jobs end to end (simulator -> dispatcher -> effects -> database): the 50-year-old from 威宁 who wants work
as a guard, the CLI ranking, the export of applications, the last place taken by two people at once."""

from __future__ import annotations

import asyncio
import base64
import csv
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot import cli
from bot.export_applications import export_applications
from bot.job_import import import_items
from bot.settings import Settings
from storage import jobs
from storage.models import Alert, AuditLog, EventLog, JobApplication, MatchOffer, Person, Training, Vacancy
from tests.casework.people import caseworker
from tests.jobs.data import (
    GUARD_SEEKER_ID,
    TODAY,
    TRAINING_HEADER,
    TRAININGS,
    VACANCIES,
    VACANCY_HEADER,
    write_csv,
)
from tests.survey.helpers import cipher, database, say

NOW = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)
GUARD_SURVEY = [
    "1", "王大山", GUARD_SEEKER_ID, "13912345678", "不知道", "威宁县", "新发村三组",
    "2",  # unemployed
    "1",  # wants work
    "1",  # job referral
    "4",  # anywhere: only the age limit keeps him from the Shenzhen job
    "想当保安", "没有", "3000", "随时",
]


async def import_fixtures(settings: Settings, tmp_path: Path) -> None:
    async with database(settings) as sessions:
        for table, header, rows in (("vacancies", VACANCY_HEADER, VACANCIES), ("trainings", TRAINING_HEADER,
                                                                                TRAININGS)):
            path = write_csv(tmp_path / f"{table}.csv", header, rows)
            report = await import_items(table, sessions, cipher(settings), path, now=NOW, today=TODAY)  # type: ignore[arg-type]
            assert report.invalid == []


async def survey(client: Any, user: str, answers: list[str]) -> dict[str, Any]:
    await say(client, user, event="subscribe")
    reply: dict[str, Any] = {}
    for answer in answers:
        reply = await say(client, user, answer)
    assert reply["awaiting"] == "summary", reply
    return await say(client, user, "0")


async def test_the_guard_job_in_his_county_first_never_the_shenzhen_factory_then_details_and_applying(
    client: Any, settings: Settings, tmp_path: Path
) -> None:
    await import_fixtures(settings, tmp_path)
    async with database(settings) as sessions, sessions() as session, session.begin():
        secretary = await caseworker(session, cipher(settings), name="李书记", divisions=("520526",))
    done = await survey(client, "wx-guard", GUARD_SURVEY)
    replies = done["replies"]
    assert replies[0] == "谢谢! 您的信息已保存, 工作人员审核后生效。"
    assert replies[1] == "根据您的情况, 为您找到这些工作, 都在威宁县:"
    assert replies[2] == ("1. 小区保安 (威宁鑫安物业公司)\n   2500-3200元/月\n"
                          "   推荐理由: 岗位对口: 保安; 离家近 (同县); 工资符合您的期望")
    assert replies[3].startswith("2. 生态护林员 (威宁县林业局)")
    assert replies[3].endswith("推荐理由: 公益性岗位, 适合年纪大一些的; 离家近 (同县)")
    assert replies[4].startswith("回复序号看详情") and len(replies) == 5
    assert done["awaiting"] == "jobs"
    # The factory in Shenzhen takes nobody over 35: he never sees it, not even when asking for more.
    more = await say(client, "wx-guard", "更多")
    assert more["replies"] == ["没有更多了。回复序号看详情, 或回复 报名+序号 报名。"]
    assert all("电子厂" not in text for text in [*replies, *more["replies"]])

    details = await say(client, "wx-guard", "1")
    assert details["replies"][0].splitlines()[:4] == [
        "小区保安 (企业招工)", "单位: 威宁鑫安物业公司", "地点: 毕节市威宁彝族回族苗族自治县草海镇建设路8号",
        "工资: 2500-3200元/月"]
    applied = await say(client, "wx-guard", "我想去这个")
    assert applied["replies"] == [
        "已帮您报名「小区保安」。您也可以直接打电话联系: 13800000001。"
            "接下来负责您的工作人员李书记也会联系您, 帮您跟单位约面试或上岗的时间; 7天后我们会问问您进展。"]
    again = await say(client, "wx-guard", "报名 1")
    assert again["replies"] == ["「小区保安」您已经报过名了。联系电话: 13800000001, 工作人员也会联系您。"]

    async with database(settings) as sessions, sessions() as session:
        [application] = list(await session.scalars(select(JobApplication)))
        guard = (await session.scalars(select(Vacancy).where(Vacancy.external_id == "WN-001"))).one()
        person = (await session.scalars(select(Person))).one()
        made = list(await session.scalars(select(EventLog).where(EventLog.kind == "application_made")))
        offers = list(await session.scalars(select(MatchOffer).order_by(MatchOffer.id)))
        alerts = list(await session.scalars(select(Alert).where(Alert.kind == "application_made")))
    assert (application.person_id, application.vacancy_id, application.status, application.channel) == (
        person.id, guard.id, "applied", "wechat")
    assert application.follow_up_at == NOW + timedelta(days=7) and application.outcome is None
    assert guard.applied == 1
    assert [(e.person_id, e.data) for e in made] == [
        (person.id, {"application_id": application.id, "item": "vacancy", "ref": f"v{guard.id}",
                     "channel": "wechat"})]
    # His caseworker (responsible for 威宁) is told, once, with his name and phone masked.
    [alert] = alerts
    assert (alert.caseworker_id, alert.person_id, alert.dedup_key) == (
        secretary, person.id, f"application:{application.id}")
    assert cipher(settings).decrypt(alert.body_enc) == (
        f"【报名】王*山 (139****5678, 毕节市威宁彝族回族苗族自治县) 报名了「小区保安」(威宁鑫安物业公司), "
        f"请协助对接 (报名号 {application.id})。")
    assert [(o.vacancy_id, o.via) for o in offers[:1]] == [(guard.id, "chat")] and len(offers) == 2


async def test_the_cli_ranks_as_the_chat_does(
    client: Any, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    await import_fixtures(settings, tmp_path)
    await survey(client, "wx-guard", GUARD_SURVEY)
    monkeypatch.setenv("JIUYE_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("JIUYE_SECRET_KEY", base64.urlsafe_b64encode(settings.secret_key).decode())
    assert await asyncio.to_thread(cli.main, ["jobs", "match", "--id-number", GUARD_SEEKER_ID, "--top", "3"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(line["external_id"], line["kind"], line["item"]) for line in lines] == [
        ("WN-001", "factory", "vacancy"), ("WN-002", "public_welfare", "vacancy"), ("WN-T01", "upgrade", "training")]
    assert lines[0]["score"] == 90 and lines[0]["reasons"] == ["岗位对口: 保安", "离家近 (同县)", "工资符合您的期望"]
    assert lines[1]["reasons"] == ["公益性岗位, 适合年纪大一些的", "离家近 (同县)"]
    assert cli.main(["jobs", "match", "--id-number", "520526197603040110"]) == 2  # bad check digit
    nobody = ["jobs", "match", "--id-number", "11010519491231002X"]
    assert await asyncio.to_thread(cli.main, nobody) == 1
    assert "nobody with this ID number" in capsys.readouterr().err


async def test_someone_not_yet_registered_is_asked_for_the_survey_first(client: Any, settings: Settings) -> None:
    reply = await say(client, "sms-new", "有啥活干", channel="sms")  # the first message ever from this phone
    assert reply["replies"][0].startswith("推荐工作要先知道您家在哪、多大年纪")
    assert reply["awaiting"] == "consent"


async def test_the_applications_export_masks_filters_and_audits(
    client: Any, settings: Settings, tmp_path: Path
) -> None:
    await import_fixtures(settings, tmp_path)
    await survey(client, "wx-guard", GUARD_SURVEY)
    await say(client, "wx-guard", "报名 2")
    async with database(settings) as sessions:
        out = tmp_path / "applications.json"
        assert await export_applications(sessions, cipher(settings), fmt="json", out=out, division=None,
                                         unmasked=False, now=NOW) == 1
        [row] = json.loads(out.read_text(encoding="utf-8"))
        assert row == {
            "id_number": GUARD_SEEKER_ID[:4] + "*" * 10 + GUARD_SEEKER_ID[-4:], "name": "王大山",
            "home_division": "520526", "external_id": "WN-002", "item": "vacancy", "kind": "public_welfare",
            "title": "生态护林员", "organisation": "威宁县林业局", "applied_at": NOW.isoformat(), "channel": "wechat",
            "status": "applied", "outcome": None, "outcome_at": None,
        }
        assert await export_applications(sessions, cipher(settings), fmt="csv", out=tmp_path / "a.csv",
                                         division="44", unmasked=False, now=NOW) == 0
        assert await export_applications(sessions, cipher(settings), fmt="xlsx", out=tmp_path / "a.xlsx",
                                         division="5205", unmasked=True, now=NOW) == 1
        csv_path = tmp_path / "b.csv"
        await export_applications(sessions, cipher(settings), fmt="csv", out=csv_path, division="520526",
                                  unmasked=True, now=NOW)
        header, first = list(csv.reader(csv_path.read_text(encoding="utf-8-sig").splitlines()))
        assert header[:3] == ["身份证号", "姓名", "户籍地代码"] and first[0] == GUARD_SEEKER_ID
        assert first[5:9] == ["岗位", "公益性岗位", "生态护林员", "威宁县林业局"] and first[11] == "已报名"
        async with sessions() as session:
            audits = list(await session.scalars(select(AuditLog)))
        assert [json.loads(a.detail)["division"] for a in audits] == ["5205", "520526"]
        assert all(a.action == "export_unmasked" for a in audits)


async def test_two_people_taking_the_last_place_at_once_one_gets_it(settings: Settings, tmp_path: Path) -> None:
    """The welding course has one seat: applying takes it in one statement, so both cannot."""
    await import_fixtures(settings, tmp_path)
    async with database(settings) as sessions:
        async with sessions() as session, session.begin():
            people = [Person(locale="zh_CN"), Person(locale="zh_CN")]
            session.add_all(people)
            await session.flush()
            course = (await session.scalars(select(Training).where(Training.external_id == "WN-T01"))).one()
            ids, ref = [p.id for p in people], f"t{course.id}"

        async def apply(person_id: int) -> str:
            async with sessions() as session, session.begin():
                result = await jobs.apply(session, person_id=person_id, ref=ref, channel="wechat", now=NOW,
                                          today=TODAY)
                return result.status

        outcomes = await asyncio.gather(*(apply(pid) for pid in ids))
        assert sorted(outcomes) == ["applied", "full"]
        async with sessions() as session:
            assert (await session.get(Training, course.id)).applied == 1  # type: ignore[union-attr]
            assert len(list(await session.scalars(select(JobApplication)))) == 1


async def test_an_item_applied_for_is_not_suggested_again_in_a_new_list(
    client: Any, settings: Settings, tmp_path: Path
) -> None:
    """Asking for work after applying listed the job applied for again, among the suggestions."""
    await import_fixtures(settings, tmp_path)
    await survey(client, "wx-guard", GUARD_SURVEY)
    assert (await say(client, "wx-guard", "报名 1"))["replies"][0].startswith("已帮您报名「小区保安」")
    again = await say(client, "wx-guard", "还有啥活")
    assert again["replies"][0] == "根据您的情况, 为您找到这些工作, 都在威宁县:"
    assert again["replies"][1].startswith("1. 生态护林员") and "小区保安" not in " ".join(again["replies"])
