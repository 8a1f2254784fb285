"""The lead's play-test of 2026-12-07 (twelfth stop): a woman of 49 from 威宁 back home after her shoe factory in
温州 closed, by SMS, and a line worker of 25 from 商城 in a 苏州 electronics factory, on WeChat
(tests/survey/driver.py; each test failed on the code before its fix unless called a guard)."""

from __future__ import annotations

import pytest

from dialogs.flows.survey.late import clean_skills
from tests.survey.driver import Chat

WOMAN_ID = "520526197703150422"
MAN_ID = "411524200108221350"


def _woman_at_household_number() -> Chat:
    chat = Chat(channel="sms", address="+8613700001111")
    chat.jobs = []
    for text in ("你好 我想问下有没有活路做", "可以", f"陈桂芳 身份证{WOMAN_ID}", "在屋头 威宁哲觉镇的", "是的"):
        chat.say(text)
    assert chat.awaiting == "household_id" and chat.answers["home_division"]["code"].startswith("520526")
    return chat


def test_news_of_a_job_lost_naming_a_place_at_the_household_number_is_the_news() -> None:
    """"原来在温州鞋厂干了十来年 上个月厂子关门了 现在莫得活路" at the household number, her home known: it was
    "温州市是地名。这一问要的户编号是…" and the job lost was not heard."""
    chat = _woman_at_household_number()
    replies = chat.say("原来在温州鞋厂干了十来年 上个月厂子关门了 现在莫得活路")
    assert not any("地名" in reply for reply in replies), replies
    assert chat.answers["employment_status"] == "unemployed"
    assert chat.awaiting == "household_id"  # the question that was open, asked again


def test_a_place_alone_at_the_household_number_is_still_explained() -> None:
    """A guard: 温州那边 at the household number (home known, no work there) is explained as a place."""
    chat = _woman_at_household_number()
    assert any("地名" in reply for reply in chat.say("温州那边"))


def test_the_day_of_the_month_question_says_what_day_it_asks_for() -> None:
    """After 上个月厂子关门了, the registration's first question was "11月几号? 如: 11月底…": which day of November,
    for what, was left to guess."""
    chat = _woman_at_household_number()
    chat.say("原来在温州鞋厂干了十来年 上个月厂子关门了 现在莫得活路")
    chat.say("不晓得")
    replies = chat.say("哲觉镇营盘村")
    assert chat.awaiting == "last_work_day"
    assert any("最后上班是" in reply and "几号" in reply for reply in replies), replies


@pytest.mark.parametrize(("text", "skills"), [
    ("就是踩针车嘛 缝纫", "踩针车、缝纫"),  # it was kept as typed
    ("就是电焊嘛", "电焊"),
    ("主要是开车", "开车"),
    ("以前在工地上搬砖 会点泥水活", "搬砖、泥水活"),  # the man of 62: kept as typed
    ("原来干过电焊", "电焊"),
])
def test_a_trade_said_plainly_with_the_words_around_it_is_the_trade(text: str, skills: str) -> None:
    assert clean_skills(text) == skills


def _man_at_work_place() -> Chat:
    chat = Chat(channel="wechat", address="u1")
    chat.jobs = []
    chat.event("subscribe")
    for text in ("1", "李浩", MAN_ID, "15937281234", "商城县双椿铺镇", "不知道", "新店村",
                 "在苏州一个电子厂上班 做了两年了 普工"):
        chat.say(text)
    assert chat.awaiting == "work_place" and chat.answers["employer"] == "电子厂"
    return chat


@pytest.mark.parametrize("text", ["吴中区 名硕", "吴中区那边 名硕的"])
def test_a_district_and_a_name_at_the_address_name_the_factory(text: str) -> None:
    """"吴中区 名硕" after 在苏州一个电子厂上班: it was the address as typed and the employer stayed 电子厂 (the
    check-ins then asked 您还在苏州市的电子厂上班吗)."""
    chat = _man_at_work_place()
    replies = chat.say(text)
    assert chat.answers["employer"] == "名硕电子厂"
    assert chat.answers["work_division"]["code"] == "320506"
    assert any("名硕电子厂" in reply for reply in replies), replies
    assert chat.awaiting == "employer_contact"


@pytest.mark.parametrize("text", ["吴中区 不知道", "吴中区 记不清", "吴中区宝带路88号"])
def test_no_name_beside_the_district_leaves_the_employer(text: str) -> None:
    """A guard: don't-know words and a street address name no factory."""
    chat = _man_at_work_place()
    chat.say(text)
    assert chat.answers["employer"] == "电子厂"


@pytest.mark.parametrize("text", ["那我报个名嘛", "报个名", "我想报一下名", "我报名哈"])
def test_applying_said_as_people_say_it_applies_for_the_item_asked_about(text: str) -> None:
    """"那我报个名嘛" after asking where the first job is and whether it boards: it was "抱歉, 没太明白您的意思"
    and the menu (the list lost)."""
    from tests.jobs.test_dialog import GUARD, RANGER, registered_chat

    chat = registered_chat(jobs=[GUARD, RANGER], channel="sms")
    chat.say("找工作")
    chat.say("1在哪 包吃住不")
    chat.say(text)
    assert [e.data["ref"] for e in chat.kinds("jobs.apply")] == [GUARD["ref"]]


def test_what_it_means_from_a_newcomer_at_the_menu_says_who_we_are() -> None:
    """"啥子意思哦" after the greeting's menu, from a man of 62 by SMS: it was the greeting again and the commands
    (回复: 菜单 / 重新开始 / 人工 / TD退订)."""
    chat = Chat(channel="sms", address="+8613800002222")
    chat.jobs = []
    chat.say("喂")
    replies = chat.say("啥子意思哦")
    assert "人社部门" in replies[0] and not any("TD退订" in reply for reply in replies), replies
    assert chat.awaiting == "menu"


def _older_man_looking() -> Chat:
    chat = Chat(channel="sms", address="+8613800002222")
    chat.jobs = []
    for text in ("我要登记", "同意", "王德富", "身份证在屋里 我娃儿拿去了", "是的", "不晓得", "威宁 哲觉 营盘村",
                 "在屋头种点苞谷 没得啥子收入", "没得"):
        chat.say(text)
    assert chat.awaiting == "willing_to_work", chat.awaiting
    return chat


def test_a_yes_with_a_worry_about_age_is_a_yes_and_the_worry_is_answered() -> None:
    """"想嘛 就是年纪大了 怕人家不要" at 您想出去工作吗 and at the help wanted: "请回复数字 1、2 或 3" and "请回复数字,
    可多选" (the worry unheard)."""
    chat = _older_man_looking()
    replies = chat.say("想嘛 就是年纪大了 怕人家不要")
    assert chat.answers["willing_to_work"] == "yes"
    assert any("公益岗位" in reply for reply in replies), replies
    replies = chat.say("想的 年纪大了 怕人家嫌弃")
    assert chat.answers["service_needs"] == ["job_referral"]
    assert any("公益岗位" in reply for reply in replies), replies


def test_an_age_said_alone_is_no_yes() -> None:
    """A guard: "年纪大了" alone at the help wanted is not taken as wanting a job found."""
    chat = _older_man_looking()
    chat.say("想")
    chat.say("年纪大了")
    assert "service_needs" not in chat.answers


@pytest.mark.parametrize("text", ["1号我能干不 62了", "我62了 1号能干不"])
def test_an_age_said_apart_from_the_question_about_an_item_is_read(text: str) -> None:
    """"1号我能干不 62了" (his ID not given yet, so his age unknown to us): it was referred to the caseworker; the
    item's ages are against the age said (小区保安 18-60)."""
    from tests.jobs.test_dialog import GUARD, RANGER, registered_chat

    chat = registered_chat(jobs=[GUARD, RANGER], channel="sms")
    chat.say("找工作")
    replies = chat.say(text)
    assert any("您62岁" in reply and "小区保安" in reply for reply in replies), replies


def test_words_not_understood_with_a_list_open_keep_the_list() -> None:
    """"看看吧" with a list on screen: it was 没太明白 and the menu ("2找工作"), though a 2 then was the list's item
    2; now how to answer the list, and "那2号呢" its details."""
    from tests.jobs.test_dialog import GUARD, RANGER, registered_chat

    chat = registered_chat(jobs=[GUARD, RANGER], channel="sms")
    chat.say("找工作")
    replies = chat.say("看看吧")
    assert not any("1登记" in reply for reply in replies) and any("报名+序号" in reply for reply in replies), replies
    assert chat.awaiting == "jobs"
    assert chat.say("那2号呢")[0].startswith("生态护林员")


def test_a_shop_job_in_the_home_county_is_not_migrant_work() -> None:
    """"就在县城上班 不算外出吧" at the way of working, 华联超市 on record: its 外出 recorded 外出务工 (before a guard
    for shops it was 扶贫车间 offered); now neither, the other ways asked for."""
    chat = _woman_at_household_number()
    for text in ("不晓得", "哲觉镇营盘村", "20号左右吧", "交了的 厂里给交了好几年", "七八年吧", "想在附近找个活",
                 "针车", "针车", "三千", "随时", "0", "找到了 在县城超市理货 一个月三千",
                 "就在县城步行街那里 叫华联超市", "不知道", "上周一开始的"):
        chat.say(text)
    assert chat.awaiting == "employment_form" and chat.answers["employer"] == "华联超市"
    replies = chat.say("就在县城上班 不算外出吧")
    assert "employment_form" not in chat.answers and "不算外出务工" in replies[0], replies
    chat.say("5吧")
    assert chat.answers["employment_form"] == "flexible"


def test_a_course_asked_for_at_the_notice_is_looked_for_once_the_form_is_saved() -> None:
    """"你好 有没有月嫂培训 我想学" as her first words, then "在家带娃" (unable to work now): the form was saved and
    nothing more said, her question never answered; now the courses are looked up with her words."""
    chat = Chat(channel="wechat", address="u9")
    chat.jobs = []
    chat.event("subscribe")
    for text in ("你好 有没有月嫂培训 我想学", "1", "张丽 411524199405122265 15136001234",
                 "不知道 商城县鄢岗镇的 在家带娃", "刘湾村", "0"):
        chat.say(text)
    assert chat.answers["employment_status"] == "unable"
    [match] = chat.kinds("jobs.match")
    assert match.data["item"] == "training" and any("月嫂" in wish for wish in match.data["wishes"])


def test_no_course_looked_for_when_none_was_asked() -> None:
    """A guard: someone unable to work who asked for nothing gets no list after saving."""
    chat = Chat(channel="wechat", address="u9")
    chat.jobs = []
    chat.event("subscribe")
    for text in ("1", "张丽 411524199405122265 15136001234", "不知道 商城县鄢岗镇的 在家带娃", "刘湾村", "0"):
        chat.say(text)
    assert not chat.kinds("jobs.match")


@pytest.mark.parametrize(("employer", "issues"), [
    ("华联超市", ["no_contract", "no_social_insurance"]),  # it was none: 灵活就业 taken as the nearest way of working
    ("美团", []),  # a guard: a delivery rider's own way of working opens no case
    (None, []),
])
def test_flexible_work_for_a_shop_still_owes_a_contract(employer: str | None, issues: list[str]) -> None:
    from dialogs.flows.rights import form_rights_issues

    answers = {"employment_status": "employed", "employment_form": "flexible", "contract_signed": "no",
               "social_insurance": "no", "wages_on_time": "yes", "started": "2026-01", "employer": employer}
    assert form_rights_issues(answers) == issues


def test_a_name_and_an_age_as_a_first_sms_start_the_registration() -> None:
    """"王桂芬 58岁了" as a first SMS (talk18 saw it): it was 没太明白 and the menu; now the notice, her name held."""
    chat = Chat(channel="sms", address="+8613800003333")
    chat.jobs = []
    replies = chat.say("王桂芬 58岁了")
    assert chat.awaiting == "consent" and any("王桂芬您好" in reply for reply in replies), replies
    chat.say("1")
    assert chat.answers["name"] == "王桂芬" and chat.awaiting == "id_number"


@pytest.mark.parametrize("text", ["今天 30岁了", "护林员 60岁"])
def test_other_words_with_an_age_are_no_name(text: str) -> None:
    """A guard: no name in them, no registration started on a guess."""
    chat = Chat(channel="sms", address="+8613800003333")
    chat.jobs = []
    chat.say(text)
    assert chat.awaiting != "consent"
