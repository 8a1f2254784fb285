"""The console in a real Chromium: a caseworker on a 390 px phone signs in, sees the case a check-in opened (the
laborer answered that the job is gone and registered through the chat), records the first contact and hands the
case over; a supervisor sees the county's coverage on a laptop. Screenshots
of each page at 390x844 and 1280x800 go to JIUYE_SCREENSHOTS (or the test's temporary folder)."""

from __future__ import annotations

import os
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import Page, expect
from sqlalchemy import select

from bot import keys
from bot.casework.cases import close_on_job
from bot.settings import Settings
from dialogs.types import Inbound
from storage.models import AssistanceCase, InfoForm, UnemploymentRegistration
from tests.browser.conftest import require_chromium
from tests.checkins.helpers import EMPLOYER, add_people
from tests.console.world import PASSWORD, PHONES, A, B, World, add_form, build

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}


@pytest.fixture
async def served(make_client: Any, settings: Settings) -> tuple[Any, World]:
    client = await make_client(settings.replace(console_secure_cookies=False))
    app = client.server.app
    return client, await build(app[keys.SESSIONS], app[keys.CIPHER], app[keys.CLOCK].now())


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("JIUYE_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


async def _checkin_opens_a_case(app: Any) -> int:
    """A laborer of A registered as employed two weeks ago gets the fortnight's check-in, answers that the job is
    gone and registers through the chat (dispatcher, dialogs, effects): the case is opened. Returns its id."""
    now = app[keys.CLOCK].now()
    [person] = await add_people(app, 1, recorded_at=now - timedelta(days=14), home_division=A)
    swept = await app[keys.DUE_WORK].run_due(now + timedelta(minutes=30))
    assert swept.counts["checkin submitted"] == 1
    for minutes, text in enumerate(("2", "前天", "3", "交了", "六年", "1 2"), start=60):
        at = now + timedelta(minutes=minutes)
        said = await app[keys.DISPATCHER].submit(Inbound(
            channel="wechat", address=f"o{person}", kind="text", dedup_key=uuid.uuid4().hex, received_at=at,
            text=text, transport="wechat", at=at))
    assert "负责您的工作人员是李书记" in said.replies[0]  # the caseworker of A, who signs in below
    async with app[keys.SESSIONS]() as session:
        case = (await session.scalars(select(AssistanceCase).where(AssistanceCase.person_id == person))).one()
        registration = (await session.scalars(select(UnemploymentRegistration)
                                              .where(UnemploymentRegistration.person_id == person))).one()
    assert case.registration_id == registration.id and case.status == "open"
    app[keys.CLOCK].advance(timedelta(hours=2))  # the caseworker signs in after the chat
    return case.id


async def _sign_in(page: Page, client: Any, account: str) -> None:
    await page.goto(str(client.make_url("/console/")))
    await expect(page.locator("input[name=password]")).to_be_visible()  # sent to the login page
    await page.fill("input[name=phone]", PHONES[account].removeprefix("+86"))
    await page.fill("input[name=password]", PASSWORD)
    await page.click("button[type=submit]")
    await expect(page.locator("h1")).to_have_text("我的待办")


async def _fits(page: Page) -> None:
    """Nothing wider than the screen: no sideways scrolling of the page itself."""
    overflow = await page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0


async def test_a_caseworker_works_a_case_on_a_phone(page: Page, served: tuple[Any, World], shots: Path) -> None:
    require_chromium()
    client, world = served
    await page.set_viewport_size(PHONE)
    await page.goto(str(client.make_url("/console/login")))
    await page.screenshot(path=str(shots / "login-390.png"), full_page=True)
    checkin_case = await _checkin_opens_a_case(client.server.app)
    await _sign_in(page, client, "caseworker_a")
    await _fits(page)
    cases = page.locator("li.inbox-case")
    # The check-in's case and 王小红's, both of A: never B's, never the simulated person's.
    await expect(cases).to_have_count(2)
    opened = cases.filter(has=page.locator(f"a[href='/console/cases/{checkin_case}']"))
    await expect(opened).to_contain_text("王小明")  # the name tests/checkins/helpers.py gives
    await expect(page.locator("#cases")).not_to_contain_text(world.people["b"].name)
    await page.screenshot(path=str(shots / "inbox-390.png"), full_page=True)

    await opened.locator("a").click()
    await expect(page).to_have_url(str(client.make_url(f"/console/cases/{checkin_case}")))
    await expect(page.locator("#first-contact")).not_to_contain_text("已于")
    await page.select_option("select[name=kind]", "contact")
    await page.select_option("select[name=channel]", "phone")
    await page.fill("textarea[name=note]", f"电话联系上了，{EMPLOYER}关门了，想在县城找保安的活")
    await page.click("#record-contact")
    await expect(page.locator(".flash")).to_have_text("已记录。")
    await expect(page.locator("#first-contact")).to_contain_text("已于")
    await expect(page.locator("#timeline")).to_contain_text("想在县城找保安的活")
    await _fits(page)
    await page.screenshot(path=str(shots / "case-390.png"), full_page=True)

    # Hand it to the other caseworker of A (only those covering divisions within one's own are offered).
    offered = await page.locator("#reassign-to option").all_text_contents()
    # console18: not the one who has it (李书记 was offered, and selected), and nobody chosen beforehand.
    assert offered == ["选择接手的人", "吴队员 (帮扶责任人)"]
    await page.select_option("#reassign-to", str(world.accounts["caseworker_a2"]))
    await page.click("#reassign")
    await expect(page.locator("#case-owner")).to_have_text("吴队员")
    async with client.server.app[keys.SESSIONS]() as session:
        case = await session.get(AssistanceCase, checkin_case)
    assert case is not None
    assert (case.caseworker_id, case.first_contact_at is not None) == (world.accounts["caseworker_a2"], True)
    # Handed over: no longer in my inbox.
    await page.goto(str(client.make_url("/console/")))
    await expect(cases).to_have_count(1)

    await page.goto(str(client.make_url(f"/console/people/{world.people['a'].person_id}")))
    await expect(page.locator("dd[data-field=id_number]")).to_have_text("5205**********0116")
    await _fits(page)
    await page.screenshot(path=str(shots / "person-390.png"), full_page=True)
    await page.goto(str(client.make_url(f"/console/people/{world.people['b'].person_id}")))
    await expect(page.locator("h1")).to_have_text("找不到这条记录")


async def test_a_supervisor_sees_the_countys_coverage(page: Page, served: tuple[Any, World], shots: Path) -> None:
    require_chromium()
    client, world = served
    # 张大山 of B worked again three weeks after his case opened: re-employment by month has a bar.
    app = client.server.app
    async with app[keys.SESSIONS]() as session, session.begin():
        await close_on_job(session, person_id=world.people["b"].person_id,
                           now=app[keys.CLOCK].now() + timedelta(days=21))
    await page.set_viewport_size(LAPTOP)
    await _sign_in(page, client, "supervisor")
    await page.screenshot(path=str(shots / "inbox-1280.png"), full_page=True)
    await page.click("nav >> text=覆盖情况")
    rows = page.locator("#coverage tbody tr[data-code]")
    await expect(rows).to_have_count(2)  # 草海镇 and 么站镇: the county's townships with people
    assert await rows.locator("td:first-child").all_text_contents() == ["草海镇", "么站镇"]
    await expect(page.locator("#coverage-chart rect")).not_to_have_count(0)
    await expect(page.locator("#reemployment tbody tr")).to_have_count(1)
    await page.screenshot(path=str(shots / "coverage-1280.png"), full_page=True)
    await page.set_viewport_size(PHONE)
    await _fits(page)
    await page.screenshot(path=str(shots / "coverage-390.png"), full_page=True)
    await page.set_viewport_size(LAPTOP)
    await page.click("#coverage >> text=草海镇")
    await expect(page).to_have_url(str(client.make_url(f"/console/coverage?division={A}")))
    await page.goto(str(client.make_url("/console/cases")))
    await page.screenshot(path=str(shots / "cases-1280.png"), full_page=True)
    await page.goto(str(client.make_url(f"/console/cases/{world.people['b'].case_id}")))
    await page.screenshot(path=str(shots / "case-1280.png"), full_page=True)
    await page.goto(str(client.make_url("/console/jobs")))
    await page.screenshot(path=str(shots / "jobs-1280.png"), full_page=True)


async def test_a_supervisor_answers_a_duplicate_id_number_on_review(
        page: Page, served: tuple[Any, World], shots: Path) -> None:
    """王小红 of A registered again from a phone in B with the same ID number: both forms are marked and link each
    other; the supervisor keeps (and approves) the first in one click, the second stays marked and says so."""
    require_chromium()
    client, world = served
    app = client.server.app
    a = world.people["a"]
    twin = await add_form(app[keys.SESSIONS], app[keys.CIPHER], app[keys.CLOCK].now(), name="王小红",
                          id_number=a.id_number, division=B)
    await page.set_viewport_size(PHONE)
    await _sign_in(page, client, "supervisor")
    await page.click("nav >> text=审核")
    marked = page.locator("[data-duplicate]")
    await expect(marked).to_have_count(2)
    first = page.locator(f"[data-duplicate='{a.person_id}']")
    await expect(first).to_contain_text("身份证号与另一条登记相同")
    await expect(first.locator(f"a[href='/console/people/{twin}']")).to_have_text("王小红")
    await _fits(page)
    await page.screenshot(path=str(shots / "review-duplicate-390.png"), full_page=True)
    await first.locator("button", has_text="是同一人").click()
    await expect(page.locator(".flash")).to_have_text("已确认是同一人，这一条已保留。")
    await expect(marked).to_have_count(1)
    # The twin's reviewer reads that the other form was kept: this one is the one to set aside.
    await expect(page.locator(f"[data-duplicate='{twin}']")).to_contain_text("那一条已确认是同一人并保留")
    async with app[keys.SESSIONS]() as session:
        info = await session.scalar(select(InfoForm).where(InfoForm.person_id == a.person_id))
    assert info is not None and info.status == "reviewed"


async def test_every_page_of_the_menu_is_in_sight_on_a_phone(page: Page, served: tuple[Any, World]) -> None:
    """On a 390 px phone the menu ran off the screen (岗位培训 cut in half, hidden behind a sideways scroll nobody
    sees): every entry is wholly on the screen, whatever the text size."""
    require_chromium()
    client, _ = served
    await page.set_viewport_size(PHONE)
    await _sign_in(page, client, "supervisor")
    links = page.locator(".top nav a")
    await expect(links).to_have_count(6)
    for bigger in (False, True):
        if bigger:  # a phone set to large text
            await page.evaluate("document.body.style.fontSize = '21px'")
        for n in range(6):
            box = await links.nth(n).bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], (n, bigger, box)
        await _fits(page)


async def test_the_coverage_table_scrolled_on_a_phone_keeps_its_divisions(
    page: Page, served: tuple[Any, World]
) -> None:
    """On a 390 px phone the coverage table's last columns (open cases, unreachable, overdue) are reached by
    scrolling it sideways; the division's name scrolled away with them, leaving numbers without their row's name.
    It stays in place now."""
    require_chromium()
    client, _ = served
    await page.set_viewport_size(PHONE)
    await _sign_in(page, client, "supervisor")
    await page.goto(str(client.make_url("/console/coverage")))
    table = page.locator("section.scroll")
    assert await table.evaluate("e => e.scrollWidth > e.clientWidth")  # wider than the phone: it scrolls
    await table.evaluate("e => { e.scrollLeft = e.scrollWidth; }")
    name = page.locator("#coverage tbody tr[data-code] td:first-child").first
    last = page.locator("#coverage tbody tr[data-code] td:last-child").first
    name_box, last_box, card = await name.bounding_box(), await last.bounding_box(), await table.bounding_box()
    assert name_box is not None and last_box is not None and card is not None
    assert name_box["x"] >= card["x"] and last_box["x"] + last_box["width"] <= card["x"] + card["width"] + 1
    assert await page.evaluate("([x, y]) => document.elementFromPoint(x, y).textContent",
                               [name_box["x"] + 5, name_box["y"] + name_box["height"] / 2]) == "草海镇"
    await _fits(page)

