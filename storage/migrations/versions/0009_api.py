"""integration API: bearer tokens (hash only), and the (updated_at, id) keys its lists page by; cases and
registrations get an updated_at

Revision ID: 0009
Revises: 0007
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.models.base

revision: str = '0009'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# ADD COLUMN ... NOT NULL needs a constant default on SQLite (no table rebuild: a rebuild of assistance_case
# would fire the ON DELETE actions of the tables that reference it); the rows are then given their real time.
_EPOCH = sa.text("'1970-01-01 00:00:00'")


def upgrade() -> None:
    op.create_table('integration_token',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('divisions', sa.JSON().with_variant(sa.dialects.postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('scopes', sa.JSON().with_variant(sa.dialects.postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('created_at', storage.models.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('last_used_at', storage.models.base.UtcDateTime(timezone=True), nullable=True),
    sa.Column('revoked_at', storage.models.base.UtcDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_integration_token')),
    sa.UniqueConstraint('name', name=op.f('uq_integration_token_name')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_integration_token_token_hash'))
    )
    for table, since in (('assistance_case', 'opened_at'), ('unemployment_registration', 'submitted_at')):
        op.add_column(table, sa.Column('updated_at', storage.models.base.UtcDateTime(timezone=True),
                                       server_default=_EPOCH, nullable=False))
        op.execute(sa.text(f'UPDATE {table} SET updated_at = {since}'))
        op.create_index(f'ix_{table}_updated', table, ['updated_at', 'id'], unique=False)
    op.create_index('ix_info_form_updated', 'info_form', ['updated_at', 'person_id'], unique=False)
    op.create_index('ix_job_application_updated', 'job_application', ['updated_at', 'id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_job_application_updated', table_name='job_application')
    op.drop_index('ix_info_form_updated', table_name='info_form')
    for table in ('unemployment_registration', 'assistance_case'):
        op.drop_index(f'ix_{table}_updated', table_name=table)
        # SQLite 3.35+ drops a column without a rebuild when nothing (index, constraint) uses it.
        op.drop_column(table, 'updated_at')
    op.drop_table('integration_token')
