"""'SHALL support HTTP Over TLS (HTTPS)': `main.py resolver --ssl-certfile F --ssl-keyfile K`
serves HTTPS itself (uvicorn's TLS), checked with a self-signed CA made by trustme."""

from __future__ import annotations

import ssl
import subprocess
import sys
from pathlib import Path

import httpx
import trustme

from tests.resolver.server import ROOT, ProcessServer, config_for, env_for


def test_resolver_serves_https_with_the_given_certificate(tmp_path: Path) -> None:
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    certfile, keyfile = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert.private_key_and_cert_chain_pem.write_to_path(str(certfile))
    cert.private_key_pem.write_to_path(str(keyfile))
    trusted = ssl.create_default_context()
    ca.configure_trust(trusted)
    env = env_for(config_for(f"sqlite:///{tmp_path / 'resolver.db'}", tmp_path))
    args = ["--ssl-certfile", str(certfile), "--ssl-keyfile", str(keyfile)]
    with ProcessServer(env, log=tmp_path / "out.log", args=args, verify=trusted) as server:
        assert server.url.startswith("https://")
        r = httpx.get(server.url + "/.well-known/gs1resolver", verify=trusted)
        assert r.status_code == 200 and r.json()["supportedPrimaryKeys"] == ["01"]
        assert r.http_version == "HTTP/1.1"
        # the certificate is really checked: an untrusted client refuses it
        try:
            httpx.get(server.url + "/healthz", verify=ssl.create_default_context())
        except httpx.ConnectError as exc:
            assert "CERTIFICATE_VERIFY_FAILED" in str(exc)
        else:
            raise AssertionError("a client without the CA accepted the certificate")
        plain = httpx.URL(server.url).copy_with(scheme="http")
        try:
            httpx.get(str(plain) + "/healthz", timeout=5)
        except httpx.HTTPError:
            pass  # no plain HTTP on the TLS port
        else:
            raise AssertionError("plain HTTP answered on the TLS port")


def test_certificate_without_key_is_one_clear_message(tmp_path: Path) -> None:
    certfile = tmp_path / "cert.pem"
    certfile.write_text("x")
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "resolver", "--ssl-certfile", str(certfile)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode != 0
    assert "--ssl-certfile/--ssl-keyfile: give both, or neither" in done.stderr
    assert "Traceback" not in done.stderr
