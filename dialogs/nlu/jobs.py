"""The job type (工种) a message names: 做普工, 当保安, 钢筋工, 开塔吊, 在扶贫车间做衣服, 做快递分拣."""

from __future__ import annotations

import functools
import re

from dialogs.nlu.lexicon import mapping, word_set, words

# A wish to do other work than one does (想换个活, 想换个别的工作, 想改行, 想干点别的): a request for work
# (intents.py seek_job), and the present trade no wish then (dialogs/matching/profile.py). A change of place or of
# factory (想换个地方, 想换个厂) is no change of trade.
WANTS_CHANGE = (r"(?:想|要|打算|准备)(?:换(?:个|份|一个|一份)?(?:别的|其他|其它|别样)?(?:工作|活|行|行业|工种|事做)"
                r"|换一行|改行|转行|(?:干|做)点?别的)")

# Wanting or learning a trade (想学电焊, 想做保安) is no job one has.
_NOT_HELD = re.compile(r"(?:想|要|学|打算|准备|愿意|希望|会)(?:做|当|干|学|去)?[^\s，。,]{0,2}$")
# A clause that says what one does: a work verb and what it works on (开塔吊, 做衣服, 做快递分拣); a 的 after it
# (干装修的) is no part of the work.
_DOING = re.compile(
    r"(?:^|(?<=[\s,，。]))(?:在[^\s,，。]{0,8}?)?(做|当|开|干|搞|跑|送|扎|帮人|给人)([\u4e00-\u9fff]{1,5}?)的?(?=$|[\s,，。])"
)


_FOR_SOMEONE = frozenset({"帮人", "给人"})


@functools.cache
def _job_pattern() -> re.Pattern[str]:
    known = {*words("jobs", "jobs.types"), *words("jobs", "jobs.more")}
    return re.compile("|".join(re.escape(w) for w in sorted(known, key=len, reverse=True)))


def _doing(normalized: str) -> str | None:
    for match in _DOING.finditer(normalized):
        verb, what = match.groups()
        what = what.rstrip("呢啊吧哦嘛呀")  # 干活呢: 干活, no job
        if not what or (len(what) == 1 and verb != "做"):
            continue  # 做鞋 is a trade; 当归 (a herb), 开车 are not one verb and its object
        if what in word_set("jobs", "jobs.not_jobs") or any(w in what for w in word_set("jobs", "jobs.not_job_parts")):
            continue
        if _NOT_HELD.search(normalized[max(0, match.start(1) - 4) : match.start(1)]):
            continue
        # 给人放羊, 帮人砌墙: the work is what is done for someone (放羊), the someone no part of it.
        return what if verb in _FOR_SOMEONE else verb + what
    return None


@functools.cache
def job_titles() -> dict[str, str]:
    """Work said by where it is done (流水线) and the job title the form writes (流水线工)."""
    return dict(mapping("jobs", "jobs.titles"))


def find_named_jobs(normalized: str) -> str | None:
    """Every job type the message names, wished for or held (看大门 保安都行 -> 看大门、保安)."""
    named: list[str] = []
    for match in _job_pattern().finditer(normalized):
        if match.group(0) not in named:
            named.append(match.group(0))
    return "、".join(named) or None


def find_job_type(normalized: str) -> str | None:
    """The job the message says the person does: what they do (开塔吊) when a clause says it, else a job
    type it names (普工)."""
    doing = _doing(normalized)
    matches = list(_job_pattern().finditer(normalized))
    posts = word_set("jobs", "jobs.kinds_of_post")
    if any(m.group(0) not in posts for m in matches):
        matches = [m for m in matches if m.group(0) not in posts]
    for match in matches:
        if not _NOT_HELD.search(normalized[max(0, match.start() - 4) : match.start()]):
            # 做快递分拣 says more than 快递; 做钢筋工 no more than 钢筋工.
            more = doing is not None and match.group(0) in doing and doing[1:] != match.group(0)
            return doing if more and doing else match.group(0)
    return doing
