"""The web chat's handlers: plain methods on `WebApp`, which `app.py` wires to Gradio widgets.

One retriever (so one embedding model and one store) serves chat, ingest and the corpus panel,
which is why newly ingested articles can be asked about at once. Ingests are serialized by the
store's write lock and run in a worker thread so the handler can stream progress. The default
corpus goes in slices, the seed alone first, so questions and uploads interleave with it; the price is a BM25
rebuild per slice.
"""

from __future__ import annotations

import functools
import inspect
import itertools
import logging
import queue
import re
import shutil
import threading
import time
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

import gradio as gr

from assistant import web_render as render
from assistant.config import Settings
from assistant.errors import EmptyStore, KabarError
from assistant.models import Article

log = logging.getLogger(__name__)

UPLOAD_SUFFIXES = {".txt", ".md", ".jsonl", ".json", ".html", ".htm"}
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_URLS = 50
DEFAULT_CORPUS_SLICE = 64
INGEST_EMBED_GROUP = 16
GENERIC_ERROR = "Terjadi kesalahan / Something went wrong - try again; the server log has details"
ANSWER_LANGUAGES = ("auto", "id", "en")


def user_errors(fn):
    """Turn a KabarError into gr.Error (its message names the fix) and anything else into a
    one-line error, logged with its traceback for the operator but never shown to the user."""

    def translate(exc: Exception) -> gr.Error:
        if isinstance(exc, gr.Error):
            return exc
        if isinstance(exc, KabarError):
            return gr.Error(str(exc))
        log.exception("Web handler %s failed", fn.__name__)
        return gr.Error(GENERIC_ERROR)

    if inspect.isgeneratorfunction(fn):

        @functools.wraps(fn)
        def generator(*args, **kwargs):
            try:
                yield from fn(*args, **kwargs)
            except Exception as exc:  # noqa: BLE001 - see translate
                raise translate(exc) from None

        return generator

    @functools.wraps(fn)
    def plain(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - see translate
            raise translate(exc) from None

    return plain


def parse_date(value: str | None, label: str) -> str | None:
    """An ISO date from a filter box, or None when empty.

    >>> parse_date(" 2025-03-14 ", "from")
    '2025-03-14'
    """
    value = (value or "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        raise KabarError(
            f"Tanggal / date '{value}' ({label}) is not a date - use YYYY-MM-DD, e.g. 2025-03-14"
        ) from None


def split_list(value: str | Iterable[str] | None) -> list[str]:
    """A list from a multiselect or a comma-separated API string.

    >>> split_list("kompas, bbc,")
    ['kompas', 'bbc']
    """
    if value is None:
        return []
    items = value.split(",") if isinstance(value, str) else value
    return [s.strip() for s in items if s and s.strip()]


def parse_filters(date_from=None, date_to=None, sources=None, langs=None):
    from assistant.retrieve import Filters

    lo, hi = parse_date(date_from, "from / dari"), parse_date(date_to, "to / sampai")
    if lo and hi and lo > hi:
        raise KabarError(f"The date range {lo} – {hi} is empty - put the earlier date in 'from'")
    languages = split_list(langs)
    unknown = [x for x in languages if x not in ("id", "en")]
    if unknown:
        raise KabarError(f"Unknown article language {unknown[0]!r} - use id or en")
    return Filters(date_from=lo, date_to=hi, sources=split_list(sources), langs=languages)


def check_answer_language(language: str | None) -> str:
    language = (language or "auto").strip().lower()
    if language not in ANSWER_LANGUAGES:
        raise KabarError(f"Unknown answer language {language!r} - use auto, id or en")
    return language


def safe_file_name(name: str) -> str:
    """A file name that is safe to create in our upload folder.

    >>> safe_file_name("../../etc/pass wd.TXT")
    'pass_wd.txt'
    """
    base = Path(name.replace("\\", "/")).name
    stem, suffix = Path(base).stem, Path(base).suffix.lower()
    stem = re.sub(r"[^\w.-]+", "_", stem).strip("._")[:80] or "upload"
    return stem + re.sub(r"[^\w.]", "", suffix)


def uploaded_path(item) -> Path | None:
    """The local path of one gr.File value, whichever shape this gradio version passes."""
    if item is None:
        return None
    if isinstance(item, dict):
        item = item.get("path") or item.get("name")
    elif not isinstance(item, str | Path):
        item = getattr(item, "path", None) or getattr(item, "name", None)
    return Path(item) if item else None


def merge_reports(total, part) -> None:
    for name in ("articles_read", "articles_added", "articles_updated", "articles_unchanged", "chunks_added", "chunks_removed"):  # fmt: skip
        setattr(total, name, getattr(total, name) + getattr(part, name))
    total.errors.extend(part.errors)


class YieldingEmbeddings:
    """Embeds documents in small groups with a pause between them, so that a user's question,
    which needs the same (locked) model, waits for one group rather than a whole ingest batch.
    Used for every ingest the app runs (uploads, URLs, the default corpus); costs them a little
    throughput."""

    def __init__(self, inner, group: int = INGEST_EMBED_GROUP, pause: float = 0.02):
        self.inner, self.group, self.pause = inner, group, pause
        self.name = getattr(inner, "name", type(inner).__name__)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        vectors: list[list[float]] = []
        for start in range(0, len(texts), self.group):
            vectors.extend(self.inner.embed_documents(texts[start : start + self.group]))
            time.sleep(self.pause)
        return vectors

    def embed_query(self, text: str) -> list[float]:
        return self.inner.embed_query(text)


class WebApp:
    """State and handlers behind the web UI; each public method is one UI action."""

    def __init__(self, settings: Settings, retriever=None):
        self.settings = settings
        self._retriever = retriever
        self._assistant = None
        self._indexer = None
        self._setup_lock = threading.Lock()
        self.corpus_status = ""  # what the default-corpus thread is doing, for the corpus panel
        self.default_corpus_thread: threading.Thread | None = None

    # ---- shared components -----------------------------------------------------------------

    def components(self):
        """(assistant, indexer), created on first use around one retriever."""
        with self._setup_lock:
            if self._assistant is None:
                from assistant.chat import NewsAssistant
                from assistant.retrieve import HybridRetriever
                from ingest.index import Indexer

                retriever = self._retriever or HybridRetriever(self.settings)
                self._assistant = NewsAssistant(self.settings, retriever)
                self._indexer = Indexer(self.settings, store=retriever.store, embeddings=YieldingEmbeddings(retriever.embeddings))  # fmt: skip
            return self._assistant, self._indexer

    @property
    def store(self):
        return self.components()[1].store

    def indexing_default_corpus(self) -> bool:
        return self.default_corpus_thread is not None and self.default_corpus_thread.is_alive()

    # ---- chat ------------------------------------------------------------------------------

    @user_errors
    def chat(self, message, history, date_from="", date_to="", sources=None, langs=None, answer_lang="auto", turns=None):  # fmt: skip
        """Answer `message` as a follow-up to `history` (Chatbot messages).

        Yields (messages, sources_html, turns): first the question with a placeholder, then
        each streamed preview, then the checked answer whose `[n]` link to its source cards.
        `turns` (a gr.State) keeps every answer's citations so older `[n]` links still work.
        """
        messages = list(history or [])
        turns = list(turns or [])
        question = (message or "").strip()
        if not question:
            yield list(messages), render.sources_panel_html(turns), list(turns)
            return
        filters = parse_filters(date_from, date_to, sources, langs)
        language = check_answer_language(answer_lang)
        pairs = render.history_pairs(messages)
        messages += [
            {"role": "user", "content": render.user_html(question)},
            {"role": "assistant", "content": render.THINKING},
        ]
        yield list(messages), render.sources_panel_html(turns), list(turns)
        assistant, _ = self.components()
        if assistant.retriever.store.count_chunks() == 0:
            messages[-1] = {"role": "assistant", "content": self._empty_store_reply()}
            yield list(messages), render.sources_panel_html(turns), list(turns)
            return
        streamed = ""
        try:
            for event in assistant.stream(question, pairs, filters, language):
                if event.kind == "token":
                    streamed += event.text
                    messages[-1] = {"role": "assistant", "content": render.preview_html(streamed)}
                    yield list(messages), render.sources_panel_html(turns), list(turns)
                elif event.kind == "answer" and event.answer is not None:
                    answer = event.answer
                    turn = len(turns) + 1
                    if answer.citations:
                        turns.append(render.turn_record(turn, question, answer))
                    numbers = [c.n for c in answer.citations]
                    content = render.answer_html(answer.answer, numbers, turn)
                    messages[-1] = {"role": "assistant", "content": content}
                    yield list(messages), render.sources_panel_html(turns), list(turns)
        except EmptyStore:
            messages[-1] = {"role": "assistant", "content": self._empty_store_reply()}
            yield list(messages), render.sources_panel_html(turns), list(turns)

    def _empty_store_reply(self) -> str:
        return render.STILL_INDEXING_REPLY if self.indexing_default_corpus() else render.EMPTY_STORE_REPLY  # fmt: skip

    def new_chat(self):
        """An empty chat, an empty sources panel and no remembered citations."""
        return [], render.EMPTY_SOURCES, []

    @user_errors
    def ask_api(
        self,
        question: str,
        date_from: str = "",
        date_to: str = "",
        sources: str = "",
        langs: str = "",
        language: str = "auto",
    ) -> dict:
        """Answer one question from the indexed news; returns the JSON of
        `python -m assistant ask --json`. `sources` and `langs` are comma-separated
        (e.g. "kompas,bbc" and "id,en"); dates are YYYY-MM-DD; language is auto, id or en."""
        filters = parse_filters(date_from, date_to, sources, langs)
        assistant, _ = self.components()
        try:
            answer = assistant.ask(question, filters=filters, language=check_answer_language(language))  # fmt: skip
        except EmptyStore:
            if self.indexing_default_corpus():
                raise KabarError("The default corpus is still being indexed - try again in a few seconds") from None  # fmt: skip
            raise
        return answer.to_json()

    # ---- ingest ----------------------------------------------------------------------------

    @user_errors
    def ingest_uploads(self, files) -> Iterator[str]:
        """Ingest uploaded files; yields progress HTML, then a summary with per-file errors.

        Each file is checked (type, size), copied under a sanitized name into the store's
        `uploads` folder (file ids come from the path, so re-uploading a file replaces its
        earlier version), ingested and removed again: the store keeps the text, not the file.
        """
        from ingest.load import load_sources

        errors: list[tuple[str, int | None, str]] = []
        accepted: list[tuple[Path, str]] = []
        folder = Path(self.settings.store_dir) / "uploads"
        for item in files or []:
            path = uploaded_path(item)
            if path is None:
                continue
            shown = path.name
            suffix = path.suffix.lower()
            if suffix not in UPLOAD_SUFFIXES:
                errors.append((shown, None, f"unsupported file type '{suffix or shown}' - upload .txt, .md, .jsonl, .json, .html or .htm"))  # fmt: skip
                continue
            try:
                size = path.stat().st_size
            except OSError:
                errors.append((shown, None, "the upload did not arrive - upload it again"))
                continue
            if size > MAX_UPLOAD_BYTES:
                errors.append((shown, None, f"{size / 1e6:.1f} MB is over the {MAX_UPLOAD_BYTES // (1024 * 1024)} MB limit - split the file, or ingest it on the server with: python -m ingest PATH"))  # fmt: skip
                continue
            accepted.append((path, shown))
        if not accepted:
            if not errors:
                raise KabarError("No file chosen - pick .txt, .md, .jsonl, .json or .html files to upload")  # fmt: skip
            yield render.ingest_summary_html("0 articles read", errors, 0)
            return

        def items():
            used: set[str] = set()
            folder.mkdir(parents=True, exist_ok=True)
            for path, shown in accepted:
                name = safe_file_name(shown)
                if name in used:  # two uploads with one name in one go: keep both
                    name = f"{Path(name).stem}-{len(used)}{Path(name).suffix}"
                used.add(name)
                target = folder / name
                names[str(target)] = shown
                text_like = target.suffix in (".txt", ".md", ".html", ".htm")
                try:
                    shutil.copyfile(path, target)
                    yield from load_sources([str(target)], self.settings, default_source="upload" if text_like else None)  # fmt: skip
                finally:
                    target.unlink(missing_ok=True)

        names: dict[str, str] = {}
        yield from self._run_ingest(items(), errors, names)

    @user_errors
    def ingest_urls(self, text: str) -> Iterator[str]:
        """Fetch and ingest article or RSS/Atom feed URLs (one per line, or separated by
        spaces/commas); yields progress HTML, then a summary with per-URL errors."""
        from ingest.load import check_url_allowed, load_sources

        urls = list(dict.fromkeys(u for u in re.split(r"[\s,]+", text or "") if u))
        if not urls:
            raise KabarError("No URL given - paste article or RSS feed URLs, one per line")
        if len(urls) > MAX_URLS:
            raise KabarError(f"{len(urls)} URLs at once is too many - paste at most {MAX_URLS}, or run: python -m ingest URL...")  # fmt: skip
        errors: list[tuple[str, int | None, str]] = []
        allowed: list[str] = []
        for url in urls:
            scheme = url.partition("://")[0].lower() if "://" in url else ""
            if scheme not in ("http", "https"):
                errors.append((url, None, "only http(s) URLs can be ingested here - paste an article or RSS/Atom feed URL starting with https://"))  # fmt: skip
                continue
            problem = check_url_allowed(url, self.settings)
            if problem:
                errors.append((url, None, problem))
                continue
            allowed.append(url)
        if not allowed:
            yield render.ingest_summary_html("0 articles read", errors, 0)
            return
        yield from self._run_ingest(load_sources(allowed, self.settings), errors, {})

    def _run_ingest(self, items: Iterable, errors: list, names: dict[str, str]) -> Iterator[str]:
        """Run the indexer in a worker thread (items are read there too, under the ingest
        lock) and stream its progress as HTML; `names` maps staged paths to what the user saw."""
        from ingest.load import LoadError

        _, indexer = self.components()
        updates: queue.Queue = queue.Queue()
        counts = {"read": 0}

        def counted(source):
            updates.put(("phase", "Membaca & meng-embed / reading & embedding"))
            for item in source:
                if isinstance(item, Article):
                    counts["read"] += 1
                yield item

        def work():
            try:
                report = indexer.ingest_items(
                    counted(items),
                    progress=lambda r: updates.put(("report", r)),
                    on_wait=lambda: updates.put(
                        ("phase", "Menunggu proses lain / waiting for another ingest")
                    ),  # fmt: skip
                )
                updates.put(("done", report))
            except Exception as exc:  # noqa: BLE001 - handed to the handler thread
                updates.put(("failed", exc))

        phase = "Memulai / starting"
        added = 0
        threading.Thread(target=work, name="kabar-ingest", daemon=True).start()
        yield render.ingest_progress_html(0, 0, phase)
        while True:
            try:
                kind, value = updates.get(timeout=0.5)
            except queue.Empty:
                yield render.ingest_progress_html(counts["read"], added, phase)
                continue
            if kind == "phase":
                phase = value
            elif kind == "report":
                added = value.articles_added + value.articles_updated
            elif kind == "failed":
                raise value
            elif kind == "done":
                report = value
                break
            yield render.ingest_progress_html(counts["read"], added, phase)
        for e in report.errors:
            if isinstance(e, LoadError):
                errors.append((names.get(e.source, e.source), e.line, e.message))
        yield render.ingest_summary_html(report.summary(), errors, report.articles_added + report.articles_updated)  # fmt: skip

    # ---- default corpus --------------------------------------------------------------------

    def start_default_corpus(self) -> threading.Thread:
        """Ingest `default_corpus_items` in the background when the store is empty."""
        self.corpus_status = "Memeriksa korpus / checking the corpus…"
        thread = threading.Thread(target=self._ingest_default_corpus, name="kabar-default-corpus", daemon=True)  # fmt: skip
        self.default_corpus_thread = thread
        thread.start()
        return thread

    def start_warm_up(self) -> threading.Thread:
        """Load the models in the background (the embedding model, the answering backend's
        model and the answer verifier), so the first question does not wait for them."""
        thread = threading.Thread(target=self._warm_up, name="kabar-warm-up", daemon=True)
        thread.start()
        return thread

    def _warm_up(self) -> None:
        try:
            assistant, _ = self.components()
            assistant.warm_up()
        except KabarError as exc:  # the first question reports it to the user
            log.warning("Warm-up: %s", exc)
        except Exception:  # noqa: BLE001 - a thread must not die silently
            log.exception("Warm-up failed")

    def _ingest_default_corpus(self) -> None:
        from assistant.corpus import default_corpus_items
        from ingest.index import IngestReport

        try:
            _, indexer = self.components()
            if indexer.store.count_chunks() > 0:
                self.corpus_status = ""
                return
            total = IngestReport()
            items = iter(default_corpus_items(self.settings))
            # The seed goes in alone first so the example question works within seconds.
            for size in itertools.chain([1], itertools.repeat(DEFAULT_CORPUS_SLICE)):
                part = list(itertools.islice(items, size))
                if not part:
                    break
                merge_reports(total, indexer.ingest_items(part))
                self.corpus_status = f"Mengindeks korpus bawaan / indexing the default corpus: {total.articles_read} articles done, more coming…"  # fmt: skip
            for e in total.errors:
                log.warning("Default corpus: %s%s: %s", e.source, f":{e.line}" if e.line else "", e.message)  # fmt: skip
            self.corpus_status = ""
            log.info("Default corpus ingested: %s", total.summary())
        except KabarError as exc:
            self.corpus_status = f"Korpus bawaan gagal / the default corpus failed: {exc}"
            log.error("Default corpus: %s", exc)
        except Exception:  # noqa: BLE001 - a thread must not die silently
            self.corpus_status = "Korpus bawaan gagal / the default corpus failed - see the server log"  # fmt: skip
            log.exception("Default corpus ingest failed")

    # ---- corpus panel ----------------------------------------------------------------------

    @user_errors
    def corpus_panel(self) -> str:
        """HTML with counts, sources, languages, date range, backend and embedding model."""
        from assistant.answer import resolve_backend_name
        from assistant.corpus import corpus_stats
        from assistant.embeddings import embedding_name

        assistant, indexer = self.components()
        stats = corpus_stats(indexer.store)
        location = f"{self.settings.chroma_location()} [{self.settings.collection}]"
        return render.corpus_html(
            stats,
            resolve_backend_name(self.settings),
            embedding_name(assistant.embeddings),
            location,
            self.corpus_status,
        )

    def source_choices(self) -> list[tuple[str, str]]:
        """(label, value) pairs for the source filter, largest outlets first."""
        from assistant.corpus import corpus_stats

        stats = corpus_stats(self.store)
        return [(f"{name} ({n})", name) for name, n in stats.sources.items()]

    @user_errors
    def refresh_corpus(self):
        """For the corpus tab's timer and after ingests: the panel, fresh source choices, and
        whether to keep polling (only while the default corpus is being indexed)."""
        return (
            self.corpus_panel(),
            gr.Dropdown(choices=self.source_choices()),
            gr.Timer(active=self.indexing_default_corpus()),
        )
