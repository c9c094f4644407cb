"""The hand-written question files hold what evalsets/README.md promises: unique ids, known
kinds, and every answer string copied from the question's first gold article (as ingested from
../shared/data), with unanswerable questions naming no answer and no gold article."""

import json
from pathlib import Path

import pytest

EVALSETS = Path(__file__).resolve().parents[1] / "evalsets"
DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
KINDS = {"id-id", "en-id", "en-en", "id-en", "unanswerable"}


def questions(name: str) -> list[dict]:
    return [json.loads(line) for line in (EVALSETS / name).read_text().splitlines() if line.strip()]


@pytest.fixture(scope="module")
def article_texts() -> dict[str, str]:
    if not (DATA / "indosum_id.jsonl").exists():
        pytest.skip("../shared/data is not beside the project")
    texts = {}
    for name in ("indosum_id.jsonl", "bbc_en.jsonl"):
        for line in (DATA / name).read_text().splitlines():
            record = json.loads(line)
            texts[record["id"]] = record["text"]
    for path in (DATA / "seed").glob("*.txt"):
        texts[f"seed:{path.stem}"] = path.read_text()
    return texts


FILES = ["bilingual_dev.jsonl", "bilingual_heldout.jsonl"]


@pytest.mark.parametrize("name", FILES)
def test_question_files_are_well_formed(name):
    rows = questions(name)
    assert len({q["id"] for q in rows}) == len(rows)
    listed = {line.strip() for line in (EVALSETS / "bilingual_corpus_ids.txt").read_text().splitlines()}  # fmt: skip
    for q in rows:
        assert q["kind"] in KINDS and q["lang"] in ("id", "en") and q["question"].strip()
        if q["kind"] == "unanswerable":
            assert q["answers"] == [] and q["gold_doc_ids"] == [], q["id"]
            continue
        assert q["answers"] and q["gold_doc_ids"], q["id"]
        assert q["kind"].split("-")[0] == q["lang"], q["id"]
        assert all(g in listed or g.startswith("seed:") for g in q["gold_doc_ids"]), q["id"]


@pytest.mark.parametrize("name", FILES)
def test_every_answer_string_is_in_the_first_gold_article(name, article_texts):
    for q in questions(name):
        if q["answers"]:
            gold = article_texts[q["gold_doc_ids"][0]].lower()
            assert all(a.lower() in gold for a in q["answers"]), q["id"]
