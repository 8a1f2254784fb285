"""The simulator's two cursor endpoints (`GET /simulator/inbox`, `GET /simulator/alerts`) read `after` with one
helper: a cursor from an earlier answer is taken, anything else is answered 400 with the same clear message."""

from __future__ import annotations

from typing import Any

import pytest

from tests.survey.helpers import say

USER = "sim-after"
NOT_CURSORS = ("", "abc", "1.2.3", "-1.2", "1.", ".1", " 1.2", "999999999999999999.1", "1.9999999999999999999",
               "1e5.1")


@pytest.mark.parametrize("path", ["/simulator/inbox", "/simulator/alerts"])
async def test_after_is_a_cursor_or_a_clear_400(client: Any, path: str) -> None:
    await say(client, USER, "你好")
    query = {"user": USER} if path.endswith("inbox") else {}
    first = await client.get(path, params=query)
    assert first.status == 200
    cursor = "1764000000000000.7"  # the form of a cursor: a sent time in microseconds and an id
    again = await client.get(path, params=query | {"after": cursor})
    assert again.status == 200 and (await again.json())["cursor"] == cursor
    for bad in NOT_CURSORS:
        resp = await client.get(path, params=query | {"after": bad})
        assert resp.status == 400, bad
        assert resp.content_type == "application/json"
        assert (await resp.json()) == {"error": "after must be a cursor from an earlier answer"}, bad
