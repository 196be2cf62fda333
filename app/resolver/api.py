"""The sync API for stations (FastAPI, documented by its OpenAPI schema at
``/api/v1/openapi.json``), and the signed pack downloads under ``/packs/``.

Requests reach these handlers only after ``gate.SignedApi`` has checked their signature; the
signed headers are declared here so that the schema tells clients about them.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Header, HTTPException, Path, Query, Request
from fastapi.responses import FileResponse
from starlette.concurrency import run_in_threadpool

from app.resolver import feed
from app.resolver.auth import Station
from app.resolver.config import ResolverConfig
from app.resolver.db import ResolverDatabase
from app.resolver.ingest import HANDLERS, Ingest
from app.resolver.packs import PackGone, PackInfo, PackNotFound, PackRefused, PackStore
from app.resolver.schemas import (
    ULID_PATTERN,
    ChangeOut,
    ChangesPage,
    PackLink,
    PackOut,
    PushRequest,
    PushResult,
    Whoami,
)

IdempotencyKey = Annotated[str, Header(alias="Idempotency-Key", min_length=1, max_length=128)]
ERRORS: dict[int | str, dict[str, str]] = {
    401: {"description": "missing, wrong, replayed or stale signature"},
    413: {"description": "body too large"},
    429: {"description": "rate limited; see Retry-After"},
}


def signed(
    x_key_id: Annotated[str, Header(description="the station's key id")],
    x_timestamp: Annotated[str, Header(description="Unix seconds; within 5 minutes")],
    x_nonce: Annotated[str, Header(description="16-64 characters, never reused")],
    x_signature: Annotated[
        str, Header(description="hex HMAC-SHA256 of METHOD, path?query, timestamp, nonce, body")
    ],
) -> None:
    """Declares the signature headers; the gate in front has already checked them."""


def station_of(request: Request) -> Station:
    station = getattr(request.state, "station", None)
    if not isinstance(station, Station):
        raise HTTPException(401, "unsigned request")
    return station


def create_api(
    config: ResolverConfig, db: ResolverDatabase, ingest: Ingest, packs: PackStore
) -> FastAPI:
    api = FastAPI(
        title="Mint Station resolver: sync API",
        version="1",
        openapi_url="/api/v1/openapi.json",
        docs_url="/api/v1/docs",
        redoc_url=None,
    )
    v1 = APIRouter(prefix="/api/v1", dependencies=[Depends(signed)], responses=ERRORS)

    @v1.get("/whoami", response_model=Whoami)
    def whoami(station: Annotated[Station, Depends(station_of)]) -> Whoami:
        return Whoami(station=station.name, key_id=station.key_id, server_time=config.clock())

    @v1.post("/sync/push", response_model=PushResult)
    async def push(
        body: PushRequest,
        idempotency_key: IdempotencyKey,
        station: Annotated[Station, Depends(station_of)],
    ) -> PushResult:
        """Apply messages once each (by key); gzip the body with Content-Encoding: gzip."""
        return await run_in_threadpool(ingest.push, station, idempotency_key, body.messages)

    @v1.get("/sync/changes", response_model=ChangesPage)
    async def changes(
        station: Annotated[Station, Depends(station_of)],
        cursor: Annotated[int, Query(ge=0, le=2**62)] = 0,
        limit: Annotated[int, Query(ge=1, le=10_000)] = 5_000,
    ) -> ChangesPage:
        """Activations, and scans per token and per batch (``count``: scans in this page),
        after ``cursor``; apply a page and its new ``cursor`` together."""
        rows, upto, more = await run_in_threadpool(_page, db, cursor, limit)
        out = [
            ChangeOut(
                seq=r["seq"],
                kind=r["kind"],
                at=r["at"],
                token=r.get("token_id"),
                batch=r.get("batch_uid"),
                lot=r.get("lot"),
                count=r.get("count"),
            )
            for r in rows
        ]
        return ChangesPage(changes=out, cursor=upto, more=more)

    @v1.put(
        "/packs",
        response_model=PackOut,
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {"application/octet-stream": {"schema": {"type": "string"}}},
            }
        },
    )
    async def upload_pack(
        request: Request,
        idempotency_key: IdempotencyKey,
        station: Annotated[Station, Depends(station_of)],
        name: Annotated[str, Query(min_length=1, max_length=200)],
        batch: Annotated[str | None, Query(pattern=ULID_PATTERN)] = None,
    ) -> PackOut:
        """Host a completed pack for 30 days; answers with a 5-minute download URL."""
        body = await request.body()
        if not body:
            raise HTTPException(422, "the pack is empty")
        info = await run_in_threadpool(
            packs.upload, station.key_id, idempotency_key, batch, name, body
        )
        return _pack_out(info, packs)

    @v1.post("/packs/{pack_id}/link", response_model=PackLink)
    async def pack_link(
        pack_id: Annotated[str, Path(pattern=ULID_PATTERN)],
        station: Annotated[Station, Depends(station_of)],
    ) -> PackLink:
        """A fresh download URL for one of this station's packs, valid for 5 minutes."""
        try:
            await run_in_threadpool(packs.info, pack_id, station.key_id)
        except PackNotFound:
            raise HTTPException(404, "no such pack") from None
        except PackGone:
            raise HTTPException(410, "the pack has expired") from None
        url, expires = packs.sign(pack_id)
        return PackLink(url=url, expires_at=expires)

    @api.get("/packs/{pack_id}", responses={403: {}, 404: {}, 410: {}})
    async def download(
        pack_id: str,
        expires: Annotated[str, Query(max_length=20)] = "",
        signature: Annotated[str, Query(max_length=128)] = "",
    ) -> FileResponse:
        """A pack through its signed URL: 403 when the URL is expired or altered."""
        try:
            path, info = await run_in_threadpool(packs.check, pack_id, expires, signature)
        except PackRefused as exc:
            raise HTTPException(403, str(exc)) from None
        except PackNotFound:
            raise HTTPException(404, "no such pack") from None
        except PackGone:
            raise HTTPException(410, "the pack has expired") from None
        return FileResponse(
            path,
            media_type="application/octet-stream",
            filename=info.name,
            headers={"cache-control": "no-store"},
        )

    api.include_router(v1)
    _document_payloads(api)
    return api


def _document_payloads(api: FastAPI) -> None:
    """Add each topic's payload model to the schema's components (a push message's
    ``payload`` is checked against the one its ``topic`` names, message by message)."""
    plain = api.openapi

    def openapi() -> dict[str, Any]:
        if api.openapi_schema is None:
            schema = plain()
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            for model, _handler in HANDLERS.values():
                body = model.model_json_schema(ref_template="#/components/schemas/{model}")
                components.update(body.pop("$defs", {}))
                components[model.__name__] = body
            api.openapi_schema = schema
        return api.openapi_schema

    api.openapi = openapi  # type: ignore[method-assign]


def _page(db: ResolverDatabase, cursor: int, limit: int) -> tuple[list[dict[str, Any]], int, bool]:
    with db.read() as conn:
        return feed.page(conn, cursor, limit)


def _pack_out(info: PackInfo, packs: PackStore) -> PackOut:
    url, expires = packs.sign(info.id)
    return PackOut(
        id=info.id,
        batch=info.batch_uid,
        name=info.name,
        size=info.size,
        sha256=info.sha256,
        uploaded_at=info.uploaded_at,
        expires_at=info.expires_at,
        link=PackLink(url=url, expires_at=expires),
    )
