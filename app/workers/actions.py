"""Quick service calls the window makes directly (each a short transaction).

The UI reaches services only through app.workers; long jobs go through ``Job``, these short
ones are re-exported here so the import direction of DESIGN.md holds.
"""

from __future__ import annotations

from pathlib import Path

from app.minting.engine import resume_failed
from app.minting.request import (
    MAX_QUANTITY,
    LotSpec,
    MintRequest,
    SerialKind,
    SerialSpec,
    check_lots,
)
from app.minting.runs import RunView, list_runs
from app.minting.submit import MintRefused, Submitted, next_serial_number, preflight, submit
from app.minting.tokens import revoke
from app.storage.brand import publish_template, update_brand
from app.storage.db import Database
from app.storage.products import ImportReport, import_products_file

__all__ = [
    "MAX_QUANTITY",
    "LotSpec",
    "MintRefused",
    "MintRequest",
    "RunView",
    "SerialKind",
    "SerialSpec",
    "Submitted",
    "check_lots",
    "import_catalogue",
    "list_runs",
    "next_serial_number",
    "preflight",
    "publish_default_template",
    "resume_failed",
    "revoke",
    "save_brand",
    "submit",
]


def save_brand(
    db: Database,
    *,
    name: str | None = None,
    resolver_domain: str | None = None,
    gs1_ready: bool | None = None,
    company_prefix: str | None = None,
    logo: tuple[bytes, str] | None = None,
    logo_in_bundles: bool | None = None,
    qr_compressed_uris: bool | None = None,
) -> None:
    """Save what changed of the brand (shared by every station on the database)."""
    with db.write() as session:
        update_brand(
            session,
            name=name,
            resolver_domain=resolver_domain,
            gs1_ready=gs1_ready,
            company_prefix=company_prefix,
            logo=logo,
            logo_in_bundles=logo_in_bundles,
            qr_compressed_uris=qr_compressed_uris,
        )


def publish_default_template(db: Database) -> None:
    with db.write() as session:
        publish_template(session)


def import_catalogue(db: Database, path: Path) -> ImportReport:
    """Import a catalogue CSV file, streamed as the CLI does (memory bounded by the chunk
    size, not the file); with any bad row nothing is written."""
    with db.write() as session:
        return import_products_file(session, path, source=path.name)
