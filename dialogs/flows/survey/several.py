"""Several short answers in one message ("是 有 没有", "1 2 1"): read onto the question open and the ones
that would be asked after it, in order, as long as each part answers its question plainly. Pure."""

from __future__ import annotations

import re
import unicodedata
from itertools import pairwise
from typing import Any

from dialogs import forms
from dialogs.flows.survey import replies
from dialogs.flows.survey.vocabulary import job_subjects
from dialogs.forms import Form, FormField, Invalid
from dialogs.types import JsonDict, StepContext

# Parts are split on blanks and punctuation; a part longer than this is a sentence, not a bare answer
# (是 去年签的 explains the one answer, it does not answer the next question).
_SHORT = 3
_SEPARATORS = re.compile(r"[\s,，、;；。.!！/]+")
# A longer part that names its question's subject answers it all the same (没签 社保也没交 工资按时发的).
_LONGER = 8
_SUBJECTS = job_subjects()  # (合同, 社保, 工资 …: the survey's vocabulary, shared with fields.py)


def about_another(f: FormField, text: str) -> str | None:
    """The other one of the contract, insurance and wages questions this answer names, when it does not name its
    own (社保没交 at the contract question, 按时发的 at the insurance question): that question's answer."""
    if f.key not in _SUBJECTS:
        return None
    said = unicodedata.normalize("NFKC", text)
    if any(word in said for word in _SUBJECTS[f.key]):
        return None
    named = [key for key, words in _SUBJECTS.items() if key != f.key and any(word in said for word in words)]
    return named[0] if len(named) == 1 else None

# 打工 不对 是自己干: a part that takes the one before back makes one answer, changed, not several.
_TAKEN_BACK = frozenset({"不对", "错了", "说错了", "也不是", "不不"})


def _parts(text: str) -> list[str]:
    return [p for p in _SEPARATORS.split(unicodedata.normalize("NFKC", text).strip()) if p]


def _restated(first: str, second: str) -> bool:
    return not first.isdigit() and (first.startswith(second) or second.startswith(first))


def _plain(f: FormField, part: str, fs: JsonDict, ctx: StepContext) -> Any:
    """The value of one bare part for this question, or None: only choice questions with one answer
    (a multi-choice question would take every number that follows), never a hedged or unclear one."""
    if not f.choices or f.multi or len(part) > _LONGER:
        return None
    if len(part) > _SHORT and not any(word in part for word in _SUBJECTS.get(f.key, ())):
        return None
    value = replies.read_answer(f, part, fs, ctx)
    return None if value is None or isinstance(value, Invalid) else value


def _told_in_the_rest(f: FormField, rest: str, fs: JsonDict, ctx: StepContext) -> Any:
    """The answer the rest of a message gives the question it names (工资每月十号发 没拖过), or None."""
    if not f.choices or f.multi or not any(word in rest for word in _SUBJECTS.get(f.key, ())):
        return None
    if sum(any(word in rest for word in words) for words in _SUBJECTS.values()) > 1:
        return None  # the rest names another question too: not one answer
    value = replies.read_answer(f, rest, fs, ctx)
    return None if value is None or isinstance(value, Invalid) else value


def answers_in_a_row(form: Form, fs: JsonDict, f: FormField, text: str, ctx: StepContext) -> list[tuple[str, Any]]:
    """(field, value) for the open question and those after it, when the message holds at least two bare
    answers that fit them in order; [] otherwise (the message is read as one answer). Parts after the run
    that fit nothing are left: their questions are asked as usual."""
    parts = _parts(text)
    if len(parts) < 2 or fs.get("editing"):
        return []
    if any(part in _TAKEN_BACK for part in parts[1:]):
        return []
    if any(_restated(a, b) for a, b in pairwise(parts)):
        return []  # 对 对, 是 是的: one answer said with emphasis (digits, 1 1 1, are typed answers)
    answers = dict(fs["answers"])
    run: list[tuple[str, Any]] = []
    question: FormField | None = f
    for at, part in enumerate(parts):
        if question is None:
            break
        value = _plain(question, part, {**fs, "answers": answers}, ctx)
        if value is None and run:
            # 签了 社保也交了 工资每月十号发 没拖过: the last question's answer told in the parts left, together
            # (the wages were asked again); so is one long last part naming its question (工资每个月10号发).
            value = _told_in_the_rest(question, " ".join(parts[at:]), {**fs, "answers": answers}, ctx)
            if value is not None:
                run.append((question.key, value))
            break
        if value is None:
            break
        run.append((question.key, value))
        answers[question.key] = value
        question = forms.next_field(form, answers)
    return run if len(run) >= 2 else []
