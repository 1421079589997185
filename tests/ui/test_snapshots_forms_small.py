"""At 80x24 every field of every issue 7 form is reached by Tab and scrolled into view,
and the footer's keys stay on screen (the snapshots in test_snapshots_forms.py show it)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.screen import Screen
from textual.widgets import Footer

from screens.consent_form import ConsentForm
from screens.disclosure_form import DisclosureForm
from screens.export_dialog import ExportDialog
from screens.release_form import ReleaseForm
from screens.revocation_form import ExpiryEventForm, RevocationForm
from tests.ui.forms_app import open_form, running

SMALL = (80, 24)
FORMS = {
    "consent": lambda ids: ConsentForm(ids["leo"]),
    "release": lambda ids: ReleaseForm(ids["ana"]),
    "revocation": lambda ids: RevocationForm("consent", 1, ids["ana"]),
    "expiry_event": lambda ids: ExpiryEventForm(ids["notes_release"], ids["ana"]),
    "disclosure": lambda ids: DisclosureForm(ids["ana"]),
    "export": lambda ids: ExportDialog("accounting", ids["ana"]),
}


def fields_of(form: Screen[Any]) -> set[str]:
    return {
        widget.id for widget in form.query("#form-fields *")
        if widget.focusable and widget.id and widget.display and widget.parent.display
    }  # fmt: skip


@pytest.mark.parametrize("name", list(FORMS))
async def test_tab_reaches_every_field_in_view(tmp_path: Path, name: str) -> None:
    async with running(tmp_path, SMALL) as (pilot, ids):
        form = await open_form(pilot, FORMS[name](ids))
        if name == "disclosure":
            form.query_one("#legal_basis").value = "authorization"  # shows the release choice
            await pilot.pause()
        expected = fields_of(form)
        assert expected
        seen: set[str] = set()
        fields_region = form.query_one("#form-fields").region
        for _ in range(len(expected) + 2):
            focused = pilot.app.focused
            assert focused is not None and focused.id
            seen.add(focused.id)
            await pilot.pause()
            assert fields_region.contains_region(focused.region), focused.id
            await pilot.press("tab")
        assert expected <= seen
        footer = form.query_one(Footer)
        assert footer.region.bottom == SMALL[1]
