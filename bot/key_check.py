"""Whether the secret key in use decrypts what a local SQLite database already holds.

The key of a local run is `var/secret.key`, relative to the working directory (bot/settings.py): a command run from
another directory (`jiuye scheduler run-due` from a cron job's home) found no key there, made a new one, and went on
without a word — nothing it read could be decrypted, and what it wrote was sealed with a key nobody else had. The
command line asks this module first and refuses such a run, naming where the key was looked for and what to set;
it never prints key material or a decrypted value.
"""

from __future__ import annotations

import base64
import secrets
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from bot.settings import SettingsError, load_settings
from storage.crypto import DecryptionError, FieldCipher

# Encrypted columns a database with people in it has filled, as (table, column): the first value found is tried.
SAMPLES = (
    ("info_form", "phone_enc"), ("info_form", "id_number_enc"), ("roster_entry", "id_number_enc"),
    ("caseworker", "phone_enc"), ("alert", "body_enc"), ("form_change", "new_value_enc"),
)
KEY_FILE = "secret.key"
SECRET_VARIABLE = "JIUYE_SECRET_KEY"  # noqa: S105 - the name of the setting, not a secret


@dataclass(frozen=True, slots=True)
class Mismatch:
    """The key does not open the database's data: where each is, and whether this run made the key file."""

    database: Path
    key_file: Path | None  # None when the key came from JIUYE_SECRET_KEY
    created: bool

    def message(self) -> str:
        where = (f"the key file {self.key_file.resolve()}" + (" (none was there: the one just made is removed)"
                                                               if self.created else "")
                 if self.key_file is not None else "JIUYE_SECRET_KEY")
        return (f"the secret key from {where} cannot decrypt the data already in {self.database.resolve()}. "
                "Run the command from the directory the service runs in (its var/secret.key), or set "
                "JIUYE_VAR_DIR to the directory holding that secret.key (or JIUYE_SECRET_KEY to its key).")


def sqlite_path(database_url: str) -> Path | None:
    """The file of a SQLite database URL, or None (another database, or in memory)."""
    url = make_url(database_url)
    if not url.drivername.startswith("sqlite") or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def sample(database: Path) -> str | None:
    """One encrypted value the database holds, or None (no file, no tables yet, nothing encrypted)."""
    if not database.is_file():
        return None
    try:
        db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        for table, column in SAMPLES:
            try:
                row = db.execute(f"SELECT {column} FROM {table} WHERE {column} IS NOT NULL LIMIT 1").fetchone()  # noqa: S608 - names from SAMPLES
            except sqlite3.Error:
                continue  # not migrated that far
            if row is not None and row[0]:
                return str(row[0])
        return None
    finally:
        db.close()


def check(database_url: str, secret: bytes, key_file: Path | None, existed: bool) -> Mismatch | None:
    """A Mismatch when `secret` cannot decrypt an encrypted value the SQLite database holds; `existed`: whether the
    key file was there before the settings were read (if not, this run made it)."""
    database = sqlite_path(database_url)
    token = sample(database) if database is not None else None
    if database is None or token is None:
        return None
    try:
        FieldCipher(secret).decrypt(token)
        return None
    except DecryptionError:
        return Mismatch(database, key_file, key_file is not None and not existed)


def holds(key_file: Path, secret: bytes) -> bool:
    """Whether `key_file` is where `secret` came from (not JIUYE_SECRET_KEY)."""
    try:
        return base64.urlsafe_b64decode(key_file.read_text().strip().encode()) == secret
    except (OSError, ValueError):
        return False


def var_dir_of(environ: Mapping[str, str]) -> Path | None:
    """A local run's var directory, found before the settings are read (reading them makes it and a key file
    when they are not there): the settings read with a throw-away key, so that nothing is written; None when
    the settings are wrong (the real read reports it)."""
    probe = {**environ, SECRET_VARIABLE: base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()}
    try:
        return load_settings(probe).var_dir
    except SettingsError:
        return None


def key_file_there(environ: Mapping[str, str]) -> bool:
    """Whether a local run's key file is there before the settings are read."""
    var_dir = var_dir_of(environ)
    return var_dir is None or (var_dir / KEY_FILE).exists()  # wrong settings: nothing is taken to be new


def remove_made(key_file: Path, var_dir_existed: bool) -> None:
    """The key file a refused run made, and the var directory made for it when it was not there before (it was
    left behind, empty)."""
    key_file.unlink()
    if not var_dir_existed:
        try:
            key_file.parent.rmdir()
        except OSError:
            pass  # something else was put there meanwhile: kept
