"""Questions back about the identity questions (电话还是要填吗 at the ID question, 要身份证干啥, what do you need my
ID for): which number is asked for what, that it is needed, who sees it; the open question is then asked again."""

from __future__ import annotations

import re

from dialogs import nlu
from dialogs.nlu.memo import short_memo

# The identity numbers, as people name them (Chinese after normalisation, English lower-cased).
_NUMBERS = {
    "id_number": re.compile(r"身份证|证件号|\bid\b|\bid card\b|\bid number\b"),
    "phone": re.compile(r"电话|手机|\bphone\b|\bmobile\b"),
}
# Whether it must be given: 还是要填吗, 也要写吗, 要不要, 必须给吗, do I have to, is … needed.
_NEEDED = re.compile(
    r"(?:要|得|需要|必须)(?:填|写|给|发|提供|登记)?(?:吗|么|嘛|不|没)|是不是要|要不要|用不用|需不需要|非要|一定要|还要|也要"
    r"|\b(?:need(?:ed)?|have to|must|required)\b"
)
# What it is for: 干啥, 干嘛用的, 有啥用, 为啥要, what … for, why.
_WHY = re.compile(
    r"干啥|干嘛|干什么|做什么|做啥|有啥用|有什么用|啥用|为啥|为什么|咋要|怎么要|用来"
    r"|\bwhy\b|\bwhat\b.*\bfor\b"
)
# Whether a photo of the card is wanted: 身份证要拍照不, 发个照片行吗, can I send a photo of my ID.
_PHOTO = re.compile(r"拍照|拍个|拍张|照片|相片|图片|扫描|\bphoto|\bpicture")
_QUESTION = re.compile(r"[吗么嘛?？]|不$|是不是|要不要|用不用|需不需要|\b(?:do|does|is|are|why|what)\b")
# Longer messages are read as usual (a number or a long story with the word in it is no question back).
_MOST = 40


@short_memo
def asked_back(text: str) -> tuple[str, str] | None:
    """("why", "needed" or "photo", the field) for a short question about an identity number, else None."""
    said = nlu.normalize(text).strip().lower()
    if not said or len(said) > _MOST or any(char.isdigit() for char in said) or not (
            _QUESTION.search(said) or _WHY.search(said)):
        return None
    named = [key for key, words in _NUMBERS.items() if words.search(said)]
    if len(named) != 1:
        return None
    if named[0] == "id_number" and _PHOTO.search(said):
        return "photo", named[0]
    if _WHY.search(said):
        return "why", named[0]
    if _NEEDED.search(said):
        return "needed", named[0]
    return None


# The questions at which such a question back is about the person's own numbers (单位电话 is another matter).
IDENTITY_FIELDS = frozenset({"name", "id_number", "phone", "household_id"})
KEYS = frozenset({*(f"survey.asked_back.{kind}_{field}" for kind in ("why", "needed") for field in _NUMBERS),
                  "survey.asked_back.photo_id_number"})
