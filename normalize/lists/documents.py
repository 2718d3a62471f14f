"""From downloaded list documents to one checked `Edition`: the parser for the list's format,
the document's fingerprint, and the count guards that need no history."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from normalize.lists import guard, meti_entities, meti_eul, mof
from normalize.lists.model import Edition
from normalize.lists.pdftext import DocumentError
from normalize.lists.specs import ListSpec

__all__ = ["Document", "DocumentError", "read_edition"]


@dataclass(frozen=True)
class Document:
    url: str
    body: bytes
    content_type: str = ""

    @property
    def charset(self) -> str | None:
        for part in self.content_type.split(";")[1:]:
            key, _, value = part.strip().partition("=")
            if key.lower() == "charset" and value:
                return value.strip('"')
        return None


def _parse(spec: ListSpec, documents: list[Document]) -> Edition:
    if spec.format == "meti_specified_entities":
        (doc,) = documents
        return meti_entities.parse(doc.body, spec)
    if spec.format == "meti_end_user_list":
        (doc,) = documents
        return meti_eul.parse(doc.body, spec)
    csvs = [d for d in documents if d.url.lower().endswith(".csv")]
    books = [d for d in documents if d.url.lower().endswith((".xlsx", ".xlsm"))]
    if len(csvs) != 1 or len(books) > 1:
        raise DocumentError(
            f"expected one CSV and at most one workbook, got {len(documents)} files"
        )
    return mof.parse(csvs[0].body, books[0].body if books else None, spec, csvs[0].charset)


def read_edition(
    spec: ListSpec,
    documents: list[Document],
    *,
    fetched_at: str,
    stated_total: int | None = None,
) -> Edition:
    """Parse and check one edition; raises DocumentError or guard.CountGuardError."""
    if not documents:
        raise DocumentError("no document")
    edition = _parse(spec, documents)
    edition.urls = [d.url for d in documents]
    digest = hashlib.sha256()
    for doc in sorted(documents, key=lambda d: d.url):
        digest.update(hashlib.sha256(doc.body).digest())
    edition.sha256 = digest.hexdigest()
    edition.fetched_at = fetched_at
    if stated_total is not None:
        edition.stated_total = stated_total
    guard.check(edition, spec)
    return edition
