"""GDPR-safe client addresses: IPv4 cut to /24 and IPv6 to /48 before anything keeps them.

``TruncateClientFilter`` does the same to uvicorn's access log records, so neither the
database nor the logs ever hold a full address.
"""

from __future__ import annotations

import ipaddress
import logging
from functools import lru_cache

IPV4_PREFIX = 24
IPV6_PREFIX = 48


@lru_cache(maxsize=16384)
def truncate_ip(address: str) -> str | None:
    """`203.0.113.7` -> `203.0.113.0/24`; `2001:db8:1:2::7` -> `2001:db8:1::/48`; else None."""
    try:
        ip = ipaddress.ip_address(address.strip().strip("[]").split("%")[0])
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    prefix = IPV4_PREFIX if ip.version == 4 else IPV6_PREFIX
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


def truncate_client_addr(client_addr: str) -> str:
    """uvicorn's `host:port` (IPv6 hosts are not bracketed) as the truncated network."""
    host = client_addr.rsplit(":", 1)[0] if client_addr.count(":") >= 1 else client_addr
    return truncate_ip(host) or truncate_ip(client_addr) or "-"


class TruncateClientFilter(logging.Filter):
    """Rewrites the client address of uvicorn access records to its truncated network."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and args and isinstance(args[0], str) and "/" not in args[0]:
            record.args = (truncate_client_addr(args[0]), *args[1:])
        return True


def install_log_filter() -> None:
    """Attach the filter to uvicorn's access logger (idempotent)."""
    logger = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, TruncateClientFilter) for f in logger.filters):
        logger.addFilter(TruncateClientFilter())
