"""The simulator page (/simulator) in a real browser: what a visitor sees of the product, on a phone and a laptop."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

from playwright.async_api import Page, Route, expect

from bot import keys
from bot.channels.simulator_page import menu
from dialogs.i18n import catalog
from dialogs.sms_text import coding_for, length, parts
from dialogs.types import Inbound
from tests.browser.conftest import require_chromium
from tests.fakes.identity import make_id

ZH = catalog("zh_CN")
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}


def label(key: str, **params: object) -> str:
    return ZH.get(f"simulator.{key}").format(**params)


async def _open(page: Page, client: Any, user: str | None = None) -> None:
    require_chromium()
    await page.goto(str(client.make_url("/simulator")))
    await expect(page.locator("#text")).to_be_visible()
    if user is not None:
        await page.fill("#user", user)
        await page.press("#user", "Enter")


async def _type(page: Page, text: str) -> None:
    await page.fill("#text", text)
    await page.press("#text", "Enter")


async def _debug(page: Page, on: bool) -> None:
    """The 调试信息 switch: in the toolbar on a laptop, under ⋯ on a phone."""
    if await page.locator("#tools-toggle").is_visible():
        await page.click("#tools-toggle")
    switch = page.locator("label.switch")
    await expect(switch).to_have_text(label("debug"))
    await switch.click()
    await expect(page.locator("#debug")).to_be_checked(checked=on)
    await page.keyboard.press("Escape")


async def _check_layout(page: Page, viewport: dict[str, int]) -> None:
    """One toolbar line, the input bar inside the viewport, nothing wider than the screen."""
    toolbar = await page.locator("#toolbar").bounding_box()
    composer = await page.locator("#composer").bounding_box()
    assert toolbar is not None and composer is not None
    assert toolbar["y"] == 0 and toolbar["height"] <= 60, toolbar  # one line: it does not wrap
    for item in await page.locator("#toolbar > :visible").all():
        box = await item.bounding_box()
        assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= toolbar["height"], box
    assert composer["y"] >= toolbar["height"] and composer["y"] + composer["height"] <= viewport["height"], composer
    assert composer["width"] <= viewport["width"]
    widths = await page.evaluate("[document.documentElement.scrollWidth, document.body.scrollWidth, innerWidth]")
    assert max(widths[:2]) <= widths[2] == viewport["width"], widths  # no horizontal scroll
    assert await page.evaluate("document.scrollingElement.scrollTop") == 0  # the page itself never scrolls


async def test_a_phone_and_a_laptop_see_the_whole_page(page: Page, client: Any, tmp_path: Path) -> None:
    origin = str(client.make_url("")).rstrip("/")
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    for name, viewport in (("phone", PHONE), ("laptop", LAPTOP)):
        await page.set_viewport_size(viewport)
        await _open(page, client, user=f"sim-{name}")
        await expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
        await expect(page.locator(".empty .hint")).to_have_text(label("hint_wechat"))
        assert await page.locator(".empty .examples button").all_text_contents() == [
            "你好", "我想找工作", "厂子倒闭了", "人工"]
        for visible in ("#user", "[data-channel=wechat]", "[data-channel=sms]", "#text", "#send .send",
                        ".empty .follow", "#menu-toggle"):
            await expect(page.locator(visible)).to_be_visible()
        # On a phone the tools wait under ⋯; a laptop has room for them in the toolbar.
        await expect(page.locator("#subscribe")).to_be_visible(visible=name == "laptop")
        await expect(page.locator("#tools-toggle")).to_be_visible(visible=name == "phone")
        await _check_layout(page, viewport)
        await page.screenshot(path=tmp_path / f"{name}-empty.png")
        # A conversation longer than the screen, with an ID number and a line that does not break by itself.
        await page.click(".empty .follow")
        await _type(page, "1")
        await _type(page, "王小明")
        await _type(page, make_id())
        await _type(page, "1" * 60)
        await expect(page.locator(".bubble.me")).to_have_count(4)
        await expect(page.locator(".bubble.bot").nth(6)).to_be_visible()
        await expect(page.locator(".bubble.bot").last).to_be_in_viewport()  # the thread followed the messages
        await _check_layout(page, viewport)
        await page.screenshot(path=tmp_path / f"{name}.png")
        if name == "phone":
            await page.click("#tools-toggle")
            await expect(page.locator("#subscribe")).to_be_visible()
            await page.screenshot(path=tmp_path / f"{name}-tools.png")
            await page.keyboard.press("Escape")
            await expect(page.locator("#subscribe")).to_be_hidden()
    assert requests and all(url.startswith(origin + "/") or url.startswith("data:") for url in requests), requests


async def test_a_survey_starts_and_the_debug_lines_wait_behind_their_switch(page: Page, client: Any) -> None:
    await page.set_viewport_size(PHONE)
    await _open(page, client)
    await page.click(".empty .follow")
    await expect(page.locator(".event").first).to_have_text(label("followed"))
    await expect(page.locator(".empty")).to_have_count(0)
    await expect(page.locator(".bubble.bot").first).to_have_text(ZH.get("common.greeting", "wechat"))
    # Typed quickly, one after the other: they go in order, each after the previous answer.
    await _type(page, "1")
    await _type(page, "王小明")
    await _type(page, make_id())
    await expect(page.locator(".debug")).to_have_count(4)
    assert await page.locator(".bubble.me").all_text_contents() == ["1", "王小明", make_id()]
    assert await page.input_value("#text") == ""
    bot = await page.locator(".bubble.bot").all_text_contents()
    assert ZH.get("survey.name.prompt") in bot and ZH.get("survey.id_number.prompt") in bot
    # Off by default: what the dialog waits for is there, not shown.
    for line in await page.locator(".debug").all():
        await expect(line).to_be_hidden()
    await _debug(page, on=True)
    debug = await page.locator(".debug").all_text_contents()
    assert debug[:3] == [label("awaiting", awaiting=a) for a in ("consent", "name", "id_number")]
    assert debug[3] != debug[2]  # a valid ID number moves the survey on
    for line in await page.locator(".debug").all():
        await expect(line).to_be_visible()
    await _debug(page, on=False)
    await expect(page.locator(".debug").first).to_be_hidden()


async def test_the_menu_is_the_official_accounts_menu_bar(page: Page, client: Any) -> None:
    await page.set_viewport_size(PHONE)
    await _open(page, client)
    await expect(page.locator("#menu")).to_be_hidden()
    await page.click("#menu-toggle")
    await expect(page.locator("#text")).to_be_hidden()
    bar = menu(ZH)
    assert await page.locator("#menu .top").all_text_contents() == [entry["name"] for entry in bar]
    # A group opens upwards with its buttons; a button sends its CLICK key.
    more = page.locator("#menu .group", has_text=bar[-1]["name"])
    await more.click()
    popup = page.locator("#menu .popup.open button")
    assert await popup.all_text_contents() == [item["name"] for item in bar[-1]["items"]]
    await page.click("#menu .popup.open button[data-key=human]")
    await expect(page.locator(".bubble.bot").last).to_have_text(ZH.get("common.human_requested", "wechat"))
    assert await page.locator(".event").all_text_contents() == [label("clicked", label="找工作人员")]
    await expect(popup).to_have_count(0)  # closed after the click
    await more.click()
    await page.click("#menu .popup.open button[data-key=help]")
    await expect(page.locator(".bubble.bot", has_text=ZH.get("common.help", "wechat"))).to_have_count(1)
    # Clicking elsewhere closes an open group.
    await page.locator("#menu .group").first.click()
    await expect(popup).not_to_have_count(0)
    await page.click("#threads")
    await expect(popup).to_have_count(0)
    await page.click("#menu-toggle")  # back to the keyboard
    await expect(page.locator("#text")).to_be_visible()


async def test_sms_bubbles_count_characters_and_parts_as_the_service_does(page: Page, client: Any) -> None:
    await page.set_viewport_size(PHONE)
    await _open(page, client, user="13900000001")
    await _type(page, "你好")  # on WeChat first: its thread stays where it was
    await expect(page.locator(".thread:visible .bubble.bot")).not_to_have_count(0)
    await page.click("[data-channel=sms]")
    await expect(page.locator(".thread:visible .empty .hint")).to_have_text(label("hint_sms"))
    await expect(page.locator("#menu-toggle")).to_be_hidden()
    await expect(page.locator("#subscribe")).to_have_count(1)
    await expect(page.locator("#subscribe")).to_be_hidden()
    long = ("我在东莞电子厂干了三年, 现在厂子倒闭了, 老板还欠我两个月工资没给, 社保也没交, "
            "想问问能不能帮我要回来, 还想找个离家近的活, 工资高一点的, 一个月五六千块就行")
    assert parts(long) == 2
    await _type(page, long)
    await _type(page, "人工")
    # The report's answer and whom else to turn to (12333), then 人工's: wait for the last before counting (a count
    # taken while the replies arrive could pass on the way).
    await expect(page.locator(".thread:visible .bubble.bot").last).to_have_text(ZH.get("common.human_requested", "sms"))
    await expect(page.locator(".thread:visible .bubble.bot")).to_have_count(3)
    for row in await page.locator(".thread:visible .row").all():
        text = await row.locator(".bubble").text_content()
        assert text is not None
        count = label("sms_count", chars=length(text, coding_for(text)), parts=parts(text))
        await expect(row.locator(".count")).to_have_text(count)
    assert ZH.get("common.human_requested", "sms") in await page.locator(".bubble.bot").all_text_contents()
    # The count under the input while typing, at the edges of one and two parts, for both codings.
    for text in ("hello", "a" * 160, "a" * 161, "a" * 307, "{€}", "汉" * 70, "汉" * 71, "汉" * 134, "汉" * 135,
                 "😀" * 35, "😀" * 36, "1个" + "a" * 68, "\n".join(["@£$¥"] * 3)):
        await page.fill("#text", text)
        await expect(page.locator("#typing-count")).to_have_text(
            label("sms_count", chars=length(text, coding_for(text)), parts=parts(text)))
    # Back on WeChat: that thread as it was, no counts.
    await page.click("[data-channel=wechat]")
    await expect(page.locator(".thread:visible .bubble.me")).to_have_text(["你好"])
    await expect(page.locator(".thread:visible .count")).to_have_count(0)


async def _push(client: Any, user: str, text: str) -> None:
    """A scheduled message for a simulated person, the way check-ins enter: a synthetic inbound whose reply is
    queued in the outbox, sent by the outbox worker."""
    app = client.server.app
    await app[keys.DISPATCHER].submit(Inbound(
        channel="wechat", address=user, kind="text", dedup_key=f"push:{uuid.uuid4().hex}",
        received_at=app[keys.CLOCK].now(), text=text, transport="internal", simulated=True))
    app[keys.OUTBOX].wake()


async def test_pushed_messages_arrive_once_in_order_marked_as_pushes(page: Page, client: Any) -> None:
    await _open(page, client, user="sim-push")
    await _type(page, "你好")
    await expect(page.locator(".bubble.bot")).not_to_have_count(0)
    await _push(client, "sim-push", "人工")
    pushed = page.locator(".row.push")
    await expect(pushed).to_have_count(1)
    await expect(pushed.locator(".bubble")).to_have_text(ZH.get("common.human_requested", "wechat"))
    # Sent at 10:00 in Shanghai by the test clock (02:00 UTC): the service's time zone, not the browser's.
    await expect(pushed.locator(".tag")).to_contain_text(label("push"))
    await expect(pushed.locator(".tag")).to_contain_text("10:00")
    # A reply in between, then a push of two messages: each shown once, the pushes in the order sent.
    await _type(page, "你好")
    await expect(page.locator(".bubble.me")).to_have_count(2)
    await _push(client, "sim-push", "帮助")
    await expect(pushed).to_have_count(3)
    texts = await pushed.locator(".bubble").all_text_contents()
    assert texts[:2] == [ZH.get("common.human_requested", "wechat"), ZH.get("common.help", "wechat")]
    assert texts[2].startswith(ZH.get("menu.title"))
    # More rounds of asking change nothing (the page asks again only after showing the previous answer).
    for _ in range(3):
        async with page.expect_request(lambda request: "/simulator/inbox" in request.url, timeout=10_000):
            pass
    assert await pushed.locator(".bubble").all_text_contents() == texts
    # Another user's thread has none of them.
    await page.fill("#user", "sim-push-other")
    await page.press("#user", "Enter")
    await expect(page.locator(".thread:visible .empty")).to_be_visible()
    await expect(page.locator(".thread:visible .row.push")).to_have_count(0)


async def test_errors_are_shown_in_red_and_the_next_message_still_goes(page: Page, client: Any) -> None:
    await _open(page, client)
    # The service refuses: its own words after ours.
    await _type(page, "长" * 2001)
    await expect(page.locator(".error").last).to_have_text(
        label("error_refused", status=400, detail="text must be a string of at most 2000 characters"))
    # The database is down (503), something in between answers with an HTML error page, the network fails.
    answers = iter(["503", "html", "abort"])

    async def in_between(route: Route) -> None:
        answer = next(answers, None)
        if answer == "503":
            await route.fulfill(status=503, content_type="application/json",
                                body=json.dumps({"error": "database unavailable, try again"}))
        elif answer == "html":
            await route.fulfill(status=502, content_type="text/html", body="<html>Bad Gateway</html>")
        else:
            await route.abort()

    await page.route("**/simulator/messages", in_between)
    for _ in range(3):
        await _type(page, "你好")
    await expect(page.locator(".error")).to_have_count(4)
    assert (await page.locator(".error").all_text_contents())[1:] == [
        label("error_unavailable"), label("error_http", status=502, reason="Bad Gateway"), label("error_network")]
    color = await page.locator(".error").first.evaluate("e => getComputedStyle(e).color")
    assert color == "rgb(179, 38, 30)"  # red
    await page.unroute("**/simulator/messages")
    await _type(page, "人工")
    await expect(page.locator(".bubble.bot").last).to_have_text(ZH.get("common.human_requested", "wechat"))
    # The pushes cannot be fetched: said once at the top, gone when they can again.
    await page.route("**/simulator/inbox*", lambda route: route.abort())
    await expect(page.locator("#push-status")).to_be_visible(timeout=10_000)
    await expect(page.locator("#push-status")).to_have_text(label("push_offline"))
    await page.unroute("**/simulator/inbox*")
    await expect(page.locator("#push-status")).to_be_hidden(timeout=10_000)


async def test_the_page_in_english_keeps_the_user_and_the_laborers_menu(page: Page, client: Any) -> None:
    await page.set_viewport_size(PHONE)
    await _open(page, client, user="sim-en")
    await page.click("#tools-toggle")
    await page.click("#language")
    await expect(page.locator("html")).to_have_attribute("lang", "en")
    en = catalog("en")
    await expect(page.locator("#text")).to_have_attribute("placeholder", en.get("simulator.placeholder_wechat"))
    # The page's script fills the field in after the server-rendered page shows: wait for it, not a snapshot.
    await expect(page.locator("#user")).to_have_value("sim-en")
    # The Official Account menu is the one laborers see, whatever language the staff read.
    assert menu(en) == menu(ZH)
    await page.click("#tools-toggle")
    await page.click("#language")
    await expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
