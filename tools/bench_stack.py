"""The stack `make bench` measures: a throwaway PostgreSQL, a fake Twilio Messages API on
loopback, Rasa with the trained model, and the app sending through the real Twilio sender.

Also what the benchmark reads off the machine: each process's peak resident memory, and the
two kinds of growth it feeds the app (a knowledge base copied with new ids, synthetic stored
conversations inserted in bulk into PostgreSQL).
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import psycopg

from core.crypto import new_data_key
from core.settings import REPO_ROOT
from tests.fakes import TEST_ACCOUNT_SID, FakeTwilio, Request
from tools.ports import free_port
from tools.postgres import PostgresServer
from tools.stack import Stack

APP_NUMBER = "+19990000000"  # the app's Twilio number: +1 999 is no area code
ARTICLE_ID = re.compile(r"^id: *[\w-]+", re.MULTILINE)


class RecordingTwilio(FakeTwilio):
    """The tests' fake Twilio (it refuses what Twilio refuses), also noting when each
    accepted message arrived and in what order: the "sent" end of webhook-to-sent."""

    def __init__(self, auth_token: str) -> None:
        # sid -> (order of arrival, time.time() of arrival, To)
        self.receipts: dict[str, tuple[int, float, str]] = {}
        self._lock = threading.Lock()
        super().__init__(TEST_ACCOUNT_SID, auth_token)

    def _outcome(self, request: Request) -> tuple[int, dict[str, Any]]:
        status, body = super()._outcome(request)
        if status == 201:
            with self._lock:
                arrival = (len(self.receipts), time.time(), request.form.get("To", ""))
                self.receipts[str(body["sid"])] = arrival
        return status, body


@dataclass
class BenchStack:
    """Ports, keys and processes of one benchmark run. Rasa and the app are separate `Stack`s
    so the app alone can restart (another knowledge base) while Rasa keeps its model."""

    sms_per_second: float
    log_dir: Path
    app_port: int = field(default_factory=free_port)
    rasa_port: int = field(default_factory=free_port)
    auth_token: str = field(default_factory=lambda: secrets.token_hex(16))
    postgres: PostgresServer = field(default_factory=PostgresServer)
    twilio: RecordingTwilio | None = None
    rasa: Stack | None = None
    app: Stack | None = None
    env: dict[str, str] = field(default_factory=dict)
    timeline: Path | None = None  # where the app notes each message's path (--timeline)

    @property
    def app_url(self) -> str:
        return f"http://127.0.0.1:{self.app_port}"

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    @property
    def rasa_token(self) -> str:
        return self.env["ENLACE_RASA_TOKEN"]

    def start_backing(self) -> None:
        """PostgreSQL and the fake Twilio: what the app needs before it starts."""
        self.postgres.start()
        self.twilio = RecordingTwilio(self.auth_token)
        self.env = {
            "ENLACE_ENVIRONMENT": "production",
            "ENLACE_DATABASE_URL": self.postgres.url,
            "ENLACE_PUBLIC_URL": self.app_url,
            "ENLACE_DATA_KEY": new_data_key(),
            "ENLACE_LOOKUP_KEY": secrets.token_urlsafe(32),
            "ENLACE_RASA_TOKEN": secrets.token_urlsafe(24),
            "ENLACE_ACTION_TOKEN": secrets.token_urlsafe(24),
            "ENLACE_TWILIO_API_BASE_URL": self.twilio.url,
            "ENLACE_SMS_PER_SECOND": str(self.sms_per_second),
            "TWILIO_ACCOUNT_SID": TEST_ACCOUNT_SID,
            "TWILIO_AUTH_TOKEN": self.auth_token,
            "TWILIO_SMS_FROM": APP_NUMBER,
        }

    def start_rasa(self, model: Path, timeout: float = 300.0) -> float:
        """Start Rasa; seconds until its model answers a parse (the model's load time)."""
        self.rasa = Stack(self.app_port, self.rasa_port, dict(self.env), self.log_dir)
        started = time.monotonic()
        self.rasa.start_rasa(model)
        deadline = started + timeout
        while time.monotonic() < deadline:
            if self.rasa.processes[0].poll() is not None:
                raise RuntimeError(f"Rasa exited while loading; see {self.log_dir}")
            try:
                response = httpx.post(
                    f"{self.rasa_url}/model/parse",
                    params={"token": self.rasa_token},
                    json={"text": "hola"},
                    timeout=5,
                )
                if response.status_code == 200:
                    return time.monotonic() - started
            except httpx.HTTPError:
                pass
            time.sleep(0.25)
        raise TimeoutError(f"Rasa not ready after {timeout:.0f}s")

    def start_app(self, knowledge: Path | None = None) -> float:
        """Start the app (on `knowledge` if given); seconds until /healthz says ready."""
        env = dict(self.env)
        if knowledge is not None:
            env["ENLACE_KNOWLEDGE_PATH"] = str(knowledge)
        server: tuple[str, ...] = ("uvicorn", "app.asgi:app")
        if self.timeline is not None:  # tools/bench_timeline.py: the app, its path noted
            env["ENLACE_BENCH_TIMELINE"] = str(self.timeline)
            server = ("tools.bench_timeline",)
        self.app = Stack(self.app_port, self.rasa_port, env, self.log_dir)
        started = time.monotonic()
        self.app.start_app(server)
        self.app.wait_healthy(timeout=180)
        return time.monotonic() - started

    def stop_app(self) -> None:
        if self.app is not None:
            self.app.stop()
            self.app = None

    def stop(self) -> None:
        self.stop_app()
        if self.rasa is not None:
            self.rasa.stop()
        if self.twilio is not None:
            self.twilio.server.stop()
        self.postgres.stop()

    def pids(self) -> dict[str, list[int]]:
        """Each measured process: Rasa, the app, PostgreSQL's server and its backends."""
        found: dict[str, list[int]] = {}
        for name, stack in (("rasa", self.rasa), ("app", self.app)):
            if stack is not None and stack.processes:
                found[name] = [stack.processes[0].pid]
        postmaster = self.postgres.data_dir / "postmaster.pid"
        if postmaster.exists():
            root = int(postmaster.read_text().split()[0])
            found["postgres"] = [root, *children(root)]
        return found

    def psql(self) -> psycopg.Connection[Any]:
        return psycopg.connect(self.postgres.url.replace("+psycopg", ""), autocommit=True)


def children(parent: int) -> list[int]:
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == parent:
            pids.append(int(stat.parent.name))
    return pids


def cpu_seconds(pids: list[int]) -> float:
    """Processor time (user and system, every thread) the processes have used so far; a
    process that is gone counts nothing."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def peak_resident_mb(pid: int) -> float:
    """VmHWM: the most resident memory the process ever had (0 when it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return 0.0


def multiplied_knowledge(target: Path, factor: int) -> int:
    """A copy of knowledge/ whose every article appears `factor` times (copies under new
    ids, same topic, same text): the app's search and choice see a bigger base while Rasa's
    model stays the same. Returns the number of articles."""
    shutil.copytree(
        REPO_ROOT / "knowledge",
        target,
        ignore=shutil.ignore_patterns("__pycache__", "*.py", "translations"),
    )
    originals = sorted((target / "articles").rglob("*.yml"))
    for path in originals:
        text = path.read_text()  # as text: a YAML round trip would rewrite keys like `on`
        for copy in range(1, factor):
            renamed, found = ARTICLE_ID.subn(rf"\g<0>-copy{copy}", text, count=1)
            if not found:
                raise ValueError(f"no top-level id in {path.name}")
            path.with_name(f"{path.stem}-copy{copy}.yml").write_text(renamed)
    return len(originals) * factor


def insert_conversations(connection: psycopg.Connection[Any], rows: int, per: int = 10) -> None:
    """`rows` synthetic messages in conversations of `per` (answered, person then bot), with
    their people and the bot's replies' outbox rows (delivered), generated inside PostgreSQL;
    then ANALYZE, as autovacuum would soon."""
    conversations = max(1, rows // per)
    statements = [
        """INSERT INTO people (address_hash, address_encrypted, opted_out, created_at)
           SELECT 'bench' || lpad(g::text, 59, '0'), decode(md5(g::text), 'hex'), false,
                  now() - interval '30 days'
           FROM generate_series(1, %(n)s) AS g""",
        """INSERT INTO conversations (public_id, person_id, channel, status, created_at,
                                      updated_at, last_inbound_at)
           SELECT md5('bench' || p.id), p.id, 'sms', 'bot', p.created_at, p.created_at,
                  p.created_at
           FROM people AS p WHERE p.address_hash LIKE 'bench%%'""",
        """INSERT INTO messages (conversation_id, direction, author, body, media, state,
                                 claims, urgent, escalated, created_at, processed_at,
                                 language, topic, confidence)
           SELECT c.id, CASE WHEN g %% 2 = 1 THEN 'in' ELSE 'out' END,
                  CASE WHEN g %% 2 = 1 THEN 'person' ELSE 'bot' END,
                  'mensaje de prueba ' || g, '[]', 'processed', 1, false, false,
                  c.created_at + g * interval '1 minute', c.created_at + g * interval '1 minute',
                  'es', CASE WHEN g %% 2 = 1 THEN 'wages' END,
                  CASE WHEN g %% 2 = 1 THEN 0.9 END
           FROM conversations AS c CROSS JOIN generate_series(1, %(per)s) AS g
           WHERE c.public_id IN (SELECT md5('bench' || id) FROM people
                                 WHERE address_hash LIKE 'bench%%')""",
        """INSERT INTO outbox (message_id, bypass_opt_out, status, attempts, next_attempt_at,
                               provider_sid, created_at, updated_at)
           SELECT m.id, false, 'delivered', 1, m.created_at, 'SMbench' || lpad(m.id::text, 27, '0'),
                  m.created_at, m.created_at
           FROM messages AS m JOIN conversations AS c ON m.conversation_id = c.id
           WHERE m.direction = 'out' AND c.public_id IN (SELECT md5('bench' || id) FROM people
                                                         WHERE address_hash LIKE 'bench%%')""",
    ]
    for statement in statements:
        connection.execute(statement, {"n": conversations, "per": per})
    connection.execute("ANALYZE")
