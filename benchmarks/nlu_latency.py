"""NLU latency: warm-up time in a fresh process (imports included) and per-utterance understand()."""

from __future__ import annotations

import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from machine import cpu_model

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "tests" / "data"
TIMED_FILES = ("nlu_eval.jsonl", "nlu_heldout.jsonl", "nlu_test_fresh.jsonl", "nlu_test_fourth.jsonl")
WARM_UP_RUNS = 5
ROUNDS = 5
# Long messages (a pasted article, a key held down): cost must grow linearly with length. Each is
# built from a unit that stresses one part: place names (every one a gazetteer mention), workplace
# nouns (every one an employer head), money and dates, digits, and real utterances run together.
LONG_LENGTHS = (1000, 2000, 4000)
LONG_UNITS = {
    "places": "昆山花桥",
    "workplaces": "喺中山一间灯饰厂",
    "money": "一个月三千五 欠俺两万 去年12月",
    "digits": "13 ",
}

_WARM_UP_PROBE = """
import time
start = time.perf_counter()
import dialogs.nlu
dialogs.nlu.warm_up()
print(time.perf_counter() - start)
"""


def _warm_up_seconds() -> tuple[list[float], list[float]]:
    """(import+warm_up inside the child, whole child process wall time) per fresh process."""
    inside: list[float] = []
    wall: list[float] = []
    for _ in range(WARM_UP_RUNS):
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", _WARM_UP_PROBE], cwd=ROOT, capture_output=True, text=True, check=True
        )
        wall.append(time.perf_counter() - start)
        inside.append(float(done.stdout.strip()))
    return inside, wall


def _latencies(call: Callable[[str], object], texts: list[str]) -> list[float]:
    # understand() keeps the readings of short messages (dialogs/nlu/understand.py): emptied before each
    # call, so that every figure is a first reading, not a look-up.
    import importlib

    memo = importlib.import_module("dialogs.nlu.understand")._understand_memo
    timings: list[float] = []
    for _ in range(ROUNDS):
        for text in texts:
            memo.cache_clear()
            start = time.perf_counter()
            call(text)
            timings.append(time.perf_counter() - start)
    return sorted(timings)


def _summary(name: str, timings: list[float]) -> str:
    def at(fraction: float) -> float:
        return timings[min(len(timings) - 1, int(len(timings) * fraction))] * 1000

    worst = timings[-1] * 1000
    return f"{name:<12} n={len(timings)}  p50={at(0.5):.3f} ms  p99={at(0.99):.3f} ms  max={worst:.3f} ms"


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from dialogs.nlu import normalize, understand, warm_up

    print(f"command: {' '.join([Path(sys.executable).name, *sys.argv])}")
    print(f"machine: nproc={os.cpu_count()}  cpu={cpu_model()}  python={platform.python_version()}")
    inside, wall = _warm_up_seconds()
    print(
        f"warm_up      fresh process, imports included: median {statistics.median(inside):.3f} s, "
        f"max {max(inside):.3f} s; whole interpreter start-up to exit: median {statistics.median(wall):.3f} s"
    )
    today = datetime.date(2026, 11, 26)
    warm_up()
    every: list[str] = []
    for name in TIMED_FILES:
        path = DATA_DIR / name
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        texts = [str(row["text"]) for row in rows]
        every.extend(texts)
        print(f"utterances: {len(texts)} from {path.relative_to(ROOT)}, {ROUNDS} rounds")
        print("  " + _summary("normalize", _latencies(normalize, texts)) + "   (baseline)")
        print("  " + _summary("understand", _latencies(lambda text: understand(text, today), texts)))
    print(f"all files together: {len(every)} utterances, {ROUNDS} rounds")
    print("  " + _summary("normalize", _latencies(normalize, every)) + "   (baseline)")
    print("  " + _summary("understand", _latencies(lambda text: understand(text, today), every)))
    units = {**LONG_UNITS, "utterances": "".join(every)}
    print(f"long inputs: understand() median of {ROUNDS} calls, ms at {' / '.join(map(str, LONG_LENGTHS))} chars")
    for name, unit in units.items():
        cells = []
        for length in LONG_LENGTHS:
            text = (unit * (length // len(unit) + 1))[:length]
            cells.append(f"{statistics.median(_latencies(lambda text: understand(text, today), [text])) * 1000:8.1f}")
        print(f"  {name:<12} {' / '.join(cells)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
