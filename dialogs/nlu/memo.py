"""The memos of readings of short messages, and their rule: what may be kept in memory, and the decorator."""

from __future__ import annotations

import functools
import inspect
import marshal
from collections.abc import Callable, Hashable
from typing import Any, TypeVar, cast

Reading = TypeVar("Reading", bound=Callable[..., Any])

# Short messages repeat across people all day (1, 2, 是, 好的, 你好, 人工): their readings are kept. Only
# messages too short to hold a phone or ID number are kept, so no sensitive number stays in these memos.
MEMO_MAX_CHARS = 16
MEMO_MAX_NUMERALS = 6
# How many readings one memo keeps (its values are small: a bool, a short text, a frozen value).
MEMO_MAX_KEPT = 4096
# The last text let in: one message is read ~15 times per step, mostly as the same string object, and the
# rule's count of numerals was ~5 % of the step. It passed the rule, so keeping it here keeps nothing the memos
# may not keep (and only a text that passed is ever stored here, whichever thread stores it).
_last_kept = ""


def may_keep(text: str) -> bool:
    """The memos' rule: at most MEMO_MAX_CHARS characters, of which at most MEMO_MAX_NUMERALS numerals."""
    global _last_kept
    if text is _last_kept or len(text) <= MEMO_MAX_NUMERALS:  # (that short, it cannot hold more numerals)
        return True
    if len(text) <= MEMO_MAX_CHARS and sum(map(str.isnumeric, text)) <= MEMO_MAX_NUMERALS:
        _last_kept = text
        return True
    return False


def short_memo(read: Reading) -> Reading:
    """A reading of one message memoised for short messages, under the rule above. The survey and the menus
    ask one message several questions (yes or no? a question? a request to register?); short replies (好的, 1,
    不知道) repeat. Only for readings that return a bool, text or a frozen value, and depend on nothing but
    their arguments."""
    if list(inspect.signature(read).parameters) == ["text"]:
        return _text_memo(read)
    cached = functools.lru_cache(maxsize=MEMO_MAX_KEPT)(read)

    def reading(text: str, *args: Any, **kwargs: Any) -> Any:
        if len(text) <= MEMO_MAX_NUMERALS or may_keep(text):  # (the first test is may_keep's own, inlined)
            return cached(text, *args, **kwargs)
        return read(text, *args, **kwargs)

    reading.cache_info = cached.cache_info  # type: ignore[attr-defined]
    reading.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
    return cast(Reading, functools.update_wrapper(reading, read))


def _text_memo(read: Reading) -> Reading:
    """`short_memo` of a reading of the text alone (most of them; ~17 calls a message): the text looked up in a
    dict first, the rule asked only of a text not kept (a text kept passed it when it was kept). A look-up that
    finds it is one dict access, where the rule's test and `lru_cache`'s wrapper cost about twice the reading's
    whole call. Full, the dict is emptied (as `copied_memo`'s): the readings are pure, so what a caller gets is
    the same either way."""
    kept: dict[str, Any] = {}

    def reading_text(text: str) -> Any:
        try:
            return kept[text]
        except KeyError:
            pass
        value = read(text)
        if len(text) <= MEMO_MAX_NUMERALS or may_keep(text):
            if len(kept) >= MEMO_MAX_KEPT:
                kept.clear()
            kept[text] = value
        return value

    def cache_info() -> functools._CacheInfo:
        return functools._CacheInfo(0, 0, MEMO_MAX_KEPT, len(kept))  # (hits and misses are not counted)

    reading_text.cache_info = cache_info  # type: ignore[attr-defined]
    reading_text.cache_clear = kept.clear  # type: ignore[attr-defined]
    return cast(Reading, functools.update_wrapper(reading_text, read))


Keyed = TypeVar("Keyed", bound=Callable[..., Any])


def copied_memo(key: Callable[..., Hashable | None]) -> Callable[[Keyed], Keyed]:
    """A reading that returns JSON data (dicts, lists, scalars), memoised under `key(*args, **kwargs)` (None: not
    kept). Each caller gets its own deep copy of the kept value (marshal, in C), so a caller may change what it
    got. `key` must hold everything the result depends on, and keep only what the rule above lets the memos keep
    (`may_keep` of the message's text). A value marshal does not take as it is (a StrEnum) is never kept."""

    def decorate(read: Keyed) -> Keyed:
        kept: dict[Hashable, bytes] = {}

        def reading(*args: Any, **kwargs: Any) -> Any:
            k = key(*args, **kwargs)
            if k is None:
                return read(*args, **kwargs)
            packed = kept.get(k)
            if packed is None:
                value = read(*args, **kwargs)
                try:
                    packed = marshal.dumps(value, 2)
                except ValueError:
                    return value
                if len(kept) >= MEMO_MAX_KEPT:
                    kept.clear()
                kept[k] = packed
                return value
            return marshal.loads(packed)  # noqa: S302 (our own bytes, made above)

        reading.cache_clear = kept.clear  # type: ignore[attr-defined]
        reading.kept_count = kept.__len__  # type: ignore[attr-defined]
        return cast(Keyed, functools.update_wrapper(reading, read))

    return decorate


class Same:
    """An object in a memo's key by identity (a form: hashing its dataclass fields costs more than the reading).
    The key holds the object, so its id is not reused while the key is kept."""

    __slots__ = ("obj",)

    def __init__(self, obj: object) -> None:
        self.obj = obj

    def __hash__(self) -> int:
        return id(self.obj)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Same) and other.obj is self.obj


def understood_key(understanding: Any) -> Hashable | None:
    """`copied_memo`'s key for a reading of one understanding alone (a frozen `Understanding`: equal ones read
    alike), kept under the rule above."""
    return understanding if may_keep(understanding.text) else None


def text_key(text: str) -> Hashable | None:
    """`copied_memo`'s key for a reading of the message's text alone, kept under the rule above."""
    return text if may_keep(text) else None


def form_text_key(form: object, text: str, current: str | None = None) -> Hashable | None:
    """`copied_memo`'s key for a reading of a form (by identity), a message and the field asked."""
    return (Same(form), text, current) if may_keep(text) else None
