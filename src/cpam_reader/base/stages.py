"""What the pipeline keeps about its own work: time per stage, and each stage's image when asked (``--debug-dir``).

Both are handed down through the reading of a document, so that every stage is timed the same way and a failure
can be seen stage by stage, without the stages themselves knowing about clocks or files.
"""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np


class StageTimer:
    """Wall-clock milliseconds per stage, summed over pages and repeats."""

    def __init__(self) -> None:
        self.ms: dict[str, float] = {}

    @contextlib.contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.ms[stage] = self.ms.get(stage, 0.0) + (time.perf_counter() - start) * 1000


class StageImages:
    """Writes each stage's image as ``<folder>/<document>/p<page>-<n>-<stage>.png``; does nothing without a folder.

    The images hold the letter, personal data included: they are written only when asked, for one's own
    debugging.
    """

    def __init__(self, folder: Path | None, document: str) -> None:
        safe = re.sub(r"[^\w.-]+", "_", Path(document).name)[:100] or "document"
        self.folder = folder / safe if folder is not None else None
        self.count = 0

    def __call__(self, page: int, stage: str, image: np.ndarray) -> None:
        if self.folder is None:
            return
        import cv2  # only when images are kept: a text-layer PDF never loads OpenCV

        self.folder.mkdir(parents=True, exist_ok=True)
        self.count += 1
        if image.ndim == 3:
            image = cv2.cvtColor(image, cv2.COLOR_RGB2BGR)
        cv2.imwrite(str(self.folder / f"p{page}-{self.count:02d}-{stage}.png"), image, [cv2.IMWRITE_PNG_COMPRESSION, 1])
