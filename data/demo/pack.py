#!/usr/bin/env python3
"""Pack the demo pages into one WARC per snapshot: ``snapshots/{YYYY-MM-DD}.warc.gz``.

    python data/demo/pack.py [--out DIR]

Reads ``timeline.yml`` beside this file. For each snapshot date it writes a gzipped WARC with
a ``warcinfo`` record and one ``response`` record (``HTTP/1.1 200``) for every page visible on
that date, the listing pages of each source, generated here from the timeline (newest first,
in each site's own listing layout, see README.md), and both robots.txt files.

The output is deterministic, so the snapshots can be committed and a test can regenerate them:
every WARC-Date is the snapshot date at 09:00:00Z, every WARC-Record-ID is a uuid5 of
(snapshot, URL), records are written in URL order, and the gzip members carry no timestamp
(warcio compresses with zlib, whose gzip header has mtime 0).
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import io
import json
import re
import sys
import uuid
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

import yaml
from partners import JSON_TYPE
from partners import LISTINGS as PARTNER_LISTINGS
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).resolve().parent
SOURCES = (
    "meti_news_ja",
    "meti_news_en",
    "meti_russia",
    "mofa_press_en",
    "mofa_press_ja",
    *PARTNER_LISTINGS,
    "meti_eul",
    "meti_entity_lists",
    "meti_end_user_list_doc",
    "mof_asset_freeze",
)
# record: an entry of an API answer (a Federal Register document), not a page of its own:
# the source's generated listing carries it, its URL is not archived.
# document: a list document (PDF, workbook, CSV) a page links; versioned like a page.
KINDS = ("release", "other", "link", "page", "record", "document")
VERSIONED_KINDS = ("page", "document")
LISTED_KINDS = ("release", "other", "link", "record")  # what a listing shows
ROBOTS_BODY = b"User-agent: *\nDisallow:\n"
HTML_TYPE = "text/html; charset=UTF-8"
LIST_DOCUMENT_TYPES = {
    ".pdf": "application/pdf",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".csv": "text/csv; charset=Shift_JIS",  # MOF's CSV, as Japanese government CSVs are
}
# Pages are HTML unless their file says otherwise (commerce.gov URLs have no extension).
FILE_TYPES = {".html": HTML_TYPE, "": HTML_TYPE, ".json": JSON_TYPE, **LIST_DOCUMENT_TYPES}
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
RECORD_ID_NAMESPACE = uuid.NAMESPACE_URL


@dataclass(frozen=True)
class Page:
    source: str
    kind: str
    url: str
    title: str
    published: dt.date
    visible_from: dt.date
    file: Path | None  # None for kind "link": listed, not archived


# ------------------------------------------------------------------ timeline


def _date(value: object, where: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"{where}: not a YYYY-MM-DD date: {value!r}") from None


def _keys(mapping: dict, required: set[str], optional: set[str], where: str) -> None:
    missing, unknown = required - mapping.keys(), mapping.keys() - required - optional
    if missing or unknown:
        raise ValueError(f"{where}: missing keys {sorted(missing)}, unknown keys {sorted(unknown)}")


def load_timeline(path: Path) -> tuple[list[dt.date], dict[str, str], list[Page]]:
    """Read and check timeline.yml: (snapshot dates, entry URL per source, pages)."""
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    _keys(doc, {"snapshots", "sources", "pages"}, set(), str(path))
    snapshots = [_date(s["date"], "snapshot") for s in doc["snapshots"]]
    if snapshots != sorted(set(snapshots)):
        raise ValueError("snapshot dates must be unique and in order")
    if set(doc["sources"]) != set(SOURCES):
        raise ValueError(f"sources must be exactly {SOURCES}")
    entries = {name: src["entry"] for name, src in doc["sources"].items()}

    pages: list[Page] = []
    for raw in doc["pages"]:
        where = raw.get("url", "?")
        if raw.get("kind") in VERSIONED_KINDS:
            _keys(raw, {"source", "kind", "url", "versions"}, set(), where)
            versions = raw["versions"]
        else:
            _keys(
                raw,
                {"source", "kind", "url", "title", "published", "visible_from"},
                {"file"},
                where,
            )
            versions = [raw]
        if raw["source"] not in SOURCES or raw["kind"] not in KINDS:
            raise ValueError(f"{where}: unknown source or kind")
        for v in versions:
            if raw["kind"] in VERSIONED_KINDS:
                _keys(v, {"file", "title", "published", "visible_from"}, set(), where)
            if ("file" in v) == (raw["kind"] == "link"):
                raise ValueError(f"{where}: a 'link' has no file, every other kind has one")
            page = Page(
                raw["source"],
                raw["kind"],
                raw["url"],
                v["title"],
                _date(v["published"], where),
                _date(v["visible_from"], where),
                HERE / v["file"] if "file" in v else None,
            )
            if page.visible_from not in snapshots or page.visible_from < page.published:
                raise ValueError(f"{where}: visible_from must be a snapshot on/after published")
            if page.file is not None:
                check_page_file(page)
            pages.append(page)
    keys = [(p.url, p.visible_from) for p in pages]
    if len(keys) != len(set(keys)):
        raise ValueError("two pages share a URL and a visible_from date")
    return snapshots, entries, pages


def check_page_file(page: Page) -> None:
    if page.file.suffix in LIST_DOCUMENT_TYPES:  # binary or Shift_JIS: lists/generate.py made it
        return
    text = page.file.read_text(encoding="utf-8")  # raises on invalid UTF-8
    if page.file.suffix == ".json":  # an API answer: its title field is the title
        if json.loads(text)["title"] != page.title:
            raise ValueError(f"{page.file}: title is not {page.title!r}")
        return
    if '<meta charset="UTF-8">' not in text:
        raise ValueError(f'{page.file}: no <meta charset="UTF-8">')
    if not re.search(r"<h1[^>]*>(<span>)?" + re.escape(html.escape(page.title, quote=False)), text):
        raise ValueError(f"{page.file}: h1 does not read {page.title!r}")


def visible(pages: list[Page], snapshot: dt.date) -> list[Page]:
    """The pages online at `snapshot`: for each URL, its newest version visible by then."""
    latest: dict[str, Page] = {}
    for p in sorted(pages, key=lambda p: p.visible_from):
        if p.visible_from <= snapshot:
            latest[p.url] = p
    return list(latest.values())


# ------------------------------------------------------------------ listing pages


def _ja(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _en(d: dt.date) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def _path(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def _a(href: str, title: str, cls: str = "") -> str:
    cls_attr = f' class="{cls}"' if cls else ""
    return f'<a href="{html.escape(href)}"{cls_attr}>{html.escape(title, quote=False)}</a>'


def _doc(lang: str, title: str, body: str) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="UTF-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def _newest_first(items: list[Page]) -> list[Page]:
    return sorted(items, key=lambda p: (p.published, p.url), reverse=True)


def _months(items: list[Page]) -> list[tuple[int, int]]:
    return sorted({(p.published.year, p.published.month) for p in items}, reverse=True)


METI_JA_HEAD = (
    '<div id="header">\n<p class="logo"><a href="/index.html">経済産業省 Ministry of Economy, '
    'Trade and Industry</a></p>\n</div>\n<div id="topicpath">\n<ol>\n<li><a href="/index.html">'
    "ホーム</a></li>\n<li>{crumb}</li>\n</ol>\n</div>"
)


def meti_ja_listings(items: list[Page]) -> dict[str, str]:
    """Index (dl#release_menulist, relative hrefs) and monthly archives (ul.float_li)."""
    out: dict[str, str] = {}
    rows = "\n".join(
        f"<dt>{_ja(p.published)}</dt>\n<dd>{_a(_path(p.url)[len('/press/') :], p.title)}</dd>"
        for p in _newest_first(items)
    )
    archives = "\n".join(
        f'<li><a href="archive_{y}{m:02d}.html">{y}年{m}月</a></li>' for y, m in _months(items)
    )
    out["https://www.meti.go.jp/press/index.html"] = _doc(
        "ja",
        "ニュースリリース（METI/経済産業省）",
        (
            f"{METI_JA_HEAD.format(crumb='ニュースリリース')}\n<h1>ニュースリリース</h1>\n"
            f'<div id="MainContents">\n<dl id="release_menulist">\n{rows}\n</dl>\n'
            f'<h2>月別アーカイブ</h2>\n<ul class="linkE">\n{archives}\n</ul>\n</div>'
        ),
    )
    for (y, m), group in groupby(
        _newest_first(items), key=lambda p: (p.published.year, p.published.month)
    ):
        lis = "\n".join(
            f'<li>\n<div class="txt_box">\n<p>{_ja(p.published)}</p>\n'
            f"{_a(_path(p.url), p.title, 'cut_txt')}\n</div>\n</li>"
            for p in group
        )
        name = f"{y}年{m}月のニュースリリース"
        out[f"https://www.meti.go.jp/press/archive_{y}{m:02d}.html"] = _doc(
            "ja",
            f"{name}（METI/経済産業省）",
            (
                f"{METI_JA_HEAD.format(crumb=name)}\n<h1>{name}</h1>\n"
                f'<div id="MainContents">\n<ul class="clearfix float_li">\n{lis}\n</ul>\n</div>'
            ),
        )
    return out


def meti_en_listings(items: list[Page]) -> dict[str, str]:
    """One dl.date_sp.b-solid.mb10 per release."""
    rows = "\n".join(
        f'<dl class="date_sp b-solid mb10">\n<dt>{_en(p.published)}</dt>\n'
        f"<dd>{_a(_path(p.url), p.title)}</dd>\n</dl>"
        for p in _newest_first(items)
    )
    return {
        "https://www.meti.go.jp/english/press/index.html": _doc(
            "en",
            "News Releases | METI Ministry of Economy, Trade and Industry",
            (
                '<div id="header">\n<p class="logo"><a href="/english/index.html">METI Ministry of Economy, '
                'Trade and Industry</a></p>\n</div>\n<p id="topicpath" class="topicpath">'
                '<a href="/english/index.html">Home</a> &gt; News Releases</p>\n<h1>News Releases</h1>\n'
                f'<div id="MainContents">\n{rows}\n</div>'
            ),
        )
    }


def _mofa_dl(items: list[Page], dt_text) -> str:
    """dl.title-list: one dt.list-title per day (no year), its releases as dd > ul > li > a."""
    parts = []
    for day, group in groupby(_newest_first(items), key=lambda p: p.published):
        lis = "\n".join(f"<li>{_a(_path(p.url), p.title)}</li>" for p in group)
        parts.append(
            f'<dt class="list-title">{dt_text(day)}</dt>\n<dd>\n<ul class="link-list">\n{lis}\n</ul>\n</dd>'
        )
    return (
        '<div id="pressrelease">\n<dl class="title-list">\n' + "\n".join(parts) + "\n</dl>\n</div>"
    )


def _mofa_en_page(h1: str, inner: str) -> str:
    return _doc(
        "en",
        f"{h1} | Ministry of Foreign Affairs of Japan",
        (
            '<div id="wrapper">\n<div id="breadcrumb">\n<ul>\n<li><a href="/index.html">Home</a></li>\n'
            f'<li><a href="/press/index.html">Press Room</a></li>\n<li>{h1}</li>\n</ul>\n</div>\n'
            f'<div id="contents">\n<div id="maincontents">\n<h1>{h1}</h1>\n{inner}\n</div>\n</div>\n</div>'
        ),
    )


def mofa_en_listings(items: list[Page]) -> dict[str, str]:
    """Index and monthly archives YYYYMM_index.html; dates without a year ("May 8")."""

    def day(d: dt.date) -> str:
        return f"{MONTHS[d.month - 1]} {d.day}"

    base = "https://www.mofa.go.jp/press/release/"
    archives = "\n".join(
        f'<li><a href="/press/release/{y}{m:02d}_index.html">{MONTHS[m - 1]} {y}</a></li>'
        for y, m in _months(items)
    )
    out = {
        base + "index.html": _mofa_en_page(
            "Press Releases",
            f'{_mofa_dl(items, day)}\n<h2>Archives</h2>\n<ul class="archive-list">\n{archives}\n</ul>',
        )
    }
    for y, m in _months(items):
        month = [p for p in items if (p.published.year, p.published.month) == (y, m)]
        out[f"{base}{y}{m:02d}_index.html"] = _mofa_en_page(
            f"Press Releases ({MONTHS[m - 1]} {y})", _mofa_dl(month, day)
        )
    return out


def _mofa_ja_page(h1: str, inner: str) -> str:
    return _doc(
        "ja",
        f"{h1}｜外務省",
        (
            '<div id="wrapper">\n<div id="breadcrumb">\n<ul>\n<li><a href="/mofaj/index.html">トップページ</a></li>\n'
            f'<li><a href="/mofaj/press/index.html">報道・広報</a></li>\n<li>{h1}</li>\n</ul>\n</div>\n'
            '<main id="contents">\n<article id="contents-article">\n<div id="contents-header">\n'
            f'<h1 class="title1"><span>{h1}</span></h1>\n</div>\n<div id="contents-body">\n<div id="main">\n'
            f'<div id="maincontents">\n{inner}\n</div>\n</div>\n</div>\n</article>\n</main>\n</div>'
        ),
    )


def mofa_ja_archive_name(year: int, month: int) -> str:
    # The real archive names are padded inconsistently (4_1_index.html next to 4_02_index.html);
    # the demo pads even months only, so a spider must not assume either form.
    return (
        f"{year - 2018}_{month:02d}_index.html"
        if month % 2 == 0
        else f"{year - 2018}_{month}_index.html"
    )


def mofa_ja_listings(items: list[Page]) -> dict[str, str]:
    """Index and monthly archives {Reiwa}_{MM}_index.html; dates as "5月8日付"."""

    def day(d: dt.date) -> str:
        return f"{d.month}月{d.day}日付"

    base = "https://www.mofa.go.jp/mofaj/press/release/"
    archives = "\n".join(
        f'<li><a href="/mofaj/press/release/{mofa_ja_archive_name(y, m)}">令和{y - 2018}年{m}月</a></li>'
        for y, m in _months(items)
    )
    out = {
        base + "index.html": _mofa_ja_page(
            "報道発表",
            f'{_mofa_dl(items, day)}\n<h2>過去の報道発表</h2>\n<ul class="archive-list">\n{archives}\n</ul>',
        )
    }
    for y, m in _months(items):
        month = [p for p in items if (p.published.year, p.published.month) == (y, m)]
        out[base + mofa_ja_archive_name(y, m)] = _mofa_ja_page(
            f"報道発表（令和{y - 2018}年{m}月）", _mofa_dl(month, day)
        )
    return out


LISTINGS = {
    "meti_news_ja": meti_ja_listings,
    "meti_news_en": meti_en_listings,
    "mofa_press_en": mofa_en_listings,
    "mofa_press_ja": mofa_ja_listings,
}


# ------------------------------------------------------------------ WARC


def snapshot_documents(
    pages: list[Page], snapshot: dt.date, entries: dict[str, str]
) -> dict[str, tuple[bytes, str, dt.date | None]]:
    """Every document of one snapshot: URL -> (body, Content-Type, Last-Modified date or None)."""
    online = visible(pages, snapshot)
    docs: dict[str, tuple[bytes, str, dt.date | None]] = {}
    for p in online:
        if p.file is not None and p.kind != "record":
            docs[p.url] = (p.file.read_bytes(), FILE_TYPES[p.file.suffix], p.published)
    for source, render in LISTINGS.items():
        listed = [p for p in online if p.source == source and p.kind in LISTED_KINDS]
        for url, text in render(listed).items():
            docs[url] = (text.encode("utf-8"), HTML_TYPE, None)
    for source, render in PARTNER_LISTINGS.items():
        listed = [p for p in online if p.source == source and p.kind in LISTED_KINDS]
        for url, (text, ctype) in render(listed, entries[source]).items():
            docs[url] = (text.encode("utf-8"), ctype, None)
    for host in sorted({u.split("/")[2] for u in docs}):  # every host answers robots.txt
        docs[f"https://{host}/robots.txt"] = (ROBOTS_BODY, "text/plain; charset=UTF-8", None)
    return docs


def _http_date(d: dt.date, hour: int) -> str:
    return (
        f"{DAYS[d.weekday()]}, {d.day:02d} {MONTHS[d.month - 1][:3]} {d.year} {hour:02d}:00:00 GMT"
    )


def record_id(snapshot: dt.date, url: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(RECORD_ID_NAMESPACE, f'{snapshot.isoformat()} {url}')}>"


def warc_bytes(snapshot: dt.date, docs: dict[str, tuple[bytes, str, dt.date | None]]) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    warc_date = f"{snapshot.isoformat()}T09:00:00Z"
    filename = f"{snapshot.isoformat()}.warc.gz"
    info = (
        f"software: regwatch data/demo/pack.py\r\nformat: WARC File Format 1.0\r\n"
        f"description: regwatch demo archive, snapshot of {snapshot.isoformat()}; pages written by "
        f"the regwatch project from public facts, not copies of government text\r\n"
    ).encode()
    writer.write_record(
        writer.create_warc_record(
            "",
            "warcinfo",
            payload=io.BytesIO(info),
            length=len(info),
            warc_headers_dict={
                "WARC-Date": warc_date,
                "WARC-Filename": filename,
                "WARC-Record-ID": record_id(snapshot, "warcinfo:" + filename),
            },
        )
    )
    # robots.txt first on each host, then the host's pages in URL order
    for url in sorted(docs, key=lambda u: (u.split("/")[2], not u.endswith("/robots.txt"), u)):
        body, ctype, modified = docs[url]
        headers = [
            ("Date", _http_date(snapshot, 9)),
            ("Server", "Apache"),
            ("Content-Type", ctype),
            ("Content-Length", str(len(body))),
        ]
        if modified is not None:
            headers.append(("Last-Modified", _http_date(modified, 1)))
        http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(body),
                length=len(body),
                http_headers=http,
                warc_headers_dict={
                    "WARC-Date": warc_date,
                    "WARC-Record-ID": record_id(snapshot, url),
                },
            )
        )
    return buf.getvalue()


def pack(out: Path, timeline: Path = HERE / "timeline.yml") -> list[Path]:
    snapshots, entries, pages = load_timeline(timeline)
    out.mkdir(parents=True, exist_ok=True)
    wanted = {f"{s.isoformat()}.warc.gz" for s in snapshots}
    for stale in out.glob("????-??-??.warc.gz"):
        if stale.name not in wanted:
            stale.unlink()
    written = []
    for snapshot in snapshots:
        docs = snapshot_documents(pages, snapshot, entries)
        path = out / f"{snapshot.isoformat()}.warc.gz"
        path.write_bytes(warc_bytes(snapshot, docs))
        written.append(path)
        print(f"{path.name}: {len(docs)} responses")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--out",
        type=Path,
        default=HERE / "snapshots",
        help="folder for the {YYYY-MM-DD}.warc.gz files (default: data/demo/snapshots)",
    )
    parser.add_argument(
        "--timeline", type=Path, default=HERE / "timeline.yml", help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    pack(args.out, args.timeline)
    return 0


if __name__ == "__main__":
    sys.exit(main())
