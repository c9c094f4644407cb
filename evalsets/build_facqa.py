"""Build a FacQA retrieval/QA eval set for Kabar from the shared FacQA file.

Reads ``facqa_dev_id.jsonl`` (records ``{"id", "lang", "split", "question", "context",
"answers"}``) and writes two files into ``--out DIR``:

* ``facqa_corpus.jsonl``: one article per distinct context, in the project's article format
  ``{"id": "facqa-ctx-<sha1(context)[:12]>", "title": "", "date": null, "source": "FacQA",
  "url": null, "lang": "id", "text": context}``. It holds the contexts of the selected
  questions plus ``--distractors`` (default 700) other contexts.
* ``facqa_questions.jsonl``: ``{"id", "lang": "id", "question", "answers",
  "gold_doc_ids": [context id], "kind": "facqa"}``.

Selection is deterministic: the questions are shuffled with ``random.Random(seed)`` (seed 7)
and the first ``--limit`` (default 300) are kept; the remaining distinct contexts are sorted
by id, shuffled with ``random.Random(seed)`` and the first ``--distractors`` are added.

Outputs are generated data: write them outside the repository (e.g. ``--out /tmp/facqa``).

Usage::

    python evalsets/build_facqa.py --out /tmp/facqa [--limit 300]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
from pathlib import Path

DEFAULT_INPUT = Path(__file__).resolve().parents[2] / "shared" / "data" / "facqa_dev_id.jsonl"


def context_id(context: str) -> str:
    """Stable article id for a FacQA context."""
    return "facqa-ctx-" + hashlib.sha1(context.encode("utf-8")).hexdigest()[:12]


def load_records(path: Path) -> list[dict]:
    """Read the FacQA JSONL file, skipping blank lines."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def build(
    records: list[dict], limit: int, n_distractors: int, seed: int = 7
) -> tuple[list[dict], list[dict]]:
    """Return ``(corpus_articles, questions)`` for the given records."""
    shuffled = list(records)
    random.Random(seed).shuffle(shuffled)
    selected = shuffled[:limit]

    questions = []
    gold_contexts: dict[str, str] = {}
    for rec in selected:
        cid = context_id(rec["context"])
        gold_contexts.setdefault(cid, rec["context"])
        questions.append(
            {
                "id": rec["id"],
                "lang": "id",
                "question": rec["question"],
                "answers": list(rec["answers"]),
                "gold_doc_ids": [cid],
                "kind": "facqa",
            }
        )

    others: dict[str, str] = {}
    for rec in records:
        cid = context_id(rec["context"])
        if cid not in gold_contexts:
            others.setdefault(cid, rec["context"])
    other_ids = sorted(others)
    random.Random(seed).shuffle(other_ids)
    distractor_ids = other_ids[:n_distractors]

    corpus = [_article(cid, text) for cid, text in gold_contexts.items()]
    corpus += [_article(cid, others[cid]) for cid in distractor_ids]
    return corpus, questions


def _article(cid: str, text: str) -> dict:
    return {
        "id": cid,
        "title": "",
        "date": None,
        "source": "FacQA",
        "url": None,
        "lang": "id",
        "text": text,
    }


def write_jsonl(path: Path, rows: list[dict]) -> None:
    """Write rows as UTF-8 JSON lines."""
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, type=Path, help="output directory")
    parser.add_argument(
        "--input", type=Path, default=DEFAULT_INPUT, help=f"FacQA JSONL (default: {DEFAULT_INPUT})"
    )
    parser.add_argument(
        "--limit", type=int, default=300, help="questions kept after the shuffle (default 300)"
    )
    parser.add_argument(
        "--distractors", type=int, default=700, help="extra non-gold contexts (default 700)"
    )
    parser.add_argument("--seed", type=int, default=7, help="shuffle seed (default 7)")
    args = parser.parse_args(argv)
    if args.limit < 0 or args.distractors < 0:
        parser.error("--limit and --distractors must be >= 0")

    records = load_records(args.input)
    corpus, questions = build(records, args.limit, args.distractors, args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    write_jsonl(args.out / "facqa_corpus.jsonl", corpus)
    write_jsonl(args.out / "facqa_questions.jsonl", questions)
    n_gold = len({q["gold_doc_ids"][0] for q in questions})
    print(
        f"wrote {len(questions)} questions and {len(corpus)} articles "
        f"({n_gold} gold contexts + {len(corpus) - n_gold} distractors) to {args.out}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
