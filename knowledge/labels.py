"""The few fixed words the knowledge package sets around articles, from its Babel catalogs.

Topic labels are the short names a person reads in a numbered list on a cheap phone, where
the bot offers topics to choose from (the menu, and "did you mean…?" when it is unsure), so
both show the same words. Every taxonomy topic has one (tests/unit/test_knowledge_labels.py).
The articles themselves stay bilingual YAML; only these words live in
`knowledge/translations/` (see README, "Texts and translations").
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from core.i18n import N_, Texts

TEXTS: Final = Texts(Path(__file__).parent / "translations")

# At most 28 characters in each language: one line of a numbered list on a cheap phone.
TOPIC_LABELS: Final[dict[str, str]] = {
    "wages": N_("Pay and wages"),
    "working_conditions": N_("Hours and conditions"),
    "injury_health": N_("Injury or illness"),
    "documents_retained": N_("They kept my papers"),
    "recruitment_fees": N_("Fees and recruiters"),
    "forced_labour": N_("Threats, confinement, debts"),
    "trafficking_smuggling": N_("Trafficking and smugglers"),
    "harassment_discrimination": N_("Harassment or abuse"),
    "domestic_work": N_("Domestic work"),
    "legal_channels": N_("Working abroad legally"),
    "contract": N_("Contract or dismissal"),
    "complaints": N_("Making a complaint"),
    "consular_services": N_("Consulate and passport"),
    "detention": N_("Arrest or detention"),
    "return_reintegration": N_("Returning home"),
    "family_support": N_("Family"),
    "missing_person": N_("Missing relative"),
    "remittances": N_("Sending money home"),
    "social_security": N_("Social security, pension"),
    "asylum_protection": N_("Asylum and protection"),
    "emergency": N_("Emergency"),
    "human_agent": N_("Talk to a person"),
}

# Translators: ends every SMS answer; MAS/MORE is the keyword. Keep it
# GSM-7 (no á, í, ó, ú), as the SMS checks count on it.
MORE_HINT: Final = N_("Reply MORE for details.")

# Translators: above the sources of an answer, sent on WhatsApp when the person asks MORE
# after the full answer. Keep it GSM-7 (no á, í, ó, ú).
FURTHER_READING: Final = N_("To read more, from the sources of this answer:")

# Translators: bold, before a contact's warning ("*Warning:* …").
WARNING_LABEL: Final = N_("Warning")


def topic_label(topic: str, language: str) -> str:
    return TEXTS.translate(language, TOPIC_LABELS[topic])


def more_hint(language: str) -> str:
    return TEXTS.translate(language, MORE_HINT)


def further_reading_title(language: str) -> str:
    return TEXTS.translate(language, FURTHER_READING)


def warning_label(language: str) -> str:
    return TEXTS.translate(language, WARNING_LABEL)
