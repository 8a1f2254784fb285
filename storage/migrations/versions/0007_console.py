"""console: passwords and sessions of console accounts, failed logins by address, contact records, alert
acknowledgement, and an index of the simulated people (the console's scope leaves them out)

Revision ID: 0007
Revises: 0008
Create Date: 2026-12-04 21:32:46.154529
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.models.base

revision: str = '0007'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('console_login_failure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('address_hash', sa.String(length=64), nullable=False),
    sa.Column('failed_at', storage.models.base.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_console_login_failure'))
    )
    with op.batch_alter_table('console_login_failure', schema=None) as batch_op:
        batch_op.create_index('ix_console_login_failure_address_at', ['address_hash', 'failed_at'], unique=False)

    op.create_table('console_login',
    sa.Column('caseworker_id', sa.Integer(), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('password_set_at', storage.models.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('failed_logins', sa.Integer(), nullable=False),
    sa.Column('locked_until', storage.models.base.UtcDateTime(timezone=True), nullable=True),
    sa.Column('last_login_at', storage.models.base.UtcDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['caseworker_id'], ['caseworker.id'], name=op.f('fk_console_login_caseworker_id_caseworker'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('caseworker_id', name=op.f('pk_console_login'))
    )
    op.create_table('console_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('caseworker_id', sa.Integer(), nullable=False),
    sa.Column('created_at', storage.models.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('last_seen_at', storage.models.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', storage.models.base.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['caseworker_id'], ['caseworker.id'], name=op.f('fk_console_session_caseworker_id_caseworker'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_console_session')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_console_session_token_hash'))
    )
    with op.batch_alter_table('console_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_console_session_caseworker_id'), ['caseworker_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_console_session_expires_at'), ['expires_at'], unique=False)

    op.create_table('contact_record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.Column('caseworker_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('channel', sa.String(length=16), nullable=True),
    sa.Column('note_enc', sa.Text(), nullable=True),
    sa.Column('at', storage.models.base.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['assistance_case.id'], name=op.f('fk_contact_record_case_id_assistance_case'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['caseworker_id'], ['caseworker.id'], name=op.f('fk_contact_record_caseworker_id_caseworker'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_contact_record_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contact_record'))
    )
    with op.batch_alter_table('contact_record', schema=None) as batch_op:
        batch_op.create_index('ix_contact_record_case_kind', ['case_id', 'kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_contact_record_person_id'), ['person_id'], unique=False)

    # On SQLite a foreign key column is added by rebuilding the table: safe for `alert`, which no other table
    # references (a rebuild fires the ON DELETE actions of the tables that reference the one rebuilt).
    with op.batch_alter_table('alert', schema=None) as batch_op:
        batch_op.add_column(sa.Column('acknowledged_at', storage.models.base.UtcDateTime(timezone=True),
                                      nullable=True))
        batch_op.add_column(sa.Column('acknowledged_by', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_alert_acknowledged_by_caseworker'), 'caseworker',
                                    ['acknowledged_by'], ['id'], ondelete='SET NULL')
    op.add_column('form_change', sa.Column('reason', sa.String(length=200), nullable=True))
    op.create_index('ix_info_form_coverage', 'info_form', ['home_division', 'employment_status', 'status',
                                                           'person_id'], unique=False)
    op.create_index('ix_person_simulated', 'person', ['id'], unique=False, sqlite_where=sa.text('simulated = 1'),
                    postgresql_where=sa.text('simulated'))
    op.create_index('ix_casework_task_escalated_to', 'casework_task', ['escalated_to'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_casework_task_escalated_to', table_name='casework_task')
    op.drop_index('ix_person_simulated', table_name='person')
    op.drop_column('form_change', 'reason')
    op.drop_index('ix_info_form_coverage', table_name='info_form')
    # DROP COLUMN of a column with a foreign key needs a table rebuild on SQLite (nothing references alert).
    with op.batch_alter_table('alert', schema=None) as batch_op:
        batch_op.drop_column('acknowledged_by')
        batch_op.drop_column('acknowledged_at')

    with op.batch_alter_table('contact_record', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contact_record_person_id'))
        batch_op.drop_index('ix_contact_record_case_kind')

    op.drop_table('contact_record')
    with op.batch_alter_table('console_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_console_session_expires_at'))
        batch_op.drop_index(batch_op.f('ix_console_session_caseworker_id'))

    op.drop_table('console_session')
    op.drop_table('console_login')
    with op.batch_alter_table('console_login_failure', schema=None) as batch_op:
        batch_op.drop_index('ix_console_login_failure_address_at')

    op.drop_table('console_login_failure')
