"""Which encoding a page is really in, when its HTTP header and its <meta> disagree.

Scrapy, like a browser, trusts the HTTP header first. Old Japanese government pages are often
Shift_JIS files served by a server whose default says UTF-8 (or ISO-8859-1), with the truth in
`<meta charset="Shift_JIS">`; read by the header they turn into mojibake that no selector
notices. When the two disagree, the bytes decide: UTF-8 if they are valid UTF-8 (random
legacy bytes almost never are), else the first declaration that decodes them without error,
the page's own <meta> before the server's default. Labels map as browsers map them
(Shift_JIS → cp932, which has the NEC symbols ① ② … that Shift_JIS lacks).
"""

from __future__ import annotations

import codecs

from scrapy.http import Request, Response, TextResponse
from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding

# Single-byte encodings decode any bytes, so succeeding proves nothing.
_CATCH_ALL = {codecs.lookup(n).name for n in ("cp1252", "latin-1", "ascii")}


def _decodes(body: bytes, encoding: str) -> bool:
    try:
        codecs.decode(body, encoding, errors="strict")
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def resolve_charset(header: str | None, meta: str | None, body: bytes) -> str | None:
    """The encoding to read `body` with, or None to keep Scrapy's choice (no conflict)."""
    if header is None or meta is None or codecs.lookup(header).name == codecs.lookup(meta).name:
        return None
    if _decodes(body, "utf-8"):
        return "utf-8"
    for candidate in (meta, header):
        if codecs.lookup(candidate).name not in _CATCH_ALL and _decodes(body, candidate):
            return candidate
    return meta


class CharsetMiddleware:
    def process_response(self, request: Request, response: Response, spider=None):
        if not isinstance(response, TextResponse):
            return response
        header = http_content_type_encoding(
            response.headers.get(b"Content-Type", b"").decode("latin-1")
        )
        meta = html_body_declared_encoding(response.body)
        chosen = resolve_charset(header, meta, response.body)
        if chosen is None:
            return response
        return response.replace(encoding=chosen)
