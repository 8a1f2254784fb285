"""care23 (2026-12-08): the console played by a supervisor and a caseworker. Each test failed on 21a496c unless its
docstring calls it a guard."""

from __future__ import annotations

from typing import Any

import pytest

from tests.console.test_care20 import _upload


@pytest.mark.parametrize(("data", "filename", "said"), [
    ("编号,名称,用人单位\nWN-1,保安,物业公司\n".encode(), "vacancies.csv", "文件读不了：第一行缺少这几列：类型、地区"),
    ("编号,名称\n".encode("utf-16"), "vacancies.csv", "文件读不了：不是 UTF-8 或 GBK 编码的文字"),
    (b"not a workbook", "vacancies.xlsx", "文件读不了：打不开这个 XLSX 文件"),
    (b"\n\n", "vacancies.csv", "文件读不了：文件是空的"),
])
async def test_why_a_file_cannot_be_read_is_said_in_chinese(console: Any, signed_in: Any, data: bytes,
                                                            filename: str, said: str) -> None:
    """A supervisor uploaded a vacancy file without the 类型 and 地区 columns: the page said "文件读不了：the header
    row lacks the column(s) 类型, 地区" (the command line's English); a file saved as UTF-16, "not UTF-8 or GBK text".
    """
    b = await signed_in("supervisor")
    status, _, location = await _upload(b, data, filename=filename)
    assert status == 303 and "error=unreadable" in location
    _, page = await b.get(location)
    assert said in page, page[page.find("文件读不了"):][:200]
    assert "the header row" not in page and "not UTF-8" not in page and "readable" not in page
