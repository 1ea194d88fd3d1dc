"""Ports for the servers the tools and tests start, chosen so that two never collide.

Asking the kernel for port 0 returns a port from the ephemeral range, the same range every
outgoing connection takes its local port from; between our probe and the server's bind,
Rasa loading its model or the app calling Rasa can take it, and the server then dies with
"address already in use". So ports come from below that range, are checked free, and are
never handed out twice by this process.
"""

from __future__ import annotations

import random
import socket
from pathlib import Path

LOW, HIGH = 20000, 32000  # Linux's ephemeral range starts at 32768 by default
_handed_out: set[int] = set()
_random = random.SystemRandom()


def _ephemeral_range() -> tuple[int, int]:
    try:
        low, high = Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()
        return int(low), int(high)
    except (OSError, ValueError):
        return 32768, 60999


def _bindable(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def free_port() -> int:
    """A loopback port no server is on, outside the ephemeral range, new to this process."""
    ephemeral_low, ephemeral_high = _ephemeral_range()
    for _ in range(200):
        port = _random.randrange(LOW, HIGH)
        if ephemeral_low <= port <= ephemeral_high or port in _handed_out:
            continue
        if _bindable(port):
            _handed_out.add(port)
            return port
    raise RuntimeError(f"no free port between {LOW} and {HIGH}")
