"""Reading check-in answers: a number, or what the person says in their own words ("厂子倒闭了", "换到隔壁厂了",
"还在干"), through dialogs/nlu."""

from __future__ import annotations

import calendar
import datetime
import re

from dialogs import forms, near_home, nlu
from dialogs.flows import english
from dialogs.nlu import Understanding, lunar
from dialogs.nlu.insurance import self_paid_insurance
from dialogs.nlu.lexicon import alternation
from dialogs.nlu.numerals import parse_numeral


def _by_number(squashed: str, first: str, second: str) -> str | None:
    """1 or 2 at a two-option follow-up question: the option it picks."""
    return first if squashed == "1" else second if squashed == "2" else None


# The Spring Festival as people say it (dialogs/nlu/data/time.toml [festival]): the festival itself (过年, 春节), the
# weeks before it (腊月, 年前) and the end of its holiday (过完年, 年后, 开春, 过了十五).
_FESTIVAL = alternation("time", "festival.new_year")
_BEFORE_FESTIVAL = alternation("time", "festival.before_new_year")
_AFTER_FESTIVAL = alternation("time", "festival.after_new_year")

# Below this the understanding is a guess: ask again rather than act on it.
CONFIDENT = 0.7
# The answer each numbered option means, by the status the check-in was planned for.
BY_NUMBER = {
    "employed": {"1": "still_employed", "2": "job_lost", "3": "changed_job"},
    "unemployed": {"1": "found_job", "2": "still_looking", "3": "need_help"},
    "unable": {"1": "working_now", "2": "want_work", "3": "not_yet"},
}
BY_INTENT = {
    "employed": {"employed": "still_employed", "job_lost": "job_lost", "changed_job": "changed_job",
                 "affirm": "still_employed", "deny": "job_lost"},
    "unemployed": {"employed": "found_job", "changed_job": "found_job", "job_lost": "still_looking",
                   "unable": "unable_now", "seek_job": "still_looking", "human": "need_help", "deny": "still_looking",
                   "seek_training": "need_help"},
    "unable": {"employed": "working_now", "changed_job": "working_now", "seek_job": "want_work",
               "seek_training": "want_work", "deny": "not_yet", "affirm": "want_work"},
}
# The form's yes/no field each rights issue answers "no" to.
RIGHTS_FIELDS = {"wage_arrears": "wages_on_time", "no_contract": "contract_signed",
                 "no_social_insurance": "social_insurance"}
_RIGHTS_BY_NUMBER = {"2": "wage_arrears", "3": "no_contract", "4": "no_social_insurance"}
_RIGHTS_WORDS = (
    # 上个月的还没发, 老板说年底一起结: the wages, unnamed, at the question about them (没给交社保 is the insurance).
    # (包工头老是拖钱, 老板压钱: the money held back, 工资 unsaid; 钱发了 就是少了五百: the pay, said as 钱 with a
    # paying verb)
    # (老板跑了 钱还没结: the money not settled, said as 结; it was the job loss alone, no wages report)
    # (钱还是拖起的: Sichuan for 拖着, the money still held back; it was "请回复数字")
    ("wage_arrears", re.compile(r"工资|欠薪|拖欠|没发钱|不发钱|不给钱|工钱|加班费|拖钱|压钱|扣钱|"
                                r"钱(?:还是|还|都|也|一直|老是)?(?:拖|压|押|欠)(?:起|着|了)|"
                                r"(?:钱|账)(?:还|都|也)?没(?:结|算)|"
                                # (拖了一个多月了 at the wages question: held back for a time, 工资 unsaid)
                                r"(?:一直|老是?|总是?|经常|都)?(?<![没不])拖(?:了|着)?(?:快|有|都|好)?"
                                r"(?:[一两二三四五六七八九十几半]|\d)+多?个?多?(?:月|礼拜|星期|周)|"
                                r"(?<![不没])欠(?:我|俺|咱|我们)|还欠|"
                                r"钱(?:都|也|倒是|是)?(?:发|给|结|打)(?:了|过|下来)|"
                                r"(?<!合同)(?<!社保)(?<!保险)没(?:发|给)(?!交|买|签|上|办|保|生|现|展)|"
                                r"(?:年底|年终|过年)(?:一起|才|再|统一)?(?:结|给|发|算)")),
    # (合同到期了 没续: a contract there was, ended: the reason for the job lost, not "没签劳动合同")
    ("no_contract", re.compile(r"合同(?!\s*(?:已经|都)?(?:到期|期满|到了|满了|结束|完了|没续|不续|没有续|不给续))")),
    ("no_social_insurance", re.compile(r"社保|保险|五险")),
)
# 工资晚了几天, 工钱推迟发, 工资压了一个月: paid, but late.
# 工资还是年底结, 工钱年底一起给: paid only at the year's end, which the survey records as not on time too.
# 这个月工资下个月一起发: a month's pay put off to the next (wages are due at least monthly): late, as 压了一个月 is.
_PAID_LATE = re.compile(r"(?:工资|工钱|薪水)[^，。,\s]{0,4}?(?:晚|迟|推迟|延迟|压|年底|年终|过年)|"
                        r"(?:年底|年终|过年)(?:一起|才|再|统一)?(?:结|给|发|算)|"
                        r"(?:工资|工钱|薪水)[^，。,\s]{0,6}?(?:下个?月|下下个?月)(?:再|才|一起|一块|统一)?(?:结|给|发|算)|"
                        # 上个月工资要等到四月份才发: put off to a month named
                        r"(?:工资|工钱|薪水)[^，。,\s]{0,6}?(?:等到|拖到|压到|要到)[^，。,\s]{0,5}?(?:月份?|年底|过年)"
                        r"(?:再|才|一起|统一)(?:结|给|发|算)")
# 都挺好的, 还行吧, 都没问题啊: all fine, with the adverbs and particles people put around it.
_ALL_FINE = re.compile(r"^(?:都|全|也|还)?(?:有|挺|蛮|很|还)?(?:有|好|签了|发了|交了|没问题|正常|行|可以|没事|按时发)"
                       r"(?:的|啊|呀|了|吧|哈|嘛|呢|着)*(?:(?:你|您|你们)?放心(?:吧|啦|哈)?)?$")  # (没问题的 放心)

# 合同签了一年的, 签了三年: a contract signed, for how long (it was read as no contract).
_SIGNED_FOR = re.compile(r"签(?:了|的)?(?:[一两二三四五六七八九十半]|\d)+(?:年|个月)")

# An issue named and said to be fine (工资按月发的, 合同签了, 社保也交了).
_FINE_AFTER = re.compile(
    r"(?:按月发|按时发|按时|发了|签了|签的|交了|交的|买了|买的|有的?|正常|没问题|都有|还行|还可以|挺好)(?:的|啊|呀|了|吧|哈|呢)*$"
)


# After the Spring Festival "回了" is back at work, "还没回去 过了十五再走" a return still to come, and "不去了"
# a job left: words the year-round check-in cannot read that way (there 回老家了 is a job lost).
_SPRING_LEFT = re.compile(
    r"不(?:去|回去|出去|过去)了|不(?:打算|准备|想)(?:去|回去|出去)|不在那(?:干|做)了|不(?:干|做|上班)了|辞了")
_SPRING_NOT_YET = re.compile(
    r"还没(?:回|去|走|出去|过去|开工|上班|动身)|没(?:回|出去|开工)|还在家|等通知|先别(?:回|来|去)|"
    r"过(?:了|完)?(?:十五|元宵|正月|几天|两天|这几天)[^,，。]{0,4}(?:再|才|就)(?:走|去|回|出去|出门)|(?:再|才)(?:走|去|出去|回去|出门)$|"
    # 酒店三月份开业 我到时候回去: the place opens later, and back then (it was "没太明白")
    r"到时候(?:我|俺)?(?:再|就|才)?(?:回|回去|过去|去)|(?:开业|开工|复工|开门)(?:了)?(?:我|俺)?(?:再|才|就)(?:回|回去|过去|去)|"
    # 还没 在等老板电话: not yet, waiting for the call (it was "没太明白")
    r"^(?:我|俺)?还没(?:呢|有|哦|啊)?(?:$|过(?:几|两|一两)天|等)|(?:在)?等(?:老板|厂里|公司|工头|包工头|那边|领导)?(?:的)?(?:电话|消息)|"
    # 开工了 我明天就过去: going, not yet there (it was back at work, the wages question next)
    r"(?:明天|明儿|后天|大后天)(?:一早|早上)?(?:就|再|才)?(?:过去|回去|去|走|出发|动身|上班|回厂|到)|"
    # 还没 车票没买到; 去了 酒店没开 在等: not at work yet (both were "没太明白")
    r"票(?:还)?没(?:买|抢|订)(?:到|着)|没(?:买|抢|订)(?:到|着)票|"
    r"(?:厂|厂里|酒店|饭店|店|工地|公司|车间)(?:还|都)?没(?:开|开门|开业|开工|复工)")
# 回来了 不过换了个厂: back from the festival to another job (it was back at work in the old one).
_SPRING_CHANGED = re.compile(r"换了?(?:个|一个|家|一家)(?:厂|公司|单位|工地|活|工作|地方|老板)|"
                             r"去了?别的(?:厂|公司|工地)")
# (去了, 到了, 早就到了 first: back, as 回去了 is; it was "没太明白, 请回复数字")
_SPRING_BACK = re.compile(r"^回了|回(?:来|去|厂|到厂里?)(?:了|啦)|回厂|到厂了|开工了|上班了|在厂里|在上班|在干|"
                          r"^(?:我|俺)?(?:已经|早就?|都)?(?:去|到|过去|来)(?:了|啦)(?:的|嘛|呀|哦)?(?![又再])")


# Work held but at risk, year-round: a pause (放假了 过完年再看, 停工了 等通知), too little work (活少了 一个月就
# 干十来天), a lay-off talked of (老板说下个月可能要裁人), the work ending soon (快干完了), the holiday at home
# (回老家过年了 年后还回去). Not a job lost yet, nor all well: asked again in a week. Words that end the job (不干了,
# 倒闭了, 被裁了) make it a loss after all.
# 厂头没活了 喊我们回家耍几天 (耍: rest, in the south-west), 老板叫我们回家休息几天: sent home for a while (it was a job
# lost, the registration).
_HOME_AWHILE = (r"(?:让|叫|喊|放|要)(?:我们|俺们|咱们|大家|工人|我|俺)?回(?:家|去)(?:耍|歇|休息|玩|待|呆)"
                r"(?:几天|一阵子?|一段时间|段时间)")
_ON_HOLD = re.compile(
    _HOME_AWHILE + r"|放(?:了)?(?:长|寒|年|无薪)?假|停(?:工|产)|没(?:有)?开工|歇业|等(?:通知|消息|电话)|"
    r"没(?:啥|什么|多少|几个)活|(?:活|件|计件|订单|单子|货)(?:也|都)?(?:有点|有些|比较|越来越|太|很|特别)?(?:少|不多|不太多|不够)|(?:一个月|一月)(?:就|只|才)?(?:干|上)(?:十来|十几|十|几|七八|五六|三四)天|"
    r"天天歇|(?:可能|听说|估计|好像|说是?)(?:要|会)(?:裁|倒闭|关门|停)|"
    # 老板说没活了 让我们先回家: sent home "for now" while there is no work, a pause rather than a dismissal (it was a
    # job lost, the registration); still so at the week's recheck, the caseworker looks at it (as 停工 等通知).
    r"(?:让|叫|喊|放|要)(?:我们|俺们|咱们|大家|工人|我|俺)?(?:先|暂时)回(?:家|去)|"
    r"没活(?:干)?了?[^,，。]{0,8}?(?:先|暂时)(?:回家|回去|歇|休息|在家)|"
    # 工地停了 老板说等几天: stopped for a while, to start again (it was a job lost, the registration)
    r"(?:工地|厂里|厂子|车间|活)(?:先|暂时|又)?停(?:了|下来了)[^,，。]{0,6}?等(?:几天|两天|一阵|一段时间|些天)|"
    # 酒店说过完年要装修 可能要放我们回家几个月: a pause talked of, the place shut for its works (it was taken for
    # all well, the wages question next)
    r"(?:可能|听说|估计|好像|说是?|要)(?:要|会)?(?:放|让)(?:我们|俺们|咱们|大家|工人|员工|我|俺)?回家|"
    r"(?:要|会|得)停(?:业|工|产)?(?:[一两三四五六七八九十几半]|\d)+个?(?:月|礼拜|星期)|"
    r"(?:店|酒店|饭店|宾馆|厂|厂里|商场|超市|公司)[^,，。]{0,6}(?:要|得)?(?:停业|关门)?装修(?![^。]{0,12}(?:照常|照样|正常|不影响|不耽误))|"
    # 这个月没怎么干, 还没上班 (work not begun again: it was a job lost, the registration)
    r"没(?:怎么|咋)(?:干|做|上班)|没干几天|^(?:我|俺)?(?:还|都)?没(?:有)?(?:上班|开工)(?:呢|嘞)?$|"
    # 快干完了 下个月不知道去哪: the work (a site, a contract) ends soon.
    r"(?:快|马上|就要|眼看)(?:就)?(?:要)?(?:干完|做完|完工|结束|收尾|完了)|(?:干|做)不了(?:多久|几天|几个月)了?|"
    # 车被扣了 现在跑不了了: a driver's vehicle impounded, the work stopped until it is back.
    r"车(?:子)?(?:被|给|让)?(?:交警|交通队|运管|城管)?(?:扣|收|拖)(?:了|走|下)|(?:跑|拉|开)不了(?:车|活)?了|"
    # 老板说过完年再说: whether the work goes on is left open until after the festival (it was "没太明白").
    rf"(?:老板|厂里|厂子|公司|工地|包工头|工头|领导)(?:说)?(?:等)?(?:{_AFTER_FESTIVAL}|明年|开年)(?:再说|再看|看情况)"
)
_HOLIDAY_HOME = re.compile(
    r"(?<!不)回(?:老)?家过(?:年|节)|在家过(?:年|节)"  # (不回家过年: staying at work)
    # 过年在家过, 过年就在家: the same words the other way round (it was "没太明白, 请回复数字")
    rf"|(?:{_FESTIVAL})(?:就|也|都)?(?:在|回)(?:老)?家(?:里)?(?:过|待着|呆着|了|啦)?$"
    # 过完年再去, 年后再回去: home now, back after the festival (it was "没太明白")
    rf"|(?:{_AFTER_FESTIVAL})(?:我|俺)?(?:再|才)(?:去|走|回去|出去|过去|出门|上班|回厂)(?:了|吧|的|啊)?$"
)
# A job said to be over, in any check-in answer (不干了, 辞了, 没了, 不要我). The two lists below add to it what
# their question makes safe to read so: the firm's end or being let go where work held or health is asked about;
# leaving (走了, 离职) where the question is whether the job is kept (elsewhere 走了 is often someone else).
_OVER = r"不干了|辞了|没了|不要我"
_ENDED = re.compile(_OVER + r"|不(?:做|去)了|辞职|辞退|开除|倒闭了|跑路|跑了|(?:被|给)?裁了|黄了|散了|关门了")


def job_ended(text: str) -> bool:
    """老板跑路了, 厂子倒闭了, 被辞退了: words that end the job."""
    return _ENDED.search(forms.squash(text)) is not None


# The work goes on until a time said, then ends (干到年底厂子就关了, 先做到年底再说, 干到月底就不干了): held now,
# its end expected; asked again once that time has passed (dialogs/nlu: work_until).
# The place closing or the work over when the day comes (干到年底厂子就关了): a job lost, on that day.
# (干到过年就不干了, 干完这个月就不干了: the speaker's own plan to stop, in post until then as 下个月就不干了 is; it
# prepared the registration. The boss or the place stopping is the place closing: 干到年底老板就不干了.)
_CLOSING = re.compile(
    r"关门|关了|倒闭|停了|停工|完工|散了|(?:老板|厂里|厂子|公司|工地|店)[^,，。]{0,3}不(?:干|做)了|不要人|裁")


def closing_then(text: str) -> bool:
    """干到年底厂子就关了: the work ends then because the place closes or lets them go (a job lost, on that day);
    先做到年底再说 says only how long they mean to stay."""
    return _CLOSING.search(forms.squash(text)) is not None


def work_ends(text: str, today: datetime.date) -> datetime.date | None:
    """The last day of the work a message says goes on until then (年底: 31 December; 过年: the New Year's
    eve ahead), or None."""
    when = nlu.work_until(text)
    if when is None:
        return None
    if when == "年底":
        return datetime.date(today.year, 12, 31)
    if when in ("过年", "腊月", "腊月底"):
        return festival_eve(today)
    if when in ("这周", "下周"):  # 下个礼拜就完了: the Sunday ending that week
        return today + datetime.timedelta(days=6 - today.weekday() + (7 if when == "下周" else 0))
    month = today.month + (1 if when.startswith("下") else 0)
    year, month = today.year + (month - 1) // 12, (month - 1) % 12 + 1
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


# The New Year's leave every factory gives (快放假了 厂里说腊月二十就放, 年前放假, 放年假): the job held, no pause at
# risk (it was on_hold: "停工、活少的时候不好过", and a caseworker asked to call a week later). Said with a doubt
# (放假了 过完年再看, 等通知) it stays a pause.
_NEW_YEAR_LEAVE = re.compile(
    rf"(?:快|要|就要|马上|准备)?放(?:了)?(?:年|寒)?假了?|(?:{_BEFORE_FESTIVAL}|{_FESTIVAL})[^,，。]{{0,8}}?(?:就|才|要)?放了?|"
    rf"放(?:年假|假{_FESTIVAL})"
)
_NEW_YEAR = re.compile(rf"年假|{_BEFORE_FESTIVAL}|{_FESTIVAL}|{_AFTER_FESTIVAL}")
_IN_DOUBT = re.compile(r"再看|再说|不知道|不晓得|不一定|看情况|等通知|等消息|还要不要")


def new_year_leave(text: str) -> bool:
    """快放假了 厂里说腊月二十就放: in post, off for the New Year soon or now (see _NEW_YEAR_LEAVE)."""
    squashed = forms.squash(text)
    if _ENDED.search(squashed) or not _NEW_YEAR.search(squashed) or _IN_DOUBT.search(squashed):
        return False
    rest = _NEW_YEAR_LEAVE.sub(" ", squashed)
    return rest != squashed and _ON_HOLD.search(rest) is None


_SENT_HOME = re.compile(rf"(?:让|叫|喊|放|要)(?:我们|俺们|咱们|大家|工人|我|俺)?(?:先|暂时)回(?:家|去)|{_HOME_AWHILE}|"
                        r"没活(?:干)?了?[^,，。]{0,8}?(?:先|暂时)(?:回家|回去|歇|休息|在家)")


def sent_home(text: str) -> bool:
    """老板说没活了 让我们先回家: sent home for now (one of the _ON_HOLD readings)."""
    return ("回" in text or "歇" in text or "休息" in text or "在家" in text) and (
        _SENT_HOME.search(forms.squash(text)) is not None)


# A lay-off or a closing talked of while the speaker is still there (还在 不过厂里说年后可能要裁人): not a pause.
# (听说年前要裁几个人: when, said between.)
_FEARED = re.compile(r"(?:可能|听说|估计|好像|说是?|怕)(?:年前|年后|年底|月底|下个?月|过完年|明年|过段时间|过几天|马上|"
                     r"最近|这个月)?(?:要|会)?(?:裁|倒闭|关门)|"
                     # 老板说年后可能不开了: the place may not go on (it was all well, the wages question next)
                     r"(?:可能|听说|估计|好像|怕)(?:就)?不(?:开|干|做)了|"
                     # 厂里在裁人 我还没被裁: lay-offs going on, not (yet) the speaker's (it was all well)
                     r"(?:在|正在|开始|又)裁(?:人|员)|裁了一批|裁了好多|裁了不少")
# The place stopped for the season and opening again after the festival (工地停了 说过完年再开工).
_STOPPED = re.compile(r"停了|停工|停产|放假|歇了|没(?:有)?开工|不开工")
_RESUMES_AFTER_FESTIVAL = re.compile(
    rf"(?:{_AFTER_FESTIVAL}|明年|正月|十五)[^,，。]{{0,4}}(?:再|才|就|又)?(?:开工|复工|上班|干活|开门|开)")


# 快干完了, 干不了几天了: the work (a site, a contract) ends soon (one of the _ON_HOLD readings).
_ENDS_SOON = re.compile(r"(?:快|马上|就要|眼看)(?:就)?(?:要)?(?:干完|做完|完工|结束|收尾|完了)|"
                        r"(?:干|做)不了(?:多久|几天|几个月)了?")


def ends_soon(text: str) -> bool:
    return _ENDS_SOON.search(forms.squash(text)) is not None


def parse_on_hold(text: str) -> str | None:
    """"on_hold" for work held but at risk (see _ON_HOLD), "at_risk" for a lay-off or closing talked of,
    "paused_festival" for a stop until after the Spring Festival, "not_back_yet" for the holiday at home,
    "new_year_leave" for the New Year's leave ahead or begun; None when the message says none of them, or that the
    job ended."""
    squashed = forms.squash(text)
    if _ENDED.search(squashed):
        return None
    if _HOLIDAY_HOME.search(squashed):
        return "not_back_yet"
    if _STOPPED.search(squashed) and _RESUMES_AFTER_FESTIVAL.search(squashed):
        return "paused_festival"  # 工地停了 说过完年再开工 (it started the unemployment registration)
    if _FEARED.search(squashed):
        return "at_risk"  # 还在 不过厂里说年后可能要裁人 (it was told "停工、活少的时候不好过")
    if new_year_leave(text):
        return "new_year_leave"
    return "on_hold" if _ON_HOLD.search(squashed) else None


# Work goes on until the Spring Festival, then the speaker stays home (过了年不去了, 过完年就不出去了 在家门口找点活):
# in post now, the end expected at the festival.
_LEAVES_AT_FESTIVAL = re.compile(
    rf"(?:{_AFTER_FESTIVAL}|明年)(?:我|俺)?(?:就|都)?不(?:去|干|做|出去|出来|回去|过去|来)了"
    # 过年回家 年后换个地方: a change meant for after the festival (it was a job changed, "开始时间: 2026年3月")
    rf"|(?:{_AFTER_FESTIVAL}|明年)(?:我|俺)?(?:就|想|要|打算|准备)?换(?:个|一个|一家)?(?:地方|厂|工作|活|老板)"
    # 过年回去就不来了 (过年不回去了 is the opposite: staying at work over the holiday)
    rf"|(?:{_FESTIVAL})回(?:去|家|老家)(?:以后|后)?(?:我|俺)?(?:就|都)?不(?:来|出来|过来|干|做|去)了")
# Work wished for near home, after it (在家门口找点活, 在附近找个活, 就在县里干).
_NEAR_HOME = near_home.pattern("after_festival")


# Staying at work over the Spring Festival (过年不回去了, 春节不回家 在厂里过, 留厂过年): in post, no leave at all.
_STAYS_FOR_FESTIVAL = re.compile(
    rf"(?:{_FESTIVAL})[^,，。]{{0,3}}?(?:不|不打算|不准备|不想)回(?:去|来|家|老家)?(?:了|啦|过)?(?![^,，。]{{0,3}}不(?:来|去|干|做))"
    rf"|(?:{_FESTIVAL})(?:就|也)?(?:在|留)(?:这边|这里|厂里|厂|工地|外面|那边|单位|城里)"
    r"|不回(?:去|家|老家)?过(?:年|春节)|(?:在|留)(?:这边|这里|厂里|厂|工地|外面|那边|单位|城里)过(?:年|春节)|留厂过年"
)


def stays_for_festival(text: str) -> bool:
    squashed = forms.squash(text)
    return _STAYS_FOR_FESTIVAL.search(squashed) is not None and _ENDED.search(squashed) is None


def leaves_at_festival(text: str) -> bool:
    return _LEAVES_AT_FESTIVAL.search(forms.squash(text)) is not None


def wants_work_near_home(text: str) -> bool:
    return _NEAR_HOME.search(forms.squash(text)) is not None


def festival_eve(today: datetime.date) -> datetime.date:
    """The eve of the Spring Festival ahead (the last day of work that ends with the year)."""
    return lunar.to_solar(lunar.lunar_year(today) + 1, 1, 1) - datetime.timedelta(days=1)


def after_festival(today: datetime.date) -> datetime.date:
    """The day after the Lantern Festival ahead: when work stopped for the holiday opens again."""
    return lunar.to_solar(lunar.lunar_year(today) + 1, 1, 16)


# Too old to go on, and home now (年纪大了 干不动了 回家了, 岁数大了 不干了): retired, not ill nor on leave.
_OLD = re.compile(r"(?:年纪|岁数|年龄)(?:也)?大了|上了年纪|老了|退休")
_HOME_NOW = re.compile(r"回(?:老)?家了|回来了|不(?:干|做|出去)了|没(?:干|做)了|干不动|做不动|歇着|在家")


def left_for_age(text: str) -> bool:
    squashed = forms.squash(text)
    if nlu.about_someone_else(text):
        return False
    return _OLD.search(squashed) is not None and _HOME_NOW.search(squashed) is not None


# 60多了 人家不要, 五十好几了 厂里不收, 年纪大了没人要: older, and nobody hires them.
_AGE_SAID = re.compile(r"(?:[五六七]十|[5-7]\d)(?:多|几|好几|出头)?(?:岁)?(?:了|啦)|" + _OLD.pattern)
_NOT_HIRED = re.compile(r"不要|没人要|不收|不招|嫌")


def older_not_hired(text: str) -> bool:
    """Older, and turned away for it (60多了 人家不要): public-welfare posts (公益性岗位) are what exists for them."""
    squashed = forms.squash(text)
    return _AGE_SAID.search(squashed) is not None and _NOT_HIRED.search(squashed) is not None and not (
        nlu.about_someone_else(text))


# Ill, hurt or expecting (住院了 干不了了, 生病了 在家歇着): unable to work now, which for someone working is
# a question still: is the job kept for them (sick leave) or gone?
_UNWELL = re.compile(r"病|住院|开刀|手术|受伤|摔伤|摔断|骨折|怀孕|怀上|坐月子|生孩子|生娃|养伤|养身体|"
                     r"[腰手脚腿背胳膊]伤|伤了|伤到|扭伤|砸伤|压伤|割伤|闪了?腰|扭了?腰|"  # 腰伤了 在家歇着
                     r"腰(?:给|被)?(?:闪|扭)(?:了|到)|"  # 腰闪了 歇着 (it was "没太明白")
                     r"[腰腿脚手头背胃牙肚][子]?(?:疼|痛)|"  # 腰疼 在家歇几天 (it was a job lost, the registration)
                     r"(?:伤|病|腰|腿|脚|手|胳膊)(?:还|都)?没(?:好|养好|恢复|全好)|在家养着|还在养|养着呢")  # 伤还没好


_CARING = re.compile(r"照顾|陪护|陪床|陪着|伺候|走不开|离不开")


def says_unwell(text: str, understanding: Understanding) -> str | None:
    """"self" when unable to work now for one's health, "family" when caring for someone who is ill (我老婆住院了
    我在家照顾); None otherwise, and for a job said to be over (病了 不干了 is a job lost)."""
    squashed = forms.squash(text)
    if _ENDED.search(squashed):
        return None
    if _FAMILY_BIRTH.search(squashed):
        return "family"  # 回家了 老婆生娃: home for the birth (it was "您安心休养", as if the speaker were ill)
    if nlu.about_someone_else(text):
        return "family" if _UNWELL.search(squashed) and _CARING.search(squashed) else None
    return "self" if understanding.status == "unable" or _UNWELL.search(squashed) else None


def unable_word(text: str) -> str:
    """The check-in's kind word to someone now unable to work, by what they said: expecting (怀孕了), caring for the
    family (要照顾老人, 老婆住院了 我在家照顾), ill or hurt (住院了, 腿摔断了), or else take care (年纪大了)."""
    squashed = forms.squash(text)
    if _EXPECTING_WORDS.search(squashed):
        return "checkin.unable.expecting"
    if _CARING.search(squashed) or caring_at_home(text) or _FAMILY_BIRTH.search(squashed):
        return "checkin.unable.caring"
    if _UNWELL.search(squashed) or (_POOR_HEALTH.search(squashed) and not _OLD.search(squashed)):
        return "checkin.unable.unwell"
    return "checkin.unable.take_care"


def caring_yet_looking(text: str) -> bool:
    """在家带孩子 想找个附近的活: caring at home, and work near it wished for (it was "not looking")."""
    squashed = forms.squash(text)
    return (_CARING.search(squashed) is not None or caring_at_home(text)) and (
        re.search(r"想(?:找|干|做|上班|打工)|找(?:个|点|份)", squashed) is not None) and not re.search(
        r"不(?:想|打算|准备)?找|先不|没法|不能", squashed)


def caring_now(text: str) -> bool:
    """要照顾老人 出不去, 在家带孩子 走不开: caring for the family, no work wished for (在家带孩子 想找个附近的活 is
    looking)."""
    squashed = forms.squash(text)
    birth = _FAMILY_BIRTH.search(squashed) is not None and re.search(r"在家|带|陪|伺候", squashed) is not None
    return (_CARING.search(squashed) is not None or caring_at_home(text) or birth) and not _HOME_LOOK.search(squashed)


# A birth in the family (老婆生娃, 媳妇坐月子, 儿媳要生了): the speaker is home for it, not ill.
_FAMILY_BIRTH = re.compile(r"(?:老婆|媳妇|爱人|婆娘|女儿|儿媳)[^,，。]{0,3}(?:生(?:娃|孩子|小孩|宝宝|了)|坐月子|要生)")


# The answer to "is the job kept for you?": 1 / 还留着 / 请的假, or 2 / 没了 / 不干了.
# (好了再跑, 等好了接着干: back to the same work once well; an app's orders wait for no one, 平台的 没人留不留的.)
_KEPT = re.compile(r"留着|还在|请(?:了|的)?(?:病)?假|好了(?:就|再|接着|还|又)?(?:回去|去|干|跑|做|上班|开工)|回去|等我")
_GONE = re.compile(_OVER + r"|没在|走了|离职|(?<!留)不留")


# Hurt where one works (在工地上摔了, 干活被机器轧了手): what makes an injury a work injury.
# (送单的时候被车撞了: a rider's or a driver's work is the road.)
_AT_WORK = re.compile(r"工地|干活|上班|厂里|车间|单位|老板|包工头|工头|机器|架子|脚手架|工伤|"
                      r"送单|跑单|接单|送餐|送外卖|送快递|送货|配送|拉货|"
                      r"(?i:\bat work\b|\bon the job\b|\bon site\b|\bmachine|\bfactory\b|\bworksite\b)")
# 不知道, 还没说, 说不准: whether the job is kept is not known yet.
_NOT_KNOWN = re.compile(r"不知道|不晓得|不清楚|说不准|说不好|还没说|没说|不好说|看情况|再说")


# 我怀孕了, 怀了三个月了: the speaker expecting (a clause of its own; 老婆怀孕了 is someone else's).
_EXPECTING_CLAUSE = re.compile(r"(?:不过|但是|就是)?(?:我|俺)?(?:已经)?(?:怀孕|怀上|怀了|有了身子|有喜)(?:了)?"
                               r"(?:[一二两三四五六七八九\d]+个?月)?(?:了)?")


# 怀孕了 老板不让我干了, 怀孕被辞退了: let go for expecting a child, which the law forbids (劳动合同法 第四十二条).
_EXPECTING_WORDS = re.compile(r"怀孕|怀上|怀了|有了身子|有喜")
_LET_GO_EXPECTING = re.compile(r"不让(?:我|俺)?(?:干|做|上班|来|去)|不要(?:我|俺)了|(?:让|叫|要)(?:我|俺)(?:走|回家)|"
                               r"辞退|开除|劝退|逼(?:我|俺)?辞职|把(?:我|俺)(?:辞|开|炒)了|(?:被|给)(?:辞|开|炒)")


def let_go_expecting(text: str) -> bool:
    """The speaker let go by the employer for expecting (not 老婆怀孕了: the wife's news)."""
    said = nlu.normalize(text)
    if "怀" not in said and "有" not in said:
        return False  # (most messages: neither character, nothing to read)
    return (_EXPECTING_WORDS.search(said) is not None and _LET_GO_EXPECTING.search(said) is not None
            and not any(_WIFE_EXPECTING.fullmatch(part) for part in said.split()))


# 老婆怀孕了: the speaker's wife expecting (a clause of its own: no news of the speaker's work).
_WIFE_EXPECTING = re.compile(r"(?:我|俺)?(?:老婆|媳妇|爱人|对象|婆娘)(?:也)?(?:怀孕|怀上|怀了|有了)(?:了)?")


def without_expecting(text: str) -> tuple[str, bool] | None:
    """还在 不过我怀孕了 下个月可能就不干了 -> (还在 下个月可能就不干了, True): the message without the news of a child
    on the way, and whether it is the speaker's own (在的 老婆怀孕了: her husband's, False); None when it tells none."""
    parts = nlu.normalize(text).split()
    own = [p for p in parts if _EXPECTING_CLAUSE.fullmatch(p)]
    wife = [p for p in parts if _WIFE_EXPECTING.fullmatch(p)]
    if not own and not wife:
        return None
    return " ".join(p for p in parts if p not in own and p not in wife), bool(own)


def hurt_or_ill_self(text: str) -> bool:
    """腿还没好 还在家养着: the speaker's own health named (not a birth in the family, not someone else's)."""
    squashed = forms.squash(text)
    return _UNWELL.search(squashed) is not None and not _FAMILY_BIRTH.search(squashed) and not (
        nlu.about_someone_else(text))


def hurt_at_work(text: str) -> bool:
    """前几天在工地上摔了 腿骨折了: hurt at work (在家摔了 is not), the speaker's own injury."""
    return english.injured(text) and _AT_WORK.search(text) is not None and not nlu.about_someone_else(text)


def not_known_yet(text: str) -> bool:
    """不知道 包工头说让我自己回家养: whether the job waits for them is not known (no number, no yes or no)."""
    return _NOT_KNOWN.search(forms.squash(text)) is not None


def parse_sick_leave(text: str, understanding: Understanding) -> str | None:
    """"kept", "gone", or None when the answer is not understood."""
    squashed = forms.squash(text)
    if (picked := _by_number(squashed, "kept", "gone")) is not None:
        return picked
    if _GONE.search(squashed) or understanding.intent == "job_lost":
        return "gone"
    if _KEPT.search(squashed) or (understanding.intent == "affirm" and understanding.confidence >= CONFIDENT):
        return "kept"
    return "gone" if understanding.intent == "deny" and understanding.confidence >= CONFIDENT else None


# Health said as poor without a named illness (腰不好, 身体不行): with the job over, a reason to rest or to look.
_POOR_HEALTH = re.compile(r"(?:身体|腰|腿|脚|手|眼睛|心脏|胃|肺)(?:不好|不行|不太好|不大好|差|有毛病|出了?毛病)|干不动")
_LEFT = re.compile(_OVER + r"|没干了|没做了|不(?:做|去)了|辞职|辞了")
_RESTING = re.compile(r"歇|休息|养着|养身体|躺着")


def left_for_health(text: str) -> bool:
    """没干了 腰不好 在家歇着: the job left, health poor, resting at home (not someone else's health). An illness
    named with the job over (病了 不干了) stays a job lost; ill and resting with the job not said over (腰伤了 在家
    歇着) asks whether the job is kept."""
    squashed = forms.squash(text)
    if nlu.about_someone_else(text) or _LEFT.search(squashed) is None:
        return False
    return _POOR_HEALTH.search(squashed) is not None or (
        _UNWELL.search(squashed) is not None and _RESTING.search(squashed) is not None)


# The answer to "rest first, or look for work?": 1 / 先养着 / 歇一阵, or 2 / 想找活 / 能干点轻的.
_REST = re.compile(r"养|歇|休息|干不了|干不动|做不了|不能干|先不|缓一缓|看病|治病")
_LOOK = re.compile(r"找|想干|想做|能干|能做|轻松|轻活|登记|上班")


def parse_rest_or_look(text: str) -> str | None:
    """"rest", "look", or None when the answer is not understood."""
    squashed = forms.squash(text)
    if (picked := _by_number(squashed, "rest", "look")) is not None:
        return picked
    if _LOOK.search(squashed) and not re.search(r"不(?:想|能)(?:找|干|做)", squashed):
        return "look"
    return "rest" if _REST.search(squashed) else None


# 不想再干了, 不想在这干了, 干够了: left the job, or means to? Asked once (it was "没太明白, 请回复数字").
# Words that end it (辞了, 不干了) make it a job lost at once; a wish to change said (想换个厂) is a search, as before.
_WANTS_OUT = re.compile(
    r"^(?:我|俺)?(?:真|实在|是)?不想(?:再)?(?:在)?(?:这|那|这里|那里|这儿|那儿|这边|那边|厂里|工地上?)?(?:里|儿)?(?:再)?(?:干|做|上班|待|呆)"
    r"(?:了|啦|下去了?)?(?:的|啊|呀|哦)?$|^(?:我|俺)?(?:早就|真)?干够了$|^(?:我|俺)?(?:实在|真)?干不下去了$"
)


def wants_out(text: str) -> bool:
    """不想再干了 (太累了): the job left, or meant to be? (see _WANTS_OUT; a reason may follow in a part of its own)"""
    squashed = forms.squash(text)
    first = _PARTS.split(nlu.as_typed(text).strip())[0]
    # (不想干了 老板也不要人了: the job ended all the same, the registration asks the reason)
    over = _ENDED.search(squashed) or _CLOSING.search(squashed)
    return _WANTS_OUT.search(forms.squash(first)) is not None and not over


# The answer to "已经不干了, 还是还在干、想换个活?": 1 / 已经走了 / 辞了, or 2 / 还在 / 还没走 / 想换. Staying is read
# first (还没走, 没辞 hold a "not").
_STAYING = re.compile(r"还在|在干|在做|还没(?:走|辞|离职)|没(?:走|辞)|想换|要换|换个|先干着|干着|还没定|打算")
_GONE_NOW = re.compile(_OVER + r"|已经|走了|离职|辞职|没干|没去|没做|不在那|不去了|不做了")


# 耍起的, 在耍, 耍起在 (Sichuan and Chongqing: idle; dialogs/nlu/data/dialect.toml) said alone at an employed
# person's check-in: a day or a few off, or out of work. Words that end the job (老板跑了 在耍) are a job lost.
_IDLE = re.compile(r"^(?:我|俺)?(?:这几天|这两天|今天|现在|最近)?(?:在|就)?(?:耍起的|耍起在|在耍|耍着|耍)"
                   r"(?:的|呢|得|噻|嘛|哦|啊)*$")
# The answer to "歇几天、活还在, 还是没活干了?": 1 / 歇几天 / 活还在, or 2 / 没活了 / 不干了.
_NO_WORK_NOW = re.compile(_OVER + r"|没(?:有)?活|没得活|莫得活|没事做|不(?:干|做)了|没(?:干|做)了|走了|散了|完了|"
                          r"没上班|失业")
_DAYS_OFF = re.compile(r"歇|休息|放假|休假|几天|两天|一天|今天|明天|后天|还在|活还有|有活|轮休|调休|礼拜天|周末")


def idle_said(text: str) -> bool:
    """耍起的, 在耍 alone (see _IDLE)."""
    return _IDLE.fullmatch(forms.squash(text)) is not None


def parse_idle(text: str) -> str | None:
    """"resting" or "no_work" at the question after 耍起的, or None when the answer is not understood."""
    squashed = forms.squash(text)
    if (picked := _by_number(squashed, "resting", "no_work")) is not None:
        return picked
    if _NO_WORK_NOW.search(squashed):
        return "no_work"
    return "resting" if _DAYS_OFF.search(squashed) else None


def parse_quit(text: str) -> str | None:
    """"left" or "staying" at the question after 不想再干了, or None when the answer is not understood."""
    squashed = forms.squash(text)
    if (picked := _by_number(squashed, "left", "staying")) is not None:
        return picked
    if _STAYING.search(squashed):
        return "staying"
    return "left" if _GONE_NOW.search(squashed) else None


# 酒店三月份开业 我到时候回去: the month the work starts again, said with the return (the recheck then).
_REOPENS_IN = re.compile(
    r"([一二三四五六七八九十]{1,2}|[0-9]{1,2})月(?:份|底|初|中)?[^,，。]{0,3}(?:开业|开工|复工|开门|上班|回去)")


def back_when(text: str, today: datetime.date) -> datetime.date | None:
    """The first day of the month said for the place to open again (三月份开业), when it is ahead and within four
    months; None when no such month is said."""
    if "月" not in text:
        return None  # (cheap: most answers say no month)
    found = _REOPENS_IN.search(forms.squash(text))
    if found is None:
        return None
    month = parse_numeral(found.group(1))
    if month is None or not 1 <= month <= 12:
        return None
    year = today.year + (month < today.month)
    day = datetime.date(year, month, 1)
    return day if today < day <= today + datetime.timedelta(days=120) else None


# 厂里说十五以后开工, 过了正月十五再去, 元宵节后上班: back after the Lantern Festival (正月十五, a lunar date; 十五号
# is a day of the month, not it).
_AFTER_LANTERN = re.compile(r"(?:正月)?(?:十五(?![号日])|元宵节?)(?:以后|之后|过后|后|过了|一过)?[^,，。]{0,4}?"
                            r"(?:再|才|就)?(?:开工|复工|上班|开门|开业|回去|去|走|出去|出门|过去)")


def back_after_lantern(text: str, today: datetime.date) -> datetime.date | None:
    """The Lantern Festival ahead (this year's while it is still to come), when the message says work or the return
    starts after it; None otherwise."""
    if "十五" not in text and "元宵" not in text:
        return None  # (cheap: most answers name no such day)
    if _AFTER_LANTERN.search(forms.squash(text)) is None:
        return None
    year = lunar.lunar_year(today)
    day = lunar.to_solar(year, *lunar.HOLIDAY_END)
    if day < today:
        day = lunar.to_solar(year + 1, *lunar.HOLIDAY_END)
    return day if day <= today + datetime.timedelta(days=120) else None


# 我被调到另一个工地了, 公司派我去遵义的项目了: moved by the same employer, still the same job (it was a job changed,
# the new job's questions asked from the start); 换了个老板 / 辞了 is a change all the same.
_TRANSFERRED = re.compile(
    # 工地干完了 老板说带我们去下一个工地: the same boss's next site (it was a job lost, the registration)
    r"(?:带|领)(?:我们|俺们|我|俺|大家)?(?:去|到)(?:下一个|下个|另一个|另外一个|别的|新的?)(?:工地|项目|地方)|"
    r"(?:调|派|安排)(?:我|俺)?(?:到|去|了)(?:了)?[^,，。]{0,8}?(?:工地|厂区|车间|分厂|分公司|项目|门店|店|部门|岗位|工段|基地|"
    r"那边|地方|城|市|县|镇|区)|调(?:了)?(?:个)?岗|调(?:了)?(?:个|一个)?(?:工地|车间|地方)|"
    # 换了个工地 还是跟着陈老板: another site of the same boss (it was a job changed, asked from the start)
    r"换了?(?:个|一个)?(?:工地|项目|地方)[^,，。]{0,4}?(?:还是|也是|仍然|还)(?:跟着?|给|帮)(?:原来的|之前的|以前的|那个)?"
    r"(?:老板|包工头|工头|[\u4e00-\u9fff](?:老板|包工头|工头|总))")
_NOT_THE_SAME_BOSS = re.compile(r"换了?(?:个|一个|家)?(?:老板|公司|单位|厂)|辞|不干|不做|跳槽|自己找|别的老板|"
                                r"(?:别的|另外的?|新的?|其他的?)(?:老板|包工头|工头)")


def transferred(text: str) -> bool:
    if "调" not in text and "派" not in text and "安排" not in text and "带" not in text and "领" not in text and (
            "换" not in text):
        return False  # (cheap: most answers say none of these)
    squashed = forms.squash(text)
    return _TRANSFERRED.search(squashed) is not None and _NOT_THE_SAME_BOSS.search(squashed) is None


# 受伤了老板就不要我了, 生病住院 厂里把我开除了: let go by the employer (not the speaker's own choice).
_LET_GO = re.compile(r"不要(?:我|俺)|不让(?:我|俺)(?:回去|干|做|上班|回来)|把(?:我|俺)(?:辞|开|赶|退|裁)|辞退|开除|"
                     r"(?:被|给)(?:辞|开|裁|退)|(?:让|叫|赶)(?:我|俺)走")


def let_go(text: str) -> bool:
    """Let go by the employer; with an injury or an illness said (hurt_or_ill_self), a rights matter as well as a job
    lost."""
    return _LET_GO.search(forms.squash(text)) is not None


# 我回老家开了个小卖部, 自己做点小生意: work of one's own now, a job changed (it was "没太明白, 请回复数字").
_OWN_BUSINESS = re.compile(
    r"(?:自己|我|俺)?开了?(?:个|一个|家|一家)?(?:小卖部|小店|店|饭馆|餐馆|面馆|小吃店|早餐店|超市|养殖场|修车铺|理发店|网店)|"
    r"自己(?:干|做|搞)(?:了)?(?:点|个)?(?:小)?(?:生意|买卖|养殖)|做(?:点|起了?)?小(?:生意|买卖)|(?:跑|开)(?:起了?)?(?:滴滴|网约车)")


def own_business(text: str) -> bool:
    if "开" not in text and "生意" not in text and "买卖" not in text and "自己" not in text:
        return False  # (cheap: most answers say none of these)
    squashed = forms.squash(text)
    return _OWN_BUSINESS.search(squashed) is not None and not nlu.about_someone_else(text)


def parse_spring_return(text: str) -> str | None:
    """The answer to the spring return check in words only that season gives: back at work, not back yet, or not
    going back; None leaves it to the year-round reading."""
    squashed = forms.squash(text)
    if _SPRING_LEFT.search(squashed):
        return "job_lost"
    if _SPRING_CHANGED.search(squashed):
        return None  # 回来了 不过换了个厂: another job, the year-round reading's (it was back at the old one)
    if _SPRING_NOT_YET.search(squashed):
        return "not_back_yet"
    if ("十五" in squashed or "元宵" in squashed) and _AFTER_LANTERN.search(squashed):
        return "not_back_yet"  # 在家呢 元宵节后上班: the work after 正月十五, not now (it was back at work)
    if _SPRING_BACK.search(squashed):
        return "still_employed"
    return None


# 在等老板结工资, 等工钱, 拿到钱再找, 工资要到了再说: waiting for the last job's pay before looking.
_WAITING_FOR_PAY = (r"等(?:老板|厂里|厂子|公司|包工头|工头|那边)?(?:结|发|给|把)?(?:工资|工钱|钱)|"
                    r"(?:拿到|要到|结了|结完|发了)(?:钱|工资|工钱)(?:再|才)")

# How the unemployed and those unable to work answer in their own words, most telling first: 还没有 / 没啥进展
# (still looking), 不找了 在家带娃 (not looking now), 你们帮我问问 (help); 好多了 能干点轻活 / 娃大了 能出去了
# (wants work), 还是老样子 / 腿还没好 (not yet).
_WORDS_BY_STATUS: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    # 在呢, 还在嘞, 一直在干着呢: still there, said as plainly as that; 干着呢 with a remark after it.
    "employed": (
        ("still_employed", re.compile(r"^(?:我|俺)?(?:还|一直|都)?在(?:干|做|上班)?(?:着)?(?:呢|嘞|哩|的|啊|哦|呀)*$|"
                                      r"^(?:我|俺)?(?:还|一直|都)?(?:在)?(?:干|做)着(?:呢|嘞|哩)|"
                                      # 在呢在呢, 老样子, 没得变化, 还是那个厂: nothing changed
                                      r"^(?:在(?:呢|嘞|哩|的|啊|哦|呀)*){2,}$|^(?:还是)?老样子|"
                                      r"^(?:没|没有|没得)(?:啥|什么)?(?:变化|变|变动)|"
                                      r"^(?:我|俺)?(?:还是|还在)(?:那个|那家|原来的?|老)(?:厂|公司|工地|单位|地方|老板|店)|"
                                      # 还行吧, 挺好的, 凑合: how it goes there, so still there (it was "没太明白")
                                      r"^(?:还行|还可以|挺好|还好|凑合|马马虎虎|一般般?)(?:的)?(?:吧|啊|呢|哦|嘞)*$")),
        # 上个月就没去了: stopped going, i.e. the job is over; 回来了 不出去了 在家种地: came home and stays (it was
        # "没太明白").
        ("job_lost", re.compile(r"(?:^|就|早就|已经|好久)没(?:再)?去(?:了|上班了|干了)$|"
                                # 走了, 不在了, 现在不在那了: no longer there (it was "没太明白")
                                r"^(?:我|俺)?(?:现在|已经|早就?)?(?:不在|没在)(?:那|那里|那儿|那边|厂里|那个厂)?(?:了|干了|做了|上班了)$|"
                                r"^(?:我|俺)?(?:已经|早就?)?走(?:了|啦)$|"
                                r"^(?:我|俺)?(?:早就|已经)?回(?:来|家|老家)了?\s*(?:就)?不(?:出去|去|回去)了")),
    ),
    "unemployed": (
        ("not_looking", re.compile(r"不(?:想|打算|准备)找了|不找了|先不找|没(?:去)?找(?![到着工活])|"
                                   # 在等老板结工资 拿到钱再找: the pay owed first (it was "没太明白")
                                   rf"{_WAITING_FOR_PAY}|"
                                   r"(?:在家)?(?:带娃|带孩子|带孙子|照顾老人|照顾家里)|"
                                   rf"^(?:{_AFTER_FESTIVAL}|以后|过段时间|过几天)(?:再说|再(?:去|出去)?找|再看)|"
                                   # 等过完年 (it was "没太明白")
                                   # 在家 等过完年再说 (at home, the same: it was "没太明白")
                                   rf"^(?:(?:我|俺)?(?:还|先|现在)?在家(?:里)?)?等(?:{_AFTER_FESTIVAL}|过年|开春|明年)"
                                   r"(?:再说|再找|再看)?(?:吧|了|呢)?$")),
        ("need_help", re.compile(r"帮(?:我|忙|帮我|着)|你们(?:帮|给)(?:我|俺)|给(?:我|俺)(?:找|介绍)")),
        ("still_looking", re.compile(r"^(?:还|暂时|目前)?(?:没|没有)(?:呢|啊|哦|嘞)?$|"
                                     r"还没(?:有|找到|找着|消息|进展|眉目)?|没(?:啥|什么)?进展|没找(?:到|着)|没消息|"
                                     r"在找|继续找|正在找|"
                                     # 有个老乡喊我去浙江 还在考虑: a lead, nothing decided (it was "没太明白")
                                     r"还在考虑|在考虑|考虑(?:一下|考虑)|还没(?:定|想好)|没定下来|"
                                     # 还在家, 在家闲着: still without work (it was "没太明白")
                                     r"^(?:还|一直|现在|还是)?在家(?:里)?(?:闲着|待着|呆着|蹲着)?(?:呢|嘞|哦|啊)*$|"
                                     # 找了几个都不要我, 年纪大了没人要, 还那样: looked, nothing yet
                                     r"(?:都|也)?不要(?:我|俺)|都不要(?:了|啊|呢)?$|没人要|不收(?:我|俺)?|还(?:是)?(?:那样|老样子)|^老样子|"
                                     # 找了几家 人家嫌我年纪大 (it was "没太明白")
                                     r"嫌(?:我|俺)?(?:年纪|岁数|年龄)?(?:大|老)|找了(?:几|好几|两|三)(?:家|个|处|回|次)|"
                                     # 那个保洁的我去问了 人家要女的, 你们推的那个活工资太低了: one tried, not taken
                                     # (it was "没太明白")
                                     r"(?:人家|那边|他们|老板|厂里)?(?:只)?要(?:女的|男的|年轻的|有经验的|熟手)|"
                                     r"(?:人家|那边|他们|厂里)?(?:招满了|满了|不招了)|"
                                     r"(?:工资|钱|工钱)(?:太|有点|也太)?(?:低|少)了?|(?:太远|太累|不合适|干不来|看不上)|"

                                     # 老板说过完年再说, 人家说等通知: a lead, nothing settled (it was "没太明白")
                                     r"(?:老板|厂里|厂子|公司|工地|包工头|工头|人家|那边|对方)(?:说|讲)?(?:让我|叫我)?(?:等)?"
                                     rf"(?:{_AFTER_FESTIVAL}|明年|开年|通知|消息|电话)(?:再说|再看|看情况|再联系|再定)?")),
        # 找着活了, 有活干了: work found, said without the job's details.
        ("found_job", re.compile(r"(?<![没不])(?:找到|找着)(?:活儿?|工作|事做)?了|(?<![没不])有活(?:儿)?干了|"
                                 r"(?<![没不还])(?:上班|上岗)了")),
    ),
    "unable": (
        ("not_yet", re.compile(r"老样子|还没好|没好|还不行|不行|还得|出不去|走不开|干不了|不能|还(?:是)?那样|"
                               r"(?:跟|和)(?:以前|原来)一样|没(?:啥|什么)?变化|"
                               # 明年开春再看, 我都六十多了 干不动了
                               rf"(?:{_AFTER_FESTIVAL}|明年|以后|过段时间|过阵子)(?:再看|再说)|(?:干|做)不动|年纪大了|岁数大了")),
        ("want_work", re.compile(r"好(?:多|些)?了|(?<!不)(?:能|可以)(?:出去|出来|干|做|上班|工作)|"
                                 r"(?:娃|孩子|孙子|孙女)(?:大了|上学了)|想(?:找|出去|干|做)")),
    ),
}


def waiting_for_pay(text: str) -> bool:
    """在等老板结工资, 拿到钱再找: not looking until the pay owed from the last job is in."""
    return re.search(_WAITING_FOR_PAY, forms.squash(text)) is not None


def willing_when_not_looking(text: str) -> str:
    """不想找了 is no; 没找 在家带娃 (busy for now) is later."""
    return "no" if re.search(r"不(?:想|打算|准备)(?:再)?找", forms.squash(text)) else "later"


# The same answers in English (the en locale is shipped): the Chinese reading knows none of them.
_ENGLISH_BY_STATUS: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    "employed": (
        ("changed_job", re.compile(r"\b(?:changed (?:my )?(?:jobs?|factory|company|work)|new job|another job|switched|"
                                   r"(?:another|a different|a new) (?:factory|company|place|site|boss))\b")),
        ("job_lost", re.compile(r"\b(?:lost (?:my|the) job|laid off|fired|dismissed|quit|"
                                r"(?:factory|company|shop|plant) (?:closed|shut|went bankrupt)|closed down|shut down|"
                                r"bankrupt|no (?:job|work)|unemployed|left (?:the|my) job|"
                                r"contract (?:ended|ran out|expired|is over|was up)|boss (?:ran|run) (?:off|away)|"
                                r"not (?:there )?any ?more|no longer (?:there|working))\b|"
                                r"^(?:i )?left(?: (?:it|there|already|last \w+))?[.!]?$")),
        ("unwell", re.compile(r"\b(?:sick|ill|hospital|injured|hurt|pregnant)\b")),
        ("still_employed", re.compile(r"\b(?:still (?:there|working|employed|at work|here|at (?:the|my) \w+)|"
                                      r"same (?:job|place|factory|company)|yes)\b")),
    ),
    "unemployed": (
        ("found_job", re.compile(r"\b(?:found (?:a )?(?:job|work)|got (?:a )?(?:job|work)|working (?:now|again))\b")),
        ("need_help", re.compile(r"\b(?:help|assist)\b")),
        ("odd_jobs", re.compile(r"\b(?:odd jobs?|casual (?:work|jobs?)|day labou?r|piece ?work|a few days' work)\b")),
        ("still_looking", re.compile(r"\b(?:still looking|not yet|nothing yet|no luck|looking)\b")),
    ),
    "unable": (
        ("working_now", re.compile(r"\b(?:working (?:now|again)|found (?:a )?(?:job|work))\b")),
        ("not_yet", re.compile(r"\b(?:not yet|still (?:sick|ill|can'?t)|can'?t|cannot)\b")),
        ("want_work", re.compile(r"\b(?:want (?:a )?(?:job|work)|better now|can work|ready)\b")),
    ),
}


# 干到过年, 做到年底再说: work goes on until a time to come (asked whether they are still there, in December).
_UNTIL_LATER = re.compile(
    rf"(?:我|俺)?(?:还|先|能|要)?(?:干|做)到(?:{_FESTIVAL}|{_BEFORE_FESTIVAL}|{_AFTER_FESTIVAL}|年底|明年|放假)"
)


# Still in hospital, still in pain (还在住院, 腰还疼): not able yet, whatever 还在 says elsewhere.
_STILL_UNWELL = re.compile(
    r"(?:还|仍然?|一直)(?:在)?(?:住院|医院|躺着|养着)|(?:还|一直)(?:是)?(?:疼|痛)|(?:还|一直)没(?:出院|好)")


# 走了 上个月底, 上个月二十号就走了: the day work stopped, said with the news (its words alone are read as before).
# (10号走的: the day of the month alone, this month's or the last one's)
_DAY_SAID = (r"(?:(?:上上?个?月|这个?月|本月|前天|昨天|前几天|前两天|大前天|"
             r"[0-9一二两三四五六七八九十]{1,3}月)(?:份)?(?:的)?"
             r"(?:底|末|初|中旬|中|[0-9一二两三四五六七八九十几多来]{1,3}(?:号|日))?|"
             r"[0-9一二两三四五六七八九十]{1,3}(?:号|日))(?:左右)?(?:吧)?")
_DAY_FIRST = re.compile(rf"^{_DAY_SAID}(?:就|的时候|那会)?")
_DAY_LAST = re.compile(rf"(?:是|从)?{_DAY_SAID}(?:的事|开始)?$")


def without_day(text: str) -> str:
    """The words said beside a day (走了 上个月底 -> 走了); the text itself when no day starts or ends it."""
    if "月" not in text and "天" not in text and "号" not in text and "日" not in text:
        return text  # (cheap: no day said)
    squashed = forms.squash(text)
    bare = _DAY_LAST.sub("", _DAY_FIRST.sub("", squashed))
    if not bare or bare == squashed:
        return text
    return _LEFT_THEN.sub(r"\1了", bare)  # (10号走的: 走的 is 走了 with the day said)


# 走的, 没干的, 不干的: said of a day (10号走的), the leaving done then.
_LEFT_THEN = re.compile(r"^((?:就|才)?(?:走|离开|没干|不干|没做|不做|辞职|辞工|出来))的$")


def parse_status(text: str, understanding: Understanding, status: str) -> str | None:
    """The answer to a status check-in, or None when it is not understood."""
    squashed = forms.squash(text)
    numbers = BY_NUMBER.get(status, BY_NUMBER["employed"])
    if squashed in numbers:
        return numbers[squashed]
    if text.isascii():
        lowered = text.lower()
        for answer, words in _ENGLISH_BY_STATUS.get(status, ()):
            if words.search(lowered):
                return answer
    if status == "employed" and stays_for_festival(text):
        return "still_employed"  # 过年不回去了: at work over the Spring Festival (it was 没太明白, 请回复数字)
    if status == "employed" and _UNTIL_LATER.match(squashed) and not _ENDED.search(squashed):
        return "still_employed"  # 干到过年就回去, 先做到年底再说: there still, until then (was 请回复数字 / a job lost)
    if status == "unable" and _CARING.search(squashed) and understanding.status == "employed":
        return "not_yet"  # 老人住院了 我在医院陪着: still caring (it was read as work at a hospital)
    if status == "unable" and _STILL_UNWELL.search(squashed):
        return "not_yet"  # 还在住院 (it was "working_now": 还在 read as still at work), 腰还疼 (it was "没太明白")
    if understanding.status is None or understanding.status == "unable":
        for answer, words in _WORDS_BY_STATUS.get(status, ()):
            if words.search(squashed):
                return answer
        first, *rest = _PARTS.split(text.strip())
        if status == "employed" and rest and _WORDS_BY_STATUS["employed"][0][1].match(forms.squash(first)):
            return "still_employed"  # 在的 老板人还行, 在 谢谢关心: there still, and a remark after it
    by_intent = BY_INTENT.get(status, BY_INTENT["employed"])
    if understanding.status is None and nlu.about_someone_else(text):
        return None  # 我老公失业了: someone else's news answers nothing about the speaker's work
    # The speaker's own news first: "厂子关门了 老板跑了 工资还欠着" reads as a wages complaint, and still
    # tells a lost job.
    if understanding.status in by_intent:
        return by_intent[understanding.status]
    if status == "employed" and wants_better_job(text, understanding):
        return "still_employed"  # 想换个工资高点的: the job they have is still theirs
    if understanding.confidence >= CONFIDENT:
        return by_intent.get(understanding.intent)
    return None


_PARTS = re.compile(r"[\s,，。!！~]+")


# A wish to change the job one has (想换个工资高点的, 打算换个厂): not a job lost, a search wanted.
# 想换个厂; 想回贵州找个活 离家近点 (work nearer home wished for while still in post: it was the wages question).
_CHANGE_WISH = re.compile(
    r"(?:想|要|打算|准备)换|(?:想|要|打算|准备)回(?:老家|家|去|[\u4e00-\u9fff]{1,4}?)(?:找|干|做|上班|打工)|"
    + near_home.alternation("change_wish")
)


def wants_better_job(text: str, understanding: Understanding) -> bool:
    squashed = forms.squash(text)
    if _LEAVING_SOON.fullmatch(squashed):
        return True  # 准备辞职了: still there, and another job wanted
    return understanding.intent == "seek_job" and _CHANGE_WISH.search(squashed) is not None


# 准备辞职了, 打算不干了, 想走人了: still in post, thinking of leaving (a search offered, not a job lost).
_LEAVING_SOON = re.compile(
    r"(?:我|俺)?(?:准备|打算|想|正想|考虑)(?:辞职|辞工|不干|走人|换个?地方|换个?厂)(?:了|呢|啊)?"
)


_COMPLAINT = re.compile(r"欠|拖|没发|不发|不给钱|没给钱|没签|没交|没买|(?:钱|账)(?:还|都|也)?没(?:结|算)")


# Rights issues told in English (the en locale): "the boss hasn't paid me for two months", "no contract".
_EN_RIGHTS = (
    ("wage_arrears", re.compile(r"\b(?:(?:has ?n[o']t|have ?n[o']t|didn'?t|did not|not|never|hasn't been|wasn't) "
                                r"(?:been )?paid|unpaid|owes? (?:me|us)|wages? (?:late|owed|held)|"
                                r"no (?:pay|wages?))\b")),
    ("no_contract", re.compile(r"\bno (?:written )?contract\b|\bcontract (?:not|never) signed\b")),
    ("no_social_insurance", re.compile(r"\bno (?:social )?insurance\b|\binsurance (?:not|never) paid\b")),
)


def english_rights(text: str) -> set[str]:
    lowered = text.lower()
    return {issue for issue, words in _EN_RIGHTS if words.search(lowered)} if text.isascii() else set()


# The check-in's other answers in English: work held (less work, stopped), still so at its recheck, and the spring
# return's back / not back yet.
_EN_ON_HOLD = re.compile(r"\b(?:less work|little work|not much work|no orders|work (?:has )?stopped|stopped work|"
                         r"only \w+ days|waiting for (?:news|a call|notice)|laid off soon)\b")
_EN_FESTIVAL_HOME = re.compile(r"\bhome for (?:the )?(?:chinese )?(?:new year|spring festival|festival|holidays?)\b")
_EN_SAME = re.compile(r"^(?:still )?(?:the )?same|^no change|^nothing changed|^still like that")
_EN_NOT_BACK = re.compile(r"\bnot (?:back|gone back|returned)(?: yet)?\b|\bstill at home\b|\bgoing back (?:after|next)")
_EN_BACK = re.compile(r"\b(?:i'?m back|i am back|back (?:at|to) work|came back|went back|returned|back now)\b")


def english_answer(text: str, *, held: bool, spring: bool) -> str | None:
    """An employed person's check-in answer in English that the plain reading (_ENGLISH_BY_STATUS) leaves out."""
    if not text.isascii():
        return None
    lowered = text.strip().lower()
    if held and _EN_SAME.search(lowered):
        return "on_hold"
    if _EN_FESTIVAL_HOME.search(lowered):
        return "not_back_yet"  # home for the New Year (as 回家过年了: asked again after the festival)
    if spring and _EN_NOT_BACK.search(lowered):
        return "not_back_yet"
    if spring and _EN_BACK.search(lowered):
        return "still_employed"
    if english_rights(text):
        return "still_employed"  # in post, the wages owed told (reported by the caller)
    return "on_hold" if _EN_ON_HOLD.search(lowered) else None


def rights_told(text: str, understanding: Understanding) -> set[str]:
    """Rights issues told beside other news (工资还欠着两个月 with the factory's closing)."""
    if english_rights(text):
        return english_rights(text)
    if understanding.intent != "rights_issue" and not _COMPLAINT.search(text) and _PAID_LATE.search(text) is None:
        return set()
    return _issues_named(text)


def _issues_named(text: str) -> set[str]:
    """The rights issues whose words the text uses (whether it complains is for the caller to read)."""
    return {issue for issue, words in _RIGHTS_WORDS if words.search(text)}


# 没签 alone at "工资按时足额发了吗? 签了合同、交了社保吗?": only a contract is signed (it was "请回复数字").
_NOT_SIGNED = re.compile(r"(?:我|俺)?(?:都|也)?(?:没有?|还没有?|未|没得)签(?:了|过)?(?:的|啊|呀|嘞|哦|呢)?")


# 钱都发了 就是晚几天: paid in full, a few days late. Not on time (as 工资晚了几天 is), but nothing owed: no case. Any
# other issue word (没签, 欠, 少发, 社保) leaves it to parse_rights.
_PAID_DAYS_LATE = re.compile(r"(?:发|给|结|到|打)(?:了|过了|下来了|到了)[^。]{0,6}?(?:晚|迟|推迟|拖|压)了?"
                             r"(?:[一两三四五几]|一两|两三|三四|\d)个?天")
# 就是少了五百, 还差两千, 扣了三百: paid short.
_PAID_SHORT = re.compile(r"少了|少给|少发|还差|差了|扣了|克扣|只发了?|没发全|没发够|没给全|一半")
_OTHER_ISSUE = re.compile(r"没|不|未|欠|少|差|扣|合同|社保|保险|一半")


def paid_days_late(text: str) -> bool:
    """钱都发了 就是晚几天 at the wages question: paid, late (see _PAID_DAYS_LATE)."""
    if "晚" not in text and "迟" not in text and "拖" not in text and "压" not in text:
        return False
    squashed = forms.squash(text)
    return _PAID_DAYS_LATE.search(squashed) is not None and _OTHER_ISSUE.search(squashed) is None


# 合同签没签不晓得, 不知道签没签合同, 合同的事不清楚: not known whether a contract was signed (it was read as no
# contract, a rights case opened).
_CONTRACT = re.compile(r"合同|签没签|签了没|签没有|签过没")
_UNKNOWN = re.compile(r"不晓得|不知道|不清楚|搞不清|记不清|不记得|说不清|没印象|忘了")


def contract_not_known(text: str) -> bool:
    """Whether a contract was signed is not known (合同签没签不晓得), and no other issue is said."""
    squashed = forms.squash(text)
    return (_CONTRACT.search(squashed) is not None and _UNKNOWN.search(squashed) is not None
            and _issues_named(text) <= {"no_contract"} and not re.search(r"欠|拖|没发|没交|没买", squashed))


def parse_rights(text: str, understanding: Understanding) -> set[str] | None:
    """The rights issues reported (empty: all fine), or None when the answer is not understood."""
    squashed = forms.squash(text)
    if _NOT_SIGNED.fullmatch(squashed):
        return {"no_contract"}
    digits = re.sub(r"[\s,，、;；.。]", "", squashed)
    if digits == "1":
        return set()
    if digits and set(digits) <= set(_RIGHTS_BY_NUMBER):
        return {_RIGHTS_BY_NUMBER[d] for d in digits}
    if (echoed := _numbers_echoed(squashed)) is not None:
        return echoed  # 1 都有, 2 工资拖欠: the number with its option's words (it was "请回复数字")
    found = _issues_named(text)
    # 社保是自己在老家交的: insured, but not by the employer (it was all fine): for an employee, not insured by them.
    own_paid = "no_social_insurance" in found and self_paid_insurance(text)
    parts = [p for p in re.split(r"[\s,，、;；.。]+", text) if p]
    if len(parts) > 1 and found:
        # 工资没按时发 合同签了: each part speaks of its own issue, fine or not.
        fine = rights_fine_told(text)
        if own_paid:
            fine.discard("no_social_insurance")
        found -= fine
        if not found:
            return set()  # 工资按月发的 合同签了: each named, each fine
    if found and (understanding.intent in ("rights_issue", "deny") or re.search(r"没|不|欠|拖", text) or (
            _RIGHT_LATER.search(text))):
        return found  # (社保说过完年给交: promised for later is not done now)
    if own_paid:
        return found
    if "wage_arrears" in found and _PAID_LATE.search(text):
        return found  # 工资晚了几天: paid late is not on time
    if "wage_arrears" in found and _PAID_SHORT.search(squashed):
        return found  # 工资发了 就是少了五百: paid short is not paid in full
    if _ALL_FINE.match(squashed) or (understanding.intent == "affirm" and understanding.confidence >= CONFIDENT):
        return set()
    if _issues_named(text) and (_FINE_AFTER.search(text) or _SIGNED_FOR.search(text)) and not re.search(
            r"没|不|欠|拖", text):
        return set()  # 合同签了, 社保也交了: named and fine
    return None


# A contract or insurance promised for later (社保说过完年给交, 转正了再签): not there now.
_RIGHT_LATER = re.compile(r"(?:过完年|过了年|年后|下个?月|明年|以后|过段时间|过几个月|转正|试用期过|干满)"
                          r"[^\s,，。]{0,4}?(?:再|才|就|给|帮)(?:给|帮)?(?:我们?|俺们?)?(?:交|买|签|办)")
_NUMBERS_FIRST = re.compile(r"([1-4](?:[,，、;；.。]?[1-4])*)[,，、;；.。:：]?(.+)")


def rights_fine_told(text: str) -> set[str]:
    """The rights issues the parts of a message name as fine (工资也还行 合同签了 社保也交了, beside 在的 or at the
    wages question)."""
    fine = {issue for p in re.split(r"[\s,，、;；.。]+", text) if p and (_FINE_AFTER.search(p) or _SIGNED_FOR.search(p))
            and not re.search(r"没|不|欠|拖", p) for issue in _issues_named(p)}
    squashed = forms.squash(text)
    if "wage_arrears" in fine and (_PAID_SHORT.search(squashed) or _PAID_DAYS_LATE.search(squashed)):
        fine.discard("wage_arrears")  # 工资发了 就是少了五百, 钱发了 晚了几天: paid, short or late (it was all fine)
    return fine


def rights_spoken_of(text: str) -> set[str]:
    """The rights issues a worded answer to the wages question speaks of, when it leaves some unsaid (合同签了一年的:
    the contract alone); empty when it answers the whole question (1, 2 3, 都有, 有的, or all three named)."""
    squashed = forms.squash(text)
    if _NOT_SIGNED.fullmatch(squashed):
        return {"no_contract"}
    if re.sub(r"[\s,，、;；.。]", "", squashed).isdigit() or _numbers_echoed(squashed) is not None:
        return set()
    named = _issues_named(text)
    return named if len(named) < len(RIGHTS_FIELDS) else set()


def _numbers_echoed(squashed: str) -> set[str] | None:
    """1 都有 / 1 没问题, 2 工资拖欠, 2 3 工资拖欠 没签合同: numbers typed with the words of their own options; None
    when the words say something else (1 工资拖欠 contradicts itself: not guessed)."""
    found = _NUMBERS_FIRST.fullmatch(squashed)
    if found is None:
        return None
    numbers = {d for d in found.group(1) if d.isdigit()}
    words = found.group(2)
    if numbers == {"1"}:
        return set() if _ALL_FINE.match(words) else None
    if "1" in numbers:
        return None
    issues = {_RIGHTS_BY_NUMBER[d] for d in numbers}
    if not (named := _issues_named(words)) or not named <= issues:
        return None
    return issues


# At home, said instead of "still there" (回老家了, 在家种地, 在家带孩子, and 没回 after the Spring Festival): the job
# kept to go back to, or given up (then looking for work, or not)? Asked once (it was "没太明白, 请回复数字").
_AT_HOME = re.compile(
    r"^(?:我|俺)?(?:现在|已经|早就?|还|一直|这(?:阵|阵子|段时间))?(?:回(?:老)?家(?:了|啦)?|回来了|在(?:老)?家(?:里|呢|嘞)?)"
    r"(?:种地|种田|干农活|务农|种庄稼|带(?:孩子|娃|小孩|孙子|孙女)|看(?:孩子|娃)|照顾(?:老人|孩子|家里|娃|老的|小的)|"
    r"休息|歇着|待着|呆着)?(?:了|呢|嘞|啊|哦|呀)*$"
)
# 没回, 没回去, 没去 at the spring return check, nothing more said: not back yet, or not going back?
_NOT_BACK_BARE = re.compile(r"^(?:我|俺)?(?:都)?没(?:有)?(?:回|回去|去|过去)(?:呢|嘞|啊|哦)?$")


def names_festival(text: str) -> bool:
    """过完年回去, 回家过年: the Spring Festival named."""
    return _NEW_YEAR.search(forms.squash(text)) is not None


# 回老家了 in English (the en locale): "I went home", "back home now", "I'm at home".
_EN_AT_HOME = re.compile(r"^(?:i )?(?:went|gone|came|come|am|i'm|im|i am|been|back|at|stay(?:ing)?(?: at)?) ?"
                         r"(?:back )?home(?: now| already| for now)?[.!]?$")


def at_home(text: str, *, spring: bool = False) -> bool:
    if text.isascii():
        return _EN_AT_HOME.match(text.strip().lower()) is not None
    squashed = forms.squash(text)
    return _AT_HOME.fullmatch(squashed) is not None or (spring and _NOT_BACK_BARE.fullmatch(squashed) is not None)


def home_then(text: str) -> str | None:
    """回家了 过段时间再出去: what follows a first part saying the speaker is at home ("" when nothing does), or None
    when the message does not begin so."""
    first, *rest = _PARTS.split(nlu.as_typed(text).strip())
    return " ".join(rest) if at_home(first) else None


def caring_at_home(text: str) -> bool:
    """在家带孩子, 照顾老人: home to care for the family (with the job given up and no work wanted: unable, as the
    survey records caring)."""
    return _CARING_AT_HOME.search(forms.squash(text)) is not None


_CARING_AT_HOME = re.compile(r"带(?:孩子|娃|小孩|孙子|孙女)|看(?:孩子|娃)|照顾")


# The answer to "那边的活还回去干吗?": 1 / 还回去 / 过几天回去, 2 / 不回去了 想找活, 3 / 不回去了 先不找. 不回去了 alone
# says the job is given up, not whether work is wanted: asked again.
_HOME_STAY = re.compile(r"不(?:想|打算|准备)?(?:找|出去)|先不|在家(?:带|种|照顾|待|呆|歇)|不干活")
_HOME_LOOK = re.compile(r"找|想(?:干|做|上班|打工)|帮(?:我|俺|忙)|登记")
_HOME_GONE = re.compile(r"不(?:回|去)|没了|辞了|不干了|不做了")
_HOME_BACK = re.compile(r"回去|还去|会去|还干|还做|留着|还在|"
                        r"过(?:几天|两天|完年|了年|段时间|阵子|十五)(?:再|就)?(?:走|去|回|出去|出门)|"
                        r"(?:下周|下个?礼拜|下星期|明天|后天|[\d一二三四五六七八九十]+号)(?:就|再)?(?:走|去|回)")


# The home question's answer in English: looking is read before staying ("not going back, looking for work").
_EN_HOME = (
    ("stay", re.compile(r"\bnot (?:looking|now)\b|\bstay(?:ing)? (?:at )?home\b|\bno work for now\b")),
    ("look", re.compile(r"\b(?:look(?:ing)? for|find|want) (?:a )?(?:job|work)\b|\blooking\b")),
    ("back", re.compile(r"\b(?:going back|go back|will go back|returning|back after)\b")),
)


def parse_home(text: str) -> str | None:
    """"back", "look", "stay", or None when the answer is not understood."""
    squashed = forms.squash(text)
    if squashed in ("1", "2", "3"):
        return {"1": "back", "2": "look", "3": "stay"}[squashed]
    if text.isascii():
        return next((choice for choice, words in _EN_HOME if words.search(text.lower())), None)
    if _HOME_STAY.search(squashed):
        return "stay"
    if _HOME_LOOK.search(squashed):
        return "look"
    if _HOME_GONE.search(squashed):
        return None
    return "back" if _HOME_BACK.search(squashed) else None


_DAYS = r"(?:几天|两天|一两天|两三天|三四天|一天|三天|一个?(?:礼拜|星期)|一周)"
# 休息几天, 歇两天: a few days off, the job kept (it was "没太明白").
_FEW_DAYS_OFF = re.compile(
    r"^(?:我|俺)?(?:在家)?(?:休息|歇|请假)(?:了)?(?:几天|两天|一两天|两三天|一下|一天)(?:再(?:去|回去|上班))?(?:了|呢|嘞|啊)*$|"
    # 生病了 在家休息一个礼拜: a short illness, the days off said (it asked whether the job was kept for them)
    rf"^(?:我|俺)?(?:生病|感冒|发烧|病)(?:了)?(?:在家)?(?:(?:休息|歇|请假|请了假)(?:了)?{_DAYS}|请(?:了)?{_DAYS}(?:的)?(?:病)?假)"
    r"(?:再(?:去|回去|上班))?(?:了|呢|嘞|啊)*$"
)


def few_days_off(text: str) -> bool:
    return _FEW_DAYS_OFF.fullmatch(forms.squash(text)) is not None


# 下个月就走, 过几天就走, 月底走: in post, leaving at a time said (not a job lost yet: where to is not said). (还在
# 下个月可能就不干了: the same, said with the answer that she is still there and a maybe.)
_LEAVING = re.compile(
    r"^(?:还在(?:上班|干)?|在的|在呢)?(?:不过|但是|就是)?(?:我|俺)?(?:打算|准备|想|可能|估计|应该|大概)?"
    r"(?:(下个?月|月底|年底|过几天|过两天|过段时间|过阵子|这个月干完)(?:干完|做完)?(?:我|俺)?"
    r"(?:可能|估计|应该|大概|也许)?(?:就|要|准备|打算)?"
    # 下个月就不干了: the same plan as 下个月就走 (it prepared the registration)
    r"|((?:干|做)完这个月)(?:我|俺)?(?:就)?(?:想|打算|准备|要))"
    # 干完这个月想回家: the speaker's wish (干完这个月就不干了 is the work ending then, work_until's reading), said
    # after 在 and a word on their health (it was all well, the plan lost)
    r"(?:走|走人|离开|辞职|辞工|回去|回家|回老家|回来|不干|不做)(?:了|啦|呢)?$"
)


# 还在这干, 还在上班: still there, said in a part of its own beside a plan to leave.
_STILL_HERE = re.compile(r"(?:我|俺)?(?:现在)?还(?:在)?(?:这|那|厂里|这边|那边)?(?:干|做|上班|干着|做着)(?:呢|着)?"
                         r"|还在(?:这|那)?(?:呢)?|在(?:的|呢|哩)?")


_THIS_MONTH_DONE = frozenset({"这个月干完", "干完这个月", "做完这个月"})


def _leaving_plan(text: str) -> re.Match[str] | None:
    """The plan to leave: the whole message (下个月就走), or a part of its own beside one saying they are still there
    (腿好了 过完年回来了 还在这干 不过下个月干完就不干了 想回家那边找个活: it was read as the job lost)."""
    squashed = forms.squash(text)
    if (found := _LEAVING.fullmatch(squashed)) is not None:
        return found
    parts = [forms.squash(p) for p in _PARTS.split(nlu.normalize(text)) if p.strip()]
    if len(parts) < 2 or not any(_STILL_HERE.fullmatch(p) for p in parts) or nlu.about_someone_else(text):
        return None
    return next((found for p in parts if (found := _LEAVING.fullmatch(re.sub(r"^(?:不过|但是|就是)", "", p)))), None)


def leaving_when(text: str) -> str | None:
    """下个月, 过几天: when the speaker says they leave (see _LEAVING), as said."""
    found = _leaving_plan(text)
    if found is None:
        return None
    when = found.group(1) or found.group(2)
    return "月底" if when in _THIS_MONTH_DONE else when  # (这个月干完就走: "打算月底走")


def leaving(text: str, today: datetime.date) -> datetime.date | None:
    """The day after which to ask again when the speaker says they leave then (下个月就走: the end of next month),
    or None."""
    found = _leaving_plan(text)
    if found is None:
        return None
    when = found.group(1) or found.group(2)
    if when.startswith("下"):
        month = today.month % 12 + 1
        year = today.year + (today.month == 12)
        return datetime.date(year, month, calendar.monthrange(year, month)[1])
    if when == "月底" or when in _THIS_MONTH_DONE:
        return datetime.date(today.year, today.month, calendar.monthrange(today.year, today.month)[1])
    if when == "年底":
        return datetime.date(today.year, 12, 31)
    return today + datetime.timedelta(days=7)


# 在找活, 正在找工作, 找活呢 from someone on record as working: lost the job and looking, or looking for another
# while working? Asked once (the quit question); it was taken as a search, and the check-in left open.
_LOOKING_NOW = re.compile(
    r"^(?:我|俺)?(?:现在|最近|这几天)?(?:还|正|正在|在|一直在)(?:到处)?找(?:活|工作|事做|事|工|厂|班上)(?:呢|嘞|了|啊|哦)*$|"
    r"^(?:我|俺)?(?:现在|最近)?找(?:活|工作)(?:呢|嘞)$"
)


def looking_now(text: str) -> bool:
    return _LOOKING_NOW.fullmatch(forms.squash(text)) is not None


# 打零工, 在打零工, 干点零活 at the weekly check-in of someone out of work: casual day labour is no job found (the case
# stays open, still looking); a job said to be steady is.
# (工地上干了几天, 帮人盖房子 干一天算一天: days of work here and there; it was "没太明白")
_ODD_JOBS = re.compile(
    r"零工|零活|短工|打杂|打散工|散活|(?:干|做)一天算一天|(?:干|做)了(?:几|两|三|十来)天|帮人(?:家)?(?:盖房|干活|做活)")
# (没长期的, 不是固定的: said of the casual work, not a steady job; it was read as a job found)
_STEADY = re.compile(r"(?<![没不])(?<!没有)(?<!不是)(?:长期|固定|稳定|正式)|签了|合同")
# 零工都找不到, 没有零工: none of it either (still looking, with nothing).
_NO_ODD_JOBS = re.compile(
    r"(?:没|没有|不想|不愿|不)(?:再)?(?:打|干|做|找)?(?:点|些)?(?:零工|零活|短工|散活)|找不(?:到|着)|没(?:人|活)"
)


def odd_jobs(text: str) -> str | None:
    """"odd_jobs" for casual work done now, "still_looking" for none of it (零工都找不到: it was a job found), or
    None when casual work is not what the message is about."""
    squashed = forms.squash(text)
    if _ODD_JOBS.search(squashed) is None or _STEADY.search(squashed) is not None:
        return None
    return "still_looking" if _NO_ODD_JOBS.search(squashed) else "odd_jobs"


# 过完年去厂里, 说好了年后去上班 at the weekly check-in, the Spring Festival ahead: work promised for after it, not work
# now (it was a job found, its start read as the last festival's month: 2026年3月).
_PROMISED_AFTER_FESTIVAL = re.compile(
    rf"(?:{_AFTER_FESTIVAL}|明年)(?:我|俺)?(?:就|再|才)?(?:(?:去|来|到|进)(?:厂|上班|干活|工地|做事|那)|(?:让|叫)(?:我|俺)(?:去|来))")


# 还在找 县城有个工地说下个月开工 让我到时候去, 找到了 下个月去上班: work promised from a day still to come, no work
# now (it was a job found: the case closed, the new job's questions asked).
_PROMISED_LATER = re.compile(
    r"(?:下个?月|下礼拜|下周|下星期|过几天|过两天|月底|\d{1,2}号|[一二三四五六七八九十]{1,2}号|[\d一二三四五六七八九十]{1,3}月份?)"
    r"[^,，。]{0,4}?(?:就|再|才)?(?:开工|上班|报到|进厂|去上班|过去上班)"
    r"|(?:让|叫)(?:我|俺)(?:到时候|那时候|到时)(?:再)?(?:去|过去|来)"
    r"|(?:找到了?|说好了?|定了)[^,，。]{0,2}(?:下个?月|下礼拜|下周|下星期|过几天|过两天|月底)(?:就|再|才)?(?:去|过去|上班|开工)")
# 下礼拜去浙江了: going (to work) elsewhere from a day to come, nothing said of a promise (it was "没太明白").
_GOING_LATER = re.compile(
    r"^(?:我|俺)?(?P<when>下个?月|下礼拜|下周|下星期|过几天|过两天)(?:就|再|才)?(?:去|到)(?P<place>[\u4e00-\u9fff]{1,4}?)(?:了|啦)?$")


def going_later(text: str) -> tuple[str, str] | None:
    """(when, where) for 下礼拜去浙江了, else None."""
    found = _GOING_LATER.match(forms.squash(text))
    return (found.group("when"), found.group("place")) if found else None


def promised_later(text: str) -> bool:
    """下个月开工 让我到时候去: work promised from a day still to come (not the festival's: promised_after_festival)."""
    squashed = forms.squash(text)
    return (_PROMISED_LATER.search(squashed) is not None or going_later(text) is not None) and not (
        _NO_ODD_JOBS.search(squashed))


def promised_after_festival(text: str) -> bool:
    squashed = forms.squash(text)
    return _PROMISED_AFTER_FESTIVAL.search(squashed) is not None and not _NO_ODD_JOBS.search(squashed)


# 厂里放假了 with nothing more (no festival, no return said): a stop that may be without pay; asked once whether
# they are paid and when they go back.
_LAID_OFF_BARE = re.compile(
    r"^(?:我们|俺们)?(?:厂里|厂子|工地|公司|单位|店里|老板|车间)?(?:给我们|让我们|叫我们)?(?:停工)?放(?:了)?(?:长)?假(?:了|啦|呢)*$"
)


def leave_unsaid(text: str) -> bool:
    return _LAID_OFF_BARE.fullmatch(forms.squash(text)) is not None


# The answer to "放假有工资吗, 说了哪天开工吗?": 1 / 有工资 / 下周就开工 (held), or 2 / 没工资 / 等通知 (at risk).
_LEAVE_UNPAID = re.compile(r"^(?:没|没有|没得)(?:的|啊|呢)?$|没(?:有)?(?:工资|钱|发)|不(?:发|给)|"
                           r"无薪|等通知|等消息|不知道|没说|不晓得|不一定")
_LEAVE_PAID = re.compile(r"^有(?:的|啊|呢)?$|有(?:工资|钱)|发工资|照发|带薪|(?:开工|上班|回去)|(?<!没)发(?:的|了)")


def parse_leave(text: str) -> str | None:
    """"paid", "unpaid", or None when the answer is not understood."""
    squashed = forms.squash(text)
    if (picked := _by_number(squashed, "paid", "unpaid")) is not None:
        return picked
    if _LEAVE_UNPAID.search(squashed):
        return "unpaid"
    return "paid" if _LEAVE_PAID.search(squashed) else None


# The job given up to live at home (辞了 回家带孩子, 不干了 回家种地): looking for work (the registration) or not? Asked
# once (it went straight to the registration, which is for those who want work).
_HOME_LIFE = re.compile(
    r"(?:回(?:老)?家|在家)(?:里)?(?:种地|种田|干农活|务农|种庄稼|带(?:孩子|娃|小孩|孙子|孙女)|看(?:孩子|娃)|照顾|歇着|待着|呆着)"
)


# Home, and not going out again (回来了 不出去了 在家种地, 回老家了 不去了): the job given up for a life at home, as
# 辞了 回家种地 says it (they went straight to the registration; similar answers asked first).
_HOME_GIVEN_UP = re.compile(
    r"^(?:我|俺)?(?:现在|已经|早就?)?回(?:来|家|老家)了?(?:我|俺)?(?:就|也)?不(?:出去|去|回去|过去|干|做)(?:干|打工)?了")
# (在家种地 不出去了: the same, the home life said first)
_NOT_GOING_OUT = re.compile(r"不(?:再)?(?:出去|出门)(?:干|打工)?了")


def left_for_home(text: str) -> bool:
    squashed = forms.squash(text)
    if nlu.about_someone_else(text) or _HOME_LOOK.search(squashed) is not None:
        return False
    return _HOME_GIVEN_UP.match(squashed) is not None or (
        (_LEFT.search(squashed) is not None or _NOT_GOING_OUT.search(squashed) is not None)
        and _HOME_LIFE.search(squashed) is not None)


def wish_beside(text: str, today: datetime.date) -> str | None:
    """不干了 想找个保安的活, 回老家了 想在家附近找个活: the work wished for, said beside the news in a part of its own
    (kept for the registration's questions on the work wanted; it was lost), or None."""
    parts = [part for part in _PARTS.split(nlu.as_typed(text).strip()) if part]
    wished: list[str] = []
    at = 0
    while at < len(parts):
        part, at = parts[at], at + 1
        if nlu.is_question(part) or not _wishes(part, today):
            continue
        # 想找个 近点的活 (voice input's pause inside the wish): the short parts after it that it goes on into
        while at < len(parts) and len(parts[at]) <= _GOES_ON and not nlu.is_question(parts[at]) and (
                _wishes(f"{part} {parts[at]}", today)) and not _wishes(parts[at], today):
            part, at = f"{part} {parts[at]}", at + 1
        wished.append(part)
    return " ".join(wished) or None


# The longest part read as going on with the wish before it (近点的活).
_GOES_ON = 8


def _wishes(part: str, today: datetime.date) -> bool:
    said = nlu.understand(part, today)
    return said.intent == "seek_job" and said.confidence >= CONFIDENT


def parse_look_or_stay(text: str) -> str | None:
    """"look" or "stay" at the question after 辞了 回家带孩子, or None when the answer is not understood."""
    squashed = forms.squash(text)
    if (picked := _by_number(squashed, "look", "stay")) is not None:
        return picked
    choice = parse_home(text)
    return choice if choice in ("look", "stay") else None


# 你们天天问烦不烦, 又来问, 问了好多遍了: tired of being asked (how often, and that 退订 stops them, is said; the
# rest of the message is the answer). Stop words (别发了 烦死了) are the engine's, read before this.
_ASKED_TOO_OFTEN = re.compile(
    r"(?:天天|老是|总是|老|又|一直|经常|成天|整天|三天两头|隔三差五)(?:来|在|都|跑来)?(?:问|发消息|发短信|发信息|打扰)|"
    r"问(?:个|了)?(?:没完|不停|来问去|又问|好多遍|好几遍|多少遍|几遍了|好多次|好几次|八百遍)|(?:烦不烦|有完没完|烦死了?|好烦|真烦|烦人)"
)
_CLAUSE = re.compile(r"[\s,，。;；!！?？]+")


def asked_too_often(text: str) -> str | None:
    """你们天天问烦不烦 in an answer: the rest of the message ("" when nothing else is said), or None when no
    such complaint is made. A bare 烦 needs 你们 or 问 beside it (活太多 烦死了 is about the work)."""
    said = nlu.as_typed(text)
    parts = [p for p in _CLAUSE.split(said) if p]
    ours = [p for p in parts if _ASKED_TOO_OFTEN.search(p) and not _SOMEONE_AT_WORK.search(p)]
    if not ours or not re.search(r"你们?|问|发", said):
        return None
    return " ".join(p for p in parts if p not in ours and not re.fullmatch(r"(?:你们?|真是|真的)+(?:的)?", p))


_SOMEONE_AT_WORK = re.compile(r"老板|工头|厂里|厂长|主管|领班|班长|经理|师傅|活太|干活")


# 在我们县城里找了个活在做, 找到了一份新工作: another job found, at the check-in of the employed (it was read as still
# there, and the wages question asked of the old job).
_NEW_JOB_FOUND = re.compile(r"(?<![没不])(?:找到|找着|找了|寻到|找好)了?(?:个|一个|份|一份|家|一家)?(?:新的?)?"
                            r"(?:活儿?|工作|事做)(?![^，。,\s]{0,3}(?:不要|没要|没成|没找))")
_OLD_JOB_KEPT = re.compile(r"还在(?:原来|那|这|厂|老)")


def new_job_found(text: str) -> bool:
    """Another job found, the old one not said kept (找了个活 在做)."""
    if "找" not in text and "寻" not in text:
        return False  # (cheap: most answers say neither)
    squashed = forms.squash(nlu.as_typed(text))
    return _NEW_JOB_FOUND.search(squashed) is not None and _OLD_JOB_KEPT.search(squashed) is None


def _given_up(name: str) -> re.Pattern[str]:
    stem = re.escape(re.sub(r"(?<=..)(?:市|县|区|省|镇|乡)$", "", name))  # (贵阳市 said 贵阳)
    return re.compile(rf"(?:我|俺)?(?:今年|现在)?(?:不|没)(?:去|在|回)了?{stem}(?:市|县|区|省|镇|乡)?了?")


def place_given_up(text: str, name: str) -> bool:
    """我今年不去贵阳了: the place named is where they no longer go (not the new job's)."""
    return _given_up(name).search(forms.squash(text)) is not None


def without_place_given_up(text: str, name: str) -> str:
    """我今年不去贵阳了 在县城找了个活 -> 在县城找了个活."""
    return _given_up(name).sub(" ", text).strip()
