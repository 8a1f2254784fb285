"""The `jiuye` command line: serve, migrate, and the operator tools."""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import os
import sys
import time
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from bot.logs import setup_logging
from bot.settings import Settings, SettingsError, load_settings

log = logging.getLogger("jiuye")


def _settings() -> Settings:
    from bot import key_check

    existed = key_check.key_file_there(os.environ)
    var_dir = key_check.var_dir_of(os.environ)
    var_dir_existed = var_dir is None or var_dir.exists()
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(f"jiuye: configuration error: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    # A local run's key is var/secret.key under the working directory: run from elsewhere, it is not the key the
    # database's data was sealed with (a new one was made there). Refused before anything is read or written.
    key_file = settings.var_dir / key_check.KEY_FILE
    mismatch = key_check.check(settings.database_url, settings.secret_key,
                               key_file if key_check.holds(key_file, settings.secret_key) else None, existed)
    if mismatch is not None:
        if mismatch.created and mismatch.key_file is not None:
            # Made by this run for nothing: no stray key left behind, nor the var directory made for it.
            key_check.remove_made(mismatch.key_file, var_dir_existed)
        print(f"jiuye: configuration error: {mismatch.message()}", file=sys.stderr)
        raise SystemExit(2)
    return settings


def _tool_logging(settings: Settings) -> None:
    """Operator tools print their own results; the framework's INFO lines only when asked for."""
    setup_logging(settings.log_level or "WARNING")


def _url_host(host: str) -> str:
    if host in ("0.0.0.0", ""):  # noqa: S104 - naming the wildcard, not binding to it
        return "127.0.0.1"
    return f"[{host}]" if ":" in host else host


def cmd_serve(args: argparse.Namespace) -> int:
    from bot import connections, keys
    from bot.app import create_app
    from bot.settings import settings_warnings

    settings = _settings()
    if args.simulator:
        settings = settings.replace(simulator=True)
    setup_logging(settings.log_level or "INFO")
    for warning in settings_warnings(settings):
        log.warning("%s", warning)
    app = create_app(settings)
    base = f"http://{_url_host(args.host)}:{args.port}"

    def listening() -> None:
        # Printed, not logged: the first thing a person starting the service needs is where to go.
        print(f"jiuye: serving on {base}", flush=True)
        if settings.simulator_enabled:
            print(f"jiuye: chat simulator at {base}/simulator", flush=True)

    try:
        connections.run(
            app, app[keys.CONNECTIONS], host=args.host, port=args.port, reuse_port=args.reuse_port,
            max_connections=settings.max_connections, header_timeout=settings.header_timeout, listening=listening,
        )
    except connections.CannotListen as exc:
        print(f"jiuye: {exc} (another jiuye serve running? choose another with --port)", file=sys.stderr)
        return 1
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    from storage.migrate import upgrade

    settings = _settings()
    _tool_logging(settings)
    if settings.is_sqlite:
        from bot.app import _ensure_sqlite_dir

        _ensure_sqlite_dir(settings.database_url)
    before, after = upgrade(settings.database_url)
    if before == after:
        print(f"database already at revision {after}: nothing to do")
    else:
        print(f"database migrated from revision {before or '(empty)'} to {after}")
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
    _tool_logging(settings)
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


def _prepare_database(settings: Settings) -> None:
    """Bring the database up to date before an operator tool uses it (synchronous: before the loop runs)."""
    from storage.migrate import upgrade

    if settings.is_sqlite:
        from bot.app import _ensure_sqlite_dir

        _ensure_sqlite_dir(settings.database_url)
    upgrade(settings.database_url)


def cmd_roster_import(args: argparse.Namespace) -> int:
    from bot.roster import RosterFileError, import_roster, progress_bar
    from dialogs import nlu
    from storage.crypto import FieldCipher
    from storage.db import create_engine, session_factory

    settings = _settings()
    _tool_logging(settings)
    nlu.warm_up()
    _prepare_database(settings)

    async def run() -> int:
        engine = create_engine(settings.database_url)
        sessions = session_factory(engine)
        try:
            report = await import_roster(sessions, FieldCipher(settings.secret_key), Path(args.file),
                                         now=datetime.now(UTC), progress=progress_bar(sys.stderr))
        except RosterFileError as exc:
            print(f"jiuye roster import: {args.file}: {exc}", file=sys.stderr)
            return 1
        finally:
            await engine.dispose()
        for problem in report.invalid:
            print(problem)
        print(report.summary())
        return 0

    return asyncio.run(run())


def cmd_caseworkers_import(args: argparse.Namespace) -> int:
    from bot.casework.importer import import_caseworkers
    from bot.table_file import TableFileError, progress_bar
    from dialogs import nlu
    from storage.crypto import FieldCipher
    from storage.db import create_engine, session_factory

    settings = _settings()
    _tool_logging(settings)
    nlu.warm_up()
    _prepare_database(settings)

    async def run() -> int:
        engine = create_engine(settings.database_url)
        sessions = session_factory(engine)
        try:
            report = await import_caseworkers(sessions, FieldCipher(settings.secret_key), Path(args.file),
                                              now=datetime.now(UTC), progress=progress_bar(sys.stderr))
        except TableFileError as exc:
            print(f"jiuye caseworkers import: {args.file}: {exc}", file=sys.stderr)
            return 1
        finally:
            await engine.dispose()
        for problem in report.invalid:
            print(problem)
        print(report.summary())
        return 0

    return asyncio.run(run())


def cmd_items_import(args: argparse.Namespace) -> int:
    from bot.app import planner_for
    from bot.job_import import import_items
    from bot.table_file import TableFileError, progress_bar
    from dialogs import nlu
    from dialogs.matching import words
    from scheduler.job_pushes import ItemPushes
    from storage.crypto import FieldCipher
    from storage.db import create_engine, session_factory

    settings = _settings()
    _tool_logging(settings)
    nlu.warm_up()
    words.warm_up()
    _prepare_database(settings)
    table = args.command  # "vacancies" or "trainings"

    async def run() -> int:
        engine = create_engine(settings.database_url)
        sessions = session_factory(engine)
        now = _local(args.now, settings)
        cipher = FieldCipher(settings.secret_key)
        try:
            report = await import_items(table, sessions, cipher, Path(args.file),
                                        now=now, today=now.astimezone(settings.tz).date(),
                                        progress=progress_bar(sys.stderr))
            # Only the new items, to the people they fit: sent by the next `jiuye scheduler run-due`.
            pushes = await ItemPushes(sessions, cipher, planner_for(settings)).plan_new_items(now)
        except TableFileError as exc:
            print(f"jiuye {table} import: {args.file}: {exc}", file=sys.stderr)
            return 1
        finally:
            await engine.dispose()
        for problem in report.invalid:
            print(problem)
        print(report.summary())
        print(f"pushes planned: {pushes.counts['pushes planned']} "
              f"(joined to one waiting: {pushes.counts['pushes joined to one waiting']})")
        return 0

    return asyncio.run(run())


def cmd_jobs_match(args: argparse.Namespace) -> int:
    from bot.jobs_cli import UnknownPerson, best_for, json_lines
    from dialogs import nlu
    from dialogs.matching import words
    from storage.crypto import FieldCipher
    from storage.db import create_engine, session_factory

    settings = _settings()
    _tool_logging(settings)
    id_number = nlu.parse_id_number(args.id_number)
    if id_number is None:
        print("jiuye jobs match: not a valid ID number (18 characters, check digit)", file=sys.stderr)
        return 2
    nlu.warm_up()
    words.warm_up()
    _prepare_database(settings)

    async def run() -> int:
        engine = create_engine(settings.database_url)
        try:
            async with session_factory(engine)() as session:
                lines = await best_for(session, FieldCipher(settings.secret_key), id_number,
                                       today=datetime.now(settings.tz).date(), top=args.top)
        except UnknownPerson:
            print("jiuye jobs match: nobody with this ID number on a form or the roster", file=sys.stderr)
            return 1
        finally:
            await engine.dispose()
        sys.stdout.write(json_lines(lines))
        return 0

    return asyncio.run(run())


def cmd_export(args: argparse.Namespace) -> int:
    """`jiuye export form|cases|registrations|tasks|alerts|applications`: one code path, so that every export is
    checked, masked, audited and written alike."""
    from bot.casework.export import export_casework
    from bot.export import export_forms
    from bot.export_applications import export_applications
    from dialogs import nlu
    from storage.crypto import FieldCipher
    from storage.db import create_engine, session_factory

    out = Path(args.out).absolute()
    if out.suffix.lower() != "." + args.format:
        # A workbook written over form.csv (or the other way round) is a file nobody can open as named.
        print(f"jiuye export: {args.out} does not end in .{args.format} (the format asked for)", file=sys.stderr)
        return 2
    settings = _settings()
    _tool_logging(settings)
    nlu.warm_up()
    _prepare_database(settings)
    what = args.export_command

    async def run() -> int:
        engine = create_engine(settings.database_url)
        sessions = session_factory(engine)
        cipher = FieldCipher(settings.secret_key)
        common: dict[str, Any] = {"fmt": args.format, "out": out, "division": args.division,
                                  "unmasked": args.unmasked, "now": datetime.now(UTC)}
        try:
            if what == "form":
                rows = await export_forms(sessions, cipher, **common)
            elif what == "applications":
                rows = await export_applications(sessions, cipher, **common)
            else:
                rows = await export_casework(sessions, cipher, what=what, **common)
        except OSError as exc:
            print(f"jiuye export: cannot write {args.out}: {exc.strerror or exc}", file=sys.stderr)
            return 1
        finally:
            await engine.dispose()
        noun = {"form": "form(s)", "applications": "application(s)"}.get(what, what)
        print(f"{rows} {noun} written to {args.out}" + (" (UNMASKED, audited)" if args.unmasked else ""))
        return 0

    return asyncio.run(run())


def _moment(value: str) -> datetime:
    """ISO-8601; without a time zone, the programme's local time."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO-8601 time: {value!r} (e.g. 2027-03-01T10:00+08:00)") from None
    return moment


def _local(moment: datetime | None, settings: Settings) -> datetime:
    if moment is None:
        return datetime.now(UTC)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=settings.tz)


def cmd_scheduler_run_due(args: argparse.Namespace) -> int:
    from bot.app import GC_THRESHOLDS, planner_for
    from bot.checkin_effects import CaseworkSweep
    from bot.clock import Clock
    from bot.dispatcher import Dispatcher
    from dialogs import nlu
    from scheduler.job_pushes import ItemPushes
    from scheduler.sweep import DueWork, gather_submit
    from storage.crypto import FieldCipher
    from storage.db import create_engine, session_factory

    settings = _settings()
    setup_logging(settings.log_level)
    nlu.warm_up()
    _prepare_database(settings)
    # As `serve` does (bot/app.py): what start-up loaded lives as long as the process, so the cyclic collector
    # need not scan it again and again (its full collections were a fifth of a check-in's CPU here).
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)  # and collects as rarely (its middle and full collections over in-flight rows)
    now = _local(args.now, settings)

    async def run() -> int:
        engine = create_engine(settings.database_url)
        sessions = session_factory(engine)
        planner = planner_for(settings)
        # Bookkeeping (claims, outbox rows) on the real clock; the dialogs see `now`, so that a running
        # `serve` delivers what this queues at once, whatever time is being played.
        clock = Clock(settings.tz)
        cipher = FieldCipher(settings.secret_key)
        dispatcher = Dispatcher(sessions, cipher, clock, planner=planner)
        dispatcher.start()
        try:
            work = DueWork(sessions, planner, lambda batch: gather_submit(dispatcher.submit, batch),
                           casework=CaseworkSweep(cipher), pushes=ItemPushes(sessions, cipher, planner))
            report = await work.run_due(now, clock_now=clock.now)
        finally:
            await dispatcher.stop()
            await engine.dispose()
        print(f"due work at {now.astimezone(settings.tz).isoformat(timespec='minutes')}:")
        for line in report.lines() or ["nothing due"]:
            print(f"  {line}")
        return 0

    return asyncio.run(run())


def cmd_scheduler_prepare(args: argparse.Namespace) -> int:
    from bot.app import GC_THRESHOLDS, planner_for
    from bot.checkin_effects import CaseworkSweep
    from bot.prepared_checkins import CheckinPreparer
    from dialogs import nlu
    from scheduler.sweep import DueWork, SweepReport
    from storage.crypto import FieldCipher
    from storage.db import create_engine, session_factory

    settings = _settings()
    setup_logging(settings.log_level)
    nlu.warm_up()
    _prepare_database(settings)
    gc.freeze()  # as run-due and serve
    gc.set_threshold(*GC_THRESHOLDS)
    # On the clock's own zone, as `serve` sweeps: the times the dialog writes are the ones it would write.
    now = _local(args.now, settings).astimezone(UTC)

    async def run() -> int:
        engine = create_engine(settings.database_url)
        sessions = session_factory(engine)
        planner = planner_for(settings)
        cipher = FieldCipher(settings.secret_key)
        preparer = CheckinPreparer(sessions, cipher, planner, settings.tz)
        try:
            work = DueWork(sessions, planner, _nothing_submitted, casework=CaseworkSweep(cipher),
                           prepare=preparer.prepare)
            report = SweepReport()
            started = time.process_time()
            prepared = await work.prepare_due_soon(now, timedelta(hours=args.hours), report,
                                                   clock_now=lambda: datetime.now(UTC))
            cpu = time.process_time() - started
        finally:
            await engine.dispose()
        print(f"check-ins due within {args.hours:g} h of {now.astimezone(settings.tz).isoformat(timespec='minutes')}: "
              f"{prepared} prepared ({cpu:.2f} s CPU)")
        return 0

    return asyncio.run(run())


async def _nothing_submitted(inbounds: Any) -> list[BaseException | None]:
    return [None for _ in inbounds]


def cmd_scheduler_plan(args: argparse.Namespace) -> int:
    from bot.app import planner_for
    from scheduler.forecast import forecast
    from scheduler.schedules import KINDS
    from storage.db import create_engine, session_factory

    settings = _settings()
    setup_logging(settings.log_level)
    _prepare_database(settings)
    now = _local(args.now, settings)

    async def run() -> int:
        engine = create_engine(settings.database_url)
        try:
            per_day = await forecast(session_factory(engine), planner_for(settings), now, args.days)
        finally:
            await engine.dispose()
        print("date        " + "  ".join(f"{k:>16}" for k in KINDS) + "     total")
        for day, counts in per_day.items():
            print(f"{day.isoformat()}  " + "  ".join(f"{counts[k]:>16}" for k in KINDS)
                  + f"  {sum(counts.values()):>8}")
        return 0

    return asyncio.run(run())


def _read_password() -> str:
    """From standard input (never an argument: arguments are visible to every user in the process list); typed
    twice, unechoed, at a terminal."""
    if sys.stdin.isatty():
        import getpass

        first = getpass.getpass("new password: ")
        if getpass.getpass("again: ") != first:
            raise ValueError("the two passwords differ")
        return first
    return sys.stdin.readline().rstrip("\r\n")


def cmd_users_set_password(args: argparse.Namespace) -> int:
    from bot.console.auth import AccountNotFound, PasswordRefused, set_password
    from storage.crypto import FieldCipher
    from storage.db import create_engine, session_factory

    settings = _settings()
    _tool_logging(settings)
    try:
        password = _read_password()
    except (ValueError, EOFError) as exc:
        print(f"jiuye users set-password: {exc or 'no password given'}", file=sys.stderr)
        return 2
    _prepare_database(settings)

    async def run() -> int:
        engine = create_engine(settings.database_url)
        try:
            account = await set_password(session_factory(engine), FieldCipher(settings.secret_key),
                                         phone_text=args.phone, password=password, now=datetime.now(UTC))
        except (AccountNotFound, PasswordRefused) as exc:
            print(f"jiuye users set-password: {exc}", file=sys.stderr)
            return 1
        finally:
            await engine.dispose()
        print(f"password set for {account.name} ({account.role}); their other sessions were ended")
        return 0

    return asyncio.run(run())


def cmd_users_add_admin(args: argparse.Namespace) -> int:
    from bot.console.auth import AccountNotFound, add_admin
    from storage.crypto import FieldCipher
    from storage.db import create_engine, session_factory

    settings = _settings()
    _tool_logging(settings)
    _prepare_database(settings)

    async def run() -> int:
        engine = create_engine(settings.database_url)
        try:
            account, created = await add_admin(session_factory(engine), FieldCipher(settings.secret_key),
                                               phone_text=args.phone, name=args.name, now=datetime.now(UTC))
        except (AccountNotFound, ValueError) as exc:
            print(f"jiuye users add-admin: {exc}", file=sys.stderr)
            return 1
        finally:
            await engine.dispose()
        print(f"{account.name} is {'now' if created else 'made'} an administrator; set a password with "
              "jiuye users set-password")
        return 0

    return asyncio.run(run())


def cmd_api_tokens(args: argparse.Namespace) -> int:
    from bot.export_file import effective_user
    from bot.roster import division_code
    from dialogs import nlu
    from storage import api_tokens
    from storage.db import create_engine, session_factory

    settings = _settings()
    _tool_logging(settings)
    divisions: list[str] = []
    try:
        if args.tokens_command == "create":
            scopes = api_tokens.parse_scopes(args.scopes)
            nlu.warm_up()
            for part in args.divisions.split(","):
                code = division_code(part.strip()) if part.strip() else None
                if code is None:
                    raise api_tokens.TokenRefused(f"unknown division {part.strip()[:20]!r}")
                divisions.append(code)
    except api_tokens.TokenRefused as exc:
        print(f"jiuye api-tokens: {exc}", file=sys.stderr)
        return 2
    _prepare_database(settings)

    async def run() -> int:
        engine = create_engine(settings.database_url)
        now = datetime.now(UTC)
        try:
            async with session_factory(engine)() as session, session.begin():
                if args.tokens_command == "create":
                    token = await api_tokens.create(session, name=args.name, divisions=tuple(divisions),
                                                    scopes=scopes, now=now, granted_by=effective_user())
                elif args.tokens_command == "revoke":
                    await api_tokens.revoke(session, args.name, now=now)
                else:
                    rows = await api_tokens.listing(session)
        except api_tokens.TokenRefused as exc:
            print(f"jiuye api-tokens: {exc}", file=sys.stderr)
            return 1
        finally:
            await engine.dispose()
        if args.tokens_command == "create":
            print(token)
            print(f"token {args.name!r} created; it is shown only now (the database keeps only its hash)",
                  file=sys.stderr)
        elif args.tokens_command == "revoke":
            print(f"token {args.name!r} revoked")
        else:
            for row in rows:
                state = f"revoked {row.revoked_at:%Y-%m-%d}" if row.revoked_at else "active"
                used = f"{row.last_used_at:%Y-%m-%d %H:%M}Z" if row.last_used_at else "never"
                print(f"{row.name}\t{','.join(row.divisions)}\t{','.join(row.scopes)}\t"
                      f"created {row.created_at:%Y-%m-%d}\tlast used {used}\t{state}")
        return 0

    return asyncio.run(run())


def cmd_people_erase(args: argparse.Namespace) -> int:
    """Erase one person's data (consent withdrawn; bot/erasure.py): found by id, ID number or phone; asks before
    doing it unless --yes; prints what was removed, as counts (no personal data)."""
    from bot import erasure
    from bot.channels.sms import normalise_phone
    from bot.export_file import effective_user
    from dialogs.nlu.id_number import problem as id_number_problem
    from storage.crypto import FieldCipher
    from storage.db import create_engine, session_factory

    settings = _settings()
    _tool_logging(settings)
    id_number = phone = None
    if args.id_number is not None:
        id_number = args.id_number.strip().upper()
        if id_number_problem(id_number) is not None:
            print("jiuye people erase: not a valid ID number", file=sys.stderr)
            return 2
    if args.phone is not None:
        # As the SMS channel writes its senders (spaces, dashes, +86 / 0086): not the chat's parser, whose first
        # use loads the NLU.
        phone = normalise_phone(args.phone)
        if phone is None or not phone.startswith("+861"):
            print("jiuye people erase: not a valid mainland mobile number", file=sys.stderr)
            return 2
    _prepare_database(settings)
    cipher = FieldCipher(settings.secret_key)

    async def find() -> list[int]:
        engine = create_engine(settings.database_url)
        try:
            async with session_factory(engine)() as session:
                return await erasure.find_person(session, cipher, person_id=args.person, id_number=id_number,
                                                 phone=phone)
        finally:
            await engine.dispose()

    found = asyncio.run(find())
    if len(found) != 1:
        print("jiuye people erase: " + (f"{len(found)} people found (ids {', '.join(map(str, found))}); erase one "
                                        "with --person" if found else "nobody found"), file=sys.stderr)
        return 1
    [person_id] = found
    if not args.yes:
        question = f"erase every personal record of person {person_id}? This cannot be undone. Type yes: "
        if sys.stdin.isatty():
            answer = input(question)
        else:
            print(question, end="", flush=True)
            answer = sys.stdin.readline()
        if answer.strip().lower() != "yes":
            print("nothing erased")
            return 1

    async def run() -> erasure.Erased:
        engine = create_engine(settings.database_url)
        try:
            async with session_factory(engine)() as session, session.begin():
                return await erasure.erase_person(session, cipher, person_id, actor=f"operator:{effective_user()}"[:64],
                                                  via="cli", now=datetime.now(UTC))
        finally:
            await engine.dispose()

    print("\n".join(asyncio.run(run()).lines()))
    return 0


def _division_code(value: str) -> str:
    if not value.isdigit() or len(value) > 12:
        raise argparse.ArgumentTypeError(f"not a division code: {value!r}")
    return value


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

    roster = sub.add_parser("roster", help="the registered-household roster")
    roster_sub = roster.add_subparsers(dest="roster_command", required=True)
    roster_import = roster_sub.add_parser(
        "import", help="import registered laborers from CSV (UTF-8 or GBK) or XLSX; re-importing is safe",
        description="Columns: 姓名/name, 身份证号/id_number (required); 手机号/phone, 户编号/household_id, "
                    "户籍地/home_division (division code or place name).",
    )
    roster_import.add_argument("file")
    roster_import.set_defaults(func=cmd_roster_import)

    caseworkers = sub.add_parser("caseworkers", help="caseworkers and supervisors")
    caseworkers_sub = caseworkers.add_subparsers(dest="caseworkers_command", required=True)
    caseworkers_import = caseworkers_sub.add_parser(
        "import", help="import caseworkers from CSV (UTF-8 or GBK) or XLSX; re-importing is safe",
        description="Columns: 姓名/name, 手机号/phone (required); 负责区划/divisions (codes or names, separated by ; "
                    "or 、), 角色/role (caseworker or supervisor), 上级手机号/supervisor_phone, "
                    "微信openid/wechat_openid, 企业微信机器人/wecom_webhook, 兜底/fallback (是).",
    )
    caseworkers_import.add_argument("file")
    caseworkers_import.set_defaults(func=cmd_caseworkers_import)

    for table, what, columns in (
        ("vacancies", "vacancies (岗位)", "编号/external_id, 名称/title, 用人单位/employer, 类型/kind, 地区/division"),
        ("trainings", "trainings and technical-school openings", "编号/external_id, 名称/title, "
                                                                  "培训机构/provider, 类型/kind, 地区/division"),
    ):
        items = sub.add_parser(table, help=f"{what}: import from a spreadsheet")
        items_sub = items.add_subparsers(dest=f"{table}_command", required=True)
        items_import = items_sub.add_parser(
            "import", help=f"import {what} from CSV (UTF-8 or GBK) or XLSX, upserted by external_id",
            description=f"Required columns: {columns}; the others are in the README. Rows past their "
                        "expiry date are retired.",
        )
        items_import.add_argument("file")
        items_import.add_argument("--now", type=_moment, help="import and plan the pushes as at this time "
                                  "(default: now; no zone: local): for the simulator and tests")
        items_import.set_defaults(func=cmd_items_import)

    jobs = sub.add_parser("jobs", help="matching vacancies and trainings to people")
    jobs_sub = jobs.add_subparsers(dest="jobs_command", required=True)
    match = jobs_sub.add_parser(
        "match", help="a person's best vacancies and trainings as JSON lines (the ranking the chat uses)")
    match.add_argument("--id-number", required=True, help="the person's resident ID number")
    match.add_argument("--top", type=int, default=5, help="how many (default 5)")
    match.set_defaults(func=cmd_jobs_match)

    export = sub.add_parser("export", help="export records")
    export_sub = export.add_subparsers(dest="export_command", required=True)
    for name, description in (
        ("form", "the employment information forms, one row per laborer"),
        ("cases", "one-on-one assistance and rights cases"),
        ("registrations", "unemployment registrations prepared in the chat"),
        ("tasks", "visit and first-contact tasks, with their escalation"),
        ("alerts", "alerts to caseworkers and how each was delivered"),
        ("applications", "applications for vacancies and trainings, one row each"),
    ):
        export_one = export_sub.add_parser(name, help=description)
        export_one.add_argument("--format", choices=("xlsx", "csv", "json"), required=True)
        export_one.add_argument("--out", required=True, help="output file (ending in the format's extension)")
        export_one.add_argument("--division", type=_division_code, help="only this home-division code prefix")
        export_one.add_argument("--unmasked", action="store_true",
                                help="full ID and phone numbers (written to the audit log)")
        export_one.set_defaults(func=cmd_export)

    sched = sub.add_parser("scheduler", help="scheduled check-ins and other due work")
    sched_sub = sched.add_subparsers(dest="scheduler_command", required=True)
    run_due = sched_sub.add_parser(
        "run-due", help="run everything due now (or at --now) and print what was done; safe beside serve",
        description="Check-ins, reminders, visit tasks and survey reminders due at NOW go into the dialog "
                    "pipeline; messages leave through the outbox of the running service. Running it twice "
                    "with the same --now does nothing more.",
    )
    run_due.add_argument("--now", type=_moment, help="ISO-8601 time to run at (default: now); no zone: local")
    run_due.set_defaults(func=cmd_scheduler_run_due)
    prepare = sched_sub.add_parser(
        "prepare", help="prepare the check-ins due within --hours of now (or --now): released at once when due",
        description="Each check-in due soon is stepped as it will be at its due time and kept; when it is due, "
                    "the sweep releases it in a few statements if nothing it read has changed (else it is "
                    "stepped again). Safe beside serve; running it twice prepares nothing more.",
    )
    prepare.add_argument("--now", type=_moment, help="ISO-8601 time to count from (default: now); no zone: local")
    prepare.add_argument("--hours", type=float, default=12.0, help="hours ahead (default 12)")
    prepare.set_defaults(func=cmd_scheduler_prepare)
    plan = sched_sub.add_parser("plan", help="how much work falls due on each of the next days")
    plan.add_argument("--days", type=int, default=14, help="days to show (default 14)")
    plan.add_argument("--now", type=_moment, help="count from this time (default: now)")
    plan.set_defaults(func=cmd_scheduler_plan)

    users = sub.add_parser("users", help="console accounts (caseworkers, supervisors, administrators)")
    users_sub = users.add_subparsers(dest="users_command", required=True)
    set_pw = users_sub.add_parser(
        "set-password", help="set a console password, read from standard input (at least 10 characters)",
        description="The account is the imported caseworker or the administrator with this phone number. The "
                    "password is read from standard input (typed twice at a terminal), never from the command line.")
    set_pw.add_argument("phone")
    set_pw.set_defaults(func=cmd_users_set_password)
    admin = users_sub.add_parser("add-admin", help="make the account with this phone an administrator (sees "
                                                   "every division); created when nobody has the phone")
    admin.add_argument("phone")
    admin.add_argument("name")
    admin.set_defaults(func=cmd_users_add_admin)

    tokens = sub.add_parser("api-tokens", help="bearer tokens of the integration API (/api/v1)")
    tokens_sub = tokens.add_subparsers(dest="tokens_command", required=True)
    create = tokens_sub.add_parser(
        "create", help="make a token; it is printed once, only its hash is kept",
        description="The token sees the records of laborers within its divisions (each code with everything "
                    "below it); read: the GET endpoints, write: the vacancy and training upserts.")
    create.add_argument("--name", required=True, help="who uses it (letters, digits, . _ -): the audit log's actor")
    create.add_argument("--divisions", required=True, help="division codes, comma-separated (e.g. 520526,520502)")
    create.add_argument("--scopes", default="read",
                        help="read, write or read,write (default read); add unmasked (read,unmasked) for full ID and "
                             "phone numbers, audited")
    create.set_defaults(func=cmd_api_tokens)
    tokens_list = tokens_sub.add_parser("list", help="the tokens: name, divisions, scopes, last use, state")
    tokens_list.set_defaults(func=cmd_api_tokens)
    revoke = tokens_sub.add_parser("revoke", help="stop a token working (at once, for every process)")
    revoke.add_argument("name")
    revoke.set_defaults(func=cmd_api_tokens)

    people = sub.add_parser("people", help="laborers' personal data")
    people_sub = people.add_subparsers(dest="people_command", required=True)
    erase = people_sub.add_parser(
        "erase", help="delete a person's personal data (they withdrew consent); audited",
        description="Deletes or blanks everything personal of one person (accounts, conversation, messages, form, "
                    "scheduled work, applications); keeps a submitted unemployment registration (name, ID number) "
                    "and cases and tasks as statistics. Asks before doing it unless --yes.")
    who = erase.add_mutually_exclusive_group(required=True)
    who.add_argument("--person", type=int, help="the person's id (as the console shows it)")
    who.add_argument("--id-number", help="their ID number (form or linked roster entry)")
    who.add_argument("--phone", help="their phone (form, roster entry, or the number they text from)")
    erase.add_argument("--yes", action="store_true", help="do not ask")
    erase.set_defaults(func=cmd_people_erase)

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
