"""printing and scan-back verification: label templates, print jobs and records, verify runs

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 05:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_KEY = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_AT = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "label_template",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("layout", sa.JSON(), nullable=False),
        sa.Column("is_default", sa.Boolean(), nullable=False),
        sa.Column("created_at", _AT, nullable=False),
        sa.Column("updated_at", _AT, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_label_template")),
        sa.UniqueConstraint("name", name=op.f("uq_label_template_name")),
    )
    op.create_table(
        "print_job",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("printer", sa.String(length=300), nullable=False),
        sa.Column("backend", sa.String(length=10), nullable=False),
        sa.Column("template_name", sa.String(length=100), nullable=False),
        sa.Column("first_unit", sa.Integer(), nullable=False),
        sa.Column("unit_count", sa.Integer(), nullable=False),
        sa.Column("done_count", sa.Integer(), nullable=False),
        sa.Column("reprint", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("station", sa.String(length=200), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("requested_at", _AT, nullable=False),
        sa.Column("finished_at", _AT, nullable=True),
        sa.CheckConstraint(
            "status IN ('printing', 'completed', 'failed', 'stopped')",
            name=op.f("ck_print_job_status"),
        ),
        sa.CheckConstraint(
            "NOT reprint OR reason IS NOT NULL", name=op.f("ck_print_job_reprint_has_reason")
        ),
        sa.ForeignKeyConstraint(
            ["batch_id"], ["mint_batch.id"], name=op.f("fk_print_job_batch_id_mint_batch")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_print_job")),
    )
    with op.batch_alter_table("print_job", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_print_job_batch_id"), ["batch_id"], unique=False)

    op.create_table(
        "print_record",
        sa.Column("id", _KEY, nullable=False),
        sa.Column("token_key", sa.BigInteger(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("print_no", sa.Integer(), nullable=False),
        sa.Column("printer", sa.String(length=300), nullable=False),
        sa.Column("template_name", sa.String(length=100), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("at", _AT, nullable=False),
        sa.CheckConstraint(
            "print_no = 1 OR reason IS NOT NULL", name=op.f("ck_print_record_reprint_has_reason")
        ),
        sa.ForeignKeyConstraint(
            ["batch_id"], ["mint_batch.id"], name=op.f("fk_print_record_batch_id_mint_batch")
        ),
        sa.ForeignKeyConstraint(
            ["job_id"], ["print_job.id"], name=op.f("fk_print_record_job_id_print_job")
        ),
        sa.ForeignKeyConstraint(
            ["token_key"], ["token.id"], name=op.f("fk_print_record_token_key_token")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_print_record")),
        sa.UniqueConstraint(
            "token_key", "print_no", name=op.f("uq_print_record_token_key_print_no")
        ),
    )
    with op.batch_alter_table("print_record", schema=None) as batch_op:
        batch_op.create_index("ix_print_record_batch_id", ["batch_id", "token_key"], unique=False)

    op.create_table(
        "verify_run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("station", sa.String(length=200), nullable=False),
        sa.Column("started_at", _AT, nullable=False),
        sa.Column("finished_at", _AT, nullable=True),
        sa.ForeignKeyConstraint(
            ["batch_id"], ["mint_batch.id"], name=op.f("fk_verify_run_batch_id_mint_batch")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_verify_run")),
    )
    with op.batch_alter_table("verify_run", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_verify_run_batch_id"), ["batch_id"], unique=False)

    op.create_table(
        "verify_scan",
        sa.Column("id", _KEY, nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("token_key", sa.BigInteger(), nullable=True),
        sa.Column("print_no", sa.Integer(), nullable=True),
        sa.Column("outcome", sa.String(length=12), nullable=False),
        sa.Column("scanned", sa.String(length=500), nullable=False),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.Column("at", _AT, nullable=False),
        sa.CheckConstraint(
            "outcome IN ('verified', 'duplicate', 'not_printed', 'other_batch', 'unknown',"
            " 'revoked', 'unreadable')",
            name=op.f("ck_verify_scan_outcome"),
        ),
        sa.ForeignKeyConstraint(
            ["batch_id"], ["mint_batch.id"], name=op.f("fk_verify_scan_batch_id_mint_batch")
        ),
        sa.ForeignKeyConstraint(
            ["run_id"], ["verify_run.id"], name=op.f("fk_verify_scan_run_id_verify_run")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_verify_scan")),
    )
    with op.batch_alter_table("verify_scan", schema=None) as batch_op:
        batch_op.create_index("ix_verify_scan_run_id", ["run_id", "outcome"], unique=False)
        batch_op.create_index("ix_verify_scan_token_key", ["token_key", "outcome"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("verify_scan", schema=None) as batch_op:
        batch_op.drop_index("ix_verify_scan_token_key")
        batch_op.drop_index("ix_verify_scan_run_id")
    op.drop_table("verify_scan")
    with op.batch_alter_table("verify_run", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_verify_run_batch_id"))
    op.drop_table("verify_run")
    with op.batch_alter_table("print_record", schema=None) as batch_op:
        batch_op.drop_index("ix_print_record_batch_id")
    op.drop_table("print_record")
    with op.batch_alter_table("print_job", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_print_job_batch_id"))
    op.drop_table("print_job")
    op.drop_table("label_template")
