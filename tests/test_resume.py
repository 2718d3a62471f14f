"""An interrupted crawl never counts twice. The semantics (regwatch/pipeline.py): a crawl that
did not finish (no status.json: its process was killed) is discarded by the next crawl, its
partial WARC and announcements with it. None of it was normalized, so the next run fetches
everything again and makes exactly one release, with every announcement once.

The crawler is killed mid-crawl for real: a release page of the local server hangs, the
crawler process has written some announcements, and it gets SIGKILL. Killing the parent
`regwatch` process instead takes the crawler down with it (it must not write on, unseen,
into a crawl the next run discards).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_faults import FAST, LATEST, SPIDERS, FaultSite, entry_args, snapshot_pages

from normalize.corpus import load_corpus
from regwatch import pipeline

SOURCES = ["meti_news_ja", "meti_news_en"]
CRAWL = """
import json, sys
from pathlib import Path
from regwatch import pipeline
pipeline.crawl(Path(sys.argv[1]), sources=json.loads(sys.argv[2]),
               settings=json.loads(sys.argv[3]), spider_args=json.loads(sys.argv[4]))
"""


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.fixture()
def site():
    pages = snapshot_pages(LATEST)
    site = FaultSite(pages).start()
    # The last release page of the listing hangs: the crawl stalls after writing the others.
    ja = sorted(u for u in pages if u.startswith("/press/20") and u.endswith(".html"))
    site.cells["resume"] = {ja[-1]: "timeout"}
    yield site
    site.stop()


def interrupted_crawl(site: FaultSite, data: Path, kill: str) -> subprocess.Popen:
    """`regwatch crawl`, killed once its crawler has written announcements: `kill` is
    "crawler" (the crawler process) or "regwatch" (its parent)."""
    settings = {**FAST, "USER_AGENT": "regwatch/0.1 (cell=resume)"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            CRAWL,
            str(data),
            json.dumps(SOURCES),
            json.dumps(settings),
            json.dumps(entry_args(site, SOURCES)),
        ],
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        written = list((data / "crawls").glob("*/meti_news_ja.jsonl"))
        if written and written[0].read_text().count("\n") >= 3:
            break
        time.sleep(0.1)
    else:
        proc.kill()
        pytest.fail("the crawl never got going")
    (crawler,) = children(proc.pid)
    os.kill(crawler if kill == "crawler" else proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    deadline = time.monotonic() + 10
    while alive(crawler) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive(crawler), "the crawler outlived its parent"
    return proc


@pytest.mark.parametrize("kill", ["crawler", "regwatch"])
def test_an_interrupted_crawl_is_discarded_and_nothing_counts_twice(site, tmp_path, kill):
    data, out = tmp_path / "data", tmp_path / "public"
    proc = interrupted_crawl(site, data, kill)
    assert proc.returncode != 0
    (unfinished,) = [p for p in (data / "crawls").iterdir() if p.is_dir()]
    assert not (unfinished / "status.json").exists()
    assert (data / "archive" / unfinished.name).exists()

    said: list[str] = []
    site.cells.clear()  # the site answers again
    release = pipeline.run(
        data, out, settings=FAST, spider_args=entry_args(site, SPIDERS), progress=said.append
    )
    assert f"discarded unfinished crawl {unfinished.name} (interrupted before it finished)" in said
    crawls = [p.name for p in (data / "crawls").iterdir()]
    assert crawls == [release["crawl"]] and unfinished.name not in crawls
    assert [p.name for p in (data / "archive").iterdir()] == [release["crawl"]]
    assert [p.name for p in (data / "releases").iterdir()] == [release["id"]]
    assert release["result"] == "ok", release["sources"]

    # Every announcement once: the corpus holds what this crawl found, no more.
    crawled = [
        json.loads(line)["url"]
        for path in (data / "crawls" / release["crawl"]).glob("*.jsonl")
        for line in path.read_text().splitlines()
    ]
    assert len(crawled) == len(set(crawled))
    assert sorted(load_corpus(data)) == sorted(crawled)
    assert release["counts"]["announcements"] == len(crawled)
    index = json.loads((out / "api/v1/index.json").read_text())
    assert index["id"] == release["id"]


def test_a_crawl_without_status_is_never_normalized(tmp_path):
    (tmp_path / "crawls/20220101T000000Z").mkdir(parents=True)
    (tmp_path / "crawls/20220101T000000Z/meti_news_ja.jsonl").write_text("{}\n")
    with pytest.raises(pipeline.ReleaseError, match="no crawl to normalize"):
        pipeline.normalize(tmp_path)
    with pytest.raises(FileNotFoundError):
        pipeline.normalize(tmp_path, "20220101T000000Z")
