"""Issue 12's done-when on the simulator, pushes included: a 50-year-old in 威宁 who wants work as a guard is
shown the guard job in his county (never the Shenzhen factory, which takes nobody over 35), opens its details
by number and applies; his caseworker is told; a matching vacancy imported later reaches his simulator inbox
once; seven days after applying the follow-up arrives there, and his answer is recorded."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bot import keys
from bot.job_import import import_items
from storage.models import Alert, JobApplication
from tests.casework.people import caseworker
from tests.jobs.data import TRAINING_HEADER, TRAININGS, VACANCIES, write_csv
from tests.jobs.test_e2e import GUARD_SURVEY
from tests.pushes.helpers import SH, guard_job, import_vacancies

USER = "guard-50"
START = datetime(2026, 11, 26, 10, 0, tzinfo=SH)


async def sim(client: Any, at: datetime, text: str | None = None, event: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"user": USER, "at": at.isoformat()} | ({"event": event} if event else {"text": text})
    resp = await client.post("/simulator/messages", json=body)
    assert resp.status == 200, await resp.text()
    answer: dict[str, Any] = await resp.json()
    return answer


async def inbox(client: Any, want: int) -> list[str]:
    """The simulator inbox once the outbox worker has delivered `want` messages."""
    texts: list[str] = []
    for _ in range(400):
        resp = await client.get("/simulator/inbox", params={"user": USER})
        texts = [m["text"] for m in (await resp.json())["messages"]]
        if len(texts) >= want:
            return texts
        await asyncio.sleep(0.02)
    raise AssertionError(f"the inbox has {texts}, not {want} message(s)")


async def test_the_guard_job_first_then_a_new_one_pushed_once_then_the_follow_up(
    client: Any, tmp_path: Path
) -> None:
    app = client.server.app
    sessions, cipher, due = app[keys.SESSIONS], app[keys.CIPHER], app[keys.DUE_WORK]
    async with sessions() as session, session.begin():
        secretary = await caseworker(session, cipher, name="李书记", divisions=("520526",))
    await import_vacancies(app, tmp_path, VACANCIES, START - timedelta(days=1))
    await import_items("trainings", sessions, cipher, write_csv(tmp_path / "t.csv", TRAINING_HEADER, TRAININGS),
                       now=START - timedelta(days=1), today=START.date())
    await due.run_due(START - timedelta(hours=20))  # the imports' pushes: nobody registered yet

    await sim(client, START, event="subscribe")
    for i, line in enumerate(GUARD_SURVEY, 1):
        await sim(client, START + timedelta(minutes=i), line)
    done = await sim(client, START + timedelta(minutes=20), "0")
    listed = "\n".join(done["replies"])
    assert listed.index("1. 小区保安 (威宁鑫安物业公司)") < listed.index("2. 生态护林员")
    assert "推荐理由: 岗位对口: 保安; 离家近 (同县); 工资符合您的期望" in listed and "电子厂" not in listed
    details = await sim(client, START + timedelta(minutes=21), "1")
    assert details["replies"][0].startswith("小区保安 (企业招工)")
    applied = await sim(client, START + timedelta(minutes=22), "报名 1")
    assert applied["replies"][0].startswith("已帮您报名「小区保安」")
    async with sessions() as session:
        [alert] = list(await session.scalars(select(Alert).where(Alert.kind == "application_made")))
    assert alert.caseworker_id == secretary

    # Two days later a guard job in his county is imported: pushed to his simulator inbox, once.
    await import_vacancies(app, tmp_path, [guard_job("WN-010")], START + timedelta(days=2))
    for minutes in (0, 5):
        await due.run_due(START + timedelta(days=2, hours=1, minutes=minutes))
    [pushed] = await inbox(client, 1)
    assert pushed.startswith("有新的工作适合您:\n\n1. 超市保安 (威宁万家超市)") and "小区保安" not in pushed
    assert "推荐理由: 岗位对口: 保安" in pushed and "报名 1" in pushed

    # Seven days after applying: how did it go?
    report = await due.run_due(START + timedelta(days=7, hours=1))
    assert report.counts["job_follow_up submitted"] == 1
    texts = await inbox(client, 2)
    assert texts == [pushed, "您报名的「小区保安」, 去面试了吗?\n1. 去了, 还在等消息\n2. 被录用了\n3. 没去 / 没成"]
    said = await sim(client, START + timedelta(days=7, hours=2), "1")
    assert said["replies"][0].startswith("好的, 祝您顺利!")
    async with sessions() as session:
        [application] = list(await session.scalars(select(JobApplication)))
    assert (application.status, application.outcome) == ("applied", "interview")
    assert len(await inbox(client, 2)) == 2  # nothing else reached him
