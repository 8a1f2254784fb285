"""A message as it would have been typed: WeChat voice-to-text punctuates every pause ("嗯，那个，我叫，彭小军。")
and keeps the fillers; phones send full-width digits and spaces, Traditional characters, emoji and WeChat's [捂脸]
codes. The answers' readers expect Simplified words separated by blanks, so pauses become blanks and fillers
standing on their own go."""

from __future__ import annotations

import functools
import re
import unicodedata

from dialogs.nlu.lexicon import lexicon
from dialogs.nlu.memo import short_memo
from dialogs.nlu.understand import normalize

# Pauses: a comma, full stop, exclamation, ellipsis or tilde; not one between two digits (3,500 / 3.5 / 1、3).
_PAUSE = re.compile(r"(?<!\d)[,，。.!！;；、…~～]+|[,，。.!！;；、…~～]+(?!\d)")
# Words said to fill a pause, when they stand alone between pauses (那个厂 is "that factory"; 就是 alone is yes).
_FILLERS = frozenset(
    {"嗯", "嗯嗯", "呃", "额", "啊", "哎", "唉", "那个", "这个", "就是", "就是说", "然后", "那么", "反正"}
)
# WeChat's own faces, sent as text ([捂脸], [Smile]); emoji and other pictographs.
_FACES = re.compile(r"\[[\u4e00-\u9fffA-Za-z]{1,8}\]|/:[^\s]{1,8}")
_BLANKS = re.compile(r"\s+")


def _pictograph(char: str) -> bool:
    return unicodedata.category(char) in ("So", "Sk", "Cs") or "\U0001f000" <= char <= "\U0001faff" or char == "\ufe0f"


@short_memo
def as_typed(text: str) -> str:
    """The message normalised (NFKC, Simplified: 介紹工作 is 介绍工作) with pauses as blanks, lone fillers and
    pictographs dropped; only normalised when nothing else would be left (嗯 alone is an answer)."""
    said = normalize(text)
    said = _FACES.sub(" ", said)
    said = "".join(" " if _pictograph(char) else char for char in said)
    said = _PAUSE.sub(" ", said)
    words = [word for word in _BLANKS.split(said.strip()) if word]
    kept = [word for word in words if word not in _FILLERS]
    return " ".join(kept or words) or normalize(text)


@functools.cache
def _slips() -> tuple[re.Pattern[str], dict[str, str]]:
    pairs = dict(pair.split("=", 1) for pair in str(lexicon("dialect")["canonical"]["slips"]).split())
    return re.compile("|".join(map(re.escape, sorted(pairs, key=len, reverse=True)))), pairs


def unslipped(text: str) -> str:
    """The text with the pinyin-IME slips everyone reads past corrected (电汗 -> 电焊), for an answer stored as
    the words said; nothing else of what was typed changes."""
    pattern, pairs = _slips()
    return pattern.sub(lambda m: pairs[m.group(0)], text)


@short_memo
def only_faces(text: str) -> bool:
    """[微笑], /::), 👍 and nothing else: a face, no words (a thumbs-up may still read as yes)."""
    said = normalize(text)
    rest = _FACES.sub("", said)
    if any(char.isalnum() and not _pictograph(char) for char in rest):
        return False
    return rest != said or any(_pictograph(char) for char in rest)


# 啥意思, 什么意思啊, 没看懂, a lone question mark: the question on screen was not understood.
_WHAT_IT_MEANS = re.compile(
    r"(?:这是|这个是|你说的|)(?:啥|什么|啥子|么子|神马)(?:意思)?|(?:没|不)(?:太)?(?:看|听)?(?:懂|明白)"
    r"|(?:看|听)不(?:太)?(?:懂|明白)"
)


# 咋还要问这个, 问这个干啥, 为啥要问这些, 要我身份证干啥: why the question is asked at all (not a policy question).
_WHY_ASKED = re.compile(
    r"(?:为啥|为什么|咋|怎么|干嘛|干啥)(?:还|又|也)?(?:要|得)?问(?:这个|这些|这|我这个)"
    r"|问(?:这个|这些|这)(?:干啥|干什么|做什么|做啥|干嘛|有啥用|有什么用)"
    r"|(?:要|问)(?:我|俺)的?(?:身份证|电话|手机号?)(?:号码?)?(?:干啥|干什么|干嘛|做什么|做啥|有啥用|有什么用)"
    r"|凭(?:什么|啥)(?:要)?(?:给|告诉)(?:你们?|您)?(?:我|俺)?的?(?:身份证|电话|手机号?|名字)?"  # 我凭什么给你身份证
    # 这个号码给谁看, 谁能看到, 会不会泄露: who sees it (the answer says: only the caseworkers responsible)
    r"|(?:给|让)谁看|谁(?:能|会|可以|都)?(?:看|查)(?:得?到|得见|见)?(?:吗|呀|啊|呢)?$|会不会(?:泄露|泄漏|外传|被卖)|(?:泄露|泄漏)(?:吗|不|了咋办)"
)


@short_memo
def asks_why_asked(text: str) -> bool:
    """咋还要问这个: why the survey asks this (what it is for, then the question again)."""
    return _WHY_ASKED.search(normalize(text)) is not None


@short_memo
def asks_meaning(text: str) -> bool:
    """啥意思 / 没看懂 / ？: asks what the question means (the question explained, nothing answered)."""
    said = normalize(text).strip()
    if said and set(said) == {"?"}:
        return True
    return _WHAT_IT_MEANS.fullmatch(said.rstrip("?啊呀呢嘛哦 ")) is not None
