"""Reference servers for the /wechat load test, on the same aiohttp as the service.

`--mode bare` (the baseline): POST /wechat returns a constant reply. It does nothing a real callback must
do, so it measures what the HTTP stack alone costs on this machine; `wechat_load.py` reports every
server's throughput as a share of it.
`--mode wechatpy`: what WeRoBot does without session storage (check_signature, parse_message,
TextReply.render with wechatpy) and stores nothing: the stateless reference the issue's target names.
"""

from __future__ import annotations

import argparse

from aiohttp import web
from wechatpy import parse_message
from wechatpy.exceptions import InvalidSignatureException
from wechatpy.replies import TextReply
from wechatpy.utils import check_signature

TOKEN = web.AppKey("token", str)

REPLY = (
    "<xml><ToUserName><![CDATA[bench-user]]></ToUserName><FromUserName><![CDATA[gh_bench]]></FromUserName>"
    "<CreateTime>1764122400</CreateTime><MsgType><![CDATA[text]]></MsgType>"
    "<Content><![CDATA[您好]]></Content></xml>"
)


async def wechat(request: web.Request) -> web.Response:
    # The body is left to aiohttp (it drains it for keep-alive): the baseline is as cheap as a handler can be.
    return web.Response(text=REPLY, content_type="application/xml")


async def wechatpy_reply(request: web.Request) -> web.Response:
    q = request.query
    try:
        check_signature(request.app[TOKEN], q.get("signature", ""), q.get("timestamp", ""), q.get("nonce", ""))
    except InvalidSignatureException:
        return web.Response(status=403, text="forbidden")
    message = parse_message(await request.read())
    return web.Response(text=TextReply(message=message, content="您好").render(), content_type="application/xml")


async def healthz(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--reuse-port", action="store_true")
    parser.add_argument("--mode", choices=("bare", "wechatpy"), default="bare")
    parser.add_argument("--token", default="bench-token", help="wechatpy mode: the token requests are signed with")
    args = parser.parse_args()
    app = web.Application(client_max_size=64 * 1024)
    app[TOKEN] = args.token
    handler = wechat if args.mode == "bare" else wechatpy_reply
    app.router.add_routes([web.post("/wechat", handler), web.get("/healthz", healthz)])
    # The same run_app options as `jiuye serve`.
    web.run_app(app, host=args.host, port=args.port, reuse_port=args.reuse_port, backlog=2048,
                print=None, access_log=None)


if __name__ == "__main__":
    main()
