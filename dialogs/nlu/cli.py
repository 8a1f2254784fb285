"""Command-line front end: one JSON line per message, for `jiuye nlu [--today D] (TEXT | -)`."""

from __future__ import annotations

import datetime
import json
from typing import TextIO

from dialogs.nlu.model import warm_up
from dialogs.nlu.understand import understand


def _line(text: str, today: datetime.date) -> str:
    return json.dumps(understand(text, today).to_json(), ensure_ascii=False)


def run(text: str | None, today: datetime.date, stdin: TextIO, stdout: TextIO) -> int:
    """Understand TEXT, or (text None, the user passed `-`) every stdin line in order."""
    warm_up()
    if text is not None:
        stdout.write(_line(text, today) + "\n")
        return 0
    for raw in stdin:
        stdout.write(_line(raw.rstrip("\r\n"), today) + "\n")
    stdout.flush()
    return 0
