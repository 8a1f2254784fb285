"""Employers named in a message: known brands (富士康) and "<modifier><workplace noun>" (电子厂)."""

from __future__ import annotations

import re

from dialogs.nlu.gazetteer import Gazetteer, Mention, find_mentions
from dialogs.nlu.lexicon import words

# Employers people name without a workplace noun. Job types (普工, 保安) and work sites (工地) are
# not employers and are deliberately absent.
BRANDS = (
    "富士康 鸿海 比亚迪 立讯精密 立讯 三星 美团 饿了么 顺丰 京东 中通 圆通 申通 韵达 极兔 海底捞 美的 "
    "格力 华为 小米 OPPO vivo TCL 海尔 联想 海信 长城汽车 吉利 奇瑞 上汽通用五菱 五菱 宁德时代 蓝思 "
    "歌尔 伯恩 欧菲光 舜宇 闻泰 和硕 纬创 仁宝 广达 达丰 捷普 伟创力 海天味业 娃哈哈 蒙牛 伊利 双汇 "
    "安踏 特步 申洲 碧桂园 万科 中铁 中交 中建 海康威视 大疆 拼多多 肯德基 麦当劳 蜜雪冰城 瑞幸 "
    "菜鸟 德邦 邮政 沃尔玛 永辉 盒马 温氏 牧原 新希望 正大 雅迪 爱玛 富土康 "
    # hotel chains, where many cleaners and waiters work (锦江之星 is no 锦江区, 如家 no family's home)
    "如家 锦江之星 汉庭 全季 格林豪泰 速8 莫泰 布丁酒店 城市便捷 尚客优 亚朵 华住 维也纳酒店"
).split()
_COMMON_WORD_BRANDS = frozenset(words("intents", "common_word_brands"))
_BRAND = re.compile(
    "中建[一二三四五六七八九]局|中铁[一二三四五六七八九十]{1,2}局|"
    + "|".join(re.escape(brand) for brand in sorted(BRANDS, key=len, reverse=True)),
    re.IGNORECASE,
)
# Workplace nouns that end an employer name. 厂里/厂子 mean "the factory" in general; 店里 "the shop".
_HEAD = re.compile(
    r"有限责任公司|有限公司|公司|集团|(?:鞋业|服饰|制衣|实业|塑胶|皮具|箱包)(?:有限责任公司|有限公司|公司|集团)?|车间|超市|商场|饭店|酒店|宾馆|旅馆|餐馆|饭馆|面馆|茶馆|餐厅|食堂|"
    r"医院|卫生院|养老院|敬老院|福利院|美容院|合作社|"
    r"养殖场|养猪场|养鸡场|农场|林场|茶场|牧场|屠宰场|砖场|石场|采石场|洗车场|"
    r"装修队|工程队|施工队|建筑队|车队|运输队|绿化队|环卫队|保洁队|搬家队|安装队|钻井队|"
    r"(?:快递|加油|收费|物流|回收|配送|中转|转运|充电|水电)站|驿站|"
    r"(?:物流|配送|分拣|仓储)中心|小卖部|项目部|作坊|加工点|工作室|门市部?|基地|"
    r"煤矿|矿(?![泉工山区])|店(?![里长面员主家铺子])|厂(?![里子长区房家])|铺(?![里面子位])"
)
# Heads that name an employer on their own; the others need a modifier (电子厂, not 厂).
_STANDALONE = frozenset(
    "超市 商场 饭店 酒店 宾馆 旅馆 餐馆 饭馆 面馆 茶馆 餐厅 医院 卫生院 养老院 敬老院 福利院 合作社 "
    "养殖场 养猪场 养鸡场 农场 林场 茶场 牧场 屠宰场 砖场 石场 采石场 洗车场 煤矿 "
    "装修队 工程队 施工队 建筑队 车队 运输队 绿化队 环卫队 保洁队 搬家队 安装队 钻井队 "
    "快递站 加油站 收费站 物流站 回收站 配送站 中转站 转运站 充电站 水电站 驿站 "
    "物流中心 配送中心 分拣中心 仓储中心 小卖部 作坊".split()
)
# Between a brand and a workplace noun that names no employer by itself (中通的 那个分拣中心): the brand's own.
_BRANDS_OWN = re.compile(r"(?:快递|物流|公司)?的?\s*(?:那个|这个)?\s*")
# Modifiers that say which one, not what kind: 新厂, 原来的公司, 那个店 name no employer.
_GENERIC_MODIFIERS = frozenset(
    "工 大 小 新 老 原 原来 原来的 以前 以前的 之前 之前的 本 该 这 那 别 别的 另 另一 其他 其它 一 同一 "
    "新的 老的 旧 旧的 自己 自己的 我们 我们的 咱们 私人 外地 本地 当地 附近 附近的 隔壁 网".split()
)
# Characters that end the modifier on the left: verbs, particles, measure words, pronouns.
_STOP = frozenset(
    "在去进到了从是个家那这哪啥么些有没给和跟也就还都想找当做干上回离被让把对向往里着著过帮替为同开转换跳改叫喺咗"
)
# Words that start with a stop character yet belong to the name: 家具厂, 干洗店, 进出口公司.
_KEEP = frozenset(
    "家具 家电 家纺 家政 家居 家禽 家俬 干洗 干货 进出口 有色 回收 开关 上汽 给排水 对外 和平 个体 当铺 "
    "被服 过滤 转运 换热 开发 同仁 为民 向阳 帮扶 有机 着装 里程".split()
)
# Dialect possessives used as 的 (东莞塘厦镇嘞鞋厂, 俺舅嘞饭馆); 滴滴 is a company, not a possessive.
_POSSESSIVE = re.compile(r"[嘞哩]|(?<!滴)滴(?!滴)")
# A determiner and classifier before the noun (一间制衣厂, 这座砖厂) say which one, not what kind.
# 家 only after a numeral or demonstrative: 一家电子厂 is an electronics factory, 家电厂 an appliance one.
_DETERMINER = re.compile(r"(?:[一两几每某这那哪]|这一|那一)?[间所座栋处爿]|(?:[一两几每某这那哪]|这一|那一)家")
# Where, not what kind: 家门口扶贫车间, 附近电子厂, 镇上砖厂 (家 itself ends a modifier, so 门口 is
# what is left of 家门口).
_WHERE = re.compile(
    r"(?:家)?门口|附近|周边|隔壁|对面|旁边|跟前|村里|村口|村上|镇上|镇里|乡里|乡上|县里|县城|城里|市里|本地|当地|"
    r"外地|这边|那边|本村|本镇|本乡"
)
# A collective pronoun (俺们村扶贫车间, 我们镇卫生院) is whose, not what kind.
_COLLECTIVE = re.compile(r"[我俺咱你他她](?:们(?:村|镇|乡|组|屯|寨|社区|县)?|村|镇|乡|组|屯|寨)")
# 王家养鸡场, 老李家饭馆: a family named by surname owns the workplace (家 otherwise ends a modifier).
_SURNAMES = frozenset("".join(words("names", "surnames.single")))
# Trades that say what kind of company it is, not which one (物流公司, 建筑劳务公司).
_KIND = re.compile(
    r"(?:物流|快递|物业|保安|家政|劳务|建筑|装修|装饰|运输|货运|客运|搬家|保洁|绿化|环卫|园林|安装|外卖|"
    r"建设|工程|电子|服装|食品|鞋业|家具|玩具|五金|纺织|机械|塑料|包装|印刷|农业|养殖|种植|餐饮|中介|人力资源)+"
)
# Registered names said without a workplace noun after 从/在/进 (从富港电子出来了, 在华强电子上班): an
# industry word ends the name, and something that is not part of a name follows it.
_TRADE = re.compile(
    r"(?:电子|科技|实业|电器|电机|机械|服饰|鞋业|制衣|纺织|食品|塑胶|塑料|五金|光电|精密|汽配|建材|制品|材料|"
    r"股份|控股|集团)(?=出来|上班|干|做|打工|工作|离职|辞职|上|待|呆|那|这|了|去|$|[\s,.!?;:])"
)
_TRADE_CUE = frozenset("从在进到去叫是")
_TRADE_VERBS = frozenset("学读修搞弄卖买做搬装")
# 开个小卖部 / 自己开的店: a business the person runs is no employer.
_OWN_BUSINESS = re.compile(r"开(?:了|的)?(?:个|一个|一家|家|间)?(?:小|大)?$")
# X的<employer> keeps X when X is a person (张老板的砖厂, 我舅的饭店), not when X is a place.
_KIN = (
    r"(?:[大二三四五六七八九幺小老]|表|堂)?(?:哥|姐|弟|妹|叔|伯|舅|姨|姑|婶|嫂|爷|奶)"
    r"(?:夫|子|妈|父|爹|公|婆|们|哥|姐)?"
)
_OWNER = re.compile(
    rf"([{''.join(sorted(_SURNAMES))}]家|老板|老闆|老板娘|老总|总|{_KIN}|老表|亲戚|朋友|老乡|同学|师傅|包工头|"
    r"工头|爸|妈|老公|老婆|媳妇|对象|儿子|女儿|女婿|儿媳|侄子|侄儿|外甥|岳父|丈人|老丈人|公公|婆婆|亲家|邻居|熟人|"
    r"战友|发小|家里)家?$"
)


def _kept_word(text: str, index: int) -> bool:
    return any(text.startswith(word, index) for word in _KEEP)


# No employer's name is longer than this before its head (深圳市华强北电子科技 is 10); the cap keeps a
# long message without punctuation from costing a scan of the whole text per workplace noun.
_MAX_MODIFIER = 24


def _modifier_start(text: str, end: int, stop: frozenset[str]) -> int:
    start = end
    while start > 0 and end - start < _MAX_MODIFIER:
        char = text[start - 1]
        if not (char.isalnum() or "\u4e00" <= char <= "\u9fff"):
            break
        if char in stop and not _kept_word(text, start - 1):
            break
        start -= 1
    return start


def _after_trade_cue(text: str, start: int) -> bool:
    """从/在/进 (or 去了/进了) right before `start`."""
    before = text[max(0, start - 2) : start]
    return before[-1:] in _TRADE_CUE or (len(before) == 2 and before[1] == "了" and before[0] in "去进到")


def _strip_places(text: str, start: int, end: int, gazetteer: Gazetteer) -> int:
    """Move `start` past division names at the front of a modifier (东莞华强电子厂 -> 华强电子厂).

    A bare township short form (王家, 长安) is a place there only under a parent named before it:
    王家养鸡场 is the Wang family's farm, 东莞长安五金厂 a factory in 长安镇."""
    stripped: list[str] = []
    mentions = find_mentions(gazetteer, text[start:end])
    while mentions and mentions[0].start == 0 and mentions[0].end < end - start - 1:
        mention = mentions[0]
        if _BRAND.match(text, start):
            break  # 吉利汽车厂: a brand, not 吉利区
        supported = any(c.code.startswith(parent) for c in mention.candidates for parent in stripped)
        if not supported and all(c.needs_parent for c in mention.candidates):
            break
        stripped.extend(c.code for c in mention.candidates)
        start += mention.end
        mentions = find_mentions(gazetteer, text[start:end])
    return start


def _trim_modifier(text: str, start: int, head_start: int) -> int:
    """Skip a determiner (一间) or a collective pronoun (俺们村) at the front of a modifier."""
    if text.startswith("家", start) and start > 0 and text[start - 1] in "一两几每某这那哪":
        start += 1  # 这家电器厂: the 家 of 这家, though 家电 is a word
    if text.startswith(("边", "面", "头"), start) and start > 0 and text[start - 1] in "这那":
        start += 1  # 深圳龙华那边电子厂: the 边 of 那边 (那 ends the modifier), no part of a name (it was 边电子厂)
    for pattern in (_WHERE, _DETERMINER, _COLLECTIVE):
        found = pattern.match(text, start, head_start)
        if found and found.end() <= head_start:
            start = found.end()
    return start


def _generic_spans(text: str, gazetteer: Gazetteer) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    heads = [(head, False) for head in _HEAD.finditer(text)] + [(head, True) for head in _TRADE.finditer(text)]
    for head, trade in heads:
        end = head.end()
        start = _modifier_start(text, head.start(), _STOP | {"的"})
        if start >= 2 and text[start - 1] == "家" and text[start - 2] in _SURNAMES:
            start -= 2  # 王家养鸡场
            if start > 0 and text[start - 1] in "老小":
                start -= 1
        elif start > 0 and text[start - 1] == "的":
            owner_start = _modifier_start(text, start - 1, _STOP - {"我", "家"} | {"的"})
            if _OWNER.search(text[owner_start : start - 1]):
                start = owner_start
        scan_start = start
        start = _trim_modifier(text, start, head.start())
        # 东莞华强电子厂: the place is the location, the rest the employer. A registered company name
        # keeps its city (深圳华强电子有限公司), unless what follows the place is only a trade
        # (昆山花桥物流公司 is a logistics company in 花桥镇, not a name).
        stripped = _strip_places(text, start, end, gazetteer)
        if not head.group(0).endswith(("公司", "集团")) or (
            head.group(0) == "公司" and _KIND.fullmatch(text, stripped, head.start())
        ):
            start = _trim_modifier(text, stripped, head.start())
        modifier = text[start : head.start()]
        if modifier in _GENERIC_MODIFIERS:
            start = head.start()  # 小超市 -> 超市; 新厂 -> 厂, which names nothing
        if trade and (
            head.start() - start < 2
            or scan_start == 0
            or not _after_trade_cue(text, scan_start)
            or any(char in _TRADE_VERBS for char in modifier)
        ):
            continue  # 富港电子 only as a name after 从/在/进; never 电子 alone, nor 在学校学电子
        if start == head.start() and head.group(0) not in _STANDALONE:
            continue
        if _OWN_BUSINESS.search(text, 0, start):
            continue
        if text.startswith("人", start) and start > 0 and text[start - 1] in "帮给替":
            continue  # 帮人看店: work done for someone, no employer's name (人看店)
        spans.append((start, end))
    return spans


def _inside_place(span: tuple[int, int], mentions: list[Mention]) -> bool:
    """潢川 桃林铺镇: a division's name that ends like a workplace (铺, 店, 厂) is the place. A bare short form
    that needs its parent counts only with the parent named (桃林铺 after 潢川)."""
    codes = {c.code for m in mentions for c in m.candidates}
    return any(
        m.start <= span[0] and span[1] <= m.end and any(
            not c.needs_parent or any(c.code.startswith(parent) and c.code != parent for parent in codes)
            for c in m.candidates
        )
        for m in mentions
    )


def find_employer(normalized: str, gazetteer: Gazetteer) -> tuple[int, int] | None:
    """Span of the employer named last (the current one: 从富士康出来了 现在去了立讯 -> 立讯)."""
    normalized = _POSSESSIVE.sub("的", normalized)  # same length: spans still index the input
    mentions = find_mentions(gazetteer, normalized)
    spans = [span for span in _generic_spans(normalized, gazetteer) if not _inside_place(span, mentions)]
    for brand in _BRAND.finditer(normalized):
        if any(start <= brand.start() and brand.end() <= end for start, end in spans):
            continue
        if brand.group(0) in _COMMON_WORD_BRANDS and any(m.start < brand.start() < m.end for m in mentions):
            continue  # 厦门集美的厂: 集美 is a place, its 美的 no brand
        start = brand.start()
        # 如家酒店, 锦江之星宾馆: the brand and the workplace noun right after it are one name.
        merged = next((span for span in spans if span[0] == brand.end()), None)
        if merged is not None:
            spans.remove(merged)
            spans.append((start, merged[1]))
            continue
        # 中通的 那个分拣中心, 顺丰快递的物流中心: the brand's own workplace, named by the brand (it was 分拣中心).
        spans = [span for span in spans if not (
            normalized[span[0]:span[1]] in _STANDALONE and _BRANDS_OWN.fullmatch(normalized, brand.end(), span[0]))]
        # 新单位是宁波舜宇: a city between 是 and a brand is part of the company's name (在郑州富士康 is not).
        before = [m for m in mentions if m.end == start]
        if before and before[0].start > 0 and normalized[before[0].start - 1] in "是叫:：":
            start = before[0].start
        spans.append((start, brand.end()))
    if called := _CALLED.search(normalized):
        spans.append(called.span(1))  # 一个做汽车配件的厂 叫宁波华翔: the name after 叫 (named last, it is taken)
    return max(spans, key=lambda span: span[0], default=None)


# A workplace described, then named: 在一个做汽车配件的厂 叫宁波华翔, 公司名字叫鑫达. The name is what follows 叫, up to
# the end of the clause.
_CALLED = re.compile(
    r"(?:厂|公司|厂子|工厂|店|单位|车间|超市|饭店|酒店|餐馆|工地|项目|作坊)[^，。,\s]{0,2}\s*(?:的名字|名字)?\s*"
    r"(?:叫|叫做|名叫|名字叫)\s*(?!啥|什么|么|我|你|他|她|俺|咱|人|来|去|不|没)([\u4e00-\u9fffA-Za-z]{2,12})"
    r"(?=$|[\s，。,!！?？])"
)
