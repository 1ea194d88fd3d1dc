"""An officer of the case's consulate redacts a message: the text is gone from the database,
the thread and the audit say who and when, and the audit never holds the text."""

from __future__ import annotations

import json

from sqlalchemy import select

from admin.i18n import TEXTS
from channels import DeliveryStatus, OutboxItem
from core.models import AuditEvent, Direction, Message, Officer
from tests.admin.conftest import MakeBrowser, Office
from tests.admin.support import ask_for_a_human
from tests.harness import Enlace

SECRET = "mi patron se llama Rodrigo Example y vivo en la calle 5"


def _person_message(enlace: Enlace, conversation_id: int, body: str) -> Message:
    with enlace.factory() as session:
        found = session.scalar(
            select(Message).where(
                Message.conversation_id == conversation_id,
                Message.direction == Direction.INBOUND,
                Message.body == body,
            )
        )
        assert found is not None
        return found


def test_a_redacted_message_is_gone_from_the_database_and_the_thread_says_who_and_when(
    enlace: Enlace, office: Office, make_browser: MakeBrowser
) -> None:
    phone, case = ask_for_a_human(enlace)
    enlace.receive(phone, SECRET)
    message = _person_message(enlace, case.conversation_id, SECRET)
    officer = make_browser(office.consulate)  # of the consulate, not holding the case
    officer.login()
    done = officer.post(f"/admin/cases/{case.id}/messages/{message.id}/redact")
    assert done.headers["location"].endswith("?notice=redacted")
    with enlace.factory() as session:
        fresh = session.get_one(Message, message.id)
        me = session.scalar(select(Officer).where(Officer.email == officer.email))
        assert me is not None
        assert (fresh.body, fresh.media, fresh.redacted_by_id) == ("", [], me.id)
        assert fresh.redacted_at is not None
        events = session.scalars(
            select(AuditEvent).where(AuditEvent.case_id == case.id, AuditEvent.action == "redact")
        ).all()
        assert [(e.officer_id, e.detail) for e in events] == [(me.id, {"message_id": message.id})]
        every_detail = json.dumps([e.detail for e in session.scalars(select(AuditEvent))])
        assert "Rodrigo" not in every_detail
    thread = officer.get(f"/admin/cases/{case.id}/thread").text
    assert SECRET not in thread
    assert TEXTS.translate("es", "Redacted by {name} at {when}").split("{")[0] in thread
    assert me.display_name in thread


def test_a_queued_reply_that_is_redacted_is_never_sent(
    enlace: Enlace, office: Office, make_browser: MakeBrowser
) -> None:
    phone, case = ask_for_a_human(enlace)
    officer = make_browser(office.consulate)
    officer.login()
    officer.post(f"/admin/cases/{case.id}/claim")
    officer.post(f"/admin/cases/{case.id}/reply", text="Su numero de caso es 4411")
    with enlace.factory() as session:
        reply = session.scalar(
            select(Message).where(
                Message.conversation_id == case.conversation_id,
                Message.body == "Su numero de caso es 4411",
            )
        )
        assert reply is not None
    officer.post(f"/admin/cases/{case.id}/messages/{reply.id}/redact")
    enlace.deliver()
    assert all("4411" not in body for body in enlace.replies_to(phone))
    with enlace.factory() as session:
        item = session.scalar(select(OutboxItem).where(OutboxItem.message_id == reply.id))
        assert item is not None
        assert item.status == DeliveryStatus.FAILED


def test_a_message_of_another_case_cannot_be_redacted_through_this_one(
    enlace: Enlace, office: Office, make_browser: MakeBrowser
) -> None:
    _, case = ask_for_a_human(enlace)
    _, other = ask_for_a_human(enlace)
    message = _person_message(enlace, other.conversation_id, "HUMANO")
    officer = make_browser(office.consulate)
    officer.login()
    refused = officer.post(f"/admin/cases/{case.id}/messages/{message.id}/redact")
    assert refused.status_code == 404
    assert _person_message(enlace, other.conversation_id, "HUMANO").redacted_at is None


def test_redaction_needs_the_sessions_csrf_token(
    enlace: Enlace, office: Office, make_browser: MakeBrowser
) -> None:
    _, case = ask_for_a_human(enlace)
    message = _person_message(enlace, case.conversation_id, "HUMANO")
    officer = make_browser(office.consulate)
    officer.login()
    path = f"/admin/cases/{case.id}/messages/{message.id}/redact"
    assert officer.client.post(path, data={}, follow_redirects=False).status_code == 403
    assert _person_message(enlace, case.conversation_id, "HUMANO").redacted_at is None
