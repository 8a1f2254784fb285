"""The lead's play-test of 2026-12-06 (fifth stop): a young woman back from 东莞 asks where a job is and what it
pays in one message (only the pay was said)."""

from __future__ import annotations

from dialogs.flows.jobs_replies import reply_of
from dialogs.i18n import catalog
from tests.jobs.test_dialog import GUARD, registered_chat
from tests.jobs.test_playtest4 import WORKSHOP


def test_where_and_pay_asked_together_are_both_read() -> None:
    assert reply_of("那个缝纫工的活在哪 多少钱一个月") == ("where_pay", None)
    assert reply_of("2号在哪 工资多少") == ("where_pay", 2)
    assert reply_of("工资多少") == ("pay", None)


def test_where_and_pay_asked_together_are_both_answered() -> None:
    chat = registered_chat(jobs=[GUARD, WORKSHOP])
    chat.say("有啥活干")
    chat.say("2号咋样")
    replies = chat.say("在哪 多少钱一个月")
    assert replies[0] == "「假发加工普工」在: 毕节市威宁彝族回族苗族自治县 草海镇易地扶贫搬迁安置点。"
    assert replies[1].startswith("「假发加工普工」的工资:")


def test_an_application_alert_names_it_by_a_number_no_chat_command_reads_as_another_record() -> None:
    """"请协助对接 (报名 A1)": a caseworker who then wrote "电话 A1" got "没有找到 A1" — A1 in the chat is an alert
    to answer (someone asking for a person), not the application: the application's number is said apart."""
    for locale in ("zh_CN", "en"):
        for key in ("application_made", "application_note", "application_question"):
            template = catalog(locale).get(f"alert.{key}")
            assert "{application}" in template and "A{application}" not in template, (locale, key)


def test_nothing_found_for_someone_who_stopped_our_messages_promises_no_new_ones() -> None:
    """After 别发了, 有活了告诉我 got "暂时没有适合您的工作。有新的会发给您" — nothing is sent to them."""
    chat = registered_chat(jobs=[])
    chat.say("别发了")
    replies = "\n".join(chat.say("有活了告诉我"))
    assert "有新的会发给您" not in replies and "恢复" in replies, replies


def test_none_fitting_or_none_away_for_someone_who_stopped_our_messages_promises_no_new_ones() -> None:
    """After 别发了, 都不合适 / 外省的有没有 still promised 有新的会马上发给您 / 有了会发给您."""
    chat = registered_chat(jobs=[GUARD])
    chat.say("别发了")
    chat.say("有啥活干")
    for text in ("都不合适", "外省的有没有"):
        replies = "\n".join(chat.say(text))
        assert "会马上发给您" not in replies and "有了会发给您" not in replies and "恢复" in replies, replies
        assert chat.awaiting == "jobs"


def test_none_fitting_for_someone_who_gets_our_messages_still_promises_them() -> None:
    """A guard: not stopped, 都不合适 says new ones will come."""
    chat = registered_chat(jobs=[GUARD])
    chat.say("有啥活干")
    assert "有新的会马上发给您" in "\n".join(chat.say("都不合适"))
