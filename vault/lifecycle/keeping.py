"""The retention services as one attribute of the vault (`vault.retention`)."""

from __future__ import annotations

from collections.abc import Callable

from vault.lifecycle.destruction import DestructionService
from vault.lifecycle.erasure import ErasureService
from vault.lifecycle.holds import HoldService
from vault.lifecycle.retention import RetentionService
from vault.records.settings import Settings
from vault.risk.rules import Pack
from vault.storage.store import Store


class RecordKeeping(RetentionService):
    """Retention dates (`rule`, `for_client`, `override`), plus `holds`, `destruction`
    and `erasure`."""

    def __init__(self, store: Store, settings: Settings, pack: Callable[[], Pack]) -> None:
        super().__init__(store, pack)
        self.holds = HoldService(store)
        self.destruction = DestructionService(store, settings, self.rule)
        self.erasure = ErasureService(store, settings, self.rule)
