"""What changed, said beside "still there" at a check-in: a new pay ("还在 现在一天三百了"), the same employer's new
place ("还在干 搬到长安那个新厂区了"), a new boss at the same place ("在的 换了个老板 厂还是那个厂")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from dialogs import forms, nlu

# The survey's bounds of a month's pay (dialogs/flows/survey/fields.py).
MIN_INCOME, MAX_INCOME = 100, 200_000
# Characters without which no pay is told (cheap gate: most answers have none of them after 在的).
_PAY_CHARS = frozenset("天月块元千百万0123456789")
_MOVED = re.compile(r"(?:(?:厂|公司|车间|工地|店)?(?:整个|都|也)?搬(?:到|去|迁到|迁去|了)|"
                    # 工地换到花溪了: the same boss's site moved (换到隔壁厂了 alone is another job)
                    r"(?:工地|项目|厂区|车间)(?:也|又)?(?:换|挪|转)(?:到|去))(?:了)?"
                    r"(.{1,14}?)(?:了|去了|啦)?$")
_FILLER = re.compile(r"那个|这个|那边|这边|那里|这里|一个")
_NEW_BOSS = re.compile(r"换了?(?:个|一个|新)?老板|老板换了|来了?(?:个|一个)?新老板|新来的老板|"
                       r"(?:厂|店|公司)(?:子)?(?:被)?(?:卖|转|包)(?:给)?(?:了)?(?:别人|人家)")
_BOSS_NAMED = re.compile(r"(?:姓|新老板(?:是|叫)?|老板换成(?:了)?)([\u4e00-\u9fff])(?:老板|总)?")
# Another place or employer said, or the job left: not the same job with a change.
_ELSEWHERE = re.compile(r"换了?(?:个|一个|家)?(?:厂|公司|单位|工地|活|工作)|别的(?:厂|公司|单位|工地)|"
                        r"辞|不干|不做|跳槽|走了")
# 换了个工种 现在开塔吊, 调去做质检了: another trade with the same employer.
_NEW_TRADE = re.compile(r"换了?(?:个|一个)?工种|改(?:成|做|干|开)|调(?:去|到)(?:做|干|开)|工种(?:换|变)了")
_OWED = re.compile(r"欠|拖|没发|不发|没给|不给|扣")
_NO_NAME = frozenset("那这个新老别的还")


@dataclass(frozen=True)
class Changes:
    monthly: int | None = None  # 一个月七千了, 一天三百 干二十五天
    day_rate: int | None = None  # 一天三百了 (the days still to ask)
    place: str | None = None  # 长安新厂区
    location: nlu.Place | None = None  # its division, when the gazetteer knows it
    new_boss: bool = False
    boss: str | None = None  # 王老板, when named
    new_trade: bool = False
    job_type: str | None = None  # 叉车, when the gazetteer of jobs knows it

    def __bool__(self) -> bool:
        return bool(self.monthly or self.day_rate or self.place or self.new_boss or self.new_trade)


def changes_beside(rest: str, today: date) -> Changes:
    """What the words after 还在 / 在的 tell of a change in the same job (empty when nothing, or another job)."""
    squashed = forms.squash(rest)
    if _ELSEWHERE.search(squashed):
        return Changes()
    monthly = day_rate = None
    if not _PAY_CHARS.isdisjoint(squashed) and not _OWED.search(squashed):
        day = nlu.parse_daily_pay(rest)
        if day is not None:
            if day.days:
                monthly = day.per_day * day.days
            else:
                day_rate = day.per_day
        else:
            salary = nlu.understand(rest, today).entities.salary
            monthly = salary if isinstance(salary, int) else None
        if monthly is not None and not MIN_INCOME <= monthly <= MAX_INCOME:
            monthly = None
    place = location = None
    if ("搬" in squashed or "到" in squashed or "去" in squashed) and (moved := _MOVED.search(squashed)) is not None:
        place = _FILLER.sub("", moved.group(1)).rstrip("的了") or None
        location = nlu.understand(rest, today).entities.location
    new_boss, boss = False, None
    if "老板" in squashed or "卖" in squashed or "转" in squashed:
        new_boss = _NEW_BOSS.search(squashed) is not None
        named = _BOSS_NAMED.search(squashed) if new_boss else None
        if named is not None and named.group(1) not in _NO_NAME:
            boss = f"{named.group(1)}老板"
    new_trade, job_type = False, None
    if ("工种" in squashed or "改" in squashed or "调" in squashed) and _NEW_TRADE.search(squashed) is not None:
        new_trade, job_type = True, nlu.find_job_type(rest)
    return Changes(monthly=monthly, day_rate=day_rate, place=place, location=location, new_boss=new_boss, boss=boss,
                   new_trade=new_trade, job_type=job_type)
