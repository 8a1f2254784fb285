"""CPU per message of the dialog step alone (`bare_server._DialogStep`: open the state, step, answer the look-ups,
render, seal), over the message mix of `wechat_load.py`, for one checkout or two alternating in the same run.

    flock /tmp/jiuye_bench.lock .venv/bin/python benchmarks/dialog_step.py [--source DIR] [--compare DIR]
        [--messages 4000] [--rounds 5] [--warmup 4000]

Each checkout runs in its own child process (PYTHONPATH=that checkout, so its `dialogs` and `storage` are the
ones stepped; the driver is this directory's `bare_server._DialogStep` for both). The children get the same
messages (same seed: the same users, texts and order) and take turns: round 1 checkout A then B, round 2 B then A,
... so that the machine's drift hits both alike. Each round is timed with the child's thread CPU clock around the
step calls only (the states' JSON round trip between messages, as the database gives them back, is not counted).
Prints the median µs per message per checkout, their ratio, and whether the two answered every message alike
(a digest of every reply).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def child(messages: int, warmup: int, users: int, seed: int) -> None:
    """The worker: reads `run` lines on stdin, steps the next `messages` messages, prints CPU µs per message."""
    sys.path.insert(0, str(HERE))
    from bare_server import _DialogStep
    from wechat_load import TEXTS, MessageFactory

    import dialogs

    factory = MessageFactory(users, seed)
    texts = [t for t, _ in TEXTS]
    weights = [w for _, w in TEXTS]
    rng = factory._rng
    step = _DialogStep()
    states: dict[str, str] = {}
    serial = 0

    def batch(count: int) -> list[tuple[str, str, str]]:
        nonlocal serial
        out = []
        for _ in range(count):
            serial += 1
            out.append((rng.choice(factory.users), str(serial), rng.choices(texts, weights)[0]))
        return out

    digest = hashlib.sha256()

    def run(todo: list[tuple[str, str, str]]) -> float:
        spent = 0.0
        for openid, msg_id, text in todo:
            stored = states.get(openid)
            sealed = json.loads(stored) if stored is not None else None
            started = time.thread_time()
            new, reply = step(sealed, openid, msg_id, text)
            spent += time.thread_time() - started
            states[openid] = json.dumps(new, ensure_ascii=False)
            digest.update(f"{openid}\t{text}\t{reply}\n".encode())
        return spent

    run(batch(warmup))
    print(json.dumps({"ready": str(Path(dialogs.__file__).resolve().parent.parent)}), flush=True)
    for line in sys.stdin:
        if line.strip() != "run":
            break
        spent = run(batch(messages))
        print(json.dumps({"us": spent / messages * 1e6, "replies": digest.hexdigest()[:16]}), flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=ROOT, help="the checkout measured (default: this one)")
    parser.add_argument("--compare", type=Path, help="another checkout, measured alternately in the same run")
    parser.add_argument("--messages", type=int, default=4000, help="messages per round")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=4000, help="unmeasured messages first")
    parser.add_argument("--users", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=20261126)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.messages, args.warmup, args.users, args.seed)
        return 0
    sources = [args.source.resolve()] + ([args.compare.resolve()] if args.compare else [])
    started = datetime.now(UTC)
    procs = []
    for source in sources:
        env = dict(os.environ, PYTHONPATH=str(source), PYTHONHASHSEED="0")
        procs.append(subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--child", "--messages", str(args.messages),
             "--warmup", str(args.warmup), "--users", str(args.users), "--seed", str(args.seed)],
            cwd=source, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True))
    for source, proc in zip(sources, procs, strict=True):
        assert proc.stdout is not None
        ready = json.loads(proc.stdout.readline())["ready"]
        if Path(ready) != source:
            raise SystemExit(f"{source}: the child imported dialogs from {ready}")
    results: dict[Path, list[float]] = {s: [] for s in sources}
    replies: dict[Path, str] = {}
    for rnd in range(args.rounds):
        order = list(zip(sources, procs, strict=True))
        if rnd % 2:
            order.reverse()
        for source, proc in order:
            assert proc.stdin is not None and proc.stdout is not None
            proc.stdin.write("run\n")
            proc.stdin.flush()
            answer = json.loads(proc.stdout.readline())
            us = answer["us"]
            results[source].append(us)
            replies[source] = answer["replies"]
            print(f"round {rnd + 1}  {source}  {us:7.1f} µs/msg", file=sys.stderr)
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait()
    print(f"\ndialog step, {started:%Y-%m-%d %H:%M} UTC; {args.rounds} rounds of {args.messages} messages after"
          f" {args.warmup} unmeasured, {args.users} users, seed {args.seed}; thread CPU time around the step")
    medians = {s: statistics.median(v) for s, v in results.items()}
    for source in sources:
        rounds = ", ".join(f"{v:.0f}" for v in results[source])
        print(f"  {source}: median {medians[source]:.1f} µs/msg  (rounds: {rounds}); replies {replies[source]}")
    if args.compare:
        same = "the same" if len(set(replies.values())) == 1 else "NOT the same"
        print(f"  replies to all {args.warmup + args.rounds * args.messages} messages: {same} (SHA-256 of every reply)")
        paired = [a / b for a, b in zip(results[sources[0]], results[sources[1]], strict=True)]
        print(f"  ratio {sources[0].name} / {sources[1].name}: {medians[sources[0]] / medians[sources[1]]:.3f} of the"
              f" medians; per round (same messages, minutes apart) median {statistics.median(paired):.3f},"
              f" range {min(paired):.3f}-{max(paired):.3f}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    from private import owner_only

    owner_only()  # (it writes no file; as every benchmark does)
    raise SystemExit(main())
