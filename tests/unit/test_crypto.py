"""Phone numbers are unreadable at rest and found again by a keyed hash."""

from __future__ import annotations

import pytest

from core.crypto import PhoneVault, new_data_key


def test_an_encrypted_number_does_not_contain_the_number(vault: PhoneVault) -> None:
    token = vault.encrypt("+15550100001")
    assert b"5550100001" not in token
    assert vault.decrypt(token) == "+15550100001"


def test_the_lookup_hash_depends_on_the_key(vault: PhoneVault) -> None:
    other = PhoneVault(new_data_key(), "another-lookup-key")
    assert vault.lookup_hash("+15550100001") != other.lookup_hash("+15550100001")
    assert vault.lookup_hash("+15550100001") == vault.lookup_hash("+15550100001")


def test_a_vault_without_keys_refuses_to_start() -> None:
    with pytest.raises(ValueError, match="ENLACE_DATA_KEY"):
        PhoneVault("", "")
