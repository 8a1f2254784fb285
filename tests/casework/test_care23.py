"""care23 (2026-12-08): a caseworker's and a supervisor's week, last stop's leftovers.

1. A case's first-contact deadline was `now + 2 days` to the minute: opened on Friday at 23:00 it fell on Sunday at
   23:00 (at night), opened on the eve of the Spring Festival it fell in the holiday (the task went overdue and up to
   the supervisor while every office was closed). Now it is 2 days of working time: the programme calendar's sending
   hours (08:00-21:00) of days that are not statutory holidays (ProgrammeCalendar.after_working_days).
3. Why the job was lost, as caseworkers read it (alerts, the console, exports), was the laborer's option words:
   "工地完工了" (the site's work done) read 失业 (单位倒闭、老板跑路), as if the boss had run off owing wages;
   被裁员、停工 as if both had happened. Caseworkers now read alert.job_loss_reason's words.
2. By SMS, `C1` alone answered "C1 可以: 电话/联系/发消息C1; 推荐C1 岗位号; 结案 C1 原因", `A4` "电话/联系 A4", and
   the help "联系C12/A4; 受理/退回R3; 电话C12/T5/A4": commands run together with slashes, none of them typeable as
   written. Now each is written out as it is typed, in one SMS.
5. A case closed by the laborer's news of a job and reopened by their denial (不对 我还没上班) did not get back what
   the close ended: their replies to the caseworker's message about it went into the bot's registration questions
   (before the close they reached the caseworker), and a first contact not yet made had no task left to chase.
Played: `C3` of a closed rights case said nothing of the one-on-one case C1 open for the same person, and `C1` gave
the rights case C3 as its first-contact task (T4首次联系C3), not as the case the list shows.
Played: the case-closed and case-reopened alerts named someone halfway through the survey 未登记姓名 (the
others, 王*红)."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot import keys
from bot.casework import cases, escalate_overdue_tasks, open_assistance_case, open_rights_case
from bot.settings import Settings
from scheduler.calendar import ProgrammeCalendar
from storage.info_forms import upsert_info_form
from storage.models import Alert, AssistanceCase, CaseworkTask
from tests.casework.people import caseworker, laborer
from tests.casework.test_care21 import LABORER, OWNER
from tests.casework.test_care21 import _world as _owned_case
from tests.people import say
from tests.survey.helpers import cipher, database

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


@pytest.mark.parametrize(("opened", "due"), [
    ("2026-11-30 10:00", "2026-12-02 10:00"),  # a guard: an ordinary Monday morning, two days later as before
    ("2026-11-26 10:00", "2026-11-28 10:00"),  # a guard: weekends count, as they do for the programme's pushes
    ("2026-12-04 23:00", "2026-12-06 21:00"),  # Friday night: counted from Saturday 08:00, not at 23:00 on Sunday
    ("2026-12-07 06:30", "2026-12-08 21:00"),  # early morning: from 08:00
    ("2026-02-14 20:00", "2026-02-25 20:00"),  # the Saturday before the Spring Festival (15th-23rd off)
    ("2026-02-16 10:00", "2026-02-25 21:00"),  # on the eve of the Spring Festival, in the holiday
    ("2026-09-30 20:30", "2026-10-09 20:30"),  # the evening before National Day (1st-7th off)
    ("2027-02-05 10:00", "2027-02-14 21:00"),  # 2027 has no schedule yet: the lunar calendar's holiday, no crash
])
def test_the_first_contact_deadline_is_counted_in_working_time(opened: str, due: str) -> None:
    assert cases.first_contact_due(_at(opened).astimezone(UTC), 2) == _at(due)
    assert cases.first_contact_due(_at(opened).astimezone(UTC), 2).tzinfo == UTC


def test_the_deployment_s_sending_hours_are_its_working_time() -> None:
    late = ProgrammeCalendar(SHANGHAI, (time(9, 0), time(18, 0)))
    assert cases.first_contact_due(_at("2026-12-04 17:00"), 1, late) == _at("2026-12-05 17:00")
    assert cases.first_contact_due(_at("2026-12-04 19:00"), 1, late) == _at("2026-12-05 18:00")
    assert cases.CALENDAR.opens == time(8, 0) and cases.CALENDAR.closes == time(21, 0)


async def test_a_case_opened_before_the_spring_festival_is_due_after_it(settings: Settings) -> None:
    """A laborer registered on Saturday 14 February 2026 at 20:00: the case, its task and the caseworker's alert said
    16 February 20:00, the eve of the Spring Festival, in the holiday."""
    c = cipher(settings)
    opened_at = _at("2026-02-14 20:00").astimezone(UTC)
    async with database(settings) as sessions, sessions() as session, session.begin():
        await caseworker(session, c, divisions=("520526",))
        person = await laborer(session, c, opened_at, status="unemployed")
        opened = await open_assistance_case(session, c, person_id=person, now=opened_at)
        rights = await open_rights_case(session, c, person_id=person, issue="wage_arrears", now=opened_at)
    async with database(settings) as sessions, sessions() as session:
        tasks = list(await session.scalars(select(CaseworkTask.due_at).where(CaseworkTask.kind == "first_contact")))
        alert = await session.scalar(select(Alert.body_enc).where(Alert.kind == "new_case"))
    assert opened.first_contact_due == rights.first_contact_due == _at("2026-02-25 20:00")
    assert len(tasks) == 2 and all(_aware(due) == _at("2026-02-25 20:00") for due in tasks)
    assert alert is not None and "请在2月25日 20:00前首次联系" in c.decrypt(alert)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


async def _replies(app: Any, person: int) -> list[str]:
    async with app[keys.SESSIONS]() as session:
        return [app[keys.CIPHER].decrypt(alert.body_enc) for alert in await session.scalars(
            select(Alert).where(Alert.person_id == person, Alert.kind == "person_replied").order_by(Alert.id))]


async def _told_of_a_job_and_denied(app: Any, *, job_after: timedelta) -> tuple[int, int]:
    """A laborer on WeChat, out of work on record, whose caseworker wrote to them about their case; `job_after`
    later they say they found work (the case closes), and five minutes after that that they have not (it reopens)."""
    _, _, person, case = await _owned_case(app)
    now = app[keys.CLOCK].now()
    async with app[keys.SESSIONS]() as session, session.begin():
        await upsert_info_form(session, app[keys.CIPHER], person_id=person, record={
            "name": "王小红", "employment_status": "unemployed", "home_division": "520526100"}, source="wechat",
            consent_at=now, consent_version="2026-11", now=now, status="draft")
    await say(app, "wechat", OWNER, f"发消息 C{case} 明天上午来镇上一趟")
    assert (await say(app, "wechat", LABORER, "好的 几点")).replies[0].startswith("您的话已转给帮扶责任人李书记")
    app[keys.CLOCK].advance(job_after)
    await say(app, "wechat", LABORER, "我找到工作了 在县城工地")
    app[keys.CLOCK].advance(timedelta(minutes=5))
    await say(app, "wechat", LABORER, "不对 我还没上班 下个月才去")
    async with app[keys.SESSIONS]() as session:
        found = await session.get(AssistanceCase, case)
        assert found is not None and found.status == "open"  # reopened
    return person, case


async def test_a_reopened_case_s_laborer_reaches_the_caseworker_again(client: Any) -> None:
    """After 不对 我还没上班 reopened the case, "那我明天上午九点到镇上" (answering the caseworker's 明天上午来镇上一趟)
    was read as the registration's last working day ("最后一天上班是11月的哪一天?"); the caseworker never saw it."""
    app = client.server.app
    person, case = await _told_of_a_job_and_denied(app, job_after=timedelta(hours=2))
    answer = await say(app, "wechat", LABORER, "那我明天上午九点到镇上")
    assert answer.replies == ("您的话已转给帮扶责任人李书记。要接着回答刚才的问题, 请回复 继续。",)
    assert f"(案件 C{case}): 那我明天上午九点到镇上" in (await _replies(app, person))[-1]
    # 继续 gets back to the registration's question, as after any reply passed on.
    assert "最后一天上班" in (await say(app, "wechat", LABORER, "继续")).replies[-1]


async def test_a_reopened_case_s_first_contact_is_to_make_again(client: Any) -> None:
    """The close did the case's first-contact task; reopened, it stayed done: nobody was chased for the call the
    reopened alert asks for (联系后回复 联系 C1). Now it is open again, and escalated when missed."""
    app = client.server.app
    _, case = await _told_of_a_job_and_denied(app, job_after=timedelta(hours=2))
    async with app[keys.SESSIONS]() as session, session.begin():
        task = await session.scalar(select(CaseworkTask).where(CaseworkTask.case_id == case))
        assert task is not None and (task.status, task.done_at) == ("open", None)
        assert await escalate_overdue_tasks(session, app[keys.CIPHER], now=task.due_at + timedelta(minutes=1)) == 1


async def test_a_window_run_out_is_not_given_back(client: Any) -> None:
    """A guard: the caseworker's message was three days ago (the window's 72 hours are over): reopening the case
    brings back no window, and the person's words are the bot's."""
    app = client.server.app
    person, _ = await _told_of_a_job_and_denied(app, job_after=timedelta(hours=71, minutes=58))
    before = await _replies(app, person)
    answer = await say(app, "wechat", LABORER, "那我明天上午九点到镇上")
    assert not any("已转给" in reply for reply in answer.replies) and await _replies(app, person) == before


_STAFF_WORDS = {"contract_ended": "合同到期", "laid_off": "被裁员或停工停产",
                "employer_closed": "单位倒闭、老板跑路或工程完工",
                "dismissed": "被辞退", "quit": "本人辞职", "other": "其他原因"}


def test_every_reason_has_caseworkers_words_in_every_locale() -> None:
    from dialogs.flows.registration.fields import REASONS
    from dialogs.i18n import LOCALES, catalog

    assert {choice.value for choice in REASONS} == set(_STAFF_WORDS)
    for locale in LOCALES:
        words = {reason: catalog(locale).get(f"alert.job_loss_reason.{reason}") for reason in _STAFF_WORDS}
        assert len(set(words.values())) == len(words), words  # each reads as its own reason
        assert not any(word.lower().startswith("i ") for word in words.values())  # never the laborer's "I quit"
    assert {reason: catalog("zh_CN").get(f"alert.job_loss_reason.{reason}") for reason in _STAFF_WORDS} == _STAFF_WORDS


@pytest.mark.parametrize("said", ["工地完工了", "项目结束了"])
def test_a_site_finished_is_not_read_as_the_boss_gone(said: str) -> None:
    """The survey records 工地完工了 as employer_closed; the caseworker read 单位倒闭、老板跑路 (a wage claim to
    chase)."""
    from dialogs.flows.registration.fields import reason_in
    from dialogs.i18n import catalog

    reason = reason_in(said)
    assert reason == "employer_closed"
    assert "工程完工" in catalog("zh_CN").get(f"alert.job_loss_reason.{reason}")


async def test_the_alert_and_the_export_say_the_caseworkers_words(settings: Settings) -> None:
    from bot.casework.cases import create_registration
    from bot.casework.export import table_rows

    c = cipher(settings)
    opened_at = _at("2026-12-01 10:00").astimezone(UTC)
    async with database(settings) as sessions, sessions() as session, session.begin():
        await caseworker(session, c, divisions=("520526",))
        person = await laborer(session, c, opened_at, status="unemployed")
        registration = await create_registration(
            session, person_id=person, last_work_day=None, job_loss_reason="laid_off", insured="no",
            insured_years=None, wants_services=[], benefit_likely=False, benefit_months=None, now=opened_at)
        await open_assistance_case(session, c, person_id=person, now=opened_at, registration_id=registration.id)
    async with database(settings) as sessions, sessions() as session:
        alert = await session.scalar(select(Alert.body_enc).where(Alert.kind == "new_case"))
    assert alert is not None and "失业 (被裁员或停工停产)" in c.decrypt(alert), c.decrypt(alert)
    [row] = table_rows("registrations", [{"job_loss_reason": "employer_closed"}], unmasked=False)
    assert "单位倒闭、老板跑路或工程完工" in row


async def test_by_sms_each_command_is_written_as_it_is_typed(client: Any) -> None:
    from dialogs.sms_text import parts
    from tests.casework.test_caseworker_chat import _world as _caseworker_world

    app = client.server.app
    w = await _caseworker_world(app)
    phone, case = "+8613900000002", f"C{w['case']}"
    [help_text] = (await say(app, "sms", phone, "帮助")).replies
    commands = (await say(app, "sms", phone, case)).replies[-1]
    [request] = (await say(app, "sms", phone, "A7")).replies
    for text in (help_text, commands, request):
        assert "/" not in text and parts(text) == 1, text
    assert commands == (f"{case}: 电话{case}看号码;联系{case}记已联系;发消息{case}加话;推荐{case}加岗位号;"
                        f"结案{case}加原因")
    assert request == "A7 可以: 电话 A7 看号码; 联系 A7 记已联系; 发消息 A7 加话; 发短信 A7 加话"
    # Typed as written, they work.
    assert "13800138000" in (await say(app, "sms", phone, f"电话{case}")).replies[0]
    assert (await say(app, "sms", phone, "列表逾期")).replies[0].startswith("您现在没有逾期")
    assert (await say(app, "sms", phone, f"联系{case}")).replies == (f"已记录 {case} 首次联系。",)


async def test_the_case_closed_alert_names_the_person_as_the_others_do(client: Any) -> None:
    """Played: someone halfway through the survey (named 王小红 in it) told the caseworker's message "我找到工作了":
    the reply's alert named 王*红, the case-closed alert right after it "(未登记姓名) (… 地址不详)"."""
    app = client.server.app
    _, _, _, case = await _owned_case(app)
    await say(app, "wechat", OWNER, f"发消息 C{case} 明天上午来镇上一趟")
    await say(app, "wechat", LABORER, "我找到工作了 在县城工地")
    async with app[keys.SESSIONS]() as session:
        closed = await session.scalar(select(Alert.body_enc).where(Alert.kind == "case_closed"))
    assert closed is not None
    text = app[keys.CIPHER].decrypt(closed)
    assert text.startswith("【帮扶结案】王*红 (") and "未登记姓名" not in text, text


async def test_a_case_s_summary_gives_the_person_s_other_open_cases(client: Any) -> None:
    from tests.casework.test_caseworker_chat import _world as _caseworker_world

    app = client.server.app
    w = await _caseworker_world(app)
    async with app[keys.SESSIONS]() as session, session.begin():
        rights = (await open_rights_case(session, app[keys.CIPHER], person_id=w["person"], issue="wage_arrears",
                                         now=app[keys.CLOCK].now())).case_id
    phone, case = "+8613900000002", w["case"]
    listing = (await say(app, "sms", phone, "列表")).replies[0].splitlines()[-1]
    summary = (await say(app, "sms", phone, f"C{case}")).replies[0]
    assert f"C{rights}维权欠薪 11/28" in listing and f"C{rights}维权欠薪 11/28" in summary, (listing, summary)
    assert "首次联系C" not in summary
    await say(app, "sms", phone, f"结案 C{rights} 已协调补发工资")
    closed = (await say(app, "sms", phone, f"C{rights}")).replies[0]
    visit, registration = w["visit"], w["registration"]
    assert closed.splitlines() == [f"C{rights} 王*红 已结案: 已协调补发工资。",
                                   f"王*红: C{case}帮扶 11/28;T{visit}走访 11/29;R{registration}失业登记待受理"]
