"""a case's safe contact: whether someone may write to the person's phone, since when, and a
change of owner the person is still to be told about

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 13:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SAFE_CONTACT = sa.Enum(
    'unknown', 'anytime', 'when_person_writes', 'never',
    name='safecontact', native_enum=False, length=20,
)


def upgrade() -> None:
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('safe_contact', SAFE_CONTACT, nullable=False, server_default='unknown')
        )
        batch_op.add_column(sa.Column('safe_contact_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('notice_owed', sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_column('notice_owed')
        batch_op.drop_column('safe_contact_at')
        batch_op.drop_column('safe_contact')
