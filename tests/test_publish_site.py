"""The generated pages as Markdown (publish.site_pages and friends), without mkdocs: topic
pages with their charts, jurisdiction pages, measure pages' links and attribution, sources.

The fixture history is test_publish_data's: four releases of March 2022, hostile text
included; the built site is checked in test_publish and, in a browser, in test_browser.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from test_publish_data import R1, R2, R4, measure, write_releases

from crawlers.registry import all_spiders
from publish.attribution import EDITED_NOTE, for_citations
from publish.charts import chart_svg, in_force_series
from publish.history import load_history
from publish.site_pages import write_pages


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    return load_history(write_releases(tmp_path_factory.mktemp("data")))


@pytest.fixture(scope="module")
def docs(history, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("docs")
    write_pages(history, root)
    return root


def page(docs: Path, rel: str) -> tuple[dict, str]:
    _, front, body = (docs / rel).read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(front), body


def test_in_force_series_counts_each_release(history):
    # R2: the luxury-goods ban enters into force beside the asset freeze; R4 lifts the policy
    assert in_force_series(history, "russia") == [
        ("2022-03-01", 1),
        ("2022-03-08", 2),
        ("2022-03-15", 2),
        ("2022-03-22", 2),
    ]
    assert [n for _, n in in_force_series(history, "ipef")] == [0, 0, 0, 0]


def test_chart_is_inline_svg_without_blank_lines_or_scripts():
    svg = chart_svg([("2022-02-26", 1), ("2022-03-18", 6), ("2022-06-17", 10)], "T <x>", "t")
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert "\n\n" not in svg and "<script" not in svg and "href" not in svg
    assert "T &lt;x&gt;" in svg and 'aria-labelledby="rw-chart-t"' in svg
    assert [m for m in re.findall(r">(20\d\d-\d\d)<", svg)] == [
        "2022-03",
        "2022-04",
        "2022-05",
        "2022-06",
    ]
    labels = re.findall(r'text-anchor="end">(\d+)<', svg)
    assert labels[0] == "0" and int(labels[-1]) >= 10  # the axis reaches the highest count
    one = chart_svg([("2022-03-01", 0)], "one release", "o")  # a single point draws too
    assert "<path" in one


def test_topic_pages_answer_their_own_question(docs):
    _, russia = page(docs, "topics/russia.md")
    assert "## In force, with the counts the sources state" in russia
    assert "items: 146" in russia and "individuals: " in russia
    assert '<svg class="rw-chart"' in russia
    _, economic = page(docs, "topics/economic-security.md")
    assert "## Timeline" in economic and "Passed" in economic  # a milestone, capitalised
    _, ipef = page(docs, "topics/ipef.md")
    assert "## Milestones" in ipef
    _, g7 = page(docs, "topics/g7.md")
    assert "## Statements" in g7
    meta, index = page(docs, "topics/index.md")
    assert "Russia sanctions" in index and meta["title"] == "Topics"


def test_jurisdiction_pages_and_their_feeds(docs):
    meta, jp = page(docs, "jurisdictions/jp.md")
    assert jp.lstrip().startswith("# Japan (JP)")
    assert {"path": "feeds/jurisdiction/jp", "title": "Japan (JP)"} in meta["feeds"]
    assert "../../feeds/jurisdiction/jp.atom" in jp
    _, index = page(docs, "jurisdictions/index.md")
    assert "Japan (JP)" in index and "G7 (jurisdiction)" in index
    assert (docs / "jurisdictions/g7.md").is_file()


def test_measure_page_links_its_lists_and_attributes_its_sources(docs):
    meta, body = page(docs, "measures/jp-export-ban-ru-luxury-goods.md")
    assert [f["path"] for f in meta["feeds"]] == [
        "feeds/all",
        "feeds/russia",
        "feeds/jurisdiction/jp",
    ]
    assert '<a href="../../jurisdictions/jp/">Japan (JP)</a>' in body
    assert '<a href="../../topics/russia/">Russia sanctions</a>' in body
    assert "出典：経済産業省ホームページ" in body and EDITED_NOTE.split(" (")[0] in body


def test_family_is_linked_when_the_record_names_one(tmp_path):
    members = [
        measure("jp-export-ban-ru-luxury-goods", "Luxury ban JP", family="luxury-goods"),
        measure(
            "us-export-ban-ru-luxury-goods",
            "Luxury ban US",
            jurisdiction="US",
            family="luxury-goods",
        ),
    ]
    spec = [(R1, {m["id"]: m for m in members}, {"added": members, "modified": [], "removed": []})]
    docs = tmp_path / "docs"
    write_pages(load_history(write_releases(tmp_path / "data", spec)), docs)
    _, body = page(docs, "measures/us-export-ban-ru-luxury-goods.md")
    assert '<a href="../../families/luxury-goods/">luxury-goods</a>' in body
    assert (docs / "families/luxury-goods.md").is_file()


def test_citations_are_attributed_to_the_source_that_publishes_them():
    meti_ja = for_citations(
        [{"url": "https://www.meti.go.jp/press/2021/03/20220311003/20220311003.html", "lang": "ja"}]
    )
    assert [s.licence.attribution for s in meti_ja] == [
        "出典：経済産業省ホームページ (https://www.meti.go.jp/)"
    ]
    assert for_citations([{"url": "https://unknown.example/a", "lang": "en"}]) == []
    assert for_citations([{"url": "javascript:alert(1)", "lang": "en"}]) == []


def test_sources_page_lists_every_source_and_its_attribution(docs):
    _, body = page(docs, "sources.md")
    for spider in all_spiders().values():
        assert f"<code>{spider.source.name}</code>" in body
    assert "Public Data License 1.0" in body


def test_home_lists_only_what_subscribers_are_told(docs):
    _, home = page(docs, "index.md")
    latest = home.split("## Latest changes")[1].split("## Feeds")[0]
    assert "New source" not in latest and "Withdrawn by its source" in latest
    assert f"../releases/{R4}/" in latest or f"releases/{R4}/" in latest
    assert "feeds/jurisdiction/jp.json" in home
    assert R2 in home or "2022-03-08" in home
