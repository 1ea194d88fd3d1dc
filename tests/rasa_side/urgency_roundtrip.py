"""Run with the Rasa environment's Python: train, persist and reload UrgencyClassifier.

Prints one JSON object for tests/unit/test_urgency_classifier.py to check (the app's
environment has no Rasa). The training file is a tiny one written here, not the real one.
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
from pathlib import Path

from components.urgency_classifier import BOT_DIR as BOT
from components.urgency_classifier import UrgencyClassifier
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

URGENT = [
    "me tienen encerrado en el rancho",
    "no me dejan salir de la casa",
    "el patron tiene mi pasaporte y no me deja ir",
    "me amenazaron con matarme",
    "they locked us in the barracks",
    "they took my passport and wont let me leave",
    "help they keep us locked in",
    "the boss says he will kill me if i talk",
    "estoy encerrada ayuda",
    "they wont let me leave the house",
]
NOT_URGENT = [
    "cuanto es el salario minimo",
    "como saco la matricula consular",
    "que es la trata de personas",
    "how do i renew my work permit",
    "what is the minimum wage",
    "how much does a passport cost",
    "hola buenos dias",
    "thanks a lot",
    "donde queda el consulado",
    "can i send money home cheaply",
]
PROBES = ["nos tienen encerrados en la bodega", "how much is the consular id card"]


def write_training_file(path: Path, rows: list[tuple[str, int]]) -> None:
    """The ordinary rows are set `ordinary`, the urgent ones `own` (for `set_weights`)."""
    lines = ["# a test file", "id\ttext\tlanguage\turgent\tset"]
    lines += [
        f"t-{i}\t{text}\tes\t{label}\t{'own' if label else 'ordinary'}"
        for i, (text, label) in enumerate(rows)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        training = Path(tmp) / "messages.tsv"
        rows = [(text, 1) for text in URGENT] + [(text, 0) for text in NOT_URGENT]
        write_training_file(training, rows)
        (Path(tmp) / "storage").mkdir()
        storage = LocalModelStorage(Path(tmp) / "storage")
        resource = Resource("urgency_classifier")
        context = ExecutionContext(GraphSchema({}), "test")
        config = {
            **UrgencyClassifier.get_default_config(),
            "training_file": str(training),
            "calibration_folds": 3,
        }
        fingerprint = UrgencyClassifier.fingerprint_addon(config)
        UrgencyClassifier.create(config, storage, resource, context).train(TrainingData())
        loaded = UrgencyClassifier.load(config, storage, resource, context)
        messages = loaded.process([Message(data={"text": text}) for text in PROBES])
        result = {
            "probabilities": [message.get("urgency")["probability"] for message in messages],
            "output_keys": sorted(messages[0].as_dict(only_output_properties=True)),
        }
        weighted_config = {**config, "set_weights": {"ordinary": 5.0}}
        weighted = UrgencyClassifier.create(weighted_config, storage, Resource("weighted"), context)
        weighted.train(TrainingData())
        result["weighted_probabilities"] = [
            message.get("urgency")["probability"]
            for message in weighted.process([Message(data={"text": text}) for text in PROBES])
        ]
        untrained = UrgencyClassifier.load(config, storage, Resource("never_trained"), context)
        result["untrained"] = untrained.process([Message(data={"text": "hola"})])[0].get("urgency")

        # Rasa's fingerprinting hook may pass the node's config without the defaults.
        default_file = BOT / UrgencyClassifier.get_default_config()["training_file"]
        result["fingerprint_without_defaults"] = UrgencyClassifier.fingerprint_addon({}) == (
            hashlib.sha256(default_file.read_bytes()).hexdigest()
        )
        write_training_file(training, [*rows, ("me quitaron el celular", 1)])
        result["fingerprint_follows_the_file"] = (
            UrgencyClassifier.fingerprint_addon(config) != fingerprint
        )
        write_training_file(training, [(text, 0) for text in NOT_URGENT])
        try:
            UrgencyClassifier.create(config, storage, Resource("one_class"), context).train(
                TrainingData()
            )
            result["one_class"] = "trained"
        except ValueError as error:
            result["one_class"] = str(error)
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
