"""What every pop-up form that keeps a draft in the vault shares: leaving asks first
when something typed would be lost, and saving drops the draft and tells the screen
below (a form rebuilt after an unlock has nobody waiting for its result)."""

from __future__ import annotations

import contextlib
from typing import Any

from screens.base import VaultAccess
from screens.confirm import ConfirmScreen
from vault.errors import VaultError


class DraftedForm(VaultAccess):
    FORM_NAME = ""  # the form_drafts key
    client_id: int
    record_id = 0
    reopened = False

    def discard_draft(self) -> None:
        with contextlib.suppress(VaultError):  # a stale draft only refills the form next time
            self.vault.form_drafts.discard(self.FORM_NAME, self.client_id, self.record_id)

    def finish(self, result: Any) -> None:
        """Saved: drop the draft, close, and tell the view below if nobody waits for it."""
        self.discard_draft()
        below = self.app.screen_stack[-2] if len(self.app.screen_stack) > 1 else None
        self.dismiss(result)  # type: ignore[attr-defined]  # the ModalScreen's
        if self.reopened and below is not None:
            refresh = getattr(below, "refresh_record", None)
            if callable(refresh):
                refresh()

    def action_cancel(self) -> None:
        if not self.has_unsaved_input():  # type: ignore[attr-defined]  # each form's own
            self.discard_draft()
            self.dismiss(None)  # type: ignore[attr-defined]
            return
        self.app.push_screen(
            ConfirmScreen("Discard?", "Leave this form? What you typed is not saved.", "Leave"),
            self._leave_if_confirmed,
        )

    def _leave_if_confirmed(self, leave: bool | None) -> None:
        if leave:
            self.discard_draft()
            self.dismiss(None)  # type: ignore[attr-defined]
