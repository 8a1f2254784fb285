"""Tokens of the integration API (/api/v1): who an integrator is, which divisions it sees, what it may do.

Only the SHA-256 of a token is stored: the token is 32 random bytes, so a fast hash is as good as a slow one
(nothing to guess), and a stolen database gives no usable token. The table is not `api_token`: that name holds
the WeChat access token shared by the processes (storage/models/system.py).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, JsonType, utcnow


class IntegrationToken(Base):
    """One integrator's bearer token: its name (the audit log's actor), division codes and scopes."""

    __tablename__ = "integration_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # Division codes (a code covers its whole subtree) and scopes (read, write).
    divisions: Mapped[list[str]] = mapped_column(JsonType, default=list)
    scopes: Mapped[list[str]] = mapped_column(JsonType, default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(default=None)
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)
