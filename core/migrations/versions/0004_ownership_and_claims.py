"""conversations: who answers (queued, with_officer) and its audit; messages: worker claims
and urgency evidence; urgency no longer stored on the conversation (the case holds it)

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 09:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STATUS = sa.Enum(
    'bot', 'queued', 'with_officer', 'closed',
    name='conversationstatus', native_enum=False, length=20,
)
RENAMED = {'waiting_human': 'queued', 'with_human': 'with_officer'}


def upgrade() -> None:
    conversations = sa.table('conversations', sa.column('status', sa.String))
    for old, new in RENAMED.items():
        op.execute(conversations.update().where(conversations.c.status == old).values(status=new))
    with op.batch_alter_table('conversations', schema=None) as batch_op:
        batch_op.drop_column('urgent')

    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('claim_token', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('lease_until', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(
            sa.Column('claims', sa.Integer(), nullable=False, server_default=sa.text('0'))
        )
        batch_op.add_column(sa.Column('urgency_evidence', sa.JSON(), nullable=True))

    op.create_table(
        'ownership_changes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('conversation_id', sa.Integer(), nullable=False),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('actor', sa.String(length=64), nullable=False),
        sa.Column('from_status', STATUS, nullable=False),
        sa.Column('to_status', STATUS, nullable=False),
        sa.Column('priority', sa.Integer(), nullable=True),
        sa.Column('reason', sa.String(length=120), nullable=False),
        sa.ForeignKeyConstraint(['conversation_id'], ['conversations.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('ownership_changes', schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f('ix_ownership_changes_conversation_id'), ['conversation_id'], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table('ownership_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ownership_changes_conversation_id'))
    op.drop_table('ownership_changes')
    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.drop_column('urgency_evidence')
        batch_op.drop_column('claims')
        batch_op.drop_column('lease_until')
        batch_op.drop_column('claim_token')
    with op.batch_alter_table('conversations', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('urgent', sa.Boolean(), nullable=False, server_default=sa.false())
        )
    conversations = sa.table('conversations', sa.column('status', sa.String))
    for old, new in RENAMED.items():
        op.execute(conversations.update().where(conversations.c.status == new).values(status=old))
