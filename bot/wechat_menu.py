"""The Official Account menu file: checked against WeChat's limits and our menu ids before it is installed."""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from bot.clock import Clock
from bot.settings import Settings
from bot.wechat_api import WeChatApi
from dialogs.engine import MENU
from storage.crypto import FieldCipher
from storage.db import create_engine, session_factory

# WeChat's limits for menu/create: 1-3 top-level buttons, 1-5 under each; names in UTF-8 bytes.
MAX_TOP = 3
MAX_SUB = 5
MAX_TOP_NAME_BYTES = 16
MAX_SUB_NAME_BYTES = 60
MAX_KEY_BYTES = 128
MAX_URL_BYTES = 1024
# Only what the service handles: clicks reach the dialog engine, views and mini programs leave it.
SUPPORTED_TYPES = frozenset({"click", "view", "miniprogram"})


class MenuError(ValueError):
    """The menu file is unusable; `problems` lists every reason, each naming the button."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def known_keys() -> frozenset[str]:
    """CLICK keys the dialog engine acts on: its menu ids, plus help."""
    return frozenset({menu_id for menu_id, _label in MENU} | {"help"})


def load_menu(path: Path) -> dict[str, Any]:
    """Read and validate a menu file; raises MenuError."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise MenuError([f"cannot read {path}: {exc.strerror}"]) from None
    except UnicodeDecodeError:
        raise MenuError([f"{path} is not UTF-8 text"]) from None
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        raise MenuError([f"{path} is not valid JSON ({where}: {exc.msg})"]) from None
    problems = validate_menu(data)
    if problems:
        raise MenuError(problems)
    menu: dict[str, Any] = data
    return menu


def validate_menu(data: Any, keys: Iterable[str] | None = None) -> list[str]:
    """Every problem with a menu in WeChat's menu/create format (empty when it is fine)."""
    allowed = frozenset(keys) if keys is not None else known_keys()
    if not isinstance(data, dict) or not isinstance(data.get("button"), list):
        return ['the menu must be a JSON object with a "button" list']
    buttons: list[Any] = data["button"]
    problems: list[str] = []
    if not 1 <= len(buttons) <= MAX_TOP:
        problems.append(f"the menu needs 1 to {MAX_TOP} top-level buttons, it has {len(buttons)}")
    for i, button in enumerate(buttons, 1):
        where = f"button {i}"
        if not isinstance(button, dict):
            problems.append(f"{where}: must be an object")
            continue
        problems += _check_name(where, button, MAX_TOP_NAME_BYTES)
        subs = button.get("sub_button")
        if subs is None:
            problems += _check_action(where, button, allowed)
            continue
        if not isinstance(subs, list) or not 1 <= len(subs) <= MAX_SUB:
            problems.append(f"{where}: sub_button must list 1 to {MAX_SUB} buttons")
            continue
        if "type" in button:
            problems.append(f"{where}: a button with sub_button takes no type of its own")
        for j, sub in enumerate(subs, 1):
            sub_where = f"{where}.{j}"
            if not isinstance(sub, dict):
                problems.append(f"{sub_where}: must be an object")
                continue
            if "sub_button" in sub:
                problems.append(f"{sub_where}: menus have only two levels")
            problems += _check_name(sub_where, sub, MAX_SUB_NAME_BYTES)
            problems += _check_action(sub_where, sub, allowed)
    return problems


def _check_name(where: str, button: dict[str, Any], limit: int) -> list[str]:
    name = button.get("name")
    if not isinstance(name, str) or not name.strip():
        return [f"{where}: needs a name"]
    size = len(name.encode())
    if size > limit:
        return [f"{where} ({name}): the name is {size} bytes, WeChat allows {limit}"]
    return []


def _check_action(where: str, button: dict[str, Any], allowed: frozenset[str]) -> list[str]:
    kind = button.get("type")
    label = f"{where} ({button.get('name')})"
    if kind not in SUPPORTED_TYPES:
        return [f"{label}: type must be one of {sorted(SUPPORTED_TYPES)}, got {kind!r}"]
    if kind == "click":
        key = button.get("key")
        if not isinstance(key, str) or not key:
            return [f"{label}: a click button needs a key"]
        if len(key.encode()) > MAX_KEY_BYTES:
            return [f"{label}: the key is longer than {MAX_KEY_BYTES} bytes"]
        if key not in allowed:
            return [f"{label}: unknown key {key!r}; the service knows {sorted(allowed)}"]
        return []
    url = button.get("url")
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        return [f"{label}: a {kind} button needs an http(s) url"]
    if len(url.encode()) > MAX_URL_BYTES:
        return [f"{label}: the url is longer than {MAX_URL_BYTES} bytes"]
    if kind == "miniprogram" and not (isinstance(button.get("appid"), str) and isinstance(
            button.get("pagepath"), str)):
        return [f"{label}: a miniprogram button needs appid and pagepath"]
    return []


async def install_menu(settings: Settings, menu: Mapping[str, Any]) -> None:
    """Install a validated menu with the service's own token handling; raises WeChatApiError."""
    engine = create_engine(settings.database_url, pool_size=1)
    try:
        api = WeChatApi(
            session_factory(engine), FieldCipher(settings.secret_key), Clock(settings.tz),
            base_url=settings.wechat_api_base, app_id=settings.wechat_app_id,
            app_secret=settings.wechat_app_secret, holder=f"cli:{socket.gethostname()}:{os.getpid()}",
        )
        try:
            await api.create_menu(menu)
        finally:
            await api.close()
    finally:
        await engine.dispose()
