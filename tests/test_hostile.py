"""Hostile pages through the real pipeline: markup in titles, bodies and attachment names,
event handlers, `javascript:` links, control characters and invalid UTF-8, a 20 MB page and
a page nested 20,000 levels deep, replayed with `regwatch run --replay`.

What is published must show hostile text as text: no script of a page's runs in the site (a
headless Chromium loads the pages and must find the payload inert, while the same payload in
a page of our own does run), no element or attribute of it survives in any feed, no control
character reaches any file, and the oversized and over-deep pages fail with a clear error
instead of stalling or crashing the run.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import pytest
from conftest import run_regwatch
from lxml import html as lxml_html
from test_faults import LATEST, FaultSite, Page, entry_args, folded, snapshot_pages

from crawlers.warc import WarcWriterFile, read_responses
from regwatch import pipeline

# If any of these runs, the page's title becomes "XSSRAN"; as text it never reads so.
RUN = "document.title='XSS'+'RAN'"
MARKUP = (
    f"&lt;script&gt;{RUN}&lt;/script&gt; &lt;img src=x onerror=&quot;{RUN}&quot;&gt; "
    f'<script>{RUN}</script><img src=x onerror="{RUN}"> '
    f'<b onmouseover="{RUN}">bold</b> <a href="javascript:{RUN}">click</a> '
    f"&lt;a href=&quot;javascript:{RUN}&quot;&gt;click&lt;/a&gt;"
)
# Control characters, a right-to-left override, a line separator and two invalid bytes.
NOISE = "\x07\x1b[31m\u202e\u2028\x0b".encode() + b"\xff\xfe"

LUXURY = "https://www.mofa.go.jp/press/release/pressite_000001_00822.html"  # its summary's source
HUGE = "https://www.meti.go.jp/english/press/2022/0414_001.html"
DEEP = "https://www.meti.go.jp/english/press/2022/0524_001.html"
WHEN = datetime(2022, 6, 18, 9, tzinfo=UTC)


def hostile(body: bytes) -> bytes:
    page = body
    page = re.sub(
        rb"(<h1>)(.*?)(</h1>)",
        lambda m: m[1] + m[2] + b" " + MARKUP.encode() + NOISE + m[3],
        page,
        count=1,
    )
    page = page.replace(
        b"such as luxury cars and jewelry</p>",
        b"such as luxury cars and jewelry " + MARKUP.encode() + NOISE + b"</p>",
    )
    attachment = (
        f'<li><a href="javascript:{RUN}//x.pdf">&lt;script&gt;{RUN}&lt;/script&gt; '
        f'<img src=x onerror="{RUN}">annex</a></li>'
        f'<li><a href="/files/%3Cscript%3E.pdf">&lt;b onclick=&quot;{RUN}&quot;&gt;</a></li>'
    ).encode() + NOISE
    page = page.replace(
        b'<ul>\n<li><a href="/files/', b"<ul>\n" + attachment + b'<li><a href="/files/'
    )
    assert page.count(MARKUP.encode()) == 2, "the payload did not land in the page"
    return page


def huge(body: bytes) -> bytes:
    pad = b"<p>" + b"padding " * 2_500_000 + b"</p>"  # 20 MB
    return body.replace(b"</h1>", b"</h1>" + pad, 1)


def deep(body: bytes) -> bytes:
    nest = b"<div>" * 20_000 + b"deep" + b"</div>" * 20_000
    return body.replace(b'<div id="MainContents">', b'<div id="MainContents">' + nest, 1)


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("hostile")
    warc = WarcWriterFile(work / "hostile.warc.gz")
    changed = {LUXURY: hostile, HUGE: huge, DEEP: deep}
    for r in read_responses(LATEST):
        body = changed.pop(r.url, lambda b: b)(r.body)
        warc.write_response(r.url, r.status, "OK", r.headers, body, WHEN)
    warc.close()
    assert not changed, f"pages missing from {LATEST.name}: {list(changed)}"
    proc = run_regwatch(
        "run", "--replay", str(warc.path), "--data", "data", "--out", "public", cwd=work
    )
    assert proc.returncode == 3, proc.stderr[-3000:]  # published; the huge and deep pages failed
    return work


def release(work: Path) -> dict:
    index = json.loads((work / "public/api/v1/index.json").read_text())
    return json.loads((work / "data/releases" / index["id"] / "release.json").read_text())


def test_the_hostile_text_went_all_the_way_through(published):
    luxury = json.loads(
        (published / "public/api/v1/measures/jp-export-ban-ru-luxury-goods.json").read_text()
    )
    assert "<script>document.title=" in luxury["summary"]  # as data: the test can fail
    titles = [s["title"] for s in luxury["sources"]]
    assert any("onerror=" in t for t in titles)
    page = (published / "public/measures/jp-export-ban-ru-luxury-goods/index.html").read_text()
    assert "&lt;script&gt;document.title=" in page  # shown, as text


def test_oversized_and_over_deep_pages_fail_clearly_and_alone(published):
    meti_en = release(published)["sources"]["meti_news_en"]
    assert meti_en["status"] == "partial"
    errors = " ".join(meti_en["errors"])
    assert "PageTooLarge" in errors and "REGWATCH_MAX_PAGE_SIZE" in errors and HUGE in errors
    assert "RecursionError" in errors and DEEP in errors
    others = {
        n: s["status"] for n, s in release(published)["sources"].items() if n != "meti_news_en"
    }
    assert set(others.values()) == {"ok"}, others


def scripted(element) -> list[str]:
    """What in this element could run: script code, handlers, javascript: URLs."""
    found = []
    for el in element.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag == "script" and "XSS" in (el.text or "") + el.get("src", ""):
            found.append(f"script {el.text!r}")
        for name, value in el.attrib.items():
            if name.lower().startswith("on") or (
                name.lower() in ("href", "src", "action", "formaction")
                and value.strip().lower().startswith(("javascript:", "data:text/html"))
            ):
                found.append(f"<{el.tag} {name}={value!r}>")
    return found


def test_no_page_of_the_site_carries_runnable_markup(published):
    pages = sorted((published / "public").rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        assert not scripted(lxml_html.parse(str(path)).getroot()), path


def test_feeds_carry_the_text_inert_and_parse_cleanly(published):
    feeds = published / "public/feeds"
    seen = 0
    for path in sorted(feeds.glob("*.json")):
        for item in json.loads(path.read_text())["items"]:
            fragment = lxml_html.fragment_fromstring(item["content_html"], create_parent="div")
            assert not scripted(fragment), (path.name, item["id"])
            seen += "document.title=" in fragment.text_content()
    assert seen, "the payload never reached a JSON Feed item: the test would prove nothing"
    for path in sorted([*feeds.glob("*.xml"), *feeds.glob("*.atom")]):
        parsed = feedparser.parse(path.read_bytes())
        assert parsed.bozo == 0, (path.name, parsed.get("bozo_exception"))
        for entry in parsed.entries:
            for part in [entry.get("summary", "")] + [c.value for c in entry.get("content", [])]:
                fragment = lxml_html.fragment_fromstring(part or "<p></p>", create_parent="div")
                assert not scripted(fragment), (path.name, entry.id)


CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def test_no_control_character_and_no_raw_markup_reaches_a_file(published):
    for path in sorted((published / "public").rglob("*")):
        if path.suffix not in (".json", ".xml", ".atom", ".html"):
            continue
        text = path.read_text(encoding="utf-8")
        assert not CONTROL.search(text), path
        if path.suffix == ".json":  # < is written \u003c: no markup, even read as HTML
            assert "<script" not in text and "<img" not in text, path


# --- a real browser --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    webdriver = pytest.importorskip("selenium.webdriver")
    chromium, chromedriver = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
    if not (chromium.exists() and chromedriver.exists()):
        pytest.skip("no Chromium (apt-get install -y chromium chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = str(chromium)
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(arg)
    driver = webdriver.Chrome(
        options=options, service=webdriver.ChromeService(executable_path=str(chromedriver))
    )
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def ran(browser, path: Path) -> bool:
    browser.get(path.as_uri())
    browser.execute_script("return document.readyState")
    # Give handlers (onerror of a broken image) their chance.
    browser.execute_async_script("const done = arguments[0]; setTimeout(done, 300);")
    return "XSSRAN" in browser.title


def test_the_payload_runs_in_a_page_of_our_own(browser, tmp_path):
    """The control: the same payload, unescaped in a page we write, does run."""
    control = tmp_path / "control.html"
    control.write_text(f"<!doctype html><title>control</title><body>{MARKUP}</body>")
    assert ran(browser, control)


@pytest.mark.parametrize(
    "page",
    [
        "measures/jp-export-ban-ru-luxury-goods/index.html",
        "index.html",
        "releases/index.html",
        "health/index.html",
    ],
)
def test_no_injected_script_runs_in_a_browser(browser, published, page):
    assert not ran(browser, published / "public" / page)


def test_every_release_page_is_inert_in_a_browser(browser, published):
    for path in sorted((published / "public/releases").glob("2*/index.html")):
        assert not ran(browser, path), path


# --- size limits on the network --------------------------------------------------------------


def test_size_limits_on_the_network_fail_with_a_clear_error(tmp_path):
    """Scrapy's DOWNLOAD_MAXSIZE (20 MiB) cuts a download off; the guard refuses an HTML
    page over REGWATCH_MAX_PAGE_SIZE (5 MiB) that got through."""
    pages = snapshot_pages(LATEST)
    big = Page(b"<html><body>" + b"x" * (21 * 1024 * 1024) + b"</body></html>", "text/html")
    large = Page(huge(pages[folded(DEEP)].body)[: 6 * 1024 * 1024], "text/html; charset=UTF-8")
    pages[folded(HUGE)], pages[folded(DEEP)] = big, large
    site = FaultSite(pages).start()
    try:
        status = pipeline.crawl(
            tmp_path,
            sources=["meti_news_en"],
            settings={"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "RETRY_ENABLED": False},
            spider_args=entry_args(site, ["meti_news_en"]),
        )
    finally:
        site.stop()
    source = status["sources"]["meti_news_en"]
    errors = " ".join(source["errors"])
    assert source["status"] == "partial"
    assert "max size (20971520)" in errors, errors
    assert "REGWATCH_MAX_PAGE_SIZE" in errors, errors
