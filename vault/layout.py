"""Where a vault's files live. A vault is a directory; these are its files."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

ENV_VAULT = "QUIETROOM_VAULT"


def default_vault_dir() -> Path:
    chosen = os.environ.get(ENV_VAULT)
    if chosen:
        return Path(chosen).expanduser()
    return Path(platformdirs.user_data_dir("quietroom", appauthor=False)) / "vault"


@dataclass(frozen=True)
class VaultLayout:
    root: Path

    @property
    def database(self) -> Path:
        return self.root / "quietroom.db"

    @property
    def header(self) -> Path:
        return self.root / "quietroom.header.json"

    @property
    def header_backup(self) -> Path:
        return self.root / "quietroom.header.json.bak"

    @property
    def lock(self) -> Path:
        return self.root / "quietroom.lock"

    def sidecars(self) -> list[Path]:
        return [self.database.with_name(self.database.name + s) for s in ("-wal", "-shm")]

    def exists(self) -> bool:
        return self.database.exists() or self.header.exists()
