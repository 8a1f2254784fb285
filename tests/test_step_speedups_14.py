"""Guards of this stop's cuts of the dialog step (issue 11): each keeps the answer of the code it replaced. A test
reads the old code's answer (written out here) beside the new one, over every message of the evaluation sets."""

from __future__ import annotations

import copy
import functools
import json
import re
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from dialogs import forms, nlu
from dialogs.flows import english
from dialogs.flows.registration import flow as registration
from dialogs.flows.registration.fields import REGISTRATION_FORM
from dialogs.flows.survey.fields import SURVEY_FORM
from dialogs.flows.survey.vocabulary import value_of
from dialogs.i18n import catalog
from dialogs.policy import benefit_length
from dialogs.types import StepContext, StepResult
from storage import repositories
from storage.crypto import FieldCipher

NOW = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)
CTX = StepContext(now=NOW, today=date(2026, 11, 26), channel="wechat", locale="zh_CN")
DATA = Path(__file__).parent / "data"
MORE = ("交了三年社保", "社保没交", "买了保险", "交了三年 厂子倒闭了", "要是交了社保 能领多久", "厂里给交社保的",
        "交了3年了 失业金能拿几个月", "我交了五年社保 能领多久", "失业金能领多久", "社保交了十几年", "交了", "买了",
        "保安", "社区", "交了 社 保", "交了五年", "", "1", "你好", "我在广东打工")


@functools.cache
def said_in_the_evaluation_sets() -> tuple[str, ...]:
    """Every text a person says in the three evaluation sets, and a few more about insurance and its years."""
    texts: dict[str, None] = dict.fromkeys(MORE)
    for name in ("dialog_eval.jsonl", "dialog_dev.jsonl", "dialog_playtest.jsonl"):
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts |= {turn["say"]: None for turn in json.loads(line).get("turns", [])
                          if isinstance(turn.get("say"), str)}
    return tuple(texts)


def _old_insurance_parts(text: str) -> str:
    """What `insurance_facts` read before its first test (its `said`): the parts that speak of insurance."""
    parts = [p for p in re.split(r"[\s,，。;；!！]+", nlu.as_typed(text))
             if any(w in p for w in registration._INSURANCE_WORDS)]
    return " ".join(p for p in parts if "保" in p or "社" in p) if parts else ""


def test_insurance_told_in_passing_is_read_as_before_from_every_message() -> None:
    """Guard: a message with neither 保 nor 社 returns at once: the parts read before held nothing then either."""
    said = said_in_the_evaluation_sets()
    assert len(said) > 1000
    skipped = 0
    for text in said:
        typed = nlu.as_typed(text)
        if "保" not in typed and "社" not in typed:
            skipped += 1
            assert _old_insurance_parts(text) == "", text
            assert registration.insurance_facts(text, CTX) == {}, text
    assert 0 < skipped < len(said)
    assert registration.insurance_facts("交了三年社保 厂子倒闭了", CTX) == {"insured": "yes", "insured_years": 3}
    assert registration.insurance_facts("社保没交", CTX) == {"insured": "no"}


def test_how_long_the_benefit_lasts_is_asked_as_before() -> None:
    """Guard: `is_question` asks its two cheap tests first; the answer is the old order's for every message."""
    topic = {"policy_topic": {"entry": benefit_length.BENEFIT_ENTRY, "messages": 2}}
    told = {"registration": {"answers": {"insured": "yes", "insured_years": 6}}}
    for state in ({}, topic, told, {**topic, **told}):
        for text in said_in_the_evaluation_sets():
            before = benefit_length.asked(state, text) is not None and (
                benefit_length.asks_how_long(text) or benefit_length.topic(state) == benefit_length.BENEFIT_ENTRY)
            assert benefit_length.is_question(state, text) == before, (state, text)
    assert benefit_length.is_question({}, "交了3年了 失业金能拿几个月")
    assert benefit_length.is_question(topic, "社保交了十几年")


def _answers_of_every_kind() -> list[dict[str, Any]]:
    values: dict[str, tuple[Any, ...]] = {
        "employment_status": (None, "employed", "unemployed", "unable", "looking"),
        "employment_form": (None, "employee", "self_employed", "flexible"),
        "willing_to_work": (None, "yes", "no"),
        "work_place": (None, value_of("work_itself", "place"), "东莞"),
        "insured": (None, True, False, "yes", "no"),
        "name": (None, "张三"),
    }
    combos: list[dict[str, Any]] = [{}]
    for key, options in values.items():
        combos = [{**c, key: v} if v is not None else c for c in combos for v in options]
    return combos


def _old_prune(form: forms.Form, answers: dict[str, Any]) -> dict[str, Any]:
    dropped: dict[str, Any] = {}
    while True:
        applicable = {f.key for f in form.applicable(answers)}
        gone = [f.key for f in form.fields if f.key in answers and f.key not in applicable]
        if not gone:
            return dropped
        for key in gone:
            dropped[key] = answers.pop(key)


def test_a_forms_applicable_keys_next_field_and_pruning_are_as_before_whatever_the_answers() -> None:
    """Guard: the keys kept with `Form.applicable`'s table are its fields' keys, in order; the next field and the
    answers dropped when a branch changes are the ones the fields' list gave."""
    for form in (SURVEY_FORM, REGISTRATION_FORM):
        for answers in _answers_of_every_kind():
            fields = [f for f in form.fields if f.applies(answers)]
            assert form.applicable_keys(answers) == tuple(f.key for f in fields), (form.name, answers)
            assert forms.next_field(form, answers) == next((f for f in fields if f.key not in answers), None)
            mine, old = copy.deepcopy(answers), copy.deepcopy(answers)
            assert forms._prune(form, mine) == _old_prune(form, old) and mine == old, (form.name, answers)
            assert list(forms._prune(form, mine)) == list(_old_prune(form, old))


def test_a_state_is_sealed_as_before_whichever_key_is_sensitive_and_wherever() -> None:
    """Guard: `seal_state`'s test names the four keys one by one; each still seals, at any depth, and a state
    that only names one (the question open is the ID number's) is not copied."""
    cipher = FieldCipher(bytes(range(32)))
    assert {key.decode()[4:] for key in (
        repositories._PHONE_BYTES, repositories._ID_NUMBER_BYTES, repositories._EMPLOYER_CONTACT_BYTES,
        repositories._PENDING_ID_BYTES)} == repositories.SENSITIVE_STATE_KEYS
    for key in sorted(repositories.SENSITIVE_STATE_KEYS):
        for state in ({key: "secret"}, {"survey": {"answers": {key: "secret"}}}, {"a": [{"b": {key: "secret"}}]}):
            sealed = repositories.seal_state(state, cipher)
            assert sealed is not state and "secret" not in json.dumps(sealed), state
            assert repositories.open_state(json.loads(json.dumps(sealed)), cipher) == state
    asking = {"awaiting": "id_number", "survey": {"field": "id_number", "answers": {"name": "张三", "phone": None}}}
    assert repositories.seal_state(asking, cipher) is asking


def _old_day_of_job_lost(r: StepResult, fs: dict[str, Any], text: str, ctx: StepContext) -> bool:
    """`survey.flow._day_of_job_lost` as it was: the news held read again before the message's day."""
    from dialogs.flows.registration import job_loss_facts
    from dialogs.flows.registration.dates import MonthOnly, find_day
    from dialogs.flows.survey import flow

    lost = fs.get("job_lost")
    if lost is None or lost.get("day") or lost.get("month"):
        return False
    said_on = replace(ctx, today=date.fromisoformat(lost["on"])) if lost.get("on") else ctx
    known = job_loss_facts(str(lost.get("said") or ""), said_on)
    if "last_work_day" in known:
        return False
    found = find_day(english.day_in_chinese(text) or text, ctx.today)
    if isinstance(found, date) and found <= ctx.today:
        lost["day"] = found.isoformat()
    elif isinstance(found, MonthOnly) and found.month <= f"{ctx.today:%Y-%m}" and "last_work_month" not in known:
        lost["month"] = found.month
    else:
        return False
    if lost.get("day"):
        day = date.fromisoformat(lost["day"])
        value = f"{day.month}月{day.day}日" if ctx.locale == "zh_CN" else f"{day.day} {day:%B}"
    else:
        value = forms.show_month(lost["month"], ctx.locale)
    label = catalog(ctx.locale).get(REGISTRATION_FORM.field("last_work_day").label)
    r.say("survey.prefilled", items=f"{label}: {value}")
    if english.day_in_chinese(text) is not None:
        return len(text.split()) <= flow._DAY_ALONE_WORDS
    return len(forms.squash(text)) <= flow._DAY_ALONE


def test_the_day_of_a_job_lost_is_read_as_before_from_every_message() -> None:
    """Guard: the message's day is looked for before the news held is read again (most messages have none); what
    is kept, said and returned is what the old order gave, whatever the news held."""
    from dialogs.flows.survey import flow

    helds = ({"said": "上个月厂子倒闭了", "on": "2026-11-20"}, {"said": "厂子倒闭了", "on": None},
             {"said": "上个月底厂子倒闭了", "on": "2026-11-20"}, {"said": "老板跑路了", "on": "2026-11-25"},
             {"said": "厂子倒闭了", "on": "2026-11-20", "month": "2026-10"})
    texts = (*said_in_the_evaluation_sets(), "上个月底", "12月3号", "就上个月底的事", "是10月份倒的",
             "end of last month")
    found = 0
    for held in helds:
        for text in texts:
            fs_old: dict[str, Any] = {"answers": {}, "job_lost": dict(held)}
            fs_new: dict[str, Any] = {"answers": {}, "job_lost": dict(held)}
            r_old, r_new = StepResult({}), StepResult({})
            before = _old_day_of_job_lost(r_old, fs_old, text, CTX)
            assert flow._day_of_job_lost(r_new, fs_new, text, CTX) == before, (held, text)
            assert fs_new == fs_old and r_new.outbound == r_old.outbound, (held, text)
            found += fs_new["job_lost"] != held
    assert found > 10


def test_the_day_found_in_a_message_is_read_as_before_and_no_long_message_is_kept() -> None:
    """Guard: `find_day` memoised under the memos' rule reads every message as unmemoised, on any day, and keeps
    no message longer than the rule lets it (an ID or phone number)."""
    from dialogs.flows.registration.dates import find_day

    texts = (*said_in_the_evaluation_sets(), "上个月底", "12月3号", "前天", "上周五", "过完年", "大年初三", "15号")
    for today in (date(2026, 11, 26), date(2027, 2, 3)):
        for text in texts:
            assert find_day(text, today) == find_day.__wrapped__(text, today), (today, text)
            assert find_day(text, today) == find_day.__wrapped__(text, today), (today, text)
    for text in ("520526199001011232 上个月底", "我的电话13812345678 12月3号走的"):
        before = find_day.cache_info().currsize
        find_day(text, date(2026, 11, 26))
        assert find_day.cache_info().currsize == before, text


def test_an_id_card_not_with_me_is_read_as_before() -> None:
    """Guard: the words of `id_not_at_hand` made a set once read every message as the lists split each time did."""
    from dialogs.flows.survey import vocabulary

    section = vocabulary._data()["id_not_at_hand"]

    def before(text: str) -> str | None:
        said = forms.squash(text).rstrip("了呢啊呀哦嘛")
        if said in section["alone"].split():
            return "not_at_hand"
        if said in section["none"].split() or forms.squash(text) in section["none"].split():
            return "none"
        return None

    texts = (*said_in_the_evaluation_sets(), *section["alone"].split(), *section["none"].split(), "没带了", "没有呢")
    assert {vocabulary.id_card_not_with_me(text) for text in texts} == {None, "not_at_hand", "none"}
    for text in texts:
        assert vocabulary.id_card_not_with_me(text) == before(text), text


def test_a_forms_field_by_key_is_the_one_the_scan_found() -> None:
    """Guard: `Form.field` from a table by key gives the field the scan of the fields gave, KeyError for none."""
    for form in (SURVEY_FORM, REGISTRATION_FORM):
        for f in form.fields:
            assert form.field(f.key) is next(x for x in form.fields if x.key == f.key)
        with pytest.raises(KeyError):
            form.field("no_such_field")
    twice = forms.Form("twice", (*SURVEY_FORM.fields[:2], replace(SURVEY_FORM.fields[0], prompt="x")), "s", "r")
    assert twice.field(SURVEY_FORM.fields[0].key) is SURVEY_FORM.fields[0]  # (the first, as the scan)


def test_the_survey_records_changes_as_before() -> None:
    """Guard: `_record` takes one change by its key (no pass over the form's keys); the events, in order, and the
    no-longer-"none" answers are the old loop's for none, one, one not of the form, and several changes."""
    from dialogs.flows.survey import flow

    cases: tuple[dict[str, tuple[Any, Any]], ...] = (
        {}, {"skills": (None, "电焊")}, {"not_a_field": (1, 2)}, {"monthly_income": (4500, None)},
        {"skills": (None, "电焊"), "employment_status": (None, "unemployed"), "not_a_field": (1, 2)},
        {"desired_jobs": ("保安", None), "name": (None, "张三")})
    for changes in cases:
        r = StepResult({"survey": {"answers": {}, "said_none": ["skills", "desired_jobs"]}})
        flow.SURVEY._record(r, changes, CTX)
        old = StepResult({"survey": {"answers": {}, "said_none": ["skills", "desired_jobs"]}})
        for key in flow.FIELD_KEYS:  # the loop as it was
            if key in changes:
                before, after = changes[key]
                old.emit("field_changed", field=key, old=before, new=after, channel=CTX.channel, actor="laborer")
                if after is not None and key in old.state["survey"]["said_none"]:
                    old.state["survey"]["said_none"].remove(key)
        flow.remember_pay(old.state["survey"], changes)
        assert r.events == old.events and r.state == old.state, changes
