"""Prints intent and entity accuracy on every labelled set in tests/data/ (the figures in the README).

Run: .venv/bin/python benchmarks/nlu_accuracy.py
The first four sets and the sixth were used to tune the rules (the test suite holds each at >= 0.95); the
fifth, nlu_test_fifth.jsonl, was written by someone who never saw the rules and is reported, not asserted.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dialogs.nlu import warm_up  # noqa: E402
from tests.nlu.test_eval_set import ENTITY_KINDS, load_rows, score  # noqa: E402

FILES = ("nlu_eval", "nlu_heldout", "nlu_test_fresh", "nlu_test_fourth", "nlu_test_fifth", "nlu_test_sixth")


def main() -> None:
    warm_up()
    print(f"{'set':<18}{'n':>5}{'intent':>8}" + "".join(f"{k:>10}" for k in ENTITY_KINDS))
    for name in FILES:
        rows = load_rows(ROOT / "tests" / "data" / f"{name}.jsonl")
        result = score(rows)
        cells = "".join(f"{result.kind_accuracy(k):>10.3f}" for k in ENTITY_KINDS)
        print(f"{name:<18}{len(rows):>5}{result.intent_accuracy():>8.3f}{cells}")
    if "-v" in sys.argv:
        print("\n".join(score(load_rows(ROOT / "tests" / "data" / "nlu_test_fifth.jsonl")).misses))


if __name__ == "__main__":
    main()
