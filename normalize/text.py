"""Announcement text as the extractor sees it: NFKC-normalised lines, each a clause, with
every recognised date replaced by a token so that phrase patterns can bind dates."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from normalize.dates import DateMatch, find_dates

# Item markers governments use: (1) （１） ① (i) (ア) 1. 1．一 ・ - •
_ITEM = re.compile(r"^\s*(?:\(\s*(?:\d{1,2}|[ivx]{1,5}|[a-z]|[ア-ン])\s*\)|[\u2460-\u2473]|\d{1,2}\s*[.．、)](?!\d)|[・•\-–])\s*", re.I)
_SECTION = re.compile(r"^\s*(?:\d{1,2}\s*[.．、](?!\d)|[一二三四五六七八九十]\s*[.．、])\s*")


@dataclass
class Line:
    index: int
    text: str  # NFKC text with dates masked as ⟦Dn⟧
    plain: str  # NFKC text, dates as written
    start: int  # offset of the line in the masked document
    is_item: bool
    is_section: bool


@dataclass
class Document:
    masked: str
    lines: list[Line]
    dates: list[DateMatch]

    def date(self, token_index: str | int) -> DateMatch:
        return self.dates[int(token_index)]


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


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
    for i, raw in enumerate(masked.split("\n")):
        plain = re.sub(r"⟦D(\d+)⟧", lambda mm: nfkc(matches[int(mm.group(1))].text), raw)
        lines.append(
            Line(
                index=i,
                text=raw,
                plain=plain.strip(),
                start=offset,
                is_item=bool(_ITEM.match(raw)),
                is_section=bool(_SECTION.match(raw)),
            )
        )
        offset += len(raw) + 1
    return Document(masked=masked, lines=lines, dates=matches)
