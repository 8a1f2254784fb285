"""What our English texts tell people to type, and the common English requests, are understood at idle: "find
work" (checkin.not_looking says "reply find work"), "training", "I want a job" open the lists; "boss hasn't paid
me" is a rights report about wages. Before, each was "Sorry, I didn't quite understand" and the menu."""

from __future__ import annotations

import pytest

from dialogs.i18n import catalog
from tests.survey.driver import Chat


def chat() -> Chat:
    c = Chat()
    c.state = {"v": 1, "locale": "en", "flow": None, "awaiting": None, "menu_open": False,
               "consent": {"given": True}}
    c.jobs = [
        {"ref": "v1", "item": "vacancy", "kind": "factory", "title": "Security guard", "employer": "Wanjia",
         "place": "Weining", "salary_min": 2500, "salary_max": 3200, "reasons": []},
        {"ref": "t1", "item": "training", "kind": "training", "title": "Welding course", "employer": "County school",
         "place": "Weining", "salary_min": None, "salary_max": None, "reasons": []},
    ]
    return c


@pytest.mark.parametrize(("text", "item"), [
    ("find work", "vacancy"), ("Find work.", "vacancy"), ("I want a job", "vacancy"), ("looking for work", "vacancy"),
    ("any jobs?", "vacancy"), ("training", "training"), ("I want to learn a trade", "training"),
])
def test_an_english_wish_opens_the_list_it_asks_for(text: str, item: str) -> None:
    c = chat()
    replies = c.say(text)
    [match] = c.kinds("jobs.match")
    assert match.data["item"] == item
    assert not any(reply.startswith("Sorry, I didn't quite understand") for reply in replies)


def test_the_words_the_check_in_tells_people_to_reply_are_understood() -> None:
    assert "reply find work" in catalog("en").get("checkin.not_looking")
    c = chat()
    c.say("find work")
    assert c.kinds("jobs.match")


@pytest.mark.parametrize(("text", "issue"), [
    ("boss hasn't paid me", "wage_arrears"), ("my boss has not paid me for two months", "wage_arrears"),
    ("he owes me 3000", "wage_arrears"), ("no contract", "no_contract"),
])
def test_an_english_rights_report_goes_to_the_caseworker(text: str, issue: str) -> None:
    c = chat()
    [reply] = c.say(text)
    assert [e.data["issue"] for e in c.kinds("rights_issue_reported")] == [issue]
    assert reply.startswith("We passed this on to your caseworker")


@pytest.mark.parametrize("text", ["I work in a factory", "I lost my job", "thanks", "I don't want training"])
def test_english_that_asks_for_none_of_these_opens_nothing(text: str) -> None:
    c = chat()
    c.say(text)
    assert not c.kinds("jobs.match") and not c.kinds("rights_issue_reported")


def test_an_english_policy_question_about_training_is_still_answered_from_the_catalogue() -> None:
    c = chat()
    assert c.say("do I have to pay for training?")[0].startswith("Vocational training subsidy")
    assert not c.kinds("jobs.match")


def test_english_questions_about_the_course_open_are_answered_from_it() -> None:
    """"what do I need to bring" was "Sorry, I didn't quite understand" and the menu; "do I get a certificate"
    the catalogue's training subsidy (simulator play, WeChat)."""
    c = chat()
    c.jobs = [{"ref": "t1", "item": "training", "kind": "upgrade", "title": "Welding course", "provider": "School",
               "place": "Weining", "salary_min": None, "salary_max": None, "reasons": []}]
    c.say("training")
    c.say("1")
    assert c.say("what do I need to bring")[0].startswith('"Welding course" does not say what to bring')
    assert c.say("do I get a certificate")[0].startswith('"Welding course" does not say whether you get a cert')
    assert c.say("will you find me a job after")[0].startswith('"Welding course" does not say whether it finds')


def test_an_english_question_after_a_rights_report_is_no_detail_of_it() -> None:
    c = chat()
    c.say("boss hasn't paid me")
    assert c.say("Hongda factory, 3 months") == ["Thank you, we added that for your caseworker."]
    c.say("what subsidies can I get")  # one more message may still tell details: this one asks
    assert [e.data["details"] for e in c.kinds("rights_details_told")] == ["Hongda factory, 3 months"]
