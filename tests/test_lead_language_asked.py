"""A language asked for in a few words switches it, as the one word does (the lead's play of 2026-12-06: "english
please" at the privacy notice got 请回复 1 同意, 或 2 不同意)."""

from __future__ import annotations

import pytest

from dialogs.commands import command_of
from tests.survey.driver import Chat


@pytest.mark.parametrize(("text", "command"), [
    ("english please", "english"), ("English pls", "english"), ("in English", "english"),
    ("Can you speak English?", "english"), ("用英语说", "english"),
    ("请用中文", "chinese"), ("说中文吧", "chinese"), ("中文", "chinese"), ("english", "english"),
])
def test_a_language_asked_for_in_a_few_words(text: str, command: str) -> None:
    assert command_of(text) == command


@pytest.mark.parametrize("text", ["I speak english at home", "英文名字叫Tom", "中文系毕业的", "english teacher"])
def test_a_language_named_in_a_sentence_is_no_command(text: str) -> None:
    assert command_of(text) is None


def test_english_please_at_the_notice_gives_the_notice_in_english() -> None:
    chat = Chat(channel="wechat")
    chat.event("subscribe")
    replies = chat.say("english please")
    assert any("Do you agree?" in reply for reply in replies), replies
    assert chat.awaiting == "consent"
