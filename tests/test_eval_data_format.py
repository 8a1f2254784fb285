"""The hand-written evaluation sets are well-formed (keys, types, field keys, ID check digits, sizes); no bot runs."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from dialogs.flows.registration.fields import REGISTRATION_FORM
from dialogs.flows.survey.fields import (
    FIELD_KEYS,
    INCOME_FIELDS,
    MONTH_FIELDS,
    PHONE_FIELDS,
    PLACE_FIELDS,
    SURVEY_FORM,
    YES_NO_FIELDS,
)
from tests.fakes.identity import check_char, make_id, wrong_check

DATA = Path(__file__).resolve().parent / "data"
SIXTH = DATA / "nlu_test_sixth.jsonl"
DIALOGS = DATA / "dialog_eval.jsonl"

INTENTS = {
    "employed", "job_lost", "changed_job", "seek_job", "seek_training", "ask_policy", "rights_issue", "human",
    "opt_out", "greeting", "help", "affirm", "deny", "unknown",
}
ENTITY_KINDS = {"location", "employer", "salary", "date", "phone", "id_number"}
KINDS = {
    "answer", "multi_answer", "correction", "question", "dont_know", "hedge", "confirm", "consent",
    "status_change", "greeting", "help", "other",
}
# The unemployment registration's questions (issue 11): a job loss is registered before the survey goes on.
# "menu": the menu on screen, waiting for a number (菜单 in the middle of the survey or the registration).
# (wages_settled: 工资结清了吗? after 老板跑了, asked once by the registration: check23)
ASKS_BEYOND_FIELDS = {"summary", "consent", "same", "menu", "wages_settled", *(f.key for f in REGISTRATION_FORM.fields)}
EVENTS = {"subscribe", "unsubscribe"}
# Choice fields are labelled by the choice's value; yes/no fields by true/false instead.
CHOICES = {f.key: {c.value for c in f.choices} for f in SURVEY_FORM.fields if f.choices and f.key not in YES_NO_FIELDS}
MULTI = {f.key for f in SURVEY_FORM.fields if f.multi}
# (a year alone, 2027, when the month is not known: 明年, then 不知道; talk16)
MONTH = re.compile(r"20\d\d(?:-(0[1-9]|1[0-2]))?")
MOBILE = re.compile(r"\+861[3-9]\d{9}")
LANDLINE = re.compile(r"0\d{2,3}-\d{7,8}")
DIVISION = re.compile(r"\d{2}|\d{4}|\d{6}|\d{9}")


def load(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def valid_id(value: object) -> bool:
    """GB 11643: 17 digits, a real birth date, and the check character (X upper-case)."""
    if not isinstance(value, str) or not re.fullmatch(r"\d{17}[\dX]", value):
        return False
    try:
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    return 1960 <= born.year <= 2008 and check_char(value[:17]) == value[17]


def aware(text: object) -> datetime:
    assert isinstance(text, str)
    moment = datetime.fromisoformat(text)
    assert moment.tzinfo is not None, f"{text}: needs a UTC offset"
    return moment


# -- set 1: single utterances ---------------------------------------------------------------------------

def check_entities(text: str, entities: dict[str, Any]) -> None:
    assert set(entities) <= ENTITY_KINDS, set(entities) - ENTITY_KINDS
    if "location" in entities:
        location = entities["location"]
        assert set(location) == {"code", "name"} and DIVISION.fullmatch(location["code"]) and location["name"]
    if "employer" in entities:
        assert entities["employer"] in text, "the employer is copied verbatim from the text"
    if "salary" in entities:
        assert type(entities["salary"]) is int and entities["salary"] > 0
    if "date" in entities:
        assert MONTH.fullmatch(entities["date"])
    if "phone" in entities:
        assert MOBILE.fullmatch(entities["phone"])
    if "id_number" in entities:
        assert valid_id(entities["id_number"])


def test_sixth_set_follows_the_single_utterance_conventions() -> None:
    rows = load(SIXTH)
    assert len(rows) >= 250
    for row in rows:
        assert set(row) == {"text", "today", "intent", "entities"}, row
        assert isinstance(row["text"], str) and row["text"].strip(), row
        assert row["today"] == "2026-11-26", row
        assert row["intent"] in INTENTS, row
        check_entities(row["text"], row["entities"])
    texts = Counter(row["text"] for row in rows)
    assert not [t for t, n in texts.items() if n > 1], "an utterance appears twice"
    # Spread like real traffic: many intents, and most of the set is not greetings and yes/no.
    intents = Counter(row["intent"] for row in rows)
    assert len(intents) == len(INTENTS)
    assert intents["greeting"] + intents["affirm"] + intents["deny"] < len(rows) / 5


def test_a_row_with_a_wrong_check_digit_or_foreign_key_is_refused() -> None:
    assert valid_id(make_id("520526")) and not valid_id(wrong_check(make_id("520526")))
    assert not valid_id("520526199013151239"), "month 13"
    with pytest.raises(AssertionError):
        check_entities("在东莞", {"place": {"code": "4419", "name": "东莞市"}})
    with pytest.raises(AssertionError):
        check_entities("在东莞电子厂", {"employer": "電子廠"})


# -- set 2: conversations -------------------------------------------------------------------------------

def check_value(key: str, value: Any) -> None:
    if isinstance(value, dict):
        assert set(value) == {"any_of"} and isinstance(value["any_of"], list) and len(value["any_of"]) >= 2
        for option in value["any_of"]:
            check_value(key, option)
        return
    if key in PLACE_FIELDS:
        assert isinstance(value, str) and DIVISION.fullmatch(value), (key, value)
    elif key in INCOME_FIELDS:
        assert type(value) is int and value > 0, (key, value)
    elif key in MONTH_FIELDS:
        assert isinstance(value, str) and MONTH.fullmatch(value), (key, value)
    elif key in YES_NO_FIELDS:
        assert isinstance(value, bool), (key, value)
    elif key in MULTI:
        # [] is an answer too: no help wanted (不需要).
        assert isinstance(value, list) and set(value) <= CHOICES[key], (key, value)
    elif key in CHOICES:
        assert value in CHOICES[key], (key, value)
    elif key in PHONE_FIELDS:
        assert isinstance(value, str) and (MOBILE.fullmatch(value) or (key != "phone" and LANDLINE.fullmatch(value)))
    elif key == "id_number":
        assert valid_id(value), value
    else:
        assert isinstance(value, str) and value.strip(), (key, value)


def check_expect(expect: dict[str, Any]) -> None:
    assert set(expect) <= {"kind", "fields", "unset", "asks", "saved", "says", "not_says", "events"}, expect
    assert expect.get("kind") in KINDS, expect
    assert set(expect) & {"fields", "unset", "asks", "saved", "says", "events"}, "a turn must say what has to happen"
    for key in ("says", "not_says"):
        if key not in expect:
            continue
        says = expect[key]
        phrases = [says] if isinstance(says, str) else says
        assert isinstance(phrases, list) and phrases, expect
        assert all(isinstance(p, str) and p.strip() for p in phrases), expect
    if "events" in expect:
        events = expect["events"]
        assert isinstance(events, list) and events, expect
        assert all(isinstance(e, str) and re.fullmatch(r"[a-z_.]+", e) for e in events), expect
    for key, value in expect.get("fields", {}).items():
        assert key in FIELD_KEYS, key
        check_value(key, value)
    assert set(expect.get("unset", [])) <= set(FIELD_KEYS), expect
    if "asks" in expect:
        asks = expect["asks"]
        assert asks is None or asks in FIELD_KEYS or asks in ASKS_BEYOND_FIELDS, asks
    if "saved" in expect:
        assert expect["saved"] is True


def check_conversation(conversation: dict[str, Any]) -> None:
    required = {"id", "channel", "today", "persona", "turns"}
    optional = {"sender", "roster", "vacancies", "trainings"}
    assert required <= set(conversation) <= required | optional, conversation.keys()
    for table in ("vacancies", "trainings"):
        # Rows keyed by the import's column names (tests/survey/conversations.py imports them before the first turn).
        rows = conversation.get(table, [])
        assert isinstance(rows, list) and all(isinstance(row, dict) and row.get("编号") and row.get("名称")
                                              for row in rows), table
    channel = conversation["channel"]
    assert channel in ("wechat", "sms")
    assert ("sender" in conversation) == (channel == "sms"), "an SMS comes from a phone; WeChat has none"
    if channel == "sms":
        assert MOBILE.fullmatch(conversation["sender"])
    for entry in conversation.get("roster", []):
        assert {"name", "id_number"} <= set(entry) <= {"name", "id_number", "phone", "home_division", "household_id"}
        assert valid_id(entry["id_number"]), entry
        assert "phone" not in entry or MOBILE.fullmatch(entry["phone"])
        assert "home_division" not in entry or DIVISION.fullmatch(entry["home_division"])
    turns = conversation["turns"]
    assert 8 <= len(turns) <= 30, len(turns)
    first = turns[0]["say"]
    assert (first == {"event": "subscribe"}) == (channel == "wechat"), "WeChat starts with subscribe, SMS with text"
    clock = aware(conversation["today"])
    for turn in turns:
        assert set(turn) <= {"say", "at", "expect"} and {"say", "expect"} <= set(turn), turn
        say = turn["say"]
        assert (isinstance(say, str) and say.strip()) or (isinstance(say, dict) and say.get("event") in EVENTS)
        if "at" in turn:
            moment = aware(turn["at"])
            assert moment >= clock, "turns go forward in time"
            clock = moment
        check_expect(turn["expect"])
    assert any(t["expect"].get("saved") for t in turns), "every conversation goes through the whole survey"


def test_the_played_conversations_follow_the_same_format() -> None:
    conversations = load(DATA / "dialog_playtest.jsonl")
    assert len(conversations) >= 6
    assert len({c["id"] for c in conversations}) == len(conversations)
    for conversation in conversations:
        check_conversation(conversation)
    assert {c["channel"] for c in conversations} == {"wechat", "sms"}


def test_dialog_set_follows_its_format() -> None:
    conversations = load(DIALOGS)
    assert len(conversations) >= 60
    ids = [c["id"] for c in conversations]
    assert len(set(ids)) == len(ids)
    for conversation in conversations:
        check_conversation(conversation)
    channels = Counter(c["channel"] for c in conversations)
    assert min(channels["wechat"], channels["sms"]) >= len(conversations) / 3


def test_a_malformed_conversation_is_refused() -> None:
    good = {"kind": "answer", "fields": {"monthly_income": 6000}, "asks": "employment_form"}
    check_expect(good)
    check_expect({"kind": "question", "says": "工伤", "events": ["question_referred"]})
    check_expect({"kind": "question", "says": ["工伤", "医院"]})
    for bad in (
        {"kind": "answer"},
        {"kind": "answered", "asks": "name"},
        {"kind": "answer", "fields": {"income": 6000}},
        {"kind": "answer", "fields": {"monthly_income": "6000"}},
        {"kind": "hedge", "fields": {"wages_on_time": "no"}},
        {"kind": "answer", "fields": {"started": "2026-13"}},
        {"kind": "answer", "fields": {"id_number": wrong_check(make_id("520526"))}},
        {"kind": "answer", "fields": {"employment_form": "factory"}},
        {"kind": "answer", "asks": "next"},
        {"kind": "question", "says": ""},
        {"kind": "question", "says": []},
        {"kind": "question", "events": "question_referred"},
        {"kind": "question", "events": ["Question Referred"]},
    ):
        with pytest.raises(AssertionError):
            check_expect(bad)
