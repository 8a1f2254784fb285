"""What machine a benchmark ran on, for the line printed beside every figure."""

from __future__ import annotations

import os
import platform
from pathlib import Path


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def describe() -> str:
    return f"nproc={len(os.sched_getaffinity(0))}  cpu={cpu_model()}  python={platform.python_version()}"
