"""`regwatch synth`: a synthetic archive of many years, for benchmarks and scale tests.

    regwatch synth --out DIR [--years 10] [--announcements 20000] [--seed 1]

writes one WARC per simulated weekly crawl, `DIR/{YYYY-MM-DD}.warc.gz`, in the layout of the
bundled archive (data/demo/pack.py writes the WARC records and the listing pages), plus
`DIR/synth.json` saying what is inside. The same arguments give the same bytes.

What a crawl sees is what the real sites show. The spiders read only each source's index
page, so every snapshot's index lists the newest releases (`LISTED` per source, as the real
index pages do) and, beyond those, every release that appeared since the previous crawl;
each listed release page is in the snapshot, as it would be fetched again. METI's Russia
page is one living document, revised whenever an export measure changes.

Pages weigh what the real ones do: each HTML page and listing wears its site's furniture
(regwatch/synth_chrome.py: menus, sidebars naming other measures, footers, scripts) outside
the content the spiders read; `furniture=False` writes the same archive without it.

The story: measures of the kinds normalize/rules/measures.yml knows are introduced over
the years (a Crimea import ban first, then packages of export bans), then amended again and
again ("entities added", "items added", asset-freeze designations), with effective dates a
week or two later; G7 and Japan-U.S. leaders' statements come a few times a year. Most
releases are about something else, as on the real sites.
"""

from __future__ import annotations

import importlib.util
import json
import random
import sys
import tempfile
from bisect import insort
from collections import deque
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from crawlers.registry import get_spider
from regwatch import DEMO_DIR, synth_partners
from regwatch import synth_chrome as chrome
from regwatch import synth_pages as pages
from regwatch import synth_story as story
from regwatch.synth_text import (
    MONTHS,
    SCOPES,
    Scope,
    meti_en_filler,
    meti_ja_filler,
    mofa_en_filler,
    mofa_ja_filler,
    targets_ja,
)

DEFAULT_YEARS = 10
DEFAULT_ANNOUNCEMENTS = 20_000
CRAWL_EVERY = timedelta(days=7)
LEAD_IN_DAYS = 35
END = date(2025, 12, 29)  # the last crawl: fixed, so the archive never depends on today
LISTED = {"meti_news_ja": 30, "meti_news_en": 20, "mofa_press_en": 30, "mofa_press_ja": 30,
          **dict.fromkeys(synth_partners.WRITERS, 20)}  # fmt: skip
FILLER_SHARE = {"meti_news_ja": 0.42, "mofa_press_ja": 0.24, "mofa_press_en": 0.18,
                "meti_news_en": 0.16}  # fmt: skip
RUSSIA_URL = (
    "https://www.meti.go.jp/policy/external_economy/trade_control/02_export/17_russia/russia.html"
)
# Sources synth writes pages for; a registered spider missing here has no synthetic pages.
SYNTHESIZED = ("meti_news_ja", "meti_news_en", "meti_russia", "mofa_press_en", "mofa_press_ja",
               *synth_partners.WRITERS)  # fmt: skip
# Registered sources without synthetic pages, and why (tests/test_synth.py holds the registry
# to this list, so a new spider is a decision, not an omission).
NOT_SYNTHESIZED = {
    "meti_entity_lists": "list documents (PDF): a handful of editions a year, parsed by "
    "normalize/lists; their scale is the lists' (docs/scale.md)",
    "meti_end_user_list_doc": "list document (PDF), as above",
    "mof_asset_freeze": "list documents (Excel, CSV), as above",
    "meti_eul": "announces End User List revisions from two standing pages (a few a year)",
}

# (scope, targets, when introduced as a fraction of the span, package): measures introduced
# in the same package are announced together, as Japan did on 11 March 2022.
MEASURES = [
    ("all-imports", ("CRIMEA",), 0.01, 0),
    ("regime-items", ("RU", "BY"), 0.30, 1),
    ("dual-use-goods", ("RU", "BY"), 0.30, 1),
    ("military-end-users", ("RU", "BY"), 0.30, 1),
    ("oil-refining", ("RU",), 0.30, 1),
    ("all-exports", ("DPR-LPR",), 0.30, 1),
    ("all-imports", ("DPR-LPR",), 0.29, 2),
    ("asset-freeze", ("RU",), 0.29, 2),
    ("luxury-goods", ("RU",), 0.33, 3),
    ("goods", ("RU",), 0.34, 4),
    ("advanced-goods", ("RU",), 0.36, 5),
    ("industrial-base", ("RU",), 0.38, 6),
    ("asset-freeze", ("BY",), 0.45, 7),
]
# Mean days between amendments of a measure, by what an amendment adds.
AMEND_EVERY = {"entities": 56, "designations": 42, "items": 200}
JPUS_THEMES = [("自由で開かれた国際秩序の強化", "Strengthening the Free and Open International Order"),
               ("未来のためのグローバル・パートナー", "Global Partners for the Future"),
               ("強靱なサプライチェーンの構築", "Building Resilient Supply Chains"),
               ("経済安全保障の強化", "Strengthening Economic Security")]  # fmt: skip


@dataclass
class Doc:
    source: str
    title: str
    published: date
    html: str
    url: str = ""  # MOFA numbers are given once every page exists, in date order
    measure: bool = False  # about a measure (not filler)
    ctype: str = synth_partners.HTML_TYPE
    record: bool = False  # an API record: its listing carries it, it has no URL of its own


@dataclass
class _Measure:
    scope: Scope
    codes: tuple[str, ...]
    introduced: date
    effective: date
    total: int
    notes: list[date] = field(default_factory=list)  # effective dates of additions


class Archive:
    """Every page of the synthetic archive, built from the seed."""

    def __init__(self, years: int, announcements: int, seed: int, furniture: bool = True):
        self.rng = random.Random(seed)
        # Site furniture (synth_chrome) never draws from `rng`: without it, the same story.
        self.furniture = furniture
        self.start = END - timedelta(weeks=round(years * 52.18))
        self.span = (END - self.start).days
        self.docs: list[Doc] = []
        self.russia: list[tuple[date, str]] = []  # (published, html) of each version
        self.serials: dict[tuple[str, date], int] = {}
        self.amendments = {"entities": 0, "items": 0, "designations": 0}
        self.measures: list[_Measure] = []
        self.russia_releases: list[tuple[str, str]] = []
        self._story()
        for item in synth_partners.items(self.rng, self.start, self.span, self.span / 365.25):
            doc = Doc(item.source, item.title, item.published, item.body.decode(), item.url)
            doc.measure, doc.ctype = item.measure, item.ctype
            doc.record = item.source == "federal_register"  # carried by the API's answer
            self.docs.append(doc)
        self._filler(announcements - len(self.docs) - len(self.russia))
        self._number_mofa()

    # -------------------------------------------------------------- ids and URLs

    def dress(self, source: str, page: str, day: date, key: str) -> str:
        """The page with its site's furniture (synth_chrome), unless the archive goes without.
        Pages are kept bare and dressed when written: dressed, the archive's pages would hold
        twenty times the memory."""
        if not self.furniture:
            return page
        if source == "gov_uk":
            return synth_partners.gov_uk_dressed(page)
        return chrome.dress(chrome.SITE_OF[source], page, day, key)

    def page(self, doc: Doc) -> str:
        return self.dress(doc.source, doc.html, doc.published, doc.url)

    def day(self, fraction: float, jitter: int = 0) -> date:
        offset = int(self.span * fraction) + (self.rng.randint(0, jitter) if jitter else 0)
        return story.business_day(self.start + timedelta(days=min(offset, self.span)))

    def _serial(self, kind: str, d: date) -> int:
        self.serials[(kind, d)] = self.serials.get((kind, d), 0) + 1
        return self.serials[(kind, d)]

    def meti_ja_id(self, d: date) -> str:
        return f"{d:%Y%m%d}{self._serial('ja', d):03d}"

    @staticmethod
    def fiscal_year(d: date) -> int:
        return d.year if d.month >= 4 else d.year - 1

    def add_meti_ja(self, rid: str, d: date, body: pages.Body, measure: bool) -> Doc:
        url = f"https://www.meti.go.jp/press/{self.fiscal_year(d)}/{d.month:02d}/{rid}/{rid}.html"
        doc = Doc("meti_news_ja", body.title, d, pages.meti_ja(body), url, measure)
        self.docs.append(doc)
        return doc

    def add_meti_en(self, d: date, body: pages.Body, measure: bool) -> Doc:
        fy = self.fiscal_year(d)
        url = f"https://www.meti.go.jp/english/press/{fy}/{d:%m%d}_{self._serial('en', d):03d}.html"
        back_issue = f"{MONTHS[d.month - 1]} FY{fy}"
        doc = Doc("meti_news_en", body.title, d, pages.meti_en(body, back_issue), url, measure)
        self.docs.append(doc)
        return doc

    def add_mofa(self, source: str, d: date, body: pages.Body, measure: bool) -> Doc:
        render = pages.mofa_en if source == "mofa_press_en" else pages.mofa_ja
        doc = Doc(source, body.title, d, render(body), "", measure)
        self.docs.append(doc)
        return doc

    def _number_mofa(self) -> None:
        for source, pattern in (
            ("mofa_press_en", "https://www.mofa.go.jp/press/release/pressite_000001_{:05d}.html"),
            ("mofa_press_ja", "https://www.mofa.go.jp/mofaj/press/release/pressit_000001_{:05d}.html"),
        ):  # fmt: skip
            mine = [d for d in self.docs if d.source == source]
            for n, doc in enumerate(sorted(mine, key=lambda d: d.published), 1):
                doc.url = pattern.format(n)

    # -------------------------------------------------------------- the story

    def _story(self) -> None:
        rng = self.rng
        packages: dict[int, list[tuple[str, tuple[str, ...]]]] = {}
        when: dict[int, float] = {}
        for key, codes, fraction, package in MEASURES:
            packages.setdefault(package, []).append((key, codes))
            when[package] = fraction
        events: list[tuple[date, int, str, object]] = []
        for package, members in packages.items():
            events.append((self.day(when[package]), 0, "introduce", members))
        for n in range(max(1, self.span // 120)):  # G7 statements, about three a year
            events.append((self.day(n / max(1, self.span // 120), 40), 1, "g7", None))
        for n in range(max(1, self.span // 365)):
            events.append((self.day((n + 0.5) / max(1, self.span // 365), 30), 1, "jpus", n))
        events.append((self.day(0.55), 1, "espa", None))
        events.append((self.day(0.58), 1, "ipef", None))
        events.sort(key=lambda e: (e[0], e[1], e[2]))
        self._russia_version(self.start)
        for d, _, kind, arg in events:
            if kind == "introduce":
                self._introduce(d, arg)  # amendments of the new measures are scheduled here
            elif kind == "g7":
                self._g7(d)
            elif kind == "jpus":
                self._jpus(d, arg)
            elif kind == "espa":
                self._espa(d)
            else:
                self._ipef(d)
        # Amendments, in date order across measures.
        amendments = []
        for m in self.measures:
            if m.scope.unit is None:
                continue
            every = AMEND_EVERY[m.scope.unit]
            d = m.effective + timedelta(days=int(rng.expovariate(1 / every)) + 14)
            while d < END:
                amendments.append((story.business_day(d), self.measures.index(m)))
                d += timedelta(days=int(rng.expovariate(1 / every)) + 14)
        for d, index in sorted(amendments):
            if d <= END:
                self._amend(d, self.measures[index])

    def _introduce(self, d: date, members: list[tuple[str, tuple[str, ...]]]) -> None:
        rng = self.rng
        effective = story.business_day(d + timedelta(days=rng.randint(5, 14)))
        listed = []
        for key, codes in members:
            scope = SCOPES[key]
            count = {"entities": rng.randint(20, 60), "items": rng.randint(30, 200)}.get(
                scope.unit or "", 0
            )
            m = _Measure(scope, codes, d, effective, count)
            self.measures.append(m)
            if scope.type == "asset_freeze":
                entities, individuals = rng.randint(5, 60), rng.randint(3, 90)
                listed.append((scope, codes, entities, individuals))
                continue
            listed.append((scope, codes, count if scope.unit == "entities" else 0, 0))
            rid = self.meti_ja_id(d)
            ja = story.meti_ja_measure(rng, d, scope, codes, count, effective)
            self.add_meti_ja(rid, d, ja, True)
            self._link_russia(rid, d, ja.title)
            if rng.random() < 0.7:
                later = story.business_day(d + timedelta(days=rng.randint(1, 6)))
                self.add_meti_en(
                    later,
                    story.meti_en_measure(rng, later, d, scope, codes, count, effective),
                    True,
                )
        en = [(s, c, story.freeze_detail_en(e, i) if s.type == "asset_freeze" else
               (f"({e} entities)" if e else "")) for s, c, e, i in listed]  # fmt: skip
        ja = [(s, c, story.freeze_detail_ja(e, i) if s.type == "asset_freeze" else
               (f"（{e}団体）" if e else "")) for s, c, e, i in listed]  # fmt: skip
        self.add_mofa("mofa_press_ja", d, story.mofa_ja_package(rng, d, ja, effective), True)
        self.add_mofa("mofa_press_en", d, story.mofa_en_package(rng, d, en, effective), True)
        self._russia_version(d)

    def _amend(self, d: date, m: _Measure) -> None:
        rng = self.rng
        effective = story.business_day(d + timedelta(days=rng.randint(3, 10)))
        unit = m.scope.unit
        self.amendments[unit] += 1
        if unit == "designations":
            entities, individuals = rng.randint(1, 40), rng.randint(1, 30)
            pkg_en = [(m.scope, m.codes, story.freeze_detail_en(entities, individuals))]
            pkg_ja = [(m.scope, m.codes, story.freeze_detail_ja(entities, individuals))]
            self.add_mofa(
                "mofa_press_ja", d, story.mofa_ja_package(rng, d, pkg_ja, effective), True
            )
            en_day = d if rng.random() < 0.6 else story.business_day(d + timedelta(days=1))
            self.add_mofa(
                "mofa_press_en", en_day, story.mofa_en_package(rng, d, pkg_en, effective), True
            )
            return
        added = rng.randint(10, 80) if unit == "entities" else rng.randint(5, 60)
        m.total += added
        m.notes.append(effective)
        rid = self.meti_ja_id(d)
        ja = story.meti_ja_addition(
            rng, rid, d, m.scope, m.codes, added, m.total, m.effective, effective
        )
        self.add_meti_ja(rid, d, ja, True)
        self._link_russia(rid, d, ja.title)
        if rng.random() < 0.6:
            later = story.business_day(d + timedelta(days=rng.randint(1, 6)))
            en = story.meti_en_addition(
                rng, later, m.scope, m.codes, added, m.total, m.effective, effective
            )
            self.add_meti_en(later, en, True)
        self._russia_version(d)

    def _g7(self, d: date) -> None:
        self.add_mofa("mofa_press_en", d, story.g7_en(self.rng, d), True)
        ja_day = story.business_day(d + timedelta(days=1))
        self.add_mofa("mofa_press_ja", ja_day, story.g7_ja(self.rng, ja_day, d), True)

    def _jpus(self, d: date, n: int) -> None:
        theme_ja, theme_en = JPUS_THEMES[n % len(JPUS_THEMES)]
        self.add_mofa("mofa_press_ja", d, story.jpus_ja(self.rng, d, theme_ja), True)
        self.add_mofa("mofa_press_en", d, story.jpus_en(self.rng, d, theme_en), True)

    def _espa(self, d: date) -> None:
        rng = self.rng
        self.add_meti_ja(self.meti_ja_id(d), d, story.espa_passed(rng, d), True)
        later = story.business_day(d + timedelta(days=7))
        in_force = story.business_day(later + timedelta(days=rng.randint(60, 180)))
        body = story.espa_promulgated(rng, later, d, in_force)
        self.add_meti_ja(self.meti_ja_id(later), later, body, True)

    def _ipef(self, d: date) -> None:
        self.add_meti_ja(self.meti_ja_id(d), d, story.ipef_meti_ja(self.rng, d), True)
        self.add_mofa("mofa_press_en", d, story.ipef_mofa_en(self.rng, d), True)

    # -------------------------------------------------------------- the Russia page

    def _link_russia(self, rid: str, d: date, title: str) -> None:
        url = f"/press/{self.fiscal_year(d)}/{d.month:02d}/{rid}/{rid}.html"
        self.russia_releases.insert(0, (url, f"{d.year}年{d.month}月{d.day}日　{title}"))

    def _russia_version(self, d: date) -> None:
        current = [m for m in self.measures if m.scope.type != "asset_freeze"]
        items = [
            pages.RussiaItem(
                heading=story._object_ja(m.scope, m.codes),
                region=targets_ja(m.codes),
                goods=m.scope.examples_ja or m.scope.ja,
                start=story.russia_start(m.effective),
                # The page keeps the latest additions only; the releases say the rest.
                notes=[f"※{story.russia_start(n)[:-2]}より対象を追加" for n in m.notes[-3:]],
            )
            for m in current
        ]
        lists = [
            f'<a href="list_{m.codes[0].lower()}_tokutei.pdf">{targets_ja(m.codes[:1])}の特定団体リスト'
            f"（{m.total}団体）（PDF形式）</a>"
            for m in current
            if m.scope.unit == "entities"
        ]
        since = story.russia_start(min((m.effective for m in current), default=d))[:-2]
        updated = f"{d.year}年{d.month}月{d.day}日"
        html = pages.meti_russia(since, items, lists, self.russia_releases[:20], updated)
        if self.russia and self.russia[-1][0] == d:
            self.russia[-1] = (d, html)
        else:
            self.russia.append((d, html))

    # -------------------------------------------------------------- filler

    def _filler(self, n: int) -> None:
        rng = self.rng
        writers = {
            "meti_news_ja": meti_ja_filler,
            "meti_news_en": meti_en_filler,
            "mofa_press_en": mofa_en_filler,
            "mofa_press_ja": mofa_ja_filler,
        }
        sources = list(FILLER_SHARE)
        weights = [FILLER_SHARE[s] for s in sources]
        # The sites were there before the first crawl: its index pages already list releases.
        first = self.start - timedelta(days=LEAD_IN_DAYS)
        for source in rng.choices(sources, weights, k=max(0, n)):
            d = story.business_day(first + timedelta(days=rng.randrange(self.span + LEAD_IN_DAYS)))
            title, sections = writers[source](rng, d)
            body = pages.Body(title, "", sections)
            if source == "meti_news_ja":
                body.dateline = story.ja_dateline(d, rng)
                rid = self.meti_ja_id(d)
                body.attachments = [(f"{rid}-1.pdf", f"概要（PDF形式：{rng.randint(80, 900)}KB）")]
                body.contact = [
                    rng.choice(story.CONTACT_JA[:1] + ["製造産業局 総務課"]),
                    "電話：03-3501-1511（代表）",
                ]
                self.add_meti_ja(rid, d, body, False)
            elif source == "meti_news_en":
                body.dateline = story.en_date(d)
                self.add_meti_en(d, body, False)
            elif source == "mofa_press_en":
                body.dateline = story.en_date(d)
                self.add_mofa(source, d, body, False)
            else:
                body.dateline = story.era(d)
                self.add_mofa(source, d, body, False)


# ------------------------------------------------------------------ snapshots


@cache
def _pack():
    """data/demo/pack.py, which writes the demo's listing pages and WARC records."""
    if str(DEMO_DIR) not in sys.path:
        sys.path.insert(0, str(DEMO_DIR))  # pack.py imports its sibling modules
    spec = importlib.util.spec_from_file_location("regwatch_demo_pack", DEMO_DIR / "pack.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def crawl_dates(archive: Archive) -> list[date]:
    out, d = [], END
    while d >= archive.start:
        out.append(d)
        d -= CRAWL_EVERY
    return out[::-1]


def snapshots(archive: Archive, dates: list[date] | None = None):
    """(date, {url: (body, content type, Last-Modified date or None)}) for each crawl."""
    pack = _pack()
    dates = dates or crawl_dates(archive)
    by_source: dict[str, list[Doc]] = {s: [] for s in LISTED}
    for doc in sorted(archive.docs, key=lambda d: (d.published, d.url)):
        by_source[doc.source].append(doc)
    entry = {name: get_spider(name).source.entry_urls[0] for name in LISTED}
    # data/demo/partners.py reads the partners' items from files, as the demo keeps them.
    files = tempfile.TemporaryDirectory(prefix="regwatch-synth-")
    file_of = {}
    for n, doc in enumerate(d for d in archive.docs if d.source in pack.PARTNER_LISTINGS):
        file_of[doc.url] = Path(files.name) / f"{n}.{'json' if 'json' in doc.ctype else 'html'}"
        file_of[doc.url].write_text(archive.page(doc), encoding="utf-8")
    cursor = dict.fromkeys(LISTED, 0)
    seen: dict[str, list[tuple[date, str]]] = {s: [] for s in LISTED}  # (published, url)
    docs_by_url = {d.url: d for d in archive.docs}
    russia = 0
    previous = None
    for when in dates:
        out: dict[str, tuple[bytes, str, date | None]] = {}
        for source, items in by_source.items():
            new = []
            while cursor[source] < len(items) and items[cursor[source]].published <= when:
                doc = items[cursor[source]]
                insort(seen[source], (doc.published, doc.url))
                new.append(doc.url)
                cursor[source] += 1
            if not seen[source]:
                continue  # not online yet
            recent = [u for _, u in seen[source][-LISTED[source] :]]
            # The index shows its newest entries; a crawl after a busy week must still see
            # every release since the previous crawl, or the archive would lose it.
            shown = [docs_by_url[u] for u in dict.fromkeys(recent + (new if previous else []))]
            listing = [
                pack.Page(source, "record" if d.record else "release", d.url, d.title,
                          d.published, when, file_of.get(d.url))
                for d in shown
            ]  # fmt: skip
            if source in pack.LISTINGS:
                listings = {entry[source]: (pack.LISTINGS[source](listing)[entry[source]],
                                            pack.HTML_TYPE)}  # fmt: skip
            else:
                listings = pack.PARTNER_LISTINGS[source](listing, entry[source])
            for url, (text, ctype) in listings.items():
                if "html" in ctype:
                    text = archive.dress(source, text, when, url)
                out[url] = (text.encode("utf-8"), ctype, None)
            for d in shown:
                if not d.record:
                    out[d.url] = (archive.page(d).encode("utf-8"), d.ctype, d.published)
        while russia + 1 < len(archive.russia) and archive.russia[russia + 1][0] <= when:
            russia += 1
        published, html = archive.russia[russia]
        html = archive.dress("meti_russia", html, published, RUSSIA_URL)
        out[RUSSIA_URL] = (html.encode("utf-8"), pack.HTML_TYPE, published)
        for host in sorted({u.split("/")[2] for u in out}):  # every host answers robots.txt
            out[f"https://{host}/robots.txt"] = (
                pack.ROBOTS_BODY,
                "text/plain; charset=UTF-8",
                None,
            )
        previous = when
        yield when, out
    files.cleanup()


def generate(
    out: Path,
    *,
    years: int = DEFAULT_YEARS,
    announcements: int = DEFAULT_ANNOUNCEMENTS,
    seed: int = 1,
    furniture: bool = True,
    progress=lambda _: None,
) -> dict:
    """Write the archive to `out`; returns (and writes to out/synth.json) what it holds.
    furniture=False leaves out the sites' menus, sidebars and footers (synth_chrome)."""
    archive = Archive(years, announcements, seed, furniture)
    pack = _pack()
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob("????-??-??.warc.gz"):
        stale.unlink()
    counts = {"responses": 0, "bytes_html": 0}
    written = 0
    for when, docs in snapshots(archive):
        (out / f"{when.isoformat()}.warc.gz").write_bytes(pack.warc_bytes(when, docs))
        counts["responses"] += len(docs)
        counts["bytes_html"] += sum(len(b) for b, ctype, _ in docs.values() if "html" in ctype)
        written += 1
        if written % 50 == 0:
            progress(f"synth: {written} snapshots, up to {when}")
    visible = [d for d in archive.docs if d.published <= END]
    summary = {
        "years": years,
        "seed": seed,
        "first_crawl": crawl_dates(archive)[0].isoformat(),
        "last_crawl": END.isoformat(),
        "snapshots": written,
        "announcements": len(visible) + len(archive.russia),
        "by_source": {
            **{s: sum(1 for d in visible if d.source == s) for s in LISTED},
            "meti_russia": len(archive.russia),
        },
        "about_measures": sum(1 for d in visible if d.measure) + len(archive.russia),
        "amendments": archive.amendments,
        "measures_introduced": len(archive.measures),
        **counts,
    }
    (out / "synth.json").write_text(json.dumps(summary, indent=2, sort_keys=True) + "\n")
    progress(
        f"synth: {written} snapshots, {summary['announcements']} announcements "
        f"({summary['about_measures']} about measures) in {out}"
    )
    return summary


def next_snapshot(
    out: Path,
    *,
    years: int = DEFAULT_YEARS,
    announcements: int = DEFAULT_ANNOUNCEMENTS,
    seed: int = 1,
) -> Path:
    """The crawl after the archive's last one, a day later, with one new METI release and
    nothing else new: `out/{date}.warc.gz`."""
    archive = Archive(years, announcements, seed)
    day = END + timedelta(days=1)
    title, sections = meti_ja_filler(archive.rng, day)
    body = pages.Body(title, story.ja_dateline(day, archive.rng), sections,
                      contact=["製造産業局 総務課", "電話：03-3501-1511（代表）"])  # fmt: skip
    archive.add_meti_ja(archive.meti_ja_id(day), day, body, False)
    # Only the last snapshot is kept: all of them at once would take the archive's size.
    ((when, docs),) = deque(snapshots(archive, [*crawl_dates(archive), day]), maxlen=1)
    path = out / f"{when.isoformat()}.warc.gz"
    path.write_bytes(_pack().warc_bytes(when, docs))
    return path


def online(snapshot: Path) -> list[str]:
    """The synthesized sources whose entry page the snapshot holds: a source that came
    online later (synth_partners.ONLINE_FROM) is crawled from then on, as regwatch would
    have added it then."""
    from crawlers.warc import read_responses

    urls = {r.url for r in read_responses(snapshot)}
    return [s for s in SYNTHESIZED if get_spider(s).source.entry_urls[0] in urls]


def replay(data_dir: Path, snapshot_dir: Path, progress=lambda _: None) -> list[dict]:
    """Replay a synthetic archive into `data_dir`, one crawl and one release per snapshot (as
    `regwatch demo` does with the bundled archive), with the sources synth writes pages for.
    Returns each crawl's status."""
    from crawlers.runner import iter_jobs
    from crawlers.warc import archive_time
    from regwatch import pipeline
    from regwatch.lock import data_lock

    with data_lock(data_dir):
        jobs = []
        for snapshot in sorted(snapshot_dir.glob("????-??-??.warc.gz")):
            jobs.append(
                pipeline._job(data_dir, archive_time(snapshot), online(snapshot), [snapshot])
            )
            jobs[-1].crawl_dir.mkdir(parents=True, exist_ok=True)
        statuses = []
        # Each crawl is normalized and released while the next ones are replayed.
        for status in iter_jobs(jobs):
            statuses.append(status)
            pipeline.normalize(data_dir, status["crawl"], progress=progress)
            pipeline.release(data_dir, progress=progress)
    return statuses
