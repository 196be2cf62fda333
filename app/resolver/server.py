"""Running the service under uvicorn with its logging made privacy-safe and structured.

The access log's client address goes through ``TruncateClientFilter`` (a /24 or /48
network, never the address), optionally into a file; lines are JSON (``app.resolver.logs``)
unless RESOLVER_LOG_FORMAT=text. X-Forwarded-For is believed only from the proxies named in
RESOLVER_TRUSTED_PROXIES (uvicorn's default would trust 127.0.0.1). Request lines and header
blocks are capped while they are parsed (``app.resolver.httpcaps``: 414 and 431).

With several workers, Prometheus values go through a fresh ``PROMETHEUS_MULTIPROC_DIR``
(made here unless one is given, removed at exit) so ``/metrics`` adds up every worker.
"""

from __future__ import annotations

import copy
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import uvicorn
from uvicorn.config import LOGGING_CONFIG

from app.resolver.config import ResolverConfig
from app.resolver.httpcaps import MAX_HEADER_BYTES, MAX_REQUEST_LINE

FACTORY = "app.resolver.app:create_app"
HTTP_PROTOCOL = "app.resolver.httpcaps:CappedHttpToolsProtocol"
MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"  # as app.resolver.metrics (not imported here)


def log_config(access_log: Path | None = None, log_format: str = "json") -> dict[str, Any]:
    config = copy.deepcopy(LOGGING_CONFIG)
    config["filters"] = {"truncate_ip": {"()": "app.resolver.privacy.TruncateClientFilter"}}
    handler = config["handlers"]["access"]
    handler["filters"] = ["truncate_ip"]
    if log_format == "json":
        config["formatters"]["access"] = {"()": "app.resolver.logs.JsonAccessFormatter"}
        config["formatters"]["default"] = {"()": "app.resolver.logs.JsonFormatter"}
    if access_log is not None:
        access_log.parent.mkdir(parents=True, exist_ok=True)
        config["handlers"]["access"] = {
            "class": "logging.FileHandler",
            "formatter": "access" if log_format == "json" else "access_file",
            "filename": str(access_log),
            "filters": ["truncate_ip"],
        }
        config["formatters"]["access_file"] = {
            "()": "uvicorn.logging.AccessFormatter",
            "fmt": '%(asctime)s %(client_addr)s - "%(request_line)s" %(status_code)s',
            "use_colors": False,
        }
    # The service's own loggers (telemetry, Redis, pack expiry) go where uvicorn's errors go.
    config["loggers"]["app"] = {"handlers": ["default"], "level": "INFO", "propagate": False}
    return config


def server_options(config: ResolverConfig) -> dict[str, Any]:
    """uvicorn settings shared by the single-process and multi-worker runs."""
    return {
        "proxy_headers": bool(config.trusted_proxies),
        "forwarded_allow_ips": ",".join(config.trusted_proxies) or None,
        "log_config": log_config(config.access_log, config.log_format),
        "server_header": False,
        "timeout_graceful_shutdown": 10,
        "http": HTTP_PROTOCOL,
        "h11_max_incomplete_event_size": MAX_REQUEST_LINE + MAX_HEADER_BYTES,
    }


def serve(
    config: ResolverConfig,
    host: str,
    port: int,
    workers: int = 1,
    *,
    ssl_certfile: str | None = None,
    ssl_keyfile: str | None = None,
) -> None:
    """Serve until interrupted: one process, or ``workers`` processes from the app factory
    (each reads the same environment); HTTPS when a certificate and its key are given."""
    options = server_options(config)
    if ssl_certfile and ssl_keyfile:
        options |= {"ssl_certfile": ssl_certfile, "ssl_keyfile": ssl_keyfile}
    if workers > 1:
        made = None
        if not os.environ.get(MULTIPROC_ENV):
            made = tempfile.mkdtemp(prefix="resolver-metrics-")
            os.environ[MULTIPROC_ENV] = made
        try:
            uvicorn.run(FACTORY, factory=True, host=host, port=port, workers=workers, **options)
        finally:
            if made is not None:
                shutil.rmtree(made, ignore_errors=True)
        return
    from app.resolver.app import create_app  # noqa: PLC0415 - builds the database at once

    uvicorn.run(create_app(config), host=host, port=port, **options)
