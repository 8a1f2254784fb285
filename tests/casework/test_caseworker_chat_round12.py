"""A caseworker working cases from the chat, as the lead played one on 2026-12-06: a call made said in their own
words (C3 打过电话了 他说…) was answered with the list of commands."""

from __future__ import annotations

from typing import Any

import pytest

from dialogs.flows.caseworker import parse


@pytest.mark.parametrize(("text", "command"), [
    ("C3 打过电话了 他说包工头答应月底给一半",
     {"action": "contact", "record": "C", "id": 3, "reason": "他说包工头答应月底给一半"}),
    ("打过电话 C3", {"action": "contact", "record": "C", "id": 3, "reason": ""}),
    ("c3打了电话", {"action": "contact", "record": "C", "id": 3, "reason": ""}),
    ("C3 通过电话了", {"action": "contact", "record": "C", "id": 3, "reason": ""}),
])
def test_a_call_made_is_a_contact(text: str, command: dict[str, Any]) -> None:
    assert parse(text) == command


def test_the_number_is_still_asked_for_with_the_word_for_phone() -> None:
    assert parse("电话 C3") == {"action": "phone", "record": "C", "id": 3, "reason": ""}
