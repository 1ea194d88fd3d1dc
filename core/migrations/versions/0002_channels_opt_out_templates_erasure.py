"""channels: awaited keywords, officer author, WhatsApp templates, erasure confirmations

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 09:02:29.155136
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('conversations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('awaiting', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('awaiting_since', sa.DateTime(timezone=True), nullable=True))

    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('officer_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            'fk_messages_officer_id', 'officers', ['officer_id'], ['id'], ondelete='SET NULL'
        )

    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('channel', sa.Enum('sms', 'whatsapp', name='channel', native_enum=False, length=20), nullable=True))
        batch_op.add_column(sa.Column('address_encrypted', sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column('body', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('content_sid', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('content_variables', sa.JSON(), nullable=True))
        batch_op.add_column(
            sa.Column('bypass_opt_out', sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.alter_column('message_id', existing_type=sa.INTEGER(), nullable=True)


def downgrade() -> None:
    op.execute("DELETE FROM outbox WHERE message_id IS NULL")
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.alter_column('message_id', existing_type=sa.INTEGER(), nullable=False)
        batch_op.drop_column('bypass_opt_out')
        batch_op.drop_column('content_variables')
        batch_op.drop_column('content_sid')
        batch_op.drop_column('body')
        batch_op.drop_column('address_encrypted')
        batch_op.drop_column('channel')

    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.drop_constraint('fk_messages_officer_id', type_='foreignkey')
        batch_op.drop_column('officer_id')

    with op.batch_alter_table('conversations', schema=None) as batch_op:
        batch_op.drop_column('awaiting_since')
        batch_op.drop_column('awaiting')
