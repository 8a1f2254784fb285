"""a retried delivery is answered from the outbox: drop inbound_message.reply_enc

The reply given in an HTTP response is stored once, as the inbound's `passive` outbox rows, instead of a
second encrypted copy on the inbound row. A plain DROP COLUMN (SQLite 3.35 and later, PostgreSQL): no
table is rebuilt, so no foreign key to inbound_message is touched.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 14:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_column('inbound_message', 'reply_enc')


def downgrade() -> None:
    op.add_column('inbound_message', sa.Column('reply_enc', sa.Text(), nullable=True))
