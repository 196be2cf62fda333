"""Minted batches to export, on the `db` fixture (SQLite and PostgreSQL)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.core.states import IdentityMode
from app.minting.engine import mint
from app.minting.request import LotSpec, MintRequest, SerialKind, SerialSpec
from app.minting.submit import submit
from app.storage.db import Database
from tests.minting.conftest import READY_SKU

__all__ = ["Clock", "mint_lots", "mint_serials", "read_zip"]


def mint_serials(
    db: Database,
    quantity: int,
    *,
    serials: tuple[str, ...] = (),
    prefix: str = "A",
) -> str:
    """Mint a serial batch (sequential, or the given list) and return its uid."""
    spec = (
        SerialSpec(kind=SerialKind.LIST, serials=serials)
        if serials
        else SerialSpec(kind=SerialKind.SEQUENTIAL, prefix=prefix)
    )
    submitted = submit(db, MintRequest(sku=READY_SKU, quantity=quantity, serials=spec))
    result = mint(submitted.batch_id, db=db)
    assert result.minted == quantity
    return submitted.uid


def mint_lots(db: Database, lots: tuple[tuple[str, int, int], ...]) -> str:
    """Mint a lot batch of (code, quantity, print quantity) lots and return its uid."""
    specs = tuple(LotSpec(code, qty, printed) for code, qty, printed in lots)
    request = MintRequest(
        sku=READY_SKU,
        quantity=sum(qty for _c, qty, _p in lots),
        identity_mode=IdentityMode.LOT,
        lots=specs,
    )
    submitted = submit(db, request)
    mint(submitted.batch_id, db=db)
    return submitted.uid


def read_zip(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


class Clock:
    """An injectable clock that tests move by hand."""

    def __init__(self, start: datetime | None = None) -> None:
        self.at = start or datetime(2030, 1, 1, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.at

    def advance(self, **kwargs: float) -> None:
        self.at += timedelta(**kwargs)


@pytest.fixture
def out(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "exports"
    folder.mkdir()
    yield folder
