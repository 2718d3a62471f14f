"""The site built on a second core while the API and feeds are written.

mkdocs cleans its site_dir, so publish.pipeline builds the site first and writes api/ and
feeds/ after it, one after the other. With many measures both halves take tens of seconds
(docs/scale.md), so beyond PARALLEL_MIN measures the site is built by a forked child into a
folder beside the staging folder while this process writes api/ and feeds/ into it; the
site's files are then moved in. The result is the same files; a failure in either half fails
the publish as before. Small histories (the demo, the tests) are built in one process.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path

from publish.history import History

PARALLEL_MIN = 1_000  # measures


class SiteBuildFailed(RuntimeError):
    """The child that built the site failed; its traceback is the message."""


@contextlib.contextmanager
def site_beside(
    build_site: Callable[..., dict], history: History, root: Path, staging: Path, base_url: str
) -> Iterator[dict]:
    """Build the site (publish.build.build_site) into `staging` while the block runs; the
    yielded dict is filled with build_site's report when the block ends."""
    report: dict = {}
    if len(history.records) < PARALLEL_MIN or not hasattr(os, "fork"):
        report.update(build_site(history, root, staging, base_url))
        yield report
        return
    side = staging.with_name(staging.name + ".site")
    shutil.rmtree(side, ignore_errors=True)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: build, report, and leave without running the parent's cleanup
        os.close(read)
        code = 0
        try:
            message = json.dumps({"ok": build_site(history, root, side, base_url)})
        except BaseException:
            message, code = json.dumps({"error": traceback.format_exc()}), 1
        with os.fdopen(write, "w") as out:
            out.write(message)
        os._exit(code)
    os.close(write)
    done = False
    try:
        yield report
        done = True
    finally:
        with os.fdopen(read) as incoming:
            answer = json.loads(incoming.read() or '{"error": "the site builder died"}')
        os.waitpid(pid, 0)
        if not done or "error" in answer:
            shutil.rmtree(side, ignore_errors=True)
    if "error" in answer:
        raise SiteBuildFailed(answer["error"])
    for entry in sorted(side.iterdir()):
        target = staging / entry.name
        if target.exists():
            raise SiteBuildFailed(f"the site wrote {entry.name}, which api/ and feeds/ own")
        entry.rename(target)
    side.rmdir()
    report.update(answer["ok"])
