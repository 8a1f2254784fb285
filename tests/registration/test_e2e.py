"""Job loss end to end (the issue's done-when, part A): a person registered as employed says the factory
closed -> registration -> benefit answer -> a case with an owner -> a masked alert delivered to the WeCom
robot; working again closes the case with the days it took. A real WeChat user (a simulator user's alerts
never reach a real gateway: tests/casework/test_simulated.py) -> dispatcher -> effects -> database -> alert
worker -> the WeCom fake."""

from __future__ import annotations

import asyncio
import inspect
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bot.casework.importer import import_caseworkers
from bot.clock import FrozenClock
from bot.settings import Settings
from storage.info_forms import decode_change
from storage.models import Alert, AssistanceCase, CaseworkTask, FormChange, InfoForm, UnemploymentRegistration
from tests.casework.files import write_csv
from tests.casework.people import HEADER
from tests.fakes.wecom import FakeWeCom
from tests.people import say as say_as
from tests.survey.helpers import cipher, database
from tests.survey.test_e2e import COLLOQUIAL, ID


async def say(client: Any, user: str, text: str = "", event: str | None = None) -> dict[str, Any]:
    """One WeChat message; the passive reply split back into the messages it joins (blank line between)."""
    said = await say_as(client.server.app, "wechat", user, text, event=event)
    return {"replies": [part for reply in said.replies for part in reply.split("\n\n")], "awaiting": said.awaiting}


async def converse(client: Any, user: str, lines: list[str]) -> dict[str, Any]:
    reply: dict[str, Any] = {}
    for line in lines:
        reply = await say(client, user, line)
    return reply


async def until(condition: Any, what: str) -> None:
    """Wait for the alert worker (woken after the commit) without assuming how long it takes; `condition` may
    be a coroutine function."""
    for _ in range(400):
        met = condition()
        if await met if inspect.isawaitable(met) else met:
            return
        await asyncio.sleep(0.025)
    raise AssertionError(f"never happened: {what}")


async def caseworkers(settings: Settings, tmp_path: Path, wecom: FakeWeCom, clock: FrozenClock) -> None:
    path = write_csv(tmp_path / "caseworkers.csv", [
        HEADER,
        ["张主任", "13900000001", "520526", "supervisor", "", "", "", ""],
        ["李书记", "13900000002", "520526", "caseworker", "13900000001", "", wecom.robot("WEINING"), ""],
    ])
    async with database(settings) as sessions:
        report = await import_caseworkers(sessions, cipher(settings), path, now=clock.now())
    assert report.added == 2


async def test_factory_closed_to_registration_benefit_case_and_a_masked_alert(
    make_client: Any, settings: Settings, clock: FrozenClock, wecom: FakeWeCom, tmp_path: Path
) -> None:
    await caseworkers(settings, tmp_path, wecom, clock)
    client = await make_client(settings)
    await say(client, "wx-9", event="subscribe")
    await converse(client, "wx-9", [*COLLOQUIAL, "0"])  # registered as employed (in Dongguan)
    clock.advance(timedelta(days=14))

    first = await say(client, "wx-9", "厂子倒闭了 老板跑路了")
    assert first["awaiting"] == "last_work_day"
    # (the form says 没交 社保: no benefits promised at the outset (play21); 交了 below is asked and heard)
    assert first["replies"][0].startswith("很遗憾您没了工作。登记了失业, 就能免费找工作")
    await say(client, "wx-9", "前天")
    await say(client, "wx-9", "结清了")  # (工资结清了吗? after 老板跑路了: check23)
    await say(client, "wx-9", "交了")
    await say(client, "wx-9", "六年")
    told = await say(client, "wx-9", "1 2")
    replies = told["replies"]
    assert replies[1] == "按您说的 (交了6年, 不是自己辞职), 您很可能能领失业保险金, 最长18个月, 从登记那天起算。"
    assert "贵州人社App" in replies[2]  # the claim text of the division (bot/casework/policy.toml)
    assert replies[3] == "负责您的工作人员是李书记, 2天内会联系您, 一对一帮您找工作。"
    assert told["awaiting"] == "preferred_scope"  # then the survey's new branch

    now = clock.now()
    async with database(settings) as sessions, sessions() as session:
        registration = (await session.scalars(select(UnemploymentRegistration))).one()
        case = (await session.scalars(select(AssistanceCase).where(AssistanceCase.kind == "assistance"))).one()
        # (the survey's rights report has its own first-contact task)
        task = (await session.scalars(select(CaseworkTask).where(CaseworkTask.case_id == case.id))).one()
        form = (await session.scalars(select(InfoForm))).one()
        history = list(await session.scalars(select(FormChange).where(FormChange.field == "employment_status")
                                             .order_by(FormChange.id)))
    assert (registration.last_work_day, registration.job_loss_reason, registration.insured,
            registration.insured_years, registration.wants_services, registration.status) == (
        date(2026, 12, 8), "employer_closed", "yes", 6.0, ["job_referral", "training"], "submitted")
    assert (registration.benefit_likely, registration.benefit_months, registration.home_division) == (
        True, 18, "520526")
    assert (case.registration_id, case.caseworker_id, case.status, case.first_contact_due) == (
        registration.id, registration.caseworker_id, "open", now + timedelta(days=2))
    assert case.package == {"job_referrals": 3, "guidance_talks": 1, "training_offers": 1, "days": 30}
    assert (task.kind, task.case_id, task.due_at) == ("first_contact", case.id, case.first_contact_due)
    assert form.employment_status == "unemployed"  # the stored form, with its history
    c = cipher(settings)
    assert [decode_change(c, h.new_value_enc) for h in history][-1] == "unemployed"

    def alerted() -> bool:
        return any("一对一帮扶" in m.content for m in wecom.to("WEINING"))

    await until(alerted, "the new-case alert reaches the robot")
    message = next(m for m in wecom.to("WEINING") if "一对一帮扶" in m.content)
    assert "王*明" in message.content and "138****5678" in message.content and f"C{case.id}" in message.content
    assert message.mentioned == ("13900000002",)
    assert ID not in message.content and "王小明" not in message.content and "13812345678" not in message.content
    async def new_case_alert() -> Alert:
        async with database(settings) as sessions, sessions() as session:
            return (await session.scalars(select(Alert).where(Alert.kind == "new_case"))).one()

    async def settled() -> bool:
        return (await new_case_alert()).status != "sending"

    # The robot has the message before the worker records the outcome: wait for the row to be settled.
    await until(settled, "the alert worker records the outcome")
    alert = await new_case_alert()
    assert (alert.status, alert.channel, alert.case_id) == ("sent", "wecom", case.id)

    # The survey's new branch is finished; three weeks later the person works again: the case closes with
    # the days it took.
    assert (await converse(client, "wx-9", ["省内", "电子厂", "没有", "五千", "随时", "0"]))["awaiting"] is None
    clock.advance(timedelta(days=21))
    reply = await say(client, "wx-9", "我找到工作了 在县里的扶贫车间上班")
    assert reply["replies"]
    async with database(settings) as sessions, sessions() as session:
        closed = await session.get(AssistanceCase, case.id)
    assert closed is not None
    assert (closed.status, closed.close_reason, closed.days_to_job) == ("closed", "employed", 21)


async def test_the_rights_answers_of_the_survey_open_a_rights_case(
    make_client: Any, settings: Settings, clock: FrozenClock, wecom: FakeWeCom, tmp_path: Path
) -> None:
    await caseworkers(settings, tmp_path, wecom, clock)
    client = await make_client(settings)
    await say(client, "wx-8", event="subscribe")
    await converse(client, "wx-8", [*COLLOQUIAL, "0"])  # ... "没交" social insurance
    reply = await say(client, "wx-8", "老板拖欠了两个月工资")
    assert reply["replies"][-1].startswith("您反映的问题已转给负责您的工作人员")
    async with database(settings) as sessions, sessions() as session:
        cases = [(c.kind, c.issue_list) for c in await session.scalars(select(AssistanceCase))]
    # The wages told later join the open rights case (care13: a second case), its owner alerted of them.
    assert cases == [("rights", ["no_social_insurance", "wage_arrears"])]
    await until(lambda: sum("权益维护" in m.content for m in wecom.to("WEINING")) == 2, "two rights alerts")
    assert any("又反映拖欠工资" in m.content for m in wecom.to("WEINING"))
