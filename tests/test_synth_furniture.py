"""The synthetic archive's site furniture (regwatch/synth_chrome.py, synth_partners.gov_uk_dressed):
pages weigh what the real ones weigh, and the spiders read the same announcements with or
without the menus, sidebars and footers around the content."""

from __future__ import annotations

import json
import shutil
from datetime import date

import pytest

from crawlers.warc import read_responses
from regwatch import synth, synth_chrome

SIZE = {"years": 1, "announcements": 300, "seed": 7}
BARE = "<!DOCTYPE html>\n<html>\n<head>\n<title>t</title>\n</head>\n<body>\n<p>x</p>\n</body>\n</html>\n"


@pytest.fixture(scope="module")
def archives(tmp_path_factory):
    """The same archive twice, without and with furniture."""
    root = tmp_path_factory.mktemp("furniture")
    for name, furniture in (("bare", False), ("dressed", True)):
        synth.generate(root / name, furniture=furniture, **SIZE)
    return root / "bare", root / "dressed"


def _announcements(data, crawl: str) -> dict[str, list[dict]]:
    """Each source's announcements, without what identifies the raw bytes."""
    out = {}
    for path in sorted((data / "crawls" / crawl).glob("*.jsonl")):
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        for row in rows:
            row.pop("raw_sha256")
        out[path.stem] = sorted(rows, key=lambda r: r["url"])
    return out


def test_each_site_weighs_what_was_aimed_for():
    for site, kb in synth_chrome.TARGET_KB.items():
        size = len(synth_chrome.dress(site, BARE, date(2024, 5, 7), "k").encode()) / 1024
        assert 0.75 * kb <= size <= 1.15 * kb, (site, size, kb)


def test_dressing_is_deterministic_and_keeps_the_page():
    once = synth_chrome.dress("meti_ja", BARE, date(2024, 5, 7), "https://www.meti.go.jp/a")
    assert once == synth_chrome.dress("meti_ja", BARE, date(2024, 5, 7), "https://www.meti.go.jp/a")
    assert once != synth_chrome.dress("meti_ja", BARE, date(2024, 5, 7), "https://www.meti.go.jp/b")
    assert "<p>x</p>" in once and once.count("<body>") == 1 and once.endswith("</html>\n")
    assert synth_chrome.dress(None, BARE, date(2024, 5, 7), "k") == BARE
    with pytest.raises(ValueError):
        synth_chrome.dress("meti_ja", "<p>a fragment</p>", date(2024, 5, 7), "k")


def test_same_story_and_the_furniture_carries_decoys(archives):
    bare, dressed = archives
    summary = {p: json.loads((p / "synth.json").read_text()) for p in archives}
    assert {k: v for k, v in summary[bare].items() if k != "bytes_html"} == {
        k: v for k, v in summary[dressed].items() if k != "bytes_html"
    }
    assert summary[dressed]["bytes_html"] > 8 * summary[bare]["bytes_html"]
    last = sorted(dressed.glob("*.warc.gz"))[-1]
    bodies = {r.url: r.body for r in read_responses(last)}
    bare_bodies = {r.url: r.body for r in read_responses(bare / last.name)}
    assert bodies.keys() == bare_bodies.keys()
    # Words and dates the extractor looks for sit in the furniture, outside the content.
    meti = next(b for u, b in bodies.items() if "meti.go.jp/press/20" in u).decode()
    assert "ロシア" in meti and "経済安全保障" in meti and "最終更新日" in meti
    mofa = next(b for u, b in bodies.items() if "/press/release/pressite_" in u).decode()
    assert "Sanctions against Russia" in mofa and "Related news" in mofa
    uk = json.loads(next(b for u, b in bodies.items() if "/api/content/" in u))
    assert any("sanctions" in r["title"].lower() for r in uk["links"]["ordered_related_items"])


def test_spiders_read_the_same_announcements_with_or_without_furniture(archives, tmp_path):
    bare, dressed = archives
    # a snapshot in which a measure is amended, so that the content says something
    name = next(
        w.name
        for w in sorted(bare.glob("*.warc.gz"))
        if any("団体を追加します".encode() in r.body for r in read_responses(w))
    )
    found = {}
    for archive in archives:
        picked = tmp_path / archive.name
        picked.mkdir()
        shutil.copy(archive / name, picked)
        (status,) = synth.replay(tmp_path / f"data-{archive.name}", picked)
        assert {n: s["status"] for n, s in status["sources"].items()} == dict.fromkeys(
            synth.online(picked / name), "ok"
        )
        found[archive.name] = _announcements(tmp_path / f"data-{archive.name}", status["crawl"])
    assert set(found["bare"]) == set(synth.online(bare / name))
    for source, rows in found["bare"].items():
        assert rows, source
        assert found["dressed"][source] == rows, source
