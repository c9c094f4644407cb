"""Turn files, directories, URLs and feeds into `Article`s, with a `LoadError` per bad record.

Nothing here raises for bad input: one broken line in a corpus costs that line only, and the
caller decides how loudly to report it. Ids are stable across runs (file path, URL or record id),
so re-ingesting an edited file replaces its old version; the price is that a moved file or a
record without id or url whose title changes gets a new id.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from assistant.config import Settings
from assistant.models import Article
from ingest.clean import (
    clean_text,
    decode_html,
    decode_text,
    detect_language,
    is_binary,
    normalize_characters,
    normalize_date,
)
from ingest.fetch import (
    FeedEntry,
    FetchedPage,
    FetchError,
    check_url_allowed,
    extract_page,
    fetch_url,
    looks_like_feed,
    read_feed,
)

# check_url_allowed is re-exported: the web UI vets a URL with it before calling load_sources.
__all__ = ["LoadError", "check_url_allowed", "load_sources"]

logger = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES | {".jsonl", ".json"}
KNOWN_SUFFIXES_TEXT = ".txt, .md, .jsonl, .json, .html, .htm, .xml, .rss or .atom"
RECORD_FIELDS = ("id", "text", "title", "date", "source", "url", "lang", "author")
MAX_TITLE_CHARS = 200
# About 30,000 words: far beyond any news article; a bigger "article" is a dump to split.
MAX_ARTICLE_CHARS = 200_000
BINARY_MESSAGE = "binary or undecodable file - give UTF-8 text, .jsonl, .html, or an RSS/Atom feed"
NO_PAGE_TEXT_MESSAGE = (
    "no article text found in the page - give the URL of a single article, not an index page"
)


@dataclass
class LoadError:
    """One input that could not become an article; `message` names the problem and the fix."""

    source: str
    line: int | None
    message: str


@dataclass(frozen=True)
class LoadOptions:
    settings: Settings
    default_source: str | None
    lang: str


def load_sources(
    sources: Iterable[str],
    settings: Settings,
    default_source: str | None = None,
    lang: str = "auto",
) -> Iterator[Article | LoadError]:
    """Yield an `Article` or a `LoadError` for every record in paths, directories and URLs.

    `lang` forces "id" or "en" for records that do not say; "auto" detects it per article.
    Example: `list(load_sources(["news.jsonl"], s))` -> [Article(...), LoadError(line=3, ...)].
    """
    if lang not in ("auto", "id", "en"):
        yield LoadError("lang", None, f"unknown language {lang!r} - use auto, id or en")
        return
    options = LoadOptions(settings, default_source, lang)
    for source in sources:
        yield from load_source(source, options)


def load_source(source: str, options: LoadOptions) -> Iterator[Article | LoadError]:
    source = source.strip()
    if not source:
        yield LoadError(source, None, "empty source - give a file, a directory or an http(s) URL")
        return
    scheme, separator, _ = source.partition("://")
    if separator and scheme.isascii() and scheme.replace("+", "").isalnum():
        if scheme.lower() in ("http", "https"):
            yield from load_url(source, options)
        else:
            message = f"unsupported source '{scheme}://' - give a local path or an http(s) URL"
            yield LoadError(source, None, message)
        return
    path = Path(source).expanduser()
    try:
        if path.is_dir():
            yield from load_directory(path, options)
        elif path.is_file():
            yield from load_file(path, options)
        elif path.exists():
            yield LoadError(source, None, "not a regular file - give a file or a directory")
        else:
            yield LoadError(source, None, "no such file or directory - check the path")
    except OSError as exc:
        message = f"could not read it ({exc.strerror or exc}) - check that it is readable"
        yield LoadError(source, None, message)


def load_directory(directory: Path, options: LoadOptions) -> Iterator[Article | LoadError]:
    """Every known file under `directory`, in sorted order, skipping hidden files and folders."""
    files = sorted(
        path
        for path in directory.rglob("*")
        if path.suffix.lower() in KNOWN_SUFFIXES
        and not any(part.startswith(".") for part in path.relative_to(directory).parts)
        and path.is_file()
    )
    if not files:
        message = f"no {KNOWN_SUFFIXES_TEXT} files in this directory - check the path"
        yield LoadError(str(directory), None, message)
    for path in files:
        try:
            yield from load_file(path, options)
        except OSError as exc:
            message = f"could not read the file ({exc.strerror or exc}) - check its permissions"
            yield LoadError(str(path), None, message)


def load_file(path: Path, options: LoadOptions) -> Iterator[Article | LoadError]:
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        yield load_text_file(path, options)
    elif suffix == ".jsonl":
        yield from load_jsonl(path, options)
    elif suffix == ".json":
        yield from load_json(path, options)
    elif suffix in HTML_SUFFIXES:
        yield load_html_file(path, options)
    elif suffix in FEED_SUFFIXES:
        yield from load_feed(path.read_bytes(), str(path), None, path.stem, options)
    else:
        message = f"unsupported file type '{suffix or path.name}' - give {KNOWN_SUFFIXES_TEXT}"
        yield LoadError(str(path), None, message)


def load_text_file(path: Path, options: LoadOptions) -> Article | LoadError:
    """A .txt/.md file is one article; a short first line doubles as its title."""
    text = decode_text(path.read_bytes())
    if text is None:
        return LoadError(str(path), None, BINARY_MESSAGE)
    first_line = next((line for line in clean_text(text).split("\n") if line), "")
    title = first_line if len(first_line) < MAX_TITLE_CHARS else path.stem
    source = options.default_source or path.resolve().parent.name
    draft = Article(id=path_id(path), text=text, title=title, source=source)
    return finish_article(draft, str(path), None, options)


def load_jsonl(path: Path, options: LoadOptions) -> Iterator[Article | LoadError]:
    """One JSON object per line, read as a stream so a large corpus never sits in memory."""
    with path.open("rb") as handle:
        if is_binary(handle.read(8192)):
            yield LoadError(str(path), None, BINARY_MESSAGE)
            return
        handle.seek(0)
        for number, raw in enumerate(handle, start=1):
            where = f"line {number}"
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError:
                message = f"{where}: not UTF-8 text - save the file as UTF-8"
                yield LoadError(str(path), number, message)
                continue
            if not line.strip():  # blank, also of Unicode spaces ("\xa0")
                continue
            try:
                record = json.loads(line)
            except (ValueError, RecursionError) as exc:
                reason = getattr(exc, "msg", None) or str(exc) or type(exc).__name__
                message = f"{where}: not valid JSON ({reason}) - fix or remove that line"
                yield LoadError(str(path), number, message)
                continue
            yield record_to_article(record, path, number, where, options)


def load_json(path: Path, options: LoadOptions) -> Iterator[Article | LoadError]:
    """One object, a list of objects, or {"articles": [...]}.

    The file is parsed whole, so unlike .jsonl one syntax error loses every record in it;
    "line" in record errors is the list index + 1.
    """
    text = decode_text(path.read_bytes())
    if text is None:
        yield LoadError(str(path), None, BINARY_MESSAGE)
        return
    try:
        document = json.loads(text)
    except (ValueError, RecursionError) as exc:
        reason = getattr(exc, "msg", None) or str(exc) or type(exc).__name__
        line = getattr(exc, "lineno", None)
        message = f"not valid JSON ({reason}) - fix the file, or give one record per line as .jsonl"
        yield LoadError(str(path), line, f"line {line}: {message}" if line else message)
        return
    if isinstance(document, dict) and isinstance(document.get("articles"), list):
        records = document["articles"]
    elif isinstance(document, dict):
        records = [document]
    elif isinstance(document, list):
        records = document
    else:
        message = 'expected an object, a list of objects, or {"articles": [...]} - fix the file'
        yield LoadError(str(path), None, message)
        return
    if not records:
        yield LoadError(str(path), None, "no records in the file - nothing to ingest")
    for index, record in enumerate(records, start=1):
        yield record_to_article(record, path, index, f"record {index}", options)


def record_to_article(
    record: object, path: Path, line: int, where: str, options: LoadOptions
) -> Article | LoadError:
    """Check one JSON record's fields and build its article; fields we do not know go to `extra`."""
    if not isinstance(record, dict):
        message = (
            f'{where}: not a JSON object - each record must be an object like {{"text": "..."}}'
        )
        return LoadError(str(path), line, message)
    text = record.get("text")
    if text is None or (isinstance(text, str) and not text.strip()):
        message = f"{where}: no 'text' field - each record needs a non-empty \"text\""
        return LoadError(str(path), line, message)
    for field in RECORD_FIELDS:
        value = record.get(field)
        allowed = (str, int) if field == "id" else (str,)
        if value is not None and (isinstance(value, bool) or not isinstance(value, allowed)):
            kind = "a string or an integer" if field == "id" else "a string"
            message = (
                f"{where}: field '{field}' must be {kind}, not {json_type_name(value)} "
                "- fix that field or remove it"
            )
            return LoadError(str(path), line, message)
    url = record.get("url") or None
    title = record.get("title") or ""
    raw_id = record.get("id")
    record_id = "" if raw_id is None else str(raw_id).strip()
    draft = Article(
        id=record_id or "rec-" + short_hash(url or f"{title}\n{text[:200]}"),
        text=text,
        title=title,
        date=record.get("date"),
        source=record.get("source") or options.default_source or path.stem,
        url=url,
        lang=record.get("lang") or "",
        author=record.get("author"),
        extra={key: value for key, value in record.items() if key not in RECORD_FIELDS},
    )
    return finish_article(draft, str(path), line, options, where)


def load_html_file(path: Path, options: LoadOptions) -> Article | LoadError:
    data = path.read_bytes()
    if is_binary(data[:8192]):
        return LoadError(str(path), None, BINARY_MESSAGE)
    html = decode_html(data)
    if html is None:
        return LoadError(str(path), None, BINARY_MESSAGE)
    page = extract_page(html)
    if page is None:
        return LoadError(str(path), None, NO_PAGE_TEXT_MESSAGE)
    draft = Article(
        id=path_id(path),
        text=page.text,
        title=page.title or path.stem,
        date=page.date,
        source=page.sitename or options.default_source or path.resolve().parent.name,
        author=page.author,
    )
    return finish_article(draft, str(path), None, options)


def load_url(url: str, options: LoadOptions) -> Iterator[Article | LoadError]:
    """An article page, or a feed (by content type or sniffing) whose items are fetched in turn."""
    try:
        page = fetch_url(url, options.settings)
    except FetchError as exc:
        yield LoadError(url, None, str(exc))
        return
    if looks_like_feed(page.body, page.content_type):
        yield from load_feed(page.body, url, page.url, urlsplit(page.url).hostname or "", options)
    else:
        yield article_from_page(page, url, options)


def article_from_page(
    page: FetchedPage,
    requested_url: str,
    options: LoadOptions,
    entry: FeedEntry | None = None,
    feed_source: str | None = None,
) -> Article | LoadError:
    """Extract a fetched page; a feed `entry` supplies the date and a title when the page lacks one.

    The id hashes the URL we were asked for, not the final one after redirects, so a feed item
    keeps its id whether its page is fetched or we fall back to the feed's summary.
    """
    html = decode_html(page.body, page.content_type)
    content = extract_page(html, page.url) if html is not None else None
    if content is None:
        return LoadError(requested_url, None, NO_PAGE_TEXT_MESSAGE)
    host = urlsplit(page.url).hostname or ""
    draft = Article(
        id=url_id(requested_url),
        text=content.text,
        title=content.title or (entry.title if entry else ""),
        date=(entry.date if entry else None) or content.date,
        source=feed_source or content.sitename or options.default_source or host,
        url=page.url,
        author=content.author,
    )
    return finish_article(draft, requested_url, None, options)


def load_feed(
    body: bytes, feed_ref: str, base_url: str | None, fallback_source: str, options: LoadOptions
) -> Iterator[Article | LoadError]:
    try:
        feed = read_feed(body, base_url)
    except FetchError as exc:
        yield LoadError(feed_ref, None, str(exc))
        return
    source = feed.title or options.default_source or fallback_source
    for entry in feed.entries:
        yield load_feed_entry(entry, feed_ref, source, options)


def load_feed_entry(
    entry: FeedEntry, feed_ref: str, source: str, options: LoadOptions
) -> Article | LoadError:
    """Fetch the item's page; if that fails, fall back to the text the feed itself carries."""
    reason = "the feed item has no link"
    if entry.link:
        try:
            page = fetch_url(entry.link, options.settings)
            article = article_from_page(page, entry.link, options, entry, source)
            if isinstance(article, Article):
                return article
            reason = article.message
        except FetchError as exc:
            reason = str(exc)
    ref = entry.link or feed_ref
    if not entry.summary.strip():
        message = f"{reason} (feed item {entry.title!r} has no summary to fall back on)"
        return LoadError(ref, None, message)
    logger.warning("Using the feed's summary for %s: %s", ref, reason)
    draft = Article(
        id=url_id(entry.link) if entry.link else "feed-" + short_hash(feed_ref + entry.key),
        text=entry.summary,
        title=entry.title,
        date=entry.date,
        source=source,
        url=entry.link,
    )
    return finish_article(draft, ref, None, options)


def finish_article(
    draft: Article, ref: str, line: int | None, options: LoadOptions, where: str = ""
) -> Article | LoadError:
    """Clean a draft's text and metadata and settle its language, or say why nothing is left.

    The draft's `lang` is kept only when it is "id" or "en"; otherwise the `lang` option or,
    for "auto", `detect_language` decides.
    """
    text = clean_text(draft.text)
    prefix = f"{where}: " if where else ""
    if not text:
        message = f"{prefix}no article text left after cleaning - the text is empty or boilerplate"
        return LoadError(ref, line, message)
    if len(text) > MAX_ARTICLE_CHARS:
        message = (
            f"{prefix}the article is {len(text):,} characters, over the {MAX_ARTICLE_CHARS:,} "
            "limit for one article - split it into separate articles"
        )
        return LoadError(ref, line, message)
    lang = (draft.lang or "").strip().lower()
    if lang not in ("id", "en"):
        lang = options.lang if options.lang != "auto" else detect_language(text)
    return dataclasses.replace(
        draft,
        text=text,
        title=" ".join(normalize_characters(draft.title).split()),
        date=normalize_date(draft.date),
        source=draft.source.strip(),
        lang=lang,
        author=(draft.author or "").strip() or None,
    )


def json_type_name(value: object) -> str:
    names = {
        bool: "a boolean",
        int: "a number",
        float: "a number",
        list: "a list",
        dict: "an object",
    }
    return names.get(type(value), type(value).__name__)


def short_hash(value: str) -> str:
    return hashlib.sha1(value.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def path_id(path: Path) -> str:
    # The resolved path, not the content, so an edited file replaces its previous version.
    return "file-" + short_hash(str(path.resolve()))


def url_id(url: str) -> str:
    return "url-" + short_hash(url)
