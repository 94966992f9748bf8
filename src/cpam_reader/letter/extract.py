"""Beyond the number: what a letter asks for, by when, who sent it and under which reference.

:func:`extract` reads the letter's rows (PDF text layer or OCR, see :mod:`cpam_reader.base.text`) into one
:class:`Extraction`: the documents asked for (:mod:`cpam_reader.letter.documents`), the letter's date and its deadline
(:mod:`cpam_reader.letter.dates`), the issuing caisse and the file reference, found here.

The caisse is named after "CPAM", "Caisse primaire d'assurance maladie", "CGSS" or "Caisse générale de sécurité
sociale" and a preposition ("CPAM du Rhône", "CPAM de l'Hérault", "CGSS de la Réunion"); a department's name is read
through OCR noise and given its usual spelling. The reference is the file number the letter asks to quote ("N° de
dossier : 2023/IMM/167329", "dossier n° IMM-2024-001234", "rappeler la référence ..."), else the letter's own ("Nos
réf. : RA-722934"), else the reader's ("Vos réf."); a value that is only a phone number, a postal code, a SIRET
or a social security number is never a reference.
"""

from __future__ import annotations

import collections
import functools
from collections.abc import Sequence

import regex

from cpam_reader.base.facts import Extraction
from cpam_reader.base.result import LetterType
from cpam_reader.base.text import TextLine, text_rows
from cpam_reader.letter.dates import Deadline, deadline, letter_date
from cpam_reader.letter.documents import requested_documents
from cpam_reader.letter.phrases import PLACE_ERRORS, normalise

_DEPARTMENT_NAMES = (
    "Ain, Aisne, Allier, Alpes-de-Haute-Provence, Hautes-Alpes, Alpes-Maritimes, Ardèche, Ardennes, Ariège, Aube, "
    "Aude, Aveyron, Bouches-du-Rhône, Calvados, Cantal, Charente, Charente-Maritime, Cher, Corrèze, Corse-du-Sud, "
    "Haute-Corse, Côte-d'Or, Côtes-d'Armor, Creuse, Dordogne, Doubs, Drôme, Eure, Eure-et-Loir, Finistère, Gard, "
    "Haute-Garonne, Gers, Gironde, Hérault, Ille-et-Vilaine, Indre, Indre-et-Loire, Isère, Jura, Landes, "
    "Loir-et-Cher, Loire, Haute-Loire, Loire-Atlantique, Loiret, Lot, Lot-et-Garonne, Lozère, Maine-et-Loire, "
    "Manche, Marne, Haute-Marne, Mayenne, Meurthe-et-Moselle, Meuse, Morbihan, Moselle, Nièvre, Nord, Oise, Orne, "
    "Pas-de-Calais, Puy-de-Dôme, Pyrénées-Atlantiques, Hautes-Pyrénées, Pyrénées-Orientales, Bas-Rhin, Haut-Rhin, "
    "Rhône, Haute-Saône, Saône-et-Loire, Sarthe, Savoie, Haute-Savoie, Paris, Seine-Maritime, Seine-et-Marne, "
    "Yvelines, Deux-Sèvres, Somme, Tarn, Tarn-et-Garonne, Var, Vaucluse, Vendée, Vienne, Haute-Vienne, Vosges, "
    "Yonne, Territoire de Belfort, Essonne, Hauts-de-Seine, Seine-Saint-Denis, Val-de-Marne, Val-d'Oise, "
    "Guadeloupe, Martinique, Guyane, Réunion, Mayotte, Lille-Douai, Roubaix-Tourcoing, Flandres, Hainaut, Artois, "
    "Côte d'Opale"
)
DEPARTMENTS = tuple(_DEPARTMENT_NAMES.split(", "))
"""Department names and the caisses named after a town or a region, in their usual spelling."""

_ISSUER = regex.compile(
    r"(?P<org>\bCPAM|\bC\.P\.A\.M\.|\bCGSS|(?i:\bcaisse\s+primaire\s+d['’]\s?assurance\s+maladie)"
    r"|(?i:\bcaisse\s+g[ée]n[ée]rale\s+de\s+s[ée]curit[ée]\s+sociale))"
    r"\s+(?P<prep>(?i:de\s+la|de\s+l['’]|des|du|de|d['’]))\s*(?=\S)"
)
_NAME = regex.compile(r"\p{Lu}[\p{L}'’-]*(?:\s(?:\p{Lu}[\p{L}'’-]*|sur|en|et))*")
_NOT_NAME = {"M.", "Mme", "Madame", "Monsieur", "Service", "Pôle", "CS", "BP", "Tél", "Tél.", "Cedex", "Direction"}


@functools.cache
def _department_pattern(name: str) -> tuple[regex.Pattern[str], collections.Counter[str], int, int]:
    """A department's fuzzy pattern, its letters, how many errors it allows, and how long a match may be.

    Compiled the first time a letter may name it (:func:`_could_name`): a hundred fuzzy patterns cost more to
    compile than a text-layer letter costs to read.
    """
    folded = normalise(name)
    body = "".join(r"[-\s]?" if ch in "- " else r"['\s]?" if ch == "'" else regex.escape(ch) for ch in folded)
    errors = PLACE_ERRORS.errors(folded)
    pattern = regex.compile(rf"(?:{body}){{e<={errors}}}(?!\w)", regex.BESTMATCH)
    return pattern, collections.Counter(c for c in folded if c not in "- '"), errors, len(folded) + errors


def _could_name(letters: collections.Counter[str], errors: int, window: str) -> bool:
    """Whether ``window`` holds the name's letters but at most ``errors`` of them: else no match can be there.

    Each error of a match spoils at most one of the name's letters, so a match keeps all but ``errors`` of them.

    >>> rhone = collections.Counter("rhone")
    >>> _could_name(rhone, 0, "rhone service"), _could_name(rhone, 1, "rh0ne"), _could_name(rhone, 0, "loire")
    (True, True, False)
    """
    have = collections.Counter(window)
    return sum(max(0, count - have[c]) for c, count in letters.items()) <= errors


def _department(rest: str) -> tuple[str, int] | None:
    """The department named at the start of ``rest``, and how many characters of ``rest`` name it."""
    normal = normalise(rest)
    if len(normal) != len(rest):
        return None
    best: tuple[int, int, str, int] | None = None
    for name in DEPARTMENTS:
        pattern, letters, errors, longest = _department_pattern(name)
        if not _could_name(letters, errors, normal[:longest]):
            continue
        match = pattern.match(normal)
        if match:
            score = (sum(match.fuzzy_counts), -len(name), name, match.end())
            best = min(best, score) if best else score
    return (best[2], best[3]) if best else None


def caisse(text: Sequence[TextLine] | str) -> str | None:
    """The caisse that sent the letter, written "CPAM du Rhône" (the first one named).

    >>> caisse("l'Assurance Maladie - CPAM des Bouches-du-Rhône - Pôle Gestion des droits")
    'CPAM des Bouches-du-Rhône'
    >>> caisse("CPAM de la Glronde M. Lucas PETIT"), caisse("CAISSE PRIMAIRE D'ASSURANCE MALADIE DU RHONE")
    ('CPAM de la Gironde', 'CPAM du Rhône')
    >>> caisse("CGSS de la Réunion"), caisse("CPAM de Lyon, Service Relations Assurés"), caisse("votre CPAM")
    ('CGSS de la Réunion', 'CPAM de Lyon', None)
    """
    for row in text_rows(text):
        for issuer in _ISSUER.finditer(row):
            org = "CGSS" if regex.search(r"cgss|generale", normalise(issuer.group("org"))) else "CPAM"
            prep = " ".join(issuer.group("prep").lower().replace("’", "'").split())
            rest = row[issuer.end() :]
            known = _department(rest)
            name = known[0] if known else _free_name(rest)
            if name:
                return f"{org} {prep}{name}" if prep.endswith("'") else f"{org} {prep} {name}"
    return None


def _free_name(rest: str) -> str | None:
    """A place name not in :data:`DEPARTMENTS`: capitalised words, up to four, before any other part of the row."""
    match = _NAME.match(rest)
    if not match:
        return None
    words: list[str] = []
    for word in match.group().split():
        if word in _NOT_NAME or len(words) == 4:
            break
        words.append(word)
    while words and not words[-1][0].isupper():
        words.pop()
    return " ".join(words).rstrip(".'’-") or None


_LABELS = (
    regex.compile(
        r"(?:\bn\s?[°ºo*'’]\.?|\bnum[ée]ro|\bno\.?)\s*(?:d[eéè]\s+)?(?:dossier){e<=1}\b"
        r"|\b(?:dossier){e<=1}\s*(?:n\s?[°ºo*'’]\.?|num[ée]ro)"
        r"|\brappeler\s+(?:la\s+|votre\s+|notre\s+)?r[ée]f[ée]rence|\br[ée]f[ée]rence\s+[àa]\s+rappeler",
        regex.IGNORECASE,
    ),
    regex.compile(
        r"\b(?:nos|notre|n/)\s*r[ée]f(?:[ée]rences?)?\b\.?|(?<!vos\s)(?<!votre\s)\br[ée]f(?:[ée]rences?)?\b\.?",
        regex.IGNORECASE,
    ),
    regex.compile(r"\b(?:vos|votre|v/)\s*r[ée]f(?:[ée]rences?)?\b\.?", regex.IGNORECASE),
)
"""Labels of a reference, most useful first: the file number, the letter's reference, the reader's."""
_AFTER_LABEL = regex.compile(
    r"\s*(?:n\s?[°º]\.?)?\s*(?:[àa]\s+rappeler\s*)?(?:\(?dans\s+toute\s+correspondance\)?\s*)?(?:[^\w\s]\s*){0,2}",
    regex.IGNORECASE,
)
_TOKEN = regex.compile(r"[A-Z0-9][A-Za-z0-9/._-]*")


def _value(rest: str) -> str | None:
    """The reference at the start of ``rest``: uppercase letters and digits, "AFF 2024 001234" in three words."""
    words: list[str] = []
    for word in rest.split():
        token = _TOKEN.fullmatch(word.rstrip(".,;)"))
        if not token or (words and not (words[-1].isalpha() or regex.fullmatch(r"(?:19|20)\d\d", words[-1]))):
            break
        if words and words[-1].isalpha() and token.group().isalpha():
            break
        words.append(_repair(token.group()))
        if word != token.group():
            break
    value = " ".join(words).rstrip("./-")
    return value if _plausible(value) else None


def _repair(word: str) -> str:
    """OCR's letter-digit confusions inside a reference: "2023/1MM/37623" is "2023/IMM/37623".

    >>> _repair("2023/1MM/37623"), _repair("IMM-2O24-00l234"), _repair("D20230118866")
    ('2023/IMM/37623', 'IMM-2024-001234', 'D20230118866')
    """
    parts = regex.split(r"([/._-])", word)
    for i, part in enumerate(parts):
        letters, digits = sum(c.isalpha() for c in part), sum(c.isdigit() for c in part)
        if letters >= 2 and digits == 1 and len(part) <= 5:
            parts[i] = part.translate(str.maketrans("10582", "IOSBZ"))
        elif digits >= 2 and letters <= 2:
            head = part[0] if part[0].isalpha() and part[1:2].isdigit() and part[0] not in "OolI" else ""
            parts[i] = head + part[len(head) :].translate(str.maketrans("OolI|SB", "0011158"))
    return "".join(parts)


def _plausible(value: str) -> bool:
    """A reference has digits, and is not only a phone number, a postal code, a SIRET or a social security number.

    >>> [_plausible(v) for v in ("IMM-2024-001234", "AFF 2024 001234", "36 46", "75011", "0811363646")]
    [True, True, False, False, False]
    >>> [_plausible(v) for v in ("362 521 879 00034", "1 85 05 78 006 084 36", "MARTIN")]
    [False, False, False]
    """
    digits = regex.sub(r"\D", "", value)
    if len(digits) < 4:
        return False
    if regex.fullmatch(r"[\d\s.]+", value):
        return len(digits) >= 6 and len(digits) not in (13, 14, 15) and not (len(digits) == 10 and digits[0] == "0")
    return True


def reference(text: Sequence[TextLine] | str) -> str | None:
    """The file reference to quote in an answer (see the module's docstring for which one).

    >>> reference("Nos réf. : 2023/IMM/37623\\nN° de dossier : IMM-2023-228989")
    'IMM-2023-228989'
    >>> reference("Lyon, le 3 mai 2023 - Nos réf. : PFS/2023/534236\\nDossier suivi par : M. Garnier")
    'PFS/2023/534236'
    >>> reference("Merci de rappeler la référence D20240001234 sur vos envois."), reference("Réf. : 36 46")
    ('D20240001234', None)
    >>> reference("| Nos réf. | 2023/IMM/33398 |\\n| N° dé dossier | D20230670975 |"), reference("Nos réf, : PFS/2421")
    ('D20230670975', 'PFS/2421')
    """
    rows = text_rows(text)
    for label in _LABELS:
        for row in rows:
            for match in label.finditer(row):
                after = _AFTER_LABEL.match(row, match.end())
                value = _value(row[after.end() if after else match.end() :])
                if value:
                    return value
    return None


def extract(lines: Sequence[TextLine], letter_type: LetterType | None) -> Extraction:
    """Everything beyond the number, from a letter's rows and its type (which decides what counts as asked for)."""
    written = letter_date(lines)
    due: Deadline | None = deadline(lines, written)
    return Extraction(
        documents=tuple(requested_documents(lines, letter_type)),
        letter_date=written,
        deadline=due.date if due else None,
        deadline_text=due.text if due else None,
        caisse=caisse(lines),
        reference=reference(lines),
    )
