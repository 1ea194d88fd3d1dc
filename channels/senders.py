"""Where queued replies go: Twilio's REST API, or the local phone simulator."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Final, Protocol

from twilio.base.exceptions import TwilioRestException
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client

from core.models import Channel
from core.settings import SenderKind, Settings

log = logging.getLogger(__name__)

# Twilio error codes that mean "never to this person like this": retrying cannot help.
OPTED_OUT_CODE: Final = 21610  # the number replied STOP to this sender
OUTSIDE_WINDOW_CODE: Final = 63016  # WhatsApp free-form message after 24 hours


class TemporarySendError(Exception):
    """Worth retrying: the provider is down, slow or throttling."""


class PermanentSendError(Exception):
    """Retrying will not help: bad number, opted out, outside the WhatsApp window."""

    def __init__(self, reason: str, code: int | None = None) -> None:
        super().__init__(reason)
        self.code = code


@dataclass(frozen=True)
class OutgoingMessage:
    outbox_id: int
    channel: Channel
    to: str
    body: str
    content_sid: str | None = None  # a WhatsApp template instead of free text
    content_variables: dict[str, Any] = field(default_factory=dict)


class Sender(Protocol):
    async def send(self, message: OutgoingMessage) -> str: ...


class SimulatorSender:
    """Local mode: the simulator page reads replies from the database, so sending is a no-op."""

    async def send(self, message: OutgoingMessage) -> str:
        return f"SIM{message.outbox_id:030d}"


class TwilioSender:
    """Sends by REST (never inline TwiML) so every reply is retried and visible in the outbox.

    The blocking Twilio client runs in a thread so a slow Twilio never stalls the event loop.
    """

    def __init__(self, settings: Settings, timeout: float = 10.0) -> None:
        self._client = Client(
            settings.twilio_account_sid,
            settings.twilio_auth_token.get_secret_value(),
            http_client=TwilioHttpClient(timeout=timeout),
        )
        if settings.twilio_api_base_url:
            self._client.api.base_url = settings.twilio_api_base_url.rstrip("/")
        self._from = {
            Channel.SMS: settings.twilio_sms_from,
            Channel.WHATSAPP: _whatsapp_address(settings.twilio_whatsapp_from),
        }
        self._status_callback = f"{settings.public_url.rstrip('/')}/twilio/status"

    async def send(self, message: OutgoingMessage) -> str:
        to = message.to
        if message.channel == Channel.WHATSAPP:
            to = _whatsapp_address(to)
        arguments: dict[str, Any] = {
            "to": to,
            "from_": self._from[message.channel],
            "status_callback": self._status_callback,
        }
        if message.content_sid:
            arguments["content_sid"] = message.content_sid
            arguments["content_variables"] = json.dumps(message.content_variables)
        else:
            arguments["body"] = message.body
        try:
            created = await asyncio.to_thread(self._client.messages.create, **arguments)
        except TwilioRestException as error:
            if error.status >= 500 or error.status == 429:
                raise TemporarySendError(f"twilio {error.status}") from error
            raise PermanentSendError(
                f"twilio {error.status} code {error.code}", code=error.code
            ) from error
        except Exception as error:  # timeouts and connection errors from requests
            raise TemporarySendError(type(error).__name__) from error
        return str(created.sid)


def _whatsapp_address(address: str) -> str:
    if not address or address.startswith("whatsapp:"):
        return address
    return f"whatsapp:{address}"


_SENDERS: Final[dict[SenderKind, Callable[[Settings], Sender]]] = {
    "twilio": TwilioSender,
    "simulator": lambda _settings: SimulatorSender(),
}


def make_sender(settings: Settings) -> Sender:
    """The sender the settings chose (`Settings.sender_kind`)."""
    return _SENDERS[settings.sender_kind](settings)
