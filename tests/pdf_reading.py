"""Reading an exported PDF back as its recipient would, for tests."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader


def reader(source: Path | bytes, password: str | None = None) -> PdfReader:
    stream = io.BytesIO(source) if isinstance(source, bytes) else io.BytesIO(source.read_bytes())
    return PdfReader(stream, password=password)


def pages_text(source: Path | bytes, password: str | None = None) -> list[str]:
    return [page.extract_text() for page in reader(source, password).pages]


def all_text(source: Path | bytes, password: str | None = None) -> str:
    return "\n".join(pages_text(source, password))


def flat(text: str) -> str:
    """Line breaks and runs of spaces as single spaces, to find a wrapped sentence."""
    return " ".join(text.split())
