"""officers' personal tokens for the JSON API (only their SHA-256 kept)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 13:25:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'officer_api_tokens',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('officer_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=100), nullable=False),
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('last_used_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['officer_id'], ['officers.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('token_hash'),
    )
    with op.batch_alter_table('officer_api_tokens', schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f('ix_officer_api_tokens_officer_id'), ['officer_id'], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table('officer_api_tokens', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_officer_api_tokens_officer_id'))
    op.drop_table('officer_api_tokens')
