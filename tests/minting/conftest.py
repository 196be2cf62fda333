"""The minting tests' helpers live in tests/conftest.py; re-exported for the imports here."""

from tests.conftest import NOT_READY_SKU, READY_GTIN, READY_SKU, prepare_station

__all__ = ["NOT_READY_SKU", "READY_GTIN", "READY_SKU", "prepare_station"]
