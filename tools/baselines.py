"""What a consulate would deploy instead of Enlace, run on the same questions as `make eval`.

* **BM25 FAQ matcher** (`FaqMatcher`), what one builds in a week: one BM25 index over every
  article in both languages (each article's title, example questions and body, per
  language, a document of its own); a message gets the topic of the best-scoring article,
  `out_of_scope` when no word matches. It is urgent when that article's topic is
  urgent-capable (`urgent: true` in the taxonomy) *and* the article itself lists an emergency
  contact (`urgent: true` in contacts.yml), i.e. the matcher would answer with emergency
  numbers. The evaluation questions are left out of the index as `make train` leaves them
  out of training.
* **Rasa's default pipeline** (`bot/experiments/rasa_default.yml`, the configuration
  `rasa init` suggests: DIET, 100 epochs) trained NLU-only on the same generated training data
  as Enlace's model. A message gets the best-ranked intent (as `make score` reads Enlace),
  and is urgent by the interim topic rule Enlace had before its danger detector: an
  urgent-capable topic read with at least ENLACE_NLU_CONFIDENCE_THRESHOLD's default
  confidence. Training takes minutes, so the model is cached in `var/baselines/` by a hash
  of its inputs (config, NLU data, Rasa lock file), like `tools/train.py`.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rank_bm25 import BM25Okapi  # type: ignore[import-untyped, unused-ignore]

from core.settings import REPO_ROOT, Settings
from core.text import normalize_for_nlu
from knowledge.base import KnowledgeBase
from knowledge.models import LANGUAGES, Article
from knowledge.search import STOPWORDS
from knowledge.text import normalize_text, words
from tools.train import BOT, RASA, RASA_PYTHON, rasa_env

NO_MATCH = "out_of_scope"
RASA_DEFAULT_CONFIG = BOT / "experiments" / "rasa_default.yml"
CACHE = REPO_ROOT / "var" / "baselines"
PARSE_SCRIPT = REPO_ROOT / "tools" / "rasa_side" / "parse_texts.py"
# The interim topic rule's threshold: the default of ENLACE_NLU_CONFIDENCE_THRESHOLD.
URGENT_CONFIDENCE = float(Settings.model_fields["nlu_confidence_threshold"].default)
_STOPWORDS = frozenset().union(*STOPWORDS.values())


@dataclass(frozen=True)
class Prediction:
    """What a system made of one message: its topic and whether it treated it as urgent."""

    topic: str | None
    urgent: bool


def tokenize(text: str) -> list[str]:
    """Accent-free lowercase words of two letters or more, without either language's
    stopwords: the matcher does not know which language a message is in."""
    return [word for word in words(text) if len(word) > 1 and word not in _STOPWORDS]


class FaqMatcher:
    """The keyword/BM25 FAQ baseline (module docstring)."""

    def __init__(self, kb: KnowledgeBase, excluded: frozenset[str] = frozenset()) -> None:
        urgent_contacts = {c.id for c in kb.contacts.values() if c.urgent}
        urgent_topics = {topic.id for topic in kb.topics.values() if topic.urgent}
        self._documents: list[Article] = []
        corpus = []
        for article in kb.articles:
            for language in LANGUAGES:
                corpus.append(tokenize(_document(article, language, excluded)))
                self._documents.append(article)
        self._index = BM25Okapi(corpus)
        self._urgent_articles = {
            article.id
            for article in kb.articles
            if article.topic in urgent_topics and urgent_contacts.intersection(article.contacts)
        }

    def best(self, text: str) -> Article | None:
        """The best-matching article; None when no word of `text` is in any article."""
        query = tokenize(text)
        if not query:
            return None
        scores = self._index.get_scores(query)
        best = max(range(len(scores)), key=lambda i: (scores[i], -i))
        return self._documents[best] if scores[best] > 0 else None

    def predict(self, text: str) -> Prediction:
        article = self.best(text)
        if article is None:
            return Prediction(NO_MATCH, urgent=False)
        return Prediction(article.topic, urgent=article.id in self._urgent_articles)


def _document(article: Article, language: str, excluded: frozenset[str]) -> str:
    text = article.localized(language)
    questions = [q for q in text.questions if normalize_text(q) not in excluded]
    return " ".join((text.title, *questions, text.short, text.full))


def rasa_default_hash(config: Path = RASA_DEFAULT_CONFIG) -> str:
    """Content hash of what the baseline model is trained from: a change retrains it."""
    config = config.resolve()
    digest = hashlib.sha256()
    inputs = [config, BOT / "requirements.lock", *sorted((BOT / "data" / "nlu").rglob("*.yml"))]
    for path in inputs:
        label = path.relative_to(REPO_ROOT) if path.is_relative_to(REPO_ROOT) else path.name
        digest.update(str(label).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def rasa_default_model(config: Path = RASA_DEFAULT_CONFIG) -> Path:
    """The cached baseline model, trained first (with `nice`) when its inputs changed."""
    config = config.resolve()
    target = CACHE / f"{config.stem}-{rasa_default_hash(config)}.tar.gz"
    if target.exists():
        return target
    CACHE.mkdir(parents=True, exist_ok=True)
    print(
        f"training the Rasa baseline {config.name} with nice: minutes on an idle machine, "
        "hours on a busy one (bot/experiments/rasa_default_light.yml is lighter)",
        file=sys.stderr,
    )
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(dir=CACHE) as tmp:
        command = ["nice", str(RASA), "train", "nlu", "--config", str(config)]
        command += ["--nlu", "data/nlu", "--out", tmp, "--fixed-model-name", "nlu"]
        run_rasa(command)
        shutil.move(Path(tmp) / "nlu.tar.gz", target)
    for old in CACHE.glob(f"{config.stem}-*.tar.gz"):
        if old != target:
            old.unlink()
    print(f"trained in {time.perf_counter() - started:.0f} s: {target.name}", file=sys.stderr)
    return target


def rasa_default_predictions(
    texts: Sequence[str], urgent_topics: set[str], model: Path | None = None
) -> list[Prediction]:
    """The baseline's reading of each text, as the app would send it (normalised)."""
    model = model or rasa_default_model()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "predictions.json"
        sent = [normalize_for_nlu(text).lstrip("/ ") for text in texts]
        run_rasa([str(RASA_PYTHON), str(PARSE_SCRIPT), str(model), str(out)], json.dumps(sent))
        parsed: list[dict[str, object]] = json.loads(out.read_text(encoding="utf-8"))
    return [reading_to_prediction(row, urgent_topics) for row in parsed]


def reading_to_prediction(reading: dict[str, object], urgent_topics: set[str]) -> Prediction:
    """A parse of tools/rasa_side/parse_texts.py -> topic and the interim urgency rule."""
    best = reading.get("best")
    topic = best if isinstance(best, str) else None
    confidence = reading.get("best_confidence")
    sure = isinstance(confidence, float | int) and confidence >= URGENT_CONFIDENCE
    return Prediction(topic, urgent=topic in urgent_topics and sure)


def run_rasa(command: list[str], stdin: str | None = None) -> None:
    """Rasa's progress bars and warnings are shown only when the command fails."""
    completed = subprocess.run(
        command, input=stdin, capture_output=True, text=True, cwd=BOT, env=rasa_env(), check=False
    )
    if completed.returncode != 0:
        raise SystemExit(f"{command[0]} failed:\n{completed.stderr[-4000:]}")
