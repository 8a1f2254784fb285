"""Intent rules over normalised text: whole replies, then lexicon patterns ranked by priority, aware of
negation (没失业 is employed) and of wishes (想进厂 asks for a job; it does not report one)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from dialogs.nlu.employer import BRANDS
from dialogs.nlu.jobs import WANTS_CHANGE
from dialogs.nlu.lexicon import alternation, rewrites, word_set, words

# Dialect words and cheap typos/homophones (data/dialect.toml), rewritten before matching so that each
# rule is written once in standard Mandarin. Longest first, so 莫得 is rewritten before 莫.
_CANONICAL = rewrites("dialect", "canonical")
_CANONICAL_RE = re.compile("|".join(sorted(map(re.escape, _CANONICAL), key=len, reverse=True)))
TRIM = re.compile(r"[\s,.!?;:~，。！？；：、…'\"“”‘’()\[\]]+")
TRAILING = re.compile(
    r"(?:谢谢你|谢谢您|谢谢|谢了|多谢|感谢|辛苦了|辛苦你了|麻烦了|啊|呀|哈|啦|嘞|哦|喔|呢|吧|噻|撒|咯|嘛|哟|哇|咧|的嘛)+$"
)

# Replies that are a whole message on their own (data/replies.toml); a reply made of repeats of them
# (好的好的, 对对对) counts too.
_WHOLE: dict[str, frozenset[str]] = {
    intent: word_set("replies", f"whole.{intent}") for intent in ("opt_out", "greeting", "help", "affirm", "deny")
}


def _any(words: str) -> str:
    """A non-capturing alternation of space-separated words, longest first."""
    return "(?:" + "|".join(sorted(words.split(), key=len, reverse=True)) + ")"


# Money a worker is owed, and what is done to it (欠/拖/扣/押 it; 不给/没发/没结 it).
_WAGES = alternation("intents", "wages")
# 压 only before what it holds back (压着工资, 压一个月), never 压力; 差 only before whom (还差我工钱).
_TAKE = (
    r"(?<![没不未])(?<!没有)(?:拖欠|克扣|扣押|欠|拖|扣|押|吞|骗|罚|黑|赖|少算|少给|少发|压(?=着|住|[我一两半三几工钱])|"
    r"差(?=(?:了|着)?(?:我|我们|你们|他|她|他们|大家|工人)))"
)
_WITHHOLD = alternation("intents", "withhold")
_PEOPLE = "(?:我|我们|你们|他|她|他们|大家|工人)"
# A job type after 做/当/干 (做保安) reports work; the same words name no employer.
_JOBS = alternation("jobs", "jobs.types")
# Verbs of holding a job, and what follows 在<place/workplace> when it reports work.
_WORK_VERBS = (
    r"(?:干|做|当|开|跑|送|搞|帮忙|卖|扫|搬|摘|串|装|修|挖|种|养|打|看|守|缝|烧|煮|剪|端|洗|扛|砌|刷|焊|拣|喂|管)"
    r"(?!什么|嘛|吗)"
)
_WORKPLACE = _any(
    " ".join(words("intents", "workplaces"))
    + " "
    + " ".join(re.escape(b.lower()) for b in BRANDS if b not in word_set("intents", "common_word_brands"))
)
_CLOSABLE = alternation("intents", "closable")
_NO_WORK_HERE = "".join(f"(?<!{word})" for word in words("intents", "no_work_here"))


# Asking how to stop messages (咋退订, 怎么取消关注) is a request for help, not the stop itself.
HOW_TO_STOP = (
    r"(?:怎么|如何|怎样|咋|在哪|哪里)(?:才能|才可以|可以|能)?(?:退订|取消订阅|取消关注|取关|不收|不接收|停止接收)"
)


_HOW_TO_STOP = re.compile(HOW_TO_STOP)


def asks_how_to_stop(canonical_text: str) -> bool:
    return _HOW_TO_STOP.search(canonical_text) is not None


@dataclass(frozen=True, slots=True)
class Rule:
    intent: str
    pattern: re.Pattern[str]
    # What a match means when a negation stands right before it (没失业 -> employed); None: nothing
    # (不想找工作 is not a request for a job).
    negated: str | None
    # What a match means after a wish (想进厂 -> seek_job; 想辞职 reports no job loss).
    wished: str | None
    # Lower ranks win. A change of job (不干了 现在跟着老乡的装修队) outranks the job loss it mentions.
    rank: float
    # The match is blanked before later rules look at the text: 有活叫我 / 有合适的打给我 is a request
    # for work, and its 叫我 / 打给我 must not read as a request for a person.
    masks: bool = False


PRIORITY: tuple[str, ...] = (
    "opt_out",
    "human",
    "rights_issue",
    "job_lost",
    "changed_job",
    "ask_policy",
    "seek_training",
    "seek_job",
    "employed",
    "help",
    "greeting",
)
_SAME = "same"

# 老板要我们签自愿放弃社保的协议, 签个不交社保的承诺书: a waiver of social insurance, which is void (the employer's
# duty stands): a rights report (dialogs/nlu/insurance.py: waives_insurance).
INSURANCE_WAIVED = (r"(?:自愿)?放弃(?:交|缴|买|参加)?(?:社保|保险|五险|养老保险|医保)|"
                    r"(?:不交|不缴|不买|不上|不参加|不要)(?:社保|保险|五险)的?(?:协议|承诺|声明|保证|申请|字)")


def _rule(
    intent: str,
    pattern: str,
    negated: str | None = None,
    wished: str | None = _SAME,
    above: str | None = None,
    masks: bool = False,
) -> Rule:
    rank = PRIORITY.index(above) - 0.5 if above else float(PRIORITY.index(intent))
    wish = intent if wished == _SAME else wished
    return Rule(intent, re.compile(pattern, re.IGNORECASE), negated, wish, rank, masks)


RULES: tuple[Rule, ...] = (
    # A callback offered on condition of work (有合适的打给我, 有活叫我) asks for a job, not a person;
    # it ranks as any request for work does (没活干了在家待业 有活叫我 still reports the job loss).
    _rule(
        "seek_job",
        r"有(?:(?:合适|好)的?(?:活|工作|岗位|事)?|活|工作|岗位|事|[^\s，。,]{1,6}?(?:岗|活|工作))(?:干|做)?(?:了)?(?:的话)?"
        r"(?:就|再|记得|麻烦)?(?:叫|喊|通知|告诉|联系|打给|打电话给|给我打电话)[^\s，。,]{0,6}",
        masks=True,
    ),
    # Stop messages: a stop verb (别/不要/取消/拉黑) with a sending verb (发/推/打).
    _rule(
        "opt_out",
        r"退订|取消(?:订阅|关注|掉|吧|这个|服务|短信|推送|$)|取关|停(?:发|推|止发|止推)|拉黑|"
        r"(?:把|将)(?:我|我们)?(?:的)?(?:号|号码|电话|手机号?|微信|信息|资料|名字)(?:码)?(?:给)?(?:删|去掉|注销|拿掉|移除)|"
        r"(?:删|注销|删除)(?:掉|了)?(?:我|我们)(?:的)?(?:号|号码|电话|手机号?|信息|资料)|屏蔽|退出|删了你|把你删|不再接收|"
        r"(?:别|不要|不用|停止|不许|禁止|不想)(?:再|在)?(?:给我|跟我|向我|往我这|往这)?(?:们)?"
        r"(?:发(?!工资|钱|补贴|的|愁|财|烧|火|现|芽)|推(?!荐)|打扰|骚扰|打电话|打来|打了|打过来|通知|联系我|烦我)|"
        r"别(?:再)?打(?:了|$)|不想(?:再)?(?:收到|接收|接到|看到)|"
        r"(?:不想|不要|不愿意?)(?:再)?(?:收|接|看)(?:你们的?|这些|这种|这类)*(?:消息|信息|短信|推送|通知)|"
        r"(?:不需要|不要|不用)(?:你们)?(?:的)?(?:这些|这种|这个)?(?:短信|消息|信息|推送|服务|公众号)|再发.{0,4}(?:投诉|举报|拉黑|删)",
    ),
    # A person: 人工/真人/活人/客服, an official by title, or asking for one (叫个人来, 跟人说).
    _rule(
        "human",
        r"(?<![给发欠拖扣押结算少涨加月天])人工(?!费|智能|成本|工资|低|高|少|太)|真人|活人|工作人员|客服|书记|村干部|村委|村主任|帮扶(?:干部|人|责任人)|"
        r"驻村|支书|干部|机器人(?!厂|公司)|(?:跟|和|同|不要|不想要|不是|不想跟|不想和)机器|人呢|"
        r"(?:能不能|可不可以|能|可以)(?:打|通)?电话(?:说|讲|聊|问)|"
        r"(?:(?:跟|和|同|找|叫|喊|让|请|派)(?:一?个)?|(?:要|换|来)一?个)(?:你们|你们的|村里|村里的)?"
        r"(?:人|领导|负责人|干部|同志|管事的|网格员|社工)"
        # (跟人装空调, 跟人干, 跟人学手艺: working or learning with someone, no person asked for)
        r"(?!家|员|民|工|才|干活|做事|干|做|装|学|修|搞|跑|拉|打工|种|养|卖|一起|出去)|(?:找|叫|让|要|跟|和).{1,8}的人(?:来|说|讲|聊|联系|跟|和|给|打|回|$)|"
        r"(?:跟|和|同)(?:你们)?(?:的)?(?:人|领导|负责人|干部)(?:说|讲|聊|谈)|"
        r"有(?:没有)?人(?:在)?(?:吗|么|没有?|不|嘛|啊|$|\s)|没人(?:回|理|回复|回答)|"
        r"负责的人|当面(?:讲|说|谈|问|聊|反映|沟通)|面谈|"
        r"(?:领导|负责人|管事的人?|主任)(?:是|在)?(?:谁|哪个|哪位|哪里|哪儿|电话)|"
        r"打电话给我|给我(?:打|回)(?:个)?电话|回(?:个)?电话|我要跟.{1,4}说",
    ),
    # Wages owed or withheld, documents held, no contract or insurance, injury, abuse, overwork.
    _rule(
        "rights_issue",
        rf"(?<![没不未])(?<!没有)(?:拖欠|欠薪|欠账|克扣|讨薪|追讨)|"
        rf"{_TAKE}(?:了|着|住|走|掉)?{_PEOPLE}?(?:的)?.{{0,6}}?{_WAGES}|"
        rf"{_WAGES}[^没不未。.!?！？]{{0,8}}?(?:{_WITHHOLD}|{_TAKE})|{_WAGES}(?:发|给|算)少了|"
        # 工资不对 少发了一千, 老板工资不对 拖了两个月: pay short by a sum, or wrong and late.
        rf"(?<![没不未])少(?:发|给|算)了?[一二两三四五六七八九十百千几半\d]|{_WAGES}不对[^。]{{0,8}}?(?:拖|少|扣|欠)|"
        # 老板工资不按时发, 工资没按时发: paid late.
        rf"{_WAGES}[^。?？]{{0,4}}?(?:不|没有?|从来不|老是不|总是不)按时|"
        rf"{_WITHHOLD}.{{0,2}}{_WAGES}|(?<![没不未])欠(?:了|着)?{_PEOPLE}|"
        # 拖起的 两个月没给了: months of pay not given, the pay unsaid
        r"(?:[一二两三四五六七八九十几半\d]|一两|两三|三四)个?(?:多)?月(?:的)?(?:钱|账)?(?:都|也|还|了)?(?:没有?|莫得)(?:给|发|结)"
        r"(?=了|过|钱|$|\s|[，。,.!！])|"
        rf"(?<![没不未])差(?:了|着)?{_PEOPLE}[^，。,\s]{{0,6}}?(?:钱|块|元)|血汗钱|没有?(?:加班费|工资|工钱|补偿|赔偿|提成)|"
        # 加班费也莫得 (没有), 加班费从来不给: overtime unpaid, said the other way round
        r"加班费[^。，,\s]{0,3}?(?:都|也|一直|从来)?(?:没有?|不给|没给|不算|没算)|"
        r"说好的[^。]{0,10}?(?:少|不给|没给|不算|变|扣|不认|只|才)|"
        r"一分(?:钱)?(?!.{0,4}领不[了到]?[吗么嘛呀啊?？])(?:.{0,4}(?:都|也|还)?(?:没|不))|不给(?:结账|结|钱|算)|"
        r"(?:押|扣|收|拿|留)(?:了|走|着|住)?(?:我|我们)?(?:的)?(?:身份证|证件|毕业证|户口本)|"
        r"(?:身份证|证件).{0,6}(?:押|扣|收走|不还|不给|没还|拿走)|"
        r"没签|不签|不给签|合同(?:都|也)?没|没有?(?:劳动)?合同|假合同|"
        r"(?:没|不|未)(?:给|帮)?(?:我|我们)?(?:交|买|缴|上|办)(?:社保|保险|五险|医保|养老保险|工伤保险)|"
        r"(?:社保|保险|五险一金|五险|医保)(?:也|都|一直)?(?:没|不)(?:给|帮)?(?:我|我们)?(?:交|买|缴|上|办)|"
        r"逼(?:着)?(?:我|我们)?(?:签|写|辞|走|离职|加班|交|认)|强迫|被逼|强制(?:加班|辞|离职)|" + INSURANCE_WAIVED + "|"
        # Injury settled with a token sum (给了两千打发我, 私了).
        r"打发(?:我|我们|了)|私了|伤残|赔(?:得|的)?(?:太)?少|"
        r"工伤(?!保险)|受伤|受了伤|摔伤|摔断|压断|压伤|砸伤|砸断|砸到|烫伤|烧伤|割伤|夹伤|夹断|弄伤|"
        r"骨折|伤到|伤了|致残|残废|职业病|尘肺|矽肺|中毒|被.{0,4}(?:压|砸|夹|烫|割|切|轧|绞)(?:了|伤|断|到)|"
        r"(?:没|不)(?:给)?(?:赔|赔偿|补偿|治|看病)|"
        r"被打|被.{1,4}打(?:了|伤|得)|打人|殴打|打伤|被骂|骂人|辱骂|威胁|恐吓|限制.{0,2}自由|(?:不让|不给)(?:我|我们)?(?:走|回家|出去|离开|辞职)|不放人|"
        r"没有?休息|不(?:让|给)休息|加班到(?:半夜|凌晨|深夜|通宵|十)|通宵|连轴转|超时|"
        r"(?:一天|每天)(?:干|做|上)?.{0,2}十.{0,2}个?小时|不放假|"
        r"投诉|举报|维权|仲裁|劳动监察|劳动局|起诉|打官司|告他|告老板|去哪告|哪里告|讨说法|讨个说法|欺负|"
        r"坑人|坑了我|被.{0,4}坑|坑钱|罚款|罚钱|卷(?:了)?(?:钱|款|工资)|(?:包工头|工头)(?:也)?跑了|黑心|被骗|骗子|骗了|骗钱|黑中介|中介费|中介收|不认账|赖账|耍赖|"
        r"(?:老板|老闆|厂里|厂子|公司|包工头|工头|他们|没人)(?:也|都)?不管(?!饭|吃|住)|没人管|"
        r"(?:工资|工钱|薪水|血汗钱|辛苦钱)(?:也|都|就)?(?:没有了|没了|黄了|泡汤|打水漂|没着落|要不回来|拿不回来)|"
        r"没有?(?:安全帽|安全带|安全绳|安全措施|安全设施|劳保|防护)|不安全|安全隐患|(?:太|很|好|特别|非常)(?:危险|吓人)|"
        r"说辞就辞|无故(?:辞退|开除|解雇)|(?:没有?|不给)(?:补偿|赔偿)|口罩|粉尘|防护|试用期不给",
    ),
    # Leaving one job for another (出来了 现在去了立讯, 从工地转到扶贫车间): outranks the job loss. (改成 a number, an
    # amount or a month corrects an answer: 9 改成 2025年10月, 改成三千.)
    _rule(
        "changed_job",
        r"(?:不干|不做|没干|辞了|辞职|出来|离开|走了|不在.{1,8}了|回来了?|回老家了?|不进厂了?|倒闭了?)"
        r"[^。]{0,12}?(?:(?:现在|目前|如今|又|今年|这个月|上个月|后来|然后|重新|马上|已经)(?:(?!没|不|未)[^，。,\s]){0,8}?"
        r"(?:去了|进了|在(?!家|屋|老家|找|等|问|想|看|歇|休息|闲)|到了|做|干(?!什么)|当|开|跑|跟|转|改|换|上班|"
        r"打工|送|找到|进)|新(?:找|工作|单位|厂|活|东家|老板|公司)|(?<![出回不没])去了|进了|又(?:去|进|找)|跑去|到了(?!家|老家)|"
        r"去(?!找|问|看|玩|家|老家|医院|打听|哪|年|外地|外面|外省)[^，。,\s]{1,10}?了)|"
        r"(?:以前|原来|之前|原先|先前|本来)[^，。]{1,14}?(?:现在|如今|目前|后来|今年|这个月|上个月)"
        r"(?:(?!没|不|未)[^，。,\s]){0,4}?(?:去了|进|在(?!家|屋|老家|找|等|歇|闲)|做|干(?!什么)|当|开|跑|跟|转|改|换)|"
        r"(?<![想要能号码机话卡])(?:跳槽|跳到|跳去|改行|转行|改去|改做|改干|改当|改开|改跑|改送|改成(?!\s*[\d一二两三四五六七八九十零〇去今前上明])|转到|转去|转做|转岗|调到|"
        r"换到|换去|换成)|新(?:工作|单位|东家)(?:是|在)|"
        # (新老板是个好人, 新老板人不错: a remark about the boss, no new job)
        r"新老板(?:是|在)(?!一?个|人|很|挺|蛮|还|真|太|对|不|好|坏|凶|抠|和气|厚道|实在|大方|小气)|新找的|找到(?:了)?新|"
        r"(?:工作|活|单位|工种|岗位)(?:也|都)?(?:变了|变动了|调了|调动了|有变(?:化|动)?)|"
        r"现在去了|现在去[^\s，。,]+了|"
        r"回来了?[^。]{0,6}?在[^，。,]{0,10}(?:车间|厂|公司|店|工地|超市)|"
        r"(?:不干|不做|辞了|出来|走了)了?[^。]{0,4}?去[^，。,\s]{1,10}?(?:厂|公司|店|车间|工地|超市)|"
        r"(?:另|另外|又|重新)找(?:了|到)(?:一家|一个|个|家|份)?",
        negated="employed",
        wished="seek_job",
        above="job_lost",
    ),
    _rule(
        "job_lost",
        r"失业(?!金|保险|登记|证|补助|补贴|率)|无业|待业|下岗|倒闭|破产|黄了|垮了|"
        rf"(?:厂|厂子|公司|店|矿|工地|车间|老板|工程|项目|作坊|场子|{_CLOSABLE})(?:也|都|就)?(?:倒|停|关|散|垮|没|跑|歇)了|"
        # 小卖部关了 不开了, 摊子不摆了: one's own shop or stall given up (it was no news at all)
        rf"(?:店|摊|{_CLOSABLE})(?:也|都|就)?不(?:开|摆)了|"
        # Sent home to wait for a call that did not come (回家等通知, 到现在也没叫回去).
        r"(?:叫|让|喊|打发|赶)(?:我|我们|大家|工人)(?:都|先|全|全部)?回(?:家|老家)(?!过年|过节)|"
        r"(?:回家|在家)等(?:通知|消息|电话)|没(?:叫|喊|让|通知)(?:我|我们)?回去|"
        r"关门|关停|停产|停工|停业|歇业|放(?:长|无薪)?假.{0,8}(?:没|不)(?:复工|开工|上班)|没有?(?:复工|开工)|"
        r"辞退|辞职|辞了|离职|开除|炒鱿鱼|炒了|被炒|裁员|被裁|裁了|解雇|清退|劝退|遣散|解聘|"
        r"被.{0,8}?(?:开|辞|裁|炒|赶|撵|踢|退)(?:了|掉|出来|走)|把(?:我|我们).{0,4}(?:开|辞|裁|炒|赶|撵)(?:了|掉|走)|"
        r"不要我了|不要我们了|(?:让|叫)我(?:们)?走|放我们走|被?优化(?:了|掉)|不(?:要|招|用)人了|"
        r"不用(?:我|我们)?(?:再)?来了|不让(?:我|我们)?(?:再)?干了|叫我(?:们)?别来|"
        # (干到年底, 先做到年底再说: the work goes on until then, no loss yet; 干到了年底 is one)
        r"(?:干|做|上班|干活|打工)到(?!(?:年|月)底)(?:了)?(?:[今去前]年|这个|上上?个|[\d一二两三四五六七八九十]{1,3})?个?(?:月|号|年)|"
        r"(?:不干|不做|没干|没做|不上班|没上班|不打工|没打工|不跑)了|不在.{0,8}(?:干|做|上班)了|"
        r"从[^\s，。,]{1,10}出来了|还没找(?:着|到)新的|号(?:被)?封了|"
        rf"{_NO_WORK_HERE}没有?(?:工作|活|事)(?:干|做)?[\s，,]*(?:想|要|打算)(?:找|出去)|"
        rf"{_NO_WORK_HERE}没有?(?:活|工作|班上|事(?:情)?)(?:可?干|可?做)?了|活(?:也|都)?(?:没|丢)了|"
        r"(?:工作|饭碗|工|活|事)(?:也|都|就)?(?:没|丢|掉|黄)了|丢了(?:工作|饭碗)|干不下去|"
        r"没续|不续|到期|没单子|没订单|没有?(?:单子|订单)|(?:搬|迁)走了|"
        r"活(?:也|都)?(?:干|做)完了|(?:工程|项目|工地)(?:上的活|的活)?(?:也|都)?(?:结束|完工|干完|做完)了|完工了",
        negated="employed",
        wished=None,
    ),
    # Being idle (没事做, 闲着, 找不到活) is the background of a request rather than news of a loss:
    # 没事做 有没有活干 asks for work. Alone it still reports no job. 没活就在家种地 is a condition.
    _rule(
        "job_lost",
        rf"{_NO_WORK_HERE}没有?(?:活|工作|班上|收入|着落|事(?:情)?(?=做|干))(?!(?:可?干|可?做)?(?:就|的时候|时|的话))|"
        r"没找到(?:工作|活)|找不到(?:工作|活)|闲在家|在家闲|闲着|一直(?:在|呆在|待在)家|"
        r"在家(?:里)?(?:待|呆|蹲|歇|耍)着?|一直没出去",
        negated="employed",
        wished=None,
        above="employed",
    ),
    _rule(
        "changed_job",
        # (老板换了, 厂里换了个老板, 换老板了 还在原来厂里: the same job under a new boss, the employed rule below;
        # 换了个老板 还是干装修: a new boss of one's own, a new job)
        r"(?<![要想能号码机话卡])(?<!老板)(?<!老闆)(?<!厂里)(?<!厂子)(?<!公司)(?<!店里)(?<!单位)(?<!工地)"
        r"换(?!(?:了)?(?:个|新)?(?:号|电话|手机|卡|衣服|班|人))"
        r"(?!(?:了)?(?:个|新)?(?:老板|老闆)了?[^。]*还(?:在|是)(?:原来|这|那|老地方))|"
        r"新的?(?:工作|单位|东家|厂|公司|活)(?![村组寨屯庄镇乡街])",  # (新厂村三组 is a village)
        negated="employed",
        wished="seek_job",
    ),
    # Money, eligibility or procedure, even about training (培训有补贴吗).
    _rule(
        "ask_policy",
        r"政策|补贴|补助|奖励|奖补|津贴|救助|低保|扶持|资助|优惠|减免|免费吗|免(?:不|吗|么)|能免|免学费|学费|"
        r"助学金|奖学金|(?:要|收|交|花)钱(?:不|吗|么|没|啊)|要不要(?:交)?钱|收不收钱|"
        r"(?:公益岗|公益性岗位|护林员|保洁员)[^。，,]{0,6}多少钱|\d+岁(?:以上|以下|了)?[^。，,]{0,6}(?:能|可以|还)|"
        r"失业(?:金|保险|登记|证|补助|补贴)|登记证|就业证|社保|医保|养老(?:保险|金)|公积金|保险|"
        r"贷款|能贷|贴息|信贷|雨露计划|补交|补缴|"
        r"怎么(?:领|申请|办理|办(?![\s,.!?，。！？啊呢呀哦]|$)|交|缴|补|报|算|查|登记)|(?:证|卡|手续|登记)(?:要)?怎么办|"
        r"(?:年龄|年纪|岁数|学历|户口|户籍|性别)(?:有)?(?:限制|要求)|有(?:没有)?(?:什么)?(?:限制|要求)(?:吗|不|么|没)|"
        r"算不算|够不够(?:条件|资格)|能不能算|(?:还|也)算(?:是)?.{0,6}(?:吗|么|不)$|(?:去|在|到)?哪(?:里|儿)?(?:办|领|申请|交|查|报)|"
        r"找谁(?:办|申请|问|报)|(?:什么|哪些)(?:材料|证件|手续|条件)|条件|资格|符合|手续|流程|"
        r"(?:怎么|如何|去哪|在哪|哪里)报名|(?:学|培训|读|上).{0,8}(?:多少钱|收费|费用|要钱|花钱)|"
        r"免费吗|免不免费|是不是免费|新农合|农保|残疾证|"
        r"到账|路费|车费|交通费|报销|能报(?!个|名|班|一个|了?培训|考)|报不|有钱(?:补|拿|领)|补不补钱|(?:补|给)钱(?:吗|不|么)|还能(?:上|申请|领|报|享受|办|登记)|能(?:不能)?上公益|"
        r"(?:能|可以)(?:不能|不可以)?(?:申请|领|享受|办)|"
        # Whether a job offer is a scam (这个招聘是真的吗, 要交押金正常吗, 中介费靠谱吗): the warning, not a search.
        r"骗|押金|中介费|介绍费|黑中介|传销|(?:招聘|招工|工作|活|中介|广告|信息|这个|那个)[^。，,\s]{0,6}?真的(?:吗|么|不|假的)|"
        r"靠谱(?:吗|不|么|没)|可信(?:吗|不|么)",
    ),
    _rule(
        "seek_training",
        r"培训|技校|职校|职高|中职|中专|技工学校|技工院校|技师学院|职业(?:学校|学院)|"
        r"技术(?!工|员|活|岗|好)|手艺|考.{0,3}证|拿.{0,2}证|招生|"
        r"(?:开|报|办|参加)(?:个|了|一个|什么|没有)?[\u4e00-\u9fff]{0,4}?(?<![上下加夜白早晚中倒值轮跟排换])班(?!上|长|组|车)|"
        r"有没有班(?!上)|(?:有没有|哪里有?|哪儿有?|谁|在哪)(?:能|可以|会)?教(?!我)|"
        r"(?<![大小中上同放留开])学(?![费校生历期问徒过])|(?:想|要)(?:让.{1,3})?(?:读|念)(?!书|小学|初中|高中|大学)",
    ),
    # Asking for work: 找活, 招工, 有没有…活/岗位, 介绍/推荐, and any work verb after a wish (想进厂).
    _rule(
        "seek_job",
        r"(?<!又)找(?:个|份|点|些)?(?:工作|活|事|厂|班|工|事情|岗位|门路|出路)|找(?![到着好了])(?!.{0,3}人工)"
        r".{0,10}(?:工作|活|厂|事做|岗位|班上)|"
        r"(?:帮我|帮忙|帮|能|想|要)找到.{0,4}(?:工作|活|事做)|招不招|要不要人|收不收人|缺不缺人|还(?:招|要|收|缺)人|还(?:招|收)(?:不|吗|么|没|啊|呢)|有没有[^。?？]{0,20}?的[^，。,\s]{0,4}(?:活|工作|岗位|事做)|"
        r"介绍(?:一个|个|点|一下)(?:吧|嘛|呗)?$|(?:工资|活|工作|岗位)[^。]{0,12}(?:有没有|有吗|有不)$|"
        r"求(?:个|一份|份|一个)?(?:工作|活|职)|有[^，。,\s]{0,8}?(?:活|工作|岗位|岗|事做)(?:干|做)?(?:吗|么|不|没有?|嘛)|"
        r"招工|招人|招聘|要人|缺人|收人|哪(?:里|儿)?(?:有)?(?:招|缺人|收人|要(?:人|[^\s，。,]{0,3}工))|招.{1,6}的|(?:工作|活|事)介绍|介绍.{0,4}(?:工作|活|事|厂)|"
        r"推荐|(?:想|要)找(?!人|客服|领导|负责人|干部|书记|工作人员|你们)|求职|应聘|面试|报名(?!的(?:那|这))|(?:能|可以|马上)上岗|上岗的|"
        r"(?:有(?:什么|没有|没|啥|哪些|合适的|好的?|无)|哪(?:里|儿)?有|还有).{0,6}(?:活|工作|岗位|岗|事做|厂)(?!了)|"
        r"(?<=.)(?<!这)(?<!这个)(?<!你)(?<!你们)能(?:干|做)什么|适合.{0,6}(?:活|干|做)|"
        r"有没有.{0,10}?(?:摘|采|干|做|搬|开|送|当|修|装|种|养|挖|扫|缝)[^，。,\s]{0,8}的(?:活|工作|事)?(?:吗|不|没)?$|"
        r"什么(?:活|工作|事)?都(?:能|可以|会|肯|愿意|行|干|做)(?!不)|(?:活|工作|岗位|事做)(?:有没有|有吗|有不|有么)|"
        r"(?:干|做)什么都(?:行|可以|成|能)|"
        r"有没有(?:半天|兼职|临时|短期|钟点|夜班|白班|轻松|离家近)(?:点)?的(?:活|工作|班)?(?:吗|不|没|呢)?$|"
        r"想(?:出去|出省|外出|出门|去外地|出远门)|(?:想|要|打算|准备)换(?:个|份)?(?:工作|活|厂|地方|行)|"
        # 想回家附近做, 想在县城干: work wished near home, the work itself left unsaid (想回家做饭 is no such wish).
        r"(?:想|打算|准备)(?:回|在)(?:老家|家乡|家|县里|县城|镇上|本地)(?:附近|跟前|边上|门口|这边)?(?:做|干)(?:点事|事|活)?"
        r"(?=$|[\s,，。!！])|"
        # 现在能出来干活了, 身体好了 可以上班了: able to work again, the whole message (a job named beside it,
        # 能出去干活了 在县城超市上班, is work found).
        r"^(?:[^，。,\s]{0,8}[，。,\s])?[^，。,\s]{0,4}(?<![不没])(?:能|可以|能够)(?:出来|出去|出门)?"
        r"(?:干活|上班|打工|工作|做事|干点活|挣钱)了[啊呀吧啦]?$|"
        # 想换个工资高点的, 想换个离家近的: the better job said by what makes it better.
        r"(?:想|要|打算|准备)换(?:个|份|一个|一份)?(?:工资|钱|挣|赚|待遇|离家|轻松|稳定|近|好)[^，。,\s]{0,6}|"
        # 想换个别的活干, 想改行, 想干点别的: other work than their own.
        + WANTS_CHANGE,
    ),
    _rule(
        "employed",
        rf"(?:做|当|干|跑|开|送|在做|学)(?:个|点)?{_JOBS}|"
        r"找了(?:个|份|一个|一份)[^，。,\s]{0,12}(?:活|工作|事|班|厂)|"
        r"上班|打工|务工|零工|有活(?:就|才)(?:去|出去)?(?:干|做)|(?:干|做)一天算一天|干活|做工|做事|在干|还在(?!等|找|想|问|考虑|家)|进厂|进的|有活干|有工作|有事做|"
        r"(?<!帮我)(?<!帮忙)(?<!帮)(?<!能)(?<!想)(?<!要)找到(?:了)?(?:工作|活|事做|班上|厂)|(?:工作|活)(?:已经|也)?找(?:到|着|好)了|"
        r"(?:老板|老闆)(?:也|又)?换(?:了|人了)|(?:厂里|厂子|公司|店里|单位|工地)(?:也|又)?换了?(?:个|新)?(?:老板|老闆)|"
        r"换了?(?:个|新)?(?:老板|老闆)了?[^。]*还(?:在|是)(?:原来|这|那|老地方)|"
        # 新老板是个好人, 新来的老板人不错: a remark about the boss one works for (no new job).
        r"新(?:来的)?(?:老板|老闆)(?:是|在)?(?=一?个|人|很|挺|蛮|还|真|太|对|不|好|坏|凶|抠|和气|厚道|实在|大方|小气)|"
        r"有班上|上着班|加班|搬砖|转正|一直在(?!家|找)|送外卖|送快递|跑外卖|跑滴滴|开滴滴|摆摊|养殖|帮忙|帮工|"
        r"(?:养|喂)了?[^\s，。,]{0,4}(?:猪|鸡|鸭|鹅|牛|羊|鱼|蜂|兔)|(?:帮|给|替)(?:人|别人)(?:家)?(?:开|拉|送|干|做|种|收|砌|搬|放|喂)|"
        # 有个工地喊我 下礼拜一去, 有个厂要我了: a workplace took them on (工地不喊我了 is no match).
        rf"(?:有个|有家|一个|那个|这个){_WORKPLACE}(?:里|那边)?(?:喊|叫|要|招|收)了?我|"
        rf"在.{{0,16}}{_WORKPLACE}|(?:去|进|到)[^\s，。,]{{0,10}}?{_WORKPLACE}|在(?!家(?!门口|附近))[^\s，。,]{{1,16}}?{_WORK_VERBS}|干到现在|(?:做|干)了.{{1,3}}年|计件",
        negated="job_lost",
        wished="seek_job",
    ),
    _rule(
        "help",
        r"帮助|菜单|功能|怎么(?:用|使用|操作|弄|玩|回复|回|填|选)|如何使用|回复什么|回什么|发什么|输入什么|选哪个|"
        r"填什么|说明书|使用说明|操作说明|指南|教程|教(?:一下|下|我|教)|不会(?:用|弄|操作|回|填|打字|搞)|"
        r"(?:看|听|搞|弄)不(?:懂|明白)|不懂(?:啊|了|$)|不明白|不知道(?:怎么|该)|什么意思|这是(?:什么|干嘛)|干嘛的|干嘛用|"
        r"(?:这个|这|你|你们|公众号|小九|这个号)(?:是)?(?:能|可以|会)?(?:(?:帮我|给我|为我|帮)(?:干|做|搞|办)?|干|做|搞|办)什么|"
        r"^(?:能|可以)(?:帮我)?(?:干|做|办)什么|有什么用|干什么的|做什么的",
    ),
    _rule("greeting", r"^(?:你好|您好|早上好|上午好|中午好|晚上好|下午好|早安|哈喽|嗨|hi|hello|在吗|老师好|大家好)"),
)

# A negation right before a match: 没失业, 不想找, 没被公司开除. 有没有 / 能不能 ask a question instead.
_NEGATION = re.compile(
    r"(?:(?<![有能是要会可])(?:没有?|不是|并没有?|从没|从来没|还没|未|不|别|无)(?:被|在|再|想|要|曾|有)?"
    # 没出去打工: the going out denied denies the work.
    r"(?:出去|出门|外出)?"
    r"|(?:没|不|未)(?:被|让|叫)[^\s，。,]{1,4}"
    # 不用给我找工作: someone else is told not to act for the speaker.
    r"|(?:不用|不要|别|不必|用不着)(?:再)?(?:给|帮|替|为)(?:我|我们)"
    # 谁说我失业了: said to deny it.
    r"|谁说(?:我|俺)?)$"
)
# A wish before a match, within the same clause: 想进厂, 打算去东莞打工, 想在家附近做点手工.
# "想 去浙江那边进厂": the wish said as a word of its own, a blank after it (as people type a pause), still is one.
_WISH = re.compile(
    r"(?:(?:想(?!到|起|过|法|着)|想要|打算|准备|希望|考虑|计划|愿意)"
    r"|(?<![^\s,，。我俺不没别])(?:想|想要|打算|准备|希望|考虑|计划|愿意)\s)[^\s,，。.!！?？]{0,8}$"
)
_QUESTION_BEFORE = "有能是要会可"

# Lower-ranked readings that agree with the top one rather than compete with it: a new job is a job
# (换了工作 现在在比亚迪), and a greeting goes with any request. They leave the confidence strong.
_AGREEING: dict[str, frozenset[str]] = {"changed_job": frozenset({"employed", "job_lost"})}

STRONG = 0.9
AMBIGUOUS = 0.75
WHOLE = 0.95
UNKNOWN = 0.3


def canonical(normalized: str) -> str:
    """Rewrite dialect words and known typos to standard forms (used for matching only)."""
    return _CANONICAL_RE.sub(lambda m: _CANONICAL[m.group(0)], normalized.lower())


def _segments(part: str, intent: str) -> bool:
    """Whether `part` is one or more whole-reply words of `intent` (好的好的, 对对对)."""
    words = _WHOLE[intent]
    # reachable[i]: part[:i] splits into whole-reply words (a small DP; parts are short).
    reachable = [True] + [False] * len(part)
    for end in range(1, len(part) + 1):
        reachable[end] = any(reachable[start] and part[start:end] in words for start in range(end))
    return reachable[-1]


# Pinyin syllables typed apart (ni hao, zai ma): read run together, as the whole-reply words have them.
_LATIN_WORDS = re.compile(r"[a-z]+(?:\s+[a-z]+)+")


def whole_reply(text: str) -> str | None:
    if _LATIN_WORDS.fullmatch(text.strip(" ?!.~")):
        text = re.sub(r"\s+", "", text)
    parts = [TRAILING.sub("", part) for part in TRIM.split(text) if part]
    parts = [part for part in parts if part]
    if not parts or sum(map(len, parts)) > 16:
        return None
    for intent in _WHOLE:
        if all(_segments(part, intent) for part in parts):
            return intent
    # 没毛病了 / 没问题了: agreement with a closing 了 (elsewhere 了 changes the meaning: 不干了).
    settled = [part.removesuffix("了") for part in parts]
    if settled != parts and all(part and _segments(part, "affirm") for part in settled):
        return "affirm"
    return None


# 不是这个号码 / 不是那个厂 / 18不对: a correction of what was asked about, or of a line of the summary.
_CORRECTION = re.compile(r"不是(?:这|那)(?:个|家|里)?[\u4e00-\u9fff]{0,4}|第?\d{1,2}(?:条|项|个)?(?:不对|错了|有误)")


def _leading_reply(text: str) -> str | None:
    """对 电话还是… / 错了 不是这个: a yes or no said first, then information, keeps its meaning."""
    parts = [TRAILING.sub("", part) for part in TRIM.split(text) if part]
    parts = [part for part in parts if part]
    if len(parts) == 1 and _CORRECTION.fullmatch(parts[0]):
        return "deny"
    if len(parts) < 2:
        return None
    for intent in ("affirm", "deny"):
        if _segments(parts[0], intent):
            return intent
    return None


# Answers to yes/no questions about the job (contract signed? insurance paid? wages on time?), with or
# without their subject: 签了, 社保交了, 工资按时发 / 没签, 没交, 拖着, 工资经常拖.
# The payer may come first (厂里买的, 公司交了, 老板给买了: the employer paid in).
_ANSWER_SUBJECT = (r"(?:厂里|厂子|工厂|厂家|公司|单位|老板)?(?:给我|给|帮我|帮)?"
                   r"(?:劳动合同|合同|社保|保险|五险一金|五险|医保|工资|工钱|钱)?(?:也|都|已经|早就|一直|是|有)?")
_YES_ANSWER = re.compile(
    rf"{_ANSWER_SUBJECT}(?:签了|签过|签的|交了|交过|交的|买了|买过|买的|缴了|发了|发的|都发了|给了|按时发|按时|"
    rf"准时发|准时|按月发|按月给|按月结|每月都发|每个月都给|每月给|月月发|月月给|没拖|没有拖|不拖|没欠|不欠|有|"
    rf"日结|当天结|天天结|现结|一天一结|干完一天结一天|做一天结一天)(?:的|了)?"
)
_NO_ANSWER = re.compile(
    rf"{_ANSWER_SUBJECT}(?:没签|没有签|未签|不签|没交|没有交|未交|不交|没买|没有买|不买|没缴|没发|没有发|不发|没给[交买缴]?|不给[交买缴]|"
    rf"拖|拖着|拖欠|拖了|欠着|压着|押着|经常拖|老拖|总拖|总是拖|不按时|没按时|不准时|晚发|迟发|没听说过|没听过)(?:过)?(?:的|了|呢)?"
)

# The same answer twice (买了 厂里买的, 没交 公司没给交), as people repeat themselves.
_YES_TWICE = re.compile(f"(?:{_YES_ANSWER.pattern}){{2}}")
_NO_TWICE = re.compile(f"(?:{_NO_ANSWER.pattern}){{2}}")


# 临时工哪有合同, 哪来的社保: "where would there be one" says there is none (it read 有合同 as a yes); 哪有拖过
# (never late) is left to the rest.
_RHETORICAL_NONE = re.compile(r"哪(?:里|儿)?(?:有|来|会有)的?(?:什么|啥)?(?![不没拖欠压晚迟])")


def yes_no(normalized: str) -> bool | None:
    """A yes/no answer: the job answers above, then whatever the classifier reads as affirm or deny."""
    text = canonical(normalized)
    parts = [TRAILING.sub("", part) for part in TRIM.split(text) if part]
    squashed = "".join(parts)
    if _RHETORICAL_NONE.search(squashed):
        return False
    if _YES_ANSWER.fullmatch(squashed) or _YES_TWICE.fullmatch(squashed):
        return True
    if _NO_ANSWER.fullmatch(squashed) or _NO_TWICE.fullmatch(squashed):
        return False
    intent, _ = classify(normalized)
    return True if intent == "affirm" else False if intent == "deny" else None


def _asks(text: str, start: int) -> bool:
    """有没有工作 / 能不能干: an A-not-A question, not a statement that there is none."""
    return text[start] in "没不" and start > 0 and text[start - 1] in _QUESTION_BEFORE


def _meaning(rule: Rule, text: str, start: int) -> str | None:
    before = text[max(0, start - 12) : start]
    wish = _WISH.search(before)
    if wish is not None:
        ahead = before[: wish.start()]
        if ahead.endswith(("不", "没", "别")) or _NEGATION.search(ahead):
            return None  # 不想找工作: a wish denied says nothing
        return rule.wished
    if _NEGATION.search(before[-7:]):
        return rule.negated
    return rule.intent


def _signals(text: str) -> list[str]:
    """Intents the rules point to, best first, with negated and wished matches mapped."""
    found: dict[str, float] = {}
    for rule in RULES:
        position = 0
        spans: list[tuple[int, int]] = []
        while (match := rule.pattern.search(text, position)) is not None:
            # A match that says nothing (没钱 …) must not hide a later one (… 工资一直拖): search on
            # from the next character rather than after the whole match.
            position = match.start() + 1
            if _asks(text, match.start()):
                continue
            intent = _meaning(rule, text, match.start())
            if intent is None:
                continue
            # A mapped meaning (没失业 -> employed) ranks as that intent does, but no higher than just
            # above the rule itself: 没事做 / 没上班 say one is idle, which a request (有没有活干) outranks.
            rank = rule.rank if intent == rule.intent else float(PRIORITY.index(intent))
            if intent == rule.negated:
                rank = max(rank, rule.rank - 0.5)
            found[intent] = min(rank, found.get(intent, rank))
            if rule.masks:
                spans.append(match.span())
        if spans:
            chars = list(text)
            for start, end in spans:
                chars[start:end] = " " * (end - start)
            text = "".join(chars)
    return sorted(found, key=found.__getitem__)


# What follows a turn in the sentence (厂子倒了 不过我又找了个新厂) is the news the sentence ends with.
_TURN = re.compile(r"(?:不过|但是|可是|后来|好在|还好)(?!.*(?:不过|但是|可是|后来|好在|还好))")
STATUS_INTENTS = frozenset({"employed", "job_lost", "changed_job"})


def classify(normalized: str) -> tuple[str, float]:
    """(intent, confidence) for a normalised message."""
    return classify_canonical(canonical(normalized))


def classify_canonical(text: str) -> tuple[str, float]:
    """classify() for text already in canonical form."""
    whole = whole_reply(text)
    if whole is not None:
        return whole, WHOLE
    if _HOW_TO_STOP.search(text):
        return "help", STRONG  # asks how; the stop itself is a later message
    signals = _signals(text)
    if not signals:
        leading = _leading_reply(text)
        return (leading, AMBIGUOUS) if leading else ("unknown", UNKNOWN)
    top, others = signals[0], set(signals[1:]) - {"greeting"}
    if top == "job_lost" and (turn := _TURN.search(text)) is not None:
        ending = _signals(text[turn.end() :])
        if ending[:1] in (["employed"], ["changed_job"]):
            return "changed_job", STRONG  # the job lost, then a new one found
    return top, STRONG if others <= _AGREEING.get(top, frozenset()) else AMBIGUOUS
