"""Chinese numerals as people type them in money amounts: 三千五, 一万二, 五六千, 3千5, 两千八."""

from __future__ import annotations

DIGITS: dict[str, int] = {
    **{str(n): n for n in range(10)},
    "零": 0, "〇": 0, "一": 1, "幺": 1, "壹": 1, "二": 2, "两": 2, "俩": 2, "贰": 2,
    "三": 3, "叁": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6,
    "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}  # fmt: skip
UNITS: dict[str, int] = {
    "十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000, "k": 1000,
    "万": 10_000, "萬": 10_000, "w": 10_000,
}  # fmt: skip
NUMERAL_CHARS = frozenset(DIGITS) | frozenset(UNITS)


def parse_numeral(text: str) -> int | None:
    """Value of a numeral such as 四千五百, 三千五 (3500), 一万二 (12000), 五六千 (5000), 3千5.

    A range of two adjacent digits (五六千) counts as its lower bound; a digit after the last unit
    with no 零 between abbreviates the next unit down (三千五 = 3500). Mixed Arabic digits are read
    as one number each. Returns None for anything that is not a well-formed numeral.
    """
    chars = text.lower()
    if not chars or any(char not in NUMERAL_CHARS for char in chars):
        return None
    total = 0  # completed 万 groups
    section = 0  # below 万
    pending: int | None = None  # digits read since the last unit
    last_unit = 0
    zero_seen = False
    index = 0
    while index < len(chars):
        char = chars[index]
        if char.isdigit() and char.isascii():
            end = index
            while end < len(chars) and chars[end].isdigit() and chars[end].isascii():
                end += 1
            pending = int(chars[index:end])
            zero_seen = False
            index = end
            continue
        if char in DIGITS:
            value = DIGITS[char]
            if value == 0:
                zero_seen = True
                pending = None
            elif pending is not None and pending < 10 and value == pending + 1:
                pass  # 五六千: keep the lower bound
            elif pending is not None:
                return None
            else:
                pending = value
            index += 1
            continue
        unit = UNITS[char]
        if unit < 10_000 and last_unit and unit >= last_unit and last_unit < 10_000:
            return None  # 两千三千 is two amounts, not one
        if unit == 10_000:
            group = section + (pending or 0)
            if group == 0:
                return None  # a bare 万 (上万) is no amount
            total = (total + group) * unit
            section = 0
        else:
            if pending is None and unit != 10:
                return None  # 千 with no digit before it
            section += (1 if pending is None else pending) * unit
        pending = None
        last_unit = unit
        zero_seen = False
        index += 1
    if pending is not None:
        if last_unit >= 100 and not zero_seen and pending < 10:
            pending *= last_unit // 10
        section += pending
    return total + section
