"""The array index ranks exactly as the one-pair-at-a-time rules do (dialogs/matching/engine.py is the definition)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from dialogs.matching import engine
from dialogs.matching.index import OpeningIndex, PeopleIndex, new_matches
from dialogs.matching.types import NEED_KINDS, SCOPES, TRAINING_KINDS, VACANCY_KINDS, Opening, Seeker

TODAY = date(2026, 11, 26)
# Few places, so that every relation (same county, prefecture, province, elsewhere) occurs often.
DIVISIONS = ("520526", "520526101", "520502", "5205", "520100", "52", "440306", "4403", "44", "330100")


def _maybe(rng: random.Random, value: object, p: float = 0.7) -> object:
    return value if rng.random() < p else None


def random_seeker(rng: random.Random, person_id: int) -> Seeker:
    return Seeker(
        person_id=person_id,
        birth_date=_maybe(rng, date(1960, 1, 1) + timedelta(days=rng.randrange(365 * 48)), 0.9),  # type: ignore[arg-type]
        female=_maybe(rng, rng.random() < 0.5),  # type: ignore[arg-type]
        home_division=_maybe(rng, rng.choice(DIVISIONS), 0.9),  # type: ignore[arg-type]
        scope=_maybe(rng, rng.choice(SCOPES)),  # type: ignore[arg-type]
        job_words={g: f"p{g}" for g in rng.sample(range(70), rng.choice((0, 0, 1, 2, 3)))},
        expected_income=_maybe(rng, rng.randrange(1500, 8000, 250), 0.6),  # type: ignore[arg-type]
        registered=rng.random() < 0.5,
        needs=frozenset(rng.sample(sorted(NEED_KINDS), rng.choice((0, 1, 2)))),
    )


def random_opening(rng: random.Random, number: int) -> Opening:
    training = rng.random() < 0.3
    low = _maybe(rng, rng.randrange(1500, 6000, 250), 0.6)
    return Opening(
        id=number,
        item="training" if training else "vacancy",
        external_id=f"X{number}",
        kind=rng.choice(TRAINING_KINDS if training else VACANCY_KINDS),
        division=rng.choice(DIVISIONS),
        age_min=_maybe(rng, rng.choice((16, 18, 30, 45)), 0.5),  # type: ignore[arg-type]
        age_max=_maybe(rng, rng.choice((25, 35, 45, 55, 60)), 0.5),  # type: ignore[arg-type]
        salary_min=None if training else low,  # type: ignore[arg-type]
        salary_max=None if training or low is None else _maybe(rng, low + rng.randrange(0, 3000, 250)),  # type: ignore[operator, arg-type]
        job_words={g: f"w{g}" for g in rng.sample(range(70), rng.choice((0, 1, 2)))},
        transport_subsidy=rng.random() < 0.3,
        subsidy=rng.random() < 0.4,
        expires=_maybe(rng, TODAY + timedelta(days=rng.randrange(-20, 60))),  # type: ignore[arg-type]
        full=rng.random() < 0.05,
    )


def test_one_persons_best_items_are_those_of_scoring_every_pair() -> None:
    rng = random.Random(12)
    openings = [random_opening(rng, i) for i in range(1, 400)]
    index = OpeningIndex(openings)
    for person in range(300):
        seeker = random_seeker(rng, person)
        expected = engine.rank(seeker, openings, TODAY, 5)
        got = index.top(seeker, TODAY, 5)
        assert [(s.opening.ref, s.score) for s in got] == [(s.opening.ref, s.score) for s in expected]
        assert [s.reasons for s in got] == [s.reasons for s in expected]


def test_every_score_matches_the_rules_not_only_the_best() -> None:
    rng = random.Random(5)
    openings = [random_opening(rng, i) for i in range(1, 300)]
    index = OpeningIndex(openings)
    for person in range(100):
        seeker = random_seeker(rng, person)
        scores, ok = index.scores(seeker, TODAY)
        for position, opening in enumerate(index.openings):
            scored = engine.score(seeker, opening, TODAY)
            assert bool(ok[position]) == (scored is not None)
            if scored is not None:
                assert int(scores[position]) == scored.score


def test_the_best_of_one_kind_and_without_those_already_shown() -> None:
    rng = random.Random(7)
    openings = [random_opening(rng, i) for i in range(1, 200)]
    index = OpeningIndex(openings)
    seeker = random_seeker(rng, 1)
    first = index.top(seeker, TODAY, 3, item="training")
    assert first and all(s.opening.item == "training" for s in first)
    shown = {s.opening.ref for s in first}
    again = index.top(seeker, TODAY, 3, item="training", exclude=shown)
    assert not shown & {s.opening.ref for s in again}
    index.mark_full([first[0].opening.ref])
    assert first[0].opening.ref not in {s.opening.ref for s in index.top(seeker, TODAY, 10, item="training")}


def test_new_items_reach_the_people_they_fit_as_scoring_every_pair_finds() -> None:
    rng = random.Random(3)
    seekers = [random_seeker(rng, person) for person in range(1, 600)]
    openings = [random_opening(rng, i) for i in range(1, 60)]
    people = PeopleIndex(seekers)
    got = new_matches(people, openings, TODAY, per_person=3, min_score=40)
    expected = {}
    for seeker in seekers:
        best = [s for s in engine.rank(seeker, openings, TODAY, len(openings)) if s.score >= 40][:3]
        if best:
            expected[seeker.person_id] = [(s.opening.ref, s.score, s.reasons) for s in best]
    assert expected  # the data is such that many people fit something
    assert {pid: [(s.opening.ref, s.score, s.reasons) for s in found] for pid, found in got.items()} == expected


def test_an_empty_index_and_nobody_to_match() -> None:
    seeker = Seeker(person_id=1)
    assert OpeningIndex([]).top(seeker, TODAY, 3) == []
    assert new_matches(PeopleIndex([]), [], TODAY) == {}
