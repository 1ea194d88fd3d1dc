"""The case page and the queue show what the bot learnt after the hand-over: the person's
nationality and where they are, and the screening's answers with the red flags they raise."""

from __future__ import annotations

from core.models import Case, Conversation, OfficerRole
from tests.admin.conftest import MakeApi, MakeBrowser, Office
from tests.admin.support import ask_for_a_human
from tests.harness import Enlace

ANSWERS = {
    "documents": True,
    "free_to_leave": False,
    "debt": False,
    "threats": None,
}


def _screened(enlace: Enlace, office: Office) -> int:
    """A case in the office's queue whose person answered part of the screening."""
    _, case = ask_for_a_human(enlace)
    with enlace.factory() as session:
        stored = session.get_one(Case, case.id)
        stored.consulate_id = office.consulate.id
        stored.screening = {"answers": ANSWERS, "ended": "stopped"}
        person = session.get_one(Conversation, stored.conversation_id).person
        person.country_origin, person.country_destination = "GT", "US"
        person.region_destination = "US-TX"
        session.commit()
    return case.id


def test_the_case_page_shows_the_screening_and_its_red_flags(
    enlace: Enlace, office: Office, make_browser: MakeBrowser
) -> None:
    case_id = _screened(enlace, office)
    officer = make_browser(office.consulate, OfficerRole.OFFICER, "es")
    officer.login()
    page = officer.get(f"/admin/cases/{case_id}").text
    assert 'id="screening"' in page
    assert "La persona las detuvo" in page
    assert "Otra persona guarda su pasaporte o identificación: <strong>Sí</strong>" in page
    assert "Retención de documentos de identidad" in page
    assert "Restricción de movimiento" in page  # "can you leave?" answered no
    assert "Servidumbre por deudas" not in page  # no debt
    assert "Amenazas o daño a la persona o amenazas a su familia: <strong>No sabe</strong>" in page
    assert "Nacionalidad: Guatemala" in page
    assert "Dónde está: Texas, Estados Unidos" in page
    rows = officer.get("/admin/queue/rows").text
    assert 'data-screening="retention of identity documents"' in rows


def test_the_screening_panel_is_in_the_officers_language(
    enlace: Enlace, office: Office, make_browser: MakeBrowser
) -> None:
    case_id = _screened(enlace, office)
    officer = make_browser(office.consulate, OfficerRole.OFFICER, "en")
    officer.login()
    page = officer.get(f"/admin/cases/{case_id}").text
    assert "Someone else keeps their passport or ID: <strong>Yes</strong>" in page
    assert "Restriction of movement" in page
    assert "Stopped by the person" in page


def test_a_case_never_screened_shows_no_screening(
    enlace: Enlace, office: Office, make_browser: MakeBrowser
) -> None:
    _, case = ask_for_a_human(enlace)
    with enlace.factory() as session:
        session.get_one(Case, case.id).consulate_id = office.consulate.id
        session.commit()
    officer = make_browser(office.consulate)
    officer.login()
    assert 'id="screening"' not in officer.get(f"/admin/cases/{case.id}").text


def test_the_api_gives_the_screening_nationality_and_place(
    enlace: Enlace, office: Office, make_api: MakeApi
) -> None:
    case_id = _screened(enlace, office)
    api = make_api(office.consulate)
    detail = api.get(f"/admin/api/v1/cases/{case_id}").json()
    assert (detail["nationality"], detail["location"]) == ("GT", "US-TX")
    assert detail["screening_ended"] == "stopped"
    assert detail["screening"][0] == {
        "question": "documents",
        "answer": True,
        "indicator": "retention of identity documents",
        "flagged": True,
    }
    assert [a["flagged"] for a in detail["screening"]] == [True, True, False, False]
    rows = api.get("/admin/api/v1/cases").json()
    (row,) = [r for r in rows if r["case"]["id"] == case_id]
    assert row["screening_flags"] == ["retention of identity documents", "restriction of movement"]
