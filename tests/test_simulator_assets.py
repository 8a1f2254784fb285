"""The simulator page as served: labels from the catalog in each locale, the Official Account's own menu, its
script and style from this server only."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

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
        assert {item["key"] for item in config["menu"]} == known_keys()
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


def test_the_menu_shows_the_names_laborers_see_on_the_official_account() -> None:
    installed: dict[str, str] = {}
    for button in json.loads(DEPLOY_MENU.read_text(encoding="utf-8"))["button"]:
        for entry in button.get("sub_button", [button]):
            if entry.get("type") == "click":
                installed[entry["key"]] = entry["name"]
    for locale in LOCALES:
        shown = {item["key"]: item["name"] for item in menu(catalog(locale))}
        assert {key: shown[key] for key in installed} == installed, locale
        assert list(shown)[:len(installed)] == list(installed)  # in the installed order
