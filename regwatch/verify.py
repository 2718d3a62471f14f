"""`regwatch verify`: the release chain and every published artifact, checked by sha256.

Each release's manifest holds the sha256 of its files and of the previous release's
manifest; api/v1/index.json holds the sha256 of every published artifact. Anything altered
after the fact shows as a mismatch, named in the report.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from normalize.release import list_releases, releases_dir


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def verify_releases(data_dir: Path) -> tuple[int, list[str]]:
    problems: list[str] = []
    previous_manifest = None
    releases = list_releases(data_dir)
    for release_id in releases:
        root = releases_dir(data_dir) / release_id
        manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
        if manifest["previous_manifest_sha256"] != previous_manifest:
            problems.append(
                f"release {release_id}: the chain is broken (previous manifest hash differs)"
            )
        for name, entry in manifest["files"].items():
            path = root / name
            if not path.exists():
                problems.append(f"release {release_id}: {name} is missing")
            elif _sha(path) != entry["sha256"] or path.stat().st_size != entry["size"]:
                problems.append(
                    f"release {release_id}: {name} was altered (sha256 differs from its manifest)"
                )
        extra = {p.name for p in root.iterdir()} - set(manifest["files"]) - {"manifest.json"}
        problems.extend(
            f"release {release_id}: {name} is not in its manifest" for name in sorted(extra)
        )
        previous_manifest = _sha(root / "manifest.json")
    return len(releases), problems


def verify_published(out_dir: Path, data_dir: Path | None = None) -> tuple[int, list[str]]:
    index_path = out_dir / "api" / "v1" / "index.json"
    if not index_path.exists():
        return 0, [f"{index_path} is missing: nothing published"]
    index = json.loads(index_path.read_text(encoding="utf-8"))
    problems = []
    for rel, entry in sorted(index["artifacts"].items()):
        path = out_dir / rel
        if not path.exists():
            problems.append(f"published {rel} is missing")
        elif _sha(path) != entry["sha256"] or path.stat().st_size != entry["size"]:
            problems.append(f"published {rel} was altered (sha256 differs from api/v1/index.json)")
    if data_dir is not None:
        # The published copies of each release must be the released bytes.
        for copy in sorted((out_dir / "api" / "v1" / "releases").glob("*/*")):
            original = releases_dir(data_dir) / copy.parent.name / copy.name
            if original.exists() and original.read_bytes() != copy.read_bytes():
                problems.append(
                    f"published {copy.relative_to(out_dir)} differs from release {copy.parent.name}"
                )
    return len(index["artifacts"]), problems
