"""bench/server.py answers as a real web server does: gzip when asked, validators on every
answer, 304 without a body or body headers, and every byte it sends counted."""

from __future__ import annotations

import datetime as dt
import gzip
import http.client
import socket

import pytest

from bench.server import serve_snapshot, stop
from regwatch.synth import _pack

PAGE = ("<!DOCTYPE html>\n<html><head><title>t</title></head><body>" + "<p>本文</p>" * 400
        + "</body></html>\n").encode()  # fmt: skip


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    warc = tmp_path_factory.mktemp("server") / "2024-05-07.warc.gz"
    docs = {
        "https://www.meti.go.jp/press/a.html": (PAGE, "text/html; charset=UTF-8", dt.date(2024, 5, 1)),
        "https://www.meti.go.jp/list.pdf": (b"%PDF-1.4 not text", "application/pdf", None),
        "https://www.meti.go.jp/robots.txt": (b"User-agent: *\nDisallow:\n", "text/plain", None),
    }  # fmt: skip
    warc.write_bytes(_pack().warc_bytes(dt.date(2024, 5, 7), docs))
    sites = serve_snapshot(warc)
    yield sites["www.meti.go.jp"]
    stop(sites)


def get(site, path: str, **headers: str) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", site.server.server_address[1], timeout=10)
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    response.content = response.read()
    conn.close()
    return response


def test_gzip_only_when_asked_and_only_for_text(site):
    plain = get(site, "/press/a.html")
    assert plain.status == 200 and plain.content == PAGE
    assert plain.getheader("Content-Encoding") is None
    assert plain.getheader("Vary") == "Accept-Encoding"
    packed = get(site, "/press/a.html", **{"Accept-Encoding": "gzip, deflate, br"})
    assert packed.getheader("Content-Encoding") == "gzip"
    assert gzip.decompress(packed.content) == PAGE and len(packed.content) < len(PAGE) / 5
    assert int(packed.getheader("Content-Length")) == len(packed.content)
    assert packed.getheader("ETag") != plain.getheader("ETag")  # one tag per representation
    refused = get(site, "/press/a.html", **{"Accept-Encoding": "gzip;q=0, identity"})
    assert refused.content == PAGE
    pdf = get(site, "/list.pdf", **{"Accept-Encoding": "gzip"})
    assert pdf.content == b"%PDF-1.4 not text" and pdf.getheader("Content-Encoding") is None


def test_every_answer_carries_validators_and_caching_fields(site):
    for path in ("/press/a.html", "/robots.txt"):
        r = get(site, path)
        for name in ("Date", "ETag", "Last-Modified", "Cache-Control", "Expires"):
            assert r.getheader(name), (path, name)
        assert r.getheader("Server") == "Apache"
    assert get(site, "/press/a.html").getheader("Last-Modified") == "Wed, 01 May 2024 01:00:00 GMT"


def test_304_carries_the_validators_and_no_body_headers(site):
    first = get(site, "/press/a.html", **{"Accept-Encoding": "gzip"})
    tag = first.getheader("ETag")
    again = get(site, "/press/a.html", **{"Accept-Encoding": "gzip", "If-None-Match": tag})
    assert again.status == 304 and again.content == b""
    assert again.getheader("ETag") == tag
    for name in ("Date", "Last-Modified", "Cache-Control", "Expires", "Vary"):
        assert again.getheader(name), name
    for name in ("Content-Length", "Content-Type", "Content-Encoding"):
        assert again.getheader(name) is None, name
    # the identity representation's tag does not validate the gzipped one
    other = get(site, "/press/a.html", **{"Accept-Encoding": "gzip", "If-None-Match": '"x"'})
    assert other.status == 200
    since = {"If-Modified-Since": "Thu, 02 May 2024 00:00:00 GMT"}
    assert get(site, "/press/a.html", **since).status == 304
    assert (
        get(site, "/press/a.html", **{"If-Modified-Since": "Tue, 30 Apr 2024 00:00:00 GMT"}).status
        == 200
    )


def test_every_byte_sent_is_counted(site):
    before, requests = site.sent, site.requests
    with socket.create_connection(("127.0.0.1", site.server.server_address[1]), timeout=10) as s:
        s.sendall(b"GET /press/a.html HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n"
                  b"Connection: close\r\n\r\n")  # fmt: skip
        received = b""
        while chunk := s.recv(65536):
            received += chunk
    assert received.startswith(b"HTTP/1.1 200")
    assert site.sent - before == len(received) and site.requests == requests + 1
