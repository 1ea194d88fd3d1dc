"""The JSON API: the queue and every operation on a case, as an officer's script calls them."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from admin.api import PREFIX
from core.models import (
    AuditEvent,
    Case,
    CaseStatus,
    Conversation,
    ConversationStatus,
    OfficerRole,
)
from tests.admin.conftest import MakeApi, Office
from tests.admin.support import ask_for_a_human
from tests.harness import Enlace


def _actions(enlace: Enlace, case_id: int) -> list[str]:
    with enlace.factory() as session:
        return list(
            session.scalars(
                select(AuditEvent.action)
                .where(AuditEvent.case_id == case_id)
                .order_by(AuditEvent.id)
            )
        )


def _case(enlace: Enlace, case_id: int) -> Case:
    with enlace.factory() as session:
        case = session.get(Case, case_id)
        assert case is not None
        return case


def _conversation_status(enlace: Enlace, case: Case) -> ConversationStatus:
    with enlace.factory() as session:
        conversation = session.get(Conversation, case.conversation_id)
        assert conversation is not None
        return conversation.status


def test_the_queue_lists_the_consulates_open_cases_urgent_first(
    enlace: Enlace, office: Office, make_api: MakeApi
) -> None:
    _, first = ask_for_a_human(enlace)
    _, second = ask_for_a_human(enlace)
    with enlace.factory() as session:
        later = session.get(Case, second.id)
        assert later is not None
        later.priority = 100
        session.commit()
    api = make_api(office.consulate)
    listed = api.get(f"{PREFIX}/cases")
    assert listed.status_code == 200
    order = [item["case"]["id"] for item in listed.json()]
    assert order.index(second.id) < order.index(first.id)
    row = next(item for item in listed.json() if item["case"]["id"] == second.id)
    assert (row["urgent"], row["channel"], row["officer_name"]) == (True, "sms", None)


def test_the_queue_takes_the_pages_filters(
    enlace: Enlace, office: Office, make_api: MakeApi
) -> None:
    _, mine = ask_for_a_human(enlace)
    _, other = ask_for_a_human(enlace)
    api = make_api(office.consulate)
    assert api.post(f"{PREFIX}/cases/{mine.id}/claim").status_code == 200
    held = [item["case"]["id"] for item in api.get(f"{PREFIX}/cases", mine="true").json()]
    assert held == [mine.id]
    unassigned = api.get(f"{PREFIX}/cases", unassigned="true").json()
    assert other.id in [item["case"]["id"] for item in unassigned]
    assert mine.id not in [item["case"]["id"] for item in unassigned]
    assert api.get(f"{PREFIX}/cases", channel="whatsapp").json() == [
        item for item in api.get(f"{PREFIX}/cases").json() if item["channel"] == "whatsapp"
    ]
    assert api.get(f"{PREFIX}/cases", channel="fax").status_code == 422


def test_reading_a_case_gives_the_conversation_with_what_the_bot_understood(
    enlace: Enlace, office: Office, make_api: MakeApi
) -> None:
    _, case = ask_for_a_human(enlace)
    api = make_api(office.consulate)
    read = api.get(f"{PREFIX}/cases/{case.id}")
    assert read.status_code == 200
    detail = read.json()
    assert detail["case"]["status"] == "open"
    first = detail["messages"][0]
    assert (first["text"], first["direction"], first["author"]) == ("HUMANO", "in", "person")
    assert {"language", "topic", "confidence", "urgent", "delivery"} <= set(first)
    bot = [m for m in detail["messages"] if m["author"] == "bot"]
    assert bot
    assert bot[0]["delivery"] == "sent"
    assert office.other.id in [c["id"] for c in detail["consulates"]]
    assert _actions(enlace, case.id)[-1] == "view"


def test_claim_reply_note_and_close_through_the_api(
    enlace: Enlace, office: Office, make_api: MakeApi
) -> None:
    phone, case = ask_for_a_human(enlace)
    api = make_api(office.consulate)
    claimed = api.post(f"{PREFIX}/cases/{case.id}/claim")
    assert claimed.status_code == 200
    assert (claimed.json()["status"], claimed.json()["officer_id"]) == ("assigned", api.officer_id)
    assert _conversation_status(enlace, case) == ConversationStatus.WITH_OFFICER

    replied = api.post(f"{PREFIX}/cases/{case.id}/reply", {"text": "Hola, soy del consulado."})
    assert replied.status_code == 200
    assert replied.json()["message_ids"]
    enlace.deliver()
    assert "Hola, soy del consulado." in enlace.replies_to(phone)
    messages = api.get(f"{PREFIX}/cases/{case.id}").json()["messages"]
    reply = next(m for m in messages if m["id"] == replied.json()["message_ids"][0])
    assert (reply["author"], reply["delivery"]) == ("officer", "sent")

    noted = api.post(f"{PREFIX}/cases/{case.id}/notes", {"body": "Llamar mañana"})
    assert noted.status_code == 201
    notes = api.get(f"{PREFIX}/cases/{case.id}").json()["notes"]
    assert [n["body"] for n in notes] == ["Llamar mañana"]

    closed = api.post(f"{PREFIX}/cases/{case.id}/close", {"outcome": "informed"})
    assert closed.status_code == 200
    assert (closed.json()["status"], closed.json()["outcome"]) == ("closed", "informed")
    assert _conversation_status(enlace, case) == ConversationStatus.BOT
    assert _actions(enlace, case.id) == [
        "claim",
        "reply",
        "view",
        "note",
        "view",
        "close",
    ]


def test_a_case_held_by_a_colleague_cannot_be_claimed_or_answered(
    enlace: Enlace, office: Office, make_api: MakeApi
) -> None:
    _, case = ask_for_a_human(enlace)
    holder, colleague = make_api(office.consulate), make_api(office.consulate)
    assert holder.post(f"{PREFIX}/cases/{case.id}/claim").status_code == 200
    claim = colleague.post(f"{PREFIX}/cases/{case.id}/claim")
    assert (claim.status_code, claim.json()["detail"]) == (409, "not_yours")
    reply = colleague.post(f"{PREFIX}/cases/{case.id}/reply", {"text": "hola"})
    assert (reply.status_code, reply.json()["detail"]) == (409, "not_yours")
    close = colleague.post(f"{PREFIX}/cases/{case.id}/close", {"outcome": "informed"})
    assert close.status_code == 409
    assert _case(enlace, case.id).officer_id == holder.officer_id


def test_an_empty_reply_or_an_unknown_outcome_is_refused(
    enlace: Enlace, office: Office, make_api: MakeApi
) -> None:
    _, case = ask_for_a_human(enlace)
    api = make_api(office.consulate)
    api.post(f"{PREFIX}/cases/{case.id}/claim")
    assert api.post(f"{PREFIX}/cases/{case.id}/reply", {"text": ""}).status_code == 422
    assert api.post(f"{PREFIX}/cases/{case.id}/reply", {"text": "   "}).status_code == 422
    assert api.post(f"{PREFIX}/cases/{case.id}/close", {"outcome": "solved"}).status_code == 422
    assert api.post(f"{PREFIX}/cases/{case.id}/notes", {"body": ""}).status_code == 422
    assert _case(enlace, case.id).status == CaseStatus.ASSIGNED


def test_releasing_puts_the_case_back_unassigned(
    enlace: Enlace, office: Office, make_api: MakeApi
) -> None:
    _, case = ask_for_a_human(enlace)
    api = make_api(office.consulate)
    api.post(f"{PREFIX}/cases/{case.id}/claim")
    released = api.post(f"{PREFIX}/cases/{case.id}/release")
    assert released.status_code == 200
    assert (released.json()["status"], released.json()["officer_id"]) == ("open", None)
    assert _conversation_status(enlace, case) == ConversationStatus.QUEUED


def test_a_case_transferred_to_a_colleague_is_theirs(
    enlace: Enlace, office: Office, make_api: MakeApi
) -> None:
    _, case = ask_for_a_human(enlace)
    api, colleague = make_api(office.consulate), make_api(office.consulate)
    api.post(f"{PREFIX}/cases/{case.id}/claim")
    detail = api.get(f"{PREFIX}/cases/{case.id}").json()
    assert colleague.officer_id in [o["id"] for o in detail["colleagues"]]
    moved = api.post(
        f"{PREFIX}/cases/{case.id}/transfer",
        {"reason": "habla quiché", "to_officer_id": colleague.officer_id},
    )
    assert moved.status_code == 200
    assert moved.json()["officer_id"] == colleague.officer_id
    with enlace.factory() as session:
        event = session.scalar(
            select(AuditEvent)
            .where(AuditEvent.case_id == case.id, AuditEvent.action == "transfer")
            .order_by(AuditEvent.id.desc())
        )
        assert event is not None
        assert event.detail == {"reason": "habla quiché", "officer_id": colleague.officer_id}


def test_a_case_transferred_to_another_consulate_leaves_this_ones_scope(
    enlace: Enlace, office: Office, make_api: MakeApi
) -> None:
    _, case = ask_for_a_human(enlace)
    api = make_api(office.consulate)
    moved = api.post(
        f"{PREFIX}/cases/{case.id}/transfer",
        {"reason": "nacionalidad guatemalteca", "to_consulate_id": office.other.id},
    )
    assert moved.status_code == 200
    assert moved.json()["consulate_id"] == office.other.id
    assert api.get(f"{PREFIX}/cases/{case.id}").status_code == 404
    assert make_api(office.other).get(f"{PREFIX}/cases/{case.id}").status_code == 200


def test_a_transfer_needs_a_reason_and_exactly_one_valid_destination(
    enlace: Enlace, office: Office, make_api: MakeApi
) -> None:
    _, case = ask_for_a_human(enlace)
    api = make_api(office.consulate)
    stranger = make_api(office.other)
    url = f"{PREFIX}/cases/{case.id}/transfer"
    assert api.post(url, {"reason": "x"}).status_code == 422
    both = {"reason": "x", "to_officer_id": 1, "to_consulate_id": office.other.id}
    assert api.post(url, both).status_code == 422
    no_reason = {"reason": "", "to_consulate_id": office.other.id}
    assert api.post(url, no_reason).status_code == 422
    elsewhere = {"reason": "x", "to_officer_id": stranger.officer_id}
    assert api.post(url, elsewhere).status_code == 422
    assert _case(enlace, case.id).consulate_id == office.consulate.id


def test_a_supervisor_may_close_a_case_a_colleague_holds(
    enlace: Enlace, office: Office, make_api: MakeApi
) -> None:
    _, case = ask_for_a_human(enlace)
    holder = make_api(office.consulate)
    supervisor = make_api(office.consulate, OfficerRole.SUPERVISOR)
    holder.post(f"{PREFIX}/cases/{case.id}/claim")
    closed = supervisor.post(f"{PREFIX}/cases/{case.id}/close", {"outcome": "referred"})
    assert closed.status_code == 200
    assert _case(enlace, case.id).outcome == "referred"


def test_claiming_past_the_officers_cap_is_refused(
    enlace: Enlace, office: Office, make_api: MakeApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, first = ask_for_a_human(enlace)
    _, second = ask_for_a_human(enlace)
    settings = enlace.app.state.settings
    monkeypatch.setattr(
        enlace.app.state, "settings", settings.model_copy(update={"officer_case_cap": 1})
    )
    api = make_api(office.consulate)
    assert api.post(f"{PREFIX}/cases/{first.id}/claim").status_code == 200
    refused = api.post(f"{PREFIX}/cases/{second.id}/claim")
    assert (refused.status_code, refused.json()["detail"]) == (409, "cap")
    assert _case(enlace, second.id).officer_id is None
