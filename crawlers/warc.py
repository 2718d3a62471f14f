"""WARC archive: every response the crawler sees is written here, and replay reads it back.

One file per spider per crawl keeps writers independent (spiders of one crawl run
concurrently in the same reactor) and makes a single source's raw pages easy to find.
"""

from __future__ import annotations

import gzip
import io
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

REVALIDATED_HEADER = "Regwatch-Revalidated"
_DECODED = {"content-encoding", "transfer-encoding"}
_DECODED_DROP = _DECODED | {"content-length"}


@dataclass(frozen=True)
class ArchivedResponse:
    url: str
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    date: datetime  # WARC-Date: when the response was fetched


def warc_date(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_warc_date(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)


class WarcWriterFile:
    """Appends response records to one gzipped WARC file."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._fh = open(path, "ab")  # noqa: SIM115 (closed in close())
        self._record = io.BytesIO()
        self._writer = WARCWriter(self._record, gzip=False)

    def write_response(
        self,
        url: str,
        status: int,
        reason: str,
        headers: list[tuple[str, str]],
        body: bytes,
        fetched: datetime,
        revalidated: str | None = None,
    ) -> None:
        http_headers = StatusAndHeaders(f"{status} {reason}".strip(), headers, protocol="HTTP/1.1")
        warc_headers = {"WARC-Date": warc_date(fetched)}
        if revalidated is not None:
            # An extension field: the payload is the HTTP cache's copy, confirmed at WARC-Date.
            warc_headers[REVALIDATED_HEADER] = revalidated
        record = self._writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(body),
            http_headers=http_headers,
            warc_headers_dict=warc_headers,
        )
        self._record.seek(0)
        self._record.truncate()
        self._writer.write_record(record)
        # One gzip member per record, as WARC readers expect. warcio compresses at level 9;
        # level 3 takes a third of its CPU for about 9 % more bytes, and a crawl writes every
        # page it reads (a tenth of a replay's CPU went to compression at level 9).
        self._fh.write(gzip.compress(self._record.getvalue(), compresslevel=3, mtime=0))
        self._fh.flush()

    def close(self) -> None:
        self._fh.close()


def read_responses(path: Path) -> list[ArchivedResponse]:
    """Every response record of a WARC file, in file order.

    A file cut short by a crash mid-write keeps its complete records: the torn tail is
    dropped, because a partial response must never be read as a page.
    """
    out: list[ArchivedResponse] = []
    with open(path, "rb") as fh:
        try:
            for record in ArchiveIterator(fh):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                status = int(record.http_headers.get_statuscode())
                body = record.content_stream().read()
                headers = list(record.http_headers.headers)
                if any(k.lower() in _DECODED for k, _ in headers):
                    # The record holds the body as sent (gzipped, chunked); content_stream
                    # has undone that, so the headers describing it no longer apply: a
                    # replay that kept them would gunzip plain bytes.
                    headers = [(k, v) for k, v in headers if k.lower() not in _DECODED_DROP]
                out.append(
                    ArchivedResponse(
                        url=record.rec_headers.get_header("WARC-Target-URI"),
                        status=status,
                        headers=headers,
                        body=body,
                        date=parse_warc_date(record.rec_headers.get_header("WARC-Date")),
                    )
                )
        except (EOFError, gzip.BadGzipFile, OSError, ValueError):
            pass
    return out


def archive_time(path: Path) -> datetime:
    """The crawl time of an archive: the latest WARC-Date among its responses."""
    responses = read_responses(path)
    if not responses:
        raise ValueError(f"{path}: no response records")
    return max(r.date for r in responses)
