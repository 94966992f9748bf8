"""Writing results as JSON lines, CSV or a terminal table.

Every view is derived from :meth:`LetterResult.to_dict`, so the same document says the same thing in each.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any, TextIO

from cpam_reader.base.result import LetterResult
from cpam_reader.number import nir

FORMATS = ("jsonl", "csv", "table")
CSV_COLUMNS = (
    "source",
    "pages",
    "text_source",
    "letter_type",
    "letter_type_confidence",
    "nir",
    "nir_status",
    "nir_valid",
    "old_nir",
    "numbers",
    "warnings",
    "needs_review",
    "review_reasons",
    "notices",
    "evidence",
    "documents",
    "letter_date",
    "deadline",
    "caisse",
    "reference",
    "error_code",
    "error_message",
    "total_ms",
)


def json_line(result: LetterResult) -> str:
    """One result as one line of JSON."""
    return json.dumps(result.to_dict(), ensure_ascii=False, sort_keys=False)


def csv_row(data: dict[str, Any]) -> dict[str, Any]:
    """A result dict flattened to the CSV columns (lists joined by ';')."""
    error = data["error"] or {}
    return {
        **{key: data[key] for key in CSV_COLUMNS[:9]},
        "numbers": ";".join(
            f"{n['value']}:{n['status'] or ''}:{'valid' if n['valid'] else 'invalid'}" for n in data["numbers"]
        ),
        "warnings": ";".join(data["warnings"]),
        "needs_review": data["needs_review"],
        "review_reasons": ";".join(data["review_reasons"]),
        "notices": ";".join(notice["code"] for notice in data["notices"]),
        "evidence": ";".join(data["evidence"]),
        "documents": ";".join(d["kind"] for d in data["documents"]),
        **{key: data[key] for key in ("letter_date", "deadline", "caisse", "reference")},
        "error_code": error.get("code", ""),
        "error_message": error.get("message", ""),
        "total_ms": round(sum(data["timings_ms"].values()), 1),
    }


class CsvWriter:
    """CSV with a header, one row per result, flushed as it goes."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS, lineterminator="\n")
        self.writer.writeheader()

    def write(self, result: LetterResult) -> None:
        self.writer.writerow(csv_row(result.to_dict()))
        self.stream.flush()


def to_csv(results: Iterable[LetterResult]) -> str:
    """Results as a CSV document."""
    buffer = io.StringIO()
    writer = CsvWriter(buffer)
    for result in results:
        writer.write(result)
    return buffer.getvalue()


def render_table(results: Iterable[LetterResult], stream: TextIO, *, width: int | None = None) -> None:
    """A human-readable table, one row per document."""
    from rich.console import Console  # only for a table: the JSON and CSV outputs never load rich
    from rich.table import Table

    table = Table(show_lines=False)
    for column in ("document", "type", "number", "status", "valid", "notes"):
        table.add_column(column, overflow="fold")
    for result in results:
        data = result.to_dict()
        if data["error"]:
            table.add_row(data["source"], "—", "—", "—", "—", f"error: {data['error']['code']}")
            continue
        number = nir.format(data["nir"]) if data["nir"] else "not found"
        valid = {True: "yes", False: "NO", None: "—"}[data["nir_valid"]]
        kind = f"{data['letter_type']} ({data['letter_type_confidence']:.2f})"
        table.add_row(data["source"], kind, number, data["nir_status"] or "—", valid, ", ".join(data["warnings"]))
    if width is None and not stream.isatty():
        width = 200  # a file or a pipe has no width: keep rows on one line
    Console(file=stream, width=width, soft_wrap=False).print(table)
