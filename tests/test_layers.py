"""The package's shape: each folder is one layer, imports run down only, and settings are read in one place."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "src" / "cpam_reader"
LAYERS = ["base", "load", "image", "number", "letter", "pipeline", "jobs", "interfaces"]
"""From the bottom up: a module may import from its own layer and the ones before it, never after."""
MOST_LINES = 410
"""About 400 lines at most, so that a module can be read in one sitting (the longest, letter/documents.py, holds
405); a module that grows past it is split along what it holds, as second_look (rereading) and status (words,
labels) were."""


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def layer_of(dotted: str) -> str | None:
    parts = dotted.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "cpam_reader" and parts[1] in LAYERS else None


def imported(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            base = node.module
            names += [f"{base}.{a.name}" for a in node.names] if base == "cpam_reader" else [base]
        elif isinstance(node, ast.Import):
            names += [a.name for a in node.names]
    return names


def test_every_module_sits_in_a_layer_but_the_public_api_and_the_pipeline() -> None:
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert top == ["__init__.py", "pipeline.py"]
    assert sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__") == sorted(
        layer for layer in LAYERS if layer != "pipeline"
    )


def test_no_import_runs_upward() -> None:
    upward = []
    for path in modules():
        here = layer_of(".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts))
        if here is None:
            continue
        for name in imported(path):
            there = layer_of(name)
            if there is not None and LAYERS.index(there) > LAYERS.index(here):
                upward.append(f"{path.relative_to(PACKAGE)} ({here}) imports {name} ({there})")
    assert not upward, "\n".join(upward)


def test_no_module_is_too_long_to_read() -> None:
    long = {str(p.relative_to(PACKAGE)): n for p in modules() if (n := len(p.read_text().splitlines())) > MOST_LINES}
    assert not long, long


def test_only_the_settings_module_reads_cpam_reader_variables() -> None:
    """Nothing but ``base/settings.py`` reads the environment's ``CPAM_READER_*`` (Tesseract's own
    ``TESSDATA_PREFIX`` is read where Tesseract is found; ``OMP_THREAD_LIMIT`` is set, at run time, for it;
    ``PROMETHEUS_MULTIPROC_DIR`` is set by a Celery worker for ``prometheus_client``)."""
    others = r"TESSDATA_PREFIX|OMP_THREAD_LIMIT|PROMETHEUS_MULTIPROC_DIR"
    readers = []
    for path in modules():
        if path == PACKAGE / "base" / "settings.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"os\.environ|getenv", line) and not re.search(others, line):
                readers.append(f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}")
    assert not readers, "\n".join(readers)


def test_importing_the_package_changes_no_environment_variable_nor_pillow_global() -> None:
    import os
    import subprocess
    import sys

    probe = (  # cv2 sets its own LD_LIBRARY_PATH on import: libraries first, then ours
        "import os, cv2, PIL.Image as I; before = dict(os.environ), I.MAX_IMAGE_PIXELS, I.OPEN.copy(); "
        "import cpam_reader; print((dict(os.environ), I.MAX_IMAGE_PIXELS, I.OPEN) == before)"
    )
    env = {k: v for k, v in os.environ.items() if k != "OMP_THREAD_LIMIT"}
    seen = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    assert seen.stdout.strip() == "True"
