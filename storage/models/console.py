"""The caseworker console: passwords of console accounts, their sessions, failed logins by address, and the
contacts and visits caseworkers record.

Accounts are `caseworker` rows (caseworkers, supervisors and administrators): a password makes one a console
account. Only hashes are stored: argon2 for passwords, SHA-256 for session tokens (a random 256-bit token needs
no slow hash), a blind index for the client address of a failed login.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, utcnow


class ConsoleLogin(Base):
    """A caseworker's console password (argon2) and the count of failed logins that locks the account."""

    __tablename__ = "console_login"

    caseworker_id: Mapped[int] = mapped_column(ForeignKey("caseworker.id", ondelete="CASCADE"), primary_key=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    password_set_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Failed logins since the last success or lock; the fifth locks the account until `locked_until`.
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None] = mapped_column(default=None)
    last_login_at: Mapped[datetime | None] = mapped_column(default=None)


class ConsoleSession(Base):
    """A signed-in browser: the SHA-256 of the cookie's random token, its absolute expiry and the last request
    (the idle timeout counts from it)."""

    __tablename__ = "console_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    caseworker_id: Mapped[int] = mapped_column(ForeignKey("caseworker.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class LoginFailure(Base):
    """One failed login from a client address (blind index): too many from one address in a window are refused
    before any password is checked, so that trying phone numbers is not free."""

    __tablename__ = "console_login_failure"
    __table_args__ = (Index("ix_console_login_failure_address_at", "address_hash", "failed_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    address_hash: Mapped[str] = mapped_column(String(64))
    failed_at: Mapped[datetime] = mapped_column(default=utcnow)


class ContactRecord(Base):
    """Something a caseworker did for a laborer, recorded in the console: a contact (phone, WeChat, in person), a
    visit (走访), or a part of a case's service package (a job referral, a career-guidance talk, a training
    offer). The note is encrypted: caseworkers write personal circumstances in it."""

    __tablename__ = "contact_record"
    __table_args__ = (Index("ix_contact_record_case_kind", "case_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("assistance_case.id", ondelete="SET NULL"), default=None)
    caseworker_id: Mapped[int] = mapped_column(ForeignKey("caseworker.id", ondelete="RESTRICT"))
    # contact / visit / job_referral / guidance_talk / training_offer
    kind: Mapped[str] = mapped_column(String(16))
    # phone / wechat / sms / in_person
    channel: Mapped[str | None] = mapped_column(String(16), default=None)
    note_enc: Mapped[str | None] = mapped_column(Text, default=None)
    at: Mapped[datetime] = mapped_column(default=utcnow)
