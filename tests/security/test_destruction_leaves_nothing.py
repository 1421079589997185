"""After a destruction, the client's name and a phrase from their notes are in no page of
the database, live or free, once decrypted: secure_delete zeroed what was removed, the
search index was merged, and the journal was emptied.

The pages are decrypted here, in the test only, as SQLCipher 4 writes them: AES-256-CBC
under the raw data key, each page's IV in its reserved tail (16 bytes of IV, 64 of HMAC),
page 1 starting after the 16-byte salt. Finding the phrase before the destruction proves
the decryption reads what is there.
"""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from tests.lifecycle_fixtures import PHRASE, full_practice
from vault.vault import Vault

PAGE = 4096
RESERVE = 80  # IV (16) + HMAC-SHA512 (64)
WAL_HEADER, FRAME_HEADER = 32, 24


def _decrypt_page(page: bytes, key: bytes, first: bool) -> bytes:
    start = 16 if first else 0
    body, iv = page[start : PAGE - RESERVE], page[PAGE - RESERVE : PAGE - RESERVE + 16]
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(body) + decryptor.finalize()


def _plain_pages(vault_dir: Path, key: bytes) -> bytes:
    db = (vault_dir / "quietroom.db").read_bytes()
    pages = [_decrypt_page(db[i : i + PAGE], key, i == 0) for i in range(0, len(db), PAGE)]
    wal = vault_dir / "quietroom.db-wal"
    if wal.exists():
        data = wal.read_bytes()
        at = WAL_HEADER
        while at + FRAME_HEADER + PAGE <= len(data):
            number = int.from_bytes(data[at : at + 4], "big")
            frame = data[at + FRAME_HEADER : at + FRAME_HEADER + PAGE]
            pages.append(_decrypt_page(frame, key, number == 1))
            at += FRAME_HEADER + PAGE
    return b"".join(pages)


def _needles() -> list[bytes]:
    found = []
    for secret in ("Kowalczyk", PHRASE, "marmalade"):
        for text in (secret, secret.lower()):
            found += [text.encode("utf-8"), text.encode("utf-16-le")]
    return found


def test_no_page_holds_the_client_after_destruction(new_vault: Vault, vault_dir: Path) -> None:
    client_id = full_practice(new_vault)
    key = new_vault.raw_key()
    with new_vault.store.reading() as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = _plain_pages(vault_dir, key)
    assert PHRASE.encode() in before and b"Kowalczyk" in before
    assert b"Okonkwo" in before  # another client, who must stay

    new_vault.retention.destruction.destroy(client_id)
    after = _plain_pages(vault_dir, key)
    assert b"Okonkwo" in after
    left = [needle for needle in _needles() if needle in after]
    assert left == []


def test_compact_shrinks_the_file_and_still_leaves_nothing(
    new_vault: Vault, vault_dir: Path
) -> None:
    client_id = full_practice(new_vault)
    new_vault.retention.destruction.destroy(client_id)
    size = (vault_dir / "quietroom.db").stat().st_size
    new_vault.retention.destruction.compact()
    assert (vault_dir / "quietroom.db").stat().st_size < size
    after = _plain_pages(vault_dir, new_vault.raw_key())
    assert [needle for needle in _needles() if needle in after] == []
