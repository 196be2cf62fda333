"""encoding stations: encoding records and unit claims

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_KEY = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def upgrade() -> None:
    op.create_table('encoding_record',
    sa.Column('id', _KEY, nullable=False),
    sa.Column('token_key', sa.BigInteger(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=4), nullable=False),
    sa.Column('device', sa.String(length=200), nullable=False),
    sa.Column('station', sa.String(length=200), nullable=False),
    sa.Column('tag_uid', sa.String(length=64), nullable=True),
    sa.Column('epc_hex', sa.String(length=64), nullable=True),
    sa.Column('result', sa.String(length=6), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('encoding_no', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('nfc', 'rfid')", name=op.f('ck_encoding_record_kind')),
    sa.CheckConstraint("result IN ('ok', 'failed', 'void')", name=op.f('ck_encoding_record_result')),
    sa.CheckConstraint(
        "(result = 'ok' AND encoding_no IS NOT NULL) OR (result <> 'ok' AND encoding_no IS NULL)",
        name=op.f('ck_encoding_record_numbered_when_ok'),
    ),
    sa.CheckConstraint(
        "encoding_no IS NULL OR encoding_no = 1 OR reason IS NOT NULL",
        name=op.f('ck_encoding_record_reencode_has_reason'),
    ),
    sa.ForeignKeyConstraint(['batch_id'], ['mint_batch.id'], name=op.f('fk_encoding_record_batch_id_mint_batch')),
    sa.ForeignKeyConstraint(['token_key'], ['token.id'], name=op.f('fk_encoding_record_token_key_token')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_encoding_record')),
    sa.UniqueConstraint('token_key', 'kind', 'encoding_no', name=op.f('uq_encoding_record_token_key_kind_encoding_no'))
    )
    with op.batch_alter_table('encoding_record', schema=None) as batch_op:
        batch_op.create_index('ix_encoding_record_batch_id', ['batch_id', 'kind', 'token_key'], unique=False)

    op.create_table('encoding_claim',
    sa.Column('token_key', sa.BigInteger(), nullable=False),
    sa.Column('kind', sa.String(length=4), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('station', sa.String(length=200), nullable=False),
    sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['mint_batch.id'], name=op.f('fk_encoding_claim_batch_id_mint_batch')),
    sa.ForeignKeyConstraint(['token_key'], ['token.id'], name=op.f('fk_encoding_claim_token_key_token')),
    sa.PrimaryKeyConstraint('token_key', 'kind', name=op.f('pk_encoding_claim'))
    )
    with op.batch_alter_table('encoding_claim', schema=None) as batch_op:
        batch_op.create_index('ix_encoding_claim_station', ['station', 'kind'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('encoding_claim', schema=None) as batch_op:
        batch_op.drop_index('ix_encoding_claim_station')

    op.drop_table('encoding_claim')
    with op.batch_alter_table('encoding_record', schema=None) as batch_op:
        batch_op.drop_index('ix_encoding_record_batch_id')

    op.drop_table('encoding_record')
