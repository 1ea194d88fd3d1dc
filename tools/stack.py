"""Start and stop the two processes of a local stack: the Rasa server and the app.

Used by `make run` (foreground), `make eval` (start what is missing, stop what it started)
and the integration tests (one stack per test session).
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from core.crypto import new_data_key
from core.settings import REPO_ROOT
from tools.ports import free_port
from tools.train import BOT, RASA, model_path


@dataclass
class Stack:
    app_port: int = 8000
    rasa_port: int = 5005
    env: dict[str, str] = field(default_factory=dict)
    log_dir: Path = REPO_ROOT / "var" / "log"
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    @property
    def app_url(self) -> str:
        return f"http://127.0.0.1:{self.app_port}"

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    def child_env(self) -> dict[str, str]:
        env = {**os.environ, **self.env}
        env.setdefault("ENLACE_RASA_TOKEN", secrets.token_urlsafe(24))
        env.setdefault("ENLACE_ACTION_TOKEN", secrets.token_urlsafe(24))
        env["ENLACE_RASA_URL"] = self.rasa_url
        env["ENLACE_ACTION_URL"] = f"{self.app_url}/actions/webhook"
        self.env.update({k: env[k] for k in ("ENLACE_RASA_TOKEN", "ENLACE_ACTION_TOKEN")})
        return env

    def start_rasa(self, model: Path) -> None:
        env = {**self.child_env(), "PYTHONPATH": str(BOT), "RASA_TELEMETRY_ENABLED": "false"}
        command = [
            str(RASA),
            "run",
            "--model",
            str(model),
            "--endpoints",
            "endpoints.yml",
            "--credentials",
            "credentials.yml",
            "--enable-api",
            "--auth-token",
            env["ENLACE_RASA_TOKEN"],
            "--interface",
            "127.0.0.1",
            "--port",
            str(self.rasa_port),
        ]
        self._spawn("rasa", command, env, cwd=BOT)

    def start_app(self, server: tuple[str, ...] = ("uvicorn", "app.asgi:app")) -> None:
        """`server`: the module run (`python -m`) and its arguments before the address."""
        command = [
            sys.executable,
            "-m",
            *server,
            "--host",
            "127.0.0.1",
            "--port",
            str(self.app_port),
            "--no-access-log",
        ]
        self._spawn("app", command, self.child_env(), cwd=REPO_ROOT)

    def _spawn(self, name: str, command: list[str], env: dict[str, str], cwd: Path) -> None:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        with (self.log_dir / f"{name}-{self.app_port}.log").open("ab") as log:
            self.processes.append(
                subprocess.Popen(
                    command,
                    env=env,
                    cwd=cwd,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )

    def wait_healthy(self, timeout: float = 240.0) -> dict[str, object]:
        """Block until /healthz says ready; a child that dies ends the wait at once."""
        deadline = time.monotonic() + timeout
        last: dict[str, object] = {}
        while time.monotonic() < deadline:
            for process in self.processes:
                if process.poll() is not None:
                    raise RuntimeError(f"a stack process exited early; see {self.log_dir}")
            try:
                response = httpx.get(f"{self.app_url}/healthz", timeout=5)
                last = response.json()
                if response.status_code == 200:
                    return last
            except (httpx.HTTPError, ValueError):
                pass
            time.sleep(1)
        raise TimeoutError(f"stack not healthy after {timeout:.0f}s: {last}")

    @contextmanager
    def serving(self, timeout: float = 240.0) -> Iterator[Stack]:
        """The started processes, once healthy; stopped when the block ends, however it ends."""
        try:
            self.wait_healthy(timeout)
            yield self
        finally:
            self.stop()

    def stop(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        self.processes.clear()


@contextmanager
def private_stack(purpose: str) -> Iterator[Stack]:
    """Rasa and the app on their own ports and a throwaway SQLite database, for one tool's
    run (an evaluation, a load test); stopped and removed when the block ends."""
    with tempfile.TemporaryDirectory(prefix=f"enlace-{purpose}-") as tmp:
        stack = Stack(
            app_port=free_port(),
            rasa_port=free_port(),
            log_dir=Path(tmp),
            env={
                "ENLACE_DATABASE_URL": f"sqlite:///{tmp}/{purpose}.db",
                "ENLACE_DATA_KEY": new_data_key(),
                "ENLACE_LOOKUP_KEY": secrets.token_urlsafe(32),
                "ENLACE_ENVIRONMENT": "development",
            },
        )
        print(f"starting a private stack for the {purpose} …", file=sys.stderr, flush=True)
        stack.start_rasa(model_path())
        stack.start_app()
        with stack.serving():
            yield stack


def is_healthy(url: str) -> bool:
    try:
        return httpx.get(f"{url}/healthz", timeout=3).status_code == 200
    except httpx.HTTPError:
        return False
