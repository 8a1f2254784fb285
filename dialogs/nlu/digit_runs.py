"""Runs of digits as people type them (groups split by spaces or dashes), and the resident ID and
mobile number each run holds: one tokenisation for both, so an ID's digits never yield a phone."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from dialogs.nlu import id_number as ids
from dialogs.nlu.phone import mobile

# Groups of digits (an ID's last group may end in X) joined by whitespace or a dash, so
# "513431 19990221 018X", "138-1234-5678" and "+86 158 8520 1133" are each one run. NFKC keeps en and
# em dashes, which people (and phone keyboards) type between groups too.
_SEPARATOR = r"(?:[^\S\n]{0,3}[-–—][^\S\n]{0,3}|\s{1,3})"
_GROUP_TEXT = r"\d+(?:[Xx](?![A-Za-z]))?"
_RUN = re.compile(rf"(?<!\d)(?:\+[^\S\n]?)?{_GROUP_TEXT}(?:{_SEPARATOR}{_GROUP_TEXT})*")
_GROUP = re.compile(r"\+|\d+[Xx]?")
_ID_SHAPE = re.compile(r"\d{17}[\dX]")
# How people group a mobile's digits: 13812345678, 138 1234 5678, 1381 2345 678. A phone that is only
# part of a run must be grouped so; "500242 19911002 100" (an ID missing a digit) holds no phone.
_PHONE_GROUPINGS = frozenset({(11,), (3, 4, 4), (4, 4, 3), (3, 8), (7, 4)})
ID_LENGTH = 18

# Numbers dictated in characters (一三七六五…, 幺三八 as on the radio) or typed with look-alike letters
# (l39…, 1O0…): rewritten character for character, so every span still indexes the text as written. Only
# runs long enough to be a phone or an ID are touched: 一万二 and "ok" stay what they are.
_SPOKEN = {"零": "0", "〇": "0", "洞": "0", "一": "1", "幺": "1", "二": "2", "两": "2", "三": "3", "四": "4",
           "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}  # fmt: skip
_SPOKEN_RUN = re.compile(rf"[{''.join(_SPOKEN)}](?:[\s-]{{0,3}}[{''.join(_SPOKEN)}\d])+")
_LOOK_ALIKE = {"l": "1", "I": "1", "|": "1", "o": "0", "O": "0"}
_MIXED_RUN = re.compile(r"(?<![A-Za-z])[\dlIoO|](?:[\s-]{0,3}[\dlIoO|])+(?![A-Za-z])")
_MIN_SPELLED = 7


def spelled_digits(text: str) -> str:
    """The text with phone- or ID-length runs of digit characters or look-alike letters as ASCII digits."""

    def spoken(match: re.Match[str]) -> str:
        run = match.group(0)
        if sum(char in _SPOKEN or char.isdigit() for char in run) < _MIN_SPELLED:
            return run
        return "".join(_SPOKEN.get(char, char) for char in run)

    def mixed(match: re.Match[str]) -> str:
        run = match.group(0)
        if sum(char.isdigit() for char in run) < _MIN_SPELLED - 1 or run.isdigit():
            return run
        return "".join(_LOOK_ALIKE.get(char, char) for char in run)

    if not any(char in _SPOKEN or char in _LOOK_ALIKE for char in text):
        return text
    return _MIXED_RUN.sub(mixed, _SPOKEN_RUN.sub(spoken, text))


@dataclass(frozen=True, slots=True)
class Group:
    text: str  # digits, possibly a final X (upper-cased); or "+"
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Found:
    value: str
    span: tuple[int, int]


@dataclass(frozen=True, slots=True)
class RunReading:
    """What one run holds: the valid IDs, every 18-character ID-shaped segment, and the mobiles."""

    ids: tuple[Found, ...]
    id_shaped: tuple[Found, ...]
    phones: tuple[Found, ...]
    compact: str  # the run's characters without separators or "+", X upper-cased
    span: tuple[int, int]


def _groups(run: re.Match[str]) -> list[Group]:
    found: list[Group] = []
    plus_at: int | None = None  # a "+" (maybe followed by a space) belongs to the country code after it
    for match in _GROUP.finditer(run.group(0)):
        start, end = run.start() + match.start(), run.start() + match.end()
        if match.group(0) == "+":
            plus_at = start
            continue
        text = match.group(0).upper()
        if plus_at is not None and not found:
            text, start = "+" + text, plus_at
        found.append(Group(text, start, end))
    return found


def _segments(groups: list[Group], longest: int) -> Iterator[tuple[int, int, str]]:
    """(first, last, joined text) for every stretch of contiguous groups up to `longest` characters."""
    for first in range(len(groups)):
        joined = ""
        for last in range(first, len(groups)):
            joined += groups[last].text
            if len(joined) > longest:
                break
            yield first, last, joined


def read_run(run: re.Match[str]) -> RunReading:
    groups = _groups(run)
    compact = "".join(g.text.lstrip("+") for g in groups)
    whole = mobile("".join(g.text for g in groups))
    if whole is not None:
        return RunReading((), (), (Found(whole, run.span()),), compact, run.span())
    # Contiguous groups that make 18 ID characters: "513431 19990221 018X", or one 18-digit group.
    shaped = [
        (first, last, Found(joined, (groups[first].start, groups[last].end)))
        for first, last, joined in _segments(groups, ID_LENGTH + 1)
        if _ID_SHAPE.fullmatch(joined)
    ]
    valid = [(f, la, s) for f, la, s in shaped if ids.problem(s.value) is None]
    reserved = [False] * len(groups)
    for first, last, _ in valid + shaped:
        if not any(reserved[first : last + 1]):
            reserved[first : last + 1] = [True] * (last + 1 - first)
    # A number typed in small groups with a stray digit or two beside a phone's groups ("139 8512 3456 7": one
    # digit too many) is a mistyped number, not a phone and a digit: no phone is read from it (the first 11
    # digits were saved, the last dropped without a word).
    small = all(len(g.text) <= 4 for g in groups)

    def stray(at: int) -> bool:
        return 0 <= at < len(groups) and not reserved[at] and len(groups[at].text) <= 2

    phones: list[Found] = []
    for first, last, joined in _segments(groups, len("+8613812345678")):
        if any(reserved[first : last + 1]) or (small and (stray(first - 1) or stray(last + 1))):
            continue
        if tuple(len(g.text) for g in groups[first : last + 1]) not in _PHONE_GROUPINGS:
            continue
        number = mobile(joined)
        if number is not None:
            phones.append(Found(number, (groups[first].start, groups[last].end)))
    return RunReading(
        ids=tuple(segment for _, _, segment in valid),
        id_shaped=tuple(segment for _, _, segment in shaped),
        phones=tuple(phones),
        compact=compact,
        span=run.span(),
    )


def readings(normalized: str) -> list[RunReading]:
    """Every digit run in normalised text, read, in text order."""
    return [read_run(run) for run in _RUN.finditer(spelled_digits(normalized))]


def without_long_runs(text: str, shortest: int = _MIN_SPELLED) -> str:
    """The text with every run of `shortest` digits or more blanked (a phone or an ID number, however typed:
    grouped, full-width, in characters, with look-alike letters), never a date or a sum."""
    spelled = spelled_digits(text)
    kept: list[str] = []
    at = 0
    for run in _RUN.finditer(spelled):
        if sum(char.isdigit() for char in run.group(0)) >= shortest:
            kept += [text[at : run.start()], " "]
            at = run.end()
    return "".join(kept) + text[at:]


def find_id_number(normalized: str) -> Found | None:
    """The first valid resident ID (18 characters, X upper-case)."""
    return next((found for reading in readings(normalized) for found in reading.ids), None)


def find_phone(normalized: str) -> Found | None:
    """The first mainland mobile, as E.164, outside every ID-like run."""
    return next((found for reading in readings(normalized) for found in reading.phones), None)


def id_problem(normalized: str) -> str | None:
    """Why the ID the user typed is wrong: judged on an ID-shaped segment if there is one, else on the
    longest run ("length")."""
    runs = readings(normalized)
    for reading in runs:
        if reading.ids:
            return None
    for reading in runs:
        if reading.id_shaped:
            return ids.problem(reading.id_shaped[0].value)
    longest = max((reading.compact for reading in runs), key=len, default="")
    return ids.problem(longest)
