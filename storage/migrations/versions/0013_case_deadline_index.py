"""assistance_case: an index on the case list's order (status, then what the case waits for next: its first
contact's deadline until then, its service package's after), so the province's list of the nearest 200 deadlines
walks the index and stops, instead of looking every open case's laborer up and sorting them all

Revision ID: 0013
Revises: 0012
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0013'
down_revision: str | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# bot/console/inbox.py case_deadline(), as the list orders by it (nulls last on both databases).
_DEADLINE = "CASE WHEN first_contact_at IS NULL THEN first_contact_due ELSE package_due END"


def upgrade() -> None:
    op.create_index('ix_assistance_case_deadline', 'assistance_case',
                    ['status', sa.text(f'(({_DEADLINE}) IS NULL)'), sa.text(f'({_DEADLINE})'), 'id'])


def downgrade() -> None:
    op.drop_index('ix_assistance_case_deadline', table_name='assistance_case')
