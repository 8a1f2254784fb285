"""Whether two employer names are one employer, as people and postings write them: "鑫安物业" is
"威宁鑫安物业有限公司", "美的厂" is "美的集团" (legal-form and workplace suffixes dropped, one name inside the
other)."""

from __future__ import annotations

import re
import unicodedata

# Legal forms and workplace words that end a name, longest first; a name is stripped of them repeatedly
# (鑫安物业服务有限公司 -> 鑫安物业服务 -> 鑫安物业).
_SUFFIXES = ("股份有限公司", "有限责任公司", "有限公司", "分公司", "总公司", "集团", "公司", "工厂", "服务", "厂",
             "co., ltd.", "co.,ltd.", "co. ltd", "ltd.", "ltd", "inc.", "inc", "company", "factory", "group")
_NOISE = re.compile(r"[\s()（）【】\[\]·,，.。]+")
# Below this, a name is too short to tell one employer (厂, 公司 alone; 美的 is two and enough).
MIN_CORE = 2
# What people call a workplace by its trade or kind, without naming it (电子厂, 工地, 超市): never one employer.
_GENERIC = frozenset("""
工地 超市 饭店 餐馆 酒店 宾馆 车间 扶贫车间 老板 家里 村里 个体 自己 打零工 物业 电子 服装 制衣 鞋 玩具 砖 家具 食品
建筑 物流 快递 加工 机械 塑料 纺织 印刷 包装 五金 工程 装修 养殖 种植 餐饮 医院 学校 矿 煤矿 电器 汽配 农场 合作社
""".split())


def core(name: str) -> str:
    """The distinctive part of an employer's name ("" when nothing distinctive is left)."""
    text = unicodedata.normalize("NFKC", name).lower()
    text = _NOISE.sub("", text)
    stripped = True
    while stripped:
        stripped = False
        for suffix in _SUFFIXES:
            compact = _NOISE.sub("", suffix)
            if text.endswith(compact):
                text, stripped = text[: -len(compact)], True
                break
    return "" if len(text) < MIN_CORE or text in _GENERIC else text


def same_employer(told: str | None, posted: str | None) -> bool:
    """The employer a person told us (the form's `employer`) and a posting's employer are the same one."""
    mine, theirs = core(told or ""), core(posted or "")
    return bool(mine and theirs) and (mine in theirs or theirs in mine)
