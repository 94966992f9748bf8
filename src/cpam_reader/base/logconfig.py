"""Logging for the command line and its reader processes, at the settings' level (``CPAM_READER_LOG_LEVEL``).

What cpam-reader logs never holds a full social security number (it is masked: :func:`cpam_reader.number.nir.mask`) nor
the letter's text; tests/test_privacy.py reads every log line of the fixtures read at DEBUG to keep it so.
"""

from __future__ import annotations

import logging


def configure_logging(level: str | None, default: str = "WARNING") -> None:
    """Send this process's log lines to standard error (once per process).

    At ``level`` (the settings' ``log_level``), else at ``default``.
    """
    level = (level or default).upper()
    logging.basicConfig(
        level=getattr(logging, level, logging.WARNING),
        format="%(asctime)s %(levelname)s %(name)s[%(process)d] %(message)s",
    )
