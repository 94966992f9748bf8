"""What a letter says, as typed values a result carries: the decoded number, the documents asked for, the dates.

They sit in the base layer because :class:`cpam_reader.base.result.LetterResult` holds them; the stages that find
them (:mod:`cpam_reader.number.nir`, :mod:`cpam_reader.letter.documents`, :mod:`cpam_reader.letter.extract`) build
them. Each knows its JSON form (``to_dict``) and reads it back (``from_dict``), so that a result crossing a process
(Celery, the watch folder's journal) comes back equal.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from collections.abc import Mapping
from typing import Any, Literal


class DocumentKind(enum.StrEnum):
    BIRTH_CERTIFICATE = "birth_certificate"
    SWORN_TRANSLATION = "sworn_translation"
    APOSTILLE = "apostille"
    PASSPORT = "passport"
    RESIDENCE_PERMIT = "residence_permit"
    S1_FORM = "s1_form"
    RIB = "rib"
    PROOF_OF_ADDRESS = "proof_of_address"
    EMPLOYMENT_CONTRACT = "employment_contract"
    PAYSLIPS = "payslips"
    EMPLOYER_CERTIFICATE = "employer_certificate"
    SCHOOL_CERTIFICATE = "school_certificate"
    OTHER = "other"


K = DocumentKind
LABELS: Mapping[DocumentKind, tuple[str, str]] = {
    K.BIRTH_CERTIFICATE: (
        "Full birth certificate, with your parents' names",
        "Copie intégrale d'acte de naissance, avec filiation",
    ),
    K.SWORN_TRANSLATION: ("Translation by a sworn translator", "Traduction par un traducteur assermenté"),
    K.APOSTILLE: ("Apostille or legalisation", "Apostille ou légalisation"),
    K.PASSPORT: ("Passport", "Passeport"),
    K.RESIDENCE_PERMIT: (
        "Residence permit (carte de séjour, récépissé, VLS-TS)",
        "Titre de séjour (carte de séjour, récépissé, VLS-TS)",
    ),
    K.S1_FORM: ("S1 form, from your home country's social security", "Formulaire S1"),
    K.RIB: ("Bank details (RIB) in your name", "Relevé d'identité bancaire (RIB)"),
    K.PROOF_OF_ADDRESS: ("Proof of address", "Justificatif de domicile"),
    K.EMPLOYMENT_CONTRACT: ("Employment contract", "Contrat de travail"),
    K.PAYSLIPS: ("Payslips", "Bulletins de salaire"),
    K.EMPLOYER_CERTIFICATE: ("Certificate from your employer", "Attestation de l'employeur"),
    K.SCHOOL_CERTIFICATE: ("School enrolment certificate", "Certificat de scolarité"),
    K.OTHER: ("Another document (see the letter)", "Autre pièce (voir le courrier)"),
}
"""English and French labels of each kind."""


@dataclasses.dataclass(frozen=True)
class RequestedDocument:
    """One document the letter asks for."""

    kind: DocumentKind
    raw: str
    """The words of the letter that ask for it (the list item, the table row or the sentence)."""

    @property
    def en(self) -> str:
        return LABELS[self.kind][0]

    @property
    def fr(self) -> str:
        return LABELS[self.kind][1]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready view."""
        return {"kind": str(self.kind), "en": self.en, "fr": self.fr, "raw": self.raw}


@dataclasses.dataclass(frozen=True)
class Extraction:
    """What a letter says beyond the number."""

    documents: tuple[RequestedDocument, ...] = ()
    """The documents it asks for, in its order."""
    letter_date: dt.date | None = None
    deadline: dt.date | None = None
    """The last day to answer (a delay counted from ``letter_date``)."""
    deadline_text: str | None = None
    """The deadline as printed ("dans un délai de 3 mois"); set even when it cannot be turned into a day."""
    caisse: str | None = None
    """The issuing caisse, "CPAM du Rhône"."""
    reference: str | None = None
    """The file reference to quote in an answer."""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready view: documents as ``{"kind", "en", "fr", "raw"}``, dates as ISO strings."""
        return {
            "documents": [document.to_dict() for document in self.documents],
            "letter_date": self.letter_date.isoformat() if self.letter_date else None,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "deadline_text": self.deadline_text,
            "caisse": self.caisse,
            "reference": self.reference,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Extraction:
        """The inverse of :meth:`to_dict` (the keys are a result's top-level fields)."""

        def day(value: str | None) -> dt.date | None:
            return dt.date.fromisoformat(value) if value else None

        return cls(
            documents=tuple(RequestedDocument(DocumentKind(d["kind"]), d["raw"]) for d in data.get("documents", ())),
            letter_date=day(data.get("letter_date")),
            deadline=day(data.get("deadline")),
            deadline_text=data.get("deadline_text"),
            caisse=data.get("caisse"),
            reference=data.get("reference"),
        )


@dataclasses.dataclass(frozen=True)
class NirParts:
    """What a number says about its holder, decoded by :func:`parse`."""

    number: str
    sex: Literal["M", "F"]
    provisional: bool
    year: str
    month: str
    place_kind: Literal["department", "overseas", "abroad"]
    department: str
    country_code: str | None
    commune: str | None
    order: str
    key: str
    key_missing: bool
    specimen: bool

    def to_dict(self) -> dict[str, object]:
        """The parts as plain JSON-ready values."""
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> NirParts:
        """The inverse of :meth:`to_dict`."""
        return cls(**{field.name: data[field.name] for field in dataclasses.fields(cls)})
