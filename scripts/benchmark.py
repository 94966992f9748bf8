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

Several corpora may be given at once: each document counts in its truth's ``family`` (``own`` when the truth
says none; see ``scripts/family.py``), and every figure is given per family, so the letters the reader was
developed on and the letters written apart (``heldout``, ``negative``) are read in the same run and printed side
by side; then per hard case (the truth's ``tags``) for each family.

The review triage, for every family: the share of results ``needs_review`` sends to a person, and how many of the
wrong numbers, of the missed numbers and of all wrong answers (number, status or type) it catches; "silent" counts
the numbers reported without a flag on a document that has none (the negative suite).

    python scripts/make_corpus.py --out corpus            # the full synthetic corpus, generated on demand
    python scripts/make_corpus.py --family heldout --out heldout --count 360
    python scripts/benchmark.py corpus heldout --json bench.json  # both pipelines, both families, side by side
    python scripts/benchmark.py corpus --compare bench.json --pipeline cpam
    python scripts/benchmark.py blind --speed 6            # speed only: see scripts/speed.py
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
from cpam_reader.image.ocr import tesseract_info
from cpam_reader.interfaces.cli import collect
from cpam_reader.jobs.job import init_worker, read_safely

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
REVIEW_METRICS = ("flagged_share", "wrong_caught", "missed_caught", "answer_wrong_caught")


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
        **score_review(got, truth),
        **score_beyond(got, truth),
    }


def score_review(got: Sequence[dict[str, Any]], truth: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The review triage: how much ``needs_review`` sends to a person, and what share of the errors it catches."""
    if not got or "needs_review" not in got[0]:
        return {}
    pairs = list(zip(got, truth, strict=True))
    flagged = [bool(g["needs_review"]) for g in got]
    wrong = [bool(g["nir"]) and g["nir"] != t["nir"] for g, t in pairs]
    missed = [bool(t["nir"]) and not g["nir"] for g, t in pairs]
    answer = [answer_wrong(g, t) for g, t in pairs]

    def caught(errors: list[bool]) -> float | None:
        return sum(e and f for e, f in zip(errors, flagged, strict=True)) / sum(errors) if any(errors) else None

    return {
        "flagged_share": sum(flagged) / len(got),
        "wrong_numbers": sum(wrong),
        "wrong_caught": caught(wrong),
        "missed_numbers": sum(missed),
        "missed_caught": caught(missed),
        "answer_wrong": sum(answer),
        "answer_wrong_caught": caught(answer),
        "silent_numbers": sum(bool(g["nir"]) and not t["nir"] and not g["needs_review"] for g, t in pairs),
        "review_reasons": dict(sorted(Counter(r for g in got for r in g["review_reasons"]).items())),
        "notices": dict(sorted(Counter(n["code"] for g in got for n in g.get("notices", ())).items())),
    }


def answer_wrong(got: dict[str, Any], truth: dict[str, Any]) -> bool:
    """The number, its status or the kind of letter differs from the truth (a miss counts: the letter has one)."""
    return any(got[key] != truth[key] for key in ("nir", "nir_status", "letter_type"))


def score_beyond(got: Sequence[dict[str, Any]], truth: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """What the letter asks (issue 8), when both the results and the truth carry it.

    Documents: precision and recall over (letter, kind) pairs, and the share of the letters asking for documents
    whose list is exactly right (same kinds, same order). Dates, caisse and reference: share of letters right
    (``null`` right when the letter has none).
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
    by_family: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_family[family(row["truth"])].append(row)
    figures: dict[str, Any] = {"families": {name: score_family(group) for name, group in sorted(by_family.items())}}
    figures["failures"] = [failure for r in rows if (failure := differences(r))]
    figures["flagged_right"] = [
        {
            "file": Path(r["result"]["source"]).name,
            "family": family(r["truth"]),
            "class": r["class"],
            "review_reasons": r["result"]["review_reasons"],
        }
        for r in rows
        if r["result"].get("needs_review") and not answer_wrong(r["result"], r["truth"])
    ]
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


def family(truth: dict[str, Any]) -> str:
    return str(truth.get("family") or "own")


def score_family(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """One family's figures: per degradation class and overall, then per hard case (the truth's tags)."""
    by_class: dict[str, list[dict[str, Any]]] = defaultdict(list)
    by_case: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_class[row["class"]].append(row)
        for tag in row["truth"].get("tags") or ():
            by_case[tag].append(row)
    classes = {c: score(group) for c, group in sorted(by_class.items())}
    classes["overall"] = score(rows)
    return {"classes": classes, "cases": {tag: score(group) for tag, group in sorted(by_case.items())}}


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
        "family": family(truth),
        "class": row["class"],
        "wrong": wrong,
        "error": got["error"],
        "review_reasons": got.get("review_reasons"),
    }


def _families(reports: dict[str, dict[str, Any]]) -> list[str]:
    return list(next(iter(reports.values()))["families"])


def _row(label: str, name: str, s: dict[str, Any]) -> str:
    return (
        f"| {label} | {name} | {s['documents']} | {s['number_exact']:.1%} | {s['wrong_number']:.1%} | "
        f"{s['missed_number']:.1%} | {s['status_accuracy']:.1%} | {s['type_accuracy']:.1%} | "
        f"{s['type_macro_f1']:.3f} | {s['errors']} | {s['median_s']:.2f} | {s['p95_s']:.2f} |"
    )


_HEADER = (
    "| {first} | pipeline | docs | number exact | wrong number | missed | status acc. | type acc. | type F1 "
    "| errors | median s | p95 s |\n|---|---|---|---|---|---|---|---|---|---|---|---|"
)


def print_table(reports: dict[str, dict[str, Any]]) -> None:
    """Per family, per degradation class: both pipelines' figures, row by row."""
    names = list(reports)
    for fam in _families(reports):
        print(f"Family {fam}:\n")
        print(_HEADER.format(first="class"))
        for cls in reports[names[0]]["families"][fam]["classes"]:
            for name in names:
                print(_row(cls, name, reports[name]["families"][fam]["classes"][cls]))
        print()
    for name in names:
        if "throughput" in reports[name]:
            t, m = reports[name]["throughput"], reports[name]["memory_mb"]
            print(
                f"{name}: peak memory {m['worker_peak']:.0f} MB per worker, at most {m['tesseract_peak']:.0f} MB per "
                f"Tesseract process; {t['jobs1_docs_per_min']:.1f} docs/min with --jobs 1, "
                f"{t['jobs2_docs_per_min']:.1f} with --jobs 2 (×{t['speedup']:.2f}, {t['documents']} documents)"
            )


def print_cases(reports: dict[str, dict[str, Any]]) -> None:
    """Per family, per hard case (the truth's tags): both pipelines' figures."""
    names = list(reports)
    for fam in _families(reports):
        cases = reports[names[0]]["families"][fam]["cases"]
        if not cases:
            continue
        print(f"\nHard cases, family {fam} (a letter counts in each of its tags):\n")
        print(_HEADER.format(first="case"))
        for case in cases:
            for name in names:
                print(_row(case, name, reports[name]["families"][fam]["cases"][case]))


def _share(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


def print_review(reports: dict[str, dict[str, Any]]) -> None:
    """The review triage of cpam-reader per family and class: what it sends to a person, and what it catches."""
    report = reports.get("cpam")
    if report is None:
        return
    print("\nReview triage (cpam): needs_review raised by doubts about the reading only\n")
    print(
        "| family | class | docs | flagged | wrong numbers | of which flagged | missed numbers | of which flagged "
        "| wrong answers | of which flagged | numbers on documents without one, unflagged |"
    )
    print("|---|" + "---|" * 10)
    for fam, figures in report["families"].items():
        for cls, s in figures["classes"].items():
            print(
                f"| {fam} | {cls} | {s['documents']} | {s['flagged_share']:.1%} | {s['wrong_numbers']} | "
                f"{_share(s['wrong_caught'])} | {s['missed_numbers']} | {_share(s['missed_caught'])} | "
                f"{s['answer_wrong']} | {_share(s['answer_wrong_caught'])} | {s['silent_numbers']} |"
            )
    for fam, figures in report["families"].items():
        overall = figures["classes"]["overall"]
        print(
            f"\n{fam}: review reasons "
            + (", ".join(f"{k} {v}" for k, v in overall["review_reasons"].items()) or "none")
        )
        print(f"{fam}: notices " + (", ".join(f"{k} {v}" for k, v in overall["notices"].items()) or "none"))


def print_stages(reports: dict[str, dict[str, Any]]) -> None:
    """The cpam pipeline's median time per stage, family and class (the baseline has no stages)."""
    report = reports.get("cpam")
    if report is None:
        return
    for fam, figures in report["families"].items():
        classes = figures["classes"]
        stages = sorted({stage for c in classes.values() for stage in c["stage_median_ms"]})
        print(f"\nMedian milliseconds per stage (cpam, family {fam}):\n")
        print("| class | " + " | ".join(stages) + " |")
        print("|---|" + "---|" * len(stages))
        for cls, c in classes.items():
            print(f"| {cls} | " + " | ".join(f"{c['stage_median_ms'].get(s, 0):.0f}" for s in stages) + " |")


def print_beyond(reports: dict[str, dict[str, Any]]) -> None:
    """What the letters ask, per family and class (cpam only: the baseline reads none of it)."""
    report = reports.get("cpam")
    if report is None:
        return
    for fam, figures in report["families"].items():
        if "doc_precision" not in figures["classes"]["overall"]:
            continue
        print(f"\nBeyond the number (cpam, family {fam}):\n")
        print(
            "| class | docs | asking | doc precision | doc recall | list exact | letter date | deadline | caisse "
            "| reference |"
        )
        print("|---|" + "---|" * 9)
        for cls, s in figures["classes"].items():
            print(
                f"| {cls} | {s['beyond_documents']} | {s['letters_asking']} | {s['doc_precision']:.1%} | "
                f"{s['doc_recall']:.1%} | {s['doc_list_exact']:.1%} | "
                + " | ".join(f"{s[f'{field}_accuracy']:.1%}" for field in DATED_FIELDS)
                + " |"
            )


def _by_family(report: dict[str, Any]) -> dict[str, Any]:
    """A pipeline's families; a run saved before families were counted is all ``own``."""
    return report.get("families") or {"own": {"classes": report["classes"]}}


def print_differences(previous: dict[str, Any], current: dict[str, Any]) -> None:
    print("\nChanges against the previous run:")
    changed = False
    for name, report in current["pipelines"].items():
        before = previous.get("pipelines", {}).get(name)
        if before is None:
            continue
        for fam, figures in _by_family(report).items():
            old_family = _by_family(before).get(fam)
            if old_family is None:
                continue
            for cls, now in figures["classes"].items():
                old = old_family["classes"].get(cls)
                if old is None:
                    continue
                for metric in (*METRICS, *BEYOND_METRICS, *REVIEW_METRICS, "median_s"):
                    if now.get(metric) is None or old.get(metric) is None:
                        continue
                    delta = now[metric] - old[metric]
                    if abs(delta) >= (0.01 if metric == "median_s" else 0.0005):
                        changed = True
                        unit = "s" if metric == "median_s" else "%"
                        scale = 1 if metric == "median_s" else 100
                        print(
                            f"  {name} {fam} {cls} {metric}: {old[metric] * scale:.2f} → {now[metric] * scale:.2f} "
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
    parser.add_argument(
        "--speed",
        type=int,
        nargs="?",
        const=6,
        metavar="N",
        help="speed only (scripts/speed.py): N letters per class (default 6), both pipelines letter by letter",
    )
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
    if args.speed:
        from speed import speed

        by_class: dict[str, list[Path]] = defaultdict(list)
        for path, truth in zip(paths, truths, strict=True):
            by_class[degradation(path, truth)].append(path)
        print(f"{len(paths)} documents from {', '.join(args.folders)}; {machine}")
        figures = speed(by_class, args.speed)
        if args.json:
            args.json.write_text(json.dumps({"machine": machine, "speed": figures}, indent=2) + "\n", encoding="utf-8")
        return 0
    names = list(PIPELINES) if args.pipeline == "both" else [args.pipeline]
    reports = benchmark(names, paths, truths, args)
    print(f"{len(paths)} documents from {', '.join(args.folders)}; --jobs {args.jobs}; {machine}\n")
    print_table(reports)
    print_cases(reports)
    print_review(reports)
    print_beyond(reports)
    print_stages(reports)
    if args.failures:
        for name, report in reports.items():
            for f in report["failures"]:
                wrong = "; ".join(f"{field} {got!r} != {want!r}" for field, (got, want) in f["wrong"].items())
                print(
                    f"{name} {f['family']} {f['class']} {f['file']}: {wrong}"
                    + (f" (error {f['error']['code']})" if f["error"] else "")
                    + (f" (review: {', '.join(f['review_reasons'])})" if f["review_reasons"] else "")
                )
            for f in report.get("flagged_right", []):
                print(
                    f"{name} {f['family']} {f['class']} {f['file']}: right, flagged ({', '.join(f['review_reasons'])})"
                )
    current = {"machine": machine, "documents": len(paths), "pipelines": reports}
    if args.compare:
        print_differences(json.loads(args.compare.read_text(encoding="utf-8")), current)
    if args.json:
        args.json.write_text(json.dumps(current, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
