"""The app image holds every package of the app: its COPY lines name the project's packages."""

from __future__ import annotations

import re
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[2]
# Development only: launchers and tests never run in the app image.
NOT_IN_IMAGE = {"tools", "tests"}
COPY = re.compile(r"^COPY\s+(?!--from)(\S+)\s+(\S+)\s*$", re.MULTILINE)


def _copied() -> set[str]:
    """Top-level folders the Dockerfile copies, each to the same place in the image."""
    lines = COPY.findall((ROOT / "Dockerfile").read_text())
    return {source.rstrip("/") for source, target in lines if source.rstrip("/") == target}


def _packages() -> set[str]:
    return {path.parent.name for path in ROOT.glob("*/__init__.py")}


def test_the_image_copies_every_top_level_package() -> None:
    assert _copied() & _packages() == _packages() - NOT_IN_IMAGE


def test_every_package_the_app_imports_is_in_the_image() -> None:
    packages = sorted(_packages() - {"tests"})
    graph = grimp.build_graph(*packages, cache_dir=None)
    imported = {module.split(".")[0] for module in graph.find_upstream_modules("app.asgi")}
    assert imported
    assert imported | {"app"} <= _copied()
