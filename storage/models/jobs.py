"""Vacancies and trainings, the applications people make, and what was offered or pushed to whom.

Vacancies and trainings come from imports now and from the console and the integration API later (upsert by
`external_id`, list, expire): `source` says which, `status` is `open` until the date in `expires` passes
(`expired`) or someone closes it (`closed`). `applied` counts the applications recorded through Jiuye: with
`headcount` / `seats` it decides whether a place is left. It is bumped without touching `updated_at`, which
changes only when the item itself does (the in-memory index of live items is rebuilt on that).
`pushes_planned_at` marks an item whose pushes to the people it fits were planned: only new items are pushed.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, utcnow


class Vacancy(Base):
    """A job opening (岗位). The contact phone is a third party's personal data: encrypted."""

    __tablename__ = "vacancy"

    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(String(100))
    employer: Mapped[str] = mapped_column(String(100))
    # factory / workshop / public_welfare / home_based / flexible / employment_base / cross_province
    kind: Mapped[str] = mapped_column(String(24))
    # Where the work is: a division code of 2 to 9 digits.
    division: Mapped[str] = mapped_column(String(12), index=True)
    address: Mapped[str | None] = mapped_column(String(200), default=None)
    salary_min: Mapped[int | None] = mapped_column(default=None)
    salary_max: Mapped[int | None] = mapped_column(default=None)
    headcount: Mapped[int | None] = mapped_column(default=None)
    age_min: Mapped[int | None] = mapped_column(default=None)
    age_max: Mapped[int | None] = mapped_column(default=None)
    job_type: Mapped[str | None] = mapped_column(String(100), default=None)
    requirements: Mapped[str | None] = mapped_column(Text, default=None)
    contact_phone_enc: Mapped[str | None] = mapped_column(String(512), default=None)
    # Whether an applicant is given the contact phone (otherwise only the caseworker hears of the application).
    share_contact: Mapped[bool] = mapped_column(default=False)
    # What the employer or the county pays towards the fare, as written (500元); None: nothing.
    transport_subsidy: Mapped[str | None] = mapped_column(String(64), default=None)
    expires: Mapped[date | None] = mapped_column(Date, default=None)
    status: Mapped[str] = mapped_column(String(16), default="open")
    applied: Mapped[int] = mapped_column(default=0)
    # import / console / api
    source: Mapped[str] = mapped_column(String(16), default="import")
    source_file: Mapped[str | None] = mapped_column(String(255), default=None)
    source_line: Mapped[int | None] = mapped_column(default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    retired_at: Mapped[datetime | None] = mapped_column(default=None)
    # When the pushes of this new item to the people it fits were planned (scheduler/job_pushes.py); None:
    # not yet (every item is planned once, by whichever sweep or import claims it first).
    pushes_planned_at: Mapped[datetime | None] = mapped_column(default=None, index=True)
    # While they are planned, a chunk of people at a time: the last person id whose pushes of this item are
    # written (committed with them), so that a planning killed half-way is resumed there, not from the start.
    pushes_planned_through: Mapped[int | None] = mapped_column(default=None)

    # The items closed by their date lately (storage/jobs.py closed_since) and those an import retires (0019).
    __table_args__ = (Index("ix_vacancy_expires_status", "expires", "status"),)


class Training(Base):
    """A training course or a technical-school programme (培训, 技工院校)."""

    __tablename__ = "training"

    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(String(100))
    # pre_employment / pre_job / order_based / upgrade / technical_school
    kind: Mapped[str] = mapped_column(String(24))
    division: Mapped[str] = mapped_column(String(12), index=True)
    provider: Mapped[str] = mapped_column(String(100))
    # Where the course is held, as the file writes it (培训地点 / 地址: 草海镇职教中心); None: not told (0016).
    address: Mapped[str | None] = mapped_column(String(200), default=None)
    starts: Mapped[date | None] = mapped_column(Date, default=None)
    ends: Mapped[date | None] = mapped_column(Date, default=None)
    age_min: Mapped[int | None] = mapped_column(default=None)
    age_max: Mapped[int | None] = mapped_column(default=None)
    # none / primary / junior / senior / vocational / college
    education_min: Mapped[str | None] = mapped_column(String(16), default=None)
    # The trade taught (电焊, 家政): matched like a vacancy's job type.
    job_type: Mapped[str | None] = mapped_column(String(100), default=None)
    # As written (每人1500元, 免学费); None: no subsidy.
    subsidy: Mapped[str | None] = mapped_column(String(64), default=None)
    seats: Mapped[int | None] = mapped_column(default=None)
    contact_phone_enc: Mapped[str | None] = mapped_column(String(512), default=None)
    share_contact: Mapped[bool] = mapped_column(default=False)
    expires: Mapped[date | None] = mapped_column(Date, default=None)
    status: Mapped[str] = mapped_column(String(16), default="open")
    applied: Mapped[int] = mapped_column(default=0)
    source: Mapped[str] = mapped_column(String(16), default="import")
    source_file: Mapped[str | None] = mapped_column(String(255), default=None)
    source_line: Mapped[int | None] = mapped_column(default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    retired_at: Mapped[datetime | None] = mapped_column(default=None)
    # When the pushes of this new item to the people it fits were planned (scheduler/job_pushes.py); None:
    # not yet (every item is planned once, by whichever sweep or import claims it first).
    pushes_planned_at: Mapped[datetime | None] = mapped_column(default=None, index=True)
    # While they are planned, a chunk of people at a time: the last person id whose pushes of this item are
    # written (committed with them), so that a planning killed half-way is resumed there, not from the start.
    pushes_planned_through: Mapped[int | None] = mapped_column(default=None)

    __table_args__ = (Index("ix_training_expires_status", "expires", "status"),)


class JobApplication(Base):
    """Someone applied for a vacancy or a training through Jiuye (报名).

    `status`: applied / withdrawn / closed; `outcome` (what came of it, from the follow-up or a caseworker):
    None / interview / hired / not_hired / no_answer. `follow_up_at` is when the person is asked how it went.
    """

    __tablename__ = "job_application"
    __table_args__ = (
        UniqueConstraint("person_id", "vacancy_id"),
        UniqueConstraint("person_id", "training_id"),
        CheckConstraint("(vacancy_id IS NULL) <> (training_id IS NULL)", name="one_item"),
        Index("ix_job_application_follow_up", "followed_up_at", "follow_up_at"),
        Index("ix_job_application_updated", "updated_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    vacancy_id: Mapped[int | None] = mapped_column(ForeignKey("vacancy.id"), default=None, index=True)
    training_id: Mapped[int | None] = mapped_column(ForeignKey("training.id"), default=None, index=True)
    channel: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default="applied")
    outcome: Mapped[str | None] = mapped_column(String(16), default=None)
    applied_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    follow_up_at: Mapped[datetime | None] = mapped_column(default=None)
    followed_up_at: Mapped[datetime | None] = mapped_column(default=None)
    outcome_at: Mapped[datetime | None] = mapped_column(default=None)


class MatchPush(Base):
    """One push message of matched items to a person: what the weekly cap counts."""

    __tablename__ = "match_push"
    __table_args__ = (Index("ix_match_push_person_pushed", "person_id", "pushed_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    # import (new items fit) / checkin / job_loss
    trigger: Mapped[str] = mapped_column(String(16))
    items: Mapped[int] = mapped_column(default=0)
    # Indexed alone too: planning for many people reads the week's pushes in one range (people at the cap).
    pushed_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class MatchOffer(Base):
    """An item a person was shown (in the chat) or pushed, once per person and item: never pushed twice."""

    __tablename__ = "match_offer"
    __table_args__ = (
        UniqueConstraint("person_id", "vacancy_id"),
        UniqueConstraint("person_id", "training_id"),
        CheckConstraint("(vacancy_id IS NULL) <> (training_id IS NULL)", name="one_item"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    vacancy_id: Mapped[int | None] = mapped_column(
        ForeignKey("vacancy.id", ondelete="CASCADE"), default=None, index=True
    )
    training_id: Mapped[int | None] = mapped_column(
        ForeignKey("training.id", ondelete="CASCADE"), default=None, index=True
    )
    # chat (asked for) / push: how it first reached the person.
    via: Mapped[str] = mapped_column(String(8))
    first_at: Mapped[datetime] = mapped_column(default=utcnow)
    push_id: Mapped[int | None] = mapped_column(ForeignKey("match_push.id", ondelete="SET NULL"), default=None)
