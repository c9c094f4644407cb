"""Write the bilingual eval corpus (the ids in bilingual_corpus_ids.txt) as one article JSONL.

The articles stay in ../shared/data; this only selects them, so the project never carries a copy.
Usage: python evalsets/build_bilingual_corpus.py --out /tmp/bilingual_corpus.jsonl
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parent.parent / "shared" / "data"


def build(out: Path, data_dir: Path = DEFAULT_DATA) -> int:
    wanted = [
        line.strip()
        for line in (HERE / "bilingual_corpus_ids.txt").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    wanted_set = set(wanted)
    records = {}
    for name in ("indosum_id.jsonl", "bbc_en.jsonl"):
        with (data_dir / name).open(encoding="utf-8") as f:
            for line in f:
                record = json.loads(line)
                if record["id"] in wanted_set:
                    records[record["id"]] = line
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as f:
        for article_id in wanted:
            if article_id in records:
                f.write(records[article_id])
    return len(records)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = p.parse_args()
    n = build(args.out, args.data)
    print(f"{n} articles -> {args.out}")


if __name__ == "__main__":
    main()
