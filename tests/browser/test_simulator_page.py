"""The simulator page (/simulator) in a real browser: what a developer sees after the quick start."""

from __future__ import annotations

from typing import Any

from playwright.async_api import Page, Route, expect

from dialogs.i18n import catalog
from tests.browser.conftest import require_chromium

ZH = catalog("zh_CN")


async def _open(page: Page, client: Any) -> None:
    require_chromium()
    await page.goto(str(client.make_url("/simulator")))
    await expect(page.locator("#text")).to_be_visible()


async def _type(page: Page, text: str) -> None:
    await page.fill("#text", text)
    await page.press("#text", "Enter")


async def test_a_conversation_with_replies_and_what_the_dialog_waits_for(page: Page, client: Any) -> None:
    await _open(page, client)
    await page.click("#subscribe")
    await expect(page.locator(".meta").last).to_have_text("awaiting: consent")
    assert await page.locator(".me").all_text_contents() == ["[subscribe]"]
    assert ZH.get("common.greeting", "wechat") in " ".join(
        await page.locator(".bot").all_text_contents()
    )
    # Typed quickly, one after the other: they go in order, each after the previous answer.
    await _type(page, "1")
    await _type(page, "王小明")
    await expect(page.locator(".meta")).to_have_count(3)
    assert await page.locator(".meta").all_text_contents() == [
        "awaiting: consent", "awaiting: name", "awaiting: id_number"
    ]
    assert await page.locator(".me").all_text_contents() == ["[subscribe]", "1", "王小明"]
    assert await page.input_value("#text") == ""


async def test_menu_buttons_send_the_menu_keys(page: Page, client: Any) -> None:
    await _open(page, client)
    assert await page.locator("#menu button").all_text_contents() == [
        "help", "human", "jobs", "language", "survey", "training"]
    await page.click("#menu button:text-is('human')")
    await expect(page.locator(".bot").last).to_have_text(ZH.get("common.human_requested", "wechat"))
    assert await page.locator(".me").all_text_contents() == ["[menu: human]"]


async def test_the_sms_channel_answers_with_the_sms_texts(page: Page, client: Any) -> None:
    await _open(page, client)
    await page.fill("#user", "13900000001")
    await page.select_option("#channel", "sms")
    await _type(page, "人工")
    await expect(page.locator(".bot").last).to_have_text(ZH.get("common.human_requested", "sms"))


async def test_errors_are_shown_and_the_next_message_still_goes(page: Page, client: Any) -> None:
    await _open(page, client)
    # The service refuses: its own words are shown.
    await _type(page, "长" * 2001)
    await expect(page.locator(".error").last).to_have_text("text must be a string of at most 2000 characters")
    # Something in between answers with an HTML error page, then the network fails altogether.
    answers = iter(["html", "abort"])

    async def in_between(route: Route) -> None:
        if next(answers, None) == "html":
            await route.fulfill(status=502, content_type="text/html", body="<html>Bad Gateway</html>")
        else:
            await route.abort()

    await page.route("**/simulator/messages", in_between)
    await _type(page, "你好")
    await expect(page.locator(".error")).to_have_count(2)
    await _type(page, "你好")
    await expect(page.locator(".error")).to_have_count(3)
    assert (await page.locator(".error").all_text_contents())[1:] == [
        "HTTP 502 Bad Gateway",
        "not sent: the service did not answer (is jiuye serve running?)",
    ]
    await page.unroute("**/simulator/messages")
    await _type(page, "人工")
    await expect(page.locator(".bot").last).to_have_text(ZH.get("common.human_requested", "wechat"))
