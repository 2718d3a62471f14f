"""In-process memory of big state files, so that many stages in one process read each once.

A replay of a long archive (`regwatch rebuild`, `regwatch demo`, regwatch.synth) normalizes
hundreds of crawls in one process; each normalize reads the whole corpus and fact cache and
writes the corpus back. Without this, every crawl costs O(corpus) in JSON alone and a
ten-year rebuild is quadratic (docs/scale.md). A value is remembered with the file's
signature (inode, size, mtime in ns); any other writer changes the signature (write_atomic
replaces the file, appends grow it) and the next reader reads the file again. A single CLI
run reads each file once, as before.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

_files: dict[Path, tuple[tuple[int, int, int], Any]] = {}


def _signature(path: Path) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def recall(path: Path) -> Any | None:
    """What was remembered for `path`, if the file has not changed since."""
    key = Path(os.path.abspath(path))
    known = _files.get(key)
    if known is None or known[0] != _signature(key):
        _files.pop(key, None)
        return None
    return known[1]


def remember(path: Path, value: Any) -> None:
    """Remember `value` as the content of `path` as it is now (call right after writing or
    reading it)."""
    key = Path(os.path.abspath(path))
    signature = _signature(key)
    if signature is None:
        _files.pop(key, None)
    else:
        _files[key] = (signature, value)
