"""First contact and the survey as people type, talk17 (2026-12-07): the leftovers of the play-tests (a place
before the employer, the home said back whole, the home's township before the village, a skill among the work
wanted, several numbers at the scope, a day's pay as a range, partial insurance, a gang boss) and what playing
laborers showed (tests/survey/driver.py; each test failed on the code before its fix unless called a guard)."""

from __future__ import annotations

import pytest

from tests.survey.driver import Chat
from tests.survey.test_talking_as_people_type import ID, consented

HOME = ("彭小军", ID, "13712345678", "不知道")


def _at(field: str, *answers: str, channel: str = "wechat") -> Chat:
    chat = consented(channel)
    chat.jobs = []
    for text in answers:
        chat.say(text)
    assert chat.awaiting == field, chat.awaiting
    return chat


def _at_employer() -> Chat:
    return _at("employer", *HOME, "威宁石门乡", "新华村", "在东莞打工", "不知道")


@pytest.mark.parametrize("text", ["长安镇那边 宏达电子厂", "宏达电子厂 在长安镇"])
def test_a_township_before_the_employer_makes_the_place_of_work_exact(text: str) -> None:
    """"长安镇那边 宏达电子厂" at the employer question kept the employer and lost 长安镇."""
    chat = _at_employer()
    replies = chat.say(text)
    assert chat.answers["work_division"]["code"] == "441900119" and chat.answers["employer"] == "宏达电子厂"
    assert replies[0] == "好的, 已记下: 工作地: 广东省东莞市长安镇; 工作单位: 宏达电子厂。"
    assert chat.awaiting == "employer_contact"


def test_a_district_before_the_employer_too() -> None:
    chat = _at("employer", *HOME, "威宁石门乡", "新华村", "在贵阳打工", "不知道")
    chat.say("花溪那边 宏达电子厂")
    assert chat.answers["work_division"]["code"] == "520111" and chat.answers["employer"] == "宏达电子厂"


@pytest.mark.parametrize("text", ["宏达电子厂", "东莞宏达电子厂"])
def test_an_employer_alone_leaves_the_place_of_work(text: str) -> None:
    """A guard: no township said, the place of work as it was (东莞 is the city on record)."""
    chat = _at_employer()
    chat.say(text)
    assert chat.answers["work_division"]["code"] == "4419" and chat.answers["employer"] == "宏达电子厂"


@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_the_home_and_its_village_are_said_back_whole(channel: str) -> None:
    """"威宁盐仓镇海边村" at the home question said back only "村(组): 海边村"."""
    chat = _at("home_division", *HOME[:2], "13712345678" if channel == "wechat" else "1", "不知道", channel=channel)
    replies = chat.say("威宁盐仓镇海边村")
    assert chat.answers["home_division"]["code"] == "520526115" and chat.answers["home_village"] == "海边村"
    assert replies[0] == "好的, 已记下: 户籍地: 贵州省毕节市威宁彝族回族苗族自治县盐仓镇; 村(组): 海边村。"


@pytest.mark.parametrize(("text", "village"), [
    ("石门 年丰村", "年丰村"), ("石门年丰村", "年丰村"),  # (kept whole: 石门 年丰村)
    ("石门乡 年丰村", "年丰村"), ("石门坎村", "石门坎村"),  # (guards)
])
def test_the_home_township_said_before_the_village_is_not_part_of_it(text: str, village: str) -> None:
    chat = _at("home_village", *HOME, "威宁石门乡")
    chat.say(text)
    assert chat.answers["home_village"] == village and chat.answers["home_division"]["code"] == "520526210"


@pytest.mark.parametrize("text", ["石门乡 年丰村", "石门 年丰村", "年丰村"])
def test_the_home_said_again_with_another_village_changes_the_village(text: str) -> None:
    """石门乡 年丰村 at the status question, 新华村 on record, was "请回复数字 1、2 或 3" and the village lost."""
    chat = _at("employment_status", *HOME, "威宁石门乡", "新华村")
    replies = chat.say(text)
    assert chat.answers["home_village"] == "年丰村" and chat.awaiting == "employment_status"
    assert replies[0] == "好的, 已改为 村(组): 年丰村。" and replies[1].startswith("您现在的就业情况?")


def _looking_at(field: str, channel: str = "wechat") -> Chat:
    phone = "13712345678" if channel == "wechat" else "1"
    answers = [*HOME[:2], phone, "不知道", "威宁石门乡", "新华村", "没活干", "想", "1", "1", "保安", "没有"]
    chat = consented(channel)
    chat.jobs = []
    for text in answers:
        if chat.awaiting == field:
            break
        chat.say(text)
    assert chat.awaiting == field, chat.awaiting
    return chat


@pytest.mark.parametrize(("text", "wanted"), [
    ("工地上的活都行 会开挖机", "开挖机、工地"), ("进厂也行 会开叉车", "开叉车、进厂"),
])
def test_a_trade_beside_a_workplace_wished_is_the_work_wanted(text: str, wanted: str) -> None:
    """"工地上的活都行 会开挖机" recorded the work wanted as 工地上的活都行 (the excavator only a skill) and said back
    the skill alone."""
    chat = _looking_at("desired_jobs")
    replies = chat.say(text)
    assert chat.answers["desired_jobs"] == wanted
    assert replies[0].startswith(f"好的, 已记下: 意向工作: {wanted}; 技能: ")


def test_a_named_job_beside_a_skill_stays_the_work_wanted() -> None:
    """A guard: 想开车 也会电焊 wants driving; the welding is a skill only."""
    chat = _looking_at("desired_jobs")
    chat.say("想开车 也会电焊")
    assert chat.answers["desired_jobs"] == "司机" and chat.answers["skills"] == "电焊"


@pytest.mark.parametrize(("text", "scope", "shown"), [
    ("1 2", "home_province", "本省"), ("1、2", "home_province", "本省"), ("1和2", "home_province", "本省"),
    ("12", "home_province", "本省"), ("1 3", "anywhere", "都可以"),
])
@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_several_numbers_at_the_scope_are_the_wider_as_words_are(text: str, scope: str, shown: str,
                                                                 channel: str) -> None:
    """"1 2" at 您想在哪里工作? took 1 (本县) and left 2 unread; "12" was taken for the help wanted asked before. Two
    areas said in words (县里市里都行) are the wider, said back: so are two numbers."""
    chat = _looking_at("preferred_scope", channel)
    replies = chat.say(text)
    assert chat.answers["preferred_scope"] == scope and chat.answers["service_needs"] == ["job_referral"]
    assert replies[0] == f"好的, 已记下: 意向就业地: {shown}。" and chat.awaiting == "desired_jobs"


def test_one_number_at_the_scope_is_that_one() -> None:
    """A guard."""
    chat = _looking_at("preferred_scope")
    chat.say("2")
    assert chat.answers["preferred_scope"] == "home_province"


def test_a_days_pay_said_as_a_range_is_said_back_as_a_range() -> None:
    """"一天两三百" at the pay wished asked "一天200元, 一个月大概干多少天?" and kept 4000 silently."""
    chat = _looking_at("expected_income")
    assert chat.say("一天两三百") == ["一天200到300元, 一个月大概干多少天?"]
    replies = chat.say("二十来天")
    assert chat.answers["expected_income"] == 4000  # the low end: one sum a month, the least they would take
    assert replies[0] == "好的, 一天200到300元, 干20天, 每月4000到6000元, 表上记为每月4000元 (按少的算)。"


def test_a_days_pay_range_with_its_days() -> None:
    chat = _looking_at("expected_income")
    replies = chat.say("一天两三百 一个月干二十天")
    assert chat.answers["expected_income"] == 4000 and replies[0].startswith("好的, 一天200到300元, 干20天")


def test_a_days_pay_range_in_digits_is_no_months_pay() -> None:
    """"一天200到300" at the pay was recorded as 300 yuan a month."""
    chat = consented()
    from tests.survey.test_talking_as_people_type import employed_at

    employed_at(chat, "monthly_income")
    assert chat.say("一天200到300") == ["一天200到300元, 一个月大概干多少天?"]
    chat.say("25天")
    assert chat.answers["monthly_income"] == 5000


def test_a_days_pay_alone_is_asked_as_before() -> None:
    """A guard."""
    chat = _looking_at("expected_income")
    assert chat.say("一天200") == ["一天200元, 一个月大概干多少天?"]


def _at_insurance(channel: str = "wechat") -> Chat:
    phone = "13712345678" if channel == "wechat" else "1"
    return _at("social_insurance", *HOME[:2], phone, "不知道", "威宁石门乡", "新华村", "在东莞打工", "长安",
               "宏达电子厂", "不知道", "普工", "去年三月", "五千", "1", "签了", channel=channel)


@pytest.mark.parametrize(("text", "said"), [
    ("交了 好像只交了医保 养老没交", "好的, 只交了医保, 养老保险没交, 社保没交齐, 缴纳社保记为「否」。"),
    ("养老没交 医保交了", "好的, 只交了医保, 养老保险没交, 社保没交齐, 缴纳社保记为「否」。"),
    ("只交了医保", "好的, 只交了医保, 社保没交齐, 缴纳社保记为「否」。"),
])
def test_insurance_paid_in_part_is_not_paid_and_said_plainly(text: str, said: str) -> None:
    """"交了 好像只交了医保 养老没交" asked "缴纳社保: 记为「是」, 对吗?"."""
    chat = _at_insurance()
    replies = chat.say(text)
    assert chat.answers["social_insurance"] == "no" and chat.awaiting == "wages_on_time"
    assert replies[0] == said


@pytest.mark.parametrize(("text", "value"), [("交了五险", "yes"), ("医保养老都交了", "yes"), ("交了新农合", "no")])
def test_insurance_paid_in_full_or_a_residents_insurance_read_as_before(text: str, value: str) -> None:
    """A guard."""
    chat = _at_insurance()
    chat.say(text)
    assert chat.answers["social_insurance"] == value


@pytest.mark.parametrize(("work", "form", "shown"), [("在东莞打工", "migrant", "外出务工"),
                                                     ("在县城打工", "flexible", "灵活就业/居家就业")])
@pytest.mark.parametrize("text", ["包工头带着干", "跟着工头干的"])
def test_working_under_a_gang_boss_is_offered_as_its_way_of_working(text: str, work: str, form: str,
                                                                  shown: str) -> None:
    """"包工头带着干" at the way of working was "请回复数字 1 到 5": the way of working it is, offered to confirm by 1
    (外出务工 away from the home county, as 包工头 alone was: tests/survey/test_lead_playtest15.py; 灵活就业 near
    home)."""
    chat = _at("employment_form", *HOME, "威宁石门乡", "新华村", work, "不知道", "张老板", "不知道", "小工", "去年三月",
               "五千")
    assert chat.say(text) == [f"就业形式: 记为「{shown}」, 对吗? 对请回复 1, 不对请回复 2。"]
    chat.say("1")
    assert chat.answers["employment_form"] == form and chat.awaiting == "contract_signed"


def test_a_gang_boss_offer_declined_shows_the_options() -> None:
    chat = _at("employment_form", *HOME, "威宁石门乡", "新华村", "在东莞打工", "不知道", "张老板", "不知道", "小工",
               "去年三月", "五千")
    chat.say("包工头带着干")
    replies = chat.say("2")
    assert "employment_form" not in chat.answers and chat.awaiting == "employment_form"
    assert replies[-1].startswith("您是哪种就业方式?")


def _first_sms(text: str) -> tuple[Chat, list[str]]:
    chat = Chat(channel="sms", address="+8613912345678")
    return chat, chat.say(text)


NOTICE_SMS = "登记就业需您的姓名、身份证和手机号, 仅工作人员可见, 加密保存(2026-11)。同意吗? 1同意 2不同意"


@pytest.mark.parametrize(("text", "answer"), [("你们是干啥的", "我们是县人社部门的就业帮扶服务"),
                                              ("要钱不", "我们的服务免费")])
def test_a_question_about_us_as_the_first_sms_gets_the_notice_after_its_answer(text: str, answer: str) -> None:
    """你们是干啥的 or 要钱不 as a first SMS got its answer alone; 中 after it was "好的, 知道了", and the name typed
    next "没太明白" and the menu."""
    chat, replies = _first_sms(text)
    assert replies[0].startswith(answer) and replies[1] == NOTICE_SMS and chat.awaiting == "consent"
    chat.say("中")
    assert chat.awaiting == "name"


def test_what_registering_is_for_as_the_first_sms() -> None:
    """填这个有啥用 as a first SMS got the greeting, the commands and the menu."""
    _chat, replies = _first_sms("填这个有啥用")
    assert replies[0].startswith("登记后给您推荐工作和培训") and replies[1] == NOTICE_SMS


def test_what_registering_is_for_at_the_notice() -> None:
    """填这个有啥用 at the WeChat notice got the greeting and "请回复 1 同意"."""
    chat = Chat()
    chat.event("subscribe")
    replies = chat.say("填这个有啥用")
    assert replies[0].startswith("登记以后, 我们按您的情况推荐工作和培训") and chat.awaiting == "consent"


def test_a_name_as_the_first_sms_is_held_for_the_form() -> None:
    """俺叫王大山 as a first SMS was "没太明白" and the menu."""
    chat, replies = _first_sms("俺叫王大山")
    assert replies[-1] == NOTICE_SMS and chat.awaiting == "consent"
    chat.say("1")
    assert chat.answers["name"] == "王大山" and chat.awaiting == "id_number"


def test_a_question_about_us_during_a_question_asks_it_again() -> None:
    """A guard: with a question open, 你们是干啥的 is answered and that question asked again (no notice)."""
    chat = _at("id_number", "彭小军")
    replies = chat.say("你们是干啥的")
    assert chat.awaiting == "id_number" and replies[-1] == "请输入您的18位身份证号码。"


@pytest.mark.parametrize("text", ["一天三百五 干满了二十六天", "一天三百五 干够了二十六天"])
def test_the_days_worked_said_as_a_full_month_of_days(text: str) -> None:
    """"一天三百五 干满了二十六天" at the pay asked "一天350元, 一个月大概干多少天?" (干满了 hid the days)."""
    chat = consented("sms")
    from tests.survey.test_talking_as_people_type import employed_at

    employed_at(chat, "monthly_income")
    chat.say(text)
    assert chat.answers["monthly_income"] == 9100 and chat.awaiting == "employment_form"


@pytest.mark.parametrize("text", ["没啥手艺", "没啥技术"])
def test_no_skill_said_ahead_is_no_wish_to_learn(text: str) -> None:
    """"没啥手艺" at the ID question was "好的, 您想学的记下了, 登记完就按这个给您找培训" (read as a trade to learn)."""
    chat = _at("id_number", "彭小军")
    replies = chat.say(text)
    assert not any("想学" in reply for reply in replies) and not (chat.state or {})["survey"].get("learn")
    assert chat.awaiting == "id_number" and replies[-1] == "请输入您的18位身份证号码。"


def test_a_trade_to_learn_said_ahead_is_still_kept() -> None:
    """A guard: 想学电焊 at the ID question is kept for the list once the form is done."""
    chat = _at("id_number", "彭小军")
    replies = chat.say("想学电焊")
    assert replies[0] == "好的, 您想学的记下了, 登记完就按这个给您找培训。"


@pytest.mark.parametrize("text", ["身份证没带", "没带身份证 能登记不"])
def test_no_id_card_at_hand_at_the_notice_is_told_it_can_come_later(text: str) -> None:
    """"身份证没带" at the privacy notice got "请回复 1 同意, 或 2 不同意" alone."""
    chat = Chat()
    chat.event("subscribe")
    replies = chat.say(text)
    assert replies[0] == "没关系, 身份证号可以晚点再发, 同意后先填别的。" and chat.awaiting == "consent"
