"""`make run`: start Rasa and the app on this machine and say where to go."""

from __future__ import annotations

import signal
import sys

from dotenv import dotenv_values

from admin.demo import ensure_demo
from core.db import make_engine, make_session_factory
from core.settings import Settings
from tools.dev_env import ENV_FILE, ensure_dev_env
from tools.stack import Stack
from tools.train import model_path


def demo_login(env: dict[str, str]) -> str:
    """Create the demo consulate and officer (development only) and say how to sign in."""
    settings = Settings()
    password = env.get("ENLACE_DEMO_PASSWORD", "")
    if settings.environment != "development" or not password:
        return ""
    engine = make_engine(settings.database_url)
    with make_session_factory(engine)() as session:
        email = ensure_demo(session, settings.environment, password)
        session.commit()
    engine.dispose()
    return f"  (demo login: {email} / {password})"


def main() -> None:
    ensure_dev_env()
    env = {k: v for k, v in dotenv_values(ENV_FILE).items() if v is not None}
    stack = Stack(env=env)
    stack.start_rasa(model_path())
    stack.start_app()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        print("starting Rasa (about 40 s to load the model) and the app …", flush=True)
        stack.wait_healthy()  # the app has migrated the database by now
        demo = demo_login(env)
        print(
            "\nEnlace is running.\n"
            f"  phone simulator : {stack.app_url}/simulator\n"
            f"  consular queue  : {stack.app_url}/admin{demo}\n"
            f"  health          : {stack.app_url}/healthz\n"
            f"  logs            : var/log/\n"
            "Press Ctrl-C to stop.",
            flush=True,
        )
        while all(p.poll() is None for p in stack.processes):
            signal.pause() if False else __import__("time").sleep(1)
        print("a process stopped; see var/log/", file=sys.stderr)
    except KeyboardInterrupt:
        pass
    finally:
        stack.stop()


if __name__ == "__main__":
    main()
