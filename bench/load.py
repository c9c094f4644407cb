"""Load: concurrent gradio_client users asking questions against the app, with and without an
ingest running into the same store, for a fixed time. Prints errors and latency p50/p95.

Usage: python bench/load.py --store DIR --new-articles ARTICLES.jsonl [--users 20] [--seconds 60]

The store is copied to a temporary folder first (the ingest phase changes it). The app runs as
its own process (`python app.py`), the ingest as another (`python -m ingest`), as in real use.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from assistant.eval import percentile  # noqa: E402

QUESTIONS = REPO / "evalsets" / "bilingual_dev.jsonl"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_app(url: str, proc: subprocess.Popen, timeout: float = 300) -> None:
    import requests

    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the app exited with {proc.returncode}")
        try:
            if requests.get(url, timeout=2).ok:
                return
        except requests.RequestException:
            pass
        time.sleep(1)
    raise SystemExit(f"the app did not answer on {url} within {timeout:.0f} s")


def run_users(url: str, questions: list[str], users: int, seconds: float) -> tuple[list[float], list[str]]:  # fmt: skip
    """`users` threads, each with its own client, asking until the time is up."""
    from gradio_client import Client

    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    clients = [Client(url, verbose=False) for _ in range(users)]
    clients[0].predict(questions[0], api_name="/ask")  # warm up outside the timings
    stop_at = time.time() + seconds

    def user(client, seed: int) -> None:
        rng = random.Random(seed)
        while time.time() < stop_at:
            question = rng.choice(questions)
            start = time.perf_counter()
            try:
                result = client.predict(question, api_name="/ask")
                if not result.get("answer"):
                    raise ValueError("empty answer")
                with lock:
                    latencies.append(time.perf_counter() - start)
            except Exception as exc:  # noqa: BLE001 - counted, that is the point
                with lock:
                    errors.append(f"{type(exc).__name__}: {exc}"[:200])

    threads = [threading.Thread(target=user, args=(c, i)) for i, c in enumerate(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, errors


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--store", type=Path, required=True, help="a store to copy (embedded Chroma)")
    p.add_argument("--new-articles", type=Path, required=True, help="JSONL ingested during the second phase")  # fmt: skip
    p.add_argument("--users", type=int, default=20)
    p.add_argument("--seconds", type=float, default=60)
    p.add_argument("--phases", nargs="+", default=["idle", "ingest"], choices=["idle", "ingest"])
    args = p.parse_args()

    questions = [json.loads(line)["question"] for line in QUESTIONS.open(encoding="utf-8")]
    work = Path(tempfile.mkdtemp(prefix="kabar-load-"))
    store = work / "store"
    shutil.copytree(args.store, store)
    env = {**os.environ, "KABAR_STORE_DIR": str(store), "KABAR_LLM": "extractive", "HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False", "GRADIO_ANALYTICS_ENABLED": "False"}  # fmt: skip
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    log = (work / "app.log").open("w")
    app = subprocess.Popen([sys.executable, str(REPO / "app.py"), "--port", str(port), "--no-default-corpus"], env=env, stdout=subprocess.DEVNULL, stderr=log)  # fmt: skip
    rows = []
    try:
        wait_for_app(url, app)
        for phase in args.phases:
            ingest = None
            if phase == "ingest":
                ingest = subprocess.Popen([sys.executable, "-m", "ingest", str(args.new_articles), "--quiet", "--json"], env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
            started = time.time()
            latencies, errors = run_users(url, questions, args.users, args.seconds)
            elapsed = time.time() - started
            ingested = "-"
            if ingest is not None:
                out, err = ingest.communicate()
                report = json.loads(out) if ingest.returncode in (0, 1) else {"error": err[-300:]}
                ingested = f"{report.get('articles_added', 0)} added in {time.time() - started:.0f} s (exit {ingest.returncode})"  # fmt: skip
            rows.append((phase, args.users, f"{elapsed:.0f}", len(latencies), len(errors), percentile(latencies, 50), percentile(latencies, 95), len(latencies) / elapsed, ingested))  # fmt: skip
            for e in sorted(set(errors))[:5]:
                print(f"  {phase} error: {e}", file=sys.stderr)
    finally:
        app.terminate()
        app.wait(30)
        log.close()
        shutil.rmtree(store, ignore_errors=True)
    print("| phase | users | seconds | answers | errors | p50 s | p95 s | answers/s | ingest |")
    print("|---|---|---|---|---|---|---|---|---|")
    for phase, users, secs, n, errs, p50, p95, rate, ingested in rows:
        print(f"| {phase} | {users} | {secs} | {n} | {errs} | {p50:.2f} | {p95:.2f} | {rate:.2f} | {ingested} |")  # fmt: skip
    print(f"(app log: {work / 'app.log'})")


if __name__ == "__main__":
    main()
