"""Records as matching sees them: a person's form (and roster link) as a Seeker, a stored item as an Opening."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from dialogs import nlu
from matching.job_types import job_types
from matching.types import ItemKind, Opening, Seeker

# The form's free-text fields that say what work suits the person: wished jobs first, then skills, then
# the job they had.
JOB_FIELDS = ("desired_jobs", "skills", "job_type")


@functools.lru_cache(maxsize=65_536)
def job_groups_of(text: str) -> tuple[tuple[int, str], ...]:
    """(group, word) pairs a text mentions; cached, because people and employers repeat the same words."""
    return tuple(job_types().groups([text]).items())


def groups_of(texts: Iterable[str | None]) -> dict[int, str]:
    found: dict[int, str] = {}
    for text in texts:
        if text:
            for group, word in job_groups_of(text.strip()):
                found.setdefault(group, word)
    return found


def seeker_from_record(
    person_id: int | None, record: Mapping[str, Any], *, registered: bool = False, wishes: Iterable[str] = ()
) -> Seeker:
    """From a form record (field key -> stored value); `wishes` are extra words the person just said
    ("有没有保安的活")."""
    info = nlu.id_number_info(str(record["id_number"])) if record.get("id_number") else None
    texts = [*wishes, *(_text(record.get(key)) for key in JOB_FIELDS)]
    income = record.get("expected_income")
    needs = record.get("service_needs") or ()
    return Seeker(
        person_id=person_id,
        birth_date=info.birth_date if info else None,
        female=(info.gender == "female") if info else None,
        home_division=_code(record.get("home_division")),
        scope=record.get("preferred_scope") or None,
        job_words=groups_of(texts),
        expected_income=int(income) if isinstance(income, int | float) and not isinstance(income, bool) else None,
        registered=registered or bool(record.get("household_id")),
        needs=frozenset(str(n) for n in needs) if isinstance(needs, list | tuple) else frozenset(),
    )


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _code(value: Any) -> str | None:
    if isinstance(value, Mapping):  # a division as the dialog keeps it: {"code", "name"}
        value = value.get("code")
    return str(value) if value else None


def opening(
    *, id: int, item: ItemKind, external_id: str, kind: str, division: str, title: str, job_type: str | None,
    age_min: int | None = None, age_max: int | None = None, salary_min: int | None = None,
    salary_max: int | None = None, transport_subsidy: str | None = None, subsidy: str | None = None,
    expires: date | None = None, full: bool = False,
) -> Opening:
    """An item as matching sees it; its job types come from its job type and then its title."""
    return Opening(
        id=id, item=item, external_id=external_id, kind=kind, division=division, age_min=age_min,
        age_max=age_max, salary_min=salary_min, salary_max=salary_max, job_words=groups_of([job_type, title]),
        transport_subsidy=bool(transport_subsidy), subsidy=bool(subsidy), expires=expires, full=full,
    )
