"""Train the Rasa model only when the bot or its training data changed (cache by content hash).

The topic examples come from the knowledge base (knowledge.training_data) and the urgency
classifier's examples from the labelled urgency sets (tools.urgency_data), so both are
regenerated first; the held-out evaluation questions are always kept out of training.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
from pathlib import Path

from core.settings import REPO_ROOT

BOT = REPO_ROOT / "bot"
MODELS = BOT / "models"
RASA = REPO_ROOT / ".venv-rasa" / "bin" / "rasa"
RASA_PYTHON = REPO_ROOT / ".venv-rasa" / "bin" / "python"
EXCLUDED_QUESTIONS = REPO_ROOT / "tests" / "data" / "dev_questions.tsv"
TRAINING_INPUTS = ("config.yml", "domain", "data", "components")


def generate_topic_examples() -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "knowledge.training_data",
            "--out",
            str(BOT / "data" / "nlu"),
            "--exclude-file",
            str(EXCLUDED_QUESTIONS),
        ],
        check=True,
        cwd=REPO_ROOT,
    )


def training_hash() -> str:
    digest = hashlib.sha256()
    files = sorted(
        path
        for name in TRAINING_INPUTS
        for path in ([BOT / name] if (BOT / name).is_file() else (BOT / name).rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    )
    for path in files:
        digest.update(str(path.relative_to(BOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def rasa_env() -> dict[str, str]:
    """Rasa finds the custom channel and components (bot/connectors, bot/components) here, and
    sends no telemetry or crash reports to Rasa's servers (nothing leaves the machine)."""
    return {**os.environ, "PYTHONPATH": str(BOT), "RASA_TELEMETRY_ENABLED": "false"}


def model_path() -> Path:
    return MODELS / f"enlace-{training_hash()}.tar.gz"


def train(force: bool = False) -> Path:
    from tools import urgency_data  # it uses tools.leaks, which imports this module

    generate_topic_examples()
    urgency_data.write()
    target = model_path()
    if target.exists() and not force:
        print(f"model up to date: {target.relative_to(REPO_ROOT)}")
        return target
    MODELS.mkdir(exist_ok=True)
    subprocess.run(
        [
            str(RASA),
            "train",
            "--config",
            "config.yml",
            "--domain",
            "domain",
            "--data",
            "data",
            "--out",
            "models",
            "--fixed-model-name",
            target.name.removesuffix(".tar.gz"),
        ],
        check=True,
        cwd=BOT,
        env=rasa_env(),
    )
    for old in MODELS.glob("enlace-*.tar.gz"):
        if old != target:
            old.unlink()
    print(f"model trained: {target.relative_to(REPO_ROOT)}")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--force", action="store_true", help="train even if the model is current")
    parser.add_argument("--print-path", action="store_true", help="print the model path and exit")
    args = parser.parse_args()
    if args.print_path:
        print(model_path())
        return
    train(force=args.force)


if __name__ == "__main__":
    main()
