import json

from assistant.eval import main as eval_main
from assistant.eval import percentile, summarize

ARTICLES = [
    {
        "id": "flood",
        "title": "Flood in Bekasi",
        "lang": "en",
        "source": "Local",
        "date": "2024-05-01",
        "text": "Floods covered 300 homes in Bekasi on Monday. The mayor said evacuation boats were sent to the river banks.",
    },  # fmt: skip
    {
        "id": "rice",
        "title": "Rice prices",
        "lang": "en",
        "source": "Local",
        "date": "2024-05-02",
        "text": "Rice prices rose by 10 percent in Jakarta markets in March, traders said on Tuesday.",
    },  # fmt: skip
]
QUESTIONS = [
    {
        "id": "q1",
        "lang": "en",
        "question": "How many homes did the Bekasi floods cover?",
        "answers": ["300 homes"],
        "gold_doc_ids": ["flood"],
        "kind": "en-en",
    },  # fmt: skip
    {
        "id": "q2",
        "lang": "en",
        "question": "By how much did rice prices in Jakarta rise?",
        "answers": ["10 percent"],
        "gold_doc_ids": ["rice"],
        "kind": "en-en",
    },  # fmt: skip
    {
        "id": "q3",
        "lang": "en",
        "question": "Who won the 2030 World Cup final in Madrid?",
        "answers": [],
        "gold_doc_ids": [],
        "kind": "unanswerable",
    },  # fmt: skip
]


def write_jsonl(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records))


def test_eval_command_scores_retrieval_and_answers(tmp_path, capsys, monkeypatch, model_cache):
    monkeypatch.setenv("KABAR_MODEL_CACHE_DIR", str(model_cache))
    monkeypatch.setenv("KABAR_LLM", "extractive")
    write_jsonl(tmp_path / "corpus.jsonl", ARTICLES)
    write_jsonl(tmp_path / "questions.jsonl", QUESTIONS)
    args = ["--corpus", str(tmp_path / "corpus.jsonl"), "--questions", str(tmp_path / "questions.jsonl"),
            "--store", str(tmp_path / "store"), "--embedding-model", "all-MiniLM-L6-v2", "--answer", "--json"]  # fmt: skip
    assert eval_main(args) == 0
    result = json.loads(capsys.readouterr().out)
    overall = result["overall"]
    assert overall["questions"] == 3
    assert (
        overall["answer_recall@5"] == 1.0
        and overall["doc_recall@5"] == 1.0
        and overall["mrr@10"] == 1.0
    )
    assert overall["refusal_accuracy"] == 1.0 and overall["false_refusals"] == 0.0
    assert overall["answer_presence"] == 1.0 and overall["citation_validity"] == 1.0
    assert overall["latency_p95_s"] >= overall["latency_p50_s"] > 0
    assert set(result["by_kind"]) == {"en-en", "unanswerable"}
    # Re-running on the same store ingests nothing new and scores the same.
    assert eval_main(args) == 0
    assert json.loads(capsys.readouterr().out)["overall"]["answer_recall@5"] == 1.0


def test_eval_rejects_a_broken_question_file(tmp_path, capsys):
    (tmp_path / "q.jsonl").write_text('{"id": "x", "question": "?"}\n')
    code = eval_main(["--corpus", str(tmp_path), "--questions", str(tmp_path / "q.jsonl")])
    assert code == 2 and "missing field 'answers'" in capsys.readouterr().err


def test_summaries_and_percentiles():
    rows = [{"kind": "a", "answerable": True, "answer_recall": 1.0, "doc_recall": 0.0, "mrr": 0.5}]
    assert summarize(rows, 5) == {"questions": 1, "answer_recall@5": 1.0, "doc_recall@5": 0.0, "mrr@10": 0.5}  # fmt: skip
    assert percentile([1, 2, 3, 4, 5], 50) == 3 and percentile([1, 2, 3, 4, 5], 95) == 5
