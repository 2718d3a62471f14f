"""The partner and Cabinet Office sources of the synthetic archive: their pages, in the
layouts of data/demo/pages (their listings are data/demo/partners.py's, through pack.py).

Each source publishes a few dozen items a year: sanctions packages, designations and export
rules worded as the demo's pages are (so that the extractor finds EU, UK and US measures),
statements and, as everywhere, items about something else.

Weight: the HTML pages are dressed in their sites' furniture by regwatch/synth_chrome.py
(Council of the EU ~80 kB, Commerce ~60 kB, Kantei ~25 kB, Cabinet Office ~20 kB; its
docstring says why). GOV.UK content items get the fields the real content API returns
(gov_uk_dressed, ~20 kB). Federal Register records carry only the fields the spider asks for,
as the real API answers such a query.
"""

from __future__ import annotations

import hashlib
import html
import json
import random
import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from regwatch.synth_text import MONTHS, en_date, era

# Items a year per source, and the share that are about a measure.
PER_YEAR = {"eu_council": 30, "gov_uk": 40, "federal_register": 25, "commerce_press": 20,
            "kantei_en": 15, "mofa_g7": 4, "cao_economic_security": 8}  # fmt: skip
HTML_TYPE = "text/html; charset=UTF-8"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass
class Item:
    source: str
    url: str
    title: str
    published: date
    body: bytes | None  # None: an API record, carried by its listing only
    ctype: str = HTML_TYPE
    measure: bool = True


def _doc(lang: str, title: str, body: str) -> bytes:
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="UTF-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title, quote=False)}</title>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    ).encode()


def _ps(paragraphs: list[str]) -> str:
    return "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs)


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())[:90]


def eu_council(rng: random.Random, d: date, n: int) -> Item:
    when = f"{d.day} {MONTHS[d.month - 1]} {d.year} {rng.randint(9, 19)}:{rng.randint(0, 59):02d}"
    later = d + timedelta(days=rng.randint(20, 120))
    if rng.random() < 0.7:
        title = f"Russia's aggression against Ukraine: EU adopts package no. {n} of restrictive measures"
        text = [
            "The Council today adopted a further package of sanctions in view of Russia's continued military aggression against Ukraine.",
            f"The package bans exports to Russia of further dual-use goods and advanced technology items. The ban applies from {later.day} {MONTHS[later.month - 1]} {later.year}.",
            f"The Council also imposed an asset freeze on a further {rng.randint(5, 90)} individuals and {rng.randint(2, 40)} entities.",
            "The legal acts have been published in the Official Journal of the EU.",
        ]  # fmt: skip
    else:
        title = (
            f"EU-{rng.choice(['Japan', 'Canada', 'India', 'Korea'])} summit: joint press statement"
        )
        text = ["The leaders met and reviewed cooperation on trade, research and security.",
                "They agreed to meet again next year."]  # fmt: skip
    slug = _slug(title)
    url = f"https://www.consilium.europa.eu/en/press/press-releases/{d:%Y/%m/%d}/{slug}/"
    body = (
        '<header class="gsc-header"><a href="/en/">Council of the European Union / European Council</a></header>\n'
        '<main id="main-content">\n<div class="gsc-page-header">\n<p class="gsc-page-header__organisation">'
        'Council of the EU</p>\n<p class="gsc-page-header__type">Press release</p>\n'
        f'<p class="gsc-page-header__date"><time class="gsc-date">{when}</time></p>\n'
        f"<h1>{html.escape(title, quote=False)}</h1>\n</div>\n"
        f'<div class="gsc-bge-grid">\n{_ps(text)}\n</div>\n</main>\n'
        '<footer class="gsc-footer"><p>Council of the European Union, Rue de la Loi 175, 1048 Brussels</p></footer>'
    )  # fmt: skip
    return Item(
        "eu_council",
        url,
        title,
        d,
        _doc("en", f"{title} - Consilium", body),
        HTML_TYPE,
        "EU adopts" in title,
    )


def gov_uk(rng: random.Random, d: date, n: int) -> Item:
    count = rng.randint(2, 40)
    if rng.random() < 0.75:
        title = f"UK sanctions {count} further Russian individuals and entities"
        description = f"The UK has today sanctioned {count} further individuals and entities connected to the Russian state."
        text = [
            f"The Foreign Secretary today added {count} individuals and entities to the UK sanctions list.",
            "They are subject to an asset freeze, with immediate effect, and UK persons are prohibited from dealing with them.",
        ]  # fmt: skip
    else:
        title = f"Foreign Secretary meets counterparts in {rng.choice(['Warsaw', 'Tokyo', 'Ottawa', 'Delhi'])}"
        description = "The Foreign Secretary held talks on regional security."
        text = ["The Foreign Secretary discussed support for Ukraine and regional security."]
    slug = f"{_slug(title)}-{n}"
    stamp = f"{d.isoformat()}T{rng.randint(7, 18):02d}:00:00.000+00:00"
    content = {
        "analytics_identifier": None, "base_path": f"/government/news/{slug}", "content_id": None,
        "description": description, "details": {"body": _ps(text), "political": False},
        "document_type": "press_release", "first_published_at": stamp,
        "links": {"organisations": [{"title": "Foreign, Commonwealth & Development Office",
                                     "base_path": "/government/organisations/foreign-commonwealth-development-office"}]},
        "locale": "en", "public_updated_at": stamp, "schema_name": "news_article", "title": title,
    }  # fmt: skip
    body = (json.dumps(content, indent=2, ensure_ascii=False) + "\n").encode()
    url = f"https://www.gov.uk/api/content/government/news/{slug}"
    return Item(
        "gov_uk", url, title, d, body, "application/json; charset=utf-8", "sanctions" in title
    )


def federal_register(rng: random.Random, d: date, n: int) -> Item:
    number = f"{d.year}-{n:05d}"
    title = rng.choice([
        "Additions to the Entity List: Russia", "Expansion of Export Controls on Russia and Belarus",
        "Implementation of Additional Sanctions Against Russia Under the Export Administration Regulations (EAR)",
    ])  # fmt: skip
    effective = d - timedelta(days=rng.randint(0, 3))
    record = {
        "abstract": "In this final rule, the Bureau of Industry and Security (BIS) amends the Export Administration "
        "Regulations (EAR). BIS imposes new license requirements on exports, reexports and transfers (in-country) "
        f"to or within Russia of further items, and adds {rng.randint(5, 120)} entities in Russia to the Entity List.",
        "action": "Final rule.",
        "agencies": [{"raw_name": "Bureau of Industry and Security", "name": "Industry and Security Bureau",
                      "id": 241, "slug": "industry-and-security-bureau"}],
        "citation": f"{d.year - 1935} FR {rng.randint(1000, 90000)}", "document_number": number,
        "effective_on": effective.isoformat(),
        "html_url": f"https://www.federalregister.gov/documents/{d:%Y/%m/%d}/{number}/{_slug(title)}",
        "pdf_url": f"https://www.govinfo.gov/content/pkg/FR-{d.isoformat()}/pdf/{number}.pdf",
        "publication_date": d.isoformat(), "title": title, "type": "Rule",
    }  # fmt: skip
    body = (json.dumps(record, indent=2, ensure_ascii=False) + "\n").encode()
    return Item("federal_register", record["html_url"], title, d, body, "application/json")


def commerce_press(rng: random.Random, d: date, n: int) -> Item:
    if rng.random() < 0.5:
        title = f"Commerce Adds {rng.randint(5, 90)} Entities in Russia to the Entity List"
        text = ["The Department of Commerce's Bureau of Industry and Security today added entities in Russia to the "
                "Entity List, restricting exports to them.", "The rule is effective upon publication."]  # fmt: skip
    else:
        title = f"Secretary of Commerce Travels to {rng.choice(['Singapore', 'Tokyo', 'Manila', 'Jakarta'])} for IPEF Talks"
        text = ["The Secretary will meet partners of the Indo-Pacific Economic Framework for Prosperity (IPEF).",
                "The talks cover supply chains, the clean economy and the fair economy."]  # fmt: skip
    url = f"https://www.commerce.gov/news/press-releases/{d:%Y/%m}/{_slug(title)}"
    body = (
        '<header role="banner"><a href="/">U.S. Department of Commerce</a></header>\n'
        '<main id="main-content" role="main">\n<article class="node node--type-press-release">\n'
        f'<h1 class="page-title"><span>{html.escape(title, quote=False)}</span></h1>\n'
        '<div class="press-release-meta">\n<p>FOR IMMEDIATE RELEASE</p>\n'
        f'<p><time datetime="{d.isoformat()}T12:00:00Z">{WEEKDAYS[d.weekday()]}, {en_date(d)}</time></p>\n'
        f'<p>Office of Public Affairs</p>\n</div>\n<div class="field--name-body">\n{_ps(text)}\n</div>\n'
        "</article>\n</main>\n"
        '<footer role="contentinfo"><p>U.S. Department of Commerce, 1401 Constitution Ave NW, Washington, DC 20230</p></footer>'
    )  # fmt: skip
    return Item(
        "commerce_press", url, title, d, _doc("en", f"{title} | U.S. Department of Commerce", body)
    )


def kantei_en(rng: random.Random, d: date, n: int) -> Item:
    partner = rng.choice(
        ["Australia", "India", "the United Kingdom", "Canada", "Viet Nam", "Germany"]
    )
    title = f"Japan-{partner.removeprefix('the ')} Summit Meeting"
    text = [f"On {en_date(d)}, the Prime Minister held a summit meeting with the leader of {partner}.",
            "The two leaders discussed economic security and the situation in Ukraine."]  # fmt: skip
    url = f"https://japan.kantei.go.jp/101_kishida/diplomatic/{d:%Y%m}/_{n:05d}.html"
    body = (
        '<div id="header">\n<p class="logo"><a href="/index.html">Prime Minister\'s Office of Japan</a></p>\n</div>\n'
        f'<div id="contents">\n<article>\n<h1>{html.escape(title, quote=False)}</h1>\n'
        f'<p class="date">{en_date(d)}</p>\n{_ps(text)}\n</article>\n</div>\n'
        "<div id=\"footer\">\n<p class=\"copyright\">Copyright &copy; Prime Minister's Office of Japan. All Rights Reserved.</p>\n</div>"
    )  # fmt: skip
    return Item(
        "kantei_en",
        url,
        title,
        d,
        _doc("en", f"{title} | Prime Minister's Office of Japan", body),
        measure=False,
    )


def mofa_g7(rng: random.Random, d: date, n: int) -> Item:
    title = rng.choice(
        ["G7 Leaders' Statement", "G7 Foreign Ministers' Statement on Russia and Ukraine"]
    )
    text = [f"On {en_date(d).rsplit(',', 1)[0]}, the G7 issued a statement. The main points are as follows (summary by the Ministry).",
            "(1) The G7 will keep coordinating its economic measures against Russia.",
            "(2) The G7 will prevent the evasion and circumvention of its measures."]  # fmt: skip
    url = f"https://www.mofa.go.jp/ecm/ec/page1e_{n + 500:06d}.html"
    body = (
        '<div id="wrapper">\n<div id="contents">\n<div id="maincontents">\n'
        f'<h1>{html.escape(title, quote=False)}</h1>\n<p class="rightalign">{en_date(d)}</p>\n{_ps(text)}\n'
        "</div>\n</div>\n</div>"
    )
    return Item(
        "mofa_g7",
        url,
        title,
        d,
        _doc("en", f"{title} | Ministry of Foreign Affairs of Japan", body),
    )


def cao_economic_security(rng: random.Random, d: date, n: int) -> Item:
    topic = rng.choice(["特定重要物資の安定的な供給の確保", "特定社会基盤役務の安定的な提供の確保",
                        "特定重要技術の開発支援", "特許出願の非公開"])  # fmt: skip
    title = f"{topic}に関する基本指針の改定について"
    text = [f"{topic}に関する基本指針を改定しました。", "詳細は資料を御覧ください。"]
    url = f"https://www.cao.go.jp/keizai_anzen_hosho/suishinhou/{d:%Y%m%d}_{n:03d}.html"
    body = (
        '<div id="header">\n<p class="logo"><a href="/index.html">内閣府 Cabinet Office</a></p>\n</div>\n'
        f'<div id="contents">\n<h1>{title}</h1>\n<p class="date">{era(d)}</p>\n{_ps(text)}\n</div>\n'
        '<div id="footer">\n<p class="copyright">内閣府　〒100-8914　東京都千代田区永田町1-6-1</p>\n</div>'
    )
    return Item(
        "cao_economic_security", url, title, d, _doc("ja", f"{title} - 内閣府", body), measure=False
    )


WRITERS = {"eu_council": eu_council, "gov_uk": gov_uk, "federal_register": federal_register,
           "commerce_press": commerce_press, "kantei_en": kantei_en, "mofa_g7": mofa_g7,
           "cao_economic_security": cao_economic_security}  # fmt: skip


# Sources that came online later than the archive's start (the Cabinet Office's economic
# security section opened with the Promotion Act's preparation, in the Reiwa era).
ONLINE_FROM = {"cao_economic_security": date(2019, 6, 3)}


def items(rng: random.Random, first: date, span_days: int, years: float) -> list[Item]:
    out = []
    end = first + timedelta(days=span_days)
    for source, writer in WRITERS.items():
        # The first item predates the first crawl (or the source's opening): every listing
        # has something on it.
        start = max(first - timedelta(days=30), ONLINE_FROM.get(source, first))
        days = max(1, (end - start).days)
        count = max(1, round(PER_YEAR[source] * years * days / span_days))
        for n in range(1, count + 1):
            d = start if n == 1 else start + timedelta(days=rng.randrange(days))
            while d.weekday() >= 5:
                d += timedelta(days=1)
            out.append(writer(rng, d, n))
    return out


# ------------------------------------------------------------------ GOV.UK's furniture

_GOV_UK = "https://www.gov.uk"
_FCDO = ("Foreign, Commonwealth & Development Office",
         "/government/organisations/foreign-commonwealth-development-office", "organisation")  # fmt: skip
# (title, base path, document type) of what a content item's `links` expand: the pages that
# surround it on GOV.UK, sanctions regimes and other measures among them.
_GOV_UK_LINKS = {
    "organisations": [_FCDO],
    "primary_publishing_organisation": [_FCDO],
    "original_primary_publishing_organisation": [_FCDO],
    "world_locations": [("Russia", "/world/russia", "world_location"),
                        ("Ukraine", "/world/ukraine", "world_location"),
                        ("Belarus", "/world/belarus", "world_location")],
    "topical_events": [("Russian invasion of Ukraine: UK government response",
                        "/government/topical-events/russian-invasion-of-ukraine-uk-government-response",
                        "topical_event")],
    "people": [("Foreign Secretary", "/government/people/foreign-secretary", "person")],
    "roles": [("Secretary of State for Foreign, Commonwealth and Development Affairs",
               "/government/ministers/foreign-secretary", "ministerial_role")],
    "government": [("Current government", "/government/current", "government")],
    "ordered_related_items": [
        ("UK sanctions relating to Russia", "/government/collections/uk-sanctions-on-russia", "document_collection"),
        ("Financial sanctions, Russia", "/government/publications/financial-sanctions-russia", "guidance"),
        ("Trade sanctions on Russia: export bans on goods and technology",
         "/guidance/trade-sanctions-on-russia-export-bans", "detailed_guide"),
        ("UK sanctions list", "/government/publications/the-uk-sanctions-list", "guidance"),
        ("Sanctions on Belarus", "/government/collections/uk-sanctions-on-belarus", "document_collection"),
    ],
}  # fmt: skip
_GOV_UK_TAXONS = [  # each taxon with its parents, narrowest first
    [("Sanctions", "/international/sanctions"), ("Foreign affairs", "/international/foreign-affairs"),
     ("International", "/international")],
    [("Export controls", "/business-and-industry/export-controls"), ("Trade", "/business-and-industry/trade"),
     ("Business and industry", "/business-and-industry")],
    [("Russia", "/world/russia/news"), ("Europe", "/world/europe"), ("World", "/world/all")],
]  # fmt: skip


def _gov_uk_link(title: str, base_path: str, kind: str, **extra) -> dict:
    content_id = str(uuid.uuid5(uuid.NAMESPACE_URL, _GOV_UK + base_path))
    return {
        "api_path": f"/api/content{base_path}", "api_url": f"{_GOV_UK}/api/content{base_path}",
        "base_path": base_path, "content_id": content_id, "document_type": kind, "locale": "en",
        "public_updated_at": "2024-02-23T09:30:00Z", "schema_name": kind, "title": title,
        "web_url": _GOV_UK + base_path, "withdrawn": False, **extra,
    }  # fmt: skip


def _taxon(chain: list[tuple[str, str]]) -> dict:
    title, base_path = chain[0]
    parents = [_taxon(chain[1:])] if len(chain) > 1 else []
    return _gov_uk_link(title, base_path, "taxon", phase="live",
                        details={"internal_name": title, "notes_for_editors": "", "visible_to_departmental_editors": True},
                        links={"parent_taxons": parents} if parents else {})  # fmt: skip


def gov_uk_dressed(page: str) -> str:
    """A content item as the real content API answers it: beside the fields the spider reads,
    the expanded `links` (organisations, taxons with their parents, related sanctions pages)
    and the publishing metadata. Built from the item itself, without randomness."""
    item = json.loads(page)
    base_path, stamp = item["base_path"], item["first_published_at"]
    item.update(
        content_id=str(uuid.uuid5(uuid.NAMESPACE_URL, _GOV_UK + base_path)),
        first_published_at=stamp, phase="live", publishing_app="whitehall",
        rendering_app="frontend", updated_at=stamp, withdrawn_notice={},
        publishing_request_id=hashlib.sha1(base_path.encode()).hexdigest()[:26],
    )  # fmt: skip
    item["details"].update(
        change_history=[{"note": "First published.", "public_timestamp": stamp}],
        emphasised_organisations=[_gov_uk_link(*_FCDO)["content_id"]],
        first_public_at=stamp, display_date=stamp, government={
            "title": "Current government", "slug": "current", "current": True},
        image={"url": f"{_GOV_UK}/assets/whitehall/placeholder-960x640.jpg", "alt_text": "",
               "high_resolution_url": f"{_GOV_UK}/assets/whitehall/placeholder-1920x1280.jpg"},
    )  # fmt: skip
    links = {name: [_gov_uk_link(*entry) for entry in entries]
             for name, entries in _GOV_UK_LINKS.items()}  # fmt: skip
    links["taxons"] = [_taxon(chain) for chain in _GOV_UK_TAXONS]
    links["available_translations"] = [
        _gov_uk_link(item["title"], base_path, item["document_type"])
    ]
    item["links"] = links
    return json.dumps(item, indent=2, ensure_ascii=False) + "\n"
