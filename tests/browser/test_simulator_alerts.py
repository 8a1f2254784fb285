"""The caseworker's side of the simulator page: what the alerts about simulator users look like beside the chat
on a laptop, and behind the bell on a phone."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from playwright.async_api import Page, expect

from tests.browser.test_simulator_page import LAPTOP, PHONE, _check_layout, _open, _type, label
from tests.fakes.identity import make_id
from tests.survey.helpers import say


async def _a_person_asks_for_a_person(page: Page) -> None:
    """Halfway through the survey (name and phone given), 人工: the alert names the person, masked."""
    await page.click(".empty .follow")
    for text in ("1", "王小明", make_id(), "13812345678", "人工"):
        await _type(page, text)
    await expect(page.locator(".thread:visible .bubble.me")).to_have_count(5)


async def _inside(page: Page, selector: str, viewport: dict[str, int]) -> dict[str, float]:
    box = await page.locator(selector).bounding_box()
    assert box is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], (selector, box)
    assert box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"], (selector, box)
    return box


async def _nothing_cut(page: Page) -> None:
    """No alert's text runs out of its card (a long line without breaks, say)."""
    overflow = await page.eval_on_selector_all(
        "#alert-list .alert, #alert-list .alert *", "nodes => nodes.filter(n => n.scrollWidth > n.clientWidth + 1)"
        ".map(n => n.className)")
    assert overflow == []


async def test_on_a_laptop_the_alert_shows_beside_the_chat(page: Page, client: Any, tmp_path: Path) -> None:
    await page.set_viewport_size(LAPTOP)
    await _open(page, client, user="sim-laptop")
    panel = page.locator("#alerts")
    await expect(panel).to_be_visible()
    await expect(page.locator("#alerts-title")).to_have_text(label("alerts.title"))
    await expect(page.locator("#alerts-empty")).to_have_text(label("alerts.empty"))
    await expect(page.locator("#alerts-toggle")).to_be_hidden()  # room enough: no bell, no sheet
    await _a_person_asks_for_a_person(page)
    alert = page.locator("#alert-list .alert")
    await expect(alert).to_have_count(1)
    await expect(alert.locator(".alert-kind")).to_have_text(label("alert_kind.human_requested"))
    await expect(alert.locator(".alert-text")).to_contain_text("王*明 (138****5678")
    await expect(alert.locator(".alert-to")).to_have_text(label("alerts.to", caseworker="未分配"))
    await expect(alert.locator(".alert-status")).to_have_text(label("alert_status.sent"))
    # Raised by the test clock at 10:00 in Shanghai on 26 November: with the date unless that is today.
    await expect(alert.locator(".alert-time")).to_have_text(re.compile(r"^(\D*11\D+26\D* )?10:00$"))
    await expect(page.locator("#alerts-empty")).to_be_hidden()
    # About the user chatting now: marked; another simulator user's alert is shown, unmarked, below it.
    await expect(alert).to_have_class("alert mine")
    await expect(alert.locator(".alert-mine")).to_have_text(label("alerts.mine"))
    await say(client, "sim-someone-else", "人工")
    await expect(alert).to_have_count(2)
    await expect(alert.nth(1)).not_to_have_class("alert mine")
    await expect(alert.nth(1).locator(".alert-mine")).to_be_hidden()
    assert [await row.get_attribute("data-id") for row in await alert.all()] == sorted(
        [await row.get_attribute("data-id") for row in await alert.all()], key=int)  # newest at the bottom
    await _check_layout(page, LAPTOP)
    chat, side = await _inside(page, "#phone", LAPTOP), await _inside(page, "#alerts", LAPTOP)
    assert chat["x"] + chat["width"] <= side["x"], (chat, side)  # beside, not over, the chat
    await _nothing_cut(page)
    await page.screenshot(path=tmp_path / "laptop-alerts.png")
    # The mark follows the user chosen in the toolbar.
    await page.fill("#user", "sim-someone-else")
    await page.press("#user", "Enter")
    await expect(alert.nth(1)).to_have_class("alert mine")
    await expect(alert.nth(0)).not_to_have_class("alert mine")


async def test_on_a_phone_the_bell_counts_new_alerts_and_opens_them(page: Page, client: Any, tmp_path: Path) -> None:
    await page.set_viewport_size(PHONE)
    await _open(page, client, user="13900000009")
    bell, count, panel = page.locator("#alerts-toggle"), page.locator("#alerts-count"), page.locator("#alerts")
    await expect(bell).to_be_visible()
    await expect(panel).to_be_hidden()
    await expect(count).to_be_hidden()
    await _a_person_asks_for_a_person(page)
    await say(client, "sim-someone-else", "人工")
    await expect(count).to_have_text("2")
    await expect(bell).to_have_attribute("aria-label", f"{label('alerts.title')} · {label('alerts.unseen', count=2)}")
    await _check_layout(page, PHONE)  # the bell keeps the toolbar on one line
    assert await page.eval_on_selector("#user", "e => e.scrollWidth <= e.clientWidth")  # the user's number whole
    await page.screenshot(path=tmp_path / "phone-bell.png")
    await bell.click()
    await expect(panel).to_be_visible()
    await expect(bell).to_have_attribute("aria-expanded", "true")
    await expect(count).to_be_hidden()  # seen
    alert = page.locator("#alert-list .alert")
    await expect(alert).to_have_count(2)
    await expect(alert.first.locator(".alert-text")).to_contain_text("王*明 (138****5678")
    await expect(alert.first).to_have_class("alert mine")
    await expect(alert.nth(1)).not_to_have_class("alert mine")
    # Perhaps still queued when first fetched: the same cards turn to sent.
    await expect(alert.locator(".status-sent")).to_have_text([label("alert_status.sent")] * 2, timeout=10_000)
    sheet = await _inside(page, "#alerts", PHONE)
    toolbar = await page.locator("#toolbar").bounding_box()
    assert toolbar is not None and sheet["y"] >= toolbar["height"] and sheet["width"] == PHONE["width"], sheet
    await _nothing_cut(page)
    await _check_layout(page, PHONE)
    await page.screenshot(path=tmp_path / "phone-alerts.png")
    # While open, new alerts are seen at once; closed (✕ or Escape), the chat is back.
    await say(client, "sim-a-third", "人工")
    await expect(alert).to_have_count(3)
    await expect(count).to_be_hidden()
    await page.click("#alerts-close")
    await expect(panel).to_be_hidden()
    await expect(page.locator("#text")).to_be_visible()
    await bell.click()
    await expect(panel).to_be_visible()
    await page.keyboard.press("Escape")
    await expect(panel).to_be_hidden()
    await expect(bell).to_have_attribute("aria-expanded", "false")


async def test_alerts_that_cannot_be_fetched_say_so_and_come_later(page: Page, client: Any) -> None:
    await page.set_viewport_size(LAPTOP)
    await page.route("**/simulator/alerts*", lambda route: route.abort())
    await _open(page, client, user="sim-offline")
    await expect(page.locator("#alerts-status")).to_have_text(label("alerts.offline"))
    await expect(page.locator("#alerts-status")).to_be_visible()
    await _type(page, "人工")
    await expect(page.locator(".bubble.bot")).not_to_have_count(0)  # the chat goes on without them
    await page.unroute("**/simulator/alerts*")
    await expect(page.locator("#alert-list .alert")).to_have_count(1, timeout=10_000)
    await expect(page.locator("#alerts-status")).to_be_hidden()
