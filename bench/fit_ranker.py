"""Fit the sentence ranker's weights (assistant/sentence_ranker.py RANKER_WEIGHTS) on a question set.

For each question: those of the top 5 retrieved passages that pass the answerability check (the
passages the chain ranks), and for answerable questions the same once its gold articles are
removed - the same-topic distractors a ranker must not be fooled by. Every sentence is a row of
`sentence_features`, labelled 1 when it holds an answer string. An L2-regularised logistic
regression (Newton's method) is fit on all rows. 5-fold cross-validation by question reports how
often the top sentence holds the answer (presence) and comes from a gold article or holds the
answer (validity), for the fitted ranker and the weights in the code, and what refusing below a
best-sentence score would cost (false refusals) and gain (refusals of unanswerable questions and
of gold-removed retrievals that hold no answer): the table REFUSAL_THRESHOLD is chosen from.

Usage: python bench/fit_ranker.py --store DIR --corpus ARTICLES.jsonl --questions evalsets/bilingual_dev.jsonl
Fit on dev only: the held-out questions stay out of every choice. Dev sets held in different
stores (the bilingual dev set and FacQA) are fit together from their caches: collect each with
its own --cache, then give every --cache at once.
"""

from __future__ import annotations

import argparse
import os
import pickle
import random
import sys
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from assistant.config import Settings  # noqa: E402
from assistant.eval import contains_answer, load_questions, resolve_gold_ids  # noqa: E402
from assistant.evidence import answering_passages  # noqa: E402
from assistant.question_form import normalize_question  # noqa: E402
from assistant.retrieve import HybridRetriever  # noqa: E402
from assistant.sentence_ranker import RANKER_BIAS, RANKER_FEATURES, RANKER_WEIGHTS, passage_features  # noqa: E402
from ingest.clean import detect_language  # noqa: E402


def question_rows(retriever: HybridRetriever, question: dict, k: int = 5) -> list[dict]:
    """One group of sentence rows per retrieval variant of `question`."""
    hits_all = retriever.retrieve(question["question"], 3 * k)
    gold = set(question["gold_doc_ids"])
    q_lang = detect_language(question["question"])
    variants = [("retrieved", hits_all[:k])]
    if question["answers"]:
        variants.append(("gold removed", [h for h in hits_all if h.article_id not in gold][:k]))
    groups = []
    for variant, retrieved in variants:
        # As in the chain: the question read with the capitals of the passages retrieved, and
        # only passages that pass the answerability check are ranked.
        text = normalize_question(question["question"], [h.text for h in retrieved])
        hits = answering_passages(text, retrieved, q_lang)
        evidence, features = passage_features(text, hits, q_lang, retriever.embeddings)
        answers = question["answers"]
        groups.append(
            {
                "id": question["id"],
                "variant": variant,
                "answerable": bool(answers),
                "X": features,
                "y": np.asarray(
                    [
                        float(bool(answers) and contains_answer(e.sentence, answers))
                        for e in evidence
                    ]
                ),  # fmt: skip
                "gold": np.asarray(
                    [float(hits[e.passage_index].article_id in gold) for e in evidence]
                ),  # fmt: skip
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
    if group["variant"] != "retrieved" or not group["answerable"] or not len(group["X"]):
        return None
    i = int((group["X"] @ weights + bias).argmax())
    return group["y"][i], max(group["y"][i], group["gold"][i])


def best_score(group: dict, weights: np.ndarray, bias: float) -> float:
    """The ranker's best log-odds among sentences of passages that pass the check (-inf: none)."""
    return float((group["X"] @ weights + bias).max()) if len(group["X"]) else float("-inf")


def scores_by_kind(groups: list[dict], scores: list[float]) -> dict[str, list[float]]:
    """Best scores of answerable and unanswerable questions and of gold-removed retrievals that
    hold no answer."""
    kinds: dict[str, list[float]] = {"answerable": [], "unanswerable": [], "gold removed, no answer": []}  # fmt: skip
    for g, score in zip(groups, scores, strict=True):
        if g["variant"] == "retrieved":
            kinds["answerable" if g["answerable"] else "unanswerable"].append(score)
        elif not g["y"].any():
            kinds["gold removed, no answer"].append(score)
    return kinds


def refused(scores: list[float], threshold: float) -> float:
    return float(np.mean([s < threshold for s in scores])) if scores else float("nan")


def refusal_sweep(groups: list[dict], scores: list[float], thresholds) -> list[str]:
    """Refusing when the best score is under a threshold: false refusals on answerable questions,
    refusal accuracy on unanswerable ones and on gold-removed retrievals that hold no answer."""
    kinds = scores_by_kind(groups, scores)
    lines = [f"| threshold | false refusals (n={len(kinds['answerable'])}) | refusal accuracy (n={len(kinds['unanswerable'])}) | gold removed refused (n={len(kinds['gold removed, no answer'])}) |", "|---|---|---|---|"]  # fmt: skip
    for t in thresholds:
        cells = [refused(values, t) for values in kinds.values()]
        lines.append(f"| {t:g} | " + " | ".join(f"{c:.3f}" for c in cells) + " |")
    return lines


# The refusal threshold is the highest one whose cross-validated false refusals stay within half
# the 5% target, leaving room for questions the fit has not seen.
FALSE_REFUSAL_BUDGET = 0.025


def pick_threshold(groups: list[dict], scores: list[float], thresholds) -> float:
    """The highest threshold refusing at most FALSE_REFUSAL_BUDGET of the answerable questions."""
    answerable = scores_by_kind(groups, scores)["answerable"]
    within = [t for t in thresholds if refused(answerable, t) <= FALSE_REFUSAL_BUDGET]
    return max(within) if within else min(thresholds)


def summarize(outcomes: list[tuple[float, float] | None]) -> str:
    kept = [o for o in outcomes if o is not None]
    presence, validity = np.mean([o[0] for o in kept]), np.mean([o[1] for o in kept])
    return f"answered {len(kept)}, presence {presence:.3f}, validity {validity:.3f}"


def collect(args) -> list[dict]:
    questions = load_questions(args.questions)
    resolve_gold_ids(questions, args.corpus)
    retriever = HybridRetriever(Settings(store_dir=args.store))
    groups = []
    for n, q in enumerate(questions, 1):
        groups += question_rows(retriever, q)
        print(f"\r{n}/{len(questions)} questions", end="", file=sys.stderr)
    print(file=sys.stderr)
    return groups


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--store", type=Path, help="a store holding --corpus (see assistant.eval --store)")  # fmt: skip
    p.add_argument("--corpus", action="append")
    p.add_argument("--questions", type=Path)
    p.add_argument("--l2", type=float, default=1.0)
    p.add_argument("--cache", type=Path, action="append", default=[], help="keep the retrieved sentences here (pickle) and reuse them; delete it after code changes. Several existing caches are fit together")  # fmt: skip
    args = p.parse_args()
    if args.cache and all(cache.exists() for cache in args.cache):
        groups = [g for cache in args.cache for g in pickle.loads(cache.read_bytes())]
    elif len(args.cache) > 1:
        p.error("every --cache must exist to fit several together; collect each one first")
    elif not (args.store and args.corpus and args.questions):
        p.error("--store, --corpus and --questions are needed to collect the sentences")
    else:
        groups = collect(args)
        if args.cache:
            args.cache[0].write_bytes(pickle.dumps(groups))
    ids = sorted({g["id"] for g in groups})
    random.Random(1).shuffle(ids)
    folds = [set(ids[i::5]) for i in range(5)]
    cross_validated, held_out_groups, held_out_scores = [], [], []
    for fold in folds:
        train = [g for g in groups if g["id"] not in fold]
        w, b = fit_logistic(np.vstack([g["X"] for g in train]), np.concatenate([g["y"] for g in train]), args.l2)  # fmt: skip
        test = [g for g in groups if g["id"] in fold]
        cross_validated += [top_sentence(g, w, b) for g in test]
        held_out_groups += test
        held_out_scores += [best_score(g, w, b) for g in test]
    current = [top_sentence(g, np.asarray(RANKER_WEIGHTS), RANKER_BIAS) for g in groups]
    print(f"weights in the code (in-sample): {summarize(current)}")
    print(f"fitted, 5-fold CV by question:  {summarize(cross_validated)}")
    print("\nRefusing below a best-sentence score (5-fold CV scores):")
    thresholds = np.arange(-5.0, -0.49, 0.5)
    print("\n".join(refusal_sweep(held_out_groups, held_out_scores, thresholds)))
    print(f"REFUSAL_THRESHOLD = {pick_threshold(held_out_groups, held_out_scores, thresholds):g}  (false refusals within {FALSE_REFUSAL_BUDGET})")  # fmt: skip
    w, b = fit_logistic(np.vstack([g["X"] for g in groups]), np.concatenate([g["y"] for g in groups]), args.l2)  # fmt: skip
    print("fitted on all rows:")
    for name, value in zip(RANKER_FEATURES, w, strict=True):
        print(f"  {name:28s} {value:+.2f}")
    print(f"RANKER_WEIGHTS = ({', '.join(f'{v:.2f}' for v in w)})\nRANKER_BIAS = {b:.2f}")


if __name__ == "__main__":
    main()
