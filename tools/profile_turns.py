"""Where the app's time goes in a first turn and in the turns after it, function by function.

Starts a private stack (Rasa and the app on SQLite, as `make eval` does) with the app under a
profiler that signals switch on and off (cProfile, standard library: nothing to install),
plays the dev conversations of a conversations file through the simulator, and writes two
profiles of the app's event-loop thread, where the turns, Rasa's action calls and the outbox
run: the conversations' first messages, then their other messages. Read them with `pstats`
or `--show` (calls and milliseconds per turn of the functions named). cProfile slows each
Python call, so its milliseconds are for comparing, not the turn's own time; the call
counts are exact.

Usage:
  python -m tools.profile_turns --questions var/conv_dev.tsv [--out var/profile] [--skip 40]
      [--count 20]
  python -m tools.profile_turns --show var/profile/later.prof --turns 87 scores choose

Only `dev` rows are played: the held-out split is never read for tuning.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import os
import pstats
import secrets
import signal
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from types import FrameType

import httpx

from tools.stack import private_stack

WARM_UP = 5  # conversations played before profiling: the caches of a running app filled


def serve(argv: Sequence[str], out: Path) -> None:
    """uvicorn with a profiler: SIGUSR1 starts it, SIGUSR2 stops it and writes the next of
    out/1.prof, out/2.prof …"""
    import uvicorn

    out.mkdir(parents=True, exist_ok=True)
    running: list[cProfile.Profile] = []
    written = [0]

    def start(_: int, __: FrameType | None) -> None:
        profile = cProfile.Profile()
        running.append(profile)
        profile.enable()

    def stop(_: int, __: FrameType | None) -> None:
        if running:
            profile = running.pop()
            profile.disable()
            written[0] += 1
            profile.dump_stats(out / f"{written[0]}.prof")

    signal.signal(signal.SIGUSR1, start)
    signal.signal(signal.SIGUSR2, stop)
    sys.argv = ["uvicorn", *argv]
    uvicorn.main()


def read_conversations(path: Path) -> dict[str, list[tuple[str, str]]]:
    """The dev conversations of a conversations file: id -> (channel, text) in order."""
    conversations: dict[str, list[tuple[str, str]]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row.get("split") == "dev":
                turns = conversations.setdefault(row["conversation"], [])
                turns.append((row["channel"], row["text"]))
    return conversations


def play(questions: Path, out: Path, skip: int, count: int) -> None:
    conversations = read_conversations(questions)
    keys = list(conversations)
    profiled = keys[skip : skip + count]
    out = out.resolve()
    with private_stack("profile") as stack:
        plain = stack.processes.pop()  # the plain app: replaced by the profiled one
        plain.terminate()
        plain.wait(timeout=30)
        stack.start_app(("tools.profile_turns", "--serve", str(out), "app.asgi:app"))
        stack.wait_healthy()
        app = stack.processes[-1].pid
        with httpx.Client(base_url=stack.app_url, timeout=60) as client:

            def send(channel: str, phone: str, text: str) -> None:
                body = {"channel": channel, "phone": phone, "text": text}
                client.post("/simulator/api/messages", json=body).raise_for_status()

            for key in keys[:WARM_UP]:
                phone = _phone()
                for channel, text in conversations[key]:
                    send(channel, phone, text)
            phones = {key: _phone() for key in profiled}
            later = 0
            for first in (True, False):
                os.kill(app, signal.SIGUSR1)
                for key in profiled:
                    turns = conversations[key][:1] if first else conversations[key][1:]
                    for channel, text in turns:
                        send(channel, phones[key], text)
                        later += 0 if first else 1
                os.kill(app, signal.SIGUSR2)
                time.sleep(2)  # the profile written before the next starts
    (out / "1.prof").replace(out / "first.prof")
    (out / "2.prof").replace(out / "later.prof")
    print(f"{out}/first.prof: {len(profiled)} first turns; {out}/later.prof: {later} later turns")


def _phone() -> str:
    return "+1999" + "".join(secrets.choice("0123456789") for _ in range(9))


def show(path: Path, turns: int, names: Sequence[str]) -> None:
    """Calls and cumulative milliseconds per turn of the functions whose name is in `names`
    (every function when empty), most costly first."""
    stats = pstats.Stats(str(path))
    total: float = stats.total_tt  # type: ignore[attr-defined]
    print(f"{path}: {total * 1000 / turns:.1f} ms of the event loop per turn ({turns} turns)")
    rows = []
    for (file, line, name), (_, calls, _, cumulative, _) in stats.stats.items():  # type: ignore[attr-defined]
        if not names or name in names:
            rows.append(
                (cumulative, calls, f"{file.removeprefix(os.getcwd() + '/')}:{line}({name})")
            )
    print(f"{'calls/turn':>10} {'ms/turn':>8}  function")
    for cumulative, calls, where in sorted(rows, reverse=True)[:60]:
        print(f"{calls / turns:10.2f} {cumulative * 1000 / turns:8.2f}  {where}")


def main(argv: Sequence[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["--serve"]:
        serve(args[2:], Path(args[1]))
        return
    parser = argparse.ArgumentParser(
        prog="python -m tools.profile_turns",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--questions", type=Path, help="conversations TSV (dev rows are played)")
    parser.add_argument("--out", type=Path, default=Path("var/profile"))
    parser.add_argument("--skip", type=int, default=40, help="conversations passed over first")
    parser.add_argument("--count", type=int, default=20, help="conversations profiled")
    parser.add_argument("--show", type=Path, help="a profile to print instead")
    parser.add_argument("--turns", type=int, default=1, help="turns in the profile shown")
    parser.add_argument("names", nargs="*", help="function names to show (all when none)")
    options = parser.parse_args(args)
    if options.show is not None:
        show(options.show, options.turns, options.names)
    elif options.questions is not None:
        play(options.questions, options.out, options.skip, options.count)
    else:
        parser.error("--questions or --show")


if __name__ == "__main__":
    main()
