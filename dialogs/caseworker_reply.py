"""A laborer's reply to a caseworker's message: passed on to that caseworker, not read as an answer to the bot.

When a caseworker's message to a person is queued (发消息 / 发短信 in the chat, a message from the console), the
person's conversation gets a marker (`MARK`: who wrote, their role, the case, until when;
bot/casework/replies.py). Until then the person's messages are read by this rule, in this order:

1. `继续` (continue): the marker is dropped and the open question asked again (the way back to the bot, said in
   the line that answers a reply passed on while a question was open);
2. a command (菜单, 人工, 退订 …) or a bare number (the 1/2/3 of a check-in, a menu's entry; a longer one, an ID or
   phone number, while a question is open), or words that plainly answer the survey's open question (`plain_answer`:
   a name alone at the name question, a place the division reader knows at a place question, an amount at an income
   question, an option's own words at a question with options): the dialog as usual, and the marker dropped (the
   conversation is back with the bot);
3. news the bot acts on (a job lost, wages owed, work found: the dialog's step emits it): the dialog as usual,
   the marker dropped, and the words passed on to the caseworker too (they asked; the bot's case alerts follow);
   a question about the bot's own push that its catalogue answers (受理了是啥意思 钱什么时候能拿到, after the push
   that says a registration is accepted; `BOTS_OWN`) is answered by the bot, the marker kept;
4. anything else (好的 明天几点到): passed on to the caseworker (event `caseworker_reply`), the person told so in
   one line naming the caseworker; the dialog's state is left as it was, its question still open.

The window opens when the message reaches the person (`from`: a message queued in quiet hours waits in the outbox
until sending opens); before that the person cannot be answering it, and their messages go to the dialog as ever, the
marker kept for when it arrives. The marker also ends when it is past its time, when the case it is about closes
(`closing`: their words go back to the bot), and when scheduled work or a menu click makes the bot say something new
(a check-in's question is then answered as usual). Nothing is looked up: the marker is in the state the lane reads
anyway.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import datetime

from dialogs.commands import command_of
from dialogs.i18n import LOCALES, catalog
from dialogs.types import Inbound, JsonDict, StepContext, StepResult

MARK = "replying_to"
EVENT = "caseworker_reply"
PASSED_ON, PASSED_ON_QUESTION = "reply.passed_on", "reply.passed_on_question"
ROLES = ("caseworker", "supervisor", "admin")
# A marks entry (bot/unit_of_work.py) that ends the window of a case closed, instead of opening one.
ENDS, OTHERS_OPEN = "ends", "others_open"
# The window a job found ended (rule 3: the news closes the person's case), kept aside; and the marks entry that
# gives it back when that case is reopened (不对 我还没上班: bot/casework/cases.py reopen_after_denied_job).
PARKED, REOPENS = "replying_to_parked", "reopens"
CATALOG_KEYS = frozenset({PASSED_ON, PASSED_ON_QUESTION, *(f"reply.role.{role}" for role in ROLES)})
# What the dialog's step emits when it read news it acts on (rule 3).
NEWS = frozenset({"rights_issue_reported", "employment_status_changed", "job_search_started"})
_CONTINUE = frozenset({"继续", "继续回答", "接着答", "continue"})
_NUMBER = re.compile(r"\d{1,3}")
# An ID or phone number typed alone while a question is open: its answer (the survey's 身份证号, 手机号).
_LONG_NUMBER = re.compile(r"\+?\d{4,17}[\dx]")
_NOISE = re.compile(r"[\s。.!！,，~～、]+")

Step = Callable[[JsonDict | None, Inbound, StepContext], StepResult]


def fresh(mark: object, now: datetime) -> bool:
    """Whether the marker still holds: well-formed and not past its time."""
    if not isinstance(mark, dict):
        return False
    try:
        return now < datetime.fromisoformat(str(mark["until"]))
    except (KeyError, ValueError, TypeError):
        return False


def pending(mark: object, now: datetime) -> bool:
    """Whether the caseworker's message is still held (queued in quiet hours): not yet read, so nothing is a reply."""
    if not isinstance(mark, dict) or "from" not in mark:
        return False
    try:
        return now < datetime.fromisoformat(str(mark["from"]))
    except (ValueError, TypeError):
        return False


def renewed(old: object, new: dict[str, object], now: datetime) -> object:
    """A caseworker's next message opens a new window; one still held (queued at night) keeps the window of the
    message the person has already read open meanwhile (their 23:00 answer to the same writer's 15:00 message is a
    reply). Another writer's held message replaces the marker: one writer at a time is answered (the case's owner
    is sent a copy of what goes to someone else: bot/casework/replies.py). A case closed (`ENDS`: `closing`) ends
    the window its messages opened: None, no marker."""
    if ENDS in new:
        return None if ended(old, new[ENDS], others_open=bool(new.get(OTHERS_OPEN))) else old
    if REOPENS in new:
        return old  # (the window kept aside comes back in `reopened`, which is given it)
    if ("from" not in new or not isinstance(old, dict) or not fresh(old, now) or pending(old, now)
            or old.get("by") != new.get("by")):
        return new
    return {key: value for key, value in new.items() if key != "from"}


def reopening(cases: list[int]) -> dict[str, object]:
    """What reopening these cases asks of the person's marker (`renewed`): the window a job found ended, back."""
    return {REOPENS: list(cases)}


def reopened(old: object, parked: object, cases: object, now: datetime) -> object:
    """The window kept aside when news of a job ended it (`PARKED`), back when the case it was about is reopened and
    it has not run out: the person's replies reach the caseworker again as they did before (they went to the bot's
    registration questions). Otherwise the marker as it is."""
    if (not isinstance(parked, dict) or not fresh(parked, now) or not isinstance(cases, list)
            or (parked.get("case") is not None and parked.get("case") not in cases)):
        return old
    return old if isinstance(old, dict) and fresh(old, now) else parked


def closing(case: int, *, others_open: bool) -> dict[str, object]:
    """What a case's close asks of the person's marker (`renewed`): the window its messages opened ends."""
    return {ENDS: case, OTHERS_OPEN: others_open}


def ended(mark: object, case: object, *, others_open: bool) -> bool:
    """Whether the case closed ends the window: the marker is about that case, or about none while no other case of
    the person is open (after 结案 their 好的 谢谢 went to the caseworker, and so did the next words for the bot)."""
    if not isinstance(mark, dict):
        return False
    about = mark.get("case")
    return about == case or (about is None and not others_open)


def step(state: JsonDict, inbound: Inbound, ctx: StepContext, dialog: Step,
         question_open: Callable[[JsonDict], bool]) -> StepResult:
    """The step of someone whose conversation holds the marker (the engine's `step` calls this only then)."""
    mark = state[MARK]
    if not fresh(mark, ctx.now):
        return dialog(_without_mark(state), inbound, ctx)
    if pending(mark, ctx.now):
        return dialog(state, inbound, ctx)  # the message has not reached them yet: kept for when it does
    if inbound.kind == "event":
        if (inbound.event or "").endswith(".result"):
            return dialog(state, inbound, ctx)  # an effect's answer to this same conversation
        result = dialog(state, inbound, ctx)
        if result.outbound:
            result.state.pop(MARK, None)  # the bot asked or told something new: answered as usual
        return result
    text = inbound.text if inbound.kind in ("text", "voice") else ""
    squashed = _NOISE.sub("", unicodedata.normalize("NFKC", text)).lower()
    if not squashed:
        return dialog(state, inbound, ctx)  # an image, an empty voice note: asked to type, as ever
    if squashed in _CONTINUE:
        return _resume(state, ctx) if question_open(state) else dialog(_without_mark(state), inbound, ctx)
    if command_of(text) is not None or _NUMBER.fullmatch(squashed) or (question_open(state) and (
            _LONG_NUMBER.fullmatch(squashed) or plain_answer(state, text, ctx))):
        return dialog(_without_mark(state), inbound, ctx)
    tried = dialog(_without_mark(state), inbound, ctx)
    if any(event.kind in NEWS for event in tried.events):
        _pass_on(tried, mark, text, ctx, first=True)
        if any(event.kind == "employment_status_changed" and event.data.get("new") == "employed"
               for event in tried.events):
            tried.state[PARKED] = mark  # the case it closes may open again: its window with it (`reopened`)
        return tried
    if answered_by_bot(text, tried, ctx):
        tried.state[MARK] = mark  # the window stays open for what answers the caseworker's own message
        return tried
    r = StepResult(dict(state))
    _pass_on(r, mark, text, ctx, question=question_open(state))
    return r


# Survey questions whose answer has a shape chit-chat does not take: a place the division reader knows, an amount.
_PLACE_FIELDS = frozenset({"home_division", "work_division"})
_AMOUNT_FIELDS = frozenset({"monthly_income", "expected_income", "household_id"})
# Options whose words are not also how people acknowledge a message (好的, 行, 没有 answer a yes/no question and
# a caseworker's message alike: only their digit answers the question then).
_OPTION_FIELDS = frozenset({"employment_status", "employment_form", "preferred_scope", "service_needs"})
# Never in a name, often in a reply the name parser would take (马上到, 李书记): particles, address, coming and going.
_NOT_A_NAME = re.compile(r"[了的吗呢吧啊哦嗯您你我他她到去上下不没要谢]|书记|主任|主管|老师|师傅|同志|领导")
_SAID_NAME = ("我叫", "我是", "本人", "叫")
_DIGIT = re.compile(r"[\d一二两三四五六七八九十百千万]")


def plain_answer(state: JsonDict, text: str, ctx: StepContext) -> bool:
    """Whether the words plainly answer the survey question open (rule 2): read by the field's own parser, and of a
    shape a reply to a caseworker does not have. Free-text questions (village, employer, jobs wished for) and yes/no
    ones cannot tell: their words are passed on, and 继续 or the option's digit gets back to the question."""
    from dialogs.flows.survey.fields import FIELD_KEYS, SURVEY_FORM  # (the survey imports the engine: imported late)
    from dialogs.forms import Invalid, _label_words, parse_answer, parse_choice, squash
    from dialogs.nlu.names import _surname_length

    key = state.get("awaiting")
    if state.get("flow") != "survey" or not isinstance(key, str) or key not in FIELD_KEYS:
        return False
    field = SURVEY_FORM.field(key)
    if key in _OPTION_FIELDS:
        value = parse_choice(field, text)
        return value is not None and any(
            squash(text) == squash(word) for choice in field.choices if choice.value in _listed(value)
            for word in (*choice.synonyms, *_label_words(choice)))
    if key not in _PLACE_FIELDS | _AMOUNT_FIELDS | {"name"}:
        return False
    value = parse_answer(field, text, ctx)
    if value is None or isinstance(value, Invalid):
        return False
    if key == "name":
        return (isinstance(value, str) and 2 <= len(value) <= 4 and _surname_length(value) > 0
                and not _NOT_A_NAME.search(value) and squash(text) in {value, *(f"{p}{value}" for p in _SAID_NAME)})
    return key in _PLACE_FIELDS or bool(_DIGIT.search(unicodedata.normalize("NFKC", text)))


# Catalogue entries that explain the bot's own pushes, not anything a caseworker wrote: the registration decided
# (registration.accepted: 受理了是啥意思 钱什么时候能拿到). A question on any other topic may be about the caseworker's
# message (合同要带什么材料, after 明天来看看合同的事) and goes to them.
BOTS_OWN = frozenset({"registration_accepted"})


def asks_about_own_push(text: str) -> bool:
    """受理了是啥意思: words the catalogue confidently reads as about one of the bot's own pushes (`BOTS_OWN`)."""
    from dialogs.policy.catalogue import retrieval

    found = retrieval().search(text)
    return found.confident and found.entry is not None and found.entry.id in BOTS_OWN


def answered_by_bot(text: str, tried: StepResult, ctx: StepContext) -> bool:
    """Whether the dialog answered the words as a question about the bot's own message (rule 3b): 受理了是啥意思
    钱什么时候能拿到 right after the push that says a registration is accepted; the bot answers it (it went to the
    caseworker, who could only have said the same)."""
    from dialogs import nlu
    from dialogs.policy import ANSWER, TOPIC

    asked = nlu.is_question(text) or nlu.understand(text, ctx.today).intent in ("help", "ask_policy")  # (啥意思)
    topic = tried.state.get(TOPIC)
    return asked and isinstance(topic, dict) and topic.get("entry") in BOTS_OWN and any(
        message.key == ANSWER for message in tried.outbound)


def _listed(value: object) -> list[object]:
    return list(value) if isinstance(value, list | tuple) else [value]


def _resume(state: JsonDict, ctx: StepContext) -> StepResult:
    """继续: the open question again, as the dialog asks it when the person comes back (its re-prompt)."""
    from dialogs.engine import repeat_question  # (the engine imports this module)

    r = StepResult(_without_mark(state))
    repeat_question(r, ctx)
    return r


def _pass_on(r: StepResult, mark: dict[str, object], text: str, ctx: StepContext, *, first: bool = False,
             question: bool = False) -> None:
    """The reply goes to the caseworker who wrote (bot/casework/replies.py alerts them), the person told so."""
    r.emit(EVENT, caseworker=mark.get("by"), case=mark.get("case"), said=text)
    said = tell_passed_on(r, ctx, mark, question=question)
    if first:
        said.outbound.insert(0, said.outbound.pop())  # before what the dialog answers to the news


def tell_passed_on(r: StepResult, ctx: StepContext, writer: dict[str, object], *,
                   question: bool = False) -> StepResult:
    """您的话已转给帮扶责任人李书记。: the writer (their name and role, as the marker keeps them) named in one line."""
    locale = str(r.state.get("locale") or ctx.locale)
    cat = catalog(locale if locale in LOCALES else "zh_CN")
    role = str(writer.get("role") or "caseworker")
    who = cat.get(f"reply.role.{role if role in ROLES else 'caseworker'}")
    return r.say(PASSED_ON_QUESTION if question else PASSED_ON, who=who, name=str(writer.get("name") or ""))


def _without_mark(state: JsonDict) -> JsonDict:
    return {key: value for key, value in state.items() if key != MARK}
