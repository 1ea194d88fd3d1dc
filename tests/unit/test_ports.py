"""Ports for test servers never come from the range outgoing connections use."""

from __future__ import annotations

import socket

from tools.ports import free_port


def test_ports_are_distinct_free_and_below_the_ephemeral_range() -> None:
    ports = [free_port() for _ in range(50)]
    assert len(set(ports)) == len(ports)
    assert all(20000 <= port < 32000 for port in ports)
    with socket.socket() as server:
        server.bind(("127.0.0.1", ports[0]))  # still free: nothing was left bound
