"""Due work and reaching people: the fire table, every push attempt, WeChat subscription notices."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, ForeignKey, Index, SmallInteger, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, utcnow


class ScheduledFire(Base):
    """One piece of work due for one person at one time (RapidPro's contactfire shape).

    The unique key (person, kind, due date) makes planning idempotent: inserts ignore conflicts, so a
    second planner, a second run or a restart never creates a second check-in for the same day. Rows are
    kept when done, with their outcome: the history of every check-in and step of the no-answer ladder.
    Status: `due` (waiting, or deferred: `due_at` moved), `claimed` (a sweep took it until
    `claimed_until`), `done` (with `outcome`).
    """

    __tablename__ = "scheduled_fire"
    __table_args__ = (
        UniqueConstraint("person_id", "kind", "due_date"),
        Index("ix_scheduled_fire_due", "status", "due_at"),
        # The job pushes waiting or sent from a day on, for all people at once (scheduler/job_pushes.py).
        Index("ix_scheduled_fire_kind_due_date", "kind", "due_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    # checkin / spring_return / checkin_reminder / checkin_visit / survey_reminder / job_push / job_follow_up
    kind: Mapped[str] = mapped_column(String(24))
    due_date: Mapped[date] = mapped_column(Date)
    due_at: Mapped[datetime] = mapped_column()
    status: Mapped[str] = mapped_column(String(12), default="due")
    # sent / not_needed / superseded / failed: what the work came to
    outcome: Mapped[str | None] = mapped_column(String(24), default=None)
    attempts: Mapped[int] = mapped_column(SmallInteger, default=0)
    # Times the work was held back (quiet hours, a holiday, the person in another dialog).
    deferrals: Mapped[int] = mapped_column(SmallInteger, default=0)
    claimed_until: Mapped[datetime | None] = mapped_column(default=None)
    done_at: Mapped[datetime | None] = mapped_column(default=None)
    # What the plan was made from (status, anchor, the check-in a ladder step belongs to): never personal data.
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PushAttempt(Base):
    """One try at delivering an outbox message: how (customer-service message, subscription notice, template
    message, SMS, simulator) and what the gateway answered (its error code)."""

    __tablename__ = "push_attempt"
    __table_args__ = (Index("ix_push_attempt_person_method", "person_id", "method", "attempted_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    outbox_id: Mapped[int] = mapped_column(ForeignKey("outbox_message.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    # custom / subscribe / template / sms / simulator
    method: Mapped[str] = mapped_column(String(16))
    # sent / refused (the gateway said no: errcode) / error (transport failure, outcome known or not)
    outcome: Mapped[str] = mapped_column(String(16))
    errcode: Mapped[int | None] = mapped_column(default=None)
    attempted_at: Mapped[datetime] = mapped_column(default=utcnow)


class WeChatSubscription(Base):
    """What a person answered to a subscription-notice popup, per template (subscribe_msg_popup_event)."""

    __tablename__ = "wechat_subscription"
    __table_args__ = (UniqueConstraint("person_id", "template_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    template_id: Mapped[str] = mapped_column(String(64))
    # accept / reject (a 43101 from WeChat also turns it to reject)
    status: Mapped[str] = mapped_column(String(16))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class PreparedCheckin(Base):
    """A check-in's unit of work done ahead of its due time (bot/prepared_checkins.py), released set-based when
    due (storage/prepared.py) if what it read is unchanged: the conversation's version, and a digest of the
    synthetic inbound the sweep builds (status, form fields, channels, when the person last wrote). Otherwise
    it is thrown away and the check-in takes the full path. Its rows hold only what the unit of work would
    have written (the state sealed, the texts encrypted)."""

    __tablename__ = "prepared_checkin"

    fire_id: Mapped[int] = mapped_column(ForeignKey("scheduled_fire.id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    # The conversation's version it was computed from, and what it takes it to (version + steps).
    version: Mapped[int] = mapped_column()
    steps: Mapped[int] = mapped_column(SmallInteger)
    digest: Mapped[str] = mapped_column(String(32))
    # The person's facts version (person.facts_version) when the facts it was computed from were read.
    facts_version: Mapped[int] = mapped_column(server_default=text("0"))
    # The dialog time it was computed for (the fire's due time, or the end of the quiet hours it fell in).
    prepared_for: Mapped[datetime] = mapped_column()
    state: Mapped[dict[str, Any]] = mapped_column()
    # The synthetic inbound row (its de-duplication key is the fire's).
    channel: Mapped[str] = mapped_column(String(16))
    awaiting: Mapped[str | None] = mapped_column(String(64), default=None)
    body_enc: Mapped[str | None] = mapped_column(Text, default=None)
    # The fire's outcome (sent, merged, postponed).
    outcome: Mapped[str] = mapped_column(String(24))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PreparedOutbox(Base):
    """A push of a prepared check-in, as its outbox row (queued when released)."""

    __tablename__ = "prepared_outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    fire_id: Mapped[int] = mapped_column(ForeignKey("prepared_checkin.fire_id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column()
    channel: Mapped[str] = mapped_column(String(16))
    body_enc: Mapped[str] = mapped_column(Text)
    sms_body_enc: Mapped[str | None] = mapped_column(Text, default=None)
    topic: Mapped[str | None] = mapped_column(String(24), default=None)


class PreparedFire(Base):
    """Work a prepared check-in plans (its no-answer ladder, the next check-in), planned when released."""

    __tablename__ = "prepared_fire"

    id: Mapped[int] = mapped_column(primary_key=True)
    fire_id: Mapped[int] = mapped_column(ForeignKey("prepared_checkin.fire_id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column()
    kind: Mapped[str] = mapped_column(String(24))
    due_date: Mapped[date] = mapped_column(Date)
    due_at: Mapped[datetime] = mapped_column()
    data: Mapped[dict[str, Any]] = mapped_column()


class PreparedEvent(Base):
    """An event-log row of a prepared check-in, logged when released."""

    __tablename__ = "prepared_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    fire_id: Mapped[int] = mapped_column(ForeignKey("prepared_checkin.fire_id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column()
    kind: Mapped[str] = mapped_column(String(48))
    channel: Mapped[str | None] = mapped_column(String(16))
    data: Mapped[dict[str, Any]] = mapped_column()
