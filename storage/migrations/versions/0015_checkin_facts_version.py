"""person.facts_version: a counter bumped by triggers on every write that can change what a check-in's dialog
step reads besides the conversation (the form's status and fields, the channels and opt-outs, when the person
last wrote, an assistance case opened or closed); a prepared check-in is tied to it (issue 11)

The triggers, not the code paths, bump it: every writer (the dialog, the console, the importers, the hot path's
direct statements, a later one) is covered alike. Same behaviour on SQLite and PostgreSQL.

Revision ID: 0015
Revises: 0014
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0015'
down_revision: str | None = '0014'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, the person id column, the columns whose update counts, a condition on the row or None)
SOURCES = (
    ('info_form', 'person_id', ('person_id', 'employment_status', 'data'), None),
    ('channel_account', 'person_id', ('person_id', 'channel', 'unsubscribed_at', 'last_inbound_at'), None),
    ('assistance_case', 'person_id', ('person_id', 'kind', 'status'), None),
    # A simulator user's last message (its played time is when they last wrote); a fire's own inbound is not.
    ('inbound_message', 'person_id', ('person_id', 'received_at', 'dedup_key'), "{row}.dedup_key NOT LIKE 'fire:%'"),
)
PERSON_COLUMNS = ('opted_out_at', 'simulated')


def _sqlite() -> list[str]:
    bump = 'UPDATE person SET facts_version = facts_version + 1 WHERE id IN ({ids});'
    sql = []
    for table, pid, columns, condition in SOURCES:
        for event, rows in (('INSERT', ('NEW',)), ('DELETE', ('OLD',)), (f'UPDATE OF {", ".join(columns)}', ('OLD', 'NEW'))):
            name = f'{table}_facts_{event.split()[0].lower()}'
            when = ' OR '.join(condition.format(row=row) for row in rows) if condition else None
            ids = ', '.join(f'{row}.{pid}' for row in rows)
            sql.append(f'CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW '
                       f'{"WHEN " + when + " " if when else ""}BEGIN {bump.format(ids=ids)} END')
    sql.append(f'CREATE TRIGGER person_facts_update AFTER UPDATE OF {", ".join(PERSON_COLUMNS)} ON person '
               f'FOR EACH ROW BEGIN {bump.format(ids="NEW.id")} END')
    return sql


def _postgresql() -> list[str]:
    sql = [
        "CREATE FUNCTION bump_checkin_facts() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "IF TG_OP = 'INSERT' THEN "
        "UPDATE person SET facts_version = facts_version + 1 WHERE id = NEW.person_id; "
        "ELSIF TG_OP = 'DELETE' THEN "
        "UPDATE person SET facts_version = facts_version + 1 WHERE id = OLD.person_id; "
        "ELSE "
        "UPDATE person SET facts_version = facts_version + 1 WHERE id IN (OLD.person_id, NEW.person_id); "
        "END IF; RETURN NULL; END $$",
        "CREATE FUNCTION bump_person_facts() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "UPDATE person SET facts_version = facts_version + 1 WHERE id = NEW.id; RETURN NULL; END $$",
    ]
    for table, _pid, columns, condition in SOURCES:
        for event, rows in (('INSERT', ('NEW',)), ('DELETE', ('OLD',)), (f'UPDATE OF {", ".join(columns)}', ('OLD', 'NEW'))):
            name = f'{table}_facts_{event.split()[0].lower()}'
            when = ' OR '.join(condition.format(row=row) for row in rows) if condition else None
            sql.append(f'CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW '
                       f'{"WHEN (" + when + ") " if when else ""}EXECUTE FUNCTION bump_checkin_facts()')
    sql.append(f'CREATE TRIGGER person_facts_update AFTER UPDATE OF {", ".join(PERSON_COLUMNS)} ON person '
               'FOR EACH ROW EXECUTE FUNCTION bump_person_facts()')
    return sql


def upgrade() -> None:
    op.add_column('person', sa.Column('facts_version', sa.Integer(), server_default='0', nullable=False))
    op.add_column('prepared_checkin', sa.Column('facts_version', sa.Integer(), server_default='0', nullable=False))
    # Anything prepared before this revision is tied to no facts version: thrown away (it takes the full path).
    op.execute('DELETE FROM prepared_checkin')
    for statement in (_postgresql() if op.get_bind().dialect.name == 'postgresql' else _sqlite()):
        op.execute(statement)


def downgrade() -> None:
    postgresql = op.get_bind().dialect.name == 'postgresql'
    triggers = [(f'{table}_facts_{event}', table) for table, *_ in SOURCES for event in ('insert', 'delete', 'update')]
    for name, table in [*triggers, ('person_facts_update', 'person')]:
        op.execute(f'DROP TRIGGER {name} ON {table}' if postgresql else f'DROP TRIGGER {name}')
    if postgresql:
        op.execute('DROP FUNCTION bump_checkin_facts()')
        op.execute('DROP FUNCTION bump_person_facts()')
    # ALTER TABLE … DROP COLUMN (SQLite 3.35+): no table rebuilt (a rebuilt person would cascade to everything).
    op.drop_column('prepared_checkin', 'facts_version')
    op.drop_column('person', 'facts_version')
