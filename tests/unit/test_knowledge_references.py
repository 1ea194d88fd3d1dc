"""{{contact-id}} references: the directory's value in the text a person receives."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from knowledge import load_knowledge_base
from knowledge.models import Contact
from knowledge.references import UnknownReference, render_text

VALID = Path(__file__).resolve().parents[1] / "data" / "kb_broken" / "valid"


def make_contact(contact_id: str, **fields: Any) -> Contact:
    data: dict[str, Any] = {
        "id": contact_id,
        "name": {"es": "Línea de prueba", "en": "Test line"},
        "serves": ["US"],
        "hours": {"es": "24 horas", "en": "24/7"},
        "open_24_7": True,
        "languages": ["es"],
        "sources": [{"title": "source", "url": "https://example.org/page"}],
        "verification": {
            "level": "official",
            "url": "https://example.org/page",
            "checked": "2026-12-02",
        },
        **fields,
    }
    return Contact.model_validate(data)


HOTLINE = make_contact("us-hotline", phone="1-888-373-7888", sms="233733")
CHAT = make_contact("sv-chat", whatsapp="+503 7070-1071")
LOG = make_contact(
    "es-016",
    phone="016",
    warning={"es": "Borra la llamada del registro.", "en": "Delete the call from the log."},
)
CONTACTS = {c.id: c for c in (HOTLINE, CHAT, LOG)}


def render(text: str, form: str = "full", language: str = "es") -> str:
    return render_text(text, form, language, CONTACTS)  # type: ignore[arg-type]


def test_the_sms_text_gets_the_plain_number() -> None:
    assert render("Llama al {{us-hotline}}.", "short") == "Llama al 1-888-373-7888."


def test_the_whatsapp_text_gets_the_number_in_bold() -> None:
    assert render("Llama al {{us-hotline}}.") == "Llama al *1-888-373-7888*."


def test_a_named_field_gives_that_field() -> None:
    assert render("Texto al {{us-hotline.sms}}.") == "Texto al *233733*."


def test_a_name_is_plain_and_in_the_text_language() -> None:
    assert render("Call the {{us-hotline.name}}.", language="en") == "Call the Test line."


def test_a_contact_without_phone_is_quoted_by_its_whatsapp() -> None:
    assert render("WhatsApp {{sv-chat}}", "short") == "WhatsApp +503 7070-1071"


def test_a_reference_inside_a_bold_span_is_not_bolded_twice() -> None:
    assert render("*Llama al {{us-hotline}}* ya.") == "*Llama al 1-888-373-7888* ya."


def test_a_warning_follows_the_line_that_first_quotes_the_contact() -> None:
    text = "1. Llama al {{es-016}}.\n2. Luego otra vez al {{es-016}}.\n"
    assert render(text) == (
        "1. Llama al *016*.\n*Atención:* Borra la llamada del registro.\n"
        "2. Luego otra vez al *016*.\n"
    )


def test_a_warning_on_the_last_line_is_still_shown() -> None:
    assert render("Call {{es-016}}", language="en") == (
        "Call *016*\n*Warning:* Delete the call from the log.\n"
    )


def test_the_sms_text_does_not_carry_the_warning() -> None:
    assert render("Llama al {{es-016}}.", "short") == "Llama al 016."


def test_an_unknown_contact_cannot_be_rendered() -> None:
    with pytest.raises(UnknownReference, match="unknown contact 'us-nobody'"):
        render("{{us-nobody}}")


def test_a_field_the_contact_lacks_cannot_be_rendered() -> None:
    with pytest.raises(UnknownReference, match="has no whatsapp"):
        render("{{us-hotline.whatsapp}}")


def test_the_loaded_knowledge_base_gives_final_text() -> None:
    article = load_knowledge_base(VALID).article("wages-unpaid-us")
    assert article is not None
    assert "Departamento de Trabajo: 1-866-487-9243." in article.es.short
    assert "Department of Labor for free: *1-866-487-9243*." in article.en.full
    assert "{{" not in article.es.short + article.es.full + article.en.short + article.en.full


def test_questions_are_never_rendered(tmp_path: Path) -> None:
    root = tmp_path / "knowledge"
    shutil.copytree(VALID, root)
    path = root / "articles" / "wages" / "wages-unpaid-us.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("- mi patron no me paga", "- llame al {{us-dol-whd}}"), "utf-8")
    article = load_knowledge_base(root).article("wages-unpaid-us")
    assert article is not None
    assert "llame al {{us-dol-whd}}" in article.es.questions
