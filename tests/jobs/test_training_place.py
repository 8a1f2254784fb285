"""A training file that says where the course is held (培训地点 草海镇职教中心, next to 地区 威宁县) gave the
county only: 培训地点 was another name of 地区, the first column won, and a 地址 column was not read. The
township it names inside the 地区 is where the course is: the list says 草海镇, the details the township."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import Settings
from dialogs.place_names import place_name, short_place_name
from storage.jobs import details
from storage.models import Training
from tests.jobs.data import TRAINING_HEADER, TRAININGS, write_csv
from tests.jobs.test_dialog import registered_chat
from tests.jobs.test_import import run, stored
from tests.jobs.test_training_questions import HOUSEKEEPING, WELDING
from tests.jobs.test_training_questions import chat as training_chat
from tests.survey.driver import Chat


def _rows(place_column: str, places: list[str]) -> tuple[list[str], list[list[str]]]:
    header = [*TRAINING_HEADER, place_column]
    return header, [[*row, place] for row, place in zip(TRAININGS, places, strict=False)]


async def test_the_township_of_the_training_place_is_kept(settings: Settings, tmp_path: Path) -> None:
    header, rows = _rows("培训地点", ["", "草海镇职教中心"])
    report = await run(settings, "trainings", write_csv(tmp_path / "t.csv", header, rows[:2]))
    assert report.invalid == []
    found = await stored(settings, Training)
    assert found["WN-T01"].division == "520526100"  # 威宁县草海镇, not 威宁县
    assert found["BJ-T01"].division == "5205"  # no place given: the 地区
    shown = details(found["WN-T01"])
    assert (shown["place"], shown["place_short"]) == ("威宁彝族回族苗族自治县草海镇", "草海镇")


async def test_an_address_column_names_the_township_too_and_a_place_elsewhere_is_ignored(
        settings: Settings, tmp_path: Path) -> None:
    header, rows = _rows("地址", ["广州市天河区", "威宁县么站镇建设路8号"])
    report = await run(settings, "trainings", write_csv(tmp_path / "t.csv", header, rows[:2]))
    assert report.invalid == []
    found = await stored(settings, Training)
    assert found["WN-T01"].division == "520526101"
    assert found["BJ-T01"].division == "5205"  # not inside 毕节市: the 地区 stands


async def test_the_training_place_alone_is_enough(settings: Settings, tmp_path: Path) -> None:
    header = [h if h != "地区" else "培训地点" for h in TRAINING_HEADER]
    row = [c if h != "地区" else "威宁县草海镇" for h, c in zip(TRAINING_HEADER, TRAININGS[1], strict=True)]
    report = await run(settings, "trainings", write_csv(tmp_path / "t.csv", header, [row]))
    assert report.invalid == [] and (await stored(settings, Training))["WN-T01"].division == "520526100"


def test_the_list_and_the_details_say_the_township() -> None:
    """(What the chat makes of such a course: the township on the list line and in the details.)"""
    chat = registered_chat(jobs=[WELDING | {"place": place_name("520526100"), "place_short": short_place_name(
        "520526100")}])
    replies = chat.say("想学个手艺")
    assert any("草海镇" in reply for reply in replies)
    assert "草海镇" in chat.say("1")[0]


async def test_the_training_place_is_kept_as_its_address(settings: Settings, tmp_path: Path) -> None:
    """care13: the words of 培训地点 / 地址 were dropped once the township was read from them (a training had no
    address): 在哪培训 could say the township only. Now they are the training's address (migration 0016); a place
    outside its 地区 is none of its address either."""
    header, rows = _rows("地址", ["广州市天河区", "威宁县么站镇建设路8号职教中心"])
    report = await run(settings, "trainings", write_csv(tmp_path / "t.csv", header, rows[:2]))
    assert report.invalid == []
    found = await stored(settings, Training)
    assert found["WN-T01"].address == "威宁县么站镇建设路8号职教中心" and found["BJ-T01"].address is None
    assert details(found["WN-T01"])["address"] == "威宁县么站镇建设路8号职教中心"


@pytest.mark.parametrize("text", ["在哪培训", "培训地点在哪"])
def test_where_the_course_is_held_is_answered_with_its_address(text: str) -> None:
    chat = _training_chat(address="草海镇建设路8号职教中心")
    chat.say("1")
    assert chat.say(text) == ["「电焊工培训班」在: 威宁彝族回族苗族自治县草海镇建设路8号职教中心。"]
    chat = _training_chat(address=None)
    chat.say("1")
    assert chat.say(text) == ["「电焊工培训班」在威宁彝族回族苗族自治县草海镇上课, 具体地址还没定下来。"
                              "开班前威宁县职校会通知报了名的人; "
                              "想现在问清楚, 回复 人工 找工作人员。"]
    assert not chat.kinds("question_referred")


def test_the_details_of_a_course_give_its_address() -> None:
    chat = _training_chat(address="草海镇建设路8号职教中心")
    [shown] = chat.say("1")
    assert "地点: 威宁彝族回族苗族自治县草海镇建设路8号职教中心\n" in shown, shown


def _training_chat(address: str | None) -> Chat:
    chat = training_chat()
    chat.jobs = [WELDING | {"address": address, "place": place_name("520526100"), "place_short": "草海镇"},
                 HOUSEKEEPING]
    chat.say("想学个手艺")
    return chat
