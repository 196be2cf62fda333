"""Recording an encode attempt: the record, its audit event and its outbox message, together.

All three are written in the caller's transaction, so either the cloud, the audit log and
the station all learn of an encoding or none does. A successful record is the only thing
that makes a unit "encoded", and it is written only after the tag was read back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from app.core.errors import ConflictError
from app.encoding.units import JobPlan, StationUnit
from app.storage import audit, outbox
from app.storage.encoding_models import EncodingRecord

Result = Literal["ok", "failed", "void"]
TOPIC = "token.encoded"
_ACTIONS = {"ok": "encoded", "failed": "encode failed", "void": "label VOID"}


@dataclass(frozen=True)
class Attempt:
    result: Result
    device: str
    tag_uid: str | None = None
    epc_hex: str | None = None
    reason: str | None = None


_INSERTS: dict[str, Any] = {}


def _insert_for(dialect: str) -> Any:
    """``INSERT ... ON CONFLICT DO NOTHING RETURNING id``, built once per dialect."""
    stmt = _INSERTS.get(dialect)
    if stmt is None:
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        stmt = insert(EncodingRecord).on_conflict_do_nothing().returning(EncodingRecord.id)
        _INSERTS[dialect] = stmt
    return stmt


def _encoding_no(
    session: Session, plan: JobPlan, unit: StationUnit, reason: str | None
) -> tuple[int, str | None]:
    """1 for a first encoding; the next number, with the operator's reason, for a re-encode."""
    if not plan.reencode:
        return 1, reason
    last = session.execute(
        select(func.max(EncodingRecord.encoding_no)).where(
            EncodingRecord.token_key == unit.key, EncodingRecord.kind == plan.kind
        )
    ).scalar_one()
    if last is None:
        return 1, reason
    return int(last) + 1, f"re-encode: {plan.reason}"


def record(
    session: Session,
    plan: JobPlan,
    unit: StationUnit,
    attempt: Attempt,
    station: str,
    now: datetime,
) -> int:
    """Write one attempt: the record, its audit event and its outbox message."""
    number, reason = None, attempt.reason
    if attempt.result == "ok":
        number, reason = _encoding_no(session, plan, unit, reason)
    values: dict[str, Any] = {
        "token_key": unit.key,
        "batch_id": plan.batch_id,
        "kind": plan.kind,
        "device": attempt.device[:200],
        "station": station,
        "tag_uid": attempt.tag_uid,
        "epc_hex": attempt.epc_hex,
        "result": attempt.result,
        "reason": reason,
        "encoding_no": number,
        "at": now,
    }
    stmt = _insert_for(session.get_bind().dialect.name)
    record_id = session.execute(stmt, values).scalar_one_or_none()
    if record_id is None:  # (token, kind, encoding_no) is taken: encoded already
        raise ConflictError(
            f"{unit.label} is already encoded ({plan.kind}); this tag is a duplicate:"
            " set it aside, or re-encode the unit with a reason"
        )
    detail = {
        "record": record_id,
        "batch": plan.batch_uid,
        "kind": plan.kind,
        "result": attempt.result,
        "device": values["device"],
        "station": station,
        "tag_uid": attempt.tag_uid,
        "epc": attempt.epc_hex,
        "reason": reason,
        "encoding_no": number,
    }
    audit.append(
        session, "token", unit.token_id, f"{_ACTIONS[attempt.result]} ({plan.kind})", detail
    )
    payload = {"token": unit.token_id, "at": now.isoformat(), **detail}
    outbox.enqueue(session, TOPIC, payload, f"{unit.token_id}:encoding:{record_id}")
    return int(record_id)
