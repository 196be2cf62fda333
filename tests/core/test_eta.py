from __future__ import annotations

from app.core.eta import format_eta


def test_format_eta() -> None:
    assert format_eta(0) == "0:00"
    assert format_eta(-5) == "0:00"
    assert format_eta(75.9) == "1:15"
    assert format_eta(3 * 3600 + 62) == "3:01:02"
