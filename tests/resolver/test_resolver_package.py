"""The resolver installs and runs alone: a fresh virtual environment with only
``.[resolver]`` has no Qt, nfcpy, pyserial or cairo, and its ``mintstation-resolver``
command serves a Digital Link synced to it over the real sync API."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from app.sync.client import ResolverClient
from app.sync.settings import SyncConfig
from tests.resolver.seed import GTIN, seed
from tests.resolver.server import PHONE_UA, ROOT, config_for, env_for, free_port

pytestmark = pytest.mark.slow

DESKTOP_ONLY = ("PySide6", "shiboken6", "nfc", "serial", "cairosvg", "cairocffi", "platformdirs")


def _run(args: list[str], env: dict[str, str] | None = None, timeout: float = 120) -> str:
    """Run ``args`` outside the working tree (so only what was installed is imported)."""
    done = subprocess.run(
        args, check=False, capture_output=True, text=True, env=env, timeout=timeout, cwd="/"
    )
    assert done.returncode == 0, f"{args[:3]} failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}"
    return done.stdout


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new venv with ``pip install <a copy of the project>[resolver]`` (pip's cache is
    reused; the copy keeps build files out of the working tree)."""
    tmp = tmp_path_factory.mktemp("resolver-package")
    source = tmp / "src"
    source.mkdir()
    shutil.copytree(ROOT / "app", source / "app", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    env_dir = tmp / "venv"
    _run([sys.executable, "-m", "venv", str(env_dir)])
    pip = [str(env_dir / "bin" / "python"), "-m", "pip", "--disable-pip-version-check"]
    _run([*pip, "install", "--quiet", f"{source}[resolver]"], timeout=1500)
    return env_dir


def test_the_resolver_extra_installs_no_desktop_package(venv: Path) -> None:
    probe = (
        "import importlib.util, json, sys;"
        " print(json.dumps({n: importlib.util.find_spec(n) is not None for n in sys.argv[1:]}))"
    )
    found = json.loads(_run([str(venv / "bin" / "python"), "-c", probe, *DESKTOP_ONLY]))
    assert found == dict.fromkeys(DESKTOP_ONLY, False)
    assert (venv / "bin" / "mintstation-resolver").exists()


@pytest.fixture
def served(venv: Path, tmp_path: Path) -> Iterator[tuple[str, dict[str, str]]]:
    """``mintstation-resolver`` running from the venv: (its URL, a station's credentials)."""
    config = config_for(f"sqlite:///{tmp_path / 'resolver.db'}", tmp_path)
    env = {**os.environ, **env_for(config)}
    command = str(venv / "bin" / "mintstation-resolver")
    created = _run([command, "credentials", "create", "--station", "line 1", "--json"], env)
    credentials = json.loads(created)
    port = free_port()
    log = (tmp_path / "resolver.log").open("wb")
    proc = subprocess.Popen(
        [command, "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=tmp_path,  # nothing of the working tree on the path: the venv's copy runs
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, (tmp_path / "resolver.log").read_text()[-3000:]
            assert time.monotonic() < deadline, "mintstation-resolver did not start"
            try:
                if httpx.get(f"{url}/.well-known/gs1resolver", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        yield url, credentials
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=20)
        log.close()


def test_mintstation_resolver_serves_a_synced_digital_link(
    served: tuple[str, dict[str, str]],
) -> None:
    url, credentials = served
    config = SyncConfig(url, credentials["key_id"], credentials["secret"])
    with httpx.Client(base_url=url, timeout=30) as http:
        client = ResolverClient(config, http=http)
        assert client.whoami()["station"] == "line 1"
        seed(client, first_scan_count=3)
        phone = {"user-agent": PHONE_UA}
        answer = http.get(f"/01/{GTIN}/21/S0001", headers=phone)
        assert answer.status_code == 307
        location = answer.headers["location"]
        assert location.startswith("https://id.acme.example/passport/")
        page = http.get(location.removeprefix("https://id.acme.example"), headers=phone)
        assert page.status_code == 200
        assert "text/html" in page.headers["content-type"]
