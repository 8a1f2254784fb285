"""Casework test helpers: the time of the tests' clock, caseworker files."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

NOW = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai: the `clock` fixture's start


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    path.write_bytes("\n".join(",".join(r) for r in rows).encode(encoding) + b"\n")
    return path
