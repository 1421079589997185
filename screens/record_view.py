"""What the four views of a client's record (notes, consent, releases, disclosures)
have in common: each loads its rows the first time it is shown, and again when
something it shows may have changed (a form closed, the editor returned)."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any, cast

from textual.containers import Vertical
from textual.widgets import DataTable
from textual.widgets.data_table import RowDoesNotExist

from vault.errors import VaultError

if TYPE_CHECKING:
    from screens.client_record import ClientRecordScreen
    from vault.vault import Vault


class RecordView(Vertical):
    """One view; `name` is what the tab row and `reopen` call it."""

    title = ""

    def __init__(self, client_id: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.client_id = client_id
        self.loaded = False

    @property
    def record(self) -> ClientRecordScreen:
        from screens.client_record import ClientRecordScreen

        return cast(ClientRecordScreen, self.screen)

    @property
    def vault(self) -> Vault:
        return self.record.vault

    @property
    def privacy(self) -> bool:
        return self.record.privacy

    @property
    def table(self) -> DataTable[Any]:
        return self.query_one(DataTable)

    @property
    def selected_key(self) -> int | None:
        table = self.table
        if not table.row_count:
            return None
        value = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return int(value) if value is not None else None

    def show(self, *, reselect: int | None = None) -> None:
        """Shown by its key: load on first showing only (switching back is instant)."""
        if not self.loaded:
            self.reload(reselect=reselect)
        self.table.focus()

    def reload(self, *, reselect: int | None = None) -> None:
        """Query again, keeping the selected row (or choosing `reselect`)."""
        key = reselect if reselect is not None else self.selected_key
        try:
            self.fill()
        except VaultError as error:
            self.record.show_error(error)
            return
        self.loaded = True
        if key is not None:
            self.select(key)

    def select(self, key: int) -> None:
        with contextlib.suppress(RowDoesNotExist):  # gone since: stay on the first row
            self.table.move_cursor(row=self.table.get_row_index(str(key)), animate=False)

    def fill(self) -> None:
        """Query the vault and fill the table (raises VaultError)."""
        raise NotImplementedError

    def rerender(self) -> None:
        """Privacy mode switched: draw the same rows again."""
        if self.loaded:
            self.reload()
