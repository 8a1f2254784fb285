"""The survey's own vocabulary (data/vocabulary.toml): field names people use, correction cues, accepting the
SMS sender's number."""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Mapping
from importlib import resources
from typing import Any


@functools.cache
def _data() -> Mapping[str, Any]:
    text = resources.files("dialogs.flows.survey").joinpath("data", "vocabulary.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


@functools.cache
def field_name_pattern() -> re.Pattern[str]:
    """Any field name; the group name says which field (longest words first)."""
    pairs = [(word, key) for key, names in _data()["field_names"].items() for word in names.split()]
    pairs.sort(key=lambda pair: len(pair[0]), reverse=True)
    return re.compile("|".join(re.escape(word) for word, _ in pairs))


@functools.cache
def field_of_name() -> Mapping[str, str]:
    return {word: key for key, names in _data()["field_names"].items() for word in names.split()}


@functools.cache
def correction_cue() -> re.Pattern[str]:
    words = sorted(_data()["corrections"]["cues"].split(), key=len, reverse=True)
    return re.compile("|".join(re.escape(word) for word in words))


@functools.cache
def sender_accept() -> frozenset[str]:
    return frozenset(_data()["sender_phone"]["accept"].split())


@functools.cache
def declines() -> re.Pattern[str]:
    """要填吗 / 不想给老板电话: whether this must be answered, or not wanting to."""
    words = sorted(_data()["declines"]["words"].split(), key=len, reverse=True)
    return re.compile("|".join(re.escape(word) for word in words))


def synonyms(field: str, value: str) -> tuple[str, ...]:
    """The words that pick `value` at the choice question `field`."""
    return tuple(_data()["choices"][field][value].split())


def own_synonyms(field: str, value: str) -> tuple[str, ...]:
    """Words that pick `value` at `field` only, beside the words its kind of question shares (yes/no)."""
    return tuple((_data()["choices"].get(field) or {}).get(value, "").split())


def words_of(section: str) -> tuple[str, ...]:
    """The `words` list of a section of data/vocabulary.toml."""
    return tuple(_data()[section]["words"].split())


def plain_work() -> Mapping[str, str]:
    """Work said in plain words (力气活) and the job types it means (普工、搬运工)."""
    return {str(words): str(jobs) for words, jobs in _data()["plain_work"].items()}


def passing(field: str) -> dict[str, tuple[str, ...]]:
    """Words that pick a choice even when said at another question, by value."""
    return {value: tuple(words.split()) for value, words in _data()["passing"].get(field, {}).items()}


@functools.cache
def scope_areas(scope: str) -> tuple[str, ...]:
    """The words naming an area one would work in, by the form's scope (县里: home_county)."""
    return tuple(_data()["scope_areas"][scope].split())


def id_card_not_at_hand(text: str) -> bool:
    """身份证没带在身上, 身份证在家里: the ID number will come later (not a refusal, not a don't-know)."""
    said = text.replace(" ", "")
    if not any(word in said for word in _data()["id_not_at_hand"]["card"].split()):
        return False
    return any(word in said for word in words_of("id_not_at_hand"))


_NAMES_THE_NEW_ONE = re.compile(r"叫|是|名字")


def new_boss_only(text: str) -> bool:
    """厂里换了个老板 我还在这干: the same job under a new boss, the new employer's name not said (叫/是 would)."""
    said = text.replace(" ", "")
    return any(word in said for word in words_of("new_boss")) and _NAMES_THE_NEW_ONE.search(said) is None
