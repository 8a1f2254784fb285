"""Pages tested in a real headless Chromium (Debian's package, driven by Playwright).

No browser can be downloaded at run time here: `.ci/install-chromium.sh` installs Debian's Chromium and a
CJK font. Without it these tests fail in CI and are skipped elsewhere, like the Kannel ones.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator
from typing import Any

import pytest

CHROMIUM = os.environ.get("JIUYE_TEST_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


def require_chromium() -> None:
    if os.access(CHROMIUM, os.X_OK):
        return
    message = "Chromium is not installed: run .ci/install-chromium.sh"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture
async def page() -> AsyncIterator[Any]:
    """A fresh page in its own browser (a launch takes well under a second here)."""
    require_chromium()
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        context = await browser.new_context(locale="zh-CN")
        page = await context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        try:
            yield page
        finally:
            await browser.close()
        assert not errors, f"JavaScript errors on the page: {errors}"
