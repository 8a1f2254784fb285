"""Vocabulary as data: the word lists in dialogs/nlu/data/*.toml, read once and shared.

Each file groups words by what they mean to the rules (dialect forms, agreement, don't-know, hedges,
place aliases, field names, other people). A list is written either as a TOML array or as one string of
space-separated words; a mapping as a TOML table. Editing the vocabulary never needs a code change.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Mapping
from importlib import resources
from typing import Any


@functools.cache
def lexicon(name: str) -> Mapping[str, Any]:
    """The parsed file dialogs/nlu/data/<name>.toml."""
    text = resources.files("dialogs.nlu").joinpath("data").joinpath(f"{name}.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _section(name: str, key: str) -> Any:
    node: Any = lexicon(name)
    for part in key.split("."):
        node = node[part]
    return node


@functools.cache
def words(name: str, key: str) -> tuple[str, ...]:
    """A word list (`a b c` or ["a", "b"]), in file order."""
    value = _section(name, key)
    items = value.split() if isinstance(value, str) else [str(item) for item in value]
    return tuple(items)


@functools.cache
def word_set(name: str, key: str) -> frozenset[str]:
    return frozenset(words(name, key))


@functools.cache
def mapping(name: str, key: str) -> Mapping[str, str]:
    """A table of word -> replacement or value."""
    return {str(k): str(v) for k, v in _section(name, key).items()}


@functools.cache
def alternation(name: str, key: str) -> str:
    """A non-capturing regex alternation of the words, longest first (so 莫得 wins over 莫)."""
    return "(?:" + "|".join(re.escape(w) for w in sorted(words(name, key), key=len, reverse=True)) + ")"


@functools.cache
def rewrites(name: str, key: str) -> Mapping[str, str]:
    """A section of groups of `from=to` pairs (space-separated), merged into one mapping."""
    merged: dict[str, str] = {}
    for group in _section(name, key).values():
        for pair in group.split():
            source, _, target = pair.partition("=")
            merged[source] = target
    return merged
