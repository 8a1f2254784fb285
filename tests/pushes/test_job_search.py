"""Someone who starts looking for work gets the matching vacancies at once: with the end of the registration
in the conversation (the push the new case planned is then not sent); with the weekly check-in of an open case
answered "还在找", the best ones not seen yet."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bot import keys
from storage.models import AssistanceCase, MatchPush
from tests.casework.people import caseworker
from tests.checkins.helpers import fires, pushes
from tests.jobs.data import VACANCIES
from tests.people import say
from tests.pushes.helpers import SH, at, guard_job, import_vacancies, run, seeker
from tests.survey.test_e2e import COLLOQUIAL


async def test_a_job_loss_registered_in_the_chat_brings_the_vacancies_into_the_conversation(
    app: Any, tmp_path: Path
) -> None:
    clock = app[keys.CLOCK]
    await say(app, "wechat", "wx-9", event="subscribe")
    for line in [*COLLOQUIAL, "0"]:
        await say(app, "wechat", "wx-9", line)  # registered as employed
    await import_vacancies(app, tmp_path, [guard_job("WN-010", "门卫")], clock.now())
    for line in ["厂子倒闭了 老板跑路了", "前天", "交了", "六年"]:
        await say(app, "wechat", "wx-9", line)
    said = await say(app, "wechat", "wx-9", "1 2")
    assert said.awaiting == "preferred_scope"  # the registration hands back to the survey's new questions
    [planned] = [f for f in await fires(app) if f.kind == "job_push"]
    assert planned.data["trigger"] == "job_loss" and planned.status == "due"
    answers = {"preferred_scope": "1", "desired_jobs": "保安", "summary": "0"}
    for _ in range(12):
        said = await say(app, "wechat", "wx-9", answers.get(said.awaiting or "", "不知道"))
        if said.awaiting in (None, "jobs"):
            break
    assert said.awaiting == "jobs" and "1. 门卫 (威宁万家超市)" in said.replies[0]
    # The case's push finds the vacancies shown in the chat since: not sent.
    await app[keys.DUE_WORK].run_due(clock.now() + timedelta(minutes=5))
    assert await pushes(app) == []
    [done] = [f for f in await fires(app) if f.kind == "job_push"]
    assert (done.status, done.outcome) == ("done", "not_needed")


async def test_the_weekly_checkin_answered_still_looking_brings_the_best_unseen_vacancies(
    app: Any, tmp_path: Path
) -> None:
    # Vacancies imported while he still had work: planned then, pushed to nobody.
    await import_vacancies(app, tmp_path, VACANCIES, at("2026-11-10T09:00"))
    await run(app, "2026-11-10T10:00")
    guard = await seeker(app, born=date(1976, 3, 4), wants="想当保安",
                         recorded_at=at("2026-11-20T10:00"))
    async with app[keys.SESSIONS]() as session, session.begin():
        owner = await caseworker(session, app[keys.CIPHER], name="李书记", divisions=("520526",))
        session.add(AssistanceCase(person_id=guard, kind="assistance", caseworker_id=owner, home_division="520526",
                                   opened_at=at("2026-11-20T10:00")))
    await run(app, "2026-11-20T10:30")  # plans his weekly check-ins
    [checkin] = [f for f in await fires(app, guard) if f.kind == "checkin"]
    await app[keys.DUE_WORK].run_due(checkin.due_at.astimezone(SH).replace(hour=11))
    [(_, asked, topic, _)] = await pushes(app, guard)
    assert topic == "checkin" and "还在找" in asked
    reply = await say(app, "wechat", f"o{guard}", "2")
    text = reply.replies[0]
    assert text.startswith("好的, 工作人员会继续帮您找, 有合适的工作马上告诉您。\n\n最近有这些工作适合您:")
    assert "1. 小区保安 (威宁鑫安物业公司)" in text and "推荐理由: 岗位对口: 保安" in text
    assert "电子厂" not in text and reply.awaiting == "jobs"
    # ... counted as a push: the week's cap and never-twice apply to it too.
    async with app[keys.SESSIONS]() as session:
        [push] = list(await session.scalars(select(MatchPush)))
    assert (push.person_id, push.trigger, push.items) == (guard, "checkin", 2)
    # A week on, the list's numbers are no longer taken: the next check-in goes out on its day, not later.
    report = await app[keys.DUE_WORK].run_due(checkin.due_at.astimezone(SH).replace(hour=11) + timedelta(days=7))
    assert report.counts["checkin submitted"] == 1
    assert [topic for _, _, topic, _ in await pushes(app, guard)] == ["checkin", "checkin"]
