"""Drives dialogs.engine.step directly, round-tripping the state through JSON each step (as storage does)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from bot.casework import policy
from dialogs import engine
from dialogs.i18n import render
from dialogs.types import DialogEvent, Inbound, StepContext

START = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)
# Where benefits are claimed, as the registration effect answers for the default division (zh_CN).
START_CLAIM = "拨打12333, 或用本省人社App、当地人社局窗口"


@dataclass
class Chat:
    """One person's conversation: sends text, collects rendered replies and emitted events."""

    channel: str = "wechat"
    address: str = "u1"  # on SMS, a phone number: the sender's number the survey offers
    now: datetime = START
    state: dict[str, Any] | None = None
    events: list[DialogEvent] = field(default_factory=list)
    roster: dict[str, dict[str, Any]] = field(default_factory=dict)  # id_number -> payload (name required)
    # What the registration effect answers (bot/casework/effects.py) when the job-loss dialog submits.
    registration: dict[str, Any] = field(default_factory=lambda: {
        "registration_id": 7, "case_id": 3, "caseworker": "李书记", "first_contact_days": 2,
        "claim_where": START_CLAIM,
    })
    # What the jobs look-up answers (dialogs/flows/jobs.py): None is "nothing known to match on".
    jobs: list[dict[str, Any]] | None = None
    applications: dict[str, dict[str, Any]] = field(default_factory=dict)  # ref -> jobs.apply result
    # What jobs.withdraw finds (取消报名, bot/job_effects.py): an application still open, or none.
    application_open: bool = True
    counter: int = 0

    @property
    def ctx(self) -> StepContext:
        return StepContext(now=self.now, today=date(2026, 11, 26) if self.now.date() == START.date()
                           else (self.now + timedelta(hours=8)).date(),
                           channel=self.channel, locale=str((self.state or {}).get("locale") or "zh_CN"))  # type: ignore[arg-type]

    def _inbound(self, **kwargs: Any) -> Inbound:
        self.counter += 1
        return Inbound(channel=self.channel, address=self.address, dedup_key=f"k{self.counter}",  # type: ignore[arg-type]
                       received_at=self.now, **kwargs)

    def _run(self, inbound: Inbound) -> list[str]:
        result = engine.step(self.state, inbound, self.ctx)
        replies = [render(m, str(result.state.get("locale", "zh_CN")), self.channel) for m in result.outbound]
        self.state = json.loads(json.dumps(result.state))
        self.events.extend(result.events)
        for event in result.events:
            payload = self._effect(event)
            if payload is not None:
                replies += self._run(self._inbound(kind="event", event=f"{event.kind}.result", payload=payload))
        return replies

    def _effect(self, event: DialogEvent) -> dict[str, Any] | None:
        """What bot/effects.py would feed back for the look-ups the dialogs ask for."""
        if event.kind == "survey.roster_lookup":
            return self._lookup(event)
        if event.kind == "jobs.match":
            if self.jobs is None:
                return {"status": "no_profile"}
            exclude = set(event.data["exclude"])
            wanted = event.data["item"]
            items = [i for i in self.jobs if i["ref"] not in exclude and wanted in (None, i["item"])]
            return {"status": "ok", "items": items[:3]}
        if event.kind == "jobs.apply":
            return self.applications.get(event.data["ref"], {"status": "unknown"})
        if event.kind == "jobs.withdraw":
            return {"status": "open" if self.application_open else "none", "said": event.data["said"]}
        if event.kind == "registration.submit":
            answer = dict(self.registration)
            if event.data.get("locale") == "en" and answer.get("claim_where") == START_CLAIM:
                # (as bot/casework/effects.py answers: the claim line in the reader's locale)
                answer["claim_where"] = policy.for_division(None).claim_text("en")
            return answer
        return None

    def _lookup(self, event: DialogEvent) -> dict[str, Any]:
        entry = self.roster.get(str(event.data["id_number"]))
        if entry is None:
            return {"status": "none"}
        if entry["name"] != event.data["name"]:
            return {"status": "mismatch"}
        return {"status": "linked", **{k: v for k, v in entry.items() if k != "name"}}

    def say(self, text: str) -> list[str]:
        return self._run(self._inbound(kind="text", text=text))

    def event(self, name: str) -> list[str]:
        return self._run(self._inbound(kind="event", event=name))

    @property
    def awaiting(self) -> str | None:
        return (self.state or {}).get("awaiting")

    @property
    def answers(self) -> dict[str, Any]:
        return dict(((self.state or {}).get("survey") or {}).get("answers") or {})

    def kinds(self, kind: str) -> list[DialogEvent]:
        return [e for e in self.events if e.kind == kind]

    def later(self, **delta: float) -> None:
        self.now += timedelta(**delta)
