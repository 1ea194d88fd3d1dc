"""Short names of the topics, as a person reads them in a numbered list on a cheap phone.

Used where the bot offers topics to choose from (the menu, and "did you mean…?" when it is
unsure), so both show the same words. Every taxonomy topic has one in each language
(tests/unit/test_knowledge_labels.py).
"""

from __future__ import annotations

from typing import Final

TOPIC_LABELS: Final[dict[str, dict[str, str]]] = {
    "wages": {"es": "Pago y salario", "en": "Pay and wages"},
    "working_conditions": {"es": "Horario y condiciones", "en": "Hours and conditions"},
    "injury_health": {"es": "Accidente o enfermedad", "en": "Injury or illness"},
    "documents_retained": {"es": "Me quitaron documentos", "en": "They kept my papers"},
    "recruitment_fees": {"es": "Cobros y reclutadores", "en": "Fees and recruiters"},
    "forced_labour": {"es": "Amenazas, encierro, deudas", "en": "Threats, confinement, debts"},
    "trafficking_smuggling": {"es": "Trata y coyotes", "en": "Trafficking and smugglers"},
    "harassment_discrimination": {"es": "Acoso o discriminación", "en": "Harassment or abuse"},
    "domestic_work": {"es": "Trabajo del hogar", "en": "Domestic work"},
    "legal_channels": {"es": "Trabajar afuera legalmente", "en": "Working abroad legally"},
    "contract": {"es": "Contrato o despido", "en": "Contract or dismissal"},
    "complaints": {"es": "Poner una queja", "en": "Making a complaint"},
    "consular_services": {"es": "Consulado y pasaporte", "en": "Consulate and passport"},
    "detention": {"es": "Detención o arresto", "en": "Arrest or detention"},
    "return_reintegration": {"es": "Volver a mi país", "en": "Returning home"},
    "family_support": {"es": "Familia", "en": "Family"},
    "missing_person": {"es": "Familiar desaparecido", "en": "Missing relative"},
    "remittances": {"es": "Enviar dinero", "en": "Sending money home"},
    "social_security": {"es": "Seguro social y pensión", "en": "Social security, pension"},
    "asylum_protection": {"es": "Asilo y protección", "en": "Asylum and protection"},
    "emergency": {"es": "Emergencia", "en": "Emergency"},
    "human_agent": {"es": "Hablar con una persona", "en": "Talk to a person"},
}


def topic_label(topic: str, language: str) -> str:
    return TOPIC_LABELS[topic][language]
