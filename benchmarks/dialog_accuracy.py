"""Share of conversation turns handled right, per kind and channel (the dialog figures in the README).

Run: .venv/bin/python benchmarks/dialog_accuracy.py [-v] [FILE ...]
Without FILE: tests/data/dialog_eval.jsonl (when present) and tests/data/dialog_dev.jsonl. Each
conversation is played through the real dispatcher on a fresh SQLite database in a temporary directory
(tests/survey/conversations.py says how each turn is checked); -v lists every turn handled wrong.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.survey.conversations import DATA_DIR, evaluate, load_conversations  # noqa: E402

DEFAULT_FILES = ("dialog_eval.jsonl", "dialog_dev.jsonl")


async def main(paths: list[Path], verbose: bool) -> None:
    for path in paths:
        conversations = load_conversations(path)
        with tempfile.TemporaryDirectory(prefix="jiuye-dialog-eval-") as workdir:
            started = time.perf_counter()
            score = await evaluate(conversations, Path(workdir))
            elapsed = time.perf_counter() - started
        print(f"\n{path.name}: {len(conversations)} conversations, {len(score.turns)} turns, "
              f"{score.share():.3f} handled right ({elapsed:.1f} s)")
        print(score.table())
        if verbose:
            print("\n".join(score.misses()))


if __name__ == "__main__":
    from private import owner_only

    owner_only()
    logging.basicConfig(level=logging.ERROR)
    args = [arg for arg in sys.argv[1:] if arg != "-v"]
    files = [Path(arg) for arg in args] or [DATA_DIR / name for name in DEFAULT_FILES if (DATA_DIR / name).exists()]
    asyncio.run(main(files, "-v" in sys.argv))
