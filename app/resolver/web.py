"""The public side over raw ASGI: scans, passport pages, `/.well-known/gs1resolver`.

This is the hot path, so it skips a framework's routing and request objects: one pass over
the headers, one indexed read, one deque append for telemetry. Only a first scan of a
first-scan token leaves the event loop (its activation is a write, done in a thread).
"""

from __future__ import annotations

import time

import anyio.to_thread
from starlette.types import Receive, Scope, Send

from app.core.dl_compression import decompress_dl_uri
from app.core.errors import DigitalLinkError
from app.resolver import metrics
from app.resolver.activation import activate_lot, activate_unit
from app.resolver.bots import PREFETCH_HEADERS, is_bot_agent, is_prefetch
from app.resolver.catalog import Catalog, Snapshot
from app.resolver.config import ResolverConfig
from app.resolver.db import ResolverDatabase
from app.resolver.identifiers import (
    PLAIN_SERIAL,
    BadIdentifier,
    Target,
    parse_target,
    plain_gtin,
)
from app.resolver.links import (
    GS1_VOC,
    JSONLD_CONTEXT,
    KNOWN_LINK_TYPES,
    parse_accept_language,
    relation_uri,
)
from app.resolver.lookup import Lookup
from app.resolver.pages import Pages
from app.resolver.pgreads import BatchedReads
from app.resolver.privacy import truncate_ip
from app.resolver.reply import ALLOWED_METHODS, VARY, Reply, options_reply, send_reply
from app.resolver.resolve import LINKSET_ACCEPT, Found, Resolution
from app.resolver.telemetry import ScanRecord, TelemetryWriter

MAX_UA = 512
CATALOG_MISS_S = 0.0  # a 404 re-reads the catalogue version (one key read): new products at once
_WANTED = frozenset({b"user-agent", b"accept", b"accept-language", *PREFETCH_HEADERS})


class Request:
    """The parts of a request the public side looks at, read in one pass over the headers."""

    __slots__ = ("accept", "bot", "client", "country", "languages", "method", "query", "user_agent")

    def __init__(self, scope: Scope, country_header: bytes | None) -> None:
        self.method: str = scope["method"]
        self.query: str = scope.get("query_string", b"").decode("latin-1")
        self.accept = ""
        self.user_agent = ""
        self.country: str | None = None
        accept_language = ""
        prefetch = False
        for name, value in scope["headers"]:
            if name not in _WANTED and name != country_header:
                continue
            if name == b"user-agent":
                self.user_agent = value.decode("latin-1")[:MAX_UA]
            elif name == b"accept":
                self.accept = value.decode("latin-1")
            elif name == b"accept-language":
                accept_language = value.decode("latin-1")
            elif name == country_header:
                code = value.decode("latin-1").strip().upper()
                self.country = code if len(code) == 2 and code.isalpha() else None
            elif is_prefetch(name, value):
                prefetch = True
        self.languages = parse_accept_language(accept_language) if accept_language else ()
        self.bot = self.method != "GET" or prefetch or is_bot_agent(self.user_agent)
        client = scope.get("client")
        self.client: str | None = client[0] if client else None


class PublicSite:
    def __init__(
        self,
        config: ResolverConfig,
        db: ResolverDatabase,
        catalog: Catalog,
        telemetry: TelemetryWriter,
    ) -> None:
        self.config = config
        self.db = db
        self.catalog = catalog
        self.telemetry = telemetry
        self.lookup = Lookup(db.engine)
        self.reads = BatchedReads(db.engine) if self.lookup.postgres else None
        self.pages = Pages()
        self.resolution = Resolution(config, self.lookup, self.pages)
        header = config.country_header
        self.country_header = header.encode() if header else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = time.perf_counter()
        method = scope["method"]
        if method == "OPTIONS":
            raw = (scope.get("raw_path") or scope["path"].encode()).decode("latin-1")
            target = self.options_target(raw, scope.get("query_string", b"").decode("latin-1"))
            link = self.resolution.linkset_link(target) if target else None
            await send_reply(send, options_reply(link))
            metrics.answered(204, started)
            return
        if method not in ("GET", "HEAD"):
            reply = Reply(405, [(b"allow", ALLOWED_METHODS)])
            await send_reply(send, reply)
            metrics.answered(405, started)
            return
        request = Request(scope, self.country_header)
        raw_path = scope.get("raw_path") or scope["path"].encode()
        path = raw_path.decode("latin-1")
        reply = await self.route(path, request)
        await send_reply(send, reply, head=method == "HEAD")
        metrics.answered(reply.status, started)

    async def route(self, path: str, request: Request) -> Reply:
        catalog = self.catalog.current()
        if path.startswith("/passport/"):
            return self.passport(path[len("/passport") :], request, catalog)
        if path == "/.well-known/gs1resolver":
            return self.well_known()
        if path == "/brand/logo":
            return self.logo(catalog)
        if path in ("/", "/healthz"):
            return Reply(200, [(b"content-type", b"text/plain")], b"ok")
        fast = await self.plain_scan(path, request, catalog)
        if fast is not None:
            return fast
        same_as: str | None = None
        try:
            target = parse_target(path, request.query)
            if target is None:
                expanded = self.decompress(path, request.query)
                if expanded is not None:
                    path, request.query, same_as = expanded
                    target = parse_target(path, request.query)
        except BadIdentifier as exc:
            body = self.pages.message(catalog.brand, request.languages, "bad", detail=exc.reason)
            return Reply.html(400, body)
        if target is None:
            body = self.pages.message(catalog.brand, request.languages, "not_found")
            return Reply.html(404, body)
        outcome = self.resolution.resolve(
            target, request.query, request.accept, request.languages, catalog, same_as
        )
        if outcome.found is None and outcome.reply.status == 404:
            fresher = self.catalog.current(CATALOG_MISS_S)  # pushed to another instance?
            if fresher is not catalog:
                outcome = self.resolution.resolve(
                    target, request.query, request.accept, request.languages, fresher, same_as
                )
        if outcome.scan and outcome.found is not None:
            if request.bot:
                metrics.bot_filtered()
            else:
                await self.scanned(outcome.found, outcome.reply.status, request)
        return outcome.reply

    def decompress(self, path: str, query: str) -> tuple[str, str, str] | None:
        """(path, query, canonical uncompressed URI) of a compressed Digital Link path; None
        when the path is not one. A path that decodes but names a bad GTIN is a 400."""
        if path.count("/") not in (1, 3) or len(path) < 9:
            return None
        try:
            full = decompress_dl_uri("https://resolver" + path + (f"?{query}" if query else ""))
        except DigitalLinkError as exc:
            if "GTIN" in exc.reason:
                raise BadIdentifier(exc.reason) from None
            return None
        rest = full.removeprefix("https://resolver")
        new_path, _, new_query = rest.partition("?")
        return new_path, new_query, self.config.root + rest

    def options_target(self, path: str, query: str) -> Target | None:
        """The identifier a preflight names, so its answer can carry the linkset Link."""
        try:
            target = parse_target(path, query)
            if target is None:
                expanded = self.decompress(path, query)
                target = parse_target(expanded[0], expanded[1]) if expanded else None
        except BadIdentifier:
            return None
        return target

    async def plain_scan(self, path: str, request: Request, catalog: Snapshot) -> Reply | None:
        """Most scans: `/01/{gtin}/21/{serial}`, no query, redirected to the passport."""
        if request.query or LINKSET_ACCEPT in request.accept:
            return None
        plain = PLAIN_SERIAL.fullmatch(path)
        gtin = plain_gtin(plain[1]) if plain else None
        if plain is None or gtin is None:
            return None
        if self.reads is not None:
            row = await self.reads.unit_row(gtin, plain[2])
            unit = self.lookup.unit_from_row(row) if row else None
            outcome = self.resolution.plain_reply(gtin, plain[2], unit, catalog)
        else:
            outcome = self.resolution.plain_scan(gtin, plain[2], catalog)
        if outcome is None:
            return None
        if request.bot:
            metrics.bot_filtered()
        elif outcome.found is not None:
            await self.scanned(outcome.found, 307, request)
        return outcome.reply

    async def scanned(self, found: Found, status: int, request: Request) -> None:
        """A person's scan: activate a first-scan token once, and record the telemetry."""
        unit, lot = found.unit, found.lot
        if status in (300, 307) and found.first_scan_pending:
            done = False
            if unit is not None:
                done = await anyio.to_thread.run_sync(
                    activate_unit, self.db, unit.token_id, unit.batch_uid
                )
            elif lot is not None:
                done = await anyio.to_thread.run_sync(
                    activate_lot, self.db, lot.lot_id, lot.code, lot.batch_uid
                )
            if done:
                metrics.activated("unit" if unit is not None else "lot")
            self.lookup.invalidate()  # the next read sees the activation
        batch = unit or lot
        self.telemetry.record(
            ScanRecord(
                self.config.clock(),
                unit.token_id if unit else None,
                batch.batch_id if batch else None,
                found.product.sku,
                truncate_ip(request.client) if request.client else None,
                request.country,
                request.user_agent,
                request.languages[0] if request.languages else None,
                found.unknown_unit,
            )
        )

    def passport(self, path: str, request: Request, catalog: Snapshot) -> Reply:
        """`/passport/{token id}`, `/passport/01/{gtin}` or `/passport/01/{gtin}/10/{lot}`."""
        brand, langs = catalog.brand, request.languages
        try:
            target = parse_target(path if "/01/" in path else "/t" + path, "")
        except BadIdentifier:
            target = None
        found = self.resolution.find(target, catalog) if target else None
        if target is None or found is None:
            return Reply.html(404, self.pages.message(brand, langs, "not_found"))
        if found.revoked:
            return Reply.html(410, self.pages.message(brand, langs, "gone"))
        if found.unknown_unit:  # say plainly what cannot be vouched for
            return self.unregistered(target, found, request, catalog)
        links = [
            link
            for link in self.resolution.linkset(target, found).links
            if link.href != self.resolution.passport_href(found)
        ]
        unit, lot = found.unit, found.lot
        body, lang = self.pages.passport(
            brand,
            found.product,
            langs,
            serial=unit.serial if unit else None,
            lot=unit.lot if unit else (lot.code if lot else None),
            expiry=unit.expiry if unit else (lot.expiry if lot else None),
            links=links,
        )
        reply = Reply.html(200, body).header(b"content-language", lang)
        reply.headers += [VARY, (b"cache-control", b"private, max-age=60")]
        return reply

    def unregistered(
        self, target: Target, found: Found, request: Request, catalog: Snapshot
    ) -> Reply:
        """The passport of a lot or serial the brand never registered: the product's page
        under a plain warning, never the "genuine" badge."""
        passport = self.resolution.passport_href(found)
        links = [
            link for link in self.resolution.linkset(target, found).links if link.href != passport
        ]
        body, lang = self.pages.passport(
            catalog.brand,
            found.product,
            request.languages,
            serial=target.serial,
            lot=target.lot,
            links=links,
            unregistered=True,
        )
        reply = Reply.html(200, body).header(b"content-language", lang)
        reply.headers += [VARY, (b"cache-control", b"private, max-age=60")]
        return reply

    def well_known(self) -> Reply:
        """The resolver description file (GS1-Conformant Resolver, description file): GTINs
        are the primary key served (``/t/{id}`` is this resolver's own, not a GS1 key)."""
        catalog = self.catalog.current()
        served = set(KNOWN_LINK_TYPES)
        for product in catalog.by_sku.values():
            for links in product.links.values():
                served.update(link.link_type for link in links)
        return Reply.json(
            200,
            {
                "name": self.config.name,
                "resolverRoot": self.config.root,
                "supportedPrimaryKeys": ["01"],
                "supportedLinkType": [{"namespace": GS1_VOC, "prefix": "gs1:"}],
                "linkTypes": sorted(relation_uri(t) for t in served),
                "linkTypeDefaultCanBeLinkset": True,
                "supportsSemanticsOnlyDigitalLinks": False,
                "jsonLdContextLocation": JSONLD_CONTEXT,
                "contact": {"fn": catalog.brand.name or self.config.name},
            },
        ).header(b"cache-control", b"public, max-age=300")

    def logo(self, catalog: Snapshot) -> Reply:
        brand = catalog.brand
        if not brand.logo or not brand.logo_mime:
            return Reply(404)
        reply = Reply(200, [(b"content-type", brand.logo_mime.encode())], brand.logo)
        reply.headers.append(
            (b"content-security-policy", b"default-src 'none'; style-src 'unsafe-inline'")
        )
        return reply.header(b"cache-control", b"public, max-age=300")

    async def aclose(self) -> None:
        """Close what lives on the event loop (the batched reads' connection)."""
        if self.reads is not None:
            await self.reads.aclose()

    def close(self) -> None:
        self.lookup.close()
