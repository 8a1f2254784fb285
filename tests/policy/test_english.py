"""An English speaker's policy questions (the en locale is shipped): asked and followed up the way English is
typed, with or without a question mark, they get the answers a Chinese speaker gets (dialogs/policy/)."""

from __future__ import annotations

import pytest

from dialogs import policy
from tests.survey.driver import Chat


def chat() -> Chat:
    c = Chat()
    c.state = {"v": 1, "locale": "en", "flow": None, "awaiting": None, "menu_open": False,
               "consent": {"given": True}}
    return c


@pytest.mark.parametrize("mark", ["", "?"])
def test_follow_ups_on_the_unemployment_benefit_in_english_get_the_part_they_ask_about(mark: str) -> None:
    c = chat()
    assert c.say("how do I claim unemployment benefit" + mark)[0].startswith("Unemployment insurance benefit")
    [how_long] = c.say("how long can I get it" + mark)
    assert "up to 12 months" in how_long and "Who:" not in how_long
    [where] = c.say("where do I apply" + mark)
    assert "county HR bureau" in where and "up to 12 months" not in where
    [eligible] = c.say("I paid two years, can I get it" + mark)
    assert "paid unemployment insurance for at least a year" in eligible
    assert not c.kinds("question_referred")


@pytest.mark.parametrize(("question", "entry"), [
    ("do I have to pay for training?", "Vocational training subsidy"),
    ("my boss has not paid my wages, what can I do?", "Your rights at work"),
    ("can my son go to technical school for free?", "Technical school"),
    ("is there a transport subsidy for working in another province?", "Transport subsidy"),
])
def test_english_questions_are_answered_from_the_catalogue(question: str, entry: str) -> None:
    assert chat().say(question)[0].startswith(entry)


def test_english_words_that_ask_nothing_are_no_policy_question() -> None:
    c = chat()
    assert not policy.asks(c.state or {}, "thanks") and not policy.asks(c.state or {}, "unemployment benefit")
    c.say("how do I claim unemployment benefit")
    assert policy.asks(c.state or {}, "how long can I get it")
    assert not policy.asks(c.state or {}, "ok")


def test_a_chinese_statement_is_left_to_the_dialogs_question_cues() -> None:
    assert not policy.asks({}, "我在领失业金")  # the catalogue knows it, but no question is asked
