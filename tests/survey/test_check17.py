"""check17 (2026-12-07): check-ins, job loss and the registration as people type — the injury asked after at the
next check-in, medical costs refused read as the injury report, expecting at work, plans for after the Spring
Festival, English answers (tests/survey/driver.py; each test failed on the code before its fix unless called a
guard)."""

from __future__ import annotations

import pytest

from tests.survey.driver import Chat
from tests.survey.test_lead_playtest5 import _fire
from tests.survey.test_lead_playtest7 import _at_employer
from tests.survey.test_lead_playtest8 import _at_checkin, _at_weekly


def _answers(chat: Chat) -> list[str]:
    return [str(e.data.get("answer")) for e in chat.kinds("checkin_answered")]


def _reports(chat: Chat) -> list[str]:
    return [str(e.data.get("issue")) for e in chat.kinds("rights_issue_reported")]


# -- 1. after a work injury told at a check-in, the next check-in asks after the injury ------------------------

def _next_after_injury(kept: str = "1") -> tuple[Chat, list[str]]:
    chat = _at_checkin()
    chat.say("在工地上摔了 腿骨折了")
    chat.say(kept)
    assert _answers(chat) == ["sick_leave"] and _reports(chat) == ["other"]
    chat.later(days=30)
    asked = _fire(chat, "checkin", 2, employer="陈老板", work_place="贵阳", due_date="2027-01-09")
    return chat, asked


def test_the_checkin_after_a_work_injury_asks_after_the_injury_first() -> None:
    """After "在工地上摔了 腿骨折了" (the rights case opened, the job kept), the next 30-day check-in asked
    "您还在贵阳的陈老板那里上班吗?" as if nothing had happened."""
    _, asked = _next_after_injury()
    assert len(asked) == 1 and "受了伤" in asked[0] and "还在贵阳" not in asked[0], asked


def test_healed_and_back_at_work_is_in_post() -> None:
    """A guard (it held before too, at the plain question): healed and back is in post."""
    chat, _ = _next_after_injury()
    chat.say("好了 上个礼拜回去上班了")
    assert _answers(chat)[-1] == "still_employed"
    assert chat.answers["employment_status"] == "employed"


def test_still_off_after_the_injury_asks_whether_wages_and_costs_are_paid() -> None:
    chat, _ = _next_after_injury()
    replies = chat.say("还没好 在家养着")
    assert "医药费" in replies[-1] and chat.awaiting == "checkin", replies
    replies = chat.say("2")
    assert _answers(chat)[-1] == "sick_leave" and _reports(chat) == ["other", "other"], replies
    assert chat.answers["employment_status"] == "employed"


def test_still_off_with_the_costs_refused_said_at_once_is_reported() -> None:
    chat, _ = _next_after_injury()
    chat.say("腿还没好 医药费都是自己垫的 老板不管")
    assert _answers(chat)[-1] == "sick_leave" and _reports(chat) == ["other", "other"]
    assert chat.awaiting is None


def test_the_job_gone_while_healing_is_the_registration() -> None:
    chat, _ = _next_after_injury()
    chat.say("3")
    assert _answers(chat)[-1] == "job_lost" and chat.awaiting == "last_work_day"


# -- 2. medical costs refused in the sick phase are the injury report ------------------------------------------

@pytest.mark.parametrize("said", ["住院了 干不了了", "腿摔断了 在家养着"])
def test_medical_costs_refused_at_the_sick_question_are_a_work_injury_report(said: str) -> None:
    """"医药费自己垫的 包工头不管" at "这份工作还给您留着吗?" (no injury told before) was "没太明白, 请回复数字"."""
    chat = _at_checkin()
    chat.say(said)
    replies = chat.say("医药费自己垫的 包工头不管")
    assert _reports(chat) == ["other"], replies
    assert not any("没太明白" in reply for reply in replies), replies
    assert chat.state is not None and chat.state["checkin"]["misses"] == 0
    chat.say("1")
    assert _answers(chat) == ["sick_leave"]
    chat.later(days=30)
    asked = _fire(chat, "checkin", 2, employer="陈老板", work_place="贵阳", due_date="2027-01-09")
    assert "受了伤" in asked[0], asked
    chat.say("还在养着")
    assert _answers(chat)[-1] == "sick_leave" and chat.awaiting is None  # costs told already: not asked again


# -- 3. expecting at an employed check-in ----------------------------------------------------------------------

def test_expecting_alone_is_congratulated_and_asked_whether_she_still_works() -> None:
    """"我怀孕了" alone at "您还在…上班吗?" was "您安心休养。这份工作还给您留着吗?" (as if ill, the job in doubt)."""
    chat = _at_checkin()
    replies = chat.say("我怀孕了")
    assert replies[0].startswith("恭喜") and "休产假" in replies[-1], replies
    assert not any("安心休养" in reply for reply in replies)
    chat.say("休产假了")
    assert _answers(chat) == ["maternity_leave"] and chat.answers["employment_status"] == "employed"


def test_expecting_and_still_at_work_is_in_post() -> None:
    chat = _at_checkin()
    chat.say("怀孕三个月了")
    chat.say("还在上班")
    assert _answers(chat) == ["still_employed"] and chat.answers["employment_status"] == "employed"


def test_expecting_and_stopped_is_unable_for_now() -> None:
    chat = _at_checkin()
    chat.say("我怀孕了")
    chat.say("3")
    assert chat.state is not None and chat.state["survey"]["answers"]["employment_status"] == "unable"


# -- 4. plans for after the Spring Festival --------------------------------------------------------------------

@pytest.mark.parametrize(("text", "said"), [("过完年去", "过完年出去找活"), ("年后去广东", "过完年去广东省找活"),
                                            ("过完年出去打工", "过完年出去找活")])
def test_a_plan_for_after_the_festival_at_the_weekly_checkin_is_still_looking(text: str, said: str) -> None:
    """"过完年去" / "年后去广东" at "最近找工作有进展吗?" were "没太明白, 请回复数字"; "过完年出去打工" was a job found,
    "开始时间: 2026年3月", and the new job's questions."""
    chat = _at_weekly()
    replies = chat.say(text)
    assert _answers(chat)[-1] == "festival_plan" and said in replies[0], replies
    assert chat.answers["employment_status"] == "unemployed" and chat.awaiting is None


def test_home_with_a_plan_for_after_the_festival_asks_about_the_job_first() -> None:
    """"回老家了 过完年再出去找活" at an employed check-in went straight to the registration: a job left to go home,
    with a plan, asks once whether the job there is kept (as 回老家了 does)."""
    chat = _at_checkin()
    replies = chat.say("回老家了 过完年再出去找活")
    assert chat.awaiting == "checkin" and "还回去干吗" in replies[-1], replies
    assert not chat.kinds("employment_status_changed")
    chat.say("1")
    assert _answers(chat) == ["not_back_yet"]
    assert chat.state is not None and chat.state["checkin"]["festival_named"]


def test_home_with_a_plan_and_not_going_back_is_the_registration() -> None:
    """A guard: not going back, looking for work, after that one question, is the registration."""
    chat = _at_checkin()
    chat.say("回老家了 过完年再出去找活")
    chat.say("2")
    assert _answers(chat) == ["job_lost"] and chat.awaiting == "last_work_day"


def _at_summary() -> Chat:
    chat = _at_employer()
    for text in ["陈老板", "不知道", "今年九月", "6000", "打零工", "没有", "有", "按时"]:
        chat.say(text)
    assert chat.awaiting == "summary"
    return chat


@pytest.mark.parametrize(("text", "ends"), [("干完这个月就不干了", "2026-11-30"),
                                            ("下个月就不干了 回家找活", "2026-12-31")])
def test_a_plan_to_stop_at_the_summary_is_still_in_work(text: str, ends: str) -> None:
    """"干完这个月就不干了" at the survey's summary prepared the registration ("最后上班日记为11月30日 …") and recorded
    the person out of work: it is their plan, in work until then (noted, asked again after it, the summary again)."""
    chat = _at_summary()
    replies = chat.say(text)
    assert f"{int(ends[5:7])}月{int(ends[8:])}日" in replies[0] and "登记" not in replies[0], replies
    assert chat.awaiting == "summary" and chat.answers["employment_status"] == "employed"
    assert [e.data["ends"] for e in chat.kinds("checkin_recheck")] == [ends]
    assert not chat.kinds("employment_status_changed")


def test_a_job_lost_at_the_summary_is_still_the_registration() -> None:
    """A guard: "厂子倒闭了" at the summary still starts the registration."""
    chat = _at_summary()
    chat.say("厂子倒闭了")
    assert chat.awaiting == "last_work_day"


# -- 5. English -------------------------------------------------------------------------------------------------

def _english_checkin() -> Chat:
    chat = _at_checkin()
    chat.jobs = []
    assert chat.state is not None
    chat.state["locale"] = "en"
    return chat


@pytest.mark.parametrize(("text", "answer"), [
    ("I left", "job_lost"), ("not anymore", "job_lost"), ("contract ended", "job_lost"),
    ("the boss ran off", "job_lost"), ("I changed my job", "changed_job"),
    ("working at another factory now", "changed_job"), ("still at the factory", "still_employed"),
])
def test_english_answers_at_the_checkin_are_read(text: str, answer: str) -> None:
    """Each was "Sorry, please reply with a number." at "Are you still working at … ?"."""
    chat = _english_checkin()
    chat.say(text)
    assert _answers(chat) == [answer]


@pytest.mark.parametrize("text", ["I went home", "back home"])
def test_home_in_english_asks_whether_the_job_is_kept(text: str) -> None:
    chat = _english_checkin()
    replies = chat.say(text)
    assert "go back to that job" in replies[-1], replies
    chat.say("not going back, looking for work")
    assert _answers(chat) == ["job_lost"] and chat.awaiting == "last_work_day"


def test_pregnant_in_english_is_congratulated_not_put_on_sick_leave() -> None:
    chat = _english_checkin()
    replies = chat.say("I'm pregnant")
    assert replies[0].startswith("Congratulations") and "maternity leave?" in replies[-1], replies
    chat.say("on maternity leave")
    assert _answers(chat) == ["maternity_leave"]


def test_hurt_at_work_in_english_is_the_injury_report() -> None:
    """"I got hurt at work" was sick leave only: no rights case (its 'at work' was not read)."""
    chat = _english_checkin()
    chat.say("I got hurt at work")
    assert _reports(chat) == ["other"]


@pytest.mark.parametrize(("text", "reason"), [
    ("the factory closed", "employer_closed"), ("laid off", "laid_off"), ("fired", "dismissed"),
    ("boss ran away", "employer_closed"), ("the company went bankrupt", "employer_closed"), ("no work", "laid_off"),
])
def test_the_job_loss_reason_in_english_is_read(text: str, reason: str) -> None:
    """Each was "Please reply with a number: 1Contract ended 2Laid off …" at "Why did the job end?"."""
    chat = _english_checkin()
    chat.say("lost my job")
    chat.say("yesterday")
    assert chat.awaiting == "job_loss_reason"
    chat.say(text)
    assert chat.state is not None and chat.state["registration"]["answers"]["job_loss_reason"] == reason
    assert chat.awaiting in ("insured", "insured_years")


@pytest.mark.parametrize(("text", "reason"), [("the factory closed", "employer_closed"), ("I was laid off", "laid_off"),
                                              ("fired", "dismissed")])
def test_the_reason_told_with_the_news_in_english_is_not_asked(text: str, reason: str) -> None:
    chat = _english_checkin()
    chat.say(text)
    chat.say("yesterday")
    assert chat.state is not None and chat.state["registration"]["answers"]["job_loss_reason"] == reason
    assert chat.awaiting in ("insured", "insured_years")


@pytest.mark.parametrize(("text", "answer"), [("doing odd jobs", "odd_jobs"), ("after the New Year", "festival_plan")])
def test_english_at_the_weekly_checkin(text: str, answer: str) -> None:
    chat = _at_weekly()
    assert chat.state is not None
    chat.state["locale"] = "en"
    chat.say(text)
    assert _answers(chat)[-1] == answer


def test_a_county_with_only_a_chinese_claim_line_still_tells_english_readers_in_english(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A division whose claim_where sets only zh_CN (deployers fill that first) gave English readers the Chinese
    line after the benefit's answer ("Finish registering and claim: 拨打12333, …"); the English of the division above
    it is kept."""
    from bot.casework import policy

    default = {"first_contact_days": 2, "package": {}, "claim_where": {"zh_CN": "拨打12333", "en": "call 12333"}}
    monkeypatch.setattr(policy, "_tables", lambda: (default, {"5205": {"claim_where": {"zh_CN": "用贵州人社App"}}}))
    rules = policy.for_division.__wrapped__("520526")
    assert rules.claim_text("en") == "call 12333" and rules.claim_text("zh_CN") == "用贵州人社App"


# -- 6. a season played (from the December check-in to the spring after the festival) ---------------------------

def test_still_the_same_at_the_recheck_of_work_held_is_still_held() -> None:
    """"还是那样 一个月干十几天" at the check-in a week after "活少了" was "没太明白, 请回复数字": still so, the
    caseworker is alerted (as for work paused twice)."""
    chat = _at_checkin()
    chat.say("在呢 就是最近活少了点")
    [recheck] = chat.kinds("checkin_recheck")
    chat.later(days=7)
    _fire(chat, "checkin", 2, employer="陈老板", work_place="贵阳", due_date="2026-12-17",
          recheck=recheck.data["recheck"])
    chat.say("还是那样 一个月干十几天")
    assert _answers(chat) == ["on_hold", "on_hold"]
    assert [e.data["reason"] for e in chat.kinds("human_requested")] == ["checkin_on_hold"]


def test_a_foot_crushed_at_the_site_is_a_work_injury() -> None:
    """"在工地上把脚砸了 在家养着" was sick leave only: no injury passed on (把脚砸了 was not read as hurt)."""
    chat = _at_checkin()
    chat.say("在工地上把脚砸了 在家养着")
    assert _reports(chat) == ["other"]


@pytest.mark.parametrize(("text", "says"), [("好了 过完年回去", "好年"), ("好了 下礼拜回去", "过几天再问问您")])
def test_healed_and_going_back_on_a_day_to_come_is_not_back_yet(text: str, says: str) -> None:
    """"好了 过完年回去" at the question after the injury: healed, not back yet (not "在岗" and the wages question);
    a day before the festival is asked again in a week, not wished a good New Year."""
    chat, _ = _next_after_injury()
    replies = chat.say(text)
    assert _answers(chat)[-1] == "not_back_yet" and chat.awaiting is None
    assert says in replies[0], replies


def test_on_maternity_leave_at_the_checkin_keeps_the_job() -> None:
    """"休产假了 单位给交了生育保险" at "您还在…上班吗?" was "没太明白, 请回复数字"."""
    chat = _at_checkin()
    replies = chat.say("休产假了 单位给交了生育保险")
    assert _answers(chat) == ["maternity_leave"] and "产假" in replies[0], replies
    assert chat.answers["employment_status"] == "employed"


@pytest.mark.parametrize(("text", "answer"), [("在家 等过完年再说", "not_looking"),
                                              ("年后去浙江 老乡带我去", "festival_plan")])
def test_the_weekly_checkin_before_the_festival_reads_plans_said_with_more(text: str, answer: str) -> None:
    """Both were "没太明白, 请回复数字" (等过完年再说 and 年后去浙江 alone were read)."""
    chat = _at_weekly()
    chat.say(text)
    assert _answers(chat)[-1] == answer


@pytest.mark.parametrize(("text", "answer"), [("差不多了", "costs"), ("腿还肿着", "costs"), ("好一点了", "costs"),
                                              ("老板不让我回去了", "job_lost")])
def test_how_the_injury_is_said_at_the_question_after_it(text: str, answer: str) -> None:
    """Words the first play of the question after an injury missed: 差不多了 / 腿还肿着 / 好一点了 were "没太明白";
    "老板不让我回去了" was read as back at work (the wages question)."""
    chat, _ = _next_after_injury()
    chat.say(text)
    assert chat.state is not None
    if answer == "costs":
        assert chat.state["checkin"]["phase"] == "costs" and chat.awaiting == "checkin"
    else:
        assert _answers(chat)[-1] == answer and chat.awaiting == "last_work_day"


@pytest.mark.parametrize("text", ["老板给了一点", "说等好了一起算", "一分没给", "the boss paid a bit"])
def test_wages_and_costs_paid_in_part_or_put_off_are_reported(text: str) -> None:
    """"老板给了一点" was read as paid; "说等好了一起算" was "没太明白"."""
    chat, _ = _next_after_injury()
    chat.say("还在养着")
    chat.say(text)
    assert _reports(chat) == ["other", "other"] and _answers(chat)[-1] == "sick_leave"


def test_expecting_and_leave_to_come_is_still_at_work() -> None:
    """"还没 下个月开始休" at "您现在还在上班, 还是休产假了?" was "没太明白"."""
    chat = _at_checkin()
    chat.say("我怀孕了")
    chat.say("还没 下个月开始休")
    assert _answers(chat) == ["still_employed"]


# -- a season in English ------------------------------------------------------------------------------------------

def test_the_english_checkin_names_the_boss_without_chinese_grammar() -> None:
    """"Are you still working at 陈老板那里 in 贵阳?": 那里 ("over at") is the Chinese sentence's, not a name."""
    chat = _english_checkin()
    chat.later(days=30)
    asked = _fire(chat, "checkin", 2, employer="陈老板", work_place="贵阳", due_date="2027-01-09")
    assert "at 陈老板 in 贵阳" in asked[0], asked


def test_work_held_in_english_and_still_so_at_its_recheck() -> None:
    """"less work lately, only 10 days a month" and, a week on, "still the same" were "please reply with a number"."""
    chat = _english_checkin()
    chat.say("less work lately, only 10 days a month")
    assert _answers(chat) == ["on_hold"]
    [recheck] = chat.kinds("checkin_recheck")
    chat.later(days=7)
    _fire(chat, "checkin", 2, employer="陈老板", work_place="贵阳", due_date="2026-12-17",
          recheck=recheck.data["recheck"])
    chat.say("still the same")
    assert _answers(chat) == ["on_hold", "on_hold"] and chat.kinds("human_requested")


@pytest.mark.parametrize(("text", "answer"), [("not back yet, after the lantern festival", "not_back_yet"),
                                              ("I'm back", "still_employed")])
def test_the_spring_return_in_english(text: str, answer: str) -> None:
    """"not back yet, after the lantern festival" was "please reply with a number" ("I'm back" was read before: a
    guard)."""
    chat = _english_checkin()
    chat.say("1")
    chat.say("1")
    chat.later(days=60)
    _fire(chat, "spring_return", 2, employer="陈老板", work_place="贵阳", due_date="2027-02-15", season="spring")
    chat.say(text)
    assert _answers(chat)[-1] == answer


def test_wages_owed_in_english_at_the_checkin_are_in_post_and_reported() -> None:
    chat = _english_checkin()
    replies = chat.say("the boss hasn't paid me for two months")
    assert _answers(chat) == ["still_employed"] and _reports(chat) == ["wage_arrears"], replies


def test_a_job_lost_told_in_english_with_no_dialog_open_is_the_registration() -> None:
    """"the factory closed" from an English reader whose form is saved (no check-in open) was "Sorry, I didn't quite
    understand" and the menu: the news of a job lost, its reason kept, as in the survey."""
    from tests.survey.test_lead_playtest16 import _at_work_after_checkin

    chat = _at_work_after_checkin()
    assert chat.state is not None
    chat.state["locale"] = "en"
    chat.say("the factory closed")
    assert chat.awaiting == "last_work_day"
    chat.say("yesterday")
    assert chat.state["registration"]["answers"]["job_loss_reason"] == "employer_closed"


def test_expecting_at_the_checkin_of_someone_at_home_is_congratulated() -> None:
    """"我怀孕了" at "最近身体和家里情况怎么样, 现在能工作了吗?" (caring at home) was "没太明白, 请回复数字"."""
    from tests.survey.test_lead_playtest8 import _at_unable_checkin

    chat = _at_unable_checkin()
    replies = chat.say("我怀孕了")
    assert replies[0].startswith("恭喜") and _answers(chat) == ["not_yet"] and chat.awaiting is None, replies


def test_the_claim_line_after_an_english_registration_is_english() -> None:
    """After an English registration the pure flows said "Finish registering and claim: 拨打12333, 或用本省人社App…"
    (the test driver answered the registration effect in Chinese whatever the locale; the service answers in the
    reader's locale, bot/casework/effects.py)."""
    chat = _english_checkin()
    for text in ["lost my job", "end of last month", "2", "yes, 3 years"]:
        chat.say(text)
    replies = chat.say("1")
    claim = [reply for reply in replies if "claim" in reply]
    assert claim and "call 12333" in claim[0] and "拨打" not in claim[0], replies


def test_home_for_the_new_year_in_english_is_the_holiday() -> None:
    """"I went home for the New Year" in December was "please reply with a number" (回家过年了 is the holiday)."""
    chat = _english_checkin()
    chat.later(days=30)
    _fire(chat, "checkin", 2, employer="陈老板", work_place="贵阳", due_date="2027-01-09")
    replies = chat.say("I went home for the New Year")
    assert _answers(chat) == ["not_back_yet"] and "New Year" in replies[0], replies


@pytest.mark.parametrize(("text", "answered"), [("医药费自己垫的 包工头不管", False),
                                                ("腿还没好 医药费都是自己垫的 包工头不管", True)])
def test_medical_costs_refused_at_the_checkin_of_someone_off_work_are_reported(text: str, answered: bool) -> None:
    """At "最近身体和家里情况怎么样, 现在能工作了吗?" (recorded unable to work), "医药费自己垫的 包工头不管" was
    "没太明白", and with "腿还没好" nothing was passed on: the injury's rights case, then the question if unanswered."""
    from tests.survey.test_lead_playtest8 import _at_unable_checkin

    chat = _at_unable_checkin()
    chat.say(text)
    assert _reports(chat) == ["other"]
    assert (chat.awaiting is None) == answered and (_answers(chat) == ["not_yet"]) == answered


def test_a_site_whose_name_is_forgotten_is_not_named_at_the_checkin() -> None:
    """"您还在一个工地的中建上班吗?": the work address 一个工地 (its name forgotten) said back as a place."""
    chat = _at_checkin()
    chat.later(days=30)
    asked = _fire(chat, "checkin", 2, employer="中建", work_place="一个工地", due_date="2027-01-09")
    assert asked[0].startswith("您好! 您还在中建上班吗?"), asked


def test_the_site_finishing_soon_is_not_told_work_is_hard_when_it_stops() -> None:
    """"工地快干完了 下个月不知道去哪" was answered "停工、活少的时候不好过" (work paused): the work ends soon, said
    so."""
    chat = _at_checkin()
    replies = chat.say("工地快干完了 下个月不知道去哪")
    assert _answers(chat) == ["on_hold"] and "快干完了" in replies[0] and "不好过" not in replies[0], replies


@pytest.mark.parametrize("text", ["孩子要上学 过完年不出来了", "过年回家 年后换个地方"])
def test_leaving_or_changing_after_the_festival_is_in_post_until_then(text: str) -> None:
    """In December, "孩子要上学 过完年不出来了" was "没太明白"; "过年回家 年后换个地方" was a job changed, "开始时间:
    2026年3月" and the new job's questions: in post until the festival (noted, asked again after it)."""
    chat = _at_checkin()
    replies = chat.say(text)
    assert _answers(chat) == ["ending"] and "2月5日" in replies[0], replies
    assert chat.answers["employment_status"] == "employed" and chat.answers["started"] == "2026-09"
