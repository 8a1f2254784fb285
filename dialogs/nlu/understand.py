"""understand(): one message in, intent and entities out; plus the per-field parsers the survey uses."""

from __future__ import annotations

import datetime
import re

from dialogs.nlu import employer as employer_rules
from dialogs.nlu import id_number as ids
from dialogs.nlu import intents, month, phone, salary
from dialogs.nlu.gazetteer import path_of, resolve
from dialogs.nlu.model import Model, model
from dialogs.nlu.normalize import normalize_aligned, normalize_with
from dialogs.nlu.types import Entities, IdInfo, Place, Understanding

# Long digit runs that are not a valid phone or ID (a mistyped number, a landline) must not be
# read as an amount or a month either.
_LONG_NUMBER = re.compile(r"\+?\d(?:[\s-]?\d){9,}[Xx]?")


def normalize(text: str) -> str:
    """NFKC -> strip pinyin annotations -> Traditional to Simplified."""
    return normalize_with(text, model().to_simplified)


def _mask(text: str, span: tuple[int, int]) -> str:
    return text[: span[0]] + " " * (span[1] - span[0]) + text[span[1] :]


def _quote(text: str, origin: list[int] | None, normalized: str, span: tuple[int, int]) -> str:
    """The span as the user wrote it (張老闆的磚廠, ＴＣＬ) when normalisation kept an alignment."""
    if origin is None:
        return normalized[span[0] : span[1]]
    return text[origin[span[0]] : origin[span[1] - 1] + 1]


def _entities(
    text: str, normalized: str, origin: list[int] | None, today: datetime.date, built: Model, intent: str
) -> Entities:
    rest = normalized
    found_phone = phone.find_phone(rest)
    if found_phone:
        rest = _mask(rest, found_phone[1])
    found_id = ids.find_id_number(rest)
    if found_id:
        rest = _mask(rest, found_id[1])
    for match in _LONG_NUMBER.finditer(rest):
        rest = _mask(rest, match.span())
    employer_span = employer_rules.find_employer(rest, built.gazetteer)
    employer = None
    if employer_span:
        # A workplace named in a request for training (想学缝纫 以后好进服装厂) is a goal for later,
        # not an employer; every other intent labels the one it is about.
        if intent != "seek_training":
            employer = _quote(text, origin, normalized, employer_span)
        # A place inside the employer's name (深圳华强电子有限公司) is not where the person is.
        rest = _mask(rest, employer_span)
    return Entities(
        location=resolve(built.gazetteer, rest),
        employer=employer,
        salary=salary.find_salary(rest, require_context=True),
        date=month.find_month(rest, today),
        phone=found_phone[0] if found_phone else None,
        id_number=found_id[0] if found_id else None,
    )


def understand(text: str, today: datetime.date) -> Understanding:
    """Intent, confidence and entities of one user message."""
    built = model()
    normalized, origin = normalize_aligned(text, built.to_simplified)
    intent, confidence = intents.classify(normalized)
    return Understanding(
        text=text,
        normalized=normalized,
        intent=intent,
        confidence=confidence,
        entities=_entities(text, normalized, origin, today, built, intent),
    )


def parse_salary(text: str) -> int | None:
    """Monthly salary in yuan from a survey answer ("三千五", "5k", "4500元/月")."""
    return salary.find_salary(normalize(text), require_context=False)


def parse_month(text: str, today: datetime.date) -> str | None:
    """YYYY-MM from a survey answer ("上个月", "3月份", "去年年底")."""
    return month.find_month(normalize(text), today)


def parse_phone(text: str) -> str | None:
    """A valid mainland mobile number as E.164."""
    found = phone.find_phone(normalize(text))
    return found[0] if found else None


def parse_id_number(text: str) -> str | None:
    """An 18-character resident ID with a valid check digit and birth date, X uppercase."""
    found = ids.find_id_number(normalize(text))
    return found[0] if found else None


def id_number_info(id_number: str) -> IdInfo | None:
    """Birth date and gender; None when the check digit or birth date is invalid."""
    return ids.info(id_number)


def id_number_problem(text: str) -> str | None:
    """None if the answer holds a valid ID, else "length", "check_digit" or "birth_date"."""
    normalized = normalize(text)
    if ids.find_id_number(normalized) is not None:
        return None
    return ids.problem_in(normalized)


def resolve_place(text: str) -> Place | None:
    """The most specific administrative division named in the text."""
    return resolve(model().gazetteer, normalize(text))


def place_by_code(code: str) -> Place | None:
    return model().gazetteer.places.get(code.strip())


def place_path(code: str) -> list[Place]:
    """Province down to the division itself."""
    return path_of(model().gazetteer, code.strip())


def parse_employer(text: str) -> str | None:
    """The employer named in the answer, as the user wrote it."""
    built = model()
    normalized, origin = normalize_aligned(text, built.to_simplified)
    span = employer_rules.find_employer(normalized, built.gazetteer)
    return _quote(text, origin, normalized, span) if span else None


def parse_yes_no(text: str) -> bool | None:
    """True for 是/对/嗯/好/可以, False for 不是/没有/不/否, None otherwise (digits are the dialog's job)."""
    intent, _ = intents.classify(normalize(text))
    return True if intent == "affirm" else False if intent == "deny" else None
