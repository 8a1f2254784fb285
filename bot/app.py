"""The application factory: builds every resource, owned by cleanup contexts, reached through typed keys.

Start-up order (cleanup contexts run in this order and are torn down in reverse):
1. database engine, migrations applied, dictionaries warmed up;
2. HTTP client session (outbound WeChat and SMS calls);
3. dispatcher lanes, the outbox worker and the alert worker;
4. the scheduler, whose tick sweeps due work (check-ins) into the dispatcher.
"""

from __future__ import annotations

import asyncio
import dataclasses
import gc
import logging
import os
import socket
from collections.abc import AsyncIterator
from datetime import timedelta

import aiohttp
from aiohttp import web, web_response

from bot import api, console, health, keys
from bot.casework import policy as casework_policy
from bot.casework import simulator as casework_simulator
from bot.casework.wecom import WeComRobot
from bot.casework.worker import AlertWorker
from bot.channels import simulator, sms, wechat
from bot.channels.wechat_sender import WeChatSender
from bot.checkin_effects import CaseworkSweep
from bot.clock import Clock
from bot.connections import ConnectionGuard
from bot.delivery import CAN_SEND, OutboxWorker, Sender
from bot.dispatcher import Dispatcher
from bot.group_commit import GroupCommitter
from bot.job_board import JobBoard
from bot.prepared_checkins import CheckinPreparer
from bot.settings import Settings
from bot.wechat_api import WeChatApi
from dialogs import nlu
from dialogs.engine import all_catalog_keys, check_wiring
from dialogs.i18n import validate_catalogs
from dialogs.matching import words
from scheduler import add_due_work_job, build_scheduler
from scheduler.calendar import ProgrammeCalendar
from scheduler.job_pushes import ItemPushes
from scheduler.planning import Planner
from scheduler.sweep import DueWork, gather_submit
from storage.crypto import FieldCipher
from storage.db import create_engine, session_factory
from storage.migrate import upgrade

log = logging.getLogger(__name__)

MAX_REQUEST_BODY = 64 * 1024
# Measured with benchmarks/checkins.py (benchmarks/README.md, "Check-ins").
OUTBOX_BATCHES_IN_FLIGHT = 3
# Kannel's get-url carries the SMS text in the query string: 2,000 Chinese characters percent-encoded as
# UTF-8 are 18 KB, far over aiohttp's default request line of 8,190 bytes (a 400 that Kannel does not retry).
MAX_REQUEST_LINE = 64 * 1024
# What every response says in its Server header: not aiohttp's name and version (which tell an attacker
# which published flaws to try). Set on aiohttp's module default so that the 400s its HTTP parser sends
# before any route is found say the same.
SERVER_NAME = "jiuye"
# The cyclic collector's thresholds once start-up is frozen (Python's default is 700, 10, 10). Every message
# allocates thousands of short-lived objects (rows, dicts, futures, aiohttp's request objects): at 700 a young
# collection caught many of them still alive and promoted them, so the middle and full collections ran again
# and again over what was only in flight; measured in `serve` at ~50 us of CPU per check-in, a tenth of it
# (benchmarks/README.md, 2026-12-06). Cycles are still collected, less often.
GC_THRESHOLDS = (5000, 50, 50)
_GC_BEFORE = gc.get_threshold()


def create_app(
    settings: Settings,
    *,
    clock: Clock | None = None,
    migrate: bool = True,
    extra_senders: list[Sender] | None = None,
) -> web.Application:
    validate_catalogs()
    check_wiring(all_catalog_keys())
    casework_policy.validate()
    setattr(web_response, "SERVER_SOFTWARE", SERVER_NAME)  # noqa: B010 - not re-exported: mypy refuses the attribute
    guard = ConnectionGuard()
    app = web.Application(client_max_size=MAX_REQUEST_BODY, handler_args={"max_line_size": MAX_REQUEST_LINE},
                          middlewares=[guard.middleware])
    app[keys.CONNECTIONS] = guard
    app[keys.SETTINGS] = settings
    app[keys.CLOCK] = clock or Clock(settings.tz)
    app[keys.CIPHER] = FieldCipher(settings.secret_key)
    app[keys.PLANNER] = planner_for(settings)
    app[keys.JOB_BOARD] = JobBoard()

    async def database(app: web.Application) -> AsyncIterator[None]:
        if migrate:
            if settings.is_sqlite:
                _ensure_sqlite_dir(settings.database_url)
            await asyncio.to_thread(upgrade, settings.database_url)
        # The gazetteer and converters load before the first request (never per request); serving, and so
        # /readyz, begins only after this.
        await asyncio.to_thread(nlu.warm_up)
        await asyncio.to_thread(words.warm_up)  # jieba, for job types and policy questions
        # Everything loaded so far lives as long as the process: keep the cyclic collector from scanning
        # it again and again (full collections over the gazetteer showed up as latency spikes).
        gc.freeze()
        gc.set_threshold(*GC_THRESHOLDS)  # given back when the app closes (tests run many apps in one process)
        engine = create_engine(settings.database_url)
        app[keys.ENGINE] = engine
        app[keys.SESSIONS] = session_factory(engine)
        # The console's pages read through a pool of their own that cannot write (storage/db.py: on SQLite no
        # write lock, on PostgreSQL no JIT).
        reader = create_engine(settings.database_url, read_only=True, pool_size=5)
        app[keys.READ_SESSIONS] = session_factory(reader)
        yield
        await reader.dispose()
        await engine.dispose()
        gc.set_threshold(*_GC_BEFORE)

    async def http_client(app: web.Application) -> AsyncIterator[None]:
        timeout = aiohttp.ClientTimeout(total=10, connect=3)
        async with aiohttp.ClientSession(
            timeout=timeout, connector=aiohttp.TCPConnector(limit=50)
        ) as session:
            app[keys.HTTP] = session
            yield

    async def pipeline(app: web.Application) -> AsyncIterator[None]:
        holder = f"{socket.gethostname()}:{os.getpid()}"
        senders: dict[str, Sender] = {s.channel: s for s in (extra_senders or [])}
        worker = OutboxWorker(
            app[keys.SESSIONS],
            app[keys.CIPHER],
            app[keys.CLOCK],
            senders,
            quiet_hours=settings.quiet_hours,
            poll_interval=settings.outbox_poll_interval,
            holder=holder,
            concurrency=OUTBOX_BATCHES_IN_FLIGHT,
            # Always: people the simulator created once must never reach a real gateway later.
            simulator=simulator.SimulatorSender(),
        )
        app[keys.OUTBOX] = worker
        # What the outbox can send on, asked when a unit of work queues a message that needs a channel (发短信 C3 …).
        app[keys.SESSIONS].configure(info={CAN_SEND: worker.sends})
        # Channel senders are added here as channels gain outbound delivery (WeChat API, Kannel).
        if settings.sms_kannel_sendsms_url and "sms" not in senders:
            worker.add_sender(sms.KannelSender(app[keys.HTTP], sms.KannelConfig.from_settings(settings)))
        if settings.wechat_app_id and settings.wechat_app_secret:
            wechat_api = WeChatApi(
                app[keys.SESSIONS],
                app[keys.CIPHER],
                app[keys.CLOCK],
                base_url=settings.wechat_api_base,
                app_id=settings.wechat_app_id,
                app_secret=settings.wechat_app_secret,
                holder=holder,
            )
            app[keys.WECHAT_API] = wechat_api
            if "wechat" not in senders:  # a test's own sender wins
                worker.add_sender(WeChatSender(
                    wechat_api, app[keys.SESSIONS], app[keys.CLOCK],
                    subscribe_template_id=settings.wechat_subscribe_template_id,
                    template_id=settings.wechat_template_id,
                ))
        alerts = AlertWorker(
            app[keys.SESSIONS],
            app[keys.CIPHER],
            app[keys.CLOCK],
            WeComRobot(app[keys.HTTP]),
            wechat=app.get(keys.WECHAT_API),
            sms=_alert_sms(app, settings, senders),
            template_id=settings.wechat_alert_template_id,
            poll_interval=settings.outbox_poll_interval,
        )
        app[keys.ALERTS] = alerts

        def wake() -> None:
            worker.wake()
            alerts.wake()

        # One lane: measured on PostgreSQL, four lanes cut the batches to a quarter and cost 2.4 times the
        # CPU per message (benchmarks/README.md); several processes give the parallelism instead.
        dispatcher = Dispatcher(app[keys.SESSIONS], app[keys.CIPHER], app[keys.CLOCK], on_queued=wake,
                                board=app[keys.JOB_BOARD], planner=app[keys.PLANNER])
        app[keys.DISPATCHER] = dispatcher
        reports: GroupCommitter[bool] = GroupCommitter(app[keys.SESSIONS])
        app[keys.REPORTS] = reports
        dispatcher.start()
        worker.start()
        alerts.start()
        reports.start()
        yield
        await dispatcher.stop()
        await worker.stop()
        await alerts.stop()
        await reports.stop()
        if (api := app.get(keys.WECHAT_API)) is not None:
            await api.close()

    async def scheduling(app: web.Application) -> AsyncIterator[None]:
        scheduler = build_scheduler(settings.tz)
        app[keys.SCHEDULER] = scheduler
        due_work = DueWork(app[keys.SESSIONS], app[keys.PLANNER],
                           lambda inbounds: gather_submit(app[keys.DISPATCHER].submit, inbounds),
                           casework=CaseworkSweep(app[keys.CIPHER]),
                           pushes=ItemPushes(app[keys.SESSIONS], app[keys.CIPHER], app[keys.PLANNER]),
                           prepare=CheckinPreparer(app[keys.SESSIONS], app[keys.CIPHER], app[keys.PLANNER],
                                                   settings.tz).prepare,
                           prepare_within=timedelta(hours=settings.checkin_prepare_hours),
                           wake=app[keys.OUTBOX].wake)
        due_work.use_clock(app[keys.CLOCK].now)
        app[keys.DUE_WORK] = due_work
        if settings.scheduler_interval > 0:
            add_due_work_job(scheduler, due_work, settings.scheduler_interval)
        scheduler.start()
        yield
        # A sweep under way finishes its batch first (the dispatcher is torn down after this); only then the
        # scheduler, whose shutdown cancels a job still running.
        await due_work.stop()
        scheduler.shutdown(wait=False)

    app.cleanup_ctx.extend([database, http_client, pipeline, scheduling])
    app.router.add_routes(health.routes())
    app.router.add_routes(console.routes())
    app.add_subapp("/console", console.build())
    app.add_subapp(api.PREFIX, api.build())
    if settings.wechat_configured:
        app.router.add_routes(wechat.routes())
    if settings.simulator_enabled:
        app.router.add_routes(simulator.routes())
        app.router.add_routes(casework_simulator.routes())
    if settings.sms_inbound_token:
        app.router.add_routes(sms.routes())
    return app


def planner_for(settings: Settings) -> Planner:
    """The deployment's check-in policy and calendar (sending hours, holidays)."""
    return Planner(settings.checkin_policy, ProgrammeCalendar(settings.tz, settings.quiet_hours))


def _alert_sms(app: web.Application, settings: Settings, senders: dict[str, Sender]) -> Sender | None:
    """Alerts by SMS go through Kannel like the outbox's, without delivery reports (those name outbox rows)."""
    if "sms" in senders:
        return senders["sms"]  # a test's own sender
    if not settings.sms_kannel_sendsms_url:
        return None
    config = dataclasses.replace(sms.KannelConfig.from_settings(settings), dlr_base_url="")
    return sms.KannelSender(app[keys.HTTP], config)


def _ensure_sqlite_dir(url: str) -> None:
    """The database's folder, and the database file itself created owner-only (0600, like secret.key): it
    holds everyone's messages. SQLite gives its -wal and -shm files the database file's permissions."""
    path = url.split("///", 1)[-1].split("?", 1)[0]
    if path and path != ":memory:":
        directory = os.path.dirname(path)
        if directory:
            os.makedirs(directory, mode=0o700, exist_ok=True)
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            if os.stat(path).st_mode & 0o077:
                log.warning("the database file %s can be read by other users: chmod 600 it", path)
