"""`make admin-user`: create a consular account (the first admin, typically).

The password is asked for twice on the terminal (or read from ENLACE_NEW_PASSWORD for
scripts); it is stored only as an argon2 hash.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from admin.accounts import WeakPassword, create_officer, ensure_consulate, find_officer
from conversations.routing import parse_places
from core import migrate
from core.db import make_engine, make_session_factory
from core.models import OfficerRole
from core.settings import get_settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--email", required=True)
    parser.add_argument("--name", default="")
    parser.add_argument("--consulate", required=True, help="its name; created when new")
    parser.add_argument("--country", default="MX", help="ISO code of the state it represents")
    parser.add_argument(
        "--serves",
        default="",
        help='where a new consulate works, ISO 3166 codes to route cases by: "US-TX,US-OK", "ES"',
    )
    parser.add_argument("--role", choices=[r.value for r in OfficerRole], default="admin")
    parser.add_argument("--locale", choices=["es", "en"], default="es")
    args = parser.parse_args(argv)
    if not args.email or not args.consulate:
        parser.error("EMAIL and CONSULATE are required")
    try:
        places = parse_places(args.serves)
    except ValueError as error:
        print(f"not an ISO 3166 code: {error}", file=sys.stderr)
        return 1
    password = os.environ.get("ENLACE_NEW_PASSWORD") or getpass.getpass("password: ")
    if "ENLACE_NEW_PASSWORD" not in os.environ and getpass.getpass("again: ") != password:
        print("the passwords differ", file=sys.stderr)
        return 1
    engine = make_engine(get_settings().database_url)
    migrate.upgrade(engine)
    with make_session_factory(engine)() as session:
        if find_officer(session, args.email) is not None:
            print(f"{args.email} already has an account", file=sys.stderr)
            return 1
        consulate = ensure_consulate(
            session, args.consulate, args.country, ", ".join(places), places=places
        )
        try:
            create_officer(
                session,
                consulate,
                args.email,
                password,
                args.name or args.email.split("@")[0],
                OfficerRole(args.role),
                args.locale,
            )
        except WeakPassword as error:
            print(f"password too short: {error}", file=sys.stderr)
            return 1
        session.commit()
    engine.dispose()
    print(f"created {args.role} {args.email} at {args.consulate}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
