"""scan.unknown_unit: scans of units the brand never registered

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02 04:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('scan', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('unknown_unit', sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table('scan', schema=None) as batch_op:
        batch_op.drop_column('unknown_unit')
