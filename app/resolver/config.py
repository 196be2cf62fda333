"""The resolver service's settings, read from the environment (never at import time).

| variable | meaning | default |
|---|---|---|
| RESOLVER_DB | SQLAlchemy URL of the service's own database | `sqlite:///resolver.db` |
| RESOLVER_DOMAIN | the public host name in every URI, link and redirect | `id.example.com` |
| RESOLVER_BASE_URL | where the passport pages live | `https://{RESOLVER_DOMAIN}` |
| RESOLVER_NAME | the name in `/.well-known/gs1resolver` | `Mint Station resolver` |
| RESOLVER_COUNTRY_HEADER | the edge header holding the client's country (`CF-IPCountry`) | none |
| RESOLVER_SIGNING_KEY | secret for download URLs and for wrapping station keys | kept in the DB |
| RESOLVER_PACK_DIR | where uploaded packs are kept (shared storage for hosts) | `resolver-packs` |
| RESOLVER_TRUSTED_PROXIES | proxy addresses whose X-Forwarded-For is believed | none |
| RESOLVER_RATE_LIMIT | sync API requests per second per station, and the burst | `50/100` |
| RESOLVER_ACCESS_LOG | a file for the access log (client IPs truncated) | stderr |
| RESOLVER_TELEMETRY_INTERVAL | seconds between telemetry writes (a crash loses those) | `0.2` |
| RESOLVER_REDIS_URL | Redis shared by every worker and instance (rate limits) | none: per process |
| RESOLVER_REDIS_PREFIX | the prefix of this service's Redis keys | `mintstation:resolver:` |
| RESOLVER_CATALOG_TTL | seconds another instance's catalogue change may take to show | `2` |
| RESOLVER_LOG_FORMAT | `json` (JSON lines) or `text` for the access and error logs | `json` |
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from app.core.digital_link import validate_domain

Clock = Callable[[], float]


@dataclass(frozen=True)
class ResolverConfig:
    db_url: str = "sqlite:///resolver.db"
    domain: str = "id.example.com"
    base_url: str = ""
    name: str = "Mint Station resolver"
    country_header: str | None = None
    signing_key: bytes | None = None
    pack_dir: Path = Path("resolver-packs")
    trusted_proxies: tuple[str, ...] = ()
    rate_per_second: float = 50.0
    rate_burst: int = 100
    access_log: Path | None = None
    clock: Clock = field(default=time.time, compare=False)
    telemetry_interval_s: float = 0.2
    catalog_ttl_s: float = 2.0
    max_body_bytes: int = 64 * 1024 * 1024
    max_inflated_bytes: int = 128 * 1024 * 1024
    redis_url: str | None = None
    redis_prefix: str = "mintstation:resolver:"
    log_format: str = "json"

    def __post_init__(self) -> None:
        object.__setattr__(self, "domain", validate_domain(self.domain))
        if not self.base_url:
            object.__setattr__(self, "base_url", f"https://{self.domain}")
        object.__setattr__(self, "base_url", self.base_url.rstrip("/"))
        if self.country_header:
            object.__setattr__(self, "country_header", self.country_header.lower())
        if self.log_format not in ("json", "text"):
            raise ValueError(f"RESOLVER_LOG_FORMAT must be json or text, not {self.log_format!r}")

    @property
    def root(self) -> str:
        """The canonical resolver root of identifiers: `https://{domain}`."""
        return f"https://{self.domain}"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> ResolverConfig:
        values = os.environ if env is None else env
        rate, _, burst = values.get("RESOLVER_RATE_LIMIT", "50/100").partition("/")
        key = values.get("RESOLVER_SIGNING_KEY")
        proxies = values.get("RESOLVER_TRUSTED_PROXIES", "")
        log = values.get("RESOLVER_ACCESS_LOG")
        return cls(
            db_url=values.get("RESOLVER_DB", cls.db_url),
            domain=values.get("RESOLVER_DOMAIN", cls.domain),
            base_url=values.get("RESOLVER_BASE_URL", ""),
            name=values.get("RESOLVER_NAME", cls.name),
            country_header=values.get("RESOLVER_COUNTRY_HEADER") or None,
            signing_key=key.encode() if key else None,
            pack_dir=Path(values.get("RESOLVER_PACK_DIR", "resolver-packs")),
            trusted_proxies=tuple(p.strip() for p in proxies.split(",") if p.strip()),
            rate_per_second=float(rate),
            rate_burst=int(burst or float(rate) * 2),
            access_log=Path(log) if log else None,
            telemetry_interval_s=float(values.get("RESOLVER_TELEMETRY_INTERVAL", "0.2")),
            catalog_ttl_s=float(values.get("RESOLVER_CATALOG_TTL", "2")),
            redis_url=values.get("RESOLVER_REDIS_URL") or None,
            redis_prefix=values.get("RESOLVER_REDIS_PREFIX", cls.redis_prefix),
            log_format=values.get("RESOLVER_LOG_FORMAT", cls.log_format).strip().lower(),
        )
