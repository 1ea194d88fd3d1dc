"""The queue and a case: a person asks for a human, an officer claims, replies and closes."""

from __future__ import annotations

from sqlalchemy import select

from core.models import (
    AuditEvent,
    Author,
    Case,
    CaseStatus,
    Conversation,
    ConversationStatus,
    OfficerRole,
)
from tests.admin.conftest import MakeBrowser, Office
from tests.admin.support import ask_for_a_human, case_of
from tests.harness import Enlace, new_phone


def _actions(enlace: Enlace, case_id: int) -> list[str]:
    with enlace.factory() as session:
        return list(
            session.scalars(
                select(AuditEvent.action)
                .where(AuditEvent.case_id == case_id)
                .order_by(AuditEvent.id)
            )
        )


def test_a_person_asking_for_a_human_appears_in_the_consulates_queue(
    enlace: Enlace, office: Office, make_browser: MakeBrowser
) -> None:
    officer = make_browser(office.consulate)
    officer.login()
    _, case = ask_for_a_human(enlace)
    rows = officer.get("/admin/queue/rows")
    assert rows.status_code == 200
    assert f'data-case="{case.id}"' in rows.text


def test_urgent_cases_come_first_then_the_longest_waiting(
    enlace: Enlace, office: Office, make_browser: MakeBrowser
) -> None:
    from admin.queue import open_cases
    from core.models import Officer

    _, first = ask_for_a_human(enlace)
    _, second = ask_for_a_human(enlace)
    with enlace.factory() as session:
        later = session.get(Case, second.id)
        assert later is not None
        later.priority = 100
        session.commit()
    officer = make_browser(office.consulate)
    with enlace.factory() as session:
        me = session.scalar(select(Officer).where(Officer.email == officer.email))
        assert me is not None
        order = [row.case.id for row in open_cases(session, me)]
    assert order.index(second.id) < order.index(first.id)
    urgent = [row for row in order if row == second.id]
    assert urgent


def test_claim_reply_note_and_close_hand_the_person_back_to_the_bot(
    enlace: Enlace, office: Office, make_browser: MakeBrowser
) -> None:
    phone, case = ask_for_a_human(enlace)
    officer = make_browser(office.consulate)
    officer.login()
    page = officer.get(f"/admin/cases/{case.id}")
    assert page.status_code == 200
    assert "HUMANO" in page.text

    assert officer.post(f"/admin/cases/{case.id}/claim").status_code == 303
    with enlace.factory() as session:
        conversation = session.get(Conversation, case.conversation_id)
        assert conversation is not None
        assert conversation.status == ConversationStatus.WITH_OFFICER

    sent = officer.post(f"/admin/cases/{case.id}/reply", text="Hola, soy del consulado.")
    assert sent.headers["location"].endswith("?notice=sent")
    enlace.deliver()
    assert "Hola, soy del consulado." in enlace.replies_to(phone)
    thread = officer.get(f"/admin/cases/{case.id}/thread").text
    assert "Hola, soy del consulado." in thread
    assert "sent" in thread  # the delivery status beside the reply

    assert officer.post(f"/admin/cases/{case.id}/notes", body="Llamar mañana").status_code == 303
    assert "Llamar mañana" in officer.get(f"/admin/cases/{case.id}").text

    assert officer.post(f"/admin/cases/{case.id}/close", outcome="informed").status_code == 303
    with enlace.factory() as session:
        closed = session.get(Case, case.id)
        assert closed is not None
        assert closed.status == CaseStatus.CLOSED
        assert closed.outcome == "informed"
        conversation = session.get(Conversation, case.conversation_id)
        assert conversation is not None
        assert conversation.status == ConversationStatus.BOT

    before = len(enlace.replies_to(phone))
    enlace.receive(phone, "gracias, otra pregunta")
    assert len(enlace.replies_to(phone)) > before
    with enlace.factory() as session:
        last = enlace.messages(session, phone)[-1]
        assert last.author == Author.BOT
    assert _actions(enlace, case.id) == ["view", "claim", "reply", "note", "view", "close"]


def test_while_an_officer_holds_the_case_the_bot_stays_quiet(
    enlace: Enlace, office: Office, make_browser: MakeBrowser
) -> None:
    phone, case = ask_for_a_human(enlace)
    officer = make_browser(office.consulate)
    officer.login()
    officer.post(f"/admin/cases/{case.id}/claim")
    before = len(enlace.replies_to(phone))
    enlace.receive(phone, "sigo aquí")
    # Only what could not be sent unasked (the safe contact is unknown): an officer has it.
    (told,) = enlace.replies_to(phone)[before:]
    assert told.startswith("Una persona del consulado ya tiene tu conversacion")
    enlace.receive(phone, "hola?")
    assert len(enlace.replies_to(phone)) == before + 1
    assert "sigo aquí" in officer.get(f"/admin/cases/{case.id}/thread").text


def test_only_the_officer_holding_a_case_can_reply(
    enlace: Enlace, office: Office, make_browser: MakeBrowser
) -> None:
    _phone, case = ask_for_a_human(enlace)
    holder, colleague = make_browser(office.consulate), make_browser(office.consulate)
    holder.login()
    colleague.login()
    holder.post(f"/admin/cases/{case.id}/claim")
    refused = colleague.post(f"/admin/cases/{case.id}/reply", text="hola")
    assert refused.headers["location"].endswith("?notice=not_yours")
    assert colleague.post(f"/admin/cases/{case.id}/claim").headers["location"].endswith("not_yours")


def test_releasing_puts_the_case_back_in_the_queue_unassigned(
    enlace: Enlace, office: Office, make_browser: MakeBrowser
) -> None:
    _, case = ask_for_a_human(enlace)
    officer = make_browser(office.consulate)
    officer.login()
    officer.post(f"/admin/cases/{case.id}/claim")
    assert officer.post(f"/admin/cases/{case.id}/release").status_code == 303
    with enlace.factory() as session:
        fresh = session.get(Case, case.id)
        assert fresh is not None
        assert (fresh.officer_id, fresh.status) == (None, CaseStatus.OPEN)
        conversation = session.get(Conversation, case.conversation_id)
        assert conversation is not None
        assert conversation.status == ConversationStatus.QUEUED


def test_a_case_goes_to_the_consulate_of_the_persons_nationality(
    enlace: Enlace, office: Office
) -> None:
    from core.models import Person

    phone = new_phone()
    enlace.receive(phone, "hola")
    with enlace.factory() as session:
        person = enlace.person(session, phone)
        assert person is not None
        session.get(Person, person.id).country_origin = "GT"  # type: ignore[union-attr]
        session.commit()
    enlace.receive(phone, "HUMANO")
    case = case_of(enlace, phone)
    with enlace.factory() as session:
        from core.models import Consulate

        consulate = session.get(Consulate, case.consulate_id)
        assert consulate is not None
        assert consulate.country == "GT"


def test_the_admin_speaks_the_officers_language(
    enlace: Enlace, office: Office, make_browser: MakeBrowser
) -> None:
    spanish = make_browser(office.consulate, OfficerRole.OFFICER, "es")
    english = make_browser(office.consulate, OfficerRole.OFFICER, "en")
    spanish.login()
    english.login()
    assert "Casos abiertos" in spanish.get("/admin").text
    assert "Open cases" in english.get("/admin").text


def test_the_login_page_follows_the_browsers_language(
    office: Office, make_browser: MakeBrowser
) -> None:
    browser = make_browser(office.consulate)
    page = browser.client.get("/admin/login", headers={"accept-language": "en-US,en;q=0.9"})
    assert "Sign in" in page.text
    assert "Iniciar sesión" in browser.client.get("/admin/login").text


def test_a_case_handed_to_a_colleague_is_theirs_and_the_audit_says_why(
    enlace: Enlace, office: Office, make_browser: MakeBrowser
) -> None:
    _, case = ask_for_a_human(enlace)
    holder, colleague = make_browser(office.consulate), make_browser(office.consulate)
    holder.login()
    colleague.login()
    holder.post(f"/admin/cases/{case.id}/claim")
    with enlace.factory() as session:
        from core.models import Officer

        target = session.scalar(select(Officer.id).where(Officer.email == colleague.email))
    moved = holder.post(
        f"/admin/cases/{case.id}/transfer", to=f"officer:{target}", reason="habla kiché"
    )
    assert moved.status_code == 303
    assert (
        colleague.post(f"/admin/cases/{case.id}/reply", text="Hola")
        .headers["location"]
        .endswith("sent")
    )
    with enlace.factory() as session:
        event = session.scalar(
            select(AuditEvent).where(AuditEvent.case_id == case.id, AuditEvent.action == "transfer")
        )
        assert event is not None
        assert event.detail == {"reason": "habla kiché", "officer_id": target}


def test_a_case_sent_to_another_consulate_leaves_this_queue_for_theirs(
    enlace: Enlace, office: Office, make_browser: MakeBrowser
) -> None:
    _, case = ask_for_a_human(enlace)
    here, there = make_browser(office.consulate), make_browser(office.other)
    here.login()
    there.login()
    here.post(f"/admin/cases/{case.id}/claim")
    here.post(
        f"/admin/cases/{case.id}/transfer",
        to=f"consulate:{office.other.id}",
        reason="es guatemalteco",
    )
    assert here.get(f"/admin/cases/{case.id}").status_code == 404
    assert f'data-case="{case.id}"' in there.get("/admin/queue/rows").text
    with enlace.factory() as session:
        conversation = session.get(Conversation, case.conversation_id)
        assert conversation is not None
        assert conversation.status == ConversationStatus.QUEUED


def test_a_transfer_to_an_officer_of_another_consulate_is_refused(
    enlace: Enlace, office: Office, make_browser: MakeBrowser
) -> None:
    _, case = ask_for_a_human(enlace)
    here, stranger = make_browser(office.consulate), make_browser(office.other)
    here.login()
    here.post(f"/admin/cases/{case.id}/claim")
    with enlace.factory() as session:
        from core.models import Officer

        target = session.scalar(select(Officer.id).where(Officer.email == stranger.email))
    refused = here.post(f"/admin/cases/{case.id}/transfer", to=f"officer:{target}", reason="x")
    assert refused.headers["location"].endswith("notice=empty")
    with enlace.factory() as session:
        fresh = session.get(Case, case.id)
        assert fresh is not None
        assert fresh.officer_id != target


def test_an_officer_cannot_claim_past_the_cap(
    enlace: Enlace, office: Office, make_browser: MakeBrowser
) -> None:
    officer = make_browser(office.consulate)
    officer.login()
    cap = enlace.app.state.settings.officer_case_cap
    enlace.app.state.settings.officer_case_cap = 1
    try:
        _, first = ask_for_a_human(enlace)
        _, second = ask_for_a_human(enlace)
        assert (
            officer.post(f"/admin/cases/{first.id}/claim").headers["location"].endswith("claimed")
        )
        assert officer.post(f"/admin/cases/{second.id}/claim").headers["location"].endswith("cap")
    finally:
        enlace.app.state.settings.officer_case_cap = cap


def test_the_queue_filters_urgent_unassigned_mine_and_channel(
    enlace: Enlace, office: Office, make_browser: MakeBrowser
) -> None:
    _, normal = ask_for_a_human(enlace)
    _, held = ask_for_a_human(enlace)
    with enlace.factory() as session:
        urgent = session.get(Case, held.id)
        assert urgent is not None
        urgent.priority = 100
        session.commit()
    officer = make_browser(office.consulate)
    officer.login()
    officer.post(f"/admin/cases/{held.id}/claim")

    def shown(query: str) -> set[int]:
        text = officer.get(f"/admin/queue/rows?{query}").text
        return {case for case in (normal.id, held.id) if f'data-case="{case}"' in text}

    assert shown("") == {normal.id, held.id}
    assert shown("urgent=true") == {held.id}
    assert shown("mine=true") == {held.id}
    assert shown("unassigned=true") == {normal.id}
    assert shown("channel=whatsapp") == set()
    assert shown("channel=sms") == {normal.id, held.id}
