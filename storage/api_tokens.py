"""Integration API tokens: made once and shown once, stored as a SHA-256 only, looked up by that hash, revoked.

A token is 32 random bytes (URL-safe base64 behind a `jy_` prefix that secret scanners can be taught): with
that much entropy a single fast hash is enough, and the look-up is one indexed equality. Repositories take a
session and never commit.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import AuditLog, IntegrationToken
from storage.scope import SUPERVISOR, Viewer, minimal_codes

READ, WRITE = "read", "write"
# Full ID and phone numbers in what the token reads (masked otherwise): granted by the operator who makes the
# token, as `jiuye export --unmasked` is chosen by the operator who runs it, and audited on every read.
UNMASKED = "unmasked"
SCOPES = (READ, WRITE, UNMASKED)
PREFIX = "jy_"
# At most 58 characters: the audit log names the actor "token:NAME" in 64.
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,57}")
# last_used_at is written at most this often per token: not one UPDATE per API call.
_TOUCH_EVERY = timedelta(minutes=1)


class TokenRefused(ValueError):
    """A token that cannot be made or revoked as asked: the message says why."""


@dataclass(frozen=True, slots=True)
class Integrator:
    """Who called, as the API sees it: the token's name (the audit log's actor), scope and divisions."""

    token_id: int
    name: str
    divisions: tuple[str, ...]
    scopes: frozenset[str]

    @property
    def viewer(self) -> Viewer:
        """The token sees like a supervisor over its divisions (each code with its subtree); nothing is
        assigned to it, so it sees no one outside them."""
        return Viewer(caseworker_id=None, role=SUPERVISOR, divisions=self.divisions)

    @property
    def actor(self) -> str:
        return f"token:{self.name}"

    def may(self, scope: str) -> bool:
        return scope in self.scopes


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def parse_scopes(text: str) -> frozenset[str]:
    scopes = frozenset(part.strip() for part in text.split(",") if part.strip())
    if not scopes or not scopes <= set(SCOPES) or (UNMASKED in scopes and READ not in scopes):
        raise TokenRefused(f"scopes must be read, write or both, with unmasked only beside read (got {text!r})")
    return scopes


async def create(session: AsyncSession, *, name: str, divisions: tuple[str, ...], scopes: frozenset[str],
                 now: datetime, granted_by: str = "operator") -> str:
    """A new token; the only time its text exists outside the caller's hands is this return value. Granting
    full numbers (`unmasked`) is written to the audit log under `granted_by`, like an unmasked export."""
    if not _NAME.fullmatch(name):
        raise TokenRefused("the name is 1-58 letters, digits, '.', '_' or '-', starting with a letter or digit")
    if not divisions:
        raise TokenRefused("a token needs at least one division")
    if await session.scalar(select(IntegrationToken.id).where(IntegrationToken.name == name)) is not None:
        raise TokenRefused(f"a token named {name!r} exists already (revoke it, or choose another name)")
    token = PREFIX + secrets.token_urlsafe(32)
    session.add(IntegrationToken(name=name, token_hash=token_hash(token), divisions=list(minimal_codes(divisions)),
                                 scopes=sorted(scopes), created_at=now))
    if UNMASKED in scopes:
        session.add(AuditLog(actor=granted_by[:64], action="api_token_unmasked", created_at=now,
                             detail=json.dumps({"token": name, "divisions": list(minimal_codes(divisions))})))
    await session.flush()
    return token


async def listing(session: AsyncSession) -> list[IntegrationToken]:
    return list(await session.scalars(select(IntegrationToken).order_by(IntegrationToken.name)))


async def revoke(session: AsyncSession, name: str, *, now: datetime) -> None:
    result = await session.execute(
        update(IntegrationToken).where(IntegrationToken.name == name, IntegrationToken.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    if not result.rowcount:  # type: ignore[attr-defined]
        raise TokenRefused(f"no active token named {name!r}")


async def authenticate(session: AsyncSession, token: str, *, now: datetime) -> Integrator | None:
    """The integrator a presented token belongs to; None when unknown or revoked."""
    if not token.startswith(PREFIX) or len(token) > 128:
        return None
    row = await session.scalar(select(IntegrationToken).where(IntegrationToken.token_hash == token_hash(token)))
    if row is None or row.revoked_at is not None:
        return None
    if row.last_used_at is None or now - row.last_used_at >= _TOUCH_EVERY:
        row.last_used_at = now
    return Integrator(row.id, row.name, tuple(row.divisions), frozenset(row.scopes))
