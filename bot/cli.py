"""The `jiuye` command line: serve, migrate, and the operator tools."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence
from datetime import date

from bot.logs import setup_logging
from bot.settings import Settings, SettingsError, load_settings

log = logging.getLogger("jiuye")


def _settings() -> Settings:
    try:
        return load_settings()
    except SettingsError as exc:
        print(f"jiuye: configuration error: {exc}", file=sys.stderr)
        raise SystemExit(2) from None


def cmd_serve(args: argparse.Namespace) -> int:
    from aiohttp import web

    from bot.app import create_app

    settings = _settings()
    if args.simulator:
        settings = settings.replace(simulator=True)
    setup_logging(settings.log_level)
    app = create_app(settings)
    log.info(
        "serving on http://%s:%d (simulator %s)",
        args.host,
        args.port,
        "on" if settings.simulator_enabled else "off",
    )
    web.run_app(
        app,
        host=args.host,
        port=args.port,
        reuse_port=args.reuse_port,
        backlog=2048,
        print=None,
        access_log=None,
    )
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    from storage.migrate import upgrade

    settings = _settings()
    setup_logging(settings.log_level)
    if settings.is_sqlite:
        from bot.app import _ensure_sqlite_dir

        _ensure_sqlite_dir(settings.database_url)
    upgrade(settings.database_url)
    print("migrations applied")
    return 0


def cmd_nlu(args: argparse.Namespace) -> int:
    from dialogs.nlu.cli import run

    today = date.fromisoformat(args.today) if args.today else date.today()
    return run(None if args.text == "-" else args.text, today, sys.stdin, sys.stdout)


def cmd_wechat_menu(args: argparse.Namespace) -> int:
    from pathlib import Path

    from sqlalchemy.exc import DBAPIError, OperationalError

    from bot.wechat_api import WeChatApiError
    from bot.wechat_menu import MenuError, install_menu, load_menu

    try:
        menu = load_menu(Path(args.file))
    except MenuError as exc:
        print(f"jiuye: {args.file} is not a usable menu:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    buttons = len(menu["button"])
    if args.check:
        print(f"{args.file}: valid menu with {buttons} top-level button(s); not installed (--check)")
        return 0
    settings = _settings()
    if not (settings.wechat_app_id and settings.wechat_app_secret):
        print(
            "jiuye: JIUYE_WECHAT_APP_ID and JIUYE_WECHAT_APP_SECRET are needed to install a menu",
            file=sys.stderr,
        )
        return 2
    setup_logging(settings.log_level)
    try:
        asyncio.run(install_menu(settings, menu))
    except WeChatApiError as exc:
        print(f"jiuye: WeChat did not install the menu: {exc.reason}", file=sys.stderr)
        return 1
    except (OperationalError, DBAPIError) as exc:
        # The shared access token lives in the database.
        print(
            f"jiuye: database unavailable ({type(exc).__name__}); is it migrated (jiuye migrate)?",
            file=sys.stderr,
        )
        return 1
    print(f"menu installed: {buttons} top-level button(s) from {args.file}")
    return 0


def _valid_date(value: str) -> str:
    try:
        date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {value!r}") from None
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="jiuye", description="Jiuye employment-assistance service")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="apply migrations, start the scheduler and serve HTTP")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8080)
    serve.add_argument("--simulator", action="store_true", help="enable the local chat simulator")
    serve.add_argument(
        "--reuse-port", action="store_true", help="share the port with other jiuye processes (SO_REUSEPORT)"
    )
    serve.set_defaults(func=cmd_serve)

    migrate = sub.add_parser("migrate", help="apply pending database migrations")
    migrate.set_defaults(func=cmd_migrate)

    nlu = sub.add_parser("nlu", help="show what the service understands in a text ('-': one per stdin line)")
    nlu.add_argument("--today", type=_valid_date, help="reference date for relative months (YYYY-MM-DD)")
    nlu.add_argument("text")
    nlu.set_defaults(func=cmd_nlu)

    wechat = sub.add_parser("wechat", help="WeChat Official Account tools")
    wechat_sub = wechat.add_subparsers(dest="wechat_command", required=True)
    menu = wechat_sub.add_parser("menu", help="validate a menu JSON file (menu/create format) and install it")
    menu.add_argument("file", help="e.g. deploy/wechat-menu.json")
    menu.add_argument("--check", action="store_true", help="only validate the file; install nothing")
    menu.set_defaults(func=cmd_wechat_menu)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    result: int = args.func(args)
    return result


if __name__ == "__main__":
    raise SystemExit(main())
