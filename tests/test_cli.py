"""The command line: formats, exit codes, a corrupt file among good ones, validate, documented options."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys

import pytest

from cpam_reader.interfaces import cli
from cpam_reader.interfaces.output import CSV_COLUMNS
from tests.conftest import LETTERS, ROOT, expected_for, fixture_letters

pytestmark = pytest.mark.slow  # real Tesseract over many documents, or real services: `pytest -m "not slow"` skips it

PDFS = fixture_letters(".pdf")[:3]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cpam_reader.interfaces.cli", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        check=False,
    )


def test_jsonl_one_line_per_document_in_order():
    proc = run("scan", *map(str, PDFS), "--format", "jsonl", "--jobs", "2")
    assert proc.returncode == 0, proc.stderr
    results = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["source"] for r in results] == [str(p) for p in PDFS]
    assert [r["nir"] for r in results] == [expected_for(p)["nir"] for p in PDFS]


def test_csv_and_output_file(tmp_path):
    out = tmp_path / "results.csv"
    proc = run("scan", *map(str, PDFS), "--format", "csv", "--output", str(out))
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [r["nir"] or None for r in rows] == [expected_for(p)["nir"] for p in PDFS]


def test_table_format():
    proc = run("scan", str(PDFS[0]), "--format", "table")
    assert proc.returncode == 0
    assert "document" in proc.stdout and expected_for(PDFS[0])["letter_type"] in proc.stdout


def test_corrupt_file_in_a_folder_of_good_ones(tmp_path):
    for pdf in PDFS:
        shutil.copy(pdf, tmp_path / pdf.name)
    (tmp_path / "broken.pdf").write_bytes(PDFS[0].read_bytes()[:300])
    (tmp_path / "notes.txt").write_text("not a document")  # skipped: not a document extension
    proc = run("scan", str(tmp_path), "--format", "jsonl", "--jobs", "2")
    assert proc.returncode == 1
    results = {json.loads(line)["source"].rsplit("/", 1)[-1]: json.loads(line) for line in proc.stdout.splitlines()}
    assert set(results) == {p.name for p in PDFS} | {"broken.pdf"}
    assert results["broken.pdf"]["error"]["code"] == "corrupt_file"
    assert all(results[p.name]["error"] is None for p in PDFS)


@pytest.mark.parametrize(
    "args",
    [[], ["scan"], ["frobnicate"], ["scan", "--jobs", "0", str(LETTERS)], ["scan", "--format", "xml", str(LETTERS)]],
)
def test_usage_errors_exit_2(args):
    assert run(*args).returncode == 2


def test_missing_file_is_a_failed_document_not_a_crash():
    proc = run("scan", "no/such/file.pdf", "--format", "jsonl")
    assert proc.returncode == 1
    assert json.loads(proc.stdout)["error"]["code"] == "file_not_found"


def test_validate_explains_a_number():
    proc = run("validate", "1", "85", "12", "99", "109", "045", "77")
    assert proc.returncode == 0
    assert "abroad" in proc.stdout and "country code 99109" in proc.stdout and "man" in proc.stdout
    bad = run("validate", "2 84 05 88 321 025 33", "--json")
    assert bad.returncode == 1 and json.loads(bad.stdout)["valid"] is False


def test_every_option_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    parser = cli._parser()
    for action in parser._subparsers._group_actions[0].choices.values():  # each subcommand
        for option in action._actions:
            for flag in option.option_strings:
                if flag.startswith("--") and flag != "--help":
                    assert flag in readme, f"{flag} is not documented in README.md"
