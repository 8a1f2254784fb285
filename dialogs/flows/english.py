"""Requests typed in English (the en locale is shipped and its texts say "reply find work"): the common ones are
read here, where the Chinese classifier (dialogs/nlu) sees only unknown words. A question the policy catalogue
answers ("do I have to pay for training?") is left to it: the caller asks the catalogue first.

`intent_of(text)`: "seek_job", "seek_training", "rights_issue" or None; `injured(text)` for a report of an
injury at work (in Chinese too); `job_loss_in_chinese(text)`: news of a job lost, as the survey reads it in Chinese.
"""

from __future__ import annotations

import re

from dialogs.nlu.normalize import has_han

_WORDS = re.compile(r"[a-z']+")
# Wages not paid (boss hasn't paid me, unpaid wages, he owes me money), no contract, no insurance, hurt at work.
_RIGHTS = re.compile(
    r"\b(?:(?:not|n't|never|no(?:t)?|nt|stopped|refuses? to|won't|didn't|hasn't|haven't)\s+(?:\w+\s+){0,3}?"
    r"(?:paid|pay|paying)\b"
    r"|unpaid|owes? (?:me|us)|owed|(?:wages?|salary|pay) (?:is |are |was |were )?(?:late|owed|missing|held)"
    r"|no (?:labou?r )?contract|without (?:a )?contract|no (?:social )?insurance"
    r"|(?:hurt|injured|injury|accident)\b)"
)
_NEGATED = re.compile(r"n't|\bnot\b|\bnever\b|\bno\b")
_JOB = re.compile(r"\b(?:work|jobs?|employment|vacanc(?:y|ies))\b")
# A wish for work: a verb of wanting or looking before the word for work (not "I work in a factory").
_JOB_WISH = re.compile(
    r"\b(?:find|finding|look|looking|search|searching|want|wanna|need|get|seek|seeking|show|any|some|new|more|"
    r"other)\b.*\b(?:work|jobs?|employment|vacanc(?:y|ies))\b"
)
_TRAINING = re.compile(r"\b(?:training|trainings|course|courses|learn|learning|skill|skills|trade|class|classes)\b")
# Hurt at work, in Chinese as people put it (工伤, 手弄伤了, 摔伤, 砸断了腿) or in English.
_INJURY = re.compile(
    r"工伤|受伤|受了伤|[弄摔砸压碰烫割刮扭撞轧夹]伤|[砸压轧夹]断|伤了|伤到|骨折|\b(?:hurt|injured|injury)\b"
    # 被机器轧了手, 砸到脚了: the part of the body hurt named after what hurt it.
    r"|[砸压轧夹绞碾](?:了|到|住)(?:手|脚|腿|胳膊|手指|指头|腰)"
    # 把脚砸了, 把腰扭了, 把腿摔断了: the part of the body first (it was illness, no injury passed on).
    r"|把(?:手|脚|腿|胳膊|手指|指头|腰|头)(?:给)?[砸压轧夹绞碾扭摔割烫][断伤坏]?了"
    # 在工地摔了, 从架子上摔下来: a fall at work (摔了一跤 老板不给看病).
    r"|(?:干活|工地|架子|楼上|车上|梯子|厂里)[^,，。]{0,6}摔(?:了|下来|下去|倒|断|坏)|^摔(?:了|下来|倒|断|坏)"
)


def _words(text: str) -> str:
    return " ".join(_WORDS.findall(text.lower()))


def intent_of(text: str) -> str | None:
    """What an English request asks for, or None (Chinese text, or nothing recognised)."""
    if has_han(text):
        return None
    said = _words(text)
    if not said:
        return None
    if _RIGHTS.search(said):
        return "rights_issue"
    if _TRAINING.search(said) and not _NEGATED.search(said):
        return "seek_training"
    if _JOB.search(said) and not _NEGATED.search(said) and (_JOB_WISH.search(said) or len(said.split()) <= 2):
        return "seek_job"
    return None


_QUESTION_START = frozenset({"what", "how", "where", "when", "which", "who", "why", "can", "could", "do", "does",
                             "is", "are", "will", "should", "may", "am", "did", "any"})


def is_question(text: str) -> bool:
    """An English question, with or without its question mark ("what subsidies can I get")."""
    if has_han(text):
        return False
    said = _words(text).split()
    return text.rstrip().endswith("?") or bool(said and said[0] in _QUESTION_START)


# A job lost, said in English, and the same news in the Chinese the survey reads (its reason, for the registration):
# the firm closed or the boss gone, dismissed, laid off, a contract over, or only the job lost.
_LOSS_IN_CHINESE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(?:factory|company|plant|workshop|shop|firm|business|site|mine)\b.*\b(?:closed|shut|bankrupt|"
                r"went under|folded)|\b(?:closed|shut) down\b"), "厂子倒闭了"),
    (re.compile(r"\bboss\b.*\b(?:ran away|ran off|disappeared|vanished|fled)\b"), "老板跑路了"),
    (re.compile(r"\blaid off\b|\blayoffs?\b"), "被裁员了"),
    (re.compile(r"\b(?:fired|dismissed|sacked|let go|kicked out)\b"), "被辞退了"),
    (re.compile(r"\bcontract\b.*\b(?:ended|expired|ran out|finished|is over|was over|not renewed)\b"), "合同到期了"),
    (re.compile(r"\blost (?:my|the|our) (?:job|work)\b|\bout of work\b|\bno (?:job|work) (?:now|any ?more)\b"),
     "没活干了"),
)
# When, as the Chinese reading knows it (上个月 is read on the day said).
_WHEN_IN_CHINESE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bday before yesterday\b"), "前天"),
    (re.compile(r"\byesterday\b"), "昨天"),
    (re.compile(r"\blast week\b"), "上个星期"),
    (re.compile(r"\blast month\b|\ba month ago\b"), "上个月"),
    (re.compile(r"\bthis month\b"), "这个月"),
)
_SUPPOSED = re.compile(r"\b(?:if|what if|suppose|in case|when i)\b")
# A day said alone, in English, as the Chinese reading knows it (end of last month: 上个月底).
_DAY_IN_CHINESE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(?:the )?end of last month\b"), "上个月底"),
    (re.compile(r"\b(?:the )?(?:beginning|start) of last month\b"), "上个月初"),
    (re.compile(r"\b(?:the )?middle of last month\b"), "上个月中"),
    (re.compile(r"\b(?:the )?end of (?:this|the) month\b"), "这个月底"),
    *_WHEN_IN_CHINESE,
)


def day_in_chinese(text: str) -> str | None:
    """"end of last month", "yesterday" said alone in English: the Chinese words for that day (or month), else None."""
    if has_han(text):
        return None
    said = _words(text)
    return next((chinese for pattern, chinese in _DAY_IN_CHINESE if pattern.search(said)), None)


def job_loss_in_chinese(text: str) -> str | None:
    """"I lost my job last month, the factory closed" as the survey reads it in Chinese (上个月 厂子倒闭了 没活干了),
    so that English news of a job lost is held and registered as the Chinese is; None when the text tells none (a
    negation, a supposition, a question, Chinese text)."""
    if has_han(text):
        return None
    said = _words(text)
    if not said or _NEGATED.search(said) or _SUPPOSED.search(said) or is_question(text):
        return None
    news = [chinese for pattern, chinese in _LOSS_IN_CHINESE if pattern.search(said)]
    if not news:
        return None
    when = next((chinese for pattern, chinese in _WHEN_IN_CHINESE if pattern.search(said)), "")
    if "没活干了" not in news:
        news.append("没活干了")
    return f"{when}{news[0]} {' '.join(news[1:])}".strip()


def injured(text: str) -> bool:
    """Someone hurt at work ("干活把手弄伤了", "I got hurt at work")."""
    return bool(_INJURY.search(text.lower()))


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
# 28 Nov, Nov 28, 28th of November: the form the prompts themselves give as an example.
_DATE = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?(?: of)? {_MONTH}\b|\b{_MONTH} (\d{{1,2}})(?:st|nd|rd|th)?\b")


def date_in_chinese(text: str) -> str | None:
    """"28 Nov" / "Nov 28" / "end of last month" said in English: the Chinese words for that day (11月28号), else
    None (the registration's prompt gives "28 Nov" as its example, and it was not read)."""
    if has_han(text):
        return None
    said = " ".join(re.findall(r"[a-z]+|\d+(?:st|nd|rd|th)?", text.lower()))
    if m := _DATE.search(said):
        day, month = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        return f"{_MONTHS.index(month[:3]) + 1}月{int(day)}号"
    return day_in_chinese(text)


_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20}
# 4 years, four years, 4 yrs, 2.5 years, a year and a half, half a year.
_YEARS = re.compile(rf"\b(\d+(?:\.\d+)?|{'|'.join(_NUMBER_WORDS)})\s*(?:years?|yrs?|y)\b( and a half)?")
_HALF_YEAR = re.compile(r"\bhalf a year\b|\bsix months\b|\b6 months\b")


def years_said(text: str) -> float | None:
    """How many years an English answer says ("paid 4 years", "four years", "4 yrs"), or None."""
    if has_han(text):
        return None
    said = text.lower()
    if m := _YEARS.search(said):
        number = m.group(1)
        value = float(number) if number[0].isdigit() else float(_NUMBER_WORDS[number])
        return value + 0.5 if m.group(2) else value
    return 0.5 if _HALF_YEAR.search(said) else None


# no, none, nothing, no thanks, don't need any: none of the options offered.
_DECLINED = re.compile(r"(?:no|nope|none|nothing|not needed|(?:i )?(?:don't|dont|do not) need"
                       r"(?: any| anything| help| it)?)(?: thanks?| thank you)?")


def declines(text: str) -> bool:
    """"no", "none", "nothing" at a question of options: none of them (the Chinese reading knows 没有, 不需要)."""
    if has_han(text) or any(char.isdigit() for char in text):
        return False  # (1 no: a number picked, and words)
    return _DECLINED.fullmatch(_words(text)) is not None
