"""Recording a C-SSRS screener that was given on paper: yes or no for each topic (in our
own words; the screener's text is licensed and is not shown), how recent, the date and
a note. Each topic is a checkbox: Space ticks it, Tab moves on."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Checkbox, Footer, Input, Label, Select, Static

from screens.measures_base import MEASURE_DIALOG_CSS, MeasureDialog
from vault.errors import InvalidRecord, VaultError
from vault.risk.measures import CSSRS_ITEMS

RECENCY = (
    "In the past month",
    "In the past 3 months",
    "Earlier in life, not in the past 3 months",
)
INTRO = (
    "The result of a C-SSRS screener given on paper. Tick each topic answered yes; "
    "the screener itself is not reproduced here."
)
KEYS = "Space ticks · Tab moves · ctrl+s saves · Escape cancels"


class CssrsPaperForm(MeasureDialog):
    FORM_NAME = "instrument:cssrs_paper"
    HEADING = "C-SSRS given on paper"
    DEFAULT_CSS = (
        MEASURE_DIALOG_CSS % {"cls": "CssrsPaperForm"}
        + """
    CssrsPaperForm {
        .measure-dialog {
            width: 76;
        }
        #cssrs-meta {
            height: auto;
            margin-top: 1;
        }
        #taken_on {
            width: 14;
        }
        #recency {
            width: 1fr;
        }
        #cssrs-note {
            height: auto;
        }
        #note {
            width: 1fr;
        }
    }
    """
    )

    def compose(self) -> ComposeResult:
        with Vertical(classes="measure-dialog"):
            yield Static("", id="measure-title", classes="measure-title")
            yield Static(INTRO, classes="measure-hint", markup=False)
            for key, label in CSSRS_ITEMS:
                yield Checkbox(label, id=key, compact=True)
            with Horizontal(id="cssrs-meta"):
                yield Label("Date taken ")
                yield Input(placeholder="YYYY-MM-DD", id="taken_on", compact=True)
                yield Label("  How recent ")
                yield Select(
                    [(text, text) for text in RECENCY], id="recency", allow_blank=True,
                    prompt="Choose", compact=True,
                )  # fmt: skip
            with Horizontal(id="cssrs-note"):
                yield Label("Note ")
                yield Input(placeholder="optional", id="note", compact=True)
            yield Static("", id="measure-error", classes="measure-error")
            yield Static(KEYS, classes="measure-hint", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#taken_on", Input).value = self.qr_app.today().isoformat()
        self.start()
        self.query_one(f"#{CSSRS_ITEMS[0][0]}", Checkbox).focus()

    def action_save(self) -> None:
        self.clear_error()
        recency = self.query_one("#recency", Select)
        if recency.is_blank():
            self.show_error("Choose how recent the answers are (under 'How recent').")
            recency.focus()
            return
        answers = {key: self.query_one(f"#{key}", Checkbox).value for key, _ in CSSRS_ITEMS}
        try:
            result = self.vault.measures.record_cssrs_paper(
                self.client_id, self.query_one("#taken_on", Input).value.strip(), answers,
                str(recency.value), self.query_one("#note", Input).value.strip() or None,
            )  # fmt: skip
        except InvalidRecord as error:
            self.show_error(error.message)
            if error.field == "taken_on":
                self.query_one("#taken_on", Input).focus()
            return
        except VaultError as error:
            self.show_error(error.message)
            return
        self.finish(result)

    def values(self) -> dict[str, Any]:
        recency = self.query_one("#recency", Select)
        values: dict[str, Any] = {
            key: self.query_one(f"#{key}", Checkbox).value for key, _ in CSSRS_ITEMS
        }
        values["recency"] = None if recency.is_blank() else recency.value
        values["taken_on"] = self.query_one("#taken_on", Input).value
        values["note"] = self.query_one("#note", Input).value
        return values

    def fill(self, values: dict[str, Any]) -> None:
        for key, _ in CSSRS_ITEMS:
            if isinstance(values.get(key), bool):
                self.query_one(f"#{key}", Checkbox).value = values[key]
        if values.get("recency") in RECENCY:
            self.query_one("#recency", Select).value = values["recency"]
        for name in ("taken_on", "note"):
            if isinstance(values.get(name), str):
                self.query_one(f"#{name}", Input).value = values[name]

    def rebuild(self) -> CssrsPaperForm:
        return CssrsPaperForm(self.client_id)
