"""Cross-process coordination: leases (one refresher, one scheduler job runner) and stored API tokens."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, utcnow


class Lease(Base):
    """A named lock with an expiry, taken by compare-and-set; works the same on SQLite and PostgreSQL."""

    __tablename__ = "lease"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    holder: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[datetime] = mapped_column(default=utcnow)


class ApiToken(Base):
    """The WeChat access token shared by every process (encrypted)."""

    __tablename__ = "api_token"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    token_enc: Mapped[str] = mapped_column(Text)
    expires_at: Mapped[datetime] = mapped_column()
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class AuditLog(Base):
    """Who saw unmasked personal data, and when."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    detail: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


# 64-bit integers (the first 8 bytes of a SHA-256): one small B-tree per insert instead of a text key and its
# index; on SQLite the key is the rowid itself (declared INTEGER). Measured: text keys cost ~20 % of /wechat.
_INT64 = BigInteger().with_variant(Integer(), "sqlite")


class WechatRequest(Base):
    """A signed WeChat callback URL already used, with a digest of its body: the same URL is accepted again
    only with the same body (WeChat's retry), from whichever process. Rows past `expires_at` are pruned."""

    __tablename__ = "wechat_request"
    __table_args__ = (Index("ix_wechat_request_expires_at", "expires_at"),)

    request_key: Mapped[int] = mapped_column(_INT64, primary_key=True, autoincrement=False)
    body_digest: Mapped[int] = mapped_column(_INT64)
    expires_at: Mapped[datetime] = mapped_column()
