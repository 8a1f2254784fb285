"""What a PostgreSQL test's own database costs (tests/conftest.py `database_url`): CREATE DATABASE … TEMPLATE of the
migrated template, then DROP DATABASE … WITH (FORCE), each on a connection of its own as the fixture does.

    .venv/bin/python benchmarks/pg_clone.py postgresql://postgres:postgres@127.0.0.1:5432/postgres [--n 20]
        [--rounds 2] [--strategies WAL_LOG,FILE_COPY]

Prints the server's fsync, synchronous_commit and full_page_writes, then per round and strategy the mean create and
drop times (strategies interleaved in each round, so that a shared machine's load falls on both alike). The
template is migrated once (storage/migrate.py) and dropped at the end; nothing else on the server is touched.
"""

from __future__ import annotations

import argparse
import asyncio
import time
import uuid

import asyncpg

from storage.migrate import upgrade


async def _run(dsn: str, sql: str) -> None:
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


async def _settings(dsn: str) -> str:
    conn = await asyncpg.connect(dsn)
    try:
        shown = [f"{name}={await conn.fetchval(f'SHOW {name}')}" for name in ("fsync", "synchronous_commit",
                                                                               "full_page_writes")]
        return " ".join(shown)
    finally:
        await conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url", help="postgresql://user:password@host:port/postgres")
    parser.add_argument("--n", type=int, default=20, help="clones per strategy and round")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--strategies", default="WAL_LOG,FILE_COPY")
    args = parser.parse_args()
    dsn = args.url.replace("postgresql+asyncpg://", "postgresql://")
    base = dsn.rsplit("/", 1)[0]
    template = f"jiuye_bench_clone_template_{uuid.uuid4().hex[:8]}"
    print(asyncio.run(_settings(dsn)))
    asyncio.run(_run(dsn, f'CREATE DATABASE "{template}"'))
    try:
        upgrade(base.replace("postgresql://", "postgresql+asyncpg://") + "/" + template)
        for round_ in range(1, args.rounds + 1):
            for strategy in args.strategies.split(","):
                create = drop = 0.0
                for _ in range(args.n):
                    name = f"jiuye_bench_clone_{uuid.uuid4().hex[:8]}"
                    started = time.perf_counter()
                    asyncio.run(_run(dsn, f'CREATE DATABASE "{name}" TEMPLATE "{template}" STRATEGY = {strategy}'))
                    created = time.perf_counter()
                    asyncio.run(_run(dsn, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                    create += created - started
                    drop += time.perf_counter() - created
                print(f"round {round_} {strategy:9} n={args.n} create {create / args.n * 1000:6.0f} ms"
                      f"  drop {drop / args.n * 1000:5.0f} ms  per test {(create + drop) / args.n * 1000:6.0f} ms")
    finally:
        asyncio.run(_run(dsn, f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)'))


if __name__ == "__main__":
    main()
