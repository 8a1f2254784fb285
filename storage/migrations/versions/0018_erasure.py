"""person.erased_at: a person whose personal data was erased (consent withdrawn) stays as a tombstone; and the name
and ID number a submitted unemployment registration keeps as the office's record once the form is gone (erase14)

Revision ID: 0018
Revises: 0017
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.models.base

revision: str = '0018'
down_revision: str | None = '0017'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Nullable columns without defaults: ALTER TABLE … ADD COLUMN on both databases, no table rebuilt (the person
    # table's triggers of 0015 stay as they are).
    op.add_column('person', sa.Column('erased_at', storage.models.base.UtcDateTime(timezone=True), nullable=True))
    op.add_column('unemployment_registration', sa.Column('kept_name', sa.String(length=64), nullable=True))
    op.add_column('unemployment_registration', sa.Column('kept_id_number_enc', sa.String(length=512), nullable=True))


def downgrade() -> None:
    # ALTER TABLE … DROP COLUMN (SQLite 3.35+): no table rebuilt.
    op.drop_column('unemployment_registration', 'kept_id_number_enc')
    op.drop_column('unemployment_registration', 'kept_name')
    op.drop_column('person', 'erased_at')
