"""The app's side of the HTTP seam with the Rasa server (bot/connectors/enlace.py)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

import httpx

log = logging.getLogger(__name__)


class RasaUnavailable(Exception):
    """Rasa did not answer in time or answered with an error; the edge apologises."""


@dataclass(frozen=True)
class RasaTurn:
    texts: list[str]
    custom: list[dict[str, Any]]
    intent: str | None
    confidence: float | None
    ranking: list[dict[str, Any]] = field(default_factory=list)
    paused: bool = False


class RasaClient:
    def __init__(self, base_url: str, token: str, timeout: float) -> None:
        self._client = httpx.AsyncClient(base_url=base_url, timeout=timeout)
        self._token = token

    async def send(self, sender_id: str, text: str, metadata: dict[str, Any]) -> RasaTurn:
        try:
            response = await self._client.post(
                "/webhooks/enlace/webhook",
                json={"sender": sender_id, "message": text, "metadata": metadata},
            )
            response.raise_for_status()
            body = response.json()
        except (httpx.HTTPError, ValueError) as error:
            log.warning("rasa unavailable", extra={"error": type(error).__name__})
            raise RasaUnavailable(type(error).__name__) from error
        messages = body.get("messages") or []
        return RasaTurn(
            texts=[m["text"] for m in messages if m.get("text")],
            custom=[m["custom"] for m in messages if isinstance(m.get("custom"), dict)],
            intent=body.get("intent"),
            confidence=body.get("confidence"),
            ranking=body.get("ranking") or [],
            paused=bool(body.get("paused")),
        )

    async def model_ready(self) -> bool:
        """True when the server answers /status with a loaded model."""
        try:
            response = await self._client.get("/status", params={"token": self._token})
            return response.status_code == 200 and bool(response.json().get("model_file"))
        except (httpx.HTTPError, ValueError):
            return False

    async def aclose(self) -> None:
        await self._client.aclose()
