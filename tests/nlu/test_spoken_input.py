"""Messages as phones and WeChat's voice-to-text deliver them, read as if typed (dialogs/nlu/spoken.py)."""

from __future__ import annotations

from datetime import date

import pytest

from dialogs import nlu


@pytest.mark.parametrize(("said", "typed"), [
    ("嗯，同意。", "同意"),
    ("那个，我叫，彭小军。", "我叫 彭小军"),
    ("去年，三月份，来的", "去年 三月份 来的"),
    ("就是，在东莞那边。", "在东莞那边"),
    ("１３７ １２３４ ５６７８", "137 1234 5678"),  # full-width digits and spaces
    ("不晓得 😅", "不晓得"),
    ("好的[捂脸]", "好的"),
    ("三千五吧！！", "三千五吧"),
    ("看大门、保安都行", "看大门 保安都行"),
    ("啥意思？", "啥意思?"),
])
def test_pauses_fillers_and_pictures_go(said: str, typed: str) -> None:
    assert nlu.as_typed(said) == typed


@pytest.mark.parametrize("said", ["嗯", "就是", "那个厂叫宏达", "3,500", "1、3", "3.5千"])
def test_what_carries_meaning_stays(said: str) -> None:
    assert nlu.as_typed(said) == said  # a filler alone is the answer; digits keep their separators


def test_a_month_said_with_pauses_is_the_month_typed_without() -> None:
    today = date(2026, 11, 26)
    assert nlu.parse_month(nlu.as_typed("去年，三月份，来的"), today, "past") == "2025-03"


@pytest.mark.parametrize(("text", "status"), [("在钢", "employed"), ("还在钢", "employed"),
                                              ("我在钢厂上班", "employed")])
def test_pinyin_slips_read_as_the_word_meant(text: str, status: str) -> None:
    assert nlu.understand(text, date(2026, 11, 26)).status == status


@pytest.mark.parametrize(("text", "asks"), [
    ("啥意思", True), ("什么意思？", True), ("？", True), ("??", True), ("没看懂", True), ("看不懂", True),
    ("不明白啊", True), ("彭小军", False), ("哦", False), ("", False), ("什么工作都行", False), ("不懂电焊", False),
])
def test_asking_what_the_question_means(text: str, asks: bool) -> None:
    assert nlu.asks_meaning(text) is asks


@pytest.mark.parametrize(("text", "job"), [("做鞋 上胶", "做鞋"), ("在家种当归 闲了给人帮工", None), ("当兵", None),
                                          ("做饭", None), ("干嘛", None), ("开塔吊", "开塔吊")])
def test_a_one_character_object_makes_a_job_only_after_做(text: str, job: str | None) -> None:
    assert nlu.find_job_type(nlu.normalize(text)) == job
