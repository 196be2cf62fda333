"""What a mint request will produce, worked out before anything is written (for the review)."""

from __future__ import annotations

from app.core.epc import MAX_SGTIN96_SERIAL, fits_sgtin96
from app.core.errors import ValidationError
from app.core.serials import random_numeric_serials, random_serials, sequential_serials
from app.core.states import IdentityMode
from app.core.urls import ResolverUrls
from app.workers.actions import MintRequest, SerialKind

EXAMPLES = 3


def sequential_start(request: MintRequest, next_number: int) -> int:
    start = request.serials.start
    return next_number if start is None else start


def first_serials(request: MintRequest, next_number: int, count: int = EXAMPLES) -> list[str]:
    """The first serials exactly (sequential, file) or examples of their form (random)."""
    spec = request.serials
    count = min(count, request.quantity)
    if request.identity_mode == IdentityMode.LOT:
        return []
    try:
        if spec.kind == SerialKind.SEQUENTIAL:
            start = sequential_start(request, next_number)
            return sequential_serials(spec.prefix, spec.width, start, count)
    except ValidationError:
        return []
    if spec.kind == SerialKind.LIST:
        return list(spec.serials[:count])
    if spec.kind == SerialKind.NUMERIC:
        return random_numeric_serials(count)
    return random_serials(count)


def last_sequential(request: MintRequest, next_number: int) -> str | None:
    spec = request.serials
    if spec.kind != SerialKind.SEQUENTIAL or request.identity_mode == IdentityMode.LOT:
        return None
    last = sequential_start(request, next_number) + request.quantity - 1
    try:
        return sequential_serials(spec.prefix, spec.width, last, 1)[0]
    except ValidationError:
        return None


def sgtin96_count(request: MintRequest, next_number: int) -> int:
    """How many of the batch's serials fit SGTIN-96 (decimal, no leading zero, < 2**38)."""
    spec = request.serials
    if request.identity_mode == IdentityMode.LOT or spec.kind == SerialKind.RANDOM:
        return 0
    if spec.kind == SerialKind.NUMERIC:
        return request.quantity
    if spec.kind == SerialKind.LIST:
        return sum(1 for serial in spec.serials if fits_sgtin96(serial))
    if spec.prefix:
        return 0
    start = sequential_start(request, next_number)
    last = start + request.quantity - 1
    # A number is written without padding once it has at least `width` digits.
    unpadded = 10 ** (spec.width - 1) if spec.width > 1 else 0
    low, high = max(start, unpadded), min(last, MAX_SGTIN96_SERIAL)
    return max(0, high - low + 1)


def first_urls(
    request: MintRequest, urls: ResolverUrls, gtin: str | None, serials: list[str]
) -> list[str]:
    """The resolver URLs of the first units (or of each lot), as the engine will make them."""
    if not (urls.gs1_ready and gtin):
        return [f"https://{urls.domain}/t/…"]
    if request.identity_mode == IdentityMode.LOT:
        return [
            urls.for_unit(token_id="", gtin=gtin, serial=None, lot=lot.code)
            for lot in request.lots[:EXAMPLES]
        ]
    return [urls.for_unit(token_id="", gtin=gtin, serial=s, lot=None) for s in serials]
