"""Logging set-up: one line per record, with ID numbers, phones and access tokens masked whatever logs them."""

from __future__ import annotations

import logging
import re

from aiohttp import web
from aiohttp.http_exceptions import HttpProcessingError

# 18-character resident IDs, Chinese mobiles (with or without +86), and tokens in URLs or bodies (a WeCom
# robot's URL carries its only credential as key=).
_ID = re.compile(r"(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[\dXx])(?![0-9A-Za-z])")
_PHONE = re.compile(r"(?<!\d)((?:\+?86)?1[3-9]\d)\d{4}(\d{4})(?!\d)")
_TOKEN = re.compile(r"((?:access_token|secret|password|token|key)=)[^&\s\"']+", re.IGNORECASE)


def redact(text: str) -> str:
    text = _TOKEN.sub(r"\1***", text)
    text = _ID.sub(lambda m: m.group(1)[:4] + "*" * 10 + m.group(2), text)
    return _PHONE.sub(lambda m: m.group(1) + "****" + m.group(2), text)


class RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


class ClientErrorFilter(logging.Filter):
    """aiohttp logs a request it cannot parse (too long a line, bad syntax) as an ERROR with a traceback whose
    message quotes the start of the request: for Kannel's get-url, the sender's text. It is the client's
    fault, not ours: one WARNING with the error's type and status, nothing of the request."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, web.RequestPayloadError | ConnectionResetError):
            # A body aiohttp drops after the response (a GET's, or the rest of a refused one) that cannot be
            # decoded, or a client gone mid-request: one line, not a traceback.
            record.msg, record.args = "client request abandoned: %s", (type(error).__name__,)
            record.exc_info, record.exc_text = None, None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        elif isinstance(error, HttpProcessingError):
            record.msg, record.args = "malformed HTTP request refused: %s (%s)", (type(error).__name__, error.code)
            record.exc_info, record.exc_text = None, None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


CLIENT_ERRORS = ClientErrorFilter()


def setup_logging(level: str = "INFO") -> None:
    """`level` "" (not configured) means WARNING: the operator tools' default."""
    handler = logging.StreamHandler()
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel((level or "WARNING").upper())
    # aiohttp's access log carries query strings (signatures, tokens): keep it but through the redactor.
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
    server = logging.getLogger("aiohttp.server")
    if CLIENT_ERRORS not in server.filters:
        server.addFilter(CLIENT_ERRORS)
    # Alembic announces its context on every /readyz probe; storage.migrate logs what it applies instead.
    logging.getLogger("alembic.runtime.migration").setLevel(logging.WARNING)
    # APScheduler logs two lines for every tick (once a minute in each serve); scheduler/ logs what a sweep did.
    if root.level > logging.DEBUG:
        logging.getLogger("apscheduler").setLevel(logging.WARNING)
