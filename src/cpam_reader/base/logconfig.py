"""Logging for the command line and its reader processes, at the settings' level (``CPAM_READER_LOG_LEVEL``).

What cpam-reader logs never holds a full social security number (it is masked: :func:`cpam_reader.number.nir.mask`),
the letter's text, nor the document's file name: mailrooms name scans after the person ("Dupont Jean
287049921602110.png"), so a document is named in logs by a short reference (:func:`new_ref`, or the watch folder's
keyed id), which the answer or the journal ties to the document for whoever may see it. As a last guard, every log
line passes :class:`Redact`, which masks anything shaped like a number, whoever wrote it (a library included).
tests/test_privacy.py and tests/test_log_privacy.py keep it so.
"""

from __future__ import annotations

import logging
import secrets

import regex

_NIR_SHAPED = regex.compile(
    r"(?<![0-9A-Za-z])(?<!\d[.,])"
    r"([1-8])[ .]?(\d{2})[ .]?(\d{2})[ .]?(\d{2}|2[AaBb])[ .]?(\d{3})[ .]?(\d{3})(?:[ .]?(\d{2}))?"
    r"(?![0-9])"
)
"""Thirteen or fifteen characters as a number is printed (sex or provisional digit, year, month, place, order,
key), grouped or not: the shape alone, not the key, so that a misread or invalid number is masked too."""


def new_ref() -> str:
    """A fresh reference naming one document in the logs: random, so it says nothing about the document.

    >>> len(new_ref()), new_ref() != new_ref()
    (8, True)
    """
    return secrets.token_hex(4)


def redact(text: str) -> str:
    """``text`` with every number-shaped run masked but its first digit and its key.

    >>> redact("read Dupont 2 87 04 99 216 021 10.png, 1870499216021 and 185042A12345678 in 12.5 s")
    'read Dupont 2 ** ** ** *** *** 10.png, 1 ** ** ** *** *** and 1 ** ** ** *** *** 78 in 12.5 s'
    >>> redact("Task read_document succeeded in 1.723847283488383s")
    'Task read_document succeeded in 1.723847283488383s'
    """

    def masked(match: regex.Match[str]) -> str:
        if regex.fullmatch(r"\d\.\d+", match.group()):  # a decimal number (a duration), not a grouped one
            return match.group()
        key = f" {match.group(7)}" if match.group(7) else ""
        return f"{match.group(1)} ** ** ** *** ***{key}"

    return _NIR_SHAPED.sub(masked, text)


class Redact(logging.Filter):
    """Masks number-shaped runs in a log line before any handler writes it (see :func:`redact`)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:  # a traceback's messages too, formatted once here
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        return True


def configure_logging(level: str | None, default: str = "WARNING") -> None:
    """Send this process's log lines to standard error (once per process), each through :class:`Redact`.

    At ``level`` (the settings' ``log_level``), else at ``default``.
    """
    level = (level or default).upper()
    logging.basicConfig(
        level=getattr(logging, level, logging.WARNING),
        format="%(asctime)s %(levelname)s %(name)s[%(process)d] %(message)s",
    )
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, Redact) for f in handler.filters):
            handler.addFilter(Redact())
