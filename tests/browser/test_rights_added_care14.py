"""care14, in a real Chromium: a problem added to a rights case after its first contact is a contact of its own in
the caseworker's inbox (a task, named for what it is) and on the case's page (its deadline); recording the contact
there does it, and it leaves the inbox."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from playwright.async_api import Page, expect

from bot import keys
from bot.casework import cases
from storage.models import AssistanceCase
from tests.browser.conftest import require_chromium
from tests.browser.test_console_pages import PHONE, _sign_in, served  # noqa: F401 (the fixture)
from tests.console.world import World


async def test_a_problem_added_after_the_first_contact_is_a_contact_to_make_in_the_console(
    page: Page, served: tuple[Any, World],  # noqa: F811
) -> None:
    require_chromium()
    client, world = served
    app = client.server.app
    now = app[keys.CLOCK].now()
    person = world.people["a"].person_id
    async with app[keys.SESSIONS]() as session, session.begin():
        opened = await cases.open_rights_case(session, app[keys.CIPHER], person_id=person, issue="no_contract",
                                              now=now)
        case = await session.get(AssistanceCase, opened.case_id)
        assert case is not None
        await cases.record_first_contact(session, case, now)
        await cases.open_rights_case(session, app[keys.CIPHER], person_id=person, issue="wage_arrears",
                                     now=now + timedelta(hours=1))
    await page.set_viewport_size(PHONE)
    await _sign_in(page, client, "caseworker_a")
    added = page.locator("li.inbox-task").filter(has_text="联系 (权益案件新反映的问题)")
    await expect(added).to_have_count(1)
    await page.goto(str(client.make_url(f"/console/cases/{opened.case_id}")))
    await expect(page.locator("#contact-added")).to_contain_text("新反映的问题还没联系")
    await page.select_option("select[name=kind]", "contact")
    await page.select_option("select[name=channel]", "phone")
    await page.click("#record-contact")
    await expect(page.locator(".flash")).to_have_text("已记录。")
    await expect(page.locator("#contact-added")).to_have_count(0)
    await page.goto(str(client.make_url("/console/")))
    await expect(added).to_have_count(0)
