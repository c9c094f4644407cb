"""The web side of ingestion: a guarded HTTP fetch, RSS/Atom parsing, and HTML text extraction.

Every function here returns plain data or raises `FetchError` with a message for the user;
turning that into `Article`s is `ingest.load`'s job. The private-address check resolves the host
before fetching, so DNS that changes between check and fetch can still slip through.
"""

from __future__ import annotations

import io
import ipaddress
import logging
import re
import socket
import time
from dataclasses import dataclass
from html import unescape
from urllib.parse import urljoin, urlsplit

import feedparser
import requests
import trafilatura

from assistant.config import Settings

logger = logging.getLogger(__name__)

USER_AGENT = "Kabar/0.1"
MAX_RESPONSE_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5
FEED_MARKERS = re.compile(rb"<(rss|feed|rdf:rdf)[\s>]", re.IGNORECASE)


class FetchError(Exception):
    """A URL, feed or page we could not use; the message says why and what to check."""


@dataclass
class FetchedPage:
    url: str  # after redirects
    content_type: str
    body: bytes


@dataclass
class FeedEntry:
    link: str | None
    title: str
    date: str | None  # ISO 8601
    summary: str  # plain text of the entry's content or summary; "" when the feed has none
    key: str  # the entry's guid, link or title, whichever it has, to tell entries apart


@dataclass
class Feed:
    title: str
    entries: list[FeedEntry]


@dataclass
class PageContent:
    text: str
    title: str
    date: str | None
    author: str | None
    sitename: str | None


def check_url_allowed(url: str, settings: Settings) -> str | None:
    """Return why `url` may not be fetched, or None when it may.

    Only http(s); with `settings.allow_private_urls` off, hosts resolving to loopback, private,
    link-local or other non-public addresses are refused. IP literals need no network.
    Example: `check_url_allowed("ftp://x", s)` -> "only http and https URLs ...".
    """
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError as exc:
        return f"not a valid URL ({exc}) - check the URL"
    if parts.scheme.lower() not in ("http", "https"):
        return (
            f"only http and https URLs can be fetched, not '{parts.scheme}:' "
            "- give an http(s) URL or a local file path"
        )
    host = parts.hostname
    if not host:
        return "the URL has no host name - give a full URL such as https://example.com/news"
    if settings.allow_private_urls:
        return None
    try:
        addresses = resolve_host(host)
    except OSError as exc:
        return f"could not resolve host {host} ({exc}) - check the URL"
    for address in addresses:
        if is_private_address(address):
            return (
                f"{host} is a private or local address ({address}) and fetching those is "
                "disabled - set KABAR_ALLOW_PRIVATE_URLS=true to allow it"
            )
    return None


def resolve_host(host: str) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    """The addresses `host` stands for; an IP literal is parsed, not looked up."""
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    return [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]


def is_private_address(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    # An IPv4 address smuggled inside IPv6 (::ffff:127.0.0.1) is judged as the IPv4 one.
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return not address.is_global or address.is_multicast


def fetch_url(url: str, settings: Settings) -> FetchedPage:
    """GET `url` with a timeout and a 10 MB cap, vetting each redirect with `check_url_allowed`.

    Redirects are followed by hand so a public URL cannot bounce us onto a private address. The
    timeout is per connect and per read, so a server trickling bytes can take longer in total.
    """
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        problem = check_url_allowed(current, settings)
        if problem:
            raise FetchError(f"could not fetch {current}: {problem}")
        try:
            response = requests.get(
                current,
                timeout=settings.fetch_timeout,
                headers={"User-Agent": USER_AGENT},
                stream=True,
                allow_redirects=False,
            )
            with response:
                check_peer(response, current, settings)
                if response.is_redirect:
                    current = urljoin(current, response.headers["location"])
                    continue
                response.raise_for_status()
                body = read_capped(response, current)
                return FetchedPage(current, response.headers.get("content-type", ""), body)
        except requests.RequestException as exc:
            raise FetchError(
                f"could not fetch {current}: {describe_request_error(exc, settings)} "
                "- check the URL and that the site is reachable"
            ) from exc
    raise FetchError(f"could not fetch {url}: more than {MAX_REDIRECTS} redirects - check the URL")


def check_peer(response: requests.Response, url: str, settings: Settings) -> None:
    """Refuse the response when the address actually connected to is private: the host's DNS
    may have changed since `check_url_allowed` looked it up (DNS rebinding). The request has
    gone out by then, but nothing from a private address is read or ingested."""
    if settings.allow_private_urls or requests.utils.get_environ_proxies(url):
        return
    try:
        # urllib3 detaches the socket from its connection once the response starts; the
        # response's file object still holds it.
        sock = getattr(response.raw.connection, "sock", None) or response.raw._fp.fp.raw._sock
        address = ipaddress.ip_address(sock.getpeername()[0].split("%")[0])
    except (AttributeError, OSError, ValueError):
        return  # no socket to ask (the body is already buffered); the pre-check stands
    if is_private_address(address):
        raise FetchError(
            f"could not fetch {url}: it resolved to the private address {address} when "
            "connecting - set KABAR_ALLOW_PRIVATE_URLS=true to allow private addresses"
        )


def read_capped(response: requests.Response, url: str) -> bytes:
    chunks, size = [], 0
    for chunk in response.iter_content(chunk_size=64 * 1024):
        size += len(chunk)
        if size > MAX_RESPONSE_BYTES:
            raise FetchError(
                f"could not fetch {url}: the response is larger than "
                f"{MAX_RESPONSE_BYTES // (1024 * 1024)} MB - give a smaller page or feed"
            )
        chunks.append(chunk)
    return b"".join(chunks)


def describe_request_error(exc: requests.RequestException, settings: Settings) -> str:
    """A short reason instead of urllib3's nested repr, e.g. "connection refused"."""
    if isinstance(exc, requests.HTTPError) and exc.response is not None:
        return f"HTTP {exc.response.status_code} {exc.response.reason or ''}".strip()
    if isinstance(exc, requests.Timeout):
        return f"no response within {settings.fetch_timeout:g} s"
    detail = str(exc)
    if isinstance(exc, requests.ConnectionError):
        if "refused" in detail.lower():
            return "connection refused"
        if "resolution" in detail.lower() or "name or service not known" in detail.lower():
            return "host name not found"
        return "connection failed"
    return detail[:200]


def looks_like_feed(body: bytes, content_type: str = "") -> bool:
    """True for RSS/Atom: by content type when it says so, else by sniffing the first bytes."""
    content_type = content_type.lower()
    if "rss" in content_type or "atom" in content_type:
        return True
    head = body[:2048]
    return bool(FEED_MARKERS.search(head)) and b"<html" not in head.lower()


def read_feed(body: bytes, base_url: str | None = None) -> Feed:
    """Parse RSS/Atom bytes into entries with absolute links, ISO dates and plain-text summaries.

    Raises FetchError for something that is not a feed. The bytes go in as a stream because
    feedparser would fetch a string that looks like a URL, or open one that looks like a path.
    """
    parsed = feedparser.parse(io.BytesIO(body))
    if not parsed.entries:
        if parsed.bozo or not parsed.get("version"):
            raise FetchError("not a valid RSS/Atom feed - check that the URL or file is a feed")
        raise FetchError("the feed has no items - nothing to ingest")
    entries = []
    for entry in parsed.entries:
        link = entry.get("link") or None
        if link and base_url:
            link = urljoin(base_url, link)
        content = entry.get("content") or []
        summary_html = (content[0].get("value") if content else None) or entry.get("summary", "")
        entries.append(
            FeedEntry(
                link=link,
                title=entry.get("title", "") or "",
                date=struct_time_to_iso(
                    entry.get("published_parsed") or entry.get("updated_parsed")
                ),
                summary=html_to_text(summary_html or ""),
                key=entry.get("id") or link or entry.get("title", "") or "",
            )
        )
    return Feed(title=parsed.feed.get("title", "") or "", entries=entries)


def struct_time_to_iso(value: time.struct_time | None) -> str | None:
    # feedparser gives UTC struct_times; the offset is written out so the date is unambiguous.
    if not value:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", value)


def html_to_text(fragment: str) -> str:
    """Plain text of a small HTML fragment such as a feed summary; block tags become breaks.

    A regex, not a parser: fine for the few tags feeds put in summaries (feedparser has already
    sanitized them), wrong for a ">" inside an attribute value. Spacing is left to `clean_text`.
    Example: "<p>a &amp; b</p>" -> " a & b\n\n".
    """
    text = re.sub(r"(?i)<br\s*/?>|</(p|div|li|h[1-6])>", "\n\n", fragment)
    return unescape(re.sub(r"<[^>]*>", " ", text))


def extract_page(html: bytes | str, url: str | None = None) -> PageContent | None:
    """Main text and metadata of an article page via trafilatura, or None when it finds none.

    trafilatura repeats the headline as the first line of text; that line is dropped since the
    title is kept separately.
    """
    try:
        document = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False
        )
    except Exception as exc:  # a parser crash on hostile markup is a bad page, not our bug
        logger.warning("trafilatura failed on %s: %s", url or "a page", exc)
        return None
    if document is None:
        return None
    fields = document if isinstance(document, dict) else document.as_dict()
    text = fields.get("text") or ""
    title = fields.get("title") or ""
    first_line, _, rest = text.partition("\n")
    if title and first_line.strip() == title.strip() and rest.strip():
        text = rest
    if not text.strip():
        return None
    return PageContent(
        text=text,
        title=title,
        date=fields.get("date") or None,
        author=fields.get("author") or None,
        sitename=fields.get("sitename") or None,
    )
