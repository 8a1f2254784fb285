"""Settings: every variable validated at start-up, with a message naming the bad one."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from bot.settings import SettingsError, load_settings

RAW_KEY = bytes((i * 37 + 11) % 251 for i in range(32))
KEY = base64.urlsafe_b64encode(RAW_KEY).decode()


def test_defaults_generate_a_local_secret(tmp_path: Path) -> None:
    settings = load_settings({"JIUYE_VAR_DIR": str(tmp_path)})
    assert settings.database_url.startswith("sqlite+aiosqlite:///")
    assert settings.wechat_replay_window == 300
    assert settings.simulator_enabled  # no WeChat credentials
    key_file = tmp_path / "secret.key"
    assert key_file.stat().st_mode & 0o077 == 0
    # The same key on the next start: data encrypted yesterday stays readable.
    assert load_settings({"JIUYE_VAR_DIR": str(tmp_path)}).secret_key == settings.secret_key


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"JIUYE_WECHAT_REPLAY_WINDOW": "soon"}, "JIUYE_WECHAT_REPLAY_WINDOW"),
        ({"JIUYE_WECHAT_REPLAY_WINDOW": "-1"}, "JIUYE_WECHAT_REPLAY_WINDOW"),
        ({"JIUYE_DATABASE_URL": "mysql://x"}, "JIUYE_DATABASE_URL"),
        (
            {
                "JIUYE_WECHAT_TOKEN": "t",
                "JIUYE_WECHAT_APP_ID": "wx1",
                "JIUYE_WECHAT_AES_KEY": "short",
                "JIUYE_SECRET_KEY": KEY,
            },
            "JIUYE_WECHAT_AES_KEY",
        ),
        ({"JIUYE_WECHAT_APP_ID": "wx1", "JIUYE_SECRET_KEY": KEY}, "JIUYE_WECHAT_TOKEN"),
        ({"JIUYE_SECRET_KEY": "not-base64-32"}, "JIUYE_SECRET_KEY"),
        ({"JIUYE_QUIET_HOURS": "21:00-08:00"}, "JIUYE_QUIET_HOURS"),
        ({"JIUYE_SIMULATOR": "maybe"}, "JIUYE_SIMULATOR"),
        ({"JIUYE_TIMEZONE": "Mars/Olympus"}, "JIUYE_TIMEZONE"),
        ({"JIUYE_WECHAT_API_BASE": "ftp://x"}, "JIUYE_WECHAT_API_BASE"),
        ({"JIUYE_NO_SUCH_THING": "1"}, "JIUYE_NO_SUCH_THING"),
        ({"JIUYE_WECHAT_REPLY_DEADLINE": "fast"}, "JIUYE_WECHAT_REPLY_DEADLINE"),
        ({"JIUYE_WECHAT_REPLY_DEADLINE": "0"}, "JIUYE_WECHAT_REPLY_DEADLINE"),
        ({"JIUYE_SMS_SEND_RATE": "-2"}, "JIUYE_SMS_SEND_RATE"),
        ({"JIUYE_OUTBOX_POLL_INTERVAL": "often"}, "JIUYE_OUTBOX_POLL_INTERVAL"),
        ({"JIUYE_QUIET_HOURS": "eight to nine"}, "JIUYE_QUIET_HOURS"),
        ({"JIUYE_SECRET_KEY": base64.urlsafe_b64encode(b"k" * 16).decode()}, "JIUYE_SECRET_KEY .*got 16 bytes"),
        (
            {"JIUYE_WECHAT_TOKEN": "t", "JIUYE_SECRET_KEY": KEY,
             "JIUYE_WECHAT_AES_KEY": base64.b64encode(b"a" * 32).decode().rstrip("=")},
            "JIUYE_WECHAT_APP_ID",
        ),
        ({"JIUYE_SMS_KANNEL_SENDSMS_URL": "kannel:13013/cgi-bin/sendsms"}, "JIUYE_SMS_KANNEL_SENDSMS_URL"),
        ({"JIUYE_SMS_KANNEL_SENDSMS_URL": "http://127.0.0.1:13013/cgi-bin/sendsms"}, "JIUYE_SMS_KANNEL_USERNAME"),
        ({"JIUYE_SMS_DLR_BASE_URL": "jiuye.example.org"}, "JIUYE_SMS_DLR_BASE_URL"),
        ({"JIUYE_SMS_DLR_BASE_URL": "http://127.0.0.1:8080"}, "JIUYE_SMS_INBOUND_TOKEN"),
        ({"JIUYE_LOG_LEVEL": "LOUD"}, "JIUYE_LOG_LEVEL"),
        ({"JIUYE_CONFIG_FILE": "/nonexistent/jiuye.toml"}, "JIUYE_CONFIG_FILE"),
    ],
)
def test_bad_values_name_the_variable(tmp_path: Path, env: dict[str, str], named: str) -> None:
    with pytest.raises(SettingsError, match=named):
        load_settings({"JIUYE_VAR_DIR": str(tmp_path), **env})


def test_secret_required_outside_local_sqlite(tmp_path: Path) -> None:
    env = {"JIUYE_VAR_DIR": str(tmp_path), "JIUYE_DATABASE_URL": "postgresql+asyncpg://u:p@127.0.0.1/db"}
    with pytest.raises(SettingsError, match="JIUYE_SECRET_KEY"):
        load_settings(env)
    assert load_settings({**env, "JIUYE_SECRET_KEY": KEY}).secret_key == RAW_KEY
    assert not (tmp_path / "secret.key").exists()


def test_toml_file_adds_and_environment_wins(tmp_path: Path) -> None:
    config = tmp_path / "jiuye.toml"
    config.write_text('wechat_token = "from-file"\nwechat_replay_window = 60\nsimulator = true\n')
    env = {"JIUYE_CONFIG_FILE": str(config), "JIUYE_VAR_DIR": str(tmp_path), "JIUYE_SECRET_KEY": KEY}
    settings = load_settings(env)
    assert settings.wechat_token == "from-file"
    assert settings.wechat_replay_window == 60
    assert settings.simulator_enabled
    assert load_settings({**env, "JIUYE_WECHAT_REPLAY_WINDOW": "0"}).wechat_replay_window == 0


def test_toml_file_errors_are_clear(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("wechat_token = \n")
    with pytest.raises(SettingsError, match="not valid TOML"):
        load_settings({"JIUYE_CONFIG_FILE": str(bad), "JIUYE_VAR_DIR": str(tmp_path)})
    unknown = tmp_path / "unknown.toml"
    unknown.write_text('colour = "red"\n')
    with pytest.raises(SettingsError, match="colour"):
        load_settings({"JIUYE_CONFIG_FILE": str(unknown), "JIUYE_VAR_DIR": str(tmp_path)})


def test_cli_reports_configuration_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.cli import main

    monkeypatch.setenv("JIUYE_VAR_DIR", str(tmp_path))
    monkeypatch.setenv("JIUYE_WECHAT_REPLAY_WINDOW", "never")
    with pytest.raises(SystemExit) as exc:
        main(["migrate"])
    assert exc.value.code == 2
    assert "JIUYE_WECHAT_REPLAY_WINDOW" in capsys.readouterr().err
