"""Work near home asked for in the words of a request (the lead's play-test of 2026-12-06: "有没有贵州这边的活
离家近点的 超市也行" from someone of 威宁县 got a job in 东莞 and a flexible one in 河南 "推荐理由: 方便照顾家里")."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from dialogs.matching import engine
from dialogs.matching.profile import seeker_from_record
from dialogs.matching.types import Opening, Seeker
from tests.fakes.identity import make_id

TODAY = date(2026, 12, 24)
WEINING, NAYONG, SHANGCHENG, DONGGUAN = "520526", "520525", "411524", "441900"
WOMAN = Seeker(person_id=1, birth_date=date(2001, 4, 22), female=True, home_division=WEINING,
               needs=frozenset({"near_home"}))
FLEXIBLE = Opening(id=1, item="vacancy", external_id="V1", kind="flexible", division=SHANGCHENG)


def _reasons(seeker: Seeker, opening: Opening) -> list[str]:
    scored = engine.score(seeker, opening, TODAY)
    assert scored is not None
    return [r.key.rsplit(".", 1)[1] for r in scored.reasons]


def test_work_near_home_is_in_the_home_county() -> None:
    assert "need_near_home" not in _reasons(WOMAN, FLEXIBLE)  # 河南 for someone of 贵州 (it said 方便照顾家里)
    assert "need_near_home" in _reasons(WOMAN, replace(FLEXIBLE, division=WEINING))
    assert "need_near_home" in _reasons(replace(WOMAN, home_division=None), FLEXIBLE)  # home unknown: as before


@pytest.mark.parametrize(("wish", "scope"), [
    ("有没有贵州这边的活 离家近点的 超市也行", None),  # the province named is not read here: the near wish decides
    ("想回贵州找个活", "home_province"), ("回老家找点活干", "home_province"), ("离家近点的", "home_county"),
    ("家门口有活不", "home_county"), ("有没有外省的", "other_provinces"), ("有保安的活吗", "anywhere"),
])
def test_where_a_request_asks_for_work_sets_the_scope_of_that_search(wish: str, scope: str | None) -> None:
    record = {"id_number": make_id("520526", date(2001, 4, 22), seq=122), "home_division": {"code": WEINING},
              "preferred_scope": "anywhere", "employment_status": "employed"}
    found = seeker_from_record(1, record, wishes=[wish])
    assert found.scope == (scope or "home_county")
    far = Opening(id=2, item="vacancy", external_id="V2", kind="factory", division=DONGGUAN)
    assert (engine.score(found, far, TODAY) is not None) == (found.scope in ("anywhere", "other_provinces"))
    assert engine.score(found, replace(far, division=NAYONG), TODAY) is not None or found.scope in (
        "home_county", "other_provinces")


def test_a_shoe_or_garment_factorys_sewing_work_as_said_there_is_sewing() -> None:
    """车位工 (踩鞋面, 踩衣车) did not match a 缝纫工 vacancy: no 岗位对口."""
    from dialogs.matching.profile import groups_of

    assert groups_of(["车位工"]).keys() == groups_of(["缝纫工"]).keys() == groups_of(["踩衣车"]).keys()
