"""The employment information form (InfoForm), its change history, the imported roster and review flags."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, utcnow


class InfoForm(Base):
    """One laborer's 就业信息表. ID and phone are encrypted, with blind indexes for look-ups; the other
    fields of PRODUCT.md (non-sensitive) are in `data` under their field keys."""

    __tablename__ = "info_form"
    __table_args__ = (
        # Coverage counts by division read only these columns: an index-only scan (the console's coverage page).
        Index("ix_info_form_coverage", "home_division", "employment_status", "status", "person_id"),
        # The integration API pages people by (updated_at, person).
        Index("ix_info_form_updated", "updated_at", "person_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), unique=True)
    name: Mapped[str | None] = mapped_column(String(64), default=None)
    id_number_enc: Mapped[str | None] = mapped_column(String(512), default=None)
    id_number_hash: Mapped[str | None] = mapped_column(String(64), default=None, index=True)
    # The blind index of an ID number a reviewer confirmed as this person's although another form has it too
    # (bot/console/duplicates.py): the form is not marked as a duplicate again until its number changes.
    id_number_checked_hash: Mapped[str | None] = mapped_column(String(64), default=None)
    phone_enc: Mapped[str | None] = mapped_column(String(512), default=None)
    phone_hash: Mapped[str | None] = mapped_column(String(64), default=None, index=True)
    # The employer's phone is personal data of a third party: encrypted like the laborer's own.
    employer_contact_enc: Mapped[str | None] = mapped_column(String(512), default=None)
    household_id: Mapped[str | None] = mapped_column(String(32), default=None)
    home_division: Mapped[str | None] = mapped_column(String(12), default=None, index=True)
    employment_status: Mapped[str | None] = mapped_column(String(16), default=None)
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # draft / pending_review / reviewed
    status: Mapped[str] = mapped_column(String(16), default="draft")
    consent_at: Mapped[datetime | None] = mapped_column(default=None)
    consent_version: Mapped[str | None] = mapped_column(String(16), default=None)
    # wechat / sms / caseworker / roster
    source: Mapped[str] = mapped_column(String(16), default="wechat")
    reviewed_by: Mapped[str | None] = mapped_column(String(64), default=None)
    reviewed_at: Mapped[datetime | None] = mapped_column(default=None)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class FormChange(Base):
    """Every change to a form field: who (laborer / roster / caseworker), when, on which channel, old and new
    value (encrypted: values can be ID or phone numbers)."""

    __tablename__ = "form_change"
    __table_args__ = (Index("ix_form_change_person_changed", "person_id", "changed_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    field: Mapped[str] = mapped_column(String(32))
    old_value_enc: Mapped[str | None] = mapped_column(Text, default=None)
    new_value_enc: Mapped[str | None] = mapped_column(Text, default=None)
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    channel: Mapped[str | None] = mapped_column(String(16), default=None)
    actor: Mapped[str] = mapped_column(String(16), default="laborer")
    # Why a caseworker changed it in the console (their actor is cw:{caseworker id}).
    reason: Mapped[str | None] = mapped_column(String(200), default=None)


class RosterEntry(Base):
    """A registered laborer from the imported 建档立卡 roster; linked to a person once name and ID match."""

    __tablename__ = "roster_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    id_number_enc: Mapped[str] = mapped_column(String(512))
    id_number_hash: Mapped[str] = mapped_column(String(64), unique=True)
    phone_enc: Mapped[str | None] = mapped_column(String(512), default=None)
    phone_hash: Mapped[str | None] = mapped_column(String(64), default=None, index=True)
    household_id: Mapped[str | None] = mapped_column(String(32), default=None)
    home_division: Mapped[str | None] = mapped_column(String(12), default=None, index=True)
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), default=None, index=True
    )
    # The caseworker the county names for this laborer (blind index of their phone; bot/casework).
    caseworker_phone_hash: Mapped[str | None] = mapped_column(String(64), default=None)
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
    source_file: Mapped[str | None] = mapped_column(String(255), default=None)
    source_line: Mapped[int | None] = mapped_column(default=None)


class RosterReviewFlag(Base):
    """Something a caseworker must look at: a chat answer that contradicts the roster (never merged silently)."""

    __tablename__ = "roster_review_flag"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    roster_entry_id: Mapped[int | None] = mapped_column(
        ForeignKey("roster_entry.id", ondelete="CASCADE"), default=None, index=True
    )
    # name_mismatch / already_linked
    reason: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(default=None)
