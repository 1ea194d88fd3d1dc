"""Rasa checks every reply of the action server against its JSON schema with jsonschema's
`validate()`, which first checks the schema itself against the metaschema: on every turn, and
about a quarter of Rasa's processor time per message here (docs/benchmarks.md, profiles).

The schema is Rasa's constant, so it is checked once, here, and its validator kept. Every
reply is still validated, and an invalid one raises the same ValidationError with the same
message as before. Rasa is pinned (3.6.21, bot/requirements.lock), so the method replaced
is known; `install` is called by the channel module, which every `rasa run` loads.
"""

from __future__ import annotations

from typing import Any, Dict, Text

from jsonschema import ValidationError
from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL

_SCHEMA = RemoteAction.action_response_format_spec()
_VALIDATOR_CLASS = validator_for(_SCHEMA)
_VALIDATOR_CLASS.check_schema(_SCHEMA)
_VALIDATOR = _VALIDATOR_CLASS(_SCHEMA)


def validate_action_result(_: RemoteAction, result: Dict[Text, Any]) -> bool:
    """RemoteAction._validate_action_result, with the schema checked once."""
    error = best_match(_VALIDATOR.iter_errors(result))
    if error is None:
        return True
    error.message += (
        f". Failed to validate Action server response from API, "
        f"make sure your response from the Action endpoint is valid. "
        f"For more information about the format visit "
        f"{DOCS_BASE_URL}/custom-actions"
    )
    raise error


def install() -> None:
    RemoteAction._validate_action_result = validate_action_result  # type: ignore[method-assign]


__all__ = ["ValidationError", "install", "validate_action_result"]
