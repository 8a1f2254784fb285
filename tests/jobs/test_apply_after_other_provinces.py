""""报名 2" after "有没有外省的" (a new list of jobs in other provinces on screen) signs up for the second job of
that newest list, and the confirmation names it, on WeChat and by SMS, asked for or pushed; when none is found
in other provinces, the list on screen stays and its second job is the one."""

from __future__ import annotations

from typing import Any

import pytest

from tests.jobs.test_dialog import GUARD, RANGER, registered_chat
from tests.jobs.test_playtest7 import FACTORY, pushed
from tests.survey.driver import Chat

SHOES = FACTORY | {"ref": "v20", "title": "鞋厂针车工", "employer": "东莞某鞋厂", "place": "广东省东莞市",
                   "place_short": "东莞市"}


def _chat(channel: str, jobs: list[dict[str, Any]]) -> Chat:
    chat = registered_chat(jobs=jobs, channel=channel, address="+8613912345678" if channel == "sms" else "u1")
    chat.applications = {item["ref"]: {"status": "applied", "title": item["title"], "ref": item["ref"],
                                       "application_id": 1} for item in (GUARD, RANGER, FACTORY, SHOES)}
    return chat


@pytest.mark.parametrize("channel", ["wechat", "sms"])
@pytest.mark.parametrize("how", ["asked", "pushed"])
def test_apply_by_number_takes_the_newest_list(channel: str, how: str) -> None:
    chat = _chat(channel, [GUARD, RANGER])
    if how == "asked":
        chat.say("有啥活干")
    else:
        pushed(chat, [GUARD, RANGER])
    chat.jobs = [GUARD, RANGER, FACTORY, SHOES]
    assert any("鞋厂针车工" in reply for reply in chat.say("有没有外省的"))
    [applied] = chat.say("报名 2")
    assert "报名「鞋厂针车工」。" in applied and "7天后" in applied, applied
    assert [e.data["ref"] for e in chat.kinds("jobs.apply")] == ["v20"]


def test_with_none_in_other_provinces_the_list_on_screen_keeps_its_numbers() -> None:
    chat = _chat("wechat", [GUARD, RANGER])
    chat.say("有啥活干")
    assert chat.say("有没有外省的")[0].startswith("暂时没有外省的合适岗位")
    assert chat.say("报名 2") == ["已帮您报名「生态护林员」。接下来负责您的工作人员会联系您, "
                                 "帮您跟单位约面试或上岗的时间; 7天后我们会问问您进展, 等不及可以回复 人工。"]
    assert [e.data["ref"] for e in chat.kinds("jobs.apply")] == ["v3"]
