from __future__ import annotations

from sqlalchemy import update

from app.storage import audit
from app.storage.db import Database
from app.storage.models import AuditEvent


def _append_three(db: Database) -> None:
    for i in range(3):
        with db.write() as session:
            audit.append(session, "batch", i, "created", {"quantity": i * 10, "note": 'ü,"x'})


def test_chain_verifies(db: Database) -> None:
    _append_three(db)
    with db.read() as session:
        report = audit.verify_chain(session)
        events = list(audit.iter_events(session))
    assert report.ok, str(report)
    assert report.checked == 3
    assert [e.id for e in events] == [1, 2, 3]
    assert events[1].prev_hash == events[0].hash


def test_tampering_names_the_first_broken_row(db: Database) -> None:
    _append_three(db)
    with db.write() as session:
        session.execute(update(AuditEvent).where(AuditEvent.id == 2).values(action="revoked"))
    with db.read() as session:
        report = audit.verify_chain(session)
    assert not report.ok
    assert report.broken_id == 2
    assert "event 2" in str(report)


def test_removed_tail_is_detected(db: Database) -> None:
    _append_three(db)
    with db.write() as session:
        event = session.get(AuditEvent, 3)
        session.delete(event)
    with db.read() as session:
        report = audit.verify_chain(session)
    assert not report.ok
    assert report.broken_id == 3


def test_filter_by_entity_type(db: Database) -> None:
    _append_three(db)
    with db.write() as session:
        audit.append(session, "token", "x", "revoked", {"reason": "damaged"})
    with db.read() as session:
        tokens = list(audit.iter_events(session, entity_type="token"))
    assert [e.action for e in tokens] == ["revoked"]
