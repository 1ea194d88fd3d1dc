"""indexes for the lookups every message makes: a person's conversations (each inbound
message) and the replies to a message (how it was answered); without them both scanned their
whole table, which `make bench` showed once a million messages were stored

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 14:35:00
"""

from collections.abc import Sequence

from alembic import op


revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index('ix_conversations_person_id', 'conversations', ['person_id'], unique=False)
    op.create_index('ix_messages_in_reply_to_id', 'messages', ['in_reply_to_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_messages_in_reply_to_id', table_name='messages')
    op.drop_index('ix_conversations_person_id', table_name='conversations')
