"""words.cut keeps the words of short, repeated messages (the policy check cuts every idle message), and never
of one that may hold a phone or ID number; what it returns is the caller's own list."""

from __future__ import annotations

from dialogs.matching import words

TEXTS = ("你好", "好的", "1", "失业金咋领", "我想找工作", "还在东莞上班", "咋办理", "ｈｅｌｌｏ", "學電焊",
         "13812345678", "我的身份证520526199003151220", "我在东莞长安镇的电子厂上班，一个月四千五左右")


def test_the_words_are_the_same_memoised_or_not() -> None:
    for text in TEXTS:
        assert words.cut(text) == list(words._cut(text)), text
        assert words.cut(text) == list(words._cut(text)), text  # the second time, from the memo


def test_a_short_message_is_cut_once_and_the_caller_gets_its_own_list() -> None:
    first = words.cut("失业金咋领")
    hits = words._cut_short.cache_info().hits
    first.append("changed by the caller")
    again = words.cut("失业金咋领")
    assert words._cut_short.cache_info().hits == hits + 1
    assert "changed by the caller" not in again and again == list(words._cut("失业金咋领"))


def test_messages_that_may_hold_a_number_and_long_messages_are_not_kept() -> None:
    for text in ("13812345678", "我的电话13812345678", "一三八一二三四五六七八", "５２０５２６１９９０",
                 "我在东莞长安镇的电子厂上班，一个月四千五左右"):
        before = words._cut_short.cache_info().currsize
        words.cut(text)
        assert words._cut_short.cache_info().currsize == before, text
