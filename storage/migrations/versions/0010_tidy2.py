"""outbox: the per-person queue look-up through (person_id, status), in place of the index on person_id;
vacancies and trainings: how far their push planning got (pushes_planned_through), to resume a killed one

Revision ID: 0010
Revises: 0009
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index('ix_outbox_message_person_status', 'outbox_message', ['person_id', 'status'], unique=False)
    op.drop_index('ix_outbox_message_person_id', table_name='outbox_message')
    for table in ('vacancy', 'training'):
        op.add_column(table, sa.Column('pushes_planned_through', sa.Integer(), nullable=True))


def downgrade() -> None:
    for table in ('training', 'vacancy'):
        # SQLite 3.35+ drops a column without a rebuild when nothing (index, constraint) uses it.
        op.drop_column(table, 'pushes_planned_through')
    op.create_index('ix_outbox_message_person_id', 'outbox_message', ['person_id'], unique=False)
    op.drop_index('ix_outbox_message_person_status', table_name='outbox_message')
