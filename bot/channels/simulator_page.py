"""The simulator's page: its HTML with the catalog's labels filled in, its script and style, and what the
script is told (labels, the WeChat menu, the SMS arithmetic of dialogs/sms_text.py, the time zone)."""

from __future__ import annotations

import html
import json
import re
from functools import cache
from importlib import resources
from typing import Any

from aiohttp import web

from bot import keys
from bot.wechat_menu import known_keys
from dialogs.engine import MENU
from dialogs.i18n import DEFAULT_LOCALE, LOCALES, Catalog, catalog
from dialogs.sms_text import GSM7, GSM7_BASIC, UCS2

PREFIX = "simulator."
# The Official Account menu as deploy/wechat-menu.json lays it out (tests/test_simulator_assets.py holds the
# two together): top-level buttons, each a CLICK key or a group of keys under a name.
MenuLayout = tuple[str | tuple[str, tuple[str, ...]], ...]
MENU_LAYOUT: MenuLayout = (
    "survey",
    ("find_work", ("jobs", "training")),
    ("more", ("human", "help", "language")),
)
# How often the page asks for pushed messages while it is visible.
POLL_MS = 2000
_LABEL = re.compile(r"\{\{([a-z_.]+)\}\}")
# The page may not be framed by another site (clickjacking), nor its type guessed, and it runs only this
# server's own script and style and talks only to this server: no inline script, nothing from elsewhere.
PAGE_HEADERS = {
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}
ASSETS = {"simulator.js": "text/javascript", "simulator.css": "text/css"}


def menu(cat: Catalog, layout: MenuLayout = MENU_LAYOUT) -> list[dict[str, Any]]:
    """The menu bar: `{"key", "name"}` for a button, `{"name", "items": [buttons]}` for a group. Every CLICK key
    the service acts on is there: one the layout does not place yet goes into the last group."""
    known = known_keys()
    dialog_labels = dict(MENU)

    def button(key: str) -> dict[str, str]:
        own = f"{PREFIX}menu_name.{key}"
        # Neither a name of ours nor a dialog label: CatalogError, as for any missing text.
        return {"key": key, "name": cat.get(own if own in cat or key not in dialog_labels else dialog_labels[key])}

    bar: list[dict[str, Any]] = []
    placed: set[str] = set()
    for entry in layout:
        if isinstance(entry, str):
            placed.add(entry)
            if entry in known:
                bar.append(button(entry))
            continue
        group, keys = entry
        placed |= set(keys)
        if items := [button(key) for key in keys if key in known]:
            bar.append({"name": cat.get(f"{PREFIX}menu_group.{group}"), "items": items})
    if unplaced := sorted(known - placed):
        if not bar or "items" not in bar[-1]:
            bar.append({"name": cat.get(f"{PREFIX}menu_group.more"), "items": []})
        bar[-1]["items"] += [button(key) for key in unplaced]
    return bar


def script_config(locale: str, timezone: str) -> dict[str, Any]:
    cat = catalog(locale)
    return {
        "labels": {key.removeprefix(PREFIX): text for key, text in cat.messages.items() if key.startswith(PREFIX)},
        "menu": menu(cat),
        # The page counts characters and parts of an SMS by the service's own rules, never a copy of them.
        "sms": {
            "gsm7_alphabet": "".join(sorted(GSM7_BASIC)),
            "gsm7": {"single": GSM7.single, "per_part": GSM7.per_part},
            "ucs2": {"single": UCS2.single, "per_part": UCS2.per_part},
        },
        "timezone": timezone,
        "poll_ms": POLL_MS,
    }


@cache
def render(locale: str, timezone: str) -> str:
    cat = catalog(locale)
    template = resources.files("bot").joinpath("static/simulator.html").read_text(encoding="utf-8")
    filled = _LABEL.sub(lambda m: html.escape(cat.get(PREFIX + m.group(1))), template)
    # JSON inside a <script> element: "<" escaped so that no text in it can close the element.
    config = json.dumps(script_config(locale, timezone), ensure_ascii=False).replace("<", "\\u003c")
    return filled.replace("__CONFIG__", config)


async def page(request: web.Request) -> web.Response:
    wanted = request.query.get("lang", DEFAULT_LOCALE)
    locale = wanted if wanted in LOCALES else DEFAULT_LOCALE
    text = render(locale, request.app[keys.SETTINGS].timezone)
    return web.Response(text=text, content_type="text/html", headers=PAGE_HEADERS)


@cache
def _asset(name: str) -> str:
    return resources.files("bot").joinpath(f"static/{name}").read_text(encoding="utf-8")


def _serve(name: str) -> web.RouteDef:
    async def handler(request: web.Request) -> web.Response:
        return web.Response(text=_asset(name), content_type=ASSETS[name], headers={
            "X-Content-Type-Options": "nosniff", "Cache-Control": "no-cache"})

    return web.get(f"/simulator/{name}", handler)


def routes() -> list[web.RouteDef]:
    return [web.get("/simulator", page), *(_serve(name) for name in ASSETS)]
