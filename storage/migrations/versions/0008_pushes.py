"""pushes: vacancies and trainings remember when their pushes were planned (only new items are pushed); the
week's pushes read by time; the job pushes from a day on read by kind and day

Revision ID: 0008
Revises: 0005
Create Date: 2026-12-05 09:00:00

Items stored before this revision count as planned (at their creation): upgrading must not push every item
ever imported to everybody it fits. The lead re-chains `down_revision` when branches merge.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.models.base

revision: str = '0008'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("vacancy", "training")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('pushes_planned_at', storage.models.base.UtcDateTime(timezone=True),
                                          nullable=True))
            batch_op.create_index(batch_op.f(f'ix_{table}_pushes_planned_at'), ['pushes_planned_at'], unique=False)
        op.execute(f"UPDATE {table} SET pushes_planned_at = created_at")  # noqa: S608 - the constant names
    with op.batch_alter_table('match_push', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_match_push_pushed_at'), ['pushed_at'], unique=False)
    with op.batch_alter_table('scheduled_fire', schema=None) as batch_op:
        batch_op.create_index('ix_scheduled_fire_kind_due_date', ['kind', 'due_date'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('scheduled_fire', schema=None) as batch_op:
        batch_op.drop_index('ix_scheduled_fire_kind_due_date')
    with op.batch_alter_table('match_push', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_match_push_pushed_at'))
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f'ix_{table}_pushes_planned_at'))
            batch_op.drop_column('pushes_planned_at')
