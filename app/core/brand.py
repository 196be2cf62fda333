"""The brand's settings as the domain sees them."""

from __future__ import annotations

from dataclasses import dataclass

from app.core.errors import ValidationError

MIN_PREFIX = 6
MAX_PREFIX = 12
LOGO_TYPES = {".svg": "image/svg+xml", ".png": "image/png"}
MAX_LOGO_BYTES = 512 * 1024


@dataclass(frozen=True)
class BrandSettings:
    name: str
    resolver_domain: str
    gs1_ready: bool
    company_prefix: str | None
    company_prefix_length: int | None
    logo: bytes | None
    logo_mime: str | None
    logo_in_bundles: bool
    qr_compressed_uris: bool = False  # QR codes carry compressed GS1 Digital Link URIs

    @property
    def configured(self) -> bool:
        return bool(self.name and self.resolver_domain)


def validate_company_prefix(value: str) -> str:
    """A GS1 company prefix: 6 to 12 digits; its length sets the SGTIN partition."""
    prefix = value.strip()
    if not prefix.isdigit() or not prefix.isascii():
        raise ValidationError("company prefix", f"{value!r} must be digits only")
    if not MIN_PREFIX <= len(prefix) <= MAX_PREFIX:
        raise ValidationError(
            "company prefix", f"{value!r} has {len(prefix)} digits; 6 to 12 are allowed"
        )
    return prefix


def check_logo(data: bytes, suffix: str) -> str:
    """The logo's MIME type, after checking that it is an SVG or PNG of sensible size."""
    mime = LOGO_TYPES.get(suffix.lower())
    if mime is None:
        raise ValidationError("logo", f"{suffix or 'this file'} is not supported: use SVG or PNG")
    if len(data) > MAX_LOGO_BYTES:
        raise ValidationError("logo", f"is {len(data) // 1024} KiB; at most 512 KiB")
    if mime == "image/png" and not data.startswith(b"\x89PNG\r\n\x1a\n"):
        raise ValidationError("logo", "is not a PNG file")
    if mime == "image/svg+xml" and b"<svg" not in data[:4096]:
        raise ValidationError("logo", "is not an SVG file")
    return mime
