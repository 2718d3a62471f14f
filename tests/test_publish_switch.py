"""The atomic switch: the published path is a symlink to a complete build, replaced only
once a new build is complete, so a failed publish leaves the previous one online."""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from pathlib import Path

import pytest
from test_publish_data import R1, history_spec, write_releases

import publish.build
import publish.pipeline
from publish import publish as run_publish
from publish.api import ImmutableReleaseChanged
from publish.build import SiteBuildError
from publish.switch import OutPathError

REPO = Path(__file__).resolve().parents[1]


def fingerprint(out: Path) -> dict[str, str]:
    return {
        p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(out.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def data(tmp_path) -> Path:
    return write_releases(tmp_path / "data")


def builds_of(out: Path) -> list[str]:
    return sorted(p.name for p in out.with_name(out.name + ".builds").iterdir())


def test_republish_switches_keeps_previous_and_prunes_older(data, tmp_path):
    out = tmp_path / "public"
    first = run_publish(data, out)
    second = run_publish(data, out)
    assert os.readlink(out) == f"public.builds/{second['build_id']}"
    assert second["previous_build"] == first["build"]
    assert builds_of(out) == [first["build_id"], second["build_id"]]
    third = run_publish(data, out)
    assert builds_of(out) == [second["build_id"], third["build_id"]]
    assert third["pruned"] == [first["build_id"]]
    assert (out / "api/v1/index.json").is_file()


@pytest.mark.parametrize("where", ["mkdocs", "feeds"])
def test_a_failed_publish_leaves_the_previous_build_online(data, tmp_path, monkeypatch, where):
    out = tmp_path / "public"
    run_publish(data, out)
    link, before = os.readlink(out), fingerprint(out)

    def explode(*args, **kwargs):
        raise RuntimeError(f"crash in {where}")

    if where == "mkdocs":
        monkeypatch.setattr(publish.build, "build", explode)
    else:
        monkeypatch.setattr(publish.pipeline, "write_feeds", explode)
    with pytest.raises(RuntimeError, match=f"crash in {where}"):
        run_publish(data, out)
    assert os.readlink(out) == link and fingerprint(out) == before
    assert len(builds_of(out)) == 1  # the staging folder is gone


def test_strict_mkdocs_refuses_a_broken_link(data, tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(REPO / "site", repo / "site")
    shutil.copy(REPO / "mkdocs.yml", repo / "mkdocs.yml")
    (repo / "site/about.md").write_text("# About\n\n[gone](missing.md)\n")
    out = tmp_path / "public"
    with pytest.raises(SiteBuildError, match="missing.md"):
        run_publish(data, out, repo_root=repo)
    assert not out.exists() and not out.is_symlink()


def test_a_real_folder_at_out_is_refused_unless_empty(data, tmp_path):
    legacy = tmp_path / "legacy"
    legacy.mkdir()
    (legacy / "index.html").write_text("hand-made")
    with pytest.raises(OutPathError, match="real folder"):
        run_publish(data, legacy)
    assert (legacy / "index.html").read_text() == "hand-made"
    empty = tmp_path / "empty"
    empty.mkdir()
    run_publish(data, empty)
    assert empty.is_symlink() and (empty / "index.html").is_file()


def test_a_published_release_is_never_rewritten(data, tmp_path):
    out = tmp_path / "public"
    run_publish(data, out)
    link, before = os.readlink(out), fingerprint(out)
    spec = history_spec()
    spec[0][1]["jp-export-ban-ru-luxury-goods"]["summary"] = "Rewritten history."
    rewritten = write_releases(tmp_path / "rewritten", spec)
    with pytest.raises(ImmutableReleaseChanged, match=f"releases/{R1}/"):
        run_publish(rewritten, out)
    assert os.readlink(out) == link and fingerprint(out) == before


def file_stats(root: Path) -> dict[str, tuple[int, int]]:
    return {
        p.relative_to(root).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_publishing_the_same_data_again_touches_no_file(data, tmp_path):
    """A new build is switched in, but every file keeps its inode and mtime: a static host
    keeps its ETag and Last-Modified, and pollers get 304."""
    out = tmp_path / "public"
    first = run_publish(data, out)
    before = file_stats(out)
    second = run_publish(data, out)
    assert os.readlink(out) == f"public.builds/{second['build_id']}" != first["build_id"]
    assert file_stats(out) == before
    sitemap = (out / "sitemap.xml").read_text()
    assert "<lastmod>2022-03-22</lastmod>" in sitemap  # the latest release's date, not today's


def test_only_the_files_whose_bytes_changed_get_a_new_mtime(tmp_path):
    spec = history_spec()
    out = tmp_path / "public"
    first = run_publish(write_releases(tmp_path / "three", spec[:3]), out)
    old_build, before = Path(first["build"]), file_stats(out)
    time.sleep(0.01)
    run_publish(write_releases(tmp_path / "four", spec), out)
    after = file_stats(out)
    changed = {p for p in before.keys() & after.keys() if before[p] != after[p]}
    for rel in before.keys() & after.keys():
        same_bytes = (old_build / rel).read_bytes() == (out / rel).read_bytes()
        assert same_bytes == (rel not in changed), rel
    assert {"api/v1/index.json", "api/v1/versions.json", "feeds/all.json"} <= changed
    assert f"api/v1/releases/{R1}/changes.json" not in changed
    assert all(after[p][1] > before[p][1] for p in changed)


def test_the_theme_asks_no_sitemap_next_to_the_feeds(data, tmp_path):
    out = tmp_path / "public"
    run_publish(data, out)
    (bundle,) = (out / "assets/javascripts").glob("bundle.*.min.js")
    code = bundle.read_bytes()
    assert publish.build.LANGUAGE_ALTERNATES in code and publish.build.ALTERNATES not in code
