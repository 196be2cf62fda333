"""The command line: credentials on the service, configure / sync / status on the station."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli.main import main
from app.resolver.app import ResolverApp
from app.resolver.config import ResolverConfig
from app.storage.db import open_database
from tests.minting.conftest import prepare_station
from tests.resolver.server import ThreadServer, free_port
from tests.sync.conftest import mint_batch


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_credentials_configure_sync_and_status(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RESOLVER_DB", f"sqlite:///{tmp_path / 'resolver.db'}")
    monkeypatch.setenv("RESOLVER_DOMAIN", "id.acme.example")
    monkeypatch.setenv("RESOLVER_SIGNING_KEY", "cli-test-key")
    monkeypatch.setenv("RESOLVER_PACK_DIR", str(tmp_path / "packs"))
    code, out = run(capsys, "resolver", "credentials", "create", "--station", "line 7", "--json")
    assert code == 0
    creds = json.loads(out)
    code, out = run(capsys, "resolver", "credentials", "list")
    assert creds["key_id"] in out and "line 7" in out and "active" in out

    home = tmp_path / "home"
    station = open_database(f"sqlite:///{home / 'mintstation.db'}")
    prepare_station(station)
    mint_batch(station, 100)
    station.dispose()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    h = ("--home", str(home))
    code, out = run(
        capsys, *h, "sync", "configure", "--resolver", url,
        "--key-id", creds["key_id"], "--secret", creds["secret"],
    )  # fmt: skip
    assert code == 0 and "sync configured" in out
    code, out = run(capsys, *h, "sync", "status", "--json")
    status = json.loads(out)
    assert status["configured"] and not status["online"] and status["pending"] > 0

    app = ResolverApp(ResolverConfig.from_env())
    with ThreadServer(app, port=port):
        code, out = run(capsys, *h, "sync", "--once")
        assert code == 0 and "100 token(s) sent" in out
        code, out = run(capsys, *h, "sync", "status", "--json")
        status = json.loads(out)
        assert status["online"] and status["pending"] == 0
        code, out = run(capsys, "resolver", "credentials", "revoke", creds["key_id"])
        assert code == 0
        assert run(capsys, *h, "sync")[0] == 1
    code, out = run(capsys, *h, "sync", "status")
    assert out.startswith("offline") and "refused the credentials" in out


def test_sync_without_configuration(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = ("--home", str(tmp_path / "home"))
    assert run(capsys, *home, "sync", "status")[1].startswith("sync not configured")
    assert main([*home, "sync", "--once"]) == 2
    assert main([*home, "sync", "configure", "--resolver", "ftp://x", "--key-id", "k",
                 "--secret", "s"]) == 2  # fmt: skip
