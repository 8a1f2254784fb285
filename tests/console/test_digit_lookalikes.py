"""A number in a console address written with a digit that is no ASCII digit (², ³: str.isdigit says yes, int()
refuses) answered 500 with a traceback in the log: the case list's page and owner filters, the inbox's reference,
the erased-person flash. Such a value is now no number: ignored, as any other bad value is."""

from __future__ import annotations

from typing import Any

import pytest

from tests.console.world import World


@pytest.mark.parametrize("path", [
    "/console/cases?page=²",
    "/console/cases?worker=²",
    "/console/cases?status=all&page=1²",
    "/console/people?erased=²",
    "/console/review?status=pending&page=²",
])
async def test_a_superscript_digit_in_the_address_is_no_number(
    console: Any, world: World, signed_in: Any, path: str
) -> None:
    boss = await signed_in("supervisor")
    status, _ = await boss.get(path)
    assert status == 200, path
