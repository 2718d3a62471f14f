"""The atomic switch between published builds.

The published path `out` is a symlink to `{out}.builds/{build_id}/`. A publish builds into
`{out}.builds/.staging-{build_id}/`, renames it to `{build_id}` once complete, points a new
symlink at it and moves that over `out` with os.replace, which is atomic: a reader sees the
old build or the new one, never a mix, and a crash before the replace leaves the old build
online untouched. The build before the new one is kept (a reader in the middle of it keeps
working, and it can be switched back by hand); older builds are pruned.

Polite to pollers: before the switch, every staged file whose bytes equal the online
build's copy becomes a hard link to that copy (keep_unchanged), so it keeps its inode and
mtime; a static host then keeps its ETag and Last-Modified and a poller gets 304 Not
Modified. Only files whose bytes changed get a new mtime.

Build ids are `{sequence:05d}-{release_id}`: they sort in publish order and say which
release a build shows. Publishing is not re-entrant; regwatch's pipeline lock serializes it.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

BUILD_NAME = re.compile(r"^([0-9]{5})-[0-9]{8}T[0-9]{6}Z(?:-[0-9]+)?$")
STAGING_PREFIX = ".staging-"


class OutPathError(RuntimeError):
    """The published path is a real folder or file that publish did not make."""


@dataclass(frozen=True)
class Builds:
    out: Path
    folder: Path
    current: Path | None


def locate(out: Path) -> Builds:
    """Where the builds of `out` live and which one is online; refuse a legacy folder."""
    out = Path(os.path.abspath(out))
    folder = out.with_name(out.name + ".builds")
    current = None
    if out.is_symlink():
        target = Path(os.path.realpath(out))
        current = target if target.is_dir() else None
    elif out.is_dir():
        if any(out.iterdir()):
            raise OutPathError(
                f"{out} is a real folder, not the symlink publish maintains; move it away "
                f"or empty it (builds go to {folder}/ and {out} becomes a symlink)"
            )
    elif out.exists():
        raise OutPathError(f"{out} exists and is not a folder nor a symlink")
    return Builds(out, folder, current)


def new_staging(builds: Builds, release_id: str) -> tuple[Path, str]:
    builds.folder.mkdir(parents=True, exist_ok=True)
    numbers = [int(m.group(1)) for p in builds.folder.iterdir() if (m := BUILD_NAME.match(p.name))]
    build_id = f"{max(numbers, default=0) + 1:05d}-{release_id}"
    staging = builds.folder / f"{STAGING_PREFIX}{build_id}"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir()
    return staging, build_id


def keep_unchanged(staging: Path, current: Path | None) -> int:
    """Replace each staged file equal, byte for byte, to the online build's by a hard link to
    it (a copy keeping its mtime where the filesystem has no hard links); return how many."""
    if current is None:
        return 0
    kept = 0
    for path in sorted(staging.rglob("*")):
        old = current / path.relative_to(staging)
        if path.is_symlink() or not path.is_file() or old.is_symlink() or not old.is_file():
            continue
        new_stat, old_stat = path.stat(), old.stat()
        if os.path.samestat(new_stat, old_stat):
            kept += 1  # linked to it already (publish.api links the release files)
            continue
        if old_stat.st_size != new_stat.st_size or old.read_bytes() != path.read_bytes():
            continue
        spare = path.with_name(f".{path.name}.keep")
        try:
            os.link(old, spare)
        except OSError:
            shutil.copy2(old, spare)
        os.replace(spare, path)
        kept += 1
    return kept


def switch(builds: Builds, staging: Path, build_id: str) -> Path:
    """Make the staged build the published one, atomically, unchanged files kept as they are."""
    keep_unchanged(staging, builds.current)
    final = builds.folder / build_id
    os.rename(staging, final)
    # A publish killed between its symlink and the replace left its link behind (another pid).
    for stale in builds.out.parent.glob(f".{builds.out.name}.switch-*"):
        if stale.is_symlink():
            stale.unlink()
    link = builds.out.with_name(f".{builds.out.name}.switch-{os.getpid()}")
    os.symlink(os.path.relpath(final, builds.out.parent), link)
    if builds.out.is_dir() and not builds.out.is_symlink():
        builds.out.rmdir()  # the empty folder locate() accepted; os.replace cannot replace it
    os.replace(link, builds.out)
    return final


def prune(builds: Builds, keep: set[Path | None]) -> list[str]:
    """Remove the builds and stale staging folders not in `keep`; return their names."""
    kept = {Path(os.path.realpath(path)) for path in keep if path is not None}
    removed = []
    for path in sorted(builds.folder.iterdir()):
        ours = BUILD_NAME.match(path.name) or path.name.startswith(STAGING_PREFIX)
        if ours and Path(os.path.realpath(path)) not in kept:
            shutil.rmtree(path)
            removed.append(path.name)
    return removed
