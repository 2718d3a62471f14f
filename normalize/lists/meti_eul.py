"""METI's End User List (外国ユーザーリスト): one bilingual ruled table, PDF.

Columns (sources.md §3): `No.` | `国名、地域名 / Country or Region` | `企業名､組織名 / Company or
Organization` | `別名 / Also Known As` (aliases bulleted with `・`) | `懸念区分 / Type of WMD`
(B, C, M, N, comma-separated) | `通常兵器 / Conventional Weapons` (`CW`). The header row repeats
on every page; a row split over a page break continues without a number and is joined to the
row above. The heading states the revision date and the date it applies from.
"""

from __future__ import annotations

import re

from normalize.lists.model import Edition, Entry
from normalize.lists.pdftext import DocumentError, pdf_tables
from normalize.lists.specs import ListSpec, country_codes
from normalize.lists.text import nfkc, squash

COLUMNS = ("no", "country", "name", "aliases", "wmd", "cw")
REVISED = re.compile(r"((?:令和|平成)\s*\S{1,3}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*改正")
APPLIES = re.compile(r"(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*から適用")
WMD_TYPES = {"B", "C", "M", "N"}
BULLET = re.compile(r"(?:^|\n)\s*・\s*")


def parse(data: bytes, spec: ListSpec) -> Edition:
    rows, first_page, pages = pdf_tables(data)
    edition = Edition(list=spec.id, urls=[], sha256="", fetched_at="", pages=pages)
    heading = nfkc(first_page)
    edition.read_dates(heading, {"updated": REVISED, "effective": APPLIES})
    records: list[list[str]] = []
    for raw in rows:
        cells = [nfkc(c or "").strip() for c in raw]
        if len(cells) != len(COLUMNS):
            raise DocumentError(f"a table row with {len(cells)} columns, expected {len(COLUMNS)}")
        if cells[0].startswith("No"):
            continue  # the header, repeated on every page
        if cells[0].isdigit():
            records.append(cells)
        elif records:  # the rest of a row that a page break split
            records[-1] = [f"{a}\n{b}".strip() for a, b in zip(records[-1], cells, strict=True)]
        else:
            raise DocumentError(f"a table row before the first numbered one: {cells}")
    if not records:
        raise DocumentError("no numbered row in the table")
    for cells in records:
        edition.entries.append(_entry(dict(zip(COLUMNS, cells, strict=True)), spec, edition))
    return edition


def _entry(row: dict[str, str], spec: ListSpec, edition: Edition) -> Entry:
    number = int(row["no"])
    country_lines = [squash(x) for x in row["country"].split("\n") if x.strip()]
    codes = {country_codes().get(x) for x in country_lines} - {None}
    if len(codes) != 1:
        edition.warnings.append(f"entry {number}: unknown country {row['country']!r}")
    aliases = [squash(a) for a in BULLET.split(row["aliases"]) if a.strip()]
    wmd = [w for w in re.split(r"[,、\s]+", row["wmd"]) if w]
    if set(wmd) - WMD_TYPES:
        edition.warnings.append(f"entry {number}: unknown WMD type in {row['wmd']!r}")
    cw = squash(row["cw"])
    if cw not in ("", "CW"):
        edition.warnings.append(f"entry {number}: unexpected conventional-weapons mark {cw!r}")
    return Entry(
        number=number,
        name_ja=None,
        name_en=squash(row["name"]) or None,
        aliases_en=aliases,
        country=codes.pop() if len(codes) == 1 else None,
        schema=spec.schema,
        details={
            "country_printed": " / ".join(country_lines),
            "wmd_types": sorted(set(wmd) & WMD_TYPES),
            "conventional_weapons": cw == "CW",
        },
    )
