"""Measure cpam-reader against the afternoon baseline on letters with known answers.

Every document beside a ``<name>.json`` ground truth (``letter_type``, ``nir``, ``nir_status``, optionally
``degradation``) is read by each pipeline in worker processes (``--jobs``), Tesseract single-threaded in both
(``OMP_THREAD_LIMIT=1``: the fair comparison on these 2-core machines). The pipelines take turns document by
document in the same workers, so a busy moment on a shared machine slows both alike. Without a ``degradation``
field a PDF counts as ``digital_pdf`` and an image as ``clean_scan``.

Per degradation class and overall: number exact-match rate; wrong-number rate (a number reported that is not
the true one); missed-number rate (no number reported where there is one); status accuracy; letter-type
accuracy and macro-F1; seconds per document (median, p95). Beyond the number (cpam only, when the truth has
``documents``, ``letter_date``, ``deadline``, ``caisse``, ``reference``): precision and recall of the requested
documents, the share of exactly right lists, the accuracy of each date and name, and the review triage: how many
results ``needs_review`` sends to a person against how many of those were really wrong, and the wrong ones it
let through. Then, each pipeline alone on warm workers, documents per minute with ``--jobs 1`` and 2 on a
stratified sample, and peak memory per worker process (Python) and per Tesseract process.

    python scripts/make_corpus.py --out corpus            # the full synthetic corpus, generated on demand
    python scripts/benchmark.py corpus --json bench.json  # both pipelines, side by side
    python scripts/benchmark.py corpus --compare bench.json --pipeline cpam
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import cv2

os.environ["OMP_THREAD_LIMIT"] = "1"
sys.path.insert(0, str(Path(__file__).resolve().parent))

from baseline import read_letter_baseline
from cpam_reader.cli import collect
from cpam_reader.ocr import tesseract_info
from cpam_reader.pool import init_worker, read_safely

ROOT = Path(__file__).resolve().parents[1]
LETTER_TYPES = ("number_assignment", "documents_request", "carte_vitale_form", "other")
PIPELINES: dict[str, Callable[[str], dict[str, Any]]] = {
    "cpam": lambda path: read_safely(path).to_dict(),
    "baseline": read_letter_baseline,
}
INITIALISERS: dict[str, Callable[[], None]] = {
    "cpam": init_worker,
    "baseline": lambda: cv2.setNumThreads(1),  # one Tesseract process per page, single-threaded by the environment
}
METRICS = ("number_exact", "wrong_number", "missed_number", "status_accuracy", "type_accuracy", "type_macro_f1")
DATED_FIELDS = ("letter_date", "deadline", "caisse", "reference")
BEYOND_METRICS = ("doc_precision", "doc_recall", "doc_list_exact", *(f"{f}_accuracy" for f in DATED_FIELDS))
# Reasons that say the letter itself needs a look (a key printed wrong, an old temporary number, a specimen),
# whatever the reading: the others doubt the reading, and are the ones a wrong answer should trip.
LETTER_REASONS = frozenset({"invalid_key", "specimen_number", "old_provisional_number"})


def measure(pipeline: str, path: str) -> dict[str, Any]:
    """Read one document in this worker: its result, wall seconds, and the memory high-water marks (MB)."""
    started = time.perf_counter()
    result = PIPELINES[pipeline](path)
    seconds = time.perf_counter() - started
    return {
        "result": result,
        "seconds": seconds,
        "worker_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        # Linux counts a child's RSS from before its exec too: this is an upper bound for Tesseract.
        "tesseract_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def _warm(_: int) -> None:
    time.sleep(0.5)  # long enough for every worker to take one: all are started and loaded before timing


def _init_any() -> None:
    for initialise in INITIALISERS.values():
        initialise()


def run(tasks: Sequence[tuple[str, str]], jobs: int) -> tuple[list[dict[str, Any]], float]:
    """(pipeline, path) tasks read by ``jobs`` warm workers; the measurements in task order, and the wall time.

    The time is steady state: worker processes are started, and have loaded their OCR model, before it starts
    (the cost a long-running service or batch pays once).
    """
    pipelines = {pipeline for pipeline, _ in tasks}
    initialiser = INITIALISERS[pipelines.pop()] if len(pipelines) == 1 else _init_any
    with ProcessPoolExecutor(max_workers=jobs, initializer=initialiser) as pool:
        list(pool.map(_warm, range(jobs)))
        started = time.perf_counter()
        rows = list(pool.map(measure, *zip(*tasks, strict=True)))
        return rows, time.perf_counter() - started


def degradation(path: Path, truth: dict[str, Any]) -> str:
    return truth.get("degradation") or ("digital_pdf" if path.suffix.lower() == ".pdf" else "clean_scan")


def macro_f1(pairs: Sequence[tuple[str, str | None]]) -> float:
    """Mean F1 over the letter types present in the truth."""
    scores = []
    for kind in LETTER_TYPES:
        tp = sum(t == kind and g == kind for t, g in pairs)
        fp = sum(t != kind and g == kind for t, g in pairs)
        fn = sum(t == kind and g != kind for t, g in pairs)
        if tp + fn:
            scores.append(2 * tp / (2 * tp + fp + fn))
    return statistics.mean(scores) if scores else 0.0


def score(rows: Sequence[dict[str, Any]]) -> dict[str, float]:
    n = len(rows)
    got = [r["result"] for r in rows]
    truth = [r["truth"] for r in rows]
    with_number = [(g, t) for g, t in zip(got, truth, strict=True) if t["nir"]]
    seconds = sorted(r["seconds"] for r in rows)
    return {
        "documents": n,
        "number_exact": sum(g["nir"] == t["nir"] for g, t in zip(got, truth, strict=True)) / n,
        "wrong_number": sum(bool(g["nir"]) and g["nir"] != t["nir"] for g, t in zip(got, truth, strict=True)) / n,
        "missed_number": sum(not g["nir"] for g, _ in with_number) / max(len(with_number), 1),
        "status_accuracy": sum(g["nir_status"] == t["nir_status"] for g, t in zip(got, truth, strict=True)) / n,
        "type_accuracy": sum(g["letter_type"] == t["letter_type"] for g, t in zip(got, truth, strict=True)) / n,
        "type_macro_f1": macro_f1([(t["letter_type"], g["letter_type"]) for g, t in zip(got, truth, strict=True)]),
        "errors": sum(g["error"] is not None for g in got),
        "median_s": statistics.median(seconds),
        "p95_s": seconds[max(0, round(0.95 * n) - 1)],
        "stage_median_ms": stage_medians(got),
        **score_beyond(got, truth),
    }


def answer_wrong(got: dict[str, Any], truth: dict[str, Any]) -> bool:
    """The number, its status or the kind of letter differs from the truth (a miss counts: the letter has one)."""
    return any(got[key] != truth[key] for key in ("nir", "nir_status", "letter_type"))


def score_beyond(got: Sequence[dict[str, Any]], truth: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """What the letter asks and the review triage (issue 8), when both the results and the truth carry them.

    Documents: precision and recall over (letter, kind) pairs, and the share of the letters asking for documents
    whose list is exactly right (same kinds, same order). Dates, caisse and reference: share of letters right
    (``null`` right when the letter has none). Review: how many results ``needs_review`` sends to a person, how
    many of those are really wrong (number, status or type), and the wrong ones it lets through; the same for the
    flag raised by reasons that doubt the reading (``LETTER_REASONS`` left out).
    """
    pairs = [(g, t) for g, t in zip(got, truth, strict=True) if "documents" in t and "documents" in g]
    if not pairs:
        return {}
    found = [[d["kind"] for d in g["documents"]] for g, _ in pairs]
    wanted = [list(t["documents"]) for _, t in pairs]
    right = sum(len(set(f) & set(w)) for f, w in zip(found, wanted, strict=True))
    asking = [(f, w) for f, w in zip(found, wanted, strict=True) if w]
    n = len(pairs)
    figures: dict[str, Any] = {
        "beyond_documents": n,
        "doc_precision": right / max(sum(map(len, found)), 1) if any(found) else 1.0,
        "doc_recall": right / max(sum(map(len, wanted)), 1) if any(wanted) else 1.0,
        "doc_list_exact": sum(f == w for f, w in asking) / len(asking) if asking else 1.0,
        "letters_asking": len(asking),
        **{f"{field}_accuracy": sum(g[field] == t[field] for g, t in pairs) / n for field in DATED_FIELDS},
    }
    wrong = [answer_wrong(g, t) for g, t in pairs]
    flagged = [bool(g["needs_review"]) for g, _ in pairs]
    doubted = [bool(set(g["review_reasons"]) - LETTER_REASONS) for g, _ in pairs]
    figures["review"] = {
        "wrong": sum(wrong),
        "flagged": sum(flagged),
        "flagged_wrong": sum(f and w for f, w in zip(flagged, wrong, strict=True)),
        "reading_flagged": sum(doubted),
        "reading_flagged_wrong": sum(d and w for d, w in zip(doubted, wrong, strict=True)),
        "wrong_unflagged": sum(w and not f for f, w in zip(flagged, wrong, strict=True)),
        "reasons": dict(sorted(Counter(r for g, _ in pairs for r in g["review_reasons"]).items())),
    }
    return figures


def stage_medians(results: Sequence[dict[str, Any]]) -> dict[str, float]:
    """Median milliseconds per pipeline stage over the documents (0 where a stage was skipped)."""
    stages = {stage for r in results for stage in (r.get("timings_ms") or {})}
    return {
        stage: statistics.median((r.get("timings_ms") or {}).get(stage, 0.0) for r in results)
        for stage in sorted(stages)
    }


def sample(paths: Sequence[Path], classes: Sequence[str], per_class: int) -> list[str]:
    """A few documents of every class, for the throughput runs."""
    taken: dict[str, int] = defaultdict(int)
    chosen = []
    for path, cls in zip(paths, classes, strict=True):
        if taken[cls] < per_class:
            taken[cls] += 1
            chosen.append(str(path))
    return chosen


def benchmark(
    pipelines: Sequence[str], paths: list[Path], truths: list[dict[str, Any]], args: argparse.Namespace
) -> dict[str, dict[str, Any]]:
    """Every pipeline on every document, interleaved (document by document) so that both meet the same machine
    load; then each pipeline alone on a sample with 1 and 2 workers, for throughput and memory."""
    classes = [degradation(p, t) for p, t in zip(paths, truths, strict=True)]
    tasks = [(pipeline, str(path)) for path in paths for pipeline in pipelines]
    rows, _ = run(tasks, args.jobs)
    return {
        pipeline: report(rows[i :: len(pipelines)], truths, classes, pipeline, paths, args)
        for i, pipeline in enumerate(pipelines)
    }


def report(
    rows: list[dict[str, Any]],
    truths: list[dict[str, Any]],
    classes: list[str],
    pipeline: str,
    paths: list[Path],
    args: argparse.Namespace,
) -> dict[str, Any]:
    """One pipeline's figures: scores per class, failures, throughput and peak memory."""
    for row, truth, cls in zip(rows, truths, classes, strict=True):
        row["truth"], row["class"] = truth, cls
    by_class: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_class[row["class"]].append(row)
    figures: dict[str, Any] = {"classes": {c: score(group) for c, group in sorted(by_class.items())}}
    figures["classes"]["overall"] = score(rows)
    figures["failures"] = [failure for r in rows if (failure := differences(r))]
    if args.throughput_sample:
        subset = sample(paths, classes, args.throughput_sample)
        figures["throughput"] = {"documents": len(subset)}
        alone: list[dict[str, Any]] = []
        for jobs in (1, 2):
            timed, seconds = run([(pipeline, path) for path in subset], jobs)
            alone += timed
            figures["throughput"][f"jobs{jobs}_docs_per_min"] = 60 * len(subset) / seconds
        t = figures["throughput"]
        t["speedup"] = t["jobs2_docs_per_min"] / t["jobs1_docs_per_min"]
        # Measured on the pipeline's own workers (the interleaved run shares them between pipelines).
        figures["memory_mb"] = {
            "worker_peak": max(r["worker_mb"] for r in alone),
            "tesseract_peak": max(r["tesseract_mb"] for r in alone),
        }
    return figures


def differences(row: dict[str, Any]) -> dict[str, Any] | None:
    """What one document got wrong, field by field (documents as their kinds); None when all is right."""
    got, truth = row["result"], row["truth"]
    fields = ["nir", "nir_status", "letter_type"]
    if "documents" in got and "documents" in truth:
        got = {**got, "documents": [d["kind"] for d in got["documents"]]}
        fields += ["documents", *DATED_FIELDS]
    wrong = {field: [got[field], truth[field]] for field in fields if got[field] != truth[field]}
    if not wrong:
        return None
    return {
        "file": Path(got["source"]).name,
        "class": row["class"],
        "wrong": wrong,
        "error": got["error"],
        "review_reasons": got.get("review_reasons"),
    }


def print_table(reports: dict[str, dict[str, Any]]) -> None:
    names = list(reports)
    classes = list(next(iter(reports.values()))["classes"])
    print(
        "| class | pipeline | docs | number exact | wrong number | missed | status acc. | type acc. | type F1 "
        "| errors | median s | p95 s |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for cls in classes:
        for name in names:
            s = reports[name]["classes"][cls]
            print(
                f"| {cls} | {name} | {s['documents']} | {s['number_exact']:.1%} | {s['wrong_number']:.1%} | "
                f"{s['missed_number']:.1%} | {s['status_accuracy']:.1%} | {s['type_accuracy']:.1%} | "
                f"{s['type_macro_f1']:.3f} | {s['errors']} | {s['median_s']:.2f} | {s['p95_s']:.2f} |"
            )
    print()
    for name in names:
        if "throughput" in reports[name]:
            t, m = reports[name]["throughput"], reports[name]["memory_mb"]
            print(
                f"{name}: peak memory {m['worker_peak']:.0f} MB per worker, at most {m['tesseract_peak']:.0f} MB per "
                f"Tesseract process; {t['jobs1_docs_per_min']:.1f} docs/min with --jobs 1, "
                f"{t['jobs2_docs_per_min']:.1f} with --jobs 2 (×{t['speedup']:.2f}, {t['documents']} documents)"
            )


def print_stages(reports: dict[str, dict[str, Any]]) -> None:
    """The cpam pipeline's median time per stage and class (the baseline has no stages)."""
    report = reports.get("cpam")
    if report is None:
        return
    classes = report["classes"]
    stages = sorted({stage for c in classes.values() for stage in c["stage_median_ms"]})
    print("\nMedian milliseconds per stage (cpam):\n")
    print("| class | " + " | ".join(stages) + " |")
    print("|---|" + "---|" * len(stages))
    for cls, figures in classes.items():
        print(f"| {cls} | " + " | ".join(f"{figures['stage_median_ms'].get(s, 0):.0f}" for s in stages) + " |")


def print_beyond(reports: dict[str, dict[str, Any]]) -> None:
    """What the letters ask and the review triage, per class (cpam only: the baseline reads none of it)."""
    report = reports.get("cpam")
    if report is None or "doc_precision" not in report["classes"]["overall"]:
        return
    print("\nBeyond the number (cpam):\n")
    print(
        "| class | docs | asking | doc precision | doc recall | list exact | letter date | deadline | caisse "
        "| reference | flagged | of which wrong | reading doubts | of which wrong | wrong, not flagged |"
    )
    print("|---|" + "---|" * 14)
    for cls, s in report["classes"].items():
        r = s["review"]
        print(
            f"| {cls} | {s['beyond_documents']} | {s['letters_asking']} | {s['doc_precision']:.1%} | "
            f"{s['doc_recall']:.1%} | {s['doc_list_exact']:.1%} | "
            + " | ".join(f"{s[f'{field}_accuracy']:.1%}" for field in DATED_FIELDS)
            + f" | {r['flagged']} | {r['flagged_wrong']} | {r['reading_flagged']} | {r['reading_flagged_wrong']} | "
            f"{r['wrong_unflagged']} of {r['wrong']} |"
        )
    reasons = report["classes"]["overall"]["review"]["reasons"]
    print("\nReview reasons (all documents): " + ", ".join(f"{k} {v}" for k, v in reasons.items()))


def print_differences(previous: dict[str, Any], current: dict[str, Any]) -> None:
    print("\nChanges against the previous run:")
    changed = False
    for name, report in current["pipelines"].items():
        before = previous.get("pipelines", {}).get(name)
        if before is None:
            continue
        for cls, now in report["classes"].items():
            old = before["classes"].get(cls)
            if old is None:
                continue
            for metric in (*METRICS, *BEYOND_METRICS, "median_s"):
                if metric not in now or metric not in old:
                    continue
                delta = now[metric] - old[metric]
                if abs(delta) >= (0.01 if metric == "median_s" else 0.0005):
                    changed = True
                    unit = "s" if metric == "median_s" else "%"
                    scale = 1 if metric == "median_s" else 100
                    print(
                        f"  {name} {cls} {metric}: {old[metric] * scale:.2f} → {now[metric] * scale:.2f} "
                        f"({delta * scale:+.2f}{unit})"
                    )
    if not changed:
        print("  none")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="*", default=[str(ROOT / "fixtures" / "letters")])
    parser.add_argument("--pipeline", choices=("both", *PIPELINES), default="both")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes for the accuracy run (default 2)")
    parser.add_argument(
        "--throughput-sample",
        type=int,
        default=8,
        metavar="N",
        help="documents per class timed with --jobs 1 and 2, warm workers (0: skip; default 8)",
    )
    parser.add_argument("--json", type=Path, help="write the figures as JSON")
    parser.add_argument("--compare", type=Path, help="a previous --json output: print the differences")
    parser.add_argument("--failures", action="store_true", help="list every document read wrongly")
    args = parser.parse_args()
    paths = [Path(p) for p in collect(args.folders) if Path(p).with_suffix(".json").exists()]
    if not paths:
        print("no documents with a ground-truth .json beside them", file=sys.stderr)
        return 2
    truths = [json.loads(p.with_suffix(".json").read_text(encoding="utf-8")) for p in paths]
    version, _ = tesseract_info()
    machine = (
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"Tesseract {version}, OMP_THREAD_LIMIT=1"
    )
    names = list(PIPELINES) if args.pipeline == "both" else [args.pipeline]
    reports = benchmark(names, paths, truths, args)
    print(f"{len(paths)} documents from {', '.join(args.folders)}; --jobs {args.jobs}; {machine}\n")
    print_table(reports)
    print_beyond(reports)
    print_stages(reports)
    if args.failures:
        for name, report in reports.items():
            for f in report["failures"]:
                wrong = "; ".join(f"{field} {got!r} != {want!r}" for field, (got, want) in f["wrong"].items())
                print(
                    f"{name} {f['class']} {f['file']}: {wrong}"
                    + (f" (error {f['error']['code']})" if f["error"] else "")
                    + (f" (review: {', '.join(f['review_reasons'])})" if f["review_reasons"] else "")
                )
    current = {"machine": machine, "documents": len(paths), "pipelines": reports}
    if args.compare:
        print_differences(json.loads(args.compare.read_text(encoding="utf-8")), current)
    if args.json:
        args.json.write_text(json.dumps(current, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
