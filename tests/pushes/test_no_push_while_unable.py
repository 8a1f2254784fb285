"""Someone who became unable to work (ill, caring for family) after a push was planned is pushed nothing: the push
planned while they were looking was sent all the same. They still get a list when they ask for one."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from tests.checkins.helpers import fires, pushes
from tests.jobs.test_dialog import GUARD
from tests.pushes.helpers import answer, at, form, guard_job, import_vacancies, run, seeker
from tests.survey.driver import Chat


async def test_a_push_planned_before_they_fell_ill_is_not_sent(app: Any, tmp_path: Path) -> None:
    sick = await seeker(app, born=date(1976, 3, 4), wants="想当保安", recorded_at=at("2026-11-20T10:00"))
    well = await seeker(app, born=date(1980, 5, 6), wants="想当保安", recorded_at=at("2026-11-20T10:00"), sequence=13)
    await import_vacancies(app, tmp_path, [guard_job("WN-030")], at("2026-11-25T22:00"))
    await run(app, "2026-11-25T22:05")  # planned for the morning
    assert {f.person_id for f in await fires(app) if f.kind == "job_push" and f.status == "due"} == {sick, well}
    await answer(app, sick, "我病了 住院了 这段时间干不了活", "2026-11-26T08:10")  # before the push went out
    assert (await form(app, sick)).employment_status == "unable"
    await run(app, "2026-11-27T10:00")
    assert {pid for pid, _, topic, _ in await pushes(app) if topic == "job_push"} == {well}
    outcomes = {f.person_id: f.outcome for f in await fires(app) if f.kind == "job_push" and f.status == "done"}
    assert outcomes == {sick: "not_looking", well: "sent"}


def test_someone_unable_to_work_who_asks_for_work_is_shown_the_list() -> None:
    chat = Chat(jobs=[GUARD])
    chat.state = {"v": 1, "locale": "zh_CN", "flow": None, "awaiting": None, "menu_open": False,
                  "consent": {"given": True}, "survey": {"phase": "done", "answers": {"employment_status": "unable"}}}
    replies = chat.say("有啥活干")
    assert any("小区保安" in reply for reply in replies) and chat.awaiting == "jobs"
