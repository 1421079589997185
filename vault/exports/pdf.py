"""The PDF layer of exports and printable forms: one embedded font, a few layout blocks,
and protection. Nothing here knows what a client or a release is.

Vault text is untrusted. It is drawn as plain text only: fpdf2's markdown is never
turned on and no HTML is parsed, so "**y**" or "<b>x</b>" print as typed. Control and
bidi override characters are removed first (pdf_text.py), so no text can reorder the
page or hide in it. fpdf2 replaces a page-count alias in any text it draws; ours is
random per document, so a name such as "{nb}" prints as typed too.

Line breaking is our own (words measured once, cached): fpdf2's `multi_cell` measures a
line again for every character, which made a 1,000-note record take ~10 s instead of
~1 s. Right-to-left text (Hebrew, Arabic) goes through fpdf2's bidi algorithm and
HarfBuzz shaping, which are slower, so only the lines that need them pay for them.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from fpdf import FPDF
from fpdf.enums import EncryptionMethod
from fpdf.errors import FPDFException
from fpdf.fonts import TTFFont
from fpdf.util import escape_parens

from vault.errors import InvalidRecord
from vault.exports.pdf_text import (
    FONT_FILES,
    font_path,
    needs_shaping,
    pdf_line,
    pdf_text,
    starts_right_to_left,
)

FAMILY = "DejaVu"
PAGE_FORMAT = "letter"
MARGIN = 18.0  # mm
BODY_SIZE = 10.0  # pt
SMALL_SIZE = 8.0
LINE = 5.0  # mm per body line
CELL_GAP = 5.0  # mm between table columns
CHECKED, UNCHECKED = "\u2612", "\u2610"  # ☒ ☐
CREATOR = "Quietroom"

# fpdf2 and fontTools log missing glyphs with the characters themselves; with no handler
# configured, logging's last resort would print them (a client's name) on stderr.
for _name in ("fpdf", "fontTools"):
    logging.getLogger(_name).addHandler(logging.NullHandler())
    logging.getLogger(_name).propagate = False


def _can_shape(pdf: FPDF) -> bool:
    """Turn HarfBuzz shaping on; False where uharfbuzz is missing (the text is then drawn
    in stored order, which is legible for a name if not laid out right to left)."""
    try:
        pdf.set_text_shaping(True)
    except FPDFException:
        return False
    return True


@dataclass(frozen=True)
class Column:
    header: str
    width: float  # mm
    align: str = "L"


class _Pages(FPDF):
    """fpdf2 with our running header (practice, client) and footer (page n of m)."""

    def __init__(self, practice: str, client: str, draw: Any) -> None:
        super().__init__(format=PAGE_FORMAT)
        self.frame_practice = practice
        self.frame_client = client
        self._draw = draw

    def header(self) -> None:
        top = self.t_margin - 9
        self.set_y(top)
        half = self.epw / 2
        self._draw.line_at(self.frame_practice, half, "B", SMALL_SIZE, "L")
        self.set_xy(self.l_margin + half, top)
        self._draw.line_at(self.frame_client, half, "B", SMALL_SIZE, "R")
        self.set_draw_color(160)
        self.line(self.l_margin, top + 5, self.w - self.r_margin, top + 5)
        self.set_xy(self.l_margin, self.t_margin)

    def footer(self) -> None:
        self.set_y(-MARGIN + 4)
        self._draw.line_at("Confidential", self.epw / 2, "B", SMALL_SIZE, "L")
        self.set_font(FAMILY, "", SMALL_SIZE)
        # fpdf2 fills in the page count only where `cell` draws its alias, and reserves
        # the alias's own width for it: so the count is drawn left-aligned, after a
        # prefix placed as if the total had as many digits as this page's number.
        prefix = f"Page {self.page_no()} of "
        digits = "0" * len(str(self.page_no()))
        right = self.w - self.r_margin
        self.set_x(right - self.get_string_width(prefix + digits, normalized=True))
        self.cell(text=prefix + self.str_alias_nb_pages)


class PdfDocument:
    """A document laid out top to bottom; `render` returns its bytes."""

    def __init__(self, title: str, *, practice: str, client: str) -> None:
        self._widths: dict[tuple[str, float], dict[str, float]] = {}
        self._glyphs: dict[str, dict[int, str]] = {}  # per font: character -> subset code
        pdf = _Pages(pdf_line(practice), pdf_line(client), self)
        self._pdf = pdf
        for style, name in FONT_FILES.items():
            pdf.add_font(FAMILY, style, font_path(name))
        pdf.set_margins(MARGIN, MARGIN + 8, MARGIN)
        pdf.set_auto_page_break(True, margin=MARGIN + 2)
        pdf.c_margin = 0
        pdf.alias_nb_pages("{" + secrets.token_hex(8) + "}")
        # Metadata is readable without the password in some readers: a kind, never a name.
        pdf.set_title(title)
        pdf.set_creator(CREATOR)
        pdf.set_producer(CREATOR)
        pdf.set_lang("en")
        pdf.add_page()

    # -- low level ------------------------------------------------------------------

    @property
    def width(self) -> float:
        return float(self._pdf.epw)

    @property
    def pages(self) -> int:
        return int(self._pdf.pages_count)

    def _font(self, style: str, size: float) -> None:
        pdf = self._pdf
        # fpdf2's own check costs more than this one, and it is asked a million times.
        if pdf.font_style != style or pdf.font_size_pt != size or pdf.current_font is None:
            pdf.set_font(FAMILY, style, size)

    def _ttf(self, key: str) -> TTFFont:
        font = self._pdf.fonts.get(key)
        if not isinstance(font, TTFFont):
            raise RuntimeError(f"the embedded font {key!r} is not loaded")
        return font

    def _measure(self, word: str, style: str, size: float) -> float:
        widths = self._widths.get((style, size))
        if widths is None:
            widths = self._widths[(style, size)] = {}
        found = widths.get(word)
        if found is None:
            glyphs = self._ttf(FAMILY.lower() + style).cw
            found = widths[word] = sum(glyphs[ord(ch)] for ch in word) * size / 1000 / self._pdf.k
        return found

    def wrap(self, text: str, width: float, style: str = "", size: float = BODY_SIZE) -> list[str]:
        """Clean `text` and break it into lines no wider than `width` (mm)."""
        lines: list[str] = []
        for paragraph in pdf_text(text).split("\n"):
            lines.extend(self._wrap_paragraph(paragraph, width, style, size))
        return lines

    def _wrap_paragraph(self, text: str, width: float, style: str, size: float) -> list[str]:
        if needs_shaping(text):
            width *= 0.9  # shaped glyphs can be wider than the isolated forms measured here
        space = self._measure(" ", style, size)
        lines: list[str] = []
        line, used = "", 0.0
        for word in text.split(" "):
            wide = self._measure(word, style, size)
            if wide > width:  # a word longer than the line: break it between characters
                if line:
                    lines.append(line)
                pieces = self._break_word(word, width, style, size)
                lines.extend(pieces[:-1])
                line, used = pieces[-1], self._measure(pieces[-1], style, size)
            elif line and used + space + wide > width:
                lines.append(line)
                line, used = word, wide
            elif line or used:
                line, used = f"{line} {word}", used + space + wide
            else:
                line, used = word, wide if word else space
        lines.append(line)
        return lines

    def _break_word(self, word: str, width: float, style: str, size: float) -> list[str]:
        pieces, piece, used = [], "", 0.0
        for ch in word:
            wide = self._measure(ch, style, size)
            if piece and used + wide > width:
                pieces.append(piece)
                piece, used = "", 0.0
            piece, used = piece + ch, used + wide
        pieces.append(piece)
        return pieces

    def line_at(self, text: str, width: float, style: str, size: float, align: str = "L") -> None:
        """Draw one already-wrapped line at the current position; x moves right by `width`."""
        self._font(style, size)
        pdf = self._pdf
        if needs_shaping(text) and _can_shape(pdf):
            if align == "L" and starts_right_to_left(text):
                align = "R"
            try:
                pdf.cell(width, size * 0.5, text, align=align)
            finally:
                pdf.set_text_shaping(False)
            return
        # `text` is fpdf2's plain primitive: ten times cheaper than `cell`, and it never
        # substitutes the page-count alias inside vault text.
        left = pdf.x
        x = left
        if align in ("R", "C") and text:
            spare = width - pdf.get_string_width(text, normalized=True)
            x += spare if align == "R" else spare / 2
        if text:
            self._plain_text(x, pdf.y + size * 0.25 + pdf.font_size * 0.35, text)
        pdf.set_x(left + width)

    def _plain_text(self, x: float, y: float, text: str) -> None:
        """What fpdf2's `text` writes, with each character's subset code looked up once
        per document rather than at every use (a 1,000-note record is a million)."""
        pdf = self._pdf
        font = self._ttf(pdf.current_font.fontkey if pdf.current_font else "")
        codes = self._glyphs.setdefault(font.fontkey, {})
        for ch in set(text):
            if ord(ch) not in codes:
                picked = font.subset.pick(ord(ch))
                codes[ord(ch)] = "" if picked is None else chr(picked)
        if not pdf.current_font_is_set_on_page:
            pdf._out(pdf._set_font_for_page(font, pdf.font_size_pt))
        encoded = escape_parens(text.translate(codes).encode("utf-16-be").decode("latin-1"))
        pdf._out(f"BT {x * pdf.k:.2f} {(pdf.h - y) * pdf.k:.2f} Td ({encoded}) Tj ET")

    def _lines(self, lines: Sequence[str], style: str, size: float, *, indent: float = 0.0,
               align: str = "L") -> None:  # fmt: skip
        height = size * 0.5
        pdf = self._pdf
        for line in lines:
            if pdf.will_page_break(height):
                pdf.add_page()
            pdf.set_x(pdf.l_margin + indent)
            self.line_at(line, self.width - indent, style, size, align)
            pdf.ln(height)

    def keep_together(self, height: float) -> None:
        """Start a new page unless `height` mm still fit on this one."""
        if self._pdf.will_page_break(height):
            self._pdf.add_page()

    # -- blocks ---------------------------------------------------------------------

    def gap(self, height: float = LINE / 2) -> None:
        if not self._pdf.will_page_break(height):
            self._pdf.ln(height)

    def title(self, text: str) -> None:
        self._lines(self.wrap(text, self.width, "B", 15), "B", 15)
        self.gap(LINE)

    def heading(self, text: str) -> None:
        self.keep_together(LINE * 5)
        self.gap(LINE / 2)
        self._lines(self.wrap(text, self.width, "B", 12), "B", 12)
        self.gap(1.5)

    def subheading(self, text: str) -> None:
        self.keep_together(LINE * 4)
        self._lines(self.wrap(text, self.width, "B", BODY_SIZE), "B", BODY_SIZE)

    def paragraph(self, text: str, *, style: str = "", size: float = BODY_SIZE,
                  indent: float = 0.0) -> None:  # fmt: skip
        """Text with its own line breaks kept and long lines wrapped, then a small gap."""
        self._lines(self.wrap(text, self.width - indent, style, size), style, size, indent=indent)
        self.gap(LINE / 2)

    def bullets(self, items: Iterable[str]) -> None:
        """A tight list, one bullet per item, wrapped under its own text."""
        pdf = self._pdf
        for item in items:
            lines = self.wrap(item, self.width - 6)
            self.keep_together(LINE * min(len(lines), 3))
            pdf.set_x(pdf.l_margin + 1)
            self.line_at("\u2022", 5, "", BODY_SIZE)
            self._lines(lines, "", BODY_SIZE, indent=6)
        self.gap(LINE / 2)

    def field(self, label: str, value: str, *, label_width: float = 48.0) -> None:
        """A bold label and its value beside it, wrapped over as many lines as it needs."""
        pdf = self._pdf
        labels = self.wrap(label, label_width - 2, "B")
        values = self.wrap(value, self.width - label_width) or [""]
        rows = max(len(labels), len(values))
        self.keep_together(LINE * min(rows, 3))
        for index in range(rows):
            if pdf.will_page_break(LINE):
                pdf.add_page()
            pdf.set_x(pdf.l_margin)
            self.line_at(labels[index] if index < len(labels) else "", label_width, "B", BODY_SIZE)
            text = values[index] if index < len(values) else ""
            self.line_at(text, self.width - label_width, "", BODY_SIZE)
            pdf.ln(LINE)

    def table(self, columns: Sequence[Column], rows: Iterable[Sequence[str]]) -> None:
        """A table whose header row is repeated on every page it runs onto."""
        pdf = self._pdf

        def header_row() -> None:
            self._row(columns, [column.header for column in columns], "B")
            pdf.set_draw_color(160)
            pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + self.width, pdf.get_y())
            pdf.ln(1)

        self.keep_together(LINE * 3)
        header_row()
        for row in rows:
            height = max(len(self.wrap(cell, column.width - CELL_GAP)) for cell, column in
                         zip(row, columns, strict=True)) * LINE  # fmt: skip
            if pdf.will_page_break(height):
                pdf.add_page()
                header_row()
            self._row(columns, row, "")
        self.gap(LINE / 2)

    def _row(self, columns: Sequence[Column], cells: Sequence[str], style: str) -> None:
        pdf = self._pdf
        top = pdf.get_y()
        x = pdf.l_margin
        bottom = top
        for column, cell in zip(columns, cells, strict=True):
            y = top
            for line in self.wrap(cell, column.width - CELL_GAP, style):
                pdf.set_xy(x, y)
                self.line_at(line, column.width - CELL_GAP, style, BODY_SIZE, column.align)
                y += LINE
            bottom = max(bottom, y)
            x += column.width
        pdf.set_xy(pdf.l_margin, bottom)

    def checklist(self, items: Iterable[tuple[str, bool]], *, columns: int = 1) -> None:
        """Boxes, checked or not, filled down `columns` columns."""
        entries = list(items)
        rows = -(-len(entries) // columns)
        width = self.width / columns
        pdf = self._pdf
        self.keep_together(LINE * min(rows, 6))
        for row in range(rows):
            if pdf.will_page_break(LINE):
                pdf.add_page()
            top = pdf.get_y()
            for column in range(columns):
                index = column * rows + row
                if index >= len(entries):
                    break
                label, checked = entries[index]
                pdf.set_xy(pdf.l_margin + column * width, top)
                self.line_at(CHECKED if checked else UNCHECKED, 7, "", BODY_SIZE + 2)
                self.line_at(pdf_line(label), width - 9, "", BODY_SIZE)
            pdf.set_xy(pdf.l_margin, top + LINE)
        self.gap(LINE / 2)

    def signature_lines(self, blanks: Sequence[tuple[str, float]]) -> None:
        """A row of blanks to sign or fill by hand, each captioned ("Signature", 100)."""
        pdf = self._pdf
        self.keep_together(LINE * 4)
        pdf.ln(LINE * 1.6)
        x = pdf.l_margin
        y = pdf.get_y()
        pdf.set_draw_color(0)
        for caption, width in blanks:
            pdf.line(x, y, x + width - 4, y)
            pdf.set_xy(x, y + 1)
            self.line_at(caption, width - 4, "", SMALL_SIZE)
            x += width
        pdf.set_xy(pdf.l_margin, y + LINE + 1)

    # -- output ---------------------------------------------------------------------

    def render(self, password: str | None) -> bytes:
        """The finished file; with a password, AES-256 encrypted (metadata included)."""
        if password is not None:
            if not password.strip():
                raise InvalidRecord("A PDF password cannot be empty.", "password")
            self._pdf.set_encryption(
                owner_password=secrets.token_urlsafe(32),
                user_password=password,
                encryption_method=EncryptionMethod.AES_256,
                encrypt_metadata=True,
            )
        return bytes(self._pdf.output())


__all__ = ["Column", "PdfDocument"]
