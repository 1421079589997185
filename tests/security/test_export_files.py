"""An export leaves the vault whole or not at all: 0600 via a temporary file and a rename,
never through a link, and a full disk or failed write leaves nothing behind."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from vault.exports import files
from vault.exports.files import ExportNotWritten, stage_export, write_export

DATA = b"%PDF-1.7\n" + b"x" * 200_000


@pytest.fixture(params=[0o022, 0o000, 0o002], ids=lambda u: f"umask{u:03o}")
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    previous = os.umask(request.param)
    yield request.param
    os.umask(previous)


def test_the_export_is_written_0600_whatever_the_umask(tmp_path: Path, umask: int) -> None:
    target = tmp_path / "export.pdf"
    write_export(target, DATA)
    assert target.read_bytes() == DATA
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert os.listdir(tmp_path) == ["export.pdf"]


def test_the_file_appears_by_rename_from_a_temporary_file_in_the_same_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    renames: list[tuple[str, str]] = []
    real_replace = os.replace

    def replace(src: str | Path, dst: str | Path) -> None:
        renames.append((os.fspath(src), os.fspath(dst)))
        assert not Path(dst).exists()  # nothing under the target's name before the rename
        real_replace(src, dst)

    monkeypatch.setattr(files.os, "replace", replace)
    target = tmp_path / "export.pdf"
    staged = stage_export(target, DATA)
    assert not target.exists()
    staged.commit()
    ((src, dst),) = renames
    assert Path(src).parent == tmp_path and Path(src).name.startswith(".export.pdf.")
    assert dst == os.fspath(target)
    assert os.listdir(tmp_path) == ["export.pdf"]


def test_an_existing_regular_file_the_user_named_is_replaced(tmp_path: Path) -> None:
    target = tmp_path / "export.pdf"
    target.write_bytes(b"old")
    target.chmod(0o644)
    write_export(target, DATA)
    assert target.read_bytes() == DATA
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_link_in_the_targets_place_is_refused_and_what_it_names_is_untouched(
    tmp_path: Path,
) -> None:
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("keep me")
    link = tmp_path / "export.pdf"
    link.symlink_to(elsewhere)
    with pytest.raises(ExportNotWritten, match="is a link"):
        write_export(link, DATA)
    assert link.is_symlink() and elsewhere.read_text() == "keep me"
    dangling = tmp_path / "dangling.pdf"
    dangling.symlink_to(tmp_path / "nowhere.pdf")
    with pytest.raises(ExportNotWritten, match="is a link"):
        write_export(dangling, DATA)
    assert not (tmp_path / "nowhere.pdf").exists()
    assert sorted(os.listdir(tmp_path)) == ["dangling.pdf", "elsewhere.txt", "export.pdf"]


def test_a_folder_a_pipe_or_a_missing_folder_is_refused_with_a_sentence(tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    with pytest.raises(ExportNotWritten, match="is a folder; add the name of the PDF"):
        write_export(tmp_path / "folder", DATA)
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe")
        with pytest.raises(ExportNotWritten, match="not an ordinary file"):
            write_export(tmp_path / "pipe", DATA)
    with pytest.raises(ExportNotWritten, match="does not exist; create it"):
        write_export(tmp_path / "missing" / "export.pdf", DATA)
    assert sorted(os.listdir(tmp_path)) == sorted(
        ["folder", "pipe"] if hasattr(os, "mkfifo") else ["folder"]
    )


def _fail(monkeypatch: pytest.MonkeyPatch, name: str, code: int) -> None:
    def failing(*_args: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(files.os, name, failing)


@pytest.mark.parametrize("call", ["write", "fsync"])
def test_a_full_disk_leaves_no_partial_or_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, call: str
) -> None:
    target = tmp_path / "export.pdf"
    _fail(monkeypatch, call, errno.ENOSPC)
    with pytest.raises(ExportNotWritten) as caught:
        write_export(target, DATA)
    assert caught.value.message == (
        f"The disk is full, so {target} was not written; free some space and try again."
    )
    assert os.listdir(tmp_path) == []


def test_a_full_disk_keeps_the_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "export.pdf"
    target.write_bytes(b"previous export")
    _fail(monkeypatch, "write", errno.ENOSPC)
    with pytest.raises(ExportNotWritten, match="The disk is full"):
        write_export(target, DATA)
    assert target.read_bytes() == b"previous export"
    assert os.listdir(tmp_path) == ["export.pdf"]


def test_a_failed_rename_leaves_nothing_and_names_the_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "export.pdf"

    def replace(src: str, dst: str) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", src, None, dst)

    monkeypatch.setattr(files.os, "replace", replace)
    with pytest.raises(ExportNotWritten) as caught:
        write_export(target, DATA)
    assert caught.value.message == (
        f"Quietroom is not allowed to use {target}; "
        "choose a folder you own, or change its permissions."
    )
    assert os.listdir(tmp_path) == []


def test_an_interrupted_write_removes_the_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(files.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_export(tmp_path / "export.pdf", DATA)
    assert os.listdir(tmp_path) == []


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True,
                    reason="needs a user that folder permissions apply to")  # fmt: skip
def test_a_folder_we_may_not_write_in_is_named(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(ExportNotWritten, match="not allowed to use"):
            write_export(locked / "export.pdf", DATA)
    finally:
        locked.chmod(0o700)
    assert os.listdir(locked) == []


def test_a_discarded_staged_export_leaves_nothing(tmp_path: Path) -> None:
    staged = stage_export(tmp_path / "export.pdf", DATA)
    staged.discard()
    assert os.listdir(tmp_path) == []


def test_a_name_that_is_no_file_name_or_cannot_be_used_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ExportNotWritten, match="is not a file name; add the name of the PDF"):
        write_export(tmp_path / "..", DATA)
    too_long = tmp_path / ("x" * 300 + ".pdf")
    with pytest.raises(ExportNotWritten, match="^Quietroom could not use .*: File name too long"):
        write_export(too_long, DATA)
    assert os.listdir(tmp_path) == []
