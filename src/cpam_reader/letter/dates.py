"""Dates in a letter: the day it was written, and the deadline it gives for an answer.

The letter's date sits in its head, in a few set forms ("Lyon, le 12 mars 2025", "Le 12/03/2025", "Date : 12 mars
2025", "Fait à Lyon, le ..."); dates in sentences ("Le 3 mars, nous vous avons adressé ...", "né le ...", "Date
d'effet : ...") are not the letter's. The deadline is either a day ("avant le 15 avril 2025", "au plus tard le
15/04/2025") or a delay ("dans un délai de 3 mois", "sous 30 jours", "dans les 15 jours") counted from the letter's
date, in calendar months (31 January + 1 month = 28 or 29 February); a delay "à compter de la réception" of the
letter is counted from its date too, the earliest day it can mean. A delay belongs to the reader only in a
sentence that asks them to act (send, return, produce ...), never in one about the caisse's own delays ("votre
carte vous parviendra dans un délai de 3 semaines") or about appeals ("vous pouvez saisir la commission de recours
amiable dans un délai de deux mois").

Text is matched accent-free and lowercase (:func:`cpam_reader.letter.classify.normalise`); month names are read
through OCR noise ("12 rnars 2025").
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import functools
import itertools
from collections.abc import Sequence

import regex

from cpam_reader.base.text import TextLine, text_rows
from cpam_reader.letter.phrases import MONTH_ERRORS, normalise

MONTHS = (
    "janvier",
    "fevrier",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "aout",
    "septembre",
    "octobre",
    "novembre",
    "decembre",
)
NUMBER_WORDS = {
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "quinze": 15,
    "vingt": 20,
    "trente": 30,
    "quarante-cinq": 45,
    "soixante": 60,
    "quatre-vingt-dix": 90,
}
_DAY = r"(?:[0-3]?\d|[1il]\s?er|1re|1°)"
_WORD_DATE = rf"(?P<day>{_DAY})\s*(?P<month>[a-z]{{3,10}}\.?)\s*(?P<year>(?:19|20)\d\d)(?!\d)"
_NUMERIC_DATE = r"(?P<d>[0-3]?\d)\s?[/.-]\s?(?P<m>[01]?\d)\s?[/.-]\s?(?P<y>(?:19|20)\d\d|\d\d)(?![\d/])"
DATE = regex.compile(rf"(?<![\d/.])(?:{_WORD_DATE}|{_NUMERIC_DATE})")
_CITY = r"\p{Lu}[\p{L}'’.-]*(?:\s\p{Lu}[\p{L}'’.-]*){0,3}"
_HEAD_DATE = (
    # OCR reads "le" as "1e" or "Ie", "Fait à" as "Fait. à", the colon after "Date" as "|" and "Date" as "pate".
    regex.compile(rf"^\W{{0,2}}(?:(?i:fait\W?\s+[àa])\s+{_CITY}\s*,?\s+|{_CITY}\s*,\s*)?(?i:[l1I]e)\s+"),
    regex.compile(
        r"^\W{0,2}(?i:[dp]ate)(?:\s+(?i:du\s+courrier|de\s+la\s+lettre|d'envoi|d['’][ée]dition"
        r"|d['’][ée]mission))?\s*[:|;.]?\s*"
    ),
    regex.compile(rf"^\W{{0,2}}{_CITY}\s*,\s*(?=\d)"),
    regex.compile(r"^\W{0,2}(?i:courrier|lettre)\s+(?i:du)\s+"),
)
_ISSUED = regex.compile(r"(?i:d[ée]livr[ée]e?|[ée]dit[ée]e?|[ée]tablie?|[ée]mise?)\s+(?i:le)\s+")
_NOT_HEAD = regex.compile(r"^\s*,?\s*\p{Ll}")
"""After a date, a lowercase word: the date begins a sentence ("Le 3 mars, nous vous avons adressé ...")."""

_AMOUNT = r"(?P<n>\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")(?:\s*\(\d{1,3}\))?"
_UNIT = r"(?P<unit>jours?|semaines?|mois|ans?)(?:\s+(?:calendaires|ouvres|francs))?"
_RELATIVE = regex.compile(
    r"\b(?:(?:(?:(?:dans|sous)\s+un\s+|d'un\s+|un\s+)?delai\s+"
    r"(?:maximum\s+|maximal\s+|de\s+(?:reponse|retour)\s*:\s*)?(?:de\s+|d'|)"
    rf"|(?:sous|dans\s+les|dans|disposez\s+de|avez(?=\s+\S+\s+(?:jours?|semaines?|mois)\s+pour\b))\s+)"
    rf"{_AMOUNT}\s+{_UNIT}\b"
    r"|\b(?:sous|dans\s+la)\s+(?P<fortnight>quinzaine|huitaine)\b)"
    r"(?:\s+(?:a\s+compter|a\s+partir)\s+d[eu]\s+[^.,;:]{0,60})?"
)
_ABSOLUTE = regex.compile(
    r"\b(?:avant\s+le|au\s+plus\s+tard\s+le|jusqu'au|d'ici\s+le|d'ici\s+au|avant\s+la\s+date\s+du"
    r"|date\s+limite(?:\s+de\s+\w+)?\s*:?\s*(?:le\s+|au\s+)?)\s*(?=\d|[1il]\s?er)"
)
_AT_THE_LATEST = regex.compile(r"\s*,?\s*au\s+plus\s+tard\b")
_YEARLESS = regex.compile(
    rf"(?:(?P<day>{_DAY})\s*(?P<month>[a-z]{{3,10}}\.?)|(?P<d>[0-3]?\d)\s?/\s?(?P<m>[01]?\d))(?!\s*[/.-]?\s*\d)"
)
"""A day without its year ("avant le 15 avril"): the next such day after the letter's date."""
_ACT = regex.compile(
    r"\b(?:adress|transmet|parvenir|retourn|renvo|produi|fourni|envoy|depos|joind|complet|disposez|repond"
    r"|reponse|retour|communiqu|date\s+limite)"
)
_NOT_YOURS = regex.compile(
    r"\b(?:recours|contest|commission|reclamation|mediat|parviendr|recevr|vous\s+sera\s+(?:adresse|envoye|delivre)"
    r"|sera\s+traite|traitement\s+de\s+votre|valable)"
)
_SENTENCE_END = regex.compile(r"(?<=[.!?])\s+(?=\p{Lu})")


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, the last day of the month when that month is shorter.

    >>> add_months(dt.date(2025, 1, 31), 1), add_months(dt.date(2024, 1, 31), 1), add_months(dt.date(2024, 11, 15), 3)
    (datetime.date(2025, 2, 28), datetime.date(2024, 2, 29), datetime.date(2025, 2, 15))
    """
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


@functools.cache
def _month_patterns() -> tuple[regex.Pattern[str], ...]:
    return tuple(regex.compile(rf"(?:{name}){{e<={MONTH_ERRORS.errors(name)}}}", regex.BESTMATCH) for name in MONTHS)


def month_number(word: str) -> int | None:
    """The month a French month name means (accent-free lowercase), abbreviated or misread by OCR; None if unsure.

    >>> [month_number(w) for w in ("mars", "rnars", "fevr.", "sept", "decernbre", "jui", "mardi")]
    [3, 3, 2, 9, 12, None, None]
    """
    word = word.rstrip(".")
    for form in dict.fromkeys((word, word.replace("rn", "m"))):
        if form in MONTHS:
            return MONTHS.index(form) + 1
        prefixed = [i for i, name in enumerate(MONTHS) if len(form) >= 3 and name.startswith(form)]
        if len(prefixed) == 1:
            return prefixed[0] + 1
        if len(prefixed) > 1:
            return None
    scored = []
    for i, pattern in enumerate(_month_patterns()):
        match = pattern.fullmatch(word.replace("rn", "m"))
        if match:
            scored.append((sum(match.fuzzy_counts), i))
    scored.sort()
    if scored and (len(scored) == 1 or scored[0][0] < scored[1][0]):
        return scored[0][1] + 1
    return None


def _date_of(match: regex.Match[str]) -> dt.date | None:
    """The calendar day a :data:`DATE` match names, None when it names none (31/02, month unknown)."""
    try:
        if match.group("year"):
            month = month_number(match.group("month"))
            day = match.group("day")
            number = 1 if not day[0].isdigit() or day.endswith(("er", "re", "°")) else int(day)
            return dt.date(int(match.group("year")), month, number) if month else None
        year = int(match.group("y"))
        return dt.date(year + 2000 if year < 100 else year, int(match.group("m")), int(match.group("d")))
    except ValueError:
        return None


def parse_date(text: str) -> dt.date | None:
    """The first date written in ``text`` ("12 mars 2025", "1er mars 2025", "12/03/2025", "12 rnars 2025").

    >>> parse_date("Lyon, le 1er août 2025"), parse_date("au 15/04/25."), parse_date("le 31/02/2025")
    (datetime.date(2025, 8, 1), datetime.date(2025, 4, 15), None)
    >>> parse_date("12 rnars 2025"), parse_date("Date : ___/___/2024")
    (datetime.date(2025, 3, 12), None)
    """
    for match in DATE.finditer(normalise(text)):
        day = _date_of(match)
        if day:
            return day
    return None


def _date_at(row: str, start: int) -> dt.date | None:
    """The date that starts at ``start`` in ``row``, unless a sentence goes on after it."""
    match = DATE.match(normalise(row[start:]))
    if not match or _NOT_HEAD.match(row[start + match.end() :]):
        return None
    return _date_of(match)


def letter_date(text: Sequence[TextLine] | str) -> dt.date | None:
    """The date the letter was written, from its head ("Lyon, le ...", "Le ...", "Date : ..."), else "délivrée le".

    >>> letter_date("CPAM de Paris\\nFait à Paris, le 19 septembre 2023\\nLe 2 mai 2023, nous vous avons écrit.")
    datetime.date(2023, 9, 19)
    >>> letter_date("Le 2 mai 2023, nous vous avons écrit.\\nAttestation délivrée le 03/05/2024")
    datetime.date(2024, 5, 3)
    >>> letter_date("Date d'effet : 12 mars 2025\\nNé le 01/02/1990"), letter_date("Date  12/03/2025")
    (None, datetime.date(2025, 3, 12))
    >>> [letter_date(row) for row in ("Date | 8 juin 2023", "Marseille, 1e 15 septembre 2024", "pate 2 mai 2023.")]
    [datetime.date(2023, 6, 8), datetime.date(2024, 9, 15), datetime.date(2023, 5, 2)]
    >>> letter_date("Fait à Strasbourg, le 25 février\\n2024\\nObjet : votre carte Vitale")
    datetime.date(2024, 2, 25)
    """
    rows = text_rows(text)
    for row, below in itertools.pairwise([*rows, ""]):
        for pattern in _HEAD_DATE:
            head = pattern.match(row)
            if not head:
                continue
            # The year may have gone to the next row ("Fait à Lyon, le 25 février" over "2024").
            day = _date_at(row, head.end()) or _date_at(f"{row} {below}", head.end())
            if day:
                return day
    for row in rows:
        for issued in _ISSUED.finditer(row):
            day = _date_at(row, issued.end())
            if day:
                return day
    return None


@dataclasses.dataclass(frozen=True)
class Deadline:
    """The time the letter gives to answer: as written, and as a calendar day when it can be told."""

    text: str
    """The phrase as printed ("dans un délai de 3 mois", "avant le 15 avril 2025")."""
    date: dt.date | None
    """The last day; None for a delay when the letter's date is unknown."""


def _sentences(rows: list[str]) -> list[str]:
    return [s for s in _SENTENCE_END.split(" ".join(rows)) if s]


def _delay_end(match: regex.Match[str], start: dt.date) -> dt.date:
    if match.group("fortnight"):
        return start + dt.timedelta(days=15 if match.group("fortnight") == "quinzaine" else 8)
    amount = match.group("n")
    count = int(amount) if amount.isdigit() else NUMBER_WORDS[amount]
    unit = match.group("unit")
    if unit == "mois":
        return add_months(start, count)
    if unit.startswith("an"):
        return add_months(start, 12 * count)
    return start + dt.timedelta(days=count * (7 if unit.startswith("semaine") else 1))


def _next_day(match: regex.Match[str], written: dt.date | None) -> dt.date | None:
    """The day a :data:`_YEARLESS` match names: the first such day from the letter's date on."""
    month = month_number(match.group("month")) if match.group("month") else int(match.group("m"))
    day = match.group("day") or match.group("d")
    number = 1 if not day[0].isdigit() or day.endswith(("er", "re", "°")) else int(day)
    if not written or not month:
        return None
    for year in (written.year, written.year + 1):
        try:
            if (candidate := dt.date(year, month, number)) >= written:
                return candidate
        except ValueError:
            return None
    return None


def deadline(text: Sequence[TextLine] | str, written: dt.date | None) -> Deadline | None:
    """The first deadline set for the reader, resolved against the letter's date ``written``.

    >>> deadline("Veuillez nous adresser dans un délai de 3 mois les pièces suivantes :", dt.date(2024, 11, 30))
    Deadline(text='dans un délai de 3 mois', date=datetime.date(2025, 2, 28))
    >>> deadline("Retournez-les sous 30 jours.", None)
    Deadline(text='sous 30 jours', date=None)
    >>> deadline("Merci de nous les transmettre au plus tard le 15/04/2025.", None).date
    datetime.date(2025, 4, 15)
    >>> deadline("Votre carte vous parviendra dans un délai de 3 semaines.", dt.date(2024, 1, 1)) is None
    True
    """
    for sentence in _sentences(text_rows(text)):
        normal = normalise(sentence)
        if not _ACT.search(normal) or _NOT_YOURS.search(normal):
            continue
        printed = sentence if len(sentence) == len(normal) else normal  # same offsets unless a ligature was split
        found: list[tuple[int, Deadline]] = []
        for relative in _RELATIVE.finditer(normal):
            end = _delay_end(relative, written) if written else None
            found.append((relative.start(), Deadline(printed[relative.start() : relative.end()].rstrip(), end)))
        for absolute in _ABSOLUTE.finditer(normal):
            date = DATE.match(normal, absolute.end())
            day = _date_of(date) if date else None
            if date and day:
                found.append((absolute.start(), Deadline(printed[absolute.start() : date.end()], day)))
            elif yearless := _YEARLESS.match(normal, absolute.end()):
                day = _next_day(yearless, written)
                raw = printed[absolute.start() : yearless.end()].rstrip(". ")
                found.append((absolute.start(), Deadline(raw, day)))
        for date in DATE.finditer(normal):
            latest = _AT_THE_LATEST.match(normal, date.end())
            day = _date_of(date)
            if latest and day:
                found.append((date.start(), Deadline(printed[date.start() : latest.end()], day)))
        if found:
            return min(found, key=lambda pair: pair[0])[1]
    return None
