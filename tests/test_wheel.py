"""A normal install works: the wheel, installed without ``-e`` in a fresh virtual environment, reads a letter.

The wheel is built from a copy of the files a source release holds (so nothing in the checkout can stand in for
a file it lacks), installed with ``--no-deps`` into a new venv whose only view of the dependencies is the test
venv's site-packages, added after its own (a ``.pth`` line: the editable install there is not seen), and run from
another folder.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.conftest import LETTERS, ROOT

pytestmark = pytest.mark.slow  # real Tesseract over many documents, or real services: `pytest -m "not slow"` skips it

LETTER = LETTERS / "na-definitif-1.pdf"
SOURCE_FILES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "src", "models")


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # nothing but the venv's own paths
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=600
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv holding the wheel; returns its ``bin`` folder."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    source.mkdir()
    for name in SOURCE_FILES:
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy2
        copy(ROOT / name, source / name)
    shutil.rmtree(source / "src" / "cpam_reader" / "models", ignore_errors=True)
    built = run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", work, ".", cwd=source)
    assert built.returncode == 0, built.stderr
    (wheel,) = work.glob("cpam_reader-*.whl")
    venv = work / "venv"
    made = run(sys.executable, "-m", "venv", venv, cwd=work)
    assert made.returncode == 0, made.stderr
    python = venv / "bin" / "python"
    added = run(python, "-m", "pip", "install", "-q", "--no-deps", "--no-index", wheel, cwd=work)
    assert added.returncode == 0, added.stderr
    site = run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=work).stdout.strip()
    (Path(site) / "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return venv / "bin"


def test_the_wheel_carries_the_model_and_the_page(installed: Path, tmp_path: Path) -> None:
    probe = (
        "import importlib.resources as r, cpam_reader; print(cpam_reader.__file__); "
        "p = r.files('cpam_reader'); print((p / 'models' / 'classifier.json').is_file(), "
        "(p / 'interfaces' / 'web' / 'static' / 'index.html').is_file())"
    )
    seen = run(installed / "python", "-c", probe, cwd=tmp_path)
    assert seen.returncode == 0, seen.stderr
    where, carried = seen.stdout.splitlines()
    assert where.startswith(str(installed.parent)), where  # the wheel's copy, not the checkout's
    assert carried == "True True"


def test_the_installed_command_reads_a_letter_from_another_folder(installed: Path, tmp_path: Path) -> None:
    letter = tmp_path / "letter.pdf"
    shutil.copy2(LETTER, letter)
    scanned = run(installed / "cpam-reader", "scan", "--format", "jsonl", letter, cwd=tmp_path)
    assert scanned.returncode == 0, scanned.stderr
    (result,) = [json.loads(line) for line in scanned.stdout.splitlines()]
    truth = json.loads(LETTER.with_suffix(".json").read_text(encoding="utf-8"))
    assert result["error"] is None
    assert (result["letter_type"], result["nir"]) == (truth["letter_type"], truth["nir"])
