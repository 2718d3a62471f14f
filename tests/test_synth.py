"""The synthetic archive (regwatch.synth): deterministic, read by the real spiders, and
telling the story the extractor must follow (measures amended again and again).

No timing here: speed is `make bench`'s business (bench/run.py, docs/scale.md).
"""

from __future__ import annotations

import json
import shutil

import pytest

from crawlers.registry import all_spiders
from crawlers.warc import read_responses
from normalize.release import list_releases, releases_dir
from regwatch import synth

SIZE = {"years": 1, "announcements": 400}


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    out = tmp_path_factory.mktemp("synth")
    summary = synth.generate(out, seed=5, **SIZE)
    return out, summary


def test_every_registered_source_is_synthesized_or_says_why_not():
    registered = set(all_spiders())
    assert set(synth.SYNTHESIZED) <= registered
    assert registered - set(synth.SYNTHESIZED) == set(synth.NOT_SYNTHESIZED)


def test_same_seed_same_bytes_other_seed_other_bytes(archive, tmp_path):
    out, summary = archive
    again = synth.generate(tmp_path / "again", seed=5, **SIZE)
    assert again == summary
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(p.name for p in (tmp_path / "again").iterdir())
    for name in names:
        assert (out / name).read_bytes() == (tmp_path / "again" / name).read_bytes(), name
    other = synth.generate(tmp_path / "other", seed=6, **SIZE)
    last = sorted(out.glob("*.warc.gz"))[-1].name
    assert (tmp_path / "other" / last).read_bytes() != (out / last).read_bytes()
    assert other["announcements"] == summary["announcements"] == SIZE["announcements"]


def test_weekly_crawls_over_the_years_with_every_source(archive):
    out, summary = archive
    assert summary["snapshots"] == len(list(out.glob("????-??-??.warc.gz"))) >= 52
    assert set(summary["by_source"]) == set(synth.SYNTHESIZED)
    assert all(n > 0 for n in summary["by_source"].values())
    assert sum(summary["amendments"].values()) > 10
    assert summary["about_measures"] < summary["announcements"]


def test_japanese_pages_write_dates_the_ways_the_sites_do(archive):
    out, _ = archive
    bodies = b"".join(
        r.body for w in sorted(out.glob("*.warc.gz"))[-3:] for r in read_responses(w)
    ).decode("utf-8")
    assert "令和" in bodies  # era dates
    assert "２０２" in bodies  # full-width digits
    assert "月" in bodies and "日付" in bodies  # MOFA's yearless listing dates
    assert "団体を追加します" in bodies or "品目追加します" in bodies  # amendments


def _snapshot_with(out, text: str):
    for warc in sorted(out.glob("*.warc.gz")):
        if any(text.encode() in r.body for r in read_responses(warc)):
            return warc
    raise AssertionError(f"no snapshot with {text!r}")


def test_the_real_spiders_read_a_snapshot_and_the_amendment_is_found(archive, tmp_path):
    out, _ = archive
    picked = tmp_path / "picked"
    picked.mkdir()
    shutil.copy(_snapshot_with(out, "団体を追加します"), picked)
    data = tmp_path / "data"
    (status,) = synth.replay(data, picked)
    assert {name: s["status"] for name, s in status["sources"].items()} == dict.fromkeys(
        synth.SYNTHESIZED, "ok"
    )
    assert all(s["announcements"] > 0 for s in status["sources"].values())
    (release,) = list_releases(data)
    measures = json.loads((releases_dir(data) / release / "measures.json").read_text())
    military = [m for m in measures["measures"] if "military-end-users" in m["id"]]
    assert military, [m["id"] for m in measures["measures"]]
    descriptions = [e["description"] for m in military for e in m["effective"]]
    assert any("added" in d for d in descriptions), descriptions
    assert military[0]["counts"].get("entities", 0) > 0


def test_next_snapshot_adds_exactly_one_release(archive, tmp_path):
    out, _ = archive
    new = synth.next_snapshot(tmp_path, seed=5, **SIZE)
    last = sorted(out.glob("*.warc.gz"))[-1]
    before = {r.url: r.body for r in read_responses(last)}
    after = {r.url: r.body for r in read_responses(new)}
    added = [u for u in after if u not in before and not u.endswith(("index.html", "robots.txt"))]
    assert len(added) == 1 and "/press/" in added[0]
