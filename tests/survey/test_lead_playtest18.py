"""The lead's play-test of 2026-12-07 (eleventh stop): a woman of 58 from 威宁 farming at home with a grandchild
to mind, by SMS, and a delivery rider of 23 from 商城 working in 郑州, on WeChat (tests/survey/driver.py; each test
failed on the code before its fix unless called a guard)."""

from __future__ import annotations

import importlib
from datetime import date, timedelta

import pytest

from dialogs import nlu
from dialogs.flows.rights import form_rights_issues
from dialogs.flows.survey.late import clean_skills
from tests.survey.driver import Chat
from tests.survey.test_lead_playtest5 import _fire
from tests.survey.test_lead_playtest8 import _at_checkin
from tests.survey.test_talking_as_people_type import ID, consented

TODAY = date(2026, 12, 7)


def _unable_at_phone() -> Chat:
    chat = consented("sms")
    chat.jobs = []
    for text in ("杨桂兰", ID, "在家种地 带孙子 出不去"):
        chat.say(text)
    assert chat.answers["employment_status"] == "unable" and chat.awaiting == "phone"
    return chat


def test_a_wish_for_work_near_home_from_someone_just_recorded_unable_makes_them_looking() -> None:
    """"想在家门口找点活干 离家近的" right after "在家种地 带孙子 出不去": it got "登记好了, 就能推荐合适的工作" and
    she stayed unable to work (at the summary the same words changed the status)."""
    chat = _unable_at_phone()
    replies = chat.say("想在家门口找点活干 离家近的")
    assert chat.answers["employment_status"] == "unemployed"
    assert chat.answers["willing_to_work"] == "yes" and chat.answers["preferred_scope"] == "home_county"
    assert not any("登记好了" in reply for reply in replies), replies
    assert chat.awaiting == "phone"  # the question that was open, asked again


def test_a_question_about_jobs_from_someone_unable_stays_a_question() -> None:
    """A guard: "有没有离家近的活?" asks; it changes nothing on the form."""
    chat = _unable_at_phone()
    chat.say("有没有离家近的活?")
    assert chat.answers["employment_status"] == "unable"


@pytest.mark.parametrize(("text", "skills"), [
    ("会做饭 会种地 别的不会", "做饭、种地"),  # it was kept as said, 别的不会 and all
    ("会电焊 其他啥也不会", "电焊"),
    ("种地 别的都不会了", "种地"),
    ("水电都会 就会这些", "水电"),
])
def test_modesty_after_the_trades_is_no_part_of_the_skills(text: str, skills: str) -> None:
    assert clean_skills(text) == skills


def test_modesty_alone_is_no_skill() -> None:
    """A guard: 别的不会 alone names no trade."""
    assert clean_skills("别的不会") is None


def test_the_name_is_said_back_with_the_facts_told_beside_it() -> None:
    """"刘浩 商城的 在郑州跑外卖" at the name question said back the home, the status, the place and the job, but not
    the name (a name misread among more words went unseen until the summary)."""
    chat = Chat(channel="wechat", address="u-liu")
    chat.jobs = []
    chat.event("subscribe")
    chat.say("1")
    replies = chat.say("刘浩 商城的 在郑州跑外卖")
    assert chat.answers["name"] == "刘浩"
    assert any("姓名: 刘浩" in reply and "户籍地" in reply for reply in replies), replies


def _rider_at_the_way_of_working() -> Chat:
    chat = Chat(channel="wechat", address="u-liu")
    chat.jobs = []
    chat.event("subscribe")
    for text in ("1", "刘浩 商城的 在郑州跑外卖", ID, "15837261234", "没有", "赤城街道 李集村", "满城跑", "美团的",
                 "去年五月", "不知道", "6000"):
        chat.say(text)
    assert chat.awaiting == "employment_form", chat.awaiting
    return chat


def test_which_way_of_working_delivery_is_gets_flexible_work_offered() -> None:
    """"跑外卖算哪个" at 您是哪种就业方式? got "请回复数字 1 到 5": orders taken on an app are flexible work,
    offered to confirm by 1."""
    chat = _rider_at_the_way_of_working()
    replies = chat.say("跑外卖算哪个")
    assert any("灵活就业" in reply and "对吗" in reply for reply in replies), replies
    chat.say("1")
    assert chat.answers["employment_form"] == "flexible"


def test_a_number_at_the_way_of_working_is_still_that_option() -> None:
    """A guard: 1 from a delivery rider working away is 外出务工, as chosen."""
    chat = _rider_at_the_way_of_working()
    chat.say("1")
    assert chat.answers["employment_form"] == "migrant"


def test_pay_that_swings_told_beside_other_facts_is_its_low_end() -> None:
    """"好的时候七八千 差的时候四五千" at the employer's phone was recorded as 7000 (the first amount); the pay
    question records pay that swings at its low end."""
    assert nlu.understand("好的时候七八千 差的时候四五千", TODAY).entities.salary == 4000
    assert nlu.understand("一个月五千", TODAY).entities.salary == 5000  # a guard


@pytest.mark.parametrize(("text", "code"), [
    ("在郑州跑外卖 多的时候八千 少的时候五千", "4101"),  # it was 郑州's 八千乡: pay read as a township
    ("我今年五十了 在郑州", "4101"),  # a guard
    ("在二七上班", "410103"),  # a guard: after 在, 二七 is 二七区
])
def test_numbers_are_no_short_forms_of_places(text: str, code: str) -> None:
    place = nlu.understand(text, TODAY).entities.location
    assert place is not None and place.code == code


def test_a_township_not_found_at_the_village_question_is_said() -> None:
    """"城关镇 李集村" at the village question with 商城县 on record: 商城县 has no 城关镇 today (赤城街道), and the
    township was dropped without a word."""
    chat = consented("wechat")
    chat.jobs = []
    for text in ("刘浩", ID, "15837261234", "没有", "商城县"):
        chat.say(text)
    replies = chat.say("城关镇 李集村")
    assert any("没找到" in reply and "城关镇" in reply for reply in replies), replies
    assert chat.answers["home_village"] == "李集村"


def test_a_township_found_at_the_village_question_refines_the_home() -> None:
    """A guard: 李集乡 is a township of 商城县."""
    chat = consented("wechat")
    chat.jobs = []
    for text in ("刘浩", ID, "15837261234", "没有", "商城县"):
        chat.say(text)
    chat.say("李集乡 李集村")
    assert chat.answers["home_division"]["code"] == "411524204"


def test_a_delivery_riders_form_without_contract_or_insurance_opens_no_rights_case() -> None:
    """A delivery rider (灵活就业) said no contract and no insurance: the saved form told him "这关系到您的权益, 已转给
    …工作人员" and opened a rights case, as it would for every rider; wages owed still open one."""
    chat = _rider_at_the_way_of_working()
    for text in ("跑外卖算哪个", "1", "没签 就是在app上注册的", "没有 平台给买了个意外险", "按时 每周结"):
        chat.say(text)
    while chat.awaiting != "summary":
        chat.say("不知道")
    replies = chat.say("0")
    assert chat.answers["employment_form"] == "flexible"
    assert form_rights_issues(chat.answers, TODAY) == []
    assert not any("权益" in reply for reply in replies), replies


@pytest.mark.parametrize(("form", "issues"), [
    ("flexible", ["wage_arrears"]),
    ("migrant", ["no_contract", "no_social_insurance", "wage_arrears"]),  # a guard
])
def test_wages_owed_in_flexible_work_are_still_a_rights_issue(form: str, issues: list[str]) -> None:
    answers = {"employment_status": "employed", "employment_form": form, "started": "2025-05",
               "contract_signed": "no", "social_insurance": "no", "wages_on_time": "no"}
    assert form_rights_issues(answers, TODAY) == issues


@pytest.mark.parametrize(("form", "asked"), [("flexible", False), ("migrant", True)])  # migrant: a guard
def test_a_flexible_worker_is_not_asked_for_a_contract_and_insurance_at_checkins(form: str, asked: bool) -> None:
    """"还在跑 就是最近单少" from a delivery rider at his check-in got "签了劳动合同、交了社保吗?", every month: the
    form opens no case for them in flexible work, and the check-in no longer asks."""
    chat = Chat()
    _fire(chat, "checkin", 1, employer="美团", work_place="郑州", employment_form=form)
    replies = chat.say("还在跑 就是最近单少")
    assert [e.data.get("answer") for e in chat.kinds("checkin_answered")] == ["still_employed"]
    assert any("劳动合同" in reply for reply in replies) is asked, replies


def test_a_boss_gone_with_the_wages_before_consent_holds_the_job_loss_too() -> None:
    """"老板跑路了 工钱也没给 我现在在屋头" as an SMS first message: the wages were held for consent, the job loss
    was dropped (after consent the survey asked "您现在的就业情况?" and no registration began)."""
    chat = Chat(channel="sms", address="+8613765000111")
    chat.jobs = []
    replies = chat.say("老板跑路了 工钱也没给 我现在在屋头")
    assert any("失业登记" in reply and "工钱" in reply for reply in replies), replies
    chat.say("要得")
    assert chat.answers["employment_status"] == "unemployed"
    assert [e.data["issues"] for e in chat.kinds("rights_issue_reported")] == [["wage_arrears"]]
    for text in ("吴小兵 520526198107040539", "1", "没得"):
        chat.say(text)
    replies = chat.say("威宁 迤那镇 中海村")
    assert chat.awaiting == "last_work_day", replies


def test_wages_owed_alone_before_consent_are_no_job_loss() -> None:
    """A guard: "老板欠我两个月工资" is held as the wages owed, nothing more."""
    chat = Chat(channel="sms", address="+8613765000111")
    chat.jobs = []
    replies = chat.say("老板欠我两个月工资")
    assert not any("失业登记" in reply for reply in replies), replies
    chat.say("1")
    assert "employment_status" not in chat.answers


def _registered() -> Chat:
    chat = _at_checkin()
    chat.say("1")
    chat.say("1")
    assert chat.awaiting is None
    return chat


def test_a_boss_gone_with_the_wages_from_someone_registered_starts_the_registration() -> None:
    """The same words from someone whose form says employed: a rights case alone ("方便的话再说说: 哪个单位") and the
    job loss never registered."""
    chat = _registered()
    chat.say("老板跑路了 工钱也没给")
    assert [e.data["issues"] for e in chat.kinds("rights_issue_reported")][-1] == ["wage_arrears"]
    assert chat.awaiting == "last_work_day"


def test_a_boss_gone_with_the_wages_at_the_checkins_rights_question_is_the_job_lost() -> None:
    """At "工资按时足额发了吗? …": it was the wages alone, answered "已记下", the job loss never registered."""
    chat = _at_checkin()
    chat.say("1")
    chat.say("老板跑路了 工钱也没给")
    assert [e.data.get("answer") for e in chat.kinds("checkin_answered")][-1] == "job_lost"
    assert chat.awaiting == "last_work_day"
    assert chat.kinds("rights_issue_reported")


def test_wages_owed_at_the_rights_question_are_no_job_loss() -> None:
    """A guard: 没签合同 工资也拖着 is a report, the job goes on."""
    chat = _at_checkin()
    chat.say("1")
    chat.say("没签合同 工资也拖着")
    assert [e.data.get("answer") for e in chat.kinds("checkin_answered")] == ["still_employed"]
    assert chat.awaiting is None


@pytest.mark.parametrize("text", ["就是刚才说的那些", "同上", "跟上面一样"])
def test_what_was_said_before_at_the_skills_question_is_the_work_just_named(text: str) -> None:
    """"就是刚才说的那些" at 您会什么手艺 right after 扎钢筋 砌砖 as the work wanted was stored as the skill, word
    for word."""
    chat = consented("sms")
    chat.jobs = []
    for said in ("吴大兵", ID, "1", "没得", "威宁 迤那镇 中海村", "2", "1", "1", "1", "扎钢筋 砌砖"):
        chat.say(said)
    assert chat.awaiting == "skills"
    chat.say(text)
    assert chat.answers["skills"] == chat.answers["desired_jobs"] == "钢筋工、砌砖"


@pytest.mark.parametrize("text", ["怀孕了 老板不让我干了", "怀孕三个月了 厂里把我辞了"])
def test_let_go_for_expecting_at_a_checkin_is_a_rights_case_and_the_job_lost(text: str) -> None:
    """"怀孕了 老板不让我干了" at the check-in got "您安心休养。这份工作还给您留着吗?": dismissal for being pregnant is
    unlawful (劳动合同法 第四十二条): a rights case with her words, what the law says, and the registration."""
    chat = _at_checkin()
    replies = chat.say(text)
    [report] = chat.kinds("rights_issue_reported")
    assert report.data["issues"] == ["other"] and report.data["said"] == text
    assert any("第42条" in reply for reply in replies), replies
    assert [e.data.get("answer") for e in chat.kinds("checkin_answered")] == ["job_lost"]
    assert chat.awaiting == "last_work_day"


@pytest.mark.parametrize("text", ["我怀孕了", "在的 老婆怀孕了 老板不让她干了"])
def test_expecting_without_being_let_go_is_no_rights_case(text: str) -> None:
    """A guard: her own news alone, or the wife's."""
    chat = _at_checkin()
    chat.say(text)
    assert not chat.kinds("rights_issue_reported")


def test_the_name_of_a_factory_told_by_its_kind_before_joins_it() -> None:
    """"就在长安 厂名叫宏达" at the address, after "在东莞长安那边电子厂 流水线 …": the employer became 宏达 (the
    kind of place lost) and the address "长安 厂"."""
    chat = Chat(channel="wechat", address="u-luo")
    chat.jobs = []
    chat.event("subscribe")
    for text in ("1", "我叫罗小芳 威宁的", ID, "18212345678", "不知道", "草海镇 新发村",
                 "在东莞长安那边电子厂 流水线 一个月五千左右 包吃住 去年过完年来的"):
        chat.say(text)
    assert chat.awaiting == "work_place" and chat.answers["employer"] == "电子厂"
    chat.say("就在长安 厂名叫宏达")
    assert chat.answers["employer"] == "宏达电子厂"
    assert chat.answers["work_place"] in (None, "长安")


def test_the_first_checkin_two_weeks_after_the_form_does_not_ask_the_wages_again() -> None:
    """The form asked the contract, the insurance and the wages; the check-in 14 days later asked them all again
    ("再问一下: 工资按时足额发了吗? 签了劳动合同、交了社保吗?"): monthly means a month after the form."""
    chat = Chat()
    _fire(chat, "checkin", 1, employer="宏达电子厂", work_place="东莞", employment_form="migrant",
          contract_signed="yes", social_insurance="yes", wages_on_time="yes",
          anchor=(chat.ctx.today - timedelta(days=14)).isoformat())
    replies = chat.say("还在干")
    assert not any("劳动合同" in reply for reply in replies), replies
    chat.later(days=17)
    _fire(chat, "checkin", 2, employer="宏达电子厂", work_place="东莞", employment_form="migrant",
          contract_signed="yes", social_insurance="yes", wages_on_time="yes",
          anchor=(chat.ctx.today - timedelta(days=31)).isoformat())
    replies = chat.say("还在干")
    assert any("劳动合同" in reply for reply in replies), replies  # a month on: asked


def test_a_form_without_the_rights_answers_is_asked_them_at_the_first_checkin() -> None:
    """A guard: a form that did not answer them (a roster's, an old one) is asked at the first check-in."""
    chat = Chat()
    _fire(chat, "checkin", 1, employer="宏达电子厂", work_place="东莞", employment_form="migrant",
          anchor=(chat.ctx.today - timedelta(days=14)).isoformat())
    replies = chat.say("还在干")
    assert any("劳动合同" in reply for reply in replies), replies


def test_a_wish_said_with_a_phone_number_before_consent_is_not_kept_in_a_memo() -> None:
    """The wish held at the notice was read through an unbounded-rule lru_cache: "我想找个保安的活 电话13812345678"
    stayed in the process's memory (step16 saw it); only texts under the memos' rule are kept."""
    prefill = importlib.import_module("dialogs.flows.survey.prefill")
    prefill._wish_of.cache_clear()
    said = "我想找个保安的活 电话13812345678"
    assert prefill._wish_of(said, TODAY).get("desired_jobs")
    assert prefill._wish_of.kept_count() == 0
    assert prefill._wish_of("想找个保安的活", TODAY) == prefill._wish_of("想找个保安的活", TODAY)  # a guard


def test_questions_with_numbers_in_them_are_not_kept_in_the_policy_memos() -> None:
    """The catalogue's search and the money question's reading kept every question asked (an ID number in
    "我身份证520526…失业金咋领") in process memory; they keep only texts under the memos' rule, as the rest do."""
    from dialogs.policy import subsidies
    from dialogs.policy.catalogue import retrieval

    asked = f"我身份证{ID} 失业金咋领"
    retrieval()._search_kept.cache_clear()
    subsidies.asks_what_money.cache_clear()
    found = retrieval().search(asked)
    subsidies.asks_what_money(asked)
    assert retrieval()._search_kept.cache_info().currsize == 0
    assert subsidies.asks_what_money.cache_info().currsize == 0
    assert found == retrieval()._search(asked)  # a guard: the same answer
    retrieval().search("失业金咋领")
    assert retrieval()._search_kept.cache_info().currsize == 1  # a guard: short questions are still kept


@pytest.mark.parametrize("text", ["嗯嗯啊", "好的", "👍"])
def test_a_newcomers_bare_reply_to_the_greeting_gets_the_menu_again(text: str) -> None:
    """"嗯嗯啊" from a newcomer after the SMS greeting and its menu got "好的, 知道了。情况有变化随时告诉我们。", as if
    they were registered (the README's quick start shows it)."""
    chat = Chat(channel="sms", address="+8613800001111")
    chat.jobs = []
    chat.say("你好")
    replies = chat.say(text)
    assert replies and replies[-1].startswith("请回复数字选择"), replies


def test_a_registered_persons_bare_reply_is_still_taken_in() -> None:
    """A guard: 好的 from someone registered, nothing asked, is taken in."""
    chat = _registered()
    assert chat.say("好的") == ["好的, 知道了。情况有变化随时告诉我们。"]
