"""Local copies of the sources' sites on 127.0.0.1 that answer as a real web server does.

One ThreadingHTTPServer per host of a WARC snapshot, each on its own port, serving that
host's archived responses by path. Every answer is what a stock Apache with mod_deflate
sends, so that a benchmark counts the bytes a real crawl would download:

- a text body (HTML, JSON, XML, plain text) is gzipped when the client accepts gzip, with
  `Vary: Accept-Encoding` and an ETag of its own (`"…-gzip"`, as mod_deflate marks it);
- every answer carries Date, Server, ETag (a hash of the body), the archived Last-Modified
  (a fixed date when the archive has none, as for robots.txt), Cache-Control, Expires and
  Apache's Keep-Alive and Connection;
- a request whose If-None-Match (or, without one, If-Modified-Since) still holds gets
  304 Not Modified with those validators and caching fields only: no body, and no
  Content-Type or Content-Length, which describe a body (RFC 9110 §8.6, §15.4.5).

Every byte written to a client (status line, headers, body) is counted.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
import time
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from crawlers.warc import read_responses

MAX_AGE = 600  # seconds; the crawler asks with max-age=0, so only the header's size matters
NO_DATE = "Mon, 28 Dec 2015 09:00:00 GMT"  # Last-Modified of files the archive gives none


def _compressible(ctype: str) -> bool:
    return ctype.startswith("text/") or "json" in ctype or "xml" in ctype


def _accepts_gzip(accept_encoding: str | None) -> bool:
    for part in (accept_encoding or "").split(","):
        name, *params = (x.strip() for x in part.split(";"))
        if name.lower() in ("gzip", "x-gzip", "*"):
            q = next((x[2:] for x in params if x.startswith("q=")), "1")
            try:
                return float(q) > 0
            except ValueError:
                return False
    return False


class Site:
    def __init__(self, host: str, pages: dict[str, tuple[bytes, dict[str, str]]]):
        self.host = host
        self.pages = pages  # path (with query) → (body, headers)
        self._gzipped: dict[str, bytes] = {}
        self.sent = 0
        self.requests = 0
        self.not_modified = 0
        self.robots = 0  # robots.txt requests: each spider asks for its own
        self.lock = threading.Lock()
        self.server: ThreadingHTTPServer | None = None

    @property
    def base(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def gzipped(self, path: str) -> bytes:
        """The path's body gzipped, once (level 6 and no timestamp: the same bytes each time)."""
        if path not in self._gzipped:
            self._gzipped[path] = gzip.compress(self.pages[path][0], compresslevel=6, mtime=0)
        return self._gzipped[path]

    def count(self, n: int) -> None:
        with self.lock:
            self.sent += n

    def answered(self, not_modified: bool, robots: bool) -> None:
        with self.lock:
            self.requests += 1
            self.not_modified += not_modified
            self.robots += robots


class _Counted:
    """The socket's write side, counting every byte."""

    def __init__(self, raw, site: Site):
        self.raw, self.site = raw, site

    def write(self, data: bytes) -> int:
        # Counted before it is sent: a client that has read the answer finds it counted.
        self.site.count(len(data))
        return self.raw.write(data)

    def __getattr__(self, name):
        return getattr(self.raw, name)


def _handler(site: Site):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def version_string(self) -> str:
            return "Apache"  # the archived sites' Server header

        def setup(self):
            super().setup()
            self.wfile = _Counted(self.wfile, site)

        def do_GET(self):  # noqa: N802
            page = site.pages.get(self.path)
            if page is None:
                status, body = 404, b"not found"
                headers, described = {}, {"Content-Type": "text/plain"}
            else:
                body, archived = page
                ctype = archived.get("content-type", "text/html")
                tag = hashlib.sha1(body).hexdigest()[:20]
                described = {"Content-Type": ctype}
                headers = {"Last-Modified": archived.get("last-modified", NO_DATE)}
                if _compressible(ctype):
                    headers["Vary"] = "Accept-Encoding"
                    if _accepts_gzip(self.headers.get("Accept-Encoding")):
                        body, tag = site.gzipped(self.path), tag + "-gzip"
                        described["Content-Encoding"] = "gzip"
                headers |= {
                    "ETag": f'"{tag}"',
                    "Cache-Control": f"max-age={MAX_AGE}",
                    "Expires": formatdate(time.time() + MAX_AGE, usegmt=True),
                }
                status = 304 if self._still_valid(headers) else 200
            site.answered(status == 304, self.path == "/robots.txt")
            self.send_response(status)  # with Date and Server
            if self.close_connection:  # the client said Connection: close
                headers["Connection"] = "close"
            else:
                headers |= {"Keep-Alive": "timeout=5, max=100", "Connection": "Keep-Alive"}
            if status != 304:
                headers |= described | {"Content-Length": str(len(body))}
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            if status != 304:
                self.wfile.write(body)
            self.wfile.flush()

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
