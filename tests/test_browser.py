"""The site in a real browser: headless Chromium against the demo that `regwatch demo` built,
served on 127.0.0.1.

Debian's chromium and chromedriver, driven by selenium; nothing is downloaded (.ci/run
installs both with apt-get). Without them these tests fail, they do not skip: a site nobody
looked at in a browser is not tested.

Every request the browser makes goes through a recording proxy on 127.0.0.1
(--proxy-server, with <-loopback> so that loopback is proxied too): the page's requests,
and also those of the search worker, which DevTools' page log does not show. The proxy
serves the site to requests for its own address and refuses any other, so a test can
assert that no request left localhost, and a failure names the URL. (It caught Chromium's
own autofill service being asked about the search box: that feature is switched off with the
other calls home; see BROWSER_OWN_TUNNELS for the one that cannot be.) Screenshots of the
pages are saved under tests/artifacts/ (gitignored) for a person to look at.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import threading
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from publish.serve import PublishedFolderHandler

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
LUXURY = "measures/jp-export-ban-ru-luxury-goods/"
MILITARY = "measures/jp-export-ban-ru-by-military-end-users/"
# Schemes that never touch the network.
LOCAL_SCHEMES = {"data", "blob", "about", "chrome", "chrome-untrusted", "devtools"}
# Chromium's browser process lists the Google accounts of a profile once its network is up
# (IdentityManager; no switch turns it off). It asks the proxy for a tunnel, which is refused:
# nothing leaves, and no page nor worker ever asks for it.
BROWSER_OWN_TUNNELS = {"connect://accounts.google.com:443"}


class RecordingProxy(PublishedFolderHandler):
    """An HTTP proxy that is also the site: it serves requests for its own address from the
    published folder, answers 502 to any other, and records every URL asked for."""

    def do_GET(self) -> None:
        self._route(super().do_GET)

    def do_HEAD(self) -> None:
        self._route(super().do_HEAD)

    def do_POST(self) -> None:
        self._route(None)

    def do_CONNECT(self) -> None:
        self.server.requests.append(f"connect://{self.path}")
        self.send_error(502, "no tunnel out of the test")

    def _route(self, serve) -> None:
        url = self.path if "://" in self.path else f"http://{self.headers['Host']}{self.path}"
        self.server.requests.append(url)
        parts = urlsplit(url)
        if serve is None or parts.netloc != self.server.netloc:
            self.send_error(502, "not the site under test")
            return
        self.path = parts.path + (f"?{parts.query}" if parts.query else "")
        serve()

    def log_message(self, format: str, *args) -> None:
        pass


@pytest.fixture(scope="module")
def site(demo_run):
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), partial(RecordingProxy, out_dir=demo_run / "public")
    )
    server.netloc = f"127.0.0.1:{server.server_address[1]}"
    server.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser(site):
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not Path(p).exists()]
    if missing:
        pytest.fail(
            f"{', '.join(missing)} not installed: `apt-get install -y chromium chromium-driver` "
            "(.ci/run does it)"
        )
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="regwatch-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        # the browser's own calls home (form-field predictions for the search box, …)
        "--disable-features=AutofillServerCommunication,OptimizationHints,Translate,MediaRouter",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        "--lang=en-US",
        "--window-size=1280,1000",
        f"--user-data-dir={profile}",
        f"--proxy-server=http://{site.netloc}",
        "--proxy-bypass-list=<-loopback>",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    driver.set_page_load_timeout(30)
    ARTIFACTS.mkdir(exist_ok=True)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def url(site, path: str = "") -> str:
    return f"http://{site.netloc}/{path}"


def screenshot(driver, name: str) -> Path:
    """The whole page, not only the window."""
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1280, min(max(height, 800), 6000))
    target = ARTIFACTS / f"{name}.png"
    driver.save_screenshot(str(target))
    driver.set_window_size(1280, 1000)
    assert target.stat().st_size > 10_000
    return target


def search(driver, query: str) -> list[str]:
    """Type into the site's search box; the hrefs of the results once there are some."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    box = driver.find_element(By.CSS_SELECTOR, "input.md-search__input")
    box.click()
    box.clear()
    box.send_keys(query)

    def results(d):
        links = d.find_elements(By.CSS_SELECTOR, ".md-search-result__item a")
        return [a.get_attribute("href") for a in links] or False

    # The results list is drawn again as the index answers: a link read mid-redraw is stale,
    # and the next poll reads the new list.
    return WebDriverWait(driver, 15, ignored_exceptions=(StaleElementReferenceException,)).until(
        results
    )


def performance_log(driver) -> list[dict]:
    return [json.loads(entry["message"])["message"] for entry in driver.get_log("performance")]


def test_home_page_renders(site, browser):
    from selenium.webdriver.common.by import By

    browser.get(url(site))
    assert "regwatch" in browser.title
    headings = [h.text for h in browser.find_elements(By.CSS_SELECTOR, "article h2")]
    assert {"In force now", "Upcoming effective dates", "Latest changes", "Feeds"} <= set(headings)
    chart = browser.find_element(By.CSS_SELECTOR, "svg.rw-chart")
    assert chart.size["width"] > 400 and chart.size["height"] > 100  # drawn, not collapsed
    assert browser.find_elements(By.CSS_SELECTOR, "svg.rw-chart path.rw-chart-line")
    tabs = [a.text for a in browser.find_elements(By.CSS_SELECTOR, ".md-tabs__link")]
    assert {"Topics", "Jurisdictions", "Releases", "API and feeds"} <= set(tabs)
    screenshot(browser, "home")


@pytest.mark.parametrize("query", ["luxury", "奢侈品"])
def test_search_finds_a_measure_by_an_english_and_a_japanese_word(site, browser, query):
    browser.get(url(site))
    hrefs = search(browser, query)
    assert any(urlsplit(h).path.startswith(f"/{LUXURY}") for h in hrefs), hrefs
    screenshot(browser, "search-" + ("ja" if query == "奢侈品" else "en"))


def test_measure_page_shows_its_history_and_diffs(site, browser):
    from selenium.webdriver.common.by import By

    browser.get(url(site, MILITARY))
    headings = [h.text for h in browser.find_elements(By.CSS_SELECTOR, "article h2")]
    assert {"Facts", "Timeline", "Sources", "Version history"} <= set(headings)
    versions = [h.text for h in browser.find_elements(By.CSS_SELECTOR, "article h3")]
    assert "Version 1: New measure" in versions and any("Amended" in v for v in versions)
    inserted = [
        e for e in browser.find_elements(By.CSS_SELECTOR, "article ins") if e.is_displayed()
    ]
    assert any("2022-04-01" in e.text for e in inserted)  # the amendment of 1 April, marked
    assert browser.find_elements(By.CSS_SELECTOR, "article del")
    assert "出典" in browser.find_element(By.CSS_SELECTOR, ".rw-attribution").text
    screenshot(browser, "measure")


def test_release_and_topic_pages(site, browser):
    from selenium.webdriver.common.by import By

    browser.get(url(site, "releases/"))
    # 1 April 2022: METI added entities to the military end-user ban (an amendment, a diff)
    browser.find_element(By.CSS_SELECTOR, "article table a[href*='20220401T']").click()
    assert browser.find_element(By.CSS_SELECTOR, "article h1").text.startswith("Release 20220401T")
    assert "Amended" in browser.find_element(By.CSS_SELECTOR, "article").text
    assert browser.find_elements(By.CSS_SELECTOR, "article .rw-event ins")
    screenshot(browser, "release")
    browser.get(url(site, "topics/russia/"))
    counts = browser.find_element(
        By.XPATH, "//h2[starts-with(., 'In force, with the counts')]/following::table[1]"
    )
    assert "entities: 203" in counts.text  # the counts the sources state
    screenshot(browser, "topic-russia")


def feed_urls(browser) -> set[str]:
    """The feeds a page announces (<link rel="alternate">) or links to."""
    hrefs = browser.execute_script(
        "return [...document.querySelectorAll('link[rel=alternate], a[href]')].map(e => e.href)"
    )
    return {h for h in hrefs if urlsplit(h).path.startswith("/feeds/")}


def test_every_feed_link_resolves(site, browser):
    found = set()
    for path in ("", "topics/russia/", "jurisdictions/jp/", LUXURY, "api-and-feeds/"):
        browser.get(url(site, path))
        found |= feed_urls(browser)
    assert url(site, "feeds/jurisdiction/jp.atom") in found
    assert url(site, "feeds/russia.json") in found
    check = """
        const done = arguments[arguments.length - 1];
        Promise.all(arguments[0].map(u => fetch(u).then(r => r.text().then(t => [u, r.status,
            r.headers.get('content-type'), t.length]))))
          .then(done, e => done(String(e)));
    """
    answers = browser.execute_async_script(check, sorted(found))
    assert isinstance(answers, list), answers
    broken = [(u, status) for u, status, _, size in answers if status != 200 or size < 100]
    assert broken == [] and len(answers) >= 15
    types = {u.rsplit(".", 1)[1]: kind for u, _, kind, _ in answers}
    assert types == {
        "json": "application/json",
        "xml": "application/rss+xml",
        "atom": "application/atom+xml",
    }


def test_no_request_leaves_localhost(site, browser):
    browser.execute_cdp_cmd("Network.clearBrowserCache", {})  # ask for everything anew
    site.requests.clear()
    browser.get_log("performance")  # drop what earlier tests logged
    browser.get(url(site))
    search(browser, "奢侈品")  # the search worker loads its index and language scripts
    for path in (MILITARY, "topics/ipef/", "sources/"):
        browser.get(url(site, path))
    asked = [u for u in site.requests if u not in BROWSER_OWN_TUNNELS]
    assert len(asked) > 10 and any("lunr" in u for u in asked)  # the worker's requests too
    assert [u for u in asked if urlsplit(u).netloc != site.netloc] == []
    page_log = performance_log(browser)
    sent = [
        m["params"]["request"]["url"]
        for m in page_log
        if m["method"] == "Network.requestWillBeSent"
    ]
    outside = [
        u
        for u in sent
        if urlsplit(u).scheme not in LOCAL_SCHEMES and urlsplit(u).netloc != site.netloc
    ]
    assert sent and outside == []
    failed = [
        (m["params"]["response"]["url"], m["params"]["response"]["status"])
        for m in page_log
        if m["method"] == "Network.responseReceived" and m["params"]["response"]["status"] >= 400
    ]
    assert failed == []  # nothing asked in vain either (e.g. a sitemap beside the feeds)
