"""What goes into a pack: a batch's tokens by key range, or a lot batch's printed units.

This module stays free of SQLAlchemy and the storage package (helper processes import it
and start faster); ``batches.load_plan`` reads a batch into a :class:`BatchPlan`.

Token rows come from one primary-key range query per pack (``id BETWEEN a AND b``) on the
raw driver cursor, never OFFSET paging, so every pack costs the same and memory stays flat.
Token ids are derived from the batch uid (``core.ids.token_ids``) and resolver URLs from one
cached prefix plus the quoted serial, the same URLs ``core.urls.ResolverUrls`` gives.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import repeat
from operator import itemgetter
from typing import Any

from app.core.digital_link import build_uri, quote_component, serial_uri_prefix, token_uri
from app.core.errors import NotFoundError
from app.core.ids import token_ids
from app.core.packs import PACK_SIZE, LotPrint, lot_pack_count, lot_pack_slices, pack_count
from app.core.states import IdentityMode
from app.exports.kinds import ExportKind

__all__ = [
    "BatchPlan",
    "LotInfo",
    "PrintedUnits",
    "TokenColumns",
    "format_created",
    "printed_units",
    "read_tokens",
    "token_query",
]


@dataclass(frozen=True)
class LotInfo:
    id: int
    code: str
    quantity: int
    print_quantity: int
    first_seq: int


@dataclass(frozen=True)
class BatchPlan:
    """A batch as exports see it, read once per run."""

    id: int
    uid: str
    status: str
    gtin: str | None
    identity_mode: str
    quantity: int
    minted_count: int
    first_token_id: int
    lots: tuple[LotInfo, ...]
    domain: str
    gs1_ready: bool

    @property
    def is_lot(self) -> bool:
        return self.identity_mode == IdentityMode.LOT

    def unit_count(self, kind: ExportKind) -> int:
        if self.is_lot and kind.counts_printed_units:
            return sum(lot.print_quantity for lot in self.lots)
        return self.quantity

    def pack_count(self, kind: ExportKind, pack_size: int = PACK_SIZE) -> int:
        if self.is_lot and kind.counts_printed_units:
            return lot_pack_count(self.lot_prints(), pack_size=pack_size)
        return pack_count(self.quantity, pack_size=pack_size)

    def lot_prints(self) -> list[LotPrint]:
        return [LotPrint(lot.code, lot.print_quantity) for lot in self.lots]

    def lot_url(self, lot: LotInfo) -> str:
        """The URL shared by a lot's labels (without GTINs: the lot's first token's URL)."""
        if self.gs1_ready and self.gtin:
            return build_uri(self.domain, self.gtin, lot=lot.code)
        return token_uri(self.domain, token_ids(self.uid, lot.first_seq, 1)[0])


class _CreatedCache(dict[Any, str]):
    """Raw driver timestamps to ISO 8601 text; a mint cycle stamps all its rows alike."""

    def __missing__(self, raw: Any) -> str:
        text = format_created(raw)
        self[raw] = text
        return text


def format_created(raw: Any) -> str:
    """``2025-03-01T09:30:00.000000Z`` from a driver value (SQLite text or a datetime)."""
    value = raw if isinstance(raw, datetime) else datetime.fromisoformat(str(raw))
    value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass(frozen=True)
class TokenColumns:
    """One pack's tokens, column by column, in key order; missing values are ``""``."""

    token_ids: list[str]
    urls: list[str]
    serials: Sequence[str]
    gtins: Sequence[str]
    statuses: Sequence[str]
    created: Sequence[str]
    serials_plain: bool  # no serial needs CSV quoting


# Only what the files need: the key is implied (the range holds exactly ``count`` rows, so
# they are the batch's consecutive keys) and lots are read for lot batches only.
_SERIAL_SQL = "SELECT serial, gtin, status, created_at FROM token WHERE id BETWEEN {m} AND {m}"
_LOT_SQL = "SELECT serial, gtin, status, created_at, lot_id FROM token WHERE id BETWEEN {m} AND {m}"
_CSV_SPECIAL_CHARS = (",", '"', "\r", "\n")  # ``in`` on the joined column: C speed


def token_query(plan: BatchPlan, paramstyle: str = "qmark") -> str:
    """The range query of one pack (shown by the CSV benchmark beside the sqlite3 shell)."""
    mark = "?" if paramstyle == "qmark" else "%s"
    return (_LOT_SQL if plan.is_lot else _SERIAL_SQL).format(m=mark) + " ORDER BY id"


def read_tokens(raw: Any, paramstyle: str, plan: BatchPlan, start: int, count: int) -> TokenColumns:
    """Tokens with sequence numbers ``start .. start + count - 1`` of the batch.

    ``raw`` is a DBAPI connection (sqlite3 or psycopg): one range query, one ``fetchall``,
    then whole-column operations; per-row Python work is a few C-level maps.
    """
    first = plan.first_token_id + start
    cursor = raw.cursor()
    try:
        cursor.execute(token_query(plan, paramstyle), (first, first + count - 1))
        rows = cursor.fetchall()
    finally:
        cursor.close()
    if len(rows) != count:
        raise NotFoundError(
            f"batch {plan.uid} has {len(rows):,} of the {count:,} tokens from unit {start + 1:,}"
            " in the database; it cannot be exported until they are there"
        )
    # Column by column: itemgetter maps are several times faster than zip(*rows) here.
    serials, gtins, statuses, created_raw = (list(map(itemgetter(i), rows)) for i in range(4))
    try:
        joined = "".join(serials)
    except TypeError:  # lot tokens have no serial
        serials = ["" if v is None else v for v in serials]
        joined = "".join(serials)
    if plan.gtin is not None and gtins.count(plan.gtin) == count:
        gtins = [plan.gtin] * count
    else:
        gtins = ["" if v is None else v for v in gtins]
    first_created = created_raw[0]
    if created_raw.count(first_created) == count:  # one mint cycle: one time stamp
        created = [format_created(first_created)] * count
    else:
        created = list(map(_CreatedCache().__getitem__, created_raw))
    lot_ids = list(map(itemgetter(4), rows)) if plan.is_lot else None
    ids = token_ids(plan.uid, start, count)
    urls = _urls(plan, ids, serials, joined, gtins, lot_ids)
    plain = not any(char in joined for char in _CSV_SPECIAL_CHARS)
    return TokenColumns(ids, urls, serials, gtins, statuses, created, plain)


def _urls(
    plan: BatchPlan,
    ids: list[str],
    serials: list[str],
    joined: str,
    gtins: list[str],
    lot_ids: list[int | None] | None,
) -> list[str]:
    """``ResolverUrls.for_unit`` for every token, with fast paths for the common batches."""
    gtin = plan.gtin
    if plan.gs1_ready and gtin and lot_ids is None and gtins.count(gtin) == len(gtins):
        prefix = serial_uri_prefix(plan.domain, gtin)
        # Nothing to percent-encode (bytes.isalnum is ~30 times faster than str.isalnum).
        if joined.isascii() and joined.encode("ascii").isalnum():
            return list(map(prefix.__add__, serials))
        return list(map(prefix.__add__, map(quote_component, serials)))
    if not plan.gs1_ready or gtins.count("") == len(gtins):
        head = token_uri(plan.domain, ids[0])[: -len(ids[0])]
        return list(map(head.__add__, ids))
    codes = {lot.id: lot.code for lot in plan.lots}
    out = []
    for n, (token_id, serial, row_gtin) in enumerate(zip(ids, serials, gtins, strict=True)):
        lot_id = lot_ids[n] if lot_ids is not None else None
        lot = codes.get(lot_id) if lot_id is not None else None
        if not row_gtin:
            out.append(token_uri(plan.domain, token_id))
        elif lot_ids is None:
            out.append(serial_uri_prefix(plan.domain, row_gtin, lot=lot) + quote_component(serial))
        else:
            out.append(build_uri(plan.domain, row_gtin, lot=lot))
    return out


@dataclass(frozen=True)
class PrintedUnits:
    """One pack of printed units: runs of identical labels for lots, one per token else."""

    first_unit: int  # 0-based position of the pack's first unit in the batch
    runs: list[tuple[str, int, str, str]]  # (url, repeat, human-readable id, gtin)


def printed_units(
    raw: Any, paramstyle: str, plan: BatchPlan, pack_index: int, pack_size: int
) -> PrintedUnits:
    """The labels of one pack: each serial token once, each lot's URL print-quantity times."""
    gtin = plan.gtin or ""
    if plan.is_lot:
        slices = lot_pack_slices(plan.lot_prints(), pack_index, pack_size=pack_size)
        runs = []
        for position, _first, count in slices:
            lot = plan.lots[position]
            runs.append((plan.lot_url(lot), count, lot.code, gtin))
        return PrintedUnits(pack_index * pack_size, runs)
    start = pack_index * pack_size
    count = min(pack_size, plan.quantity - start)
    tokens = read_tokens(raw, paramstyle, plan, start, count)
    units = zip(tokens.urls, repeat(1), tokens.serials, tokens.gtins, strict=False)
    return PrintedUnits(start, list(units))
