"""The list spiders on the bundled archive: page → document requests → one checked edition
per list, with the count the linking page states."""

from __future__ import annotations

from scrapy import Request
from scrapy.http import HtmlResponse, Response
from scrapy.utils.test import get_crawler

from crawlers.middlewares import FETCHED_AT
from crawlers.registry import all_spiders
from crawlers.spiders.meti_entity_lists import MetiEntityLists


def run_offline(name: str, snapshot: dict) -> tuple[list[dict], list[str]]:
    """Every callback of the spider over one snapshot, following its requests."""
    cls = all_spiders()[name]
    spider = cls.from_crawler(get_crawler(cls))
    fetched = next(iter(snapshot.values())).date
    queue = [Request(url, callback=spider.parse) for url in spider.entry_urls]
    items = []
    while queue:
        request = queue.pop(0).replace(meta={FETCHED_AT: fetched})
        archived = snapshot[request.url]
        kind = HtmlResponse if request.callback == spider.parse else Response
        response = kind(
            archived.url, body=archived.body, headers=dict(archived.headers), request=request
        )
        for out in request.callback(response, **request.cb_kwargs):
            (queue if isinstance(out, Request) else items).append(out)
    return items, spider.errors


def test_russia_page_links_two_lists_with_their_stated_sizes(snapshot_index):
    items, errors = run_offline("meti_entity_lists", snapshot_index["2022-05-13"])
    assert errors == []
    by_list = {i["list"]: i["edition"] for i in items}
    assert set(by_list) == {"meti-russia-entities", "meti-belarus-entities"}
    russia = by_list["meti-russia-entities"]
    assert russia["stated_total"] == 201 and len(russia["entries"]) == 201
    assert russia["urls"] == [
        "https://www.meti.go.jp/policy/external_economy/trade_control/02_export/17_russia/list_russia_tokutei.pdf"
    ]
    assert len(russia["sha256"]) == 64 and russia["fetched_at"] == "2022-05-13T09:00:00Z"


def test_before_the_lists_exist_the_spider_yields_nothing(snapshot_index):
    assert run_offline("meti_entity_lists", snapshot_index["2022-03-11"]) == ([], [])


def test_mof_reads_csv_and_workbook_and_the_page_date(snapshot_index):
    items, errors = run_offline("mof_asset_freeze", snapshot_index["2022-06-17"])
    assert errors == []
    (item,) = items
    edition = item["edition"]
    assert edition["updated"] == "2022-05-10" and edition["stated_total"] == 48
    assert len(edition["urls"]) == 2 and len(edition["entries"]) == 48


def test_end_user_list(snapshot_index):
    items, errors = run_offline("meti_end_user_list_doc", snapshot_index["2022-06-17"])
    assert errors == [] and len(items[0]["edition"]["entries"]) == 30


def test_a_wrong_stated_count_refuses_the_edition(snapshot_index):
    snapshot = dict(snapshot_index["2022-05-13"])
    page_url = MetiEntityLists.source.entry_urls[0]
    page = snapshot[page_url]
    snapshot[page_url] = type(page)(
        **{**page.__dict__, "body": page.body.replace("201団体".encode(), "210団体".encode())}
    )
    items, errors = run_offline("meti_entity_lists", snapshot)
    assert [i["list"] for i in items] == ["meti-belarus-entities"]
    assert "states 210 entries, 201 were read" in errors[0]
