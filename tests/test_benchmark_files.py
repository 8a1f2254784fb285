"""Benchmarks create their SQLite files owner-only (benchmarks/private.py): `jiuye serve` started on one has
nothing to warn about, and its -wal file is owner-only too."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# What a benchmark does: owner-only first (its `__main__`), then a fresh database the service is started on.
SCRIPT = """
import asyncio, logging, sqlite3, sys
from pathlib import Path
sys.path[:0] = [sys.argv[1] + "/benchmarks", sys.argv[1]]
from private import owner_only
owner_only()
from checkins import fresh_sqlite
from bot.app import _ensure_sqlite_dir
logging.basicConfig(level=logging.WARNING, format="%(message)s")
url = asyncio.run(fresh_sqlite(Path(sys.argv[2]), "bench.db"))
_ensure_sqlite_dir(url)
db = sqlite3.connect(sys.argv[2] + "/bench.db")
db.execute("PRAGMA journal_mode=WAL")
db.execute("CREATE TABLE t (x)")
import os, stat
print(*(oct(stat.S_IMODE(os.stat(sys.argv[2] + name).st_mode)) for name in ("/bench.db", "/bench.db-wal")))
"""


def test_a_benchmarks_database_is_owner_only(tmp_path: Path) -> None:
    (tmp_path / "work").mkdir(mode=0o700)
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(ROOT), str(tmp_path / "work")], capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "can be read by other users" not in done.stderr
    # Asked while the database is open (its -wal goes with the last connection).
    assert done.stdout.split() == ["0o600", "0o600"]
