"""A caseworker's record number followed by words and no command (the lead's play-test, 2026-12-07): "C5 他说包工头
电话打不通" and "A1 可以的 中午能回家" got the whole command list; now which of the two they meant, nothing done
(each failed on the code before, the last is a guard)."""

from __future__ import annotations

import pytest

from tests.casework.test_record_alone_lead15 import _say


@pytest.mark.parametrize(("text", "verbs"), [
    ("C5 他说包工头电话打不通", ("发消息C5", "联系C5")),
    ("A1 可以的 那个活是早上干三个钟头", ("发消息A1", "联系A1")),
    ("T7，去过了 人不在家", ("走访T7",)),
])
def test_a_record_with_words_says_which_command_to_use(text: str, verbs: tuple[str, ...]) -> None:
    replies, events = _say(text)
    assert events == []  # nothing sent, nothing recorded
    [reply] = replies
    assert not reply.startswith("指令") and all(verb in reply for verb in verbs), reply


def test_a_command_with_words_is_still_that_command() -> None:
    """A guard: 联系 C5 with a note is the contact."""
    _, events = _say("联系 C5 他说包工头电话打不通")
    assert events == ["caseworker.command"]
