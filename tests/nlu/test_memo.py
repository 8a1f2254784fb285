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
