"""A Twilio outage loses no reply; hopeless sends stop; opted-out people get nothing."""

from __future__ import annotations

from datetime import UTC, timedelta

from channels.models import DeliveryStatus
from channels.outbox import SENDING_LEASE, claim_due
from channels.senders import TwilioSender
from core.models import Channel, utcnow
from tests.harness import Enlace, build_settings, new_phone


def _statuses(enlace: Enlace, phone: str) -> list[tuple[DeliveryStatus, int]]:
    with enlace.factory() as session:
        return [(item.status, item.attempts) for item in enlace.outbox(session, phone)]


def test_a_twilio_outage_loses_no_reply(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.twilio.fail_with = 500
    enlace.receive(phone, "hola")
    assert _statuses(enlace, phone) == [(DeliveryStatus.QUEUED, 1)]
    enlace.twilio.fail_with = None
    enlace.make_retries_due()
    enlace.deliver()
    assert _statuses(enlace, phone) == [(DeliveryStatus.SENT, 2)]
    assert enlace.replies_to(phone) == ["Hola, soy Enlace.", "Hola, soy Enlace."]  # 500, then OK


def test_a_retry_waits_for_its_backoff(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.twilio.fail_with = 503
    enlace.receive(phone, "hola")
    enlace.twilio.fail_with = None
    enlace.deliver()  # not due yet
    assert _statuses(enlace, phone) == [(DeliveryStatus.QUEUED, 1)]


def test_throttling_is_retried(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.twilio.fail_with = 429
    enlace.receive(phone, "hola")
    assert _statuses(enlace, phone) == [(DeliveryStatus.QUEUED, 1)]


def test_a_timeout_is_retried(enlace: Enlace, database_url: str) -> None:
    phone = new_phone()
    settings = build_settings(database_url, enlace.twilio, enlace.rasa)
    impatient = TwilioSender(settings, timeout=0.3)
    enlace.receive(phone, "hola", deliver=False)
    enlace.twilio.fail_with = "timeout"
    enlace.deliver(impatient)
    assert _statuses(enlace, phone) == [(DeliveryStatus.QUEUED, 1)]


def test_a_reply_is_dead_after_the_maximum_attempts(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.twilio.fail_with = 500
    enlace.receive(phone, "hola")
    for _ in range(4):
        enlace.make_retries_due()
        enlace.deliver()
    assert _statuses(enlace, phone) == [(DeliveryStatus.DEAD, 3)]
    assert len(enlace.twilio.sent(phone)) == 3


def test_twilio_opt_out_fails_the_reply_and_is_mirrored(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.twilio.fail_with = 21610
    enlace.receive(phone, "hola")
    assert _statuses(enlace, phone) == [(DeliveryStatus.FAILED, 1)]
    with enlace.factory() as session:
        person = enlace.person(session, phone)
        assert person is not None
        assert person.opted_out
        (item,) = enlace.outbox(session, phone)
        assert "21610" in (item.last_error or "")


def test_outside_the_whatsapp_window_fails_without_retrying(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.twilio.fail_with = 63016
    enlace.receive(phone, "hola", channel=Channel.WHATSAPP)
    enlace.make_retries_due()
    enlace.deliver()
    assert _statuses(enlace, phone) == [(DeliveryStatus.FAILED, 1)]


def test_nothing_queued_is_sent_after_an_opt_out(enlace: Enlace) -> None:
    phone = new_phone()
    enlace.receive(phone, "hola", deliver=False)  # reply queued, not yet sent
    enlace.receive(phone, "ALTO")
    bodies = enlace.replies_to(phone)
    assert len(bodies) == 1
    assert bodies[0].startswith("Listo, ya no te enviaremos mensajes")
    with enlace.factory() as session:
        first = enlace.outbox(session, phone)[0]
        assert (first.status, first.last_error) == (DeliveryStatus.FAILED, "opted_out")


def test_the_simulator_sender_needs_no_credentials(enlace: Enlace) -> None:
    from channels.senders import SimulatorSender, make_sender
    from tests.conftest import make_settings

    assert isinstance(make_sender(make_settings()), SimulatorSender)


def _claimed_by_a_worker_that_dies(enlace: Enlace, phone: str) -> None:
    """A worker claims the reply, commits the claim, and dies before sending it."""
    enlace.deliver()  # nothing else is due
    enlace.receive(phone, "hola", deliver=False)
    with enlace.factory() as session:
        (claimed,) = claim_due(session, limit=1)
        assert claimed.id == enlace.outbox(session, phone)[0].id
        session.commit()
    assert _statuses(enlace, phone) == [(DeliveryStatus.SENDING, 1)]


def _let_the_lease_run_out(enlace: Enlace, phone: str) -> None:
    with enlace.factory() as session:
        for item in enlace.outbox(session, phone):
            item.next_attempt_at = utcnow() - timedelta(seconds=1)
        session.commit()


def test_a_reply_claimed_by_a_dead_worker_is_sent_once_its_lease_runs_out(
    enlace: Enlace,
) -> None:
    phone = new_phone()
    _claimed_by_a_worker_that_dies(enlace, phone)
    _let_the_lease_run_out(enlace, phone)
    enlace.deliver()
    enlace.deliver()
    assert _statuses(enlace, phone) == [(DeliveryStatus.SENT, 2)]
    assert enlace.replies_to(phone) == ["Hola, soy Enlace."]  # sent once


def test_a_reply_whose_lease_still_runs_is_left_to_its_worker(enlace: Enlace) -> None:
    phone = new_phone()
    _claimed_by_a_worker_that_dies(enlace, phone)
    enlace.deliver()
    assert _statuses(enlace, phone) == [(DeliveryStatus.SENDING, 1)]
    assert enlace.replies_to(phone) == []


def test_a_claim_leases_the_item_for_longer_than_a_send_may_take(enlace: Enlace) -> None:
    phone = new_phone()
    before = utcnow()
    _claimed_by_a_worker_that_dies(enlace, phone)
    with enlace.factory() as session:
        (item,) = enlace.outbox(session, phone)
        lease_end = item.next_attempt_at
        if lease_end.tzinfo is None:  # SQLite gives naive UTC back
            lease_end = lease_end.replace(tzinfo=UTC)
    assert lease_end - before >= SENDING_LEASE
    assert timedelta(seconds=10 * 3) < SENDING_LEASE  # the Twilio client's time-out, thrice
