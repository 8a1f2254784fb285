"""Linking a new SMS number to the person it already belongs to (WeChat registration or roster entry).

Pure. The dispatcher starts it with the synthetic event `link.offer` when a brand-new SMS address has a
phone number already on record; the person proves it is them with the last four characters of their ID
number, which the `link.verify` effect checks (bot/linking.py: the dialog never sees the ID on record).
On success the effect re-points the address and the dispatcher continues the existing person's
conversation with `link.joined`. Three wrong answers lock linking for this number.

    stateDiagram-v2
        [*] --> confirm: link.offer
        confirm --> confirm: wrong last four (attempts left) / bad format
        confirm --> [*]: link.verify.result linked -> (dispatcher) link.joined
        confirm --> [*]: link.verify.result roster (roster entry attached to this person)
        confirm --> locked: third wrong answer
        confirm --> declined: 0 / 跳过 / 不是我 / 我忘了
        locked --> [*]
        declined --> [*]
"""

from __future__ import annotations

import re
import unicodedata

from dialogs import caseworker_reply
from dialogs.flow import end_flow
from dialogs.i18n import LOCALES
from dialogs.types import Inbound, StepContext, StepResult

OFFER = "link.offer"
VERIFY = "link.verify"
VERIFY_RESULT = "link.verify.result"
JOINED = "link.joined"
AWAITING = "link_id4"
MAX_FAILURES = 3
_DECLINE = frozenset({"0", "跳过", "不是我", "不是", "skip", "notme", "no"})
# 我忘了 / 记不清了 / 身份证没带: they cannot answer now; asking again would only repeat itself.
_CANNOT_SAY = re.compile(r"忘了|忘记|不记得|记不清|记不住|不知道|不清楚|没带|不在身边|找不到")
_LAST4 = re.compile(r"\d{3}[\dX]")
_FULL_ID = re.compile(r"\d{17}[\dX]")


def _squash(text: str) -> str:
    return re.sub(r"[\s。.!！,，~～、:：-]+", "", unicodedata.normalize("NFKC", text)).upper()


class LinkFlow:
    name = "link"

    def start(self, r: StepResult, ctx: StepContext) -> None:
        r.state["flow"] = self.name
        r.state["awaiting"] = AWAITING
        r.state["menu_open"] = False
        r.state[self.name] = {"phase": "confirm"}
        r.say("link.ask")

    def resume(self, r: StepResult, ctx: StepContext) -> None:
        r.say("link.ask")

    def handle(self, r: StepResult, inbound: Inbound, ctx: StepContext) -> None:
        if inbound.kind == "event":
            self._on_event(r, inbound, ctx)
            return
        answer = _squash(inbound.text)
        if answer.lower() in _DECLINE:
            self._finish(r, "declined")
            r.emit("link_declined", channel=ctx.channel)
            r.say("link.declined")
            return
        if _CANNOT_SAY.search(answer):
            self._finish(r, "declined")
            r.emit("link_declined", channel=ctx.channel)
            r.say("link.cannot_say")
            return
        if _FULL_ID.fullmatch(answer):
            answer = answer[-4:]  # the whole ID number answers the question too
        if not _LAST4.fullmatch(answer):
            r.say("link.bad_format")
            return
        # The effect compares; its verdict comes back as link.verify.result in the same step.
        r.emit(VERIFY, last4=answer)

    def catalog_keys(self) -> set[str]:
        return {"link.ask", "link.bad_format", "link.wrong", "link.locked", "link.declined", "link.cannot_say",
                "link.done",
                "link.confirmed",
                "link.unavailable"}

    def _on_event(self, r: StepResult, inbound: Inbound, ctx: StepContext) -> None:
        if inbound.event == OFFER:
            passed_on = inbound.payload.get("passed_on")
            if isinstance(passed_on, dict):
                # The number is on the form of someone a caseworker wrote to: their words went to the caseworker.
                # Told in the language of that record, as is the offer after it (bot/casework/replies.py).
                if passed_on.get("locale") in LOCALES:
                    r.state["locale"] = passed_on["locale"]
                caseworker_reply.tell_passed_on(r, ctx, passed_on)
            if (r.state.get(self.name) or {}).get("phase") in ("locked", "declined"):
                return
            self.start(r, ctx)
        elif inbound.event == VERIFY_RESULT:
            outcome = inbound.payload.get("outcome")
            if outcome == "linked":
                # The dispatcher moves on to the existing person's conversation (link.joined).
                self._finish(r, "linked")
            elif outcome == "roster":
                # On the roster but never registered: this conversation simply carries on.
                self._finish(r, "linked")
                r.say("link.confirmed")
            elif outcome == "wrong":
                left = int(inbound.payload.get("left", 0))
                r.say("link.wrong", left=left)
            elif outcome == "locked":
                self._finish(r, "locked")
                r.say("link.locked")
            else:
                self._finish(r, "unavailable")
                r.say("link.unavailable")
        elif inbound.event == JOINED:
            # Said in the existing person's conversation, which the engine then resumes.
            r.state.pop(self.name, None)
            r.say("link.done")

    def _finish(self, r: StepResult, phase: str) -> None:
        r.state[self.name] = {"phase": phase}
        if r.state.get("flow") == self.name:
            end_flow(r)


LINK = LinkFlow()
