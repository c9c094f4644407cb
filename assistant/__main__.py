"""`python -m assistant ask "QUESTION"` and `python -m assistant install-llm`.

Exit codes: 0 answered, 3 the news does not contain the answer, 2 a problem to fix (message on
stderr says how).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys

from assistant.config import Settings, load_settings
from assistant.errors import KabarError


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m assistant")
    sub = p.add_subparsers(dest="command", required=True)
    ask = sub.add_parser("ask", help="answer a question from the ingested news")
    ask.add_argument("question")
    ask.add_argument("--store", metavar="DIR")
    ask.add_argument("--chroma-host", metavar="H")
    ask.add_argument("--chroma-port", metavar="P", type=int)
    ask.add_argument("--collection", metavar="NAME")
    ask.add_argument("--llm", metavar="NAME", help="auto | extractive | llamacpp | openai")
    ask.add_argument("--lang", choices=["auto", "id", "en"], default="auto", help="answer language")
    ask.add_argument("--source", action="append", default=[], help="only this outlet (repeatable)")
    ask.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD")
    ask.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD")
    ask.add_argument("--json", action="store_true")
    sub.add_parser("install-llm", help="download and verify the offline GGUF model")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        if args.command == "install-llm":
            from assistant.answer import local_model_path
            from assistant.local_model import install_local_model

            path = install_local_model(local_model_path(Settings()))
            print(f"Local model ready: {path}")
            return 0
        return ask(args)
    except KabarError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def ask(args: argparse.Namespace) -> int:
    from assistant.chat import NewsAssistant
    from assistant.retrieve import Filters

    overrides = {
        key: value
        for key, value in {
            "store_dir": args.store,
            "chroma_host": args.chroma_host,
            "chroma_port": args.chroma_port,
            "collection": args.collection,
        }.items()
        if value
    }
    settings = load_settings(**overrides)
    filters = Filters(date_from=args.date_from, date_to=args.date_to, sources=args.source)
    answer = NewsAssistant(settings).ask(args.question, filters=filters, language=args.lang, llm=args.llm)  # fmt: skip
    if args.json:
        print(json.dumps(answer.to_json(), ensure_ascii=False))
    else:
        print(answer.answer)
        for c in answer.citations:
            print(f"  [{c.n}] {c.title} - {c.source} {c.date or ''} {c.url or ''}".rstrip())
    return 0 if answer.answered else 3


if __name__ == "__main__":
    sys.exit(main())
