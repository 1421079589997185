"""The header's optional database salt: checksummed, authenticated, and optional."""

from __future__ import annotations

import base64

import pytest

from tests.conftest import CHEAP, PASSPHRASE
from tests.security._util import reseal
from vault.errors import HeaderDamaged, WrongPassphrase
from vault.keys import header

DEK = bytes(range(32))
DB_SALT = bytes(range(100, 116))


@pytest.fixture
def sealed() -> header.Header:
    return header.wrap(DEK, PASSPHRASE, CHEAP, db_salt=DB_SALT)


def test_the_salt_round_trips_and_the_key_still_unwraps(sealed: header.Header) -> None:
    parsed = header.parse(sealed.to_bytes())
    assert parsed == sealed and parsed.db_salt == DB_SALT
    assert header.unwrap(parsed, PASSPHRASE) == DEK


def test_a_header_without_the_salt_reads_back_byte_for_byte() -> None:
    old = header.wrap(DEK, PASSPHRASE, CHEAP)
    assert old.db_salt is None
    assert header.parse(old.to_bytes()).to_bytes() == old.to_bytes()
    assert header.unwrap(header.parse(old.to_bytes()), PASSPHRASE) == DEK


def test_every_single_bit_flip_in_a_salted_header_is_damage_or_harmless(
    sealed: header.Header,
) -> None:
    data = sealed.to_bytes()
    for offset in range(len(data)):
        for bit in range(8):
            damaged = bytearray(data)
            damaged[offset] ^= 1 << bit
            try:
                parsed = header.parse(bytes(damaged))
            except HeaderDamaged:
                continue
            assert parsed == sealed, (offset, bit)


@pytest.mark.parametrize(
    "value", [base64.b64encode(b"short").decode(), "not base64!", 16, None, ["x"]]
)
def test_a_malformed_salt_is_damage(sealed: header.Header, value: object) -> None:
    doc = sealed.body()
    doc["database"] = {"salt": value}
    with pytest.raises(HeaderDamaged):
        header.parse(reseal(doc))


def test_a_salt_added_removed_or_changed_is_caught_by_the_wrap(sealed: header.Header) -> None:
    changed = sealed.body()
    changed["database"] = {"salt": base64.b64encode(bytes(16)).decode()}
    removed = sealed.body()
    del removed["database"]
    for doc in (changed, removed):
        with pytest.raises(WrongPassphrase):
            header.unwrap(header.parse(reseal(doc)), PASSPHRASE)


def test_a_salt_of_the_wrong_size_is_never_written() -> None:
    with pytest.raises(ValueError):
        header.wrap(DEK, PASSPHRASE, CHEAP, db_salt=b"too short")
