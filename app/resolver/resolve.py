"""Resolution of an identifier to an answer, as a GS1-conformant resolver gives it.

Only known identifiers resolve: a serial or token id must be a minted unit, a lot a minted
lot, a GTIN a synced product (an unknown serial is a fake or a misread, never "some unit of
that product"). Links walk up: a unit also carries its lot's and its product's links. Every
redirect target is either a stored link or this resolver's own passport page for the
unit, lot or product that was found; nothing of the request goes into a Location but the
query string, appended after the target's own `?`.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from app.core.states import ActivationMode, TokenStatus
from app.resolver.catalog import ProductInfo, Snapshot
from app.resolver.config import ResolverConfig
from app.resolver.identifiers import Target, passthrough, query_params, with_query
from app.resolver.links import (
    PIP,
    Link,
    LinkSet,
    Wanted,
    build_linkset,
    by_language,
    normalize_link_type,
)
from app.resolver.lookup import Lookup, LotRow, Unit
from app.resolver.pages import Pages
from app.resolver.reply import LINKSET_JSON, NO_STORE, VARY, Reply

LINKSET_ACCEPT = "application/linkset+json"


@dataclass(slots=True)
class Found:
    """What an identifier turned out to be, with what a scan of it may change."""

    product: ProductInfo
    unit: Unit | None = None
    lot: LotRow | None = None

    @property
    def revoked(self) -> bool:
        return self.unit is not None and self.unit.status == TokenStatus.REVOKED

    @property
    def first_scan_pending(self) -> bool:
        if self.unit is not None:
            return (
                self.unit.status == TokenStatus.MINTED
                and self.unit.activation_mode == ActivationMode.FIRST_SCAN
            )
        if self.lot is not None:
            return not self.lot.activated and self.lot.activation_mode == ActivationMode.FIRST_SCAN
        return False


@dataclass(slots=True)
class Outcome:
    reply: Reply
    found: Found | None = None
    scan: bool = False  # a resolution a person's scan would count as


class Resolution:
    def __init__(self, config: ResolverConfig, lookup: Lookup, pages: Pages) -> None:
        self.config = config
        self.lookup = lookup
        self.pages = pages

    def find(self, target: Target, catalog: Snapshot) -> Found | None:
        if target.token_id is not None:
            unit = self.lookup.unit_by_id(target.token_id)
        elif target.serial is not None:
            assert target.gtin is not None
            unit = self.lookup.unit_by_serial(target.gtin, target.serial)
            if unit is not None and target.lot is not None and unit.lot != target.lot:
                unit = None
        else:
            unit = None
            if target.lot is not None:
                assert target.gtin is not None
                lot = self.lookup.lot(target.gtin, target.lot)
                product = catalog.by_sku.get(lot.sku) if lot else None
                return Found(product, lot=lot) if product else None
            product = catalog.by_gtin.get(target.gtin or "")
            return Found(product) if product else None
        if unit is None:
            return None
        product = catalog.by_sku.get(unit.sku)
        return Found(product, unit=unit) if product else None

    def passport_href(self, found: Found) -> str:
        base = self.config.base_url + "/passport/"
        if found.unit is not None:
            return base + found.unit.token_id
        gtin = found.product.gtin or ""
        if found.lot is not None:
            return f"{base}01/{gtin}/10/{quote(found.lot.code, safe='')}"
        return f"{base}01/{gtin}"

    def linkset(self, target: Target, found: Found) -> LinkSet:
        product = found.product
        pip = Link(PIP, self.passport_href(found), product.name, product.languages)
        lot_code = found.unit.lot if found.unit is not None else target.lot
        levels: list[list[Link]] = [[pip]]
        if lot_code is not None:
            levels[0].extend(product.links_of(lot_code))
        levels.append(list(product.links_of(None)))
        return build_linkset(target.anchor(self.config.domain), levels, pip)

    def plain_scan(self, gtin: str, serial: str, catalog: Snapshot) -> Outcome | None:
        """The common scan, answered without the general machinery: a plain serial URI, no
        query, a known unit that is not revoked, of a product without stored links (so the
        default link is this resolver's passport). None: take the general path."""
        unit = self.lookup.unit_by_serial(gtin, serial)
        if unit is None or unit.status == TokenStatus.REVOKED:
            return None
        product = catalog.by_sku.get(unit.sku)
        if product is None or product.links:
            return None
        anchor = f"{self.config.root}/01/{gtin}/21/{serial}"
        link = f'<{anchor}?linkType=linkset>; rel="linkset"; type="{LINKSET_ACCEPT}"'
        location = f"{self.config.base_url}/passport/{unit.token_id}"
        headers = [
            (b"location", location.encode("latin-1")),
            NO_STORE,
            (b"link", link.encode("latin-1")),
        ]
        return Outcome(Reply(307, headers), Found(product, unit=unit), True)

    def resolve(
        self, target: Target, query: str, accept: str, languages: tuple[str, ...], catalog: Snapshot
    ) -> Outcome:
        anchor = target.anchor(self.config.domain)
        link_header = f'<{anchor}?linkType=linkset>; rel="linkset"; type="{LINKSET_ACCEPT}"'
        outcome = self._resolve(target, query, accept, languages, catalog)
        reply = outcome.reply.header(b"link", link_header)
        if NO_STORE not in reply.headers:  # what a cache may keep depends on these
            reply.headers.append(VARY)
        return outcome

    def _resolve(
        self, target: Target, query: str, accept: str, languages: tuple[str, ...], catalog: Snapshot
    ) -> Outcome:
        wants_json = "json" in accept and "html" not in accept
        found = self.find(target, catalog)
        if found is None:
            return Outcome(self.error(404, "not_found", languages, catalog, wants_json))
        if found.revoked:
            return Outcome(self.error(410, "gone", languages, catalog, wants_json), found, True)
        params = query_params(query) if query else {}
        raw_type = params.get("linkType")
        wanted = normalize_link_type(raw_type) if raw_type is not None else None
        if LINKSET_ACCEPT in accept and raw_type is None:
            wanted = Wanted.LINKSET
        if wanted is None and raw_type is None and not found.product.links:
            # The common scan: no stored links, so the default is this resolver's passport.
            href = self.passport_href(found)
            location = with_query(href, passthrough(query))
            return Outcome(Reply.redirect(307, location).header(*NO_STORE), found, True)
        linkset = self.linkset(target, found)
        if wanted is Wanted.LINKSET:
            return Outcome(Reply.json(200, linkset.as_json(), LINKSET_JSON), found)
        if wanted is None and raw_type is None:
            location = with_query(linkset.choose_default(languages).href, passthrough(query))
            return Outcome(Reply.redirect(307, location).header(*NO_STORE), found, True)
        candidates = linkset.of_type(wanted) if isinstance(wanted, str) else []
        if not candidates:
            return Outcome(self.error(404, "not_found", languages, catalog, wants_json), found)
        best = by_language(candidates, languages)
        if len(best) == 1:
            location = with_query(best[0].href, passthrough(query))
            return Outcome(Reply.redirect(307, location).header(*NO_STORE), found, True)
        return Outcome(self.choices(best, languages, catalog, wants_json), found, True)

    def error(
        self, status: int, kind: str, languages: tuple[str, ...], catalog: Snapshot, as_json: bool
    ) -> Reply:
        if as_json:
            messages = {404: "not found", 410: "revoked", 400: "malformed identifier"}
            return Reply.json(status, {"status": status, "error": messages.get(status, kind)})
        return Reply.html(status, self.pages.message(catalog.brand, languages, kind))

    def choices(
        self, links: list[Link], languages: tuple[str, ...], catalog: Snapshot, as_json: bool
    ) -> Reply:
        if as_json:
            return Reply.json(300, {"links": [link.as_json() for link in links]})
        body = self.pages.message(catalog.brand, languages, "choices", choices=links)
        return Reply.html(300, body)
