"""Rendering of the consumer pages: passport, 410 revoked, 404 unknown, 400 unreadable, 300."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from jinja2 import DictLoader, Environment, select_autoescape

from app.core.catalogue import DPP_FIELDS
from app.resolver.catalog import BrandInfo, ProductInfo
from app.resolver.links import Link, pick_language
from app.resolver.templates import FIELD_LABELS, STRINGS, TEMPLATES

_COLOUR = re.compile(r"#[0-9A-Fa-f]{3,8}")
_DEFAULT_THEME = {"primary": "#1a5f7a", "background": "#f7f7f5", "text": "#202124"}


def _theme(brand: BrandInfo) -> dict[str, str]:
    theme = dict(_DEFAULT_THEME)
    for key in theme:
        value = brand.theme.get(key)
        if isinstance(value, str) and _COLOUR.fullmatch(value):
            theme[key] = value
    return theme


def _label(key: str, lang: str) -> str:
    local = FIELD_LABELS.get(lang.partition("-")[0], {}).get(key)
    if local:
        return local
    english = DPP_FIELDS.get(key)
    return english[:1].upper() + english[1:] if english else key.replace("_", " ").capitalize()


class Pages:
    def __init__(self) -> None:
        self.env = Environment(
            loader=DictLoader(TEMPLATES), autoescape=select_autoescape(default=True)
        )

    def ui_language(self, wanted: Sequence[str], content_lang: str | None = None) -> str:
        if content_lang and content_lang.split("-")[0] in STRINGS:
            return content_lang.split("-")[0]
        return pick_language(STRINGS, wanted, "en")

    def _common(self, brand: BrandInfo, lang: str, title: str) -> dict[str, Any]:
        return {
            "lang": lang,
            "title": title,
            "theme": _theme(brand),
            "brand": brand.name,
            "logo": "/brand/logo" if brand.logo else None,
            "t": STRINGS.get(lang, STRINGS["en"]),
        }

    def passport(
        self,
        brand: BrandInfo,
        product: ProductInfo,
        wanted: Sequence[str],
        *,
        serial: str | None = None,
        lot: str | None = None,
        expiry: str | None = None,
        links: Sequence[Link] = (),
        unregistered: bool = False,
    ) -> tuple[bytes, str]:
        """The page and its content language, picked from Accept-Language among those the
        product has, else the product's default. ``unregistered``: a lot or serial the brand
        never made, shown under a plain warning instead of the "genuine" badge."""
        lang = pick_language(product.languages, wanted, product.default_language)
        content = product.content.get(lang) or product.content.get(product.default_language) or {}
        ui = self.ui_language(wanted, lang)
        fields = [(_label(k, ui), str(v)) for k, v in content.items() if v not in (None, "")]
        html = self.env.get_template("passport.html").render(
            **self._common(brand, lang, f"{product.name} · {brand.name}".strip(" ·")),
            product=product.name,
            gtin=product.gtin,
            serial=serial,
            lot=lot,
            expiry=expiry,
            fields=fields,
            links=links,
            unregistered=unregistered,
        )
        return html.encode(), lang

    def message(
        self,
        brand: BrandInfo,
        wanted: Sequence[str],
        kind: str,
        *,
        detail: str = "",
        choices: Sequence[Link] = (),
    ) -> bytes:
        lang = self.ui_language(wanted)
        t = STRINGS[lang]
        heading, text, badge = {
            "gone": (t["gone"], t["gone_text"], t["gone_badge"]),
            "not_found": (t["not_found"], t["not_found_text"], ""),
            "bad": (t["bad"], detail, ""),
            "choices": (t["choices"], t["choices_text"], ""),
        }[kind]
        html = self.env.get_template("message.html").render(
            **self._common(brand, lang, heading),
            heading=heading,
            message=text,
            warn=kind == "gone",
            badge=badge,
            choices=choices,
        )
        return html.encode()
