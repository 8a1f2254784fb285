"""care21, on the console: who gets a laborer's reply, and when the reply window ends.

A supervisor's message from the console took over the laborer's reply window: the laborer's "好的 明天在家" went
to the supervisor alone (the alert said 回复了您的消息 with no case), and the caseworker who owns the case never
saw it. Now the writer gets it, naming the case, and the owner gets a copy. A case closed on the console left the
window open for its 72 hours: the laborer's "好的 谢谢 我想找个活" after the close went on to the caseworker
(您的话已转给…) instead of the bot. Now the close ends it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot import keys
from dialogs import caseworker_reply
from storage import repositories as repo
from storage.models import Alert, Conversation
from tests.console.conftest import Browser
from tests.console.world import World
from tests.people import say

OPENID_A = "o-王小红-11"  # world.people["a"]'s WeChat account (tests/console/world.py)


async def _replies(app: Any, person_id: int) -> list[tuple[int, str]]:
    async with app[keys.SESSIONS]() as session:
        return [(alert.caseworker_id, app[keys.CIPHER].decrypt(alert.body_enc)) for alert in await session.scalars(
            select(Alert).where(Alert.person_id == person_id, Alert.kind == "person_replied").order_by(Alert.id))]


async def test_a_supervisors_message_is_answered_to_them_and_the_owner_sees_it(
        console: Any, world: World, signed_in: Any) -> None:
    app = console.server.app
    a = world.people["a"]
    b: Browser = await signed_in("supervisor")
    await b.get(f"/console/people/{a.person_id}")
    status, _, _ = await b.post(f"/console/people/{a.person_id}/message", {"text": "明天上午在家吗? 我们来看看您"})
    assert status == 303
    replied = await say(app, "wechat", OPENID_A, "好的 明天在家")
    assert replied.replies == ("您的话已转给就业帮扶主管赵主管。",)
    told = await _replies(app, a.person_id)
    assert [who for who, _ in told] == [world.accounts["supervisor"], world.accounts["caseworker_a"]]
    to_writer, to_owner = (text for _, text in told)
    assert to_writer.startswith("【本人回复】王*红") and f"(案件 C{a.case_id})" in to_writer
    assert "好的 明天在家" in to_writer
    assert to_owner.startswith("【本人回复】王*红") and f"回复了赵主管的消息 (您负责的案件 C{a.case_id})" in to_owner
    assert "好的 明天在家" in to_owner


async def test_the_owners_own_message_is_answered_to_them_alone(
        console: Any, world: World, signed_in: Any) -> None:
    """A guard: the owner writing gets the reply once, nobody else a copy."""
    app = console.server.app
    a = world.people["a"]
    b: Browser = await signed_in("caseworker_a")
    await b.get(f"/console/people/{a.person_id}")
    await b.post(f"/console/people/{a.person_id}/message", {"text": "明天上午在家吗?"})
    await say(app, "wechat", OPENID_A, "好的 明天在家")
    assert [who for who, _ in await _replies(app, a.person_id)] == [world.accounts["caseworker_a"]]


async def test_a_case_closed_on_the_console_gives_the_laborers_words_back_to_the_bot(
        console: Any, world: World, signed_in: Any) -> None:
    app = console.server.app
    a = world.people["a"]
    b: Browser = await signed_in("caseworker_a")
    await b.get(f"/console/people/{a.person_id}")
    await b.post(f"/console/people/{a.person_id}/message", {"text": "下周一去盛安物业面试, 记得带身份证"})
    first = await say(app, "wechat", OPENID_A, "好的 知道了")
    assert first.replies == ("您的话已转给帮扶责任人李书记。",)
    await b.get(f"/console/cases/{a.case_id}")
    status, _, _ = await b.post(f"/console/cases/{a.case_id}/close", {"reason": "已经上班了"})
    assert status == 303
    async with app[keys.SESSIONS]() as session:
        sealed = await session.scalar(select(Conversation.state).where(Conversation.person_id == a.person_id))
    assert caseworker_reply.MARK not in repo.open_state(sealed, app[keys.CIPHER])
    after = await say(app, "wechat", OPENID_A, "好的 谢谢李书记")
    assert not any("已转给" in reply for reply in after.replies), after.replies
    assert len(await _replies(app, a.person_id)) == 1  # only the reply before the close


IMPORT = ("编号,名称,用人单位,类型,地区,最低工资,最高工资,公开电话\n"
          "WN-C21-1,小区保安,威宁鑫安物业公司,工厂,威宁县,3000,4000,是\n"
          "WN-C21-2,扶贫车间普工,草海镇扶贫车间,造火箭,威宁县,,,\n"
          "WN-C21-3,搬运工,威宁物流,工厂,火星县,,,\n"
          "WN-C21-4,厨工,威宁饭店,工厂,威宁县,很多,,\n"
          "WN-C21-5,电焊工,威宁钢构,工厂,威宁县,5000,4000,\n"
          "WN-C21-6,,威宁钢构,工厂,威宁县,,,也许\n"
          "WN-C21-1,小区保安,威宁鑫安物业公司,工厂,威宁县,,,\n").encode()


async def test_the_rows_not_imported_are_told_in_chinese(console: Any, signed_in: Any) -> None:
    """A supervisor imported a vacancy file on /console/jobs: the rows not imported read "line 3: unknown kind
    '造火箭'", "line 5: bad salary_min '很多'" on a Chinese page. Now each is said in the console's words
    (locales/zh_CN/console.toml); the command line keeps its English (tests/jobs/test_import.py)."""
    import io

    import aiohttp

    b: Browser = await signed_in("supervisor")
    await b.get("/console/jobs")
    form = aiohttp.FormData()
    form.add_field("csrf", b.csrf)
    form.add_field("table", "vacancies")
    form.add_field("file", io.BytesIO(IMPORT), filename="vacancies.csv", content_type="text/csv")
    async with b.http.post(b.url("/console/jobs/import"), data=form, allow_redirects=False) as resp:
        location = resp.headers.get("Location", "")
    _, page = await b.get(location)
    for said in ("第3行：类型「造火箭」不认识", "第4行：地区「火星县」找不到", "第5行：最低工资「很多」不是数字",
                 "第6行：最低工资比最高工资高", "第7行：没填名称", "第8行：编号「WN-C21-1」和第2行重复"):
        assert said in page, said
    assert "line " not in page and "unknown" not in page and "bad " not in page


async def test_a_forged_report_cookie_shows_no_rows(console: Any, signed_in: Any) -> None:
    """A guard: a report cookie naming no reason the catalog has shows the counts, no rows, and no error page."""
    import base64
    import json

    b: Browser = await signed_in("supervisor")
    forged = base64.urlsafe_b64encode(json.dumps([[3, "nope", {}]]).encode()).decode()
    b.http.cookie_jar.update_cookies({"jiuye_import": forged}, response_url=b.url("/console/jobs"))
    status, page = await b.get("/console/jobs?done=imported&added=0&updated=0&unchanged=0&retired=0&invalid=1")
    assert status == 200 and "有问题 1" in page and "第3行" not in page
