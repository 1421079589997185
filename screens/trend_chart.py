"""A PHQ-9 or GAD-7 trend in four lines of text: the latest total, band and date in
words (a colour alone says nothing to some readers) with the date of the first result,
then one bar per result, as tall as its total and coloured by its band, and the totals
under the bars.

Built as rich Text from numbers and the instrument's own labels only, so it needs no
cleaning; it fits any width down to 40 columns by showing the latest results."""

from __future__ import annotations

from rich.text import Text

from vault.risk.instruments import INSTRUMENTS
from vault.risk.models import InstrumentResult

BAR_ROWS = 2
EIGHTHS = " ▁▂▃▄▅▆▇█"
COLUMN = 3  # a bar two cells wide and a gap; a total of two digits fits under it
LABEL = 8  # "PHQ-9   " before the bars
BAND_STYLES = {
    "None or minimal": "green",
    "Minimal": "green",
    "Mild": "yellow",
    "Moderate": "dark_orange",
    "Moderately severe": "red",
    "Severe": "bold red",
}


def trend_chart(instrument_id: str, results: list[InstrumentResult], width: int) -> Text:
    """The chart for one instrument, `results` oldest first, at most `width` columns."""
    instrument = INSTRUMENTS[instrument_id]
    name = instrument.name.ljust(LABEL)
    scored = [r for r in results if r.total is not None]
    if not scored:
        return Text.assemble((name, "bold"), ("no results yet", "dim"))
    room = max(1, (width - LABEL) // COLUMN)
    shown = scored[-room:]
    latest = scored[-1]
    text = Text.assemble((name, "bold"), latest_in_words(latest))
    if len(scored) > 1:
        text.append(f"  ·  {len(scored)} results since {scored[0].taken_on.isoformat()}", "dim")
    if len(shown) < len(scored):
        text.append(f", the latest {len(shown)} drawn", "dim")
    for row in range(BAR_ROWS - 1, -1, -1):
        text.append("\n" + " " * LABEL)
        for result in shown:
            text.append(_bar_cell(result.total or 0, instrument.max_total, row) * 2,
                        BAND_STYLES.get(result.band or "", ""))  # fmt: skip
            text.append(" ")
    text.append("\n" + "total".ljust(LABEL), "dim")
    for result in shown:
        text.append(f"{result.total:>2} ")
    return text


def latest_in_words(result: InstrumentResult) -> Text:
    """ "latest 14, Moderate, on 2026-11-20" with the band in its colour."""
    return Text.assemble(
        f"latest {result.total}, ",
        (result.band or "", BAND_STYLES.get(result.band or "", "")),
        f", on {result.taken_on.isoformat()}",
    )


def _bar_cell(total: int, maximum: int, row: int) -> str:
    """The block character of one row of a bar: each row holds eight eighths."""
    eighths = round(total / maximum * BAR_ROWS * 8) if maximum else 0
    if total > 0:
        eighths = max(eighths, 1)  # a total above 0 is never drawn as nothing
    filled = min(8, max(0, eighths - row * 8))
    return EIGHTHS[filled]
