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


class NotDevelopment(RuntimeError):
    """Demo accounts exist only in development."""


def ensure_demo(session: Session, environment: str, password: str) -> str:
    """Create (once) a demo consulate that takes unrouted cases and its officer; the e-mail."""
    if environment != "development":
        raise NotDevelopment(environment)
    consulate = ensure_consulate(
        session, DEMO_CONSULATE, "MX", "demostración local", takes_unrouted=True
    )
    if find_officer(session, DEMO_EMAIL) is None:
        create_officer(
            session, consulate, DEMO_EMAIL, password, "Oficial Demo", OfficerRole.SUPERVISOR
        )
    return DEMO_EMAIL
