"""Export packs: fixed slices of a batch's units, so every pack can be made (and remade) alone.

Pack k of a batch always covers units k * PACK_SIZE up to (k + 1) * PACK_SIZE - 1 in
minting order. For lot batches the units are the printed labels of each lot, one lot after
the other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.core.digital_link import validate_ai82
from app.core.errors import ValidationError

__all__ = ["PACK_SIZE", "LotPrint", "lot_pack_count", "lot_pack_slices", "pack_count", "pack_range"]

PACK_SIZE = 10_000


def _check_units(units: int, pack_size: int) -> None:
    if units < 0:
        raise ValidationError("units", f"must not be negative, got {units}")
    if pack_size < 1:
        raise ValidationError("pack_size", f"must be at least 1, got {pack_size}")


def pack_count(units: int, *, pack_size: int = PACK_SIZE) -> int:
    """How many packs hold `units` units (the last one may be short); 0 units, 0 packs."""
    _check_units(units, pack_size)
    return -(-units // pack_size)


def pack_range(pack_index: int, units: int, *, pack_size: int = PACK_SIZE) -> range:
    """The 0-based unit positions of pack `pack_index` (0-based) in a batch of `units`."""
    count = pack_count(units, pack_size=pack_size)
    if not 0 <= pack_index < count:
        raise ValidationError(
            "pack_index",
            f"pack {pack_index} does not exist: the batch has {count} pack(s)"
            + (f" (0 to {count - 1})" if count else ""),
        )
    return range(pack_index * pack_size, min((pack_index + 1) * pack_size, units))


@dataclass(frozen=True)
class LotPrint:
    """A lot of a lot batch and how many labels are printed for it."""

    lot_code: str
    print_quantity: int

    def __post_init__(self) -> None:
        validate_ai82(self.lot_code, "lot_code")
        if self.print_quantity < 0:
            raise ValidationError(
                "print_quantity", f"must not be negative, got {self.print_quantity}"
            )


def lot_pack_count(lots: Sequence[LotPrint], *, pack_size: int = PACK_SIZE) -> int:
    """Packs needed for all printed units of the lots."""
    return pack_count(sum(lot.print_quantity for lot in lots), pack_size=pack_size)


def lot_pack_slices(
    lots: Sequence[LotPrint], pack_index: int, *, pack_size: int = PACK_SIZE
) -> list[tuple[int, int, int]]:
    """(lot position, first unit within that lot, count) for each lot part in the pack.

    The lots' printed units are laid end to end in the given order; lots printing nothing
    never appear.
    """
    total = sum(lot.print_quantity for lot in lots)
    wanted = pack_range(pack_index, total, pack_size=pack_size)
    slices: list[tuple[int, int, int]] = []
    lot_start = 0
    for position, lot in enumerate(lots):
        lot_end = lot_start + lot.print_quantity
        first = max(wanted.start, lot_start)
        last = min(wanted.stop, lot_end)
        if first < last:
            slices.append((position, first - lot_start, last - first))
        if lot_end >= wanted.stop:
            break
        lot_start = lot_end
    return slices
