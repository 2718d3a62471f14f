"""The fault matrix: every source × every way a site fails, through the real Scrapy engine
against a real HTTP server on 127.0.0.1, then normalize, release and publish.

For each cell the faulted source must be reported (release.json, api/v1/health.json, the
site's health page) and make the release "partial" (which the CLI exits 3 on); its companion
source must crawl cleanly; and no measure, and no announcement of the corpus, may be lost,
lifted or altered: the cell's release equals the baseline release it follows.

Speed: one baseline history (every source crawled cleanly) is copied into each cell's data
folder; each cell crawls only its faulted source and one healthy companion, on one server
that tells cells apart by User-Agent, so every URL is the same in every cell and the corpus
matches the baseline's byte for byte. The cells' crawls run as jobs of two crawler processes,
each followed by its cells' normalize, release and publish, one per core.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import struct
import threading
import time
import traceback
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing import get_context
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import run_regwatch
from lxml import html as lxml_html

from crawlers.registry import all_spiders
from crawlers.runner import CrawlJob, run_jobs
from crawlers.warc import WarcWriterFile, read_responses
from normalize.canonical import read_json
from normalize.corpus import load_corpus
from normalize.release import release_id_for
from publish import schemas
from regwatch import pipeline

ROOT = Path(__file__).resolve().parent.parent
LATEST = sorted((ROOT / "data/demo/snapshots").glob("*.warc.gz"))[-1]
SPIDERS = all_spiders()

# Local and instant; one retry without back-off, so a fault is still a fault after a retry.
FAST = {
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    "RETRY_TIMES": 1,
    "RETRY_BACKOFF_BASE": 0,
}
TIMEOUT = {"DOWNLOAD_TIMEOUT": 2, "RETRY_ENABLED": False}
CHALLENGE = b"<html><head><title>Just a moment...</title></head><body>Checking</body></html>"

# fault → what the source's errors must mention
FAULTS = {
    "http-403": r"403",
    "http-202-empty": r"202",
    "http-500": r"500",
    "timeout": r"[Tt]ime",
    "connection-reset": r"[Cc]onnection|reset",
    "truncated-body": r"[Tt]runcat|[Dd]ata ?[Ll]oss",
    "wrong-charset": r"WrongCharset",
    "bot-challenge": r"challenge",
    "seen-page-now-404": r"404",
    # A spider that meets markup it does not know raises (LayoutError, or KeyError on a JSON
    # field it must have), or finds nothing, which the runner's expected counts catch.
    "layout-change": r"LayoutError|KeyError|expected at least",
}


# --- the server -------------------------------------------------------------------------


@dataclass
class Page:
    body: bytes
    content_type: str


def folded(url: str) -> str:
    """A URL's path and query: every host of the archive is served from one local server."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def redesigned(page: Page) -> bytes:
    """The same content in markup no spider knows: every element and JSON key renamed,
    every class and id changed, every link moved to a new URL scheme."""
    if "json" in page.content_type:

        def rename(value):
            if isinstance(value, dict):
                return {f"v2_{k}": rename(v) for k, v in value.items()}
            if isinstance(value, list):
                return [rename(v) for v in value]
            return value

        return json.dumps(rename(json.loads(page.body))).encode()
    text = page.body.decode("utf-8")
    text = re.sub(r"<(/?)([A-Za-z][\w:.-]*)", r"<\1v2-\2", text)
    text = re.sub(
        r'\b(class|id)="([^"]*)"',
        lambda m: f'{m[1]}="' + " ".join(f"v2-{w}" for w in m[2].split()) + '"',
        text,
    )
    return re.sub(r'\bhref="[^"]*"', 'href="/v2/moved.html"', text).encode("utf-8")


def mislabelled(page: Page) -> bytes:
    """The page's bytes in a charset it does not declare: Shift_JIS for Japanese text (a
    legacy file behind a UTF-8 server), UTF-16 where the text is ASCII."""
    text = page.body.decode("utf-8")
    legacy = text.encode("cp932", errors="xmlcharrefreplace")
    return legacy if legacy != page.body else text.encode("utf-16-le")


def utf8_label(content_type: str) -> str:
    return re.sub(r";\s*charset=[^;]*", "", content_type) + "; charset=UTF-8"


class FaultSite:
    """Pages by folded URL; per-cell faults keyed by folded URL, the cell named in the
    User-Agent (`cell=ID`)."""

    def __init__(self, pages: dict[str, Page]):
        self.pages = pages
        self.cells: dict[str, dict[str, str]] = {}
        self.release = threading.Event()  # hanging answers (timeouts) end when set
        self.requests: list[str] = []
        self.server: ThreadingHTTPServer | None = None

    @property
    def base(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def local(self, url: str) -> str:
        return self.base + folded(url)

    def start(self) -> FaultSite:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                site.requests.append(self.path)
                cell = re.search(r"cell=([\w.-]+)", self.headers.get("User-Agent", ""))
                fault = site.cells.get(cell.group(1), {}).get(self.path) if cell else None
                page = site.pages.get(self.path)
                if self.path == "/robots.txt":
                    return self.answer(200, b"User-agent: *\nAllow: /\n", "text/plain")
                if fault is not None:
                    return site.inject(self, fault, page)
                if page is None:
                    return self.answer(404, b"not found", "text/html")
                return self.answer(200, page.body, page.content_type)

            def answer(self, status: int, body: bytes, ctype: str, length: int | None = None):
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body) if length is None else length))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        class Server(ThreadingHTTPServer):
            daemon_threads = True
            request_queue_size = 128
            block_on_close = False

            def handle_error(self, request, client_address):
                pass  # a reset or abandoned connection is the point of the exercise

        self.server = Server(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.release.set()
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()

    def inject(self, handler, fault: str, page: Page | None) -> None:
        html = "text/html; charset=UTF-8"
        if fault == "http-403":
            handler.answer(403, b"<html><body>Forbidden</body></html>", html)
        elif fault == "http-202-empty":
            handler.answer(202, b"", html)
        elif fault == "http-500":
            handler.answer(500, b"<html><body>Internal Server Error</body></html>", html)
        elif fault == "bot-challenge":
            handler.answer(200, CHALLENGE, html)
        elif fault == "seen-page-now-404":
            handler.answer(404, b"<html><body>Not Found</body></html>", html)
        elif fault == "timeout":
            self.release.wait(30)
            handler.close_connection = True
        elif fault == "connection-reset":
            handler.connection.setsockopt(
                socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
            )
            handler.connection.close()
            raise ConnectionResetError("reset on purpose")
        elif fault == "truncated-body":
            assert page is not None
            half = page.body[: len(page.body) // 2]
            handler.answer(200, half, page.content_type, length=len(page.body))
            handler.close_connection = True
        elif fault == "wrong-charset":
            assert page is not None
            handler.answer(200, mislabelled(page), utf8_label(page.content_type))
        elif fault == "layout-change":
            assert page is not None
            handler.answer(200, redesigned(page), page.content_type)
        else:
            raise AssertionError(f"unknown fault {fault}")


def snapshot_pages(path: Path) -> dict[str, Page]:
    pages = {}
    for r in read_responses(path):
        if r.status == 200:
            ctype = dict((k.lower(), v) for k, v in r.headers).get("content-type", "text/html")
            pages[folded(r.url)] = Page(r.body, ctype)
    return pages


def entry_args(site: FaultSite, names) -> dict[str, dict]:
    return {
        name: {"entry_urls": ",".join(site.local(u) for u in SPIDERS[name].source.entry_urls)}
        for name in names
    }


# --- cells and runs ---------------------------------------------------------------------


@dataclass
class Cell:
    source: str
    fault: str
    faulted: list[str]  # folded URLs that answer with the fault
    run: int = -1

    @property
    def id(self) -> str:
        return f"{self.source}.{self.fault}"


@dataclass
class Run:
    """One `regwatch run` in a copy of the baseline: several cells at once, each on a
    different source and on pages no other crawled source fetches, plus two healthy
    companions."""

    number: int
    cells: list[Cell]
    companions: list[str] = field(default_factory=list)
    folder: str = ""
    job: dict = field(default_factory=dict)

    @property
    def faulted(self) -> set[str]:
        return {url for cell in self.cells for url in cell.faulted}


def plan_cell(source: str, fault: str, pages: set[str], corpus: dict) -> Cell:
    entries = sorted(folded(u) for u in SPIDERS[source].source.entry_urls)
    if fault == "seen-page-now-404":
        # A page it fetched before, an announcement's own page if it has any (a one-page
        # source, or one whose listing carries everything, loses its entry page).
        fetched = sorted(pages - set(entries))
        announced = {folded(u) for u, a in corpus.items() if a["source"] == source}
        items = [u for u in fetched if u in announced] or fetched
        return Cell(source, fault, items[:1] or entries)
    return Cell(source, fault, entries)


def compatible(a: Cell, b: Cell, pages: dict[str, set[str]]) -> bool:
    # Sources that share a page (METI's Russia page, its End User List notice) may share a
    # run only with the same fault: the page fails both alike.
    shared = set(a.faulted) & pages[b.source] or set(b.faulted) & pages[a.source]
    # A hanging page holds its whole crawl: timeouts share runs only with each other.
    return (
        a.source != b.source
        and (not shared or a.fault == b.fault)
        and (a.fault == "timeout") == (b.fault == "timeout")
    )


def page_groups(pages: dict[str, set[str]]) -> dict[str, int]:
    """Sources that fetch a common page, numbered together (0, 1, 2… in name order)."""
    group = {source: n for n, source in enumerate(sorted(pages))}
    for a in sorted(pages):
        for b in sorted(pages):
            if pages[a] & pages[b] and group[a] != group[b]:
                old, new = max(group[a], group[b]), min(group[a], group[b])
                group = {s: new if g == old else g for s, g in group.items()}
    numbers = sorted(set(group.values()))
    return {s: numbers.index(g) for s, g in group.items()}


def schedule(cells: list[Cell], pages: dict[str, set[str]], capacity: int) -> list[Run]:
    """Runs of at most `capacity` cells: cell (source i, fault f) goes to run i + f (mod the
    number of runs), so each run mixes kinds of fault on distinct sources; sources sharing a
    page share i, so they meet only with the same fault. A cell that does not fit moves to
    the next run with room."""
    index = page_groups(pages)
    kinds = [f for f in FAULTS if f != "timeout"]
    mixed = [c for c in cells if c.fault != "timeout"]
    count = max(len(kinds), -(-len(mixed) // max(1, capacity - 2)))  # room to move cells
    runs = [Run(k, []) for k in range(count)]

    def home(cell: Cell) -> int:
        return (index[cell.source] + kinds.index(cell.fault)) % count

    for cell in sorted(mixed, key=home):
        _place(cell, runs[home(cell) :] + runs[: home(cell)], runs, pages, capacity)
    timeout_runs: list[Run] = []
    for cell in (c for c in cells if c.fault == "timeout"):
        _place(cell, timeout_runs, runs, pages, capacity, extra=timeout_runs)
    return runs


def _place(cell, candidates, runs, pages, capacity, extra=None) -> None:
    run = next(
        (
            r
            for r in candidates
            if len(r.cells) < capacity and all(compatible(cell, c, pages) for c in r.cells)
        ),
        None,
    )
    if run is None:
        run = Run(len(runs), [])
        runs.append(run)
        if extra is not None:
            extra.append(run)
    run.cells.append(cell)
    cell.run = run.number


def choose_companions(runs: list[Run], pages: dict[str, set[str]], weight: dict[str, int]) -> None:
    """Two healthy sources per run, touching no faulted page: the least used, then the
    lightest (a source that parses PDFs holds the crawler's reactor while it does)."""
    used = dict.fromkeys(pages, 0)
    for run in runs:
        busy = {c.source for c in run.cells}
        free = [s for s in pages if s not in busy and not pages[s] & run.faulted]
        if run.cells[0].fault == "timeout":  # a short DOWNLOAD_TIMEOUT: nothing heavy
            free.sort(key=lambda s: (weight[s], used[s], s))
        else:
            free.sort(key=lambda s: (used[s], weight[s], s))
        run.companions = free[:2]
        for s in run.companions:
            used[s] += 1
        assert run.companions, f"run {run.number}: no healthy companion left"


def finish_runs(jobs: list[dict], outs: list[str]) -> list[dict]:
    """In a worker process: crawl the runs' jobs in one crawler process, then normalize,
    release and publish each run's folder, as `regwatch run` does."""
    start = time.monotonic()
    statuses = run_jobs([CrawlJob(**job) for job in jobs])
    crawled = time.monotonic()
    results = []
    for job, status, out in zip(jobs, statuses, outs, strict=True):
        data = Path(job["data_dir"])
        try:
            pipeline.normalize(data, status["crawl"])
            release = pipeline.release(data)
            pipeline.publish(data, Path(out))
        except Exception:  # one broken run fails its own cells, not the matrix
            results.append({"error": traceback.format_exc()})
        else:
            results.append({"status": status, "release": release})
    results[0]["seconds"] = {"crawl": crawled - start, "publish": time.monotonic() - crawled}
    return results


def source_pages(data: Path, crawl_id: str) -> tuple[dict[str, set[str]], dict[str, int]]:
    """Every page (folded URL) each source fetched in a crawl, robots.txt aside, and how many
    bytes they weigh."""
    pages, weight = {}, {}
    for warc in sorted((data / "archive" / crawl_id).glob("*.warc.gz")):
        name = warc.name.removesuffix(".warc.gz")
        responses = [r for r in read_responses(warc) if not r.url.endswith("/robots.txt")]
        pages[name] = {folded(r.url) for r in responses}
        weight[name] = sum(len(r.body) for r in responses)
    return pages, weight


# --- the matrix, run once per module ------------------------------------------------------


@dataclass
class Matrix:
    baseline: Path
    baseline_release: dict
    healthy: list[str]
    cells: dict[str, Cell]
    runs: list[Run]
    results: list[dict]
    seconds: float


@pytest.fixture(scope="module")
def matrix(tmp_path_factory) -> Matrix:
    start = time.monotonic()
    root = tmp_path_factory.mktemp("faults")
    site = FaultSite(snapshot_pages(LATEST)).start()
    try:
        baseline = root / "baseline"
        status = pipeline.crawl(baseline, settings=FAST, spider_args=entry_args(site, SPIDERS))
        pipeline.normalize(baseline, status["crawl"])
        baseline_release = pipeline.release(baseline)
        baseline_seconds = time.monotonic() - start
        healthy = sorted(n for n, s in status["sources"].items() if s["status"] == "ok")
        assert len(healthy) >= 3, status["sources"]
        fetched, weight = source_pages(baseline, status["crawl"])
        pages = {n: p for n, p in fetched.items() if n in healthy}
        corpus = load_corpus(baseline)
        faults = list(FAULTS)
        # Round r gives source i fault i + r: every run mixes kinds of fault.
        cells = [
            plan_cell(source, faults[(i + r) % len(faults)], pages[source], corpus)
            for r in range(len(faults))
            for i, source in enumerate(healthy)
        ]
        runs = schedule(cells, pages, capacity=max(1, len(healthy) - 3))
        choose_companions(runs, pages, weight)
        now = datetime.now(UTC).replace(microsecond=0)
        for run in runs:
            run.folder = str(root / f"run-{run.number:02d}")
            shutil.copytree(baseline, Path(run.folder) / "data")
            site.cells[f"run{run.number}"] = {u: c.fault for c in run.cells for u in c.faulted}
            spiders = [c.source for c in run.cells] + run.companions
            timeouts = run.cells[0].fault == "timeout"
            run.job = asdict(
                CrawlJob(
                    crawl_id=release_id_for(now),
                    data_dir=str(Path(run.folder) / "data"),
                    crawl_time=now.isoformat(),
                    spiders=spiders,
                    settings={
                        **FAST,
                        **(TIMEOUT if timeouts else {}),
                        "USER_AGENT": f"regwatch/0.1 (fault matrix; cell=run{run.number})",
                    },
                    spider_args=entry_args(site, spiders),
                )
            )
        halves = [runs[0::2], runs[1::2]]
        results: list[dict] = [{} for _ in runs]
        with ProcessPoolExecutor(2, mp_context=get_context("spawn")) as pool:
            futures = [
                (
                    half,
                    pool.submit(
                        finish_runs,
                        [r.job for r in half],
                        [str(Path(r.folder) / "public") for r in half],
                    ),
                )
                for half in halves
                if half
            ]
            for half, future in futures:
                for run, result in zip(half, future.result(), strict=True):
                    results[run.number] = result
    finally:
        site.stop()
    seconds = time.monotonic() - start
    workers = [r["seconds"] for r in results if "seconds" in r]
    print(
        f"\nfault matrix: {len(cells)} cells in {len(runs)} runs, {seconds:.1f} s "
        f"(baseline {baseline_seconds:.1f} s; per worker, crawls and publishes: "
        + ", ".join(f"{w['crawl']:.1f} + {w['publish']:.1f} s" for w in workers)
        + ")"
    )
    by_id = {c.id: c for c in cells}
    return Matrix(baseline, baseline_release, healthy, by_id, runs, results, seconds)


BOOKKEEPING = ("release", "status", "note")


# Read once per run folder: 160 cells share 16 of them.
@cache
def snapshot(data: Path, release_id: str) -> list[dict]:
    return read_json(data / "releases" / release_id / "measures.json")["measures"]


@cache
def lists_of(data: Path, release_id: str) -> dict[str, dict]:
    """The entity lists a release publishes (list-*.json): their editions and entries, not
    the release id nor the status (`kept` with a note when the source failed: as last seen)."""
    folder = data / "releases" / release_id
    return {
        path.name: {k: v for k, v in read_json(path).items() if k not in BOOKKEEPING}
        for path in sorted(folder.glob("list-*.json"))
    }


@cache
def corpus_of(data: Path) -> dict[str, dict]:
    return load_corpus(data)


@cache
def health_rows(out: Path) -> dict[str, str]:
    """Source → status, as the site's health page shows them."""
    page = lxml_html.parse(str(out / "health/index.html"))
    return {
        row.xpath("string(td[1]/code)"): row.xpath("string(td[2])").strip()
        for row in page.xpath("//tr[td[1]/code]")
    }


@pytest.mark.parametrize("fault", list(FAULTS))
@pytest.mark.parametrize("source", list(SPIDERS))
def test_fault_is_survived_reported_and_loses_nothing(matrix: Matrix, source: str, fault: str):
    if source not in matrix.healthy:
        pytest.skip(f"{source} has no clean baseline crawl (no saved pages in {LATEST.name})")
    cell = matrix.cells[f"{source}.{fault}"]
    run, result = matrix.runs[cell.run], matrix.results[cell.run]
    assert "error" not in result, result["error"]
    release, sources = result["release"], result["release"]["sources"]
    data, out = Path(run.folder) / "data", Path(run.folder) / "public"

    # The faulted source failed, for the right reason: an entry page failing fails the
    # source; a release page failing leaves it partial (its other pages were read).
    mine = sources[source]
    entry_level = set(cell.faulted) <= {folded(u) for u in SPIDERS[source].source.entry_urls}
    assert mine["status"] in (("failed",) if entry_level else ("failed", "partial")), mine
    assert re.search(FAULTS[fault], " ".join(mine.get("errors") or [mine["error"]])), mine

    # Every other source crawled in the run published cleanly.
    for companion in run.companions:
        assert sources[companion]["status"] == "ok", (companion, sources[companion])
        before = matrix.baseline_release["sources"][companion]["announcements"]
        assert sources[companion]["announcements"] == before

    # Published, and partial: `regwatch run` exits 3 on this result (test_cli_exits_3…).
    assert release["result"] == "partial"
    index = read_json(out / "api/v1/index.json")
    assert index["id"] == release["id"] and index["result"] == "partial"

    # Nothing lost, lifted or altered: the release and the corpus equal the baseline's.
    assert snapshot(data, release["id"]) == snapshot(matrix.baseline, matrix.baseline_release["id"])
    changes = read_json(data / "releases" / release["id"] / "changes.json")
    assert changes["added"] == changes["modified"] == changes["removed"] == []
    assert corpus_of(data) == corpus_of(matrix.baseline)
    # …and no entry of an entity list (METI's, the Ministry of Finance's) either.
    baseline_lists = lists_of(matrix.baseline, matrix.baseline_release["id"])
    assert lists_of(data, release["id"]) == baseline_lists

    # Marked in api/v1/health.json and on the site's health page.
    health = read_json(out / "api/v1/health.json")
    marked = health["sources"][source]
    assert marked["status"] == mine["status"] and source in health["failing"]
    assert marked["stale_since"] == marked["last_attempt"] == release["time"]
    assert marked["last_success"] == matrix.baseline_release["time"]
    assert marked["error"] and marked["pages"]["expected"] is not None
    for companion in run.companions:
        assert health["sources"][companion]["stale_since"] is None
    assert health_rows(out)[source] == mine["status"]


def test_matrix_covers_the_registry_and_is_fast(matrix: Matrix):
    assert set(matrix.healthy) >= {"meti_news_ja", "meti_news_en", "meti_russia"}
    assert lists_of(matrix.baseline, matrix.baseline_release["id"]), "no entity list to guard"
    assert len(matrix.cells) == len(matrix.healthy) * len(FAULTS)
    assert matrix.seconds < 150, f"the fault matrix took {matrix.seconds:.0f} s"


def test_cli_exits_3_and_marks_the_failing_source(demo_run, tmp_path):
    """The real CLI on a replayed archive in which METI answers its bot filter's empty 202:
    exit 3, every measure kept, the source marked in health.json and on the site."""
    shutil.copytree(demo_run / "data", tmp_path / "data")
    previous = read_json(
        tmp_path / "data/releases" / latest_release(tmp_path / "data") / "release.json"
    )
    entry = SPIDERS["meti_news_ja"].source.entry_urls[0]
    when = datetime(2022, 6, 18, 9, tzinfo=UTC)
    warc = WarcWriterFile(tmp_path / "blocked.warc.gz")
    for r in read_responses(LATEST):
        if r.url == entry:
            warc.write_response(r.url, 202, "Accepted", [("Content-Type", "text/html")], b"", when)
        else:
            warc.write_response(r.url, r.status, "OK", r.headers, r.body, when)
    warc.close()
    proc = run_regwatch(
        "run", "--replay", str(warc.path), "--data", "data", "--out", "public", cwd=tmp_path
    )
    assert proc.returncode == 3, proc.stderr[-2000:]
    assert "some sources failed" in proc.stderr
    release_id = latest_release(tmp_path / "data")
    assert snapshot(tmp_path / "data", release_id) == snapshot(tmp_path / "data", previous["id"])
    health = read_json(tmp_path / "public/api/v1/health.json")
    schemas.validate("health", health)
    meti = health["sources"]["meti_news_ja"]
    assert meti["status"] == "failed" and "202" in meti["error"]
    assert meti["stale_since"] == "2022-06-18T09:00:00Z"
    assert meti["last_success"] == previous["time"]
    assert meti["announcements"] == {"expected": {"min": 1, "max": 400}, "found": 0}
    assert health_rows(tmp_path / "public")["meti_news_ja"] == "failed"
    assert health_rows(tmp_path / "public")["meti_news_en"] == "ok"


def latest_release(data: Path) -> str:
    return sorted(p.name for p in (data / "releases").iterdir() if not p.name.startswith("."))[-1]
