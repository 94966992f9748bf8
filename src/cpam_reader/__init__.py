"""cpam-reader: reads letters from the French health insurance (CPAM).

``read_letter(path_or_bytes)`` is the whole public API: it returns one :class:`LetterResult`, whose
``to_dict()`` is what the command line, the web service and the workers emit.
"""

from cpam_reader.base.errors import CpamReaderError
from cpam_reader.base.result import LetterResult, LetterType, NirStatus, NumberCandidate, TextSource
from cpam_reader.pipeline import read_letter

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
