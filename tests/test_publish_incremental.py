"""Publishing after one more release costs the change, not the history, and gives the same
bytes as publishing the whole history from scratch: the snapshots publish remembers
(publish.history_cache) and the release files it links (publish.api) never let an altered
release through."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
from pathlib import Path

import pytest
from test_publish_data import R2, write_releases

from publish import history_cache, jsonout, release_folder
from publish import publish as run_publish
from publish.history import HistoryError, load_history


def contents(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()
    }


def cache_of(data: Path) -> Path:
    return data / "state" / history_cache.CACHE_FILE


@pytest.fixture
def full(tmp_path) -> Path:
    data = write_releases(tmp_path / "full")
    for manifest in (data / "releases").glob("*/manifest.json"):
        manifest.chmod(0o600)  # as normalize/release.py writes it (an atomic temporary file)
    return data


def grow(full: Path, data: Path, count: int) -> None:
    """data/releases/ as it was after the first `count` releases of `full`."""
    for folder in sorted((full / "releases").iterdir())[:count]:
        if not (data / "releases" / folder.name).exists():
            shutil.copytree(folder, data / "releases" / folder.name)


def test_publishing_release_by_release_equals_publishing_from_scratch(full, tmp_path):
    data, out = tmp_path / "data", tmp_path / "public"
    releases = len(list((full / "releases").iterdir()))
    for count in range(1, releases + 1):
        grow(full, data, count)
        run_publish(data, out)
    scratch = tmp_path / "scratch"
    assert not cache_of(full).exists()  # from scratch: every release read and checked anew
    run_publish(full, scratch)
    incremental, fresh = contents(out), contents(scratch)
    assert sorted(incremental) == sorted(fresh)
    differing = [rel for rel in fresh if incremental[rel] != fresh[rel]]
    assert differing == []


def test_a_release_altered_after_a_cached_publish_is_refused(full, tmp_path):
    out = tmp_path / "public"
    run_publish(full, out)
    assert cache_of(full).is_file()
    link, before = os.readlink(out), contents(out)
    path = full / "releases" / R2 / "measures.json"
    st = path.stat()
    # Same size, and the mtime put back: only the bytes tell.
    path.write_bytes(path.read_bytes().replace(b"Russia", b"Rossia"))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    with pytest.raises(HistoryError, match="does not match its manifest"):
        run_publish(full, out)
    assert os.readlink(out) == link and contents(out) == before


def test_the_cache_spares_schema_checks_and_gives_the_same_history(full, tmp_path, monkeypatch):
    checked: list[Path] = []
    validate = release_folder._validate

    def counting(folder, *docs):
        checked.append(folder)
        return validate(folder, *docs)

    monkeypatch.setattr(release_folder, "_validate", counting)
    data = tmp_path / "data"
    grow(full, data, 3)
    first = load_history(data, cache=cache_of(data))
    assert len(checked) == 3
    again = load_history(data, cache=cache_of(data))
    assert len(checked) == 3  # nothing read before is checked again
    assert again.releases == first.releases and again.events == first.events
    grow(full, data, 4)
    grown = load_history(data, cache=cache_of(data))
    assert [folder.name for folder in checked[3:]] == [grown.latest.id]
    assert grown.events == load_history(data).events
    # Each version of a record is one object, however many snapshots hold it.
    kept = [mid for mid in grown.releases[1].measures if mid in grown.releases[2].measures]
    assert kept and all(
        grown.releases[2].measures[mid] is grown.releases[1].measures[mid] for mid in kept
    )


def test_an_unreadable_or_outdated_cache_means_reading_everything(full, tmp_path):
    out = tmp_path / "public"
    run_publish(full, out)
    cache = cache_of(full)
    manifests = {r.sha256[release_folder.MANIFEST] for r in load_history(full).releases}
    assert set(history_cache.read(cache)) == manifests
    doc = json.loads(cache.read_text())
    cache.write_text(json.dumps({**doc, "schemas": "0" * 64}))  # checked by other schemas
    assert history_cache.read(cache) == {}
    cache.write_text('{"format": 1, "records": [')
    assert history_cache.read(cache) == {}
    before = contents(out)
    run_publish(full, out)
    assert contents(out) == before
    assert set(history_cache.read(cache)) == manifests


def test_release_files_go_online_once_then_are_linked(full, tmp_path):
    data, out = tmp_path / "data", tmp_path / "public"
    grow(full, data, 3)
    run_publish(data, out)
    rid = sorted(p.name for p in (data / "releases").iterdir())[0]
    published = out / "api/v1/releases" / rid
    first_build = published.resolve()
    for name in ("measures.json", "manifest.json"):
        online, source = (published / name).stat(), (data / "releases" / rid / name).stat()
        # A copy: writing to the data never changes the site, nor the other way round;
        # manifest.json, 0600 in the release folder, is readable by all online.
        assert online.st_ino != source.st_ino and online.st_mode & stat.S_IROTH
    grow(full, data, 4)
    run_publish(data, out)
    for name in ("measures.json", "changes.json", "manifest.json"):
        assert (published / name).stat().st_ino == (first_build / name).stat().st_ino
    index = json.loads((out / "api/v1/index.json").read_text())["artifacts"]
    for rel, entry in index.items():
        assert hashlib.sha256((out / rel).read_bytes()).hexdigest() == entry["sha256"], rel


def test_only_the_changed_measures_documents_are_encoded_again(full, tmp_path, monkeypatch):
    data, out = tmp_path / "data", tmp_path / "public"
    grow(full, data, 3)
    run_publish(data, out)
    encoded: list[str] = []
    dumps = jsonout.dumps

    def counting(obj):
        if isinstance(obj, dict) and "list_updates" in obj:  # a measure document
            encoded.append(obj["id"])
        return dumps(obj)

    monkeypatch.setattr(jsonout, "dumps", counting)
    grow(full, data, 4)
    run_publish(data, out)
    history = load_history(data)
    changed = {e.measure_id for e in history.events_by_release[history.latest.id]}
    assert changed and set(encoded) == changed
    monkeypatch.setattr(jsonout, "dumps", dumps)
    scratch = tmp_path / "scratch"
    run_publish(full, scratch)
    assert contents(out) == contents(scratch)


def test_a_damaged_online_document_is_written_again(full, tmp_path):
    out = tmp_path / "public"
    run_publish(full, out)
    document = next(
        p for p in (out / "api/v1/measures").glob("*.json") if b"Russia" in p.read_bytes()
    )
    expected = document.read_bytes()
    document.write_bytes(expected.replace(b"Russia", b"Rossia"))  # in place: its index differs
    run_publish(full, out)
    assert document.read_bytes() == expected


def test_a_damaged_online_release_file_is_replaced_by_the_release_folders(full, tmp_path):
    out = tmp_path / "public"
    run_publish(full, out)
    online = out / "api/v1/releases" / R2 / "measures.json"
    online.write_bytes(online.read_bytes().replace(b"Russia", b"Rossia"))  # in place
    run_publish(full, out)
    assert online.read_bytes() == (full / "releases" / R2 / "measures.json").read_bytes()


def test_files_unchanged_since_they_were_hashed_are_not_hashed_again(full, tmp_path, monkeypatch):
    run_publish(full, tmp_path / "public")
    hashed = []
    real = release_folder.hashlib.sha256

    def counting(data=b""):
        hashed.append(len(data))
        return real(data)

    monkeypatch.setattr(release_folder.hashlib, "sha256", counting)
    history = load_history(full, cache=cache_of(full))
    releases = len(history.releases)
    assert len(hashed) == releases  # the manifests only, which chain the releases
    # A file written since (same bytes even) has another ctime: it is hashed again.
    path = full / "releases" / R2 / "changes.json"
    path.write_bytes(path.read_bytes())
    hashed.clear()
    load_history(full, cache=cache_of(full))
    assert len(hashed) == releases + 1
