"""Where the shipped resources are: next to ``app/`` in a checkout and in a frozen build."""

from __future__ import annotations

from pathlib import Path

RESOURCES = Path(__file__).resolve().parents[1] / "resources"
SAMPLE_PRODUCTS = RESOURCES / "sample" / "products.csv"
ICON_SVG = RESOURCES / "icons" / "mintstation.svg"
ICON_PNG = RESOURCES / "icons" / "mintstation.png"
TRANSLATIONS = RESOURCES / "translations"
