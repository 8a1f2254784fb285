"""What a reply to a jobs list asks (dialogs/flows/jobs.py): a number for details, 报名 N, more, or a question
about the item on screen (its pay, food and lodging, dates, place, cost, requirements), in Chinese as people type
it and in English; a question that names a policy topic is left to the policy answers."""

from __future__ import annotations

import re
import unicodedata

from dialogs import nlu
from dialogs.nlu.memo import short_memo
from dialogs.policy.catalogue import retrieval

_NUMERALS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_N = r"(\d{1,2}|[一二两三四五六七八九十])"
# What people put before 报名 (中 俺报名, 那就报名吧, 好 就这个): agreement, then 我/俺.
_LEAD = r"(?:中|行|好的?|嗯|可以|那就?|就)*(?:我|俺)?就?"
_APPLY_N = re.compile(
    rf"(?:{_LEAD}(?:要|想)?(?:报名|申请|报|去|apply)(?:第)?{_N}(?:个|号)?(?:吧|了)?"
    rf"|(?:第)?{_N}(?:个|号)?(?:(?:我|俺)?(?:要|想)?(?:报名|申请|去)|apply)"
    rf"|{_LEAD}(?:要|选)(?:第{_N}(?:个|号)?|{_N}(?:个|号))(?:吧|了)?)"  # 要第三个, 俺选2号
)
# 报名1和2, 1号2号都想去, 两个都报 (it was a new search, or 都想去 "none of these"): each one applied for.
_APPLY_WORDS = r"(?:报名|申请|报|想去|去)"
_APPLY_TWO = re.compile(rf"(?:{_LEAD}(?:要|想)?{_APPLY_WORDS})?(?:第)?{_N}"
                        r"(?:(?:个|号)(?:和|跟|与|、|还有)?|和|跟|与|、|还有)"
                        rf"(?:第)?{_N}(?:个|号)?"
                        rf"(?:都|俩都|两个都)?(?:(?:我|俺)?(?:要|想)?{_APPLY_WORDS})?(?:吧|了)?")
_APPLY_ALL = re.compile(r"(?:两个|俩|三个|这几个|这些)?都(?:要|想)?(?:报名|报|申请|想去|去)(?:上)?(?:吧|了)?"
                        r"|(?:两个|俩|三个|这几个|这些)(?:都)?(?:报名|报|申请)(?:吧|了)?|全(?:都)?报(?:名|上)?(?:吧|了)?")


def applies_for_several(text: str) -> tuple[int, ...] | None:
    """报名1和2 / 1号2号都想去: those numbers; 两个都报 / 都想去: () for every item listed; None otherwise."""
    s = squash(text)
    if len(s) > ASK_CHARS or not re.search(_APPLY_WORDS, s):
        return None
    if _APPLY_ALL.fullmatch(s):
        return ()
    # (报1 2: the blank parts the numbers; 报名12 is item 12)
    m = _APPLY_TWO.fullmatch(_NOISE.sub("、", unicodedata.normalize("NFKC", text).strip()).lower())
    if m is None:
        return None
    numbers = tuple(dict.fromkeys(_number(g) for g in m.groups() if g))
    return numbers if len(numbers) > 1 else None


# 2 3, 2，3, 2、3, 2号和3号, 第二个跟第三个 (看看): several items picked from the list, each by its number.
_ONE_OF = rf"(?:第)?{_N}(?:个|号)?"
_SEVERAL_N = re.compile(rf"(?:看看?|看一?下)?{_ONE_OF}(?:(?:[、,]|和|跟|与|还有)+{_ONE_OF})+"
                        r"(?:的)?(?:详情|详细)?(?:看看|看一?下|呢|吧)?")


def several_named(text: str, listed: int) -> tuple[int, ...] | None:
    """The items a message picks by their numbers alone (2 3, 2和3: (2, 3)), else None; two digits with only a blank
    between them are one number when the list is that long (2 3 with 23 listed: 23, as 23 always is)."""
    s = _NOISE.sub("、", unicodedata.normalize("NFKC", text).strip()).lower()
    m = _SEVERAL_N.fullmatch(s)
    if m is None:
        return None
    numbers = tuple(_number(n) for n in re.findall(_N, s))
    if len(numbers) == 2 and re.fullmatch(r"\d、\d", s) and int(s[0] + s[2]) <= listed:
        return None
    picked = tuple(dict.fromkeys(numbers))
    return picked if len(picked) > 1 else None


_APPLY_THIS = re.compile(
    rf"(?:{_LEAD}(?:要|想)?(?:报名|报个名|报一?下名|申请|报|去|干|做|参加)(?:这个|这份|这家|这|它)?(?:工作|活|培训|班)?"
    r"(?:吧|了|嘛|啊|哈|呗|哦|呀)?"  # (那我报个名嘛: it was 没太明白 and the menu)
    rf"|{_LEAD}(?:要|选)?这个(?:吧|了)?|apply(?:this)?)"
)
# What 是干啥的 asks of an item pointed at (第三个是干啥的: its details; alone, 你们是干啥的, it is who we are).
_WHAT_IS = r"|(?:是)?(?:干|做|弄|学)(?:啥|什么|哪样)的?|是(?:啥|什么)(?:活|工作|培训)?"
# 2号那个, 第二个那个, 第三个是干啥的, 那2号呢: the item pointed at by its number, its details.
_DETAIL_N = re.compile(rf"(?:那|那么|还有)?(?:看看?|详情|详细|查看|第)?{_N}(?:个|号)?(?:的)?"
                       r"(?:那个|那家|那份|这个)?(?:详情|详细)?"
                       rf"(?:咋样|怎么样|如何|啥情况|什么情况|呢|的呢|看看{_WHAT_IS})?")
# "那个电话多少": the phone of the item applied for, asked again (a short message naming a phone or contact).
_CONTACT = re.compile(r"(?:电话|号码|手机号|联系方式|怎么联系|咋联系|联系谁|找谁)")
CONTACT_CHARS = 12
# The phone itself asked for (老板电话多少: the boss named, no rights matter).
_PHONE_ASKED = re.compile(r"电话|号码|手机号|联系方式")
# "都不合适 有没有近点的": none of these; others are shown, or they are told there are none for now. A complaint
# about what is shown ("工资太少了", "太远了") or a wish for nearer ones ("离家近的有没") says the same.
_NONE_FIT = re.compile(r"(?:(?:都|全)不|没有?一个)"
                       r"(?:合适|适合|中意|中|行|满意|喜欢|想去|想学|想干|想做|感兴趣|去|报|要)"
                       r"|没(?:有)?(?:合适|中意|看上|满意)的?"
                       r"|有没有(?:近|别|其他|其它)|(?:近|好|多)(?:一?点|些)的"
                       r"|(?:太|有点|有些)(?:少|低|远|累|苦|辛苦)(?!了?[不吗没么])|近(?:一?点|些)?的(?:有没有?|有吗|有不|呢)"
                       r"|不想去?(?:那么|这么|太)?远|(?:那么|这么)远"
                       r"|有没有(?:在)?(?:县城|县里|本县|镇上|乡里|附近|家附近|家门口|跟前|家跟前)(?:的|里的|上的)")
NONE_FIT_CHARS = 16
# A question about the item on screen: its pay (一个月能拿多少, 工资咋算) or food and lodging (包吃住不).
_ASK_PAY = re.compile(r"(?:工资|工钱|薪水|薪资|待遇|拿|挣|赚|给|一个月|月薪|计件|按件).{0,4}"
                      r"(?:多少|几多|几千|咋算|怎么算|咋样|怎么样|高不高|高不|高吗|多不多)|(?:多少钱|几千块?)一个?月")
# The bare question of money with an item open (多少钱, 钱多少, 一天多少钱): its pay (it was the list of subsidies).
_ASK_MONEY = re.compile(r"(?:一天|一个月|一月|每月|每天)?(?:多少钱|钱多少|给多少钱?|几个钱|多少工资|工资多少)"
                        r"(?:呀|啊|呢|一天|一个月)?")
_ASK_WHEN = re.compile(r"(?:啥|什么|几)时候|几号|哪天|开班|开课|上课|多少天|几天"
                       r"|多久(?:能|可以|才能)?(?:上班|开工|去|到岗|开始|开班|上课)")
_ASK_WHERE = re.compile(r"(?:在|去|到)?(?:哪里|哪儿|哪|啥地方|什么地方)(?:上课|上班|培训|干活|干|学|报到|集合)"
                        r"|(?:在|去|到)(?:哪个|哪一个|什么|啥)地方|地址|地点|在哪|在[\u4e00-\u9fff]{1,4}?哪(?:里|儿)(?![都也])|是哪(?:里|儿)?的|哪(?:里|儿)的(?:活|厂|工作)|(?:离家|离这|离俺家|离我家)?(?:有)?多远|远不远|远吗|近不近|近吗")
# How far (浙江那个远不远: the province named is no question about the cross-province subsidy).
_HOW_FAR = re.compile(r"多远|远不远|远吗|近不近|近吗")
# Words that ask where and name no topic of the policy, though a topic's words are in them (地方: 地方政策).
_WHERE_WORDS = re.compile(r"(?:哪个|哪一个|什么|啥|哪些)地方")
# What it asks of them: 要求啥, 有啥条件, 要啥学历.
_ASK_NEEDS = re.compile(r"要求|条件|门槛|学历|文化|识字|认字|普通话|驾照|驾驶证|(?:要|需要|得)(?:啥|什么|哪些)证件"
                        r"|(?:没|没有)(?:读|念|上)过(?:书|学)|(?:读|念)书少|小学(?:毕业|文化)?(?:能|可以|行)")
# Whether the item takes someone of their age (年纪大了要不要, 五十岁收不收): its ages and requirements.
_ASK_AGE = re.compile(r"(?:年纪|年龄|岁数|岁|年纪大|老了).{0,6}"
                     r"(?:要不要|收不收|要吗|收吗|要不|收不|行不行|行吗|行不|能去不?|可以不?吗?)"
                     r"|(?:要|收|招)(?:多大|几岁|啥年纪|什么年纪|多少岁)(?:年纪|岁数|的人|的)?"
                     r"|(?:多大|几岁|多少岁)(?:年纪|岁数)?的?(?:人)?(?:要|收|招|能去|能干|能学|能报|可以)"
                     r"|(?:年纪|年龄|岁数)(?:要)?多大|(?:有|限)(?:年龄|年纪|岁数)")
# The speaker's own age with the question (我52了能去不, 我50了还能学吗, 俺五十岁了还收不): compared with the item's.
_AGE_N = r"(\d{2}|[二三四五六七八九]?十[一二三四五六七八九]?)"
_AGE_SAID = re.compile(rf"(?:(?:我|俺)(?:都|已经|今年)*{_AGE_N}(?:岁了?|了)|{_AGE_N}岁了?)(?:了)?(?:的人?)?(?:还|也)?"
                       r"(?:能|可以|行|要|收|招)")
_DIGITS = {c: n for n, c in enumerate("零一二三四五六七八九")}
# The speaker's age alone with a list open (我53了, 俺今年五十八): the same question (it was 没太明白).
_AGE_ONLY = re.compile(rf"(?:我|俺)(?:都|已经|今年)*{_AGE_N}(?:岁)?了?")
# How to apply (咋报名, 怎么报): 报名 and the number (it was referred to the caseworker).
_HOW_APPLY = re.compile(r"(?:咋|怎么|怎样|如何|在哪)(?:个)?(?:报名|报|申请)(?:呀|啊|呢|啊)?")


# 1号我能干不 62了: the age said after the question, or apart from it.
_AGE_BESIDE = re.compile(rf"(?:我|俺)?(?:都|已经|今年)*{_AGE_N}(?:岁了?|了)(?:的人)?")
_FIT_ASKED = re.compile(r"能(?:干|去|做|报|学|上)|行不|可以不|成不|中不|要不要")


def _age_apart(s: str) -> re.Match[str] | None:
    m = _AGE_BESIDE.search(s)
    return m if m is not None and _FIT_ASKED.search(s[:m.start()] + s[m.end():]) else None


def age_said(text: str) -> int | None:
    """The speaker's own age asked about (我52了能去不: 52; 俺五十岁了还能学吗: 50; 1号我能干不 62了), else None."""
    m = _AGE_SAID.search(squash(text)) or _AGE_ONLY.fullmatch(squash(text)) or _age_apart(squash(text))
    if m is None:
        return None
    said = next(g for g in m.groups() if g)
    if said.isdigit():
        return int(said)
    tens, _, ones = said.partition("十")
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)
# The speaker's age told with a request (我62了 有啥活干, 俺今年五十八 想找个活, 五十多了 有没有活干): "五十多" and
# "60多岁" are at least 50 and 60 (matching then refuses only what that age is already beyond).
_AGE_TOLD = re.compile(rf"((?:我|俺)(?:都|已经|今年|也)*)?{_AGE_N}(多)?(岁了?|了)")

# 我今年48, 俺今年五十二 (an age after 今年 with nothing after it that makes it a sum, a month or a year).
_THIS_YEAR_AGE = re.compile(rf"((?:我|俺)?(?:都|已经|也)*今年){_AGE_N}(多)?((?:岁了?)?)(?![\d万千百块元月号年个天十])")


def age_told(text: str) -> int | None:
    """The speaker's own age said in a message (我62了, 五十多了: 50), else None; only where a digit or 十 and 了 or 岁
    are (cheap elsewhere)."""
    if not ("了" in text or "岁" in text or "今年" in text) or not ("十" in text or any(c.isdigit() for c in text)):
        return None
    if nlu.about_someone_else(text):
        return None  # 俺娃十六了: not theirs
    if (exact := age_said(text)) is not None:
        return exact
    # (我今年48 女的: no 了 or 岁 after it, and it was not read)
    m = _THIS_YEAR_AGE.search(squash(text)) or _AGE_TOLD.search(squash(text))
    if m is None or not (m.group(1) or m.group(4).startswith("岁") or m.start() == 0):
        return None  # 干了十多了 is no age; 我…了, …岁, or the age first (五十多了) is
    said = m.group(2)
    if said.isdigit():
        age = int(said)
    else:
        tens, _, ones = said.partition("十")
        age = (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)
    return age if 14 <= age <= 90 else None


# Whether the item costs them anything: 要钱不, 学费多少, 收费吗.
_ASK_COST = re.compile(r"要钱|收钱|收费|学费|交钱|花钱|免费|费用|要不要钱|掏钱|押金|保证金|体检费|服装费|中介费|介绍费")
MEALS = r"(?:管|包)(?:午饭|中饭|早饭|晚饭|三餐|两餐)"
_ASK_BOARD = re.compile(rf"包吃|包住|管吃|管住|吃住|食宿|住宿|宿舍|管饭|包饭|住哪|吃啥|地方住|住的地方|有住的|能住"
                        rf"|吃的|吃得|水电费|被子|被褥|铺盖|带饭"
                        rf"|工作餐|食堂|伙食|{MEALS}")
# The fare to get there (路费咋弄, 路费报不报, 车费给报吗): the item's own transport subsidy, when it has one.
_ASK_FARE = re.compile(r"路费|车费|车票|路上的?钱|坐车.{0,2}钱|交通(?:补|费)|报销路")
# Other provinces asked for (有没有外省的, 省外的有吗): another search, away from home.
_ASK_AWAY = re.compile(r"(?:有没有|有吗|有不|有么|有没|还有|要|想)|[吗么呢不没]$")
AWAY = re.compile(r"外省|省外|出省|外地")
# Piece rates (计件吗, 按件算不, 一件几毛): a question about the pay.
PIECE = re.compile(r"计件|按件|论件|件数|一件(?:多少|几)|钱一件|几毛|几分钱一")
# The list asked for again, or a list asked for (发个列表, 再发一遍, 列表呢): the list on screen shown again (by SMS its
# page), else the jobs that fit (dialogs/flows/idle.py).
_LIST_ASKED = re.compile(r"(?:再|重新)?(?:发|给|来)(?:我|俺)?(?:个|一个|一下|一遍|一次|一份)?(?:工作|招工|岗位)?(?:的)?"
                         r"(?:列表|单子|清单)(?:看看|来看看|吧|呗)?|(?:把)?(?:工作|招工|岗位)?(?:列表|单子|清单)"
                         r"(?:发给|发|给)(?:我|俺)(?:看看|吧)?|(?:列表|单子|清单)呢?|再发一?(?:遍|次)|重发一?(?:遍|次|下)?"
                         r"|list|send(?:me)?(?:the)?list|(?:send|show)(?:it)?again")
# Whether the item can be trusted (靠谱吗, 是正规的吗, 不会是骗人的吧): who published it, and the warning signs.
_ASK_TRUST = re.compile(r"靠谱|可靠|靠得住|靠不住|正规|骗人|骗子|骗钱|是真的|真的假的|真的吗"
                        r"|黑厂|黑中介|传销|安全不|安全吗|放心|\b(?:legit|scam|trust(?:worthy)?|reliable|genuine)\b")
# Whether the work is hard (累不累, 辛苦吗, 是重活吗) and when the pay comes (工资按时发不, 几号发工资, 日结吗): the
# item's own words tell.
_ASK_TIRING = re.compile(r"累不累|累吗|累不|辛苦吗|辛苦不|苦不苦|重活|体力活|轻松吗|轻松不|累人不|费力"
                         r"|站着(?:干|做)?(?:还是|吗|不)|坐着(?:干|做)?(?:还是|吗|不)|要站(?:着|一天|一整天)|站一天")
_NOT_PAID = re.compile(r"[不没未]发|拖|欠|克扣|扣了|老板")  # 老板不发工资咋办: a rights matter, not this item's payday
_ASK_PAYDAY = re.compile(r"按时发|按月发|几号发|(?:啥|什么)时候发|多久发|发一次|发工资|日结|月结|周结|押工资|压工资"
                         r"|结工资|一次结|年底结|年底发|过年结|工资咋结|工资怎么结")
# The Spring Festival break (过年放假吗, 春节放几天, 过年能回家不), leave (能请假吗, 请假扣钱不) and the weather
# where the work is (那边冷不冷): the item's own words tell, or that they do not (it was 没太明白, or the hours'
# answer, or a question referred without its item).
_ASK_HOLIDAY = re.compile(r"(?:过年|春节|年底|年前|年假|过节)[^,，]{0,4}(?:放|休|回|几天|上班)|放年假|年假")
_ASK_LEAVE = re.compile(r"请假|请几天|告假|事假")
_ASK_WEATHER = re.compile(r"冷不冷|热不热|冷吗|热吗|冷不|热不|冷么|热么|天气|气候|下雪|暖气|空调")
# How to get there and how long it takes (坐车要多久, 怎么去, 有人带队吗): where it is (how far), and who tells
# the rest.
_ASK_TRAVEL = re.compile(r"(?:坐车|路上|车程|开车)(?:要|得)?(?:多久|多长时间|几个?(?:小时|钟头)|几天)"
                         r"|(?:要|得)坐几个?(?:小时|钟头)|多少公里|几百公里|怎么去|咋去|怎么过去|咋过去|怎么走|咋走|带队|统一去|一起坐车|管接送|接站")
# Going to see the place first (能不能先去看看, 可以先去厂里看一下吗, 能去参观不): where it is, and who arranges it.
_ASK_VISIT = re.compile(r"(?:先|提前)(?:去|过去|到)?(?:厂里|单位|现场|那边|那里)?(?:看看|看一下|看一看|瞅瞅|瞧瞧|考察)"
                        r"|实地(?:看|考察)|参观")
# An exam (要考试吗, 考不过咋办), washing (能洗澡不, 有热水吗), a probation (有试用期吗), leaving (能不能辞职,
# 干不满一个月能走吗) and injuries at work (工伤咋办, 有工伤保险吗): the item's own words, else that they do not say
# and who finds out (they were referred without their item, or 能不能辞职 was news of a job lost).
_ASK_EXAM = re.compile(r"考试|笔试|要考|考不过|考得过|考不上|鉴定")
_ASK_BATH = re.compile(r"洗澡|洗个澡|热水|淋浴|澡堂|卫生间|厕所")
_ASK_PROBATION = re.compile(r"试用期|试用")
_ASK_QUIT = re.compile(r"辞职|辞工|离职|(?:干|做|上)不(?:满|够|到|了)[^,，]{0,6}(?:走|辞|不干)"
                       r"|(?:能|可以|让|准)(?:随时|中途|提前)?走|想走|中途走|提前走|不想干了?(?:能|可以)")
_ASK_INJURY = re.compile(r"工伤(?!了)|意外险|意外保险|受了?伤(?:咋办|怎么办|谁管|谁出|管不管|赔不赔|给不给)")
# A hurt told, not asked about (我腿摔伤了 咋办): a report (dialogs/flows/rights.py), not a question about the item.
_HURT_TOLD = re.compile(r"(?:我|俺|自己)[^,，]{0,6}(?:伤了|受伤|摔|砸|断了|工伤了)")
# Their own health or body told with the question whether they can do it (我腿不好 能干不, 腰不好能干吗): what the
# item says of the body the work needs, or that they do not say and who finds out (it was referred, or, with the item
# named, recorded as their being unable to work).
_HEALTH_SAID = re.compile(r"(?:腿|脚|腰|手|胳膊|膀子|膝盖|眼睛|眼神|耳朵|背|身体|身子|心脏|血压|腰椎|颈椎)[^,，]{0,3}?"
                          r"(?:不好|不行|不太好|不得劲|有毛病|有病|疼|痛|不方便|不利索|不灵|受过伤|伤过|残)"
                          r"|残疾|瘸|有病|病了|身体差|身体弱|力气小|没力气|干不了重活")
# (能干点啥 asks what work there is: no item's question)
_HEALTH_ASK = re.compile(r"(?:能|可以|能不能|可不可以)(?:干|去|做|报|学|上)(?!点?(?:啥|什么|哪))"
                         r"|干得了|做得了|干得动|吃得消|受得了|行不行|行吗|行不|要不要|收不收|要吗|收吗")
# Living there or home each day (能天天回家不, 要住校吗, 晚上能回来不): the item's own words, else who finds out.
_ASK_HOME = re.compile(r"(?:天天|每天|晚上|当天|下班|下课)(?:都)?(?:能|可以|要|得)?回(?:家|去|来)"
                       r"|能回家|回家住|住校|走读|寄宿|要住(?:在)?(?:那|那边|那里|学校)")
# How hard a course is (学电焊难不难, 好学吗, 学得会不): its own words, else who finds out.
_ASK_HARD = re.compile(r"难不难|难学|好学|难吗|难不|难么|学得会|学不会|能学会|学会不|学得懂|学不懂|难度|复杂不|复杂吗")
# Which of them is better (1号和2号哪个好, 选哪个, 哪个钱多): the items side by side, and whom to ask.
_COMPARE = re.compile(r"哪(?:个|一个|家)(?:更|比较|最)?(?:好|强|合适|划算|轻松|近|钱多|工资高|挣得多)"
                      r"|选哪(?:个|一个)|去哪(?:个|一个|家)好")


def numbers_named(text: str) -> list[int]:
    """The item numbers a message names (1号和2号哪个好: [1, 2]; 第一个跟第三个: [1, 3])."""
    return [_number(m.group(1) or m.group(2)) for m in re.finditer(rf"第{_N}(?:个|号)?|{_N}(?:个|号)", squash(text))]


# Waiting for word on an application (报名了咋没人联系我, 那个保洁的活还要我不, 有消息没): the caseworker told they
# wait, and they told so (it was a new search, or 没太明白 and the menu).
_ASK_CHASE = re.compile(r"(?:没|没有|咋没|怎么没|还没|也没|一直没)人?"
                        r"(?:联系|打电话|来电话|回复|回话|回信|消息|动静|通知)"
                        r"|(?:还要|要不要|要没要|收不收|录取|录用|要)(?:我|俺)(?:不|吗|没|么|了没|了吗|了不)"
                        r"|有(?:消息|信儿|结果|回音|下文)(?:没|吗|了吗|了没|不)")
# An interview (要面试吗, 怎么面试): the item's own words, else that the caseworker arranges it.
_ASK_INTERVIEW = re.compile(r"面试|试工|试岗|考核")
# How many people it takes (招多少人, 还剩几个名额): the places left.
_ASK_PLACES = re.compile(r"(?:招|要|收)(?:多少|几)个?人|剩(?:多少|几)个?|几个名额|多少名额|名额还有")
# The newer questions about an item are asked as questions (天气冷了工地停了, 请假回家了 are news, for the idle
# handler): a question word, 冷不冷 / 放不放, or a question's last character.
_ASKED = re.compile(r"[吗么嘛呢?？]|(.)不\1|[不没]$|几|多久|多少|多长|多远|咋|怎么|怎样|啥|什么|哪|能不能"
                    r"|可不可以|要不要|有没有|行不行")


def asked_as_question(text: str) -> bool:
    """A question word, 冷不冷 / 放不放, or a question's last character (过年放假了 厂里不干了 is none)."""
    return _ASKED.search(squash(text)) is not None


# Working hours and days off (几点上班, 上几天休一天, 加班不): the item's own words tell.
_ASK_HOURS = re.compile(r"几点|上班时间|工作时间|几个(?:小时|钟头)|加班|倒班|白班|夜班|值班|值夜|休息|放假|单休|双休"
                        r"|休几天|几天假|天假")
# A break of their own work told, not asked about (厂里放假了, 工地停工了): news for the idle handler.
BREAK_TOLD = _BREAK_TOLD = re.compile(r"(?:放假|放年假|休息|停工|歇工|歇业|停产)了")
# Whether a child can come along or be looked after (能带娃不, 可以带孩子吗): the item's own words tell.
_ASK_CHILD = re.compile(r"带(?:娃|孩子|小孩|宝宝)|(?:娃|孩子|小孩)(?:能|可以)?(?:带|跟)着?|照顾(?:娃|孩子|小孩)"
                        r"|接送(?:娃|孩子)|(?:接|送)(?:娃|孩子|小孩)")
# A child to take to school or fetch (下午要接小孩): with the hours asked, the hours are the question.
_PICK_UP = re.compile(r"(?:接|送)(?:娃|孩子|小孩)|接送")
# After a course (学完管分配不, 学完发证不, 证书有用不) and what to bring (要带啥): the item's own words tell.
_ASK_PLACEMENT = re.compile(r"分配|安排工作|推荐工作|介绍工作|管就业|包就业|管工作|包工作|好找工作|能找到工作"
                            r"|找得到工作|学完.{0,4}(?:上班|干活|工作|找活|挣钱)")
# (要什么证, 要证不: a certificate the item asks for; of a job, what it asks of whoever applies)
_ASK_CERTIFICATE = re.compile(r"发证|证书|拿证|给证|有证|考证|结业证|资格证|技能证|等级证|(?<!身份)证有用"
                              r"|(?:要|需要|得)(?:什么|啥|哪些|哪种|不要)?证(?:不|吗|么|没|呀|啊)?$")
_ASK_BRING = re.compile(r"带啥|带什么|带哪些|带些啥|要带|准备啥|准备什么|准备些啥|拿啥去|带上啥"
                        r"|(?:要|拿|带)(?:上)?(?:身份证|户口本|毕业证)(?:吗|不|么|没)?$")
# An item named before a question about it (1号在哪上班, 第二个管饭不), and the questions that may follow.
# 1号在哪上班, 第二个管饭不, 1包吃住吗 (a bare digit when no count or amount follows: never 一个月, 1天多少钱, 3000)
_ITEM_FIRST = re.compile(rf"(?:第{_N}(?:个|号)?|{_N}号|([1-9])(?![\d.号元块毛千万百个月天周岁年点次件斤小钟分]))"
                         r"(?:的|那个|那家)?")
ITEM_QUESTIONS = frozenset({"where_pay", "pay", "board", "child", "hours", "when", "where", "cost", "needs",
                            "placement", "certificate", "bring", "fare", "piece", "trust", "tiring", "payday",
                            "hiring", "checkup", "advance", "family", "gender", "term", "insurance", "holiday",
                            "leave", "weather", "travel", "interview", "places", "exam", "bath", "probation", "quit",
                            "injury", "fit", "health", "home", "hard", "chase", "visit"})
# A health check (要不要体检, 要健康证吗), pay in advance (能先预支吗, 可以借支不), someone of the family along
# (我老婆也能去吗, 两口子能一起去不), men or women (要女的不), how long the work lasts (长期的还是短期的, 能干多久;
# of a course: 学多久) and a contract and social insurance (有社保吗, 签合同不): the item's own words tell, or that
# they do not.
_ASK_CHECKUP = re.compile(r"体检|健康证|查身体")
_ASK_ADVANCE = re.compile(r"预支|借支|支点钱|支一点|先支|借点钱|借钱")
_ASK_FAMILY = re.compile(r"(?:老婆|媳妇|爱人|老公|丈夫|男人|女人|对象|两口子|夫妻|一家人|家里人|家属|亲戚|兄弟|姐妹"
                         r"|我哥|我弟|我姐|我妹|俺哥|俺弟|俺姐|俺妹|老乡)(?:也|俩|两个|一起|一块)?(?:能|可以|要|收|去|干|报|想去|想报)"
                         r"|两口子|夫妻(?:房|俩|一起)|一起去|一块去|一起报|一块报|带(?:上)?(?:老婆|媳妇|老公|家属)")
_ASK_GENDER = re.compile(r"男的女的|男女|(?:要|收|招|只要|只招)(?:女|男)(?:的|工|人|生)?(?:吗|不|么|没)?"
                         r"|女的(?:能|可以|要|收)|男的(?:能|可以|要|收)")
_ASK_TERM = re.compile(r"长期|短期|临时|(?:能|可以|要)?(?:干|做|学|上|培训)(?:多久|多长时间|几个月|几天)"
                       r"|多长时间|多久")
# How long it lasts asked with what is done there (学多久, 能干多久, 长期的吗): the item's, even right after a policy
# answer (能领多久 then is the policy's follow-up).
_OWN_TERM = re.compile(r"(?:学|干|做|上|培训)(?:多久|多长时间|几个月|几天)|长期|短期|临时")


def asks_own_term(text: str) -> bool:
    return _OWN_TERM.search(squash(text)) is not None


_ASK_INSURANCE = re.compile(r"(?:社保|五险一金|五险|保险)(?:谁交|谁出|交不交|买不买|有没有|给交不|给买不)(?:吗|呀|啊)?"
                            r"|(?:有|交|买|上|缴|给交|给买|签)(?:没有|不)?(?:社保|五险一金|五险|保险|劳动合同|合同)"
                            r"(?:吗|不|没|没有|么|的吗|不签|不交)?")
# Whether the item still takes people (超市保安那个还招人不, 还要人吗, 招满了没): about the item, not a new search.
_ASK_HIRING = re.compile(r"还(?:在)?招(?:人|工)?|还要人|还缺人|还收人|招满|招够|人满|满了没|还有名额|名额满|还能报"
                         r"|还有空位|\bstill\s+(?:hiring|open)\b", re.IGNORECASE)
# Taking time to think (我考虑一下, 问问家里人再说, 知道了, 收到): the list stays, and how to apply when they have
# (it was 没太明白 and the menu).
_THINK = re.compile(r"(?:好的?|嗯嗯?|行|哦|噢|谢谢|谢了|ok)*"
                    r"(?:(?:我|俺)?(?:先|再)?(?:知道了|收到了?|晓得了|明白了|考虑(?:一下|考虑|下)?|想一?想|再想想"
                    r"|商量(?:一下|商量|下)?|问问家里人?|问一下家里人?|(?:跟|和)家里人?商量(?:一下|商量|下)?|看看再说)"
                    r"(?:再说|看看|再定|吧|哈|啊|了)*)+(?:谢谢|谢了)?")
_THINK_EN = re.compile(r"(?:ok(?:ay)?|thanks?(?:you)?)*(?:i'?ll|iwill|letme|imust|ineedto|needto)?"
                       r"(?:think(?:about|over)?(?:it)?(?:over)?|gotit|noted|talktomy(?:family|wife|husband)(?:first)?)(?:thanks?(?:you)?)*")
# Done with the list for now (不看了, 先不看了, 算了): the list is closed, politely.
_DONE = re.compile(r"(?:先|暂时|现在)?(?:不看了?|不用了?|不要了?|不找了?|算了|不想看了?|不需要了?|先这样吧?)"
                   r"(?:吧|哈|啊|嘞|了)?(?:谢谢|谢了)?")
ASK_CHARS = 16
# A question that names the item it is about (我报名的那个小区保安的活到底啥时候能去上班啊): the name takes room.
NAMED_ASK_CHARS = 32
_MORE = frozenset({"0", "零", "更多", "还有吗", "还有没有", "还有", "换一批", "换一换", "其它", "其他", "再看看",
                   "more", "next"})
# 还有别的没, 有没有别的, 还有其他的吗: others asked for in words.
_MORE_SAID = re.compile(r"(?:还有|有没有|还有没有|有)(?:别的|别个|其他|其它|另外的)(?:的)?(?:活|工作|培训)?"
                        r"(?:没有?|吗|不|么)?|还有没有?|还有吗|还有不")
# The same questions in English (the en locale), tried in this order on the words as typed.
_ASK_EN = (
    ("cost", re.compile(r"\b(?:cost|costs|fees?|free|charge|pay for|have to pay)\b")),
    ("board", re.compile(r"\b(?:food|meals?|lodging|room|dorm|accommodation|board)\b")),
    ("pay", re.compile(r"\b(?:pay|pays|wages?|salary|earn|how much)\b")),
    ("needs", re.compile(r"\b(?:requirements?|require|conditions?|qualifications?|education)\b")),
    ("where", re.compile(r"\b(?:where|address|location)\b")),
    ("trust", re.compile(r"\b(?:legit|scam|trust(?:worthy)?|reliable|genuine|safe)\b")),
    ("when", re.compile(r"\b(?:when|start|starts|dates?)\b")),
)
# Asked of the item before the catalogue is asked (its training entry knows "certificate" too).
_ASK_EN_FIRST = (
    ("placement", re.compile(r"\b(?:job|work|placement) (?:after|afterwards)|\b(?:find|get|give) (?:me |you )?(?:a )?"
                             r"(?:job|work) (?:after|afterwards|when)|\bplacement\b")),
    ("certificate", re.compile(r"\b(?:certificate|certificates|diploma)\b")),
    ("bring", re.compile(r"\bbring\b|\btake with\b")),
    ("away", re.compile(r"\b(?:other|another|different) provinces?\b|\bout of (?:the |my )?province\b")),
    ("fare", re.compile(r"\b(?:fares?|tickets?|travel (?:costs?|subsidy|money|allowance)|bus money|train money)\b")),
    ("payday", re.compile(r"\bon time\b|\bpayday\b|\bwhen (?:do|will|are) (?:they|i|we|you) (?:get )?paid\b")),
    ("tiring", re.compile(r"\b(?:tiring|hard work|heavy work|exhausting)\b|\bwork (?:is )?hard\b|\bis it hard\b")),
    ("travel", re.compile(r"\bget there\b|\bhow far\b|\b(?:trip|journey|ride) takes?\b"
                          r"|\bhow long (?:is|does) the (?:trip|journey|ride)\b")),
    ("interview", re.compile(r"\binterview\b")),
    ("places", re.compile(r"\bhow many (?:people|places|workers)\b|\bplaces left\b")),
    ("holiday", re.compile(r"\b(?:new year|spring festival|chinese new year|holidays?)\b")),
    ("leave", re.compile(r"\b(?:take|get|ask for) (?:a )?(?:leave|days? off|time off)\b|\bleave\b")),
    ("weather", re.compile(r"\b(?:cold|hot|weather|climate|snow)\b")),
)
ASK_WORDS_EN = 8
_ABOUT_TRAINING = frozenset({"#training", "#tuition", "#technical_school"})
# The catalogue's warning on job scams: its words (押金, 中介费) asked of an item on screen are about that item.
SCAM_ENTRY = "job_scam"
_NOISE = re.compile(r"[\s,，.。!！?？~～、:：]+")


def squash(text: str) -> str:
    return _NOISE.sub("", unicodedata.normalize("NFKC", text)).lower()


def _number(token: str) -> int:
    return int(token) if token.isdigit() else _NUMERALS[token]


def asks_age(text: str) -> bool:
    """年纪大了要不要: whether the item takes someone of their age (年纪大 names no policy topic then)."""
    return bool(_ASK_AGE.search(squash(text)) or _AGE_SAID.search(squash(text)))


def asks_for_list(text: str) -> bool:
    """发个列表, 再发一遍: a list asked for (again)."""
    return bool(_LIST_ASKED.fullmatch(squash(text)))


def asks_bring(text: str) -> bool:
    """去面试要带啥: what to bring (an interview, a course)."""
    s = squash(text)
    return len(s) <= ASK_CHARS and bool(_ASK_BRING.search(s)) and not _ASK_CHILD.search(s)


def tells_piece_rate(text: str) -> bool:
    """计件吗, 按件算的 一件五毛: piece rates asked about or told."""
    return bool(PIECE.search(squash(text)))


def training_question(text: str) -> str | None:
    """"placement" (学完管分配不) or "certificate" (学完发证不, 证书有用不), asked of a course; else None."""
    s = squash(text)
    if _ASK_PLACEMENT.search(s):
        return "placement"
    if _ASK_CERTIFICATE.search(s):
        return "certificate"
    return None


# 报名电焊的, 我想去保安那个: applying for an item named by its title (named_in says which).
_APPLY_NAMED = re.compile(
    r"(?:我|俺)?(?:就|也)?(?:要|想)?(?:报名|报|去|参加|申请)(?P<a>.{2,12}?)(?:的|那个|那家|这个)?(?:吧|了)?"
    r"|(?P<b>.{2,12}?)(?:的|那个|那家|这个)(?:我|俺)?(?:就|也)?(?:要|想)?(?:报名|报|去|参加|申请)(?:吧|了)?"
)


# 那个保安的, 电焊那个, 看看护林员的: an item pointed at by (part of) its title, for its details.
_DETAIL_NAMED = re.compile(r"(?:那个|这个|看看?|看下|看一下)?(?P<n>[^有没吗不想要找报去]{2,10}?)(?:的|那个|那家|这个)"
                           rf"(?:活|工作|岗位|培训|培训班|班)?(?:呢|咋样|怎么样|看看{_WHAT_IS})?")


def detail_by_name(text: str) -> str | None:
    """What a reply pointing at an item by name names (那个保安的: 保安), or None (named_in says which item)."""
    m = _DETAIL_NAMED.fullmatch(squash(text))
    return m.group("n") if m else None


def applies_by_name(text: str) -> str | None:
    """What an application names instead of a number (报名电焊的: 电焊), or None."""
    m = _APPLY_NAMED.fullmatch(squash(text))
    return (m.group("a") or m.group("b")) if m else None


# Generic words of titles and of the words that point at one ("那个电焊培训"): no item is named by them.
_TITLE_NOISE = re.compile(r"培训班|培训|学习班|招聘|招工|工作|岗位|那个|这个|那家|这家|那份|这份|[的个班]")
TITLE_CHARS = 2


def named_in(titles: list[str], text: str) -> int | None:
    """The number of the one item whose title the message names ("那个电焊培训要钱不" with 电焊工培训班 on screen):
    the longest run of its title's own words found in the message, at least two characters, and no other item's
    as long."""
    winners = named_among(titles, text)
    return winners[0] if len(winners) == 1 else None


def named_among(titles: list[str], text: str) -> list[int]:
    """The numbers of the items whose titles the message names as well as any other (那个保安的 with 小区保安 and
    超市夜班保安 on screen: both); empty when it names none."""
    said = _TITLE_NOISE.sub(" ", squash(text))
    found: dict[int, int] = {}
    for n, title in enumerate(titles, 1):
        best = 0
        for chunk in _TITLE_NOISE.sub(" ", squash(title)).split():
            for size in range(len(chunk), max(best, TITLE_CHARS - 1), -1):
                if any(chunk[i:i + size] in said for i in range(len(chunk) - size + 1)):
                    best = size
                    break
        if best >= TITLE_CHARS:
            found[n] = best
    if not found:
        return []
    top = max(found.values())
    return [n for n, size in found.items() if size == top]


# What may follow 报名1 and still be said to the caseworker with it (过完年才能去哈): words, not another number.
_REMARK = re.compile(r"[^\d一二两三四五六七八九十]\S*|[^\d\s]{2,}.*")


def apply_with_remark(text: str) -> tuple[int, str] | None:
    """报名1 过完年才能去哈: the item applied for, and what was said beside it for the caseworker; None when the
    message is not 报名 N and more words."""
    said = unicodedata.normalize("NFKC", text).strip()
    head, _, rest = said.partition(" ") if " " in said else (said, "", "")
    m = _APPLY_N.fullmatch(squash(head))
    if m is None:
        # 报名1过完年才能去: no blank; the number ends the application.
        m = re.match(r"(?:报名|申请)\s*(?:第)?(\d{1,2}|[一二两三四五六七八九十])(?:个|号)?", said)
        if m is None:
            return None
        rest = said[m.end():]
        number = _number(m.group(1))
    else:
        number = _number(next(g for g in m.groups() if g))
    rest = rest.strip(" ,，。.!！~")
    if len(rest) < 3 or _REMARK.fullmatch(rest) is None or reply_of(rest) is not None:
        return None
    return number, rest


@short_memo  # (asked of every idle message, as well as of the list's replies)
def reply_of(text: str, chars: int = ASK_CHARS) -> tuple[str, int | None] | None:
    """What a reply to the list asks: ("detail", n), ("apply", n or None for "this one"), ("more", None),
    ("contact" | "pay" | "board" | "when" | "fare" | "away" | "none_fit", None). A question about the item is at
    most `chars` long (NAMED_ASK_CHARS where the item is named in it: its name takes room)."""
    s = squash(text)
    if not s:
        return None
    if s in _MORE or _MORE_SAID.fullmatch(s):
        return ("more", None)
    if _LIST_ASKED.fullmatch(s):
        return ("again", None)
    if _DONE.fullmatch(s):
        return ("done", None)
    if _THINK.fullmatch(s) or _THINK_EN.fullmatch(s):
        return ("think", None)
    if m := _APPLY_N.fullmatch(s):
        return ("apply", _number(next(g for g in m.groups() if g)))
    if _APPLY_THIS.fullmatch(s):
        return ("apply", None)
    if m := _DETAIL_N.fullmatch(s):
        return ("detail", _number(m.group(1)))
    if _AGE_SAID.search(s) is None and (age := _age_apart(s)) is not None and (
            rest := s[:age.start()] + s[age.end():]) and (
            asked := reply_of(rest, chars)) is not None and asked[0] in ("fit", "needs"):
        return asked  # 1号我能干不 62了: the question about the item, the age beside it (it was referred)
    if len(s) <= chars and "哪" in s and _COMPARE.search(s):
        return ("compare", None)  # 1号和2号哪个好: the items side by side (it was 没太明白 and the menu)
    if (m := _ITEM_FIRST.match(s)) and m.end() < len(s):
        # "1号在哪上班", "第二个管饭不": the question, about the item named.
        asked = reply_of(s[m.end():], chars)
        if asked is not None and asked[0] in ITEM_QUESTIONS and asked[1] is None:
            return (asked[0], _number(m.group(1) or m.group(2) or m.group(3)))
    if len(s) <= CONTACT_CHARS and _CONTACT.search(s) and not (
            retrieval().topics_in(s) - ({"老板"} if _PHONE_ASKED.search(s) else set())):
        # 欠薪找谁 is about the policy (and a rights matter), not the item's phone; 老板电话多少 is the phone
        return ("contact", None)
    if len(s) <= chars and _ASK_FARE.search(s):
        return ("fare", None)  # 路费咋弄 about the item on screen: its own transport subsidy, before the policy
    if len(s) <= chars and _ASK_TIRING.search(s):
        return ("tiring", None)  # 这个活累不累
    if len(s) <= chars and _ASK_CHASE.search(s):
        return ("chase", None)  # 报名了咋没人联系我: about the application (it was a new search)
    if len(s) <= chars and _ASK_PAYDAY.search(s) and not _NOT_PAID.search(s):
        return ("payday", None)  # 工资按时发不: what the item says, and that late pay is a rights matter
    if len(s) <= chars and _ASK_PLACES.search(s):
        return ("places", None)  # 招多少人, 还剩几个名额
    if len(s) <= chars and _ASK_HIRING.search(s):
        return ("hiring", None)  # 还招人不: the item listed is still open, and how to apply
    if len(s) <= chars and _ASK_TRUST.search(s):
        return ("trust", None)  # 靠谱吗: who published the item, and what to beware of
    if len(s) <= chars and PIECE.search(s):
        return ("piece", None)  # 是计件的吗, 一件几毛: the pay, and what the item says of piece rates
    if len(s) <= chars and (course := training_question(s)):
        return (course, None)
    if len(s) <= chars and _ASK_BRING.search(s) and not _ASK_CHILD.search(s):
        return ("bring", None)
    if len(s) <= chars and (_ASK_AGE.search(s) or _AGE_SAID.search(s)):
        return ("needs", None)
    if len(s) <= chars and _HEALTH_SAID.search(s) and _HEALTH_ASK.search(s):
        return ("health", None)  # 我腿不好 能干不: what the work needs of the body (it was referred)
    if len(s) <= chars and _ASK_HOME.search(s) and _ASKED.search(s):
        return ("home", None)  # 能天天回家不 (it was referred)
    if len(s) <= chars and _ASK_BOARD.search(s):
        return ("board", None)
    if len(s) <= chars and _ASK_CHILD.search(s) and not (_ASK_HOURS.search(s) and _PICK_UP.search(s)):
        return ("child", None)  # (一天干几个小时 下午要接小孩: the hours, the child the reason: below)
    if len(s) <= chars and _ASK_VISIT.search(s) and _ASKED.search(s):
        return ("visit", None)  # 能不能先去看看 (it was referred without its item)
    if len(s) <= chars and _ASK_TRAVEL.search(s) and _ASKED.search(s) and not _ASK_FARE.search(s):
        return ("travel", None)  # 坐车要多久: before the term (多久) and the hours (几个小时)
    if len(s) <= chars and _ASK_INJURY.search(s) and _ASKED.search(s) and not _HURT_TOLD.search(s):
        return ("injury", None)  # 工伤咋办 of the job on screen (it was taken for an injury reported)
    if len(s) <= chars and _ASK_QUIT.search(s) and _ASKED.search(s):
        return ("quit", None)  # 能不能辞职 (it was news of a job lost), 干不满一个月能走吗
    if len(s) <= chars and _ASK_PROBATION.search(s) and _ASKED.search(s):
        return ("probation", None)  # 有试用期吗
    if len(s) <= chars and _ASK_BATH.search(s) and _ASKED.search(s):
        return ("bath", None)  # 能洗澡不
    if len(s) <= chars and _ASK_EXAM.search(s) and _ASKED.search(s):
        return ("exam", None)  # 要考试吗
    if len(s) <= chars and _ASK_HARD.search(s):
        return ("hard", None)  # 学电焊难不难 (it was a new search; 考试难不难 is the exam's)
    if len(s) <= chars and _ASK_INTERVIEW.search(s) and _ASKED.search(s) and not _ASK_WHERE.search(s):
        return ("interview", None)  # 要面试吗 (面试在哪 is the place)
    if len(s) <= chars and _ASK_HOLIDAY.search(s) and _ASKED.search(s):
        return ("holiday", None)  # 过年放假吗: before the hours (放假)
    if len(s) <= chars and _ASK_LEAVE.search(s) and _ASKED.search(s):
        return ("leave", None)  # 能请假吗
    if len(s) <= chars and _ASK_WEATHER.search(s) and _ASKED.search(s):
        return ("weather", None)  # 那边冷不冷
    if len(s) <= chars and _ASK_HOURS.search(s) and not (_BREAK_TOLD.search(s) and not asked_as_question(s)):
        return ("hours", None)  # (厂里放假了 tells of their own work: no question about the item's days off)
    if _AGE_ONLY.fullmatch(s):
        return ("needs", None)  # 我53了: whether they can apply at that age
    if _HOW_APPLY.fullmatch(s):
        return ("how_apply", None)
    if _ASK_MONEY.fullmatch(s):
        return ("pay", None)  # 多少钱 of the item open
    if len(s) <= chars and _ASK_PAY.search(s) and not retrieval().topics_in(_WHERE_WORDS.sub("", s)) - {"#wages"}:
        # 失业金一个月能拿多少 is about the policy; 在哪 多少钱一个月 asks both (only the pay was said)
        return ("where_pay" if _ASK_WHERE.search(s) else "pay", None)
    if len(s) <= chars and _ASK_NEEDS.search(s) and not retrieval().topics_in(_ASK_NEEDS.sub(" ", s)) - _ABOUT_TRAINING:
        return ("needs", None)  # 公益岗有啥条件 is about the policy
    if len(s) <= chars and _ASK_COST.search(s) and not (
            retrieval().topics_in(s) - _ABOUT_TRAINING - retrieval().topics_only_of(SCAM_ENTRY)):
        # 培训要交钱不 / 押金要交吗 about the item on screen (its own words answer, with the rule); 失业登记要钱不 is
        # about the policy.
        return ("cost", None)
    if len(s) <= chars and _ASK_CHECKUP.search(s):
        return ("checkup", None)  # 要不要体检 (体检要钱吗 is the cost's, above)
    if len(s) <= chars and _ASK_ADVANCE.search(s):
        return ("advance", None)  # 能先预支吗
    if len(s) <= chars and _ASK_FAMILY.search(s):
        return ("family", None)  # 我老婆也能去吗
    if len(s) <= chars and _ASK_GENDER.search(s):
        return ("gender", None)  # 要女的不
    if len(s) <= chars and _ASK_INSURANCE.fullmatch(s):
        return ("insurance", None)  # 有社保吗 about the job on screen (社保咋交 is the policy's)
    if len(s) <= chars and _ASK_WHERE.search(s) and not (
            retrieval().topics_in(_WHERE_WORDS.sub("", s)) - {"#training"}
            - ({"#cross_province"} if _HOW_FAR.search(s) else set())):
        return ("where", None)  # 失业金在哪领 is about the policy; 在哪个地方上班 names none (地方 is a topic's word)
    if len(s) <= chars and _ASK_WHEN.search(s) and not retrieval().topics_in(s) - {"#training"}:
        return ("when", None)  # 失业金啥时候到账 is about the policy
    if len(s) <= chars and _ASK_TERM.search(s) and not retrieval().topics_in(s) - _ABOUT_TRAINING:
        return ("term", None)  # 长期的还是短期的, 学多久 (失业金能领多久 is the policy's)
    if len(s) <= chars and AWAY.search(s) and _ASK_AWAY.search(s):
        return ("away", None)  # 有没有外省的: others, in other provinces
    if len(s) <= chars and _ASK_FIT.fullmatch(s):
        return ("fit", None)  # 俺能干不
    if len(s) <= NONE_FIT_CHARS and _NONE_FIT.search(s):
        return ("none_fit", None)
    said = unicodedata.normalize("NFKC", text).lower()
    if said.isascii() and len(said.split()) <= ASK_WORDS_EN and (
            asked_first := next((a for a, pattern in _ASK_EN_FIRST if pattern.search(said)), None)):
        return (asked_first, None)  # "do I get a certificate": the course's own words before the catalogue's
    if said.isascii() and len(said.split()) <= ASK_WORDS_EN and not retrieval().search(said).confident:
        # (English titles lend the catalogue everyday topic words: only a question it is sure of is the policy's)
        return next(((asked, None) for asked, pattern in _ASK_EN if pattern.search(said)), None)
    return None


# Leaving a job or an injury at work, asked with no item in question (能不能辞职, 工伤咋办): a question, answered in
# general (the law's rule; the work-injury entry), not news of a job lost or an injury reported. Words that tell
# it happened (辞职了, 工伤了) or a policy entry the question is surely about (自己辞职能领失业金吗) leave it to the
# others.
_QUIT_OR_HURT_CHARS = frozenset("辞离走伤")
_TOLD_DONE = re.compile(r"(?:辞职|辞工|离职|辞|走|伤)了")
INJURY_ENTRY = "work_injury"


def asked_of_work(text: str) -> str | None:
    """"quit" (能不能辞职, 干不满一个月能走吗) or "injury" (工伤咋办, 受伤咋办) asked as a question in general, else
    None."""
    if not _QUIT_OR_HURT_CHARS.intersection(text):
        return None  # (asked of every idle message: most have none of these characters)
    asked = reply_of(text)
    if asked is None or asked[1] is not None or asked[0] not in ("quit", "injury") or _TOLD_DONE.search(squash(text)):
        return None
    found = retrieval().search(text)
    if found.confident and found.entry is not None and found.entry.id != INJURY_ENTRY:
        return None  # 自己辞职能领失业金吗: the benefit's question
    return asked[0]


# A change of mind about what they applied for (俺不想去了, 不报了, 不想学了), said alone: an application cancelled.
_CHANGED_MIND = re.compile(r"(?:我|俺|那|那我|那俺)?(?:又|还是|现在|想了想)?"
                           r"(?:不想去了|不去了|不想报了|不报了|不想学了|不学了|去不了了|不打算去了)(?:吧|啊|哈|呀)?")


def changed_mind(text: str) -> bool:
    """俺不想去了, 不报了: a change of mind about an application, said alone."""
    return "不" in text and _CHANGED_MIND.fullmatch(squash(text)) is not None


# Work and training asked for together (有啥工作或者培训没有, 有没有活和培训): both looked up (it was trainings only).
_WORK_WORD = r"工作|活|岗位|上班|打工|招工|事做|事干"
_TRAINING_WORD = r"培训|学技术|学手艺|手艺|技校|学习班"
_JOINED = r"[^,，。?？]{0,4}?(?:或者|或是|或|还是|和|跟|与|、|还有|以及|也|都)[^,，。?？]{0,4}?"
_BOTH = re.compile(rf"(?:{_WORK_WORD}){_JOINED}(?:{_TRAINING_WORD})|(?:{_TRAINING_WORD}){_JOINED}(?:{_WORK_WORD})"
                   rf"|(?:{_WORK_WORD}).{{0,8}}(?:{_TRAINING_WORD})(?:也行|也可以|也中|也成)")


def asks_work_and_training(text: str) -> bool:
    """有啥工作或者培训没有: a search for both jobs and trainings."""
    s = squash(text)
    return ("培" in s or "技" in s or "手艺" in s or "学习班" in s) and _BOTH.search(s) is not None


# Whether the item is for them (俺能干不, 我可以去吗, 适合我不): it was listed for what they registered; its ages and
# requirements (护林员那个俺能干不 was the policy's answer on public-welfare posts).
_ASK_FIT = re.compile(r"(?:这个|那个|这活|这份)?(?:我|俺)?(?:也)?(?:能|可以|能不能|可不可以)(?:干|去|做|报|学|上)"
                      r"(?:不|吗|么|没|嘛|了不|了吗|不了)?|(?:这个|那个|这活|这份)?(?:适合|合适)(?:我|俺)(?:不|吗|么|没)?|(?:我|俺)(?:适合|合适|能行|行)(?:不|吗|么|没)|(?:我|俺)行不行")


# Where one question ends and the next begins (啥时候能去上班 包住不): a blank or a comma.
_QUESTION_SEP = re.compile(r"[\s,，、;；?？。]+")


def questions_in(text: str) -> list[tuple[str, int | None, str]]:
    """Two or more questions about an item in one message (啥时候能去上班 包住不, 一个月多少钱 包吃住不): each part's
    (question, item number, words), in order; empty unless every part is a different question about an item."""
    said = unicodedata.normalize("NFKC", text).strip()
    if (lead := _NUMBER_FIRST.match(said)) is not None:
        # 1 在县城哪里 要干几个小时: the item's number, then its questions (only the hours were answered).
        n = _number(lead.group(1) or lead.group(2))
        return [(asked, named if named is not None else n, words)
                for asked, named, words in questions_in(said[lead.end():])]
    if not _QUESTION_SEP.search(said):
        if (lead := _ITEM_FIRST.match(squash(said))) is not None and lead.group(0):
            # 1在哪几点上班: the item's number, then two questions typed without a blank (only the hours were answered)
            n = _number(lead.group(1) or lead.group(2) or lead.group(3))
            return [(asked, n, words) for asked, _, words in _glued_questions(squash(said)[lead.end():])]
        return _glued_questions(squash(said))
    parts = [part for part in _QUESTION_SEP.split(said) if part]
    if len(parts) < 2:
        return []
    asked: list[tuple[str, int | None, str]] = []
    for part in parts:
        reply = reply_of(part)
        if reply is None or reply[0] not in ITEM_QUESTIONS:
            return []
        if all(reply[0] != kind for kind, _, _ in asked):
            asked.append((reply[0], reply[1], part))
    if any(kind == "hours" for kind, _, _ in asked):
        # 一天干几个小时 下午要接小孩: the child to fetch is why the hours are asked, not whether it may come along
        asked = [a for a in asked if not (a[0] == "child" and _PICK_UP.search(a[2]) and not asked_as_question(a[2]))]
    return asked if len(asked) > 1 else []


# An item's number alone before its questions (1 在哪 工资多少, 第一个, 在哪 包住不).
_NUMBER_FIRST = re.compile(rf"(?:第{_N}(?:个|号)?|{_N}号?)(?:的|那个)?[\s,，、:：]+")
# The shortest part that may be a question of its own (在哪, 包住不).
_PART_CHARS = 2


def _glued_questions(said: str) -> list[tuple[str, int | None, str]]:
    """多少钱在哪, 在哪上课能天天回家不: two questions typed without a blank, where each part is a question (a question
    word or a question's last character) about the item, and not the same one (only "在哪" was answered); empty when no
    cut gives two."""
    if len(said) > ASK_CHARS:
        return []
    for cut in range(_PART_CHARS, len(said) - _PART_CHARS + 1):
        first, second = reply_of(said[:cut]), reply_of(said[cut:])
        if first is None or second is None or first[1] is not None or second[1] is not None:
            continue
        if first[0] in ITEM_QUESTIONS and second[0] in ITEM_QUESTIONS and first[0] != second[0] and (
                asked_as_question(said[:cut]) and asked_as_question(said[cut:])):  # (我52了能去不 is one question)
            return [(first[0], None, said[:cut]), (second[0], None, said[cut:])]
    return []


# The employer asked for money (要交押金, 收了体检费, 让先交三百块): told of a job, a rights matter.
_ASKED_MONEY = re.compile(r"押金|保证金|体检费|服装费|工服费|中介费|介绍费|报名费"
                          r"|(?:要|让|叫|得|先|收)[^,，。]{0,4}(?:交|给)[^,，。]{0,4}(?:钱|块|元|费)"
                          r"|收(?:了|我)?[^,，。]{0,3}钱|押(?:了)?身份证|扣(?:了)?身份证")


def asked_for_money(text: str) -> bool:
    """没去 那个要交押金, 让先交三百块钱: the employer asked the person for money."""
    return _ASKED_MONEY.search(squash(text)) is not None
