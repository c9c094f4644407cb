"""Kabar's web chat: `python app.py [--host H] [--port P] [--no-default-corpus]`.

This file only builds the Gradio UI; the handlers are `assistant.web.WebApp` methods, tested
directly. Settings come from `KABAR_*` variables and `.env`, as for the CLIs.
"""

from __future__ import annotations

import os

# The app is the process entry point, so it alone sets these offline/privacy defaults.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

import argparse  # noqa: E402
import logging  # noqa: E402
import sys  # noqa: E402

import gradio as gr  # noqa: E402

from assistant import web_render  # noqa: E402
from assistant.config import Settings, load_settings  # noqa: E402
from assistant.errors import KabarError  # noqa: E402
from assistant.web import MAX_UPLOAD_BYTES, UPLOAD_SUFFIXES, WebApp  # noqa: E402

EXAMPLE_QUESTION = "Apa kata Zelensky tentang negosiasi?"
UI_EVENT = {"api_visibility": "undocumented"}
QUEUE_MAX = 64


def build_app(settings: Settings, web: WebApp | None = None) -> gr.Blocks:
    web = web or WebApp(settings)
    with gr.Blocks(title="Kabar — tanya jawab berita / news Q&A") as demo:
        gr.Markdown("## Kabar — tanya jawab berita / news Q&A")
        turns = gr.State([])
        asked = gr.State("")
        with gr.Tabs():
            with gr.Tab("Obrolan / Chat", id="chat"), gr.Row(equal_height=False):
                with gr.Column(scale=3):
                    chatbot = gr.Chatbot(
                        label="Obrolan / Chat",
                        elem_id="kabar-chat",
                        height=480,
                        render_markdown=False,  # we send escaped HTML, see web_render
                        sanitize_html=True,
                        latex_delimiters=[],
                        feedback_options=None,
                        buttons=["copy", "copy_all"],
                        placeholder=web_render.EMPTY_STATE,
                    )
                    with gr.Row():
                        question = gr.Textbox(
                            label="Pertanyaan / Question",
                            placeholder=f"Mis. / e.g. {EXAMPLE_QUESTION}",
                            elem_id="kabar-question",
                            scale=5,
                            lines=1,
                            max_lines=4,
                        )
                        ask = gr.Button("Tanya / Ask", variant="primary", scale=1, elem_id="kabar-ask")  # fmt: skip
                    gr.Examples([[EXAMPLE_QUESTION], ["What did Putin say about Ukrainian soldiers?"]], inputs=[question], label="Contoh / Examples")  # fmt: skip
                    new_chat = gr.Button("Obrolan baru / New chat", size="sm", elem_id="kabar-new-chat")  # fmt: skip
                    with gr.Accordion("Filter / Filters", open=False):
                        with gr.Row():
                            date_from = gr.Textbox(label="Dari tanggal / From date", placeholder="YYYY-MM-DD")  # fmt: skip
                            date_to = gr.Textbox(label="Sampai tanggal / To date", placeholder="YYYY-MM-DD")  # fmt: skip
                        sources = gr.Dropdown(label="Sumber / Source", choices=[], multiselect=True)  # fmt: skip
                        langs = gr.CheckboxGroup([("Bahasa Indonesia", "id"), ("English", "en")], label="Bahasa artikel / Article language")  # fmt: skip
                        answer_lang = gr.Radio(
                            [("Otomatis / Auto", "auto"), ("Bahasa Indonesia", "id"), ("English", "en")],
                            value="auto",
                            label="Bahasa jawaban / Answer language",
                        )  # fmt: skip
                with gr.Column(scale=2):
                    sources_panel = gr.HTML(
                        web_render.EMPTY_SOURCES,
                        elem_id="kabar-sources",
                        js_on_load=web_render.CITE_JS,
                        head=web_render.HEAD_CSS,
                        max_height=640,
                    )
            with gr.Tab("Tambah berita / Ingest", id="ingest"):
                gr.Markdown(
                    "Unggah berkas atau tempel URL artikel / feed RSS; artikel baru langsung bisa ditanyakan. "
                    "/ Upload files or paste article / RSS feed URLs; new articles can be asked about at once. "
                    f"Maks. / max {MAX_UPLOAD_BYTES // (1024 * 1024)} MB per file."
                )  # fmt: skip
                files = gr.File(
                    label="Berkas / Files (.txt .md .jsonl .json .html)",
                    file_count="multiple",
                    file_types=sorted(UPLOAD_SUFFIXES),
                    elem_id="kabar-files",
                )
                upload = gr.Button("Unggah & indeks / Upload & index", variant="primary", elem_id="kabar-upload")  # fmt: skip
                urls = gr.Textbox(label="URL artikel atau feed RSS / Article or RSS feed URLs (satu per baris / one per line)", lines=3, elem_id="kabar-urls")  # fmt: skip
                fetch = gr.Button("Ambil & indeks / Fetch & index", elem_id="kabar-fetch")
                ingest_result = gr.HTML("", elem_id="kabar-ingest-result", js_on_load=None)
            with gr.Tab("Korpus / Corpus", id="corpus"):
                corpus = gr.HTML("", elem_id="kabar-corpus", js_on_load=None)
                refresh = gr.Button("Muat ulang / Refresh", size="sm")
        timer = gr.Timer(2.0, active=True)

        chat_inputs = [asked, chatbot, date_from, date_to, sources, langs, answer_lang, turns]
        chat_outputs = [chatbot, sources_panel, turns]
        for trigger in (question.submit, ask.click):
            trigger(lambda q: ("", q), [question], [question, asked], queue=False, **UI_EVENT).then(
                web.chat, chat_inputs, chat_outputs, **UI_EVENT
            )
        new_chat.click(web.new_chat, None, chat_outputs, queue=False, **UI_EVENT)
        chatbot.clear(web.new_chat, None, chat_outputs, queue=False, **UI_EVENT)

        corpus_outputs = [corpus, sources, timer]
        upload.click(web.ingest_uploads, [files], [ingest_result], **UI_EVENT).then(
            web.refresh_corpus, None, corpus_outputs, **UI_EVENT
        )
        fetch.click(web.ingest_urls, [urls], [ingest_result], **UI_EVENT).then(
            web.refresh_corpus, None, corpus_outputs, **UI_EVENT
        )
        refresh.click(web.refresh_corpus, None, corpus_outputs, **UI_EVENT)
        timer.tick(web.refresh_corpus, None, corpus_outputs, **UI_EVENT)
        demo.load(web.refresh_corpus, None, corpus_outputs, **UI_EVENT)

        gr.api(web.ask_api, api_name="ask")
    # Two answers run at once (two cores); the rest wait in a queue of bounded length, so a
    # burst of users gets "queue full" instead of an ever-growing backlog.
    demo.queue(default_concurrency_limit=2, max_size=QUEUE_MAX)
    return demo


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python app.py", description="Kabar's web chat")
    p.add_argument("--host", help="address to bind (default KABAR_HOST or 127.0.0.1)")
    p.add_argument("--port", type=int, help="port (default KABAR_PORT or 7860)")
    p.add_argument("--no-default-corpus", action="store_true", help="do not ingest the default corpus into an empty store")  # fmt: skip
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        overrides = {k: v for k, v in {"host": args.host, "port": args.port}.items() if v is not None}  # fmt: skip
        settings = load_settings(**overrides)
    except KabarError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if bool(settings.auth_user) != bool(settings.auth_password):
        print("error: set both KABAR_AUTH_USER and KABAR_AUTH_PASSWORD to require a login, or neither", file=sys.stderr)  # fmt: skip
        return 2
    web = WebApp(settings)
    if not args.no_default_corpus:
        web.start_default_corpus()
    web.start_warm_up()
    auth = (settings.auth_user, settings.auth_password) if settings.auth_user else None
    build_app(settings, web).launch(
        server_name=settings.host,
        server_port=settings.port,
        auth=auth,
        max_file_size=MAX_UPLOAD_BYTES,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
