"""Fit the sentence ranker's weights (assistant/evidence.py RANKER_WEIGHTS) on a question set.

For each question: the top 5 retrieved passages, and (answerable questions) the top 5 once its
gold articles are removed - the same-topic distractors a ranker must not be fooled by. Every
sentence is a row of `sentence_features`, labelled 1 when it holds an answer string. An
L2-regularised logistic regression (Newton's method) is fit on all rows; 5-fold cross-validation
by question reports how often the top sentence of passages that pass the answerability check
holds the answer (presence) and comes from a gold article or holds the answer (validity),
for the fitted ranker and for the weights currently in the code.

Usage: python bench/fit_ranker.py --store DIR --corpus ARTICLES.jsonl --questions evalsets/bilingual_dev.jsonl
Fit on dev only: the held-out questions stay out of every choice.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from assistant.config import Settings  # noqa: E402
from assistant.eval import contains_answer, load_questions, resolve_gold_ids  # noqa: E402
from assistant.evidence import (  # noqa: E402
    RANKER_BIAS,
    RANKER_FEATURES,
    RANKER_WEIGHTS,
    passage_answers,
    sentence_features,
)
from assistant.retrieve import HybridRetriever  # noqa: E402
from ingest.chunk import split_sentences  # noqa: E402
from ingest.clean import detect_language  # noqa: E402


def question_rows(retriever: HybridRetriever, question: dict, k: int = 5) -> list[dict]:
    """One group of sentence rows per retrieval variant of `question`."""
    embeddings = retriever.embeddings
    hits_all = retriever.retrieve(question["question"], 3 * k)
    gold = set(question["gold_doc_ids"])
    q_lang = detect_language(question["question"])
    q_vector = np.asarray(embeddings.embed_query(question["question"]))
    variants = [("retrieved", hits_all[:k])]
    if question["answers"]:
        variants.append(("gold removed", [h for h in hits_all if h.article_id not in gold][:k]))
    groups = []
    for variant, hits in variants:
        texts = [h.text for h in hits]
        sentences = [t[a:b] for t in texts for a, b in split_sentences(t)]
        if not sentences:
            continue
        vectors = np.asarray(embeddings.embed_documents(sentences))
        same = [h.metadata.get("lang") == q_lang for h in hits]
        titles = [h.metadata.get("title", "") for h in hits]
        evidence, features = sentence_features(question["question"], texts, q_vector, vectors, same, titles)  # fmt: skip
        passes = [passage_answers(question["question"], h.text, h.metadata.get("title", ""), s, h.metadata.get("date", ""), h.metadata.get("lang")) for h, s in zip(hits, same, strict=True)]  # fmt: skip
        groups.append(
            {
                "id": question["id"],
                "variant": variant,
                "X": features,
                "y": np.asarray(
                    [
                        float(
                            bool(question["answers"])
                            and contains_answer(e.sentence, question["answers"])
                        )
                        for e in evidence
                    ]
                ),  # fmt: skip
                "gold": np.asarray(
                    [float(hits[e.passage_index].article_id in gold) for e in evidence]
                ),  # fmt: skip
                "passes": np.asarray([passes[e.passage_index] for e in evidence]),
            }
        )
    return groups


def fit_logistic(X: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 50) -> tuple[np.ndarray, float]:  # fmt: skip
    """Weights and bias minimising log-loss + l2/2 * |w|^2 (bias not penalised)."""
    A = np.c_[X, np.ones(len(X))]
    w = np.zeros(A.shape[1])
    penalty = np.full(A.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(A @ w)))
        gradient = A.T @ (p - y) + penalty * w
        hessian = (A * (p * (1 - p))[:, None]).T @ A + np.diag(penalty) + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w[:-1], float(w[-1])


def top_sentence(group: dict, weights: np.ndarray, bias: float) -> tuple[float, float] | None:
    """(holds the answer, valid citation) for the best sentence of the passages that pass the
    answerability check; None when the question is unanswerable or nothing passes."""
    if group["variant"] != "retrieved" or not group["answerable"] or not group["passes"].any():
        return None
    scores = np.where(group["passes"], group["X"] @ weights + bias, -np.inf)
    i = int(scores.argmax())
    return group["y"][i], max(group["y"][i], group["gold"][i])


def summarize(outcomes: list[tuple[float, float] | None]) -> str:
    kept = [o for o in outcomes if o is not None]
    presence, validity = np.mean([o[0] for o in kept]), np.mean([o[1] for o in kept])
    return f"answered {len(kept)}, presence {presence:.3f}, validity {validity:.3f}"


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--store", type=Path, required=True, help="a store holding --corpus (see assistant.eval --store)")  # fmt: skip
    p.add_argument("--corpus", action="append", required=True)
    p.add_argument("--questions", type=Path, required=True)
    p.add_argument("--l2", type=float, default=1.0)
    args = p.parse_args()
    questions = load_questions(args.questions)
    resolve_gold_ids(questions, args.corpus)
    retriever = HybridRetriever(Settings(store_dir=args.store))
    groups = []
    for n, q in enumerate(questions, 1):
        for g in question_rows(retriever, q):
            g["answerable"] = bool(q["answers"])
            groups.append(g)
        print(f"\r{n}/{len(questions)} questions", end="", file=sys.stderr)
    print(file=sys.stderr)
    ids = sorted({g["id"] for g in groups})
    random.Random(1).shuffle(ids)
    folds = [set(ids[i::5]) for i in range(5)]
    cross_validated = []
    for fold in folds:
        train = [g for g in groups if g["id"] not in fold]
        w, b = fit_logistic(np.vstack([g["X"] for g in train]), np.concatenate([g["y"] for g in train]), args.l2)  # fmt: skip
        cross_validated += [top_sentence(g, w, b) for g in groups if g["id"] in fold]
    current = [top_sentence(g, np.asarray(RANKER_WEIGHTS), RANKER_BIAS) for g in groups]
    print(f"weights in the code (in-sample): {summarize(current)}")
    print(f"fitted, 5-fold CV by question:  {summarize(cross_validated)}")
    w, b = fit_logistic(np.vstack([g["X"] for g in groups]), np.concatenate([g["y"] for g in groups]), args.l2)  # fmt: skip
    print("fitted on all rows:")
    for name, value in zip(RANKER_FEATURES, w, strict=True):
        print(f"  {name:28s} {value:+.2f}")
    print(f"RANKER_WEIGHTS = ({', '.join(f'{v:.2f}' for v in w)})\nRANKER_BIAS = {b:.2f}")


if __name__ == "__main__":
    main()
