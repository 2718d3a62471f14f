"""Count guards: a truncated or partial document never publishes a shrunken list."""

from __future__ import annotations

import copy
import io
import time

import pdfplumber
import pytest
from lists_helpers import RUSSIA, russia_pdf
from scrapy import Request
from scrapy.http import Response
from scrapy.utils.test import get_crawler

from crawlers.registry import all_spiders
from normalize.lists.documents import Document, read_edition
from normalize.lists.guard import CountGuardError, problems
from normalize.lists.pdftext import DocumentError
from normalize.lists.specs import all_specs

SPEC = all_specs()["meti-russia-entities"]
URL = "https://www.meti.go.jp/policy/external_economy/trade_control/02_export/17_russia/list_russia_tokutei.pdf"
FETCHED = "2022-05-13T09:00:00Z"


def edition_of(data: bytes, stated: int | None = None):
    return read_edition(SPEC, [Document(URL, data)], fetched_at=FETCHED, stated_total=stated)


@pytest.fixture(scope="module")
def full() -> bytes:
    return (RUSSIA / "list_russia_tokutei.2022-05-13.pdf").read_bytes()


@pytest.fixture(scope="module")
def full_edition(full):
    return edition_of(full, stated=201)


def test_the_full_document_passes(full_edition):
    assert len(full_edition.entries) == 201


@pytest.mark.parametrize("keep", [0.3, 0.6, 0.95])
def test_a_truncated_pdf_is_refused(full, keep):
    with pytest.raises(DocumentError, match="truncated"):
        edition_of(full[: int(len(full) * keep)])


def test_a_truncated_pdf_with_a_forged_trailer_is_refused(full):
    cut = full[: int(len(full) * 0.6)] + b"\n%%EOF\n"
    with pytest.raises((DocumentError, CountGuardError)):
        edition_of(cut, stated=201)


def test_a_list_with_a_missing_page_is_refused():
    data = russia_pdf(201, drop_pages={3})
    with pytest.raises(CountGuardError, match=r"entries .* missing .*numbers run to 201"):
        edition_of(data)


def test_a_missing_last_page_is_caught_by_the_stated_count():
    with pdfplumber.open(io.BytesIO(russia_pdf(201))) as pdf:
        pages = len(pdf.pages)
    data = russia_pdf(201, drop_pages={pages})
    with pytest.raises(CountGuardError, match="states 201 entries"):
        edition_of(data, stated=201)


def test_bounds_and_shrinking_against_the_previous_edition(full_edition):
    edition = copy.deepcopy(full_edition)
    assert problems(edition, SPEC, previous_count=205) == []  # four delisted: normal
    found = problems(edition, SPEC, previous_count=400)
    assert found and "would vanish at once" in found[0]
    edition.entries = edition.entries[:10]
    assert any("outside the expected" in p for p in problems(edition, SPEC))


def test_the_spider_refuses_and_says_why(full):
    cls = all_spiders()["meti_entity_lists"]
    spider = cls.from_crawler(get_crawler(cls))
    request = Request(URL)
    response = Response(URL, body=full[: len(full) // 2], request=request)
    out = list(
        spider.parse_document(response, list_id=SPEC.id, rest=[], done=[], stated=201, facts={})
    )
    assert out == []
    assert spider.errors and "meti-russia-entities: refused" in spider.errors[0]
    assert "truncated" in spider.errors[0]


def test_parse_time_of_a_900_entry_list(capsys):
    data = russia_pdf(900)
    start = time.perf_counter()
    edition = edition_of(data)
    seconds = time.perf_counter() - start
    assert len(edition.entries) == 900 and edition.warnings == []
    with capsys.disabled():  # reported, never asserted: machines differ
        print(
            f"\n900-entry list ({edition.pages} pages, {len(data)} bytes): parsed in {seconds:.2f} s"
        )
