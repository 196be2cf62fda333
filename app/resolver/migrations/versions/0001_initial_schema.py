"""initial schema: the tables the resolver made with create_all before migrations

Revision ID: 0001
Revises:
Create Date: 2026-12-02 04:39:04

A database made by create_all before migrations existed is stamped with this revision.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None

# ULIDs sort by byte value (collation C on PostgreSQL); keys are 64-bit, rowid on SQLite.
_ULID = sa.String(length=26).with_variant(sa.String(length=26, collation='C'), 'postgresql')
_KEY = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def upgrade() -> None:
    op.create_table('batch',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', _ULID, nullable=False),
    sa.Column('sku', sa.String(length=64), nullable=False),
    sa.Column('gtin', sa.String(length=14), nullable=True),
    sa.Column('identity_mode', sa.String(length=10), nullable=False),
    sa.Column('activation_mode', sa.String(length=12), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('station', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_batch')),
    sa.UniqueConstraint('uid', name=op.f('uq_batch_uid'))
    )
    op.create_table('brand',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('theme', sa.JSON(), nullable=False),
    sa.Column('logo', sa.LargeBinary(), nullable=True),
    sa.Column('logo_mime', sa.String(length=40), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_brand'))
    )
    op.create_table('change',
    sa.Column('seq', _KEY, autoincrement=False, nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('token_id', _ULID, nullable=True),
    sa.Column('batch_uid', _ULID, nullable=True),
    sa.Column('lot', sa.String(length=20), nullable=True),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_change'))
    )
    op.create_table('counter',
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('value', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_counter'))
    )
    op.create_table('encoding',
    sa.Column('id', _KEY, nullable=False),
    sa.Column('token_id', _ULID, nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('station', sa.String(length=100), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_encoding'))
    )
    with op.batch_alter_table('encoding', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_encoding_token_id'), ['token_id'], unique=False)

    op.create_table('link',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sku', sa.String(length=64), nullable=False),
    sa.Column('lot', sa.String(length=20), nullable=True),
    sa.Column('link_type', sa.String(length=80), nullable=False),
    sa.Column('href', sa.Text(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('hreflang', sa.String(length=35), nullable=True),
    sa.Column('media_type', sa.String(length=100), nullable=True),
    sa.Column('is_default', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_link'))
    )
    with op.batch_alter_table('link', schema=None) as batch_op:
        batch_op.create_index('ix_link_sku_lot', ['sku', 'lot'], unique=False)

    op.create_table('lot',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('gtin', sa.String(length=14), nullable=True),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('first_seq', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('expiry', sa.String(length=10), nullable=True),
    sa.Column('activated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lot')),
    sa.UniqueConstraint('batch_id', 'code', name=op.f('uq_lot_batch_id_code'))
    )
    with op.batch_alter_table('lot', schema=None) as batch_op:
        batch_op.create_index('ix_lot_gtin_code', ['gtin', 'code'], unique=False)

    op.create_table('message_key',
    sa.Column('key', sa.String(length=128), nullable=False),
    sa.Column('topic', sa.String(length=40), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_message_key'))
    )
    op.create_table('nonce',
    sa.Column('key_id', sa.String(length=40), nullable=False),
    sa.Column('nonce', sa.String(length=64), nullable=False),
    sa.Column('seen_at', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('key_id', 'nonce', name=op.f('pk_nonce'))
    )
    with op.batch_alter_table('nonce', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_nonce_seen_at'), ['seen_at'], unique=False)

    op.create_table('pack',
    sa.Column('id', _ULID, nullable=False),
    sa.Column('key_id', sa.String(length=40), nullable=False),
    sa.Column('idempotency_key', sa.String(length=128), nullable=False),
    sa.Column('batch_uid', _ULID, nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('uploaded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expired_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pack')),
    sa.UniqueConstraint('key_id', 'idempotency_key', name=op.f('uq_pack_key_id_idempotency_key'))
    )
    op.create_table('product',
    sa.Column('sku', sa.String(length=64), nullable=False),
    sa.Column('gtin', sa.String(length=14), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('default_language', sa.String(length=35), nullable=False),
    sa.Column('content', sa.JSON(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('sku', name=op.f('pk_product')),
    sa.UniqueConstraint('gtin', name=op.f('uq_product_gtin'))
    )
    op.create_table('push_request',
    sa.Column('key_id', sa.String(length=40), nullable=False),
    sa.Column('idempotency_key', sa.String(length=128), nullable=False),
    sa.Column('response', sa.JSON(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('key_id', 'idempotency_key', name=op.f('pk_push_request'))
    )
    op.create_table('revocation',
    sa.Column('token_id', _ULID, nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('token_id', name=op.f('pk_revocation'))
    )
    op.create_table('scan',
    sa.Column('id', _KEY, nullable=False),
    sa.Column('at', sa.Double(), nullable=False),
    sa.Column('token_id', _ULID, nullable=True),
    sa.Column('batch_id', sa.Integer(), nullable=True),
    sa.Column('sku', sa.String(length=64), nullable=True),
    sa.Column('ip_prefix', sa.String(length=50), nullable=True),
    sa.Column('country', sa.String(length=2), nullable=True),
    sa.Column('user_agent', sa.String(length=512), nullable=False),
    sa.Column('language', sa.String(length=35), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scan'))
    )
    op.create_table('scan_flush',
    sa.Column('seq', _KEY, autoincrement=False, nullable=False),
    sa.Column('after_id', sa.BigInteger(), nullable=False),
    sa.Column('last_id', sa.BigInteger(), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_scan_flush'))
    )
    op.create_table('setting',
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_setting'))
    )
    op.create_table('station_credential',
    sa.Column('key_id', sa.String(length=40), nullable=False),
    sa.Column('station', sa.String(length=100), nullable=False),
    sa.Column('wrapped_key', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('key_id', name=op.f('pk_station_credential'))
    )
    op.create_table('token',
    sa.Column('id', _ULID, nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('lot_id', sa.Integer(), nullable=True),
    sa.Column('gtin', sa.String(length=14), nullable=True),
    sa.Column('serial', sa.String(length=20), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('activated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoke_reason', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_token')),
    sa.UniqueConstraint('gtin', 'serial', name=op.f('uq_token_gtin_serial')),
    sqlite_with_rowid=False
    )


def downgrade() -> None:
    op.drop_table('token')
    op.drop_table('station_credential')
    op.drop_table('setting')
    op.drop_table('scan_flush')
    op.drop_table('scan')
    op.drop_table('revocation')
    op.drop_table('push_request')
    op.drop_table('product')
    op.drop_table('pack')
    with op.batch_alter_table('nonce', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_nonce_seen_at'))

    op.drop_table('nonce')
    op.drop_table('message_key')
    with op.batch_alter_table('lot', schema=None) as batch_op:
        batch_op.drop_index('ix_lot_gtin_code')

    op.drop_table('lot')
    with op.batch_alter_table('link', schema=None) as batch_op:
        batch_op.drop_index('ix_link_sku_lot')

    op.drop_table('link')
    with op.batch_alter_table('encoding', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_encoding_token_id'))

    op.drop_table('encoding')
    op.drop_table('counter')
    op.drop_table('change')
    op.drop_table('brand')
    op.drop_table('batch')
