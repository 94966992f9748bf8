"""The result types: one per document, serialised in one place (``LetterResult.to_dict``).

The CLI, the web service and the workers all emit ``to_dict()``; CSV and table views are flattened from it
(:mod:`cpam_reader.interfaces.output`), so a field means the same thing everywhere.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Callable, Mapping
from typing import Any

from cpam_reader.base.errors import CpamReaderError, error_from_dict
from cpam_reader.base.facts import Extraction, NirParts


class LetterType(enum.StrEnum):
    NUMBER_ASSIGNMENT = "number_assignment"
    DOCUMENTS_REQUEST = "documents_request"
    CARTE_VITALE_FORM = "carte_vitale_form"
    OTHER = "other"


class NirStatus(enum.StrEnum):
    DEFINITIF = "definitif"
    PROVISOIRE = "provisoire"


class TextSource(enum.StrEnum):
    PDF_TEXT = "pdf_text"
    OCR = "ocr"


class NumberWarning(enum.StrEnum):
    """What may make the number reported, or its absence, doubtful: a result's ``warnings``.

    The codes are the README's ("What a result holds"); they compare equal to their text, and are it in JSON.
    """

    REPAIRED = "repaired_number"
    KEY_MISSING = "key_missing"
    INVALID_KEY = "invalid_key"
    SPECIMEN = "specimen_number"
    CONFLICTING = "conflicting_numbers"
    WITHOUT_STATUS = "number_without_status"
    WITHOUT_LABEL = "number_without_label"
    WEAKLY_LABELLED = "number_weakly_labelled"
    NOT_READ = "number_not_read"
    ONLY_OLD = "only_old_number"


class ReviewReason(enum.StrEnum):
    """Why a person should check the reading: a result's ``review_reasons`` (:mod:`cpam_reader.letter.review`)."""

    LOW_CONFIDENCE = "low_confidence"
    REPAIRED_DIGIT = "repaired_digit"
    CONFLICTING = "conflicting_numbers"
    NOT_READ = "number_not_read"
    ONLY_OLD = "only_old_number"
    NO_NUMBER = "no_number"
    UNLABELLED = "unlabelled_number"
    DIGITS_UNCHECKED = "digits_unchecked"
    PAGE_UNREADABLE = "page_unreadable"
    PARTIAL_VIEW = "partial_view"


@dataclasses.dataclass(frozen=True)
class NumberCandidate:
    """A social security number seen in the text, as read and as understood."""

    value: str
    """15 characters, no spaces (2A/2B kept); the key is computed when it was not printed."""
    raw: str
    """The characters as read, separators included."""
    status: NirStatus | None
    valid: bool
    repaired: bool
    """True when the reading was corrected (a letter read for a digit, or one unsure digit fixed by the key)."""
    key_missing: bool
    page: int
    """1-based page number."""
    line: int
    """Line index on its page, in reading order (used to tie the number to its keyword)."""

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> NumberCandidate:
        """The inverse of :meth:`to_dict` (``line`` is not carried: -1)."""
        return cls(
            value=data["value"],
            raw=data["raw"],
            status=NirStatus(data["status"]) if data["status"] else None,
            valid=data["valid"],
            repaired=data["repaired"],
            key_missing=data["key_missing"],
            page=data["page"],
            line=-1,
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready view; ``line`` is internal and left out."""
        return {
            "value": self.value,
            "raw": self.raw,
            "status": self.status,
            "valid": self.valid,
            "repaired": self.repaired,
            "key_missing": self.key_missing,
            "page": self.page,
        }


class StepCode(enum.StrEnum):
    """What a next step asks the person to do: a result's ``next_steps[].code`` (:mod:`cpam_reader.letter.advice`)."""

    GIVE_TO_EMPLOYER = "give_to_employer"
    CARTE_VITALE_FOLLOWS = "carte_vitale_follows"
    OPEN_AMELI = "open_ameli"
    FEUILLE_DE_SOINS = "feuille_de_soins"
    SEND_DOCUMENTS = "send_documents"
    SEND_WHAT_IS_ASKED = "send_what_is_asked"
    CHECK_PROGRESS = "check_progress"
    TEMPORARY_MEANS = "temporary_means"
    FORM_PHOTO = "form_photo"
    FORM_ID_COPY = "form_id_copy"
    FORM_SIGN = "form_sign"
    FORM_ENVELOPE = "form_envelope"
    READ_OTHER = "read_other"
    ASK_CPAM = "ask_cpam"
    RETAKE = "retake"


class NoticeCode(enum.StrEnum):
    """What the letter itself says that needs attention: ``notices[].code`` (:mod:`cpam_reader.letter.review`)."""

    OLD_PROVISIONAL = "old_provisional_number"
    INVALID_KEY = "invalid_key"
    KEY_NOT_PRINTED = "key_not_printed"
    WITHOUT_STATUS = "number_without_status"
    SPECIMEN = "specimen_number"
    OLD_QUOTED = "old_number_quoted"
    REQUEST_WITHOUT_NUMBER = "request_without_number"


@dataclasses.dataclass(frozen=True)
class NextStep:
    """One thing the reader of the letter should do, said in English and French."""

    code: StepCode
    """Stable name of the step: what a program matches on, not the text."""
    en: str
    fr: str

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "en": self.en, "fr": self.fr}


@dataclasses.dataclass(frozen=True)
class Notice:
    """Something the letter itself says that calls for the person's attention, in English and French.

    An old temporary number, a key printed wrong: not a doubt about the reading (:mod:`cpam_reader.letter.review`).
    """

    code: NoticeCode
    en: str
    fr: str

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "en": self.en, "fr": self.fr}


@dataclasses.dataclass(frozen=True)
class Classification:
    letter_type: LetterType
    confidence: float
    evidence: tuple[str, ...]
    from_assurance_maladie: bool | None = None
    """True when the letter is the Assurance Maladie's, False when another body's or nobody's it names, None when
    its sender is not known (the phrase model decided)."""


@dataclasses.dataclass(frozen=True)
class NirChoice:
    """The number a letter gives, picked among the candidates, with why it may be doubtful."""

    candidate: NumberCandidate | None
    warnings: tuple[NumberWarning, ...] = ()
    old: NumberCandidate | None = None
    """An older number the letter quotes beside the one it gives (the provisional number a definitive one replaces)."""


@dataclasses.dataclass(frozen=True)
class LetterResult:
    """Everything cpam-reader says about one document."""

    source: str
    pages: int = 0
    text_source: TextSource | None = None
    letter_type: LetterType | None = None
    letter_type_confidence: float | None = None
    evidence: tuple[str, ...] = ()
    nir: str | None = None
    nir_status: NirStatus | None = None
    nir_valid: bool | None = None
    nir_details: NirParts | None = None
    """The decoded parts of ``nir`` (only when it is valid)."""
    old_nir: str | None = None
    """An older number the letter also quotes, which ``nir`` replaces; never the letter's answer."""
    numbers: tuple[NumberCandidate, ...] = ()
    warnings: tuple[NumberWarning, ...] = ()
    next_steps: tuple[NextStep, ...] = ()
    review_reasons: tuple[ReviewReason, ...] = ()
    """Doubts about the reading that a person should check (:mod:`cpam_reader.letter.review`); empty when it can be
    trusted."""
    notices: tuple[Notice, ...] = ()
    """What the letter itself says that needs attention, however well it was read (:mod:`cpam_reader.letter.review`)."""
    extracted: Extraction = dataclasses.field(default_factory=Extraction)
    """What the letter says beyond the number: requested documents, letter date, deadline, caisse, file reference
    (top-level fields of the JSON)."""
    timings_ms: Mapping[str, float] = dataclasses.field(default_factory=dict)
    error: CpamReaderError | None = None

    @classmethod
    def failed(cls, source: str, error: CpamReaderError, timings_ms: Mapping[str, float] | None = None) -> LetterResult:
        """The result of a document that could not be read."""
        return cls(source=source, error=error, timings_ms=dict(timings_ms or {}))

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def needs_review(self) -> bool:
        """Whether a person should look at this document: a reason to doubt the reading, or no reading at all."""
        return bool(self.review_reasons) or self.error is not None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LetterResult:
        """The inverse of :meth:`to_dict`: a result that travelled as JSON (from a Celery worker)."""

        def optional(kind: Callable[[Any], Any], value: Any) -> Any:
            return kind(value) if value is not None else None

        return cls(
            source=data["source"],
            pages=data["pages"],
            text_source=optional(TextSource, data["text_source"]),
            letter_type=optional(LetterType, data["letter_type"]),
            letter_type_confidence=data["letter_type_confidence"],
            evidence=tuple(data["evidence"]),
            nir=data["nir"],
            nir_status=optional(NirStatus, data["nir_status"]),
            nir_valid=data["nir_valid"],
            nir_details=optional(NirParts.from_dict, data["nir_details"]),
            old_nir=data.get("old_nir"),
            numbers=tuple(NumberCandidate.from_dict(n) for n in data["numbers"]),
            warnings=tuple(NumberWarning(w) for w in data["warnings"]),
            next_steps=tuple(NextStep(StepCode(step["code"]), step["en"], step["fr"]) for step in data["next_steps"]),
            review_reasons=tuple(ReviewReason(r) for r in data.get("review_reasons", ()) if r != "unreadable"),
            notices=tuple(Notice(NoticeCode(n["code"]), n["en"], n["fr"]) for n in data.get("notices", ())),
            extracted=Extraction.from_dict(data),
            timings_ms=dict(data["timings_ms"]),
            error=optional(error_from_dict, data["error"]),
        )

    def to_dict(self) -> dict[str, Any]:
        """The one serialisation of a result (JSON-ready, keys in a stable order)."""
        return {
            "source": _printable(self.source),
            "pages": self.pages,
            "text_source": self.text_source,
            "letter_type": self.letter_type,
            "letter_type_confidence": self.letter_type_confidence,
            "evidence": list(self.evidence),
            "nir": self.nir,
            "nir_status": self.nir_status,
            "nir_valid": self.nir_valid,
            "nir_details": self.nir_details.to_dict() if self.nir_details is not None else None,
            "old_nir": self.old_nir,
            "numbers": [n.to_dict() for n in self.numbers],
            "warnings": list(self.warnings),
            "needs_review": self.needs_review,
            "review_reasons": list(self.review_reasons) + (["unreadable"] if self.error else []),
            "notices": [notice.to_dict() for notice in self.notices],
            "next_steps": [step.to_dict() for step in self.next_steps],
            **self.extracted.to_dict(),
            "timings_ms": {k: round(v, 1) for k, v in self.timings_ms.items()},
            "error": self.error.to_dict() if self.error else None,
        }


def _printable(name: str) -> str:
    """A file name as valid text, so that every JSON line and CSV row is valid UTF-8.

    Bytes that were not UTF-8 in the file system (kept by Python as surrogates) become U+FFFD.

    >>> _printable('relev\\udce9.pdf') == 'relev\\ufffd.pdf', _printable('relevé.pdf')
    (True, 'relevé.pdf')
    """
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
