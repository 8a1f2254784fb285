"""Console accounts: passwords (argon2), login with lock-out and a per-address limit, sessions in the database.

A login is refused alike whatever went wrong (unknown phone, no password set, wrong password, account locked):
the page never tells which, and an unknown phone costs the same argon2 verification as a known one, so that the
answer and its timing say nothing about who has an account. Five failures lock the account for 15 minutes;
twenty failures from one client address in 15 minutes refuse that address before any password is checked.
Every login, failed or not, is written to `audit_log` (never the password).

Hashing takes ~0.2 s of CPU by design: it runs in a worker thread (`asyncio.to_thread`), never on the loop.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from dialogs import nlu
from storage.crypto import FieldCipher, mask_phone
from storage.models import AuditLog, Caseworker, CaseworkerDivision, ConsoleLogin, ConsoleSession, LoginFailure
from storage.scope import ADMIN, Viewer, minimal_codes

log = logging.getLogger(__name__)

MIN_PASSWORD = 10
MAX_PASSWORD = 128
LOCK_AFTER = 5
LOCK_FOR = timedelta(minutes=15)
ADDRESS_LIMIT = 20
ADDRESS_WINDOW = timedelta(minutes=15)
SESSION_LIFETIME = timedelta(hours=12)
SESSION_IDLE = timedelta(hours=2)
# A session's last request is written at most this often (not one write per page view).
TOUCH_EVERY = timedelta(minutes=1)

_hasher = PasswordHasher()


class PasswordRefused(ValueError):
    """The password does not meet the policy; the message says why (never the password)."""


class AccountNotFound(LookupError):
    """No caseworker with this phone number (import them first, or add an administrator)."""


def check_policy(password: str, phone: str) -> None:
    """At least 10 characters (128 at most), not one character repeated, not the phone number."""
    if len(password) < MIN_PASSWORD:
        raise PasswordRefused(f"the password must have at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise PasswordRefused(f"the password must have at most {MAX_PASSWORD} characters")
    if len(set(password)) < 4:
        raise PasswordRefused("the password must not be a few characters repeated")
    digits = phone.removeprefix("+86")
    if digits in password:
        raise PasswordRefused("the password must not contain the phone number")


async def hash_password(password: str) -> str:
    return await asyncio.to_thread(_hasher.hash, password)


def _verify(stored: str, password: str) -> bool:
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


@cache
def _decoy_hash() -> str:
    """A hash nobody knows the password of: verified for unknown accounts, so that they take as long."""
    return _hasher.hash(secrets.token_urlsafe(24))


async def verify_password(stored: str | None, password: str) -> bool:
    """Whether the password matches; as slow for a missing hash (`None`) as for a real one."""
    if stored is None:
        await asyncio.to_thread(_verify, _decoy_hash(), password)
        return False
    return await asyncio.to_thread(_verify, stored, password)


def normalise_phone(text: str) -> str | None:
    """A mainland mobile in any common notation as E.164 (+8613800138000), None when it is not one."""
    return nlu.parse_phone(text.strip()[:40]) if text.strip() else None


async def _caseworker_by_phone(session: AsyncSession, cipher: FieldCipher, phone: str) -> Caseworker | None:
    found: Caseworker | None = await session.scalar(
        select(Caseworker).where(Caseworker.phone_hash == cipher.blind_index("phone", phone)))
    return found


# -- operator commands (jiuye users …) ---------------------------------------------------------------------

async def set_password(
    sessions: async_sessionmaker[AsyncSession], cipher: FieldCipher, *, phone_text: str, password: str, now: datetime,
) -> Caseworker:
    """Give the caseworker with this phone a console password (replacing any), unlock them and end their
    sessions. Raises AccountNotFound, PasswordRefused."""
    phone = normalise_phone(phone_text)
    if phone is None:
        raise AccountNotFound("not a mainland mobile number")
    check_policy(password, phone)
    hashed = await hash_password(password)
    async with sessions() as session, session.begin():
        caseworker = await _caseworker_by_phone(session, cipher, phone)
        if caseworker is None or caseworker.role == "unassigned":
            raise AccountNotFound("no caseworker with this phone number: import them, or add an administrator")
        login = await session.get(ConsoleLogin, caseworker.id)
        if login is None:
            session.add(ConsoleLogin(caseworker_id=caseworker.id, password_hash=hashed, password_set_at=now))
        else:
            login.password_hash, login.password_set_at = hashed, now
            login.failed_logins, login.locked_until = 0, None
        await session.execute(delete(ConsoleSession).where(ConsoleSession.caseworker_id == caseworker.id))
        session.add(AuditLog(actor=f"caseworker:{caseworker.id}", action="console_password_set",
                             detail=json.dumps({"by": "cli"}), created_at=now))
    return caseworker


async def add_admin(
    sessions: async_sessionmaker[AsyncSession], cipher: FieldCipher, *, phone_text: str, name: str, now: datetime,
) -> tuple[Caseworker, bool]:
    """Make the account with this phone an administrator (created when nobody has the phone); returns it and
    whether it was created. An administrator sees every division."""
    phone = normalise_phone(phone_text)
    if phone is None:
        raise AccountNotFound("not a mainland mobile number")
    name = name.strip()[:64]
    if not name:
        raise ValueError("the name must not be empty")
    async with sessions() as session, session.begin():
        caseworker = await _caseworker_by_phone(session, cipher, phone)
        created = caseworker is None
        if caseworker is None:
            caseworker = Caseworker(name=name, phone_enc=cipher.encrypt(phone),
                                    phone_hash=cipher.blind_index("phone", phone), role=ADMIN, imported_at=now)
            session.add(caseworker)
        else:
            caseworker.name, caseworker.role, caseworker.active = name, ADMIN, True
        await session.flush()
        session.add(AuditLog(actor=f"caseworker:{caseworker.id}", action="console_admin_added",
                             detail=json.dumps({"by": "cli", "created": created}), created_at=now))
    return caseworker, created


# -- login -------------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class LoginOutcome:
    """`token` is set when the login succeeded; `throttled` when the address made too many attempts."""

    token: str | None = None
    caseworker_id: int | None = None
    throttled: bool = False


def _address_hash(cipher: FieldCipher, address: str) -> str:
    return cipher.blind_index("console-address", address)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def _audit(session: AsyncSession, actor: str, action: str, now: datetime, **detail: object) -> None:
    session.add(AuditLog(actor=actor[:64], action=action, detail=json.dumps(detail, ensure_ascii=False),
                         created_at=now))


async def login(
    sessions: async_sessionmaker[AsyncSession], cipher: FieldCipher, *, phone_text: str, password: str,
    address: str, now: datetime,
) -> LoginOutcome:
    """Check a login; on success a new session's token (the cookie's value, stored only as its hash)."""
    address_key = _address_hash(cipher, address)
    async with sessions() as session:
        recent = await session.scalar(select(func.count()).select_from(LoginFailure).where(
            LoginFailure.address_hash == address_key, LoginFailure.failed_at > now - ADDRESS_WINDOW))
    if (recent or 0) >= ADDRESS_LIMIT:
        async with sessions() as session, session.begin():
            await _audit(session, "unknown", "console_login_throttled", now, address=address_key[:12])
        log.warning("console: login refused, too many failures from one address")
        return LoginOutcome(throttled=True)
    phone = normalise_phone(phone_text)
    async with sessions() as session:
        row = None
        if phone is not None:
            row = (await session.execute(
                select(Caseworker.id, ConsoleLogin.password_hash, ConsoleLogin.locked_until)
                .join(ConsoleLogin, ConsoleLogin.caseworker_id == Caseworker.id)
                .where(Caseworker.phone_hash == cipher.blind_index("phone", phone), Caseworker.active.is_(True))
            )).first()
    caseworker_id = row[0] if row is not None else None
    locked = row is not None and row[2] is not None and row[2] > now
    # Checked whatever the account's state: the time taken must not tell a locked or unknown account apart.
    matches = await verify_password(row[1] if row is not None else None, password[:MAX_PASSWORD * 4])
    masked = mask_phone(phone) if phone else None
    async with sessions() as session, session.begin():
        if matches and not locked and caseworker_id is not None:
            await session.execute(update(ConsoleLogin).where(ConsoleLogin.caseworker_id == caseworker_id)
                                  .values(failed_logins=0, locked_until=None, last_login_at=now))
            token = secrets.token_urlsafe(32)
            session.add(ConsoleSession(token_hash=token_hash(token), caseworker_id=caseworker_id, created_at=now,
                                       last_seen_at=now, expires_at=now + SESSION_LIFETIME))
            await _audit(session, f"caseworker:{caseworker_id}", "console_login", now, address=address_key[:12])
            log.info("console: caseworker %d logged in", caseworker_id)
            return LoginOutcome(token=token, caseworker_id=caseworker_id)
        session.add(LoginFailure(address_hash=address_key, failed_at=now))
        reason = "no_account" if caseworker_id is None else "locked" if locked else "wrong_password"
        if reason == "wrong_password":
            # One statement: failures at the same moment from several requests all count.
            failures = (await session.execute(
                update(ConsoleLogin).where(ConsoleLogin.caseworker_id == caseworker_id)
                .values(failed_logins=ConsoleLogin.failed_logins + 1).returning(ConsoleLogin.failed_logins)
            )).scalar_one()
            if failures >= LOCK_AFTER:
                await session.execute(update(ConsoleLogin).where(ConsoleLogin.caseworker_id == caseworker_id)
                                      .values(failed_logins=0, locked_until=now + LOCK_FOR))
                reason = "wrong_password_locked"
        actor = f"caseworker:{caseworker_id}" if caseworker_id is not None else "unknown"
        await _audit(session, actor, "console_login_failed", now, reason=reason, phone=masked,
                     address=address_key[:12])
    log.info("console: login refused (%s)", reason)
    return LoginOutcome()


# -- sessions ----------------------------------------------------------------------------------------------

async def viewer_for(
    sessions: async_sessionmaker[AsyncSession], token: str, now: datetime,
    reads: async_sessionmaker[AsyncSession] | None = None,
) -> tuple[Viewer, str] | None:
    """The signed-in viewer and their name for a session cookie's token; None when the session is unknown,
    expired, idle too long, or its account inactive (or without a password any more). Looked up through
    `reads` when given (no write lock on SQLite); the last request's time is written at most once a minute."""
    if not token or len(token) > 128:
        return None
    key = token_hash(token)
    async with (reads or sessions)() as session:
        row = (await session.execute(
            select(ConsoleSession.id, ConsoleSession.last_seen_at, ConsoleSession.expires_at, Caseworker.id,
                   Caseworker.role, Caseworker.name, Caseworker.active)
            .join(Caseworker, Caseworker.id == ConsoleSession.caseworker_id)
            .join(ConsoleLogin, ConsoleLogin.caseworker_id == Caseworker.id)
            .where(ConsoleSession.token_hash == key)
        )).first()
        if row is None:
            return None
        session_id, last_seen, expires, caseworker_id, role, name, active = row
        if not active or expires <= now or last_seen + SESSION_IDLE <= now:
            return None
        codes = await session.scalars(select(CaseworkerDivision.division)
                                      .where(CaseworkerDivision.caseworker_id == caseworker_id))
        viewer = Viewer(caseworker_id=caseworker_id, role=role, divisions=minimal_codes(codes))
    if now - last_seen >= TOUCH_EVERY:
        async with sessions() as session, session.begin():
            await session.execute(update(ConsoleSession).where(ConsoleSession.id == session_id)
                                  .values(last_seen_at=now))
    return viewer, name


async def end_session(sessions: async_sessionmaker[AsyncSession], token: str, now: datetime) -> None:
    """Log out: the session row goes (its cookie is worth nothing after), with the expired ones."""
    async with sessions() as session, session.begin():
        await session.execute(delete(ConsoleSession).where(
            (ConsoleSession.token_hash == token_hash(token)) | (ConsoleSession.expires_at <= now)))


def csrf_token(key: bytes, session_token: str) -> str:
    """The form token of a session: derived from its cookie's token, so it is stored nowhere and differs per
    session; another site can read neither."""
    return hmac.new(key, b"console-csrf:" + session_token.encode(), hashlib.sha256).hexdigest()[:32]


def csrf_matches(key: bytes, session_token: str, offered: str) -> bool:
    return hmac.compare_digest(csrf_token(key, session_token).encode(), offered.encode()[:64])
