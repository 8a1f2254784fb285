"""The survey as laborers really type (issue 13), with examples of our own for each class: several facts at
once, questions and corrections at any point, don't-know and hedges, time and pay as people say them, the
SMS sender's number, whose news a message is."""

from __future__ import annotations

from datetime import date

import pytest

from tests.fakes.identity import make_id
from tests.survey.driver import Chat

ID = make_id("431226", date(1983, 9, 14), 271)
OTHER_ID = make_id("431226", date(1983, 9, 4), 271)


def consented(channel: str = "wechat") -> Chat:
    chat = Chat(channel=channel, address="+8613912345678" if channel == "sms" else "u1")
    if channel == "wechat":
        chat.event("subscribe")
        chat.say("同意")
    else:
        chat.say("我要登记")
        chat.say("要得")
    return chat


def employed_at(chat: Chat, field: str) -> None:
    """From the name question, as an employed person, to `field`."""
    answers = iter([
        "我叫彭小军 湖南麻阳人 在长沙一个工地上干活", ID, "13712345678", "不知道", "高村镇石羊村",
        "河西那边", "跟着包工头干", "不知道", "小工", "去年三月", "五千", "1", "没签", "没交", "按时",
    ])
    while chat.awaiting != field:
        chat.say(next(answers))


def test_several_facts_in_one_answer_go_to_their_fields() -> None:
    chat = consented()
    replies = chat.say("俺叫张有才 湖南隆回的 在宁波工地上做钢筋工 一个月六千来块")
    answers = chat.answers
    assert answers["name"] == "张有才"
    assert answers["home_division"]["code"] == "430524"  # 隆回县: where he is from
    assert answers["work_division"]["code"] == "3302"  # 宁波市: where he works
    assert answers["employment_status"] == "employed" and answers["job_type"] == "钢筋工"
    assert answers["monthly_income"] == 6000
    assert "户籍地: 湖南省邵阳市隆回县" in replies[0] and "工作地: 浙江省宁波市" in replies[0]
    assert chat.awaiting == "id_number"


def test_a_phone_typed_at_the_id_question_is_kept_and_the_id_asked_again() -> None:
    chat = consented()
    chat.say("彭小军")
    replies = chat.say("我电话13712345678")
    assert chat.answers["phone"] == "+8613712345678" and chat.awaiting == "id_number"
    assert replies[-1] == "请输入您的18位身份证号码。"  # (it said 身份证号码应该是18位: no ID was typed)


# (你们是哪个单位的 is answered, not passed on: tests/survey/test_lead_playtest4.py)
@pytest.mark.parametrize("question", ["问一下 这个要钱不", "登记了有啥好处"])
def test_a_question_in_the_middle_is_passed_on_and_the_question_asked_again(question: str) -> None:
    chat = consented()
    chat.say("彭小军")
    replies = chat.say(question)
    assert chat.kinds("question_referred") and chat.awaiting == "id_number"
    assert replies[0].startswith("这个问题我们转给了负责您的工作人员")
    assert replies[-1] == "请输入您的18位身份证号码。"
    assert "id_number" not in chat.answers


def test_a_question_at_a_free_text_question_is_not_stored_as_the_answer() -> None:
    chat = consented()
    employed_at(chat, "work_place")
    chat.say("这个地址写了有什么用")
    assert "work_place" not in chat.answers and chat.awaiting == "work_place"


@pytest.mark.parametrize("dont_know", ["不记得了", "不晓得", "忘了", "本本没带 记不得", "户号不晓得 本本在家里"])
def test_dont_know_leaves_an_optional_question_unknown(dont_know: str) -> None:
    chat = consented()
    for text in ("彭小军", ID, "13712345678"):
        chat.say(text)
    assert chat.awaiting == "household_id"
    chat.say(dont_know)
    assert chat.answers["household_id"] is None and chat.awaiting == "home_division"


def test_dont_know_on_a_required_question_asks_again_and_never_offers_to_skip() -> None:
    chat = consented()
    chat.say("彭小军")
    for _ in range(4):
        replies = chat.say("忘了 本本没带")
        assert chat.awaiting == "id_number" and "id_number" not in chat.answers
        assert not any("跳过" in reply or "不知道" in reply for reply in replies)
    assert replies[0].startswith("这一项要填")


def test_declining_an_optional_question_leaves_it_empty() -> None:
    chat = consented()
    employed_at(chat, "employer_contact")
    chat.say("这个要填吗 不想给老板电话")
    assert chat.answers["employer_contact"] is None and chat.awaiting == "job_type"


@pytest.mark.parametrize(
    ("answer", "value"),
    [("有时候拖几天", "no"), ("年底一起结 平时只给生活费", "no"), ("大部分按时 偶尔晚个三五天", "no"),
     ("从来没拖过", "yes"), ("按月发", "yes")],
)
def test_wages_late_sometimes_are_not_wages_on_time(answer: str, value: str) -> None:
    chat = consented()
    employed_at(chat, "wages_on_time")
    chat.say(answer)
    assert chat.answers["wages_on_time"] == value and chat.awaiting == "summary"


def test_a_hedged_yes_is_confirmed_once_before_it_is_saved() -> None:
    chat = consented()
    employed_at(chat, "social_insurance")
    replies = chat.say("好像是交了的")
    assert "social_insurance" not in chat.answers and chat.awaiting == "social_insurance"
    assert replies == ["缴纳社保: 记为「是」, 对吗? 对请回复 1, 不对请回复 2。"]
    chat.say("2")  # not sure after all: the question again, nothing saved
    assert "social_insurance" not in chat.answers and chat.awaiting == "social_insurance"
    chat.say("应该交了吧")
    chat.say("对")
    assert chat.answers["social_insurance"] == "yes" and chat.awaiting == "wages_on_time"


def test_not_yet_signed_is_no() -> None:
    chat = consented()
    employed_at(chat, "contract_signed")
    chat.say("还没签 老板说过了试用期再签")
    assert chat.answers["contract_signed"] == "no"


def test_pay_by_the_day_becomes_a_monthly_figure_or_is_asked_about() -> None:
    chat = consented()
    employed_at(chat, "monthly_income")
    chat.say("一天两百五 一个月干二十来天")
    assert chat.answers["monthly_income"] == 5000
    chat = consented()
    employed_at(chat, "monthly_income")
    replies = chat.say("一天两百")
    assert replies == ["一天200元, 一个月大概干多少天?"] and chat.awaiting == "monthly_income"
    chat.say("二十五天左右")
    assert chat.answers["monthly_income"] == 5000 and chat.awaiting == "employment_form"


def test_months_in_the_sense_of_the_question() -> None:
    chat = consented()
    employed_at(chat, "started")
    chat.say("前年腊月进的厂")  # lunar 2024-12: January 2025
    assert chat.answers["started"] == "2025-01"
    chat = consented()
    for text in ("彭小军", ID, "13712345678", "不知道", "麻阳县", "石羊村", "2", "想", "1", "都行", "不知道",
                 "没有", "四千"):
        chat.say(text)
    assert chat.awaiting == "available_from"
    chat.say("过完年")  # the next Lantern Festival: 2027-02-20
    assert chat.answers["available_from"] == "2027-02"


def test_work_here_at_home_is_the_home_township() -> None:
    chat = consented()
    for text in ("彭小军", ID, "13712345678", "不知道", "麻阳县高村镇", "石羊村", "1"):
        chat.say(text)
    assert chat.awaiting == "work_division"
    chat.say("就在俺们镇上")
    assert chat.answers["work_division"]["code"] == chat.answers["home_division"]["code"]
    assert len(chat.answers["work_division"]["code"]) == 9


@pytest.mark.parametrize("agree", ["对 没毛病", "中", "行吧", "嗯呐", "没啥问题", "对着呢", "都对"])
def test_agreement_in_any_common_form_confirms_the_summary(agree: str) -> None:
    chat = consented()
    employed_at(chat, "summary")
    chat.say(agree)
    assert chat.kinds("form_submitted") and chat.awaiting is None


def test_corrections_at_the_summary_by_number_or_by_name() -> None:
    chat = consented()
    employed_at(chat, "summary")
    replies = chat.say("18不对 工资有时候拖")
    assert chat.answers["wages_on_time"] == "no" and replies[0] == "好的, 已改为 工资按时足额发放: 否。"
    assert chat.awaiting == "summary"
    chat.say(f"身份证号填错了 是{OTHER_ID}")
    assert chat.answers["id_number"] == OTHER_ID and chat.awaiting == "summary"
    assert [e.data["id_number"] for e in chat.kinds("survey.roster_lookup")][-1] == OTHER_ID
    chat.say("名字写错了")  # no new value: that question, then the summary again
    assert chat.awaiting == "name"
    chat.say("彭晓军")
    assert chat.answers["name"] == "彭晓军" and chat.awaiting == "summary"
    assert not chat.kinds("form_submitted")


def test_a_correction_while_another_question_is_open() -> None:
    chat = consented()
    for text in ("彭小军", ID):
        chat.say(text)
    assert chat.awaiting == "phone"
    replies = chat.say(f"刚才身份证号打错了 应该是{OTHER_ID}")
    assert chat.answers["id_number"] == OTHER_ID
    assert replies[0].startswith("好的, 已改为 身份证号") and chat.awaiting == "phone"


def test_on_sms_the_sender_number_is_offered() -> None:
    chat = consented("sms")
    chat.say("彭小军")
    replies = chat.say(ID)
    assert replies[-1].startswith("您的手机号就是发短信的这个号 ") and chat.awaiting == "phone"
    assert "139****5678" in replies[-1]
    chat.say("就这个号")
    assert chat.answers["phone"] == "+8613912345678"
    other = consented("sms")
    other.say("彭小军")
    other.say(ID)
    other.say("不是 用这个 15911112222")
    assert other.answers["phone"] == "+8615911112222"


def test_status_news_after_the_survey_whose_news_and_how_the_sentence_ends() -> None:
    chat = consented()
    employed_at(chat, "summary")
    chat.say("0")
    replies = chat.say("我老婆被厂里辞了")
    assert replies[0].startswith("知道了。您家里人要找工作") and chat.answers["employment_status"] == "employed"
    assert not chat.kinds("employment_status_changed")
    replies = chat.say("厂子倒了 不过我又找了个新厂")
    assert replies[0].startswith("知道了, 您换了工作") and chat.answers["employment_status"] == "employed"
    chat.say("重新开始")
    employed_at(chat, "summary")
    chat.say("0")
    replies = chat.say("娃生病了 这个月干不了活了")
    assert replies[0].startswith("知道了, 您现在暂时不能工作") and chat.answers["employment_status"] == "unable"
    assert chat.kinds("employment_status_changed")[-1].data["new"] == "unable"


def test_intents_at_idle_registering_by_word_how_to_stop_and_greetings() -> None:
    first = Chat(channel="sms")
    first.say("村里让俺发短信登记")
    assert first.awaiting == "consent"
    menu = Chat(channel="sms")
    menu.say("你好")
    assert menu.awaiting == "menu"
    menu.say("登记")
    assert menu.awaiting == "consent"
    how = Chat()
    how.say("吃了没")
    assert how.awaiting == "menu"
    replies = how.say("咋退订")
    assert replies == ["不想再收消息, 回复 TD 或 退订 就行; 以后想收, 回复 恢复。"]
    assert not how.kinds("opted_out") and not (how.state or {}).get("opted_out")


def test_hold_on_keeps_the_question_open_and_a_bare_ok_is_no_village() -> None:
    chat = consented()
    for text in ("彭小军", ID, "13712345678", "不知道", "麻阳县"):
        chat.say(text)
    assert chat.awaiting == "home_village"
    assert chat.say("等下 有人叫我") == ["好的, 您方便的时候再回复我。"]
    assert chat.awaiting == "home_village" and "home_village" not in chat.answers
    chat.say("好的")
    assert "home_village" not in chat.answers and chat.awaiting == "home_village"
    chat.later(days=2)
    chat.say("村是石门坎")  # the value after the field's own name
    assert chat.answers["home_village"] == "石门坎" and chat.awaiting == "employment_status"


def test_a_value_stated_for_another_field_is_taken_but_a_word_inside_a_name_is_no_field() -> None:
    chat = consented()
    for text in ("彭小军", ID, "13712345678", "不知道", "麻阳县"):
        chat.say(text)
    chat.say("火星村")  # 村 here is part of the name, not "the village is"
    assert chat.answers["home_village"] == "火星村"
    assert chat.awaiting == "employment_status"
    chat.say("户口是麻阳县高村镇的")  # at the status question: the home place, said more precisely
    assert chat.answers["home_division"]["name"].endswith("高村镇") and chat.awaiting == "employment_status"


def submitted(chat: Chat, status_answer: str = "1") -> None:
    """Through the survey to the saved form, as an employed person by default."""
    employed_at(chat, "summary")
    chat.say("对的")


def test_corrections_by_the_value_replaced_and_several_in_one_message() -> None:
    chat = consented()
    employed_at(chat, "summary")
    chat.say("单位写错了")
    assert chat.awaiting == "employer"
    chat.say("是鑫达建筑 不是包工头")  # what it is, then what it is not
    assert chat.answers["employer"] == "鑫达建筑" and chat.awaiting == "summary"
    replies = chat.say("名字写错了 是彭晓军 电话也换了 15988887777")
    assert chat.answers["name"] == "彭晓军" and chat.answers["phone"] == "+8615988887777"
    assert sum(reply.startswith("好的, 已改为") for reply in replies) == 2
    chat.say("手机号错了 最后一位是6")
    assert chat.answers["phone"] == "+8615988887776"


def test_wages_not_paid_yet_are_unknown_and_a_vague_yes_is_not_a_yes() -> None:
    chat = consented()
    employed_at(chat, "contract_signed")
    chat.say("好像签过 记不太清了")
    assert "contract_signed" not in chat.answers and chat.awaiting == "contract_signed"
    chat.say("签了")
    chat.say("交了")
    chat.say("刚来半个月 还没发过工资")
    assert chat.answers["wages_on_time"] is None and chat.awaiting == "summary"


def test_a_new_job_keeps_the_place_and_pay_it_says_are_the_same() -> None:
    chat = consented()
    submitted(chat)
    before = chat.answers
    chat.say("原来的厂子倒了 现在在隔壁厂干 工资一样")
    after = chat.answers
    assert after["work_division"] == before["work_division"] and after["monthly_income"] == before["monthly_income"]
    assert "employer" not in after and chat.awaiting == "employer"


def test_news_after_the_survey_judged_against_the_form() -> None:
    chat = consented()
    for text in ("彭小军", ID, "13712345678", "不知道", "麻阳县", "石羊村", "在家照顾老人 走不开", "0"):
        chat.say(text)
    assert chat.answers["employment_status"] == "unable" and chat.kinds("form_submitted")
    assert chat.say("老人还在住院 我出不去")[0].startswith("好的, 知道了")  # nothing new
    assert chat.answers["employment_status"] == "unable"
    chat.say("老人走了 开春想出去找点活")  # looking for work again: not a job lost
    assert chat.answers["employment_status"] == "unemployed" and chat.answers["willing_to_work"] == "yes"
    assert chat.answers["available_from"] == "2027-02" and chat.awaiting == "service_needs"
    assert chat.kinds("employment_status_changed")[-1].data["reason"] == "looking"


def test_a_change_of_mind_about_working_reopens_the_form() -> None:
    chat = consented()
    for text in ("彭小军", ID, "13712345678", "不知道", "麻阳县", "石羊村", "2", "不想", "0"):
        chat.say(text)
    assert chat.answers["willing_to_work"] == "no"
    chat.say("想了想 还是想出去挣钱")
    assert chat.answers["willing_to_work"] == "yes" and chat.awaiting == "service_needs"


def test_idle_thanks_what_ifs_and_family_members() -> None:
    chat = consented()
    submitted(chat)
    assert chat.say("多谢啦") == ["不客气, 有事随时找我们。"] and chat.awaiting is None
    chat.say("要是工地停工了怎么办")
    assert chat.kinds("question_referred") and chat.answers["employment_status"] == "employed"
    assert chat.say("我妹妹也想登记 她怎么弄")[0].startswith("知道了。您家里人要找工作或登记")


def test_at_the_status_question_a_place_is_where_one_works() -> None:
    chat = consented()
    for text in ("彭小军", ID, "13712345678", "不知道", "麻阳县", "石羊村"):
        chat.say(text)
    chat.say("在东管")
    assert chat.answers["employment_status"] == "employed" and chat.answers["work_division"]["code"] == "4419"
    assert chat.awaiting == "work_place"


def test_wished_places_are_seen_from_home() -> None:
    chat = consented()
    for text in ("彭小军", ID, "13712345678", "不知道", "麻阳县", "石羊村", "2", "想", "1"):
        chat.say(text)
    assert chat.awaiting == "preferred_scope"
    chat.say("长沙株洲都行")  # Hunan, like 麻阳
    assert chat.answers["preferred_scope"] == "home_province"


def test_news_told_before_consent_counts_once_it_is_given() -> None:
    chat = Chat(channel="sms", address="+8613912345678")
    chat.say("我在宁波当保安 要登记")
    assert chat.awaiting == "consent" and "employment_status" not in chat.answers
    chat.say("同意 一个月四千五")
    answers = chat.answers
    assert answers["employment_status"] == "employed" and answers["work_division"]["code"] == "3302"
    assert answers["job_type"] == "保安" and answers["monthly_income"] == 4500 and chat.awaiting == "name"


@pytest.mark.parametrize(("said", "code"), [("在市里打工", "4312"), ("就在县城", "431226")])
def test_work_in_town_is_read_from_home(said: str, code: str) -> None:
    chat = consented()
    for text in ("彭小军", ID, "13712345678", "不知道", "麻阳县", "石羊村", "1"):
        chat.say(text)
    chat.say(said)
    assert chat.answers["work_division"]["code"] == code  # 怀化市 is 4312, 麻阳 431226


def test_the_village_answer_refines_the_home_county_to_its_township() -> None:
    chat = consented()
    for text in ("杨国富", make_id("520525", date(1974, 3, 8), 52), "15822334455", "不知道", "纳雍县"):
        chat.say(text)
    chat.say("纳雍县猪场乡新华村四组")  # another 猪场乡 is in Guangxi; this one is 猪场苗族彝族乡
    assert chat.answers["home_division"]["code"] == "520525215"
    assert chat.answers["home_village"] == "新华村四组"  # (the county and township are the home division's)


def test_the_village_said_with_the_home_place_is_not_asked_again() -> None:
    chat = consented()
    for text in ("彭小军", ID, "13712345678", "不知道"):
        chat.say(text)
    chat.say("湖南麻阳 石羊村五组")
    assert chat.answers["home_village"] == "石羊村五组" and chat.awaiting == "employment_status"
