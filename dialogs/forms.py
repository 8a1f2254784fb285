"""Declarative forms: fields with prompt, parser, validator and re-prompt; skip logic; summary; edit by number.

A form's progress is plain JSON inside the conversation state:
    {"answers": {...}, "phase": "ask" | "summary", "field": KEY | None, "editing": bool, "misses": int}
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from dialogs.i18n import catalog
from dialogs.types import JsonDict, Outbound, StepContext

SKIP_WORDS = frozenset({"不知道", "没有", "无", "不清楚", "跳过", "不晓得", "莫得", "skip", "none", "n/a", "dont know"})
CONFIRM_WORDS = frozenset({"0", "确认", "对", "对的", "是", "是的", "好", "好的", "嗯", "没问题", "ok", "yes", "y"})


@dataclass(frozen=True, slots=True)
class Choice:
    value: str
    label: str  # catalog key
    synonyms: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Invalid:
    """A parser or validator's verdict: the catalog key of the re-prompt that says what was wrong."""

    reprompt: str
    params: Mapping[str, Any] = field(default_factory=dict)


Parser = Callable[[str, StepContext], Any]  # returns the value, or an Invalid, or None (not understood)
Validator = Callable[[Any, StepContext], Invalid | None]


def _no_validation(_value: Any, _ctx: StepContext) -> Invalid | None:
    return None


def _always(_answers: Mapping[str, Any]) -> bool:
    return True


@dataclass(frozen=True, slots=True)
class FormField:
    key: str
    prompt: str
    reprompt: str
    label: str
    parse: Parser | None = None
    validate: Validator = _no_validation
    choices: tuple[Choice, ...] = ()
    multi: bool = False
    optional: bool = False
    when: Callable[[Mapping[str, Any]], bool] = _always

    def applies(self, answers: Mapping[str, Any]) -> bool:
        return self.when(answers)


@dataclass(frozen=True, slots=True)
class Form:
    name: str
    fields: tuple[FormField, ...]
    summary: str  # catalog key; gets {lines}
    summary_reprompt: str

    def field(self, key: str) -> FormField:
        for f in self.fields:
            if f.key == key:
                return f
        raise KeyError(key)

    def applicable(self, answers: Mapping[str, Any]) -> list[FormField]:
        return [f for f in self.fields if f.applies(answers)]

    def catalog_keys(self) -> set[str]:
        keys = {self.summary, self.summary_reprompt}
        for f in self.fields:
            keys |= {f.prompt, f.reprompt, f.label} | {c.label for c in f.choices}
        return keys


@dataclass(slots=True)
class FormStep:
    state: JsonDict
    outbound: list[Outbound]
    done: bool = False
    changed: dict[str, tuple[Any, Any]] = field(default_factory=dict)


def new_form_state(answers: Mapping[str, Any] | None = None) -> JsonDict:
    return {"answers": dict(answers or {}), "phase": "ask", "field": None, "editing": False, "misses": 0}


def _squash(text: str) -> str:
    return re.sub(r"[\s。.!！,，、~～]+", "", unicodedata.normalize("NFKC", text)).lower()


def parse_choice(f: FormField, text: str) -> Any:
    """A number from the list, or a label / synonym; several for multi-choice fields (\"1 3\", \"1,3\")."""
    cleaned = unicodedata.normalize("NFKC", text).strip()
    numbers = re.findall(r"\d+", cleaned)
    picked: list[str] = []
    if numbers and re.fullmatch(r"[\d\s,，、.和及与/]+", cleaned):
        digits = numbers if f.multi else numbers[:1]
        if f.multi and len(numbers) == 1 and len(numbers[0]) > 1 and len(numbers[0]) <= len(f.choices):
            digits = list(numbers[0])  # "135" on a feature phone means 1, 3 and 5
        for d in digits:
            i = int(d)
            if not 1 <= i <= len(f.choices):
                return None
            picked.append(f.choices[i - 1].value)
    else:
        squashed = _squash(cleaned)
        for choice in f.choices:
            words = (*choice.synonyms, choice.value)
            if any(w and w.lower() in squashed for w in words):
                picked.append(choice.value)
        if not f.multi and len(picked) > 1:
            return None
    if not picked:
        return None
    return sorted(set(picked), key=[c.value for c in f.choices].index) if f.multi else picked[0]


def parse_answer(f: FormField, text: str, ctx: StepContext) -> Any:
    if f.optional and _squash(text) in SKIP_WORDS:
        return None
    value = parse_choice(f, text) if f.choices else f.parse(text, ctx) if f.parse else text.strip() or None
    if value is None:
        return Invalid(f.reprompt)
    if isinstance(value, Invalid):
        return value
    problem = f.validate(value, ctx)
    return problem if problem is not None else value


def _ask(form: Form, state: JsonDict, f: FormField) -> Outbound:
    state["field"] = f.key
    state["phase"] = "ask"
    return Outbound(key=f.prompt, options=tuple(c.label for c in f.choices))


def next_field(form: Form, answers: Mapping[str, Any]) -> FormField | None:
    for f in form.applicable(answers):
        if f.key not in answers:
            return f
    return None


def display_value(f: FormField, value: Any, locale: str) -> str:
    cat = catalog(locale)
    if value is None:
        return cat.get("form.value_unknown")
    if f.choices:
        labels = {c.value: cat.get(c.label) for c in f.choices}
        values: Sequence[Any] = value if isinstance(value, list) else [value]
        return "、".join(labels.get(v, str(v)) for v in values)
    if isinstance(value, dict) and "name" in value:
        return str(value["name"])
    return str(value)


def summary(form: Form, state: JsonDict, ctx: StepContext) -> Outbound:
    state["phase"] = "summary"
    state["field"] = None
    cat = catalog(ctx.locale)
    answers = state["answers"]
    lines = [
        f"{i}. {cat.get(f.label)}: {display_value(f, answers.get(f.key), ctx.locale)}"
        for i, f in enumerate(form.applicable(answers), 1)
    ]
    return Outbound(key=form.summary, params={"lines": "\n".join(lines)})


def advance(form: Form, state: JsonDict, ctx: StepContext) -> list[Outbound]:
    """Ask the next unanswered applicable field, or show the summary."""
    nxt = next_field(form, state["answers"])
    if nxt is None:
        state["editing"] = False
        return [summary(form, state, ctx)]
    return [_ask(form, state, nxt)]


def _prune(form: Form, answers: JsonDict) -> None:
    """Drop answers to fields that no longer apply (the branch changed)."""
    applicable = {f.key for f in form.applicable(answers)}
    for f in form.fields:
        if f.key in answers and f.key not in applicable:
            del answers[f.key]


def set_answer(form: Form, state: JsonDict, key: str, value: Any) -> tuple[Any, Any] | None:
    answers: JsonDict = state["answers"]
    old = answers.get(key)
    answers[key] = value
    _prune(form, answers)
    return None if old == value and key in answers else (old, value)


def handle(form: Form, state: JsonDict, text: str, ctx: StepContext) -> FormStep:
    """One reply to the form: an answer to the current field, or at the summary a confirmation or a number."""
    if state["phase"] == "summary":
        squashed = _squash(text)
        if squashed in CONFIRM_WORDS:
            state["phase"] = "done"
            state["field"] = None
            return FormStep(state, [], done=True)
        fields = form.applicable(state["answers"])
        if squashed.isdigit() and 1 <= int(squashed) <= len(fields):
            state["editing"] = True
            return FormStep(state, [_ask(form, state, fields[int(squashed) - 1])])
        return FormStep(state, [Outbound(key=form.summary_reprompt, params={"count": len(fields)})])

    f = form.field(state["field"])
    value = parse_answer(f, text, ctx)
    if isinstance(value, Invalid):
        state["misses"] = int(state.get("misses", 0)) + 1
        ask_again = Outbound(key=value.reprompt, params=value.params, options=tuple(c.label for c in f.choices))
        return FormStep(state, [ask_again])
    state["misses"] = 0
    changed = {}
    change = set_answer(form, state, f.key, value)
    if change is not None:
        changed[f.key] = change
    if state.get("editing") and next_field(form, state["answers"]) is None:
        state["editing"] = False
        return FormStep(state, [summary(form, state, ctx)], changed=changed)
    return FormStep(state, advance(form, state, ctx), changed=changed)


def check_form(form: Form, keys: set[str]) -> list[str]:
    """Wiring problems: duplicate fields, catalog keys that do not exist. Run at start-up and in tests."""
    problems = []
    seen: set[str] = set()
    for f in form.fields:
        if f.key in seen:
            problems.append(f"{form.name}: duplicate field {f.key}")
        seen.add(f.key)
        if not f.choices and f.parse is None:
            problems.append(f"{form.name}.{f.key}: needs a parser or choices")
    problems += [f"{form.name}: missing catalog key {k}" for k in sorted(form.catalog_keys() - keys)]
    return problems
