"""The CLI runner: one JSON object per text, or per stdin line in order."""

from __future__ import annotations

import datetime
import io
import json

from dialogs.nlu.cli import run


def test_run_with_text(today: datetime.date) -> None:
    out = io.StringIO()
    assert run("被辞退了", today, io.StringIO(), out) == 0
    lines = out.getvalue().splitlines()
    assert len(lines) == 1
    assert json.loads(lines[0])["intent"] == "job_lost"
    assert "被辞退了" in lines[0]  # ensure_ascii=False


def test_run_with_stdin_keeps_order(today: datetime.date) -> None:
    out = io.StringIO()
    assert run(None, today, io.StringIO("你好\n\n退订\n上个月\n"), out) == 0
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [row["text"] for row in rows] == ["你好", "", "退订", "上个月"]
    assert [row["intent"] for row in rows] == ["greeting", "unknown", "opt_out", "unknown"]
    assert rows[3]["entities"] == {"date": "2026-10"}
