"""A job push or an application's follow-up due while a dialog is open waits for the person to finish it, but a
dialog they left a day or more ago (a survey stopped halfway a week before) is not one they are in: it was
postponed day after day and then dropped as `busy`, so a person who once stopped the survey got no push again."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest

from tests.jobs.test_dialog import GUARD
from tests.survey.driver import Chat
from tests.survey.test_playtest_round2 import looking_at

APPLICATION = {"id": 5, "item": "vacancy", "title": "宏达电子厂 普工", "employer": "宏达电子厂", "job_type": "普工",
               "division": None}


def _due(chat: Chat, event: str, kind: str, wrote: datetime | None, **extra: Any) -> list[str]:
    payload: dict[str, Any] = {"fire": 7, "kind": kind, **extra}
    if wrote is not None:
        payload["last_wrote_at"] = wrote.isoformat()
    return chat._run(chat._inbound(kind="event", event=event, payload=payload))


def _push(chat: Chat, wrote: datetime | None, postponed: int = 0) -> None:
    _due(chat, "jobs.push", "job_push", wrote, trigger="import", refs=["v1"], postponed=postponed)


def _outcome(chat: Chat) -> str:
    if chat.kinds("due_work_postponed"):
        return "postponed"
    done = chat.kinds("due_work_done")
    return str(done[-1].data["outcome"]) if done else "asked"


def test_a_survey_left_a_week_ago_does_not_hold_a_push_back() -> None:
    chat = looking_at("preferred_scope")
    left = chat.now
    chat.later(days=7)
    _push(chat, left)
    assert _outcome(chat) == "asked" and [e.data["refs"] for e in chat.kinds("jobs.push_items")] == [["v1"]]
    replies = chat._run(chat._inbound(kind="event", event="jobs.push_items.result",
                                      payload={"status": "ok", "trigger": "import", "items": [GUARD]}))
    assert any("小区保安" in reply for reply in replies)
    assert chat.state is not None and chat.state["flow"] == "jobs" and chat.awaiting == "jobs"
    assert chat.say("1")[0].startswith("小区保安 (企业招工)")  # the list's numbers are the list's now


def test_the_surveys_own_stamp_says_when_it_was_left_when_the_sweep_does_not() -> None:
    chat = looking_at("preferred_scope")
    chat.later(days=2)
    _push(chat, None)
    assert _outcome(chat) == "asked"


@pytest.mark.parametrize("hours", [0.5, 20])
def test_someone_at_the_survey_within_the_day_still_gets_the_push_another_day(hours: float) -> None:
    chat = looking_at("preferred_scope")
    chat.later(hours=hours)
    _push(chat, chat.now - timedelta(hours=hours))
    assert _outcome(chat) == "postponed" and not chat.kinds("jobs.push_items")
    assert chat.awaiting == "preferred_scope"


def test_the_last_postponement_of_someone_still_at_it_drops_the_push() -> None:
    chat = looking_at("preferred_scope")
    chat.later(hours=2)
    _push(chat, chat.now - timedelta(hours=1), postponed=3)
    assert _outcome(chat) == "busy"


def test_a_follow_up_is_asked_over_a_survey_left_days_ago_and_waits_for_one_in_progress() -> None:
    chat = looking_at("preferred_scope")
    chat.later(hours=1)
    _due(chat, "follow_up.due", "job_follow_up", chat.now - timedelta(minutes=30))
    assert _outcome(chat) == "postponed" and not chat.kinds("follow_up.applications")
    chat = looking_at("preferred_scope")
    left = chat.now
    chat.later(days=4)
    _due(chat, "follow_up.due", "job_follow_up", left, postponed=1)
    assert _outcome(chat) == "asked" and len(chat.kinds("follow_up.applications")) == 1
    replies = chat._run(chat._inbound(kind="event", event="follow_up.applications.result",
                                      payload={"applications": [APPLICATION]}))
    assert replies[-1].startswith("您报名的「宏达电子厂 普工」") and chat.awaiting == "follow_up"


def _checkin_open(days: float) -> Chat:
    """A check-in asked `days` ago and never answered (the person last wrote long before)."""
    chat = Chat()
    chat.state = {"v": 1, "locale": "zh_CN", "flow": None, "awaiting": None, "menu_open": False,
                  "consent": {"given": True}}
    chat._run(chat._inbound(kind="event", event="checkin.due", payload={
        "fire": 1, "kind": "checkin", "status": "employed", "employer": "电子厂", "work_place": "东莞",
        "due_date": "2026-11-26"}))
    assert chat.awaiting is not None and chat.state is not None and chat.state["flow"] == "checkin"
    chat.later(days=days)
    return chat


def test_an_unanswered_checkin_holds_a_push_while_its_reminder_and_visit_are_to_come() -> None:
    """Its own ladder (a reminder, then the caseworker's visit) is for the silence: a list must not end it."""
    chat = _checkin_open(3)
    _push(chat, chat.now - timedelta(days=30))
    assert _outcome(chat) == "postponed"
    chat = _checkin_open(9)
    _push(chat, chat.now - timedelta(days=30))
    assert _outcome(chat) == "asked"
