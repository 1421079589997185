"""A folder of dated backups: this vault's newest N kept, nothing else ever touched."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import CHEAP, PASSPHRASE, FakeClock
from vault import backups as backups_module
from vault.backups import (
    NoBackupFolder,
    backup_folder,
    backup_into,
    backup_reminder,
    list_backups,
    parse_name,
)
from vault.errors import DiskFull, InvalidRecord, VaultExists
from vault.storage.layout import VaultLayout
from vault.storage.lockfile import VaultLock
from vault.vault import Vault

Practice = tuple[Vault, dict[str, int]]
START = datetime(2026, 11, 20, 10, 0).astimezone()


@pytest.fixture
def clocked(practice: Practice) -> tuple[Vault, FakeClock]:
    vault, _ = practice
    clock = FakeClock(START)
    vault.store.clock = clock
    return vault, clock


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "backups"
    path.mkdir()
    return path


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def make(
    vault: Vault, clock: FakeClock, folder: Path, count: int, keep: int | None = None
) -> list[Path]:
    made = []
    for _ in range(count):
        made.append(backup_into(vault, folder, keep=keep).made.destination)
        clock.now += timedelta(days=1)
    return made


def test_a_dated_backup_is_named_by_its_utc_time_and_opens(
    clocked: tuple[Vault, FakeClock], folder: Path
) -> None:
    vault, _ = clocked
    result = backup_into(vault, folder)
    stamp = START.astimezone(backups_module.UTC).strftime("%Y-%m-%dT%H%M%SZ")
    assert result.made.destination.name == f"quietroom-backup-{stamp}"
    assert [b.path for b in result.kept] == [result.made.destination] and not result.removed
    with Vault.open(result.made.destination, PASSPHRASE) as copy:
        assert copy.clients.count() == vault.clients.count()


def test_two_backups_in_one_second_get_distinct_names(
    clocked: tuple[Vault, FakeClock], folder: Path
) -> None:
    vault, _ = clocked
    first = backup_into(vault, folder).made.destination
    second = backup_into(vault, folder).made.destination
    assert second.name == first.name + "-2"
    assert [b.path for b in list_backups(folder)] == [second, first]  # newest first


def test_only_the_newest_n_are_kept(clocked: tuple[Vault, FakeClock], folder: Path) -> None:
    vault, clock = clocked
    made = make(vault, clock, folder, 3, keep=5)
    result = backup_into(vault, folder, keep=2)
    assert [b.path for b in result.kept] == [result.made.destination, made[2]]
    assert [b.path for b in result.removed] == [made[0], made[1]]  # oldest first
    assert names(folder) == sorted([result.made.destination.name, made[2].name])


def test_the_setting_decides_how_many_are_kept(
    clocked: tuple[Vault, FakeClock], folder: Path
) -> None:
    vault, clock = clocked
    vault.settings.set("backup_keep", "1")
    make(vault, clock, folder, 3)
    assert len(list_backups(folder)) == 1


def test_nothing_that_is_not_this_vaults_backup_is_touched(
    clocked: tuple[Vault, FakeClock], folder: Path, tmp_path: Path
) -> None:
    vault, clock = clocked
    (folder / "holiday photos").mkdir()
    (folder / "quietroom-backup-2020-01-01T000000Z.txt").write_text("a file, not a backup")
    (folder / "quietroom-backup-2020-01-02T000000Z").mkdir()  # empty: not a vault
    users = make(vault, clock, folder, 1)[0]
    (users / "my notes.txt").write_text("mine")  # the user put a file in an old backup
    other, _ = Vault.create(tmp_path / "other", PASSPHRASE, CHEAP)
    other.store.clock = clock
    foreign = backup_into(other, folder).made.destination  # another vault's backup
    other.close()
    clock.now += timedelta(days=1)

    result = backup_into(vault, folder, keep=1)
    reasons = {alone.backup.name: alone.reason for alone in result.left_alone}
    assert reasons[users.name] == "it holds files that are not Quietroom's"
    assert reasons[foreign.name] == "it is a backup of another vault"
    assert reasons["quietroom-backup-2020-01-02T000000Z"] == "its key header is missing or damaged"
    assert not result.removed
    for name in ("holiday photos", "quietroom-backup-2020-01-01T000000Z.txt", users.name,
                 foreign.name):  # fmt: skip
        assert (folder / name).exists()


def test_a_damaged_old_backup_is_left_alone_and_not_counted(
    clocked: tuple[Vault, FakeClock], folder: Path
) -> None:
    vault, clock = clocked
    old, damaged = make(vault, clock, folder, 2)
    VaultLayout(damaged).header.write_text("{ not a header")
    result = backup_into(vault, folder, keep=2)
    assert [b.path for b in result.kept] == [result.made.destination, old]
    assert [(a.backup.path, a.reason) for a in result.left_alone] == [
        (damaged, "its key header is missing or damaged")
    ]


def test_a_backup_open_in_quietroom_is_not_removed(
    clocked: tuple[Vault, FakeClock], folder: Path
) -> None:
    vault, clock = clocked
    old = make(vault, clock, folder, 1)[0]
    lock = VaultLock(VaultLayout(old).lock)
    lock.acquire()
    try:
        result = backup_into(vault, folder, keep=1)
    finally:
        lock.release()
    assert [a.reason for a in result.left_alone] == ["it is open in Quietroom right now"]
    assert old.exists()


def test_a_failed_backup_removes_nothing(
    clocked: tuple[Vault, FakeClock], folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault, clock = clocked
    make(vault, clock, folder, 2)
    before = names(folder)

    def full(*args: object, **kwargs: object) -> None:
        raise DiskFull("The disk is full.")

    monkeypatch.setattr(backups_module, "backup", full)
    with pytest.raises(DiskFull):
        backup_into(vault, folder, keep=1)
    assert names(folder) == before


def test_leftovers_of_killed_backups_and_removals_are_cleared(
    clocked: tuple[Vault, FakeClock], folder: Path
) -> None:
    vault, _ = clocked
    for name in (".quietroom-backup-2026-01-01T000000Z.quietroom-backup-1a2b3c4d",
                 ".quietroom-backup-2025-01-01T000000Z.quietroom-prune-5e6f7a8b"):  # fmt: skip
        leftover = folder / name
        leftover.mkdir()
        (leftover / "quietroom.db").write_bytes(b"\0" * 4096)
    (folder / ".quietroom-backup-x.quietroom-prune-00000000").mkdir()
    (folder / ".quietroom-backup-x.quietroom-prune-00000000" / "keep me.txt").write_text("!")
    backup_into(vault, folder)
    hidden = [name for name in names(folder) if name.startswith(".")]
    assert hidden == [".quietroom-backup-x.quietroom-prune-00000000"]  # not only vault files


def test_the_folder_comes_from_into_or_the_setting(practice: Practice, tmp_path: Path) -> None:
    vault, _ = practice
    with pytest.raises(NoBackupFolder) as caught:
        backup_folder(vault)
    assert caught.value.message.startswith("No backup folder is set: give one with")
    vault.settings.set("backup_folder", str(tmp_path))
    assert backup_folder(vault) == tmp_path
    assert backup_folder(vault, tmp_path / ".." / tmp_path.name) == (
        tmp_path / ".." / tmp_path.name
    )


def test_a_missing_folder_or_one_inside_the_vault_is_refused(
    practice: Practice, tmp_path: Path
) -> None:
    vault, _ = practice
    with pytest.raises(NoBackupFolder, match="does not exist: create it"):
        backup_folder(vault, tmp_path / "unplugged")
    with pytest.raises(VaultExists, match="cannot be inside the vault"):
        backup_folder(vault, vault.layout.root)


@pytest.mark.parametrize("key,bad", [("backup_keep", "0"), ("backup_keep", "101"),
                                     ("backup_reminder_days", "0"),
                                     ("backup_reminder_days", "366")])  # fmt: skip
def test_backup_settings_are_bounded(practice: Practice, key: str, bad: str) -> None:
    vault, _ = practice
    with pytest.raises(InvalidRecord):
        vault.settings.set(key, bad)


def test_names_parse_back_to_their_time() -> None:
    parsed = parse_name("quietroom-backup-2026-11-26T041052Z-3")
    assert parsed is not None and parsed[1] == 3
    assert parsed[0].isoformat() == "2026-11-26T04:10:52+00:00"
    assert parse_name("quietroom-backup-2026-13-26T041052Z") is None
    assert parse_name("my-backup-2026-11-26T041052Z") is None


# -- the reminder ----------------------------------------------------------------------


def test_a_new_vault_is_not_reminded_until_it_is_as_old_as_the_setting(
    clocked: tuple[Vault, FakeClock], vault_dir: Path
) -> None:
    vault, _ = clocked  # created today (the real clock), so not yet due
    created = datetime.now().astimezone().date()
    assert backup_reminder(vault, created + timedelta(days=6)) == ""
    line = backup_reminder(vault, created + timedelta(days=7))
    assert line == (
        f"No backup yet: in a terminal, run `quietroom --vault {vault_dir} backup --into FOLDER`."
    )


def test_no_reminder_within_the_setting_then_one(
    clocked: tuple[Vault, FakeClock], folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault, clock = clocked
    monkeypatch.setattr(backups_module, "default_vault_dir", lambda: vault.layout.root)
    vault.settings.set("backup_folder", str(folder))
    backup_into(vault, folder)
    clock.now += timedelta(days=6, hours=13)  # 23:00 on the sixth day: counted in days
    assert backup_reminder(vault) == ""
    clock.now += timedelta(hours=2)
    assert backup_reminder(vault) == (
        "Last backup 7 days ago (2026-11-20): in a terminal, run `quietroom backup`."
    )
    vault.settings.set("backup_reminder_days", "30")
    assert backup_reminder(vault) == ""


def test_a_backup_to_a_single_folder_counts_too(
    clocked: tuple[Vault, FakeClock], tmp_path: Path
) -> None:
    from vault.backup import backup

    vault, clock = clocked
    backup(vault, tmp_path / "one copy")
    clock.now += timedelta(days=3)
    assert backup_reminder(vault) == ""
