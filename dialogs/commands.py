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
# A language asked for in a few words ("english please", "in English", "请用中文", "说中文吧"): the language.
_LANGUAGE_ASKED = re.compile(
    r"(?:(?:can|could)you)?(?:please|pls|plz)?(?:speak|use|in|switchto|changeto|请用|请说|用|说|讲|换成|改成)?"
    r"(?P<language>english|英文|英语|中文|chinese|汉语)(?:说|讲|回复|回答)?(?:please|pls|plz|吧|好吗|可以吗|行吗)?"
)


@short_memo  # (read first of every message)
def command_of(text: str) -> str | None:
    """The command a whole message is, if it is one (commands are whole messages, never substrings); a
    stop word as the message's last word stops too (发短信太多了 TD), as operators' SMS rules have it."""
    normal = unicodedata.normalize("NFKC", text)
    squashed = _NOISE.sub("", normal).lower()
    if squashed in _LOOKUP:
        return _LOOKUP[squashed]
    asked = _LANGUAGE_ASKED.fullmatch(squashed.rstrip("?？"))
    if asked is not None:
        return _LOOKUP[asked.group("language")]
    words = normal.lower().split()
    if len(words) > 1 and words[-1].strip("。.!！,，~～") in COMMANDS["stop"]:
        return "stop"
    return None
