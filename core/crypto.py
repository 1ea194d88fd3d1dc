"""Phone numbers at rest: encrypted with Fernet, found again by a keyed hash."""

from __future__ import annotations

import hashlib
import hmac

from cryptography.fernet import Fernet


class PhoneVault:
    """Keeps the only code that sees both a number and its ciphertext in one place."""

    def __init__(self, data_key: str, lookup_key: str) -> None:
        if not data_key or not lookup_key:
            raise ValueError("ENLACE_DATA_KEY and ENLACE_LOOKUP_KEY are required")
        self._fernet = Fernet(data_key.encode())
        self._lookup_key = lookup_key.encode()

    def lookup_hash(self, address: str) -> str:
        return hmac.new(self._lookup_key, address.encode(), hashlib.sha256).hexdigest()

    def encrypt(self, address: str) -> bytes:
        return self._fernet.encrypt(address.encode())

    def decrypt(self, token: bytes) -> str:
        return self._fernet.decrypt(token).decode()


def new_data_key() -> str:
    return Fernet.generate_key().decode()
