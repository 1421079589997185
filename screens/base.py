"""What every screen that shows vault data has in common."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from textual.screen import Screen

from vault.errors import VaultError
from vault.vault import Vault

if TYPE_CHECKING:
    from screens.app import QuietroomApp


class VaultScreen(Screen[None]):
    """A screen of vault data. On lock it is thrown away, widgets and all; `reopen`
    says how to build it again after unlocking, so the user returns where they were."""

    @property
    def qr_app(self) -> QuietroomApp:
        return cast("QuietroomApp", self.app)

    @property
    def vault(self) -> Vault:
        return self.qr_app.require_vault()

    @property
    def privacy(self) -> bool:
        return self.qr_app.privacy

    def show_error(self, error: VaultError) -> None:
        self.notify(error.message, title=error.title, severity="error", markup=False, timeout=8)

    def before_lock(self) -> None:
        """Save anything unsaved (drafts) while the vault is still open."""

    def reopen(self) -> Callable[[], Screen[None]] | None:
        """A factory that rebuilds this screen after unlocking, or None to drop it."""
        return None
