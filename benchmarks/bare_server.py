"""The baseline for the /wechat load test: the same aiohttp, a POST /wechat handler that returns a constant reply.

It does nothing a real callback must do (no signature, no parsing, no storage), so it measures what the
HTTP stack alone costs on this machine; `wechat_load.py` reports the service's throughput as a share of it.
"""

from __future__ import annotations

import argparse

from aiohttp import web

REPLY = (
    "<xml><ToUserName><![CDATA[bench-user]]></ToUserName><FromUserName><![CDATA[gh_bench]]></FromUserName>"
    "<CreateTime>1764122400</CreateTime><MsgType><![CDATA[text]]></MsgType>"
    "<Content><![CDATA[您好]]></Content></xml>"
)


async def wechat(request: web.Request) -> web.Response:
    # The body is left to aiohttp (it drains it for keep-alive): the baseline is as cheap as a handler can be.
    return web.Response(text=REPLY, content_type="application/xml")


async def healthz(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--reuse-port", action="store_true")
    args = parser.parse_args()
    app = web.Application(client_max_size=64 * 1024)
    app.router.add_routes([web.post("/wechat", wechat), web.get("/healthz", healthz)])
    # The same run_app options as `jiuye serve`.
    web.run_app(app, host=args.host, port=args.port, reuse_port=args.reuse_port, backlog=2048,
                print=None, access_log=None)


if __name__ == "__main__":
    main()
