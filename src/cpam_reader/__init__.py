"""cpam-reader: reads letters from the French health insurance (CPAM).

``read_letter(path_or_bytes)`` is the whole public API: it returns one :class:`LetterResult`, whose
``to_dict()`` is what the command line, the web service and the workers emit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cpam_reader.base.errors import CpamReaderError
from cpam_reader.base.result import LetterResult, LetterType, NirStatus, NumberCandidate, TextSource

if TYPE_CHECKING:
    from cpam_reader.pipeline import read_letter


def __getattr__(name: str) -> Any:
    """``read_letter`` loads the pipeline when first asked for: ``cpam-reader --help`` or ``validate`` never do."""
    if name == "read_letter":
        from cpam_reader.pipeline import read_letter

        return read_letter
    raise AttributeError(f"module 'cpam_reader' has no attribute {name!r}")


__all__ = [
    "CpamReaderError",
    "LetterResult",
    "LetterType",
    "NirStatus",
    "NumberCandidate",
    "TextSource",
    "read_letter",
]
__version__ = "0.1.0"
