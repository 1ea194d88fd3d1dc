"""routing by place and the questions after a hand-over: where each consulate works as ISO
3166 codes, where in a country the person is, the questions asked per case and the screening

`consulates.serves` stays as the text shown; `places` is filled from it when that text is
already made of ISO codes ("US-TX, US-OK"), else left empty for an admin to set.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 18:30:00
"""

import re
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_CODE = re.compile(r'^[A-Z]{2}(?:-[A-Z0-9]{1,3})?$')


def places_of(serves: str) -> list[str]:
    """The ISO codes a free-text `serves` names, when it names nothing else."""
    tokens = [t for t in re.split(r'[\s,;/]+', serves.strip()) if t]
    if not tokens or not all(_CODE.match(t.upper()) for t in tokens):
        return []
    return list(dict.fromkeys(t.upper() for t in tokens))


def upgrade() -> None:
    with op.batch_alter_table('consulates', schema=None) as batch_op:
        batch_op.add_column(sa.Column('places', sa.JSON(), nullable=False, server_default='[]'))
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.add_column(sa.Column('region_destination', sa.String(length=8), nullable=True))
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('asked', sa.JSON(), nullable=False, server_default='[]'))
        batch_op.add_column(sa.Column('screening', sa.JSON(), nullable=True))
    connection = op.get_bind()
    consulates = sa.table(
        'consulates', sa.column('id', sa.Integer), sa.column('serves', sa.String),
        sa.column('places', sa.JSON),
    )
    for row in connection.execute(sa.select(consulates.c.id, consulates.c.serves)).all():
        found = places_of(row.serves or '')
        if found:
            connection.execute(
                consulates.update().where(consulates.c.id == row.id).values(places=found)
            )


def downgrade() -> None:
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_column('screening')
        batch_op.drop_column('asked')
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.drop_column('region_destination')
    with op.batch_alter_table('consulates', schema=None) as batch_op:
        batch_op.drop_column('places')
