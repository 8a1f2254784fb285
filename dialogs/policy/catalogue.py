"""The policy catalogue (catalogue.toml beside this file) and the retrieval that finds an entry for a question.

A question and each entry's questions, keywords and title are cut into words (dialogs/matching/words.py), words of
one synonym group (synonyms.toml) become one term, and entries are ranked by BM25. An entry is an answer
only when the question is confidently about it: most of the weight of the question's topic words is found
in the entry (words like "how", "where" or "subsidy" rank entries but are no topic), and the entry is
clearly ahead of the next one. Below that, nobody guesses: the question goes to the caseworker.
"""

from __future__ import annotations

import functools
import math
import re
import tomllib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources

from dialogs.i18n import LOCALES
from dialogs.matching import words
from dialogs.nlu.memo import may_keep

# 【待本县填写】: a figure the county has not filled in yet (see the head of catalogue.toml).
UNFILLED = ("【待本县填写】", "[COUNTY TO FILL IN]")
FIELDS = ("title", "conditions", "amount", "apply", "short")
# The label of the conditions when "谁能享受" (policy.who) does not fit what they say (工伤: 什么算工伤).
LABEL = "who"
# A money the person can get, as the list of them says it (all three or none): short name, one line, a question.
OFFER_FIELDS = ("name", "offer", "ask")
# Terms that say what kind of question it is but not what about.
GENERIC = frozenset({"#how", "#apply", "#where", "#subsidy", "#amount", "#duration", "#when", "#cost", "#documents",
                     "#paid"})
# Topics weighed as an unknown word is: only the startup entry says 回乡, so 回老家找工作有补贴吗 covered by another
# entry's 找工作 alone stays a question for the caseworker (as before 回老家 was a group), while 回老家开个理发店 is
# the startup entry's whole question.
RARE = frozenset({"#return_home"})
# The part of an answer a follow-up asks for, by the first of its question words found here (else the
# conditions: 能领不, 行不行).
ASPECTS = (("#amount", "amount"), ("#duration", "amount"), ("#cost", "amount"), ("#where", "apply"),
           ("#documents", "apply"), ("#how", "apply"), ("#when", "apply"))
# A bare number or an age told about oneself (55, 58岁, 今年): a fact of the asker, never what the question is
# about ("公益岗俺能干不 俺都55了" is about public-welfare posts). Spans (一年多) stay: they can name the topic.
_FACT = re.compile(r"[\d.]+岁?|[一二两三四五六七八九十]+岁?|今年")
# A part of the body told about oneself (腿有残疾, 手有残疾, 眼睛不好): where the asker is hurt or disabled, never what
# the question is about (腿有残疾 有补助不 asks about help for the disabled).
_BODY = re.compile(r"(?:一条|两条|一只|两只|左|右)?(?:腿|脚|手|胳膊|胳臂|手指头?|脚趾头?|眼睛?|耳朵?|腰|背|后背"
                   r"|脖子|膝盖|腿脚|手脚|身子|身体)")
# A part of the body said not to work (一条腿不好使, 眼睛看不见, 耳朵听不见, 手不利索): a disability told in everyday
# words, read as 残疾 (俺一条腿不好使 有啥补贴 asks what 残疾人有啥补助 asks). Hurt just now (腿断了, 摔伤) is not.
_IMPAIRED = re.compile(_BODY.pattern + r"(?:都|也|有点|有些|一直)?(?:不好使|不中用|不管用|不灵便?|不利索|不方便|不得劲"
                       r"|有毛病|残了|废了|看不见|看不清|听不见|听不清)")
# A shop or business of a kind to be opened (开个理发店, 开一家饭店, 开个小超市, 开了个厂): 开店, as the catalogue
# says it (jieba cuts the kind off: 开 / 理发店).
_OPEN_SHOP = re.compile(r"开(?:个|家|间|一个|一家|一间|了个|了家)?[\u4e00-\u9fff]{0,4}?"
                        r"(?:店|超市|铺子|门面|饭馆|餐馆|作坊|厂)")
# A link pasted with a question (a job ad: https://mp.weixin.qq.com/s/… 这个招聘是真的吗) is no topic.
_LINK = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
# A span or count told with a follow-up (一年, 三年, 两个月): the asker's fact, naming no other topic.
_SPAN = re.compile(r"[\d一二两三四五六七八九十半几]+(?:年|个月|月|天|周|岁)?")
# An item of a list pointed at ("2号咋样", "第三个呢"): never a follow-up on a policy answer.
_ITEM_NUMBER = re.compile(r"[\d一二两三四五六七八九十]+号|第[\d一二两三四五六七八九十]+")
# Single characters that change what is asked about (社保断了咋办, 停缴了, 能补缴不, 退保): a new question, though
# every other word of it is the entry's.
_NEW_TOPIC_CHARS = frozenset("断停补退续")
# BM25 parameters (the usual ones), and the confidence rule.
K1, B = 1.2, 0.75
MIN_COVERAGE = 0.6
MIN_LEAD = 1.15


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    measure: str
    questions: tuple[str, ...]
    keywords: tuple[str, ...]
    texts: Mapping[str, Mapping[str, str]]  # locale -> field -> text
    offers: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # locale -> OFFER_FIELDS


@dataclass(frozen=True, slots=True)
class Found:
    entry: Entry | None
    score: float
    coverage: float
    confident: bool


@functools.cache
def stop_words() -> frozenset[str]:
    """Words that carry nothing a catalogue entry could be about, in every locale (stop_words.toml)."""
    data = tomllib.loads(resources.files("dialogs.policy").joinpath("stop_words.toml").read_text(encoding="utf-8"))
    return frozenset(word.lower() for text in data["words"].values() for word in str(text).split())


def load_entries(text: str | None = None) -> tuple[Entry, ...]:
    """Read and check the catalogue; a malformed one fails at start-up, naming the entry."""
    source = text if text is not None else resources.files("dialogs.policy").joinpath("catalogue.toml").read_text(
        encoding="utf-8")
    entries = []
    seen: set[str] = set()
    for raw in tomllib.loads(source).get("entry", []):
        entry_id = str(raw.get("id") or "")
        if not entry_id or entry_id in seen:
            raise ValueError(f"policy catalogue: entry without an id, or id {entry_id!r} twice")
        seen.add(entry_id)
        texts: dict[str, dict[str, str]] = {}
        for locale in LOCALES:
            fields = raw.get(locale)
            missing = [f for f in FIELDS if not isinstance(fields, Mapping) or not str(fields.get(f) or "")]
            if missing:
                raise ValueError(f"policy catalogue: entry {entry_id!r} lacks {locale} {', '.join(missing)}")
            texts[locale] = {f: str(fields[f]) for f in FIELDS} | (
                {LABEL: str(fields[LABEL])} if fields.get(LABEL) else {})
        if len({LABEL in texts[locale] for locale in LOCALES}) > 1:
            raise ValueError(f"policy catalogue: entry {entry_id!r} needs its {LABEL} in every locale or none")
        offers = {locale: {f: str(raw[locale][f]) for f in OFFER_FIELDS if raw[locale].get(f)} for locale in LOCALES}
        if any(offers.values()) and not all(len(o) == len(OFFER_FIELDS) for o in offers.values()):
            raise ValueError(f"policy catalogue: entry {entry_id!r} needs {', '.join(OFFER_FIELDS)} in every locale")
        if not raw.get("questions"):
            raise ValueError(f"policy catalogue: entry {entry_id!r} has no questions")
        entries.append(Entry(entry_id, str(raw.get("measure") or ""), tuple(map(str, raw["questions"])),
                             tuple(map(str, raw.get("keywords") or ())), texts,
                             offers if any(offers.values()) else {}))
    if not entries:
        raise ValueError("policy catalogue: no entries")
    return tuple(entries)


@functools.cache
def synonyms() -> Mapping[str, str]:
    """word -> "#group" for every word of synonyms.toml."""
    groups = words.read_groups(words.lexicon_file("dialogs.policy", "synonyms.toml"))
    found: dict[str, str] = {}
    for group, members in groups.items():
        for word in members:
            if word in found:
                raise ValueError(f"policy synonym {word!r} is in two groups")
            found[word.lower()] = "#" + group
    return found


class Retrieval:
    """BM25 over the entries' questions, keywords and titles, on synonym terms."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.entries = tuple(entries)
        raw = [" ".join((*e.questions, *e.keywords, *(t["title"] for t in e.texts.values()))) for e in entries]
        self._known: set[str] = set()
        docs = [self._terms(text, learn=True) for text in raw]
        # What an entry is about, from its keywords and title: a question must name one of these (a word
        # only its example questions use, such as 单位, is not enough on its own).
        named = [" ".join((*e.keywords, *(x["title"] for x in e.texts.values()))) for e in entries]
        self.topics = [{t for t in self._terms(text) if t not in GENERIC} for text in named]
        self.docs = [Counter(d) for d in docs]
        self.lengths = [len(d) for d in docs]
        self.average = sum(self.lengths) / len(self.lengths)
        df = Counter(t for d in self.docs for t in d)
        n = len(self.docs)
        self.idf = {t: math.log((n - f + 0.5) / (f + 0.5) + 1) for t, f in df.items()}
        self.unknown_idf = math.log((n + 0.5) / 0.5 + 1)

    def _terms(self, text: str, learn: bool = False) -> list[str]:
        if not learn and may_keep(text):
            return list(self._question_terms(text))  # (a fresh list: callers may change theirs)
        return self._read_terms(text, learn)

    @functools.lru_cache(maxsize=4096)  # noqa: B019 - one Retrieval per process (retrieval() is cached)
    def _question_terms(self, text: str) -> tuple[str, ...]:
        """The terms of a short question, memoised under the memos' rule (dialogs/nlu/memo.py): the idle dialog
        asks them of most messages. Once learning is over (the constructor), they depend on the text alone."""
        return tuple(self._read_terms(text, False))

    def _read_terms(self, text: str, learn: bool) -> list[str]:
        syn, stop = synonyms(), stop_words()
        terms: list[str] = []
        if not learn:
            text = _OPEN_SHOP.sub("开店", _IMPAIRED.sub("残疾", _LINK.sub(" ", text)))
        for word in words.cut(text):
            if not learn and word not in stop and word not in syn and word not in self._known:
                # A stop word jieba ran into the next word (娃读技校: 娃读): the rest of it.
                word = word.strip("".join(c for c in word if c in stop)) or word
            if word in stop or _FACT.fullmatch(word) or _BODY.fullmatch(word):
                continue
            term = syn.get(word)
            inner = [syn[c] for c in word if c in syn]
            if term is None and inner and all(c in syn or c in stop for c in word) and set(inner) <= GENERIC:
                # Question words run together (咋领, 咋报): the question words, never a topic of their own, even
                # where the catalogue's own questions say them (失业金咋领).
                terms.extend(inner)
                continue
            if term is not None or learn or word in self._known:
                terms.append(term or word)
                continue
            # A word jieba made of a question word and a verb (咋办理): its synonym characters.
            terms.extend(inner or [word])
        if learn:
            self._known.update(terms)
        return terms

    def search(self, question: str) -> Found:
        """The best entry for a question and how sure that is (memoised under the memos' rule, dialogs/nlu/memo.py:
        people repeat the same words; a question with an ID or phone number in it is not kept in memory)."""
        return self._search_kept(question) if may_keep(question) else self._search(question)

    @functools.lru_cache(maxsize=4096)  # noqa: B019 - one Retrieval per process (retrieval() is cached)
    def _search_kept(self, question: str) -> Found:
        return self._search(question)

    def _search(self, question: str) -> Found:
        query = list(dict.fromkeys(self._terms(question)))
        if not query:
            return Found(None, 0.0, 0.0, False)
        scores = [self._bm25(query, i) for i in range(len(self.docs))]
        ranked = sorted(range(len(scores)), key=lambda i: -scores[i])
        best, runner_up = ranked[0], (scores[ranked[1]] if len(ranked) > 1 else 0.0)
        # How much of what the question is about (its topic words, weighed by rarity) the entry covers.
        # A span no entry knows (交了十年, 断了两年) is the asker's fact, not a topic left uncovered; one the
        # catalogue's questions use (交了一年社保能领吗) still counts.
        topics = {t: self.unknown_idf if t in RARE else self.idf.get(t, self.unknown_idf) for t in query
                  if t not in GENERIC and not (t not in self.idf and _SPAN.fullmatch(t))}
        covered = sum(w for t, w in topics.items() if t in self.docs[best])
        coverage = covered / sum(topics.values()) if topics else 0.0
        confident = (
            scores[best] > 0
            and coverage >= MIN_COVERAGE
            and scores[best] >= MIN_LEAD * runner_up
            and any(t in self.topics[best] for t in topics)
        )
        return Found(self.entries[best] if scores[best] > 0 else None, scores[best], coverage, confident)

    @functools.lru_cache(maxsize=64)  # noqa: B019 - one Retrieval per process (retrieval() is cached)
    def topics_only_of(self, entry_id: str) -> frozenset[str]:
        """The topic terms of one entry that no other entry is about (押金, 中介费 of the job-scam warning)."""
        index = next((i for i, e in enumerate(self.entries) if e.id == entry_id), None)
        if index is None:
            return frozenset()
        others = set().union(*(t for i, t in enumerate(self.topics) if i != index))
        return frozenset(self.topics[index] - others)

    def topics_in(self, question: str) -> set[str]:
        """The terms of a question that some entry is about (#unemployment_benefit, #wages …)."""
        named = set().union(*self.topics)
        return {t for t in self._terms(question) if t in named}

    def follows_up(self, question: str, entry_id: str) -> bool:
        """An elliptic question on the entry just answered: every word of it is a question word, a word of
        that entry, a span or count (一年) or a single character ("交了一年多社保 能领不", "在哪领", "要带啥");
        a word of another topic, or one the catalogue does not know (低保), is a new question."""
        index = next((i for i, e in enumerate(self.entries) if e.id == entry_id), None)
        query = self._terms(question)
        if index is None or not query or _ITEM_NUMBER.search(question):
            return False
        return all(t in GENERIC or t in self.docs[index] or (len(t) == 1 and t not in _NEW_TOPIC_CHARS)
                   or _SPAN.fullmatch(t) for t in query)

    def _bm25(self, query: Sequence[str], i: int) -> float:
        doc, length = self.docs[i], self.lengths[i]
        total = 0.0
        for term in query:
            tf = doc.get(term, 0)
            if tf:
                total += self.idf[term] * tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / self.average))
        return total


def aspect(question: str) -> str:
    """What a follow-up asks for: "conditions" (能领不), "amount" (能领多久) or "apply" (在哪领, 要带啥)."""
    terms = set(retrieval()._terms(question))
    return next((part for term, part in ASPECTS if term in terms), "conditions")


@functools.cache
def retrieval() -> Retrieval:
    return Retrieval(load_entries())


def unfilled(entries: Sequence[Entry]) -> list[str]:
    """`entry id: field (locale)` for every figure the county still has to fill in."""
    return [f"{e.id}: {field} ({locale})" for e in entries for locale, texts in e.texts.items()
            for field, text in texts.items() if any(mark in text for mark in UNFILLED)]
