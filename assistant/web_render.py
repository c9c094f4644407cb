"""HTML for the web chat: answers with clickable `[n]`, source cards, corpus and ingest panels.

Everything shown comes from articles fetched off the open web, so every piece of article text is
`html.escape`d here and only our own tags are markup; nothing is ever rendered as Markdown (that
would let an article inject links or images). The price is hand-written HTML instead of Markdown.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

from assistant.models import CITATION_MARK, Answer, Citation

_TAG = re.compile(r"<[^>]*>")
MAX_SOURCES_LISTED = 15

EMPTY_STATE = """**Selamat datang di Kabar / Welcome to Kabar**

Tanyakan apa saja tentang berita yang sudah diindeks; setiap jawaban menyebut sumbernya.
Ask anything about the indexed news; every answer cites its sources.

Belum ada artikel? / No articles yet?
1. Indeks folder / ingest a folder: `python -m ingest PATH`
2. Unggah berkas di tab **Tambah berita / Ingest** (.txt .md .jsonl .json .html) / upload files there
3. Atau tempel URL artikel atau feed RSS di tab itu / or paste an article or RSS feed URL there
"""

EMPTY_SOURCES = (
    '<div class="kabar-sources-empty"><strong>Sumber / Sources</strong><br>'
    "Sumber jawaban tampil di sini; klik [n] pada jawaban untuk melihatnya. / "
    "The sources of an answer appear here; click [n] in an answer to bring one into view.</div>"
)

EMPTY_STORE_REPLY = (
    "<p>Belum ada berita yang diindeks, jadi saya belum bisa menjawab. Tambahkan berita dulu: "
    "jalankan <code>python -m ingest PATH</code> untuk sebuah folder, unggah berkas di tab "
    "<strong>Tambah berita / Ingest</strong>, atau tempel URL artikel atau feed RSS di sana.</p>"
    "<p>No news is indexed yet, so I cannot answer. Add some first: run "
    "<code>python -m ingest PATH</code> for a folder, upload files in the "
    "<strong>Ingest</strong> tab, or paste an article or RSS feed URL there.</p>"
)

STILL_INDEXING_REPLY = (
    "<p>Korpus bawaan sedang diindeks; coba lagi sebentar lagi (lihat tab Korpus).</p>"
    "<p>The default corpus is still being indexed; try again in a few seconds (see the Corpus "
    "tab).</p>"
)

THINKING = '<p class="kabar-thinking">…</p>'

# Clicking `[n]` in an answer scrolls its source card into view. Installed once per page by
# the sources panel; delegated on `document` because chat messages are re-rendered constantly.
CITE_JS = """
if (!window.__kabarCites) {
  window.__kabarCites = true;
  document.addEventListener('click', function (ev) {
    const link = ev.target.closest ? ev.target.closest('a[href^="#src-"]') : null;
    if (!link) return;
    const card = document.getElementById(link.getAttribute('href').slice(1));
    if (!card) return;
    ev.preventDefault();
    ev.stopPropagation();
    const folded = card.closest('details');
    if (folded) folded.open = true;
    card.scrollIntoView({behavior: 'smooth', block: 'center'});
    card.classList.remove('kabar-flash');
    void card.offsetWidth;
    card.classList.add('kabar-flash');
  }, true);
}
"""

HEAD_CSS = """<style>
a.kabar-cite { font-weight: 600; text-decoration: none; padding: 0 1px; }
.kabar-source { border: 1px solid var(--border-color-primary); border-radius: 8px;
  padding: 10px 12px; margin: 0 0 10px 0; background: var(--background-fill-secondary); }
#kabar-sources .kabar-source h4 { margin: 0 0 4px 0; font-size: 1em; line-height: 1.3; }
.kabar-meta { font-size: 0.85em; opacity: 0.85; margin-bottom: 6px; }
.kabar-passage { white-space: pre-line; font-size: 0.92em; margin: 0;
  border-left: 3px solid var(--color-accent); padding-left: 8px; }
.kabar-passage mark { background: #fde68a; color: #111; padding: 0 2px; }
.kabar-flash { animation: kabar-flash 1.6s ease-out; }
@keyframes kabar-flash { 0% { box-shadow: 0 0 0 4px #f59e0b; } 100% { box-shadow: none; } }
.kabar-table td { padding: 2px 10px 2px 0; vertical-align: top; }
.kabar-errors li { margin-bottom: 2px; }
</style>"""


def escape(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def text_html(text: str) -> str:
    """Plain text as HTML: escaped, with line breaks kept."""
    return escape(text).replace("\n", "<br>")


def safe_url(url: str | None) -> str | None:
    """`url` when it is an http(s) URL (so `javascript:` and friends never become links)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.hostname else None


# ---- chat messages --------------------------------------------------------------------------


def answer_html(text: str, citation_numbers: list[int], turn: int) -> str:
    """The final answer, escaped, each `[n]` a link to source card `src-{turn}-{n}`.

    >>> answer_html("A <b> [1].", [1], 2)
    '<p>A &lt;b&gt; <a class="kabar-cite" href="#src-2-1">[1]</a>.</p>'
    """
    known = set(citation_numbers)

    def link(m: re.Match) -> str:
        n = int(m.group(1))
        if n not in known:
            return m.group(0)
        return f'<a class="kabar-cite" href="#src-{turn}-{n}">[{n}]</a>'

    return "<p>" + CITATION_MARK.sub(link, text_html(text)) + "</p>"


def preview_html(text: str) -> str:
    """Streamed tokens so far: a preview until the checked answer replaces it."""
    return f'<p class="kabar-preview">{text_html(text)} …</p>'


def user_html(question: str) -> str:
    return f"<p>{text_html(question)}</p>"


def message_text(content: object) -> str:
    """The plain text of a Chatbot message, whatever shape gradio hands it back in.

    >>> message_text([{"type": "text", "text": '<p>Ya <a href="#src-1-1">[1]</a> &amp; b</p>'}])
    'Ya [1] & b'
    """
    if isinstance(content, list):
        content = " ".join(message_text(part) for part in content)
    elif isinstance(content, dict):
        content = content.get("text") or ""
    elif not isinstance(content, str):
        return ""
    text = _TAG.sub(" ", content.replace("<br>", "\n"))
    return " ".join(html.unescape(text).split()).replace(" …", "").strip()


def history_pairs(messages: list[dict] | None) -> list[tuple[str, str]]:
    """(question, answer) pairs from Chatbot messages, for `NewsAssistant.stream`."""
    pairs: list[tuple[str, str]] = []
    question: str | None = None
    for message in messages or []:
        role = message.get("role") if isinstance(message, dict) else getattr(message, "role", None)
        content = message.get("content") if isinstance(message, dict) else getattr(message, "content", "")  # fmt: skip
        if role == "user":
            question = message_text(content)
        elif role == "assistant" and question is not None:
            pairs.append((question, message_text(content)))
            question = None
    return pairs


# ---- sources --------------------------------------------------------------------------------


def citation_record(c: Citation) -> dict:
    return {
        "n": c.n,
        "title": c.title,
        "source": c.source,
        "date": c.date,
        "url": c.url,
        "text": c.text,
        "support": c.support,
    }


def turn_record(turn: int, question: str, answer: Answer) -> dict:
    return {"turn": turn, "question": question, "citations": [citation_record(c) for c in answer.citations]}  # fmt: skip


def highlight(text: str, support: str) -> str:
    """`text` escaped, with the supporting sentence wrapped in <mark>.

    >>> highlight("One. <Two> here. Three.", "<Two> here.")
    'One. <mark>&lt;Two&gt; here.</mark> Three.'
    """
    support = (support or "").strip()
    if support:
        start = text.find(support)
        end = start + len(support)
        if start < 0:  # the sentence may have been re-spaced: match it word by word
            words = support.split()
            m = re.search(r"\s+".join(map(re.escape, words)), text) if words else None
            start, end = (m.start(), m.end()) if m else (-1, -1)
        if start >= 0:
            return (
                f"{escape(text[:start])}<mark>{escape(text[start:end])}</mark>{escape(text[end:])}"
            )
    return escape(text)


def source_card_html(c: dict, turn: int) -> str:
    meta = [escape(c.get("source") or "?")]
    if c.get("date"):
        meta.append(escape(str(c["date"])[:10]))
    url = safe_url(c.get("url"))
    if url:
        host = urlsplit(url).hostname or url
        meta.append(f'<a href="{escape(url)}" target="_blank" rel="noopener noreferrer nofollow">{escape(host)} ↗</a>')  # fmt: skip
    return (
        f'<article class="kabar-source" id="src-{turn}-{c["n"]}">'
        f"<h4>[{c['n']}] {escape(c.get('title') or '(tanpa judul / untitled)')}</h4>"
        f'<div class="kabar-meta">{" · ".join(meta)}</div>'
        f'<blockquote class="kabar-passage">{highlight(c.get("text") or "", c.get("support") or "")}</blockquote>'
        "</article>"
    )


def sources_panel_html(turns: list[dict] | None) -> str:
    """Cards for the latest answer; earlier answers' cards folded below, so their `[n]` links
    still have somewhere to go."""
    turns = [t for t in turns or [] if t.get("citations")]
    if not turns:
        return EMPTY_SOURCES
    latest, earlier = turns[-1], turns[-2::-1]
    parts = [
        '<div class="kabar-sources"><strong>Sumber / Sources</strong>',
        f'<div class="kabar-asked">“{escape(latest["question"])}”</div>',
        *(source_card_html(c, latest["turn"]) for c in latest["citations"]),
    ]
    for t in earlier:
        parts.append(f"<details><summary>“{escape(t['question'])}”</summary>")
        parts.extend(source_card_html(c, t["turn"]) for c in t["citations"])
        parts.append("</details>")
    parts.append("</div>")
    return "".join(parts)


# ---- corpus and ingest panels ---------------------------------------------------------------


def counts_html(counts: dict[str, int], limit: int = MAX_SOURCES_LISTED) -> str:
    items = list(counts.items())
    shown = ", ".join(f"{escape(k)} ({v})" for k, v in items[:limit])
    if len(items) > limit:
        shown += f", +{len(items) - limit} lainnya / more"
    return shown or "–"


def corpus_html(stats, backend: str, embedding: str, location: str, status: str = "") -> str:
    """The corpus panel: what is indexed and what answers; `stats` is a CorpusStats."""
    rows = [
        ("Artikel / Articles", str(stats.articles)),
        ("Potongan teks / Chunks", str(stats.chunks)),
        ("Sumber / Sources", counts_html(stats.sources)),
        ("Bahasa / Languages", counts_html(stats.languages)),
        (
            "Rentang tanggal / Date range",
            f"{escape(stats.first_date)} – {escape(stats.last_date)}" if stats.first_date else "–",
        ),  # fmt: skip
        ("Mesin jawaban / Answer backend", escape(backend)),
        ("Model embedding / Embedding model", escape(embedding)),
        ("Penyimpanan / Store", escape(location)),
    ]
    body = "".join(f"<tr><td><strong>{k}</strong></td><td>{v}</td></tr>" for k, v in rows)
    parts = ["<div class='kabar-corpus'>"]
    if status:
        parts.append(f"<p class='kabar-status'>{escape(status)}</p>")
    if stats.articles == 0 and not status:
        parts.append(
            "<p>Korpus masih kosong. Tambahkan berita: <code>python -m ingest PATH</code>, "
            "unggah berkas, atau tempel URL feed di tab Tambah berita. / The corpus is empty. "
            "Add news: <code>python -m ingest PATH</code>, upload files, or paste a feed URL "
            "in the Ingest tab.</p>"
        )
    parts.append(f"<table class='kabar-table'>{body}</table></div>")
    return "".join(parts)


def ingest_progress_html(read: int, added: int, phase: str) -> str:
    return (
        f"<p class='kabar-progress'>⏳ {escape(phase)} — dibaca / read: {read}, "
        f"ditambahkan / added: {added}</p>"
    )


def ingest_summary_html(summary: str, errors: list[tuple[str, int | None, str]], added: int) -> str:
    """The end of an ingest: the report's summary line and one line per failed file or record."""
    parts = [f"<p><strong>Selesai / Done:</strong> {escape(summary)}</p>"]
    if added:
        parts.append("<p>Artikel baru sudah bisa ditanyakan. / You can ask about the new articles now.</p>")  # fmt: skip
    if errors:
        items = "".join(
            f"<li><code>{escape(source)}</code>{f' (baris / line {line})' if line else ''}: {escape(message)}</li>"
            for source, line, message in errors
        )  # fmt: skip
        parts.append(f"<p><strong>Kesalahan / Errors ({len(errors)})</strong></p><ul class='kabar-errors'>{items}</ul>")  # fmt: skip
    return "<div class='kabar-ingest'>" + "".join(parts) + "</div>"
