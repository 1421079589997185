"""The client record's keys for consent, releases and disclosures. Each opens one of
the forms (modals that hand back what they did) and then refreshes what it changed:
the view shown, and the header, which tells the state of the paperwork at a glance."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.screen import Screen

from screens.record_consent import ConsentView
from screens.record_disclosures import DisclosuresView
from screens.record_releases import ReleasesView

if TYPE_CHECKING:
    from screens.client_record import ClientRecordScreen

# Why nothing can leave under a release, for each status that forbids it.
NOT_VALID = {
    "draft": "This release is still a draft: it has to be signed before anything is sent.",
    "expired": "This release has expired: nothing can be sent under it any more.",
    "revoked": "This release was revoked: nothing can be sent under it any more.",
    "defective": "This release is missing an element, so nothing can be sent under it: {}",
}


class PaperworkActions:
    """Mixed into ClientRecordScreen."""

    def _open_form(self: ClientRecordScreen, form: Screen[Any],
                   done: Callable[[Any], None]) -> None:  # fmt: skip
        self.app.push_screen(form, done)

    def _changed(self: ClientRecordScreen, reselect: int | None = None) -> None:
        self.refresh_record(reselect=reselect)

    def _say(self: ClientRecordScreen, sentence: str) -> None:
        self.notify(sentence, markup=False)

    # -- consent ------------------------------------------------------------------------

    def action_record_consent(self: ClientRecordScreen) -> None:
        from screens.consent_form import ConsentForm

        def done(consent_id: int | None) -> None:
            if consent_id is not None:
                self._changed(reselect=consent_id)
                self._say("Consent recorded.")

        self._open_form(ConsentForm(self.client_id), done)

    def action_revoke_consent(self: ClientRecordScreen) -> None:
        consent = self.query_one(ConsentView).selected
        if consent is None:
            self._say("There is no consent to revoke.")
            return
        if consent.status == "revoked":
            self._say("This consent is already revoked.")
            return

        from screens.revocation_form import RevocationForm

        def done(revoked: bool | None) -> None:
            if revoked:
                self._changed()
                self._say("Consent revoked.")

        self._open_form(RevocationForm("consent", consent.id, self.client_id), done)

    def action_print_consent(self: ClientRecordScreen) -> None:
        self._export("consent_form", self.client_id)

    # -- releases -----------------------------------------------------------------------

    def action_new_release(self: ClientRecordScreen) -> None:
        from screens.release_form import ReleaseForm

        def done(release_id: int | None) -> None:
            if release_id is not None:
                self._changed(reselect=release_id)

        self._open_form(ReleaseForm(self.client_id), done)

    def action_open_release(self: ClientRecordScreen) -> None:
        view = self.query_one(ReleasesView)
        release = view.selected
        if release is None:
            return
        if release.status == "draft":
            from screens.release_form import ReleaseForm

            def done(release_id: int | None) -> None:
                if release_id is not None:
                    self._changed(reselect=release_id)

            self._open_form(ReleaseForm(self.client_id, release.id), done)
        else:
            view.toggle_detail()

    def action_revoke_release(self: ClientRecordScreen) -> None:
        release = self.query_one(ReleasesView).selected
        if release is None:
            self._say("There is no release to revoke.")
            return
        if release.status == "draft":
            self._say("A draft has not been signed, so there is nothing to revoke.")
            return
        if release.revoked_on is not None:
            self._say("This release is already revoked.")
            return

        from screens.revocation_form import RevocationForm

        def done(revoked: bool | None) -> None:
            if revoked:
                self._changed()
                self._say("Release revoked.")

        self._open_form(RevocationForm("release", release.id, self.client_id), done)

    def action_release_event(self: ClientRecordScreen) -> None:
        release = self.query_one(ReleasesView).selected
        if release is None:
            return
        if not release.expiry_event:
            self._say("This release ends on a date, not on an event.")
            return
        if release.event_occurred_on is not None:
            self._say("The event that ends this release is already recorded.")
            return

        from screens.revocation_form import ExpiryEventForm

        def done(recorded: bool | None) -> None:
            if recorded:
                self._changed()
                self._say("Expiry event recorded: the release has expired.")

        self._open_form(ExpiryEventForm(release.id, self.client_id), done)

    def action_export_release(self: ClientRecordScreen) -> None:
        release = self.query_one(ReleasesView).selected
        if release is None:
            self._say("There is no release to export under. Press r to write one.")
            return
        if release.status != "valid":
            reason = NOT_VALID.get(release.status, "This release is not valid.")
            self._say(reason.format(release.defects[0] if release.defects else ""))
            return
        self._export("release", release.id)

    def action_print_release(self: ClientRecordScreen) -> None:
        release = self.query_one(ReleasesView).selected
        if release is None:
            self._say("There is no release to print. Press r to write one.")
            return
        self._export("release_form", release.id)

    # -- disclosures ----------------------------------------------------------------------

    def action_add_disclosure(self: ClientRecordScreen) -> None:
        from screens.disclosure_form import DisclosureForm

        def done(disclosure_id: int | None) -> None:
            if disclosure_id is not None:
                self._changed(reselect=disclosure_id)
                self._say("Disclosure added to the log.")

        self._open_form(DisclosureForm(self.client_id), done)

    def action_full_log(self: ClientRecordScreen) -> None:
        self.query_one(DisclosuresView).toggle_log()
        self.refresh_bindings()

    def action_accounting_only(self: ClientRecordScreen) -> None:
        self.action_full_log()

    def action_print_accounting(self: ClientRecordScreen) -> None:
        self._export("accounting", self.client_id)

    # -- anywhere in the record ---------------------------------------------------------

    def action_own_copy(self: ClientRecordScreen) -> None:
        self._export("access", self.client_id)

    def _export(self: ClientRecordScreen, kind: str, target_id: int) -> None:
        from screens.export_dialog import ExportDialog

        def done(written: bool | None) -> None:
            if written:  # an export under a release wrote a disclosure entry
                self._changed()

        self._open_form(ExportDialog(kind, target_id), done)
