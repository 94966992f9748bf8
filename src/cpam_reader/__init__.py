"""cpam-reader: reads letters from the French health insurance (CPAM).

>>> from cpam_reader import read_letter            # doctest: +SKIP
>>> read_letter("letter.pdf").to_dict()["nir"]      # doctest: +SKIP
'284058832102532'
"""

from cpam_reader.errors import CpamReaderError
from cpam_reader.pipeline import read_letter
from cpam_reader.result import LetterResult, LetterType, NirStatus, NumberCandidate, TextSource

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
