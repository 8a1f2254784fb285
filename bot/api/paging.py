"""Keyset paging for the API's lists: `updated_since`, an opaque `cursor` and `limit`, on (updated_at, id).

A page is the rows after the cursor's key in (updated_at, id) order, so a row inserted or changed while an
integrator pages through a list comes later (its updated_at is newer), never shifts what follows and is never
skipped: the cursor of the last page, kept, is where the next sync starts. The cursor is the key of the last row
given, in URL-safe base64 with the list's name so that one list's cursor is refused by another; it grants
nothing, since every query carries the token's scope.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from multidict import MultiMapping
from sqlalchemy import ColumnElement, Select, and_, or_
from sqlalchemy.orm import InstrumentedAttribute

from bot.api.site import Problem

DEFAULT_LIMIT = 100
MAX_LIMIT = 500
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


@dataclass(frozen=True, slots=True)
class Key:
    updated_at: datetime
    id: int


@dataclass(frozen=True, slots=True)
class PageRequest:
    limit: int
    after: Key | None
    since: datetime | None


def _bad(name: str, message: str) -> Problem:
    return Problem(400, f"invalid_{name}", message)


def encode_cursor(kind: str, key: Key) -> str:
    micros = (key.updated_at - _EPOCH) // _MICROSECOND
    return base64.urlsafe_b64encode(f"{kind}:{micros}:{key.id}".encode()).decode().rstrip("=")


def decode_cursor(kind: str, text: str) -> Key:
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode("ascii")
        name, micros, row_id = raw.split(":")
        if name != kind or not micros.lstrip("-").isdigit() or not row_id.isdigit():
            raise ValueError(raw)
        return Key(_EPOCH + int(micros) * _MICROSECOND, int(row_id))
    except (ValueError, UnicodeDecodeError, binascii.Error, OverflowError):
        raise _bad("cursor", "the cursor is not one this list gave") from None


def parse_since(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise _bad("updated_since", "updated_since must be an ISO 8601 date-time, e.g. 2026-11-26T10:00:00+08:00") \
            from None
    if value.tzinfo is None:
        raise _bad("updated_since", "updated_since needs a time zone (Z or +08:00)")
    return value.astimezone(UTC)


def page_request(kind: str, query: MultiMapping[str]) -> PageRequest:
    raw_limit = query.get("limit")
    limit = DEFAULT_LIMIT
    if raw_limit is not None:
        if not raw_limit.isascii() or not raw_limit.isdigit() or not 1 <= int(raw_limit) <= MAX_LIMIT:
            raise _bad("limit", f"limit must be a whole number from 1 to {MAX_LIMIT}")
        limit = int(raw_limit)
    cursor = query.get("cursor")
    since = query.get("updated_since")
    return PageRequest(limit, decode_cursor(kind, cursor) if cursor is not None else None,
                       parse_since(since) if since is not None else None)


def keyset(stmt: Select[Any], page: PageRequest, updated_at: InstrumentedAttribute[datetime],
           row_id: InstrumentedAttribute[int]) -> Select[Any]:
    """`stmt` limited to the page (one row more than asked: whether there is a next page)."""
    conditions: list[ColumnElement[bool]] = []
    if page.since is not None:
        conditions.append(updated_at >= page.since)
    if page.after is not None:
        after = page.after
        conditions.append(or_(updated_at > after.updated_at, and_(updated_at == after.updated_at, row_id > after.id)))
    return stmt.where(*conditions).order_by(updated_at, row_id).limit(page.limit + 1)


def page_body(kind: str, items: list[dict[str, Any]], keys: list[Key], page: PageRequest) -> dict[str, Any]:
    """`items` (at most limit + 1, with their keys) as the answer: the next cursor follows the last item given,
    and stays null for an empty page (keep the one you have)."""
    shown = items[: page.limit]
    last = keys[len(shown) - 1] if shown else None
    return {"items": shown, "has_more": len(items) > page.limit,
            "next_cursor": encode_cursor(kind, last) if last is not None else None}
