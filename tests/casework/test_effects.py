"""Events the dialogs emit that casework consumes: a person asked for, a question referred, status changes."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from bot import effects, keys
from bot.casework import open_assistance_case
from bot.casework.cases import create_registration
from bot.settings import Settings
from dialogs.types import DialogEvent
from storage.info_forms import decode_change
from storage.models import Alert, AssistanceCase, EventLog, FormChange, InfoForm
from tests.casework.files import NOW
from tests.casework.people import caseworker, laborer
from tests.checkins.helpers import add_people
from tests.fakes.identity import make_id
from tests.people import say
from tests.survey.helpers import cipher, database


async def test_asking_for_a_person_alerts_the_caseworker_once_a_day(client: Any, settings: Settings) -> None:
    app = client.server.app
    async with app[keys.SESSIONS]() as session, session.begin():
        owner = await caseworker(session, app[keys.CIPHER], divisions=("52",))
    await say(app, "sms", "+8613800138000", "人工")
    await say(app, "sms", "+8613800138000", "找人工")
    app[keys.CLOCK].advance(timedelta(days=1))
    await say(app, "sms", "+8613800138000", "人工")
    async with app[keys.SESSIONS]() as session:
        alerts = list(await session.scalars(select(Alert).order_by(Alert.id)))
    assert [(a.kind, a.caseworker_id) for a in alerts] == [("human_requested", owner)] * 2
    # Nobody knows the person's name yet; the number they text from is shown masked.
    assert cipher(settings).decrypt(alerts[0].body_enc) == (
        f"【找工作人员】(未登记姓名) (138****8000, 地址不详) 想找工作人员, 请尽快联系。"
        f"回复 电话 A{alerts[0].id} 看号码, 联系后回复 联系 A{alerts[0].id}; 也可在工作台回复。")


async def test_asking_for_a_person_halfway_through_the_survey_names_what_was_told(
    client: Any, settings: Settings
) -> None:
    """Someone stuck in the survey asks for a person: the alert carries the name and phone they gave (masked),
    although nothing is saved yet, and the event log keeps neither."""
    app = client.server.app
    async with app[keys.SESSIONS]() as session, session.begin():
        owner = await caseworker(session, app[keys.CIPHER], divisions=("52",))
    await say(app, "wechat", "wx-stuck", event="subscribe")
    for text in ("同意", "李大山", make_id(seq=414), "13785642319"):
        await say(app, "wechat", "wx-stuck", text)
    await say(app, "wechat", "wx-stuck", "人工")
    async with app[keys.SESSIONS]() as session:
        [alert] = list(await session.scalars(select(Alert)))
        logged = [e.data for e in await session.scalars(select(EventLog).where(EventLog.kind == "human_requested"))]
    assert alert.caseworker_id == owner
    assert cipher(settings).decrypt(alert.body_enc) == (
        f"【找工作人员】李*山 (137****2319, 地址不详) 想找工作人员, 请尽快联系。回复 电话 A{alert.id} 看号码, "
        f"联系后回复 联系 A{alert.id}; 也可在工作台回复。")
    assert logged == [{"channel": "wechat"}]


async def test_a_question_referred_halfway_through_the_survey_names_what_was_told(
    client: Any, settings: Settings
) -> None:
    app = client.server.app
    async with app[keys.SESSIONS]() as session, session.begin():
        await caseworker(session, app[keys.CIPHER], divisions=("52",))
    await say(app, "sms", "+8613800138000", "登记")
    for text in ("1", "周秀英", make_id(seq=415), "13785642319"):
        await say(app, "sms", "+8613800138000", text)
    # (学费 is answered since 娃 is read like 孩子 (policy6); 住宿费 the catalogue does not know: referred.)
    await say(app, "sms", "+8613800138000", "问一下 我家娃在外省读技校 住宿费能报多少?")
    async with app[keys.SESSIONS]() as session:
        alerts = list(await session.scalars(select(Alert).where(Alert.kind == "question_referred")))
    texts = [cipher(settings).decrypt(a.body_enc) for a in alerts]
    assert texts and all(t.startswith("【政策咨询】周*英 (138****8000, 地址不详) 问: ") for t in texts), texts


async def _apply(settings: Settings, person: int, event: DialogEvent, now: Any = NOW) -> list[dict[str, Any]]:
    async with database(settings) as sessions, sessions() as session, session.begin():
        ctx = effects.EffectContext(session, cipher(settings), person, 0, "wechat", now)
        await effects.apply(ctx, event)
        await ctx.updates.flush(session)  # as the unit of work does before it commits
        if ctx.form_changes:
            await session.execute(FormChange.__table__.insert(), ctx.form_changes)
        return ctx.form_changes


async def test_a_referred_question_reaches_the_caseworker_with_numbers_masked(settings: Settings) -> None:
    c = cipher(settings)
    async with database(settings) as sessions, sessions() as session, session.begin():
        await caseworker(session, c, divisions=("520526",))
        person = await laborer(session, c, NOW)
    question = "我身份证520526199003151239, 电话13812345678, 失业金咋领?"
    for _ in range(2):  # asked twice the same day: one alert
        await _apply(settings, person, DialogEvent("question_referred", {"channel": "wechat", "question": question}))
    async with database(settings) as sessions, sessions() as session:
        [alert] = list(await session.scalars(select(Alert)))
    text = c.decrypt(alert.body_enc)
    assert text.startswith("【政策咨询】王*红 (138****8000, 威宁彝族回族苗族自治县草海镇) 问: ")
    assert "我身份证5205**********1239" in text
    assert "520526199003151239" not in text and "13812345678" not in text and "失业金咋领?" in text


async def test_a_status_change_updates_the_stored_form_with_history_and_work_closes_the_case(
    settings: Settings,
) -> None:
    c = cipher(settings)
    async with database(settings) as sessions, sessions() as session, session.begin():
        await caseworker(session, c, divisions=("520526",))
        person = await laborer(session, c, NOW, status="unemployed")
        opened = await open_assistance_case(session, c, person_id=person, now=NOW)
    later = NOW + timedelta(days=17)
    changes = await _apply(settings, person, DialogEvent(
        "employment_status_changed", {"old": "unemployed", "new": "employed", "source": "checkin"}), later)
    assert [(row["field"], row["actor"]) for row in changes] == [("employment_status", "checkin")]
    async with database(settings) as sessions, sessions() as session:
        form = (await session.scalars(select(InfoForm))).one()
        case = await session.get(AssistanceCase, opened.case_id)
        [history] = list(await session.scalars(select(FormChange)))
    assert form.employment_status == "employed" and form.updated_at == later
    assert decode_change(c, history.old_value_enc) == "unemployed" and decode_change(c, history.new_value_enc) == (
        "employed")
    assert case is not None and (case.status, case.days_to_job) == ("closed", 17)
    # Its caseworker is told, once: the first contact or a visit they planned is no longer needed.
    async with database(settings) as sessions, sessions() as session:
        closed = [(a.kind, cipher(settings).decrypt(a.body_enc)) for a in await session.scalars(
            select(Alert).where(Alert.kind == "case_closed"))]
    assert len(closed) == 1 and f"C{opened.case_id} 已结案 (用时17天)" in closed[0][1]
    await _apply(settings, person, DialogEvent(
        "employment_status_changed", {"old": "unemployed", "new": "employed", "source": "laborer"}), later)
    async with database(settings) as sessions, sessions() as session:
        assert len(list(await session.scalars(select(Alert).where(Alert.kind == "case_closed")))) == 1


async def _register(app: Any, address: str, name: str, id_number: str) -> None:
    await say(app, "wechat", address, event="subscribe")
    for text in ("同意", name, id_number, "13785642319", "不知道", "威宁县金钟镇", "石门村", "3"):
        await say(app, "wechat", address, text)
    said = await say(app, "wechat", address, "0")
    assert "已保存" in said.replies[0]


async def test_an_id_number_already_on_another_form_asks_the_caseworker_to_check(
    client: Any, settings: Settings
) -> None:
    """The same laborer on a second WeChat (or a number typed wrong): the caseworker is told before approving;
    the laborer is told nothing of the other form. Once per pair, however often the form is saved."""
    app = client.server.app
    async with app[keys.SESSIONS]() as session, session.begin():
        owner = await caseworker(session, app[keys.CIPHER], divisions=("52",))
    shared = make_id(seq=515)
    await _register(app, "wx-first", "李大山", shared)
    await _register(app, "wx-other", "李小红", make_id(seq=516))
    async with app[keys.SESSIONS]() as session:
        assert not list(await session.scalars(select(Alert).where(Alert.kind == "duplicate_id")))
    await _register(app, "wx-second", "李大山", shared)
    async with app[keys.SESSIONS]() as session:
        [alert] = list(await session.scalars(select(Alert).where(Alert.kind == "duplicate_id")))
    assert alert.caseworker_id == owner
    text = cipher(settings).decrypt(alert.body_enc)
    assert text.startswith("【重复登记】李*山 (137****2319, ") and shared not in text and shared[-4:] not in text


async def test_a_simulator_user_with_a_real_persons_id_number_raises_nothing(client: Any) -> None:
    """Simulator people never meet real ones, not even to be told they share a number."""
    app = client.server.app
    async with app[keys.SESSIONS]() as session, session.begin():
        await caseworker(session, app[keys.CIPHER], divisions=("52",))
    shared = make_id(seq=517)
    await _register(app, "wx-real", "李大山", shared)
    for text in ("我要登记", "同意", "李大山", shared, "13785642319", "不知道", "威宁县金钟镇", "石门村", "3", "0"):
        resp = await client.post("/simulator/messages", json={"user": "sim-dup", "text": text})
        assert resp.status == 200
    assert "已保存" in (await resp.json())["replies"][0]
    async with app[keys.SESSIONS]() as session:
        assert not list(await session.scalars(select(Alert).where(Alert.kind == "duplicate_id")))


async def test_a_form_with_two_rights_issues_opens_one_case_listing_both(settings: Settings) -> None:
    """No contract AND no social insurance on one saved form: one rights case listing both (it opened two, C3 and
    C4, for one report) and one alert naming both; the same form saved again opens and alerts nothing more."""
    c = cipher(settings)
    async with database(settings) as sessions, sessions() as session, session.begin():
        owner = await caseworker(session, c, divisions=("520526",))
        person = await laborer(session, c, NOW)
    answers = {"name": "王小红", "id_number": make_id(seq=416), "phone": "13800138000", "home_division": "520526100",
               "employment_status": "employed", "contract_signed": "no", "social_insurance": "no",
               "wages_on_time": "yes"}
    for _ in range(2):
        await _apply(settings, person, DialogEvent("form_submitted", {"answers": answers}))
    async with database(settings) as sessions, sessions() as session:
        cases = list(await session.scalars(select(AssistanceCase).order_by(AssistanceCase.id)))
        [alert] = list(await session.scalars(select(Alert)))
    assert [(case.kind, case.issue_list, case.caseworker_id) for case in cases] == [
        ("rights", ["no_contract", "no_social_insurance"], owner)]
    assert (alert.kind, alert.caseworker_id, alert.case_id, alert.status) == ("rights_case", owner, cases[0].id,
                                                                               "queued")
    assert c.decrypt(alert.body_enc) == (
        f"【权益维护】王*红 (138****8000, 威宁彝族回族苗族自治县草海镇) 反映没签劳动合同、没交社保, "
        f"请尽快核实 (案件 C{cases[0].id})。")


async def test_a_problem_told_while_a_rights_case_is_open_joins_it_and_its_owner_is_told(settings: Settings) -> None:
    """Wages owed reported while the no-contract case is open: the same case lists both (it opened a second case),
    and its owner reads what was added; told again, nothing more."""
    c = cipher(settings)
    async with database(settings) as sessions, sessions() as session, session.begin():
        owner = await caseworker(session, c, divisions=("520526",))
        person = await laborer(session, c, NOW)
    for issue in ("no_contract", "wage_arrears", "wage_arrears"):
        await _apply(settings, person, DialogEvent("rights_issue_reported", {"issue": issue, "channel": "wechat"}))
    async with database(settings) as sessions, sessions() as session:
        [case] = list(await session.scalars(select(AssistanceCase)))
        alerts = list(await session.scalars(select(Alert).order_by(Alert.id)))
    assert (case.issue, case.issue_list) == ("no_contract", ["no_contract", "wage_arrears"])
    assert [(a.kind, a.caseworker_id, a.case_id) for a in alerts] == [("rights_case", owner, case.id)] * 2
    assert c.decrypt(alerts[1].body_enc) == (
        f"【权益维护】王*红 (138****8000, 威宁彝族回族苗族自治县草海镇) 又反映拖欠工资, 已并入其权益案件 C{case.id}, "
        f"请一并核实。")


async def test_a_new_case_alert_says_why_the_job_was_lost(settings: Settings) -> None:
    """The first thing a caseworker calling the person wants to know, from the registration; nothing when the case
    opened without one."""
    c = cipher(settings)
    async with database(settings) as sessions, sessions() as session, session.begin():
        await caseworker(session, c, divisions=("520526",))
        person = await laborer(session, c, NOW, status="unemployed")
        other = await laborer(session, c, NOW, name="李小兰", phone="+8613800138001", status="unemployed")
        registration = await create_registration(
            session, person_id=person, last_work_day=None, job_loss_reason="employer_closed", insured="yes",
            insured_years=3.0, wants_services=[], benefit_likely=True, benefit_months=12, now=NOW)
        await open_assistance_case(session, c, person_id=person, now=NOW, registration_id=registration.id)
        await open_assistance_case(session, c, person_id=other, now=NOW)
    async with database(settings) as sessions, sessions() as session:
        texts = {a.person_id: c.decrypt(a.body_enc) for a in await session.scalars(
            select(Alert).where(Alert.kind == "new_case"))}
    assert f"失业 (单位倒闭、老板跑路或工程完工), 已提交失业登记 R{registration.id}。" in texts[person]
    assert "失业, 还没办失业登记。" in texts[other] and "R-" not in texts[other]


async def test_details_told_after_a_rights_report_reach_the_caseworker_masked(
    client: Any, settings: Settings
) -> None:
    """"是威宁万家超市 欠了五千多" right after "老板拖了俩月工资" was "没太明白" and the menu: the caseworker never
    learnt who owed what. It goes to them (numbers masked), the event log keeps no words, and after two such
    messages the bot reads messages as usual again. (Someone who agreed to the notice: before that a report waits
    for consent, tests/casework/test_rights_from_the_menu_care13.py.)"""
    app = client.server.app
    async with app[keys.SESSIONS]() as session, session.begin():
        owner = await caseworker(session, app[keys.CIPHER], divisions=("52",))
    [pid] = await add_people(app, 1, recorded_at=NOW, channels=("sms",), home_division="520526")
    sms = f"+86139{pid:08d}"
    acknowledged = await say(app, "sms", sms, "老板拖了俩月工资")
    assert "哪个单位、什么情况、多久了" in acknowledged.replies[0]
    added = await say(app, "sms", sms, "是威宁万家超市 欠了五千多 老板电话13912345678")
    assert added.replies == ("好的, 已补充给工作人员。",)
    async with app[keys.SESSIONS]() as session:
        alerts = list(await session.scalars(select(Alert).order_by(Alert.id)))
        logged = [e.data for e in await session.scalars(
            select(EventLog).where(EventLog.kind == "rights_details_told"))]
    assert [(a.kind, a.caseworker_id) for a in alerts] == [("rights_case", owner), ("rights_details", owner)]
    text = cipher(settings).decrypt(alerts[1].body_enc)
    assert text.startswith("【权益补充】") and "就拖欠工资补充: 是威宁万家超市 欠了五千多" in text
    assert "139****5678" in text and "13912345678" not in text
    assert logged == [{"issue": "wage_arrears"}]
    await say(app, "sms", sms, "三个月了")
    later = await say(app, "sms", sms, "有没有工地的活")  # a wish is a wish, not details
    assert not any("已补充" in reply for reply in later.replies)


async def test_a_case_opened_halfway_through_the_survey_goes_to_where_the_person_lives(
    client: Any, settings: Settings
) -> None:
    """Someone who follows the account because they lost their job, and says so (or that wages are owed) before
    the survey is done: the case went to the county's supervisor as "(未登记姓名) (无手机号, 地址不详)", nothing to
    act on. What the survey has heard (name, phone, township) now routes it and fills its alerts, and the
    person is told the right caseworker's name."""
    app = client.server.app
    async with app[keys.SESSIONS]() as session, session.begin():
        boss = await caseworker(session, app[keys.CIPHER], name="张主任", phone="+8613900000001", role="supervisor",
                                divisions=("520526",))
        li = await caseworker(session, app[keys.CIPHER], divisions=("520526100",), supervisor_id=boss)
    openid = "oHalfway000000000000000001"
    await say(app, "wechat", openid, event="subscribe")
    for text in ("1", "王大妹", make_id("520526", NOW.date().replace(year=1980), 31), "13800138077", "不知道",
                 "威宁县草海镇", "石门村", "1", "东莞"):
        await say(app, "wechat", openid, text)
    lost = await say(app, "wechat", openid, "厂子倒闭了 没活干了")
    assert lost.awaiting == "last_work_day"
    for text in ("上个月底", "没交"):
        told = await say(app, "wechat", openid, text)
    told = told if told.awaiting != "wants_services" else await say(app, "wechat", openid, "1")
    assert "负责您的工作人员是李书记" in "\n".join(told.replies), told.replies
    rights = await say(app, "wechat", openid, "老板还欠我两个月工资")
    assert "已转给负责您的工作人员" in rights.replies[0]
    async with app[keys.SESSIONS]() as session:
        cases = list(await session.scalars(select(AssistanceCase).order_by(AssistanceCase.id)))
        alerts = list(await session.scalars(select(Alert).order_by(Alert.id)))
        form = await session.scalar(select(InfoForm).where(InfoForm.person_id == lost.person_id))
    assert form is None or form.status == "draft"  # the survey is not done
    assert [(c.kind, c.caseworker_id, c.home_division) for c in cases] == [
        ("assistance", li, "520526100"), ("rights", li, "520526100")]
    texts = [cipher(settings).decrypt(a.body_enc) for a in alerts]
    assert [a.caseworker_id for a in alerts] == [li, li] and all(
        "王*妹 (138****8077, 威宁彝族回族苗族自治县草海镇)" in text for text in texts), texts


async def test_no_contract_or_insurance_yet_in_a_job_started_this_month_opens_no_case(settings: Settings) -> None:
    """The lead's play-test: "还没签 说试用期过了再签" a week into a new job opened two rights cases; the employer has
    a month to sign and to register the insurance. Wages owed are a case at once; a job from last month is too."""
    c = cipher(settings)
    async with database(settings) as sessions, sessions() as session, session.begin():
        await caseworker(session, c, divisions=("520526",))
        person = await laborer(session, c, NOW)
    answers = {"name": "王小红", "id_number": make_id(seq=417), "phone": "13800138000", "home_division": "520526100",
               "employment_status": "employed", "started": "2026-11", "contract_signed": "no",
               "social_insurance": "no", "wages_on_time": "yes"}
    await _apply(settings, person, DialogEvent("form_submitted", {"answers": answers}))
    async with database(settings) as sessions, sessions() as session:
        assert list(await session.scalars(select(AssistanceCase))) == []
    await _apply(settings, person, DialogEvent("form_submitted", {"answers": {**answers, "wages_on_time": "no"}}))
    await _apply(settings, person, DialogEvent("form_submitted", {"answers": {**answers, "started": "2026-10"}}))
    async with database(settings) as sessions, sessions() as session:
        cases = list(await session.scalars(select(AssistanceCase).order_by(AssistanceCase.id)))
    # (the contract and insurance of the job from last month join the open case of the wages owed)
    assert [case.issue_list for case in cases] == [["wage_arrears", "no_contract", "no_social_insurance"]]


async def test_a_check_in_alert_and_a_request_for_a_person_the_same_day_are_two_alerts(settings: Settings) -> None:
    """A check-in answer that wants a caseworker (work paused twice) and 人工 the same day are different things
    to act on: neither swallows the other, whichever comes first; each repeated the same day is still one."""
    c = cipher(settings)
    async with database(settings) as sessions, sessions() as session, session.begin():
        await caseworker(session, c, divisions=("520526",))
        first = await laborer(session, c, NOW)
        second = await laborer(session, c, NOW, name="李大山", phone="+8613985001234")
    on_hold = DialogEvent("human_requested", {"channel": "wechat", "reason": "checkin_on_hold", "said": "厂里停工了"})
    human = DialogEvent("human_requested", {"channel": "wechat"})
    for event in (on_hold, human, on_hold, human):
        await _apply(settings, first, event)
    for event in (human, on_hold, human, on_hold):
        await _apply(settings, second, event)
    async with database(settings) as sessions, sessions() as session:
        alerts = list(await session.scalars(select(Alert).order_by(Alert.id)))
    texts = [(a.person_id, c.decrypt(a.body_enc)[:6]) for a in alerts]
    held, human_ = "【回访关注】", "【找工作人员"
    assert texts == [(first, held), (first, human_), (second, human_), (second, held)]
