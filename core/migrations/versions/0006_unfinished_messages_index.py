"""the worker's claim reads a partial index of unfinished inbound messages, so its cost does
not grow with the messages already answered

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 13:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UNFINISHED_INBOUND = "direction = 'in' AND state IN ('received', 'processing')"


def upgrade() -> None:
    op.create_index(
        'ix_messages_unfinished',
        'messages',
        ['id'],
        unique=False,
        sqlite_where=sa.text(UNFINISHED_INBOUND),
        postgresql_where=sa.text(UNFINISHED_INBOUND),
    )


def downgrade() -> None:
    op.drop_index('ix_messages_unfinished', table_name='messages')
