"""Text and tables out of PDF list documents (pdfplumber), refusing damaged files.

A PDF cut short in transfer may still open: pdfminer falls back to scanning objects when the
cross-reference table at the end is missing, and returns whatever pages it found. So a file
without its `%%EOF` trailer, or with fewer pages than its page tree declares, is refused here
before anyone counts entries.
"""

from __future__ import annotations

import copy
import hashlib
import io
import re

import pdfplumber
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils.exceptions import PdfminerException


class DocumentError(ValueError):
    """The document cannot be read as a whole."""


_EOF = re.compile(rb"%%EOF\s*$")


def open_pdf(data: bytes) -> pdfplumber.PDF:
    if not data.startswith(b"%PDF-"):
        raise DocumentError("not a PDF (no %PDF- header)")
    if not _EOF.search(data[-1024:]):
        raise DocumentError("the PDF is truncated (no %%EOF trailer)")
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        declared = pdf.doc.catalog["Pages"].resolve()["Count"]
        if len(pdf.pages) != declared:
            raise DocumentError(f"the PDF declares {declared} pages, {len(pdf.pages)} readable")
    except (PdfminerException, PDFSyntaxError, KeyError, TypeError) as error:
        raise DocumentError(f"unreadable PDF: {error}") from error
    return pdf


# pdfplumber needs seconds for a long list; the same edition is seen by every crawl until the
# ministry revises it (19 times in one demo replay), so results are kept per document hash.
_PARSED: dict[tuple[str, str], tuple] = {}


def _memo(kind: str, data: bytes, parse):
    key = (kind, hashlib.sha256(data).hexdigest())
    if key not in _PARSED:
        _PARSED[key] = parse(data)
    return copy.deepcopy(_PARSED[key])  # callers may edit the rows they get


def pdf_text(data: bytes) -> tuple[str, int]:
    """The text of every page, pages separated by a newline; and the page count."""
    return _memo("text", data, _pdf_text)


def pdf_tables(data: bytes) -> tuple[list[list[str | None]], str, int]:
    """Every table row of every page (ruled tables), the first page's text, the page count."""
    return _memo("tables", data, _pdf_tables)


def _pdf_text(data: bytes) -> tuple[str, int]:
    with open_pdf(data) as pdf:
        texts = [page.extract_text() or "" for page in pdf.pages]
        return "\n".join(texts), len(texts)


def _pdf_tables(data: bytes) -> tuple[list[list[str | None]], str, int]:
    with open_pdf(data) as pdf:
        rows: list[list[str | None]] = []
        for page in pdf.pages:
            for table in page.extract_tables():
                rows.extend(table)
        first = pdf.pages[0].extract_text() or "" if pdf.pages else ""
        return rows, first, len(pdf.pages)
