"""NIR (numéro d'inscription au répertoire, French social security number) and provisional numbers.

The number has 13 characters and a 2-digit key: sex (1 man, 2 woman; 3/4/7/8 for provisional numbers such as
the NIA, "numéro d'identification d'attente"), year and month of birth, place of birth (department, 2A/2B for
Corsica, 97x/98x overseas with a 2-digit commune, 99 for abroad followed by the INSEE country code), commune
and order number. The key is ``97 - (N mod 97)`` where N is the first 13 characters read as an integer after
replacing 2A by 19 and 2B by 18 (python-stdnum computes it; we reuse its ``calc_check_digits``).

Only ASCII digits count as digits: a full-width ``'３'`` or an Arabic-Indic ``'٣'`` is not a digit here.

More information: ameli "Les règles d'identification des assurés", INSEE, service-public F33078.

>>> validate('2 84 05 88 321 025 32')
'284058832102532'
>>> validate('1 84 05 2A 321 025 27')
Traceback (most recent call last):
    ...
stdnum.exceptions.InvalidChecksum: The number's checksum or check digit is invalid.
>>> validate('1 84 05 2A 321 025')   # printed without its key: the key is computed
'184052A32102505'
>>> format('284058832102532')
'2 84 05 88 321 025 32'
>>> format('282059712102567')
'2 82 05 971 21 025 67'
>>> parse('269054958815780').specimen
True
>>> parse('284058832102532').month, parse('284208832102578').month
('05', 'unknown')
>>> is_valid('３84058832102532'), is_valid(None), is_valid('😴')
(False, False, False)
"""

from __future__ import annotations

import itertools
import re
from typing import Literal

from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength, ValidationError
from stdnum.fr.nir import calc_check_digits as _stdnum_check_digits

from cpam_reader.base.facts import NirParts

__all__ = [
    "SPECIMEN",
    "NirParts",
    "ValidationError",
    "calc_check_digits",
    "compact",
    "format",
    "is_valid",
    "mask",
    "parse",
    "validate",
]

SPECIMEN = "269054958815780"
"""The fictitious number printed on the public sample carte Vitale."""

SEX_DIGITS = "12"
PROVISIONAL_DIGITS = "3478"

_SEPARATORS = re.compile(r"[\s.\-/]+")
# ASCII only: ``\d`` would accept '３' and '٣'.
_SHAPE = re.compile(r"[0-9]{5}(?:[0-9]{2}|2[AB])[0-9]{6}(?:[0-9]{2})?", re.ASCII)


def compact(number: str) -> str:
    """Remove separators (spaces, dots, dashes, slashes) and uppercase.

    >>> compact('2 84-05.88 321 025 / 32')
    '284058832102532'
    """
    return _SEPARATORS.sub("", str(number)).strip().upper()


def calc_check_digits(number: str) -> str:
    """The 2-digit key of the first 13 characters (2A counts as 19 and 2B as 18 at positions 6-7 only).

    >>> calc_check_digits('2840588321025')
    '32'
    >>> calc_check_digits('1840520321025'), calc_check_digits('184052A321025')
    ('75', '05')
    """
    body = compact(number)[:13]
    if not _SHAPE.fullmatch(body):
        raise InvalidFormat()
    return str(_stdnum_check_digits(body)).zfill(2)


def _check_components(number: str) -> None:
    """Check each field against its allowed values; ``number`` has the right shape."""
    sex, month, dept = number[0], int(number[3:5]), number[5:7]
    if sex not in SEX_DIGITS + PROVISIONAL_DIGITS:
        raise InvalidComponent("The first digit must be 1 or 2 (or 3, 4, 7, 8 for a provisional number).")
    if not (1 <= month <= 12 or 20 <= month <= 42 or month >= 50):
        raise InvalidComponent("The month must be 01-12 or a pseudo-month 20-42 or 50-99.")
    if dept in ("2A", "2B"):
        pass
    elif dept in ("97", "98"):
        if not 971 <= int(number[5:8]) <= 989 or number[8:10] == "00":
            raise InvalidComponent("An overseas place of birth is 971-989 followed by a 2-digit commune.")
    elif dept == "99":
        if number[7] not in "12345":
            raise InvalidComponent("A country code (born abroad) starts with 1-5.")
    elif not 1 <= int(dept) <= 96:
        raise InvalidComponent("The department must be 01-95, 2A, 2B, 96, 97x/98x or 99.")
    elif number[7:10] == "000":
        raise InvalidComponent("The commune cannot be 000.")
    if number[10:13] == "000":
        raise InvalidComponent("The order number must be 001-999.")


def validate(number: str) -> str:
    """Check the number and return it compact, 15 characters; a 13-character number gets its key computed.

    Raises a :class:`stdnum.exceptions.ValidationError` subclass: ``InvalidFormat`` (characters),
    ``InvalidLength``, ``InvalidComponent`` (a field out of range) or ``InvalidChecksum`` (the key).

    >>> validate('2 84 05 88 321 025')
    '284058832102532'
    >>> validate('084058832102532')
    Traceback (most recent call last):
        ...
    stdnum.exceptions.InvalidComponent: The first digit must be 1 or 2 (or 3, 4, 7, 8 for a provisional number).
    """
    if not isinstance(number, str):
        raise InvalidFormat()
    number = compact(number)
    if len(number) not in (13, 15):
        raise InvalidLength()
    if not _SHAPE.fullmatch(number):
        raise InvalidFormat()
    _check_components(number)
    key = calc_check_digits(number)
    if len(number) == 13:
        return number + key
    if number[13:] != key:
        raise InvalidChecksum()
    return number


def is_valid(number: object) -> bool:
    """Whether the number is valid; never raises.

    >>> is_valid('1 84 05 2A 321 025 05'), is_valid('1 84 05 2A 321 025 06'), is_valid('')
    (True, False, False)
    """
    if not isinstance(number, str):
        return False
    try:
        return bool(validate(number))
    except ValidationError:
        return False


def format(number: str, separator: str = " ") -> str:
    """The usual printed grouping ``s yy mm dd ccc ooo kk`` (overseas: ``s yy mm ddd cc ooo kk``).

    >>> format('2840588321025')
    '2 84 05 88 321 025'
    """
    number = compact(number)
    cuts = (1, 3, 5, 8, 10) if number[5:7] in ("97", "98") else (1, 3, 5, 7, 10)
    bounds = (0, *cuts, 13, 15) if len(number) > 13 else (0, *cuts, 13)
    return separator.join(number[a:b] for a, b in itertools.pairwise(bounds) if number[a:b])


def parse(number: str) -> NirParts:
    """Decode a valid number into its parts; raises like :func:`validate`.

    >>> p = parse('1 85 12 99 109 045 77')
    >>> p.sex, p.place_kind, p.country_code, p.commune, p.provisional
    ('M', 'abroad', '109', None, False)
    >>> p = parse('8 91 07 971 21 003')
    >>> p.provisional, p.sex, p.department, p.commune, p.key_missing
    (True, 'F', '971', '21', True)
    """
    key_missing = len(compact(number)) == 13 if isinstance(number, str) else False
    full = validate(number)
    dept = full[5:7]
    country: str | None = None
    commune: str | None
    if dept in ("97", "98"):
        kind: Literal["department", "overseas", "abroad"] = "overseas"
        dept, commune = full[5:8], full[8:10]
    elif dept == "99":
        kind, country, commune = "abroad", full[7:10], None
    else:
        kind, commune = "department", full[7:10]
    month = full[3:5]
    return NirParts(
        number=full,
        sex="M" if full[0] in "137" else "F",
        provisional=full[0] in PROVISIONAL_DIGITS,
        year=full[1:3],
        month=month if 1 <= int(month) <= 12 else "unknown",
        place_kind=kind,
        department=dept,
        country_code=country,
        commune=commune,
        order=full[10:13],
        key=full[13:],
        key_missing=key_missing,
        specimen=full == SPECIMEN,
    )


def mask(number: str) -> str:
    """Hide a number for logs: only the sex digit and the key stay visible.

    >>> mask('284058832102532')
    '2 ** ** ** *** *** 32'
    """
    number = compact(number)
    if len(number) < 13:
        return "*" * len(number)
    return format(number[0] + "*" * 12 + number[13:])
