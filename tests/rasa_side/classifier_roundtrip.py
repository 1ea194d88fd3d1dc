"""Run with the Rasa environment's Python: train, persist and reload LinearIntentClassifier.

Prints one JSON object for tests/unit/test_linear_intent_classifier.py to check; the app's
environment has no Rasa, so the check crosses the seam the same way `rasa train` does.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import skops.io as sio
from components.linear_intent_classifier import (
    LinearIntentClassifier,
    UntrustedModelFile,
    load_trusted_pipeline,
)
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

TRAINING = {
    "wages": [
        "no me pagaron la semana",
        "el patron no me paga",
        "me deben dos cheques",
        "my boss didnt pay me",
        "they owe me two weeks of pay",
        "no pay for overtime",
        "me descontaron de mas en el cheque",
        "pay stub is missing hours",
        "cuanto es el salario minimo",
        "what is the minimum wage here",
    ],
    "detention": [
        "la migra se llevo a mi esposo",
        "detuvieron a mi hermano",
        "ice agarro a mi primo",
        "my dad was picked up by ice",
        "my son is in immigration detention",
        "where is my detained brother",
        "lo tienen en un centro de detencion",
        "how do i find someone ice arrested",
        "me detuvieron puedo llamar al consulado",
        "immigration arrested my wife at work",
    ],
    "greet": [
        "hola",
        "buenos dias",
        "buenas tardes",
        "que tal",
        "hi",
        "hello",
        "good morning",
        "hey there",
        "ola buenas",
        "hi good evening",
    ],
}
PROBES = ["el patron no me ha pagado", "ice detained my uncle", "hola buenas noches"]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        storage = LocalModelStorage(Path(tmp))
        resource = Resource("linear_intent_classifier")
        context = ExecutionContext(GraphSchema({}), "test")
        config = {**LinearIntentClassifier.get_default_config(), "calibration_folds": 3}
        examples = [
            Message(data={"text": text, "intent": intent})
            for intent, texts in TRAINING.items()
            for text in texts
        ]
        LinearIntentClassifier.create(config, storage, resource, context).train(
            TrainingData(training_examples=examples)
        )
        loaded = LinearIntentClassifier.load(config, storage, resource, context)
        messages = loaded.process([Message(data={"text": text}) for text in PROBES])
        result = {
            "predictions": [
                {
                    "intent": message.get("intent"),
                    "ranking": message.get("intent_ranking"),
                }
                for message in messages
            ]
        }
        untrained = LinearIntentClassifier.load(config, storage, Resource("never_trained"), context)
        result["untrained"] = untrained.process([Message(data={"text": "hola"})])[0].get("intent")

        forged = Path(tmp) / "forged.skops"
        sio.dump({"payload": Path("/etc/passwd")}, forged)
        try:
            load_trusted_pipeline(forged)
            result["forged"] = "loaded"
        except UntrustedModelFile as error:
            result["forged"] = str(error)
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
