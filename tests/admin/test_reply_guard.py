"""The admin honours the person's safe-contact answer: nobody writes first without their say,
answers only right after they wrote, and nothing at all to someone who will call."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from admin.api import PREFIX
from admin.contact import ANSWERING_WINDOW, Why, may_write_first
from core.models import Author, Case, Conversation, Message, utcnow
from tests.admin.conftest import MakeApi, MakeBrowser, Office
from tests.admin.support import Browser, ask_for_a_human
from tests.harness import Enlace


def _claimed(
    enlace: Enlace, office: Office, make_browser: MakeBrowser, answer: str | None
) -> tuple[str, Case, Browser]:
    """A person asks for a human and answers the safe-contact question; an officer claims."""
    phone, case = ask_for_a_human(enlace)
    if answer is not None:
        enlace.receive(phone, answer)
    officer = make_browser(office.consulate)
    officer.login()
    assert officer.post(f"/admin/cases/{case.id}/claim").headers["location"].endswith("claimed")
    return phone, case, officer


def _person_wrote_long_ago(enlace: Enlace, case: Case) -> None:
    with enlace.factory() as session:
        session.execute(
            update(Message)
            .where(Message.conversation_id == case.conversation_id)
            .values(created_at=utcnow() - ANSWERING_WINDOW - timedelta(minutes=1))
        )
        session.commit()


def _officer_messages(enlace: Enlace, phone: str) -> list[str]:
    with enlace.factory() as session:
        return [m.body for m in enlace.messages(session, phone) if m.author == Author.OFFICER]


def _reply(officer: Browser, case: Case, text: str) -> str:
    location: str = officer.post(f"/admin/cases/{case.id}/reply", text=text).headers["location"]
    return location


def test_an_officer_cannot_write_first_to_a_person_who_asked_only_when_they_write(
    enlace: Enlace, office: Office, make_browser: MakeBrowser
) -> None:
    phone, case, officer = _claimed(enlace, office, make_browser, "solo cuando yo escriba")
    _person_wrote_long_ago(enlace, case)
    page = officer.get(f"/admin/cases/{case.id}").text
    assert 'id="reply-blocked"' in page
    assert "dentro de 30 minutos después de su mensaje" in page  # Babel's words for the window
    assert "required disabled" in page
    assert _reply(officer, case, "Hola, ¿cómo estás?").endswith("?notice=safe_contact")
    enlace.deliver()
    assert _officer_messages(enlace, phone) == []
    assert "Hola, ¿cómo estás?" not in enlace.replies_to(phone)
    shown = officer.get(f"/admin/cases/{case.id}?notice=safe_contact").text
    assert "solo cuando escribe" in shown


def test_right_after_the_person_wrote_an_officer_may_answer_once(
    enlace: Enlace, office: Office, make_browser: MakeBrowser
) -> None:
    phone, case, officer = _claimed(enlace, office, make_browser, "2")
    assert _reply(officer, case, "Te escucho.").endswith("?notice=sent")
    assert _reply(officer, case, "¿Sigues ahí?").endswith("?notice=safe_contact")
    enlace.receive(phone, "si, aqui estoy")
    assert _reply(officer, case, "Bien, cuéntame.").endswith("?notice=sent")
    assert _officer_messages(enlace, phone) == ["Te escucho.", "Bien, cuéntame."]


def test_nothing_is_sent_to_a_person_who_will_call(
    enlace: Enlace, office: Office, make_browser: MakeBrowser
) -> None:
    phone, case, officer = _claimed(enlace, office, make_browser, "nunca, yo les llamo")
    assert _reply(officer, case, "Hola").endswith("?notice=safe_contact")
    assert _officer_messages(enlace, phone) == []
    page = officer.get(f"/admin/cases/{case.id}").text
    assert "Nunca: la persona llamará" in page
    assert "nadie escriba a este número: llamará" in page


def test_an_officer_may_write_first_when_the_person_said_anytime(
    enlace: Enlace, office: Office, make_browser: MakeBrowser
) -> None:
    phone, case, officer = _claimed(enlace, office, make_browser, "1")
    _person_wrote_long_ago(enlace, case)
    assert _reply(officer, case, "Hola de nuevo.").endswith("?notice=sent")
    assert _officer_messages(enlace, phone) == ["Hola de nuevo."]


def test_without_an_answer_an_officer_cannot_write_first(
    enlace: Enlace, office: Office, make_browser: MakeBrowser
) -> None:
    phone, case, officer = _claimed(enlace, office, make_browser, None)
    _person_wrote_long_ago(enlace, case)
    assert _reply(officer, case, "Hola").endswith("?notice=safe_contact")
    assert _officer_messages(enlace, phone) == []
    assert "no ha dicho si es seguro" in officer.get(f"/admin/cases/{case.id}").text


def test_the_json_api_refuses_to_write_first_the_same_way(
    enlace: Enlace, office: Office, make_api: MakeApi
) -> None:
    phone, case = ask_for_a_human(enlace)
    enlace.receive(phone, "only when i text")
    api = make_api(office.consulate)
    assert api.post(f"{PREFIX}/cases/{case.id}/claim").status_code == 200
    _person_wrote_long_ago(enlace, case)
    refused = api.post(f"{PREFIX}/cases/{case.id}/reply", {"text": "Hello"})
    assert (refused.status_code, refused.json()["detail"]) == (409, "safe_contact")
    assert _officer_messages(enlace, phone) == []


def test_the_answering_window_runs_thirty_minutes_from_the_persons_message(
    enlace: Enlace,
) -> None:
    _, case = ask_for_a_human(enlace)
    with enlace.factory() as session:
        loaded = session.get_one(Case, case.id)
        permission = may_write_first(loaded, now=utcnow())
        assert (permission.allowed, permission.why) == (True, Why.ANSWERING)
        assert permission.until is not None
        later = permission.until + timedelta(seconds=1)
        assert may_write_first(loaded, now=later).why == Why.NOT_ANSWERED


def test_the_queue_row_shows_the_persons_choice(
    enlace: Enlace, office: Office, make_browser: MakeBrowser
) -> None:
    phone, case = ask_for_a_human(enlace)
    enlace.receive(phone, "only when i text")
    officer = make_browser(office.consulate)
    officer.login()
    rows = officer.get("/admin/queue/rows").text
    row = rows[rows.index(f'data-case="{case.id}"') :]
    assert 'data-safe-contact="when_person_writes"' in row.split("</tr>")[0]
    with enlace.factory() as session:
        conversation = session.get_one(Conversation, case.conversation_id)
        assert conversation.status.value == "queued"
