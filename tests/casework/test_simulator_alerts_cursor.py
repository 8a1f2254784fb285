"""`GET /simulator/alerts` with a cursor: the page asks only for what is new, an alert still queued when first
listed comes again once sent, each alert names the simulator user it is about, and the answer keeps its
`alerts` key for callers that know nothing of cursors."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

from sqlalchemy import select, update

from bot import keys
from bot.casework.alerts import queue_alert
from bot.clock import FrozenClock
from storage.models import Alert
from tests.survey.helpers import say


async def _alerts(client: Any, after: str | None = None, want: int = 0) -> dict[str, Any]:
    """The answer; with `want`, once that many alerts in it are sent (the alert worker settles them)."""
    params = {"after": after} if after is not None else {}
    for _ in range(500):
        resp = await client.get("/simulator/alerts", params=params)
        assert resp.status == 200
        answer: dict[str, Any] = await resp.json()
        if sum(a["status"] == "sent" for a in answer["alerts"]) >= want:
            return answer
        await asyncio.sleep(0.02)
    raise AssertionError(f"the alert worker settled {answer['alerts']}, not {want}")


async def test_after_a_cursor_only_the_new_alerts_each_naming_its_user(client: Any) -> None:
    assert await _alerts(client) == {"alerts": [], "cursor": None}
    await say(client, "sim-alerts-1", "人工")
    first = await _alerts(client, want=1)
    [alert] = first["alerts"]
    assert alert["kind"] == "human_requested" and alert["status"] == "sent" and alert["user"] == "sim-alerts-1"
    assert set(alert) == {"id", "kind", "text", "at", "status", "caseworker", "user"}
    assert alert["caseworker"] == "未分配"  # nobody imported: the stand-in owner
    assert await _alerts(client, after=first["cursor"]) == {"alerts": [], "cursor": first["cursor"]}
    # Another user on SMS: named as typed on the page, without the +86 the SMS channel stores.
    await say(client, "139 0000 0001", "人工", channel="sms")
    second = await _alerts(client, after=first["cursor"], want=1)
    assert [(a["kind"], a["user"]) for a in second["alerts"]] == [("human_requested", "13900000001")]
    assert second["alerts"][0]["id"] > alert["id"] and second["cursor"] != first["cursor"]
    everything = await _alerts(client)
    assert [a["user"] for a in everything["alerts"]] == ["sim-alerts-1", "13900000001"]  # oldest first


async def test_an_alert_queued_when_listed_comes_again_once_sent(client: Any, clock: FrozenClock) -> None:
    await say(client, "sim-alerts-2", "人工")
    first = await _alerts(client, want=1)
    app = client.server.app
    async with app[keys.SESSIONS]() as session, session.begin():
        person_id, caseworker_id = (await session.execute(select(Alert.person_id, Alert.caseworker_id))).one()
        # Not due for an hour: the worker leaves it queued while the page lists it.
        held = await queue_alert(session, app[keys.CIPHER], caseworker_id=caseworker_id, kind="question_referred",
                                 text="【政策咨询】王*明 问: 失业金怎么领", now=clock.now() + timedelta(hours=1),
                                 person_id=person_id)
    listed = await _alerts(client)
    assert [(a["id"], a["status"]) for a in listed["alerts"]][-1] == (held, "queued")
    assert listed["cursor"] == first["cursor"]  # a queued alert moves no cursor
    assert await _alerts(client, after=listed["cursor"]) == {"alerts": [], "cursor": listed["cursor"]}
    # Settled as the worker settles a simulator user's alert.
    clock.advance(timedelta(seconds=5))
    async with app[keys.SESSIONS]() as session, session.begin():
        await session.execute(update(Alert).where(Alert.id == held).values(
            status="sent", channel="simulator", route="simulator", sent_at=clock.now()))
    again = await _alerts(client, after=listed["cursor"], want=1)
    assert [(a["id"], a["status"], a["text"]) for a in again["alerts"]] == [
        (held, "sent", "【政策咨询】王*明 问: 失业金怎么领")]
    assert await _alerts(client, after=again["cursor"]) == {"alerts": [], "cursor": again["cursor"]}


async def test_an_alert_raised_in_played_time_ahead_of_the_clock_is_shown_at_once(
    client: Any, clock: FrozenClock
) -> None:
    # Playing a season: the message is dated a month ahead of the clock; its alert is not held until then.
    ahead = (clock.now() + timedelta(days=30)).isoformat()
    resp = await client.post("/simulator/messages", json={"user": "sim-alerts-3", "text": "人工", "at": ahead})
    assert resp.status == 200
    [alert] = (await _alerts(client, want=1))["alerts"]
    assert (alert["kind"], alert["status"], alert["user"]) == ("human_requested", "sent", "sim-alerts-3")
    assert alert["at"] == ahead  # still dated by the played time
