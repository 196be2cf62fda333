"""The sync API's request and response bodies (they make its OpenAPI schema)."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from app.core.digital_link import AI82_PATTERN

ULID_PATTERN = r"^[0-7][0-9A-HJKMNP-TV-Z]{25}$"
ULID = Annotated[str, Field(pattern=ULID_PATTERN)]
TOPICS = (
    "brand",
    "product",
    "batch.created",
    "batch.status",
    "tokens.minted",
    "token.revoked",
    "token.encoded",
)
MAX_TOKENS_PER_MESSAGE = 200_000
_SERIALS = re.compile(f"(?:{AI82_PATTERN.pattern}\n)*{AI82_PATTERN.pattern}")
_LANG = r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$"


class PushMessage(BaseModel):
    key: str = Field(min_length=1, max_length=128, description="the outbox idempotency key")
    topic: str = Field(max_length=40, description="one of: " + ", ".join(TOPICS))
    payload: dict[str, Any] = Field(
        description="by topic: BrandPayload, ProductPayload, BatchCreatedPayload,"
        " BatchStatusPayload, TokensMintedPayload, TokenRevokedPayload, TokenEncodedPayload"
    )


class PushRequest(BaseModel):
    messages: list[PushMessage] = Field(max_length=20_000)


class Rejected(BaseModel):
    key: str
    error: str


class PushResult(BaseModel):
    accepted: list[str]
    duplicates: list[str]
    rejected: list[Rejected]


class BrandPayload(BaseModel):
    name: str = Field(max_length=200)
    theme: dict[str, str] = Field(default_factory=dict)
    logo_base64: str | None = Field(default=None, max_length=800_000)
    logo_mime: Literal["image/svg+xml", "image/png"] | None = None


class LinkPayload(BaseModel):
    link_type: str = Field(max_length=80)
    href: str = Field(max_length=2000, pattern=r"^https?://[^\s/?#\\]+(/[^\s\\]*)?$")
    title: str = Field(default="", max_length=200)
    hreflang: list[Annotated[str, Field(pattern=_LANG)]] = Field(default_factory=list)
    type: str | None = Field(default="text/html", max_length=100)
    lot: str | None = Field(default=None, max_length=20)
    default: bool = False


class ProductPayload(BaseModel):
    sku: str = Field(min_length=1, max_length=64)
    name: str = Field(min_length=1, max_length=200)
    gtin: str | None = None
    default_language: str = Field(default="en", pattern=_LANG)
    content: dict[Annotated[str, Field(pattern=_LANG)], dict[str, Any]] = Field(
        default_factory=dict
    )
    links: list[LinkPayload] = Field(default_factory=list, max_length=200)


class LotPayload(BaseModel):
    code: str = Field(min_length=1, max_length=20)
    first_seq: int = Field(ge=0)
    quantity: int = Field(ge=1)
    expiry: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")


class BatchCreatedPayload(BaseModel):
    batch: ULID
    sku: str = Field(min_length=1, max_length=64)
    gtin: str | None = None
    identity_mode: Literal["serial", "lot"]
    activation_mode: Literal["at-mint", "first-scan"]
    quantity: int = Field(ge=1)
    status: str = Field(default="queued", max_length=12)
    lots: list[LotPayload] = Field(default_factory=list)


class BatchStatusPayload(BaseModel):
    model_config = ConfigDict(extra="ignore")
    batch: ULID
    to: str = Field(max_length=12)


class TokensMintedPayload(BaseModel):
    """A chunk of a batch: seqs first_seq .. first_seq+count-1; ids derive from the batch."""

    batch: ULID
    first_seq: int = Field(ge=0)
    count: int = Field(ge=1, le=MAX_TOKENS_PER_MESSAGE)
    serials: list[str] | None = None
    statuses: str | None = Field(default=None, pattern=r"^[mar]*$")

    @field_validator("serials")
    @classmethod
    def _serials(cls, value: list[str] | None) -> list[str] | None:
        if value and not _SERIALS.fullmatch("\n".join(value)):
            raise ValueError("serials must be 1-20 characters of GS1 AI character set 82")
        return value


class TokenRevokedPayload(BaseModel):
    model_config = ConfigDict(extra="ignore")
    token: ULID
    reason: str = Field(default="", max_length=500)


class TokenEncodedPayload(BaseModel):
    model_config = ConfigDict(extra="allow")
    token: ULID


class ChangeOut(BaseModel):
    seq: int
    kind: str
    at: datetime
    token: str | None = None
    batch: str | None = None
    lot: str | None = None
    count: int | None = None


class ChangesPage(BaseModel):
    changes: list[ChangeOut]
    cursor: int
    more: bool


class PackLink(BaseModel):
    url: str
    expires_at: datetime


class PackOut(BaseModel):
    id: str
    batch: str | None
    name: str
    size: int
    sha256: str
    uploaded_at: datetime
    expires_at: datetime
    link: PackLink


class Whoami(BaseModel):
    station: str
    key_id: str
    server_time: float
