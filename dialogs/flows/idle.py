"""What happens when no flow is open: understand the message and answer by intent, else show the menu.

"有啥活干" / "想学个手艺" open the jobs list (dialogs/flows/jobs.py); a question about the policy is answered
from the policy catalogue or passed to the caseworker (dialogs/policy/); a rights report ("老板拖欠工资") opens
a rights case. A status change ("我换工作了", "娃生病了 这个月干不了活了") opens the survey on the right branch,
whatever was open before (a job we knew of, lost, opens the registration dialog); someone else's news
(我老婆被厂里辞了) is acknowledged and changes nothing. A wish to register (村里让俺发短信登记) starts the survey.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from dialogs import nlu, policy
from dialogs.flows import english, idle_told, returned
from dialogs.flows.checkin.answers import job_ended
from dialogs.flows.jobs import (
    APPLIED_ITEM,
    AWAITING_LIST,
    CANCEL_APPLICATION,
    CANCEL_NONE,
    JOBS,
    WITHDRAW,
    list_open,
)
from dialogs.flows.jobs_replies import (
    BREAK_TOLD,
    asked_of_work,
    asks_for_list,
    asks_work_and_training,
    changed_mind,
    training_question,
)
from dialogs.flows.rights import (
    INJURED,
    INJURY_ENTRY,
    INJURY_OFFER,
    asked_only,
    asks_about_injury,
    hold_before_consent,
    injury_reported,
    report_rights_issue,
    takes_details,
)
from dialogs.flows.survey.flow import (
    JOB_LOST_FIRST,
    JOB_LOST_OWED,
    SOMEONE_ELSE,
    SOMEONE_ELSE_NO_PHONE,
    SUPPOSED,
    SURVEY,
    someone_else,
)
from dialogs.flows.survey.news import news_for_form
from dialogs.flows.survey.prefill import village_alone
from dialogs.flows.survey.vocabulary import asks_to_fix_record
from dialogs.matching.profile import FAMILY_FIRST
from dialogs.nlu.memo import short_memo
from dialogs.policy import subsidies
from dialogs.policy.catalogue import retrieval
from dialogs.types import Inbound, JsonDict, Outbound, StepContext, StepResult

# Below this the classifier is guessing: show the menu rather than act on a guess. A status change
# reopens the form on another branch, so it needs more certainty than an acknowledgement does.
CONFIDENT = 0.7
CONFIDENT_STATUS = 0.8
ACKNOWLEDGED: dict[str, str] = {}
SEARCHES = {"seek_job": "vacancy", "seek_training": "training"}
COMMAND_INTENTS = {"human": "human", "opt_out": "stop", "help": "help"}
STATUS_INTENTS = frozenset({"employed", "job_lost", "changed_job"})
NOTED = "idle.noted"
WELCOME = "idle.welcome"
WHY_REGISTER = "idle.why_register"
NOTHING_TO_CORRECT = "idle.nothing_to_correct"
HELLO_AGAIN = "idle.hello_again"
CANCEL_WHAT = "idle.cancel_what"
# Leaving a job asked about in general (能不能辞职): the law's rule on notice.
QUIT_RULE = "idle.quit_rule"
# A break of their work told (厂里放假了): noted, and what they can do meanwhile.
BREAK_NOTED = "idle.break_noted"
_WHAT_FOR = re.compile(r"好处|有啥用|有什么用|有啥子用|干啥用|干什么用|为啥要|为什么要|有必要|图啥")
# What a first message asks "what for" about: the form (填这个, 登记), not anything else (这个药有啥用).
_THE_FORM = re.compile(r"填|登记|这个表|信息")
# A household's poverty status told (俺家是建档立卡户): news for the money they may get, not a wish to register.
# Statuses a question about the policy may seem to tell (a job or a condition it asks about, not the asker's).
_ASKED_NOT_TOLD = frozenset({"employed", "unable"})
# The policy answer on moving to work elsewhere (换个地方干行不 asks; 我换工作了 tells).
WORK_ELSEWHERE = "work_elsewhere"
# Asking whether one may go and work somewhere (能去扶贫车间不, 可以进厂吗, 能不能去公益岗): no news of a job.
_MAY_I_GO = re.compile(r"(?:能|可以|可不可以|能不能|让不让)(?:去|进|到|上)[^,，。.!！]{0,10}"
                       r"(?:不|吗|么|没|嘛|[?？])\s*$")
# The asker kept at home by the care (俺出不去打工, 要照顾老人, 走不开): their own ability told, beside the question.
_KEPT_HOME = re.compile(r"出不去|走不开|离不开|脱不开|没法出去|不能出去|出不了门|去不了|干不了|照顾|伺候|陪护|看护")
BENEFIT_FOR_FAMILY = policy.BENEFIT_FOR_FAMILY
# The policy answer for someone who cannot go out to work for caring at home (俺娘瘫在床上 俺出不去打工 有啥补助不).
FAMILY_CARE = "family_care"
# The policy answer on expecting a child (怀孕了能领啥补贴): the asker's own news and a question on it.
MATERNITY = "maternity"
_EXPECTING = re.compile(r"怀孕了|怀上了|怀了|有了身子|快生了|要生了|刚生了?|生了|坐月子")
# Work stopped (for the child or otherwise): 不干了, 辞了, 回家待产 (on maternity leave one is still at work).
_STOPPED_WORK = re.compile(r"不干了|不做了|不上班了|没上班了|没干了|辞了|辞职|离职|待产|不去了|回家了|回来了|歇了")
# What a wish to stop names when it is asked (别再给我发了行不行, 能不能取消推送): our messages.
_ABOUT_MESSAGES = re.compile(r"发|消息|短信|信息|推送|通知|打扰|订阅|关注|提醒|message|sms|text|notif", re.IGNORECASE)
# A job loss only supposed (要是被辞了 失业金能领不): a question, not news.
# A cancel that names nothing (取消吧, 那就取消, 退出): our messages, an application? Asked before anything stops.
_UNCLEAR_CANCEL = re.compile(
    r"(?:那就|那|就|我要|我想|帮我|给我|麻烦)*(?:取消|退出|撤销|停止?)(?:吧|了|掉|一下|啊|呀|嘛|算了)*")
# An application cancelled (取消报名, 报名的那个取消吧, 不去了 把报名撤了): no stop to our messages, nor a search.
_CANCEL_APPLICATION = re.compile(r"(?:取消|撤销|撤回|撤掉|退掉|不要了?).{0,3}报名"
                                 r"|报名的?.{0,6}(?:取消|撤销|撤回|撤了|撤掉|退掉|不要了|算了)"
                                 r"|(?:withdraw|cancel)\s+(?:my\s+)?application", re.IGNORECASE)
_PUNCTUATION = re.compile(r"[\s,，。.!！~～、]+")
def _changed_mind(state: JsonDict, text: str) -> bool:
    """俺不想去了 from someone who applied for something (it was 没太明白 and the menu)."""
    js = state.get(JOBS.name) or {}
    if "不" not in text or not (js.get("applied") or js.get(APPLIED_ITEM)):  # (kept past a new list)
        return False
    return changed_mind(text)


_POOR_HOUSEHOLD = re.compile(r"建档立卡|贫困户|脱贫户|监测户")
AGREEING = frozenset({"同意", "我同意", "同意了", "同意的", "好的同意"})
IDLE_KEYS = frozenset({*ACKNOWLEDGED.values(), SOMEONE_ELSE, NOTED, WELCOME, WHY_REGISTER, HELLO_AGAIN, CANCEL_WHAT,
                       QUIT_RULE, BREAK_NOTED, NOTHING_TO_CORRECT, SOMEONE_ELSE_NO_PHONE,
                       CANCEL_APPLICATION, CANCEL_NONE, BENEFIT_FOR_FAMILY,
                       "rights.acknowledged", INJURED, INJURY_OFFER, *idle_told.CATALOG_KEYS})


# The employer (or whoever the work is for) not paying one's insurance (厂里不给交, 老板不给俺们交, 单位没给交).
_EMPLOYER_WONT_PAY = re.compile(r"不给(?:俺|我|咱|他)?们?(?:交|缴|买|上)|(?:厂|老板|单位|公司|包工头|工地|老总)\S{0,4}?"
                                r"(?:不|没|没有)(?:帮|替)?(?:俺|我|咱)?们?(?:交|缴|买|上)")
# The entries whose answer tells that an employer pays the insurance: "不给交" right after one is about that.
_INSURANCE_ENTRIES = frozenset({"social_insurance", "pension_insurance", "medical_insurance"})


def _report_or_hold(
    r: StepResult, understanding: nlu.Understanding, ctx: StepContext, start: Callable[[str], None],
    job_loss: Callable[[nlu.Understanding], None] | None = None,
) -> None:
    """A rights report with no dialog open (老板欠我工资, from the menu): a case for the caseworker once the person
    has agreed to the privacy notice, as at every other path (it opened one at once): before, where to go
    themselves and the notice; the report waits for the answer (its issue only: rights.hold_before_consent)."""
    # 老板跑路了 工钱也没给: the job lost too (it was the wages alone, and the registration never began).
    ended = understanding.status in ("job_lost", None) and job_ended(understanding.text) and (
        not nlu.about_others_only(understanding.text))
    lost = replace(understanding, intent="job_lost", status="job_lost")
    if (r.state.get("consent") or {}).get("given") is True:
        working = ((r.state.get("survey") or {}).get("answers") or {}).get("employment_status") == "employed"
        if ended and working and job_loss is not None:  # (去年在工地干的钱还没给 包工头跑了 from someone out of work:
            # old wages owed, no job to lose)
            report_rights_issue(r, understanding, ctx, ask_details=False)  # said back plainly: the registration
            job_loss(lost)  # asks next
            return
        report_rights_issue(r, understanding, ctx)
        return
    if ended:
        # Before consent: both held for it, one word naming both.
        said = len(r.outbound)
        SURVEY.start_with_status(r, lost, ctx)
        hold_before_consent(r, understanding, said=False)
        r.outbound[said:] = [Outbound(key=JOB_LOST_OWED) if m.key == JOB_LOST_FIRST else m for m in r.outbound[said:]]
        return
    hold_before_consent(r, understanding)
    start("survey")


def _after_insurance_answer(state: JsonDict) -> bool:
    memory = state.get(policy.TOPIC)
    return isinstance(memory, dict) and memory.get("entry") in _INSURANCE_ENTRIES


TRAINING_SUBSIDY = "training_subsidy"
# What it costs, asked beside a wish for work or a course (我想学电焊 有没有培训 要钱不, 有没有保安的活 收费吗).
_FEE = re.compile(r"要钱|收钱|收费|交钱|花钱|免费|要不要钱|费用")  # (多少钱 is mostly the pay)
_CLAUSES = re.compile(r"[\s,，。;；!！?？]+")


def _search_and_fee(text: str, ctx: StepContext) -> tuple[str, str] | None:
    """(item, the wish) when the message is a search for work or a course (a part of its own, sure) and a
    question of what it costs (another part); None otherwise."""
    parts = [part for part in _CLAUSES.split(text) if part]
    fee = [part for part in parts if _FEE.search(part)]
    wish = " ".join(part for part in parts if not _FEE.search(part))
    if not fee or not wish or nlu.about_family(wish):
        return None
    understanding = nlu.understand(wish, ctx.today)
    item = SEARCHES.get(understanding.intent) if understanding.confidence >= CONFIDENT else None
    return (item, wish) if item is not None else None


def handle_idle(
    r: StepResult,
    inbound: Inbound,
    ctx: StepContext,
    *,
    start: Callable[[str], None],
    show_menu: Callable[[], None],
    command: Callable[[str], None] | None = None,
    status_change: Callable[[nlu.Understanding], None] | None = None,
    job_loss: Callable[[nlu.Understanding], None] | None = None,
    correction: Callable[[], bool] | None = None,
) -> None:
    understanding = nlu.understand(inbound.text, ctx.today)
    if understanding.intent == "unknown" and (chinese := english.job_loss_in_chinese(inbound.text)) is not None:
        # "the factory closed" with the form saved (the en locale): the news of a job lost, read as its Chinese is in
        # the survey (it was "Sorry, I didn't quite understand" and the menu).
        understanding = nlu.understand(chinese, ctx.today)
    intent = understanding.intent if understanding.confidence >= CONFIDENT else "unknown"
    if intent == "human" and nlu.checks_presence(inbound.text):
        intent = "greeting"  # 喂 有人吗: whether anyone is there (it alerted a caseworker, even for a stranger)
    english_report = False
    if intent in ("unknown", "deny", "affirm"):
        # "find work", "I want a job", "boss hasn't paid me", "no contract" (not a bare no): English the
        # classifier does not read (a rights report told, not asked, is one even where the catalogue could answer
        # its words: "my boss has not paid me for two months").
        told = english.intent_of(inbound.text)
        english_report = told == "rights_issue" and not nlu.is_question(inbound.text)
        if english_report or not policy.asks(r.state, inbound.text):
            intent = told or intent
    if intent == "opt_out" and nlu.is_question(inbound.text) and not _ABOUT_MESSAGES.search(inbound.text):
        # 低保户出去打工低保会不会取消: a question about something being cancelled, not a wish to stop our messages
        # (能不能别发了 names the messages; 退订 and TD are commands, never read here).
        intent = "ask_policy"
    answers = (r.state.get("survey") or {}).get("answers") or {}
    # The speaker's own news that changes the form (never someone else's told in the same words).
    news = news_for_form(understanding, answers)
    if news == "unable" and intent in SEARCHES and nlu.is_question(inbound.text) and (
            FAMILY_FIRST.search(inbound.text)):
        # 有没有上午的活 要送孩子上学: work asked for around the child, not news that they cannot work (it recorded
        # them unable to work, and asked for their name).
        news = None
    answer_too: str | None = None  # the policy entry answered besides the news recorded
    if (news == "employed" or (news is None and intent == "employed")) and _MAY_I_GO.search(inbound.text):
        # 俺是残疾人 能去扶贫车间不: whether they may go there, a question (it recorded them working at 扶贫车间).
        # One the policy does not answer (可以进厂吗) is a wish for such work: the jobs that fit (it was referred).
        news = None
        intent = "ask_policy" if retrieval().search(inbound.text).confident else "seek_job"
    if news == "unable" and answers.get("employment_status") == "employed" and _EXPECTING.search(inbound.text) and (
            not _STOPPED_WORK.search(inbound.text)):
        # 怀孕了能领啥补贴不 from a woman on record at work: expecting is no news that she stopped (it recorded her
        # unable to work and asked her to confirm a form without her job); what she may get is answered.
        news = None
        intent = "ask_policy"
    if (news in _ASKED_NOT_TOLD or (news == "changed_job" and _asks_about(inbound.text, WORK_ELSEWHERE))) and (
            policy.asked_not_told(inbound.text, intent)):
        if news == "unable" and _asks_about(inbound.text, FAMILY_CARE) and _KEPT_HOME.search(inbound.text):
            # 俺娘瘫在床上 俺出不去打工 有啥补助不: their own news (caring, cannot work) and a question on it, both
            # (家里老人瘫痪了有补助吗 tells only of the old person: the answer, and nothing recorded of the asker).
            answer_too = FAMILY_CARE
        elif news == "unable" and _asks_about(inbound.text, MATERNITY) and _EXPECTING.search(inbound.text):
            # 怀孕了能领啥补贴: expecting, told (recorded as before) and the question answered (it was left unanswered);
            # 生孩子有补助吗 only asks.
            answer_too = MATERNITY
        else:
            # 我55了还能干公益岗不 (干公益岗: "employed"), 残疾人有啥补助 (残疾: "unable"; no 吗, but the classifier is
            # sure it asks), 换个地方干行不 (换: "changed_job"): a question the policy answers, not news for the form
            # (it recorded a status nobody told).
            news = None
            intent = "ask_policy"
    elif news == "unable" and _EXPECTING.search(inbound.text) and nlu.is_question(inbound.text) and (
            getattr(retrieval().search(inbound.text).entry, "id", None) == MATERNITY):
        # 怀孕了辞职了 能领啥补贴不: work given up for the child (recorded) and what she may get, answered too (the
        # question was left unanswered when the words told more than they asked: the entry is the nearest, if not
        # a sure match, beside the news of expecting).
        answer_too = MATERNITY
    if _CANCEL_APPLICATION.search(inbound.text) or _changed_mind(r.state, inbound.text):
        # 取消报名 (取消报名要咋弄 too): whether there is an application to withdraw is looked up first
        # (`jobs.withdraw`, bot/job_effects.py); the caseworker withdraws it (the chat cannot), told in the person's
        # words (dialogs/flows/jobs.py); nothing stops.
        r.emit(WITHDRAW, said=inbound.text)
    elif returned.asks(r.state, inbound.text):
        returned.look_up(r)  # 重新提交 after the caseworker returned the registration: whether it was, then its dialog
    elif asks_about_injury(inbound.text):
        # 工伤能赔多少 / 医药费谁出 (also right after an injury was reported: its report stays open for details):
        # the policy's answer, and the case offered to someone who has not reported one.
        reported = injury_reported(r.state, ctx.now)
        if asked_only(inbound.text):
            policy.answer_or_refer(r, inbound.text, ctx)
            if not reported:
                r.say(INJURY_OFFER)
        else:
            # 干活被机器轧了手 医药费谁出: their own injury told (a case, unless just reported) and who pays.
            if not reported:
                report_rights_issue(r, understanding, ctx)
            policy.tell_part(r, INJURY_ENTRY, "amount", ctx)
    elif takes_details(r, inbound.text, understanding, ctx):
        pass  # who, how much, since when: told after a rights report, for the caseworker
    elif idle_told.tells(r, understanding, ctx):
        pass  # 工资这个月按时发了, 先做到年底再说, 我会开挖机: kept on the form, said back
    elif JOBS.about_earlier_item(r, inbound.text, ctx):
        # 那个门卫的活啥时候能去 days after the list (报的那个活啥时候能去上班 is no news of work): answered from the
        # item (it was referred to the caseworker).
        pass
    elif JOBS.hiring_earlier_item(r, inbound.text, ctx):
        pass  # 电焊那个培训还能报不 days after a push: still open by its date, and 报名 N taken again (it was referred)
    elif JOBS.apply_earlier_item(r, inbound.text, ctx):
        pass  # 扫地那个 我想报名 a day after the list: the 保洁 item applied for (it was a new search)
    elif JOBS.others_after_list(r, inbound.text, ctx):
        pass  # 有没有别的 days after a push: others looked up (it was the policy's answer on working elsewhere)
    elif (asked_work := asked_of_work(inbound.text)) is not None:
        # 能不能辞职 / 工伤咋办 with no list open: a question, answered in general (it was news of a job lost, or an
        # injury reported); the injury report is offered to whoever was hurt themselves.
        if asked_work == "quit":
            r.say(QUIT_RULE)
        else:
            policy.tell_answer(r, INJURY_ENTRY, ctx)
            if not injury_reported(r.state, ctx.now):
                r.say(INJURY_OFFER)
    elif news is not None and status_change is not None:
        if news in ("unable", "employed") and understanding.intent == "rights_issue" and english.injured(inbound.text):
            # 在工地上摔伤了 腿骨折了: the injury goes to the caseworker (what to keep told), and the form says
            # they cannot work for now.
            report_rights_issue(r, understanding, ctx, ask_details=False)
        elif news == "job_lost" and understanding.intent == "rights_issue":
            # 砖厂关门了 老板跑了 工钱还差两千没给: the wages owed go to the caseworker too (talk10; they were dropped).
            report_rights_issue(r, understanding, ctx, ask_details=False)
        if news == "job_lost" and answer_too is None and nlu.is_question(inbound.text) and (
                policy.asks_about_benefit(inbound.text)):
            # 交了三年社保 被辞了 失业金咋领 (the loss read as news now the insurance no longer hides it): the benefit
            # answered first, then the news, as when only the question was read
            policy.tell_answer(r, subsidies.INSURED_ENTRY, ctx)
        said = len(r.outbound)
        (job_loss if news == "job_lost" and job_loss is not None else status_change)(understanding)
        if answer_too:
            # The answer after the news is acknowledged, before the question the form asks next (the consent
            # notice, for someone who has not agreed yet).
            question = r.outbound[-1:] if r.state.get("awaiting") and len(r.outbound) > said else []
            del r.outbound[len(r.outbound) - len(question):]
            policy.tell_answer(r, answer_too, ctx)
            r.outbound.extend(question)
    elif not (r.state.get("survey") or {}).get("answers") and asks_to_fix_record(inbound.text):
        r.say(NOTHING_TO_CORRECT)  # 我的信息填错了 怎么改 with no form: nothing to correct, how to register (referred)
    elif correction is not None and correction():
        pass  # 手机号换了 139…, 工资涨了 现在五千五: the saved answer changed, at the summary to confirm
    elif (asked := training_question(inbound.text)) and nlu.is_question(inbound.text) and (
        not retrieval().search(inbound.text).confident
    ):
        r.say(f"jobs.training_{asked}")  # 学完发证不 with no course on screen: not a search, an answer in general
    elif intent in ("ask_policy", *SEARCHES) and (both := _search_and_fee(inbound.text, ctx)) is not None:
        # 我想学电焊 有没有培训 要钱不: what it costs and the courses that fit, both (it was passed to the
        # caseworker; 有没有保安的活 收费吗 had its fee question dropped)
        item, wish = both
        if item == "training":
            policy.tell_part(r, TRAINING_SUBSIDY, "amount", ctx)
        else:
            r.say("common.free")
        JOBS.search(r, ctx, item=item, wishes=[wish])
    elif asks_for_list(inbound.text):
        JOBS.search(r, ctx, item="vacancy")  # 发个列表 with no list on screen: the jobs that fit
    elif intent in SEARCHES and not nlu.about_family(inbound.text):
        # 有啥工作或者培训没有: both (it looked up trainings only)
        JOBS.search(r, ctx, item=None if asks_work_and_training(inbound.text) else SEARCHES[intent],
                    wishes=[inbound.text])
    elif "survey" not in r.state and nlu.asks_how_to_register(inbound.text):
        start("survey")  # 咋登记 with no form yet: the form is how (not the policy answer on 失业登记)
    elif intent == "rights_issue" and english.injured(inbound.text) and not nlu.is_question(inbound.text):
        _report_or_hold(r, understanding, ctx, start)  # 报工伤 right after the work-injury answer: the report offered
    elif policy.answers_family_benefit(r, inbound.text, intent, ctx):
        pass  # 我老公被辞了 失业金咋领: the benefit's answer, and that they register themselves
    elif _EMPLOYER_WONT_PAY.search(inbound.text) and _after_insurance_answer(r.state):
        # 厂里不给交 咋办 right after 社保咋交: the employer refusing to pay it is a rights matter (it was referred).
        _report_or_hold(r, replace(understanding, normalized=f"社保 {understanding.normalized}"), ctx, start)
    elif intent == "ask_policy" or (not english_report and policy.asks(r.state, inbound.text)) or (
            intent == "help" and retrieval().search(inbound.text).confident):
        # (受理了是啥意思 after the push that says a registration is accepted: the catalogue's answer on it, not the
        # greeting and the commands)
        policy.answer_or_refer(r, inbound.text, ctx)  # "how long can I get it" after an answer: a question too
    elif intent in SEARCHES and nlu.about_family(inbound.text) and nlu.is_question(inbound.text) and (
            retrieval().search(inbound.text).confident):
        # 娃初中毕业了能上技校不: the policy's answer (it was "让他们关注我们", as for a relative's wish to register).
        policy.answer_or_refer(r, inbound.text, ctx)
    elif nlu.about_someone_else(inbound.text) and (
        intent in STATUS_INTENTS or intent == "help" or nlu.asks_to_register(inbound.text, questions_too=True)
        or (intent in SEARCHES and nlu.about_family(inbound.text))
    ):
        # 俺媳妇也想登记 她咋弄, 我儿子也想找工作: how family members register (their jobs are matched on their own
        # form); 他们厂还招人吗 is no such news.
        r.say(someone_else(inbound.text))
    elif intent == "job_lost" and nlu.is_question(inbound.text) and policy.asks_about_benefit(inbound.text):
        # 交了三年社保 被辞了 失业金咋领: the benefit's answer (never referred for the news around it); their own job
        # lost is news too (the registration dialog for a job we knew of, else the form's unemployed branch), one
        # supposed (要是被辞了) or someone else's is not.
        policy.tell_answer(r, subsidies.INSURED_ENTRY, ctx)
        if status_change is not None and not nlu.about_someone_else(inbound.text) and not SUPPOSED.search(inbound.text):
            (job_loss or status_change)(understanding)
    elif intent in STATUS_INTENTS and nlu.is_question(inbound.text):
        policy.answer_or_refer(r, inbound.text, ctx)  # 要是工地停工了怎么办: a question, not news
    elif intent in STATUS_INTENTS:
        # Someone else's news (我老婆被厂里辞了), or the speaker's own that the form already says.
        # Work told only in the past (以前在东莞打工) is the speaker's own, and no news.
        own = understanding.status is not None or nlu.tells_past_work(inbound.text) or (
            nlu.work_until(inbound.text) is not None)  # 干到年底厂子就关了: their own job, ending then (talk10)
        r.say(NOTED if own else SOMEONE_ELSE)
    elif _POOR_HOUSEHOLD.search(inbound.text) and "survey" in r.state and not nlu.is_question(inbound.text) and (
        "登记" not in inbound.text
    ):
        policy.tell_money(r, ctx)  # 俺家是建档立卡户 (建档 is no wish to register again): the money that fits them
    elif "survey" not in r.state and (named := _name_then_age(inbound.text)) is not None:
        # 王桂芬 58岁了 as a first SMS: she came to register (it was 没太明白 and the menu): greeted, the notice, the
        # name held for its question (her age comes with the ID number)
        r.say("common.greeting")
        start("survey")
        SURVEY.hold_before_consent(r, nlu.understand(f"我叫{named}", ctx.today))
    elif nlu.asks_to_register(inbound.text, questions_too="survey" not in r.state) or (
        ("survey" not in r.state or _refused_consent(r.state)) and _offers_details(inbound.text)
    ) or ("survey" not in r.state and _WHAT_FOR.search(inbound.text) and _THE_FORM.search(inbound.text)):
        # (填这个有啥用 as a first SMS: what registering brings, then the notice; it was the help and the menu)
        if _WHAT_FOR.search(inbound.text):
            r.say(WHY_REGISTER)  # 登记有啥好处: what it is for, then the consent question
        refused = _refused_consent(r.state) and _offers_details(inbound.text)
        start("survey")  # consent comes first: what was told ahead of it (周德贵 5205…) waits for it
        SURVEY.hold_before_consent(r, understanding)
        if refused and nlu.parse_id_number(inbound.text) is None and r.state.get("awaiting") == "consent":
            SURVEY.handle(r, inbound, ctx)  # 好吧 同意 after a refusal: the notice seen again, and agreed to
    elif nlu.is_bare_reply(inbound.text) and any(word in inbound.text for word in ("谢", "感谢", "辛苦")):
        r.say(WELCOME)  # 谢谢啊: nothing to do, no menu pushed at them
    elif "survey" not in r.state and r.state.get("awaiting") == "menu" and (
            _PUNCTUATION.sub("", nlu.normalize(inbound.text)) in _TAKES_THE_OFFER):
        start("survey")  # 可以 at a newcomer's menu: yes to its first offer, registering (it was the menu again)
    elif ((intent == "affirm" and nlu.is_bare_reply(inbound.text)) or nlu.only_faces(inbound.text)) and (
            "survey" not in r.state and r.state.get("awaiting") == "menu"):
        show_menu()  # 嗯嗯 / 好的 to the greeting's menu from a newcomer: the menu again (was 情况有变化…)
    elif (intent == "affirm" and nlu.is_bare_reply(inbound.text)) or nlu.only_faces(inbound.text):
        r.say(NOTED)  # 好的 / 嗯嗯 / 👍 / [微笑] with nothing asked: taken in, not "not understood" and the menu
    elif intent == "rights_issue":
        _report_or_hold(r, understanding, ctx, start, job_loss)
    elif intent in ACKNOWLEDGED:
        r.say(ACKNOWLEDGED[intent])
    elif intent == "help" and command is not None and "survey" not in r.state and nlu.asks_meaning(inbound.text):
        # 啥子意思哦 from a newcomer after the greeting's menu: who we are in plain words, then the menu (it was the
        # greeting again and the commands 菜单 / 重新开始 / 人工 / TD退订)
        r.say("common.who_we_are")
        show_menu()
    elif intent == "help" and command is not None:
        r.say("common.greeting")  # 你们这个是干啥的: what the service is, then how to use it
        command("help")
    elif intent == "opt_out" and _UNCLEAR_CANCEL.fullmatch(_PUNCTUATION.sub("", nlu.normalize(inbound.text))):
        r.say(CANCEL_WHAT)  # 取消吧: cancel what? (TD and 退订 are commands: they stop at once, never read here)
    elif intent in COMMAND_INTENTS and command is not None:
        command(COMMAND_INTENTS[intent])
    elif intent == "greeting" and "survey" not in r.state and SURVEY.tells_who(understanding):
        # 你好 我是威宁的 as a first message (SMS has no subscribe event): they came to register; the greeting, then
        # the notice, what they told held for the form and said back once they agree (it was the menu, and lost).
        r.say("common.greeting")
        start("survey")
        SURVEY.hold_before_consent(r, understanding)
    elif intent == "greeting":
        # 在吗 from someone registered long ago: no "欢迎关注" as to a newcomer.
        r.say(HELLO_AGAIN if (r.state.get("survey") or {}).get("phase") == "done" else "common.greeting")
        show_menu()
    elif not nlu.is_question(inbound.text) and JOBS.refuses_trade(r, inbound.text, ctx):
        pass  # 我不想干保洁了: other work, that trade left out; their job on the form unchanged (it was 没太明白)
    elif BREAK_TOLD.search(inbound.text) and not nlu.is_question(inbound.text):
        r.say(BREAK_NOTED)  # 厂里放假了: a break of their work, no job lost (it was 没太明白, or "哪一个?" with a list)
    elif nlu.is_question(inbound.text):
        policy.answer_or_refer(r, inbound.text, ctx)  # 公益岗俺能干不: answered or passed on
    elif nlu.is_later(inbound.text) or nlu.is_dont_know(inbound.text) or "不知道" in nlu.normalize(inbound.text):
        r.say(NOTED)  # 工地明年还干不干不知道 过完年再说
    elif retrieval().search(inbound.text).confident:
        policy.answer_or_refer(r, inbound.text, ctx)  # 看病贵 有啥办法 (no question word the reader knows): answered
    elif list_open(r.state, ctx.now):
        # 那我报个名嘛-like words not read, a list on screen: how to answer the list (the menu's "2找工作" would be
        # read as the list's item 2; it was 没太明白 and the menu)
        r.say("common.not_understood")
        r.say("jobs.footer")
        r.state["awaiting"] = AWAITING_LIST
    else:
        r.say("common.not_understood")
        show_menu()


def _asks_about(text: str, entry_id: str) -> bool:
    found = retrieval().search(text)
    return found.confident and found.entry is not None and found.entry.id == entry_id


# 王桂芬 58岁了, 李德明 今年六十: a name and an age, nothing else (a first message from someone come to register).
_NAME_THEN_AGE = re.compile(
    r"([\u4e00-\u9fff]{2,3})[\s,，]+(?:今年|都)?(?:\d{2}|[二三四五六七八九]十[一二三四五六七八九]?)岁?(?:了|啦)?")


def _name_then_age(text: str) -> str | None:
    said = _NAME_THEN_AGE.fullmatch(nlu.normalize(text).strip(" 。.!！~"))
    if said is None:
        return None
    return said.group(1) if nlu.name_said(f"我叫{said.group(1)}") == said.group(1) else None


@short_memo
def _offers_details(text: str) -> bool:
    """"同意" (好吧 同意), an ID number or a village typed alone (李湾) before any survey: they came to register (the
    consent question is what they await; the village is held for the home question)."""
    parts = re.split(r"[\s,，。.!！~]+", nlu.normalize(text).strip(" 。.!！~"))
    return any(part in AGREEING for part in parts) or nlu.parse_id_number(text) is not None or village_alone(text) or (
        "叫" in text and nlu.name_said(text) is not None)  # 俺叫杨老四 as a first SMS (it was 没太明白 and the menu)


# Words that take up an offer (可以, 行, 要得), said alone at a newcomer's menu: its first entry, registering. A bare
# 好的 / 嗯嗯 only acknowledges (the menu again).
_TAKES_THE_OFFER = frozenset({"可以", "可以的", "可以啊", "可以呀", "可以吧", "行", "行啊", "行的", "行吧", "要得",
                              "中", "愿意", "好啊", "好呀", "那行", "那好吧", "弄吧", "搞吧", "填吧", "来吧"})


def _refused_consent(state: JsonDict) -> bool:
    """The privacy notice was refused: 好吧 同意 later is a change of mind (it was "好的, 知道了", and stuck)."""
    return (state.get("consent") or {}).get("given") is False
