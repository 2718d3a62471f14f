"""One run at a time per data folder.

Every stage that reads or writes a data folder (crawl, normalize, release, publish, and run and
demo, which chain them) holds `{data}/.regwatch.lock`: an exclusive `fcntl.flock` on a file
that also names the holder (pid, command, start time) for the message a second run prints.

The kernel drops a flock when its process dies, however it dies, so a lock can never outlive
its holder: a lock file naming a dead process is stale and is simply taken over (and said so).
A second run waits up to REGWATCH_LOCK_TIMEOUT seconds (default 0) for the lock, then gives
up with `LockBusy`, which the CLI reports with exit code 5. The lock is re-entrant within a
process, so `run` can call the stages that lock on their own.
"""

from __future__ import annotations

import fcntl
import functools
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

LOCK_NAME = ".regwatch.lock"
TIMEOUT_ENV = "REGWATCH_LOCK_TIMEOUT"
POLL_SECONDS = 0.2

_held: dict[Path, int] = {}  # lock path → nesting depth, in this process


class LockBusy(RuntimeError):
    """Another process holds the data folder's lock."""


def lock_path(data_dir: Path) -> Path:
    return Path(os.path.abspath(data_dir)) / LOCK_NAME


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _holder(fd: int) -> dict[str, Any]:
    os.lseek(fd, 0, os.SEEK_SET)
    raw = os.read(fd, 4096)
    try:
        holder = json.loads(raw)
    except ValueError:
        return {}
    return holder if isinstance(holder, dict) else {}


def _timeout() -> float:
    raw = os.environ.get(TIMEOUT_ENV, "0")
    try:
        return max(0.0, float(raw))
    except ValueError:
        raise LockBusy(f"{TIMEOUT_ENV}={raw!r} is not a number of seconds") from None


@contextmanager
def data_lock(
    data_dir: Path, *, timeout: float | None = None, notify: Callable[[str], None] | None = None
) -> Iterator[None]:
    """Hold the data folder's lock for the duration of the block."""
    path = lock_path(data_dir)
    if _held.get(path):
        _held[path] += 1
        try:
            yield
        finally:
            _held[path] -= 1
        return
    wait = _timeout() if timeout is None else timeout
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _acquire(fd, path, wait)
        previous = _holder(fd)
        stale = previous.get("pid")
        if isinstance(stale, int) and stale != os.getpid() and not _alive(stale):
            (notify or _stderr)(f"recovered a stale lock left by pid {stale} in {path}")
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, json.dumps(_me()).encode("utf-8"))
        _held[path] = 1
        try:
            yield
        finally:
            _held.pop(path, None)
            os.ftruncate(fd, 0)
    finally:
        os.close(fd)  # closing the file releases the flock


def _acquire(fd: int, path: Path, wait: float) -> None:
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                break
            time.sleep(POLL_SECONDS)
    holder = _holder(fd)
    who = f"pid {holder.get('pid', '?')}"
    if holder.get("command"):
        who += f" ({holder['command']}, since {holder.get('started', '?')})"
    raise LockBusy(
        f"another regwatch process holds {path}: {who}; waited {wait:g} s. Run again when it "
        f"has finished, or set {TIMEOUT_ENV}=SECONDS to wait for it."
    )


def _me() -> dict[str, Any]:
    return {
        "pid": os.getpid(),
        "command": " ".join(["regwatch", *sys.argv[1:]])[:200],
        "started": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)


def locked(fn: Callable) -> Callable:
    """Run `fn(data_dir, …)` holding data_dir's lock."""

    @functools.wraps(fn)
    def wrapper(data_dir: Path, *args, **kwargs):
        with data_lock(Path(data_dir), notify=kwargs.get("progress")):
            return fn(data_dir, *args, **kwargs)

    return wrapper
