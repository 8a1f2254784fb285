"""The dialog-level evaluation: labelled multi-turn conversations played through the real dispatcher.

Each conversation (one JSON object per line, format in tests/data/README.md) runs in-process on its own
SQLite database (a copy of one migrated template), with a FrozenClock set to the conversation's `today`
and each turn's `at`: the same app, dispatcher, unit of work, effects and dialogs as `jiuye serve`. After
every turn its `expect` is checked against what the service stored:

- `fields`: the survey answers in the conversation state, converted as the stored record is (places as
  codes: the stored code must start with the expected one; yes/no as booleans). Free text: the expected
  phrase must appear in the stored value (name and household number: equal), Traditional or Simplified
  alike and ignoring spaces and punctuation; a phone is compared as E.164; {"any_of": [...]} takes any.
- `unset`: fields this turn must not set or change; a field left empty as "don't know" counts as unset.
- `asks`: what the dialog awaits afterwards (a field key, "consent", "summary", null), or "same": what it
  awaited before the turn.
- `saved`: the form was submitted (a `form_submitted` event) by this turn.
- `says`: a phrase (or a list of them) that must appear in what the service answered this turn, on WeChat or
  by SMS alike (every message written for the person, queued ones too); Traditional or Simplified alike,
  ignoring spaces and punctuation.
- `not_says`: a phrase (or a list of them) that must not appear in what the service answered this turn, read
  the same way (an option list said twice: 请回复 1 同意, 或 2 不同意。 1同意 2不同意).
- `events`: event kinds (`question_referred`, `rights_issue_reported`, ...) this turn must have recorded.

A turn is handled right when every check holds. `kind` only groups the figures.
"""

from __future__ import annotations

import asyncio
import base64
import csv
import json
import re
import shutil
import unicodedata
import uuid
import zlib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from aiohttp import web
from sqlalchemy import select

from bot import keys
from bot.app import create_app
from bot.channels.sms import normalise_phone
from bot.clock import FrozenClock
from bot.job_import import import_items
from bot.roster import import_roster
from bot.settings import Settings
from dialogs import nlu
from dialogs.flows.survey.fields import FIELD_KEYS, PLACE_FIELDS, SURVEY_FORM
from dialogs.flows.survey.record import record_value
from dialogs.types import Inbound
from storage import repositories as repo
from storage.migrate import upgrade
from storage.models import Conversation, EventLog, OutboxMessage

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
SECRET = base64.urlsafe_b64decode(b"dGVzdC1zZWNyZXQta2V5LW5vdC1mb3ItcHJvZHVjdGlvbiE=")[:32].ljust(32, b"!")
# Between turns without an `at`: people answer within a minute or so.
TURN_GAP = timedelta(minutes=1)
FREE_TEXT = frozenset(
    f.key for f in SURVEY_FORM.fields if not f.choices and f.key not in PLACE_FIELDS
) - {"id_number", "phone", "employer_contact", "monthly_income", "expected_income", "started", "available_from"}
# Free text that must equal the label; other free text must contain it.
EXACT_TEXT = frozenset({"name", "household_id"})
_NOISE = re.compile(r"[\s。.!！,，、~～:：;；()（）\"'“”]+")


@dataclass(slots=True)
class TurnResult:
    conversation: str
    index: int
    channel: str
    kind: str
    say: str
    replies: tuple[str, ...]
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def describe(self) -> str:
        shown = " | ".join(self.replies)[:240]
        return f"{self.conversation}#{self.index} [{self.channel}/{self.kind}] {self.say!r}: " + "; ".join(
            self.problems
        ) + f"\n    bot: {shown}"


@dataclass(slots=True)
class Score:
    turns: list[TurnResult] = field(default_factory=list)

    def share(self, keep: Iterable[TurnResult] | None = None) -> float:
        chosen = list(self.turns if keep is None else keep)
        return sum(t.ok for t in chosen) / len(chosen) if chosen else 1.0

    def table(self) -> str:
        """Share of turns handled right per kind and channel (and overall)."""
        channels = sorted({t.channel for t in self.turns})
        kinds = sorted({t.kind for t in self.turns})
        width = max([8, *map(len, kinds)]) + 2
        lines = [f"{'kind':<{width}}" + "".join(f"{c:>16}" for c in channels) + f"{'all':>16}"]
        for kind in [*kinds, "all"]:
            cells = []
            for channel in [*channels, "all"]:
                chosen = [
                    t for t in self.turns
                    if kind in ("all", t.kind) and channel in ("all", t.channel)
                ]
                right = sum(t.ok for t in chosen)
                cells.append(f"{right / len(chosen):.3f} ({right}/{len(chosen)})" if chosen else "-")
            lines.append(f"{kind:<{width}}" + "".join(f"{cell:>16}" for cell in cells))
        return "\n".join(lines)

    def misses(self) -> list[str]:
        return [t.describe() for t in self.turns if not t.ok]


def load_conversations(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


# -- comparing ------------------------------------------------------------------------------------------

def _squash(text: str) -> str:
    return _NOISE.sub("", unicodedata.normalize("NFKC", text)).lower()


def _phone(value: Any) -> str | None:
    return nlu.parse_phone(str(value)) if value is not None else None


def field_matches(key: str, want: Any, have: Any) -> bool:
    """Whether a stored answer (converted as in the record) is what the label says."""
    if isinstance(want, Mapping) and "any_of" in want:
        return any(field_matches(key, one, have) for one in want["any_of"])
    if want is None:
        return have is None
    if have is None:
        return False
    if key in PLACE_FIELDS:
        return str(have).startswith(str(want))
    if key in ("phone", "employer_contact"):
        return _phone(want) == _phone(have) if _phone(want) else _squash(str(want)) == _squash(str(have))
    if key == "id_number":
        return str(want).upper() == str(have).upper()
    if isinstance(have, list):
        wanted = want if isinstance(want, list) else [want]
        return set(map(str, wanted)) == set(map(str, have))
    if key in FREE_TEXT and isinstance(want, str):
        a, b = _squash(nlu.normalize(want)), _squash(nlu.normalize(str(have)))
        return a == b if key in EXACT_TEXT else bool(a) and a in b
    return bool(want == have)


def _record(answers: Mapping[str, Any]) -> dict[str, Any]:
    return {key: record_value(key, answers[key]) for key in FIELD_KEYS if key in answers}


def check_turn(
    expect: Mapping[str, Any],
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    awaited_before: str | None,
    awaiting: str | None,
    events: Counter[str],
    replies: Iterable[str] = (),
) -> list[str]:
    """What is wrong with one turn, by its label; empty when it was handled right."""
    problems: list[str] = []
    said = _squash(nlu.normalize(" ".join(replies)))
    wanted = expect.get("says") or ()
    for phrase in [wanted] if isinstance(wanted, str) else wanted:
        if _squash(nlu.normalize(phrase)) not in said:
            problems.append(f"the reply does not say {phrase!r}")
    unwanted = expect.get("not_says") or ()
    for phrase in [unwanted] if isinstance(unwanted, str) else unwanted:
        if _squash(nlu.normalize(phrase)) in said:
            problems.append(f"the reply says {phrase!r}")
    for kind in expect.get("events") or ():
        if not events[kind]:
            problems.append(f"no {kind} event")
    for key, want in (expect.get("fields") or {}).items():
        if key not in after:
            problems.append(f"{key} not set (want {want!r})")
        elif not field_matches(key, want, after[key]):
            problems.append(f"{key}={after[key]!r} (want {want!r})")
    for key in expect.get("unset") or ():
        # Kept empty as "don't know" (None) is as good as never set.
        if before.get(key) != after.get(key):
            problems.append(f"{key} changed to {after.get(key)!r} (must stay {before.get(key)!r})")
    if "asks" in expect:
        want_asks = expect["asks"]
        if want_asks == "same":
            want_asks = awaited_before
        if awaiting != want_asks:
            problems.append(f"asks {awaiting!r} (want {want_asks!r})")
    if expect.get("saved") and not events["form_submitted"]:
        problems.append("form not submitted")
    return problems


# -- running --------------------------------------------------------------------------------------------

def _settings(database: Path, var_dir: Path) -> Settings:
    return Settings(
        database_url=f"sqlite+aiosqlite:///{database}",
        var_dir=var_dir,
        secret_key=SECRET,
        simulator=True,
        outbox_poll_interval=0.05,
        log_level="WARNING",
    )


def migrated_template(directory: Path) -> Path:
    """A migrated SQLite database that each conversation starts from (a file copy is far cheaper than
    migrating again)."""
    template = directory / "template.db"
    if not template.exists():
        upgrade(f"sqlite+aiosqlite:///{template}")
    return template


def _write_roster(path: Path, entries: list[Mapping[str, Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["姓名", "身份证号", "手机号", "户编号", "户籍地"])
        for entry in entries:
            writer.writerow([
                entry["name"], entry["id_number"], entry.get("phone") or "",
                entry.get("household_id") or "", entry.get("home_division") or "",
            ])


def _write_items(path: Path, rows: list[Mapping[str, Any]]) -> None:
    """Vacancy or training rows keyed by the import's column names (编号, 名称, 用人单位, 类型, 地区, …)."""
    columns = list(dict.fromkeys(key for row in rows for key in row))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([row.get(column, "") for column in columns])


class _Session:
    """One conversation's person, as the harness observes them through the database."""

    def __init__(self, app: web.Application, channel: str, address: str) -> None:
        self.app = app
        self.channel = channel
        self.address = address
        self.person_id: int | None = None
        self.last_event_id = 0
        self.last_message_id = 0

    async def send(self, say: Any, clock: FrozenClock) -> tuple[tuple[str, ...], str | None]:
        if isinstance(say, Mapping):
            kind, text, event, event_key = "event", "", str(say["event"]), say.get("key")
        else:
            kind, text, event, event_key = "text", str(say), None, None
        outcome = await self.app[keys.DISPATCHER].submit(Inbound(
            channel=self.channel,  # type: ignore[arg-type]
            address=self.address,
            kind=kind,  # type: ignore[arg-type]
            dedup_key=f"eval:{uuid.uuid4().hex}",
            received_at=clock.now(),
            text=text,
            event=event,
            event_key=event_key,
            # Real laborers (the roster prefills some conversations), so the real channels' transports: a WeChat
            # reply comes back packed as in the HTTP response; SMS replies are queued (not shown here).
            transport="wechat" if self.channel == "wechat" else "kannel",
        ))
        self.person_id = outcome.person_id
        return tuple(outcome.replies), outcome.awaiting

    async def answers(self) -> dict[str, Any]:
        if self.person_id is None:
            return {}
        async with self.app[keys.SESSIONS]() as session:
            row = await session.get(Conversation, self.person_id)
            state = repo.open_state(row.state, self.app[keys.CIPHER]) if row is not None and row.state else {}
        return _record(((state.get("survey") or {}).get("answers")) or {})

    async def new_messages(self) -> tuple[str, ...]:
        """Everything written for the person since the last call: passive replies and queued ones (SMS)."""
        if self.person_id is None:
            return ()
        async with self.app[keys.SESSIONS]() as session:
            rows = list(await session.execute(
                select(OutboxMessage.id, OutboxMessage.body_enc)
                .where(OutboxMessage.person_id == self.person_id, OutboxMessage.id > self.last_message_id)
                .order_by(OutboxMessage.id)
            ))
        if rows:
            self.last_message_id = max(row.id for row in rows)
        return tuple(self.app[keys.CIPHER].decrypt(row.body_enc) for row in rows)

    async def new_events(self) -> Counter[str]:
        if self.person_id is None:
            return Counter()
        async with self.app[keys.SESSIONS]() as session:
            rows = list(await session.execute(
                select(EventLog.id, EventLog.kind)
                .where(EventLog.person_id == self.person_id, EventLog.id > self.last_event_id)
            ))
        if rows:
            self.last_event_id = max(row.id for row in rows)
        return Counter(row.kind for row in rows)


async def run_conversation(conversation: Mapping[str, Any], template: Path, workdir: Path) -> list[TurnResult]:
    """Play one conversation on a fresh database; one result per turn."""
    name = str(conversation["id"])
    channel = str(conversation["channel"])
    database = workdir / f"{name}.db"
    shutil.copyfile(template, database)
    clock = FrozenClock(datetime.fromisoformat(str(conversation["today"])).astimezone(UTC))
    app = create_app(_settings(database, workdir / "var"), clock=clock, migrate=False)
    runner = web.AppRunner(app)
    await runner.setup()
    results: list[TurnResult] = []
    try:
        if conversation.get("roster"):
            roster_file = workdir / f"{name}-roster.csv"
            _write_roster(roster_file, conversation["roster"])
            await import_roster(app[keys.SESSIONS], app[keys.CIPHER], roster_file, now=clock.now())
        for table in ("vacancies", "trainings"):
            # Open items to list, as `jiuye vacancies import` / `jiuye trainings import` reads them (no pushes).
            if conversation.get(table):
                items_file = workdir / f"{name}-{table}.csv"
                _write_items(items_file, conversation[table])
                report = await import_items(table, app[keys.SESSIONS], app[keys.CIPHER], items_file, now=clock.now(),
                                            today=(clock.now() + timedelta(hours=8)).date())
                assert not report.invalid, f"{name}: {table}: {report.invalid}"
        address = f"eval-{name}"
        if channel == "sms":
            # The number the SMS comes from, as Kannel's channel writes it; a made-up one if none is given.
            made_up = f"+86139{zlib.crc32(name.encode()) % 10**8:08d}"
            address = normalise_phone(str(conversation.get("sender") or "")) or made_up
        person = _Session(app, channel, address)
        awaiting: str | None = None
        for index, turn in enumerate(conversation["turns"], 1):
            if turn.get("at"):
                clock.set(datetime.fromisoformat(str(turn["at"])).astimezone(UTC))
            elif index > 1:
                clock.advance(TURN_GAP)
            before = await person.answers()
            replies, now_awaiting = await person.send(turn["say"], clock)
            after = await person.answers()
            events = await person.new_events()
            written = await person.new_messages()
            expect = turn.get("expect") or {}
            said = turn["say"] if isinstance(turn["say"], str) else json.dumps(turn["say"], ensure_ascii=False)
            results.append(TurnResult(
                conversation=name, index=index, channel=channel, kind=str(expect.get("kind") or "other"),
                say=said, replies=replies or written,
                problems=check_turn(expect, before, after, awaiting, now_awaiting, events, written),
            ))
            awaiting = now_awaiting
    finally:
        await runner.cleanup()
    return results


async def evaluate(conversations: Iterable[Mapping[str, Any]], workdir: Path) -> Score:
    workdir.mkdir(parents=True, exist_ok=True)
    template = await asyncio.to_thread(migrated_template, workdir)
    score = Score()
    for conversation in conversations:
        score.turns.extend(await run_conversation(conversation, template, workdir))
    return score
