"""Pulling activations and scan counts back from the resolver.

Each page is applied in one station transaction together with the new cursor, so a page is
applied exactly once even across crashes. Activations follow the token state machine with
one conflict rule: revoked wins (a token revoked here stays revoked whatever the cloud saw).
Scan counts arrive as what each page adds, per token and per batch.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Table, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from app.core.errors import ValidationError
from app.core.ids import ulid_to_int
from app.core.states import TokenStatus
from app.dbkit.types import utcnow
from app.storage import audit, counters
from app.storage.db import Database
from app.storage.models import Counter, Lot, MintBatch, Token
from app.storage.sync_models import BatchScanCount, TokenScanCount
from app.sync.client import ResolverClient
from app.sync.settings import sync_state

PAGE = 5_000


@dataclass
class PullReport:
    changes: int = 0
    activations: int = 0
    scan_updates: int = 0
    unknown_unit_scans: int = 0


def pull(db: Database, client: ResolverClient, *, page: int = PAGE) -> PullReport:
    report = PullReport()
    while True:
        with db.read() as session:
            cursor = sync_state(session).pull_cursor
        answer = client.changes(cursor, page)
        with db.write() as session:
            state = sync_state(session)
            if state.pull_cursor != cursor:
                continue  # another sync applied this page meanwhile
            Applier(session, report).apply(answer["changes"])
            state.pull_cursor = int(answer["cursor"])
        report.changes += len(answer["changes"])
        if not answer["more"]:
            return report


class Applier:
    def __init__(self, session: Session, report: PullReport) -> None:
        self.session = session
        self.report = report
        self._batches: dict[str, tuple[int, int | None] | None] = {}

    def batch(self, uid: str | None) -> tuple[int, int | None] | None:
        """(batch id, first token key) of a batch of this station, else None."""
        if not uid:
            return None
        if uid not in self._batches:
            row = self.session.execute(
                select(MintBatch.id, MintBatch.first_token_id).where(MintBatch.uid == uid)
            ).first()
            self._batches[uid] = (row[0], row[1]) if row else None
        return self._batches[uid]

    def token_key(self, uid: str | None, token_id: str | None) -> int | None:
        batch = self.batch(uid)
        if batch is None or batch[1] is None or not token_id or not uid:
            return None
        try:
            return batch[1] + ulid_to_int(token_id) - ulid_to_int(uid)
        except ValidationError:
            return None

    def apply(self, changes: list[dict[str, Any]]) -> None:
        for change in changes:
            kind = change["kind"]
            at = datetime.fromisoformat(change["at"]) if change.get("at") else utcnow()
            if kind == "token.activated":
                self.activate(change.get("batch"), change.get("token"), at)
            elif kind == "lot.activated":
                self.activate_lot(change.get("batch"), change.get("lot"), at)
            elif kind == "token.scans":
                key = self.token_key(change.get("batch"), change.get("token"))
                if key is None:
                    key = self._key_by_id(change.get("token"))
                if key is not None:
                    self.upsert(TokenScanCount, "token_id", key, int(change["count"]))
            elif kind == "batch.scans":
                batch = self.batch(change.get("batch"))
                if batch is not None:
                    self.upsert(BatchScanCount, "batch_id", batch[0], int(change["count"]))
                    scans = int(change["count"])
                    counters.bump_day(self.session, counters.CONSUMER_SCANS, scans, at.date())
            elif kind == "unknown.scans":
                self.unknown_unit_scans(int(change["count"]), at)

    def unknown_unit_scans(self, n: int, at: datetime) -> None:
        """Scans of lots/serials the brand never registered (the resolver walked them up to
        their GTIN): the dashboard's trust signal, a total and one counter per UTC day."""
        total = counters.UNKNOWN_UNIT_SCANS
        day = f"day:{total}:{at.astimezone(UTC).date().isoformat()}"
        for name in (total, day):
            table = cast(Table, Counter.__table__)
            postgres = self.session.get_bind().dialect.name == "postgresql"
            dialect: Any = postgresql if postgres else sqlite
            stmt = dialect.insert(table).values(name=name, value=n)
            self.session.execute(
                stmt.on_conflict_do_update(
                    index_elements=[table.c.name],
                    set_={"value": table.c.value + stmt.excluded.value},
                )
            )
        self.report.unknown_unit_scans += n

    def _key_by_id(self, token_id: str | None) -> int | None:
        """The key of a token given only its id: the batch is the one with the highest uid
        not above it (token ids are the batch uid plus the sequence number)."""
        if not token_id:
            return None
        uid = self.session.execute(
            select(MintBatch.uid)
            .where(MintBatch.uid <= token_id)
            .order_by(MintBatch.uid.desc())
            .limit(1)
        ).scalar()
        return self.token_key(uid, token_id)

    def activate(self, uid: str | None, token_id: str | None, at: datetime) -> None:
        key = self.token_key(uid, token_id)
        if key is None:
            return
        token = self.session.get(Token, key, with_for_update=True)
        if token is None or token.status != TokenStatus.MINTED:
            return  # already active, or revoked here: revoked wins
        token.status = TokenStatus.ACTIVE.value
        token.activated_at = at
        counters.bump(self.session, counters.TOKENS_ACTIVE, 1)
        audit.append(self.session, "token", str(token_id), "activated", {"source": "resolver"})
        self.report.activations += 1

    def activate_lot(self, uid: str | None, code: str | None, at: datetime) -> None:
        batch = self.batch(uid)
        if batch is None or not code:
            return
        lot_id = self.session.execute(
            select(Lot.id).where(Lot.batch_id == batch[0], Lot.code == code)
        ).scalar()
        if lot_id is None:
            return
        result = self.session.execute(
            update(Token)
            .where(Token.lot_id == lot_id, Token.status == TokenStatus.MINTED.value)
            .values(status=TokenStatus.ACTIVE.value, activated_at=at)
            .execution_options(synchronize_session=False)
        )
        count = int(result.rowcount)  # type: ignore[attr-defined]
        if count:
            counters.bump(self.session, counters.TOKENS_ACTIVE, count)
            detail = {"source": "resolver", "tokens": count}
            audit.append(self.session, "lot", f"{uid}/{code}", "activated", detail)
        self.report.activations += count

    def upsert(
        self, model: type[TokenScanCount | BatchScanCount], key: str, value: int, n: int
    ) -> None:
        """Add a page's scans to the stored count (the page and the cursor commit together,
        so no page is added twice)."""
        table = cast(Table, model.__table__)
        postgres = self.session.get_bind().dialect.name == "postgresql"
        dialect: Any = postgresql if postgres else sqlite
        stmt = dialect.insert(table).values({key: value, "scans": n, "updated_at": utcnow()})
        stmt = stmt.on_conflict_do_update(
            index_elements=[key],
            set_={
                "scans": table.c.scans + stmt.excluded.scans,
                "updated_at": stmt.excluded.updated_at,
            },
        )
        self.session.execute(stmt)
        self.report.scan_updates += 1
