"""Build examples/corpus/warc/pages.warc.gz from the pages in examples/warc-src/.

The WARC is a fixture for the WARC reader, so it is written to be reproducible:
record ids are UUIDv5 of the target URI, dates are fixed "crawl times", and
warcio's per-record gzip members carry no timestamp. Rerunning the script gives
byte-identical output; `--check` fails when the committed file is stale.

Besides one HTTP response per page, the archive holds what a real crawl holds and
a reader must skip: a warcinfo record, the request records, and a response that
is not HTML (robots.txt).

    python examples/build_warc.py            # rewrite the archive
    python examples/build_warc.py --check    # exit 1 if it would change
"""

from __future__ import annotations

import argparse
import io
import sys
import uuid
from datetime import datetime
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).resolve().parent
SOURCE_DIR = HERE / "warc-src"
OUTPUT = HERE / "corpus" / "warc" / "pages.warc.gz"

# (source file, target URI, crawl time): the crawl is a day or so after publication.
PAGES = [
    ("choe-son-hui-moscow.html",
     "https://eurasiamonitor.example/news/2024/01/16/choe-son-hui-lavrov-moscow",
     "2024-01-17T06:12:09Z"),
    ("doha-ceasefire-talks.html",
     "https://levantdispatch.example/middle-east/doha-talks-bridging-proposal",
     "2024-08-17T03:40:51Z"),
    ("sabina-shoal-collision.html",
     "https://pacificcourier.example/asia/2024/09/02/sabina-shoal-collision-protest",
     "2024-09-03T01:05:33Z"),
]

ROBOTS = (
    "https://pacificcourier.example/robots.txt",
    "2024-09-03T01:05:30Z",
    b"User-agent: *\nDisallow: /search\nDisallow: /cookie-settings\n",
)

ID_NAMESPACE = uuid.UUID("6f1d3c1e-4b0a-5c2e-9a57-6e6577736772")  # fixed, project-specific


def record_id(kind: str, uri: str) -> str:
    """A stable WARC-Record-ID, so reruns do not churn the committed file."""
    return f"<urn:uuid:{uuid.uuid5(ID_NAMESPACE, kind + ' ' + uri)}>"


def http_date(warc_date: str) -> str:
    """RFC 7231 date for the HTTP Date header, from an ISO crawl time."""
    when = datetime.strptime(warc_date, "%Y-%m-%dT%H:%M:%SZ")
    return when.strftime("%a, %d %b %Y %H:%M:%S GMT")


def host_of(uri: str) -> str:
    return uri.split("/")[2]


def write_exchange(writer: WARCWriter, uri: str, when: str, body: bytes, content_type: str) -> None:
    """Write one request record and its response record."""
    path = "/" + uri.split("/", 3)[3] if uri.count("/") >= 3 else "/"
    request_headers = StatusAndHeaders(
        f"GET {path} HTTP/1.1",
        [
            ("Host", host_of(uri)),
            ("User-Agent", "newsgraph-example-crawler/1.0 (+https://example.invalid/newsgraph)"),
            ("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"),
            ("Accept-Language", "en"),
        ],
        is_http_request=True,
    )
    response_id = record_id("response", uri)
    request = writer.create_warc_record(
        uri,
        "request",
        http_headers=request_headers,
        warc_headers_dict={
            "WARC-Record-ID": record_id("request", uri),
            "WARC-Date": when,
            "WARC-Concurrent-To": response_id,
        },
    )
    response_headers = StatusAndHeaders(
        "200 OK",
        [
            ("Date", http_date(when)),
            ("Server", "nginx"),
            ("Content-Type", content_type),
            ("Content-Length", str(len(body))),
            ("Cache-Control", "max-age=300"),
        ],
        protocol="HTTP/1.1",
    )
    response = writer.create_warc_record(
        uri,
        "response",
        payload=io.BytesIO(body),
        length=len(body),
        http_headers=response_headers,
        warc_headers_dict={"WARC-Record-ID": response_id, "WARC-Date": when},
    )
    writer.write_record(request)
    writer.write_record(response)


def build() -> bytes:
    """Return the bytes of the whole gzipped WARC."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True, warc_version="1.0")
    info = (
        "software: newsgraph examples/build_warc.py\r\n"
        "format: WARC File Format 1.0\r\n"
        "description: Example pages written for the newsgraph project (fiction).\r\n"
    ).encode("utf-8")
    warcinfo = writer.create_warc_record(
        "",
        "warcinfo",
        payload=io.BytesIO(info),
        length=len(info),
        warc_content_type="application/warc-fields",
        warc_headers_dict={
            "WARC-Record-ID": record_id("warcinfo", OUTPUT.name),
            "WARC-Date": PAGES[0][2],
            "WARC-Filename": OUTPUT.name,
        },
    )
    writer.write_record(warcinfo)
    for name, uri, when in PAGES:
        robots_uri, robots_when, robots_body = ROBOTS
        if host_of(uri) == host_of(robots_uri):  # a polite crawler fetches robots.txt first
            write_exchange(writer, robots_uri, robots_when, robots_body, "text/plain; charset=utf-8")
        body = (SOURCE_DIR / name).read_bytes()
        write_exchange(writer, uri, when, body, "text/html; charset=utf-8")
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the committed WARC is out of date")
    parser.add_argument("--output", type=Path, default=OUTPUT, help=f"where to write (default: {OUTPUT})")
    args = parser.parse_args(argv)
    data = build()
    if args.check:
        current = args.output.read_bytes() if args.output.exists() else b""
        if current != data:
            print(f"{args.output} is out of date; run: python examples/build_warc.py", file=sys.stderr)
            return 1
        print(f"{args.output} is up to date")
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(data)
    print(f"wrote {args.output} ({len(data)} bytes, {len(PAGES)} HTML pages)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
