"""Answers changed after they were given: at the summary (a number, a correction, agreement, a wish), a correction
naming its field or only the new value, a mind changed just after answering (不对 是省内 at the next question).

Answering (answering.py) inherits this and SurveyFlow (flow.py) both; the steps relied on are declared at the end.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from typing import Any

from dialogs import forms, nlu, policy
from dialogs.flows.survey import replies
from dialogs.flows.survey.corrections import Correction, find_correction
from dialogs.flows.survey.fields import (
    CHANGED_MIND,
    CONFIRM,
    FIELD_KEYS,
    FREE_TEXT_FIELDS,
    INCOME_FIELDS,
    MONTH_FIELDS,
    SURVEY_FORM,
    YES_NO_FIELDS,
    looking,
    place_value,
    year_alone,
)
from dialogs.flows.survey.news import LOOKING, news_for_form
from dialogs.flows.survey.prefill import wants_training, wants_work
from dialogs.flows.survey.vocabulary import (
    asks_for_jobs,
    field_name_pattern,
    field_of_name,
    health_limit,
    job_subjects,
    own_synonyms,
)
from dialogs.forms import FormField, Invalid
from dialogs.i18n import catalog
from dialogs.types import JsonDict, StepContext, StepResult, told_so_far

log = logging.getLogger(__name__)

# Work one would take (有轻活也想干, 离家近的活也能干点): said by someone recorded as unable to work.
_WOULD_WORK = re.compile(
    r"活[^\s，。,]{0,4}?(?:也|还|就)?(?:想|能|愿意|可以|肯)(?:干|做|去)|(?:想|愿意|能)(?:干|做|找)[^\s，。,]{0,5}活|"
    # 要是能在家门口干点手工活也中: such work would do (Henan 中, 也行)
    r"(?:干|做)点?[^\s，。,]{0,4}活(?:也|就|都)(?:中|行|成|可以|好|愿意)"
)


# What someone wishes to learn, told during the survey (学电焊或者修车): words for the list shown when it is done.
LEARN = "learn"
LEARN_NOTED = "survey.learn_noted"
_MOST_LEARNT = 3


def keep_learning(fs: JsonDict, understanding: nlu.Understanding, key: str = LEARN) -> None:
    if understanding.text not in (fs.get(key) or ()):
        fs[key] = [*(fs.get(key) or ()), understanding.text][-_MOST_LEARNT:]


# Work wished for, told during the survey (想回家附近找点事做): words for the jobs list shown when it is done, for
# someone in work too (it said the list would come, and none came).
WORK = "work_wished"
# A wish for work read this surely at the summary (not a correction) is one (想回家附近找点事做).
SURE_WISH = 0.9


def _would_work(understanding: nlu.Understanding) -> bool:
    seeking = understanding.intent == "seek_job" and understanding.confidence >= 0.7
    return seeking or wants_work(understanding) or _WOULD_WORK.search(understanding.normalized) is not None


# Asking to see the whole form (看, 看看, 全部): the summary.
_SHOW_ALL = frozenset({"看", "看看", "看下", "看一下", "全部", "看全部", "查看", "全部信息", "看全部信息", "all",
                       "show"})
# A correction by the summary's number (2 不对 …, 第5条 …).
BY_NUMBER = re.compile(r"^\s*第?\s*\d{1,2}(?!\d)")
# 工作地点改成厚街 with 长安镇上 as the address: the address of the place left is dropped (flow.py _record).
ADDRESS_DROPPED = "survey.address_dropped"
# Items whose parser takes nearly any words: no sign that the words were meant for them.
_READS_ANYTHING = YES_NO_FIELDS | {"employment_status", "job_type", "name", "home_village", "household_id"}


def _fits(value: Any) -> bool:
    return value is not None and not isinstance(value, Invalid)


# How many answers back "不对 是…" at the next question may reach.
_LOOK_BACK = 2
# The place fields a correction naming a place may be about, and the words around a place said (在花溪那边).
_DIVISIONS = ("home_division", "work_division")
_PLACE_WORDS = re.compile(r"^(?:在|是在|就在)|(?:那边|那块|那里|那儿|这边|的)$")


# Yes to "要改成 是 吗?" (1 is that answer here, not the summary's first item).
_DO_CHANGE = frozenset({"1", "改", "要改", "改吧", "改一下", "对", "是", "是的", "对的", "嗯"})


def _own_word_of(text: str, answers: dict[str, Any], fields: list[str]) -> str | None:
    """The yes/no question whose own word (按时 for the wages) the whole message is, when it says otherwise than
    the answer recorded."""
    said = forms.squash(text)
    for key in fields:
        if key in YES_NO_FIELDS:
            for value in ("yes", "no"):
                if said in own_synonyms(key, value) and answers.get(key) not in (None, value):
                    return key
    return None


EDIT_FIRST = "survey.edit_first"
# What a township's name ends in (长安镇 said 长安).
_SUFFIXES = frozenset({"镇", "乡", "街道"})
# 户口是…, 老家在…, 是麻阳人: the place is the home, not the place of work.
_OF_HOME = re.compile(r"户口|户籍|老家|家里|家在|家是|人$|的人")


def _work_place_moved(text: str, answers: dict[str, Any], fields: list[str]) -> Correction | None:
    """不对 是在深圳, 不是长沙 是深圳 at the summary of someone working, no field named: the place of work, when the new
    value is a place other than the one on record (it was "要修改请回复序号"); a home said so (户口在…) is none."""
    said = CHANGED_MIND.match(nlu.normalize(text))
    work = answers.get("work_division")
    if said is None or "work_division" not in fields or not isinstance(work, dict):
        return None
    value = said.group(1).rsplit("是", 1)[-1].strip(" 。.!！~")
    place = nlu.resolve_place(value) if value and not _OF_HOME.search(value) else None
    if place is None or str(work.get("code") or "").startswith(place.code):
        return None
    home = str((answers.get("home_division") or {}).get("code") or "")
    if home and (home.startswith(place.code) or place.code.startswith(home[:6])) and "在" not in value:
        return None  # 不对 是麻阳, the home 麻阳: the home or the work? (在麻阳 says where they are)
    return Correction("work_division", (value,))


class Changing:
    """Changing answers already given, at the summary or at a later question."""

    def _at_summary(
        self, r: StepResult, text: str, understanding: nlu.Understanding, ctx: StepContext, came_back: bool
    ) -> None:
        """At the summary: a number to edit, a correction (by number or name, with or without the new
        value), agreement in any common form, status news, a question; else the summary's hint."""
        fs = r.state["survey"]
        flip = fs.pop("confirm_flip", None)
        if flip is not None and (forms.squash(text) in _DO_CHANGE or nlu.parse_yes_no(text) is True):
            self._correct(r, Correction(str(flip["field"]), (str(flip["word"]),)), ctx, understanding)
            return  # 按时, then 1 to "要改成 是 吗?": changed as asked
        if forms.squash(text) in _SHOW_ALL:
            # 看: the whole form, after one change said back
            r.outbound.append(forms.summary(SURVEY_FORM, fs, ctx, full=True))
            return
        step = forms.handle_summary(SURVEY_FORM, fs, text, ctx)
        if step is not None:
            if ctx.channel == "sms" and not step.done and forms.squash(text) == "1":
                # 1 at the SMS summary: the name's item, as the summary offers; said so, with the way back, since on
                # SMS 1 is yes everywhere else (同意回1, 1在岗) and it opened the name's question unexplained.
                r.say(EDIT_FIRST, label=catalog(ctx.locale).get(SURVEY_FORM.field(str(fs["field"])).label))
            r.outbound.extend(step.outbound)
            if step.done:
                self._submit(r, ctx)
            else:
                self._sync_awaiting(r)
            return
        if (limit := health_limit(text)) is not None:
            self._health_limit_noted(r, limit, ctx)
            return
        fields = [f.key for f in SURVEY_FORM.applicable(fs["answers"])]
        numbered = [f.key for f in forms.shown_fields(SURVEY_FORM, fs, ctx.channel)]  # (as the summary numbers them)
        correction = find_correction(text, fields, numbered=numbered) or replies.correction_by_value(
            text, fs["answers"])
        correction = correction or self._the_one_it_fits(text, fs, fields, ctx)
        if correction is not None and self._words_belong_elsewhere(r, text, correction, fields, ctx):
            return
        if correction is not None and correction.field == "work_place" and correction.values and (
                self._work_town_corrected(r, text, ctx, value=correction.values[0])):
            return  # 工作地址不对 是在长安: 长安镇 of the city of work, the place of work too
        if correction is not None:
            self._correct(r, correction, ctx, understanding)
            return
        if "work_place" in fields and self._work_town_corrected(r, text, ctx):
            return
        if (moved := _work_place_moved(text, fs["answers"], fields)) is not None:
            self._correct(r, moved, ctx, understanding)
            return  # 不对 是在深圳: the place of work (it was "要修改请回复序号")
        if (own := _own_word_of(text, fs["answers"], fields)) is not None:
            if fs["answers"].get(own) == "no":
                # 按时 alone after 拖欠 was recorded (and reported): a no on a right that went to the caseworker is
                # not turned into a yes on one word (an SMS out of step); asked first (it changed at once).
                fs["confirm_flip"] = {"field": own, "word": text}
                f = SURVEY_FORM.field(own)
                r.say("survey.confirm_flip", field=catalog(ctx.locale).get(f.label),
                      before=forms.display_value(f, "no", ctx.locale), after=forms.display_value(f, "yes", ctx.locale))
                self._sync_awaiting(r)
                return
            self._correct(r, Correction(own, (text,)), ctx, understanding)
            return  # 按时 at the summary, the wages recorded as late: that answer changed (it saved the form as a yes)
        if understanding.intent == "affirm":
            fs["phase"] = "done"
            fs["field"] = None
            self._submit(r, ctx)
            return
        # 身份证号是… / 工资有时候拖: a field named with a value that parses, no "wrong" needed.
        correction = find_correction(text, fields, need_cue=False, numbered=numbered)
        if correction is not None and self._corrects_with_value(r, correction, ctx):
            return
        if self._training_wished(r, understanding, ctx):
            r.outbound.append(forms.summary_reprompt(SURVEY_FORM, fs, ctx.channel))
            return
        if fs["answers"].get("wages_on_time") == "yes" and understanding.intent == "rights_issue" and (
                understanding.status is None) and not _of_contract_or_insurance_only(text) and (
                replies.read_answer(SURVEY_FORM.field("wages_on_time"), text, fs, ctx) == "no"):
            # 工资有时候拖 at the summary, the wages on record as on time: that answer changed (the rights report
            # went to the caseworker and the form still said 是); the case comes with the form once confirmed.
            self._correct(r, Correction("wages_on_time", (text,)), ctx, understanding)
            return
        if self._not_an_answer(r, understanding, ctx, came_back):
            return
        if asks_for_jobs(text, understanding):
            self._jobs_first(r, understanding)  # 有啥活没有 at the summary: once confirmed (it was the hint alone)
            r.outbound.append(forms.summary_reprompt(SURVEY_FORM, fs, ctx.channel))
            return
        if nlu.is_question(text):
            policy.answer_or_refer(r, text, ctx)
            r.outbound.append(forms.summary_reprompt(SURVEY_FORM, fs, ctx.channel))
            return
        if news_for_form(understanding, fs["answers"]) == LOOKING:
            # 娃上幼儿园了 想出去找点活 from someone recorded as unable: able and looking now, the questions it brings.
            self._change_status_keeping(r, LOOKING, understanding, ctx)
            return
        if fs["answers"].get("employment_status") == "unable" and _would_work(understanding):
            # 要是有轻活也想干: the form has no place for it; the caseworker gets the words (the status stays theirs).
            r.emit("question_referred", channel=ctx.channel, question=text, **told_so_far(r.state))
            r.say("survey.wish_referred")
            r.outbound.append(forms.summary_reprompt(SURVEY_FORM, fs, ctx.channel))
            return
        if understanding.intent == "seek_job" and understanding.confidence >= SURE_WISH:
            # 想回家附近找点事做 at the summary, no news for the form: the list looks for it once confirmed (it was the
            # hint alone, and the wish lost)
            self._jobs_first(r, understanding)
            r.outbound.append(forms.summary_reprompt(SURVEY_FORM, fs, ctx.channel))
            return
        log.info("survey: summary reply not understood")
        r.outbound.append(forms.summary_reprompt(SURVEY_FORM, fs, ctx.channel))

    def _health_limit_noted(self, r: StepResult, limit: str, ctx: StepContext) -> None:
        """腰椎间盘突出 干不了重活 at the summary (it got "回复 0 确认", or from someone working, their job dropped as
        unable to work): kept with the work wished for by someone looking; else the form has no place for it and the
        caseworker gets the words. Said back either way; light work is still work (no status changes)."""
        fs = r.state["survey"]
        if looking(fs["answers"]):
            self._keep_conditions(r, [limit], ctx)
            r.say("survey.conditions_noted", items="、".join(fs["conditions"]))
            r.outbound.append(forms.summary(SURVEY_FORM, fs, ctx))
            return
        r.emit("question_referred", channel=ctx.channel, question=limit, **told_so_far(r.state))
        r.say("survey.health_referred", items=limit)
        r.outbound.append(forms.summary_reprompt(SURVEY_FORM, fs, ctx.channel))

    def _keep_conditions(self, r: StepResult, conditions: list[str], ctx: StepContext) -> None:
        raise NotImplementedError

    def _the_one_it_fits(
        self, text: str, fs: dict[str, Any], fields: list[str], ctx: StepContext
    ) -> Correction | None:
        """不对 是三月 at the summary, no field named: the one month (or sum) of the form that the new value
        can be; None when none or several could."""
        said = CHANGED_MIND.match(nlu.normalize(text))
        if said is None:
            return None
        fits = [key for key in fields if key in MONTH_FIELDS | INCOME_FIELDS
                and not isinstance(replies.read_answer(SURVEY_FORM.field(key), said.group(1), fs, ctx), Invalid | None)]
        if not fits and "年" in said.group(1) and (year := year_alone(said.group(1), ctx.today)) is not None:
            # 不对 是2019年, 2018年5月 on record: the year was wrong, the month kept (it was "请回复序号").
            months = [key for key in fields if key in MONTH_FIELDS and re.fullmatch(
                r"\d{4}-\d{2}", str(fs["answers"].get(key) or ""))]
            if len(months) == 1:
                moved = f"{year}-{str(fs['answers'][months[0]])[5:]}"
                return Correction(months[0], (f"{year}年{int(moved[5:])}月",))
        return Correction(fits[0], (said.group(1),)) if len(fits) == 1 else None

    def _work_town_corrected(self, r: StepResult, text: str, ctx: StepContext, *, value: str | None = None) -> bool:
        """不对 是在长安 at the summary (or `value`, the new address of 工作地址不对 是在长安), the work address on
        record another township of the city of work: the address and the place of work made that township, both
        said back (it was "要修改请回复序号"; or the address 在长安, the place of work left at the city)."""
        fs = r.state["survey"]
        said = CHANGED_MIND.match(nlu.normalize(text)) if value is None else None
        new = said.group(1) if said is not None else value
        work = fs["answers"].get("work_division")
        if new is None or not isinstance(work, dict) or len(str(work.get("code") or "")) < 4:
            return False
        where = re.sub(r"^(?:是|就是)?(?:在|就在)", "", nlu.normalize(new).strip(" 。.!！~"))
        city = str(work["code"])[:4]
        inside = nlu.places_within(where, city, at_work=True)
        if len(inside) == 1 and self._township_of_work({"answers": {"work_division": {"code": city}}}, where):
            town = inside[0]  # (a township of the city of work, and nothing else said)
        else:  # 长安 said short: the one township of the city of work called so
            named = [t for t in nlu.townships_of(city) if t.name.startswith(where) and t.name[len(where):] in _SUFFIXES]
            if len(where) < 2 or len(named) != 1:
                return False
            town = named[0]
        address = replies.read_answer(SURVEY_FORM.field("work_place"), where, fs, ctx)
        if not isinstance(address, str) or (town.code == work["code"] and address == fs["answers"].get("work_place")):
            return False
        run: list[tuple[str, Any]] = [("work_division", place_value(town)), ("work_place", address)]
        for key, answer in run:
            self._record(r, forms.set_answer(SURVEY_FORM, fs, key, answer), ctx)
        r.outbound[:] = [m for m in r.outbound if m.key != ADDRESS_DROPPED]  # (the new address is here)
        r.say("survey.corrected", items=forms.noted(SURVEY_FORM, run, ctx.locale))
        fs["editing"] = False
        self._next(r, ctx)
        return True

    @staticmethod
    def _township_of_work(fs: JsonDict, text: str) -> JsonDict | None:
        raise NotImplementedError

    def _words_belong_elsewhere(
        self, r: StepResult, text: str, correction: Correction, fields: list[str], ctx: StepContext
    ) -> bool:
        """"2 不对 是在县里打零工": the new value is no value of the item numbered (the ID number) but names other
        items (the place of work, the way of working): the words are followed, those items changed and the
        summary shown again. Only items read from a closed set or a number count (free text takes anything)."""
        fs = r.state["survey"]
        answers = fs["answers"]
        f = SURVEY_FORM.field(correction.field)
        said = [value for value in correction.values if value]
        if not BY_NUMBER.match(nlu.normalize(text)) or not said:
            return False  # an item named (手机号错了 …) is the one meant
        if any(_fits(replies.read_answer(f, value, fs, ctx)) for value in said):
            return False
        if any(char.isdigit() for char in said[0]):
            return False  # digits are for the item numbered (a check digit wrong, 最后一位是2): that item asked
        changes: dict[str, Any] = {}
        for key in fields:
            other = SURVEY_FORM.field(key)
            if key == f.key or key in _READS_ANYTHING or (key in FREE_TEXT_FIELDS and not other.choices):
                continue
            value = replies.read_answer(other, said[0], fs, ctx)
            if _fits(value) and value != answers.get(key):
                changes[key] = value
        if not changes:
            return False
        for key in sorted(changes, key=FIELD_KEYS.index):
            self._record(r, forms.set_answer(SURVEY_FORM, fs, key, changes[key]), ctx)
        r.say("survey.corrected", items=forms.noted(SURVEY_FORM, [(k, fs["answers"].get(k)) for k in sorted(
            changes, key=FIELD_KEYS.index)], ctx.locale))
        fs["editing"] = False
        self._next(r, ctx)
        return True

    def _more_corrections(self, r: StepResult, text: str, done: str, ctx: StepContext) -> None:
        """Other fields the same message names with a new value (名字错了 是杨金隆 … 电话也换了 139…)."""
        fs = r.state["survey"]
        for named in field_name_pattern().finditer(text):
            key = field_of_name()[named.group(0)]
            if key == done or key not in {f.key for f in SURVEY_FORM.applicable(fs["answers"])}:
                continue
            f = SURVEY_FORM.field(key)
            value = replies.read_answer(f, text[named.end() :], fs, ctx)
            if value is not None and not isinstance(value, Invalid) and value != fs["answers"].get(key):
                self._record(r, forms.set_answer(SURVEY_FORM, fs, key, value), ctx)
                shown = forms.display_value(f, value, ctx.locale)
                r.say("survey.corrected", items=f"{catalog(ctx.locale).get(f.label)}: {shown}")

    def _corrects_with_value(self, r: StepResult, correction: Correction, ctx: StepContext) -> bool:
        f = SURVEY_FORM.field(correction.field)
        fs = r.state["survey"]
        for candidate in correction.values:
            value = replies.read_answer(f, candidate, fs, ctx)
            if (value is not None and not isinstance(value, Invalid)) or _cleared(f, candidate, value):
                return self._correct(r, Correction(f.key, (candidate,)), ctx)
        return False

    def _correct(
        self, r: StepResult, correction: Correction, ctx: StepContext, understanding: nlu.Understanding | None = None
    ) -> bool:
        """An earlier answer corrected: saved when the message holds the new value, else that field asked
        (then the survey goes back to where it was). False when nothing in it could be used."""
        fs = r.state["survey"]
        f = SURVEY_FORM.field(correction.field)
        amended = replies.amend_digits(f, fs["answers"].get(f.key), " ".join(correction.values))
        for candidate in ([amended] if amended else []) + list(correction.values):
            value = replies.read_answer(f, candidate, fs, ctx)
            if isinstance(value, Invalid) and value.reprompt == CONFIRM:
                value = value.params["value"]  # a correction says what it means; no second question
            if (value is not None and not isinstance(value, Invalid)) or _cleared(f, candidate, value):
                self._record(r, forms.set_answer(SURVEY_FORM, fs, f.key, value), ctx)
                shown = forms.display_value(f, fs["answers"].get(f.key), ctx.locale)
                r.say("survey.corrected", items=f"{catalog(ctx.locale).get(f.label)}: {shown}")
                # (the work address dropped with the place of work changed, _record: said after the change)
                r.outbound.sort(key=lambda m: m.key == ADDRESS_DROPPED)
                if understanding is not None:
                    self._apply_prefill(r, understanding, f.key, ctx)  # 7不对 我现在在镇上看门 一个月两千
                    self._more_corrections(r, understanding.text, f.key, ctx)  # … 电话也换了 139…
                if fs["phase"] == "ask" and fs.get("field") and fs["field"] not in fs["answers"]:
                    self._next(r, ctx)  # back to the question that was open (the roster looked up again)
                else:
                    fs["editing"] = False
                    self._next(r, ctx)
                return True
        fs["editing"] = True
        r.outbound.append(forms.ask(SURVEY_FORM, fs, f))
        self._sync_awaiting(r)
        return True

    def _changed_mind(self, r: StepResult, f: FormField, text: str, ctx: StepContext) -> bool:
        """"不对 是省内" just after the scope was answered: a new value for the answer before this question,
        when the rest of the message is one. Only answers read from a closed set or a number (a place, a
        choice, an amount): free text and yes/no would take anything."""
        said = CHANGED_MIND.match(nlu.normalize(text))
        fs = r.state["survey"]
        if said is None or f.key not in FIELD_KEYS:
            return False
        earlier = [x for x in SURVEY_FORM.applicable(fs["answers"])
                   if x.key in fs["answers"] and FIELD_KEYS.index(x.key) < FIELD_KEYS.index(f.key)]
        if not earlier:
            return False
        place_said = nlu.resolve_place(said.group(1)) is not None
        address = None
        # The answer just before, or the one before it when that one was filled on the way (今年五月份 at the
        # start, the pay told earlier: 不对 是四月 at the next question is the start).
        for previous in reversed(earlier[-_LOOK_BACK:]):
            # The status has its own way back (_no_job_after_all, status news): the branch's answers change too.
            # (job_type reads any words: 不对 是2019年 at the start's month was saved as the job)
            if previous.key in FREE_TEXT_FIELDS | YES_NO_FIELDS | {"home_village", "employment_status", "job_type"}:
                if previous.key in FREE_TEXT_FIELDS and place_said:
                    # 不对 是在株洲 after the work address: the place before it (it saved employer 在株洲), and the
                    # address, which named the place taken back (观山湖区金阳工地, then 不对 是在花溪: it was kept).
                    address = address or (previous.key if previous.key == "work_place" else None)
                    continue
                return False
            value = replies.read_answer(previous, said.group(1), fs, ctx)
            if value is None or isinstance(value, Invalid):
                continue
            if value == fs["answers"].get(previous.key):
                return False
            said_at = len(r.outbound)
            corrected = self._correct(r, Correction(previous.key, (said.group(1),)), ctx)
            if address is not None and previous.key == "work_division":
                self._new_address(r, said.group(1), said_at, ctx)
            return corrected
        ahead = [x.key for x in SURVEY_FORM.applicable(fs["answers"]) if x.key in _DIVISIONS and fs["answers"].get(
            x.key) is not None and FIELD_KEYS.index(x.key) > FIELD_KEYS.index(f.key)]
        if place_said and ahead:
            # 不对 是株洲 at the ID question asked again, the home told with the name (湖南湘潭的): the place filled on
            # the way is the one corrected (it was "这一问要的是身份证号码" and lost).
            return self._correct(r, Correction(ahead[-1], (said.group(1),)), ctx)
        return False

    def _new_address(self, r: StepResult, said: str, said_at: int, ctx: StepContext) -> None:
        """The work address replaced by the place said in its correction (在花溪 -> 花溪), said back with the
        place of work corrected (the message at `said_at`)."""
        fs = r.state["survey"]
        where = _PLACE_WORDS.sub("", said).strip() or said
        self._record(r, forms.set_answer(SURVEY_FORM, fs, "work_place", where), ctx)
        address = forms.noted(SURVEY_FORM, [("work_place", where)], ctx.locale)
        r.outbound[said_at:] = [
            replace(m, params={**m.params, "items": f"{m.params['items']}; {address}"})
            if m.key == "survey.corrected" else m for m in r.outbound[said_at:]
        ]

    # -- steps of the answering (answering.py) and of the flow (flow.py) -----------------------------------

    def _apply_prefill(
        self, r: StepResult, understanding: nlu.Understanding, current: str | None, ctx: StepContext
    ) -> bool:
        raise NotImplementedError

    def _change_status_keeping(
        self, r: StepResult, news: str, understanding: nlu.Understanding, ctx: StepContext
    ) -> None:
        raise NotImplementedError

    def resume(self, r: StepResult, ctx: StepContext) -> None:
        raise NotImplementedError

    def _next(self, r: StepResult, ctx: StepContext) -> None:
        raise NotImplementedError

    def _sync_awaiting(self, r: StepResult) -> None:
        raise NotImplementedError

    def _submit(self, r: StepResult, ctx: StepContext) -> None:
        raise NotImplementedError

    def _record(
        self, r: StepResult, changes: dict[str, tuple[Any, Any]], ctx: StepContext, actor: str = "laborer"
    ) -> None:
        raise NotImplementedError

    def _jobs_first(self, r: StepResult, understanding: nlu.Understanding) -> None:
        """有啥活没有 in the middle of the form: the list comes once it is done. A trade to learn (学电焊或者修车) is
        kept for that list (the course looked for by it; the words were lost) and said to be; so is the work wished
        (想回家附近找点事做: the list looks near home)."""
        if understanding.intent == "seek_training":
            keep_learning(r.state["survey"], understanding)
            r.say(LEARN_NOTED)
        else:
            keep_learning(r.state["survey"], understanding, WORK)
            r.say("survey.consent.jobs_first")

    def _training_wished(self, r: StepResult, understanding: nlu.Understanding, ctx: StepContext) -> bool:
        """想学个电商 / 还想参加培训 from someone whose help wanted is on the form without training: training added
        to it and said back (it got "登记好了, 就能推荐培训" and was lost); whether it was."""
        fs = r.state["survey"]
        needs = fs["answers"].get("service_needs")
        if understanding.intent == "seek_training" and isinstance(needs, list) and "training" not in needs:
            keep_learning(fs, understanding)
        if fs["answers"].get("employment_status") == "employed" and wants_training(understanding):
            # 想学个手艺 from someone working: the form has no place for it (the help wanted is for those out of
            # work); the caseworker gets the words, as at the weekly check-in (it was lost).
            if understanding.normalized not in (told := fs.setdefault("training_told", [])):
                told.append(understanding.normalized)  # (the same wish said again is not passed on twice)
                r.emit("question_referred", channel=ctx.channel, question=understanding.text, **told_so_far(r.state))
            r.say("survey.training_referred")
            return True
        if understanding.intent != "seek_training" or not isinstance(needs, list) or "training" in needs:
            return False
        self._record(r, forms.set_answer(SURVEY_FORM, fs, "service_needs", [*needs, "training"]), ctx)
        shown = [("service_needs", fs["answers"]["service_needs"])]
        r.say("survey.prefilled", items=forms.noted(SURVEY_FORM, shown, ctx.locale))
        return True

    def rights_reported(self, r: StepResult, understanding: nlu.Understanding, ctx: StepContext) -> bool:
        raise NotImplementedError

    def rights_beside(self, r: StepResult, understanding: nlu.Understanding, ctx: StepContext) -> None:
        raise NotImplementedError

    def _not_an_answer(
        self, r: StepResult, understanding: nlu.Understanding, ctx: StepContext, came_back: bool
    ) -> bool:
        raise NotImplementedError

    def _status_change_in(self, r: StepResult, understanding: nlu.Understanding, ctx: StepContext) -> bool:
        raise NotImplementedError


def _cleared(f: FormField, candidate: str, value: Any) -> bool:
    """9 改成 不知道: an optional answer corrected to "don't know" (the question was asked again instead)."""
    return value is None and f.optional and forms.is_skip(candidate)


def _of_contract_or_insurance_only(text: str) -> bool:
    """合同没签, 社保没交 at the summary: about the contract or the insurance, not the wages (合同没签 changed the
    wages to 否)."""
    said = nlu.normalize(text)
    subjects = job_subjects()
    return not any(word in said for word in subjects["wages_on_time"]) and any(
        word in said for key in ("contract_signed", "social_insurance") for word in subjects[key])
