"""Reading operator spreadsheets (CSV in UTF-8 or GBK, or XLSX): the header row mapped to column keys by their
Chinese or English names, every data row with its line number; shared by the importers (roster, caseworkers)."""

from __future__ import annotations

import csv
import io
import sys
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any


class TableFileError(Exception):
    """The file cannot be read as a table at all (missing, undecodable, no usable header). The message is the
    command line's (English); `key` and `params` give the reason for the console to say in its language
    (console.table_error.<key>)."""

    def __init__(self, message: str, key: str = "unreadable", **params: Any) -> None:
        super().__init__(message)
        self.key = key
        self.params = params


@dataclass(frozen=True, slots=True)
class RowProblem:
    """A row that was not imported: its line and why (never personal data in clear)."""

    line: int
    reason: str
    masked_id: str | None = None
    # The reason as a catalog key and its values, where the importer gives one (the console shows it in Chinese).
    key: str | None = None
    params: Mapping[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}" + (f" ({self.masked_id})" if self.masked_id else "")


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a number cell (an ID typed as a number has lost digits; validation says so)
    return unicodedata.normalize("NFKC", str(value)).strip()


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):  # gb18030 is a superset of GBK
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TableFileError("not UTF-8 or GBK text", "encoding")


def raw_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) for every row, the header included."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        try:
            import openpyxl

            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
            raise TableFileError(f"not a readable XLSX file ({type(exc).__name__})", "xlsx") from exc
        try:
            sheet = book.worksheets[0]
            for number, values in enumerate(sheet.iter_rows(values_only=True), 1):
                yield number, [cell_text(v) for v in values]
        finally:
            book.close()
        return
    try:
        text = _decode(path.read_bytes())
    except OSError as exc:
        raise TableFileError(f"cannot read the file ({exc.strerror or type(exc).__name__})") from exc
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        for cells in reader:
            yield reader.line_num, [cell_text(c) for c in cells]
    except csv.Error as exc:
        raise TableFileError(f"not a readable CSV file (line {reader.line_num}: {exc})", "csv",
                             line=reader.line_num) from exc


def header_map(header: list[str], columns: Mapping[str, Sequence[str]], required: Sequence[str]) -> dict[str, int]:
    """Column key -> index, from the header's names (any of a key's aliases, case-insensitive)."""
    aliases = {alias.lower(): key for key, names in columns.items() for alias in names}
    found: dict[str, int] = {}
    for index, title in enumerate(header):
        key = aliases.get(title.strip().lower())
        if key is not None and key not in found:
            found[key] = index
    missing = [columns[k][0] for k in required if k not in found]
    if missing:
        raise TableFileError(f"the header row lacks the column(s) {', '.join(missing)}", "header", columns=missing)
    return found


def read_table(
    path: Path, columns: Mapping[str, Sequence[str]], required: Sequence[str]
) -> tuple[int, Iterator[tuple[int, dict[str, str]]]]:
    """The number of data rows and an iterator of (line number, {column key: cell}). The first non-empty row
    is the header; columns may come in any order and unknown ones are ignored."""
    rows = list(raw_rows(path))
    while rows and not any(rows[0][1]):
        rows.pop(0)
    if not rows:
        raise TableFileError("the file is empty", "empty")
    found = header_map(rows[0][1], columns, required)
    body = [(n, cells) for n, cells in rows[1:] if any(cells)]

    def records() -> Iterator[tuple[int, dict[str, str]]]:
        for number, cells in body:
            yield number, {key: cells[i] if i < len(cells) else "" for key, i in found.items()}

    return len(body), records()


def progress_bar(stream: IO[str] = sys.stderr, width: int = 30) -> Callable[[int, int], None]:
    """A one-line text progress bar, redrawn when the percentage changes."""
    last = -1

    def show(done: int, total: int) -> None:
        nonlocal last
        percent = 100 if total == 0 else done * 100 // total
        if percent == last and done != total:
            return
        last = percent
        filled = width * percent // 100
        stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {percent:3d}% {done}/{total}")
        if done >= total:
            stream.write("\n")
        stream.flush()

    return show
