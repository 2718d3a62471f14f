"""Announcement text as the extractor sees it: NFKC-normalised lines, each a clause, with
every recognised date replaced by a token so that phrase patterns can bind dates."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from normalize.dates import DateMatch, find_dates

# Item markers governments use: (1) （１） ① (i) (ア) 1. 1．一 ・ - •; "(3)の措置は" refers to
# an item rather than opening one.
_ITEM = re.compile(
    r"^\s*(?:\(\s*(?P<a>\d{1,2}|[ivx]{1,5}|[a-z]|[ア-ン])\s*\)|(?P<b>[\u2460-\u2473])|(?P<c>\d{1,2})\s*[.．、)](?!\d)"
    r"|(?P<d>[ア-ン])(?=\s)|[・•\-–])(?!\s*(?:の|に|で|は|を|及び|から))\s*",
    re.I,
)
# Sections: "1. 概要", "一、", and "３　措置の内容" (a full-width digit and space in Japanese text).
_SECTION = re.compile(
    r"^\s*(?:\d{1,2}\s*[.．、](?!\d)|[一二三四五六七八九十]\s*[.．、]|\d{1,2}\s+(?=[^\x00-\x7f]))\s*"
)


@dataclass
class Line:
    """One sentence of the announcement: the unit a fact is read from."""

    index: int
    text: str  # NFKC text with dates masked as ⟦Dn⟧
    plain: str  # NFKC text, dates as written
    start: int  # offset of the sentence in the masked document
    is_item: bool  # opens a list item: (1), ①, (i) ...
    is_section: bool  # opens a numbered section (1. 概要) or is a heading ("# " from the HTML)
    continues: bool  # a later sentence of the same paragraph or item
    label: str | None = None  # the item's marker without brackets: "1", "ii", "ア"


@dataclass
class Document:
    masked: str
    lines: list[Line]
    dates: list[DateMatch]

    def date(self, token_index: str | int) -> DateMatch:
        return self.dates[int(token_index)]


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


# Japanese sentences end with 。; English ones with a full stop after a lower-case letter or
# bracket and before a capital, so "U.S. President", "No. 3" and "1. Outline" stay whole.
_SENTENCE_END = re.compile(r"(?<=。)|(?<=[a-z)\]”\"⟧][.])\s+(?=[A-Z(“\"])")


def prepare(text: str, published: date) -> Document:
    matches = find_dates(text, reference=published, prefer="nearest")
    pieces: list[str] = []
    pos = 0
    for i, m in enumerate(matches):
        pieces.append(nfkc(text[pos : m.start]))
        pieces.append(f"⟦D{i}⟧")
        pos = m.end
    pieces.append(nfkc(text[pos:]))
    masked = "".join(pieces)
    lines: list[Line] = []
    offset = 0
    for raw_line in masked.split("\n"):
        sentence_start = 0
        bounds = [m.end() for m in _SENTENCE_END.finditer(raw_line)] + [len(raw_line)]
        for n, end in enumerate(bounds):
            raw = raw_line[sentence_start:end]
            if raw.strip():
                heading = n == 0 and raw.startswith("# ")
                if heading:
                    raw = raw[2:]
                plain = re.sub(r"⟦D(\d+)⟧", lambda mm: nfkc(matches[int(mm.group(1))].text), raw)
                lines.append(
                    Line(
                        index=len(lines),
                        text=raw,
                        plain=plain.strip(),
                        start=offset + sentence_start + (2 if heading else 0),
                        is_item=n == 0
                        and not heading
                        and bool(_ITEM.match(raw))
                        and not _SECTION.match(raw),
                        is_section=heading or (n == 0 and bool(_SECTION.match(raw))),
                        continues=n > 0,
                        label=_label(raw) if n == 0 else None,
                    )
                )
            sentence_start = end
        offset += len(raw_line) + 1
    return Document(masked=masked, lines=lines, dates=matches)


def _label(text: str) -> str | None:
    m = _ITEM.match(text)
    if m is None:
        return None
    for group in "abcd":
        if m.group(group):
            value = m.group(group).lower()
            return str(ord(value) - 0x245F) if group == "b" else value
    return None
