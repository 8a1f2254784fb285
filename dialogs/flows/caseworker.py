"""Caseworkers working from the chat until the console exists: a message from a caseworker's own WeChat or
phone comes here instead of the laborer dialogs (the unit of work knows the address), so laborers never see
these commands, and a laborer typing them gets nothing special.

Pure, like every dialog: it reads the command and emits `caseworker.command`; the effect (bot/casework/chat.py)
checks that the record is the caseworker's (out of scope is "not found") and acts; its answer comes back as
`caseworker.command.result` and is rendered here.

    stateDiagram-v2
        [*] --> command: a message
        command --> help: 帮助 / anything not a command
        command --> effect: C12 alone (its summary: deadline, the person's open tasks and registration)
        command --> effect: 列表 [页] | 联系 C12/A4 | 走访/完成 T5 | 结案 C12 原因 | 受理/退回 R3 | 电话 C12/T5/A4
        command --> effect: 推荐 C12 WN-001 (a vacancy pushed to the case's person)
        command --> effect: 发消息 C12/A4 words (sent to the person through their chat)
        effect --> confirm: unfit (its limits leave the person out: why, state refer_pending)
        confirm --> effect: 确认 / 推荐 C12 WN-001 确认 (referred on purpose)
        effect --> offer: a contact's note tells wages owed, no contract or no insurance (state rights_pending)
        offer --> effect: 确认 (the person's rights case opened, as their own report would)
        effect --> [*]: caseworker.command.result (listed / done / not_found / needs_reason / wrong_state)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from dialogs import nlu
from dialogs.flows.rights import issues_of
from dialogs.i18n import catalog, render
from dialogs.sms_text import MAX_PARTS, parts
from dialogs.types import Inbound, JsonDict, Outbound, StepContext, StepResult

COMMAND = "caseworker.command"
SMS = "sms_message"
COMMAND_RESULT = COMMAND + ".result"
AWAITING = "caseworker_command"
# Verb -> (action, the kinds of record it names: C case, T task, R registration, A a request to answer (an alert:
# someone asked for a person or a question was passed on); None: no record).
VERBS: dict[str, tuple[str, str | None]] = {
    **{w: ("list", None) for w in ("列表", "我的", "案件", "任务", "待办", "list", "ls", "cases", "tasks")},
    # 回复 / 答复: a question passed on, answered (A2 已回复, 回复了 A2).
    # 打过电话了 / 通过电话: a call made is a contact (C3 打过电话了 他说… was answered with the list of commands).
    **{w: ("contact", "CA") for w in ("联系", "已联系", "回复", "答复", "回电", "打过电话", "打了电话", "通过电话",
                                      "contact", "contacted", "answered")},
    # 走访 C12: the case's person visited (a contact in person, their visit tasks done); 完成 takes a task only.
    **{w: ("task_done", "TC") for w in ("走访", "已走访", "visit", "visited")},
    **{w: ("task_done", "T") for w in ("完成", "done")},
    **{w: ("close", "C") for w in ("结案", "关闭", "close")},
    **{w: ("accept", "R") for w in ("受理", "通过", "accept")},
    **{w: ("reject", "R") for w in ("退回", "不受理", "reject")},
    # The number to call: a case's laborer, the one a visit task is about (to call ahead of the visit), or the
    # one who asked for a person.
    **{w: ("phone", "CTA") for w in ("电话", "号码", "phone")},
    # Words for the person of a case or a request, sent through the chat they use (someone with no phone on record
    # can be reached no other way from the chat): 发消息 C3 您好, 我是村里的李书记….
    **{w: ("message", "CA") for w in ("发消息", "发信息", "留言", "message", "msg")},
    # The same by SMS, whatever chat they use: a caseworker who says 短信 means it (the person may not read WeChat;
    # 发短信 went by WeChat inside its 48-hour window).
    **{w: (SMS, "CA") for w in ("发短信", "短信", "sms")},
}
NEEDS_REASON = frozenset({"close", "reject", "message", SMS})
# The words a caseworker sends the person (发消息 or 发短信 C3 …).
TO_PERSON = frozenset({"message", SMS})
# A referral of a case's person to a vacancy, by the vacancy's number as the console's 岗位和培训 shows it (推荐 C12
# WN-001; C12 推荐 WN-001; the row's own number V7 too): the vacancy pushed to them, a 推荐岗位 in the case's package.
# A vacancy whose limits the person does not meet (age, a kind for the home county's people) is referred only when
# the caseworker confirms it: the command again with 确认 (推荐 C12 WN-001 确认, 确认推荐 C12 WN-001), or 确认 alone
# right after the warning.
_CONFIRM = r"(?:确认|确定|坚持|confirm(?:ed)?)"
_REFER = re.compile(rf"^(?P<pre>{_CONFIRM})?\s*(?:(?:推荐|介绍|refer)\s*[:：]?\s*[Cc]\s*(?P<case>\d{{1,9}})"
                    r"|[Cc]\s*(?P<case2>\d{1,9})\s*[,，、:：]?\s*(?:推荐|介绍|refer))(?:\s*[,，、:：]?\s*(?:给他|给她|岗位|到|去)?\s*(?P<item>[A-Za-z0-9][A-Za-z0-9_./-]{0,63}))?"
                    rf"(?:\s*[,，、:：]?\s*(?:推荐)?(?P<post>{_CONFIRM})(?:推荐)?)?"
                    r"[\s.。!！]*$", re.IGNORECASE)
_CONFIRM_ALONE = re.compile(rf"^(?:{_CONFIRM}|是|对|好|行|要|推荐)(?:推荐|的|吧)?[\s.。!！]*$", re.IGNORECASE)
# The referral waiting for that 确认, in the state: {"case", "item"} (a case number and a vacancy number, no more).
PENDING_REFERRAL = "refer_pending"
# A contact's note that tells a rights problem (联系 C3 他说老板欠了两个月工资没给): the rights case it may
# open, waiting for 确认 in the state: {"record", "id", "issues"} (a record, its number and issue codes, no words).
PENDING_RIGHTS = "rights_pending"
RIGHTS = "rights"
# A case's number alone (C12): what it waits for, with the person's open tasks and registration (outcome `summary`).
SUMMARY = "summary"
# The actions whose note is what the caseworker heard from the person (a contact, a visit, a request answered).
_HEARD = frozenset({"contact", "task_done"})
# Wages said to be paid, not owed: 没有拖欠工资, 没欠, 不欠, 工资按时发 (the laborer's words read as a report).
_PAID = re.compile(r"(?:没有?|不|未|无)(?:拖欠|欠|克扣|扣)|按时|准时|结清|发了|给了|没问题")
_REPORTED = 0.7
_COMMAND = re.compile(
    r"^(?P<verb>[\u4e00-\u9fff]+|[A-Za-z]+)[\s:：,，]*(?:(?P<kind>[CTRActra])\s*(?P<id>\d{1,9})(?!\d))?\s*(?P<rest>.*)$",
    re.S,
)
# The alerts' own words before a command (回复 电话 A5 看号码, 联系后回复 联系 A5), typed with it.
_QUOTED_REPLY = re.compile(r"^回复\s*[:：]?\s*(?=\S)")
# Closing said after a contact's note (C1 联系了 她说不算拖欠 结案): the case closed too, the note its reason.
_CLOSE_AFTER = re.compile(r"[\s,，。;；]*(?:可以|就|准备|予以|申请)?(?:结案|关闭案件|关闭)(?:了|吧|啦)?[\s。.!！]*$")
# More records of the same kind after the first (结案 C1 C2、C3 原因; 联系 C1和C2).
_ANOTHER = re.compile(r"^[\s,，、和及/]*(?P<kind>[CTRActra])\s*(?P<id>\d{1,9})(?!\d)")
# Punctuation around a reason is not the reason ("结案C3。" gives none: it is asked for).
_PUNCTUATION = " \t\n,，.。:：;；、!！?？"
# A record's number alone (C1, a1, T 5): the caseworker asks what to do with it.
_BARE_RECORD = re.compile(r"^(?P<kind>[CTRActra])\s*(?P<id>\d{1,9})[\s.。!！?？]*$")
# A record's number and words after it, no command (C5 他说包工头电话打不通; C1 C2 holds no words).
_RECORD_WITH_WORDS = re.compile(r"^(?P<kind>[CTRActra])\s*(?P<id>\d{1,9})[\s,，:：]+.*[\u4e00-\u9fff]")


def reason_of(text: str) -> str:
    """A closing or returning reason as written, the punctuation around it left off: "。" alone is no reason (the
    chat asks for one, the console refuses it)."""
    return text.strip(_PUNCTUATION)


# The record first, as a busy caseworker types it: "C3联系上了", "c3 联系", "A6 电话", "C3 结案 已就业".
_RECORD_FIRST = re.compile(r"^(?P<kind>[CTRActra])\s*(?P<id>\d{1,9})(?!\d)[\s,，:：、]*(?P<rest>\S.*)$", re.S)
# Said around a verb, not part of it: 已经联系 / 联系了 / 联系上了 / 走访过了 / 结案啦.
_BEFORE = ("已经", "已")
_AFTER = re.compile(r"^(?:上了|过了|好了|完了|到了|了|过|啦)(?=$|[\s,，.。!！:：、])")
_CHINESE_VERBS = sorted((w for w in VERBS if not w.isascii()), key=len, reverse=True)
# The next page of the list, after one: 下一页, 下页, 还有, 更多, next.
_NEXT = re.compile(r"^(?:下一?页|再来一页|还有|更多|继续|next(?: page)?)[\s.。!！?？]*$")
# The list's page number: 列表 2, 列表 第2页, list 2.
_PAGE = re.compile(r"^第?\s*(\d{1,4})\s*页?$")
# The list of what is overdue only (列表 逾期, 逾期, 列表逾期2, list overdue): a caseworker behind on their round.
_OVERDUE_LIST = re.compile(
    r"^(?:(?:列表|我的|待办|任务|案件|list|ls)\s*)?(?:逾期|超期|过期|已逾期|overdue|late)(?:的)?\s*(?:第?\s*(\d{1,4})\s*页?)?$",
    re.IGNORECASE)
OVERDUE = "overdue"
# People on one page of the list: a WeChat message holds ten lines comfortably; an SMS what fits two parts.
PAGE_PEOPLE = 10
WECHAT_BYTES = 2048
OUTCOMES = ("listed", "done", "not_found", "needs_reason", "wrong_state", "phone", "referred", "no_vacancy",
            "unfit", "already_referred", "no_phone", "no_sms", "no_sms_gateway", "rights_opened", "refer_rights",
            SUMMARY)
ACTIONS = ("contact", "task_done", "close", "accept", "reject", "phone", "answered", "message", SMS)
# An alert that someone with an open case stopped looking for work (bot/casework/effects.py): its dedup key's
# prefix, and how the list names it (it said 想找工作人员, as for 人工).
NOT_LOOKING = "not_looking"
# An alert that someone asked for their data to be deleted (dialogs/engine.py): its dedup key's prefix.
ERASURE = "erasure"
# How a case's contact is said back: with the words written after it kept as its note, or a contact after the first.
CONTACT_ACTIONS = ("contact_noted", "contact_again", "contact_added", "task_done_noted", "visit", "visit_noted")


def _verb(text: str) -> tuple[str, str | None, str] | None:
    """(action, record kinds, what follows) for a verb at the start of `text`, said as people say it (已经联系,
    联系了, 联系上了); None when `text` does not start with one."""
    word = text.lower()
    found = VERBS.get(word)
    if found is not None:
        return (*found, "")
    if word.isascii():
        head, _, rest = word.partition(" ")
        found = VERBS.get(head)
        return (*found, text[len(head):].strip()) if found is not None else None
    for before in _BEFORE:
        if word.startswith(before) and not any(word.startswith(v) for v in _CHINESE_VERBS):
            word, text = word[len(before):], text[len(before):]
            break
    for verb in _CHINESE_VERBS:
        if word.startswith(verb):
            action, kinds = VERBS[verb]
            rest = _AFTER.sub("", text[len(verb):])
            return action, kinds, words_of(rest) if action in TO_PERSON else rest.strip(_PUNCTUATION)
    return None


def words_of(text: str) -> str:
    """Words for the person (发消息 C3 …) as written: the separators before them left off, never their own
    punctuation ("在哪个村?" reached the person as "在哪个村"); nothing but punctuation is no words."""
    return text.strip().lstrip(":：,，、;；").strip() if reason_of(text) else ""


# A message to the person (发消息 C3 …) may be as long as the console's; a reason is kept to 200 characters. One
# character more is kept, to tell a message too long from one just long enough.
MAX_MESSAGE = 500


def _kept(action: str) -> int:
    return MAX_MESSAGE + 1 if action in TO_PERSON else 200


def parse(text: str) -> dict[str, Any] | None:
    """{"action", "record" (C, T, R or A), "id", "reason"} for a command, else None. The command is read in NFKC
    (full-width letters and digits: Ｃ３); words for the person (发消息 C3 …) are given as typed: NFKC turned the
    caseworker's full-width ，？！ into ASCII ,?! in the message the laborer read."""
    typed = text.strip()
    pieces = [unicodedata.normalize("NFKC", char) for char in typed]
    # Where each character of the normalized text came from (NFKC per character: a command has no combining marks).
    origin = [i for i, piece in enumerate(pieces) for _ in piece]
    normalized = "".join(pieces)
    cleaned = normalized.strip()
    origin = origin[len(normalized) - len(normalized.lstrip()):]
    command = _parse(cleaned)
    if command is not None and command["action"] in TO_PERSON and command["reason"] and (
            len(command["reason"]) <= MAX_MESSAGE and cleaned.endswith(command["reason"])):
        # The words end the command: the same words from what was typed.
        as_typed = typed[origin[len(cleaned) - len(command["reason"])]:].strip()
        command["reason"] = as_typed or command["reason"]
    return command


def _parse(cleaned: str) -> dict[str, Any] | None:
    if (refer := _REFER.match(cleaned)) is not None:
        command = {"action": "refer", "record": "C", "id": int(refer.group("case") or refer.group("case2")),
                   "reason": "", "item": refer.group("item") or ""}
        if refer.group("pre") or refer.group("post"):
            command["confirmed"] = True
        return command
    if (quoted := _QUOTED_REPLY.match(cleaned)) is not None and (inner := _parse(cleaned[quoted.end():])) is not None:
        return inner  # 回复 电话 A5, copied from the alert's "回复 电话 A5 看号码": the command it quotes
    overdue = _OVERDUE_LIST.match(cleaned)
    if overdue is not None:
        return {"action": "list", "record": None, "id": int(overdue.group(1)) if overdue.group(1) else None,
                "reason": "", "only": OVERDUE}
    first = _RECORD_FIRST.match(cleaned)
    if first is not None:
        said = _verb(first.group("rest").strip())
        if said is None:
            return None
        action, kind, reason = said
        named = first.group("kind").upper()
        if kind is None or named not in kind:
            return None
        return {"action": action, "record": named, "id": int(first.group("id")), "reason": reason[:_kept(action)]}
    m = _COMMAND.match(cleaned)
    if m is None:
        return None
    said = _verb(m.group("verb").strip())
    if said is None:
        return None
    action, kind, after = said
    named = m.group("kind")
    if kind is None:
        # The list takes a page number where the others take a record's ("列表 2", "列表第2页"): it goes in "id".
        asked = (after + m.group("rest")).strip()
        page = _PAGE.match(asked)
        if named or (asked and page is None):
            return None
        return {"action": action, "record": None, "id": int(page.group(1)) if page else None, "reason": ""}
    if after or not named or named.upper() not in kind:
        return None
    rest, more = m.group("rest"), []
    while (another := _ANOTHER.match(rest)) is not None and another.group("kind").upper() == named.upper():
        more.append(int(another.group("id")))  # 结案 C1 C2 C3 已协调补发工资: each of them (only C1 was closed)
        rest = rest[another.end():]
    found: dict[str, Any] = {"action": action, "record": named.upper(), "id": int(m.group("id")),
                             "reason": (words_of(rest) if action in TO_PERSON else reason_of(rest))[:_kept(action)]}
    if more:
        found["more"] = [n for n in dict.fromkeys(more) if n != found["id"]]
    return found


def rights_heard(note: str, ctx: StepContext) -> list[str]:
    """The rights problems a caseworker's note of a contact tells (联系 C3 他说老板欠了两个月工资没给: wages owed;
    没签合同 也没交社保: both), read as the laborer's own report is; none for wages said to be paid."""
    understanding = nlu.understand(note, ctx.today)
    if understanding.intent != "rights_issue" or understanding.confidence < _REPORTED:
        return []
    issues = [issue for issue in issues_of(understanding) if issue != "other"]
    if "wage_arrears" in issues and _PAID.search(unicodedata.normalize("NFKC", note)):
        issues.remove("wage_arrears")
    return issues


def step(state: JsonDict | None, inbound: Inbound, ctx: StepContext) -> StepResult:
    """One caseworker message (or the effect's answer) in, the reply out. Never raises for user input."""
    r = StepResult(dict(state or {}))
    r.state["awaiting"] = AWAITING
    if inbound.kind == "event":
        if inbound.event == COMMAND_RESULT:
            _result(r, inbound.payload, ctx.locale, ctx.channel)
        elif inbound.event == "subscribe":
            r.say("caseworker.help")
        return r
    command = parse(inbound.text)
    pending = r.state.pop(PENDING_REFERRAL, None)
    heard = r.state.pop(PENDING_RIGHTS, None)
    if command is None and isinstance(heard, Mapping) and _CONFIRM_ALONE.match(
            unicodedata.normalize("NFKC", inbound.text).strip()):
        # 确认 right after "…您写到拖欠工资, 要为本人开维权案件请回复 确认": the case, as the person's own report.
        command = {"action": RIGHTS, "record": str(heard.get("record") or "C"), "id": int(heard.get("id") or 0),
                   "reason": "", "issues": [str(issue) for issue in heard.get("issues") or ()]}
    if command is None and isinstance(pending, Mapping) and _CONFIRM_ALONE.match(
            unicodedata.normalize("NFKC", inbound.text).strip()):
        # 确认 right after "…不符合…确实要推荐请回复 确认": the referral it warned about, on purpose.
        command = {"action": "refer", "record": "C", "id": int(pending.get("case") or 0), "reason": "",
                   "item": str(pending.get("item") or ""), "confirmed": True}
    if command is None and _NEXT.match(unicodedata.normalize("NFKC", inbound.text).strip().lower()):
        # "下一页" after a page of the list (which says 回 列表2 看下页): the next one (past the end, the last).
        command = {"action": "list", "record": None, "id": int(r.state.get("list_page") or 0) + 1, "reason": ""}
        if r.state.get("list_only"):
            command["only"] = r.state["list_only"]  # the next page of the overdue list
    if command is None and (bare := _BARE_RECORD.match(unicodedata.normalize("NFKC", inbound.text).strip())):
        # C1 alone (a record copied from the list): what can be done with it, not every command there is. A case's
        # number gets its summary first (its deadline, the person's open tasks and registration: the effect's), then
        # the commands (it said what could be done, and nothing of the visit T5 waiting for the same person).
        kind = bare.group("kind").upper()
        if kind == "C":
            r.emit(COMMAND, action=SUMMARY, record="C", id=int(bare.group("id")), reason="")
            return r
        r.say(f"caseworker.record.{kind}", ref=f"{kind}{int(bare.group('id'))}")
        return r
    if command is None and (said := _RECORD_WITH_WORDS.match(unicodedata.normalize("NFKC", inbound.text).strip())):
        # C5 他说包工头电话打不通, A1 可以的 中午能回家: a record and words but no command. Nothing is sent or recorded;
        # which of the two they meant, by the record's kind (it was the whole command list).
        kind = said.group("kind").upper()
        words = _RECORD_FIRST.match(unicodedata.normalize("NFKC", inbound.text).strip())
        rest = words.group("rest") if words else ""
        end = _CLOSE_AFTER.search(rest)
        if kind == "C" and end is not None and (reason := reason_of(rest[:end.start()])):
            # C1 他是众包骑手 没有劳动关系 结案: the case closed, the words before 结案 its reason (was "未发出未记录").
            r.emit(COMMAND, action="close", record="C", id=int(said.group("id")), reason=reason)
            return r
        r.say(f"caseworker.record_words.{kind}", ref=f"{kind}{int(said.group('id'))}")
        return r
    if command is None:
        r.say("caseworker.help")
        return r
    if command["action"] == "refer" and not command["item"]:
        r.say("caseworker.refer_which", ref=f"C{command['id']}")  # 推荐 C12: which vacancy, and where to find it
        return r
    if command["action"] in NEEDS_REASON and not command["reason"]:
        r.say(f"caseworker.needs_reason.{command['action']}", ref=f"{command['record']}{command['id']}")
        return r
    if command["action"] in TO_PERSON and len(command["reason"]) > MAX_MESSAGE:
        r.say("caseworker.message_too_long", n=MAX_MESSAGE)  # (never cut: the person would read half of it)
        return r
    closing = None
    if command["action"] == "contact" and command["record"] == "C" and (
            end := _CLOSE_AFTER.search(command["reason"])) is not None and end.start() > 0:
        # C1 联系了 她说就是偶尔晚几天 不算拖欠 结案: the contact with its note, and the case closed for that reason
        # (only the contact was recorded; the case stayed open, the caseworker thinking it closed)
        command["reason"] = closing = reason_of(command["reason"][:end.start()])
    more = command.pop("more", ())
    if command["action"] in _HEARD and command["reason"]:
        told = rights_heard(command["reason"], ctx)
        if told:
            command["issues"] = told  # codes only: the effect offers the rights case unless one already has them
    r.emit(COMMAND, **command)
    for other in more:
        r.emit(COMMAND, **(command | {"id": other}))  # each answered in turn (C1 已结案。C2 已结案。)
    if closing:
        r.emit(COMMAND, action="close", record="C", id=command["id"], reason=closing)
    return r


def _result(r: StepResult, payload: Mapping[str, Any], locale: str, channel: str) -> None:
    outcome = str(payload.get("outcome") or "")
    ref = str(payload.get("ref") or "")
    if outcome == "listed":
        _listing(r, payload, locale, channel)
    elif outcome == "done":
        r.say(f"caseworker.done.{payload.get('action')}", ref=ref)
        if hours := payload.get("replies_for"):
            r.say("caseworker.replies_come_back", hours=hours)  # (bot/casework/replies.py: the person's answer)
        if counted := [str(other) for other in payload.get("counted") or ()]:
            # 联系 C5, and C6 (the same person's one-on-one case, mine too) waited for its first contact: this was it
            r.say("caseworker.also_contacted", refs="、".join(counted))
        if waiting := [str(other) for other in payload.get("waiting") or ()]:
            # 联系 C5, and C6 (the same person's one-on-one case) waits for its first contact: said, how to record it
            r.say("caseworker.also_waiting", refs="、".join(waiting), first=waiting[0])
        offered = [str(issue) for issue in payload.get("offer") or ()]
        if offered and isinstance(joins := payload.get("joins"), int):
            # The person has a rights case open (often the one just contacted): the problem is offered to it.
            r.say("caseworker.rights_offer_join", issues=_issues_text(offered, locale), case=f"C{joins}")
            r.state[PENDING_RIGHTS] = {"record": ref[:1], "id": int(ref[1:] or 0), "issues": offered}
        elif offered:
            r.say("caseworker.rights_offer", ref=ref, issues=_issues_text(offered, locale))
            r.state[PENDING_RIGHTS] = {"record": ref[:1], "id": int(ref[1:] or 0), "issues": offered}
    elif outcome == "rights_opened":
        joined_same = f"C{payload.get('case')}" == ref  # (not "C1 的本人已有维权案件 C1")
        key = ("caseworker.rights_joined_same" if joined_same else "caseworker.rights_joined") if not payload.get(
            "new") else (
            "caseworker.rights_opened_mine" if payload.get("mine") else "caseworker.rights_opened")
        r.say(key, ref=ref,
              case=f"C{payload.get('case')}", issues=_issues_text([str(i) for i in payload.get("issues") or ()],
                                                                  locale),
              owner=str(payload.get("owner") or ""))
    elif outcome == "referred":
        r.say("caseworker.referred", ref=ref, title=str(payload.get("title") or ""),
              item=str(payload.get("item") or ""))
        if payload.get("unchecked"):
            r.say("caseworker.refer_unchecked")  # no age or home on record: the person is not told it fits
    elif outcome == "unfit":
        _unfit(r, payload, locale)
    elif outcome == "no_vacancy":
        r.say("caseworker.no_vacancy", item=str(payload.get("item") or ""))
    elif outcome == "refer_rights":
        r.say("caseworker.refer_rights", ref=ref)  # a rights case has no service package to refer in
    elif outcome == "already_referred":
        r.say("caseworker.already_referred", ref=ref, title=str(payload.get("title") or ""),
              item=str(payload.get("item") or ""), at=str(payload.get("at") or ""))
    elif outcome == SUMMARY:
        _summary(r, payload, locale, channel)
    elif outcome == "phone":
        r.say("caseworker.phone", ref=ref, name=str(payload.get("name") or ""), phone=str(payload.get("phone") or ""))
    elif outcome in ("not_found", "wrong_state", "no_phone", "no_sms", "no_sms_gateway"):
        r.say(f"caseworker.{outcome}", ref=ref)
    else:
        r.say("caseworker.help")


def _summary(r: StepResult, payload: Mapping[str, Any], locale: str, channel: str) -> None:
    """C12 alone: the case as the list shows it, with the person's other open records (a visit T5, a registration
    R3 to accept), then what can be done with it; a closed case says so, and why."""
    ref = str(payload.get("ref") or "")
    person = payload.get("person")
    if not isinstance(person, Mapping):
        r.say("caseworker.help")
        return
    closed = payload.get("closed")
    if isinstance(closed, str):
        r.say("caseworker.summary_closed", ref=ref, name=str(person.get("name") or ""), reason=closed)
    if person.get("items"):
        r.say("caseworker.summary", line=person_line(person, locale, channel))
    if not isinstance(closed, str):
        # A rights case is offered no 推荐 (a referral belongs to a one-on-one case's service package).
        r.say("caseworker.record.rights" if payload.get("kind") == "rights" else "caseworker.record.C", ref=ref)


def _issues_text(issues: Sequence[str], locale: str) -> str:
    cat = catalog(locale)
    return cat.get("caseworker.issue_sep").join(cat.get(f"alert.issue.{issue}") for issue in issues)


def _unfit(r: StepResult, payload: Mapping[str, Any], locale: str) -> None:
    """推荐 C12 WN-001 for someone the vacancy's own limits leave out: why, and how to refer them all the same."""
    cat = catalog(locale)
    why: list[str] = []
    for limit in payload.get("limits") or ():
        if not isinstance(limit, Mapping):
            continue
        if limit.get("limit") == "age":
            low, high = limit.get("min"), limit.get("max")
            shape = "range" if low is not None and high is not None else "max" if high is not None else "min"
            why.append(cat.get(f"caseworker.limit.age_{shape}").format(age=limit.get("age"), min=low, max=high))
        else:
            why.append(cat.get(f"caseworker.limit.{limit.get('limit')}"))
    ref, item = str(payload.get("ref") or ""), str(payload.get("item") or "")
    r.say("caseworker.refer_unfit", ref=ref, item=item, title=str(payload.get("title") or ""),
          why=cat.get("caseworker.limit.sep").join(why))
    r.state[PENDING_REFERRAL] = {"case": int(payload.get("case") or 0), "item": item}


def _listing(r: StepResult, payload: Mapping[str, Any], locale: str, channel: str) -> None:
    people: Sequence[Mapping[str, Any]] = payload.get("people") or []
    only = payload.get("only") == OVERDUE
    if not people:
        r.say("caseworker.list.empty_overdue" if only else "caseworker.list.empty")
        return
    page, pages = int(payload.get("page") or 1), int(payload.get("pages") or 1)
    r.state["list_page"] = page  # what "下一页" goes on from
    if only:
        r.state["list_only"] = OVERDUE
    else:
        r.state.pop("list_only", None)
    asked = payload.get("asked")
    if isinstance(asked, int) and asked > pages:
        # 列表2 when everything is on one page showed that page again as if it were the second: there is no such
        # page, how much there is, and how to see it (the page itself is not sent again: with the note it could
        # pass two SMS parts or a WeChat reply's bytes).
        word = catalog(locale).get("caseworker.list.overdue_word", channel) if only else ""
        r.say("caseworker.list.no_page_one" if pages == 1 else "caseworker.list.no_page", asked=asked, pages=pages,
              count=int(payload.get("count") or 0), people=int(payload.get("total") or len(people)),
              first=word, last=f"{word}{pages}")
        return
    r.say("caseworker.list.title_overdue" if only else "caseworker.list.title",
          **_title_params(people, payload, locale, channel))
    if page < pages:
        later = catalog(locale).get("caseworker.list.overdue_word", channel) + str(page + 1) if only else page + 1
        r.say("caseworker.list.more", more=int(payload.get("after") or 0), next=later)


def _title_params(people: Sequence[Mapping[str, Any]], totals: Mapping[str, Any], locale: str,
                  channel: str) -> dict[str, Any]:
    page, pages = int(totals.get("page") or 1), int(totals.get("pages") or 1)
    label = catalog(locale).get("caseworker.list.page", channel).format(page=page, pages=pages) if pages > 1 else ""
    return {"count": totals.get("count") or 0, "people": totals.get("total") or len(people), "page": label,
            "lines": "\n".join(person_line(p, locale, channel) for p in people)}


def person_line(person: Mapping[str, Any], locale: str, channel: str) -> str:
    """One line per person: who (masked), then each open case, task and registration of theirs by its number."""
    cat = catalog(locale)
    items = [cat.get(f"caseworker.list.{item['type']}", channel).format(**item) for item in person["items"]]
    text = cat.get("caseworker.list.separator", channel).join(items)
    return cat.get("caseworker.list.person", channel).format(
        name=person["name"], phone=person["phone"], place=person["place"], items=text)


def paginate(people: Sequence[Mapping[str, Any]], locale: str, channel: str) -> list[list[dict[str, Any]]]:
    """The list's pages: as many people as fit the channel (an SMS of at most two parts, a WeChat text), at most
    PAGE_PEOPLE; someone with more open items than one page holds goes on over the next pages."""
    def fits(page: list[dict[str, Any]]) -> bool:
        # Counts and page numbers as wide as they get, so a page that fits here fits whatever they are.
        text = render(Outbound(key="caseworker.list.title", params=_title_params(
            page, {"count": 9999, "total": 9999, "page": 999, "pages": 999}, locale, channel)), locale, channel)
        return parts(text) <= MAX_PARTS if channel == "sms" else len(text.encode()) <= WECHAT_BYTES

    pages: list[list[dict[str, Any]]] = []
    for person in people:
        items = list(person["items"])
        while items:
            entry = {**person, "items": items}
            if pages and len(pages[-1]) < PAGE_PEOPLE and fits([*pages[-1], entry]):
                pages[-1].append(entry)
                break
            # A new page; someone with more than it holds goes on over the next ones, their line said again.
            taken = len(items)
            while taken > 1 and not fits([{**person, "items": items[:taken]}]):
                taken -= 1
            pages.append([{**person, "items": items[:taken]}])
            items = items[taken:]
    return pages


def catalog_keys() -> set[str]:
    return {
        "caseworker.help", "caseworker.list.empty", "caseworker.list.title", "caseworker.list.more",
        "caseworker.list.case", "caseworker.list.task", "caseworker.list.task_case", "caseworker.list.registration",
        "caseworker.list.request",
        "caseworker.list.resubmitted", "caseworker.list.working_again",
        "caseworker.list.title_overdue", "caseworker.list.empty_overdue",
        "caseworker.list.overdue_word", "caseworker.list.no_page", "caseworker.list.no_page_one",
        "caseworker.request.human_requested", "caseworker.request.question_referred", "caseworker.phone",
        f"caseworker.request.{NOT_LOOKING}", f"caseworker.request.{ERASURE}",
        "caseworker.list.page", "caseworker.list.person", "caseworker.list.separator",
        "caseworker.not_found", "caseworker.wrong_state", "caseworker.no_phone", "caseworker.no_sms",
        "caseworker.no_sms_gateway",
        "caseworker.what.assistance",
        "caseworker.contacted", "caseworker.also_waiting", "caseworker.also_contacted", "caseworker.replies_come_back",
        *(f"caseworker.what.{issue}" for issue in ("wage_arrears", "no_contract", "no_social_insurance", "other")),
        "caseworker.contact_by", "caseworker.contact_added_by", "caseworker.package_by", "caseworker.overdue",
        "caseworker.owner",
        *(f"caseworker.done.{a}" for a in (*ACTIONS, *CONTACT_ACTIONS) if a != "phone"),
        *(f"caseworker.needs_reason.{a}" for a in NEEDS_REASON),
        "caseworker.refer_which", "caseworker.message_too_long", "caseworker.referred", "caseworker.no_vacancy",
        "caseworker.refer_unfit", "caseworker.rights_offer",
        "caseworker.rights_offer_join", "caseworker.rights_opened", "caseworker.rights_joined",
        "caseworker.rights_joined_same",
        "caseworker.rights_opened_mine", "caseworker.summary", "caseworker.summary_closed",
        "caseworker.issue_sep",
        "caseworker.refer_unchecked", "caseworker.limit.sep", "caseworker.already_referred", "caseworker.what.several",
        *(f"caseworker.record.{kind}" for kind in "CTRA"), *(f"caseworker.record_words.{kind}" for kind in "CTRA"),
        "caseworker.record.rights", "caseworker.refer_rights",
        *(f"caseworker.limit.{k}" for k in ("age_range", "age_max", "age_min", "home_county", "home_province")),
    }
