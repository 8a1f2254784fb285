"""What matching works on: a person looking (Seeker), a vacancy or training (Opening), a ranked result."""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from typing import Any, Literal

ItemKind = Literal["vacancy", "training"]
VACANCY_KINDS = (
    "factory", "workshop", "public_welfare", "home_based", "flexible", "employment_base", "cross_province",
)
TRAINING_KINDS = ("pre_employment", "pre_job", "order_based", "upgrade", "technical_school")
KINDS = VACANCY_KINDS + TRAINING_KINDS
# preferred_scope of the form; None (not asked) filters nothing, like "anywhere".
SCOPES = ("home_county", "home_province", "other_provinces", "anywhere")
# Where an item is taken, for the kinds where that is not where the person would work (their preferred scope,
# which does not apply to them): a public-welfare post is for the county's own people, and so are a poverty
# workshop (扶贫车间: set up in the villages for the people living there) and home-based work; pre-employment and
# order-based training are held by the home county before people go out (劳动预备制培训, 订单培训: the
# employer's order trained at home); a technical school enrols the registered youth of its province (技工院校
# 定向招收). Pre-job and upgrade training are the employer's, where the work is: the scope applies to them as
# to a vacancy.
HOME_COUNTY_KINDS = frozenset({"public_welfare", "workshop", "home_based", "pre_employment", "order_based"})
HOME_PROVINCE_KINDS = frozenset({"technical_school"})
TAKEN_FROM_HOME = frozenset({"pre_employment", "order_based", "technical_school"})
# service_needs of the form that make an item of a kind more welcome.
NEED_KINDS: Mapping[str, frozenset[str]] = {
    "public_welfare": frozenset({"public_welfare"}),
    "labour_export": frozenset({"cross_province", "employment_base"}),
    "training": frozenset(TRAINING_KINDS),
    # Not a choice of the form: said in a wish ("有能带娃的活不", profile.py): work that leaves time for family.
    "near_home": frozenset({"workshop", "home_based", "flexible"}),
    # Said in a wish too ("放假这段时间 有没有短期的活", "回老家找点零活干"): work to take up for a while, near home.
    "short_term": frozenset({"workshop", "home_based", "flexible"}),
}
# Needs met only in the home county (a flexible job in another province is no work beside the family, nor a few
# weeks' work during the holiday at home).
LOCAL_NEEDS = frozenset({"near_home", "short_term"})


def age_on(birth: date, today: date) -> int:
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def county_of(code: str | None) -> str | None:
    return code[:6] if code and len(code) >= 6 else None


def prefecture_of(code: str | None) -> str | None:
    return code[:4] if code and len(code) >= 4 else None


def province_of(code: str | None) -> str | None:
    return code[:2] if code and len(code) >= 2 else None


@dataclass(frozen=True, slots=True)
class Seeker:
    """A person as matching sees them (from the form, the ID number and the roster)."""

    person_id: int | None
    birth_date: date | None = None
    female: bool | None = None
    home_division: str | None = None
    scope: str | None = None
    # job-type group -> the person's own word for it (what a reason quotes: "岗位对口: 保安")
    job_words: Mapping[int, str] = field(default_factory=dict)
    expected_income: int | None = None
    registered: bool = False  # on the 建档立卡 roster
    needs: frozenset[str] = frozenset()
    # What someone in work earns now, when the pay they hope for is only "more than that" (never said).
    earning_now: int | None = None
    # The job-type groups of the work they want to leave (想换个活 from a cleaner): listed after the others.
    leaving: frozenset[int] = frozenset()

    def age(self, today: date) -> int | None:
        return age_on(self.birth_date, today) if self.birth_date is not None else None


@dataclass(frozen=True, slots=True)
class Opening:
    """A live vacancy or training; `job_words` maps each job-type group to the item's own word for it."""

    id: int
    item: ItemKind
    external_id: str
    kind: str
    division: str
    age_min: int | None = None
    age_max: int | None = None
    salary_min: int | None = None
    salary_max: int | None = None
    job_words: Mapping[int, str] = field(default_factory=dict)
    transport_subsidy: bool = False
    subsidy: bool = False
    expires: date | None = None
    full: bool = False

    @property
    def ref(self) -> str:
        """How the chat and the offers refer to it: v12, t3."""
        return f"{self.item[0]}{self.id}"

    @property
    def salary_top(self) -> int | None:
        return self.salary_max if self.salary_max is not None else self.salary_min


@dataclass(frozen=True, slots=True)
class Reason:
    """Why an item fits, as a message key (locales/*/jobs.toml) with its parameters."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "params": dict(self.params)}


@dataclass(frozen=True, slots=True)
class Scored:
    opening: Opening
    score: int
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class Rules:
    """dialogs/matching/data/rules.toml: the ages, the points and the push threshold."""

    older_men: int
    older_women: int
    youth_max: int
    points: Mapping[str, int]
    push_min_score: int
    push_items: int

    def older(self, seeker: Seeker, age: int | None) -> bool:
        if age is None:
            return False
        return age >= (self.older_women if seeker.female else self.older_men)


@functools.cache
def rules() -> Rules:
    data = tomllib.loads(resources.files("dialogs.matching").joinpath("data/rules.toml").read_text(encoding="utf-8"))
    return Rules(
        older_men=int(data["ages"]["older_men"]),
        older_women=int(data["ages"]["older_women"]),
        youth_max=int(data["ages"]["youth_max"]),
        points={k: int(v) for k, v in data["points"].items()},
        push_min_score=int(data["push"]["min_score"]),
        push_items=int(data["push"]["items"]),
    )
