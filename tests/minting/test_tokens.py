from __future__ import annotations

import pytest

from app.core.errors import NotFoundError, StateTransitionError, ValidationError
from app.core.states import ActivationMode
from app.minting.engine import mint
from app.minting.request import MintRequest
from app.minting.submit import submit
from app.minting.tokens import activate, revoke
from app.storage import audit
from app.storage.db import Database
from app.storage.queries import kpis, token_page
from tests.minting.conftest import READY_SKU


def test_revoke_is_final_and_audited(station: Database) -> None:
    mint(submit(station, MintRequest(sku=READY_SKU, quantity=3)).batch_id, db=station)
    with station.read() as session:
        token = token_page(session, limit=1)[0]
    revoked = revoke(station, token.token_id, "damaged label")
    assert revoked.status == "revoked"
    assert revoked.revoke_reason == "damaged label"
    with pytest.raises(StateTransitionError):
        revoke(station, token.token_id, "again")
    with pytest.raises(ValidationError, match="reason"):
        revoke(station, token.token_id, "  ")
    with pytest.raises(NotFoundError):
        revoke(station, "01ARZ3NDEKTSV4RRFFQ69G5FAV", "nope")
    with station.read() as session:
        assert kpis(session)["active_tokens"] == 2
        actions = [e.action for e in audit.iter_events(session, entity_type="token")]
        assert actions == ["revoked"]
        assert audit.verify_chain(session).ok


def test_first_scan_tokens_activate_once(station: Database) -> None:
    sub = submit(
        station,
        MintRequest(sku=READY_SKU, quantity=2, activation_mode=ActivationMode.FIRST_SCAN),
    )
    mint(sub.batch_id, db=station)
    with station.read() as session:
        token = token_page(session, limit=1)[0]
        assert kpis(session)["active_tokens"] == 0
    with station.write() as session:
        assert activate(session, token.token_id)
    with station.write() as session:
        assert not activate(session, token.token_id)
    with station.read() as session:
        assert kpis(session)["active_tokens"] == 1
