"""SIGKILL at any point of `publish` leaves the published folder whole: a real publishing
process is killed at each named step (and at timed moments), and `out` must then show one
complete build, the previous one byte for byte or the new one, every artifact listed in its
api/v1/index.json present with its sha256. The next publish then recovers cleanly.

The steps are named by a driver that wraps publish's own functions (and the os calls of the
switch) to print a marker and pause; the test kills the process once the marker appears.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from test_publish_data import write_releases

from publish import publish as run_publish

DRIVER = r"""
import os, shutil, sys, time
from collections import Counter
from pathlib import Path

import publish.pipeline as pipeline
import publish.switch as switch

stop_at = sys.argv[3]  # a step, or "step#n" for its n-th occurrence
inside: list[str] = []
seen: Counter = Counter()


def reached(name):
    seen[name] += 1
    print(f"AT {name}#{seen[name]}", flush=True)
    if stop_at in (name, f"{name}#{seen[name]}") and (seen[name] == 1 or "#" in stop_at):
        time.sleep(300)


def wrap(module, attr):
    if not hasattr(module, attr):
        return
    inner = getattr(module, attr)

    def wrapper(*args, **kwargs):
        reached(f"before {attr}")
        inside.append(attr)
        try:
            result = inner(*args, **kwargs)
        finally:
            inside.pop()
        reached(f"after {attr}")
        return result

    setattr(module, attr, wrapper)


for attr in ("build_site", "write_api", "write_health", "check_immutable", "write_feeds",
             "write_index"):
    wrap(pipeline, attr)
for attr in ("keep_unchanged", "switch", "prune"):
    wrap(switch, attr)


class Calls:
    # The switch's own system calls: a step right after each one.
    def __init__(self, real, names):
        self.real, self.names = real, names

    def __getattr__(self, name):
        value = getattr(self.real, name)
        if name not in self.names:
            return value

        def call(*args, **kwargs):
            result = value(*args, **kwargs)
            reached(f"{inside[-1] if inside else '?'}: after {name}")
            return result

        return call


switch.os = Calls(os, {"rename", "symlink", "replace", "link"})
switch.shutil = Calls(shutil, {"rmtree", "copy2"})
print("STARTED", flush=True)
pipeline.publish(Path(sys.argv[1]), Path(sys.argv[2]))
print("DONE", flush=True)
"""


def fingerprint(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def assert_whole(out: Path) -> None:
    """`out` shows one complete build: every artifact of its index with its sha256."""
    assert out.is_symlink() and out.resolve().is_dir()
    index = json.loads((out / "api/v1/index.json").read_text())
    assert index["artifacts"]
    for rel, entry in index["artifacts"].items():
        data = (out / rel).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], rel
        assert len(data) == entry["size"], rel
    for page in ("index.html", "health/index.html", "releases/index.html"):
        assert (out / page).is_file(), page


def driver(data: Path, out: Path, stop_at: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", DRIVER, str(data), str(out), stop_at],
        stdout=subprocess.PIPE,
        text=True,
    )


def kill_at(data: Path, out: Path, step: str) -> None:
    """Run publish until it reaches `step` (`name#n`: its n-th time), SIGKILL it there."""
    proc = driver(data, out, step)
    assert proc.stdout is not None
    wanted = step if "#" in step else f"{step}#1"
    passed = []
    for line in proc.stdout:
        passed.append(line.strip())
        if line.strip() == f"AT {wanted}":
            proc.send_signal(signal.SIGKILL)
            break
    proc.wait()
    assert passed and passed[-1] == f"AT {wanted}", passed[-5:]


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> tuple[Path, Path, list[str]]:
    """A history, published once (the build online when the killing starts), and the steps
    (with how often each occurs) a second publish passes through."""
    root = tmp_path_factory.mktemp("atomic")
    data = write_releases(root / "data")
    out = root / "site" / "public"
    run_publish(data, out)
    trial = copy_of(out, root / "trial")
    proc = driver(data, trial, "none")
    stdout, _ = proc.communicate(timeout=300)
    assert proc.returncode == 0 and stdout.strip().endswith("DONE"), stdout[-2000:]
    steps = [line[3:] for line in stdout.splitlines() if line.startswith("AT ")]
    return data, out, steps


def copy_of(out: Path, where: Path) -> Path:
    # The symlink is relative: the copy points at its own builds.
    shutil.copytree(out.parent, where, symlinks=True)
    return where / out.name


# Staging is written in steps that leave the same kind of state (a partial staging folder):
# three of them stand for all.
STAGING = ("after build_site", "after write_feeds", "after write_index")


def kill_points(steps: list[str]) -> list[str]:
    """The staging steps above, every step of the switch and of pruning, and the middle of
    the loop that keeps unchanged files (a step taken once per file)."""
    names = [s.rsplit("#", 1)[0] for s in steps]
    distinct = list(dict.fromkeys(names))
    points = [
        n
        for n in distinct
        if n in STAGING or n.startswith("switch:") or n in ("after keep_unchanged", "after prune")
    ]
    looped = [n for n in distinct if names.count(n) > 2]
    return points + [f"{n}#{names.count(n) // 2}" for n in looped]


def test_publish_passes_every_named_step(published):
    _, _, steps = published
    names = {s.rsplit("#", 1)[0] for s in steps}
    assert {"after build_site", "after write_index", "switch: after rename"} <= names, names
    assert "switch: after replace" in names and "after prune" in names


def test_sigkill_at_any_step_leaves_a_whole_published_folder(published, tmp_path):
    data, out, steps = published
    before = fingerprint(out.resolve())
    points = kill_points(steps)
    order = [s.rsplit("#", 1)[0] for s in steps]
    switched = order.index("switch: after replace")

    def one(i: int) -> Path:
        copy = copy_of(out, tmp_path / f"kill-{i:02d}")
        kill_at(data, copy, points[i])
        return copy

    with ThreadPoolExecutor(4) as pool:
        copies = list(pool.map(one, range(len(points))))
    for point, copy in zip(points, copies, strict=True):
        assert_whole(copy)
        if order.index(point.rsplit("#", 1)[0]) < switched:  # not yet switched: untouched
            assert fingerprint(copy.resolve()) == before, point
    # The next publish recovers from the worst moments: a whole new build, no leftovers.
    for point, copy in zip(points, copies, strict=True):
        if point in ("keep_unchanged: after link", "switch: after rename", "switch: after symlink"):
            report = run_publish(data, copy)
            assert_whole(copy)
            builds = Path(report["build"]).parent
            assert not [p for p in builds.iterdir() if p.name.startswith(".staging-")], point
            assert sorted(p.name for p in copy.parent.iterdir()) == ["public", "public.builds"]


def test_sigkill_at_timed_moments_leaves_a_whole_published_folder(published, tmp_path):
    data, out, _ = published

    def one(delay: float) -> Path:
        copy = copy_of(out, tmp_path / f"timed-{delay}")
        proc = driver(data, copy, "none")
        assert proc.stdout is not None and proc.stdout.readline().strip() == "STARTED"
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        return copy

    with ThreadPoolExecutor(3) as pool:
        copies = list(pool.map(one, [0.3, 0.9, 1.5]))
    for copy in copies:
        assert_whole(copy)
    run_publish(data, copies[-1])
    assert_whole(copies[-1])


def test_a_reader_never_sees_a_missing_file_during_a_switch(published, tmp_path):
    """While publish runs, a reader polling the published index sees a whole build each time."""
    data, out, _ = published
    copy = copy_of(out, tmp_path / "reader")
    proc = driver(data, copy, "none")
    reads = 0
    while proc.poll() is None:
        assert_whole(copy)
        reads += 1
    assert proc.returncode == 0 and reads > 0
    assert_whole(copy)
    assert os.readlink(copy) != os.readlink(out)  # the copy did switch to a new build
