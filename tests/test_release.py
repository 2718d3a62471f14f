"""Releases through the CLI: a run with no change (no release), a date reached (a release), a
run where sources fail, an archive older than the history, and the integrity of what was
released."""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import run_regwatch

from crawlers.warc import WarcWriterFile, read_responses
from normalize.diff import apply_text_diff, text_diff

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # bench/ is not a package regwatch installs

from bench.steps import _files as published  # noqa: E402  (path → mtime, inode), as the bench

LAST = ROOT / "data/demo/snapshots/2022-06-17.warc.gz"
FIRST = ROOT / "data/demo/snapshots/2022-02-26.warc.gz"


@pytest.fixture(scope="module")
def history(demo_run) -> Path:
    return demo_run


@pytest.fixture()
def work(history, tmp_path) -> Path:
    shutil.copytree(history / "data", tmp_path / "data")
    return tmp_path


def rewrite_warc(source: Path, target: Path, when: datetime, keep=lambda url: True) -> Path:
    writer = WarcWriterFile(target)
    for r in read_responses(source):
        if keep(r.url):
            writer.write_response(r.url, r.status, "OK", r.headers, r.body, when)
    writer.close()
    return target


def measures(work: Path, release_id: str) -> dict[str, dict]:
    data = json.loads((work / "data/releases" / release_id / "measures.json").read_text())
    return {m["id"]: m for m in data["measures"]}


def latest(work: Path) -> str:
    return sorted(p.name for p in (work / "data/releases").iterdir() if not p.name.startswith("."))[
        -1
    ]


def rerun(work: Path, when: datetime, name: str = "again", keep=lambda url: True):
    """`regwatch run` replaying the last snapshot's pages again, crawled at `when`."""
    warc = rewrite_warc(LAST, work / f"{name}.warc.gz", when, keep)
    return run_regwatch("run", "--replay", str(warc), "--data", "data", "--out", "public", cwd=work)


def test_a_run_with_no_change_makes_no_release_and_touches_nothing(work):
    before = latest(work)
    assert run_regwatch("publish", "--data", "data", "--out", "public", cwd=work).returncode == 0
    files, link = published(work / "public"), (work / "public").readlink()
    proc = rerun(work, datetime(2022, 6, 18, 9, tzinfo=UTC))
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert f"nothing new since release {before}: no release made" in proc.stderr
    assert latest(work) == before and proc.stdout == ""
    assert (work / "public").readlink() == link and published(work / "public") == files
    assert not (work / "data/state/pending.json").exists()
    # The next run with nothing new still compares with the same release.
    proc = rerun(work, datetime(2022, 6, 19, 9, tzinfo=UTC))
    assert proc.returncode == 0 and latest(work) == before, proc.stderr[-2000:]


def test_an_effective_date_reached_makes_a_release_on_the_calendar(work):
    before = latest(work)
    coal = "eu-import-ban-ru-coal"  # announced in April, effective 10 August 2022
    assert measures(work, before)[coal]["status"] == "announced"
    proc = rerun(work, datetime(2022, 8, 10, 9, tzinfo=UTC))
    assert proc.returncode == 0, proc.stderr[-2000:]
    release = latest(work)
    assert release == "20220810T090000Z"
    changes = json.loads((work / "data/releases" / release / "changes.json").read_text())
    assert changes["added"] == [] and changes["removed"] == []
    assert [(m["id"], m["kind"], m["cause"]) for m in changes["modified"]] == [
        (coal, "in_force", "calendar")
    ]
    versions = json.loads((work / "public/api/v1/versions.json").read_text())
    assert versions["releases"][0]["id"] == release


def test_failing_sources_lose_nothing_and_exit_3(work):
    before = latest(work)
    no_mofa = lambda url: "mofa.go.jp" not in url  # noqa: E731  MOFA's pages now answer 404
    proc = rerun(work, datetime(2022, 6, 18, 9, tzinfo=UTC), "no-mofa", no_mofa)
    assert proc.returncode == 3, proc.stderr[-2000:]
    failed = latest(work)
    release = json.loads((work / "data/releases" / failed / "release.json").read_text())
    assert release["result"] == "partial"
    assert release["sources"]["mofa_press_en"]["status"] == "failed"
    assert "404" in release["sources"]["mofa_press_en"]["error"]
    assert release["sources"]["meti_news_ja"]["status"] == "ok"
    assert measures(work, failed) == measures(work, before)  # nothing removed or lifted
    # Failing the same way again is not news: no release, but still exit 3.
    proc = rerun(work, datetime(2022, 6, 19, 9, tzinfo=UTC), "no-mofa", no_mofa)
    assert proc.returncode == 3, proc.stderr[-2000:]
    assert "no release made" in proc.stderr and "still failing: mofa_" in proc.stderr
    assert latest(work) == failed
    # Recovering is news.
    proc = rerun(work, datetime(2022, 6, 20, 9, tzinfo=UTC), "recovered")
    assert proc.returncode == 0, proc.stderr[-2000:]
    recovered = json.loads((work / "data/releases" / latest(work) / "release.json").read_text())
    assert recovered["id"] == "20220620T090000Z" and recovered["result"] == "ok"
    assert measures(work, latest(work)) == measures(work, before)


def test_an_archive_older_than_the_history_is_refused(work):
    proc = run_regwatch(
        "run", "--replay", str(FIRST), "--data", "data", "--out", "public", cwd=work
    )
    assert proc.returncode == 1
    assert "older than the latest release" in proc.stderr


def test_manifests_chain_and_match_the_files(history):
    root = history / "data/releases"
    previous_hash = None
    for release in sorted(p for p in root.iterdir() if not p.name.startswith(".")):
        manifest = json.loads((release / "manifest.json").read_text())
        assert manifest["previous_manifest_sha256"] == previous_hash
        for name, entry in manifest["files"].items():
            raw = (release / name).read_bytes()
            assert hashlib.sha256(raw).hexdigest() == entry["sha256"] and len(raw) == entry["size"]
        previous_hash = hashlib.sha256((release / "manifest.json").read_bytes()).hexdigest()


def test_every_response_was_archived(history):
    crawls = sorted((history / "data/archive").iterdir())
    assert len(crawls) == len(list((ROOT / "data/demo/snapshots").glob("*.warc.gz")))
    urls = {r.url for r in read_responses(crawls[-1] / "mofa_press_ja.warc.gz")}
    assert "https://www.mofa.go.jp/robots.txt" in urls
    assert "https://www.mofa.go.jp/mofaj/press/release/index.html" in urls


def test_text_diff_keeps_both_texts():
    before, after = "輸出を禁止します。From 5 April.", "輸出を全面的に禁止します。From 19 April."
    diffs = text_diff(before, after)
    assert apply_text_diff(diffs) == (before, after)
    assert any(op == 1 for op, _ in diffs) and any(op == -1 for op, _ in diffs)
