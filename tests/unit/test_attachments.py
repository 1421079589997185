"""Scans of signed forms: only PDF, PNG or JPEG by content, size-limited, kept in the vault."""

from __future__ import annotations

import hashlib

import pytest

from vault.consent.models import MAX_ATTACHMENT_BYTES, ReleaseInput
from vault.errors import InvalidRecord, RecordNotFound
from vault.vault import Vault

Practice = tuple[Vault, dict[str, int]]
PDF = b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def _release(vault: Vault, client_id: int) -> int:
    return vault.releases.save(client_id, ReleaseInput(recipient_name="Dr Lee")).id


@pytest.mark.parametrize(
    ("data", "media"), [(PDF, "application/pdf"), (PNG, "image/png"), (JPEG, "image/jpeg")]
)
def test_a_scan_round_trips(practice: Practice, data: bytes, media: str) -> None:
    vault, ids = practice
    release_id = _release(vault, ids["ana"])
    added = vault.attachments.attach("release", release_id, "signed form.pdf", data)
    assert (added.media_type, added.size, added.filename) == (media, len(data), "signed form.pdf")
    assert added.sha256 == hashlib.sha256(data).hexdigest()
    meta, back = vault.attachments.read(added.id)
    assert (meta, back) == (added, data)
    assert vault.attachments.for_owner("release", release_id) == [added]
    last = vault.audit.recent(1)[0]
    assert (last.action, last.subject, last.detail) == (
        "attach_file", f"release:{release_id}", f"attachment:{added.id}",
    )  # fmt: skip


def test_a_file_that_is_not_a_pdf_or_image_is_refused_whatever_its_name(
    practice: Practice,
) -> None:
    vault, ids = practice
    release_id = _release(vault, ids["ana"])
    for data in (b"MZ\x90\x00 not a scan", b"<html><script>x</script>", b"PK\x03\x04zip"):
        with pytest.raises(InvalidRecord, match="Only a PDF, PNG or JPEG file can be attached"):
            vault.attachments.attach("release", release_id, "scan.pdf", data)
    with pytest.raises(InvalidRecord, match="The file is empty"):
        vault.attachments.attach("release", release_id, "scan.pdf", b"")
    assert vault.attachments.for_owner("release", release_id) == []


def test_a_file_over_the_limit_is_refused_with_its_size(practice: Practice) -> None:
    vault, ids = practice
    release_id = _release(vault, ids["ana"])
    big = PDF + b"\x00" * int(14.2 * 1024 * 1024 - len(PDF))
    with pytest.raises(InvalidRecord) as caught:
        vault.attachments.attach("release", release_id, "scan.pdf", big)
    assert caught.value.message == "The file is 14.2 MB; the limit is 10 MB."
    at_limit = PDF + b"\x00" * (MAX_ATTACHMENT_BYTES - len(PDF))
    assert vault.attachments.attach("release", release_id, "x.pdf", at_limit).size == len(at_limit)


def test_the_name_is_reduced_to_its_base_name(practice: Practice) -> None:
    vault, ids = practice
    release_id = _release(vault, ids["ana"])
    for given, kept in [
        ("/home/dana/../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Scans\\Ana release.pdf", "Ana release.pdf"),
        ("evil\u202egnp.pdf", "evilgnp.pdf"),
        ("line\nbreak.pdf", "linebreak.pdf"),
        ("../..", "scan.pdf"),
        ("bad\ud800.pdf", "bad.pdf"),  # half a UTF-16 pair could not be stored
    ]:
        assert vault.attachments.attach("release", release_id, given, PDF).filename == kept


def test_the_owner_must_exist(practice: Practice) -> None:
    vault, _ = practice
    with pytest.raises(RecordNotFound, match="That release no longer exists"):
        vault.attachments.attach("release", 999, "scan.pdf", PDF)
    with pytest.raises(RecordNotFound, match="That consent record no longer exists"):
        vault.attachments.attach("consent", 999, "scan.pdf", PDF)
    with pytest.raises(InvalidRecord, match="must be one of"):
        vault.attachments.attach("note", 1, "scan.pdf", PDF)
    with pytest.raises(RecordNotFound):
        vault.attachments.read(999)
