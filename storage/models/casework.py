"""Casework: caseworkers and the divisions they cover, unemployment registrations, one-on-one assistance and
rights cases, tasks (visits, first contacts) with their escalation, and the alerts sent to caseworkers.

Designed for the console and the integration API (issue 14): every record that concerns a laborer carries
the laborer's home division, indexed, so that scoping by division is one prefix condition.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, JsonType, utcnow

# Rows older than the column (migration 0009 copies their opening time into it); every write sets it.
_EPOCH = text("'1970-01-01 00:00:00'")
# What a case waits for next (bot/console/inbox.py case_deadline), as SQL for the index on it.
# Written as PostgreSQL shows it back (pg_get_indexdef), line breaks included: how alembic, comparing the
# migrated schema with the models (tests/test_migrations.py), sees the two as one.
_DEADLINE = "\nCASE\nWHEN first_contact_at IS NULL THEN first_contact_due\nELSE package_due\nEND"


class Caseworker(Base):
    """A caseworker (帮扶责任人) or supervisor, imported by `jiuye caseworkers import`; phone numbers, the WeChat
    openid and the WeCom robot URL (a secret: its key is the only credential) are encrypted."""

    __tablename__ = "caseworker"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    # None only for the stand-in owner used before anyone is imported (role `unassigned`).
    phone_enc: Mapped[str | None] = mapped_column(String(512), default=None)
    # Blind index ("phone", E.164): the import's key, and how a roster entry or a supervisor names one.
    phone_hash: Mapped[str | None] = mapped_column(String(64), default=None, unique=True)
    # caseworker / supervisor (issue 14 adds admin); `unassigned`: the stand-in owner of cases opened while
    # no caseworker at all was imported (the import hands them on).
    role: Mapped[str] = mapped_column(String(16), default="caseworker")
    supervisor_id: Mapped[int | None] = mapped_column(
        ForeignKey("caseworker.id", ondelete="SET NULL"), default=None, index=True
    )
    wechat_openid_enc: Mapped[str | None] = mapped_column(String(512), default=None)
    wecom_webhook_enc: Mapped[str | None] = mapped_column(Text, default=None)
    # Blind index of the robot URL: several caseworkers may share one group robot and its rate limit.
    wecom_robot_hash: Mapped[str | None] = mapped_column(String(64), default=None, index=True)
    # The administrator who owns what nobody covers (bot/casework/responsibility.py).
    fallback: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
    source_file: Mapped[str | None] = mapped_column(String(255), default=None)
    source_line: Mapped[int | None] = mapped_column(default=None)


class CaseworkerDivision(Base):
    """A division a caseworker covers. The responsible caseworker for a home division is found by looking up
    the division's ancestors' codes (2, 4, 6, 9 digits): an index search, the longest code wins."""

    __tablename__ = "caseworker_division"
    __table_args__ = (UniqueConstraint("caseworker_id", "division"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    caseworker_id: Mapped[int] = mapped_column(ForeignKey("caseworker.id", ondelete="CASCADE"))
    division: Mapped[str] = mapped_column(String(12), index=True)


class CaseworkerAddress(Base):
    """A channel address (blind index, as channel_account has it) a caseworker writes from: their messages go to
    the caseworker commands instead of the laborer dialogs (found with the account, one join per batch)."""

    __tablename__ = "caseworker_address"
    __table_args__ = (UniqueConstraint("channel", "address_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    caseworker_id: Mapped[int] = mapped_column(ForeignKey("caseworker.id", ondelete="CASCADE"), index=True)
    channel: Mapped[str] = mapped_column(String(16))
    address_hash: Mapped[str] = mapped_column(String(64))


class UnemploymentRegistration(Base):
    """A 失业登记 prepared in the chat for the HR office: submitted, then accepted or rejected by a caseworker.
    The official registration is completed in the HR system (12333, provincial platform)."""

    __tablename__ = "unemployment_registration"
    __table_args__ = (
        Index("ix_unemployment_registration_caseworker_status", "caseworker_id", "status"),
        Index("ix_unemployment_registration_updated", "updated_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    caseworker_id: Mapped[int] = mapped_column(ForeignKey("caseworker.id", ondelete="RESTRICT"))
    home_division: Mapped[str | None] = mapped_column(String(12), default=None, index=True)
    last_work_day: Mapped[date | None] = mapped_column(Date, default=None)
    # contract_ended / laid_off / employer_closed / dismissed / quit / other
    job_loss_reason: Mapped[str | None] = mapped_column(String(24), default=None)
    # yes / no / unknown
    insured: Mapped[str | None] = mapped_column(String(8), default=None)
    insured_years: Mapped[float | None] = mapped_column(default=None)
    wants_services: Mapped[list[str]] = mapped_column(JsonType, default=list)
    benefit_likely: Mapped[bool | None] = mapped_column(default=None)
    benefit_months: Mapped[int | None] = mapped_column(default=None)
    # submitted / accepted / rejected
    status: Mapped[str] = mapped_column(String(16), default="submitted")
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(default=None)
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("caseworker.id", ondelete="SET NULL"), default=None)
    decision_note: Mapped[str | None] = mapped_column(String(200), default=None)
    # Any change (decision, reassignment): the integration API's `updated_since` and paging key.
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow, server_default=_EPOCH)
    # Set only when the person's data was erased (bot/erasure.py): the name and ID number the registration was made
    # under, kept as the office's administrative record (the legal retention exception), the form itself gone.
    kept_name: Mapped[str | None] = mapped_column(String(64), default=None)
    kept_id_number_enc: Mapped[str | None] = mapped_column(String(512), default=None)


class AssistanceCase(Base):
    """A one-on-one assistance case (kind `assistance`, after a job loss) or a rights case (kind `rights`:
    wages, contract, social insurance). It always has an owner; it closes when the person works again
    (`days_to_job`) or when the caseworker closes it with a reason."""

    __tablename__ = "assistance_case"
    __table_args__ = (
        Index("ix_assistance_case_caseworker_status", "caseworker_id", "status"),
        Index("ix_assistance_case_person_status", "person_id", "status"),
        Index("ix_assistance_case_updated", "updated_at", "id"),
        # The case list's order (bot/console/case.py list_query): status, then what the case waits for next
        # (bot/console/inbox.py case_deadline), nulls last, then id; migration 0013.
        Index("ix_assistance_case_deadline", "status", text(f"({_DEADLINE} IS NULL)"), text(f"({_DEADLINE})"), "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    # assistance / rights
    kind: Mapped[str] = mapped_column(String(16))
    # rights cases: wage_arrears / no_contract / no_social_insurance
    issue: Mapped[str | None] = mapped_column(String(32), default=None)
    # Rights cases: every problem the case is about, the first one (`issue`) first: problems told together are one
    # case, and one told while it is open joins it (migration 0017; None before it: `issue` alone). issue_list reads it.
    issues: Mapped[list[str] | None] = mapped_column(JsonType, default=None)
    caseworker_id: Mapped[int] = mapped_column(ForeignKey("caseworker.id", ondelete="RESTRICT"))
    home_division: Mapped[str | None] = mapped_column(String(12), default=None, index=True)
    registration_id: Mapped[int | None] = mapped_column(
        ForeignKey("unemployment_registration.id", ondelete="SET NULL"), default=None
    )
    # open / closed
    status: Mapped[str] = mapped_column(String(16), default="open")
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    first_contact_due: Mapped[datetime] = mapped_column(default=utcnow)
    first_contact_at: Mapped[datetime | None] = mapped_column(default=None)
    # The service package promised: {"job_referrals": 3, "guidance_talks": 1, "training_offers": 1, "days": 30}.
    package: Mapped[dict[str, Any]] = mapped_column(default=dict)
    package_due: Mapped[datetime | None] = mapped_column(default=None)
    closed_at: Mapped[datetime | None] = mapped_column(default=None)
    # employed (the person works again), or the caseworker's words
    close_reason: Mapped[str | None] = mapped_column(String(200), default=None)
    closed_by: Mapped[int | None] = mapped_column(ForeignKey("caseworker.id", ondelete="SET NULL"), default=None)
    days_to_job: Mapped[int | None] = mapped_column(default=None)
    # Rights cases: what the person told after the report (who, how much, since when), as they wrote it, encrypted:
    # a JSON list of {"at": ISO time, "text": ...} (bot/casework/cases.py add_rights_details).
    details_enc: Mapped[str | None] = mapped_column(Text, default=None)
    # Any change (first contact, reassignment, closing): the integration API's `updated_since` and paging key.
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow, server_default=_EPOCH)

    @property
    def issue_list(self) -> list[str]:
        """The problems a rights case is about, the first told first (a case stored before 0017: its `issue`)."""
        if self.issues:
            return [str(issue) for issue in self.issues]
        return [self.issue] if self.issue else []


class CaseworkTask(Base):
    """Work a caseworker must do by a time: a visit (走访: nobody answered the check-ins) or the first contact
    of a new case. Past its due time it becomes `overdue` and is escalated to the owner's supervisor."""

    __tablename__ = "casework_task"
    __table_args__ = (
        Index("ix_casework_task_status_due", "status", "due_at"),
        Index("ix_casework_task_caseworker_status", "caseworker_id", "status"),
        # "Mine" in the console's inbox is owned or escalated to me: without it, PostgreSQL reads every task.
        Index("ix_casework_task_escalated_to", "escalated_to"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # visit / first_contact
    kind: Mapped[str] = mapped_column(String(16))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    case_id: Mapped[int | None] = mapped_column(
        ForeignKey("assistance_case.id", ondelete="SET NULL"), default=None, index=True
    )
    caseworker_id: Mapped[int] = mapped_column(ForeignKey("caseworker.id", ondelete="RESTRICT"))
    home_division: Mapped[str | None] = mapped_column(String(12), default=None, index=True)
    reason: Mapped[str] = mapped_column(String(64))
    due_at: Mapped[datetime] = mapped_column(default=utcnow)
    # open / done / overdue
    status: Mapped[str] = mapped_column(String(16), default="open")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    done_at: Mapped[datetime | None] = mapped_column(default=None)
    escalated_to: Mapped[int | None] = mapped_column(ForeignKey("caseworker.id", ondelete="SET NULL"), default=None)
    escalated_at: Mapped[datetime | None] = mapped_column(default=None)
    # The caller's idempotency key, e.g. visit:{person}:{check-in due date}.
    dedup_key: Mapped[str] = mapped_column(String(128), unique=True)


class Alert(Base):
    """A message to a caseworker about a laborer (never an ID number; name and phone masked), with its delivery:
    WeCom group robot, else the caseworker's WeChat, else SMS; `route` lists every channel tried."""

    __tablename__ = "alert"
    __table_args__ = (
        Index("ix_alert_status_next", "status", "next_attempt_at"),
        Index("ix_alert_robot_sent", "robot_hash", "sent_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    caseworker_id: Mapped[int] = mapped_column(ForeignKey("caseworker.id", ondelete="CASCADE"), index=True)
    # new_case / rights_case / visit_task / task_overdue / escalation / human_requested / question_referred / …
    kind: Mapped[str] = mapped_column(String(32))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"), default=None,
                                                  index=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("assistance_case.id", ondelete="SET NULL"), default=None)
    task_id: Mapped[int | None] = mapped_column(ForeignKey("casework_task.id", ondelete="SET NULL"), default=None)
    home_division: Mapped[str | None] = mapped_column(String(12), default=None, index=True)
    body_enc: Mapped[str] = mapped_column(Text)
    dedup_key: Mapped[str | None] = mapped_column(String(128), default=None, unique=True)
    # queued / sending / sent / failed / undeliverable
    status: Mapped[str] = mapped_column(String(16), default="queued")
    # wecom / wechat / sms / simulator: the channel that carried it (or was tried last)
    channel: Mapped[str | None] = mapped_column(String(16), default=None)
    route: Mapped[str | None] = mapped_column(String(64), default=None)
    robot_hash: Mapped[str | None] = mapped_column(String(64), default=None)
    # The first alert of the digest this one went out in (None: sent on its own).
    digest_id: Mapped[int | None] = mapped_column(default=None)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    claimed_until: Mapped[datetime | None] = mapped_column(default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(default=None)
    last_error: Mapped[str | None] = mapped_column(String(200), default=None)
    # Seen and dealt with in the console (issue 14): the inbox lists the alerts not yet acknowledged.
    acknowledged_at: Mapped[datetime | None] = mapped_column(default=None)
    acknowledged_by: Mapped[int | None] = mapped_column(ForeignKey("caseworker.id", ondelete="SET NULL"), default=None)
