"""Signing the risk record at the end of the prompt: everything required answered,
the signer's name on file, one confirmation; then the steps are drawn read-only."""

from __future__ import annotations

from typing import TYPE_CHECKING

from screens.confirm import ConfirmScreen
from screens.signer_form import SignerFormScreen
from vault.errors import VaultError
from vault.risk.steps import STEP_COUNT

if TYPE_CHECKING:
    from screens.risk.prompt import RiskPromptScreen

SIGN_QUESTION = (
    "Sign this risk record? It becomes a signed note in the client's record that can never "
    "be edited; later changes go into an addendum."
)


class PromptSigning:
    """Mixed into RiskPromptScreen."""

    async def action_sign(self: RiskPromptScreen) -> None:
        if self._event is None or self.event.is_signed:
            return
        self.save(go_to=STEP_COUNT)
        gaps = self.vault.risk.missing(self.event)
        if gaps:
            self.notify(
                f"{len(gaps)} answer(s) are still needed before signing; they are listed here.",
                severity="warning", markup=False,
            )  # fmt: skip
            await self._show_step(STEP_COUNT)
            return
        if self.step != STEP_COUNT:
            await self._show_step(STEP_COUNT)

        def ask(signature: str | None = "named") -> None:
            if signature:
                self.app.push_screen(ConfirmScreen("Sign risk record", SIGN_QUESTION, "Sign"),
                                     self._sign)  # fmt: skip

        if self.vault.settings.has_signer:
            ask()
        else:
            self.app.push_screen(SignerFormScreen(), ask)

    async def _sign(self: RiskPromptScreen, confirmed: bool | None) -> None:
        if not confirmed:
            return
        try:
            self._event = self.vault.risk.sign(self.event_id)
        except VaultError as error:
            self.show_error(error)
            return
        self.notify("Risk record signed: it is now a note in the client's record.", markup=False)
        for number in [n for n in self._views if n != STEP_COUNT]:
            await self._views.pop(number).remove()  # drawn again read-only when visited
        await self._show_step(STEP_COUNT)
