"""The ranking of dialogs/matching/engine.py computed as arrays: many items for one person, many people for one item.

`OpeningIndex` holds the live vacancies and trainings: one person's best items are a few operations over
all of them. `PeopleIndex` holds the people open to offers: `new_matches` finds who a batch of newly
imported items fits, one item against everybody at a time. Both give exactly the scores of `engine.score`
(tests/matching/test_index.py holds them to it); the reasons of what they pick come from `engine.score`.

How the points add up as arrays: each rule is a mask of the items (or people) it applies to, and its points
are added in place where the mask holds (small integer types: these arrays are walked tens of times per
question). The three distances nest (same county implies same city implies same province, the codes being
prefixes of each other), so they are three additions of the differences between their points.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt

from dialogs.matching import engine
from dialogs.matching.types import (
    HOME_COUNTY_KINDS,
    HOME_PROVINCE_KINDS,
    KINDS,
    LOCAL_NEEDS,
    NEED_KINDS,
    TAKEN_FROM_HOME,
    Opening,
    Rules,
    Scored,
    Seeker,
    county_of,
    prefecture_of,
    province_of,
    rules,
)

Bools = npt.NDArray[np.bool_]
I16 = npt.NDArray[np.int16]
I32 = npt.NDArray[np.int32]
_WORD = 64
_NEEDS = tuple(NEED_KINDS)  # bit i of a person's need mask is _NEEDS[i]
_SCOPE = {"home_county": 1, "home_province": 2, "other_provinces": 3}
_NO_AGE_MAX = 1_000
_NEVER = 2**31 - 1
_PUBLIC_WELFARE, _TECHNICAL_SCHOOL, _EMPLOYMENT_BASE = (
    KINDS.index(k) for k in ("public_welfare", "technical_school", "employment_base"))


def _kinds(kind: npt.NDArray[np.int8], kinds: Iterable[str]) -> Bools:
    return np.isin(kind, [KINDS.index(k) for k in kinds])


def _code(value: str | None) -> int:
    return int(value) if value is not None else -1


def _words(groups: Iterable[int], width: int) -> list[int]:
    masks = [0] * width
    for group in groups:
        masks[group // _WORD] |= 1 << (group % _WORD)
    return masks


def _mmdd(day: date) -> int:
    return day.month * 100 + day.day


def _distance_steps(r: Rules) -> tuple[int, int, int]:
    """Points for the same province, then what the same city and the same county add on top."""
    p = r.points
    return p["same_province"], p["same_prefecture"] - p["same_province"], p["same_county"] - p["same_prefecture"]


def _add(score: I16, points: int, where: Bools) -> None:
    # Multiplying the mask is some forty times faster than np.add(..., where=mask) on these sizes.
    score += where * np.int16(points)


def _shared_jobs(jobs: npt.NDArray[np.uint64], groups: Iterable[int]) -> Bools | None:
    """Rows whose job-type groups meet `groups`; None when `groups` is empty."""
    wanted = list(groups)
    if not wanted:
        return None
    width = jobs.shape[1]
    mask = _words((g for g in wanted if g // _WORD < width), width)
    shared = np.zeros(jobs.shape[0], dtype=bool)
    for word, bits in enumerate(mask):
        if bits:
            shared |= (jobs[:, word] & np.uint64(bits)) != 0
    return shared


class OpeningIndex:
    """The live items, in tie-break order (vacancies first, then by id), as columns."""

    def __init__(self, openings: Iterable[Opening], r: Rules | None = None) -> None:
        self.rules = r or rules()
        items = sorted(openings, key=lambda o: (0 if o.item == "vacancy" else 1, o.id))
        self.openings: list[Opening] = items
        self.position = {o.ref: i for i, o in enumerate(items)}
        n = len(items)
        width = max((g for o in items for g in o.job_words), default=0) // _WORD + 1
        self.training = np.array([o.item == "training" for o in items], dtype=bool)
        kind = np.array([KINDS.index(o.kind) for o in items], dtype=np.int8)
        self.kind = kind
        self.public_welfare = kind == _PUBLIC_WELFARE
        # Where items are taken when that is not where people work (types.HOME_COUNTY_KINDS …): the scope
        # restricts only the others.
        self.home_county_only = _kinds(kind, HOME_COUNTY_KINDS)
        self.home_province_only = _kinds(kind, HOME_PROVINCE_KINDS)
        self.scoped = ~_kinds(kind, TAKEN_FROM_HOME)
        self.technical_school = kind == _TECHNICAL_SCHOOL
        self.employment_base = kind == _EMPLOYMENT_BASE
        self.county = np.array([_code(county_of(o.division)) for o in items], dtype=np.int32)
        self.prefecture = np.array([_code(prefecture_of(o.division)) for o in items], dtype=np.int32)
        self.province = np.array([_code(province_of(o.division)) for o in items], dtype=np.int32)
        self.age_min = np.array([o.age_min or 0 for o in items], dtype=np.int16)
        self.age_max = np.array([_NO_AGE_MAX if o.age_max is None else o.age_max for o in items], dtype=np.int16)
        self.salary_top = np.array([-1 if o.salary_top is None else o.salary_top for o in items], dtype=np.int32)
        self.paid = self.salary_top >= 0
        self.transport = np.array([o.transport_subsidy for o in items], dtype=bool)
        self.expires = np.array([o.expires.toordinal() if o.expires else _NEVER for o in items], dtype=np.int32)
        self.full = np.array([o.full for o in items], dtype=bool)
        self.jobs = np.array([_words(o.job_words, width) for o in items], dtype=np.uint64).reshape(n, width)
        self.needed = {need: np.isin(kind, [KINDS.index(k) for k in kinds]) for need, kinds in NEED_KINDS.items()}
        subsidised = self.training & np.array([o.subsidy for o in items], dtype=bool)
        # What does not depend on the person: the training subsidy.
        self.base_score = np.where(subsidised, self.rules.points["training_subsidy"], 0).astype(np.int16)

    def __len__(self) -> int:
        return len(self.openings)

    def mark_full(self, refs: Iterable[str]) -> None:
        """Items found to have no place left since the index was built: never offered again from it."""
        for ref in refs:
            position = self.position.get(ref)
            if position is not None:
                self.full[position] = True

    def scores(self, seeker: Seeker, today: date) -> tuple[I16, Bools]:
        """Every item's score for this person, and which pass the hard filters."""
        r = self.rules
        p = r.points
        age = seeker.age(today)
        ok = self.expires >= today.toordinal()
        ok &= ~self.full
        if age is not None:
            ok &= self.age_min <= age
            ok &= self.age_max >= age
        county = _code(county_of(seeker.home_division))
        prefecture = _code(prefecture_of(seeker.home_division))
        province = _code(province_of(seeker.home_division))
        if county >= 0:
            ok &= ~self.home_county_only | (self.county == county)  # for the county's own people (engine.passes)
        if province >= 0:
            ok &= ~self.home_province_only | (self.province == province)
        if seeker.scope == "home_county" and county >= 0:
            ok &= ~self.scoped | (self.county == county)
        elif seeker.scope == "home_province" and province >= 0:
            ok &= ~self.scoped | (self.province == province)
        elif seeker.scope == "other_provinces" and province >= 0:
            ok &= ~self.scoped | (self.province != province)
        score = self.base_score.copy()
        if r.older(seeker, age):
            _add(score, p["public_welfare_older"], self.public_welfare)
        if seeker.registered and age is not None and age <= r.youth_max:
            _add(score, p["tuition_free"], self.technical_school)
        shared = _shared_jobs(self.jobs, seeker.job_words)
        if shared is not None:
            _add(score, p["job_type"], shared)
        same_province, same_prefecture, same_county = _distance_steps(r)
        if province >= 0:
            _add(score, same_province, self.province == province)
            _add(score, p["transport_subsidy"], self.transport & (self.province != province))
        if prefecture >= 0:
            _add(score, same_prefecture, self.prefecture == prefecture)
        if county >= 0:
            _add(score, same_county, self.county == county)
        if seeker.expected_income is not None:
            enough = self.salary_top >= seeker.expected_income
            _add(score, p["salary_ok"], enough)
            _add(score, p["salary_low"], self.paid & ~enough)
        if seeker.registered:
            _add(score, p["employment_base"], self.employment_base)
        wanted = [self.needed[need] for need in seeker.needs if need in self.needed and need not in LOCAL_NEEDS]
        for need in sorted(LOCAL_NEEDS & set(seeker.needs)):
            # work near home is in the home county (engine.score)
            near = self.needed[need]
            wanted.append(near & (self.county == county) if county >= 0 else near)
        if wanted:
            _add(score, p["service_need"], np.logical_or.reduce(wanted))
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
        best = _best(np.flatnonzero(ok), score, n)
        found = [engine.score(seeker, self.openings[int(i)], today, self.rules) for i in best]
        return [s for s in found if s is not None]


def _best(candidates: npt.NDArray[np.intp], score: I16, n: int) -> npt.NDArray[np.intp]:
    """The `n` best candidates (positions in ascending order), best score first, lower position at a tie."""
    values = score[candidates]
    if candidates.size > n:
        threshold = np.partition(values, candidates.size - n)[candidates.size - n]
        above = candidates[values > threshold]
        level = candidates[values == threshold][: n - above.size]  # the lowest positions among the ties
        candidates = np.concatenate((above, level))
        values = score[candidates]
    return candidates[np.lexsort((candidates, -values.astype(np.int32)))]


@dataclass(frozen=True, slots=True)
class _Day:
    """What the people's columns say on one day: ages and the rules that turn on them."""

    age_low: I16  # age, unknown as far above any limit (passes every minimum)
    age_high: I16  # age, unknown as below any limit (passes every maximum)
    older: Bools
    youth_registered: Bools


class PeopleIndex:
    """The people open to offers, as columns: who does a new item fit?"""

    def __init__(self, seekers: Sequence[Seeker], r: Rules | None = None) -> None:
        self.rules = r or rules()
        self.seekers = seekers
        n = len(seekers)
        width = max((g for s in seekers for g in s.job_words), default=0) // _WORD + 1
        self.person_id = np.array([s.person_id or 0 for s in seekers], dtype=np.int64)
        self.birth_year = np.array([s.birth_date.year if s.birth_date else 0 for s in seekers], dtype=np.int16)
        self.birth_mmdd = np.array([_mmdd(s.birth_date) if s.birth_date else 0 for s in seekers], dtype=np.int16)
        self.female = np.array([bool(s.female) for s in seekers], dtype=bool)
        self.county = np.array([_code(county_of(s.home_division)) for s in seekers], dtype=np.int32)
        self.prefecture = np.array([_code(prefecture_of(s.home_division)) for s in seekers], dtype=np.int32)
        self.province = np.array([_code(province_of(s.home_division)) for s in seekers], dtype=np.int32)
        scope = np.array([_SCOPE.get(s.scope or "", 0) for s in seekers], dtype=np.int8)
        # Who each kind of place passes, whatever the item: the scope does not restrict them, or their home
        # is unknown (nothing to compare with).
        self.any_county = (scope != 1) | (self.county < 0)
        self.any_province_in = (scope != 2) | (self.province < 0)
        self.any_province_out = (scope != 3) | (self.province < 0)
        expected = np.array([-1 if s.expected_income is None else s.expected_income for s in seekers],
                            dtype=np.int32)
        self.wants_pay = expected >= 0
        # An unknown expectation never counts as met: compared as the largest possible.
        self.expected = np.where(self.wants_pay, expected, np.iinfo(np.int32).max).astype(np.int32)
        self.registered = np.array([s.registered for s in seekers], dtype=bool)
        self.needs = np.array([sum(1 << i for i, need in enumerate(_NEEDS) if need in s.needs) for s in seekers],
                              dtype=np.uint8)
        self.jobs = np.array([_words(s.job_words, width) for s in seekers], dtype=np.uint64).reshape(n, width)

    def __len__(self) -> int:
        return len(self.seekers)

    def day(self, today: date) -> _Day:
        known = self.birth_year > 0
        age = (today.year - self.birth_year - (self.birth_mmdd > _mmdd(today))).astype(np.int16)
        r = self.rules
        threshold = np.where(self.female, r.older_women, r.older_men)
        return _Day(
            age_low=np.where(known, age, _NO_AGE_MAX).astype(np.int16),
            age_high=np.where(known, age, -1).astype(np.int16),
            older=known & (age >= threshold),
            youth_registered=known & (age <= r.youth_max) & self.registered,
        )

    def fitting(
        self, opening: Opening, today: date, min_score: int, day: _Day | None = None
    ) -> tuple[npt.NDArray[np.intp], I16]:
        """Positions of the people this item passes the filters for with at least `min_score`, and scores."""
        r = self.rules
        p = r.points
        if opening.full or (opening.expires is not None and opening.expires < today):
            return np.empty(0, dtype=np.intp), np.empty(0, dtype=np.int16)
        d = day or self.day(today)
        county = _code(county_of(opening.division))
        prefecture = _code(prefecture_of(opening.division))
        province = _code(province_of(opening.division))
        same_province_mask = self.province == province
        if opening.kind in TAKEN_FROM_HOME:
            ok = np.ones(len(self.seekers), dtype=bool)  # where they would work is not where they learn
        else:
            ok = self.any_county | (self.county == county) if county >= 0 else self.any_county.copy()
            ok &= self.any_province_in | same_province_mask
            ok &= self.any_province_out | ~same_province_mask
        if opening.kind in HOME_COUNTY_KINDS:
            ok &= (self.county == county) | (self.county < 0)  # for the county's own people (engine.passes)
        if opening.kind in HOME_PROVINCE_KINDS:
            ok &= same_province_mask | (self.province < 0)
        if opening.age_min is not None:
            ok &= d.age_low >= opening.age_min
        if opening.age_max is not None:
            ok &= d.age_high <= opening.age_max
        constant = p["training_subsidy"] if opening.item == "training" and opening.subsidy else 0
        score = np.full(len(self.seekers), constant, dtype=np.int16)
        if opening.kind == "public_welfare":
            _add(score, p["public_welfare_older"], d.older)
        if opening.kind == "technical_school":
            _add(score, p["tuition_free"], d.youth_registered)
        shared = _shared_jobs(self.jobs, opening.job_words)
        if shared is not None:
            _add(score, p["job_type"], shared)
        in_province, in_prefecture, in_county = _distance_steps(r)
        _add(score, in_province, same_province_mask)
        if prefecture >= 0:
            _add(score, in_prefecture, self.prefecture == prefecture)
        if county >= 0:
            _add(score, in_county, self.county == county)
        top = opening.salary_top
        if top is not None:
            enough = self.expected <= top
            _add(score, p["salary_ok"], enough)
            _add(score, p["salary_low"], self.wants_pay & ~enough)
        if opening.transport_subsidy:
            _add(score, p["transport_subsidy"], (self.province >= 0) & ~same_province_mask)
        if opening.kind == "employment_base":
            _add(score, p["employment_base"], self.registered)
        met = [need in LOCAL_NEEDS if opening.kind in NEED_KINDS[need] else None for need in _NEEDS]
        bits = sum(1 << i for i, local_need in enumerate(met) if local_need is False)
        served = (self.needs & np.uint8(bits)) != 0
        local = sum(1 << i for i, local_need in enumerate(met) if local_need is True)
        if local:
            # work near home is in the home county (engine.score): people of this county, or of none known
            near = (self.needs & np.uint8(local)) != 0
            served |= near & ((self.county < 0) | (self.county == county) if county >= 0 else self.county < 0)
        if bits or local:
            _add(score, p["service_need"], served)
        ok &= score >= min_score
        fit = np.flatnonzero(ok)
        return fit, score[fit]


class NewMatches(Mapping[int, list[Scored]]):
    """person id -> their best new items, best first. Kept as arrays: the reasons of a person's items are
    worked out when that person's entry is read (a sweep reads only those it will push to)."""

    def __init__(self, people: PeopleIndex, ordered: Sequence[Opening], best: npt.NDArray[np.int32],
                 today: date) -> None:
        self._people, self._ordered, self._best, self._today = people, ordered, best, today
        matched = np.flatnonzero(best.max(axis=1) >= 0) if best.size else np.empty(0, dtype=np.intp)
        self._row = {int(people.person_id[i]): int(i) for i in matched}

    def __getitem__(self, person_id: int) -> list[Scored]:
        row = self._row[person_id]
        seeker = self._people.seekers[row]
        found = [
            s for number in self._best[row] if number >= 0
            if (s := engine.score(seeker, self._ordered[int(number)], self._today, self._people.rules)) is not None
        ]
        found.sort(key=engine.order_key)
        return found

    def __iter__(self) -> Iterator[int]:
        return iter(self._row)

    def __len__(self) -> int:
        return len(self._row)

    def items_matched(self) -> int:
        return int((self._best >= 0).sum())

    def refs(self, person_id: int) -> list[str]:
        """The refs of the person's new items, without working out scores and reasons (planning a push needs
        only which items; the push scores them again when it is sent)."""
        return [self._ordered[int(number)].ref for number in self._best[self._row[person_id]] if number >= 0]


def new_matches(
    people: PeopleIndex, openings: Sequence[Opening], today: date, *, per_person: int | None = None,
    min_score: int | None = None,
) -> NewMatches:
    """Newly arrived items -> for each person they fit (at least the push threshold), their best few of them.

    What the push sweep calls after an import: the people keyed by person id, each with at most
    `per_person` items, best first (the never-twice rule and the weekly cap are the sweep's to apply,
    storage/matches.py). One item is scored against everybody at a time, keeping each person's best so far.
    """
    r = people.rules
    keep = r.push_items if per_person is None else per_person
    threshold = r.push_min_score if min_score is None else min_score
    ordered = sorted(openings, key=lambda o: (0 if o.item == "vacancy" else 1, o.id))
    if not ordered or not len(people) or keep <= 0:
        return NewMatches(people, ordered, np.empty((0, 0), dtype=np.int32), today)
    # Each person's best so far as one integer per slot: score first, then the earlier item (tie-break order).
    total = len(ordered)
    best_key = np.full((len(people), keep), np.iinfo(np.int64).min, dtype=np.int64)
    best_item = np.full((len(people), keep), -1, dtype=np.int32)
    day = people.day(today)
    for number, opening in enumerate(ordered):
        fit, scores = people.fitting(opening, today, threshold, day)
        if fit.size == 0:
            continue
        keys = scores.astype(np.int64) * (total + 1) + (total - number)
        slot = best_key[fit].argmin(axis=1)
        better = keys > best_key[fit, slot]
        best_key[fit[better], slot[better]] = keys[better]
        best_item[fit[better], slot[better]] = number
    return NewMatches(people, ordered, best_item, today)
