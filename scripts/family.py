"""What a letter family hands to ``scripts/make_corpus.py``: a digital PDF and its ground truth.

Why: the benchmark must measure the reader on letters it was not tuned to. Each family is written apart from the
others (its own wordings, layouts and fonts) and only meets them here, at this interface: ``make_corpus.py`` takes
the family's digital PDF and degrades it into the six classes (scan, fax, photo...) the same way for every family.

A family module exposes ``FAMILY`` (its name), ``LETTER_TYPES`` (the types it makes, in the order letters cycle
through them) and ``make_document(rng, letter_type, doc_id) -> FamilyDocument``, deterministic for a given
``rng`` state.

Families:
  ``own``       ``scripts/synth_letters.py``: the letters the reader was developed on
  ``heldout``   ``scripts/heldout_letters.py``: written apart from the reference alone; its failures were studied for
                general causes (so it now flatters the reader somewhat)
  ``blind``     ``scripts/blind_letters.py``: written apart again; nobody working on the reader reads its letters,
                only its figures: the honest measure
  ``negative``  ``scripts/negative_docs.py``: French documents that are not CPAM letters and carry no number
  ``forms``     ``scripts/forms_letters.py``: written apart again, on the numbers printed the hard way (one box per
                character in many box styles and groupings, keys apart, misprinted or omitted, Corsica, overseas),
                a third of them carte Vitale forms; studied for general causes, like ``heldout``
"""

from __future__ import annotations

from dataclasses import dataclass, field

TRUTH_KEYS = (
    "letter_type",  # number_assignment | documents_request | carte_vitale_form | other
    "nir",  # the letter's social security number, 15 characters (2A/2B kept, key computed when not printed), or None
    "nir_status",  # "definitif" | "provisoire" | None: what the letter's words say of that number
    "nir_valid",  # whether that number's key is right (None when there is no number)
    "old_nir",  # an older number the letter also quotes (e.g. the provisional one being replaced), or None
    "numbers",  # every social-security-like number printed: [{"value", "role", "status"}]
    "documents",  # kinds of the documents the letter asks for, in its order (cpam_reader.letter.documents vocabulary)
    "letter_date",  # ISO date printed on the letter, or None
    "deadline",  # ISO date by which to answer, or None
    "caisse",  # "CPAM de Lyon"-style name of the caisse that wrote it, or None when not from a caisse
    "reference",  # the file reference as printed, or None
    "sender",  # who wrote it: "cpam" or another organisation's short name ("caf", "urssaf", "bank"...)
    "wording",  # the family's name for the wording drawn (for failure analysis)
    "layout",  # the family's name for the layout drawn
    "tags",  # hard cases present (see HARD_CASES), for per-case figures
)

HARD_CASES = (
    "no_status_word",  # a number is given without "définitif"/"provisoire" anywhere near it
    "status_far",  # the status word a few lines before or after the number, another number in between
    "status_in_table",  # the status in a table cell or a header row
    "status_in_sentence",  # the word inside a sentence ("votre numéro, désormais définitif, est :")
    "number_far_from_keyword",  # the number far from "numéro de sécurité sociale"/"NIR"/"immatriculation"
    "provisional_with_documents",  # gives a provisional number and also asks for documents
    "old_and_new",  # quotes the old provisional number and the new definitive one
    "boxes",  # the number printed one box per character
    "boxes_grouped",  # boxes grouped differently (e.g. 1 | 2 | 2 | 2 | 3 | 3 | 2)
    "key_apart",  # the key printed apart (its own box, "clé 32", "/ 32")
    "key_omitted",  # only 13 characters printed
    "wrong_key",  # printed with a key that does not match
    "two_columns",  # two-column layout
    "table_layout",  # the number inside a table
    "header_block",  # the number in a header block of references
    "other_sender",  # not from the Assurance Maladie
    "number_in_table_cells",  # digits in neighbouring table cells that could be joined into 15
    "long_non_nir",  # 13-15 digit numbers that are not social security numbers (tax number, EAN, contract)
    "corsica",
    "overseas",
    "born_abroad",
    "form",  # a form: boxes to fill, signature box, "Je certifie"
)


@dataclass(frozen=True)
class FamilyDocument:
    """One letter of a family: its digital PDF (the text layer is exactly what is printed) and its truth."""

    pdf: bytes
    truth: dict[str, object]
    fonts: tuple[str, ...] = field(default_factory=tuple)
    """The fonts the PDF uses, for the record."""
