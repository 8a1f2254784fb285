"""Inbound messages (de-duplication, replay of the first reply) and the outbox."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, utcnow


class InboundMessage(Base):
    """Everything a person sent, encrypted; (channel, dedup_key) makes retried deliveries idempotent."""

    __tablename__ = "inbound_message"
    __table_args__ = (UniqueConstraint("channel", "dedup_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    dedup_key: Mapped[str] = mapped_column(String(128))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    body_enc: Mapped[str | None] = mapped_column(Text, default=None)
    # A retry is answered with this inbound's `passive` outbox rows (the reply given the first time).
    awaiting: Mapped[str | None] = mapped_column(String(64), default=None)
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    processed_at: Mapped[datetime] = mapped_column(default=utcnow)


class OutboxMessage(Base):
    """A message to a person, written in the same transaction as the state change that caused it.

    Status: `passive` went out in the HTTP response; `queued` waits for the worker; `sending` is claimed;
    `sent`, `failed` (permanent), `skipped` (unreachable or opted out) are final; `unknown` means a worker
    died mid-send and the message is not retried, so that nothing is delivered twice.
    """

    __tablename__ = "outbox_message"
    # The worker's look-up of a person's queue (person_id IN (...) AND status IN ('queued', 'sending')) reads
    # only the waiting rows through (person_id, status); the index also serves every look-up by person alone,
    # so it replaces the one on person_id (one index to keep up per write, as before).
    __table_args__ = (
        Index("ix_outbox_message_due", "status", "next_attempt_at"),
        Index("ix_outbox_message_person_status", "person_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    inbound_id: Mapped[int | None] = mapped_column(
        ForeignKey("inbound_message.id", ondelete="SET NULL"), default=None, index=True
    )
    channel: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(16), default="text")
    body_enc: Mapped[str] = mapped_column(Text)
    # Replies to the person's own message ignore quiet hours and opt-out; pushes respect both.
    solicited: Mapped[bool] = mapped_column(default=True)
    status: Mapped[str] = mapped_column(String(16), default="queued")
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    claimed_until: Mapped[datetime | None] = mapped_column(default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(default=None)
    last_error: Mapped[str | None] = mapped_column(String(200), default=None)
    # Gateway-side id or delivery status (SMS delivery reports).
    external_id: Mapped[str | None] = mapped_column(String(64), default=None)
    delivery_status: Mapped[str | None] = mapped_column(String(32), default=None)
    delivered_at: Mapped[datetime | None] = mapped_column(default=None)
    # Pushes (channel "auto"): the SMS rendering, for when the route ends on SMS; what the push is about (the
    # title of a subscription or template notice); and how it finally went (custom, subscribe, template, sms).
    sms_body_enc: Mapped[str | None] = mapped_column(Text, default=None)
    topic: Mapped[str | None] = mapped_column(String(24), default=None)
    sent_via: Mapped[str | None] = mapped_column(String(16), default=None)
