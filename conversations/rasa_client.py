"""The app's side of the HTTP seam with the Rasa server (bot/connectors/enlace.py).

Two calls: `read` asks Rasa's NLU alone what a text is about (`/model/parse`; it changes no
conversation), which the pipeline does for every message before deciding who answers; `send`
hands a message to the dialogue, with that reading when it is of the same text, so the text
is classified once.

Both go through aiohttp: one or two calls a turn, and httpx's client cost five times the
processor time a call (0.8 against 0.15 ms) on the event loop every turn shares.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

import aiohttp

log = logging.getLogger(__name__)

FALLBACK_INTENT = "nlu_fallback"


class RasaUnavailable(Exception):
    """Rasa did not answer in time or answered with an error; the edge apologises."""


@dataclass(frozen=True)
class NluReading:
    """What Rasa's NLU made of one text: its best intent and the ranking behind it, and the
    urgency classifier's probability that the writer is in danger now (None: not given)."""

    text: str
    intent: str | None
    confidence: float | None
    ranking: list[dict[str, Any]]
    raw: dict[str, Any]
    urgency: float | None = None

    def best_topic(self) -> tuple[str | None, float | None]:
        """The intent, or when NLU was unsure (`nlu_fallback`) its best-ranked real intent."""
        if self.intent != FALLBACK_INTENT:
            return self.intent, self.confidence
        best = next((r for r in self.ranking if r.get("name") != FALLBACK_INTENT), None)
        return (best["name"], best["confidence"]) if best else (None, None)

    def confidence_of(self, intent: str) -> float:
        """How likely the classifier found `intent` (0 when it is not in the ranking)."""
        found = next((r for r in self.ranking if r.get("name") == intent), None)
        return float(found.get("confidence") or 0.0) if found else 0.0


@dataclass(frozen=True)
class RasaTurn:
    texts: list[str]
    custom: list[dict[str, Any]]
    intent: str | None
    confidence: float | None
    ranking: list[dict[str, Any]] = field(default_factory=list)
    urgency: float | None = None


def urgency_probability(body: dict[str, Any]) -> float | None:
    """The urgency classifier's probability in a parse or webhook answer; None when absent
    (a model without the classifier) or not a number in [0, 1]."""
    urgency = body.get("urgency")
    value = urgency.get("probability") if isinstance(urgency, dict) else None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if 0.0 <= value <= 1.0 else None


class RasaClient:
    """`timeout` bounds each call as a whole (connecting, sending, reading the answer)."""

    def __init__(self, base_url: str, token: str, timeout: float) -> None:
        self._base_url = base_url.rstrip("/")
        self._token = token
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._session: aiohttp.ClientSession | None = None

    def _client(self) -> aiohttp.ClientSession:
        """Made on first use, inside the event loop that will run the calls."""
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=self._timeout)
        return self._session

    async def read(self, text: str) -> NluReading:
        body = await self._post("/model/parse", {"text": text}, params={"token": self._token})
        intent = body.get("intent") or {}
        return NluReading(
            text=text,
            intent=intent.get("name"),
            confidence=intent.get("confidence"),
            ranking=list(body.get("intent_ranking") or []),
            raw=body,
            urgency=urgency_probability(body),
        )

    async def send(
        self,
        sender_id: str,
        text: str,
        metadata: dict[str, Any],
        reading: NluReading | None = None,
    ) -> RasaTurn:
        payload: dict[str, Any] = {"sender": sender_id, "message": text, "metadata": metadata}
        if reading is not None and reading.text == text:
            payload["parse"] = reading.raw
        body = await self._post("/webhooks/enlace/webhook", payload)
        messages = body.get("messages") or []
        return RasaTurn(
            texts=[m["text"] for m in messages if m.get("text")],
            custom=[m["custom"] for m in messages if isinstance(m.get("custom"), dict)],
            intent=body.get("intent"),
            confidence=body.get("confidence"),
            ranking=body.get("ranking") or [],
            urgency=urgency_probability(body),
        )

    async def _post(
        self, path: str, payload: dict[str, Any], params: dict[str, str] | None = None
    ) -> dict[str, Any]:
        try:
            async with self._client().post(
                self._base_url + path, json=payload, params=params
            ) as response:
                response.raise_for_status()
                body = await response.json(content_type=None)
        except (aiohttp.ClientError, TimeoutError, ValueError) as error:
            log.warning("rasa unavailable", extra={"error": type(error).__name__, "path": path})
            raise RasaUnavailable(type(error).__name__) from error
        if not isinstance(body, dict):
            raise RasaUnavailable("unexpected body")
        return body

    async def model_ready(self) -> bool:
        """True when the server answers /status with a loaded model."""
        try:
            async with self._client().get(
                self._base_url + "/status", params={"token": self._token}
            ) as response:
                if response.status != 200:
                    return False
                body = await response.json(content_type=None)
        except (aiohttp.ClientError, TimeoutError, ValueError):
            return False
        return isinstance(body, dict) and bool(body.get("model_file"))

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
