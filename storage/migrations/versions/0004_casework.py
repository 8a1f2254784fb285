"""casework: caseworkers, their divisions and addresses, unemployment registrations, assistance and rights
cases, tasks and alerts; roster_entry.caseworker_phone_hash (the caseworker a roster row names)

roster_entry gains its column by a plain ADD COLUMN: no table rebuild, so no foreign key to it is touched.

Revision ID: 0004
Revises: 0002
Create Date: 2026-12-04 18:59:23.266123
"""

from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy import Text  # noqa: F401  (autogenerate renders JSONB(astext_type=Text()))
from alembic import op
from sqlalchemy.dialects import postgresql

import storage.models.base

revision: str = '0004'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('caseworker',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('phone_enc', sa.String(length=512), nullable=True),
    sa.Column('phone_hash', sa.String(length=64), nullable=True),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('supervisor_id', sa.Integer(), nullable=True),
    sa.Column('wechat_openid_enc', sa.String(length=512), nullable=True),
    sa.Column('wecom_webhook_enc', sa.Text(), nullable=True),
    sa.Column('wecom_robot_hash', sa.String(length=64), nullable=True),
    sa.Column('fallback', sa.Boolean(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('imported_at', storage.models.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('source_file', sa.String(length=255), nullable=True),
    sa.Column('source_line', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['supervisor_id'], ['caseworker.id'], name=op.f('fk_caseworker_supervisor_id_caseworker'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_caseworker')),
    sa.UniqueConstraint('phone_hash', name=op.f('uq_caseworker_phone_hash'))
    )
    with op.batch_alter_table('caseworker', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_caseworker_supervisor_id'), ['supervisor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_caseworker_wecom_robot_hash'), ['wecom_robot_hash'], unique=False)

    op.create_table('caseworker_address',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('caseworker_id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('address_hash', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['caseworker_id'], ['caseworker.id'], name=op.f('fk_caseworker_address_caseworker_id_caseworker'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_caseworker_address')),
    sa.UniqueConstraint('channel', 'address_hash', name=op.f('uq_caseworker_address_channel_address_hash'))
    )
    with op.batch_alter_table('caseworker_address', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_caseworker_address_caseworker_id'), ['caseworker_id'], unique=False)

    op.create_table('caseworker_division',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('caseworker_id', sa.Integer(), nullable=False),
    sa.Column('division', sa.String(length=12), nullable=False),
    sa.ForeignKeyConstraint(['caseworker_id'], ['caseworker.id'], name=op.f('fk_caseworker_division_caseworker_id_caseworker'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_caseworker_division')),
    sa.UniqueConstraint('caseworker_id', 'division', name=op.f('uq_caseworker_division_caseworker_id_division'))
    )
    with op.batch_alter_table('caseworker_division', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_caseworker_division_division'), ['division'], unique=False)

    op.create_table('unemployment_registration',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('caseworker_id', sa.Integer(), nullable=False),
    sa.Column('home_division', sa.String(length=12), nullable=True),
    sa.Column('last_work_day', sa.Date(), nullable=True),
    sa.Column('job_loss_reason', sa.String(length=24), nullable=True),
    sa.Column('insured', sa.String(length=8), nullable=True),
    sa.Column('insured_years', sa.Float(), nullable=True),
    sa.Column('wants_services', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql'), nullable=False),
    sa.Column('benefit_likely', sa.Boolean(), nullable=True),
    sa.Column('benefit_months', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('submitted_at', storage.models.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('decided_at', storage.models.base.UtcDateTime(timezone=True), nullable=True),
    sa.Column('decided_by', sa.Integer(), nullable=True),
    sa.Column('decision_note', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['caseworker_id'], ['caseworker.id'], name=op.f('fk_unemployment_registration_caseworker_id_caseworker'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['decided_by'], ['caseworker.id'], name=op.f('fk_unemployment_registration_decided_by_caseworker'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_unemployment_registration_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unemployment_registration'))
    )
    with op.batch_alter_table('unemployment_registration', schema=None) as batch_op:
        batch_op.create_index('ix_unemployment_registration_caseworker_status', ['caseworker_id', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_unemployment_registration_home_division'), ['home_division'], unique=False)
        batch_op.create_index(batch_op.f('ix_unemployment_registration_person_id'), ['person_id'], unique=False)

    op.create_table('assistance_case',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('issue', sa.String(length=32), nullable=True),
    sa.Column('caseworker_id', sa.Integer(), nullable=False),
    sa.Column('home_division', sa.String(length=12), nullable=True),
    sa.Column('registration_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('opened_at', storage.models.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('first_contact_due', storage.models.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('first_contact_at', storage.models.base.UtcDateTime(timezone=True), nullable=True),
    sa.Column('package', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql'), nullable=False),
    sa.Column('package_due', storage.models.base.UtcDateTime(timezone=True), nullable=True),
    sa.Column('closed_at', storage.models.base.UtcDateTime(timezone=True), nullable=True),
    sa.Column('close_reason', sa.String(length=200), nullable=True),
    sa.Column('closed_by', sa.Integer(), nullable=True),
    sa.Column('days_to_job', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['caseworker_id'], ['caseworker.id'], name=op.f('fk_assistance_case_caseworker_id_caseworker'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['closed_by'], ['caseworker.id'], name=op.f('fk_assistance_case_closed_by_caseworker'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_assistance_case_person_id_person'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['registration_id'], ['unemployment_registration.id'], name=op.f('fk_assistance_case_registration_id_unemployment_registration'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assistance_case'))
    )
    with op.batch_alter_table('assistance_case', schema=None) as batch_op:
        batch_op.create_index('ix_assistance_case_caseworker_status', ['caseworker_id', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_assistance_case_home_division'), ['home_division'], unique=False)
        batch_op.create_index('ix_assistance_case_person_status', ['person_id', 'status'], unique=False)

    op.create_table('casework_task',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.Column('caseworker_id', sa.Integer(), nullable=False),
    sa.Column('home_division', sa.String(length=12), nullable=True),
    sa.Column('reason', sa.String(length=64), nullable=False),
    sa.Column('due_at', storage.models.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('created_at', storage.models.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('done_at', storage.models.base.UtcDateTime(timezone=True), nullable=True),
    sa.Column('escalated_to', sa.Integer(), nullable=True),
    sa.Column('escalated_at', storage.models.base.UtcDateTime(timezone=True), nullable=True),
    sa.Column('dedup_key', sa.String(length=128), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['assistance_case.id'], name=op.f('fk_casework_task_case_id_assistance_case'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['caseworker_id'], ['caseworker.id'], name=op.f('fk_casework_task_caseworker_id_caseworker'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['escalated_to'], ['caseworker.id'], name=op.f('fk_casework_task_escalated_to_caseworker'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_casework_task_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_casework_task')),
    sa.UniqueConstraint('dedup_key', name=op.f('uq_casework_task_dedup_key'))
    )
    with op.batch_alter_table('casework_task', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_casework_task_case_id'), ['case_id'], unique=False)
        batch_op.create_index('ix_casework_task_caseworker_status', ['caseworker_id', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_casework_task_home_division'), ['home_division'], unique=False)
        batch_op.create_index(batch_op.f('ix_casework_task_person_id'), ['person_id'], unique=False)
        batch_op.create_index('ix_casework_task_status_due', ['status', 'due_at'], unique=False)

    op.create_table('alert',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('caseworker_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.Column('task_id', sa.Integer(), nullable=True),
    sa.Column('home_division', sa.String(length=12), nullable=True),
    sa.Column('body_enc', sa.Text(), nullable=False),
    sa.Column('dedup_key', sa.String(length=128), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('channel', sa.String(length=16), nullable=True),
    sa.Column('route', sa.String(length=64), nullable=True),
    sa.Column('robot_hash', sa.String(length=64), nullable=True),
    sa.Column('digest_id', sa.Integer(), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', storage.models.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('claimed_until', storage.models.base.UtcDateTime(timezone=True), nullable=True),
    sa.Column('created_at', storage.models.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('sent_at', storage.models.base.UtcDateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['assistance_case.id'], name=op.f('fk_alert_case_id_assistance_case'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['caseworker_id'], ['caseworker.id'], name=op.f('fk_alert_caseworker_id_caseworker'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_alert_person_id_person'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['task_id'], ['casework_task.id'], name=op.f('fk_alert_task_id_casework_task'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_alert')),
    sa.UniqueConstraint('dedup_key', name=op.f('uq_alert_dedup_key'))
    )
    with op.batch_alter_table('alert', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_alert_caseworker_id'), ['caseworker_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_alert_home_division'), ['home_division'], unique=False)
        batch_op.create_index(batch_op.f('ix_alert_person_id'), ['person_id'], unique=False)
        batch_op.create_index('ix_alert_robot_sent', ['robot_hash', 'sent_at'], unique=False)
        batch_op.create_index('ix_alert_status_next', ['status', 'next_attempt_at'], unique=False)

    op.add_column('roster_entry', sa.Column('caseworker_phone_hash', sa.String(length=64), nullable=True))



def downgrade() -> None:
    op.drop_column('roster_entry', 'caseworker_phone_hash')

    with op.batch_alter_table('alert', schema=None) as batch_op:
        batch_op.drop_index('ix_alert_status_next')
        batch_op.drop_index('ix_alert_robot_sent')
        batch_op.drop_index(batch_op.f('ix_alert_person_id'))
        batch_op.drop_index(batch_op.f('ix_alert_home_division'))
        batch_op.drop_index(batch_op.f('ix_alert_caseworker_id'))

    op.drop_table('alert')
    with op.batch_alter_table('casework_task', schema=None) as batch_op:
        batch_op.drop_index('ix_casework_task_status_due')
        batch_op.drop_index(batch_op.f('ix_casework_task_person_id'))
        batch_op.drop_index(batch_op.f('ix_casework_task_home_division'))
        batch_op.drop_index('ix_casework_task_caseworker_status')
        batch_op.drop_index(batch_op.f('ix_casework_task_case_id'))

    op.drop_table('casework_task')
    with op.batch_alter_table('assistance_case', schema=None) as batch_op:
        batch_op.drop_index('ix_assistance_case_person_status')
        batch_op.drop_index(batch_op.f('ix_assistance_case_home_division'))
        batch_op.drop_index('ix_assistance_case_caseworker_status')

    op.drop_table('assistance_case')
    with op.batch_alter_table('unemployment_registration', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_unemployment_registration_person_id'))
        batch_op.drop_index(batch_op.f('ix_unemployment_registration_home_division'))
        batch_op.drop_index('ix_unemployment_registration_caseworker_status')

    op.drop_table('unemployment_registration')
    with op.batch_alter_table('caseworker_division', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_caseworker_division_division'))

    op.drop_table('caseworker_division')
    with op.batch_alter_table('caseworker_address', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_caseworker_address_caseworker_id'))

    op.drop_table('caseworker_address')
    with op.batch_alter_table('caseworker', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_caseworker_wecom_robot_hash'))
        batch_op.drop_index(batch_op.f('ix_caseworker_supervisor_id'))

    op.drop_table('caseworker')
