"""Employers named in a message: known brands (富士康) and "<modifier><workplace noun>" (电子厂)."""

from __future__ import annotations

import re

from dialogs.nlu.gazetteer import Gazetteer, find_mentions

# Employers people name without a workplace noun. Job types (普工, 保安) and work sites (工地) are
# not employers and are deliberately absent.
BRANDS = (
    "富士康 鸿海 比亚迪 立讯精密 立讯 三星 美团 饿了么 顺丰 京东 中通 圆通 申通 韵达 极兔 海底捞 美的 "
    "格力 华为 小米 OPPO vivo TCL 海尔 联想 海信 长城汽车 吉利 奇瑞 上汽通用五菱 五菱 宁德时代 蓝思 "
    "歌尔 伯恩 欧菲光 舜宇 闻泰 和硕 纬创 仁宝 广达 达丰 捷普 伟创力 海天味业 娃哈哈 蒙牛 伊利 双汇 "
    "安踏 特步 申洲 碧桂园 万科 中铁 中交 中建 海康威视 大疆 拼多多 肯德基 麦当劳 蜜雪冰城 瑞幸"
).split()
_BRAND = re.compile(
    "中建[一二三四五六七八九]局|中铁[一二三四五六七八九十]{1,2}局|"
    + "|".join(re.escape(brand) for brand in sorted(BRANDS, key=len, reverse=True)),
    re.IGNORECASE,
)
# Workplace nouns that end an employer name. 厂里/厂子 mean "the factory" in general.
_HEAD = re.compile(
    r"有限公司|公司|集团|车间|超市|商场|饭店|酒店|餐馆|饭馆|餐厅|医院|合作社|养殖场|农场|"
    r"装修队|工程队|施工队|建筑队|煤矿|矿(?![泉工])|厂(?![里子长区房家])"
)
# Heads that name an employer on their own; the others need a modifier (电子厂, not 厂).
_STANDALONE = frozenset(
    "超市 商场 饭店 酒店 餐馆 饭馆 餐厅 医院 合作社 养殖场 农场 煤矿 装修队 工程队 施工队 建筑队".split()
)
_GENERIC = frozenset("工厂 大厂 小厂 公司 集团 车间 矿".split())
# Characters that end the modifier on the left: verbs, particles, measure words, pronouns.
_STOP = frozenset("在去进到了从是个家那这哪啥么些有没给和跟也就还都想找当做干上回离被让把对向往里")
# X的<employer> keeps X when X is a person (张老板的砖厂, 我舅的饭店), not when X is a place.
_OWNER = re.compile(r"(老板|老闆|舅|叔|伯|姨|哥|姐|弟|妹|亲戚|朋友|老乡|师傅)$")


def _modifier_start(text: str, end: int, stop: frozenset[str]) -> int:
    start = end
    while start > 0:
        char = text[start - 1]
        if char in stop or not (char.isalnum() or "\u4e00" <= char <= "\u9fff"):
            break
        start -= 1
    return start


def _generic_spans(text: str, gazetteer: Gazetteer) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for head in _HEAD.finditer(text):
        end = head.end()
        start = _modifier_start(text, head.start(), _STOP | {"的"})
        if start > 0 and text[start - 1] == "的":
            owner_start = _modifier_start(text, start - 1, _STOP - {"我", "家"} | {"的"})
            if _OWNER.search(text[owner_start : start - 1]):
                start = owner_start
        if not head.group(0).endswith(("公司", "集团")):
            # 东莞华强电子厂: the place is the location, the rest the employer; a registered company
            # name keeps its city (深圳华强电子有限公司).
            mentions = find_mentions(gazetteer, text[start:end])
            while (
                mentions
                and mentions[0].start == 0
                and mentions[0].end < end - start - 1
                and not _BRAND.match(text, start)  # 吉利汽车厂: a brand, not 吉利区
            ):
                start += mentions[0].end
                mentions = find_mentions(gazetteer, text[start:end])
        name = text[start:end]
        if name in _GENERIC or (name == head.group(0) and name not in _STANDALONE):
            continue
        spans.append((start, end))
    return spans


def find_employer(normalized: str, gazetteer: Gazetteer) -> tuple[int, int] | None:
    """Span of the employer named last (the current one: 从富士康出来了 现在去了立讯 -> 立讯)."""
    spans = _generic_spans(normalized, gazetteer)
    for brand in _BRAND.finditer(normalized):
        if not any(start <= brand.start() and brand.end() <= end for start, end in spans):
            spans.append(brand.span())
    return max(spans, key=lambda span: span[0], default=None)
