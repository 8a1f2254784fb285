"""hardening: simulated people, and signed WeChat URLs already used (the replay check)

`person.simulated` marks people the chat simulator created (false for everyone before: the simulator's users
shared the real channels' namespace until now, so existing people cannot be told apart and stay real).
`wechat_request` remembers each signed callback URL with a digest of its body until the replay window ends.

Revision ID: 0003
Revises: 0004 (re-chained after casework when main was merged)
Create Date: 2026-12-04 19:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.models.base

revision: str = '0003'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('wechat_request',
    sa.Column('request_key', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=False,
              nullable=False),
    sa.Column('body_digest', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('expires_at', storage.models.base.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('request_key', name=op.f('pk_wechat_request'))
    )
    op.create_index('ix_wechat_request_expires_at', 'wechat_request', ['expires_at'], unique=False)
    # A plain ADD COLUMN (no table rebuild on SQLite, so no foreign key to person is touched).
    op.add_column('person', sa.Column('simulated', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade() -> None:
    op.drop_column('person', 'simulated')
    op.drop_index('ix_wechat_request_expires_at', table_name='wechat_request')
    op.drop_table('wechat_request')
