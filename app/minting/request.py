"""What an operator asks to mint, before anything is checked against the database."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from app.core.digital_link import validate_ai82
from app.core.errors import ValidationError
from app.core.states import ActivationMode, IdentityMode

MAX_QUANTITY = 1_000_000
MAX_LOTS = 100
DEFAULT_SERIAL_WIDTH = 8


class SerialKind(StrEnum):
    SEQUENTIAL = "sequential"
    RANDOM = "random"
    NUMERIC = "numeric"
    LIST = "list"


@dataclass(frozen=True)
class SerialSpec:
    """Where serial numbers come from. ``start`` None means "after the last one used"."""

    kind: SerialKind = SerialKind.RANDOM
    prefix: str = ""
    width: int = DEFAULT_SERIAL_WIDTH
    start: int | None = None
    serials: tuple[str, ...] = ()


@dataclass(frozen=True)
class LotSpec:
    code: str
    quantity: int
    print_quantity: int
    expiry: date | None = None


@dataclass(frozen=True)
class MintRequest:
    sku: str
    quantity: int
    identity_mode: IdentityMode = IdentityMode.SERIAL
    activation_mode: ActivationMode = ActivationMode.AT_MINT
    serials: SerialSpec = field(default_factory=SerialSpec)
    lots: tuple[LotSpec, ...] = ()
    run_code: str | None = None
    idempotency_key: str | None = None


def check_quantity(quantity: int) -> int:
    if quantity < 1:
        raise ValidationError("quantity", f"{quantity} is not a positive number of units")
    if quantity > MAX_QUANTITY:
        raise ValidationError("quantity", f"{quantity:,} is over the limit of {MAX_QUANTITY:,}")
    return quantity


def parse_lot(text: str) -> LotSpec:
    """``CODE:QTY[:PRINT_QTY[:EXPIRY]]`` as given to ``mint --lot``; expiry is YYYY-MM-DD."""
    parts = text.split(":")
    if not 2 <= len(parts) <= 4:
        raise ValidationError("lot", f"{text!r} is not CODE:QTY[:PRINT_QTY[:EXPIRY]]")
    code = validate_ai82(parts[0].strip(), "lot code")
    quantity = _positive(parts[1], "lot quantity", text)
    has_print = len(parts) > 2 and parts[2].strip()
    print_quantity = _positive(parts[2], "print quantity", text) if has_print else quantity
    expiry = None
    if len(parts) == 4 and parts[3].strip():
        try:
            expiry = date.fromisoformat(parts[3].strip())
        except ValueError:
            raise ValidationError(
                "lot expiry", f"{parts[3]!r} is not a date like 2027-12-31"
            ) from None
    return LotSpec(code, quantity, print_quantity, expiry)


def _positive(value: str, field_name: str, text: str) -> int:
    try:
        number = int(value.strip())
    except ValueError:
        raise ValidationError(field_name, f"{value!r} in {text!r} is not a whole number") from None
    if number < 1:
        raise ValidationError(field_name, f"{number} in {text!r} must be at least 1")
    return number


def check_lots(lots: tuple[LotSpec, ...], quantity: int) -> None:
    """Lot mode: 1 to 100 lots with distinct codes whose quantities add up to the total."""
    if not lots:
        raise ValidationError("lots", "lot mode needs at least one lot")
    if len(lots) > MAX_LOTS:
        raise ValidationError("lots", f"{len(lots)} lots; at most {MAX_LOTS} in one batch")
    seen: set[str] = set()
    for lot in lots:
        validate_ai82(lot.code, "lot code")
        if lot.code in seen:
            raise ValidationError("lots", f"lot code {lot.code!r} appears twice")
        seen.add(lot.code)
        if lot.quantity < 1 or lot.print_quantity < 1:
            raise ValidationError("lots", f"lot {lot.code!r} needs quantities of at least 1")
    total = sum(lot.quantity for lot in lots)
    if total != quantity:
        raise ValidationError(
            "lots", f"the lots add up to {total:,} units but the quantity is {quantity:,}"
        )
