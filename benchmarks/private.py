"""Benchmarks write what the service writes (databases of synthetic people, keys, exports): owner-only, as
`jiuye serve` wants its database (it warns about a file other users can read)."""

from __future__ import annotations

import os

OWNER_ONLY = 0o077


def owner_only() -> None:
    """Files 0600 and folders 0700 from now on, for this process and every service it starts (they inherit the
    umask): a temporary SQLite file, its -wal and -shm, a secret key are never readable by other users."""
    os.umask(OWNER_ONLY)
