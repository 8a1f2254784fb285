"""Service settings: JIUYE_* environment variables (a TOML file may add to them), validated at start-up."""

from __future__ import annotations

import base64
import dataclasses
import ipaddress
import itertools
import os
import secrets
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from scheduler.schedules import CheckinPolicy, Offsets, ScheduleError

PREFIX = "JIUYE_"
CONFIG_FILE_VAR = "JIUYE_CONFIG_FILE"


class SettingsError(ValueError):
    """A setting is missing or malformed; the message names the variable."""


def _parse_bool(name: str, raw: str) -> bool:
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise SettingsError(f"{name} must be true or false, got {raw!r}")


def _parse_int(name: str, raw: str, minimum: int = 0) -> int:
    try:
        value = int(raw.strip())
    except ValueError:
        raise SettingsError(f"{name} must be an integer, got {raw!r}") from None
    if value < minimum:
        raise SettingsError(f"{name} must be at least {minimum}, got {value}")
    return value


def _parse_float(name: str, raw: str, minimum: float = 0.0) -> float:
    try:
        value = float(raw.strip())
    except ValueError:
        raise SettingsError(f"{name} must be a number, got {raw!r}") from None
    if value < minimum:
        raise SettingsError(f"{name} must be at least {minimum}, got {value}")
    return value


def _parse_hours(name: str, raw: str) -> tuple[time, time]:
    try:
        start_s, end_s = raw.split("-")
        start, end = time.fromisoformat(start_s.strip()), time.fromisoformat(end_s.strip())
    except ValueError:
        raise SettingsError(f"{name} must look like 08:00-21:00, got {raw!r}") from None
    if start >= end:
        raise SettingsError(f"{name}: the start must come before the end, got {raw!r}")
    return start, end


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything configurable. Built by `load_settings`; tests build it directly."""

    database_url: str = "sqlite+aiosqlite:///./var/jiuye.db"
    var_dir: Path = Path("var")
    secret_key: bytes = b""
    wechat_token: str = ""
    wechat_app_id: str = ""
    wechat_app_secret: str = ""
    wechat_aes_key: str = ""
    wechat_api_base: str = "https://api.weixin.qq.com"
    wechat_replay_window: int = 300
    # With an EncodingAESKey, plaintext callbacks are refused unless this is on (WeChat's compatible mode,
    # while an account moves from plaintext to safe mode): a plaintext body is not covered by any signature.
    wechat_compatible_mode: bool = False
    # Seconds from arrival after which the passive reply is abandoned for a service message.
    wechat_reply_deadline: float = 4.5
    sms_inbound_token: str = ""
    sms_kannel_sendsms_url: str = ""
    sms_kannel_username: str = ""
    sms_kannel_password: str = ""
    sms_sender: str = ""
    sms_dlr_base_url: str = ""
    sms_send_rate: float = 20.0
    quiet_hours: tuple[time, time] = (time(8, 0), time(21, 0))
    timezone: str = "Asia/Shanghai"
    simulator: bool | None = None
    # "" = not set: `jiuye serve` logs at INFO, the operator tools at WARNING (no framework chatter).
    log_level: str = ""
    outbox_poll_interval: float = 1.0
    # Check-ins (scheduler/schedules.py): day offsets from the anchor, the last may repeat (+N).
    checkin_employed: str = "14,30,+30"
    checkin_unemployed: str = "+7"
    checkin_unable: str = "+90"
    survey_reminders: str = "3,7"
    spring_return_days: int = 14
    checkin_reminder_hours: int = 48
    checkin_visit_days: int = 7
    visit_task_due_days: int = 3
    rights_question_days: int = 30
    # Seconds between sweeps of due work inside `jiuye serve`; 0: no sweeps (run-due from cron instead).
    scheduler_interval: float = 60.0
    # Hours ahead that each sweep prepares check-ins (their unit of work done ahead, released set-based when due:
    # bot/prepared_checkins.py; the evening's sweeps prepare the morning's burst); 0: none prepared (`jiuye scheduler
    # prepare` can still do it).
    checkin_prepare_hours: float = 12.0
    # Pushes outside WeChat's 48-hour window: a long-term subscription notice, else a template message.
    wechat_subscribe_template_id: str = ""
    wechat_template_id: str = ""
    # Pushes of matched vacancies and trainings one person gets in seven days at most (storage/matches.py).
    job_pushes_per_week: int = 3
    # HTTP connections held at once (an idle one is closed to make room), and seconds a client has to send
    # a request's head (also the keep-alive idle time) and its body.
    max_connections: int = 2000
    header_timeout: float = 10.0
    body_timeout: float = 10.0
    # A WeChat template (one field, {{content.DATA}}) for alerts to caseworkers outside the 48-hour window.
    wechat_alert_template_id: str = ""
    # The console's session cookie carries Secure (sent over HTTPS only). None: on when a real channel is
    # configured (a service people reach, behind TLS), off otherwise (a local run over plain HTTP).
    console_secure_cookies: bool | None = None
    # The address of the reverse proxy in front of `jiuye serve`: requests from it are taken to come from the
    # last address of their X-Forwarded-For (the console limits failed logins per client address).
    console_trusted_proxy: str = ""
    extra: Mapping[str, str] = field(default_factory=dict)

    @property
    def wechat_configured(self) -> bool:
        return bool(self.wechat_token)

    @property
    def real_channel_configured(self) -> bool:
        """WeChat or SMS is set up: this is (or may be) a service real people reach."""
        return bool(self.wechat_token or self.wechat_app_id or self.wechat_app_secret or self.sms_inbound_token
                    or self.sms_kannel_sendsms_url)

    @property
    def simulator_enabled(self) -> bool:
        """On by default only where no real channel is configured; `--simulator` turns it on beside them (its
        users are a namespace of their own either way)."""
        if self.simulator is not None:
            return self.simulator
        return not self.real_channel_configured

    @property
    def secure_cookies(self) -> bool:
        if self.console_secure_cookies is not None:
            return self.console_secure_cookies
        return self.real_channel_configured

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def checkin_policy(self) -> CheckinPolicy:
        return CheckinPolicy(
            employed=Offsets.parse(self.checkin_employed),
            unemployed=Offsets.parse(self.checkin_unemployed),
            unable=Offsets.parse(self.checkin_unable),
            survey_reminders=Offsets.parse(self.survey_reminders),
            spring_return_days=self.spring_return_days,
            reminder_after=timedelta(hours=self.checkin_reminder_hours),
            visit_after=timedelta(days=self.checkin_visit_days),
            visit_due=timedelta(days=self.visit_task_due_days),
            rights_every=timedelta(days=self.rights_question_days),
            job_pushes_per_week=self.job_pushes_per_week,
        )

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **changes)


# Variable name -> (field, parser). Every variable the service reads is listed here and in the README.
_STR_FIELDS = {
    "DATABASE_URL": "database_url",
    "WECHAT_TOKEN": "wechat_token",
    "WECHAT_APP_ID": "wechat_app_id",
    "WECHAT_APP_SECRET": "wechat_app_secret",
    "WECHAT_AES_KEY": "wechat_aes_key",
    "WECHAT_API_BASE": "wechat_api_base",
    "SMS_INBOUND_TOKEN": "sms_inbound_token",
    "SMS_KANNEL_SENDSMS_URL": "sms_kannel_sendsms_url",
    "SMS_KANNEL_USERNAME": "sms_kannel_username",
    "SMS_KANNEL_PASSWORD": "sms_kannel_password",
    "SMS_SENDER": "sms_sender",
    "SMS_DLR_BASE_URL": "sms_dlr_base_url",
    "TIMEZONE": "timezone",
    "LOG_LEVEL": "log_level",
    "WECHAT_ALERT_TEMPLATE_ID": "wechat_alert_template_id",
    "CONSOLE_TRUSTED_PROXY": "console_trusted_proxy",
    "CHECKIN_EMPLOYED": "checkin_employed",
    "CHECKIN_UNEMPLOYED": "checkin_unemployed",
    "CHECKIN_UNABLE": "checkin_unable",
    "SURVEY_REMINDERS": "survey_reminders",
    "WECHAT_SUBSCRIBE_TEMPLATE_ID": "wechat_subscribe_template_id",
    "WECHAT_TEMPLATE_ID": "wechat_template_id",
}
# Whole numbers of days or hours, at least 1.
_INT_FIELDS = {
    "SPRING_RETURN_DAYS": "spring_return_days",
    "CHECKIN_REMINDER_HOURS": "checkin_reminder_hours",
    "CHECKIN_VISIT_DAYS": "checkin_visit_days",
    "VISIT_TASK_DUE_DAYS": "visit_task_due_days",
    "RIGHTS_QUESTION_DAYS": "rights_question_days",
}
KNOWN_VARIABLES = frozenset(
    {PREFIX + k for k in _STR_FIELDS}
    | {PREFIX + k for k in _INT_FIELDS}
    | {
        PREFIX + k
        for k in (
            "VAR_DIR",
            "SECRET_KEY",
            "WECHAT_REPLAY_WINDOW",
            "WECHAT_REPLY_DEADLINE",
            "SMS_SEND_RATE",
            "QUIET_HOURS",
            "SIMULATOR",
            "OUTBOX_POLL_INTERVAL",
            "SCHEDULER_INTERVAL",
            "CHECKIN_PREPARE_HOURS",
            "JOB_PUSHES_PER_WEEK",
            "WECHAT_COMPATIBLE_MODE",
            "MAX_CONNECTIONS",
            "HEADER_TIMEOUT",
            "BODY_TIMEOUT",
            "CONSOLE_SECURE_COOKIES",
        )
    }
    | {CONFIG_FILE_VAR}
)


def _merged_source(environ: Mapping[str, str]) -> dict[str, str]:
    """TOML values (keys without the prefix, any case) first, environment on top."""
    merged: dict[str, str] = {}
    config_path = environ.get(CONFIG_FILE_VAR)
    if config_path:
        try:
            with open(config_path, "rb") as fh:
                data = tomllib.load(fh)
        except OSError as exc:
            raise SettingsError(f"{CONFIG_FILE_VAR}: cannot read {config_path}: {exc.strerror}") from None
        except tomllib.TOMLDecodeError as exc:
            raise SettingsError(f"{CONFIG_FILE_VAR}: {config_path} is not valid TOML: {exc}") from None
        for key, value in data.items():
            name = PREFIX + key.upper()
            if name not in KNOWN_VARIABLES:
                raise SettingsError(f"{config_path}: unknown setting {key!r}")
            merged[name] = (
                value
                if isinstance(value, str)
                else str(value).lower()
                if isinstance(value, bool)
                else str(value)
            )
    for name, value in environ.items():
        # JIUYE_TEST_* belong to the test suite, not to the service.
        if name.startswith(PREFIX) and not name.startswith(PREFIX + "TEST_"):
            merged[name] = value
    return merged


def _load_or_create_secret(var_dir: Path) -> bytes:
    path = var_dir / "secret.key"
    if path.exists():
        return _decode_secret(f"{path}", path.read_text().strip())
    var_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(32)
    # Created with owner-only permissions: this key decrypts every ID and phone number at rest.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(base64.urlsafe_b64encode(key).decode() + "\n")
    return key


def _decode_secret(name: str, raw: str) -> bytes:
    try:
        key = base64.urlsafe_b64decode(raw.strip().encode())
    except (ValueError, TypeError):
        raise SettingsError(f"{name} must be 32 bytes in URL-safe base64") from None
    if len(key) != 32:
        raise SettingsError(f"{name} must be 32 bytes in URL-safe base64 (got {len(key)} bytes)")
    if weak_key(key):
        raise SettingsError(
            f"{name} is not random (repeated bytes, a sequence or typed text): make one with python -c "
            "'import secrets,base64;print(base64.urlsafe_b64encode(secrets.token_bytes(32)).decode())'"
        )
    return key


def weak_key(key: bytes) -> bool:
    """A key nobody drew at random: few distinct bytes (all zero, one byte repeated, a short pattern), an
    arithmetic sequence, or printable text (a password). 32 random bytes have about 30 distinct values, and
    are all printable ASCII with a chance of about 1e-14."""
    steps = {(b - a) % 256 for a, b in itertools.pairwise(key)}
    return len(set(key)) < 16 or len(steps) == 1 or all(0x20 <= b < 0x7F for b in key)


MIN_SMS_TOKEN = 16
MIN_WECHAT_TOKEN = 16


def settings_warnings(s: Settings) -> list[str]:
    """Settings that work but should be changed (logged at start-up)."""
    found = []
    if s.wechat_token and len(s.wechat_token) < MIN_WECHAT_TOKEN:
        found.append(f"{PREFIX}WECHAT_TOKEN has {len(s.wechat_token)} characters: WeChat allows up to 32, use "
                     f"at least {MIN_WECHAT_TOKEN} random letters and digits")
    if s.simulator_enabled and s.real_channel_configured:
        found.append("the simulator is on beside a real channel: its users stay apart from real people, but "
                     "turn it off (JIUYE_SIMULATOR=false) where nobody needs it")
    return found


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Read and validate settings; raises SettingsError naming the first bad variable."""
    src = _merged_source(os.environ if environ is None else environ)
    unknown = sorted(k for k in src if k not in KNOWN_VARIABLES)
    if unknown:
        raise SettingsError(f"unknown setting {unknown[0]} (see the README for the list)")
    values: dict[str, Any] = {}
    for suffix, attr in _STR_FIELDS.items():
        if PREFIX + suffix in src:
            values[attr] = src[PREFIX + suffix].strip()
    get = src.get
    if (raw := get(PREFIX + "VAR_DIR")) is not None:
        values["var_dir"] = Path(raw)
    if (raw := get(PREFIX + "WECHAT_REPLAY_WINDOW")) is not None:
        values["wechat_replay_window"] = _parse_int(PREFIX + "WECHAT_REPLAY_WINDOW", raw)
    if (raw := get(PREFIX + "WECHAT_REPLY_DEADLINE")) is not None:
        values["wechat_reply_deadline"] = _parse_float(PREFIX + "WECHAT_REPLY_DEADLINE", raw, 0.05)
    if (raw := get(PREFIX + "SMS_SEND_RATE")) is not None:
        values["sms_send_rate"] = _parse_float(PREFIX + "SMS_SEND_RATE", raw, 0.01)
    if (raw := get(PREFIX + "OUTBOX_POLL_INTERVAL")) is not None:
        values["outbox_poll_interval"] = _parse_float(PREFIX + "OUTBOX_POLL_INTERVAL", raw, 0.01)
    for suffix, attr in _INT_FIELDS.items():
        if (raw := get(PREFIX + suffix)) is not None:
            values[attr] = _parse_int(PREFIX + suffix, raw, 1)
    if (raw := get(PREFIX + "SCHEDULER_INTERVAL")) is not None:
        values["scheduler_interval"] = _parse_float(PREFIX + "SCHEDULER_INTERVAL", raw, 0.0)
    if (raw := get(PREFIX + "CHECKIN_PREPARE_HOURS")) is not None:
        values["checkin_prepare_hours"] = _parse_float(PREFIX + "CHECKIN_PREPARE_HOURS", raw, 0.0)
    if (raw := get(PREFIX + "JOB_PUSHES_PER_WEEK")) is not None:
        values["job_pushes_per_week"] = _parse_int(PREFIX + "JOB_PUSHES_PER_WEEK", raw)
    if (raw := get(PREFIX + "QUIET_HOURS")) is not None:
        values["quiet_hours"] = _parse_hours(PREFIX + "QUIET_HOURS", raw)
    if (raw := get(PREFIX + "SIMULATOR")) is not None:
        values["simulator"] = _parse_bool(PREFIX + "SIMULATOR", raw)
    if (raw := get(PREFIX + "WECHAT_COMPATIBLE_MODE")) is not None:
        values["wechat_compatible_mode"] = _parse_bool(PREFIX + "WECHAT_COMPATIBLE_MODE", raw)
    if (raw := get(PREFIX + "MAX_CONNECTIONS")) is not None:
        values["max_connections"] = _parse_int(PREFIX + "MAX_CONNECTIONS", raw, 16)
    if (raw := get(PREFIX + "HEADER_TIMEOUT")) is not None:
        values["header_timeout"] = _parse_float(PREFIX + "HEADER_TIMEOUT", raw, 0.1)
    if (raw := get(PREFIX + "BODY_TIMEOUT")) is not None:
        values["body_timeout"] = _parse_float(PREFIX + "BODY_TIMEOUT", raw, 0.1)
    if (raw := get(PREFIX + "CONSOLE_SECURE_COOKIES")) is not None:
        values["console_secure_cookies"] = _parse_bool(PREFIX + "CONSOLE_SECURE_COOKIES", raw)

    settings = Settings(**values)
    _validate(settings)

    raw_secret = get(PREFIX + "SECRET_KEY")
    if raw_secret:
        secret = _decode_secret(PREFIX + "SECRET_KEY", raw_secret)
    elif settings.is_sqlite and not settings.wechat_configured:
        secret = _load_or_create_secret(settings.var_dir)
    else:
        raise SettingsError(
            f"{PREFIX}SECRET_KEY is required outside a local SQLite run "
            "(32 random bytes, URL-safe base64: python -c 'import secrets,base64;"
            "print(base64.urlsafe_b64encode(secrets.token_bytes(32)).decode())')"
        )
    return settings.replace(secret_key=secret)


def _validate(s: Settings) -> None:
    if not (
        s.database_url.startswith("sqlite+aiosqlite://") or s.database_url.startswith("postgresql+asyncpg://")
    ):
        raise SettingsError(
            f"{PREFIX}DATABASE_URL must start with sqlite+aiosqlite:// or postgresql+asyncpg://"
        )
    if s.wechat_aes_key:
        try:
            key = base64.b64decode(s.wechat_aes_key + "=", validate=True)
        except ValueError:
            key = b""
        if len(s.wechat_aes_key) != 43 or len(key) != 32:
            raise SettingsError(f"{PREFIX}WECHAT_AES_KEY must be the 43-character EncodingAESKey")
        if not s.wechat_app_id:
            raise SettingsError(f"{PREFIX}WECHAT_APP_ID is required when {PREFIX}WECHAT_AES_KEY is set")
    if (s.wechat_app_id or s.wechat_aes_key) and not s.wechat_token:
        raise SettingsError(f"{PREFIX}WECHAT_TOKEN is required when WeChat is configured")
    if not s.wechat_api_base.startswith(("http://", "https://")):
        raise SettingsError(f"{PREFIX}WECHAT_API_BASE must be an http(s) URL")
    if s.sms_kannel_sendsms_url and not s.sms_kannel_sendsms_url.startswith(("http://", "https://")):
        raise SettingsError(f"{PREFIX}SMS_KANNEL_SENDSMS_URL must be an http(s) URL")
    if s.sms_kannel_sendsms_url and not (s.sms_kannel_username and s.sms_kannel_password):
        raise SettingsError(
            f"{PREFIX}SMS_KANNEL_USERNAME and {PREFIX}SMS_KANNEL_PASSWORD are required with "
            f"{PREFIX}SMS_KANNEL_SENDSMS_URL (the sendsms-user group of kannel.conf)"
        )
    if s.sms_inbound_token and len(s.sms_inbound_token) < MIN_SMS_TOKEN:
        # It is the only credential of /sms/kannel and /sms/kannel/dlr.
        raise SettingsError(f"{PREFIX}SMS_INBOUND_TOKEN must have at least {MIN_SMS_TOKEN} characters")
    if s.sms_dlr_base_url:
        if not s.sms_dlr_base_url.startswith(("http://", "https://")):
            raise SettingsError(f"{PREFIX}SMS_DLR_BASE_URL must be an http(s) URL")
        if not s.sms_inbound_token:
            # Delivery reports come back to /sms/kannel/dlr, which checks the same token as inbound SMS.
            raise SettingsError(f"{PREFIX}SMS_INBOUND_TOKEN is required with {PREFIX}SMS_DLR_BASE_URL")
    if s.console_trusted_proxy:
        try:
            ipaddress.ip_address(s.console_trusted_proxy)
        except ValueError:
            raise SettingsError(f"{PREFIX}CONSOLE_TRUSTED_PROXY must be an IP address, got "
                                f"{s.console_trusted_proxy!r}") from None
    if s.log_level and s.log_level.upper() not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
        raise SettingsError(f"{PREFIX}LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR")
    try:
        ZoneInfo(s.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingsError(f"{PREFIX}TIMEZONE: unknown time zone {s.timezone!r}") from None
    for suffix in ("CHECKIN_EMPLOYED", "CHECKIN_UNEMPLOYED", "CHECKIN_UNABLE", "SURVEY_REMINDERS"):
        try:
            Offsets.parse(getattr(s, _STR_FIELDS[suffix]))
        except ScheduleError as exc:
            raise SettingsError(f"{PREFIX}{suffix}: {exc} (e.g. 14,30,+30; +N repeats)") from None
