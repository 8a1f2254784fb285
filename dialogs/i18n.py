"""Message catalogs: a folder of TOML files per locale (one file per feature), flattened to dotted keys;
missing or doubly defined keys fail loudly."""

from __future__ import annotations

import string
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from dialogs.types import Outbound

DEFAULT_LOCALE = "zh_CN"
LOCALES: tuple[str, ...] = ("zh_CN", "en")
# SMS renders the `sms.<key>` variant when the catalog has one (shorter text, numbered options inline).
SMS_PREFIX = "sms."


class CatalogError(LookupError):
    """A key or a locale is missing, or a template's parameters do not match."""


def _flatten(prefix: str, table: Mapping[str, Any], out: dict[str, str]) -> None:
    for key, value in table.items():
        full = f"{prefix}{key}"
        if isinstance(value, Mapping):
            _flatten(full + ".", value, out)
        elif isinstance(value, str):
            out[full] = value
        else:
            raise CatalogError(f"catalog value for {full} must be a string")


@dataclass(frozen=True, slots=True)
class Catalog:
    locale: str
    messages: Mapping[str, str]

    def get(self, key: str, channel: str = "wechat") -> str:
        if channel == "sms":
            variant = self.messages.get(SMS_PREFIX + key)
            if variant is not None:
                return variant
        try:
            return self.messages[key]
        except KeyError:
            raise CatalogError(f"missing message {key!r} in locale {self.locale}") from None

    def __contains__(self, key: str) -> bool:
        return key in self.messages


@cache
def catalog(locale: str) -> Catalog:
    if locale not in LOCALES:
        raise CatalogError(f"unknown locale {locale!r}")
    folder = resources.files("locales").joinpath(locale)
    flat: dict[str, str] = {}
    # messages.toml holds the common keys; each feature keeps its own file beside it (checkin.toml, …).
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".toml")), key=lambda f: f.name)
    for file in files:
        part: dict[str, str] = {}
        _flatten("", tomllib.loads(file.read_text(encoding="utf-8")), part)
        twice = sorted(part.keys() & flat.keys())
        if twice:
            raise CatalogError(f"locale {locale}: {file.name} defines keys defined in another file: {twice[:5]}")
        flat |= part
    if not flat:
        raise CatalogError(f"locale {locale} has no catalog files")
    return Catalog(locale, flat)


def template_fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def validate_catalogs() -> None:
    """Every locale has the same keys with the same parameters. Called at start-up and by a test."""
    reference = catalog(DEFAULT_LOCALE)
    for locale in LOCALES:
        other = catalog(locale)
        missing = set(reference.messages) - set(other.messages)
        extra = set(other.messages) - set(reference.messages)
        if missing or extra:
            raise CatalogError(f"locale {locale}: missing {sorted(missing)}, extra {sorted(extra)}")
        for key, template in reference.messages.items():
            if template_fields(template) != template_fields(other.messages[key]):
                raise CatalogError(f"locale {locale}: parameters of {key!r} differ from {DEFAULT_LOCALE}")


# (locale, key, channel, options) -> (the catalog it was rendered from, the text) of messages without parameters:
# most replies (the menu, the questions, 好的 收到) are the same text every time. Bounded by the catalogs' keys.
_RENDERED: dict[tuple[str, str, str, tuple[str, ...]], tuple[Catalog, str]] = {}


def render(message: Outbound, locale: str, channel: str) -> str:
    """The text a person sees on a channel."""
    if message.text is not None:
        return message.text
    if message.key is None:
        raise CatalogError("an outbound message needs a key or text")
    cat = catalog(locale)
    if message.params or type(message.options) is not tuple:  # (a list of options is no key)
        return _render(cat, message, channel)
    kept = (locale, message.key, channel, message.options)
    hit = _RENDERED.get(kept)
    if hit is not None and hit[0] is cat:  # (a catalog loaded again, as tests do, is rendered again)
        return hit[1]
    text = _render(cat, message, channel)
    _RENDERED[kept] = (cat, text)
    return text


def _render(cat: Catalog, message: Outbound, channel: str) -> str:
    assert message.key is not None
    try:
        body = cat.get(message.key, channel).format(**message.params)
    except KeyError as exc:
        raise CatalogError(f"message {message.key!r} needs parameter {exc}") from None
    if not message.options:
        return body
    labels = [cat.get(option, channel) for option in message.options]
    if channel == "sms":
        return body + " " + " ".join(f"{i}{label}" for i, label in enumerate(labels, 1))
    return body + "\n" + "\n".join(f"{i}. {label}" for i, label in enumerate(labels, 1))
