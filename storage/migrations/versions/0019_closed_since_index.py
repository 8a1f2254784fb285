"""vacancy, training: an index on (expires, status), so that the items whose sign-up closed lately
(storage/jobs.py closed_since: "这期报名11月20日已经截止了") and the import's retiring of the items past their date
(bot/job_import.py) read the few rows in that range of dates instead of every item ever imported

Revision ID: 0019
Revises: 0018
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0019'
down_revision: str | None = '0018'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index('ix_vacancy_expires_status', 'vacancy', ['expires', 'status'])
    op.create_index('ix_training_expires_status', 'training', ['expires', 'status'])


def downgrade() -> None:
    op.drop_index('ix_training_expires_status', table_name='training')
    op.drop_index('ix_vacancy_expires_status', table_name='vacancy')
