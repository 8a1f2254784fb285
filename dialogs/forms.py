"""Declarative forms: fields with prompt, parser, validator and re-prompt; skip logic; summary; edit by number.

A form's progress is plain JSON inside the conversation state:
    {"answers": {...}, "phase": "ask" | "summary", "field": KEY | None, "editing": bool, "misses": int}
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from dialogs.i18n import catalog
from dialogs.nlu import picked_number
from dialogs.nlu.memo import Same, copied_memo, may_keep, short_memo
from dialogs.types import JsonDict, Outbound, StepContext, quick_init

# Compared after squash() (no spaces or punctuation, lower case).
SKIP_WORDS = frozenset({
    "不知道", "没有", "无", "不清楚", "跳过", "不晓得", "莫得", "没得", "不记得", "记不清",
    "skip", "none", "n/a", "dontknow", "don'tknow", "idontknow", "idon'tknow", "unknown",
})
# Refusing to tell ("不需要", "不想说"): an optional field passes over it; a required one asks again.
REFUSAL_WORDS = frozenset({
    "不需要", "不用", "不用了", "不要", "不想说", "不想填", "不方便", "不方便说", "不告诉你", "保密", "不说",
})
# "All of them" to a multi-choice question; the choice whose value is NONE_CHOICE ("都不需要") is not among them.
ALL_WORDS = frozenset({"都要", "都需要", "全要", "全都要", "全部", "全部都要", "都想要", "都要的", "都可以", "都行"})
NONE_CHOICE = "none"
# Option numbers, then words (1 5 离家近点的, 1离家近点): the choices and what the words add. A unit after a number
# (3年, 2个月, 五千块) makes it an amount, not a choice.
_CHOICES_THEN_WORDS = re.compile(r"^([\d\s]+?)\s*(?![年月岁天块元千万号个多半])([^\d\s].*)$")


def choices_then_words(text: str) -> tuple[str, str] | None:
    """(the option numbers, the words after them) of a reply that picks options and says more, or None."""
    found = _CHOICES_THEN_WORDS.match(text.strip())
    return (found.group(1).strip(), found.group(2)) if found else None
# At the summary, agreement, or "nothing wrong" ("没有" answers "anything to change?").
CONFIRM_WORDS = frozenset({
    "0", "零", "〇", "确认", "对", "对的", "是", "是的", "好", "好的", "嗯", "没问题", "ok", "yes", "y",
    "没有", "没有问题", "没问题了", "没错", "没有错", "都对", "都对的", "全对", "正确", "没毛病",
    "可以", "可以了", "行了", "现在就可以", "现在可以", "现在就行", "这样就行", "这样可以",
})


@dataclass(frozen=True, slots=True)
class Choice:
    value: str
    label: str  # catalog key
    synonyms: tuple[str, ...] = ()


@quick_init
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
    # How the value is shown back (a summary masks ID and phone numbers); None: the default rendering.
    display: Callable[[Any], str] | None = None
    # Where other answers say more of what this one meant (以后再说, with the month they can start): the
    # catalog key of that reading, given the other answers (or None for the plain one), and its parameters.
    shown_with: Callable[[Any, Mapping[str, Any], str], tuple[str, dict[str, str]] | None] | None = None
    # A number shown with its unit (缴费年限: 2年, not 2): the catalog key of the reading, given {value}.
    unit: str | None = None
    # The catalog key shown for an answer left empty, when not the common "不知道" (the ID number put off: 待补).
    unknown: str | None = None
    # A month (YYYY-MM), or a year alone when the month is not known (2024: 前年, then 不知道 at "几月?").
    month: bool = False
    # The question's catalog key given the other answers, when not `prompt` (None: `prompt`): the self-employed
    # are asked whether they pay their insurance themselves, not whether a 单位 pays it.
    asked_as: Callable[[Mapping[str, Any]], str | None] | None = None

    def applies(self, answers: Mapping[str, Any]) -> bool:
        return self.when(answers)


@dataclass(frozen=True, slots=True)
class Form:
    name: str
    fields: tuple[FormField, ...]
    summary: str  # catalog key; gets {lines}
    summary_reprompt: str
    # On SMS, the summary shown again after a change: the changed items alone (catalog key; gets {lines}, {count}).
    summary_changed: str | None = None

    def field(self, key: str) -> FormField:
        """The field with this key (the first, were two to share one), from a table made once per form."""
        by_key = _BY_KEY.get(id(self))
        if by_key is None or by_key[0] is not self:
            by_key = _BY_KEY[id(self)] = (self, {f.key: f for f in reversed(self.fields)})
        found = by_key[1].get(key)
        if found is None:
            raise KeyError(key)
        return found

    def applicable(self, answers: Mapping[str, Any]) -> list[FormField]:
        """The fields that apply (`FormField.applies`), each condition asked once (the survey's 25 fields have 5),
        in the order the fields first name them; the fields for each outcome of the conditions are worked out
        once per form (`_plan`)."""
        conditions, fields_for = _plan(self)
        return list(fields_for[tuple([when(answers) for when in conditions])])

    def applicable_keys(self, answers: Mapping[str, Any]) -> tuple[str, ...]:
        """The keys of `applicable(answers)`, in the same order: kept in the same table, so no field is visited
        (the survey asks for them several times a message)."""
        conditions, fields_for = _plan(self)
        return fields_for.keys_for(tuple([when(answers) for when in conditions]))[0]

    def catalog_keys(self) -> set[str]:
        keys = {self.summary, self.summary_reprompt} | ({self.summary_changed} if self.summary_changed else set())
        for f in self.fields:
            keys |= {f.prompt, f.reprompt, f.label} | {c.label for c in f.choices} | ({f.unit} if f.unit else set())
        return keys


# id(form) -> (the form, its fields by key): `Form.field` was a scan of the fields, ~2.5 times a message.
_BY_KEY: dict[int, tuple[Form, dict[str, FormField]]] = {}
# id(form) -> (the form, its distinct field conditions in order, the fields for each tuple of their outcomes).
_PLANS: dict[int, tuple[Form, tuple[Callable[[Mapping[str, Any]], bool], ...], _Outcomes]] = {}


def _plan(form: Form) -> tuple[tuple[Callable[[Mapping[str, Any]], bool], ...], _Outcomes]:
    """`Form.applicable`'s table: which fields apply for each outcome of the form's conditions, filled as
    outcomes are met (at most 2 ** conditions entries: 32 for the survey). Forms are made at import and kept."""
    planned = _PLANS.get(id(form))
    if planned is not None and planned[0] is form:
        return planned[1], planned[2]
    conditions = tuple(dict.fromkeys(f.when for f in form.fields if f.when is not _always))
    table = _Outcomes(form, conditions)
    _PLANS[id(form)] = (form, conditions, table)
    return conditions, table


class _Outcomes(dict[tuple[bool, ...], tuple[FormField, ...]]):
    """The fields that apply for one tuple of the conditions' outcomes, worked out on first use."""

    def __init__(self, form: Form, conditions: tuple[Callable[[Mapping[str, Any]], bool], ...]) -> None:
        super().__init__()
        self._form, self._index = form, {when: i for i, when in enumerate(conditions)}
        self._keys: dict[tuple[bool, ...], tuple[tuple[str, ...], frozenset[str], tuple[str, ...]]] = {}

    def keys_for(self, outcomes: tuple[bool, ...]) -> tuple[tuple[str, ...], frozenset[str], tuple[str, ...]]:
        """The keys of the fields for these outcomes, in order and as a set, and the keys of the others in order."""
        keys = self._keys.get(outcomes)
        if keys is None:
            ordered = tuple(f.key for f in self[outcomes])
            others = tuple(f.key for f in self._form.fields if f.key not in ordered)
            keys = self._keys[outcomes] = (ordered, frozenset(ordered), others)
        return keys

    def __missing__(self, outcomes: tuple[bool, ...]) -> tuple[FormField, ...]:
        index = self._index
        fields = self[outcomes] = tuple(
            f for f in self._form.fields if f.when is _always or outcomes[index[f.when]])
        return fields


@dataclass(slots=True)
class FormStep:
    state: JsonDict
    outbound: list[Outbound]
    done: bool = False
    changed: dict[str, tuple[Any, Any]] = field(default_factory=dict)


def new_form_state(answers: Mapping[str, Any] | None = None) -> JsonDict:
    return {"answers": dict(answers or {}), "phase": "ask", "field": None, "editing": False, "misses": 0}


_SQUASHED = re.compile(r"[\s。.!！,，、~～]+")


@short_memo
def squash(text: str) -> str:
    """The text without spaces and punctuation, NFKC, lower case: for matching short replies."""
    return _SQUASHED.sub("", unicodedata.normalize("NFKC", text)).lower()


# A one-character word (有, 是, 想) answers only at the start of the reply (有社保的, 想干 近点的), and not
# when it begins other words: 有时候拖几天, 有啥活干, 是不是 say no 有 or 是.
_NOT_ALONE = re.compile(r"[时点些啥没什人不]")
# A word right after a negation is negated (木有交, 冇签, 不愿意): it picks nothing.
_NEGATIONS = frozenset("不没木冇莫米么未")
# 木有交过: 交过 after 木有; 莫得按时 (Sichuan 没有按时): 按时 after 莫得.
_NEGATED = re.compile(r"[不没木冇莫米么未][有得]?$")


# An English option's text shorter than this (Yes, No) is inside too many other words to pick anything.
_EN_LABEL_CHARS = 5


def _label_words(choice: Choice) -> tuple[str, ...]:
    """The choice as shown (在工作 for 1. 在工作; Not working in English): typing the option's text picks it."""
    shown = re.split(r"[\s(（/]", catalog("zh_CN").get(choice.label), maxsplit=1)[0]
    english = squash(re.split(r"[(（/]", catalog("en").get(choice.label), maxsplit=1)[0])
    return (*((shown,) if len(shown) > 1 else ()), *((english,) if len(english) >= _EN_LABEL_CHARS else ()))


def _synonym_matches(f: FormField, squashed: str) -> list[str]:
    """Values whose label or synonym occurs in the text; a match inside a longer one of another value loses
    (没上班 means not working although it contains 上班)."""
    return [v for _, _, v in _synonym_spans(f, squashed)]


# Taking an option back: 个体的吧 也不是 就是打工 (after it), 不是个体 是打工 (before it).
_RETRACTED_AFTER = re.compile(r"[的吧啊吗呢嘛]*(?:也|又|倒|其实|应该)?(?:不是|不对|不算|算不上)")
_RETRACTED_BEFORE = re.compile(r"(?:不是|不算|也不是)$")


def _affirmed(spans: list[tuple[int, int, str]], squashed: str) -> list[str]:
    """Of several options named, those not taken back."""
    kept = []
    for i, (start, end, value) in enumerate(spans):
        after = squashed[end : spans[i + 1][0]] if i + 1 < len(spans) else squashed[end:]
        if _RETRACTED_AFTER.match(after) or _RETRACTED_BEFORE.search(squashed[:start]):
            continue
        kept.append(value)
    return kept


def _synonym_spans(f: FormField, squashed: str) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []
    for choice in f.choices:
        for word in (*choice.synonyms, choice.value, *_label_words(choice)):
            w = word.lower()
            if not w:
                continue
            if len(w) == 1:
                if squashed.startswith(w) and not _NOT_ALONE.match(squashed, 1):
                    spans.append((0, 1, choice.value))
                continue
            start = squashed.find(w)
            while start >= 0:
                if w[0] in _NEGATIONS or not _NEGATED.search(squashed, 0, start):
                    spans.append((start, start + len(w), choice.value))
                start = squashed.find(w, start + 1)
    kept = [
        (s, e, v) for s, e, v in spans
        if not any(v2 != v and s2 <= s and e <= e2 and (e2 - s2) > (e - s) for s2, e2, v2 in spans)
    ]
    return sorted(kept)


# A choice number typed as a character (一, 二) or ahead of words that explain it (3 看孙子).
_NUMERAL_CHOICE = {"一": "1", "二": "2", "两": "2", "三": "3", "四": "4", "五": "5", "六": "6"}
_LEADING_NUMBER = re.compile(r"^\s*(\d)(?:\s+|[.、,，]\s*)(?=\D)")
# 一 和 二, 一 三: choice numbers said as words (voice-to-text writes them so), one per character.
_NUMERALS_ONLY = re.compile(r"[一二两三四五六\s,，、和及与跟/]+")


def _choice_key(f: FormField, text: str) -> tuple[Same, str, Same, Same] | None:
    """`parse_choice`'s memo key: the field (by identity), the text, and the catalogs its labels are read from."""
    return (Same(f), text, Same(catalog("zh_CN")), Same(catalog("en"))) if may_keep(text) else None


@copied_memo(_choice_key)
def parse_choice(f: FormField, text: str) -> Any:
    """A number from the list, or a label / synonym; several for multi-choice fields (\"1 3\", \"1,3\")."""
    cleaned = unicodedata.normalize("NFKC", text).strip()
    cleaned = _NUMERAL_CHOICE.get(cleaned.rstrip("。.个项"), cleaned)
    if _NUMERALS_ONLY.fullmatch(cleaned) and re.search(r"[一二两三四五六]", cleaned):
        cleaned = "".join(_NUMERAL_CHOICE.get(char, char) for char in cleaned)
    leading = _LEADING_NUMBER.match(cleaned)
    if leading and not f.multi:
        cleaned = leading.group(1)
    if f.multi and re.sub(r"^(?:我|俺)|[吧啊呀呢嘛了]+$", "", squash(cleaned)) in ALL_WORDS:  # (都要吧, 我都要)
        return [c.value for c in f.choices if c.value != NONE_CHOICE]  # 都要: every option but "none of them"
    if (number := picked_number(cleaned)) is not None:
        cleaned = number  # 好嘛 1, 我选2, 2吧
    if f.multi and (both := choices_then_words(cleaned)) is not None:
        # 1 2 想学美发: the options picked, and any the words name too (the words alone took training only).
        # Words naming no option (1 离家近点) are left to the dialog, which keeps them for what they say.
        numbered, words = parse_choice(f, both[0]), parse_choice(f, both[1])
        if numbered is not None and words is not None:
            return sorted({*numbered, *words}, key=[c.value for c in f.choices].index)
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
        squashed = squash(cleaned)
        spans = _synonym_spans(f, squashed)
        picked = [v for _, _, v in spans]
        if not f.multi and len(set(picked)) > 1:
            picked = _affirmed(spans, squashed)  # 个体的吧 也不是 就是打工: the option settled on
            if len(set(picked)) > 1:
                return None
    if not picked:
        return None
    return sorted(set(picked), key=[c.value for c in f.choices].index) if f.multi else picked[0]


def is_skip(text: str) -> bool:
    """The person says they do not know or have none (accepted by optional fields)."""
    return squash(text) in SKIP_WORDS


def is_refusal(text: str) -> bool:
    """The person would rather not say: never an answer's value."""
    return squash(text) in REFUSAL_WORDS


def parse_answer(f: FormField, text: str, ctx: StepContext) -> Any:
    """The field's value, or an Invalid naming the re-prompt. Choices first, then the field's own parser."""
    if f.optional and (is_skip(text) or (not f.choices and is_refusal(text))):
        return None
    value = parse_choice(f, text) if f.choices else None
    if value is None:
        value = f.parse(text, ctx) if f.parse else None if f.choices else text.strip() or None
    if value is None:
        return Invalid(f.reprompt)
    if isinstance(value, Invalid):
        return value
    problem = f.validate(value, ctx)
    return problem if problem is not None else value


def ask(form: Form, state: JsonDict, f: FormField) -> Outbound:
    """Ask one field (and remember that it is the one awaited)."""
    return _ask(form, state, f)


def _ask(form: Form, state: JsonDict, f: FormField) -> Outbound:
    state["field"] = f.key
    state["phase"] = "ask"
    prompt = (f.asked_as(state.get("answers") or {}) if f.asked_as is not None else None) or f.prompt
    return Outbound(key=prompt, options=tuple(c.label for c in f.choices))


def next_field(form: Form, answers: Mapping[str, Any]) -> FormField | None:
    conditions, fields_for = _plan(form)  # (`form.applicable` without the copy of its list)
    for f in fields_for[tuple([when(answers) for when in conditions])]:
        if f.key not in answers:
            return f
    return None


def noted(form: Form, values: Iterable[tuple[str, Any]], locale: str) -> str:
    """Answers as the person is told they were noted: "工作地: 广东省东莞市; 工种: 普工"."""
    cat = catalog(locale)
    return "; ".join(f"{cat.get(form.field(k).label)}: {display_value(form.field(k), v, locale)}" for k, v in values)


_MONTH = re.compile(r"(\d{4})-(\d{2})")
_YEAR = re.compile(r"\d{4}")


def display_value(f: FormField, value: Any, locale: str, answers: Mapping[str, Any] | None = None) -> str:
    """The value as the person reads it back; with the other answers, as they said it where those tell more."""
    cat = catalog(locale)
    if value is None:
        return cat.get(f.unknown or "form.value_unknown")
    if answers is not None and f.shown_with is not None and (reading := f.shown_with(value, answers, locale)):
        key, params = reading
        return cat.get(key).format(**params)
    if f.display is not None:
        return f.display(value)
    if f.unit is not None and isinstance(value, int | float) and not isinstance(value, bool):
        return cat.get(f.unit).format(value=value)
    if f.month and isinstance(value, str) and _YEAR.fullmatch(value):
        return cat.get("form.year_only").format(year=value)  # 2024 as 2024年 (月份不详)
    if isinstance(value, str) and _MONTH.fullmatch(value):
        return show_month(value, locale)  # 2027-02 as 2027年2月
    if f.choices:
        labels = {c.value: cat.get(c.label) for c in f.choices}
        values: Sequence[Any] = value if isinstance(value, list) else [value]
        return "、".join(labels.get(v, str(v)) for v in values)
    if isinstance(value, dict) and "name" in value:
        return str(value["name"])
    return str(value)


def show_month(value: str, locale: str) -> str:
    """A "YYYY-MM" month in plain words (2027年2月); a year alone, its month not known (2027年 (月份不详))."""
    if _YEAR.fullmatch(value):
        return catalog(locale).get("form.year_only").format(year=value)
    year, month = value.split("-")
    return catalog(locale).get("form.month").format(year=year, month=int(month))


# The state key of the summary as last shown on SMS (`summary`); dropped once the form is confirmed.
SHOWN = "summary_shown"


def shown_fields(form: Form, state: JsonDict, channel: str) -> list[FormField]:
    """The summary's items in its order, numbered from 1: on SMS an optional answer not known is left out (nothing
    to check; every character counts), so the numbers run on without a gap (they skipped 4, the household number)
    and a number picks the item shown with it. Such an item is still changed by its name."""
    answers = state["answers"]
    said_none = set(state.get("said_none") or ())
    return [f for f in form.applicable(answers) if not (
        channel == "sms" and answers.get(f.key) is None and f.optional and f.key not in said_none)]


def summary(form: Form, state: JsonDict, ctx: StepContext, full: bool = False) -> Outbound:
    """The answers to check. On SMS, shown again after a change (one field, the ID sent later) with the same items
    numbered the same: the changed items alone (the whole form was two or three parts for one change), unless
    `full` (看, coming back after a gap)."""
    state["phase"] = "summary"
    state["field"] = None
    cat = catalog(ctx.locale)
    answers = state["answers"]
    said_none = set(state.get("said_none") or ())  # 没有 (no skills) is not 不知道, though both are left empty
    sms = ctx.channel == "sms"
    lines = []
    items = shown_fields(form, state, ctx.channel)
    for i, f in enumerate(items, 1):
        value = answers.get(f.key)
        shown = (cat.get("form.value_none") if value is None and f.key in said_none
                 else display_value(f, value, ctx.locale, answers))
        if sms:
            # On SMS every character counts (18 lines were five parts): short labels, a place without its
            # province and prefecture (麻阳苗族自治县高村镇), the number as the options show it (1在工作).
            shown = _short_county(_within_county(shown)) if isinstance(value, dict) else _MASK_RUN.sub("**", shown)
            lines.append(f"{i}{cat.get(f.label, 'sms')}:{shown}")
        else:
            lines.append(f"{i}. {cat.get(f.label)}: {shown}")
    if sms and form.summary_changed is not None:
        # What was last shown, as a checksum per item (no answer copied into the state).
        now = [[f.key, zlib.crc32(line.encode())] for f, line in zip(items, lines, strict=True)]
        before = state.get(SHOWN)
        state[SHOWN] = now
        if not full and isinstance(before, list) and [k for k, _ in before] == [k for k, _ in now]:
            changed = [line for line, (_, old), (_, new) in zip(lines, before, now, strict=True) if old != new]
            if changed:
                return Outbound(key=form.summary_changed, params={"lines": "\n".join(changed),
                                                                  "count": len(items)})
    return Outbound(key=form.summary, params={"lines": "\n".join(lines)})


# A province (湖南省, 广西壮族自治区) and a prefecture (怀化市, 黔东南苗族侗族自治州) at the head of a place's name.
_PROVINCE = re.compile(r"^.+?(?:省|自治区)")
# (苏州市, 广州市天河区: the 州 of a city's name is no prefecture; it left "市" alone on SMS)
_PREFECTURE = re.compile(r"^.+?(?:自治州|州(?!市)|市|地区|盟)")


def _within_county(name: str) -> str:
    """湖南省怀化市麻阳苗族自治县高村镇 -> 麻阳苗族自治县高村镇; 广东省东莞市 -> 东莞市 (the last level stays)."""
    for head in (_PROVINCE, _PREFECTURE):
        cut = head.match(name)
        if cut is not None and cut.end() < len(name):
            name = name[cut.end():]
    return name


# An autonomous county's peoples (威宁彝族回族苗族自治县 -> 威宁县), as people say it; on SMS only, where the
# employed branch's summary ran to three parts.
_AUTONOMOUS_COUNTY = re.compile(r"^(\w{2,}?)(?:\w{1,4}?族)+自治(?=[县旗])")
# A masked ID number's run of stars (4312**********2712 -> 4312**2712: the same four digits each side; a phone's
# 139****5678 keeps its four).
_MASK_RUN = re.compile(r"\*{6,}")


def _short_county(name: str) -> str:
    return _AUTONOMOUS_COUNTY.sub(r"\1", name) if "自治" in name else name


_UNKNOWN: Any = object()


def advance(form: Form, state: JsonDict, ctx: StepContext, nxt: FormField | None = _UNKNOWN) -> list[Outbound]:
    """Ask the next unanswered applicable field, or show the summary (`nxt`: `next_field` of the answers, when the
    caller just worked it out)."""
    if nxt is _UNKNOWN:
        nxt = next_field(form, state["answers"])
    if nxt is None:
        state["editing"] = False
        return [summary(form, state, ctx)]
    return [_ask(form, state, nxt)]


def _prune(form: Form, answers: JsonDict) -> dict[str, Any]:
    """Drop answers to fields that no longer apply (the branch changed); returns what was dropped."""
    dropped: dict[str, Any] = {}
    conditions, fields_for = _plan(form)
    while True:  # a dropped answer can make further fields inapplicable
        # (the fields that do not apply, in the form's order, from the table: not a pass over every field)
        gone = [key for key in fields_for.keys_for(tuple([when(answers) for when in conditions]))[2] if key in answers]
        if not gone:
            return dropped
        for key in gone:
            dropped[key] = answers.pop(key)


def set_answer(form: Form, state: JsonDict, key: str, value: Any) -> dict[str, tuple[Any, Any]]:
    """Set one answer; returns every change it made, {key: (old, new)}, including answers it dropped."""
    answers: JsonDict = state["answers"]
    had = key in answers
    old = answers.get(key)
    answers[key] = value
    changes: dict[str, tuple[Any, Any]] = {}
    if not had or old != value:
        changes[key] = (old, value)
    for gone, previous in _prune(form, answers).items():
        changes[gone] = (previous, None)
    return changes


def clear_answers(form: Form, state: JsonDict, keys: Sequence[str]) -> dict[str, tuple[Any, Any]]:
    """Forget answers that no longer hold (a new job: the old employer's details)."""
    answers: JsonDict = state["answers"]
    changes = {k: (answers.pop(k), None) for k in keys if k in answers}
    for gone, previous in _prune(form, answers).items():
        changes[gone] = (previous, None)
    return changes


def handle_summary(form: Form, state: JsonDict, text: str, ctx: StepContext) -> FormStep | None:
    """At the summary: a confirmation, or the number of a field to edit; None for anything else."""
    squashed = squash(text)
    if squashed in CONFIRM_WORDS:
        state["phase"] = "done"
        state.pop(SHOWN, None)
        state["field"] = None
        return FormStep(state, [], done=True)
    fields = shown_fields(form, state, ctx.channel)
    if squashed.isdigit() and 1 <= int(squashed) <= len(fields):
        state["editing"] = True
        return FormStep(state, [_ask(form, state, fields[int(squashed) - 1])])
    return None


def summary_reprompt(form: Form, state: JsonDict, channel: str = "wechat") -> Outbound:
    return Outbound(key=form.summary_reprompt, params={"count": len(shown_fields(form, state, channel))})


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
