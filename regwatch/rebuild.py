"""`regwatch rebuild`: every record and release re-derived from the WARC archive alone.

Each archived crawl (data/archive/{crawl}/*.warc.gz) is replayed, in order, through the same
spiders, normalize and release into a fresh data folder. The same archive and code give
byte-identical releases; a newer parser gives differences, reported per release with the
cause `pipeline` (the raw input is the same by construction).
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from crawlers.registry import all_spiders
from crawlers.runner import CrawlJob, iter_jobs
from crawlers.warc import archive_time
from normalize.canonical import read_json, write_json
from normalize.release import ReleaseError, list_releases, releases_dir
from regwatch import pipeline
from regwatch.lock import locked


def _jobs(data_dir: Path, into: Path) -> list[CrawlJob]:
    known = set(all_spiders())
    jobs = []
    for crawl in sorted(p for p in (data_dir / "archive").iterdir() if p.is_dir()):
        warcs = sorted(crawl.glob("*.warc.gz"))
        if not warcs:
            continue
        status = data_dir / "crawls" / crawl.name / "status.json"
        recorded = read_json(status) if status.exists() else {}
        if recorded:
            when = datetime.fromisoformat(recorded["time"])
        else:
            when = max(archive_time(w) for w in warcs)
        spiders = [
            w.name.removesuffix(".warc.gz")
            for w in warcs
            if w.name.removesuffix(".warc.gz") in known
        ]
        jobs.append(
            CrawlJob(
                crawl_id=crawl.name,
                data_dir=str(into),
                crawl_time=when.isoformat(),
                spiders=spiders,
                replay=[str(w) for w in warcs],
                spider_args=recorded.get("spider_args", {}),
            )
        )
    return jobs


def _measures(data_dir: Path, release_id: str) -> dict[str, dict]:
    return {
        m["id"]: m
        for m in read_json(releases_dir(data_dir) / release_id / "measures.json")["measures"]
    }


def compare(original: Path, rebuilt: Path) -> list[dict]:
    """Per release, the measures whose records differ: what a newer parser changed."""
    out = []
    for release_id in list_releases(rebuilt):
        if release_id not in list_releases(original):
            out.append(
                {"release": release_id, "cause": "pipeline", "note": "release not in the original"}
            )
            continue
        old, new = _measures(original, release_id), _measures(rebuilt, release_id)
        differing = sorted(mid for mid in set(old) | set(new) if old.get(mid) != new.get(mid))
        same_bytes = all(
            (releases_dir(original) / release_id / f).read_bytes()
            == (releases_dir(rebuilt) / release_id / f).read_bytes()
            for f in ("release.json", "measures.json", "changes.json")
        )
        out.append(
            {
                "release": release_id,
                "identical": same_bytes,
                "cause": "pipeline",
                "measures": differing,
            }
        )
    return out


@locked
def rebuild(data_dir: Path, into: Path, progress=pipeline._quiet) -> dict:
    if not (data_dir / "archive").exists():
        raise ReleaseError(f"no archive in {data_dir}: nothing to rebuild from")
    if into.exists() and any(into.iterdir()):
        raise ReleaseError(f"{into} is not empty: rebuild writes a fresh data folder")
    jobs = _jobs(data_dir, into)
    progress(
        f"rebuild: replaying {len(jobs)} archived crawls from {data_dir / 'archive'} into {into}"
    )
    for job in jobs:
        job.crawl_dir.mkdir(parents=True, exist_ok=True)
    for status in iter_jobs(jobs):
        pipeline.normalize(into, status["crawl"], progress=progress)
        pipeline.release(into, progress=progress)
    releases = compare(data_dir, into)
    report = {
        "from": str(data_dir),
        "into": str(into),
        "identical": all(r.get("identical") for r in releases),
        "releases": releases,
    }
    write_json(into / "rebuild-report.json", report)
    changed = [r for r in releases if r.get("measures")]
    progress(
        "rebuild: byte-identical to the original"
        if report["identical"]
        else f"rebuild: {len(changed)} releases differ (cause: pipeline); see {into / 'rebuild-report.json'}"
    )
    return json.loads(json.dumps(report))
