"""The lead's play-test of 2026-12-06 on a pushed list: what a person says with or just after applying (when they
can go) reaches the caseworker with the application, instead of "没太明白" and the menu."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.settings import Settings
from dialogs.flows.jobs_replies import apply_with_remark
from storage.models import Alert, EventLog, JobApplication
from tests.casework.people import caseworker
from tests.jobs.test_dialog import GUARD, RANGER, registered_chat
from tests.jobs.test_e2e import GUARD_SURVEY, import_fixtures, survey
from tests.jobs.test_playtest7 import pushed
from tests.survey.driver import Chat
from tests.survey.helpers import cipher, database, say

APPLIED = {"status": "applied", "ref": "v1", "application_id": 7, "item": "vacancy", "kind": "factory",
           "title": "小区保安", "organisation": "威宁县某物业公司", "contact": None}


def _with_list() -> Chat:
    chat = registered_chat()
    chat.applications["v1"] = APPLIED
    pushed(chat, [GUARD, RANGER])
    return chat


def test_a_remark_said_with_the_application_goes_to_the_caseworker_with_it() -> None:
    """"报名1 过完年才能去哈" showed the list again: nothing applied for."""
    chat = _with_list()
    replies = chat.say("报名1 过完年才能去哈")
    assert [e.data["ref"] for e in chat.kinds("jobs.apply")] == ["v1"]
    # With the application, in its one alert (care13: a second alert, 【报名补充】, came after 【报名】).
    assert [(e.data["application_id"], e.data.get("note")) for e in chat.kinds("application_made")] == [
        (7, "过完年才能去哈")]
    assert not chat.kinds("application_note")
    assert replies[0].startswith("已帮您报名「小区保安」") and "转告工作人员" in replies[-1], replies


def test_a_remark_just_after_applying_goes_to_the_caseworker_with_the_application() -> None:
    """"过完年才能去哈" right after "报名1" was "抱歉, 没太明白您的意思" and the menu."""
    chat = _with_list()
    chat.say("报名1")
    replies = chat.say("过完年才能去哈")
    assert [e.data["note"] for e in chat.kinds("application_note")] == ["过完年才能去哈"]
    assert replies == ["好的, 这个情况已转告工作人员, 对接「小区保安」时会一起说。"]
    assert chat.awaiting == "jobs"


def test_questions_and_later_words_are_not_notes() -> None:
    chat = _with_list()
    chat.say("报名1")
    chat.say("要带被子不")  # a question: answered or referred as questions are
    assert not chat.kinds("application_note")
    chat.say("过完年才能去")
    chat.say("我老婆也在家")
    chat.say("她也想出去打工")  # two notes at most after an application
    assert len(chat.kinds("application_note")) == 2
    chat = _with_list()
    chat.say("报名1")
    chat.later(days=2)
    chat.say("过完年才能去")
    assert not chat.kinds("application_note")


def test_nothing_is_a_note_before_applying() -> None:
    chat = _with_list()
    chat.say("过完年才能去哈")
    assert not chat.kinds("application_note")


@pytest.mark.parametrize(("text", "found"), [
    ("报名1 过完年才能去哈", (1, "过完年才能去哈")), ("报名1过完年才能去", (1, "过完年才能去")),
    ("我报名2 下个月才能去", (2, "下个月才能去")), ("报名 1", None), ("报名1 2", None), ("报名1 详情", None),
])
def test_apply_with_remark(text: str, found: tuple[int, str] | None) -> None:
    assert apply_with_remark(text) == found


async def test_the_note_reaches_the_caseworker_masked_with_the_application(
        client: Any, settings: Settings, tmp_path: Path) -> None:
    await import_fixtures(settings, tmp_path)
    async with database(settings) as sessions, sessions() as session, session.begin():
        secretary = await caseworker(session, cipher(settings), name="李书记", divisions=("520526",))
    await survey(client, "wx-note", GUARD_SURVEY)
    replies = (await say(client, "wx-note", "报名1 过完年才能去 有事打我老婆电话13987654321"))["replies"]
    assert replies[-1] == "好的, 这个情况已转告工作人员, 对接「小区保安」时会一起说。", replies
    async with database(settings) as sessions, sessions() as session:
        [application] = list(await session.scalars(select(JobApplication)))
        texts = {a.dedup_key: (a.caseworker_id, cipher(settings).decrypt(a.body_enc))
                 for a in await session.scalars(select(Alert).where(Alert.kind == "application_made"))}
        logged = [e.data for e in await session.scalars(select(EventLog).where(EventLog.kind == "application_made"))]
    # One alert carrying the application and the words said with it (care13: they were two, 【报名】 then 【报名补充】).
    assert list(texts) == [f"application:{application.id}"], texts
    owner, text = texts[f"application:{application.id}"]
    assert owner == secretary and text.startswith("【报名】王*山 (139****5678, "), text
    assert (f"报名了「小区保安」(威宁鑫安物业公司), 请协助对接 (报名号 {application.id})。"
            "本人补充: 过完年才能去") in text, text
    assert "13987654321" not in text and "139****4321" in text, text
    assert all("note" not in data and "13987654321" not in str(data) for data in logged), logged  # never the words
