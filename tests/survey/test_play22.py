"""play22 (2026-12-07): a season on WeChat as a man of 24 from 毕节 who sorts parcels in 义乌 and types by voice
input: run-on messages with fillers (那个 就是 然后 嗯), pauses as commas, stickers ([捂脸]) (tests/survey/driver.py;
each test failed on the code before its fix unless called a guard)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.fakes.identity import make_id
from tests.survey.driver import Chat
from tests.survey.test_lead_playtest5 import _fire
from tests.survey.test_talking_as_people_type import consented

ZHANG_ID = make_id("520502", date(2002, 6, 18), 135)
# What he answers, by the question open, up to the summary (the job he has when he first writes).
_SAYS = {"name": "张伟", "id_number": ZHANG_ID, "phone": "13712345678", "household_id": "不知道",
         "home_division": "七星关区海子街镇红旗村", "employment_status": "在义乌做快递分拣", "work_place": "不知道",
         "employer": "中通", "employer_contact": "不知道", "started": "去年十月", "monthly_income": "五六千",
         "employment_form": "1", "contract_signed": "签了", "social_insurance": "交了", "wages_on_time": "按时"}


def _zhang_at(field: str | None) -> Chat:
    """His chat with the question `field` open (None: the form saved)."""
    chat = consented()
    chat.jobs = []
    for _ in range(30):
        if chat.awaiting == field:
            return chat
        chat.say("0" if chat.awaiting == "summary" else _SAYS[str(chat.awaiting)])
    raise AssertionError(chat.awaiting)


# -- 1. the fillers voice input glues to his name ----------

@pytest.mark.parametrize("text", ["我叫那个张伟", "我叫那个张伟 嗯", "我叫张伟嗯", "嗯，我叫张伟啊。", "就是张伟",
                                  "那个我叫张伟", "我叫那个 张伟", "张伟吧"])
def test_the_fillers_glued_to_his_name_are_not_his_name(text: str) -> None:
    """"我叫那个张伟" at "请问您的姓名?" saved the name 那个张伟 ("我叫张伟嗯" 张伟嗯, "就是张伟" 就是张伟;
    "那个我叫张伟" the whole message): the roster's 张伟 never matched. Now 张伟."""
    chat = consented()
    chat.say(text)
    assert chat.answers["name"] == "张伟" and chat.awaiting == "id_number"


@pytest.mark.parametrize(("text", "name"), [("我叫那英", "那英"), ("我叫吴哈", "吴哈"), ("哈斯", "哈斯"),
                                            ("张伟 嗯嗯[OK]", "张伟")])
def test_names_that_look_like_fillers_are_kept(text: str, name: str) -> None:
    """A guard: 那 and 哈 in a name (那英, 吴哈) are no fillers."""
    chat = consented()
    chat.say(text)
    assert chat.answers["name"] == name


def test_a_filler_alone_is_no_name() -> None:
    """"那个" alone (said while thinking) at the name question was saved as the name 那个: asked again."""
    chat = consented()
    chat.say("那个")
    assert "name" not in chat.answers and chat.awaiting == "name"


# -- 2. the days of a day rate told at the address or the employer ----------

@pytest.mark.parametrize("text", ["一天150 一个月干二十五天", "一天150，一个月，干个二十五天吧。",
                                  "一天150 一个月 干个 二十五天吧"])
def test_a_day_rate_and_its_days_at_the_address_are_the_pay_not_the_address(text: str) -> None:
    """"一天150 一个月干二十五天" at "具体的工作地址或工地?" kept 一个月干二十五天 as the address (by voice, with its
    pauses, the pay was lost too): the pay 3750, no address."""
    chat = _zhang_at("work_place")
    chat.say(text)
    assert chat.answers["monthly_income"] == 3750 and chat.answers.get("work_place") is None
    assert chat.awaiting == "employer"


def test_the_days_of_a_day_rate_told_at_the_employer_are_the_pay() -> None:
    """Changing to a day-paid job at the check-in ("换了 现在在 电商仓库 打包 日结的 一天一百五"), then "一个月 干个
    二十五天吧" at "您在哪个单位或老板那里干?": saved as the employer. Now the pay (3750), the employer asked again."""
    chat = _zhang_at(None)
    chat.later(days=14)
    _fire(chat, "checkin", 1, employer="中通", work_place="义乌")
    chat.say("嗯 换了 现在在 电商仓库 打包 日结的 一天一百五")
    for text in ["义乌", "不知道"]:
        chat.say(text)
    assert chat.awaiting == "employer"
    replies = chat.say("一个月 干个 二十五天吧")
    assert chat.answers["monthly_income"] == 3750 and "employer" not in chat.answers
    assert "3750" in replies[0] and chat.awaiting == "employer"


def test_an_address_told_with_a_day_rate_and_its_days_is_the_address_alone() -> None:
    """"长安镇 一天150 干二十五天" at the address kept "长安镇   干二十五天": now 长安镇, and the pay."""
    chat = _zhang_at("work_place")
    chat.say("长安镇 一天150 干二十五天")
    assert chat.answers["work_place"] == "长安镇" and chat.answers["monthly_income"] == 3750


def test_an_address_told_with_the_pay_is_still_the_address() -> None:
    """A guard: the address said beside a day rate alone is kept (the days are asked at the pay)."""
    chat = _zhang_at("work_place")
    chat.say("就在砖厂里 一天一百五")
    assert chat.answers["work_place"] == "砖厂里"


# -- 3. his job lost, told by voice in many short parts ----------

@pytest.mark.parametrize("text", ["那个 我不干了 快递那边 辞职了 然后 现在 在家 想找个 近点的活[捂脸]",
                                  "那个，我不干了，工地那边，辞职了，现在，在家，想找个，近点的活。"])
def test_his_own_job_lost_in_many_short_parts_is_his(text: str) -> None:
    """"那个 我不干了 快递那边 辞职了 然后 现在 在家 想找个 近点的活[捂脸]" after the form was saved got "您家里人
    要找工作或登记, 可以让他们关注我们…": seven parts were read as a pasted page, the loss as nobody's. Now the
    registration."""
    chat = _zhang_at(None)
    chat.later(days=60)
    chat.say(text)
    assert chat.state is not None and chat.state["flow"] == "registration"
    assert chat.awaiting == "last_work_day"


def test_a_relatives_job_lost_in_short_parts_is_still_theirs() -> None:
    """A guard: 我老婆 那边 … 辞职了 is his wife's news, not his."""
    chat = _zhang_at(None)
    chat.later(days=60)
    replies = chat.say("我老婆 那边 厂里 辞职了 现在 在家 想找个 近点的活")
    assert chat.state is not None and chat.state["flow"] != "registration" and "家里人" in replies[0]


# -- 4. quitting promised no benefits ----------

@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_quitting_opens_the_registration_without_promising_benefits(channel: str) -> None:
    """"我不干了 快递那边 辞职了", insured by the employer on the form, opened with "失业保险金从登记那天起算, 早登记
    不吃亏" and ended "自己辞职的一般领不了失业保险金": now the opening says what registering brings him."""
    chat = _zhang_at(None)
    chat.channel = channel
    chat.later(days=60)
    replies = chat.say("那个 我不干了 快递那边 辞职了")
    assert chat.awaiting == "last_work_day" and "保险金" not in replies[0] and "免费找工作" in replies[0]


def test_a_factory_closed_still_hears_that_benefits_count_from_registration() -> None:
    """A guard: a job lost not by his choice, insured, still opens with the benefits counting from the day."""
    chat = _zhang_at(None)
    chat.later(days=60)
    replies = chat.say("那个 快递那边 倒闭了")
    assert chat.awaiting == "last_work_day" and "保险金从登记那天起算" in replies[0]


# -- 5. the work he wants: 电商直播 beside 叉车 ----------

def _looking_at(field: str) -> Chat:
    """His chat, out of work, with the question `field` open."""
    chat = consented()
    for text in ["张伟", ZHANG_ID, "13712345678", "不知道", "七星关区海子街镇红旗村", "没工作", "想", "1", "本县"]:
        if chat.awaiting == field:
            break
        chat.say(text)
    assert chat.awaiting == field
    return chat


@pytest.mark.parametrize(("text", "wished"), [("叉车 电商直播 都行", "叉车、电商直播"),
                                              ("电商直播 或者 叉车", "电商直播、叉车")])
def test_live_selling_beside_a_forklift_is_wished_too(text: str, wished: str) -> None:
    """"叉车 电商直播 都行" at "想做什么工作?" recorded 叉车 alone: 电商直播 was lost (no job type knew it)."""
    chat = _looking_at("desired_jobs")
    chat.say(text)
    assert chat.answers["desired_jobs"] == wished


# -- 6. the brand's own sorting centre ----------

@pytest.mark.parametrize("text", ["中通的 那个分拣中心", "中通快递的分拣中心", "中通 分拣中心"])
def test_a_brands_sorting_centre_is_the_brand(text: str) -> None:
    """"中通的 那个分拣中心" at "您在哪个单位或老板那里干?" recorded the employer 分拣中心: 中通 was lost."""
    chat = _zhang_at("employer")
    chat.say(text)
    assert chat.answers["employer"] == "中通"


@pytest.mark.parametrize(("text", "employer"), [("中通分拣中心", "中通分拣中心"), ("京东物流中心", "京东物流中心"),
                                                ("分拣中心", "分拣中心")])
def test_a_sorting_centre_named_as_one_word_is_kept_whole(text: str, employer: str) -> None:
    """A guard: the brand and its workplace said as one name stay one name; a centre alone stays itself."""
    chat = _zhang_at("employer")
    chat.say(text)
    assert chat.answers["employer"] == employer


# -- 7. a filler before the address ----------

def test_a_filler_before_the_address_is_no_part_of_it() -> None:
    """"就是在那个 义乌的 北苑那边 一个 物流园" at "具体的工作地址或工地?" kept "那个 义乌的 北苑那边 一个 物流园"."""
    chat = _zhang_at("work_place")
    chat.say("就是在那个 义乌的 北苑那边 一个 物流园")
    assert str(chat.answers["work_place"]).startswith("义乌的 北苑那边")
