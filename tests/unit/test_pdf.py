"""The PDF layer: names in every script print, hostile text stays literal, every page is
framed, the metadata names no one, and a password really protects the file."""

from __future__ import annotations

import pytest
from pypdf.errors import FileNotDecryptedError

from tests.pdf_reading import all_text, flat, pages_text, reader
from vault.errors import InvalidRecord
from vault.exports.pdf import Column, PdfDocument
from vault.exports.pdf_text import pdf_line, pdf_text

NAMES = ("Inês Duarte", "Zoë Kowalczyk", "Łódź", "Dana כהן", "سارة")
HOSTILE = ("\u202eevil\u202c", "\x1b]52;c;AAAA\x07", "<b>x</b>", "**y**", "{practice_name}", "{nb}")


def _document(client: str = "Zoë Kowalczyk") -> PdfDocument:
    return PdfDocument("Record export", practice="Harbour Street Therapy", client=client)


def test_accented_hebrew_and_arabic_names_are_drawn_in_the_embedded_font() -> None:
    doc = _document()
    for name in NAMES:
        doc.field("Name", name)
    pdf = reader(doc.render(None))
    text = pdf.pages[0].extract_text()
    for name in NAMES:
        assert name in text
    fonts = [font.get_object() for font in pdf.pages[0]["/Resources"]["/Font"].values()]
    for font in fonts:
        assert "DejaVuSans" in font["/BaseFont"]
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor  # embedded, not borrowed from the reader's system


def test_a_hebrew_paragraph_is_right_aligned_and_reads_in_order() -> None:
    doc = _document()
    doc.paragraph("שלום עולם, זו פסקה בעברית.")
    doc.paragraph("A left-to-right line.")
    page = reader(doc.render(None)).pages[0]
    starts: dict[str, float] = {}

    def seen(text: str, _cm: object, tm: list[float], _font: object, _size: object) -> None:
        if text.strip():
            starts.setdefault(text.strip(), tm[4])

    text = page.extract_text(visitor_text=seen)
    assert "שלום עולם, זו פסקה בעברית" in text  # the full stop is drawn at its left end
    hebrew = next(x for line, x in starts.items() if "שלום" in line)
    latin = starts["A left-to-right line."]
    assert hebrew > latin + 200  # points: the Hebrew line ends at the right margin


def test_hostile_text_is_printed_as_literal_inert_text() -> None:
    doc = PdfDocument("Record export", practice="{practice_name}", client="\u202eevil\u202c {nb}")
    for text in HOSTILE:
        doc.field("Recipient", text)
        doc.paragraph(f"Body: {text}")
        doc.table([Column("Cell", 80)], [[text]])
    text = all_text(doc.render(None))
    for literal in ("evil", "]52;c;AAAA", "<b>x</b>", "**y**", "{practice_name}", "{nb}"):
        assert f"Body: {literal}" in text
        assert f"Recipient {literal}" in text
    for control in ("\u202e", "\u202c", "\x1b", "\x07"):
        assert control not in text
    # "{nb}" is not the page count, and markup did not turn into bold text: one font only.
    assert "Body: 1" not in text
    assert "evil {nb}" in text.split("\n")[0]


def test_pdf_text_removes_controls_and_shows_missing_glyphs() -> None:
    assert pdf_text("a\x1b[2Jb\x07c\u202ed\u2066e\u200ff\x85g") == "a[2Jbcdefg"
    assert pdf_text("one\r\ntwo\rthree\u2028four\tfive") == "one\ntwo\nthree\nfour    five"
    assert pdf_text("漢字 Zoë") == "\ufffd\ufffd Zoë"  # no glyph in DejaVu Sans
    assert pdf_line("first\nsecond") == "first second"


def test_every_page_is_framed_with_practice_client_page_and_confidential() -> None:
    doc = _document()
    for number in range(120):
        doc.paragraph(f"Paragraph {number}: " + "a sentence about the week. " * 12)
    data = doc.render(None)
    pages = pages_text(data)
    assert len(pages) == doc.pages > 3
    for number, text in enumerate(pages, start=1):
        assert "Harbour Street Therapy" in text
        assert "Zoë Kowalczyk" in text
        assert f"Page {number} of {len(pages)}" in text
        assert "Confidential" in text


def test_long_lines_and_unbroken_words_wrap_inside_the_page() -> None:
    doc = _document()
    word = "x" * 400
    doc.paragraph(word)
    doc.field("Recipient", "y" * 300)
    doc.table([Column("A", 40), Column("B", 40)], [["z" * 120, "short"]])
    text = all_text(doc.render(None))
    assert "".join(line for line in text.split("\n") if set(line) == {"x"}) == word
    assert flat(text).count("short") == 1


def test_metadata_names_the_kind_of_document_never_the_client() -> None:
    doc = _document(client="Zoë Kowalczyk")
    doc.paragraph("Zoë Kowalczyk")
    meta = reader(doc.render(None)).metadata
    assert meta is not None
    assert meta.title == "Record export"
    assert meta.producer == "Quietroom"
    assert "Zoë" not in repr(dict(meta))


def test_a_password_protects_the_file_with_aes_256() -> None:
    doc = _document()
    doc.paragraph("Subjective: slept better this week.")
    data = doc.render("lantern orbit velvet")
    pdf = reader(data)
    assert pdf.is_encrypted
    encrypt = pdf.trailer["/Encrypt"].get_object()
    assert (encrypt["/V"], encrypt["/R"]) == (5, 6)  # AES-256, PDF 2.0's standard handler
    with pytest.raises(FileNotDecryptedError):
        pdf.pages[0].extract_text()
    assert not reader(data).decrypt("lantern orbit")  # a wrong password opens nothing
    assert b"slept better" not in data and b"Kowalczyk" not in data
    assert "slept better" in all_text(data, "lantern orbit velvet")


def test_without_a_password_the_file_is_not_encrypted() -> None:
    doc = _document()
    doc.paragraph("Plain")
    assert not reader(doc.render(None)).is_encrypted


def test_an_empty_password_is_refused() -> None:
    doc = _document()
    with pytest.raises(InvalidRecord, match="cannot be empty"):
        doc.render("  ")


def test_checklist_and_signature_lines() -> None:
    doc = _document()
    doc.checklist([("Dates of service", True), ("Progress notes", False)])
    doc.signature_lines([("Signature of the client", 110), ("Date", 60)])
    text = all_text(doc.render(None))
    assert "\u2612 Dates of service" in text or "\u2612Dates of service" in text
    assert "Progress notes" in text and "\u2610" in text
    assert "Signature of the client" in text and "Date" in text


def test_without_harfbuzz_right_to_left_names_are_still_drawn(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from fpdf import FPDF
    from fpdf.errors import FPDFException

    real = FPDF.set_text_shaping

    def missing(self: FPDF, use_shaping_engine: bool = True, **kwargs: object) -> None:
        if use_shaping_engine:
            raise FPDFException("The uharfbuzz package could not be imported")
        real(self, False)

    monkeypatch.setattr(FPDF, "set_text_shaping", missing)
    doc = _document(client="Dana כהן")
    doc.field("Recipient", "שלום עולם")
    text = all_text(doc.render(None))
    # Drawn in stored order, which a reader may give back either way round.
    assert "Dana" in text
    assert "שלום" in text or "םולש" in text
