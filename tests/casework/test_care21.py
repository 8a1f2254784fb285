"""care21: caseworkers, their replies and alerts (last stop's leftovers), played through the chat.

Who gets a laborer's reply: a supervisor's `发消息 C3 …` took over the laborer's reply window, and the laborer's
answer went to the supervisor alone; the caseworker who owns the case never saw it. Now the one who last wrote gets
it, and the owner a copy (【本人回复】… 回复了张主任的消息 (您负责的案件 C3)).

The window outlived the case: after `结案 C3 …`, the laborer's next words (好的 谢谢 / a question for the bot) were
still passed on to the caseworker for the rest of the 72 hours (您的话已转给…). Now the close ends it: their words
go back to the bot."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from bot import keys
from bot.casework import open_assistance_case
from dialogs.sms_text import parts
from storage.models import Alert, AssistanceCase
from tests.casework.people import caseworker, laborer
from tests.people import say
from tests.survey.driver import Chat

OWNER = "oLiShuji000000000000000221"
SUPERVISOR = "oZhangZhuren00000000000221"
LABORER = "oWangXiaohong000000000221"


async def _world(app: Any) -> tuple[int, int, int, int]:
    """A supervisor, the caseworker below them, and a laborer on WeChat whose case that caseworker owns."""
    cipher = app[keys.CIPHER]
    for said in ("subscribe", "1", "王小红"):
        person = (await say(app, "wechat", LABORER, event=said) if said == "subscribe"
                  else await say(app, "wechat", LABORER, said)).person_id
    async with app[keys.SESSIONS]() as session, session.begin():
        zhang = await caseworker(session, cipher, name="张主任", phone="+8613900000221", divisions=("520526",),
                                 role="supervisor", openid=SUPERVISOR)
        li = await caseworker(session, cipher, phone="+8613900000121", divisions=("520526100",),
                              supervisor_id=zhang, openid=OWNER)
        case = (await open_assistance_case(session, cipher, person_id=person, now=app[keys.CLOCK].now())).case_id
        found = await session.get(AssistanceCase, case)
        assert found is not None
        found.caseworker_id = li
    return zhang, li, person, case


async def _replies(app: Any, person: int) -> list[tuple[int, str]]:
    async with app[keys.SESSIONS]() as session:
        return [(alert.caseworker_id, app[keys.CIPHER].decrypt(alert.body_enc)) for alert in await session.scalars(
            select(Alert).where(Alert.person_id == person, Alert.kind == "person_replied").order_by(Alert.id))]


async def test_a_supervisors_message_is_answered_to_them_and_the_owner_sees_it(client: Any) -> None:
    app = client.server.app
    zhang, li, person, case = await _world(app)
    await say(app, "wechat", SUPERVISOR, f"发消息 C{case} 明天上午在家吗? 我和李书记来看看您")
    replied = await say(app, "wechat", LABORER, "好的 明天上午在家")
    assert replied.replies[0].startswith("您的话已转给就业帮扶主管张主任。"), replied.replies
    told = await _replies(app, person)
    assert [who for who, _ in told] == [zhang, li]
    assert f"回复了您的消息 (案件 C{case}): 好的 明天上午在家" in told[0][1]
    assert told[1][1].startswith("【本人回复】王*红")
    assert f"回复了张主任的消息 (您负责的案件 C{case}): 好的 明天上午在家" in told[1][1]
    # The owner writes next: the window is theirs, and nobody else gets a copy.
    await say(app, "wechat", OWNER, f"发消息 C{case} 我们十点到")
    await say(app, "wechat", LABORER, "行 等你们")
    assert [who for who, _ in await _replies(app, person)] == [zhang, li, li]


async def test_a_case_closed_in_the_chat_gives_the_laborers_words_back_to_the_bot(client: Any) -> None:
    app = client.server.app
    _zhang, li, person, case = await _world(app)
    await say(app, "wechat", OWNER, f"发消息 C{case} 下周一去盛安物业面试, 带上身份证")
    first = await say(app, "wechat", LABORER, "好的 知道了")
    assert first.replies[0].startswith("您的话已转给帮扶责任人李书记。"), first.replies
    await say(app, "wechat", OWNER, f"结案 C{case} 已经上班了")
    after = await say(app, "wechat", LABORER, "好的 谢谢李书记")
    assert not any("已转给" in reply for reply in after.replies), after.replies
    assert [who for who, _ in await _replies(app, person)] == [li]  # the reply before the close only


async def test_another_open_case_keeps_its_window(client: Any) -> None:
    """A guard: closing one case leaves the window of a message about another case of the person open."""
    app = client.server.app
    _zhang, li, person, case = await _world(app)
    async with app[keys.SESSIONS]() as session, session.begin():
        other = AssistanceCase(person_id=person, kind="rights", issue="wage_arrears", issues=["wage_arrears"],
                               caseworker_id=li, status="open", opened_at=app[keys.CLOCK].now())
        session.add(other)
        await session.flush()
        other_id = other.id
    await say(app, "wechat", OWNER, f"发消息 C{other_id} 工资的事我问了老板")
    await say(app, "wechat", OWNER, f"结案 C{case} 已经上班了")
    after = await say(app, "wechat", LABORER, "好的 他怎么说")
    assert after.replies[0].startswith("您的话已转给帮扶责任人李书记。"), after.replies


@pytest.mark.parametrize(("channel", "expected"), [
    ("sms", "请回复 1 同意, 或 2 不同意。"), ("wechat", "请回复 1 同意, 或 2 不同意。")])
def test_the_consent_reprompt_gives_the_options_once(channel: str, expected: str) -> None:
    """"啥" at the privacy notice on a feature phone got "请回复 1 同意, 或 2 不同意。 1同意 2不同意": the two
    options twice in one SMS (on WeChat, the sentence and then the list)."""
    chat = Chat(channel=channel, address="+8613800138000")
    if channel == "sms":
        chat.say("你好")
        chat.say("1")
    else:
        chat.event("subscribe")
    assert chat.awaiting == "consent"
    assert chat.say("啥") == [expected]
    assert chat.say("3")[-1] == expected


async def test_a_rights_cases_commands_by_sms_read_plainly(client: Any) -> None:
    """`C5` by SMS for a rights case answered "C5 可以: 电话/联系/发消息C5; 结案 C5 原因": three commands run
    together with slashes, and what each does not said. Now each command is written out with a short word on what
    it does, in one SMS; and the first of them works as written."""
    app = client.server.app
    cipher = app[keys.CIPHER]
    async with app[keys.SESSIONS]() as session, session.begin():
        li = await caseworker(session, cipher, phone="+8613900000321", divisions=("520526100",))
        person = await laborer(session, cipher, app[keys.CLOCK].now())
        case = AssistanceCase(person_id=person, kind="rights", issue="wage_arrears", issues=["wage_arrears"],
                              caseworker_id=li, status="open", opened_at=app[keys.CLOCK].now())
        session.add(case)
        await session.flush()
        ref = f"C{case.id}"
    said = await say(app, "sms", "+8613900000321", ref)
    [reply] = said.replies
    assert reply.splitlines()[-1] == f"{ref}: 电话{ref} 看号码; 联系{ref} 记已联系; 发消息{ref} 加话; 结案{ref} 加原因"
    assert parts(reply) == 1, reply  # with the case's own line before it (王*红: C1维权欠薪 12/8)
    number = await say(app, "sms", "+8613900000321", f"电话{ref}")
    assert "13800138000" in "".join(number.replies), number.replies


@pytest.mark.parametrize("said", ["厂里停工了 老板跑了", "工地停工了 老板也跑了", "没订单 厂子倒闭了"])
def test_the_employer_gone_is_the_reason_the_caseworker_reads(said: str) -> None:
    """"厂里停工了 老板跑了" at a check-in registered the job lost as 被裁员、停工 (the first reason named), and the
    caseworker's case alert read 失业 (被裁员、停工), as if there were an employer to go back to; "老板也跑了" was
    no reason at all. The employer gone is why the work stopped: 单位倒闭、老板跑路."""
    from dialogs.i18n import catalog
    from tests.survey.test_lead_playtest8 import _at_checkin

    chat = _at_checkin()
    chat.say(said)
    for answer in ("上个月底", "结清了", "1", "1", "1"):  # (工资结清了吗? after 老板跑了: check23)
        if chat.awaiting in ("last_work_day", "wages_settled", "insured", "insured_years", "wants_services"):
            chat.say(answer)
    [submitted] = chat.kinds("registration.submit")
    assert submitted.data["job_loss_reason"] == "employer_closed"
    why = catalog("zh_CN").get("alert.why").format(
        reason=catalog("zh_CN").get(f"registration.job_loss_reason.{submitted.data['job_loss_reason']}"))
    assert why == " (单位倒闭、老板跑路)"


def test_a_stop_alone_is_still_a_stop() -> None:
    """A guard: 厂里停工了 alone, and 工地完工了 老板不要人了 (the cause first), read as before."""
    from dialogs.flows.registration.fields import reason_in

    assert reason_in("厂里停工了") == "laid_off"
    assert reason_in("工地完工了 老板不要人了") == "employer_closed"
    assert reason_in("不想干了 老板也不要人") is None
