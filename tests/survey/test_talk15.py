"""talk15 (2026-12-07): the laborer's first contact, the notice and the survey as people type, from the play-testing
leftovers and our own play (tests/survey/driver.py; each test failed on the code before its fix unless called a
guard)."""

from __future__ import annotations

import pytest

from tests.survey.driver import Chat
from tests.survey.test_talking_as_people_type import consented

_IDENTITY = ["龙文贵", "52052619790312371X", "13985123456"]


def _at(channel: str, *answers: str) -> Chat:
    chat = consented(channel)
    for text in answers:
        chat.say(text)
    return chat


@pytest.mark.parametrize("said", ["有 但是不记得", "有的 记不清了", "是建档立卡户 号忘了"])
def test_a_registered_household_whose_number_is_not_remembered_stays_registered(said: str) -> None:
    """"有 但是不记得" at the household number was left unknown like a bare 不知道: the household's registration
    (free technical school, the policies) was lost. Kept as registered, the number unknown, said back and shown so."""
    from bot.export import _cell
    from dialogs.flows.survey.fields import HOUSEHOLD_NUMBER_UNKNOWN
    from dialogs.matching.profile import seeker_from_record

    chat = _at("wechat", *_IDENTITY)
    assert chat.awaiting == "household_id"
    replies = chat.say(said)
    assert chat.answers["household_id"] == HOUSEHOLD_NUMBER_UNKNOWN
    assert any("建档立卡户" in reply for reply in replies), replies
    assert chat.awaiting == "home_division"
    assert seeker_from_record(None, chat.answers).registered
    assert _cell("household_id", HOUSEHOLD_NUMBER_UNKNOWN) == ["是建档立卡户 (编号不详)"]
    replies = [reply for text in ["威宁县哲觉镇", "新发村", "没有工作", "不想"] for reply in chat.say(text)]
    assert chat.state["survey"]["phase"] == "summary"
    assert "户编号: 是建档立卡户 (编号不详)" in replies[-1], replies[-1]


def test_a_bare_dont_know_at_the_household_number_stays_unknown() -> None:
    """A guard: 不知道 alone (and 没有) still leaves the number unknown, not registered."""
    chat = _at("wechat", *_IDENTITY)
    chat.say("不知道")
    assert chat.answers["household_id"] is None


@pytest.mark.parametrize("said", ["是的还在上班", "还在上班", "对 还在厂里干"])
def test_yes_still_at_work_at_the_id_question_keeps_the_status_and_asks_again_plainly(said: str) -> None:
    """"是的还在上班" at the ID question got "好的, 您方便的时候再回复我" (read as busy at work) and the status was
    lost; "对 还在厂里干" got "请说说工作的情况" right before the ID question. The status noted, the ID asked again."""
    chat = _at("wechat", "龙文贵")
    assert chat.awaiting == "id_number"
    replies = chat.say(said)
    assert chat.answers.get("employment_status") == "employed"
    assert replies[0] == "好的, 已记下: 就业状态: 在工作。", replies
    assert "18位身份证号码" in replies[-1], replies
    assert not any("方便的时候" in reply or "请说说工作" in reply for reply in replies), replies
    assert chat.awaiting == "id_number"


def test_busy_at_work_at_a_question_still_waits() -> None:
    """A guard: 我在上班 (busy at work now) still keeps the question open for later."""
    chat = _at("wechat", "龙文贵")
    replies = chat.say("我在上班")
    assert any("方便的时候" in reply for reply in replies), replies
    assert "employment_status" not in chat.answers


def test_a_greeting_with_the_home_as_the_first_sms_is_held_and_said_back_after_consent() -> None:
    """"你好 我是威宁的" as the first SMS got the greeting and the menu, and 威宁 was lost: after 1 and 1 the home
    was asked as if never said. Now the notice follows the greeting, the home is held, and said back on consent."""
    chat = Chat(channel="sms", address="+8613912345678")
    replies = chat.say("你好 我是威宁的")
    assert chat.awaiting == "consent", replies
    replies = chat.say("1")
    assert any("已记下" in reply and "威宁" in reply for reply in replies), replies
    assert chat.answers["home_division"]["code"] == "520526"
    assert chat.awaiting == "name"


def test_a_greeting_with_the_home_at_the_notice_is_greeted_and_told_it_waits_for_consent() -> None:
    """"你好 我是威宁的" at the WeChat notice got only "请回复 1 同意, 或 2 不同意": greeted and told what they said is
    kept once they agree; after 同意 it is said back (that part is a guard)."""
    chat = Chat(channel="wechat", address="u1")
    chat.event("subscribe")
    replies = chat.say("你好 我是威宁的")
    assert replies[0].startswith("您好!") and "同意后" in replies[0], replies
    assert chat.awaiting == "consent"
    replies = chat.say("同意")
    assert any("已记下" in reply and "威宁" in reply for reply in replies), replies


def test_a_bare_greeting_as_the_first_sms_still_gets_the_menu() -> None:
    """A guard: 你好 alone (nothing told) is greeted and shown the menu, as before."""
    chat = Chat(channel="sms", address="+8613912345678")
    replies = chat.say("你好")
    assert chat.awaiting == "menu", replies


_HOME = [*_IDENTITY, "不知道", "威宁县"]


def test_a_village_group_after_a_township_correction_completes_the_village() -> None:
    """"二组" at the status question, after 新发村 and "不对 是哲觉镇", got "请回复数字 1、2 或 3" and was lost: the
    village's group, said back, the status asked again."""
    chat = _at("wechat", *_HOME, "新发村", "不对 是哲觉镇")
    assert chat.awaiting == "employment_status"
    replies = chat.say("二组")
    assert chat.answers["home_village"] == "新发村二组"
    assert any("新发村二组" in reply for reply in replies), replies
    assert chat.awaiting == "employment_status"
    chat.say("2")
    assert chat.answers["employment_status"] == "unemployed"  # (a guard: the choice still reads)


_LOOKING = [*_HOME, "新发村", "没有工作", "想", "介绍工作", "县里", "普工"]


def test_also_a_bit_of_welding_is_the_skill_welding_beside_the_first() -> None:
    """"也会点焊" at the pay wanted, after 会开叉车, got "没看懂金额": the skill 电焊 added to 开叉车, said back, and
    the pay asked again."""
    chat = _at("wechat", *_LOOKING, "会开叉车")
    assert chat.awaiting == "expected_income"
    replies = chat.say("也会点焊")
    assert chat.answers["skills"] == "开叉车、电焊"
    assert any("开叉车、电焊" in reply for reply in replies), replies
    assert chat.awaiting == "expected_income"


def test_no_particular_skill_is_the_form_none() -> None:
    """A guard: 没啥手艺 at the skills question is no skill, shown 没有 at the summary (not 不知道)."""
    chat = _at("wechat", *_LOOKING, "没啥手艺", "4000")
    replies = chat.say("随时")
    assert "技能: 没有" in replies[-1], replies


_WORKING = [*_HOME, "哲觉镇新发村", "在工作", "东莞", "不知道", "宏达电子厂", "不知道", "普工"]


def test_the_year_a_job_started_said_at_the_pay_after_dont_know_asks_its_month() -> None:
    """"前年" at the pay question after 不知道 at the start got "没看懂金额": the start's year, its month asked as at
    the start question, then the pay."""
    chat = _at("wechat", *_WORKING, "不知道")
    assert chat.awaiting == "monthly_income"
    replies = chat.say("前年")
    assert any("2024年的几月" in reply for reply in replies), replies
    chat.say("三月")
    assert chat.answers["started"] == "2024-03"
    assert chat.awaiting == "monthly_income"
    chat.say("五千")
    assert chat.answers["monthly_income"] == 5000


def test_paid_at_year_end_at_the_way_of_working_is_the_wages_answer_and_the_question_again() -> None:
    """"年底结" at "您是哪种就业方式?" got "请回复数字 1 到 5": how the pay comes is noted (not on time), said back
    once, the way of working asked again, and the wages question not asked later."""
    chat = _at("wechat", *_WORKING, "前年三月", "五千")
    assert chat.awaiting == "employment_form"
    replies = chat.say("年底结")
    assert chat.answers["wages_on_time"] == "no"
    assert any("工资按时足额发放: 否" in reply for reply in replies), replies
    assert chat.awaiting == "employment_form"
    replies = chat.say("1") + chat.say("没签") + chat.say("没交")
    assert not any("工资按时足额发放: 否。" in reply for reply in replies[:-1]), replies  # (said back once)
    assert chat.state["survey"]["phase"] == "summary", chat.awaiting


_SMS_WORKING = ["龙文贵", "52052619790312371X", "1", "不知道", "威宁县哲觉镇", "新发村", "1", "东莞", "不知道",
                "宏达电子厂", "不知道", "普工"]


def test_the_sms_summary_numbers_run_without_a_gap_and_each_number_changes_its_item() -> None:
    """On SMS the summary left out the household number (not known) and skipped 4 (3手机 … 5户籍); "开始时间: 没有"
    read as if the job had no start. Now 1..n, 没有 at the start leaves it unknown (left out like the others), and
    a number changes the item shown with it."""
    chat = _at("sms", *_SMS_WORKING, "没有", "五千", "1", "1", "1")
    replies = chat.say("1")
    summary = replies[-1]
    numbers = [int(line.split(next(c for c in line if not c.isdigit()))[0])
               for line in summary.split("\n") if line[:1].isdigit()]
    assert numbers == list(range(1, len(numbers) + 1)), summary
    assert "开始:没有" not in summary and "开始" not in summary, summary
    assert "8单位:宏达电子厂" in summary, summary
    chat.say("8 宏大电子厂")
    assert chat.answers["employer"] == "宏大电子厂"
    assert chat.answers["job_type"] == "普工"
    asked = chat.say("4")
    assert any("户籍" in reply for reply in asked), asked


def test_the_wechat_summary_still_numbers_every_item() -> None:
    """A guard: on WeChat every item is shown (the unknown as 不知道) and numbered 1..n."""
    chat = _at("wechat", *_WORKING, "不知道", "五千", "1", "1", "1")
    summary = chat.say("1")[-1]
    assert "4. 户编号: 不知道" in summary and "13. 开始时间: 不知道" in summary, summary


@pytest.mark.parametrize("asked", ["what is this for", "What is this?", "what's this for"])
def test_what_this_is_asked_at_the_english_notice_is_answered(asked: str) -> None:
    """"what is this for" at the English notice got only "Please reply 1 to agree or 2 to refuse" ("What is this?"
    went to a caseworker): what the service is, then the notice's question, as 这个是干啥的 gets in Chinese."""
    chat = Chat(channel="wechat", address="u1")
    chat.event("subscribe")
    chat.say("English")
    replies = chat.say(asked)
    assert any("employment assistance service" in reply for reply in replies), replies
    assert not any("caseworker, who will reply" in reply for reply in replies), replies
    assert chat.awaiting == "consent"


# From playing an old man on SMS who types in fragments (威宁, then 哲觉, then the village, then its group).
_SMS_OLD_MAN = ["龙国富", "520526195807021319", "就这个号", "莫得", "威宁"]


def test_a_township_typed_without_its_suffix_at_the_village_question_refines_the_home() -> None:
    """"哲觉" at the village question after 威宁 was saved as the village, and 新华村 next got "请回复数字": the
    township 哲觉镇 of 威宁, said back, the village asked; 新华村 then 五组 make the village."""
    chat = _at("sms", *_SMS_OLD_MAN)
    assert chat.awaiting == "home_village"
    replies = chat.say("哲觉")
    assert chat.answers["home_division"]["code"] == "520526106", chat.answers
    assert "home_village" not in chat.answers and chat.awaiting == "home_village", replies
    chat.say("新华村")
    chat.say("五组")
    assert chat.answers["home_village"] == "新华村五组"
    assert chat.awaiting == "employment_status"


_SMS_LOOKING = [*_SMS_OLD_MAN, "哲觉", "新华村", "2", "想找点活", "公益岗"]


def test_in_the_village_at_the_scope_question_is_the_home_county() -> None:
    """"村里" at "您想在哪里工作?" got "请回复数字 1 到 4": near home, the home county."""
    chat = _at("sms", *_SMS_LOOKING)
    assert chat.awaiting == "preferred_scope"
    chat.say("村里")
    assert chat.answers["preferred_scope"] == "home_county"


def test_any_time_at_the_scope_question_is_when_they_can_start_not_anywhere() -> None:
    """"随时都可以" at "您想在哪里工作?" was recorded as 都可以 (anywhere): when they can start, said back, and the
    scope asked again; the start is not asked later."""
    chat = _at("sms", *_SMS_LOOKING)
    replies = chat.say("随时都可以")
    assert "preferred_scope" not in chat.answers, chat.answers
    assert chat.answers["available_from"] == "2026-11"
    assert chat.awaiting == "preferred_scope", replies
    for text in ["1", "看门", "没有", "一千多"]:
        replies = chat.say(text)
    assert chat.awaiting == "summary", replies


def test_a_kind_of_factory_wished_beside_a_job_is_kept() -> None:
    """"服装厂 或者超市收银都行" at the work wanted (a young woman back from 浙江) was written 超市收银, the garment
    factory dropped: both kept."""
    chat = _at("wechat", *_HOME, "新发村", "没上班了 在家", "想", "找工作 培训也要", "县里就行 离家近的")
    assert chat.awaiting == "desired_jobs"
    chat.say("服装厂 或者超市收银都行")
    assert chat.answers["desired_jobs"] == "服装厂、超市收银"


def test_yes_and_the_options_words_at_the_phone_question_keep_the_status() -> None:
    """"是的 在工作" at the phone question got "这不是有效的手机号" and the status was lost: noted, the phone asked
    again plainly."""
    chat = _at("wechat", "龙文贵", "52052619790312371X")
    assert chat.awaiting == "phone"
    replies = chat.say("是的 在工作")
    assert chat.answers.get("employment_status") == "employed"
    assert replies == ["好的, 已记下: 就业状态: 在工作。", "请输入您的手机号码。"], replies


def test_also_a_bit_of_welding_at_the_skills_question_is_welding() -> None:
    """"会踩缝纫机 也会点焊" at the skills question was written 踩缝纫机、焊: the trade's name, 电焊."""
    chat = _at("wechat", *_LOOKING)
    assert chat.awaiting == "skills"
    chat.say("会踩缝纫机 也会点焊")
    assert chat.answers["skills"] == "踩缝纫机、电焊"


def test_yes_to_the_senders_number_with_the_next_answer_takes_both() -> None:
    """"1 没有户号" at "您的手机号就是发短信的这个号 … 吗? 是请回复 1" got "这不是有效的手机号" (again for
    "1 在贵阳"): the number accepted, the rest read at the next question."""
    chat = _at("sms", "罗大勇 520526198804122513")
    assert chat.awaiting == "phone"
    chat.say("1 没有户号")
    assert chat.answers["phone"] == "+8613912345678"
    assert "household_id" in chat.answers and chat.answers["household_id"] is None
    assert chat.awaiting == "home_division"


def test_a_bare_yes_to_the_senders_number_still_takes_it() -> None:
    """A guard: 1 alone (and 就这个号) still accepts the sender's number and asks the household number."""
    chat = _at("sms", "罗大勇 520526198804122513")
    chat.say("1")
    assert chat.answers["phone"] == "+8613912345678" and chat.awaiting == "household_id"


def test_a_sum_under_the_wrong_number_at_the_summary_is_no_village() -> None:
    """"6 不对 是6000" at the SMS summary (6 is the village since the numbers run on; the pay was meant) saved the
    village as "是6000": no village, its question asked, the village kept."""
    chat = _at("sms", "罗大勇 520526198804122513", "1", "没有", "威宁草海镇 新发村", "1", "贵阳", "观山湖区 一个工地",
               "跟着包工头 姓陈", "不知道", "钢筋", "去年九月", "七千", "5", "没签", "没交", "按时")
    assert chat.awaiting == "summary"
    chat.say("6 不对 是6000")
    assert chat.answers["home_village"] == "新发村"
    assert chat.awaiting == "home_village"


_WANTING = [*_HOME, "新发村", "在家带娃 娃上幼儿园了想出去找点活", "介绍工作", "1"]


def test_where_to_work_answered_late_at_the_work_wanted_is_no_job() -> None:
    """"县城" at "想做什么工作?" (the scope, answered just before) was saved as the work wanted: said back as the
    scope, and the question again."""
    chat = _at("wechat", *_WANTING)
    assert chat.awaiting == "desired_jobs"
    replies = chat.say("县城")
    assert "desired_jobs" not in chat.answers, chat.answers
    assert any("本县" in reply for reply in replies), replies
    assert chat.awaiting == "desired_jobs"


def test_workplaces_wished_answered_late_at_the_skills_are_the_work_wanted() -> None:
    """"超市 饭店都行" at the skills question (the work wanted, answered just before) was saved as the skills: added to
    the work wanted, and the skills asked again."""
    chat = _at("wechat", *_WANTING, "做饭")
    assert chat.awaiting == "skills"
    chat.say("超市 饭店都行")
    assert "skills" not in chat.answers, chat.answers
    assert "超市" in chat.answers["desired_jobs"] and "饭店" in chat.answers["desired_jobs"], chat.answers
    assert chat.awaiting == "skills"


def test_what_the_household_number_is_is_answered() -> None:
    """"这个户号是啥" at the household number was passed to a caseworker: what the number is and where it is
    written, then the question again."""
    chat = _at("wechat", *_IDENTITY)
    replies = chat.say("这个户号是啥")
    assert any("扶贫手册" in reply for reply in replies), replies
    assert not chat.kinds("question_referred"), replies
    assert chat.awaiting == "household_id"
