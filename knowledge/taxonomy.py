"""Finding and reading the topic taxonomy.

The taxonomy is shared with the NLU and evaluation data, so it lives outside the knowledge
base in the shared folder; a deployment may copy it to `knowledge/taxonomy.yml` or point
ENLACE_TAXONOMY_PATH at it. Settings are not involved so that the checker and the
training-data export run without the app's configuration.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped, unused-ignore]
from pydantic import ValidationError

from knowledge.models import Topic

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_DIR.parent
ENV_VAR = "ENLACE_TAXONOMY_PATH"


class TaxonomyError(Exception):
    """The taxonomy file is missing or malformed: nothing can be validated without it."""


def default_taxonomy_path(root: Path | None = None) -> Path:
    """ENLACE_TAXONOMY_PATH, else <root>/taxonomy.yml, else knowledge/taxonomy.yml, else
    ../shared/taxonomy.yml next to the repository."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    candidates = [PACKAGE_DIR / "taxonomy.yml", REPO_ROOT.parent / "shared" / "taxonomy.yml"]
    if root is not None:
        candidates.insert(0, Path(root) / "taxonomy.yml")
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    return candidates[-1]


def load_taxonomy(path: Path | None = None) -> dict[str, Topic]:
    """Topic id -> Topic, in the file's order (the order of the generated training data)."""
    return dict(_load_taxonomy_cached(Path(path or default_taxonomy_path()).resolve()))


@lru_cache(maxsize=8)
def _load_taxonomy_cached(path: Path) -> tuple[tuple[str, Topic], ...]:
    try:
        raw: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise TaxonomyError(f"cannot read taxonomy {path}: {exc.strerror}") from exc
    except yaml.YAMLError as exc:
        raise TaxonomyError(f"taxonomy {path} is not valid YAML: {exc}") from exc
    topics = raw.get("topics") if isinstance(raw, dict) else None
    if not isinstance(topics, dict) or not topics:
        raise TaxonomyError(f"taxonomy {path} has no `topics:` mapping")
    try:
        return tuple(
            (str(key), Topic.model_validate({"id": str(key), **(value or {})}))
            for key, value in topics.items()
        )
    except (ValidationError, TypeError) as exc:
        raise TaxonomyError(f"taxonomy {path} is malformed: {exc}") from exc
