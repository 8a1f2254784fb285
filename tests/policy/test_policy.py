"""Policy answers: the catalogue is complete, questions find their entry, the rest goes to a person."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from dialogs import policy
from dialogs.i18n import LOCALES, render
from dialogs.policy.catalogue import UNFILLED, load_entries, retrieval, unfilled
from dialogs.sms_text import MAX_PARTS, parts
from dialogs.types import StepContext, StepResult
from tests.survey.driver import Chat

NOW = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)

# How people ask (the four first), and the entry that answers. None of these are the catalogue's
# own example questions word for word except the issue's.
ANSWERED = {
    "失业金咋领": "unemployment_benefit",
    "跨省打工有补助吗": "transport_subsidy",
    "技校要交学费不": "technical_school",
    "培训有补贴吗": "training_subsidy",
    "被辞退了能领失业金吗": "unemployment_benefit",
    "失业金能领几个月": "unemployment_benefit",
    "失業金咋領": "unemployment_benefit",  # Traditional characters
    "失业登记去哪里办": "unemployment_registration",
    "外出务工有交通补贴吗": "transport_subsidy",
    "去广东打工报销车费吗": "transport_subsidy",
    "交通补助多少钱": "transport_subsidy",
    "孩子上技校要钱吗": "technical_school",
    "技工学校免费吗": "technical_school",
    "在哪里报名培训": "training_subsidy",
    "公益岗怎么申请": "public_welfare_job",
    # The asker's age told with the question is no topic of its own.
    "公益岗俺能干不 俺都55了": "public_welfare_job",
    "我今年58了能干公益岗吗": "public_welfare_job",
    "创业有贷款吗": "startup",
    "老板不发工资": "labour_rights",
    "找不到工作怎么办": "one_on_one",
    # Not an employment measure, but asked: where to apply, no amount (minimum_living_allowance).
    "低保怎么申请": "minimum_living_allowance",
    "能吃低保吗": "minimum_living_allowance",
    "俺家能不能办低保": "minimum_living_allowance",
    # Eighth round, in the asker's own words (referred before).
    "培训有钱拿吗": "training_subsidy",
    "俺想自己养猪 有啥扶持": "startup",
    "想养牛 能贷款不": "startup",
    "失业金咋领 我交了两年社保": "unemployment_benefit",
    # Tenth round (referred before: care10).
    "养老保险能补缴吗": "pension_insurance",
    "农村医保怎么交": "medical_insurance",
    "低保和打工冲突不": "minimum_allowance_and_work",
    "养老保险断了咋办": "pension_insurance",
    "医保怎么交": "medical_insurance",
    "腿有残疾 有补助不": "disability",
}
# Not in the catalogue, or too vague to answer: a person answers these.
REFERRED = ["宅基地能卖不", "考驾照要多少钱", "怎么办", "我想买房子", "宅基地怎么批",
            "考驾照有补贴吗", "你好", "俺交了一年多社保 能领不"]


def ctx(locale: str = "zh_CN", channel: str = "wechat") -> StepContext:
    return StepContext(now=NOW, today=date(2026, 11, 26), channel=channel, locale=locale)  # type: ignore[arg-type]


@pytest.mark.parametrize(("question", "entry"), sorted(ANSWERED.items()))
def test_a_question_finds_the_entry_that_answers_it(question: str, entry: str) -> None:
    found = retrieval().search(question)
    assert found.confident and found.entry is not None and found.entry.id == entry, found


@pytest.mark.parametrize("question", REFERRED)
def test_a_question_the_catalogue_cannot_answer_with_confidence_is_referred(question: str) -> None:
    assert policy.answer(question, ctx()) is None
    r = StepResult({})
    assert policy.answer_or_refer(r, question, ctx()) is False
    assert [(e.kind, e.data["question"]) for e in r.events] == [("question_referred", question)]
    assert render(r.outbound[0], "zh_CN", "wechat") == "这个问题我们转给了负责您的工作人员, 他们会尽快回复您。"


def test_an_answer_shows_conditions_amount_and_where_to_apply_and_hides_unfilled_figures() -> None:
    [message] = policy.answer("失业金咋领", ctx()) or []
    text = render(message, "zh_CN", "wechat")
    assert text.startswith("【失业保险金 (失业金)】")
    assert "交失业保险满1年" in text and "最多领12个月" in text and "12333" in text
    assert "待本县填写" not in text and "本县每月标准: 请问负责您的工作人员 (回复 人工)" in text
    r = StepResult({})
    assert policy.answer_or_refer(r, "失业金咋领", ctx()) is True and r.events == []
    english = render((policy.answer("失业金咋领", ctx("en")) or [])[0], "en", "wechat")
    assert english.startswith("Unemployment insurance benefit") and "COUNTY" not in english


def test_the_catalogue_has_every_field_in_every_locale_and_marks_what_the_county_fills_in() -> None:
    entries = load_entries()
    assert {e.measure for e in entries} >= {"二", "三", "四", "五"}
    assert len({e.id for e in entries}) == len(entries)
    todo = unfilled(entries)
    assert "unemployment_benefit: amount (zh_CN)" in todo and "transport_subsidy: amount (en)" in todo
    # Each locale marks the same fields.
    assert {t.rsplit(" ", 1)[0] for t in todo if t.endswith("(zh_CN)")} == {
        t.rsplit(" ", 1)[0] for t in todo if t.endswith("(en)")}
    assert all(not any(mark in e.texts[loc]["short"] for mark in UNFILLED) for e in entries for loc in LOCALES)


def test_a_catalogue_with_a_missing_field_fails_loudly() -> None:
    broken = '[[entry]]\nid = "x"\nquestions = ["q"]\n[entry.zh_CN]\ntitle = "t"\n'
    with pytest.raises(ValueError, match="entry 'x' lacks zh_CN conditions"):
        load_entries(broken)


@pytest.mark.parametrize("locale", LOCALES)
def test_every_answer_fits_two_text_messages(locale: str) -> None:
    for entry in load_entries():
        question = entry.questions[0]
        found = retrieval().search(question)
        assert found.confident and found.entry is not None and found.entry.id == entry.id, question
        [message] = policy.answer(question, ctx(locale, "sms")) or []
        assert parts(render(message, locale, "sms")) <= MAX_PARTS, entry.id


def test_asked_in_the_chat_with_no_dialog_open_and_in_the_middle_of_the_jobs_list() -> None:
    chat = Chat()
    chat.state = {"v": 1, "locale": "zh_CN", "flow": None, "awaiting": None, "menu_open": False,
                  "consent": {"given": True}}
    assert chat.say("技校要交学费不")[-1].startswith("【读技工院校: 免学费、助学金】")
    assert chat.say("宅基地能卖不")[-1].startswith("这个问题我们转给了")
    assert chat.kinds("question_referred")
    chat.jobs = [{"ref": "v1", "item": "vacancy", "kind": "factory", "title": "小区保安", "employer": "物业",
                  "place": "威宁县", "salary_min": 2500, "salary_max": 3200, "reasons": []}]
    chat.say("有啥活干")
    assert chat.awaiting == "jobs"
    assert chat.say("跨省打工有补助吗")[-1].startswith("【跨省务工交通补助】")
    # The list is still open: a number still shows its details.
    assert chat.say("1")[0].startswith("小区保安 (企业招工)")
