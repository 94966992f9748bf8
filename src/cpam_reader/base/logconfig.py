"""Logging for the command line and its reader processes: level from ``CPAM_READER_LOG_LEVEL`` (default WARNING).

What cpam-reader logs never holds a full social security number (it is masked: :func:`cpam_reader.number.nir.mask`) nor
the letter's text; tests/test_privacy.py reads every log line of the fixtures read at DEBUG to keep it so.
"""

from __future__ import annotations

import logging
import os

LEVEL_VARIABLE = "CPAM_READER_LOG_LEVEL"


def configure_logging(default: str = "WARNING") -> None:
    """Send this process's log lines to standard error at the configured level (once per process)."""
    level = os.environ.get(LEVEL_VARIABLE, default).upper()
    logging.basicConfig(
        level=getattr(logging, level, logging.WARNING),
        format="%(asctime)s %(levelname)s %(name)s[%(process)d] %(message)s",
    )
