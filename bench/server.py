"""Local copies of the sources' sites on 127.0.0.1 that honour conditional GET.

One ThreadingHTTPServer per host of a WARC snapshot, each on its own port, serving that
host's archived responses by path. Every answer carries an ETag (a hash of the body) and the
archived Last-Modified; a request whose If-None-Match or If-Modified-Since still holds gets
304 Not Modified without a body. Every byte written to a client (status line, headers,
body) is counted, so a benchmark can compare what a crawl downloaded.
"""

from __future__ import annotations

import hashlib
import threading
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from crawlers.warc import read_responses


class Site:
    def __init__(self, host: str, pages: dict[str, tuple[bytes, dict[str, str]]]):
        self.host = host
        self.pages = pages  # path (with query) → (body, headers)
        self.sent = 0
        self.requests = 0
        self.not_modified = 0
        self.lock = threading.Lock()
        self.server: ThreadingHTTPServer | None = None

    @property
    def base(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def count(self, n: int, not_modified: bool) -> None:
        with self.lock:
            self.sent += n
            self.requests += 1
            self.not_modified += not_modified


class _Counted:
    """The socket's write side, counting every byte."""

    def __init__(self, raw, site: Site):
        self.raw, self.site, self.n = raw, site, 0

    def write(self, data: bytes) -> int:
        self.n += len(data)
        return self.raw.write(data)

    def __getattr__(self, name):
        return getattr(self.raw, name)


def _handler(site: Site):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self):
            super().setup()
            self.wfile = _Counted(self.wfile, site)

        def do_GET(self):  # noqa: N802
            before = self.wfile.n
            page = site.pages.get(self.path)
            if page is None:
                status, body, headers = 404, b"not found", {"Content-Type": "text/plain"}
            else:
                body, archived = page
                headers = {
                    "Content-Type": archived.get("content-type", "text/html"),
                    "ETag": '"' + hashlib.sha1(body).hexdigest()[:20] + '"',
                    "Last-Modified": archived.get("last-modified", "Mon, 28 Dec 2015 09:00:00 GMT"),
                }
                status = 304 if self._still_valid(headers) else 200
            if status == 304:
                body = b""
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            self.wfile.flush()
            site.count(self.wfile.n - before, status == 304)

        def _still_valid(self, headers: dict[str, str]) -> bool:
            tag = self.headers.get("If-None-Match")
            if tag is not None:
                return headers["ETag"] in [t.strip() for t in tag.split(",")]
            since = self.headers.get("If-Modified-Since")
            if since is not None:
                try:
                    return parsedate_to_datetime(headers["Last-Modified"]) <= parsedate_to_datetime(
                        since
                    )
                except (TypeError, ValueError):
                    return False
            return False

        def log_message(self, *args):
            pass

    return Handler


def serve_snapshot(warc: Path) -> dict[str, Site]:
    """Start one server per host of the snapshot; returns them by host name."""
    by_host: dict[str, dict[str, tuple[bytes, dict[str, str]]]] = {}
    for r in read_responses(warc):
        parts = urlsplit(r.url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        headers = {k.lower(): v for k, v in r.headers}
        by_host.setdefault(parts.hostname or "", {})[path] = (r.body, headers)
    sites = {}
    for host, pages in by_host.items():
        site = Site(host, pages)
        site.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
        threading.Thread(target=site.server.serve_forever, daemon=True).start()
        sites[host] = site
    return sites


def stop(sites: dict[str, Site]) -> None:
    for site in sites.values():
        if site.server is not None:
            site.server.shutdown()
            site.server.server_close()
