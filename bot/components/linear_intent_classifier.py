"""Topic classifier for short, noisy messages: TF-IDF word and character n-grams, linear SVM.

The bot learns each topic from a few dozen examples per article, written the way people
text (typos, slang, Spanglish). On that data a calibrated linear SVM over word and
character n-grams generalises better than DIET and trains in seconds (figures and the
command that prints them: docs/classifier.md). It reads the message text directly, so it
needs no featurizer before it; the text arrives lowercased and accent-free from the app.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Dict, List, Optional, Text

import numpy as np
import skops.io as sio
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers import LABEL_RANKING_LENGTH
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion, Pipeline, make_pipeline, make_union
from sklearn.svm import LinearSVC

logger = logging.getLogger(__name__)

MODEL_FILE = "linear_intent_classifier.skops"

# skops refuses to load types it does not know to be safe; these are the ones this
# component's own pipeline contains beyond skops' defaults. Anything else in the file
# means it was not written by this component, and it is not loaded.
TRUSTED_TYPES = frozenset(
    {
        "scipy.sparse._csr.csr_matrix",
        "sklearn.calibration._CalibratedClassifier",
        "sklearn.calibration._SigmoidCalibration",
    }
)


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True
)
class LinearIntentClassifier(GraphComponent, IntentClassifier):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            # Word pairs ("me deportan", "no pagan") tell neighbouring topics apart; pairs
            # and character n-grams seen in one example only are mostly that example's
            # typos and names, so they are dropped.
            "word_ngram_range": [1, 2],
            "word_min_df": 2,
            "char_ngram_range": [2, 5],
            "char_min_df": 2,
            "C": 1.0,
            # Folds used to turn SVM margins into probabilities (Platt scaling), which the
            # FallbackClassifier and the app's confidence thresholds rely on.
            "calibration_folds": 5,
            "random_seed": 2026,
        }

    @staticmethod
    def required_packages() -> List[Text]:
        return ["sklearn", "skops"]

    def __init__(
        self,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        pipeline: Optional[Pipeline] = None,
    ) -> None:
        self.component_config = config
        self._model_storage = model_storage
        self._resource = resource
        self._pipeline = pipeline

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LinearIntentClassifier:
        return cls(config, model_storage, resource)

    def _new_pipeline(self) -> Pipeline:
        return ngram_svm_pipeline(self.component_config)

    def train(self, training_data: TrainingData) -> Resource:
        examples = [
            message
            for message in training_data.intent_examples
            if message.get(TEXT) and message.get(INTENT)
        ]
        labels = np.array([message.get(INTENT) for message in examples])
        if len(set(labels)) < 2:
            raise ValueError("LinearIntentClassifier needs examples of at least two intents")
        pipeline = self._new_pipeline()
        pipeline.fit([message.get(TEXT) for message in examples], labels)
        self._pipeline = pipeline
        self.persist()
        return self._resource

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            if self._pipeline is None:
                intent: Dict[Text, Any] = {"name": None, "confidence": 0.0}
                ranking: List[Dict[Text, Any]] = []
            else:
                probabilities = self._pipeline.predict_proba([message.get(TEXT) or ""])[0]
                order = np.argsort(-probabilities)[:LABEL_RANKING_LENGTH]
                classes = self._pipeline.classes_
                ranking = [
                    {"name": str(classes[i]), "confidence": float(probabilities[i])}
                    for i in order
                ]
                intent = dict(ranking[0])
            message.set(INTENT, intent, add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages

    def persist(self) -> None:
        if self._pipeline is None:
            return
        with self._model_storage.write_to(self._resource) as model_dir:
            sio.dump(self._pipeline, model_dir / MODEL_FILE)

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> LinearIntentClassifier:
        try:
            with model_storage.read_from(resource) as model_dir:
                pipeline = load_trusted_pipeline(model_dir / MODEL_FILE)
        except (ValueError, FileNotFoundError):
            # Rasa's storage raises ValueError for a resource that was never written.
            logger.warning("LinearIntentClassifier: no trained model found; untrained.")
            return cls(config, model_storage, resource)
        return cls(config, model_storage, resource, pipeline)


def ngram_features(config: Dict[Text, Any], char_analyzer: str = "char_wb") -> FeatureUnion:
    """TF-IDF of word n-grams beside character n-grams, the features of both classifiers:
    the topic classifier reads characters within words (`char_wb`), the urgency classifier
    across them (`char`, "o me d" of "no me dejan")."""
    words = TfidfVectorizer(
        analyzer="word",
        ngram_range=tuple(config["word_ngram_range"]),
        # Keep one-letter words: "q", "x" and "k" carry meaning in texting Spanish.
        token_pattern=r"(?u)\b\w+\b",
        min_df=config["word_min_df"],
        sublinear_tf=True,
    )
    characters = TfidfVectorizer(
        analyzer=char_analyzer,
        ngram_range=tuple(config["char_ngram_range"]),
        min_df=config["char_min_df"],
        sublinear_tf=True,
    )
    return make_union(words, characters)


def ngram_svm_pipeline(config: Dict[Text, Any], class_weight: Optional[str] = None) -> Pipeline:
    """The n-gram features into a linear SVM, calibrated over folds (Platt scaling) into the
    probabilities the thresholds rely on."""
    svm = LinearSVC(C=config["C"], class_weight=class_weight, random_state=config["random_seed"])
    return make_pipeline(
        ngram_features(config),
        CalibratedClassifierCV(svm, cv=config["calibration_folds"]),
    )


class UntrustedModelFile(Exception):
    """The model file holds types this component never writes: it is not loaded."""


def load_trusted_pipeline(path: Path) -> Pipeline:
    untrusted = set(sio.get_untrusted_types(file=path))
    unexpected = untrusted - TRUSTED_TYPES
    if unexpected:
        raise UntrustedModelFile(f"unexpected types in {path.name}: {sorted(unexpected)}")
    pipeline: Pipeline = sio.load(path, trusted=sorted(untrusted))
    return pipeline
