"""The partner and Cabinet Office spiders on the bundled archive's saved pages: one small test
per quirk of each site (sources.md). The registry-wide checks are in test_spiders.py."""

from __future__ import annotations

import json
from datetime import date

import pytest
from scrapy import Request
from scrapy.http import JsonResponse
from test_spiders import crawl_offline, make_spider

from crawlers.spiders.federal_register import CAP, with_window, years


@pytest.fixture(scope="module")
def items(latest_snapshot) -> dict[str, dict[str, dict]]:
    """spider → url → announcement, parsed once per module."""
    names = ["meti_eul", "cao_economic_security", "mofa_g7", "kantei_en", "federal_register",
             "eu_council", "gov_uk", "commerce_press"]  # fmt: skip
    return {n: {i["url"]: i for i in crawl_offline(n, latest_snapshot)[1]} for n in names}


# ------------------------------------------------------------------ Federal Register


def test_federal_register_states_the_effective_date_as_the_register_does(items):
    rule = next(i for i in items["federal_register"].values() if "2022-04300" in i["url"])
    assert rule["published"] == "2022-03-03"  # published a week after it took effect
    assert "DATES: This rule is effective February 24, 2022." in rule["text"]
    assert "ACTION: Final rule." in rule["text"] and "87 FR 12226" in rule["text"]
    assert rule["url"].startswith("https://www.federalregister.gov/documents/2022/03/03/")
    assert rule["attachments"][0]["url"].endswith("2022-04300.pdf")


def test_federal_register_back_fill_is_cut_into_years():
    assert years(date(2020, 11, 1), date(2022, 3, 1)) == [
        (date(2020, 11, 1), date(2020, 12, 31)),
        (date(2021, 1, 1), date(2021, 12, 31)),
        (date(2022, 1, 1), date(2022, 3, 1)),
    ]
    url = with_window(
        "https://x/api/v1/documents.json?conditions[term]=russia"
        "&conditions[publication_date][gte]=1999-01-01",
        date(2021, 1, 1),
        date(2021, 6, 30),
    )
    assert url.count("publication_date") == 2 and "gte%5D=2021-01-01" not in url
    assert "conditions[publication_date][gte]=2021-01-01" in url
    assert "conditions[publication_date][lte]=2021-06-30" in url


def _answer(url: str, payload: dict, **meta) -> JsonResponse:
    return JsonResponse(url, body=json.dumps(payload).encode(), request=Request(url, meta=meta))


def test_federal_register_window_over_the_cap_is_halved():
    spider = make_spider("federal_register")
    url = with_window(spider.entry_urls[0], date(2021, 1, 1), date(2021, 12, 31))
    over = {"count": CAP + 1, "results": [], "next_page_url": None}
    halves = list(spider.parse(_answer(url, over, entry=True, window=("2021-01-01", "2021-12-31"))))
    assert [r.meta["window"] for r in halves] == [
        ("2021-01-01", "2021-07-02"),
        ("2021-07-03", "2021-12-31"),
    ]
    assert all(r.meta["entry"] for r in halves)


def test_federal_register_follows_next_page_url():
    spider = make_spider("federal_register")
    nxt = "https://www.federalregister.gov/api/v1/documents.json?page=2&per_page=100"
    out = list(spider.parse(_answer(spider.entry_urls[0], {"count": 150, "results": [],
                                                           "next_page_url": nxt})))  # fmt: skip
    assert [r.url for r in out] == [nxt]


# ------------------------------------------------------------------ Council of the EU


def test_eu_council_dates_a_time_only_item_by_its_heading(items):
    fourth = next(i for i in items["eu_council"].values() if "/2022/03/15/" in i["url"])
    assert fourth["published"] == "2022-03-15"
    assert fourth["text"].startswith("Council of the EU\nPress release\n15 March 2022 19:50")
    assert "# " not in fourth["text"]  # the title is not a heading governing the release


def test_eu_council_challenge_page_is_not_a_listing():
    spider = make_spider("eu_council")
    from scrapy.http import HtmlResponse

    from crawlers.html import LayoutError

    url = spider.entry_urls[0]
    page = HtmlResponse(url, body=b"<title>Just a moment...</title>", request=Request(url))
    with pytest.raises(LayoutError):
        list(spider.parse(page))


# ------------------------------------------------------------------ GOV.UK


def test_gov_uk_announces_the_public_page_with_the_body_text(items):
    first = next(i for i in items["gov_uk"].values() if "first-wave" in i["url"])
    assert first["url"] == (
        "https://www.gov.uk/government/news/"
        "foreign-secretary-announces-first-wave-of-uk-sanctions-against-russia"
    )
    assert first["published"] == "2022-02-22"
    assert "asset freeze, with immediate effect" in first["text"]
    assert first["text"].startswith("The UK has sanctioned 5 Russian banks")  # description


def test_gov_uk_reads_only_news_and_pages_on():
    spider = make_spider("gov_uk")
    url = spider.entry_urls[0]
    results = [
        {"link": "/government/news/a", "content_store_document_type": "press_release"},
        {"link": "/guidance/b", "content_store_document_type": "guidance"},
    ]
    out = list(spider.parse(_answer(url, {"results": results, "total": 60, "start": 0})))
    assert [r.url for r in out] == [
        "https://www.gov.uk/api/content/government/news/a",
        url.replace("count=50", "count=50&start=2"),
    ]


# ------------------------------------------------------------------ Japan: Cabinet Office, METI


def test_cabinet_office_feed_items_outside_the_section_are_skipped(latest_snapshot):
    requests, _ = crawl_offline("cao_economic_security", latest_snapshot)
    assert requests and all("/keizai_anzen_hosho/" in r.url for r in requests)
    assert "月例経済報告" in latest_snapshot["https://www.cao.go.jp/rss/news.rdf"].body.decode()


def test_cabinet_office_page_is_dated_by_its_era_date_line(items):
    act = items["cao_economic_security"][
        "https://www.cao.go.jp/keizai_anzen_hosho/suishinhou/suishinhou.html"
    ]
    assert act["published"] == "2022-05-18" and "令和4年法律第43号" in act["text"]


def test_end_user_list_announces_each_revision_once(items):
    revisions = items["meti_eul"]
    assert sorted(revisions) == [
        "https://www.meti.go.jp/policy/anpo/law09-2.html#20170524",
        "https://www.meti.go.jp/policy/anpo/law09-2.html#20201225",
        "https://www.meti.go.jp/policy/anpo/law09-2.html#20211224",
    ]
    newest = revisions["https://www.meti.go.jp/policy/anpo/law09-2.html#20211224"]
    assert newest["title"] == "外国ユーザーリストの改正（2021年12月24日）"
    assert newest["text"].startswith("2021年12月24日")  # the notice page's own wording
    assert newest["attachments"][0]["url"].endswith("2021_enduserlist.pdf")


# ------------------------------------------------------------------ G7 copies, Commerce


@pytest.mark.parametrize("name", ["mofa_g7", "kantei_en"])
def test_g7_copies_carry_the_statement_date(items, name):
    statement = next(i for i in items[name].values() if i["title"] == "G7 Leaders' Statement")
    assert statement["published"] == "2022-05-08"


def test_commerce_release_is_dated_by_its_weekday_line(items):
    ipef = next(i for i in items["commerce_press"].values() if "IPEF" in i["text"])
    assert ipef["published"] == "2022-05-23"
    assert "FOR IMMEDIATE RELEASE" in ipef["text"] and "Monday, May 23, 2022" in ipef["text"]
