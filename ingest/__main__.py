"""`python -m ingest PATH_OR_URL...`: ingest articles into the store.

Exit codes: 0 all went in, 1 some records failed (each reported with file and line), 2 nothing
could be read or the store/model could not be opened. `python -m ingest --check` checks the store
instead: 0 consistent, 1 problems found (a re-run of the interrupted ingest repairs them).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys

from assistant.config import Settings, load_settings
from assistant.errors import KabarError


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m ingest", description=__doc__.splitlines()[0])
    p.add_argument(
        "sources", nargs="*", metavar="PATH_OR_URL", help="files, folders, article or feed URLs"
    )
    p.add_argument("--check", action="store_true", help="check the store is consistent; no ingest")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--store", metavar="DIR", help="embedded Chroma directory (KABAR_STORE_DIR)")
    where.add_argument("--chroma-host", metavar="H", help="Chroma server host (KABAR_CHROMA_HOST)")
    p.add_argument("--chroma-port", metavar="P", type=int, help="Chroma server port")
    p.add_argument("--collection", metavar="NAME", help="collection name (KABAR_COLLECTION)")
    p.add_argument("--source", metavar="NAME", help="outlet name for records that have none")
    p.add_argument("--lang", choices=["auto", "id", "en"], default="auto")
    p.add_argument("--json", action="store_true", help="print the report as one JSON object")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    args = p.parse_args(argv)
    if not args.sources and not args.check:
        p.error("give files, folders or URLs to ingest, or --check")
    return args


def settings_from_args(args: argparse.Namespace) -> Settings:
    overrides = {}
    if args.store:
        overrides["store_dir"] = args.store
    if args.chroma_host:
        overrides["chroma_host"] = args.chroma_host
    if args.chroma_port:
        overrides["chroma_port"] = args.chroma_port
    if args.collection:
        overrides["collection"] = args.collection
    return load_settings(**overrides)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        settings = settings_from_args(args)
        if args.check:
            return check(settings, args.json)
        from ingest.index import Indexer

        indexer = Indexer(settings)
        bar = None
        if not args.quiet and not args.json and sys.stderr.isatty():
            from tqdm import tqdm

            bar = tqdm(unit=" articles", file=sys.stderr)

        def show(report):
            if bar is not None:
                bar.n = report.articles_read
                bar.set_postfix(chunks=report.chunks_added, errors=len(report.errors))
                bar.refresh()

        report = indexer.ingest_sources(args.sources, default_source=args.source, lang=args.lang, progress=show)  # fmt: skip
        if bar is not None:
            bar.close()
    except KabarError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except ValueError as exc:  # settings validation (e.g. a too-short collection name)
        print(
            f"error: {exc}".splitlines()[0] + " - check the option or KABAR_* variable",
            file=sys.stderr,
        )
        return 2

    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False))
    else:
        for err in report.errors:
            where = f"{err.source}:{err.line}" if err.line else err.source
            print(f"{where}: {err.message}", file=sys.stderr)
        print(report.summary() + f" -> {settings.chroma_location()} [{settings.collection}]")
    return report.exit_code


def check(settings: Settings, as_json: bool) -> int:
    from assistant.store import NewsStore
    from ingest.check import check_store

    result = check_store(NewsStore(settings), settings)
    if as_json:
        print(json.dumps({"articles": result.articles, "chunks": result.chunks, "problems": result.problems}, ensure_ascii=False))  # fmt: skip
    else:
        print(result.summary())
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
