"""Scans of units the brand never registered come back to the station as a trust figure."""

from __future__ import annotations

import httpx
import sqlalchemy as sa

from app.core.states import ActivationMode
from app.storage import counters
from app.storage.models import Counter, Token
from app.sync.worker import sync_once
from tests.minting.conftest import READY_GTIN
from tests.resolver.server import PHONE_UA
from tests.sync.conftest import Pair, mint_batch


def test_unknown_unit_scans_reach_the_station_counter(pair: Pair) -> None:
    batch_id, _uid = mint_batch(pair.station, 3, activation_mode=ActivationMode.FIRST_SCAN)
    with pair.station.read() as session:
        serial = session.execute(
            sa.select(Token.serial).where(Token.batch_id == batch_id).limit(1)
        ).scalar_one()
    with pair.serve() as server:
        assert sync_once(pair.station, client=pair.client()).ok
        phone = {"user-agent": PHONE_UA}
        for path in ("21/NEVER-MINTED", "10/NOLOT", "21/NEVER-MINTED"):
            r = httpx.get(f"{server.url}/01/{READY_GTIN}/{path}", headers=phone)
            assert r.status_code == 307, path
        assert httpx.get(f"{server.url}/01/{READY_GTIN}/21/{serial}", headers=phone)
        pair.app.telemetry.flush()
        report = sync_once(pair.station, client=pair.client())
        assert report.ok, report.error
        assert report.activations == 1  # the real unit; the unknown ones activate nothing
    with pair.station.read() as session:
        values = counters.read_all(session)
        assert values[counters.UNKNOWN_UNIT_SCANS] == 3
        days = session.execute(
            sa.select(Counter.value).where(Counter.name.like("day:unknown_unit_scans:%"))
        ).scalars()
        assert sum(days) == 3
