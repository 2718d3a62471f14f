"""The Ministry of Finance asset-freeze list: an Excel workbook and a CSV of the same list.

Excel (sources.md §4): one sheet per programme; row 0 holds the programme's title; the header
row starts with `告示日付` and its labels are spaced out (`日 本 語 表 記`). CSV: 32 columns, one
row per listing, with `区分` (a category number the ministry renumbers when it inserts a
programme: never a key), `区分名`, `番号` (the entry's number within its programme), names,
aliases. Aliases are separated by `；`, which also occurs inside brackets
(`プリメロフ（旧姓：オブラゾワ；Obrazova）`), so they are split outside brackets only.

The CSV is the record (it has every column); the workbook is read too, and the two must list
the same programmes and entries: a file cut short in transfer disagrees with its twin.
"""

from __future__ import annotations

import csv
import io
import re

from openpyxl import load_workbook

from normalize.dates import DateParseError, parse_date
from normalize.lists.meti_entities import JAPANESE
from normalize.lists.model import Edition, Entry
from normalize.lists.pdftext import DocumentError
from normalize.lists.specs import ListSpec, country_codes
from normalize.lists.text import nfkc, split_outside_brackets, squash

CSV_REQUIRED = {
    "区分": "category",
    "区分名": "programme",
    "番号": "number",
    "告示日付": "notice_date",
    "告示番号": "notice_number",
    "氏名(日本語)": "name_ja",
    "氏名(英語)": "name_en",
    "別名・別称(日本語/英語)": "aliases",
    "生年月日": "birth_date",
    "国籍": "nationality",
    "住所・所在地": "address",
    "リスト掲載日": "listed",
}
CSV_COLUMNS = 32
XLSX_LABELS = {"告示日付": "notice_date", "番号": "number", "英語表記": "name_en"}
SEPARATORS = ";"  # NFKC turns the full-width ； into ;


def _label(text: object) -> str:
    return re.sub(r"\s+", "", nfkc(str(text or "")))


def decode(data: bytes, charset: str | None = None) -> str:
    """The HTTP charset if given; else UTF-8 (with or without BOM), else Shift_JIS (cp932)."""
    for encoding in [charset] if charset else ["utf-8-sig", "cp932"]:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    raise DocumentError(f"the CSV is neither {charset or 'UTF-8 nor Shift_JIS'}")


def parse(
    csv_data: bytes, xlsx_data: bytes | None, spec: ListSpec, charset: str | None = None
) -> Edition:
    edition = Edition(list=spec.id, urls=[], sha256="", fetched_at="")
    rows = list(csv.reader(io.StringIO(decode(csv_data, charset))))
    if not rows:
        raise DocumentError("empty CSV")
    header = [_label(h) for h in rows[0]]
    if len(header) != CSV_COLUMNS:
        raise DocumentError(f"the CSV header has {len(header)} columns, expected {CSV_COLUMNS}")
    missing = set(CSV_REQUIRED) - set(header)
    if missing:
        raise DocumentError(f"the CSV lacks the columns {sorted(missing)}")
    index = {CSV_REQUIRED[h]: i for i, h in enumerate(header) if h in CSV_REQUIRED}
    for line, raw in enumerate(rows[1:], 2):
        if not any(cell.strip() for cell in raw):
            continue
        if len(raw) != CSV_COLUMNS:
            raise DocumentError(f"CSV line {line} has {len(raw)} columns, expected {CSV_COLUMNS}")
        row = {key: squash(nfkc(raw[i])) for key, i in index.items()}
        edition.entries.append(_entry(row, spec, edition, line))
    if xlsx_data is not None:
        _cross_check(edition, read_workbook(xlsx_data))
    return edition


def _date(text: str, edition: Edition, where: str) -> str | None:
    if not text:
        return None
    try:
        return parse_date(text).isoformat()
    except DateParseError:
        edition.warnings.append(f"{where}: unreadable date {text!r}")
        return None


def _entry(row: dict[str, str], spec: ListSpec, edition: Edition, line: int) -> Entry:
    where = f"CSV line {line}"
    if not row["number"].isdigit():
        raise DocumentError(f"{where}: 番号 {row['number']!r} is not a number")
    aliases = split_outside_brackets(row["aliases"], SEPARATORS)
    programme = row["programme"]
    birth = _date(row["birth_date"], edition, where)
    if birth or ("個人" in programme and "団体" not in programme):
        schema = "Person"
    elif "団体" in programme or "銀行" in programme:
        schema = "Organization" if "個人" not in programme else spec.schema
    else:
        schema = spec.schema
    country = None
    if row["nationality"]:
        country = country_codes().get(row["nationality"])
        if country is None:
            edition.warnings.append(f"{where}: unknown nationality {row['nationality']!r}")
    notice_date = _date(row["notice_date"], edition, where)
    return Entry(
        number=int(row["number"]),
        name_ja=row["name_ja"] or None,
        name_en=row["name_en"] or None,
        aliases_ja=[a for a in aliases if JAPANESE.search(a)],
        aliases_en=[a for a in aliases if not JAPANESE.search(a)],
        addresses=split_outside_brackets(row["address"], SEPARATORS),
        country=country,
        schema=schema,
        listed=_date(row["listed"], edition, where) or notice_date,
        programme=programme,
        category=row["category"] or None,
        details={
            k: v
            for k, v in {
                "birth_date": birth,
                "notice_date": notice_date,
                "notice_number": row["notice_number"] or None,
            }.items()
            if v is not None
        },
    )


def read_workbook(data: bytes) -> set[tuple[str, int, str]]:
    """(programme, 番号, English name) of every row of every sheet."""
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises zipfile, KeyError or XML errors alike
        raise DocumentError(f"unreadable workbook: {error}") from error
    found: set[tuple[str, int, str]] = set()
    for sheet in wb.worksheets:
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        if not rows:
            continue
        title = squash(nfkc(next((str(c) for c in rows[0] if c not in (None, "")), "")))
        columns = None
        for row in rows[1:]:
            if columns is None:
                if row and row[0] is not None and "告示日付" in _label(row[0]):
                    columns = {
                        XLSX_LABELS[_label(c)]: i
                        for i, c in enumerate(row)
                        if _label(c) in XLSX_LABELS
                    }
                    if len(columns) != len(XLSX_LABELS):
                        raise DocumentError(f"sheet {sheet.title}: header lacks {XLSX_LABELS}")
                continue
            if all(c in (None, "") for c in row):
                continue
            name = squash(nfkc(str(row[columns["name_en"]] or "")))
            found.add((title, int(row[columns["number"]]), name))
        if columns is None:
            raise DocumentError(f"sheet {sheet.title}: no header row starting 告示日付")
    wb.close()
    return found


def _cross_check(edition: Edition, workbook: set[tuple[str, int, str]]) -> None:
    listed = {(e.programme or "", e.number or 0, e.name_en or "") for e in edition.entries}
    if listed != workbook:
        only_csv, only_xlsx = len(listed - workbook), len(workbook - listed)
        raise DocumentError(
            f"the CSV and the workbook disagree: {only_csv} rows only in the CSV, "
            f"{only_xlsx} only in the workbook"
        )
