"""conversations: the question the bot asked about, and the topics it offered

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 10:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('conversations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pending_message_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('pending_topic', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('offered_topics', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('conversations', schema=None) as batch_op:
        batch_op.drop_column('offered_topics')
        batch_op.drop_column('pending_topic')
        batch_op.drop_column('pending_message_id')
