"""The ranking of matching/engine.py computed as arrays: many items for one person, many people for one item.

`OpeningIndex` holds the live vacancies and trainings: one person's best items are a few operations over
all of them (50,000 items in about a millisecond). `PeopleIndex` holds the people open to offers:
`new_matches` finds who a batch of newly imported items fits, one item against everybody at a time. Both
give exactly the scores of `engine.score` (tests/matching/test_index.py holds them to it); the reasons of
what they pick come from `engine.score` itself.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt

from matching import engine
from matching.types import (
    KINDS,
    NEED_KINDS,
    Opening,
    Rules,
    Scored,
    Seeker,
    county_of,
    prefecture_of,
    province_of,
    rules,
)

I32 = npt.NDArray[np.int32]
Bools = npt.NDArray[np.bool_]
_WORD = 64
_NEEDS = tuple(NEED_KINDS)  # bit i of a person's need mask is _NEEDS[i]
_SCOPE = {"home_county": 1, "home_province": 2, "other_provinces": 3}
_NO_AGE_MAX = 10_000


def _code(value: str | None) -> int:
    return int(value) if value is not None else -1


def _words(groups: Iterable[int], width: int) -> list[int]:
    masks = [0] * width
    for group in groups:
        masks[group // _WORD] |= 1 << (group % _WORD)
    return masks


def _mmdd(day: date) -> int:
    return day.month * 100 + day.day


class OpeningIndex:
    """The live items, in tie-break order (vacancies first, then by id), as columns."""

    def __init__(self, openings: Iterable[Opening], r: Rules | None = None) -> None:
        self.rules = r or rules()
        items = sorted(openings, key=lambda o: (0 if o.item == "vacancy" else 1, o.id))
        self.openings: list[Opening] = items
        self.position = {o.ref: i for i, o in enumerate(items)}
        n = len(items)
        groups = max((g for o in items for g in o.job_words), default=0)
        self.width = groups // _WORD + 1
        self.training = np.array([o.item == "training" for o in items], dtype=bool)
        self.kind = np.array([KINDS.index(o.kind) for o in items], dtype=np.int8)
        self.county = np.array([_code(county_of(o.division)) for o in items], dtype=np.int32)
        self.prefecture = np.array([_code(prefecture_of(o.division)) for o in items], dtype=np.int32)
        self.province = np.array([_code(province_of(o.division)) for o in items], dtype=np.int32)
        self.age_min = np.array([o.age_min or 0 for o in items], dtype=np.int32)
        self.age_max = np.array([_NO_AGE_MAX if o.age_max is None else o.age_max for o in items], dtype=np.int32)
        top = [o.salary_top for o in items]
        self.salary_top = np.array([-1 if s is None else s for s in top], dtype=np.int64)
        self.transport = np.array([o.transport_subsidy for o in items], dtype=bool)
        self.subsidy = np.array([o.subsidy for o in items], dtype=bool)
        self.expires = np.array([o.expires.toordinal() if o.expires else 2**31 - 1 for o in items], dtype=np.int64)
        self.full = np.array([o.full for o in items], dtype=bool)
        self.jobs = np.array([_words(o.job_words, self.width) for o in items], dtype=np.uint64).reshape(
            n, self.width
        )

    def __len__(self) -> int:
        return len(self.openings)

    def mark_full(self, refs: Iterable[str]) -> None:
        """Items found to have no place left since the index was built: never offered again from it."""
        for ref in refs:
            position = self.position.get(ref)
            if position is not None:
                self.full[position] = True

    def scores(self, seeker: Seeker, today: date) -> tuple[npt.NDArray[np.int64], Bools]:
        """Every item's score for this person, and which pass the hard filters."""
        r = self.rules
        p = r.points
        age = seeker.age(today)
        ok = (self.expires >= today.toordinal()) & ~self.full
        if age is not None:
            ok &= (self.age_min <= age) & (self.age_max >= age)
        county = _code(county_of(seeker.home_division))
        prefecture = _code(prefecture_of(seeker.home_division))
        province = _code(province_of(seeker.home_division))
        if seeker.scope == "home_county" and county >= 0:
            ok &= self.county == county
        elif seeker.scope in ("home_province", "other_provinces") and province >= 0:
            ok &= (self.province == province) == (seeker.scope == "home_province")
        score = np.zeros(len(self.openings), dtype=np.int64)
        kinds = {name: KINDS.index(name) for name in ("public_welfare", "technical_school", "employment_base")}
        if r.older(seeker, age):
            score += np.where(self.kind == kinds["public_welfare"], p["public_welfare_older"], 0)
        if seeker.registered and age is not None and age <= r.youth_max:
            score += np.where(self.kind == kinds["technical_school"], p["tuition_free"], 0)
        if seeker.job_words:
            mask = _words(seeker.job_words, max(self.width, max(seeker.job_words) // _WORD + 1))
            shared = np.zeros(len(self.openings), dtype=bool)
            for word in range(self.width):
                if mask[word]:
                    shared |= (self.jobs[:, word] & np.uint64(mask[word])) != 0
            score += np.where(shared, p["job_type"], 0)
        same_county = (self.county == county) if county >= 0 else np.zeros(len(self.openings), dtype=bool)
        same_prefecture = ~same_county & (self.prefecture == prefecture) if prefecture >= 0 else same_county & False
        same_province = (
            ~same_county & ~same_prefecture & (self.province == province) if province >= 0 else same_county & False
        )
        score += np.where(same_county, p["same_county"], 0)
        score += np.where(same_prefecture, p["same_prefecture"], 0)
        score += np.where(same_province, p["same_province"], 0)
        if seeker.expected_income is not None:
            paid = self.salary_top >= 0
            score += np.where(paid & (self.salary_top >= seeker.expected_income), p["salary_ok"], 0)
            score += np.where(paid & (self.salary_top < seeker.expected_income), p["salary_low"], 0)
        if province >= 0:
            score += np.where(self.transport & (self.province != province), p["transport_subsidy"], 0)
        if seeker.registered:
            score += np.where(self.kind == kinds["employment_base"], p["employment_base"], 0)
        score += np.where(self.training & self.subsidy, p["training_subsidy"], 0)
        needed = [KINDS.index(k) for need in seeker.needs for k in NEED_KINDS.get(need, ())]
        if needed:
            score += np.where(np.isin(self.kind, needed), p["service_need"], 0)
        return score, ok

    def top(
        self, seeker: Seeker, today: date, n: int, *, item: str | None = None, exclude: Collection[str] = ()
    ) -> list[Scored]:
        """The person's best `n` items (of one item kind, or both), with their reasons."""
        if not self.openings or n <= 0:
            return []
        score, ok = self.scores(seeker, today)
        if item is not None:
            ok &= self.training == (item == "training")
        for ref in exclude:
            position = self.position.get(ref)
            if position is not None:
                ok[position] = False
        candidates = np.flatnonzero(ok)
        if candidates.size == 0:
            return []
        total = len(self.openings)
        # Best score first, then the lower position (the tie-break order): one integer key, largest first.
        key = score[candidates] * (total + 1) + (total - candidates)
        if candidates.size > n:
            picked = np.argpartition(-key, n - 1)[:n]
        else:
            picked = np.arange(candidates.size)
        best = candidates[picked[np.argsort(-key[picked])]]
        found = [engine.score(seeker, self.openings[int(i)], today, self.rules) for i in best]
        return [s for s in found if s is not None]


@dataclass(frozen=True, slots=True)
class PeopleColumns:
    person_id: npt.NDArray[np.int64]
    birth_year: I32
    birth_mmdd: I32
    female: npt.NDArray[np.int8]
    county: I32
    prefecture: I32
    province: I32
    scope: npt.NDArray[np.int8]
    expected: npt.NDArray[np.int64]
    registered: Bools
    needs: npt.NDArray[np.uint8]
    jobs: npt.NDArray[np.uint64]


class PeopleIndex:
    """The people open to offers, as columns: who does a new item fit?"""

    def __init__(self, seekers: Sequence[Seeker], r: Rules | None = None) -> None:
        self.rules = r or rules()
        self.seekers = seekers
        groups = max((g for s in seekers for g in s.job_words), default=0)
        self.width = groups // _WORD + 1
        n = len(seekers)
        self.columns = PeopleColumns(
            person_id=np.array([s.person_id or 0 for s in seekers], dtype=np.int64),
            birth_year=np.array([s.birth_date.year if s.birth_date else 0 for s in seekers], dtype=np.int32),
            birth_mmdd=np.array([_mmdd(s.birth_date) if s.birth_date else 0 for s in seekers], dtype=np.int32),
            female=np.array([-1 if s.female is None else int(s.female) for s in seekers], dtype=np.int8),
            county=np.array([_code(county_of(s.home_division)) for s in seekers], dtype=np.int32),
            prefecture=np.array([_code(prefecture_of(s.home_division)) for s in seekers], dtype=np.int32),
            province=np.array([_code(province_of(s.home_division)) for s in seekers], dtype=np.int32),
            scope=np.array([_SCOPE.get(s.scope or "", 0) for s in seekers], dtype=np.int8),
            expected=np.array([-1 if s.expected_income is None else s.expected_income for s in seekers],
                              dtype=np.int64),
            registered=np.array([s.registered for s in seekers], dtype=bool),
            needs=np.array([sum(1 << i for i, need in enumerate(_NEEDS) if need in s.needs) for s in seekers],
                           dtype=np.uint8),
            jobs=np.array([_words(s.job_words, self.width) for s in seekers], dtype=np.uint64).reshape(n, self.width),
        )

    def __len__(self) -> int:
        return len(self.seekers)

    def fitting(
        self, opening: Opening, today: date, min_score: int
    ) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.int64]]:
        """Positions of the people this item passes the filters for with at least `min_score`, and scores."""
        c, r = self.columns, self.rules
        p = r.points
        if opening.full or (opening.expires is not None and opening.expires < today):
            return np.empty(0, dtype=np.intp), np.empty(0, dtype=np.int64)
        known_age = c.birth_year > 0
        age = today.year - c.birth_year - (_mmdd(today) < c.birth_mmdd)
        ok = np.ones(len(self.seekers), dtype=bool)
        if opening.age_min is not None:
            ok &= ~known_age | (age >= opening.age_min)
        if opening.age_max is not None:
            ok &= ~known_age | (age <= opening.age_max)
        county = _code(county_of(opening.division))
        prefecture = _code(prefecture_of(opening.division))
        province = _code(province_of(opening.division))
        ok &= (c.scope != 1) | (c.county == -1) | (c.county == county)
        ok &= (c.scope != 2) | (c.province == -1) | (c.province == province)
        ok &= (c.scope != 3) | (c.province == -1) | (c.province != province)
        score = np.zeros(len(self.seekers), dtype=np.int64)
        if opening.kind == "public_welfare":
            threshold = np.where(c.female == 1, r.older_women, r.older_men)
            score += np.where(known_age & (age >= threshold), p["public_welfare_older"], 0)
        if opening.kind == "technical_school":
            score += np.where(c.registered & known_age & (age <= r.youth_max), p["tuition_free"], 0)
        if opening.job_words:
            mask = _words(opening.job_words, max(self.width, max(opening.job_words) // _WORD + 1))
            shared = np.zeros(len(self.seekers), dtype=bool)
            for word in range(self.width):
                if mask[word]:
                    shared |= (c.jobs[:, word] & np.uint64(mask[word])) != 0
            score += np.where(shared, p["job_type"], 0)
        same_county = (c.county == county) & (c.county >= 0) if county >= 0 else np.zeros(len(self.seekers), bool)
        same_prefecture = ~same_county & (c.prefecture == prefecture) & (c.prefecture >= 0) if prefecture >= 0 \
            else same_county & False
        same_province = ~same_county & ~same_prefecture & (c.province == province) & (c.province >= 0)
        score += np.where(same_county, p["same_county"], 0)
        score += np.where(same_prefecture, p["same_prefecture"], 0)
        score += np.where(same_province, p["same_province"], 0)
        top = opening.salary_top
        if top is not None:
            wants = c.expected >= 0
            score += np.where(wants & (top >= c.expected), p["salary_ok"], 0)
            score += np.where(wants & (top < c.expected), p["salary_low"], 0)
        if opening.transport_subsidy:
            score += np.where((c.province >= 0) & (c.province != province), p["transport_subsidy"], 0)
        if opening.kind == "employment_base":
            score += np.where(c.registered, p["employment_base"], 0)
        if opening.item == "training" and opening.subsidy:
            score += p["training_subsidy"]
        bits = sum(1 << i for i, need in enumerate(_NEEDS) if opening.kind in NEED_KINDS[need])
        if bits:
            score += np.where((c.needs & np.uint8(bits)) != 0, p["service_need"], 0)
        fit = np.flatnonzero(ok & (score >= min_score))
        return fit, score[fit]


def new_matches(
    people: PeopleIndex, openings: Sequence[Opening], today: date, *, per_person: int | None = None,
    min_score: int | None = None,
) -> dict[int, list[Scored]]:
    """Newly arrived items -> for each person they fit (at least the push threshold), their best few of them.

    What the push sweep calls after an import: the people keyed by person id, each with at most
    `per_person` items, best first (the never-twice rule and the weekly cap are the sweep's to apply,
    storage/jobs.py). One item is scored against everybody at a time, keeping each person's best so far.
    """
    r = people.rules
    keep = r.push_items if per_person is None else per_person
    threshold = r.push_min_score if min_score is None else min_score
    ordered = sorted(openings, key=lambda o: (0 if o.item == "vacancy" else 1, o.id))
    if not ordered or not len(people) or keep <= 0:
        return {}
    # Each person's best so far as one integer per slot: score first, then the earlier item (tie-break order).
    total = len(ordered)
    best_key = np.full((len(people), keep), np.iinfo(np.int64).min, dtype=np.int64)
    best_item = np.full((len(people), keep), -1, dtype=np.int32)
    for number, opening in enumerate(ordered):
        fit, scores = people.fitting(opening, today, threshold)
        if fit.size == 0:
            continue
        keys = scores * (total + 1) + (total - number)
        slot = best_key[fit].argmin(axis=1)
        better = keys > best_key[fit, slot]
        best_key[fit[better], slot[better]] = keys[better]
        best_item[fit[better], slot[better]] = number
    matched: dict[int, list[Scored]] = {}
    for position in np.flatnonzero(best_item.max(axis=1) >= 0):
        seeker = people.seekers[int(position)]
        found = [
            s for number in best_item[position] if number >= 0
            if (s := engine.score(seeker, ordered[int(number)], today, r)) is not None
        ]
        found.sort(key=engine.order_key)
        matched[int(people.columns.person_id[position])] = found
    return matched
