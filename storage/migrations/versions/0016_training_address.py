"""training.address: where a course is held, as the trainings file writes it (培训地点 / 地址: 草海镇职教中心三楼);
until now only the township it named was kept (care13)

Revision ID: 0016
Revises: 0015
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0016'
down_revision: str | None = '0015'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Nullable, no default: every training stored before says nothing of its address (the chat says so, and who
    # to ask); the next import of its file fills it in.
    op.add_column('training', sa.Column('address', sa.String(length=200), nullable=True))


def downgrade() -> None:
    # ALTER TABLE … DROP COLUMN (SQLite 3.35+): no table rebuilt.
    op.drop_column('training', 'address')
