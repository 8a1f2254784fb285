"""Intent rules over normalised text: whole-reply words, then keyword patterns by priority, with negation."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Dialect words and cheap typos/homophones, rewritten before matching so that each rule is
# written once in standard Mandarin. Longest first, so 莫得 is rewritten before 得.
_CANONICAL = {
    "俺们": "我们", "俺": "我", "咱": "我", "咋个": "怎么", "咋": "怎么", "啥子": "什么", "啥": "什么",
    "莫得": "没有", "没得": "没有", "么有": "没有", "木有": "没有", "冇": "没有", "沒": "没",
    "晓得": "知道", "工做": "工作", "失叶": "失业", "词退": "辞退", "陪训": "培训", "补帖": "补贴",
    "和同": "合同", "公伤": "工伤", "人公": "人工", "退定": "退订", "妳": "你", "恩": "嗯",
    "幹": "干", "在么": "在吗",
}  # fmt: skip
_CANONICAL_RE = re.compile("|".join(sorted(map(re.escape, _CANONICAL), key=len, reverse=True)))
_TRIM = re.compile(r"[\s,.!?;:~，。！？；：、…'\"“”‘’()\[\]]+")
_TRAILING = re.compile(r"(?:谢谢|谢了|啊|呀|哈|啦|嘞|哦|喔|呢|吧)+$")

# Replies that are a whole message on their own (after trimming punctuation and 谢谢/啊).
_WHOLE: dict[str, frozenset[str]] = {
    "opt_out": frozenset("t td 退订 取消 取消订阅 停止".split()),
    "greeting": frozenset(
        "你好 您好 在吗 在不在 喂 喂喂 早 早上好 上午好 中午好 下午好 晚上好 哈喽 hello hi 嗨 "
        "老师好 请问在吗 大家好 你好在吗 您好在吗".split()
    ),
    "help": frozenset("帮助 菜单 功能表 help 怎么用 使用说明 ?".split()),
    "affirm": frozenset(
        "是 是的 是滴 对 对的 对头 嗯 嗯嗯 嗯呢 好 好的 好滴 好嘞 可以 可以的 行 行的 没错 同意 "
        "确定 确认 要 要的 要得 中 得行 没问题 ok okay yes 需要".split()
    ),
    "deny": frozenset(
        "不是 不是的 不对 没有 没有没有 不要 不同意 不用了 不用 不 不了 不行 不得行 算了 不需要 "
        "没 否 错了 不想 no 不对的 没有的".split()
    ),
}


@dataclass(frozen=True, slots=True)
class Rule:
    intent: str
    pattern: re.Pattern[str]
    # What the rule means when a negation word stands right before the match (没失业 -> employed);
    # None: a negated match says nothing (不想找工作 is not a request for a job).
    negated: str | None = None


def _rule(intent: str, pattern: str, negated: str | None = None) -> Rule:
    return Rule(intent, re.compile(pattern, re.IGNORECASE), negated)


# Priority order: the first intent with a (non-negated) match wins. Opt-out and asking for a person
# must never be overridden; a wage or injury complaint outranks the job loss it often mentions
# (厂子倒闭了 工资还欠着); a question about benefits outranks the status it mentions (失业金怎么领).
RULES: tuple[Rule, ...] = (
    _rule(
        "opt_out",
        r"退订|取消订阅|停止发送|别再?(给我)?发|不要再?(给我)?发|不想再收到|不需要这些(短信|消息|信息)|别给我发",
    ),
    _rule(
        "human",
        r"人工|真人|工作人员|客服|书记|村干部|帮扶干部|驻村|人社局的人|和人说话|跟人说话|找个人|"
        r"(打|回)(个)?电话给我|给我(打|回)(个)?电话|我要跟.{1,4}说",
    ),
    _rule(
        "rights_issue",
        r"拖欠|欠薪|欠.{0,4}工资|工资.{0,6}(欠|没发|没给|不发|不给|没结|没到|扣)|欠(我|俺)|"
        r"没发(过)?工资|不给(工资|结账|钱|加班费|报销)|扣(我)?(工资|钱)|扣了|一分钱没|没拿到(钱|工资)|"
        r"没签|不签|合同都没|没有合同|没(交|买)社保|不(给)?(交|买)社保|工伤|受伤|摔伤|压断|砸伤|被打|"
        r"投诉|口罩|粉尘|没休息|加班费|不认账|老板不认|不管|去哪告|告他|维权|押金|中介收|没给安排|试用期不给",
    ),
    _rule(
        "ask_policy",
        r"政策|补贴|补助|补多少|能补|免不|学费|失业登记|失业保险|失业金|登记证|保险.{0,3}(领|交)|"
        r"社保.{0,6}(怎么|断|补)|医保|贷款|能贷|雨露计划|怎么领|怎么申请|(去|在)?哪(里)?办|要什么材料|到账|路费|报销",
    ),
    _rule(
        "seek_training",
        r"培训|技校|职校|技工学校|技工院校|技术|手艺|考.{0,3}证|招生|(?<![大小中上同放])学(?![费校生历])",
        negated=None,
    ),
    _rule(
        "changed_job",
        r"(?<![没不])换(?!(了)?(个|新)?(号|电话|手机|卡))|跳槽|跳到|改行|转行|改去|新工作|"
        r"(不干|不做|出来)了?.{0,8}现在(进|去|在|做|干|当|开)|现在去了|现在去\S+了",
        negated="employed",
    ),
    _rule(
        "job_lost",
        r"失业|无业|待业|下岗|倒闭|黄了|关了|关门|辞退|辞职|辞了|离职|开除|炒鱿鱼|炒了|裁员|被裁|裁了|解雇|"
        r"不干了|不做了|没干了|不在.{0,8}干了|没活干|没有活干|没活了|活没了|活丢了|工作丢了|没有?工作|"
        r"没班上|没有?事做|闲在家|在家闲|闲着|停工|放我们走|一直没出去|干不下去|没续|什么也没干",
        negated="employed",
    ),
    _rule(
        "seek_job",
        r"找(个|份)?(工作|活|事|厂|班)|找活|招工|招人|要人|招.{1,4}的|(工作|活)介绍|介绍.{0,2}(工作|活)|推荐|"
        r"想找|要找|找.{0,10}(工作|活)|求职|想(出去)?打工|想(去|进|出去).{0,10}(厂|打工|找|上班)|想进厂|有(什么|没有).{0,4}(活|工作|岗位)|"
        r"岗位|活能干|适合.{0,6}活|有没有.{0,6}的工作",
    ),
    _rule(
        "employed",
        r"(做|当|干)(保安|普工|保洁|服务员|厨师|司机|快递|外卖|装修|电工|焊工|木工|瓦工|搬运)|去的|"
        r"上班|打工|零工|在\S{1,8}干(?!什么)|干活|干着|做工|在干|还在|进厂|进的|做事|有活干|有工作|转正|一直在|送外卖|打包|护林员|"
        r"在.{0,10}(厂|公司|车间|工地|超市|店|岗)|当.{0,4}员|做.{0,3}(电器|灯具|手工)|在做|干到现在|做了.{1,3}年",
        negated="job_lost",
    ),
    _rule(
        "help",
        r"帮助|菜单|功能|怎么用|怎么操作|怎么弄|使用说明|看不懂|不会弄|干什么的|做什么的|这是什么|能干什么|回复什么",
    ),
    _rule("greeting", r"^(你好|您好|早上好|晚上好|下午好|哈喽|在吗)"),
)

_QUESTION_BEFORE = "有能是要会可"
# 有没有 / 能不能 ask a question; only a bare 没/不 negates (没失业, 不想找工作).
_NEGATION = re.compile(r"(?<![有能是要会可])(没有?|不是|并没有?|从没|还没|未|不|别)(被|在|再|想|要)?$")

STRONG = 0.9
AMBIGUOUS = 0.75
WHOLE = 0.95
UNKNOWN = 0.3


def canonical(normalized: str) -> str:
    """Rewrite dialect words and known typos to standard forms (used for matching only)."""
    return _CANONICAL_RE.sub(lambda m: _CANONICAL[m.group(0)], normalized.lower())


def _whole_reply(text: str) -> str | None:
    parts = [_TRAILING.sub("", part) for part in _TRIM.split(text) if part]
    parts = [part for part in parts if part]
    if not parts:
        return None
    for intent, words in _WHOLE.items():
        if all(part in words for part in parts):
            return intent
    if len(parts) == 1:
        return None
    joined = "".join(parts)
    return next((intent for intent, words in _WHOLE.items() if joined in words), None)


def _signals(text: str) -> list[str]:
    """Intents the rules point to, in priority order, with negated matches mapped."""
    found: list[str] = []
    for rule in RULES:
        for match in rule.pattern.finditer(text):
            if match.group(0)[0] in "没不" and match.start() and text[match.start() - 1] in _QUESTION_BEFORE:
                continue  # 有没有工作 asks about work; it does not say there is none
            negated = _NEGATION.search(text, max(0, match.start() - 4), match.start()) is not None
            intent = rule.negated if negated else rule.intent
            if negated and rule.negated is None:
                continue
            if intent is not None and intent not in found:
                found.append(intent)
    order = [rule.intent for rule in RULES]
    return sorted(found, key=order.index)


def classify(normalized: str) -> tuple[str, float]:
    """(intent, confidence) for a normalised message."""
    text = canonical(normalized)
    whole = _whole_reply(text)
    if whole is not None:
        return whole, WHOLE
    signals = _signals(text)
    if not signals:
        return "unknown", UNKNOWN
    return signals[0], STRONG if len(signals) == 1 else AMBIGUOUS
