"""Running the resolver for tests: real uvicorn on 127.0.0.1, in a thread or a process.

Both are context managers that stop what they started: the thread server is asked to exit
and joined; the process is terminated (or killed) and waited for.
"""

from __future__ import annotations

import os
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

import httpx
import uvicorn

from app.resolver.app import ResolverApp
from app.resolver.config import ResolverConfig
from app.resolver.server import server_options

ROOT = Path(__file__).resolve().parents[2]
PHONE_UA = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15"
    " (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1"
)


def free_port(host: str = "127.0.0.1") -> int:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


class ThreadServer:
    """uvicorn.Server serving ``app`` from a thread; the app's lifespan runs as in production."""

    def __init__(
        self,
        app: ResolverApp,
        host: str = "127.0.0.1",
        port: int | None = None,
        *,
        lifespan: Literal["auto", "on", "off"] = "on",
    ) -> None:
        """``lifespan="off"``: a second listener for an app another server already runs."""
        self.app = app
        self.host = host
        self.port = port or free_port(host)
        options = server_options(app.config)
        self.server = uvicorn.Server(
            uvicorn.Config(app, host=host, port=self.port, lifespan=lifespan, **options)
        )
        self.thread = threading.Thread(target=self.server.run, name="test-uvicorn")

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def __enter__(self) -> ThreadServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the resolver did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)
        assert not self.thread.is_alive(), "the uvicorn thread is still running"

    def __exit__(
        self, _t: type[BaseException] | None, _e: BaseException | None, _tb: TracebackType | None
    ) -> None:
        self.stop()


class ProcessServer:
    """`main.py resolver` in a child process, for tests that kill it mid-request."""

    def __init__(
        self,
        env: dict[str, str],
        port: int | None = None,
        log: Path | None = None,
        *,
        args: Sequence[str] = (),
        verify: ssl.SSLContext | None = None,
    ):
        """``args``: more `main.py resolver` options; ``verify``: served over HTTPS, trusted
        with this context."""
        self.port = port or free_port()
        self.env = {**os.environ, **env}
        self.log = log
        self.args = list(args)
        self.verify = verify
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"{'https' if self.verify else 'http'}://127.0.0.1:{self.port}"

    def start(self) -> ProcessServer:
        out: Any = self.log.open("ab") if self.log else subprocess.DEVNULL
        self.proc = subprocess.Popen(
            [
                sys.executable,
                str(ROOT / "main.py"),
                "resolver",
                "--port",
                str(self.port),
                *self.args,
            ],
            cwd=ROOT,
            env=self.env,
            stdout=out,
            stderr=out,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the resolver process exited with {self.proc.returncode}")
            try:
                verify = self.verify or True
                if httpx.get(self.url + "/healthz", timeout=1, verify=verify).status_code == 200:
                    return self
            except httpx.TransportError:
                time.sleep(0.05)
        raise RuntimeError("the resolver process did not start")

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(timeout=30)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
        self.proc = None

    def __enter__(self) -> ProcessServer:
        return self.start()

    def __exit__(
        self, _t: type[BaseException] | None, _e: BaseException | None, _tb: TracebackType | None
    ) -> None:
        self.stop()


def config_for(db_url: str, tmp: Path, **overrides: Any) -> ResolverConfig:
    values: dict[str, Any] = {
        "db_url": db_url,
        "domain": "id.acme.example",
        "pack_dir": tmp / "packs",
        "signing_key": b"test-signing-key",
        "telemetry_interval_s": 0.05,
        "catalog_ttl_s": 0.2,
    }
    values.update(overrides)
    return ResolverConfig(**values)


def env_for(config: ResolverConfig) -> dict[str, str]:
    env = {
        "RESOLVER_DB": config.db_url,
        "RESOLVER_DOMAIN": config.domain,
        "RESOLVER_PACK_DIR": str(config.pack_dir),
        "RESOLVER_SIGNING_KEY": (config.signing_key or b"").decode(),
    }
    if config.access_log:
        env["RESOLVER_ACCESS_LOG"] = str(config.access_log)
    return env
