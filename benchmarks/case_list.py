"""The case list's SQL (`/console/cases`: the open cases in scope, the 200 with the nearest deadline) at a
province's scale, with and without migration 0013's index on the list's order, in turn on one connection.

Run (data written by console_load.py's generator, into a SQLite file and a fresh PostgreSQL database):
    .venv/bin/python benchmarks/case_list.py --people 400000 --cases 200000 --counties 40 \
        [--postgres postgresql+asyncpg://postgres:postgres@127.0.0.1:5432/postgres] [--keep]
    .venv/bin/python benchmarks/case_list.py --database URL     # a database an earlier --keep run made

For each viewer (the province's supervisor, a county's, a township caseworker) it runs bot/console/case.py
`list_query` `--repeat` times as main had it without the index, and as this branch has it with the index (dropped,
then made again: the same data), alternating, and reports the median and the minimum; the rows must be the same
both ways.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path
from unittest.mock import patch

from machine import describe
from sqlalchemy import text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from console_load import PROVINCE, _county, _pg_database, _pg_drop, generate  # noqa: E402

from bot.console.case import list_query  # noqa: E402
from storage import scope  # noqa: E402
from storage.db import create_engine  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from storage.models.casework import _DEADLINE  # noqa: E402
from storage.scope import Viewer  # noqa: E402

INDEX = "ix_assistance_case_deadline"
CREATE = f"CREATE INDEX {INDEX} ON assistance_case (status, (({_DEADLINE}) IS NULL), ({_DEADLINE}), id)"


async def measure(url: str, repeat: int) -> None:
    engine = create_engine(url)
    county = _county(0)
    viewers = {
        f"the province ({PROVINCE})": Viewer(None, "supervisor", (PROVINCE,)),
        f"a county ({county})": Viewer(None, "supervisor", (county,)),
        f"a township ({county}100)": Viewer(None, "caseworker", (f"{county}100",)),
    }
    async with engine.connect() as conn:
        conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
        if engine.dialect.name == "postgresql":
            await conn.execute(text("SET jit = off"))  # as the console's read pool has it
        open_cases = await conn.scalar(text("SELECT count(*) FROM assistance_case WHERE status = 'open'"))
        print(f"{engine.dialect.name}: {open_cases:,} open cases")
        print("| viewer | base: no index, median (min) | branch: the index, median (min) |")
        print("|---|---|---|")
        for label, who in viewers.items():
            # Base: main's query (its deadline is the index's expression for every viewer), without the index.
            with patch.object(scope, "broad", lambda _: True):
                base = list_query(who, "open", False)
            queries = {False: base, True: list_query(who, "open", False)}
            times: dict[bool, list[float]] = {False: [], True: []}
            rows: dict[bool, list[int]] = {}
            for _ in range(repeat):
                for indexed in (False, True):
                    await conn.execute(text(f"DROP INDEX IF EXISTS {INDEX}"))
                    if indexed:
                        await conn.execute(text(CREATE))
                    await conn.execute(text("ANALYZE assistance_case"))
                    started = time.perf_counter()
                    found = [row.id for row in (await conn.execute(queries[indexed])).all()]
                    times[indexed].append((time.perf_counter() - started) * 1000)
                    assert rows.setdefault(indexed, found) == found
            assert rows[False] == rows[True], label
            print(f"| {label}, {len(rows[True])} rows | " + " | ".join(
                f"{statistics.median(times[i]):.1f} ({min(times[i]):.1f}) ms" for i in (False, True)) + " |")
        await conn.execute(text(f"DROP INDEX IF EXISTS {INDEX}"))
        await conn.execute(text(CREATE))
    await engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=400_000)
    parser.add_argument("--cases", type=int, default=200_000)
    parser.add_argument("--counties", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--postgres", help="a PostgreSQL server URL (…/postgres): a fresh database is made there")
    parser.add_argument("--keep", action="store_true", help="keep the database made (its URL is printed)")
    parser.add_argument("--database", help="measure a database a --keep run made (no new data)")
    args = parser.parse_args()
    print(describe(), time.strftime("%Y-%m-%d %H:%M"), " ".join(sys.argv[1:]))
    with tempfile.TemporaryDirectory() as tmp:
        name = ""
        if args.database:
            url = args.database
        elif args.postgres:
            url, name = asyncio.run(_pg_database(args.postgres))
        else:
            url = f"sqlite+aiosqlite:///{tmp if not args.keep else tempfile.mkdtemp()}/cases.db"
        try:
            if not args.database:
                upgrade(url)
                asyncio.run(generate(url, args.people, args.cases, args.counties))
            asyncio.run(measure(url, args.repeat))
        finally:
            if args.keep or not name:
                print(f"database: --database {url}" if args.keep else "")
            else:
                asyncio.run(_pg_drop(args.postgres, name))


if __name__ == "__main__":
    from private import owner_only

    owner_only()
    main()
