"""The resolver URL of a unit, derived from the brand and the unit's identifiers (never stored)."""

from __future__ import annotations

from dataclasses import dataclass

from app.core.digital_link import build_uri, quote_component, serial_uri_prefix, token_uri


@dataclass(frozen=True)
class ResolverUrls:
    domain: str
    gs1_ready: bool

    def for_unit(
        self, *, token_id: str, gtin: str | None, serial: str | None, lot: str | None
    ) -> str:
        """GS1-ready brands get a Digital Link; others (or units without a GTIN) ``/t/{id}``."""
        if self.gs1_ready and gtin:
            if serial is not None:
                return serial_uri_prefix(self.domain, gtin, lot=lot) + quote_component(serial)
            return build_uri(self.domain, gtin, lot=lot)
        return token_uri(self.domain, token_id)
