"""Running the service under uvicorn with its logging made privacy-safe.

The access log's client address goes through ``TruncateClientFilter`` (a /24 or /48
network, never the address), optionally into a file; X-Forwarded-For is believed only from
the proxies named in RESOLVER_TRUSTED_PROXIES (uvicorn's default would trust 127.0.0.1).
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import uvicorn
from uvicorn.config import LOGGING_CONFIG

from app.resolver.config import ResolverConfig

FACTORY = "app.resolver.app:create_app"


def log_config(access_log: Path | None = None) -> dict[str, Any]:
    config = copy.deepcopy(LOGGING_CONFIG)
    config["filters"] = {"truncate_ip": {"()": "app.resolver.privacy.TruncateClientFilter"}}
    handler = config["handlers"]["access"]
    handler["filters"] = ["truncate_ip"]
    if access_log is not None:
        access_log.parent.mkdir(parents=True, exist_ok=True)
        config["handlers"]["access"] = {
            "class": "logging.FileHandler",
            "formatter": "access_file",
            "filename": str(access_log),
            "filters": ["truncate_ip"],
        }
        config["formatters"]["access_file"] = {
            "()": "uvicorn.logging.AccessFormatter",
            "fmt": '%(asctime)s %(client_addr)s - "%(request_line)s" %(status_code)s',
            "use_colors": False,
        }
    return config


def server_options(config: ResolverConfig) -> dict[str, Any]:
    """uvicorn settings shared by the single-process and multi-worker runs."""
    return {
        "proxy_headers": bool(config.trusted_proxies),
        "forwarded_allow_ips": ",".join(config.trusted_proxies) or None,
        "log_config": log_config(config.access_log),
        "server_header": False,
        "timeout_graceful_shutdown": 10,
    }


def serve(config: ResolverConfig, host: str, port: int, workers: int = 1) -> None:
    """Serve until interrupted: one process, or ``workers`` processes from the app factory
    (each reads the same environment)."""
    options = server_options(config)
    if workers > 1:
        uvicorn.run(FACTORY, factory=True, host=host, port=port, workers=workers, **options)
        return
    from app.resolver.app import create_app  # noqa: PLC0415 - builds the database at once

    uvicorn.run(create_app(config), host=host, port=port, **options)
