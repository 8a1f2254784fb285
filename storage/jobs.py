"""Repositories for vacancies, trainings and applications: the live items, their details, applying.

They take a session and never commit. Items are referred to as `v<id>` / `t<id>` (matching.types.Opening.ref).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Select, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.matching.profile import opening
from dialogs.matching.types import ItemKind, Opening
from dialogs.place_names import place_name, short_place_name
from storage.crypto import FieldCipher
from storage.models import JobApplication, Training, Vacancy

# When the person is asked how an application went (the follow-up sweep reads job_application.follow_up_at).
FOLLOW_UP_AFTER = timedelta(days=7)
Item = Vacancy | Training
MODELS: dict[ItemKind, type[Vacancy] | type[Training]] = {"vacancy": Vacancy, "training": Training}


def parse_ref(ref: str) -> tuple[ItemKind, int] | None:
    """`v12` -> ("vacancy", 12); None for anything else."""
    if len(ref) < 2 or ref[0] not in "vt" or not ref[1:].isdigit():
        return None
    return ("vacancy" if ref[0] == "v" else "training"), int(ref[1:])


def is_live(row: Item, today: date) -> bool:
    return row.status == "open" and (row.expires is None or row.expires >= today)


def has_place(row: Item) -> bool:
    limit = row.headcount if isinstance(row, Vacancy) else row.seats
    return limit is None or row.applied < limit


async def live_version(session: AsyncSession) -> tuple[Any, ...]:
    """Changes whenever an item is added, changed or retired (not when someone applies)."""
    row = (await session.execute(select(
        select(func.max(Vacancy.updated_at)).scalar_subquery(),
        select(func.max(Training.updated_at)).scalar_subquery(),
    ))).one()
    return tuple(row)


def opening_fields(row: Item) -> dict[str, Any]:
    """The plain values matching.profile.opening builds an Opening from (no database access needed)."""
    common: dict[str, Any] = {
        "id": row.id, "external_id": row.external_id, "kind": row.kind, "division": row.division,
        "title": row.title, "job_type": row.job_type, "age_min": row.age_min, "age_max": row.age_max,
        "expires": row.expires, "full": not has_place(row),
    }
    if isinstance(row, Vacancy):
        return common | {"item": "vacancy", "salary_min": row.salary_min, "salary_max": row.salary_max,
                         "transport_subsidy": row.transport_subsidy}
    return common | {"item": "training", "subsidy": row.subsidy}


def as_opening(row: Item) -> Opening:
    return opening(**opening_fields(row))


async def live_items(session: AsyncSession, today: date) -> list[Item]:
    found: list[Item] = []
    for model in (Vacancy, Training):
        found += await session.scalars(
            select(model).where(model.status == "open", or_(model.expires.is_(None), model.expires >= today))
            .order_by(model.id)
        )
    return found


async def closed_since(session: AsyncSession, since: date, today: date, kind: ItemKind | None) -> list[Item]:
    """Items whose sign-up closed by its date between `since` and yesterday (open still, or retired as `expired` by an
    import since; not those stopped by hand, `closed`), the latest first."""
    found: list[Item] = []
    for item_kind, model in MODELS.items():
        if kind is None or kind == item_kind:
            found += await session.scalars(closed_query(model, since, today))
    return sorted(found, key=lambda row: row.expires or today, reverse=True)


def closed_query(model: type[Vacancy] | type[Training], since: date, today: date) -> Select[Any]:
    """closed_since's statement for one table: a range of its (expires, status) index (migration 0019)."""
    return (select(model).where(model.status.in_(("open", "expired")), model.expires >= since, model.expires < today)
            .order_by(model.expires.desc(), model.id))


async def items_by_ref(session: AsyncSession, refs: Iterable[str]) -> dict[str, Item]:
    wanted: dict[ItemKind, list[int]] = {"vacancy": [], "training": []}
    for ref in refs:
        parsed = parse_ref(ref)
        if parsed is not None:
            wanted[parsed[0]].append(parsed[1])
    found: dict[str, Item] = {}
    if wanted["vacancy"]:
        found |= {f"v{row.id}": row for row in await session.scalars(
            select(Vacancy).where(Vacancy.id.in_(wanted["vacancy"])))}
    if wanted["training"]:
        found |= {f"t{row.id}": row for row in await session.scalars(
            select(Training).where(Training.id.in_(wanted["training"])))}
    return found


async def item_by_external_id(session: AsyncSession, external_id: str) -> Item | None:
    vacancy = await session.scalar(select(Vacancy).where(Vacancy.external_id == external_id))
    if vacancy is not None:
        return vacancy
    training: Training | None = await session.scalar(select(Training).where(Training.external_id == external_id))
    return training


def details(row: Item) -> dict[str, Any]:
    """What the chat shows of an item (never its contact phone: that is given only to an applicant)."""
    common: dict[str, Any] = {
        "ref": f"{'v' if isinstance(row, Vacancy) else 't'}{row.id}",
        "kind": row.kind,
        "title": row.title,
        "place": place_name(row.division),
        "place_short": short_place_name(row.division),
        "age_min": row.age_min,
        "age_max": row.age_max,
        "expires": row.expires.isoformat() if row.expires else None,
    }
    if isinstance(row, Vacancy):
        left = None if row.headcount is None else max(row.headcount - row.applied, 0)
        return common | {
            "item": "vacancy", "employer": row.employer, "address": row.address, "salary_min": row.salary_min,
            "salary_max": row.salary_max, "places_left": left, "requirements": row.requirements,
            "transport_subsidy": row.transport_subsidy,
        }
    left = None if row.seats is None else max(row.seats - row.applied, 0)
    return common | {
        "item": "training", "provider": row.provider, "address": row.address,
        "starts": row.starts.isoformat() if row.starts else None,
        "ends": row.ends.isoformat() if row.ends else None, "education_min": row.education_min,
        "subsidy": row.subsidy, "places_left": left,
    }


@dataclass(frozen=True, slots=True)
class Application:
    """The outcome of applying: applied / already (applied before) / full / closed / unknown."""

    status: str
    application_id: int | None = None
    item: Item | None = None

    def contact(self, cipher: FieldCipher) -> str | None:
        """The employer's or provider's phone, when the item lets applicants have it."""
        if self.item is None or self.status not in ("applied", "already") or not self.item.share_contact:
            return None
        return cipher.decrypt_optional(self.item.contact_phone_enc)


async def applied_refs(session: AsyncSession, person_id: int) -> list[str]:
    """The refs of every item the person applied for (a list of suggestions never offers them again)."""
    rows = await session.execute(
        select(JobApplication.vacancy_id, JobApplication.training_id).where(JobApplication.person_id == person_id)
    )
    return [f"v{vacancy}" if vacancy is not None else f"t{training}" for vacancy, training in rows]


async def apply(
    session: AsyncSession, *, person_id: int, ref: str, channel: str, now: datetime, today: date
) -> Application:
    """Record an application and take a place, if one is left; applying twice is recorded once."""
    found = (await items_by_ref(session, [ref])).get(ref)
    parsed = parse_ref(ref)
    if found is None or parsed is None:
        return Application("unknown")
    kind, item_id = parsed
    column = JobApplication.vacancy_id if kind == "vacancy" else JobApplication.training_id
    existing = await session.scalar(
        select(JobApplication.id).where(JobApplication.person_id == person_id, column == item_id)
    )
    if existing is not None:
        return Application("already", existing, found)
    if not is_live(found, today):
        return Application("closed", None, found)
    model = MODELS[kind]
    limit = model.headcount if model is Vacancy else model.seats  # type: ignore[union-attr]
    # One statement takes the place: two people applying for the last one cannot both get it.
    taken = await session.execute(
        update(model).where(model.id == item_id, or_(limit.is_(None), model.applied < limit))
        .values(applied=model.applied + 1).execution_options(synchronize_session=False)
    )
    if taken.rowcount == 0:  # type: ignore[attr-defined]
        return Application("full", None, found)
    application = JobApplication(
        person_id=person_id, vacancy_id=item_id if kind == "vacancy" else None,
        training_id=item_id if kind == "training" else None, channel=channel, status="applied",
        applied_at=now, updated_at=now, follow_up_at=now + FOLLOW_UP_AFTER,
    )
    session.add(application)
    await session.flush()
    await session.refresh(found)
    return Application("applied", application.id, found)
