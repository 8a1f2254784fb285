#!/usr/bin/env bash
# Regenerates the initial migration from the models (allowed only until the first release is deployed).
set -euo pipefail
cd "$(dirname "$0")/.."
rm -f storage/migrations/versions/0001_initial.py /tmp/jiuye-regen.db
.venv/bin/python - <<'PY'
from alembic import command
from storage.migrate import alembic_config
cfg = alembic_config("sqlite+aiosqlite:////tmp/jiuye-regen.db")
command.revision(cfg, message="initial schema", autogenerate=True, rev_id="0001", )
PY
f=$(ls storage/migrations/versions/0001_*.py)
mv "$f" storage/migrations/versions/0001_initial.py
rm -f /tmp/jiuye-regen.db
