"""Repositories for the employment information form, its change history and the roster.

They take a session and never commit; the dispatcher's unit of work (or the CLI) commits.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.crypto import FieldCipher
from storage.models import InfoForm, RosterEntry, RosterReviewFlag

COLUMN_FIELDS = frozenset({"name", "id_number", "phone", "employer_contact", "household_id", "home_division",
                           "employment_status"})


def same_name(a: str, b: str) -> bool:
    """Names compare without spaces and width differences (王 小明 = 王小明)."""
    def clean(s: str) -> str:
        return "".join(unicodedata.normalize("NFKC", s).split()).lower()

    return clean(a) == clean(b)


def _enc_json(cipher: FieldCipher, value: Any) -> str | None:
    return None if value is None else cipher.encrypt(json.dumps(value, ensure_ascii=False))


def change_row(
    cipher: FieldCipher, *, person_id: int, field: str, old: Any, new: Any, changed_at: datetime,
    channel: str | None, actor: str,
) -> dict[str, Any]:
    """A form_change row (values encrypted); the unit of work inserts a batch's rows in one statement."""
    return {
        "person_id": person_id, "field": field, "old_value_enc": _enc_json(cipher, old),
        "new_value_enc": _enc_json(cipher, new), "changed_at": changed_at, "channel": channel, "actor": actor,
    }


def decode_change(cipher: FieldCipher, token: str | None) -> Any:
    return None if token is None else json.loads(cipher.decrypt(token))


async def upsert_info_form(
    session: AsyncSession, cipher: FieldCipher, *, person_id: int, record: Mapping[str, Any], source: str,
    consent_at: datetime | None, consent_version: str | None, now: datetime, status: str = "pending_review",
) -> InfoForm:
    """Create or replace the person's form from a record (field key -> stored value)."""
    form = await session.scalar(select(InfoForm).where(InfoForm.person_id == person_id))
    if form is None:
        form = InfoForm(person_id=person_id)
        session.add(form)
    id_number = record.get("id_number")
    phone = record.get("phone")
    form.name = record.get("name")
    form.id_number_enc = cipher.encrypt_optional(id_number)
    form.id_number_hash = cipher.blind_index("id_number", id_number) if id_number else None
    form.phone_enc = cipher.encrypt_optional(phone)
    form.phone_hash = cipher.blind_index("phone", phone) if phone else None
    form.employer_contact_enc = cipher.encrypt_optional(record.get("employer_contact"))
    form.household_id = record.get("household_id")
    form.home_division = record.get("home_division")
    form.employment_status = record.get("employment_status")
    form.data = {k: v for k, v in record.items() if k not in COLUMN_FIELDS}
    form.status = status
    form.source = source
    if consent_at is not None:
        form.consent_at = consent_at
        form.consent_version = consent_version
    # A resubmitted form needs a fresh review.
    form.reviewed_by = None
    form.reviewed_at = None
    form.updated_at = now
    await session.flush()
    return form


def form_record(form: InfoForm, cipher: FieldCipher) -> dict[str, Any]:
    """The stored form back as field key -> value (decrypted), for exports and the API."""
    record: dict[str, Any] = dict(form.data or {})
    record |= {
        "name": form.name,
        "id_number": cipher.decrypt_optional(form.id_number_enc),
        "phone": cipher.decrypt_optional(form.phone_enc),
        "employer_contact": cipher.decrypt_optional(form.employer_contact_enc),
        "household_id": form.household_id,
        "home_division": form.home_division,
        "employment_status": form.employment_status,
    }
    return record


# -- roster -----------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class RosterMatch:
    """The outcome of matching a chat identity against the roster; `as_payload` feeds the dialog."""

    status: str  # linked / mismatch / none
    entry: RosterEntry | None = None

    def as_payload(self, cipher: FieldCipher) -> dict[str, Any]:
        if self.status != "linked" or self.entry is None:
            return {"status": self.status}
        return {
            "status": "linked",
            "entry_id": self.entry.id,
            "phone": cipher.decrypt_optional(self.entry.phone_enc),
            "household_id": self.entry.household_id,
            "home_division": self.entry.home_division,
        }


async def match_roster(
    session: AsyncSession, cipher: FieldCipher, *, person_id: int, name: str, id_number: str, now: datetime,
) -> RosterMatch:
    """Link the person to the roster entry with this ID when the name matches; flag a contradiction."""
    # Locked: two people claiming one entry at once (PostgreSQL) must see each other's claim.
    entry = await session.scalar(
        select(RosterEntry)
        .where(RosterEntry.id_number_hash == cipher.blind_index("id_number", id_number))
        .with_for_update()
    )
    # Whatever this look-up finds, an older link of this person to another entry no longer holds.
    await session.execute(
        update(RosterEntry)
        .where(RosterEntry.person_id == person_id, RosterEntry.id != (entry.id if entry else -1))
        .values(person_id=None)
    )
    if entry is None:
        return RosterMatch("none")
    if not same_name(entry.name, name):
        session.add(RosterReviewFlag(person_id=person_id, roster_entry_id=entry.id, reason="name_mismatch",
                                     created_at=now))
        return RosterMatch("mismatch")
    if entry.person_id is not None and entry.person_id != person_id:
        # Someone else already claimed this entry: a caseworker decides who is who.
        session.add(RosterReviewFlag(person_id=person_id, roster_entry_id=entry.id, reason="already_linked",
                                     created_at=now))
        return RosterMatch("mismatch")
    entry.person_id = person_id
    await session.flush()
    return RosterMatch("linked", entry)
