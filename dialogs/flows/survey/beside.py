"""What a message says beside the employer or the job it answers: the work done and the pay, each in a part of
its own (张老板 干装修的 一天两百, 富士康 普工 4500, 在厂里 流水线 三千八, 工地上扎钢筋)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from dialogs import nlu
from dialogs.flows.survey.vocabulary import english_job

# Where the work is done, said before it (工地上扎钢筋, 在厂里开叉车): no part of the job.
_WORKPLACE_LEAD = re.compile(
    r"^(?:我|俺)?(?:跟着?[\u4e00-\u9fff]{1,4}?(?=在))?(?:就?在|跟着)?[\u4e00-\u9fff]{0,4}?(?:工地|厂子?|车间|饭店|餐馆|仓库|店)"
    r"(?:上|里面|里头|里|那边|这边)?"
)
# 那个, 这个 said while thinking (我在那个厂里面做那个包装的, by voice): no part of the job or the place.
_THINKING = re.compile(r"那个|这个")
# A doing verb and the words around a job that say nothing more (干装修的, 做普工的, 当保安嘛).
_AROUND_JOB = re.compile(r"^(?:我|俺)?(?:是|就是)?(?:在)?(?:做|干|当|搞|弄|开|送|跑|扎|上)?|(?:的|活|嘛|呢|啊|呀)+$")
# A workplace that names nobody (在厂里, 工地上): no employer.
UNNAMED_WORKPLACE = re.compile(r"^(?:就?在)?(?:厂里头?|厂子里|工地上|工地里|车间里|厂里面|店里)$")


# A boss named by surname, or a gang boss followed (张老板, 跟着包工头干): whom one works for, with no firm's name.
BOSS = re.compile(r"(?:跟着?)?[\u4e00-\u9fff]?(?:老板|老板娘|包工头|工头)(?:干|做)?")
# How the pay is counted or what comes with it (计件, 按天算, 包吃住): said beside the pay, naming nobody.
_PAY_TERMS = re.compile(
    r"(?:是|按|算)?(?:计件|计时|按件|按天|按月|按小时|日结|月结|包吃包?住|管吃管?住|包住|包吃)(?:的|算|制|拿钱)?|"
    r"(?:干|做)一天(?:算|给|拿|结)一天(?:的|钱)?"  # 一天三百五 干一天算一天: paid for the days worked
)
# A phone number (0592-6051234, 13712345678) or other long number: no pay.
_NUMBER_NOT_PAY = re.compile(r"\d{6,}|\d{3,4}-\d")


@dataclass(frozen=True, slots=True)
class Beside:
    """The parts of a message that are the job or the pay, and what is left for the employer."""

    rest: str
    job: str | None = None
    monthly: int | None = None
    per_day: int | None = None

    @property
    def taken(self) -> bool:
        """Whether any part was the job or the pay."""
        return self.job is not None or self.monthly is not None or self.per_day is not None


# What may stand beside a job said alone, anywhere around it: its verb, 在…上, 的, 工/工作/活 (流水线工, 保安工作,
# 开叉车的, 在流水线上).
_BESIDE_JOB = re.compile(r"[在做干当搞弄是开跑送扎的上工作活嘛呢啊呀\s]*")


def job_said(text: str, *, at_job_question: bool = False) -> str | None:
    """The job a message (or a part of one) says and nothing else, as the form writes it: 流水线 and 流水线工 ->
    流水线工, 工地上扎钢筋 -> 钢筋工, 搬砖, 干装修的, 开叉车, 干保安; None when it says more than a job (门卫室 is a
    room). The one reader of "a job and nothing else" (the job ahead of its question, the work address that is a
    job, the job beside an employer). At the job question, a workplace named before the job (在饰品厂做流水线) is
    where it is done; elsewhere it is an employer said too (more than a job)."""
    if (english := english_job(text)) is not None:
        return english  # security guard, I'm a cook (the en locale): 保安, 厨师
    said = _THINKING.sub("", nlu.normalize(text).strip()) or nlu.normalize(text).strip()
    if _COOKING.fullmatch(said):
        return "厨师"  # 在饭店做饭: a cook (做饭 alone is no job: 在家做饭 is looking after a home)
    lead = _WORKPLACE_LEAD.match(said)
    if lead is not None and (at_job_question or nlu.parse_employer(lead.group(0)) is None):
        said = said[lead.end() :] or said  # 工地上扎钢筋: where, no part of the job (在一个饰品厂 names an employer)
    job = nlu.find_job_type(said) if said else None
    if job is None or job not in said:
        return None
    if (bare := _GENERIC_VERB.fullmatch(job)) is not None and nlu.find_job_type(bare.group(1)) is not None:
        job = bare.group(1)  # 做快递分拣: 快递分拣, the verb no part of the job title
    rest = said.replace(job, "", 1)
    if _AROUND_JOB.sub("", rest) and _BESIDE_JOB.fullmatch(rest) is None:
        return None
    return nlu.job_titles().get(job, job)


# Cooking said with where it is done (在饭店做饭, 食堂里炒菜): a cook.
_COOKING_AT = r"(?:饭店|餐馆|饭馆|食堂|酒店|餐厅|饭庄|馆子)(?:里|里面|里头)?(?:做饭|炒菜|烧菜|做菜|掌勺)"
_COOKING = re.compile(r"(?:我|俺)?(?:是|就是)?(?:就?在)?[\u4e00-\u9fff]{0,4}?" + _COOKING_AT + "的?")
_COOKS = re.compile(_COOKING_AT)


def cooks(text: str) -> bool:
    """在东莞一个饭店做饭: cooking where meals are sold (a cook's job), said in the message."""
    return _COOKS.search(nlu.normalize(text)) is not None
# A verb that says only that work is done (做, 干, 搞, 弄, 当), before words that are a job themselves (做快递分拣).
_GENERIC_VERB = re.compile(r"[做干搞弄当]([\u4e00-\u9fff]{2,})")


def facts_beside(text: str) -> Beside:
    """The job and pay told in parts of their own beside the employer; the employer's words are the rest."""
    kept: list[str] = []
    job: str | None = None
    monthly: int | None = None
    per_day: int | None = None
    days: int | None = None
    days_part = ""
    # English is split where a comma is (a construction boss is one part: no job 建筑工 beside employer "a boss").
    english = not nlu.has_han(text)
    parts = [p.strip() for p in text.split(",") if p.strip()] if english else nlu.normalize(text).split()
    for part in parts:
        if len(parts) > 1 and _PAY_TERMS.fullmatch(part):
            continue  # 踩鞋面的 计件 一个月五六千: how the pay is counted, no employer (it was kept as the employer)
        if len(parts) > 1 and nlu.parse_employer(part) is None and not _NUMBER_NOT_PAY.search(part):
            if days is None and (found_days := nlu.parse_days_worked(part)) is not None and not re.search(
                r"\d{3,}|[百千万]", part
            ):
                days, days_part = found_days, part  # 一天300 一个月干二十多天: a day rate's days, no employer
                continue
            if job is None and (found := job_said(part)) is not None:
                job = found
                continue
            pay = nlu.parse_daily_pay(part)
            if per_day is None and monthly is None and pay is not None:
                per_day, monthly = pay.per_day, pay.monthly
                continue
            if monthly is None and re.search(r"\d|[一二两三四五六七八九十百千万]", part) and (
                salary := nlu.parse_salary(part)
            ) is not None:
                monthly = salary
                continue
        kept.append(part)
    if days is not None and per_day is None:
        kept = [part for part in parts if part in kept or part == days_part]  # no day rate: the days stay said
    elif days is not None and monthly is None:
        monthly = per_day * days if per_day is not None else None
    if (job is not None or monthly is not None or per_day is not None) and len(kept) > 1:
        kept = [part for part in kept if not UNNAMED_WORKPLACE.fullmatch(part)] or kept  # 在工地上 跟着老乡干
    return Beside(" ".join(kept), job, monthly, per_day)
