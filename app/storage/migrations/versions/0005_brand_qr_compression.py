"""brand.qr_compressed_uris: QR codes carry compressed GS1 Digital Link URIs (off by default)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 05:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("brand") as batch_op:
        batch_op.add_column(
            sa.Column("qr_compressed_uris", sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("brand") as batch_op:
        batch_op.drop_column("qr_compressed_uris")
