"""understand() keeps the readings of short, repeated messages, and never of one that may hold a number."""

from __future__ import annotations

import importlib
from datetime import date

# The module (the package re-exports the function under the same name).
nlu = importlib.import_module("dialogs.nlu.understand")

TODAY = date(2026, 11, 26)


def test_a_short_message_is_read_once_and_shared() -> None:
    first = nlu.understand("好的", TODAY)
    assert nlu.understand("好的", TODAY) is first
    assert nlu.understand("好的", date(2026, 11, 27)) is not first  # relative dates depend on the day


def test_messages_that_may_hold_a_phone_or_id_number_are_not_kept() -> None:
    for text in ("13812345678", "我的电话13812345678", "一三八一二三四五六七八", "５２０５２６１９９０"):
        before = nlu._understand_memo.cache_info().currsize
        result = nlu.understand(text, TODAY)
        assert nlu._understand_memo.cache_info().currsize == before, text
        assert nlu.understand(text, TODAY) is not result
    assert nlu.understand("我的电话13812345678", TODAY).entities.phone == "+8613812345678"


def test_a_long_message_is_not_kept() -> None:
    text = "我在东莞长安镇的电子厂上班，一个月四千五左右"
    before = nlu._understand_memo.cache_info().currsize
    nlu.understand(text, TODAY)
    assert nlu._understand_memo.cache_info().currsize == before


MEMOISED_READINGS = ("parse_yes_no", "yes_no_reading", "is_dont_know", "is_question", "local_level", "farms_only",
                     "says_no_job", "asks_how_to_stop", "asks_to_register", "mentions_dont_know", "is_none",
                     "is_later", "is_bare_reply", "about_someone_else")


def test_the_survey_readings_of_a_message_are_the_same_memoised_and_keep_no_number() -> None:
    texts = ("好的", "好的", "不是", "不知道", "怎么登记", "我要登记", "在家种地", "没工作", "以后再说", "村里",
             "怎么退订", "帮我表哥问", "1", "没有", "13812345678", "我的身份证520526199001011234",
             "我在东莞长安镇的电子厂上班，一个月四千五左右")
    for name in MEMOISED_READINGS:
        reading = getattr(nlu, name)
        for text in texts:
            assert reading(text) == reading.__wrapped__(text), (name, text)
        for text in texts[-3:]:
            before = reading.cache_info().currsize
            reading(text)
            assert reading.cache_info().currsize == before, (name, text)
    assert nlu.asks_to_register("怎么登记", questions_too=True) == nlu.asks_to_register.__wrapped__(
        "怎么登记", questions_too=True)
