"""docker-compose.yml is a valid compose file for the production shape."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
REQUIRED = {
    "POSTGRES_PASSWORD": "x",
    "ENLACE_RASA_TOKEN": "x",
    "ENLACE_ACTION_TOKEN": "x",
    "ENLACE_PUBLIC_URL": "https://enlace.example.org",
    "ENLACE_DATA_KEY": "x",
    "ENLACE_LOOKUP_KEY": "x",
    "TWILIO_ACCOUNT_SID": "x",
    "TWILIO_AUTH_TOKEN": "x",
}


def test_compose_runs_postgres_redis_rasa_and_the_app() -> None:
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    assert {"postgres", "redis", "rasa", "app"} <= set(services)
    assert all("healthcheck" in services[name] for name in ("postgres", "redis", "rasa", "app"))


def test_compose_config_validates() -> None:
    client = shutil.which("docker-compose")
    if client is None:
        pytest.skip("docker-compose is not installed")
    result = subprocess.run(
        [client, "-f", str(ROOT / "docker-compose.yml"), "config", "-q"],
        env={"PATH": "/usr/bin:/bin", **REQUIRED},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
