"""Regressions found by the untouched fifth test set (sentences of our own, not copied from it)."""

from __future__ import annotations

import datetime

import pytest

from dialogs.nlu import parse_month, understand

TODAY = datetime.date(2026, 11, 26)


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("二〇二五年五月进的厂", "2025-05"),
        ("二零二四年十二月", "2024-12"),
        ("二三年八月", "2023-08"),
        ("一月两千也行", None),  # "a month, 2,000": a rate, not January
        ("三月份出来的", "2026-03"),
        ("5月 4500", "2026-05"),
    ],
)
def test_months_written_in_characters_and_rates(text: str, month: str | None) -> None:
    assert parse_month(text, TODAY) == month


@pytest.mark.parametrize("text", ["李秀英 13912345678", "张朝阳在吗", "王兴宁 想找活"])
def test_a_place_name_inside_a_persons_name_is_not_a_place(text: str) -> None:
    assert "location" not in understand(text, TODAY).to_json()["entities"]  # type: ignore[operator]


def test_a_place_with_a_cue_after_a_name_still_counts() -> None:
    entities = understand("李秀英 在会泽打工", TODAY).entities
    assert entities.location is not None and entities.location.name == "会泽县"
