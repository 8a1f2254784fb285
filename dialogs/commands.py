"""Commands that work anywhere in any dialog: help/menu, start over, a person, stop, resume, language."""

from __future__ import annotations

import re
import unicodedata

from dialogs.nlu.memo import short_memo

COMMANDS: dict[str, frozenset[str]] = {
    "help": frozenset({"帮助", "菜单", "help", "menu", "?", "？", "帮忙", "怎么用"}),
    "restart": frozenset({"重新开始", "重来", "restart", "startover"}),
    "human": frozenset({"人工", "转人工", "找人工", "人工服务", "human", "agent"}),
    "stop": frozenset({"退订", "td", "t", "stop", "unsubscribe", "取消订阅"}),
    "resume": frozenset({"恢复", "resume", "恢复订阅"}),
    "english": frozenset({"english", "英文", "英语"}),
    "chinese": frozenset({"中文", "chinese", "汉语", "简体中文"}),
}
_LOOKUP = {word: name for name, words in COMMANDS.items() for word in words}
_NOISE = re.compile(r"[\s。.!！,，~～、]+")


@short_memo  # (read first of every message)
def command_of(text: str) -> str | None:
    """The command a whole message is, if it is one (commands are whole messages, never substrings); a
    stop word as the message's last word stops too (发短信太多了 TD), as operators' SMS rules have it."""
    normal = unicodedata.normalize("NFKC", text)
    squashed = _NOISE.sub("", normal).lower()
    if squashed in _LOOKUP:
        return _LOOKUP[squashed]
    words = normal.lower().split()
    if len(words) > 1 and words[-1].strip("。.!！,，~～") in COMMANDS["stop"]:
        return "stop"
    return None
