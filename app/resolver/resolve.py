"""Resolution of an identifier to an answer, as a GS1-conformant resolver gives it.

A GTIN must be a synced product and a token id a minted unit. An unknown lot or serial under
a known GTIN walks up to the GTIN's links, as the GS1-Conformant Resolver standard wants, but
is flagged: its passport page says the unit is not registered by the brand, and its scan is
recorded as an unknown-unit scan, never an activation. Links walk up: a unit also carries its
lot's and its product's links. Every
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
    JSONLD_CONTEXT,
    PIP,
    Link,
    LinkSet,
    Wanted,
    build_linkset,
    by_language,
    by_media_type,
    normalize_link_type,
)
from app.resolver.lookup import Lookup, LotRow, Unit
from app.resolver.pages import Pages
from app.resolver.reply import LINKSET_JSON, NO_STORE, VARY, Reply

LINKSET_ACCEPT = "application/linkset+json"
_PLAIN_LINK_TAIL = f'?linkType=linkset>; rel="linkset"; type="{LINKSET_ACCEPT}"'.encode()
CONTEXT_LINK = (
    f'<{JSONLD_CONTEXT}>; rel="http://www.w3.org/ns/json-ld#context"; type="application/ld+json"'
)


@dataclass(slots=True)
class Found:
    """What an identifier turned out to be, with what a scan of it may change."""

    product: ProductInfo
    unit: Unit | None = None
    lot: LotRow | None = None
    unknown_path: str | None = None  # "/10/{lot}[/21/{serial}]" of a unit the brand never made

    @property
    def unknown_unit(self) -> bool:
        return self.unknown_path is not None

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
        # The plain scan's fixed parts, encoded once (its headers are these plus ASCII ids).
        self._passport_prefix = (config.base_url + "/passport/").encode("latin-1")
        self._anchor_prefix = (config.root + "/01/").encode("latin-1")

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
                if product is not None:
                    return Found(product, lot=lot)
                return self.walk_up(target, catalog)
            product = catalog.by_gtin.get(target.gtin or "")
            return Found(product) if product else None
        if unit is None:
            return self.walk_up(target, catalog)
        product = catalog.by_sku.get(unit.sku)
        return Found(product, unit=unit) if product else None

    @staticmethod
    def walk_up(target: Target, catalog: Snapshot) -> Found | None:
        """An unknown lot or serial under a GTIN the brand synced: the GTIN's links, flagged."""
        product = catalog.by_gtin.get(target.gtin or "")
        if product is None:
            return None
        path = ""
        if target.lot is not None:
            path += "/10/" + quote(target.lot, safe="")
        if target.serial is not None:
            path += "/21/" + quote(target.serial, safe="")
        return Found(product, unknown_path=path)

    def passport_href(self, found: Found) -> str:
        base = self.config.base_url + "/passport/"
        if found.unit is not None:
            return base + found.unit.token_id
        gtin = found.product.gtin or ""
        if found.unknown_path is not None:
            return f"{base}01/{gtin}{found.unknown_path}"
        if found.lot is not None:
            return f"{base}01/{gtin}/10/{quote(found.lot.code, safe='')}"
        return f"{base}01/{gtin}"

    def linkset(self, target: Target, found: Found) -> LinkSet:
        """The identifier's links, walk-up included. This resolver's passport is the `pip`
        unless the brand stored pip links of its own (then theirs are chosen among by
        language and media type, and ours would only make every choice a tie)."""
        product = found.product
        pip = Link(PIP, self.passport_href(found), product.name, product.languages)
        lot_code = found.unit.lot if found.unit is not None else target.lot
        levels: list[list[Link]] = [[]]
        if lot_code is not None:
            levels[0].extend(product.links_of(lot_code))
        levels.append(list(product.links_of(None)))
        if not any(link.link_type == PIP for level in levels for link in level):
            levels[0].insert(0, pip)
        anchor = target.anchor(self.config.domain)
        return build_linkset(anchor, levels, pip, self.describe(target, found))

    @staticmethod
    def describe(target: Target, found: Found) -> str:
        """The linkset's itemDescription: the product, its unit, and whether the brand made it."""
        text = found.product.name
        if found.unit is not None and found.unit.serial:
            text += f", serial {found.unit.serial}"
        elif target.serial is not None:
            text += f", serial {target.serial}"
        if found.lot is not None:
            text += f", lot {found.lot.code}"
        elif target.lot is not None and found.unit is None:
            text += f", lot {target.lot}"
        if found.unknown_unit:
            text += " (not registered by the brand: links of the product)"
        return text

    def plain_scan(self, gtin: str, serial: str, catalog: Snapshot) -> Outcome | None:
        """The common scan, answered without the general machinery: a plain serial URI, no
        query, a known unit that is not revoked, of a product without stored links (so the
        default link is this resolver's passport). None: take the general path."""
        return self.plain_reply(gtin, serial, self.lookup.unit_by_serial(gtin, serial), catalog)

    def plain_reply(
        self, gtin: str, serial: str, unit: Unit | None, catalog: Snapshot
    ) -> Outcome | None:
        """``plain_scan`` once the unit is read (the batched PostgreSQL reads find it)."""
        if unit is None or unit.status == TokenStatus.REVOKED:
            return None
        product = catalog.by_sku.get(unit.sku)
        if product is None or product.links:
            return None
        key = f"{gtin}/21/{serial}".encode("latin-1")
        headers = [
            (b"location", self._passport_prefix + unit.token_id.encode("latin-1")),
            NO_STORE,
            (b"link", b"<" + self._anchor_prefix + key + _PLAIN_LINK_TAIL),
        ]
        return Outcome(Reply(307, headers), Found(product, unit=unit), True)

    def linkset_link(self, target: Target) -> str:
        """The Link to the identifier's linkset that every answer about it carries."""
        anchor = target.anchor(self.config.domain)
        return f'<{anchor}?linkType=linkset>; rel="linkset"; type="{LINKSET_ACCEPT}"'

    def resolve(
        self,
        target: Target,
        query: str,
        accept: str,
        languages: tuple[str, ...],
        catalog: Snapshot,
        same_as: str | None = None,
    ) -> Outcome:
        """Answer for ``target``; ``same_as`` is the uncompressed URI of a compressed request.

        All links go in one Link header (some clients keep only the last of repeated ones).
        """
        links = [self.linkset_link(target)]
        outcome = self._resolve(target, query, accept, languages, catalog)
        if (b"content-type", LINKSET_JSON) in outcome.reply.headers:
            links.append(CONTEXT_LINK)
        if same_as is not None:
            links.append(f'<{same_as}>; rel="owl:sameAs"')
        reply = outcome.reply.header(b"link", ", ".join(links))
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
        best = by_media_type(by_language(candidates, languages), accept)
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
