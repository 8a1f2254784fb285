"""Typed application keys: every shared resource is reached through one of these, never a global."""

from __future__ import annotations

from typing import TYPE_CHECKING

import aiohttp
from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.clock import Clock
from bot.settings import Settings
from storage.crypto import FieldCipher

if TYPE_CHECKING:
    from apscheduler.schedulers.asyncio import AsyncIOScheduler

    from bot.casework.worker import AlertWorker
    from bot.connections import ConnectionGuard
    from bot.delivery import OutboxWorker
    from bot.dispatcher import Dispatcher
    from bot.group_commit import GroupCommitter
    from bot.job_board import JobBoard
    from bot.wechat_api import WeChatApi
    from scheduler.planning import Planner
    from scheduler.sweep import DueWork

SETTINGS = web.AppKey("settings", Settings)
CLOCK = web.AppKey("clock", Clock)
CIPHER = web.AppKey("cipher", FieldCipher)
ENGINE = web.AppKey("engine", AsyncEngine)
SESSIONS = web.AppKey("sessions", async_sessionmaker[AsyncSession])
# Sessions for pages that only read (the console): on SQLite they never take the write lock.
READ_SESSIONS = web.AppKey("read_sessions", async_sessionmaker[AsyncSession])
HTTP = web.AppKey("http", aiohttp.ClientSession)
DISPATCHER: web.AppKey[Dispatcher] = web.AppKey("dispatcher")
OUTBOX: web.AppKey[OutboxWorker] = web.AppKey("outbox")
ALERTS: web.AppKey[AlertWorker] = web.AppKey("alerts")
SCHEDULER: web.AppKey[AsyncIOScheduler] = web.AppKey("scheduler")
WECHAT_API: web.AppKey[WeChatApi] = web.AppKey("wechat_api")
PLANNER: web.AppKey[Planner] = web.AppKey("planner")
DUE_WORK: web.AppKey[DueWork] = web.AppKey("due_work")
# The live vacancies and trainings in memory, for the chat's look-ups.
JOB_BOARD: web.AppKey[JobBoard] = web.AppKey("job_board")
# Small writes that share a transaction (SMS delivery reports).
REPORTS: web.AppKey[GroupCommitter[bool]] = web.AppKey("reports")
# The HTTP connections of `jiuye serve` (bot/connections.py).
CONNECTIONS: web.AppKey[ConnectionGuard] = web.AppKey("connections")
