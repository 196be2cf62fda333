"""sync with the resolver: settings, state, scan counts

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_KEY = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def upgrade() -> None:
    op.create_table('sync_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('resolver_url', sa.Text(), nullable=False),
    sa.Column('key_id', sa.String(length=40), nullable=False),
    sa.Column('secret', sa.Text(), nullable=False),
    sa.Column('content_language', sa.String(length=35), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_settings'))
    )
    op.create_table('sync_state',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pull_cursor', sa.BigInteger(), nullable=False),
    sa.Column('catalog_digest', sa.String(length=64), nullable=True),
    sa.Column('last_attempt_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_success_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('consecutive_failures', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_state'))
    )
    op.create_table('token_scan_count',
    sa.Column('token_id', _KEY, autoincrement=False, nullable=False),
    sa.Column('scans', sa.BigInteger(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('token_id', name=op.f('pk_token_scan_count'))
    )
    op.create_table('batch_scan_count',
    sa.Column('batch_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('scans', sa.BigInteger(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('batch_id', name=op.f('pk_batch_scan_count'))
    )
    state = sa.table(
        'sync_state',
        sa.column('id', sa.Integer),
        sa.column('pull_cursor', sa.BigInteger),
        sa.column('consecutive_failures', sa.Integer),
    )
    op.bulk_insert(state, [{'id': 1, 'pull_cursor': 0, 'consecutive_failures': 0}])


def downgrade() -> None:
    op.drop_table('batch_scan_count')
    op.drop_table('token_scan_count')
    op.drop_table('sync_state')
    op.drop_table('sync_settings')
