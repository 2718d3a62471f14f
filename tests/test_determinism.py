"""The same archive, replayed into two fresh folders, gives the same bytes: the releases
(data/releases), the corpus, and everything published for machines (api/, feeds/). Nothing
depends on the clock, on dict or file-system order, or on which run came first.

Not compared: the WARC files under data/archive (each record has a random WARC-Record-ID,
as the WARC standard asks) and the site's HTML (mkdocs writes build dates into the sitemap).
"""

from __future__ import annotations

from pathlib import Path

import pytest

FOLDERS = ["data/releases", "data/corpus", "public/api", "public/feeds"]


def files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("folder", FOLDERS)
def test_two_replays_of_the_same_archive_are_byte_identical(demo_run, demo_run_again, folder):
    ours, theirs = files(demo_run / folder), files(demo_run_again / folder)
    assert ours, f"nothing under {folder}"
    assert sorted(ours) == sorted(theirs)
    different = [name for name in ours if ours[name] != theirs[name]]
    assert not different, different[:10]


def test_releases_are_complete_and_numbered_alike(demo_run, demo_run_again):
    ours = sorted(p.name for p in (demo_run / "data/releases").iterdir())
    assert ours == sorted(p.name for p in (demo_run_again / "data/releases").iterdir())
    assert not [name for name in ours if name.startswith(".")]  # no half-written release
