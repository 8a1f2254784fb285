"""Answers given to a question of the branch other than the one open, without 不对: "会开拖拉机" at the expected
income (the skills, asked just before), "三千五吧" at the month one can start (the pay), "做鞋 上胶" at the month a
job started (the job type, passed over). Which field such a message plainly answers, and its value. Pure."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from dialogs import forms, nlu
from dialogs.flows.survey import replies
from dialogs.flows.survey.beside import job_said
from dialogs.flows.survey.fields import (
    INCOME_FIELDS,
    MONTH_FIELDS,
    YES_NO_FIELDS,
    only_workplaces,
    parse_desired_jobs,
    parse_free_text,
)
from dialogs.flows.survey.prefill import wanted_jobs
from dialogs.flows.survey.vocabulary import PARTS, field_name_pattern, field_of_name, own_synonyms
from dialogs.forms import Form, FormField, Invalid
from dialogs.nlu.intents import canonical
from dialogs.nlu.memo import copied_memo, text_key
from dialogs.types import JsonDict, StepContext

# 会开拖拉机, 学过电焊, 学的是厨师 / 电焊也会点, 电焊会一点: the trade, in group "skill".
_SKILL = re.compile(
    # (会点焊, 也会点电焊: 会 "a bit", then the trade; 焊 alone is welding)
    r"(?<!不)(?:学的是?|学过|会)(?:一?点儿?|一些|些)?(?P<skill>[\u4e00-\u9fff]{2,6}?|焊)(?=[的也还]|$|[\s,，。、!！])"
    # 开过挖机, 扎过钢筋: a machine run or a craft done before is a trade one has (开挖机). (做过质检 at the work wanted
    # stays the work wanted.)
    r"|(?<![没不])(?P<verb>[开焊砌扎绑])过(?P<done>[\u4e00-\u9fff]{1,5}?)(?=[的也还]|$|[\s,，。、!！])"
    r"|(?P<before>[\u4e00-\u9fff]{2,6}?)(?:也|还|都)?(?<!不)会(?:一?点|一些|些)?(?=$|[\s,，。、!！])"
)
# A trade said in one character after 会 (也会点焊): its usual name.
_ONE_CHARACTER_TRADES = {"焊": "电焊"}
# Free-text questions about work whose answers add up (开叉车、电焊): a new one is added, never put in place.
_LISTS = frozenset({"skills", "desired_jobs"})
# Questions answered by a sum or a month (made once here: it was a union at every question looked at).
_SUM_OR_MONTH = INCOME_FIELDS | MONTH_FIELDS


@copied_memo(text_key)  # (each caller its own list: a value for the form)
def skills_in(text: str) -> list[str]:
    """The trades a message says the person can do (会开叉车 电焊也会点 -> 开叉车, 电焊; 开过挖机 -> 开挖机); a word
    after 会 that names no work (我会去的, 会不会) is none. A bare trade beside one said so (扎钢筋 开过挖机) is one
    too (it was dropped, or taken as the work wanted at the scope question)."""
    parts = [p for p in PARTS.split(nlu.normalize(text)) if p]
    marked: list[list[str]] = []
    for part in parts:
        said = []
        for match in _SKILL.finditer(part):
            skill = match.group("skill") or match.group("before") or (match.group("verb") or "") + (
                match.group("done") or "")
            skill = _ONE_CHARACTER_TRADES.get(skill, skill)
            if skill and _names_work(skill):
                said.append(skill)
        marked.append(said)
    if not any(marked):
        return []
    done_before = any(match.group("verb") for part in parts for match in _SKILL.finditer(part))
    found: list[str] = []
    for part, said in zip(parts, marked, strict=True):
        bare = [part] if done_before and _bare_trade(part) else []  # (会计 也会开车: 会计 is the work wanted)
        found += [skill for skill in (said or bare) if skill not in found]
    return found


def _bare_trade(part: str) -> bool:
    """扎钢筋, 电焊: a trade alone (no 会, no 过), not work held (在厂里开叉车)."""
    said = canonical(part)
    return bool(said) and len(said) <= _JOB_WORDS and not _HELD.search(said) and _names_work(said)


# 开车, 做饭, 砌墙: a craft said with its verb, the kind a skills answer is made of.
_CRAFT = re.compile(r"[开做修焊砌装缝炒烧养种编绣喂放踩]")  # (踩针车: the shoe line's sewing machine)


_NO_CRAFT = re.compile(r"开会|[的了吗呢吧啊好完过]$")


def _names_work(words: str) -> bool:
    if _NO_CRAFT.search(words):
        return False  # 会做的 (will do), 会开会: no trade
    return bool(_CRAFT.match(words) or nlu.find_job_type(words) or nlu.find_named_jobs(words))


# 会, 也会, 都会一点 before or after a trade (会种地, 水电都会, 电焊也会一点): no part of the trade.
_SKILL_LEAD = re.compile(r"^(?:我|俺)?(?:还|也|都|就|只)?会(?:一?点|些)?")
_SKILL_TAIL = re.compile(r"(?:都|也|还)?会(?:一?点儿?|一些|些)?$")
_SKILL_WORDS = 6
# 就是踩针车嘛: the words around a trade said plainly (it was kept as typed).
_FILLER = re.compile(r"^(?:就是|主要是|也就是)|[嘛呗啊呀哈咯]+$")
# 以前在工地上搬砖: work done before, said as a trade (the time and the site are no part of it).
_DONE_ONCE = re.compile(r"^(?:以前|之前|原来|过去|早先)(?:在[\u4e00-\u9fff]{1,4}?[上里])?(?:干过?|做过?)?")
_DONE_BEFORE = re.compile(r"([开焊砌扎绑踩])过([\u4e00-\u9fff]{1,5})")


def clean_skills(text: str) -> str | None:
    """水电都会 电焊也会一点 -> 水电、电焊; 会种地 喂猪 -> 种地、喂猪: the trades alone, when every part of the
    message is one; None when a part is something else (the words are then kept as said)."""
    found: list[str] = []
    for part in PARTS.split(nlu.unslipped(nlu.normalize(text))):
        if not part or (found and _NOTHING_ELSE.fullmatch(part)):
            continue  # 会做饭 会种地 别的不会: the modesty after the trades is no part of them (kept as said)
        skill = _SKILL_TAIL.sub("", _SKILL_LEAD.sub("", _FILLER.sub("", _DONE_ONCE.sub("", part))))
        skill = _ONE_CHARACTER_TRADES.get(skill, skill)  # 也会点焊: 电焊
        if (done := _DONE_BEFORE.fullmatch(skill)) is not None:
            skill = done.group(1) + done.group(2)  # 开过挖机 -> 开挖机
        if not skill or len(skill) > _SKILL_WORDS or not _names_work(skill):
            return None
        if skill not in found:
            found.append(skill)
    return "、".join(found) or None


_NOTHING_ELSE = re.compile(r"(别的|其他|其它|其余)(啥|什么)?(也|都)?(不会|不懂|不行)(了|啥)?|就会这(些|点|几样)(了)?")


def names_work_only(text: str) -> bool:
    """电焊 开叉车: every part of the message is a trade or a job (no 在, 上班, 找到 telling of work held)."""
    parts = [p for p in PARTS.split(canonical(nlu.normalize(text))) if p]  # 电汗: 电焊 mistyped
    return bool(parts) and all(len(p) <= _JOB_WORDS and not _HELD.search(p) and _names_work(p) for p in parts)


# A bare job is a few characters; a word of holding work makes it news (在厂里开叉车, 找到个开叉车的活).
_JOB_WORDS = 6
_HELD = re.compile(r"在|上班|干了|找到|进了|进厂|当上|做了")


@copied_memo(text_key)  # (read at every answer not taken: 1, 好的 at the name and ID questions)
def only_skills(text: str) -> list[str]:
    """The trades, when saying what one can do is all the message does (every part is such a statement)."""
    parts = [p for p in PARTS.split(nlu.normalize(text)) if p]
    skills = skills_in(text)
    if not skills or any(not skills_in(part) and part not in skills for part in parts):  # (扎钢筋 开过挖机: both)
        return []
    return skills


# 都行, 都可以: any of the choices of the open question, never a time said ahead of its own question.
_ANY_OF_THEM = re.compile(r"都(?:行|可以|中|成|好)")


def _value_for(f: FormField, text: str, fs: JsonDict, ctx: StepContext) -> Any:
    """The value this message plainly gives `f`, or None."""
    if f.key in _SUM_OR_MONTH:
        if f.key == "available_from":
            # 都行 近点好 at "您想在哪里工作?": its 都行 answers that question (it was 可上岗时间: this month, and the
            # question again); a month or 随时 said beside it still answers this one.
            text = _ANY_OF_THEM.sub(" ", text)
            if not text.strip():
                return None
        value = replies.read_answer(f, text, fs, ctx)
        return None if isinstance(value, Invalid) else value
    if f.key == "skills":
        return "、".join(skills_in(text)) or None
    if f.key == "job_type" and nlu.find_job_type(nlu.normalize(text)) and not skills_in(text):
        return parse_free_text(text, ctx)
    if f.key == "desired_jobs" and (wanted_jobs(text) or only_workplaces(text)) and not skills_in(text):
        return parse_desired_jobs(text, ctx)
    if f.key == "employer" and (employer := nlu.parse_employer(text)) and employer != fs["answers"].get(f.key):
        return employer  # 饭店叫老王家酸汤鱼 at the employer's phone: the employer's name, after the kind of place
    return None


def earlier_answer(form: Form, fs: JsonDict, f: FormField, text: str, ctx: StepContext) -> tuple[str, Any] | None:
    """(field, value) for a question of this branch asked before `f` that the message answers and `f` does
    not: one passed over or not known, or the one just before. A value for a list of trades is added to what
    is there. The caller knows `f`'s reading of the message failed."""
    answers = fs["answers"]
    applicable = list(form.applicable_keys(answers))
    if f.key not in applicable:
        return None
    if (again := _said_again(form, fs, applicable[: applicable.index(f.key)], text, ctx)) is not None:
        return again
    if "employment_status" not in applicable:
        return None
    branch = applicable[applicable.index("employment_status") + 1 : applicable.index(f.key)]
    just_before = branch[-1] if branch else None
    for key in reversed(branch):
        field = form.field(key)
        if field.choices:
            if key == just_before and (chosen := _chosen_again(field, text, fs, ctx)) is not None:
                return key, chosen  # 介绍工作 sent twice: the answer before, said again
            continue
        if _same_kind(key, f.key) or (answers.get(key) is not None and key != just_before and key not in _LISTS):
            continue
        value = _value_for(field, text, fs, ctx)
        if value is None:
            continue
        known = answers.get(key)
        if key in _LISTS and isinstance(known, str) and known:
            added = [v for v in str(value).split("、") if v not in known]
            if not added:
                return key, known
            value = "、".join([known, *added])
        return key, value
    return None


def _said_again(
    form: Form, fs: JsonDict, before: list[str], text: str, ctx: StepContext
) -> tuple[str, Any] | None:
    """彭小军 sent twice, the second at the ID question: the answer just before, the same again."""
    known = [key for key in before if fs["answers"].get(key) is not None]
    if not known:
        return None
    field = form.field(known[-1])
    if field.key == "name" and not _may_hold_name(text, fs["answers"]["name"]):
        return None  # (most messages at the ID question: the name reader is not asked for a name it cannot find)
    # A choice by its own words only (a job named is no help asked for), and the phone by its digits (a "1" that
    # took the SMS sender's number at the phone question is no number said again); others as the survey reads them.
    own_words = field.choices or field.key == "phone"
    value = forms.parse_answer(field, text, ctx) if own_words else replies.read_answer(field, text, fs, ctx)
    return (field.key, value) if value == fs["answers"][field.key] else None


def _may_hold_name(text: str, name: Any) -> bool:
    """Whether the name reader (`fields.parse_name`) could read `name` from `text`: every name it reads is made of
    the message's own characters once normalised (a part of it, or a surname and a given name said apart: 姓吴 叫桂香),
    but for the middle dot it writes for • and ・."""
    if not isinstance(name, str):
        return True
    said = nlu.normalize(text)
    stripped = nlu.normalize(unicodedata.normalize("NFKC", text).strip())  # (as the reader normalises it)
    return all(c in said or c in stripped for c in name if c != "·")


def _chosen_again(f: FormField, text: str, fs: JsonDict, ctx: StepContext) -> Any:
    """The choice already recorded for `f`, when the message picks it again; for a question taking several,
    the choices with the new ones added. None when the message picks something else (a change wants 不对)."""
    known = fs["answers"].get(f.key)
    value = forms.parse_answer(f, text, ctx)  # the choice's own words (a job named is no help asked for here)
    if value is None or isinstance(value, Invalid):
        return None
    if f.multi and isinstance(known, list) and isinstance(value, list):
        order = [c.value for c in f.choices]
        return sorted({*known, *value}, key=order.index)
    return known if value == known else None


def _same_kind(a: str, b: str) -> bool:
    """Two questions read with the same parser: a message one rejects says nothing of the other."""
    return any(a in kind and b in kind for kind in (INCOME_FIELDS, MONTH_FIELDS))


# How far ahead a message may answer: the next questions still open (a month or a pay said one question early).
_AHEAD = 3


def later_answer(form: Form, fs: JsonDict, f: FormField, text: str, ctx: StepContext) -> tuple[str, Any] | None:
    """(field, value) for one of the next open questions that the message plainly answers and `f` does not:
    "今年3月" at the employer's phone (the month the job started), "织金县八步街道" at the household number (the
    home), "有社保" at the way of working (the insurance), "流水线" at the workplace's address (the job). Only
    readers that cannot mistake a word for an answer: a month, a sum, a place for the home, a yes or no said with
    the name of its question, a job and nothing else. The caller knows `f`'s reading of the message failed."""
    answers = fs["answers"]
    applicable = list(form.applicable_keys(answers))
    if f.key not in applicable:
        return None
    ahead = [key for key in applicable[applicable.index(f.key) + 1 :] if answers.get(key) is None][:_AHEAD]
    for key in ahead:
        field = form.field(key)
        if key in _SUM_OR_MONTH:
            if _same_kind(key, f.key):
                continue
            value = _value_for(field, text, fs, ctx)
        elif key == "home_division" and nlu.place_mentions(text):
            found = replies.read_answer(field, text, fs, ctx)
            value = None if isinstance(found, Invalid) else found
        elif key == "job_type" and (job := job_said(text)):
            value = job  # 流水线 at the workplace's address: the job (流水线工), asked next but one
        elif key == "wages_on_time" and (paid := _pay_words(text)) is not None:
            value = paid  # 每周结一次 at the insurance question: the wages' answer, said one question early
        elif key in YES_NO_FIELDS and _names_only(key, text):  # only when it names them and nothing else
            found = forms.parse_answer(field, text, ctx)
            value = None if isinstance(found, Invalid) else found
        else:
            continue
        if value is not None:
            return key, value
    return None


def _pay_words(text: str) -> str | None:
    """"yes" or "no" when the message uses words said only of wages (每周结, 按月发, 拖欠), else None."""
    said = nlu.normalize(text)
    found = {value for value in ("yes", "no") if any(word in said for word in own_synonyms("wages_on_time", value))}
    return found.pop() if len(found) == 1 else None


def _names_only(key: str, text: str) -> bool:
    """The message names the question `key` and no other (签了合同 社保也有 names two: neither is taken)."""
    named = {field_of_name()[m.group(0)] for m in field_name_pattern().finditer(text)}
    return named == {key}
