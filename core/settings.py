"""One settings object, read from the environment (and `.env` in development)."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDERS = {"", "changeme", "change-me", "secret", "placeholder"}

# Settings that no longer exist, and what replaced them: set, they would be silently ignored
# and the person running Enlace would believe they had an effect.
RETIRED = {
    "ENLACE_URGENCY_CLASSIFIER_DECIDES": (
        "the classifier decides urgent from ENLACE_URGENCY_DECIDE_THRESHOLD now"
    ),
}

# Where replies go: Twilio's REST API, or nowhere but the database (the local simulator).
SenderKind = Literal["twilio", "simulator"]


class Settings(BaseSettings):
    """Everything configurable about the app; names are ENLACE_* unless Twilio's own."""

    model_config = SettingsConfigDict(
        env_prefix="ENLACE_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    environment: Literal["development", "test", "production"] = "development"
    database_url: str = f"sqlite:///{REPO_ROOT / 'var' / 'enlace.db'}"
    public_url: str = "http://127.0.0.1:8000"
    auto_migrate: bool = True  # migrate at start-up; production runs `make migrate` instead

    # Keys for phone numbers at rest: Fernet key (urlsafe base64, 32 bytes) and HMAC key.
    data_key: SecretStr = SecretStr("")
    lookup_key: SecretStr = SecretStr("")

    rasa_url: str = "http://127.0.0.1:5005"
    rasa_token: SecretStr = SecretStr("")
    rasa_timeout_seconds: float = 10.0
    action_token: SecretStr = SecretStr("")

    knowledge_path: Path = REPO_ROOT / "knowledge"

    twilio_account_sid: str = Field(default="", validation_alias="TWILIO_ACCOUNT_SID")
    twilio_auth_token: SecretStr = Field(
        default=SecretStr(""), validation_alias="TWILIO_AUTH_TOKEN"
    )
    twilio_sms_from: str = Field(default="", validation_alias="TWILIO_SMS_FROM")
    twilio_whatsapp_from: str = Field(default="", validation_alias="TWILIO_WHATSAPP_FROM")
    twilio_api_base_url: str = ""  # empty: Twilio's own; tests point it at a local fake
    # Approved WhatsApp template (ContentSid HX...) for officers' replies after 24 hours.
    whatsapp_template_sid: str = ""

    # A claimed message is the worker's until the lease runs out (then another may claim it):
    # far longer than a turn takes, which Rasa's time-out bounds.
    processing_lease_seconds: float = 60.0
    worker_poll_seconds: float = 0.5
    outbox_poll_seconds: float = 1.0
    # SMS sends per second from this process (a long code takes about 1); 0: no spacing.
    sms_per_second: float = 1.0
    outbox_max_attempts: int = 6
    nlu_confidence_threshold: float = 0.55
    # The urgency classifier's offer threshold (bot/components/urgency_classifier.py): at or
    # above it the classifier reads a possible danger and the answer ends with the URGENT
    # offer. Chosen for recall on the allowed dev data out of fold:
    # `python -m tools.urgency_threshold` (docs/urgency.md), the classifier alone's mean recall
    # >= 0.98 in each language (0.48 with urgency_extra4.tsv), but never above the decide
    # threshold.
    urgency_threshold: float = Field(default=0.35, ge=0.0, le=1.0)
    # Its decide threshold: at or above it the classifier alone makes the message urgent (the
    # urgent reply and an urgent case), as the patterns do. Chosen for precision by the same
    # tool: the lowest from which on the classifier alone keeps a mean out-of-fold precision
    # of 0.9 in each language (docs/urgency.md; 0.35 with urgency_extra4.tsv, below the offer
    # rule's 0.48, so the offer threshold is 0.35 too and there is no offer tier). Set it to
    # the offer threshold for a classifier that decides wherever it reads danger; 1.0 and it
    # decides only at certainty.
    urgency_decide_threshold: float = Field(default=0.35, ge=0.0, le=1.0)
    # The pattern floor: a classifier reading below it overrules the red-flag patterns on a
    # message of more than a few words (the patterns' reading then only offers URGENT); 0 turns
    # it off. The same tool's rule (the highest at which patterns-or-classifier loses no urgent
    # dev row out of fold in any repeat) gives 0.05, but on the held-out rows, read once, 0.05
    # moved 2 of 141 English urgent messages from the urgent reply to the offer line: recall
    # first, it is off (docs/urgency.md, "Stop 29").
    urgency_pattern_floor: float = Field(default=0.0, ge=0.0, le=1.0)
    # Open cases one officer may hold at once; claiming more is refused with a notice.
    officer_case_cap: int = 15
    # What the hand-over notice may say about the wait ("usually within N hours during office
    # hours"): only a consulate that knows its own figure sets it; unset, the notice says how
    # many cases wait before the person's instead of promising a time.
    handover_usual_hours: int | None = Field(default=None, ge=1)
    # The time zone the admin shows dates and times in (an IANA name: "America/Los_Angeles"),
    # one for the whole installation, shown beside every time; stored moments stay UTC.
    admin_time_zone: str = "UTC"

    @property
    def sender_kind(self) -> SenderKind:
        """Twilio when credentials are configured, else the local simulator.

        Only development and tests can end up with the simulator: production refuses to
        start without Twilio's credentials (see `_refuse_production_without_twilio`), since
        simulated replies are marked sent and reach nobody.
        """
        if self.twilio_account_sid and self.twilio_auth_token.get_secret_value():
            return "twilio"
        return "simulator"

    def missing_twilio_settings(self) -> list[str]:
        """The Twilio variables production still needs (one sender number is enough)."""
        missing = [
            name
            for name, value in (
                ("TWILIO_ACCOUNT_SID", self.twilio_account_sid),
                ("TWILIO_AUTH_TOKEN", self.twilio_auth_token.get_secret_value()),
            )
            if value.strip().lower() in PLACEHOLDERS
        ]
        if not (self.twilio_sms_from.strip() or self.twilio_whatsapp_from.strip()):
            missing.append("TWILIO_SMS_FROM or TWILIO_WHATSAPP_FROM")
        return missing

    @field_validator("admin_time_zone")
    @classmethod
    def _known_time_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"unknown time zone {value!r} (an IANA name, e.g. Europe/Madrid)"
            ) from None
        return value

    @model_validator(mode="after")
    def _refuse_placeholder_secrets(self) -> Settings:
        if self.environment == "production":
            for name in ("data_key", "lookup_key", "rasa_token", "action_token"):
                secret: SecretStr = getattr(self, name)
                if secret.get_secret_value().lower() in PLACEHOLDERS:
                    raise ValueError(f"ENLACE_{name.upper()} must be set in production")
        return self

    @model_validator(mode="after")
    def _refuse_production_without_twilio(self) -> Settings:
        if self.environment == "production" and (missing := self.missing_twilio_settings()):
            raise ValueError(
                "production sends replies through Twilio and will not start without its"
                f" credentials: set {', '.join(missing)} (only development and tests may use"
                " the simulator sender)"
            )
        return self

    @model_validator(mode="after")
    def _refuse_retired_settings(self) -> Settings:
        if found := sorted(name for name in RETIRED if name in os.environ):
            raise ValueError(
                "; ".join(f"{name} is no longer read: {RETIRED[name]}" for name in found)
            )
        return self

    @model_validator(mode="after")
    def _decide_at_or_above_offer(self) -> Settings:
        if self.urgency_decide_threshold < self.urgency_threshold:
            raise ValueError("ENLACE_URGENCY_DECIDE_THRESHOLD is below ENLACE_URGENCY_THRESHOLD")
        return self


@lru_cache
def get_settings() -> Settings:
    """Read once per process; tests build their own `Settings` instead."""
    return Settings()
