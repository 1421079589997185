"""A DataTable over a long query result that keeps only a window of rows mounted.

A vault can hold 2,000 clients and a client 1,000 notes; mounting every row makes
each keypress slower and keeps every name in widgets. The table holds at most
two pages, asks SQLite for the next page as the cursor nears an edge, and drops
the page it left behind.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from rich.text import Text
from textual.widgets import DataTable

Item = TypeVar("Item")

# Two pages are mounted: 120 rows, about three screenfuls of a 40-line terminal (and
# still a full table on one ~120 lines tall). Filling the table measures every row
# (~0.15 ms each), so the window is kept small; crossing its edge costs one page query.
PAGE_SIZE = 60
EDGE_ROWS = 10  # this close to either end of the window, the window moves

Fetch = Callable[[int, int], Sequence[Item]]  # (offset, limit) -> items
Render = Callable[[Item], tuple[int, Sequence[Text | str]]]  # item -> (row key, cells)


class PagedTable(DataTable[Any], Generic[Item]):
    def __init__(self, render: Render[Item], *, page_size: int = PAGE_SIZE, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", **kwargs)
        self._render_item = render
        self.page_size = page_size
        self._fetch: Fetch[Item] | None = None
        self._items: list[Item] = []
        self.total = 0
        self.window_start = 0

    # -- what the screens call -----------------------------------------------------

    def load(self, total: int, fetch: Fetch[Item], *, keep_position: bool = False) -> None:
        """Show a (new or refreshed) result. With keep_position the window and the cursor
        stay where they were, following the row's key if it moved."""
        key, row, start = self.selected_key, self.cursor_row, self.window_start
        self._fetch, self.total = fetch, total
        if keep_position:
            self._show(min(start, self._last_window_start()), row, follow_key=key)
        else:
            self._show(0, 0)

    def rerender(self) -> None:
        """Draw the same items again (privacy mode switched), cursor unchanged."""
        self._fill(self.cursor_row)

    @property
    def selected_key(self) -> int | None:
        if not self.row_count:
            return None
        row_key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        return int(row_key.value) if row_key.value is not None else None

    @property
    def selected_item(self) -> Item | None:
        return self._items[self.cursor_row] if self._items else None

    def position_text(self, noun: str) -> str:
        """ "showing N of M" for the line under the table."""
        shown = self.row_count
        if shown == self.total:
            return f"showing {shown:,} of {self.total:,} {noun}"
        first = self.window_start + 1
        return f"showing {first:,}–{self.window_start + shown:,} of {self.total:,} {noun}"

    # -- moving the window -----------------------------------------------------------

    def on_data_table_row_highlighted(self, _event: DataTable.RowHighlighted) -> None:
        # Read the cursor now rather than from the event: rebuilding the window moves
        # the cursor and queues more of these events, which must find nothing to do.
        row = self.cursor_row
        if row >= self.row_count - EDGE_ROWS and self._more_below():
            self._show(self.window_start + self.page_size, row - self.page_size)
        elif row < EDGE_ROWS and self.window_start > 0:
            start = max(0, self.window_start - self.page_size)
            self._show(start, row + self.window_start - start)

    def action_cursor_up(self) -> None:
        if self.cursor_row == 0 and self.window_start == 0:
            self.screen.focus_previous()  # from the first row up to the filter above
        else:
            super().action_cursor_up()

    def action_scroll_bottom(self) -> None:
        if self._more_below():
            start = self._last_window_start()
            self._show(start, self.total - 1 - start)
        else:
            super().action_scroll_bottom()

    def action_scroll_top(self) -> None:
        if self.window_start > 0:
            self._show(0, 0)
        else:
            super().action_scroll_top()

    def _more_below(self) -> bool:
        return self.window_start + self.row_count < self.total

    def _last_window_start(self) -> int:
        last_page = max(0, (self.total - 1) // self.page_size * self.page_size)
        return max(0, last_page - self.page_size)

    def _show(self, start: int, cursor_row: int, follow_key: int | None = None) -> None:
        assert self._fetch is not None, "load() gives the table its query"
        self.window_start = start
        self._items = list(self._fetch(start, 2 * self.page_size))
        if follow_key is not None:
            keys = [self._render_item(item)[0] for item in self._items]
            if follow_key in keys:
                cursor_row = keys.index(follow_key)
        self._fill(cursor_row)

    def _fill(self, cursor_row: int) -> None:
        with self.app.batch_update():
            self.clear()
            for item in self._items:
                key, cells = self._render_item(item)
                self.add_row(*cells, key=str(key))
            if self._items:
                row = max(0, min(cursor_row, len(self._items) - 1))
                self.move_cursor(row=row, animate=False)
