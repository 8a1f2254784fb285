"""Guards of this stop's cuts of the dialog step (issue 11): each keeps the answer of the code it replaced. A test
reads the old code's answer (written out here) beside the new one, over every message of the evaluation sets."""

from __future__ import annotations

import dataclasses
import functools
import inspect
import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from dialogs import forms, nlu, types
from dialogs.nlu import memo

DATA = Path(__file__).parent / "data"
NOW = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)


@functools.cache
def said_in_the_evaluation_sets() -> tuple[str, ...]:
    """Every text a person says in the three evaluation sets, and a few with numbers the memos must not keep."""
    texts: dict[str, None] = dict.fromkeys(("", "1", "１", "好的", "13812345678", "我的身份证520526199001010010",
                                            "我在东莞长安镇的电子厂上班，一个月四千五左右"))
    for name in ("dialog_eval.jsonl", "dialog_dev.jsonl", "dialog_playtest.jsonl"):
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts |= {turn["say"]: None for turn in json.loads(line).get("turns", [])
                          if isinstance(turn.get("say"), str)}
    return tuple(texts)


# -- the memo of a reading of the text alone ------------------------------------------------------------------


def _old_short_memo(read: Any) -> Any:
    """`short_memo` before this stop, for a reading of the text alone: the rule asked first, then lru_cache."""
    cached = functools.lru_cache(maxsize=4096)(read)

    def reading_text(text: str) -> Any:
        if len(text) <= memo.MEMO_MAX_NUMERALS or memo.may_keep(text):
            return cached(text)
        return read(text)

    reading_text.cache_info = cached.cache_info  # type: ignore[attr-defined]
    return reading_text


def test_a_reading_of_the_text_alone_answers_as_before_and_keeps_only_what_the_rule_lets_it() -> None:
    """Guard: the dict looked up first answers every message of the evaluation sets as the old lru_cache did (each
    text read twice: kept, then found), and keeps exactly the texts the old one kept."""
    calls: list[str] = []

    def read(text: str) -> tuple[str, int]:
        calls.append(text)
        return text.strip(), len(text)

    new, old = memo.short_memo(read), _old_short_memo(read)
    said = said_in_the_evaluation_sets()
    assert len(said) > 1000
    for text in said:
        for _ in range(2):
            assert new(text) == old(text) == read(text), text
    assert new.cache_info().currsize == old.cache_info().currsize  # type: ignore[attr-defined]
    for text in ("13812345678", "我的身份证520526199001010010"):
        before = new.cache_info().currsize  # type: ignore[attr-defined]
        calls.clear()
        new(text)
        new(text)
        assert calls == [text, text]  # read every time: never kept
        assert new.cache_info().currsize == before  # type: ignore[attr-defined]
    new.cache_clear()  # type: ignore[attr-defined]
    assert new.cache_info().currsize == 0  # type: ignore[attr-defined]
    for text in said:
        assert forms.squash(text) == forms.squash.__wrapped__(text), text  # type: ignore[attr-defined]


def test_a_full_memo_is_emptied_and_still_answers() -> None:
    """Guard: past MEMO_MAX_KEPT texts the dict is emptied (the old lru_cache dropped the oldest): the same values."""
    new = memo.short_memo(lambda text: text[::-1])
    for i in range(memo.MEMO_MAX_KEPT + 10):
        assert new(f"第{i}个") == f"第{i}个"[::-1]
    assert new.cache_info().currsize <= memo.MEMO_MAX_KEPT  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", ["as_typed", "is_question", "is_bare_reply", "find_name", "about_someone_else",
                                  "tells_bereavement", "asks_cost_only"])
def test_the_memoised_readings_read_every_message_as_their_own_code(name: str) -> None:
    """Guard: a memoised reading of the evaluation sets' messages is its own code's answer, read twice."""
    reading = getattr(nlu, name)
    for text in said_in_the_evaluation_sets():
        expected = reading.__wrapped__(text)
        assert reading(text) == expected, text
        assert reading(text) == expected, text


# -- the value types made without a frozen dataclass's per-field object.__setattr__ -----------------------------


def _reference(cls: type) -> type:
    """The same fields in a frozen slotted dataclass with the `__init__` dataclasses generates (the old code)."""
    made = dataclasses.make_dataclass(
        f"Old{cls.__name__}",
        [(f.name, f.type, dataclasses.field(default=f.default, default_factory=f.default_factory))
         if f.default_factory is not dataclasses.MISSING or f.default is not dataclasses.MISSING else (f.name, f.type)
         for f in dataclasses.fields(cls)],
        frozen=True, slots=True, namespace={"__post_init__": cls.__post_init__} if hasattr(cls, "__post_init__")
        else {})
    return made


def _values(obj: Any) -> tuple[Any, ...]:
    return tuple(getattr(obj, f.name) for f in dataclasses.fields(obj))


SAMPLES: dict[type, list[tuple[tuple[Any, ...], dict[str, Any]]]] = {
    types.Inbound: [
        (("wechat", "oABC", "text", "m1", NOW), {}),
        ((), {"channel": "sms", "address": "+8613812345678", "kind": "text", "dedup_key": "k", "received_at": NOW,
              "text": "你好", "transport": "kannel"}),
        (("wechat", "oABC", "event", "m2", NOW, "", "subscribe", "K", (1.0, 2.0, "x"), "internal", {"a": 1}, 7, NOW,
          False, None), {}),
        ((), {"channel": "wechat", "address": "s1", "kind": "text", "dedup_key": "k", "received_at": NOW,
              "transport": "simulator", "simulated": True, "payload": {"b": [1]}}),
    ],
    types.Outbound: [((), {}), (("k",), {}), ((), {"key": "k", "params": {"n": 1}, "options": ("a", "b")}),
                     ((None, {}, (), "verbatim"), {})],
    types.DialogEvent: [(("x",), {}), ((), {"kind": "y", "data": {"z": 1}})],
    types.StepContext: [((NOW, date(2026, 11, 26), "wechat", "zh_CN"), {}),
                        ((), {"now": NOW, "today": date(2026, 1, 1), "channel": "sms", "locale": "en"})],
    forms.Invalid: [(("survey.name.reprompt",), {}), ((), {"reprompt": "r", "params": {"nick": "老李"}})],
}


@pytest.mark.parametrize("cls", list(SAMPLES), ids=lambda cls: cls.__name__)
def test_the_value_types_are_made_as_the_dataclass_made_them(cls: type) -> None:
    """Guard: the quick `__init__` takes the same parameters with the same defaults, gives every field the value the
    dataclass's own gave it (a fresh dict from each default factory), runs `__post_init__`, and stays frozen."""
    old = _reference(cls)
    new_sig, old_sig = inspect.signature(cls), inspect.signature(old)
    assert list(new_sig.parameters) == list(old_sig.parameters)
    for name, param in new_sig.parameters.items():
        was = old_sig.parameters[name]
        assert param.kind == was.kind, name
        assert (param.default is inspect.Parameter.empty) == (was.default is inspect.Parameter.empty), name
    for args, kwargs in SAMPLES[cls]:
        made, before = cls(*args, **kwargs), old(*args, **kwargs)
        assert _values(made) == _values(before), (args, kwargs)
        assert repr(made).removeprefix(cls.__name__) == repr(before).removeprefix(old.__name__)
        assert made == cls(*args, **kwargs)
        with pytest.raises(dataclasses.FrozenInstanceError):
            made.__setattr__(dataclasses.fields(cls)[0].name, None)
        assert dataclasses.replace(made) == made
    for f in dataclasses.fields(cls):
        if f.default_factory is not dataclasses.MISSING:
            one, two = cls(*SAMPLES[cls][0][0], **SAMPLES[cls][0][1]), cls(*SAMPLES[cls][0][0], **SAMPLES[cls][0][1])
            assert getattr(one, f.name) == f.default_factory() and getattr(one, f.name) is not getattr(two, f.name)


def test_an_inbound_from_the_simulator_is_still_refused_unmarked() -> None:
    """Guard: `Inbound.__post_init__` still runs."""
    with pytest.raises(ValueError, match="marked simulated"):
        types.Inbound(channel="wechat", address="s", kind="text", dedup_key="k", received_at=NOW,
                      transport="simulator")
    assert hash(types.StepContext(NOW, NOW.date(), "wechat", "zh_CN")) == hash(
        types.StepContext(NOW, NOW.date(), "wechat", "zh_CN"))


# -- the name said again at the ID question ----------------------------------------------------------------------


def test_a_name_said_again_is_looked_for_only_where_the_name_reader_could_find_it() -> None:
    """Guard: `_said_again` asks the name reader only when every character of the name on record is in the message;
    for every message of the evaluation sets, whatever name the reader reads from it passes that test, so skipping
    the reader elsewhere changes no answer (it could not have read the name on record)."""
    from dialogs.flows.survey import late, replies
    from dialogs.flows.survey.fields import SURVEY_FORM
    from dialogs.types import StepContext

    ctx = StepContext(now=NOW, today=date(2026, 11, 26), channel="wechat", locale="zh_CN")
    field = SURVEY_FORM.field("name")
    fs = {"answers": {}, "phase": "ask", "field": "name", "editing": False, "misses": 0}
    read = 0
    for text in (*said_in_the_evaluation_sets(), "姓吴 叫桂香", "俺姓吴 吴桂香", "張三", "李•明", "阿育伍呷",
                 "my name is Li Wei", "Li Wei, I lost my job"):
        value = replies.read_answer(field, text, fs, ctx)
        if isinstance(value, str):
            read += 1
            assert late._may_hold_name(text, value), (text, value)
    assert read > 100
    assert late._may_hold_name("姓吴 叫桂香", "吴桂香") and late._may_hold_name("李•明", "李·明")
    assert not late._may_hold_name("1", "张三") and not late._may_hold_name("好的", "吴桂香")


def test_the_trades_said_are_read_as_before_and_each_caller_gets_its_own_list() -> None:
    """Guard: `skills_in` and `only_skills`, now memoised for short messages, answer every message of the evaluation
    sets as their own code does (read twice), and a list a caller changes is not what the next caller gets."""
    from dialogs.flows.survey.late import only_skills, skills_in

    for reading in (skills_in, only_skills):
        for text in said_in_the_evaluation_sets():
            expected = reading.__wrapped__(text)  # type: ignore[attr-defined]
            assert reading(text) == expected, text
            assert reading(text) == expected, text
    got = only_skills("会开叉车")
    got.append("changed")
    assert only_skills("会开叉车") == ["开叉车"]


def test_understandings_hash_by_their_text_and_stay_apart_when_they_differ() -> None:
    """Guard: equal understandings hash alike (a memo finds a copy), and two of one text that differ (another day
    read in 上个月) are still two keys: the hash picks the bucket, equality the entry."""
    from dataclasses import replace

    kept: dict[nlu.Understanding, str] = {}
    for text in said_in_the_evaluation_sets()[:400]:
        understanding = nlu.understand(text, date(2026, 11, 26))
        twin = replace(understanding)
        assert twin == understanding and hash(twin) == hash(understanding)
        kept[understanding] = text
        assert kept[twin] == text
    said = "上个月厂子倒闭了"
    one, other = nlu.understand(said, date(2026, 11, 26)), nlu.understand(said, date(2027, 3, 1))
    assert one != other and hash(one) == hash(other)
    assert len({one: 1, other: 2}) == 2


def test_insurance_told_in_passing_is_read_by_the_registrations_reader() -> None:
    """Guard: `_note_insurance` reads with the registration's own `insurance_facts` (imported once, not at every
    message), so it notes what that reader finds and nothing when it finds nothing."""
    from dialogs.flows.registration.flow import insurance_facts
    from dialogs.flows.survey import flow
    from dialogs.types import StepContext

    ctx = StepContext(now=NOW, today=date(2026, 11, 26), channel="wechat", locale="zh_CN")
    assert flow._insurance_facts() is insurance_facts
    for text in ("交了三年社保", "社保没交", "你好", "1"):
        fs: dict[str, Any] = {"answers": {}}
        flow._note_insurance(fs, text, ctx)
        assert fs.get("insurance_told") == (insurance_facts(text, ctx) or None), text
