"""The key header: damage reads as damage, a wrong passphrase as a wrong passphrase."""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path

import pytest

from tests.conftest import CHEAP, PASSPHRASE
from tests.security._util import load_header, reseal
from vault.errors import HeaderDamaged, HostileParameters, WrongPassphrase
from vault.keys import header
from vault.keys.kdf import KdfParams

DEK = bytes(range(32))


@pytest.fixture
def sealed() -> header.Header:
    return header.wrap(DEK, PASSPHRASE, CHEAP)


def test_wrap_then_unwrap_gives_back_the_data_key(sealed: header.Header) -> None:
    assert header.unwrap(sealed, PASSPHRASE) == DEK
    assert sealed.key_id == header.key_id(DEK)
    assert DEK.hex() not in sealed.to_bytes().decode()


def test_each_wrap_uses_fresh_salt_and_nonce(sealed: header.Header) -> None:
    again = header.wrap(DEK, PASSPHRASE, CHEAP)
    assert again.salt != sealed.salt and again.nonce != sealed.nonce
    assert again.wrapped_key != sealed.wrapped_key


def test_wrong_passphrase_is_named_as_such(sealed: header.Header) -> None:
    with pytest.raises(WrongPassphrase) as caught:
        header.unwrap(sealed, PASSPHRASE + " ")
    assert "passphrase" in caught.value.message


def test_bytes_round_trip(sealed: header.Header) -> None:
    assert header.parse(sealed.to_bytes()) == sealed


def test_every_single_bit_flip_is_damage_or_harmless(sealed: header.Header) -> None:
    """Flip each bit of each byte: never a wrong passphrase, never a traceback."""
    data = sealed.to_bytes()
    for offset in range(len(data)):
        for bit in range(8):
            damaged = bytearray(data)
            damaged[offset] ^= 1 << bit
            try:
                parsed = header.parse(bytes(damaged))
            except HeaderDamaged:
                continue
            # Only a flip JSON does not see (inside whitespace) may parse, and then
            # it must be the very same header.
            assert parsed == sealed, (offset, bit)


def test_every_truncation_is_damage(sealed: header.Header) -> None:
    data = sealed.to_bytes()
    for length in range(len(data) - 1):  # the last byte is only the closing newline
        with pytest.raises(HeaderDamaged):
            header.parse(data[:length])


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\xff\xfe\x00",
        b"null",
        b"[]",
        b'"text"',
        b"{}",
        b'{"checksum": 5}',
        b"[" * 100_000,
        b'{"a":' * 50_000,
    ],
)
def test_garbage_is_damage(content: bytes) -> None:
    with pytest.raises(HeaderDamaged):
        header.parse(content)


def test_a_missing_header_is_named_missing(tmp_path: Path) -> None:
    with pytest.raises(HeaderDamaged, match="missing"):
        header.read(tmp_path / "quietroom.header.json")


def test_a_huge_header_file_is_damage_not_a_hang(tmp_path: Path, sealed: header.Header) -> None:
    path = tmp_path / "quietroom.header.json"
    path.write_bytes(sealed.to_bytes() + b" " * (header.MAX_HEADER_BYTES + 1))
    with pytest.raises(HeaderDamaged):
        header.read(path)


def _written(tmp_path: Path, sealed: header.Header) -> Path:
    path = tmp_path / "quietroom.header.json"
    header.write(path, sealed)
    return path


def test_a_newer_format_version_asks_for_an_update(tmp_path: Path, sealed: header.Header) -> None:
    path = _written(tmp_path, sealed)
    doc = load_header(path)
    doc["version"] = 2
    with pytest.raises(HeaderDamaged, match="version 2") as caught:
        header.parse(reseal(doc))
    assert "Update Quietroom" in caught.value.message


@pytest.mark.parametrize(
    "edit",
    [
        lambda d: d["kdf"].update(algorithm="argon2i"),
        lambda d: d["wrap"].update(algorithm="chacha20"),
        lambda d: d.update(format="something-else"),
        lambda d: d["kdf"].update(salt="not base64!"),
        lambda d: d["kdf"].update(salt=base64.b64encode(b"short").decode()),
        lambda d: d["wrap"].update(nonce=base64.b64encode(b"\0" * 16).decode()),
        lambda d: d["wrap"].update(wrapped_key=base64.b64encode(b"\0" * 32).decode()),
        lambda d: d.update(key_id=7),
        lambda d: d.pop("wrap"),
        lambda d: d.update(kdf="argon2id"),
    ],
)
def test_structurally_wrong_headers_are_damage_even_with_a_valid_checksum(
    tmp_path: Path, sealed: header.Header, edit: object
) -> None:
    doc = load_header(_written(tmp_path, sealed))
    edit(doc)  # type: ignore[operator]
    with pytest.raises(HeaderDamaged):
        header.parse(reseal(doc))


@pytest.mark.parametrize(
    "edit",
    [
        lambda d: d["kdf"].update(salt=base64.b64encode(os.urandom(16)).decode()),
        lambda d: d["kdf"].update(time_cost=2),
        lambda d: d.update(key_id="0" * 16),
        lambda d: d["wrap"].update(nonce=base64.b64encode(os.urandom(12)).decode()),
    ],
)
def test_a_deliberate_edit_with_a_recomputed_checksum_opens_nothing(
    tmp_path: Path, sealed: header.Header, edit: object
) -> None:
    """The GCM tag covers the parameters: an edit that fixes the checksum is still caught."""
    doc = load_header(_written(tmp_path, sealed))
    edit(doc)  # type: ignore[operator]
    forged = header.parse(reseal(doc))
    with pytest.raises(WrongPassphrase):
        header.unwrap(forged, PASSPHRASE)


def test_the_checksum_in_the_file_matches_an_independent_computation(
    tmp_path: Path, sealed: header.Header
) -> None:
    path = _written(tmp_path, sealed)
    assert reseal(load_header(path)) == path.read_bytes()


def test_first_write_also_makes_the_backup(tmp_path: Path, sealed: header.Header) -> None:
    """The damage message says "restore it from the .bak": there must be one from day one."""
    path = _written(tmp_path, sealed)
    backup = tmp_path / "quietroom.header.json.bak"
    assert backup.read_bytes() == path.read_bytes()


def test_rewriting_mirrors_the_new_header_so_the_old_passphrase_dies_with_it(
    tmp_path: Path, sealed: header.Header
) -> None:
    path = _written(tmp_path, sealed)
    newer = header.wrap(DEK, "another passphrase", CHEAP)
    header.write(path, newer)
    assert header.read(path) == newer
    assert (tmp_path / "quietroom.header.json.bak").read_bytes() == path.read_bytes()
    with pytest.raises(WrongPassphrase):
        header.unwrap(header.read(tmp_path / "quietroom.header.json.bak"), PASSPHRASE)
    assert not list(tmp_path.glob(".*.tmp"))


def test_the_header_is_plain_json_a_person_can_read(tmp_path: Path, sealed: header.Header) -> None:
    doc = json.loads(_written(tmp_path, sealed).read_text("utf-8"))
    assert doc["format"] == header.FORMAT
    assert doc["kdf"]["algorithm"] == "argon2id"
    assert doc["wrap"]["algorithm"] == "aes-256-gcm"


def test_a_header_this_machine_would_refuse_is_never_written() -> None:
    with pytest.raises(HostileParameters):
        header.wrap(DEK, PASSPHRASE, KdfParams(time_cost=50, memory_kib=8192, parallelism=1))
