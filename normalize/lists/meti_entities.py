"""METI's specified-entity lists (特定団体リスト: Russia, Belarus, third countries), PDF.

Layout (sources.md §3, and the real PDFs' text):

    ○ …禁止措置の対象となるロシア連邦の団体（令和四年外務省告示第八十二号）
    指定日：2022 年03月01 日
    最終更新日：2022 年05月17 日
    １ 株式会社カザンヘリコプター修理工場（別称、Kazanski Vertoletny Zavod Remservis 及び KVZ
    Remservis）
    JSC Kazan Helicopter Plant Repair Service, a.k.a., the following two aliases:
    -Kazanski Vertoletny Zavod Remservis; and
    -KVZ Remservis
    所在地：Ulitsa Tetsevskaya 14, Kazan, Russia; and …

Quirks of the real files: text extraction glues an entry number to the end of the previous
address (`…Russia.25 株式会社…`) or a Japanese name to its English one on one line; alias lists
say "the follow three aliases"; a Japanese name wraps mid-word. Entries are therefore found by
their *expected next number* at a line start or after a full stop, on a line holding Japanese
text, and a number that is not found is recorded as a gap for the count guard.
"""

from __future__ import annotations

import re

from normalize.lists.model import Edition, Entry
from normalize.lists.pdftext import DocumentError, pdf_text
from normalize.lists.specs import ListSpec
from normalize.lists.text import NumeralError, kanji_number, nfkc, split_outside_brackets, squash

JAPANESE = re.compile(r"[\u3005\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\u3001-\u3003\u300c-\u300f]")
NOTICE = re.compile(r"((?:令和|平成)\s*(\S{1,3})\s*年\s*外務省告示\s*第\s*(\S{1,6}?)\s*号)")
DESIGNATED = re.compile(r"指定日\s*:\s*([^\n]+)")
UPDATED = re.compile(r"最終更新日\s*:\s*([^\n]+)")
ANY_START = re.compile(r"(?:^|(?<=\.))[ \t]*(\d{1,4})\s+(?=[^\d\s.,:;])", re.M)
AKA = re.compile(
    r"^(?P<name>.*?)[,\s]*a\.?k\.?a\.?,?\s*(?:the\s+)?follow(?:ing)?\s+(?P<n>[\w-]+)\s+alias(?:es)?\s*:?"
    r"(?P<rest>.*)$",
    re.S | re.I,
)
ALIAS_START = re.compile(r"(?:^|;)\s*(?:and\s*)?-\s*")
NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
        ]
    )
}
PAGE_FOOTER = re.compile(r"^[ \t]*[-−–]\s*\d{1,4}\s*[-−–][ \t]*$", re.M)  # "- 3 -"
KEEP_FINAL_DOT = ("Ltd.", "Co.", "Inc.", "Corp.", "St.", "L.L.C.", "Str.")


def parse(data: bytes, spec: ListSpec) -> Edition:
    text, pages = pdf_text(data)
    return parse_text(text, spec, pages)


def parse_text(text: str, spec: ListSpec, pages: int | None = None) -> Edition:
    """The parser on extracted text (tests feed it the real files' quirks directly)."""
    text = PAGE_FOOTER.sub("", nfkc(text))
    edition = Edition(list=spec.id, urls=[], sha256="", fetched_at="", pages=pages)
    _header(text, edition)
    starts = _entry_starts(text)
    if not starts:
        raise DocumentError("no numbered entry found")
    for (number, begin, _), (_, _, end) in zip(
        starts, [*starts[1:], (0, 0, len(text))], strict=True
    ):
        block = text[begin:end]
        try:
            edition.entries.append(_entry(number, block, spec, edition.warnings))
        except ValueError as error:
            edition.warnings.append(f"entry {number}: {error}")
    return edition


def _header(text: str, edition: Edition) -> None:
    head = text[: text.find("\n1 ") if "\n1 " in text else 2000]
    m = NOTICE.search(head.replace("\n", ""))
    if m:
        edition.notice = m.group(1).replace(" ", "")
        try:
            kanji_number(m.group(3))
        except NumeralError:
            edition.warnings.append(f"unreadable notice number {m.group(1)!r}")
    edition.read_dates(head, {"designated": DESIGNATED, "updated": UPDATED})


def _line_at(text: str, pos: int) -> str:
    end = text.find("\n", pos)
    return text[pos : end if end >= 0 else len(text)]


def _entry_starts(text: str) -> list[tuple[int, int, int]]:
    """(number, start of its text, start of its number) for every entry, in order."""
    starts: list[tuple[int, int, int]] = []
    pos, expected = 0, 1
    while True:
        found = None
        exact = re.compile(rf"(?:^|(?<=\.))[ \t]*{expected}\s+(?=[^\d\s.,:;])", re.M)
        for m in exact.finditer(text, pos):
            if JAPANESE.search(_line_at(text, m.end())):
                found = (expected, m)
                break
        if found is None:  # a gap: take the next numbered entry further on, if any
            for m in ANY_START.finditer(text, pos):
                n = int(m.group(1))
                if n > expected and JAPANESE.search(_line_at(text, m.end())):
                    found = (n, m)
                    break
        if found is None:
            return starts
        number, m = found
        starts.append((number, m.end(), m.start()))
        pos, expected = m.end(), number + 1


def _join(lines: list[str]) -> str:
    """Join wrapped lines: no space where either side of the break is Japanese."""
    out = ""
    for line in (ln.strip() for ln in lines):
        if not line:
            continue
        if out and not (JAPANESE.match(out[-1]) or JAPANESE.match(line[0]) or out[-1] in "(-"):
            out += " "
        out += line
    return out


def _entry(number: int, block: str, spec: ListSpec, warnings: list[str]) -> Entry:
    block = block.strip()
    # an address glued to the next entry's number was cut at the number: drop nothing else
    at = block.find("所在地")
    head, address = (block, "") if at < 0 else (block[:at], block[at:])
    ja_end = _japanese_end(head)
    ja_text, en_text = _join(head[:ja_end].split("\n")), _join(head[ja_end:].split("\n"))
    name_ja, aliases_ja = _japanese_name(ja_text)
    name_en, aliases_en = _english_name(en_text, number, warnings)
    if not name_ja and not name_en:
        raise ValueError("no name")
    addresses = []
    if address:
        address = _join(re.sub(r"^所在地\s*:?\s*", "", address).split("\n"))
        addresses = [a.strip().rstrip(".").strip() for a in re.split(r";\s*and\s+|;", address)]
        addresses = [squash(a) for a in addresses if a.strip()]
    else:
        warnings.append(f"entry {number}: no 所在地 (address) line")
    return Entry(
        number=number,
        name_ja=name_ja,
        name_en=name_en,
        aliases_ja=aliases_ja,
        aliases_en=aliases_en,
        addresses=addresses,
        country=spec.country,
        schema=spec.schema,
    )


def _japanese_end(head: str) -> int:
    """Where the Japanese name ends: after its last Japanese character, extended to close any
    bracket it opened (`（別称、… KVZ\\nRemservis）`)."""
    last = -1
    for m in JAPANESE.finditer(head):
        last = m.end()
    if last < 0:
        return 0
    depth = head[:last].count("(") - head[:last].count(")")
    pos = last
    while depth > 0 and pos < len(head):
        if head[pos] == "(":
            depth += 1
        elif head[pos] == ")":
            depth -= 1
        pos += 1
    return pos


def _japanese_name(text: str) -> tuple[str | None, list[str]]:
    text = text.strip()
    if not text:
        return None, []
    aliases: list[str] = []
    m = re.search(r"\(別称[、,]", text)
    if m:
        depth, end = 0, len(text)
        for i in range(m.start(), len(text)):
            depth += {"(": 1, ")": -1}.get(text[i], 0)
            if depth == 0:
                end = i
                break
        inner = text[m.end() : end]
        aliases = [a for part in split_outside_brackets(inner, "、,") for a in part.split("及び")]
        aliases = [squash(a) for a in aliases if a.strip()]
        text = text[: m.start()] + text[end + 1 :]
    return squash(text).rstrip("。") or None, aliases


def _english_name(text: str, number: int, warnings: list[str]) -> tuple[str | None, list[str]]:
    text = text.strip()
    if not text:
        return None, []
    m = AKA.match(text)
    if m is None:
        return squash(text).rstrip(",") or None, []
    name = squash(m.group("name")).rstrip(",")
    parts = [p for p in ALIAS_START.split(m.group("rest").strip()) if p.strip()]
    aliases = [squash(p).removesuffix("; and").rstrip(";").strip() for p in parts]
    if aliases and aliases[-1].endswith(".") and not aliases[-1].endswith(KEEP_FINAL_DOT):
        aliases[-1] = aliases[-1][:-1]
    stated = m.group("n").lower()
    count = NUMBER_WORDS.get(stated, int(stated) if stated.isdigit() else None)
    if count is not None and count != len(aliases):
        warnings.append(f"entry {number}: states {count} English aliases, {len(aliases)} read")
    return name or None, [a for a in aliases if a]
