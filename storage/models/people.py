"""People and the channel accounts (WeChat openid, SMS phone) that reach them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint, false, text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, utcnow


class Person(Base):
    """One laborer, whatever channels they use."""

    __tablename__ = "person"
    # The few simulated people, found without reading every person (the console's scope leaves them out).
    __table_args__ = (
        Index("ix_person_simulated", "id", sqlite_where=text("simulated = 1"), postgresql_where=text("simulated")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    locale: Mapped[str] = mapped_column(String(16), default="zh_CN")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Opt-out from messages they did not ask for (退订/TD); replies to their own messages still go out.
    opted_out_at: Mapped[datetime | None] = mapped_column(default=None)
    opted_out_channel: Mapped[str | None] = mapped_column(String(16), default=None)
    consent_at: Mapped[datetime | None] = mapped_column(default=None)
    consent_version: Mapped[str | None] = mapped_column(String(16), default=None)
    consent_refused_at: Mapped[datetime | None] = mapped_column(default=None)
    # Created by the chat simulator: never linked with a real person, a roster entry or a real form, never
    # sent anything through a real gateway; check-ins, alerts, pushes, the console and exports leave them out.
    simulated: Mapped[bool] = mapped_column(default=False, server_default=false())
    # Bumped by triggers (migration 0015) on every write that can change what a check-in's dialog step reads
    # besides the conversation: a prepared check-in is released only at the version it was computed from.
    facts_version: Mapped[int] = mapped_column(server_default=text("0"))
    # Their personal data was erased (consent withdrawn, PIPL art. 47; bot/erasure.py): the row stays as a tombstone
    # so that counts and the kept records' keys hold; nothing reaches them again (migration 0018).
    erased_at: Mapped[datetime | None] = mapped_column(default=None)


class ChannelAccount(Base):
    """An address on one channel. The address is encrypted; `address_hash` is its blind index."""

    __tablename__ = "channel_account"
    __table_args__ = (UniqueConstraint("channel", "address_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    channel: Mapped[str] = mapped_column(String(16))
    address_hash: Mapped[str] = mapped_column(String(64))
    address_enc: Mapped[str] = mapped_column(String(512))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_inbound_at: Mapped[datetime | None] = mapped_column(default=None)
    # WeChat: unsubscribed users get nothing more on WeChat.
    unsubscribed_at: Mapped[datetime | None] = mapped_column(default=None)


class Conversation(Base):
    """Per-person dialog state as JSON. Its row is the per-person lock on PostgreSQL."""

    __tablename__ = "conversation"

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), primary_key=True)
    state: Mapped[dict[str, Any]] = mapped_column(default=dict)
    version: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class EventLog(Base):
    """Domain events the dialogs emitted (opt-out, hand-over, …), for audit and for later consumers."""

    __tablename__ = "event_log"
    __table_args__ = (Index("ix_event_log_kind_created", "kind", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"), index=True)
    kind: Mapped[str] = mapped_column(String(48))
    channel: Mapped[str | None] = mapped_column(String(16))
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
