"""Large JSON documents whose value has not changed since the online build: linked from it,
not encoded again.

After ten years a measure's document (api/v1/measures/{id}.json, every version with its
fields before and after) weighs megabytes: 84 measures made 146 MB, which every publish
encoded again (json's indented encoder is pure Python: 3.5 s), wrote, compared with the
online build (publish.switch) and hashed, though a release changes a few measures at most.

So the online build's documents are remembered in data/state/publish-documents.json: for
each path, the sha256 of the value in compact JSON (C-encoded, several times faster) and
the sha256 of the bytes written. A document is linked from the online build when its value
hashes the same, the online file still hashes as remembered, and publish.jsonout is the
code that wrote it (its source's sha256 is remembered too); else it is encoded and written
as before. The compact and the canonical encodings are the same tokens, so the same compact
JSON means the same canonical bytes.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

from publish import jsonout
from publish.history_cache import save_state

MEMO_FILE = "publish-documents.json"


@cache
def _writer_sha256() -> str:
    return hashlib.sha256(Path(jsonout.__file__).read_bytes()).hexdigest()


def _value_sha256(obj: Any) -> str:
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Documents:
    """Writes documents into a build, linking those the online build holds already."""

    def __init__(self, memo: Path | None, online: Path | None):
        self.memo, self.online = memo, online
        self.before: dict[str, list[str]] = {}
        self.after: dict[str, list[str]] = {}
        try:
            doc = json.loads(memo.read_bytes()) if memo else {"writer": None}
            if doc["writer"] == _writer_sha256():
                self.before = doc["documents"]
        except (OSError, ValueError, LookupError, TypeError):
            pass

    def write(self, root: Path, rel: str, obj: Any) -> None:
        value = _value_sha256(obj)
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        old = self.before.get(rel)
        same = self.online and old and old[0] == value
        if same and jsonout.link_if_intact(self.online / rel, old[1], target):
            self.after[rel] = old
            return
        data = jsonout.dumps(obj)
        target.write_bytes(data)
        self.after[rel] = [value, hashlib.sha256(data).hexdigest()]

    def save(self) -> None:
        """Remember what this build holds. If it is not switched online after all, a document
        it changed does not hash as remembered online, and is written again."""
        if self.memo is not None:
            save_state(self.memo, {"writer": _writer_sha256(), "documents": self.after})
