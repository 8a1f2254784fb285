"""The window in which a person's messages are passed on to the caseworker who wrote opens when the caseworker's
message reaches them. Before, it opened when the message was queued: one written at 22:00 waits in the outbox until
08:00 (quiet hours), and the person writing to the bot at 23:00, before they had it, had their words passed on to
the caseworker as a "reply" (and their question held). Now the marker says when the message goes out (`from`) and
until then the person's messages go to the dialog as ever; the window then lasts its hours from the delivery."""

from __future__ import annotations

import json
from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.casework.replies import reaches_them_at
from dialogs import caseworker_reply, engine
from dialogs.i18n import render
from dialogs.types import Inbound, StepContext
from scheduler.calendar import ProgrammeCalendar

SHANGHAI = ZoneInfo("Asia/Shanghai")
CALENDAR = ProgrammeCalendar(SHANGHAI, (time(8, 0), time(21, 0)))
AT_22 = datetime(2026, 11, 26, 22, 0, tzinfo=SHANGHAI)  # a Thursday, no holiday
OPENS = datetime(2026, 11, 27, 8, 0, tzinfo=SHANGHAI)


def _mark(start: datetime, hours: float = 72) -> dict[str, Any]:
    return {"by": 1, "name": "李书记", "role": "caseworker", "case": 5, "from": start.isoformat(),
            "until": (start + timedelta(hours=hours)).isoformat()}


def _step(state: dict[str, Any] | None, text: str, now: datetime) -> Any:
    inbound = Inbound(channel="wechat", address="u1", kind="text", dedup_key=text, received_at=now,  # type: ignore[arg-type]
                      text=text)
    result = engine.step(state, inbound, StepContext(now=now, today=now.date(), channel="wechat", locale="zh_CN"))  # type: ignore[arg-type]
    replies = [render(m, "zh_CN", "wechat") for m in result.outbound]
    return json.loads(json.dumps(result.state)), replies, [e.kind for e in result.events]


def _at_the_notice(now: datetime) -> dict[str, Any]:
    subscribe = Inbound(channel="wechat", address="u1", kind="event", event="subscribe", dedup_key="s",  # type: ignore[arg-type]
                        received_at=now)
    state = engine.step(None, subscribe, StepContext(now=now, today=now.date(), channel="wechat", locale="zh_CN")).state  # type: ignore[arg-type]
    assert state["awaiting"] == "consent"
    return json.loads(json.dumps(state))


def test_a_message_held_overnight_is_not_answered_before_it_arrives() -> None:
    state = _at_the_notice(AT_22 - timedelta(hours=1)) | {caseworker_reply.MARK: _mark(OPENS)}
    # 23:00: the caseworker's message is still in the outbox; what they write is the dialog's, the marker kept.
    night, replies, kinds = _step(state, "明天几点到", AT_22 + timedelta(hours=1))
    assert caseworker_reply.EVENT not in kinds and not any("已转给" in reply for reply in replies)
    assert night[caseworker_reply.MARK] == state[caseworker_reply.MARK] and night["awaiting"] == "consent"
    # 08:30: the message went out at 08:00; now they answer it, and the caseworker gets it.
    morning, replies, kinds = _step(night, "明天几点到", OPENS + timedelta(minutes=30))
    assert kinds == [caseworker_reply.EVENT]
    assert replies == ["您的话已转给帮扶责任人李书记。要接着回答刚才的问题, 请回复 继续。"]
    # The window lasts its hours from the delivery, not from the queuing.
    late = _step(morning, "还在吗", OPENS + timedelta(hours=71))[2]
    assert late == [caseworker_reply.EVENT]


def test_a_bare_number_at_night_answers_the_dialog_and_keeps_the_marker() -> None:
    state = _at_the_notice(AT_22) | {caseworker_reply.MARK: _mark(OPENS)}
    agreed, _, kinds = _step(state, "1", AT_22 + timedelta(hours=1))
    assert "consent_given" in kinds and caseworker_reply.MARK in agreed


def test_when_the_message_reaches_them() -> None:
    assert reaches_them_at(AT_22, CALENDAR, simulated=False) == OPENS
    assert reaches_them_at(OPENS - timedelta(hours=2), CALENDAR, simulated=False) == OPENS  # 06:00 the same day
    afternoon = AT_22 - timedelta(hours=7)
    assert reaches_them_at(afternoon, CALENDAR, simulated=False) == afternoon
    # A simulated person's messages are not held (the simulator plays its own time); no calendar: at once.
    assert reaches_them_at(AT_22, CALENDAR, simulated=True) == AT_22
    assert reaches_them_at(AT_22, None, simulated=False) == AT_22
    assert reaches_them_at(AT_22.astimezone(UTC), CALENDAR, simulated=False) == OPENS


def test_a_second_message_at_night_keeps_the_first_ones_window_open() -> None:
    afternoon = {key: value for key, value in _mark(AT_22 - timedelta(hours=7)).items() if key != "from"}
    night = _mark(OPENS)
    renewed = caseworker_reply.renewed(afternoon, night, AT_22)
    assert "from" not in renewed and renewed["until"] == night["until"]
    # Another writer's held message replaces it; with nothing open before, the held one waits for its delivery.
    assert caseworker_reply.renewed(afternoon | {"by": 2}, night, AT_22) == night
    assert caseworker_reply.renewed(None, night, AT_22) == night
