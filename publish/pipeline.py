"""publish(): the release history in, the published folder out, switched atomically.

Order matters. The history is loaded and checked first (nothing is touched if it is broken,
or if it would change a release file already online); the site is built by mkdocs into a
staging folder, then api/ and feeds/ are written beside it (mkdocs cleans its site_dir, so
they come after), then index.json, which lists every artifact with its sha256; only then is
the symlink switched. Any failure on the way removes the staging folder and leaves the
published build as it was. What publish remembers of the releases it has read (their
snapshots, publish.history_cache) is in data/state/, not in the published folder.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any

from publish import switch, urls
from publish.api import check_immutable, write_api, write_index
from publish.build import build_site
from publish.feeds import write_feeds
from publish.health import write_health
from publish.history import load_history
from publish.history_cache import CACHE_FILE
from publish.lists import write_lists_api
from publish.parallel import site_beside
from publish.unchanged import MEMO_FILE

DEFAULT_BASE_URL = "http://127.0.0.1:8000/"
REPO_ROOT = Path(__file__).resolve().parents[1]


def publish(
    data_dir: Path,
    out_dir: Path,
    *,
    base_url: str = DEFAULT_BASE_URL,
    repo_root: Path | None = None,
) -> dict[str, Any]:
    """Publish the releases under `data_dir` at `out_dir`; return a report of what was done."""
    start = time.monotonic()
    base_url = urls.normalize_base(base_url)
    root = Path(repo_root) if repo_root is not None else REPO_ROOT
    builds = switch.locate(Path(out_dir))
    history = load_history(Path(data_dir), cache=Path(data_dir) / "state" / CACHE_FILE)
    check_immutable(history, builds.current)
    loaded = time.monotonic()
    staging, build_id = switch.new_staging(builds, history.latest.id)
    try:
        # With many measures the site is built on another core meanwhile (publish/parallel.py).
        with site_beside(build_site, history, root, staging, base_url) as site:
            site_done = time.monotonic()
            memo = Path(data_dir) / "state" / MEMO_FILE
            write_api(history, staging, base_url, online=builds.current, memo=memo)
            write_lists_api(history, staging, base_url)  # api/v1/lists/
            write_health(history, staging)
            feed_items = write_feeds(history, staging, base_url, previous=builds.current)
        index = write_index(history, staging)
        written = time.monotonic()
        final = switch.switch(builds, staging, build_id)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    pruned = switch.prune(builds, {final, builds.current})
    end = time.monotonic()
    return {
        "out": str(builds.out),
        "build": str(final),
        "build_id": build_id,
        "previous_build": str(builds.current) if builds.current else None,
        "pruned": pruned,
        "release": history.latest.id,
        "base_url": base_url,
        "counts": {
            "releases": len(history.releases),
            "measures": len(history.latest.measures),
            "measures_ever": len(history.records),
            "events": len(history.events),
            "pages": site["pages"],
            "artifacts": len(index["artifacts"]) + 1,
            "feed_items": feed_items,
        },
        "seconds": {
            "load": round(loaded - start, 3),
            "pages": round(site["pages_seconds"], 3),
            "mkdocs": round(site["mkdocs_seconds"], 3),
            "api_and_feeds": round(written - site_done, 3),
            "total": round(end - start, 3),
        },
    }
