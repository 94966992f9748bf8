"""The documents a letter asks for, named in a small vocabulary (:class:`DocumentKind`) with English and French labels.

Only what the letter *asks for* counts, never a document it merely mentions ("votre carte Vitale", "présentez une
pièce d'identité", "nous avons bien reçu votre passeport"). A document is asked for when it is

* an item of a list introduced by a request ("veuillez nous adresser les pièces suivantes :", "nous avons besoin des
  documents suivants :", "les documents cochés ci-dessous :"), or, in a letter about documents, of a list after a
  colon whose items name documents; with check boxes, only the checked items ("☒", "[X]", "X " at the start);
* a row with a "missing" status ("Passeport  Manquant", "Titre de séjour  Non conforme"), not one with "Reçu";
* named in a sentence that asks for it ("merci de nous adresser un RIB à votre nom").

A carte Vitale form asks for nothing here (its photo and ID copy are the form's own steps); a letter of type
"other", or of unknown type, only through an explicit request. Each list item gives the documents it names (a
translation *of* a birth certificate is a translation only), or ``other`` with the item's text. Phrases are matched
on accent-free lowercase text, fuzzily for the longer ones (:mod:`cpam_reader.letter.phrases`).
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Mapping, Sequence

import regex

from cpam_reader.base.facts import DocumentKind, RequestedDocument
from cpam_reader.base.result import LetterType
from cpam_reader.base.text import TextLine, text_rows
from cpam_reader.letter.phrases import DOCUMENT_ERRORS, normalise, search_phrase

K = DocumentKind


PHRASES: Mapping[DocumentKind, tuple[str, ...]] = {
    K.SWORN_TRANSLATION: (
        "traduction",
        "traductions",
        "traduit",
        "traduite",
        "traducteur",
        "assermente",
        "assermentee",
    ),
    K.APOSTILLE: ("apostille", "apostillee", "legalisation", "legalise", "legalisee"),
    K.BIRTH_CERTIFICATE: (
        "acte de naissance",
        "actes de naissance",
        "extrait de naissance",
        "copie integrale",
        "filiation",
        "acte d'etat civil",
        "document d'etat civil",
    ),
    K.PASSPORT: ("passeport", "passeports"),
    K.RESIDENCE_PERMIT: (
        "titre de sejour",
        "carte de sejour",
        "carte de resident",
        "recepisse",
        "vls-ts",
        "visa long sejour",
        "autorisation provisoire de sejour",
    ),
    K.S1_FORM: ("formulaire s1", "s1"),
    K.RIB: ("rib", "iban", "releve d'identite bancaire", "coordonnees bancaires"),
    K.PROOF_OF_ADDRESS: (
        "justificatif de domicile",
        "justificatif d'adresse",
        "justificatif de residence",
        "attestation de domicile",
        "attestation d'hebergement",
        "quittance de loyer",
    ),
    K.EMPLOYMENT_CONTRACT: ("contrat de travail", "promesse d'embauche"),
    K.PAYSLIPS: (
        "bulletins de salaire",
        "bulletin de salaire",
        "bulletins de paie",
        "bulletin de paie",
        "fiches de paie",
        "fiche de paie",
        "fiches de paye",
        "bulletins de paye",
    ),
    K.EMPLOYER_CERTIFICATE: (
        "attestation employeur",
        "attestation de l'employeur",
        "attestation de votre employeur",
        "attestation d'emploi",
        "certificat de travail",
        "attestation de travail",
    ),
    K.SCHOOL_CERTIFICATE: ("certificat de scolarite", "attestation de scolarite", "certificat d'inscription"),
}
"""The accent-free lowercase phrases that name each kind; the longer ones match with an error or two."""

REQUESTS = (
    "veuillez nous adresser",
    "veuillez nous transmettre",
    "veuillez nous faire parvenir",
    "veuillez nous retourner",
    "veuillez nous envoyer",
    "veuillez fournir",
    "veuillez joindre",
    "merci de nous adresser",
    "merci de nous transmettre",
    "merci de nous faire parvenir",
    "merci de nous retourner",
    "merci de nous envoyer",
    "merci de fournir",
    "merci de joindre",
    "nous faire parvenir",
    "nous adresser",
    "nous transmettre",
    "nous envoyer",
    "nous retourner",
    "nous fournir",
    "nous communiquer",
    "nous produire",
    "pour produire",
    "pourriez-vous nous",
    "vous voudrez bien nous",
    "vous devez fournir",
    "vous devez produire",
    "veuillez produire",
    "merci de produire",
    "nous vous demandons de",
    "il vous appartient de",
    "adressez-nous",
    "envoyez-nous",
    "transmettez-nous",
    "retournez-nous",
    "faites-nous parvenir",
    "joignez",
    "objet : demande de",
    "objet : demande d'",
    "pieces suivantes",
    "documents suivants",
    "justificatifs suivants",
    "documents coches",
    "pieces cochees",
    "cases cochees",
    "pieces manquantes",
    "documents manquants",
    "pieces a fournir",
    "documents a fournir",
    "pieces a joindre",
    "nous avons besoin",
    "il nous manque",
    "il manque",
    "manquent",
    "n'avons pas recu",
    "n'avons pas encore recu",
)
"""Phrases that ask for documents (accent-free lowercase)."""

_NEGATED = regex.compile(r"(?:n'avez pas a|n'avez plus a|n'etes pas tenue? de|inutile de|pas besoin de|ne pas)\s*$")
"""Before a request, words that cancel it ("vous n'avez pas à nous adresser ...")."""
_LEADS_IN = regex.compile(r"(?::|suivante?s|ci-dessous|ci-apres|a fournir|a joindre|manquante?s|coche(?:e|s|es)?)\W*$")
"""How the words before a list without bullets end."""
_RECEIVED = regex.compile(
    r"(?<!pas )(?<!pas encore )(?<!jamais )\b(?:bien\s+)?(?:recue?s?|enregistree?s?)\b|\ben notre possession\b"
    r"|\bdeja\s+(?:fournie?s?|transmise?s?)\b"
)
"""Words saying that documents were received: a list they introduce is not a request."""
_STATUS = regex.compile(
    r"(?:^|\s)(?:(?P<missing>(?:manquante?s?){e<=1}|non\s+conformes?|non\s+recue?s?|a\s+fournir|a\s+completer"
    r"|a\s+transmettre|a\s+renvoyer|absente?s?|illisibles?|incomplete?s?|expiree?s?|perimee?s?|a\s+regulariser)"
    r"|(?:recue?s?|conformes?|fournie?s?|ok))\W*$"
)
"""A status at the end of a row: "missing" (named group) or "received"."""
_CHECKED = regex.compile(
    r"^\s*(?:[\[\(\|{lI1]{0,2}\s*[xX×✗✘✓✔]\s*[\]\)\|}lIJ1]{1,2}|[\[\(\|{]\s*[xX×✗✘✓✔]|[☒☑✓✔✗✘■]"
    r"|[xX](?=\s+\p{Lu})|[\[{]\p{L}{1,2}[\]\)\|}]?(?=\s+\p{Lu}))\s*"
)
"""A checked box at the start of a row, as printed or as OCR reads it ("[X]", "IX]", "{X]", "☒", "X Passeport"; a
fax's "[KT" or "[Nt": a bracket, a mark read as one or two letters, then a capital)."""
_UNCHECKED = regex.compile(r"^\s*(?:[\[\(\|{]{1,2}[\s_]*[\]\)\|}]{1,2}|[☐□❏❑])\s*")
_BULLET = regex.compile(r"^\s*(?:[-–—•·*▪►➢>+°«».,]{1,2}|\d{1,2}[.)]|[a-h]\)|[oe](?=\s+\p{Ll}))\s+")
"""A list item's bullet, also as a fax prints it: "." or "-+" for a dot."""
_SENTENCE_END = regex.compile(r"(?<=[.!?])\s+")
_SUBJECT = regex.compile(r"^\W{0,3}(?:objet|obj){e<=1}\s*:", regex.IGNORECASE)


@functools.cache
def _longest_first(phrases: tuple[str, ...]) -> tuple[str, ...]:
    """Where two phrases match at one place, the longer is the document named ("acte de naissance integral")."""
    return tuple(sorted(phrases, key=len, reverse=True))


def mentions(normal: str) -> list[tuple[int, DocumentKind]]:
    """Where each kind is named in accent-free lowercase text, in order (one position per kind).

    >>> [(at, str(kind)) for at, kind in mentions("traduction de votre acte de naissance par un traducteur")]
    [(0, 'sworn_translation'), (20, 'birth_certificate')]
    >>> [str(kind) for _, kind in mentions("copie de votre passport et un rlb")], mentions("formulaire s1106")
    (['passport'], [])
    """
    found = []
    for kind, phrases in PHRASES.items():
        match = search_phrase(_longest_first(phrases), normal, DOCUMENT_ERRORS)
        if match:
            found.append((match.start(), kind))
    return sorted(found)


def kinds_named(normal: str) -> list[DocumentKind]:
    """The kinds one item names: a birth certificate named after a translation or apostille is its object.

    >>> [str(k) for k in kinds_named("traduction de votre acte de naissance par un traducteur assermente")]
    ['sworn_translation']
    >>> [str(k) for k in kinds_named("acte de naissance integral et sa traduction")]
    ['birth_certificate', 'sworn_translation']
    >>> [str(k) for k in kinds_named("passeport ou titre de sejour")]
    ['passport', 'residence_permit']
    """
    found = mentions(normal)
    first_of = {kind: at for at, kind in found}
    about = min((first_of[k] for k in (K.SWORN_TRANSLATION, K.APOSTILLE) if k in first_of), default=len(normal))
    return [kind for at, kind in found if not (kind is K.BIRTH_CERTIFICATE and at > about)]


def _requests(normal: str) -> regex.Match[str] | None:
    return search_phrase(_longest_first(REQUESTS), normal, DOCUMENT_ERRORS)


@dataclasses.dataclass
class _Item:
    """A list item: its marker ("bullet", "checked", "unchecked" or "" for a plain row) and its text."""

    row: int
    marker: str
    text: str


def _marker(row: str) -> tuple[str, str]:
    for name, pattern in (("checked", _CHECKED), ("unchecked", _UNCHECKED), ("bullet", _BULLET)):
        match = pattern.match(row)
        if match and match.end() < len(row):
            return name, row[match.end() :]
    return "", row


def _continues(item: _Item, row: str) -> bool:
    """Whether ``row`` carries on the item above (a wrapped line: lowercase start, no full stop before it)."""
    return bool(regex.match(r"[\p{Ll}(]", row)) and not item.text.rstrip().endswith((";", ".", ":"))


def _found(item: _Item, strict_other: bool) -> list[tuple[int, RequestedDocument]]:
    kinds = kinds_named(normalise(item.text))
    if not kinds:
        return [] if strict_other else [(item.row, RequestedDocument(K.OTHER, item.text.strip(" ;.")))]
    return [(item.row, RequestedDocument(kind, item.text.strip(" ;."))) for kind in kinds]


class _Reader:
    """One pass over the rows: lists with their introductions, status rows, then requests in sentences."""

    def __init__(self, rows: list[str], explicit_only: bool) -> None:
        self.rows = rows
        self.explicit_only = explicit_only
        self.found: list[tuple[int, RequestedDocument]] = []
        self.used: set[int] = set()
        """Rows already read as list items or status rows."""

    def intro(self, start: int, stop: int) -> str:
        """The last sentence of the (at most 3) rows before row ``stop``, from row ``start`` on."""
        text = " ".join(self.rows[max(start, stop - 3) : stop])
        return normalise(_SENTENCE_END.split(text)[-1]) if text else ""

    def lists(self) -> None:
        items: list[_Item] = []
        first = after = 0
        for i, row in enumerate([*self.rows, ""]):
            marker, body = _marker(row) if row else ("", "")
            if row and self.status_row(i, row):
                marker = "status"
            if row and marker and marker != "status":
                first = i if not items else first
                items.append(_Item(i, marker, body))
            elif row and not marker and items and _continues(items[-1], row):
                items[-1].text += " " + row
            elif row and not marker and self.plain(items, i, after):
                first = i if not items else first
                items.append(_Item(i, "", row))
            elif items:
                self.close(items, first, i, after)
                items, after = [], i

    def plain(self, items: list[_Item], i: int, after: int) -> bool:
        """Whether row ``i``, naming a document, goes on a list without bullets or starts one after a request."""
        if items and items[-1].marker:
            return False
        if not items:
            # After a request, or after a colon in a letter about documents (a first bullet OCR did not see).
            intro = self.intro(after, i)
            if not _LEADS_IN.search(intro) or not (
                _requests(intro) or (intro.endswith(":") and not self.explicit_only)
            ):
                return False
        return bool(kinds_named(normalise(self.rows[i])))

    def close(self, items: list[_Item], first: int, stop: int, after: int) -> None:
        """Take a finished list (rows ``first`` to ``stop``) if its introduction, or its check boxes, ask."""
        self.used.update(range(first, stop))
        intro = self.intro(after, first)
        if not items or _RECEIVED.search(intro):
            return
        explicit = bool(_requests(intro))
        boxes = any(item.marker in ("checked", "unchecked") for item in items)
        naming = [bool(kinds_named(normalise(item.text))) for item in items]
        # A bulleted list of nothing but documents asks for them even when a scan lost the colon before it.
        bulleted = all(naming) and all(item.marker == "bullet" for item in items)
        if not explicit and (self.explicit_only or not (boxes or bulleted or (any(naming) and intro.endswith(":")))):
            return
        for item in items:
            if not boxes or item.marker == "checked":
                self.found += _found(item, strict_other=not explicit)

    def status_row(self, i: int, row: str) -> bool:
        """Whether the row names documents then a status (table rows); the "missing" ones are taken."""
        normal = normalise(row)
        status = _STATUS.search(normal)
        if not status:
            return False
        named = [kind for at, kind in mentions(normal) if at < status.start()]
        if not named:
            return False
        self.used.add(i)
        if status.group("missing"):
            self.found += [(i, RequestedDocument(kind, row)) for kind in kinds_named(normal[: status.start()])]
        return True

    def sentences(self) -> None:
        """Documents named in a sentence that asks for them, outside the lists ("merci de nous adresser un RIB").

        Anywhere in the sentence ("le RIB est à nous retourner"), unless it first says what was received: then only
        after the request.
        """
        for sentence, row in self.sentence_rows():
            normal = normalise(sentence)
            request = _requests(normal)
            if request and not _NEGATED.search(normal[: request.start()]):
                before = normal[: request.start()]
                named = kinds_named(normal[request.end() :] if _RECEIVED.search(before) else normal)
                self.found += [(row, RequestedDocument(kind, sentence)) for kind in named]

    def sentence_rows(self) -> list[tuple[str, int]]:
        """The sentences outside the lists, each with the row it starts on.

        A row ending with a colon, the subject line and a list end a sentence too.
        """
        sentences: list[tuple[str, int]] = []
        current: list[str] = []
        first = 0
        for i, row in enumerate([*self.rows, ""]):
            subject = bool(_SUBJECT.match(row))
            if (i in self.used or not row or subject) and current:
                sentences.append((" ".join(current), first))
                current = []
            if i in self.used or not row:
                continue
            for n, piece in enumerate(_SENTENCE_END.split(row)):
                if n and current:
                    sentences.append((" ".join(current), first))
                    current = []
                first = i if not current else first
                current.append(piece)
            if (row.endswith(":") or subject) and current:
                sentences.append((" ".join(current), first))
                current = []
        return sentences


def requested_documents(
    text: Sequence[TextLine] | str, letter_type: LetterType | str | None
) -> list[RequestedDocument]:
    """The documents the letter asks for, in the order it names them, each kind once (``other`` once per text).

    >>> letter = '''Veuillez nous adresser les pièces suivantes :
    ... - traduction de votre acte de naissance par un traducteur
    ... assermenté ;
    ... - relevé d'identité bancaire (RIB).
    ... Nous restons à votre disposition.'''
    >>> [d.kind.value for d in requested_documents(letter, "documents_request")]
    ['sworn_translation', 'rib']
    >>> ticked = "Veuillez nous adresser les documents cochés :\\n[X] Passeport\\n[ ] Contrat de travail\\n☒ RIB"
    >>> [d.kind.value for d in requested_documents(ticked, "documents_request")]
    ['passport', 'rib']
    >>> requested_documents("Joignez la photocopie de votre passeport.", "carte_vitale_form")
    []
    """
    if letter_type == LetterType.CARTE_VITALE_FORM:
        return []
    reader = _Reader(text_rows(text), explicit_only=letter_type in (None, LetterType.OTHER))
    reader.lists()
    reader.sentences()
    documents: list[RequestedDocument] = []
    for _, document in sorted(reader.found, key=lambda pair: pair[0]):
        if document.kind is K.OTHER:
            if all(d.raw != document.raw for d in documents):
                documents.append(document)
        elif all(d.kind is not document.kind for d in documents):
            documents.append(document)
    return documents
