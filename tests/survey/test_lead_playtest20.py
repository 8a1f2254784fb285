"""The lead's play-test of 2026-12-07 (thirteenth stop): a line worker of 25 from 威宁 in a 东莞 phone-case
factory whose name he does not remember, on WeChat, checked in and then losing the job (tests/survey/driver.py;
each test failed on the code before its fix unless called a guard)."""

from __future__ import annotations

import pytest

from dialogs import nlu
from dialogs.flows.jobs_replies import age_told
from dialogs.flows.registration.fields import parse_insured_years
from tests.survey.driver import Chat
from tests.survey.test_lead_playtest5 import _fire
from tests.survey.test_lead_playtest8 import _at_checkin, _at_weekly
from tests.survey.test_talking_as_people_type import ID, consented

LUO_ID = "520526200103152314"


def _luo_at(field: str) -> Chat:
    chat = consented()
    answers = iter(["罗小兵", f"身份证{LUO_ID}", "我在东莞打工 长安镇 一个做手机壳的厂", "15885412345",
                    "不晓得 我妈那里有", "哲觉镇的", "光明村三组", "长安镇上", "做手机壳的厂", "没有",
                    "今年过完年来的", "五千左右 加班多就六千", "打工啊", "签了的"])
    while chat.awaiting != field:
        chat.say(next(answers))
    return chat


def test_two_things_noted_from_one_message_are_said_in_one_line() -> None:
    """"我在东莞打工 长安镇 一个做手机壳的厂" was answered with two messages, "好的, 已记下: 就业状态: 在工作。" and
    "好的, 已记下: 工作地: 广东省东莞市长安镇。"."""
    chat = consented()
    chat.say("罗小兵")
    chat.say(f"身份证{LUO_ID}")
    replies = chat.say("我在东莞打工 长安镇 一个做手机壳的厂")
    assert replies[0] == "好的, 已记下: 就业状态: 在工作; 工作地: 广东省东莞市长安镇。", replies
    assert sum("已记下" in reply for reply in replies) == 1 and chat.awaiting == "phone"


@pytest.mark.parametrize("text", ["买了 厂里买的", "厂里买的", "公司交的", "交了 厂里交的", "老板给买了"])
def test_insurance_paid_by_the_factory_is_a_yes(text: str) -> None:
    """"买了 厂里买的" at "单位给您交社保了吗?" was "请回复 1 交了, 或 2 没交。"."""
    chat = _luo_at("social_insurance")
    chat.say(text)
    assert chat.answers["social_insurance"] == "yes" and chat.awaiting == "wages_on_time"


@pytest.mark.parametrize(("text", "value"), [("没交 公司没交", "no"), ("公司没给交", "no"), ("交了", "yes")])
def test_insurance_said_twice_or_with_the_payer(text: str, value: str) -> None:
    """(没交 公司没交: the same no twice; a guard for 交了.)"""
    chat = _luo_at("social_insurance")
    chat.say(text)
    assert chat.answers["social_insurance"] == value


def test_the_firm_name_not_remembered_is_no_part_of_the_address() -> None:
    """"就在长安镇上 厂名叫什么精密的 记不得了" at the work address was stored whole as the address."""
    chat = _luo_at("work_place")
    chat.say("就在长安镇上 厂名叫什么精密的 记不得了")
    assert chat.answers["work_place"] == "长安镇上" and chat.awaiting == "employer"


@pytest.mark.parametrize("text", ["刚说了 记不得名字了 做手机壳的", "记不得名字了 做手机壳的",
                                  "名字记不得了 做手机壳的"])
def test_what_the_firm_does_stands_for_its_forgotten_name(text: str) -> None:
    """"刚说了 记不得名字了 做手机壳的" at the employer question was stored as the employer "刚说了 记不得名字了"."""
    chat = _luo_at("employer")
    chat.say(text)
    assert chat.answers["employer"] == "做手机壳的" and chat.awaiting == "employer_contact"


def test_the_name_forgotten_and_nothing_else_asks_how_else_to_say_it() -> None:
    """(a guard: not knowing the name is asked about once, as 不知道 is)"""
    chat = _luo_at("employer")
    replies = chat.say("记不得名字了")
    assert "employer" not in chat.answers and chat.awaiting == "employer"
    assert any("老板姓什么" in reply for reply in replies)


@pytest.mark.parametrize(("text", "years"), [("今年才进的厂 不到一年", 0.5), ("不满三年", 2.5), ("八个月", 0.5),
                                             ("交了十个多月", 0.5), ("24个月", 2), ("一年半", 1.5), ("3年", 3)])
def test_years_under_a_whole_number_and_months(text: str, years: float) -> None:
    """不到一年 was read as 1 year (and the benefit said likely); 八个月 was no answer."""
    assert parse_insured_years(text, None) == years  # type: ignore[arg-type]


def test_insured_under_a_year_is_not_told_the_benefit_is_likely() -> None:
    """"今年才进的厂 不到一年" at "一共交了几年?" was told "按您说的 (交了1年, 不是自己辞职), 您很可能能领
    失业保险金"."""
    chat = _at_checkin()
    chat.say("厂子倒闭了 老板跑了")
    chat.say("前天")
    chat.say("结清了")  # (工资结清了吗? after 老板跑了: check23)
    assert chat.awaiting == "insured_years"
    chat.say("今年才进的厂 不到一年")
    replies = chat.say("找个活")
    told = " ".join(replies)
    assert "满1年才能领" in told and "很可能能领" not in told, replies


def test_yes_no_readings_unchanged_for_plain_answers() -> None:
    """(a guard over the payer words: plain answers read as before)"""
    assert nlu.yes_no_reading("买了").value is True  # type: ignore[union-attr]
    assert nlu.yes_no_reading("没有").value is False  # type: ignore[union-attr]
    assert nlu.yes_no_reading("老板给") is None


YANG_ID = "520526197208121464"


def _yang_at_home() -> Chat:
    chat = Chat(channel="sms", address="+8613688881234")
    chat.jobs = []
    for text in ("我是草海镇的 想问问你们那个家政培训还招人不 我52了", "1", f"杨秀珍 {YANG_ID}", "是", "不知道"):
        chat.say(text)
    assert chat.awaiting == "home_division"
    return chat


@pytest.mark.parametrize("text", ["刚才说了 草海镇 白马村", "草海镇 白马村"])
def test_a_township_two_counties_have_is_the_one_in_the_id_numbers_county(text: str) -> None:
    """"草海镇 白马村" at the home question (a 草海镇 in 威宁, another in 鹤庆, 云南), her ID number issued in 威宁:
    it was "没找到这个地方, 请说省市县"."""
    chat = _yang_at_home()
    chat.say(text)
    assert chat.answers["home_division"]["code"] == "520526100"
    assert chat.answers["home_village"] == "白马村" and chat.awaiting == "employment_status"


def test_a_township_alone_in_the_id_numbers_county() -> None:
    chat = _yang_at_home()
    chat.say("草海镇的")
    assert chat.answers["home_division"]["code"] == "520526100" and chat.awaiting == "home_village"


def test_a_township_in_no_county_of_the_id_is_still_not_found() -> None:
    """(a guard: 草海镇 with an ID number issued elsewhere is not guessed)"""
    chat = Chat(channel="sms", address="+8613688881235")
    chat.jobs = []
    for text in ("你好", "1", "1", f"杨秀珍 {ID}", "是", "不知道"):
        chat.say(text)
    assert chat.awaiting == "home_division"
    chat.say("草海镇")
    assert "home_division" not in chat.answers


def test_a_month_beside_the_wages_details_answers_the_question_too() -> None:
    """"过完年吧 工资要到了就回去" at "什么时候可以开始工作?" just after wages owed were reported there: the wages
    went to the caseworker and the question was asked again; the month answers it too."""
    chat = _luo_at("social_insurance")
    for text in ("买了", "按时", "0"):
        chat.say(text)
    chat.later(days=20)
    for text in ("厂子倒闭了 老板跑了", "就前几天 25号吧", "今年才进的厂 不到一年", "找个活", "回贵州 威宁县城附近最好",
                 "啥都可以", "没啥手艺 就会流水线", "在老家的话三千多也行", "老板还欠我两个月工资没给"):
        chat.say(text)
    assert chat.awaiting == "available_from"
    replies = chat.say("过完年吧 工资要到了就回去")
    assert chat.answers["available_from"] == "2027-02" and chat.awaiting == "summary"
    assert replies[0] == "好的, 已补充给工作人员。"


def test_that_kind_after_the_job_wanted_is_no_part_of_it() -> None:
    """"电焊那种" at the jobs wanted was stored as the job 电焊那种."""
    chat = _luo_at("social_insurance")
    for text in ("买了", "按时", "0"):
        chat.say(text)
    chat.later(days=20)
    for text in ("厂子倒闭了 老板跑了", "就前几天 25号吧", "今年才进的厂 不到一年", "找个活",
                 "回贵州 威宁县城附近最好"):
        chat.say(text)
    chat.say("电焊那种")
    assert chat.answers["desired_jobs"] == "电焊"


def test_a_course_and_a_job_wanted_in_one_breath_are_both_needs() -> None:
    """"想啊 就是想学个家政 在县城找个活 孙子上学了" at "您想出去工作吗?": the needs were 技能培训 only (no jobs
    were ever pushed to her)."""
    chat = _yang_at_home()
    chat.say("草海镇 白马村")
    chat.say("在家带孙子 没上班")
    replies = chat.say("想啊 就是想学个家政 在县城找个活 孙子上学了")
    assert chat.answers["service_needs"] == ["job_referral", "training"]
    assert "服务需求: 介绍工作、技能培训" in replies[0]


def test_a_course_alone_is_still_only_training() -> None:
    """(a guard: 想学个电焊 wants the course)"""
    chat = _yang_at_home()
    chat.say("草海镇 白马村")
    chat.say("在家带孙子 没上班")
    chat.say("想学个电焊")
    assert chat.answers["service_needs"] == ["training"]


@pytest.mark.parametrize(("text", "told"), [("我儿子让我关注的", "欢迎您!"), ("村里叫我们加的", "欢迎您!"),
                                            ("我不识字 让孙女帮我打的", "家里人帮着回就行"),
                                            ("眼睛不好 孙子帮我回的", "家里人帮着回就行")])
def test_how_they_came_or_who_types_is_answered_then_the_notice(text: str, told: str) -> None:
    """"我儿子让我关注的" / "我不识字 让孙女帮我打的" as a first SMS was "抱歉, 没太明白您的意思" and the menu."""
    chat = Chat(channel="sms", address="+8613688881236")
    replies = chat.say(text)
    assert told in replies[0] and "没太明白" not in " ".join(replies)
    assert chat.awaiting == "consent"


def test_who_types_said_at_a_question_asks_it_again() -> None:
    chat = consented("sms")
    chat.say("王大军")
    replies = chat.say("我不识字 让孙女帮我打的")
    assert "家里人帮着回就行" in replies[0] and chat.awaiting == "id_number" and chat.answers.get("name") == "王大军"


@pytest.mark.parametrize("text", ["我儿子让我关注的 想找个活", "帮我找个活", "让我想想"])
def test_a_request_beside_how_they_came_is_read_as_usual(text: str) -> None:
    """(a guard: only the introduction alone is answered so)"""
    assert nlu.introduces_themselves(text) is None


def _at_the_wages_question() -> Chat:
    chat = Chat(channel="sms", address="+8613700002222")
    _fire(chat, "checkin", 1, employer="威宁县扶贫车间", work_place="草海镇")
    chat.say("在的 还是老样子")
    assert chat.awaiting == "checkin"
    return chat


def test_a_contract_signed_for_a_year_is_a_contract() -> None:
    """"工资发了 合同签了一年的 社保没有" at the monthly wages question: the contract was recorded as not signed and a
    no-contract case reported beside the insurance."""
    chat = _at_the_wages_question()
    chat.say("工资发了 合同签了一年的 社保没有")
    [updated] = chat.kinds("form_fields_updated")
    assert updated.data["fields"]["contract_signed"] is True and updated.data["fields"]["social_insurance"] is False
    assert [e.data["issue"] for e in chat.kinds("rights_issue_reported")] == ["no_social_insurance"]


def test_a_contract_signed_for_years_alone_is_all_well() -> None:
    """(check21: the contract alone is no answer about the wages and the insurance; those are asked, once:
    tests/survey/test_check21.py.)"""
    chat = _at_the_wages_question()
    chat.say("合同签了一年的")
    assert not chat.kinds("rights_issue_reported") and chat.awaiting == "checkin"


ZHANG_ID = "520526197508120025"


def _at_the_name_by_sms() -> Chat:
    chat = Chat(channel="sms", address="+8613912345670")
    chat.jobs = []
    chat.say("登记")
    chat.say("1")
    assert chat.awaiting == "name"
    return chat


@pytest.mark.parametrize("text", ["张桂兰 威宁县哲觉镇", "张桂兰，哲觉镇新发村",
                                  "张桂兰，威宁县哲觉镇新发村，在家务农"])
def test_a_name_then_the_home_at_the_name_question_keeps_the_home(text: str) -> None:
    """"张桂兰 威宁县哲觉镇" at the name question: the name was kept, the home dropped without a word (asked later)."""
    chat = _at_the_name_by_sms()
    replies = chat.say(text)
    assert chat.answers["name"] == "张桂兰" and chat.answers["home_division"]["code"] == "520526106"
    assert "户籍地: 贵州省毕节市威宁彝族回族苗族自治县哲觉镇" in replies[0]


def test_a_name_then_a_workplace_is_not_taken_for_the_home() -> None:
    """(a guard: 长安镇 beside a factory is no home)"""
    chat = _at_the_name_by_sms()
    chat.say("张桂兰 长安镇 电子厂")
    assert "home_division" not in chat.answers


def test_an_id_number_two_digits_short_in_a_long_message_is_said_to_be_short() -> None:
    """"张桂兰，身份证5205261975081200，电话…，威宁县哲觉镇新发村，在家务农，想找活": the ID was asked again with no
    word on what was wrong, and the home was dropped."""
    chat = _at_the_name_by_sms()
    replies = chat.say(f"张桂兰，身份证{ZHANG_ID[:16]}，电话13987654321，威宁县哲觉镇新发村，在家务农，想找活")
    assert "身份证号码应该是18位, 请再输入一次。" in replies
    assert chat.answers["home_division"]["code"] == "520526106" and chat.awaiting == "id_number"


def test_the_whole_form_in_one_message_with_a_good_id() -> None:
    """(a guard: the same message with the whole number is taken whole)"""
    chat = _at_the_name_by_sms()
    chat.say(f"张桂兰，女，1975年生，身份证{ZHANG_ID}，电话13987654321，威宁县哲觉镇新发村，在家务农，想找活")
    assert chat.answers["id_number"] == ZHANG_ID and chat.answers["home_village"] == "新发村"


@pytest.mark.parametrize("text", ["在等老板结工资 拿到钱再找", "还没找 在等工资"])
def test_waiting_for_the_pay_owed_before_looking(text: str) -> None:
    """"在等老板结工资 拿到钱再找" at the weekly check-in was "没太明白, 请回复数字"; "还没找 在等工资" was told only
    "以后想找工作了, 随时回复 找工作"."""
    chat = _at_weekly()
    replies = chat.say(text)
    assert [e.data["answer"] for e in chat.kinds("checkin_answered")][-1] == "not_looking"
    assert replies == ["好的, 知道了, 先把工资要回来。有合适的活我们照样告诉您。工资要是一直拖着不给, 回复 人工, "
                       "工作人员帮您要。"]
    # (still wanting work once paid: the caseworker is not told the case may be closed for not looking)
    changed = [e.data["new"] for e in chat.kinds("field_changed") if e.data["field"] == "willing_to_work"]
    assert changed in ([], ["yes"]), changed


def test_the_job_next_door_keeps_the_place_of_the_job_left() -> None:
    """3 (换了工作) at the check-in, then "去了隔壁那个鞋厂 工资高点" at "您在哪里工作?": it was "已记下: 就业状态:
    在工作" and the question again; the pay typed next was "没找到这个地方"."""
    chat = _at_checkin()
    chat.say("3")
    assert chat.awaiting == "work_division"
    replies = chat.say("去了隔壁那个鞋厂 工资高点")
    assert chat.answers["work_division"]["code"] == "5201" and chat.answers["work_place"] == "贵阳市观山湖区"
    assert chat.answers["employer"] == "鞋厂" and "工作地: 贵州省贵阳市" in replies[0]


def test_the_pay_typed_at_the_work_place_question_asks_it_again_plainly() -> None:
    chat = _at_checkin()
    chat.say("3")
    replies = chat.say("五千五")
    assert chat.answers["monthly_income"] == 5500 and chat.awaiting == "work_division"
    assert not any("没找到" in reply for reply in replies), replies


@pytest.mark.parametrize("text", ["有人吗", "喂 有人吗", "有人在吗"])
def test_anyone_there_from_a_stranger_is_a_greeting(text: str) -> None:
    """"喂 有人吗" as a first SMS was "已通知负责您的工作人员" (a human asked for, by someone nobody knows)."""
    chat = Chat(channel="sms", address="+8613688881237")
    replies = chat.say(text)
    assert not chat.kinds("human_requested") and "工作人员" not in replies[0]
    assert chat.awaiting == "menu"


def test_asking_for_a_person_is_still_a_person() -> None:
    """(a guard)"""
    chat = Chat(channel="sms", address="+8613688881238")
    chat.say("我要找人工")
    assert chat.kinds("human_requested")


def test_how_and_where_to_register_from_a_newcomer_is_our_form() -> None:
    """"怎么登记啊 要去哪里" as a first SMS was told where to register as unemployed (失业登记) at the county office."""
    chat = Chat(channel="sms", address="+8613688881239")
    replies = chat.say("怎么登记啊 要去哪里")
    assert chat.awaiting == "consent" and not any("失业登记" in reply for reply in replies)


def test_at_work_with_a_pain_is_at_work() -> None:
    """"干着呢 就是腰疼" at "您还在贵阳的陈老板那里上班吗?" was "您安心休养。这份工作还给您留着吗?"."""
    chat = _at_checkin()
    chat.say("干着呢 就是腰疼")
    assert [e.data["answer"] for e in chat.kinds("checkin_answered")] == ["still_employed"]


def test_off_work_with_a_pain_is_still_asked_whether_the_job_is_kept() -> None:
    """(a guard)"""
    chat = _at_checkin()
    replies = chat.say("腰疼 在家歇几天")
    assert "这份工作还给您留着吗" in " ".join(replies)


@pytest.mark.parametrize(("text", "awaiting"), [("不在了 回老家了", "last_work_day"),
                                                ("不在了 回老家了 在家照顾老人", "checkin"),
                                                ("没在那干了 老人病了回来照顾", "last_work_day")])
def test_no_longer_there_with_why_is_read_as_a_job_left(text: str, awaiting: str) -> None:
    """"不在了 回老家了" was "没太明白, 请回复数字"; "没在那干了 老人病了回来照顾" was "您安心休养" (someone else's
    illness); with 在家照顾老人 the person is asked whether they look for work (as for 不干了 回家照顾老人)."""
    chat = _at_checkin()
    replies = chat.say(text)
    assert not any("没太明白" in reply or "安心休养" in reply for reply in replies), replies
    assert chat.awaiting == awaiting


def test_an_age_said_with_a_wish_before_the_notice_is_heard() -> None:
    """"我想找工作 我今年48 女的 在家种地" as a first SMS was told "推荐工作要先知道您家在哪、多大年纪"."""
    chat = Chat(channel="sms", address="+8613688881240")
    replies = chat.say("我想找工作 我今年48 女的 在家种地")
    assert replies[0] == "知道了, 您48岁。推荐工作还要知道您家在哪, 先登记一下。" and chat.awaiting == "consent"


@pytest.mark.parametrize(("text", "age"), [("我今年48", 48), ("俺今年五十二 想找活", 52), ("我今年3月出来的", None),
                                           ("我今年挣了5000", None)])
def test_an_age_after_this_year(text: str, age: int | None) -> None:
    assert age_told(text) == age


def test_a_job_lost_with_wages_owed_at_the_summary_is_the_job_lost() -> None:
    """"厂子倒闭了 老板跑了 还欠我两个月工资" at the summary of someone working (wages on record as on time): after
    talk19's reading of 工资有时候拖 at the summary it changed the wages to 否 and the employer to "倒闭了 老板跑了
    还欠我两个月工资" (found after merging; on 117fe17 it was the registration, as now)."""
    chat = consented()
    for text in ("罗小兵", f"身份证{LUO_ID}", "我在东莞打工 长安镇 一个做手机壳的厂", "15885412345",
                 "不晓得 我妈那里有", "哲觉镇的", "光明村三组", "长安镇上", "宏达电子厂", "没有", "普工",
                 "今年过完年来的", "五千左右", "打工啊", "签了的", "买了", "按时"):
        chat.say(text)
        if chat.awaiting == "summary":
            break
    assert chat.awaiting == "summary"
    chat.say("厂子倒闭了 老板跑了 还欠我两个月工资")
    assert chat.awaiting == "last_work_day" and "倒闭" not in str(chat.answers.get("employer"))
    assert chat.answers["employment_status"] == "unemployed"


@pytest.mark.parametrize(("text", "told"), [
    ("我是贵州威宁的 在浙江打工 想回家附近找活", "知道了, 您家在威宁县。推荐工作还要知道您多大年纪, 先登记一下。"),
    ("我是威宁的 今年48了 想找活", "知道了, 您48岁, 家在威宁县。先登记一下, 就能推荐。"),
    ("有啥活干", "推荐工作要先知道您家在哪、多大年纪, 先登记一下信息。"),
])
def test_what_was_told_before_the_notice_is_not_asked_for(text: str, told: str) -> None:
    """"我是贵州威宁的 在浙江打工 想回家附近找活" as a first SMS was told "推荐工作要先知道您家在哪、多大年纪" (the home
    just said); the last case is a guard."""
    chat = Chat(channel="sms", address="+8613688881241")
    replies = chat.say(text)
    assert replies[0] == told and chat.awaiting == "consent"


def test_is_it_true_before_the_notice_is_answered_with_who_we_are() -> None:
    """"听说你们能找工作 真的假的" as a first SMS was told only "推荐工作要先…" (the doubt unanswered)."""
    chat = Chat(channel="sms", address="+8613688881242")
    replies = chat.say("听说你们能找工作 真的假的")
    assert replies[0].startswith("我们是县人社部门的就业帮扶服务") and chat.awaiting == "consent"


@pytest.mark.parametrize("text", ["还要填多久啊", "还有几个问题", "快完了没"])
def test_how_long_the_form_takes_is_answered_then_the_question(text: str) -> None:
    """"还要填多久啊" at the ID question was read as a question about the ID number ("这一问要的是身份证号码")."""
    chat = consented("sms")
    chat.say("王大军")
    replies = chat.say(text)
    assert replies[0].startswith("还有大约") and "个问题" in replies[0]
    assert replies[-1] == "请输入您的18位身份证号码。" and chat.awaiting == "id_number"
