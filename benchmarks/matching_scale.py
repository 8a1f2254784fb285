"""Matching at province scale: one person's best five among 50,000 live vacancies, and 1,000 newly imported
vacancies matched against 1,000,000 people, each beside the obvious baseline (every pair scored in Python,
dialogs/matching/engine.py) in the same run.

    .venv/bin/python benchmarks/matching.py                 # the issue's sizes, about 10 minutes
    .venv/bin/python benchmarks/matching.py --people 100000 --db-people 20000   # a quick look

Phases (every figure is wall time on this machine; memory is the process's resident set):
1. synthetic data: people of one province (Guizhou's counties), vacancies 60 % in that province and 40 % in
   four coastal ones, trainings; job words drawn from dialogs.matching/data/job_types.toml;
2. the index of live items, built from the items' plain fields as the chat's board builds it (jieba for
   the job types, memoised per text);
3. one person's top five: `OpeningIndex.top` for many people (p50, p99, max), and the baseline
   `engine.rank` over all vacancies for a few of them;
4. the people index, and `new_matches` for the new vacancies against everybody; the baseline scores every
   (person, new vacancy) pair in Python for a sample of people and is extrapolated (said so in the output);
   the index's result on that sample is checked to be the baseline's;
5. the database: a SQLite file with the vacancies and `--db-people` people (encrypted forms, as the
   service stores them): loading them as Seekers (what the push sweep does first); the push sweep's whole
   planning of `--new` newly imported vacancies (scheduler/job_pushes.py, to the fire rows), beside the bare
   matching from the database; and the chat's whole look-up (the `jobs.match` effect: form, version, index,
   rows, offers recorded) for many people.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import random
import resource
import statistics
import sys
import tempfile
import threading
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from pathlib import Path
from typing import Any

from machine import describe

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dialogs import nlu  # noqa: E402
from dialogs.matching import engine, words  # noqa: E402
from dialogs.matching.index import OpeningIndex, PeopleIndex, new_matches  # noqa: E402
from dialogs.matching.job_types import job_types  # noqa: E402
from dialogs.matching.profile import opening  # noqa: E402
from dialogs.matching.types import SCOPES, TRAINING_KINDS, VACANCY_KINDS, Seeker  # noqa: E402

TODAY = date(2026, 11, 26)
NOW = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)
COASTAL = ("44", "33", "35", "32")  # Guangdong, Zhejiang, Fujian, Jiangsu


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


class World:
    """Synthetic people and items, reproducible from a seed."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        gazetteer = _gazetteer()
        self.home_counties = [c for c in gazetteer if len(c) == 6 and c.startswith("52")]
        self.coastal = [c for c in gazetteer if len(c) == 6 and c.startswith(COASTAL)]
        self.townships = {}
        for code in gazetteer:
            if len(code) == 9:
                self.townships.setdefault(code[:6], []).append(code)
        types = job_types()
        self.groups = {g: [w for w, n in types.group_of.items() if n == g] for g in range(len(types.names))}

    def word(self) -> tuple[int, str]:
        group = self.rng.randrange(len(self.groups))
        return group, self.rng.choice(self.groups[group])

    def seeker(self, person_id: int) -> Seeker:
        rng = self.rng
        county = rng.choice(self.home_counties)
        home = rng.choice(self.townships.get(county, [county])) if rng.random() < 0.5 else county
        wanted = dict(self.word() for _ in range(rng.choice((0, 1, 1, 2))))
        return Seeker(
            person_id=person_id,
            birth_date=date(1960, 1, 1) + timedelta(days=rng.randrange(365 * 48)),
            female=rng.random() < 0.5,
            home_division=home,
            scope=rng.choice((*SCOPES, None)),
            job_words=wanted,
            expected_income=rng.randrange(1500, 7000, 250) if rng.random() < 0.6 else None,
            registered=rng.random() < 0.8,
            needs=frozenset(rng.sample(("public_welfare", "labour_export", "training", "job_referral"),
                                       rng.choice((0, 1, 2)))),
        )

    def item_fields(self, number: int, training: bool = False) -> dict[str, Any]:
        rng = self.rng
        local = rng.random() < 0.6
        division = rng.choice(self.home_counties if local else self.coastal)
        if rng.random() < 0.3:
            division = rng.choice(self.townships.get(division, [division]))
        _, word = self.word()
        low = rng.randrange(1500, 6000, 100)
        fields: dict[str, Any] = {
            "id": number, "external_id": f"B{number}", "division": division,
            "title": f"{rng.choice(('招', '急招', '诚聘', ''))}{word}{rng.choice(('', '工', '岗位', '师傅'))}",
            "job_type": word if rng.random() < 0.8 else None,
            "age_min": rng.choice((None, 16, 18, 18, 20)), "age_max": rng.choice((None, 35, 45, 50, 55, 60)),
            "expires": TODAY + timedelta(days=rng.randrange(1, 90)),
        }
        if training:
            return fields | {"item": "training", "kind": rng.choice(TRAINING_KINDS),
                             "subsidy": "每人1500元" if rng.random() < 0.6 else None}
        kind = rng.choice(VACANCY_KINDS) if local else rng.choice(("factory", "cross_province", "employment_base"))
        return fields | {"item": "vacancy", "kind": kind, "salary_min": low,
                         "salary_max": low + rng.randrange(0, 3000, 100) if rng.random() < 0.7 else None,
                         "transport_subsidy": "500元" if not local and rng.random() < 0.5 else None}


def _gazetteer() -> list[str]:
    from dialogs.nlu.model import model

    return list(model().gazetteer.places)


def timed(fn: Any, *args: Any, **kwargs: Any) -> tuple[Any, float]:
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--vacancies", type=int, default=50_000)
    parser.add_argument("--trainings", type=int, default=2_000)
    parser.add_argument("--new", type=int, default=1_000, help="newly imported vacancies")
    parser.add_argument("--queries", type=int, default=2_000, help="people whose top five is timed")
    parser.add_argument("--baseline-queries", type=int, default=20)
    parser.add_argument("--baseline-sample", type=int, default=2_000, help="people in the pairwise baseline")
    parser.add_argument("--db-people", type=int, default=1_000_000, help="people in the database phase (0: skip)")
    parser.add_argument("--db-queries", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    figures: dict[str, Any] = {"machine": describe(), "date": datetime.now(UTC).isoformat(timespec="minutes"),
                               "argv": sys.argv[1:]}
    print(f"{figures['date']}  {figures['machine']}")
    nlu.warm_up()
    words.warm_up()
    world = World(args.seed)
    base_rss = rss_mb()

    # 1-2. items and their index, built the way the board builds it.
    fields = [world.item_fields(i) for i in range(1, args.vacancies + 1)]
    fields += [world.item_fields(args.vacancies + i, training=True) for i in range(1, args.trainings + 1)]
    openings, t_openings = timed(lambda: [opening(**f) for f in fields])
    before = rss_mb()
    index, t_index = timed(OpeningIndex, openings)
    figures["index"] = {"items": len(openings), "job_types_s": round(t_openings, 2), "arrays_s": round(t_index, 2),
                        "rss_mb": round(rss_mb() - before, 1)}
    print(f"index of {len(openings):,} live items: job types {t_openings:.2f} s (jieba, memoised per text), "
          f"arrays {t_index:.2f} s, +{rss_mb() - before:.0f} MB")

    # 3. one person's top five.
    people = [world.seeker(i) for i in range(1, args.people + 1)]
    sample = world.rng.sample(people, args.queries)
    gc.collect()
    gc.freeze()  # as `jiuye serve` does after start-up: what lives for good is not scanned again
    latencies = []
    for seeker in sample:
        start = time.perf_counter()
        index.top(seeker, TODAY, 5)
        latencies.append((time.perf_counter() - start) * 1000)
    baseline = []
    for seeker in sample[: args.baseline_queries]:
        (found, seconds) = timed(engine.rank, seeker, openings, TODAY, 5)
        assert [s.opening.ref for s in found] == [s.opening.ref for s in index.top(seeker, TODAY, 5)]
        baseline.append(seconds * 1000)
    figures["top5_ms"] = {"p50": round(percentile(latencies, 0.5), 2), "p99": round(percentile(latencies, 0.99), 2),
                          "max": round(max(latencies), 2), "queries": len(latencies),
                          "baseline_p50": round(statistics.median(baseline), 1),
                          "baseline_queries": len(baseline)}
    print(f"top five of {len(openings):,} items for one person: p50 {figures['top5_ms']['p50']} ms, "
          f"p99 {figures['top5_ms']['p99']} ms, max {figures['top5_ms']['max']} ms ({len(latencies)} people); "
          f"baseline (every pair in Python) p50 {figures['top5_ms']['baseline_p50']} ms ({len(baseline)} people, "
          "same results)")

    # 4. new vacancies against everybody.
    before = rss_mb()
    people_index, t_people = timed(PeopleIndex, people)
    people_rss = rss_mb() - before
    new_fields = [world.item_fields(10_000_000 + i) for i in range(args.new)]
    new = [opening(**f) for f in new_fields]
    before = rss_mb()
    matched, t_new = timed(new_matches, people_index, new, TODAY)
    pushes = len(matched)
    figures["new_matches"] = {
        "people": len(people), "new": len(new), "people_index_s": round(t_people, 1),
        "people_index_rss_mb": round(people_rss, 1), "match_s": round(t_new, 1),
        "match_rss_mb": round(rss_mb() - before, 1), "people_matched": pushes,
        "items_matched": matched.items_matched(),
    }
    print(f"{len(new):,} new vacancies against {len(people):,} people: {t_new:.1f} s, {pushes:,} people matched "
          f"({figures['new_matches']['items_matched']:,} items); people index {t_people:.1f} s, "
          f"+{people_rss:.0f} MB; matching +{rss_mb() - before:.0f} MB")
    del matched
    # The baseline on a sample, extrapolated to everybody; its result must be the index's on the sample.
    chosen = people[: args.baseline_sample]
    start = time.perf_counter()
    expected = {}
    for seeker in chosen:
        best = [s for s in engine.rank(seeker, new, TODAY, len(new)) if s.score >= engine.rules().push_min_score][:3]
        if best:
            expected[seeker.person_id] = [(s.opening.ref, s.score) for s in best]
    t_sample = time.perf_counter() - start
    got = new_matches(PeopleIndex(chosen), new, TODAY)
    assert {pid: [(s.opening.ref, s.score) for s in found] for pid, found in got.items()} == expected
    pairs = len(chosen) * len(new)
    figures["new_matches"] |= {"baseline_sample_people": len(chosen), "baseline_sample_s": round(t_sample, 1),
                               "baseline_us_per_pair": round(t_sample / pairs * 1e6, 2),
                               "baseline_extrapolated_s": round(t_sample / pairs * len(people) * len(new))}
    print(f"baseline: {len(chosen):,} people x {len(new):,} vacancies scored pair by pair in {t_sample:.1f} s "
          f"({t_sample / pairs * 1e6:.2f} us a pair, same results as the index); extrapolated to "
          f"{len(people):,} people: {figures['new_matches']['baseline_extrapolated_s']:,} s")
    del people_index, people, sample
    gc.collect()

    # 5. the database.
    if args.db_people:
        figures["database"] = asyncio.run(database_phase(args, world, fields))
    figures["peak_rss_mb"] = round(peak_mb(), 0)
    figures["start_rss_mb"] = round(base_rss, 0)
    print(f"peak resident memory {peak_mb():.0f} MB (after start-up {base_rss:.0f} MB)")
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=1))


async def database_phase(args: argparse.Namespace, world: World, fields: list[dict[str, Any]]) -> dict[str, Any]:
    from bot import effects
    from bot.job_board import JobBoard
    from dialogs.types import DialogEvent
    from storage import matches
    from storage.crypto import FieldCipher
    from storage.db import create_engine, session_factory
    from storage.migrate import upgrade

    result: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite+aiosqlite:///{tmp}/bench.db"
        await asyncio.to_thread(upgrade, url)
        engine = create_engine(url)
        sessions = session_factory(engine)
        cipher = FieldCipher(b"b" * 32)
        start = time.perf_counter()
        await fill_database(sessions, cipher, world, fields, args.db_people)
        result["fill_s"] = round(time.perf_counter() - start, 1)
        print(f"database: {len(fields):,} items and {args.db_people:,} people with encrypted forms written in "
              f"{result['fill_s']} s (SQLite, one file)")

        before = rss_mb()
        start = time.perf_counter()
        async with sessions() as session:
            seekers = await matches.load_seekers(session, cipher)
        t_load = time.perf_counter() - start
        people_index, t_people = timed(PeopleIndex, seekers)
        result |= {"load_seekers_s": round(t_load, 1), "people_index_s": round(t_people, 1),
                   "people": len(seekers), "rss_mb": round(rss_mb() - before, 1)}
        print(f"push sweep's first step: {len(seekers):,} people loaded as Seekers in {t_load:.1f} s "
              f"(decrypting ID numbers, job words memoised), people index {t_people:.1f} s, "
              f"+{rss_mb() - before:.0f} MB")
        new = [opening(**world.item_fields(20_000_000 + i)) for i in range(args.new)]
        _, t_new = timed(new_matches, people_index, new, TODAY)
        result["new_matches_s"] = round(t_new, 1)
        total = t_load + t_people + t_new
        result["sweep_total_s"] = round(total, 1)
        print(f"then {args.new:,} new vacancies matched in {t_new:.1f} s: {total:.1f} s from the database in all")
        del people_index, seekers
        gc.collect()
        result["push_planning"] = await push_planning(sessions, cipher, world, args.new, total)

        board = JobBoard()
        latencies = []
        person_ids = world.rng.sample(range(1, args.db_people + 1), args.db_queries + 1)
        for n, pid in enumerate(person_ids):
            async with sessions() as session, session.begin():
                ctx = effects.EffectContext(session, cipher, pid, pid, "wechat", NOW, local_today=TODAY, board=board)
                start = time.perf_counter()
                payload = await effects.apply(ctx, DialogEvent("jobs.match", {"item": "vacancy", "wishes": []}))
                elapsed = time.perf_counter() - start
                await session.rollback()
            assert payload is not None and payload["status"] == "ok"
            if n == 0:
                result["board_build_s"] = round(elapsed, 2)  # the first look-up builds the board
            else:
                latencies.append(elapsed * 1000)
        result["chat_lookup_ms"] = {"p50": round(percentile(latencies, 0.5), 1),
                                    "p99": round(percentile(latencies, 0.99), 1), "queries": len(latencies)}
        print(f"the chat's look-up through the database (jobs.match effect): board built on first use in "
              f"{result['board_build_s']} s; then p50 {result['chat_lookup_ms']['p50']} ms, "
              f"p99 {result['chat_lookup_ms']['p99']} ms ({len(latencies)} people)")
        await engine.dispose()
    return result


async def push_planning(sessions: Any, cipher: Any, world: World, n: int, matching_s: float) -> dict[str, Any]:
    """The push sweep's planning of `n` newly imported vacancies (scheduler/job_pushes.py): the items not yet
    planned found, matched against everybody open to offers, marked planned, the people at the weekly cap and
    what reached them already left out, one `job_push` fire a person written. Its baseline in the same run is
    the bare matching from the database just before (load, index, match, nothing written)."""
    from zoneinfo import ZoneInfo

    from sqlalchemy import func, insert, select

    from scheduler.calendar import ProgrammeCalendar
    from scheduler.job_pushes import PEOPLE_PER_CHUNK, ItemPushes
    from scheduler.planning import Planner
    from scheduler.schedules import CheckinPolicy
    from storage.models import ScheduledFire, Vacancy

    rows = [_item_row(world.item_fields(30_000_000 + i), NOW) | {"pushes_planned_at": None} for i in range(n)]
    async with sessions() as session, session.begin():
        await session.execute(insert(Vacancy), rows)
    planner = Planner(CheckinPolicy(), ProgrammeCalendar(ZoneInfo("Asia/Shanghai"), (dtime(8), dtime(21))))
    gc.collect()
    before, highest, done = rss_mb(), [rss_mb()], threading.Event()

    def sample() -> None:  # the resident set's high point while planning (ru_maxrss holds an earlier phase's)
        while not done.wait(0.05):
            highest[0] = max(highest[0], rss_mb())

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    start = time.perf_counter()
    report = await ItemPushes(sessions, cipher, planner).plan_new_items(NOW)
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    async with sessions() as session:
        fires = int(await session.scalar(select(func.count()).select_from(ScheduledFire)) or 0)
    result = {"s": round(elapsed, 1), "items_planned": report.counts["items planned"],
              "pushes_planned": report.counts["pushes planned"], "fires_written": fires,
              "rss_mb": round(rss_mb() - before, 1), "high_rise_mb": round(highest[0] - before, 1),
              "baseline_matching_s": round(matching_s, 1), "people_per_chunk": PEOPLE_PER_CHUNK}
    print(f"push planning of {n:,} new vacancies (ItemPushes.plan_new_items, from the database to the fire rows): "
          f"{elapsed:.1f} s, {result['pushes_planned']:,} pushes planned ({fires:,} fire rows, {PEOPLE_PER_CHUNK:,} "
          f"people a chunk); resident set "
          f"+{result['high_rise_mb']:.0f} MB at most while planning, +{result['rss_mb']:.0f} MB after; baseline, "
          f"the bare matching just before: {matching_s:.1f} s")
    return result


async def fill_database(sessions: Any, cipher: Any, world: World, fields: list[dict[str, Any]], people: int) -> None:
    """The items, and `people` people with their forms as the survey stores them (ID numbers encrypted)."""
    from sqlalchemy import insert

    from storage.models import InfoForm, Person, Training, Vacancy
    from tests.fakes.identity import make_id

    async with sessions() as session, session.begin():
        for model, item in ((Vacancy, "vacancy"), (Training, "training")):
            rows = [_item_row(f, NOW) for f in fields if f["item"] == item]
            for i in range(0, len(rows), 5_000):
                await session.execute(insert(model), rows[i : i + 5_000])
    rng = world.rng
    chunk = 20_000
    for first in range(1, people + 1, chunk):
        ids = range(first, min(first + chunk, people + 1))
        people_rows, form_rows = [], []
        for pid in ids:
            seeker = world.seeker(pid)
            born = seeker.birth_date or date(1980, 1, 1)
            id_number = make_id(seeker.home_division[:6] if seeker.home_division else "520526", born,
                                rng.randrange(1000))
            words_ = list(seeker.job_words.values())
            people_rows.append({"id": pid, "locale": "zh_CN", "created_at": NOW})
            form_rows.append({
                "person_id": pid, "name": "王某", "id_number_enc": cipher.encrypt(id_number),
                "id_number_hash": cipher.blind_index("id_number", id_number), "home_division": seeker.home_division,
                "employment_status": "unemployed", "status": "pending_review", "source": "wechat",
                "updated_at": NOW, "data": {
                    "willing_to_work": "yes", "preferred_scope": seeker.scope,
                    "desired_jobs": words_[0] if words_ else "不知道",
                    "skills": words_[1] if len(words_) > 1 else None,
                    "expected_income": seeker.expected_income, "service_needs": sorted(seeker.needs)},
            })
        async with sessions() as session, session.begin():
            await session.execute(insert(Person), people_rows)
            await session.execute(insert(InfoForm), form_rows)


def _item_row(f: dict[str, Any], now: datetime) -> dict[str, Any]:
    row = {k: v for k, v in f.items() if k not in ("id", "item", "job_type", "salary_min", "salary_max",
                                                   "transport_subsidy", "subsidy")}
    row |= {"id": f["id"], "job_type": f["job_type"], "status": "open", "applied": 0, "share_contact": False,
            "source": "import", "created_at": now, "updated_at": now, "pushes_planned_at": now}
    if f["item"] == "vacancy":
        return row | {"employer": "某公司", "salary_min": f["salary_min"], "salary_max": f["salary_max"],
                      "transport_subsidy": f["transport_subsidy"]}
    return row | {"provider": "某培训学校", "subsidy": f["subsidy"]}


if __name__ == "__main__":
    from private import owner_only

    owner_only()
    main()
