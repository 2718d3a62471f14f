"""Serve the published folder over HTTP on the loopback, for a person or a test to look at.

The published path is a symlink switched by each publish, so it is resolved again for every
connection: a reader never gets a mix of two builds, and a long-running server follows
the new build instead of serving one that will be pruned.
"""

from __future__ import annotations

import contextlib
import os
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CONTENT_TYPES = {
    ".json": "application/json",
    ".atom": "application/atom+xml",
    ".xml": "application/xml",
}


class PublishedFolderHandler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **CONTENT_TYPES}

    def __init__(self, *args, out_dir: Path, **kwargs) -> None:
        super().__init__(*args, directory=os.path.realpath(out_dir), **kwargs)

    def guess_type(self, path: str | os.PathLike[str]) -> str:
        if str(path).endswith(".xml") and f"{os.sep}feeds{os.sep}" in str(path):
            return "application/rss+xml"
        return super().guess_type(path)


def make_server(out_dir: Path, host: str = "127.0.0.1", port: int = 8000) -> ThreadingHTTPServer:
    """A server not yet started (port 0 picks a free port: see server.server_address)."""
    handler = partial(PublishedFolderHandler, out_dir=Path(out_dir))
    return ThreadingHTTPServer((host, port), handler)


def serve(out_dir: Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve until interrupted."""
    with make_server(out_dir, host, port) as server:
        print(f"Serving {os.path.realpath(out_dir)} at http://{host}:{server.server_address[1]}/")
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
