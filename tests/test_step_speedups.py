"""Guards of the dialog step's speed-ups (issue 11): each keeps the answer it replaced. The step copies the state
with marshal (the input untouched, the result the step's own), the memos' rule is the one it was, the memoised
readings read as unmemoised ones, and a form's applicable fields are the ones that apply."""

from __future__ import annotations

import copy
import importlib
import json
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from dialogs import engine, wechat_text
from dialogs.commands import command_of
from dialogs.flows.survey.fields import SURVEY_FORM
from dialogs.nlu import memo
from dialogs.nlu.spoken import as_typed
from dialogs.policy.catalogue import retrieval
from dialogs.text_fit import join_while_fits, split_to_fit
from dialogs.types import Inbound, StepContext
from storage import repositories
from storage.crypto import FieldCipher

understand = importlib.import_module("dialogs.nlu.understand")  # (the package re-exports its names)
NOW = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)
CTX = StepContext(now=NOW, today=date(2026, 11, 26), channel="wechat", locale="zh_CN")


def _text(text: str, n: int) -> Inbound:
    return Inbound(channel="wechat", address="u1", kind="text", dedup_key=f"k{n}", received_at=NOW, text=text)


def test_the_step_leaves_its_input_alone_and_its_result_shares_nothing_with_it() -> None:
    state: dict[str, Any] | None = None
    for n, said in enumerate(("你好", "1", "张三", "我在广东打工", "想学电焊", "菜单", "2")):
        before = copy.deepcopy(state)
        result = engine.step(state, _text(said, n), CTX)
        assert state == before, said
        if state is not None:
            # Every dict and list of the result is new: changing it cannot reach the state given.
            kept = json.dumps(state, sort_keys=True)
            _scribble(result.state)
            assert json.dumps(state, sort_keys=True) == kept, said
            result = engine.step(state, _text(said, n), CTX)
        state = json.loads(json.dumps(result.state))


def _scribble(node: Any) -> None:
    if isinstance(node, dict):
        for value in list(node.values()):
            _scribble(value)
        node["scribbled"] = True
    elif isinstance(node, list):
        for value in node:
            _scribble(value)
        node.append("scribbled")


class Flavour(StrEnum):
    SWEET = "sweet"


def test_the_state_copy_is_the_walk_for_what_marshal_does_not_take() -> None:
    shared = [1, {"a": [2]}]
    state = {"v": 1, "items": shared, "again": shared, "flavour": Flavour.SWEET, "n": None, "yes": True, "f": 1.5}
    copied = engine._copy_json(state)
    assert copied == state and copied == engine._copy_walk(state)
    assert copied["flavour"] is Flavour.SWEET  # not marshal's: shared as the walk shares it
    assert copied["items"] is not shared and copied["items"][1] is not shared[1]
    plain = {"items": shared, "again": shared, "yes": True, "big": 10**30, 3: "three"}
    copied = engine._copy_json(plain)
    assert copied == plain and list(copied) == list(plain)
    assert copied["yes"] is True
    # Two mentions of one list are two lists, as the walk makes them (marshal's format 2 keeps no references).
    assert copied["items"] is not copied["again"]


def _old_rule(text: str) -> bool:
    return len(text) <= 16 and sum(c.isnumeric() for c in text) <= 6


def test_the_memos_rule_is_the_old_one_whatever_came_before() -> None:
    texts = ("", "1", "好的", "123456", "1234567", "一二三四五六七", "５２０５２６１", "我的电话13812345678",
             "有没有附近的工作", "在县城扶贫车间上班啊啊啊啊啊啊啊", "在县城扶贫车间上班啊啊啊啊啊啊啊啊", "①②③④⑤⑥⑦",
             "我不识字，能不能打电话", "我今年45岁家里3口人")
    for first in texts:
        for text in texts:
            memo.may_keep(first)
            assert memo.may_keep(text) == _old_rule(text), (first, text)


def test_the_memoised_command_and_typed_readings_read_as_before_and_keep_no_number() -> None:
    texts = ("菜单", "人工", " 退订 ", "发短信太多了 TD", "嗯，那个，我叫，彭小军。", "介紹工作[捂脸]", "好的",
             "13812345678", "我的身份证520526199001010010", "我在东莞长安镇的电子厂上班，一个月四千五左右")
    for reading in (command_of, as_typed):
        for text in texts:
            assert reading(text) == reading.__wrapped__(text), text  # type: ignore[attr-defined]
            assert reading(text) == reading.__wrapped__(text), text  # type: ignore[attr-defined]
        for text in texts[-3:]:
            before = reading.cache_info().currsize  # type: ignore[attr-defined]
            reading(text)
            assert reading.cache_info().currsize == before, text  # type: ignore[attr-defined]


def test_a_forms_applicable_fields_are_those_that_apply() -> None:
    form = SURVEY_FORM
    answers_seen: list[dict[str, Any]] = [{}, {"employment_status": "employed"},
                                          {"employment_status": "unemployed", "willing_to_work": "yes"},
                                          {"employment_status": "employed", "employment_form": "self_employed"}]
    for answers in answers_seen:
        assert form.applicable(answers) == [f for f in form.fields if f.applies(answers)], answers


def _old_open(state: Any, cipher: FieldCipher) -> Any:
    """open_state as it was: a walk."""
    if isinstance(state, dict):
        if len(state) == 1 and "$enc" in state:
            return json.loads(cipher.decrypt(state["$enc"]))
        return {k: _old_open(v, cipher) if isinstance(v, dict | list) else v for k, v in state.items()}
    return [_old_open(v, cipher) if isinstance(v, dict | list) else v for v in state]


def test_a_state_opens_as_before_a_sealed_one_into_new_containers_a_plain_one_as_it_is() -> None:
    """Guard: open_state opens what the walk opened; a state with nothing sealed is returned as it is (the step
    copies it: `test_the_step_leaves_its_input_alone_and_its_result_shares_nothing_with_it`)."""
    cipher = FieldCipher(bytes(range(32)))
    plain = {"v": 1, "flow": "survey", "survey": {"answers": {"name": "张三", "skills": ["电焊", "开挖掘机"]},
                                                   "misses": 0, "editing": False}, "note": "$enc in a value"}
    told = {"v": 1, "survey": {"answers": {"name": "张三", "id_number": "520526199001011232", "phone": None}},
            "jobs": {"items": [{"ref": "v1", "employer_contact": "+8613812345678"}]},
            "flavour": Flavour.SWEET}
    for state in (plain, told, {}):
        sealed = json.loads(json.dumps(repositories.seal_state(state, cipher), ensure_ascii=False))
        opened = repositories.open_state(sealed, cipher)
        assert opened == _old_open(sealed, cipher) == state
        if state is told:
            kept = json.dumps(sealed, sort_keys=True)
            _scribble(opened)
            assert json.dumps(sealed, sort_keys=True) == kept
        else:
            assert opened is sealed
    with_enum = {"flavour": Flavour.SWEET, "items": [[1]]}  # (what marshal does not take: walked)
    opened = repositories.open_state(with_enum, cipher)
    assert opened == with_enum and opened["items"][0] is not with_enum["items"][0]


def test_a_conversation_opened_and_stepped_leaves_what_the_database_gave_alone() -> None:
    """Guard: with open_state no longer copying a plain state, the step's own copy keeps the row as it was."""
    cipher = FieldCipher(bytes(range(32)))
    state: dict[str, Any] = {}
    for n, said in enumerate(("你好", "1", "我在广东打工", "李秀英", "菜单", "2", "重新开始")):
        row = json.loads(json.dumps(repositories.seal_state(state, cipher), ensure_ascii=False))
        kept = json.dumps(row, sort_keys=True)
        result = engine.step(repositories.open_state(row, cipher) if row else None, _text(said, n), CTX)
        _scribble(result.state)
        assert json.dumps(row, sort_keys=True) == kept, said
        state = engine.step(repositories.open_state(row, cipher) if row else None, _text(said, n), CTX).state


NEWLY_MEMOISED = ("parse_id_number", "id_number_problem", "find_name", "name_said", "parse_daily_pay",
                  "asks_how_to_register", "picked_number", "about_others_only", "checks_presence", "about_family")


def test_the_readings_memoised_for_speed_read_as_before_and_keep_no_number() -> None:
    texts = ("张三", "我叫杨三贵", "俺叫张有才 湖南隆回的", "一天100 一个月干十来天", "咋登记", "好嘛 1", "在吗",
             "我老婆也想登记一下", "我儿子也想找工作", "", "520526199001011232", "身份证520526199001010010",
             "13812345678", "我的身份证520526199001010010", "我在东莞长安镇的电子厂上班，一个月四千五左右")
    for name in NEWLY_MEMOISED:
        reading = getattr(understand, name)
        for text in texts:
            assert reading(text) == reading.__wrapped__(text), (name, text)
            assert reading(text) == reading.__wrapped__(text), (name, text)
        for text in texts[-5:]:
            before = reading.cache_info().currsize
            reading(text)
            assert reading.cache_info().currsize == before, (name, text)


def _old_pack(texts: list[str], separator: str = "\n\n", limit: int | None = None) -> list[str]:
    most = limit or wechat_text.MAX_BYTES
    pieces = (piece for text in texts for piece in split_to_fit(text, lambda p: wechat_text.size(p) <= most))
    return join_while_fits(pieces, separator, lambda joined: wechat_text.size(joined) <= most)


def test_replies_are_packed_as_before() -> None:
    cases: list[list[str]] = [[], [""], ["好的"], ["好的", "", "请问您叫什么名字?"], ["字" * 682, "好"],
                              ["字" * 683], ["字" * 300, "字" * 300, "字" * 100], ["一行\n" * 400]]
    for texts in cases:
        for limit in (None, 100):
            assert wechat_text.pack(texts, limit=limit) == _old_pack(texts, limit=limit), (texts[:1], limit)
            assert wechat_text.pack(iter(texts), limit=limit) == _old_pack(texts, limit=limit)
        for text in texts:
            assert wechat_text.within_limit(text) == split_to_fit(text, lambda p: wechat_text.size(p) <= 2048)


def _old_seal_would_copy(node: Any) -> bool:
    """Whether the walk of seal_state (as it was) finds a sensitive value to encrypt."""
    if isinstance(node, dict):
        return any((k in repositories.SENSITIVE_STATE_KEYS and v is not None) or _old_seal_would_copy(v)
                   for k, v in node.items())
    return isinstance(node, list) and any(_old_seal_would_copy(v) for v in node)


def test_a_state_is_sealed_as_before() -> None:
    cipher = FieldCipher(bytes(range(32)))
    states: list[dict[str, Any]] = [
        {}, {"v": 1, "flow": None}, {"jobs": {"phone_asked": True, "said": "phone", "items": [{"ref": "phone"}]}},
        {"survey": {"answers": {"phone": None}}}, {"survey": {"answers": {"phone": "+8613812345678"}}},
        {"registration": {"facts": [{"employer_contact": "+8613812345678"}]},
         "pending_id_number": "520526199001011232"},
        {"survey": {"answers": {"id_number": "520526199001011232"}}, "flavour": Flavour.SWEET},
    ]
    for state in states:
        kept = copy.deepcopy(state)
        sealed = repositories.seal_state(state, cipher)
        assert state == kept
        assert (sealed is not state) == _old_seal_would_copy(state), state
        text = json.dumps(sealed, ensure_ascii=False)
        assert "+8613812345678" not in text and "520526199001011232" not in text
        assert repositories.open_state(json.loads(text), cipher) == state


def test_the_policy_terms_of_a_question_are_read_as_before() -> None:
    search = retrieval()
    for text in ("失业金咋领", "有啥补贴能领", "交了一年社保能领吗", "娃读技校 有补助不", "好的", "在哪领", "要带啥",
                 "我在东莞长安镇的电子厂上班，一个月四千五左右 失业了能领失业金吗"):
        first = search._terms(text)
        assert first == search._read_terms(text, False), text
        first.append("changed")  # a caller's own list
        assert search._terms(text) == search._read_terms(text, False), text


MORE_TEXTS = ("你好", "1", "嗯", "在家带娃", "在家给人放羊", "身份证没带在身上", "流水线", "东莞",
              "好的", "菜单", "登记", "找工作", "我想找工作", "我在广东打工", "厂子倒闭了", "张三",
              "王建国", "石羊村", "李湾", "老娘上个月走了", "家里有老人要照顾", "孩子上学要钱 有活吗", "县里市里都行",
              "想学电焊", "会开挖掘机", "在县城扶贫车间上班", "我叫张三 在东莞打工", "", "520526199001011232",
              "13812345678", "我叫杨丽 电话13812345678", "我的身份证520526199001010010 在东莞长安镇的电子厂上班")


def test_the_readings_memoised_this_stop_read_as_before_and_keep_no_number() -> None:
    """Guard: the readings memoised this stop read as unmemoised, and keep no long number."""
    from dialogs import forms
    from dialogs.engine import MENU, _name_alone
    from dialogs.flows import idle, rights
    from dialogs.flows.registration.fields import reason_in
    from dialogs.flows.survey import fields as survey_fields
    from dialogs.flows.survey import vocabulary
    from dialogs.nlu import spoken
    from dialogs.policy import hardship

    flow = importlib.import_module("dialogs.flows.survey.flow")
    prefill = importlib.import_module("dialogs.flows.survey.prefill")
    entries = tuple(entry for entry, _ in MENU)
    readings: tuple[tuple[Any, tuple[Any, ...]], ...] = (
        (understand.tells_bereavement, ()), (hardship.told, ()), (understand.menu_entry, (entries,)),
        (forms.squash, ()), (flow._consent_verdict, ()), (spoken.only_faces, ()), (prefill.village_alone, ()),
        (idle._offers_details, ()), (rights.asks_about_injury, ()), (_name_alone, ()), (engine._opening, ()),
        (understand.parse_phone, ()), (understand.resolve_place, ()), (reason_in, ()),
        (understand.find_job_type, ()), (prefill.cares_at_home, ()), (prefill.works_at_home, ()),
        (vocabulary.id_card_not_at_hand, ()), (spoken.asks_meaning, ()), (survey_fields.said_already, ()),
        (spoken.asks_why_asked, ()))
    for reading, args in readings:
        for text in MORE_TEXTS:
            assert reading(text, *args) == reading.__wrapped__(text, *args), (reading, text)
            assert reading(text, *args) == reading.__wrapped__(text, *args), (reading, text)
        for text in MORE_TEXTS[-4:]:
            before = reading.cache_info().currsize
            reading(text, *args)
            assert reading.cache_info().currsize == before, (reading, text)


def test_the_copied_memos_read_as_before_give_each_caller_its_own_copy_and_keep_no_number() -> None:
    """Guard: the facts held before consent and the choices said in passing, memoised by `memo.copied_memo`."""
    flow = importlib.import_module("dialogs.flows.survey.flow")
    prefill = importlib.import_module("dialogs.flows.survey.prefill")  # (the package re-exports the function)
    facts = flow._facts_before_consent
    choices = prefill._choices_in_passing
    for text in MORE_TEXTS:
        said = understand.understand(text, CTX.today)
        calls = [(facts, (said,))] + [(choices, (SURVEY_FORM, text, current))
                                      for current in (None, "employment_form", "preferred_scope")]
        for reading, args in calls:
            expected = reading.__wrapped__(*args)
            first = reading(*args)
            assert first == expected, text
            _scribble(first)  # the caller changes what it got: the next caller does not see it
            again = reading(*args)
            assert again == expected and again is not first, text
            _scribble(again)
            assert reading(*args) == expected, text
    for reading in (facts, choices):
        before = reading.kept_count()
        for text in MORE_TEXTS[-3:]:
            if reading is facts:
                reading(understand.understand(text, CTX.today))
            else:
                reading(SURVEY_FORM, text, None)
        assert reading.kept_count() == before


def test_every_forms_applicable_fields_are_those_that_apply_whatever_the_answers() -> None:
    """Guard: `Form.applicable` from its table of outcomes, for answers that turn each condition on and off."""
    from dialogs.flows.registration.fields import REGISTRATION_FORM
    from dialogs.flows.survey.vocabulary import value_of

    values: dict[str, tuple[Any, ...]] = {
        "employment_status": (None, "employed", "unemployed", "unable", "looking"),
        "employment_form": (None, "employee", "self_employed", "flexible"),
        "willing_to_work": (None, "yes", "no"),
        "work_place": (None, value_of("work_itself", "place"), "东莞"),
        "insured": (None, True, False, "yes", "no"),
    }
    combos: list[dict[str, Any]] = [{}]
    for key, options in values.items():
        combos = [{**c, key: v} if v is not None else c for c in combos for v in options]
    for form in (SURVEY_FORM, REGISTRATION_FORM):
        for answers in combos:
            got = form.applicable(answers)
            assert got == [f for f in form.fields if f.applies(answers)], (form.name, answers)
            got.clear()  # a caller's list is its own
            assert form.applicable(answers) == [f for f in form.fields if f.applies(answers)], (form.name, answers)


def test_messages_without_parameters_render_as_before() -> None:
    """Guard: the texts of messages without parameters kept per catalog; with parameters, a new catalog, or
    options given as a list, rendered as always."""
    from dialogs import i18n
    from dialogs.types import Outbound

    def old(message: Outbound, locale: str, channel: str) -> str:
        return i18n._render(i18n.catalog(locale), message, channel)

    messages = [Outbound(key="common.greeting"), Outbound(key="survey.consent.plainly", options=("survey.consent.agree",
                "survey.consent.refuse")), Outbound(key="common.not_understood"), Outbound(text="原文"),
                Outbound(key="survey.consent.name_later", params={"name": "杨丽"}),
                Outbound(key="survey.consent.plainly", options=["survey.consent.agree", "survey.consent.refuse"])]  # type: ignore[arg-type]
    for locale in i18n.LOCALES:
        for channel in ("wechat", "sms"):
            for message in messages:
                for _ in range(2):
                    assert i18n.render(message, locale, channel) == (message.text or old(message, locale, channel))


def test_the_first_readings_of_a_message_are_each_as_read_alone() -> None:
    """Guard: `engine._opening` reads what `_on_text` read one by one."""
    from dialogs import nlu, policy

    for text in (*MORE_TEXTS, "退订", "别发了 烦死了", "怎么不收消息", "咋知道我号码的", "你们是谁啊", "？", "TD",
                 "把我的信息删了"):
        assert tuple(engine._opening(text)) == (
            command_of(text), nlu.asks_to_stop(text), nlu.asks_how_to_stop(text), policy.asks_where_number(text),
            nlu.asks_who_we_are(text), nlu.asks_erasure(text), nlu.introduces_themselves(text)), text


def test_choices_are_parsed_as_before_into_a_value_of_the_callers_own() -> None:
    """Guard: `forms.parse_choice` memoised (`memo.copied_memo`, the field by identity): as unmemoised, each
    caller's list its own, no long number kept."""
    from dialogs import forms
    from dialogs.flows.registration.fields import REGISTRATION_FORM

    texts = (*MORE_TEXTS, "2", "1 3", "135", "都要", "一 三", "在工作", "没交", "不知道", "合同到期了", "老板跑路了")
    for form in (SURVEY_FORM, REGISTRATION_FORM):
        for f in (f for f in form.fields if f.choices):
            for text in texts:
                expected = forms.parse_choice.__wrapped__(f, text)  # type: ignore[attr-defined]
                got = forms.parse_choice(f, text)
                assert got == expected, (f.key, text)
                if isinstance(got, list):
                    got.append("scribbled")
                assert forms.parse_choice(f, text) == expected, (f.key, text)
    before = forms.parse_choice.kept_count()  # type: ignore[attr-defined]
    for text in MORE_TEXTS[-3:]:
        forms.parse_choice(SURVEY_FORM.fields[0], text)
    assert forms.parse_choice.kept_count() == before  # type: ignore[attr-defined]


def test_places_named_are_read_as_before_into_lists_of_the_callers_own() -> None:
    """Guard: `place_mentions` and `places_within` of short messages memoised (as tuples): as unmemoised, and each
    caller gets a list of its own."""
    from dialogs.nlu import places
    from dialogs.nlu.model import model

    for text in (*MORE_TEXTS, "纳雍县猪场乡新华村", "长安镇", "水车镇", "猪场乡"):
        expected = places.place_mentions(model().gazetteer, understand.normalize(text))
        for _ in range(2):
            got = understand.place_mentions(text)
            assert got == expected, text
            got.append(None)  # type: ignore[arg-type]
        for code, at_work in (("522426", False), ("44", True), ("431382", False)):
            within = understand._places_within(text, code, at_work)
            for _ in range(2):
                got_within = understand.places_within(text, code, at_work=at_work)
                assert got_within == within, (text, code)
                got_within.clear()
