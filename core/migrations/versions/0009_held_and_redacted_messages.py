"""messages: an officer's reply held past WhatsApp's window, and who redacted a message when

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 13:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('held_since', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('redacted_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('redacted_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            'fk_messages_redacted_by_id', 'officers', ['redacted_by_id'], ['id'],
            ondelete='SET NULL',
        )


def downgrade() -> None:
    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.drop_constraint('fk_messages_redacted_by_id', type_='foreignkey')
        batch_op.drop_column('redacted_by_id')
        batch_op.drop_column('redacted_at')
        batch_op.drop_column('held_since')
