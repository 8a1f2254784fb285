"""info_form: the ID number a reviewer confirmed as this person's although another form has it
(id_number_checked_hash), so the console's duplicate mark stays off until the number changes

Revision ID: 0011
Revises: 0010
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('info_form', sa.Column('id_number_checked_hash', sa.String(length=64), nullable=True))


def downgrade() -> None:
    # SQLite 3.35+ drops a column without a rebuild when nothing (index, constraint) uses it.
    op.drop_column('info_form', 'id_number_checked_hash')
