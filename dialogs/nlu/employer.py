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
    "安踏 特步 申洲 碧桂园 万科 中铁 中交 中建 海康威视 大疆 拼多多 肯德基 麦当劳 蜜雪冰城 瑞幸 "
    "菜鸟 德邦 邮政 沃尔玛 永辉 盒马 温氏 牧原 新希望 正大 雅迪 爱玛 富土康"
).split()
_BRAND = re.compile(
    "中建[一二三四五六七八九]局|中铁[一二三四五六七八九十]{1,2}局|"
    + "|".join(re.escape(brand) for brand in sorted(BRANDS, key=len, reverse=True)),
    re.IGNORECASE,
)
# Workplace nouns that end an employer name. 厂里/厂子 mean "the factory" in general; 店里 "the shop".
_HEAD = re.compile(
    r"有限责任公司|有限公司|公司|集团|车间|超市|商场|饭店|酒店|宾馆|旅馆|餐馆|饭馆|面馆|茶馆|餐厅|食堂|"
    r"医院|卫生院|养老院|敬老院|福利院|美容院|合作社|"
    r"养殖场|养猪场|养鸡场|农场|林场|茶场|牧场|屠宰场|砖场|石场|采石场|洗车场|"
    r"装修队|工程队|施工队|建筑队|车队|运输队|绿化队|环卫队|保洁队|搬家队|安装队|钻井队|"
    r"(?:快递|加油|收费|物流|回收|配送|中转|转运|充电|水电)站|驿站|"
    r"(?:物流|配送|分拣|仓储)中心|小卖部|项目部|作坊|加工点|工作室|门市部?|基地|"
    r"煤矿|矿(?![泉工山区])|店(?![里长面员主家铺子])|厂(?![里子长区房家])"
)
# Heads that name an employer on their own; the others need a modifier (电子厂, not 厂).
_STANDALONE = frozenset(
    "超市 商场 饭店 酒店 宾馆 旅馆 餐馆 饭馆 面馆 茶馆 餐厅 医院 卫生院 养老院 敬老院 福利院 合作社 "
    "养殖场 养猪场 养鸡场 农场 林场 茶场 牧场 屠宰场 砖场 石场 采石场 洗车场 煤矿 "
    "装修队 工程队 施工队 建筑队 车队 运输队 绿化队 环卫队 保洁队 搬家队 安装队 钻井队 "
    "快递站 加油站 收费站 物流站 回收站 配送站 中转站 转运站 充电站 水电站 驿站 "
    "物流中心 配送中心 分拣中心 仓储中心 小卖部 作坊".split()
)
# Modifiers that say which one, not what kind: 新厂, 原来的公司, 那个店 name no employer.
_GENERIC_MODIFIERS = frozenset(
    "工 大 小 新 老 原 原来 原来的 以前 以前的 之前 之前的 本 该 这 那 别 别的 另 另一 其他 其它 一 同一 "
    "新的 老的 旧 旧的 自己 自己的 我们 我们的 咱们 私人 外地 本地 当地 附近 附近的 隔壁 网".split()
)
# Characters that end the modifier on the left: verbs, particles, measure words, pronouns.
_STOP = frozenset(
    "在去进到了从是个家那这哪啥么些有没给和跟也就还都想找当做干上回离被让把对向往里着著过帮替为同开转换跳改"
)
# Words that start with a stop character yet belong to the name: 家具厂, 干洗店, 进出口公司.
_KEEP = frozenset(
    "家具 家电 家纺 家政 家居 家禽 家俬 干洗 干货 进出口 有色 回收 开关 上汽 给排水 对外 和平 个体 当铺 "
    "被服 过滤 转运 换热 开发 同仁 为民 向阳 帮扶 有机 着装 里程".split()
)
# 开个小卖部 / 自己开的店: a business the person runs is no employer.
_OWN_BUSINESS = re.compile(r"开(?:了|的)?(?:个|一个|一家|家|间)?$")
# X的<employer> keeps X when X is a person (张老板的砖厂, 我舅的饭店), not when X is a place.
_OWNER = re.compile(
    r"(老板|老闆|老板娘|老总|总|舅|舅舅|叔|伯|姨|姑|哥|姐|弟|妹|表哥|老表|亲戚|朋友|老乡|同学|师傅|包工头|"
    r"工头|爸|妈|老公|老婆|媳妇|对象|儿子|女儿|女婿|家里)$"
)


def _kept_word(text: str, index: int) -> bool:
    return any(text.startswith(word, index) for word in _KEEP)


def _modifier_start(text: str, end: int, stop: frozenset[str]) -> int:
    start = end
    while start > 0:
        char = text[start - 1]
        if not (char.isalnum() or "\u4e00" <= char <= "\u9fff"):
            break
        if char in stop and not _kept_word(text, start - 1):
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
        modifier = text[start : head.start()]
        if modifier in _GENERIC_MODIFIERS:
            start = head.start()  # 小超市 -> 超市; 新厂 -> 厂, which names nothing
        if start == head.start() and head.group(0) not in _STANDALONE:
            continue
        if _OWN_BUSINESS.search(text, 0, start):
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
