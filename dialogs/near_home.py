"""The "near home" vocabulary (data/near_home.toml): the words each reader takes, and patterns built from them."""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Mapping
from importlib import resources


@functools.cache
def _data() -> Mapping[str, Mapping[str, str]]:
    text = resources.files("dialogs").joinpath("data", "near_home.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    known = {word for words in data["words"].values() for word in words.split()}
    for use, words in data["uses"].items():
        unknown = [word for word in words.split() if word not in known]
        if unknown:
            raise ValueError(f"near_home.toml: use {use!r} takes words not listed under [words]: {unknown}")
    return data


def words(use: str) -> tuple[str, ...]:
    """The words a reader takes (`use` names it in the file's [uses]), in the file's order."""
    return tuple(_data()["uses"][use].split())


def alternation(use: str) -> str:
    """The words of a use as a regular-expression alternation (to build a reader's pattern with)."""
    return "|".join(re.escape(word) for word in words(use))


@functools.cache
def pattern(use: str) -> re.Pattern[str]:
    return re.compile(alternation(use))
