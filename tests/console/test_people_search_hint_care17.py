"""Searching people by part of a number (the last four digits of a phone, or a masked 138****8011 copied from a
list) looked the digits up as the start of a name and said "找到 0 人", nothing of why. It says now that ID and phone
numbers are found only in full; a whole phone finds the person (a guard) and a name found says nothing more."""

from __future__ import annotations

from typing import Any

from tests.console.world import World


async def test_part_of_a_number_is_told_to_type_it_whole(console: Any, world: World, signed_in: Any) -> None:
    b = await signed_in("caseworker_a")
    a = world.people["a"]
    for partial in ("8011", "138****8011"):
        page = (await b.get(f"/console/people?q={partial}"))[1]
        assert "找到 0 人" in page and 'id="partial-number"' in page and "要输完整" in page, partial
    whole = (await b.get(f"/console/people?q={a.phone.removeprefix('+86')}"))[1]
    assert f'href="/console/people/{a.person_id}"' in whole and 'id="partial-number"' not in whole
    assert 'id="partial-number"' not in (await b.get("/console/people?q=王"))[1]
