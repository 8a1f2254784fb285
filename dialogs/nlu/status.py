"""Whether a message is news of the speaker's own employment status, and which: a job lost, a new job, a
job held, or not being able to work now.

"我老婆被厂里辞了" is someone else's job loss; "娃生病了 这个月干不了活了" is the speaker unable to work (the
child is ill, the speaker cannot work); "厂子倒了 不过我又找了个新厂" is a change of job (intents.py reads
the sentence to its end).
"""

from __future__ import annotations

import functools
import re

from dialogs.nlu.intents import STATUS_INTENTS, classify_canonical
from dialogs.nlu.lexicon import alternation

# Clauses: split at punctuation, spaces and the conjunctions that start a new statement.
_HYPOTHETICAL = re.compile(r"要是|如果|万一|假如|假设|要不是|的话")
# 找到活就去, 有活就干, 找着了我就出去: a plan for once work is found (wanting work), no news of work found.
_ONCE_FOUND = re.compile(
    r"(?:(?:找到|找着|寻到)(?:了|个|份|点)?(?:活|工作|事做|事干|班上|厂)?了?|有(?:活|工作|事做|事干|班上|合适的))"
    r"(?:的话)?\s*(?:我|我们)?就(?:去|干|出去|出门|走|来|上班|做|过去)(?![了过])"
)
# 进厂或者工地都行: work one would take, listed as options, is a wish and no job held.
_OPTIONS = re.compile(r"都行|都可以|也行|随便|啥都|什么都")
# Looking for other work (想在附近找个活, 想找个轻松点的活), and gone home from the work that was too hard.
_LOOKING_INSTEAD = re.compile(r"(?:想|要|准备|打算)[^\s,，。]{0,8}找[^\s,，。]{0,6}(?:活|工作|事做|事干|班上)")
# Work asked for beside what keeps them from going out (走不开 有没有在家做的活, 干不了重活 想找个轻松的).
_ASKS_FOR_WORK = re.compile(r"(?:有没有|有啥|有什么|有无|想找|想做|想干|能不能找)[^\s,，。]{0,10}(?:活|工作|事做|事干)")
_WENT_HOME = re.compile(r"回(?:老)?家了|回来了|回老家|不干了|不做了|辞了")
_HOLDING = re.compile(r"上班|干上了|找到|进了|现在在|已经在|在[^\s,，。]{0,8}(?:干|做)")
# (娃大点了想在附近找点活: the child grown, then the mother's wish, typed without a space; 我儿子毕业了想找工作
# stays the son's)
_CLAUSES = re.compile(r"[\s,，。.!！?？;；、]+|(?=不过|但是|可是|后来|然后)"
                      r"|(?<=大了|点了|些了|学了|园了|书了|奶了)(?=(?:我|俺)?(?:就|再|也)?(?:想|打算|准备))")
# 俺以前在工地干 / 去年在东莞打工: work in the past, no news of work now (unless it goes on: 去年开始, 一直).
# (前两年在浙江工地, 两年前, 年轻时候: it was read as work now)
_PAST = re.compile(
    r"以前|之前|原来|去年|前年|过去|早先|那会|那时|前些年|前几年|头几年|早年|前(?:一|两|三|四|五)年|"
    r"(?:一|两|三|四|五|几|好几|十几)年(?:以前|之前|前)|那几年|年轻(?:的)?时(?:候)?"
)
_STILL = re.compile(r"开始|起就|到现在|一直|至今|现在|还在|仍")


@functools.cache
def _others() -> re.Pattern[str]:
    # At the head of a clause, possibly after 我/我的/我家 (我老婆, 俺家娃, 他们厂里的人).
    # 帮我媳妇登记, 给俺儿子找个活, 我是帮我爸登记的: on someone else's behalf.
    return re.compile(
        r"^(?:(?:(?:我|俺)(?:是|来|想|要)?)?(?:帮|替|给)(?=我|俺))?"
        rf"(?:我的?|我家|我们家)?{alternation('status', 'others')}"
    )


@functools.cache
def _pattern(key: str) -> re.Pattern[str]:
    return re.compile(alternation("status", key))


def _about_someone_else(clause: str) -> bool:
    if _pattern("with_self").search(clause):
        return False
    return _others().match(clause) is not None


def about_someone_else(canonical_text: str) -> bool:
    """Every clause that has a subject has someone else's (我老婆被辞了, 俺媳妇也想登记 她咋弄)."""
    clauses = [c for c in _CLAUSES.split(canonical_text) if c]
    return bool(clauses) and _about_someone_else(clauses[0])


def about_others_only(canonical_text: str) -> bool:
    """About someone else and nothing of the speaker's own (我老婆也想登记; 娃上幼儿园了 想出去找点活 has the speaker's
    wish after the child's news)."""
    return about_someone_else(canonical_text) and speaker_intent(canonical_text) is None


def about_family(canonical_text: str) -> bool:
    """About someone of the speaker's family only (我儿子也想找工作; 他们厂 is not family)."""
    return about_others_only(canonical_text) and _pattern("family").search(canonical_text) is not None


def speaker_intent(canonical_text: str) -> tuple[str, float] | None:
    """The intent of what the speaker says of themselves, when part of the message is someone else's news
    (俺老婆被厂里辞了 能帮她找个活不: a request for work)."""
    clauses = [c for c in _CLAUSES.split(canonical_text) if c]
    mine = [c for c in clauses if not _about_someone_else(c)]
    if not mine or len(mine) == len(clauses):
        return None
    intent, confidence = classify_canonical(" ".join(mine))
    return (intent, confidence) if intent != "unknown" else None


def _past_work(clauses: list[str]) -> list[str]:
    """The clauses telling work, when all of them tell it in the past (俺以前在工地干); else none."""
    working = [c for c in clauses if classify_canonical(c)[0] in ("employed", "changed_job")]
    if working and all(_PAST.search(c) and not _STILL.search(c) for c in working):
        return working
    return []


def tells_past_work(canonical_text: str) -> bool:
    """以前在东莞打工: the speaker's work, told only in the past (no news of their status now)."""
    if not _PAST.search(canonical_text):
        return False
    clauses = [c for c in _CLAUSES.split(canonical_text) if c]
    return bool(_past_work([c for c in clauses if not _about_someone_else(c)]))


def status_news(canonical_text: str, reading: tuple[str, float] | None = None) -> str | None:
    """employed | job_lost | changed_job | unable when the message tells the speaker's own status; None
    when it tells none, or only someone else's. `reading` is classify_canonical() of the text, if known."""
    news = _news(canonical_text, reading)
    if news in ("employed", "changed_job") and _OPTIONS.search(canonical_text) and not _HOLDING.search(canonical_text):
        return None  # 进厂或者工地都行: work wished for
    if news in ("employed", "changed_job") and _ASKED.search(canonical_text):
        clauses = [c for c in _CLAUSES.split(canonical_text) if c]
        if not any(classify_canonical(c)[0] == news for c in clauses if not _ASKED.search(c)):
            return None  # 是计件的吗, 去广东打工有人带不: work asked about, not told
    return news


# A clause that asks (是计件的吗, 有人带不, 要人没): a yes-no question, no news of the speaker's work.
_ASKED = re.compile(r"(?:吗|么|不|没)$|(?:吗|么|不|没)(?=[\s,，。.!！?？;；、])")


# 有活就去干 没活就歇着: how odd jobs go, work held now and then (no plan).
_NOW_AND_THEN = re.compile(r"没(?:有)?(?:活|工作|事做|事干)(?:的时候|的话)?(?:我)?就")


def plans_once_found(canonical_text: str) -> bool:
    """找到活就去, 有活就干: the speaker will go to work once there is work (a wish, not a job found)."""
    return _ONCE_FOUND.search(canonical_text) is not None and _NOW_AND_THEN.search(canonical_text) is None


def _news(canonical_text: str, reading: tuple[str, float] | None) -> str | None:
    if plans_once_found(canonical_text):
        # 找到活就去 is no news; 打零工 有活就干 still tells of odd jobs held.
        canonical_text, reading = _ONCE_FOUND.sub(" ", canonical_text).strip(), None
    clauses = [c for c in _CLAUSES.split(canonical_text) if c]
    if not clauses or any(_HYPOTHETICAL.search(c) for c in clauses):
        return None  # 铝材厂要是倒闭了找谁: a question about what if, not news
    mine = [c for c in clauses if not _about_someone_else(c)]
    if any(_pattern("inability").search(c) for c in mine):
        if _LOOKING_INSTEAD.search(canonical_text) and _WENT_HOME.search(canonical_text):
            # 厂里干不动了 回家了 想在附近找个活: that work was too hard, they left it and look for another — the job
            # left, not someone unable to work (it was "暂时不能工作" and nothing looked for).
            return "job_lost"
        if _ASKS_FOR_WORK.search(canonical_text):
            return None  # 就是走不开 有没有能在家做的手工活: work that fits is asked for (it was "暂时不能工作")
        return "unable"
    past = _past_work(mine) if _PAST.search(canonical_text) else []
    if any(_pattern("reasons").search(c) for c in mine) and not any(
        classify_canonical(c)[0] in ("employed", "changed_job") for c in mine if c not in past
    ):
        return "unable"  # 前两年在浙江工地 现在腿脚不行了: the work was then, the reason is now
    if _PAST.search(canonical_text) and (working := _past_work(mine)):
        # Work told only in the past: the rest may still be news (以前在厂里干 后来厂子倒了 is a job lost).
        mine = [c for c in mine if c not in working]
        if not mine:
            return None
        intent, confidence = classify_canonical(" ".join(mine))
        return intent if intent in STATUS_INTENTS - {"employed"} and confidence >= STRONG_ENOUGH else None
    if len(mine) == len(clauses):
        intent, confidence = reading or classify_canonical(canonical_text)
        if intent in STATUS_INTENTS and confidence >= STRONG_ENOUGH:
            return intent
        if intent in STATUS_INTENTS and _few(mine):
            # 厂子倒闭了 上个月底就没活了 交了五年社保 想登记: the insurance clause weakened the whole (it was no news,
            # and the loss was taken for a relative's); one clause that says it plainly, and none saying otherwise.
            strong = {found for c in mine if (found := classify_canonical(c))[1] >= STRONG_ENOUGH}
            said = {i for i, _ in strong} & STATUS_INTENTS
            return intent if said == {intent} else None
        if intent in STATUS_INTENTS:
            return None
        # 厂关了 工资都没给: the wages make it a rights issue, and the factory's closing is still news. (Only
        # for messages of a few clauses: a pasted page is read once, not clause by clause.)
        if intent != "rights_issue" or not _few(mine):
            return None
        said = {classify_canonical(c)[0] for c in mine} & STATUS_INTENTS
        return said.pop() if len(said) == 1 else None
    # Some clauses are someone else's: only what the speaker's own clauses say counts.
    intent, confidence = classify_canonical(" ".join(mine)) if mine else ("unknown", 0.0)
    return intent if intent in STATUS_INTENTS and confidence >= STRONG_ENOUGH else None


@functools.cache
def _farming() -> re.Pattern[str]:
    # The place said with it goes too: 在老家种地 is no "在<place><work verb>".
    return re.compile(rf"(?:在|回)?(?:家里|家|老家|屋里|村里)?{alternation('status', 'farming')}(?:不算)?")


def farms_only(canonical_text: str) -> bool:
    """The speaker farms their own land and tells of no other work (在家种地, 没出去打工 在家种点苞谷);
    "在家种地 也在附近打点零工" works, and someone else's farming (我爸在家种地) is not the speaker's."""
    if _farming().search(canonical_text) is None:
        return False
    clauses = [c for c in _CLAUSES.split(canonical_text) if c]
    if not any(_farming().search(c) and not _about_someone_else(c) for c in clauses):
        return False
    rest = _farming().sub(" ", canonical_text)
    return not any(classify_canonical(c)[0] in ("employed", "changed_job") for c in _CLAUSES.split(rest) if c)


def says_no_job(canonical_text: str) -> bool:
    """The speaker says they have no work now, as a state (俺没有工作, 在家种地不算) rather than news of a loss."""
    clauses = [c for c in _CLAUSES.split(canonical_text) if c]
    return any(_pattern("no_job").search(c) and not _about_someone_else(c) for c in clauses)


_FEW_CLAUSES = 6
# Voice input parts a short message at every pause (我不干了 快递那边 辞职了 现在 在家 想找个 近点的活: seven clauses,
# and the job lost was taken for someone else's): clauses this short together are still one message, not a page.
_SHORT_MESSAGE = 40


def _few(clauses: list[str]) -> bool:
    """Clauses few enough, or short enough together, to be read one by one."""
    return len(clauses) <= _FEW_CLAUSES or sum(map(len, clauses)) <= _SHORT_MESSAGE
# Below this the classifier is guessing; a wrong branch costs the person many questions.
STRONG_ENOUGH = 0.8


# 身体不好 去医院看了 要住院, 病了 在医院住着: at a hospital as a patient, not working there (it was work held, the
# employer 医院). Work said there (在医院当护工, 在县医院做保洁) keeps the hospital an employer.
_HOSPITAL = re.compile(r"(?:去|在|到|进|住进)了?(?:县|市|镇|乡)?(?:人民)?(?:医院|卫生院|诊所)(?:里|里面)?")
_PATIENT = re.compile(r"住院|看病|病了|生病|有病|病倒|身体不好|不舒服|检查|手术|开刀|输液|打针|吊水|治疗|养病|"
                      r"受伤|伤了|骨折|摔了|看了|住着|躺着")
# (老人住院了 我在医院陪着: someone else the patient, the speaker beside them: read as before)
_WORK_THERE = re.compile(r"上班|干活|打工|护工|保洁|护士|医生|保安|食堂|做饭|做事|工资|当|陪|照顾|照看|看护|守着|伺候")


def patient_at_hospital(canonical_text: str) -> bool:
    return _HOSPITAL.search(canonical_text) is not None and _PATIENT.search(canonical_text) is not None and (
        _WORK_THERE.search(canonical_text) is None)


def without_the_hospital(canonical_text: str) -> str:
    """The message with its hospital visit said as a stay (在医院住着 → 住院住着): for the intent and the status."""
    return _HOSPITAL.sub(" 住院 ", canonical_text)
