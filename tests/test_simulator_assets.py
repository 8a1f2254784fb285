"""The simulator page as served: labels from the catalog in each locale, the Official Account's own menu, its
script and style from this server only."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from bot.casework.alerts import KINDS
from bot.channels.simulator_page import menu
from bot.wechat_menu import known_keys
from dialogs.i18n import LOCALES, catalog
from dialogs.sms_text import GSM7, GSM7_BASIC, UCS2

DEPLOY_MENU = Path(__file__).resolve().parents[1] / "deploy" / "wechat-menu.json"


def _config(page: str) -> dict[str, Any]:
    found = re.search(r'<script id="config" type="application/json">(.*?)</script>', page, re.S)
    assert found is not None
    config: dict[str, Any] = json.loads(found[1])
    return config


async def test_the_page_is_written_in_the_locale_asked_for(client: Any) -> None:
    for asked, locale, lang in ((None, "zh_CN", "zh-CN"), ("en", "en", "en"), ("fr", "zh_CN", "zh-CN"),
                                ("zh_CN", "zh_CN", "zh-CN")):
        resp = await client.get("/simulator", params={"lang": asked} if asked else {})
        assert resp.status == 200 and resp.content_type == "text/html"
        page = await resp.text()
        assert "{{" not in page and "__CONFIG__" not in page  # every label filled in
        assert f'<html lang="{lang}">' in page
        cat = catalog(locale)
        assert f"<title>{cat.get('simulator.page_title')}</title>" in page
        config = _config(page)
        assert config["labels"]["follow"] == cat.get("simulator.follow")
        assert config["labels"]["sms_count"] == cat.get("simulator.sms_count")
        assert config["menu"] == menu(cat)
        assert config["timezone"] == "Asia/Shanghai"
        # The SMS arithmetic is the service's own (dialogs/sms_text.py), not a copy in the script.
        assert set(config["sms"]["gsm7_alphabet"]) == GSM7_BASIC
        assert config["sms"]["ucs2"] == {"single": UCS2.single, "per_part": UCS2.per_part}
        assert config["sms"]["gsm7"] == {"single": GSM7.single, "per_part": GSM7.per_part}


async def test_the_page_runs_only_its_own_script_and_style(client: Any) -> None:
    page = await client.get("/simulator")
    policy = page.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert page.headers["X-Frame-Options"] == "DENY"
    text = await page.text()
    assert re.findall(r'(?:src|href)="([^"]+)"', text) == ["data:,", "/simulator/simulator.css", "?lang=en",
                                                           "/simulator/simulator.js"]
    assert "<script>" not in text  # nothing inline that would run (the config is data)
    for name, kind in (("simulator.js", "text/javascript"), ("simulator.css", "text/css")):
        asset = await client.get(f"/simulator/{name}")
        assert asset.status == 200 and asset.content_type == kind
        assert asset.headers["X-Content-Type-Options"] == "nosniff"
        assert len(await asset.text()) > 1000
    assert (await client.get("/simulator/other.js")).status == 404


def _as_installed(bar: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The simulator's menu bar written as WeChat's menu/create format."""
    def click(item: dict[str, Any]) -> dict[str, Any]:
        return {"type": "click", "name": item["name"], "key": item["key"]}

    return [{"name": entry["name"], "sub_button": [click(item) for item in entry["items"]]} if "items" in entry
            else click(entry) for entry in bar]


def test_the_menu_is_the_one_installed_on_the_official_account() -> None:
    installed = json.loads(DEPLOY_MENU.read_text(encoding="utf-8"))["button"]
    for locale in LOCALES:  # one menu, in Chinese, whatever language the staff read
        bar = menu(catalog(locale))
        assert _as_installed(bar) == installed, locale
        shown = {item["key"] for entry in bar for item in entry.get("items", [entry])}
        assert shown == known_keys()


def test_a_key_the_layout_does_not_place_yet_is_still_in_the_menu() -> None:
    bar = menu(catalog("zh_CN"), layout=("survey", ("find_work", ("jobs",))))
    assert [entry["name"] for entry in bar] == ["登记信息", "找工作"]
    assert [item["key"] for item in bar[-1]["items"]] == ["jobs", "help", "human", "language", "training"]


def test_every_alert_kind_and_status_has_its_words_on_the_page_in_every_locale() -> None:
    """The caseworker's panel tags each alert by kind and says how its delivery went: from the catalog."""
    for locale in LOCALES:
        cat = catalog(locale)
        for kind in sorted(KINDS):
            assert f"simulator.alert_kind.{kind}" in cat, (locale, kind)
        for status in ("queued", "sending", "sent", "failed", "undeliverable"):
            assert f"simulator.alert_status.{status}" in cat, (locale, status)
    tags = [catalog("zh_CN").get(f"simulator.alert_kind.{kind}") for kind in sorted(KINDS)]
    assert len(set(tags)) == len(tags) and max(map(len, tags)) <= 4  # short, and each kind its own
