"""Place resolution: short forms, disambiguation by a parent, lookups by code, paths."""

from __future__ import annotations

import pytest

from dialogs.nlu import Place, place_by_code, place_path, resolve_place


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("毕节", "5205"),
        ("毕节市", "5205"),
        ("威宁", "520526"),
        ("威宁县", "520526"),
        ("贵州毕节威宁", "520526"),
        ("東莞長安鎮", "441900119"),
        ("在东莞长安的五金厂", "441900119"),  # bare township name, parent disambiguates
        ("广西", "45"),
        ("黔东南", "5226"),
        ("临夏东乡", "622926"),  # minority-only autonomous county name
        ("在深圳龙华观澜", "440309006"),
        ("云南昭通镇雄", "530627"),
        ("在会泽", "530326"),
        # Short names beside a distance or Cantonese 喺 (= 在), not only after 在/去.
        ("离会宁近一点的活", "620422"),
        ("会宁附近有没有活", "620422"),
        ("喺梅州做嘢", "4414"),
        ("米脂哪里有招工的", "610827"),
        # A short name shared by a county and a city district is the county (五华县, not 昆明五华区),
        # unless its city is named.
        ("在五华打工", "441424"),
        ("昆明五华", "530102"),
    ],
)
def test_resolve_place(text: str, code: str) -> None:
    place = resolve_place(text)
    assert place is not None
    assert place.code == code


@pytest.mark.parametrize(
    "text",
    [
        "长安",  # dozens of 长安镇 and two 长安区: ambiguous without a parent
        "纽约",
        "在家",
        "俺娃今年考上高中了",  # 上高 inside 考上高中 is not 上高县
        "",
    ],
)
def test_resolve_place_none(text: str) -> None:
    assert resolve_place(text) is None


def test_many_mentions_in_one_message() -> None:
    # Thousands of place names (a pasted list): every one is looked up against the others by code
    # prefix; the answer is still the township its county confirms.
    assert resolve_place("昆山花桥" * 1000) == Place("320583104", "花桥镇")


def test_place_by_code() -> None:
    assert place_by_code("520526") == Place("520526", "威宁彝族回族苗族自治县")
    assert place_by_code("999999") is None


def test_place_path() -> None:
    assert [place.name for place in place_path("520526")] == ["贵州省", "毕节市", "威宁彝族回族苗族自治县"]
    # 东莞 has no county level: the county-level repeat of 东莞市 is not shown twice.
    assert [place.code for place in place_path("441900119")] == ["44", "4419", "441900119"]
    # Municipality districts skip the 市辖区 placeholder.
    assert [place.name for place in place_path("110101")] == ["北京市", "东城区"]
    assert place_path("000000") == []
