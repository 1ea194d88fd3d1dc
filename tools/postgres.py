"""A private PostgreSQL server for the test suite, started from Debian's binaries.

The server refuses to run as root, so as root it runs as the `postgres` user. It listens
on loopback only, on its own port, with its data in a scratch directory.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from tools.ports import free_port


@dataclass
class PostgresServer:
    """Its own port and directory, so parallel test runs never share a server."""

    port: int = field(default_factory=free_port)
    data_dir: Path = field(
        default_factory=lambda: Path(tempfile.mkdtemp(prefix="enlace-pg-")) / "data"
    )

    @property
    def url(self) -> str:
        return self.database_url("enlace")

    def database_url(self, name: str) -> str:
        return f"postgresql+psycopg://enlace@127.0.0.1:{self.port}/{name}"

    def create_database(self, name: str) -> str:
        """A second, empty database on this server (its URL), for a tier that must not see
        what the others leave behind."""
        self._createdb(name)
        return self.database_url(name)

    def _createdb(self, name: str) -> None:
        self._run(
            self._bin("createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "enlace", name
        )

    def _bin(self, name: str) -> str:
        found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
        if not found:
            raise FileNotFoundError("PostgreSQL is not installed (make system-deps)")
        return found[-1]

    def _run(self, *args: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run([*prefix, *args], check=True, capture_output=True)

    def start(self) -> None:
        self.data_dir.mkdir(parents=True)
        if os.geteuid() == 0:
            shutil.chown(self.data_dir.parent, "postgres", "postgres")
            shutil.chown(self.data_dir, "postgres", "postgres")
        self._run(
            self._bin("initdb"),
            "-D",
            str(self.data_dir),
            "-U",
            "enlace",
            "--auth=trust",
            "--encoding=UTF8",
            "--no-sync",
        )
        self._run(
            self._bin("pg_ctl"),
            "-D",
            str(self.data_dir),
            "-w",
            "-l",
            str(self.data_dir / "server.log"),
            "-o",
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.data_dir} -c fsync=off",
            "start",
        )
        self._createdb("enlace")

    def stop(self) -> None:
        if self.data_dir.exists():
            subprocess.run(
                [
                    *(["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []),
                    self._bin("pg_ctl"),
                    "-D",
                    str(self.data_dir),
                    "-m",
                    "fast",
                    "stop",
                ],
                capture_output=True,
            )
            time.sleep(0.2)
            shutil.rmtree(self.data_dir.parent, ignore_errors=True)
