from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.errors import ValidationError
from app.core.packs import (
    PACK_SIZE,
    LotPrint,
    lot_pack_count,
    lot_pack_slices,
    pack_count,
    pack_range,
)


def test_pack_count() -> None:
    assert PACK_SIZE == 10_000
    assert pack_count(0) == 0
    assert pack_count(1) == 1
    assert pack_count(10_000) == 1
    assert pack_count(10_001) == 2
    assert pack_count(1_000_000) == 100
    with pytest.raises(ValidationError):
        pack_count(-1)


def test_pack_range() -> None:
    assert pack_range(0, 25_000) == range(10_000)
    assert pack_range(2, 25_000) == range(20_000, 25_000)
    for index, units in [(3, 25_000), (-1, 25_000), (0, 0)]:
        with pytest.raises(ValidationError) as info:
            pack_range(index, units)
        assert info.value.field == "pack_index"


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=5000), st.integers(min_value=1, max_value=700))
def test_packs_partition_the_units(units: int, pack_size: int) -> None:
    covered = [
        unit
        for index in range(pack_count(units, pack_size=pack_size))
        for unit in pack_range(index, units, pack_size=pack_size)
    ]
    assert covered == list(range(units))
    assert all(
        len(pack_range(index, units, pack_size=pack_size)) == pack_size
        for index in range(pack_count(units, pack_size=pack_size) - 1)
    )


def test_lot_pack_slices_cross_lot_boundaries() -> None:
    lots = [LotPrint("L1", 6_000), LotPrint("L2", 0), LotPrint("L3", 9_000), LotPrint("L4", 10)]
    assert lot_pack_count(lots) == 2
    assert lot_pack_slices(lots, 0) == [(0, 0, 6_000), (2, 0, 4_000)]
    assert lot_pack_slices(lots, 1) == [(2, 4_000, 5_000), (3, 0, 10)]
    with pytest.raises(ValidationError):
        lot_pack_slices(lots, 2)
    assert lot_pack_count([]) == 0


def test_lot_print_validates() -> None:
    with pytest.raises(ValidationError) as info:
        LotPrint("L 1", 5)
    assert info.value.field == "lot_code"
    with pytest.raises(ValidationError) as info:
        LotPrint("L1", -5)
    assert info.value.field == "print_quantity"


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=300), max_size=8),
    st.integers(min_value=1, max_value=250),
)
def test_lot_slices_partition_every_printed_unit(quantities: list[int], pack_size: int) -> None:
    lots = [LotPrint(f"LOT{i}", quantity) for i, quantity in enumerate(quantities)]
    covered: list[tuple[int, int]] = []
    for index in range(lot_pack_count(lots, pack_size=pack_size)):
        slices = lot_pack_slices(lots, index, pack_size=pack_size)
        assert sum(count for _, _, count in slices) == len(
            pack_range(index, sum(quantities), pack_size=pack_size)
        )
        for position, first, count in slices:
            assert count > 0
            covered.extend((position, unit) for unit in range(first, first + count))
    expected = [(i, unit) for i, quantity in enumerate(quantities) for unit in range(quantity)]
    assert covered == expected
