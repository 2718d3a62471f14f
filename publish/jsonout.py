"""Canonical, HTML-safe JSON for everything publish writes.

Canonical: sorted keys, two-space indent, UTF-8, one trailing newline, so the same data gives
byte-identical files. HTML-safe: `<`, `>` and `&` are written as \\u003c, \\u003e, \\u0026 (as
Go's encoding/json does). They can only occur inside JSON strings, so the value is unchanged,
but a scraped `<script>` can never appear literally in a published .json file, whatever a
browser sniffs it as. Files copied verbatim from a release are not re-encoded: see api.py.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any


def dumps(obj: Any) -> bytes:
    text = json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=True)
    # Three replace() calls: str.translate with a mapping is 10x slower on non-ASCII text.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return (text + "\n").encode("utf-8")


def write(path: Path, obj: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(dumps(obj))


def read(path: Path) -> Any:
    return json.loads(path.read_bytes())


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def link_if_intact(old: Path, sha256: str, target: Path) -> bool:
    """Hard-link `old` (a file of the online build) at `target` if its bytes still hash to
    `sha256`; False if they do not, or it is gone, or the filesystem has no hard links. A
    damaged online file is never carried into the next build."""
    try:
        if old.is_symlink() or sha256_file(old) != sha256:
            return False
        os.link(old, target)
    except OSError:
        return False
    return True
