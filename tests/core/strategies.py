"""Hypothesis strategies shared by the core tests."""

from __future__ import annotations

from hypothesis import strategies as st

from app.core.gtin import gtin_check_digit

AI82_CHARS = (
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz" + "!\"%&'()*+,-./:;<=>?_"
)

ai82_values = st.text(alphabet=AI82_CHARS, min_size=1, max_size=20)


@st.composite
def gtins(draw: st.DrawFn, lengths: tuple[int, ...] = (8, 12, 13, 14)) -> str:
    """A valid GTIN of one of `lengths` digits (with its check digit)."""
    length = draw(st.sampled_from(lengths))
    payload = draw(st.text(alphabet="0123456789", min_size=length - 1, max_size=length - 1))
    return payload + str(gtin_check_digit(payload))


gtin14s = gtins(lengths=(14,))
