"""What happens to a message: the pipeline every stored inbound message travels.

Keywords and awaited answers first (local turns), then language and place understanding, the
Rasa turn, what was understood, the hand-over, and the replies queued through
`channels.outbox`. `ownership` is the owner state machine the admin moves cases with.
`Worker` implements `channels.inbound.StoredMessageQueue`.
Other packages use only what is exported here.
"""

from conversations import ownership
from conversations.language import LanguageChooser
from conversations.pipeline import Dialogue, TurnResult
from conversations.places import load_places
from conversations.rasa_client import RasaClient, RasaUnavailable
from conversations.texts import HANDOVER, TEXTS
from conversations.urgency import UrgencyRule
from conversations.worker import Worker

__all__ = [
    "HANDOVER",
    "TEXTS",
    "Dialogue",
    "LanguageChooser",
    "RasaClient",
    "RasaUnavailable",
    "TurnResult",
    "UrgencyRule",
    "Worker",
    "load_places",
    "ownership",
]
