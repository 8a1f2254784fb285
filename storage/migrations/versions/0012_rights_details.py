"""assistance_case: what the person told after a rights report (details_enc), kept with the rights case so the
console's case page and the cases export show it

Revision ID: 0012
Revises: 0011
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('assistance_case', sa.Column('details_enc', sa.Text(), nullable=True))


def downgrade() -> None:
    # SQLite 3.35+ drops a column without a rebuild when nothing (index, constraint) uses it.
    op.drop_column('assistance_case', 'details_enc')
