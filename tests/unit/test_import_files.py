"""Odd import files get one sentence each, and a practice imported twice is not doubled."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.conftest import PASSPHRASE
from vault.cli.commands import app
from vault.errors import ImportRejected, InvalidRecord
from vault.importer import import_practice, read_practice_file, validate_practice
from vault.records.clients import ClientInput
from vault.vault import Vault

runner = CliRunner()
ONE_CLIENT = {"clients": [{"first_name": "José", "last_name": "Ibarra",
                           "date_of_birth": "1979-06-02"}]}  # fmt: skip


def practice(*people: tuple[str, str, str], text: str = "Talked about sleep.") -> dict[str, Any]:
    return {
        "clients": [
            {"first_name": first, "last_name": last, "date_of_birth": born,
             "sessions": [{"date": "2025-02-03", "notes": [{"text": text}]}]}
            for first, last, born in people
        ]
    }  # fmt: skip


def test_a_utf8_file_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "from-notepad.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(ONE_CLIENT, ensure_ascii=False).encode())
    assert validate_practice(read_practice_file(path)).summary().clients == 1


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf16_file_says_to_save_it_as_utf8(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "unicode.json"
    text = json.dumps(ONE_CLIENT, ensure_ascii=False)
    data = text.encode(encoding)
    if encoding != "utf-16":  # a byte-order mark, as Windows editors write
        data = ("\ufeff" + text).encode(encoding)
    path.write_bytes(data)
    with pytest.raises(ImportRejected, match="save it as UTF-8"):
        read_practice_file(path)


def test_a_latin1_file_says_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "latin.json"
    path.write_bytes(json.dumps(ONE_CLIENT, ensure_ascii=False).encode("latin-1"))
    with pytest.raises(ImportRejected, match="not UTF-8 text.*save it as UTF-8"):
        read_practice_file(path)


def test_deeply_nested_json_is_a_sentence(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{"clients": ' + "[" * 100_000 + "]" * 100_000 + "}", "utf-8")
    with pytest.raises(ImportRejected, match="nested far too deeply"):
        read_practice_file(path)


def test_a_folder_instead_of_a_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ImportRejected, match="is a folder"):
        read_practice_file(tmp_path)


@pytest.mark.parametrize(
    ("raw", "where"),
    [
        ('{"clients": [{"first_name": "Ana\\ud800", "last_name": "O", '
         '"date_of_birth": "1988-03-14"}]}', "clients[0].first_name"),
        ('{"clients": [{"first_name": "Ana", "last_name": "O", "date_of_birth": "1988-03-14", '
         '"sessions": [{"date": "2025-01-06", "notes": [{"text": "Slept \\udc00 badly"}]}]}]}',
         "clients[0].sessions[0].notes[0].text"),
    ],
)  # fmt: skip
def test_a_lone_surrogate_is_refused_with_its_path(
    tmp_path: Path, new_vault: Vault, raw: str, where: str
) -> None:
    path = tmp_path / "broken.json"
    path.write_text(raw, "ascii")
    with pytest.raises(ImportRejected) as caught:
        import_practice(new_vault, read_practice_file(path))
    assert caught.value.message.startswith(where)
    assert "broken character" in caught.value.message


def test_a_lone_surrogate_in_an_unknown_key_cannot_break_the_message(tmp_path: Path) -> None:
    path = tmp_path / "key.json"
    path.write_text('{"clients": [], "x\\ud800": 1}', "ascii")
    with pytest.raises(ImportRejected) as caught:
        validate_practice(read_practice_file(path))
    caught.value.message.encode("utf-8")  # would raise UnicodeEncodeError on a surrogate
    assert "unknown field" in caught.value.message


def test_the_client_form_refuses_a_lone_surrogate_too() -> None:
    with pytest.raises(InvalidRecord) as caught:
        ClientInput("Ana\udfff", "Okafor", "1988-03-14").validated(date.today())
    assert caught.value.field == "first_name"


def test_the_same_person_twice_in_one_file_is_refused() -> None:
    data = practice(("Ana", "Okafor", "1988-03-14"), ("ana", "OKAFOR ", "1988-03-14"))
    with pytest.raises(ImportRejected, match=r"^clients\[1\]: .*already clients\[0\]"):
        validate_practice(data)


def test_a_file_with_known_and_new_clients_imports_only_the_new(
    new_vault: Vault, tmp_path: Path
) -> None:
    root = new_vault.layout.root
    new_vault.close()
    path = tmp_path / "practice.json"
    path.write_text(json.dumps(practice(("Ana", "Okafor", "1988-03-14"))), "utf-8")
    assert runner.invoke(app, ["import", str(path), "--vault", str(root)],
                         input=f"{PASSPHRASE}\n").exit_code == 0  # fmt: skip
    path.write_text(json.dumps(practice(("ANA", "okafor", "1988-03-14"),
                                        ("Leo", "Brandt", "2012-07-30"))), "utf-8")  # fmt: skip

    result = runner.invoke(app, ["import", str(path), "--vault", str(root)],
                           input=f"{PASSPHRASE}\n")  # fmt: skip

    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == (
        "Imported 1 clients, 1 sessions and 1 notes (0 signed, 0 addenda). Skipped 1 clients "
        "already in the vault (same names and date of birth), with their sessions and notes."
    )
    assert result.stderr.strip() == (
        "Already in the vault, so not imported again: ANA okafor (born 1988-03-14)."
    )


def test_importing_the_same_file_twice_skips_everyone_and_says_who(
    new_vault: Vault, tmp_path: Path
) -> None:
    root = new_vault.layout.root
    new_vault.close()
    path = tmp_path / "practice.json"
    path.write_text(json.dumps(practice(("Ana", "Okafor", "1988-03-14"),
                                        ("Leo", "Brandt", "2012-07-30"))), "utf-8")  # fmt: skip
    first = runner.invoke(app, ["import", str(path), "--vault", str(root)], input=f"{PASSPHRASE}\n")
    assert first.exit_code == 0, first.output
    assert "Skipped" not in first.stdout

    again = runner.invoke(app, ["import", str(path), "--vault", str(root)], input=f"{PASSPHRASE}\n")

    assert again.exit_code == 0, again.output
    assert again.stdout.strip() == (
        "Nothing imported: all 2 clients in the file are already in the vault "
        "(same names and date of birth)."
    )
    assert "Ana Okafor (born 1988-03-14); Leo Brandt (born 2012-07-30)" in again.stderr
    assert "Ana" not in again.stdout  # names go to the person, not into a script's pipe
    with Vault.open(root, PASSPHRASE) as vault, vault.store.reading() as conn:
        assert conn.execute("SELECT count(*) FROM clients").fetchone()[0] == 2
        assert conn.execute("SELECT count(*) FROM notes").fetchone()[0] == 2
