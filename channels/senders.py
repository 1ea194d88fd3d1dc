"""Where queued replies go: Twilio's REST API, or the local phone simulator."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Protocol

from twilio.base.exceptions import TwilioRestException
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client

from core.models import Channel
from core.settings import Settings

log = logging.getLogger(__name__)


class TemporarySendError(Exception):
    """Worth retrying: the provider is down, slow or throttling."""


class PermanentSendError(Exception):
    """Retrying will not help: bad number, opted out, outside the WhatsApp window."""


@dataclass(frozen=True)
class OutgoingMessage:
    outbox_id: int
    channel: Channel
    to: str
    body: str


class Sender(Protocol):
    async def send(self, message: OutgoingMessage) -> str: ...


class SimulatorSender:
    """Local mode: the simulator page reads replies from the database, so sending is a no-op."""

    async def send(self, message: OutgoingMessage) -> str:
        return f"SIM{message.outbox_id:030d}"


class TwilioSender:
    def __init__(self, settings: Settings) -> None:
        self._client = Client(
            settings.twilio_account_sid,
            settings.twilio_auth_token.get_secret_value(),
            http_client=TwilioHttpClient(timeout=10),
        )
        if settings.twilio_api_base_url:
            self._client.api.base_url = settings.twilio_api_base_url
        self._from = {
            Channel.SMS: settings.twilio_sms_from,
            Channel.WHATSAPP: settings.twilio_whatsapp_from,
        }
        self._status_callback = f"{settings.public_url.rstrip('/')}/twilio/status"

    async def send(self, message: OutgoingMessage) -> str:
        prefix = "whatsapp:" if message.channel == Channel.WHATSAPP else ""
        try:
            created = await asyncio.to_thread(
                self._client.messages.create,
                to=f"{prefix}{message.to}",
                from_=self._from[message.channel],
                body=message.body,
                status_callback=self._status_callback,
            )
        except TwilioRestException as error:
            if error.status >= 500 or error.status == 429:
                raise TemporarySendError(f"twilio {error.status}") from error
            raise PermanentSendError(f"twilio {error.status} code {error.code}") from error
        except Exception as error:  # timeouts and connection errors from requests
            raise TemporarySendError(type(error).__name__) from error
        return str(created.sid)


def make_sender(settings: Settings) -> Sender:
    if settings.sender_kind == "twilio":
        return TwilioSender(settings)
    return SimulatorSender()
