"""The demo consulate and officer `make run` prints, so the queue can be tried at once.

Development only: `ensure_demo` refuses any other environment.
"""

from __future__ import annotations

from typing import Final

from sqlalchemy.orm import Session

from admin.accounts import create_officer, ensure_consulate, find_officer
from core.models import OfficerRole

DEMO_EMAIL: Final = "oficial@demo.enlace"
DEMO_CONSULATE: Final = "Consulado de demostración"
DEMO_SERVES: Final = "Texas (demostración)"
DEMO_PLACES: Final = ("US-TX",)


class NotDevelopment(RuntimeError):
    """Demo accounts exist only in development."""


def ensure_demo(session: Session, environment: str, password: str) -> str:
    """Create (once) a demo consulate and its officer; the e-mail.

    The demo consulate is Mexico's for Texas (what a consulate in Houston serves) and also
    takes the cases nobody else fits, so a HUMANO from the simulator lands in its queue
    whatever the person says they are or where."""
    if environment != "development":
        raise NotDevelopment(environment)
    consulate = ensure_consulate(
        session, DEMO_CONSULATE, "MX", DEMO_SERVES, takes_unrouted=True, places=DEMO_PLACES
    )
    if not consulate.places:  # a demo database made before consulates served places
        consulate.places, consulate.serves = list(DEMO_PLACES), DEMO_SERVES
    if find_officer(session, DEMO_EMAIL) is None:
        create_officer(
            session, consulate, DEMO_EMAIL, password, "Oficial Demo", OfficerRole.SUPERVISOR
        )
    return DEMO_EMAIL
