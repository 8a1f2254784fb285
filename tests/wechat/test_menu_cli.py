"""`jiuye wechat menu FILE`: validates the menu file and installs it at the (loopback) WeChat API."""

from __future__ import annotations

import asyncio
import base64
import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from bot.wechat_menu import known_keys, validate_menu
from tests.conftest import SECRET
from tests.fakes.wechat_api import APP_ID, APP_SECRET, MENU_CREATE, STABLE_TOKEN, FakeWeChatApi

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "deploy" / "wechat-menu.json"


async def jiuye(args: list[str], database_url: str, api: FakeWeChatApi) -> tuple[int, str, str]:
    """Run the real command line in its own process, configured like a deployment."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("JIUYE_")} | {
        "JIUYE_DATABASE_URL": database_url,
        "JIUYE_SECRET_KEY": base64.urlsafe_b64encode(SECRET).decode(),
        "JIUYE_WECHAT_TOKEN": "test-token",
        "JIUYE_WECHAT_APP_ID": APP_ID,
        "JIUYE_WECHAT_APP_SECRET": APP_SECRET,
        "JIUYE_WECHAT_API_BASE": api.url,
    }
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", *args, cwd=ROOT, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(proc.communicate(), timeout=60)
    assert proc.returncode is not None
    return proc.returncode, out.decode(), err.decode()


async def test_installs_the_sample_menu(database_url: str, wechat_api: FakeWeChatApi) -> None:
    code, out, err = await jiuye(["wechat", "menu", str(SAMPLE)], database_url, wechat_api)
    assert code == 0, err
    assert "menu installed" in out
    assert wechat_api.menu == json.loads(SAMPLE.read_text(encoding="utf-8"))
    assert wechat_api.token_fetches == 1
    [call] = wechat_api.calls(MENU_CREATE)
    assert call.errcode == 0
    # The token went through the shared store: never on the command line's output.
    assert wechat_api.issued_tokens[0] not in out + err


async def test_rejects_an_invalid_menu_with_every_reason(
    database_url: str, wechat_api: FakeWeChatApi, tmp_path: Path
) -> None:
    bad = tmp_path / "menu.json"
    bad.write_text(json.dumps({"button": [
        {"type": "click", "name": "天气", "key": "weather"},
        {"type": "click", "name": "这个名字实在是太长了", "key": "survey"},
        {"name": "更多", "sub_button": [{"type": "view", "name": "网站", "url": "ftp://x"}]},
        {"type": "click", "name": "帮助", "key": "help"},
    ]}, ensure_ascii=False), encoding="utf-8")
    code, _, err = await jiuye(["wechat", "menu", str(bad)], database_url, wechat_api)
    assert code == 1
    assert "not a usable menu" in err
    assert "1 to 3 top-level buttons" in err
    assert "unknown key 'weather'" in err
    assert "30 bytes, WeChat allows 16" in err
    assert "needs an http(s) url" in err
    assert wechat_api.requests == []  # nothing was sent, not even a token request


async def test_rejects_a_file_that_is_not_json(database_url: str, wechat_api: FakeWeChatApi, tmp_path: Path) -> None:
    bad = tmp_path / "menu.json"
    bad.write_text('{"button": [', encoding="utf-8")
    code, _, err = await jiuye(["wechat", "menu", str(bad)], database_url, wechat_api)
    assert code == 1
    assert "is not valid JSON (line 1" in err
    assert wechat_api.requests == []


async def test_reports_wechat_refusing_the_menu(database_url: str, wechat_api: FakeWeChatApi) -> None:
    wechat_api.fail(40016, path=MENU_CREATE)
    code, _, err = await jiuye(["wechat", "menu", str(SAMPLE)], database_url, wechat_api)
    assert code == 1
    assert "WeChat did not install the menu" in err and "errcode 40016" in err
    assert len(wechat_api.calls(STABLE_TOKEN)) == 1


def test_the_sample_menu_is_valid_and_uses_every_known_key() -> None:
    menu = json.loads(SAMPLE.read_text(encoding="utf-8"))
    assert validate_menu(menu) == []
    keys = {b["key"] for top in menu["button"] for b in [top, *top.get("sub_button", [])] if "key" in b}
    assert keys == known_keys() == {"survey", "jobs", "training", "human", "language", "help"}


@pytest.mark.parametrize(("menu", "problem"), [
    ([], 'a "button" list'),
    ({"button": []}, "1 to 3 top-level buttons, it has 0"),
    ({"button": [{"name": "多", "sub_button": [{"type": "click", "name": "帮助", "key": "help"}] * 6}]},
     "sub_button must list 1 to 5"),
    ({"button": [{"name": "多", "type": "click", "key": "help",
                  "sub_button": [{"type": "click", "name": "帮助", "key": "help"}]}]}, "takes no type"),
    ({"button": [{"type": "scancode_push", "name": "扫码", "key": "help"}]}, "type must be one of"),
    ({"button": [{"type": "click", "name": "帮助"}]}, "needs a key"),
    ({"button": [{"type": "click", "key": "help"}]}, "needs a name"),
    ({"button": [{"type": "miniprogram", "name": "小程序", "url": "https://example.org"}]}, "appid and pagepath"),
    ({"button": [{"name": "多", "sub_button": [{"type": "click", "name": "长" * 21, "key": "help"}]}]},
     "63 bytes, WeChat allows 60"),
])
def test_menu_limits(menu: Any, problem: str) -> None:
    problems = validate_menu(menu)
    assert any(problem in p for p in problems), problems
