"""the first-response clock: each consulate's target, and when a case got its first human reply
(filled in for existing cases from the first officer message written while the case was open)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 13:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BACKFILL = sa.text(
    """
    UPDATE cases SET first_response_at = (
        SELECT MIN(messages.created_at) FROM messages
        WHERE messages.conversation_id = cases.conversation_id
          AND messages.author = 'officer'
          AND messages.created_at >= cases.opened_at
          AND (cases.closed_at IS NULL OR messages.created_at <= cases.closed_at)
    )
    WHERE first_response_at IS NULL
    """
)


def upgrade() -> None:
    with op.batch_alter_table('consulates', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                'first_response_target_minutes', sa.Integer(), nullable=False,
                server_default=sa.text('30'),
            )
        )
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('first_response_at', sa.DateTime(timezone=True), nullable=True)
        )
    op.execute(BACKFILL)


def downgrade() -> None:
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_column('first_response_at')
    with op.batch_alter_table('consulates', schema=None) as batch_op:
        batch_op.drop_column('first_response_target_minutes')
