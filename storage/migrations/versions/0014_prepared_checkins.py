"""prepared_checkin (+ its outbox, fire and event rows): a check-in's unit of work done ahead of its due time,
released set-based when due if what it read is unchanged (issue 11)

Revision ID: 0014
Revises: 0013
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy import Text
from sqlalchemy.dialects import postgresql

import storage.models.base

revision: str = '0014'
down_revision: str | None = '0013'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _json() -> sa.types.TypeEngine:  # type: ignore[type-arg]
    return sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql')


def _utc() -> storage.models.base.UtcDateTime:
    return storage.models.base.UtcDateTime(timezone=True)


def upgrade() -> None:
    op.create_table('prepared_checkin',
    sa.Column('fire_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('steps', sa.SmallInteger(), nullable=False),
    sa.Column('digest', sa.String(length=32), nullable=False),
    sa.Column('prepared_for', _utc(), nullable=False),
    sa.Column('state', _json(), nullable=False),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('awaiting', sa.String(length=64), nullable=True),
    sa.Column('body_enc', sa.Text(), nullable=True),
    sa.Column('outcome', sa.String(length=24), nullable=False),
    sa.Column('created_at', _utc(), nullable=False),
    sa.ForeignKeyConstraint(['fire_id'], ['scheduled_fire.id'], name=op.f('fk_prepared_checkin_fire_id_scheduled_fire'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_prepared_checkin_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('fire_id', name=op.f('pk_prepared_checkin'))
    )
    op.create_index(op.f('ix_prepared_checkin_person_id'), 'prepared_checkin', ['person_id'], unique=False)
    op.create_table('prepared_outbox',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('fire_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('body_enc', sa.Text(), nullable=False),
    sa.Column('sms_body_enc', sa.Text(), nullable=True),
    sa.Column('topic', sa.String(length=24), nullable=True),
    sa.ForeignKeyConstraint(['fire_id'], ['prepared_checkin.fire_id'], name=op.f('fk_prepared_outbox_fire_id_prepared_checkin'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_prepared_outbox'))
    )
    op.create_index(op.f('ix_prepared_outbox_fire_id'), 'prepared_outbox', ['fire_id'], unique=False)
    op.create_table('prepared_fire',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('fire_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.Column('due_at', _utc(), nullable=False),
    sa.Column('data', _json(), nullable=False),
    sa.ForeignKeyConstraint(['fire_id'], ['prepared_checkin.fire_id'], name=op.f('fk_prepared_fire_fire_id_prepared_checkin'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_prepared_fire'))
    )
    op.create_index(op.f('ix_prepared_fire_fire_id'), 'prepared_fire', ['fire_id'], unique=False)
    op.create_table('prepared_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('fire_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=48), nullable=False),
    sa.Column('channel', sa.String(length=16), nullable=True),
    sa.Column('data', _json(), nullable=False),
    sa.ForeignKeyConstraint(['fire_id'], ['prepared_checkin.fire_id'], name=op.f('fk_prepared_event_fire_id_prepared_checkin'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_prepared_event'))
    )
    op.create_index(op.f('ix_prepared_event_fire_id'), 'prepared_event', ['fire_id'], unique=False)


def downgrade() -> None:
    for name in ('prepared_event', 'prepared_fire', 'prepared_outbox'):
        op.drop_index(op.f(f'ix_{name}_fire_id'), table_name=name)
        op.drop_table(name)
    op.drop_index(op.f('ix_prepared_checkin_person_id'), table_name='prepared_checkin')
    op.drop_table('prepared_checkin')
