"""What every screen that shows vault data has in common."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from textual.screen import ModalScreen, Screen

from vault.errors import VaultError

if TYPE_CHECKING:
    from screens.app import QuietroomApp
    from vault.vault import Vault  # the crypto stack loads after the unlock prompt is up


class VaultAccess:
    """The app and its open vault, for every screen, form and widget that shows vault data."""

    app: Any  # Textual's DOMNode supplies it

    @property
    def qr_app(self) -> QuietroomApp:
        return cast("QuietroomApp", self.app)

    @property
    def vault(self) -> Vault:
        return self.qr_app.require_vault()


class VaultScreen(VaultAccess, Screen[None]):
    """A screen of vault data. On lock it is thrown away, widgets and all; `reopen`
    says how to build it again after unlocking, so the user returns where they were."""

    # Set when a full screen (a record, the editor, search and what it opens) is pushed on
    # top: it may change what this screen shows, so the screen reloads when it comes back
    # (`covered_since_shown`). A modal (help, a form, a picker) leaves it unset: it hands
    # its result to a callback that refreshes whatever it changed, and help changes nothing.
    _covered = False

    def on_screen_suspend(self) -> None:
        # Posted just before the new screen goes on the stack, handled after: app.screen
        # is the screen on top by now.
        if not isinstance(self.app.screen, ModalScreen):
            self._covered = True

    def covered_since_shown(self) -> bool:
        """True once after a full screen covered this one (and the vault is still open)."""
        covered, self._covered = self._covered, False
        return covered and self.qr_app.vault is not None

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

    def has_unsaved_input(self) -> bool:
        """True while a form on this screen holds typed input that quitting would lose
        (drafts do not count: `before_lock` saves them). ctrl+q asks first when it is."""
        return False


def screen_has_unsaved_input(screen: Screen[Any]) -> bool:
    """`has_unsaved_input()` of any screen that has one: the forms that are modals
    (new client, discharge) are not VaultScreens but answer the same question."""
    check = getattr(screen, "has_unsaved_input", None)
    return bool(check()) if callable(check) else False
