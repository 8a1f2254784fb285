"""Guards of the dialog step's speed-ups (issue 11): each keeps the answer it replaced. The step copies the state
with marshal (the input untouched, the result the step's own), the memos' rule is the one it was, the memoised
readings read as unmemoised ones, and a form's applicable fields are the ones that apply."""

from __future__ import annotations

import copy
import json
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from dialogs import engine
from dialogs.commands import command_of
from dialogs.flows.survey.fields import SURVEY_FORM
from dialogs.nlu import memo
from dialogs.nlu.spoken import as_typed
from dialogs.types import Inbound, StepContext

NOW = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)
CTX = StepContext(now=NOW, today=date(2026, 11, 26), channel="wechat", locale="zh_CN")


def _text(text: str, n: int) -> Inbound:
    return Inbound(channel="wechat", address="u1", kind="text", dedup_key=f"k{n}", received_at=NOW, text=text)


def test_the_step_leaves_its_input_alone_and_its_result_shares_nothing_with_it() -> None:
    state: dict[str, Any] | None = None
    for n, said in enumerate(("你好", "1", "张三", "我在广东打工", "想学电焊", "菜单", "2")):
        before = copy.deepcopy(state)
        result = engine.step(state, _text(said, n), CTX)
        assert state == before, said
        if state is not None:
            # Every dict and list of the result is new: changing it cannot reach the state given.
            kept = json.dumps(state, sort_keys=True)
            _scribble(result.state)
            assert json.dumps(state, sort_keys=True) == kept, said
            result = engine.step(state, _text(said, n), CTX)
        state = json.loads(json.dumps(result.state))


def _scribble(node: Any) -> None:
    if isinstance(node, dict):
        for value in list(node.values()):
            _scribble(value)
        node["scribbled"] = True
    elif isinstance(node, list):
        for value in node:
            _scribble(value)
        node.append("scribbled")


class Flavour(StrEnum):
    SWEET = "sweet"


def test_the_state_copy_is_the_walk_for_what_marshal_does_not_take() -> None:
    shared = [1, {"a": [2]}]
    state = {"v": 1, "items": shared, "again": shared, "flavour": Flavour.SWEET, "n": None, "yes": True, "f": 1.5}
    copied = engine._copy_json(state)
    assert copied == state and copied == engine._copy_walk(state)
    assert copied["flavour"] is Flavour.SWEET  # not marshal's: shared as the walk shares it
    assert copied["items"] is not shared and copied["items"][1] is not shared[1]
    plain = {"items": shared, "again": shared, "yes": True, "big": 10**30, 3: "three"}
    copied = engine._copy_json(plain)
    assert copied == plain and list(copied) == list(plain)
    assert copied["yes"] is True
    # Two mentions of one list are two lists, as the walk makes them (marshal's format 2 keeps no references).
    assert copied["items"] is not copied["again"]


def _old_rule(text: str) -> bool:
    return len(text) <= 16 and sum(c.isnumeric() for c in text) <= 6


def test_the_memos_rule_is_the_old_one_whatever_came_before() -> None:
    texts = ("", "1", "好的", "123456", "1234567", "一二三四五六七", "５２０５２６１", "我的电话13812345678",
             "有没有附近的工作", "在县城扶贫车间上班啊啊啊啊啊啊啊", "在县城扶贫车间上班啊啊啊啊啊啊啊啊", "①②③④⑤⑥⑦",
             "我不识字，能不能打电话", "我今年45岁家里3口人")
    for first in texts:
        for text in texts:
            memo.may_keep(first)
            assert memo.may_keep(text) == _old_rule(text), (first, text)


def test_the_memoised_command_and_typed_readings_read_as_before_and_keep_no_number() -> None:
    texts = ("菜单", "人工", " 退订 ", "发短信太多了 TD", "嗯，那个，我叫，彭小军。", "介紹工作[捂脸]", "好的",
             "13812345678", "我的身份证520526199001011234", "我在东莞长安镇的电子厂上班，一个月四千五左右")
    for reading in (command_of, as_typed):
        for text in texts:
            assert reading(text) == reading.__wrapped__(text), text  # type: ignore[attr-defined]
            assert reading(text) == reading.__wrapped__(text), text  # type: ignore[attr-defined]
        for text in texts[-3:]:
            before = reading.cache_info().currsize  # type: ignore[attr-defined]
            reading(text)
            assert reading.cache_info().currsize == before, text  # type: ignore[attr-defined]


def test_a_forms_applicable_fields_are_those_that_apply() -> None:
    form = SURVEY_FORM
    answers_seen: list[dict[str, Any]] = [{}, {"employment_status": "employed"},
                                          {"employment_status": "unemployed", "willing_to_work": "yes"},
                                          {"employment_status": "employed", "employment_form": "self_employed"}]
    for answers in answers_seen:
        assert form.applicable(answers) == [f for f in form.fields if f.applies(answers)], answers
