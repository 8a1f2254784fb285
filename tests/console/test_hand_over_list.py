"""The hand-over list (转给) by county: a province's names thousands of accounts, found by their county rather than
by scrolling one alphabetical list. On a case's page the case's own county comes first; those who cover no
division come last; a list of one county's people is not grouped at all."""

from __future__ import annotations

import re
from typing import Any

from dialogs.place_names import place_name
from tests.console.world import World


def _groups(page: str, select: str) -> list[tuple[str, list[str]]]:
    """(group label, the names offered in it) of the <select> whose opening tag contains `select`."""
    body = page.split(select, 1)[1].split("</select>", 1)[0]
    groups = re.findall(r'<optgroup label="([^"]*)">(.*?)</optgroup>', body, re.S)
    if not groups:
        return [("", re.findall(r">([^<(]+) \(", body))]
    return [(label, re.findall(r">([^<(]+) \(", options)) for label, options in groups]


async def test_the_hand_over_list_is_grouped_by_county(world: World, signed_in: Any) -> None:
    admin = await signed_in("admin")
    _, page = await admin.get(f"/console/cases/{world.people['a'].case_id}")
    groups = _groups(page, 'id="reassign-to"')
    assert [label for label, _ in groups] == [place_name("520526"), place_name("520502"), "未设负责区划"]
    # The case's own county first, without the one who has the case (console18: 李书记 was offered, and selected).
    assert sorted(groups[0][1]) == sorted(["赵主管", "孙干事", "吴队员"])
    assert groups[1][1] == ["周干事"]
    assert groups[2][1] == ["县管理员"]
    # A county where only the owner could take it is no empty group.
    _, page = await admin.get(f"/console/cases/{world.people['c'].case_id}")
    assert [label for label, _ in _groups(page, 'id="reassign-to"')] == [place_name("520526"), "未设负责区划"]
    _, listing = await admin.get("/console/cases")
    assert [label for label, _ in _groups(listing, '<select name="to">')] == [
        place_name("520502"), place_name("520526"), "未设负责区划"]

    # One county's caseworker: their choices are one county's, listed as before.
    mine = await signed_in("caseworker_a")
    _, own = await mine.get(f"/console/cases/{world.people['a'].case_id}")
    [(label, names)] = _groups(own, 'id="reassign-to"')
    assert label == "" and names == ["吴队员"] and "<optgroup" not in own  # not 李书记: the case is theirs
