"""Texts more than one part of the app sends, kept in one place so they never drift apart."""

from __future__ import annotations

HANDOVER: dict[str, str] = {
    "es": "Listo, le paso tu conversación a una persona del consulado. Te va a escribir por este"
    " mismo chat; puede tardar unas horas en horario de oficina. Si estás en peligro ahora,"
    " llama al 911.",
    "en": "Done, I'm passing your conversation to a consular officer. They will write to you in"
    " this same chat; it may take a few hours during office hours. If you are in danger now,"
    " call 911.",
}
