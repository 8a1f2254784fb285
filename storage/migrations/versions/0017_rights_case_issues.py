"""assistance_case.issues: every problem a rights case is about (没签合同 and 没交社保 told together are one case, and
a problem told later while it is open joins it); `issue` stays the first one told (care13)

Revision ID: 0017
Revises: 0016
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = '0017'
down_revision: str | None = '0016'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Nullable, no default: a case stored before is about its `issue` alone (bot/casework/cases.py issues_of), and
    # the cases a form opened one per issue before stay as they are (their caseworker closes each).
    op.add_column('assistance_case',
                  sa.Column('issues', sa.JSON().with_variant(JSONB(), 'postgresql'), nullable=True))


def downgrade() -> None:
    # ALTER TABLE … DROP COLUMN (SQLite 3.35+): no table rebuilt. `issue` still names the first problem.
    op.drop_column('assistance_case', 'issues')
