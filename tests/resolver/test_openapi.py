"""schemathesis against the sync API's OpenAPI schema, with properly signed requests: whatever
it sends, the service answers without a 5xx."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from app.core.signing import signed_headers
from app.resolver.app import ResolverApp
from app.sync.client import ResolverClient
from tests.resolver.seed import station_client
from tests.resolver.server import ThreadServer, config_for

SIGNED = ("x-key-id", "x-timestamp", "x-nonce", "x-signature")
MAX_EXAMPLES = 15


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ThreadServer, ResolverClient]]:
    tmp = tmp_path_factory.mktemp("openapi")
    config = config_for(f"sqlite:///{tmp / 'r.db'}", tmp, rate_per_second=10_000, rate_burst=10_000)
    app = ResolverApp(config)
    with ThreadServer(app) as server:
        client = station_client(app, server.url, retries=0)
        yield server, client
        client.http.close()


def _body(kwargs: dict[str, Any]) -> bytes:
    if "json" in kwargs:
        return json.dumps(kwargs["json"]).encode()
    data = kwargs.get("data")
    if isinstance(data, str):
        return data.encode()
    return bytes(data or b"")


def _call(case: Any, server: ThreadServer, client: ResolverClient) -> None:
    """Send the case as schemathesis made it, but signed as a station signs."""
    kwargs = case.as_transport_kwargs(base_url=server.url)
    body = _body(kwargs)
    headers = {k: str(v) for k, v in (kwargs.get("headers") or {}).items()}
    headers = {k: v for k, v in headers.items() if k.lower() not in SIGNED}
    if "json" in kwargs:
        headers["Content-Type"] = "application/json"
    method = kwargs["method"]
    request = client.http.build_request(
        method, kwargs["url"], params=kwargs.get("params"), content=body, headers=headers
    )
    path = request.url.raw_path.decode("ascii")
    request.headers.update(signed_headers(client.key, client.config.key_id, method, path, body))
    response = client.http.send(request)
    case.validate_response(response, checks=[not_a_server_error])


def test_sync_api_never_fails_with_5xx(api: tuple[ThreadServer, ResolverClient]) -> None:
    server, client = api
    schema = schemathesis.openapi.from_url(server.url + "/api/v1/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.path for op in operations} >= {"/api/v1/sync/push", "/api/v1/sync/changes"}
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case: Any) -> None:
            _call(case, server, client)

        check()
