"""care16 on the simulator: someone who reported wages owed halfway through the survey (name, ID and phone given,
the form not saved) was named 李* (138****2222) in the rights alert, but `(未登记姓名) 只用微信, 没留手机号 地址不详` in
the caseworker's 列表 (the list read only the saved form), and `电话 C1` answered 没留手机号. Now the list names and
places them by what the survey has heard, as the alerts do, and 电话 gives that number."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot import keys
from tests.casework.people import caseworker
from tests.fakes.identity import make_id
from tests.people import say

OPENID = "oLiShuji000000000000000416"
LABORER = "o-laborer-care16-416"


async def test_the_list_names_someone_halfway_through_the_survey_as_the_alert_did(client: Any) -> None:
    app = client.server.app
    async with app[keys.SESSIONS]() as session, session.begin():
        await caseworker(session, app[keys.CIPHER], phone="+8613900000416", divisions=("520526100",), openid=OPENID)
    await say(app, "wechat", LABORER, event="subscribe")
    for text in ("同意", "李四", make_id("520526", date(1980, 5, 6), 3), "13800002222", "不知道", "威宁县草海镇",
                 "银龙村", "老板欠了我三个月工资"):
        await say(app, "wechat", LABORER, text)

    listing = "\n".join((await say(app, "wechat", OPENID, "列表")).replies)
    assert "李* 138****2222 威宁彝族回族苗族自治县草海镇: C" in listing, listing
    assert "未登记" not in listing
    sms = "\n".join((await say(app, "sms", "+8613900000416", "列表")).replies)
    assert "李*: C" in sms, sms
    # The number the alert showed masked is the one 电话 gives (it said 没留手机号).
    case = sms.split("李*: C", 1)[1].split("维权", 1)[0]
    assert (await say(app, "wechat", OPENID, f"电话 C{case}")).replies == (f"C{case}: 李四 13800002222 (查看已记录)",)
