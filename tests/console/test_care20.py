"""Care20 (2026-12-07, evening): the console played as a county supervisor. Each test failed on 11b23f3 unless its
docstring calls it a guard."""

from __future__ import annotations

import io
from typing import Any

import aiohttp
from sqlalchemy import func, select, update

from bot import keys
from dialogs.sms_text import parts
from storage.models import Person, Vacancy
from tests.console.conftest import Browser
from tests.console.world import World
from tests.people import say

CSV = ("编号,名称,用人单位,类型,地区\n"
       "WN-C20-1,小区保安,威宁鑫安物业公司,工厂,威宁县\n"
       "WN-C20-2,扶贫车间普工,草海镇扶贫车间,不知道什么,威宁县\n").encode()


async def _upload(b: Browser, data: bytes, filename: str = "vacancies.csv") -> tuple[int, str, str]:
    await b.get("/console/jobs")
    form = aiohttp.FormData()
    form.add_field("csrf", b.csrf)
    form.add_field("table", "vacancies")
    form.add_field("file", io.BytesIO(data), filename=filename, content_type="text/csv")
    async with b.http.post(b.url("/console/jobs/import"), data=form, allow_redirects=False) as resp:
        return resp.status, await resp.text(), resp.headers.get("Location", "")


async def _vacancies(app: Any) -> int:
    async with app[keys.SESSIONS]() as session:
        return int(await session.scalar(select(func.count()).select_from(Vacancy)) or 0)


async def test_an_import_redirects_to_its_result_and_reloading_imports_nothing(
        console: Any, signed_in: Any) -> None:
    """A supervisor imported a vacancy file on /console/jobs: the result was the POST's own page (200), so reloading
    it asked to send the file again, and did. Now the POST answers 303 to the page with the result (the counts and
    the rows not imported), which reloads as a plain GET. (A multipart boundary longer than 30 characters, as
    aiohttp's and Chromium's are, failed the upload with a 500 before anything was imported.)"""
    b = await signed_in("supervisor")
    before = await _vacancies(console.server.app)
    status, _, location = await _upload(b, CSV)
    assert status == 303 and location.startswith("/console/jobs?done=imported&added=1&"), (status, location)
    assert location.endswith("&invalid=1#import-report")
    for _ in range(2):  # shown, then reloaded: the same page, nothing imported again
        status, page = await b.get(location)
        assert status == 200
        assert "新增 1，更新 0，未变 0，下架 0，有问题 1" in page
        assert "第3行" in page  # (in Chinese since care21)
    assert await _vacancies(console.server.app) == before + 1


async def test_a_file_of_another_kind_is_sent_back_with_why(console: Any, signed_in: Any) -> None:
    b = await signed_in("supervisor")
    status, _, location = await _upload(b, b"not a table", filename="vacancies.txt")
    assert (status, location) == (303, "/console/jobs?error=upload_invalid")
    _, page = await b.get(location)
    assert "没有导入：请选择 CSV 或 XLSX 文件(不超过5MB)。" in page


async def test_the_page_alone_shows_no_result(console: Any, signed_in: Any) -> None:
    """A guard: /console/jobs without an import shows no result box."""
    b = await signed_in("supervisor")
    _, page = await b.get("/console/jobs")
    assert 'id="import-report"' not in page


async def test_an_english_readers_sms_reply_is_answered_in_english_in_two_parts(
        console: Any, world: World, signed_in: Any) -> None:
    """王小红 reads English (her record's language) and answers the supervisor's console message by SMS from the phone
    on her form: she was told "您的话已转给就业帮扶主管赵主管。" and asked for the last 4 ID characters in Chinese. Now
    both are in English, and together take two SMS parts at most."""
    app = console.server.app
    laborer = world.people["a"]
    async with app[keys.SESSIONS]() as session, session.begin():
        await session.execute(update(Person).where(Person.id == laborer.person_id).values(locale="en"))
    b = await signed_in("supervisor")
    status, _, _ = await b.post(f"/console/people/{laborer.person_id}/message", {"text": "明天上午在家吗"})
    assert status == 303
    texted = await say(app, "sms", laborer.phone, "yes at home all morning")
    assert texted.replies[0].startswith("Sent to supervisor 赵主管."), texted.replies
    assert "last 4 characters of your ID" in texted.replies[-1]
    assert sum(parts(reply) for reply in texted.replies) <= 2, texted.replies
