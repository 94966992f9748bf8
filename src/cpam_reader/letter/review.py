"""Two kinds of "look at this": doubts about our reading (review), and what the letter itself says (notices).

An HR team reads hundreds of results; a person can check a few, not half the mail. So the review flag
(``needs_review``) is raised only by a doubt about *the reading*, each a stable code:

- ``low_confidence``: the kind of letter was not clear from its evidence (probability under 0.6);
- ``repaired_digit``: a digit was corrected by the key;
- ``conflicting_numbers``: several numbers, none clearly the person's;
- ``number_not_read``: the letter announces a number next to digits that could not be read as one (and no number
  that outranks it was read: a definitive one, or a provisional one when the unread one is provisional too);
- ``only_old_number``: the only number read is one the letter calls old ("ancien numéro", "remplacé par"): the
  number that replaces it was not read (or lies out of view), and the old one is not reported;
- ``no_number``: a letter meant to give or carry the number (a number assignment, the pre-filled carte Vitale
  form), where none was found;
- ``digits_unchecked``: a number read by OCR whose digits nothing checks: its key does not match (a misprint,
  rare, or a digit misread, common: two readings of the same worn pixels can misread it alike), or no key was
  printed or read (the key shown is computed, and one misread digit gives another valid-looking number) and no
  second reading of the row agreed with the first (on the carte Vitale form, which prints the key, even then);
- ``page_unreadable``: a page read by OCR made no sense (too blurred, dark, curled or small to read: the reading
  scored under ``reading.SENSE_OK``) or its recognition did not finish, and no number was found: "no number" is
  then not an answer, and the advice is to take the picture again;
- ``partial_view``: the picture shows part of a page (a zoomed screenshot: rows of text run off its sides), so
  what lies beyond it was not read;
- ``unlabelled_number``: on a document that is not the Assurance Maladie's (or whose sender is unknown), a number
  reported that nothing names as a social security number on its own line or the line above (no status word, no
  "N° de sécurité sociale"): digits that may be something else.

What the letter says that calls for action, however well it was read, is a :class:`Notice` (``notices``), with
words for the person:

- ``old_provisional_number``: a temporary number from a letter more than a year old, when a permanent one
  usually follows within nine months (the caisse's "délai d'instruction");
- ``invalid_key``: the number is printed with a key that does not match it (reported as printed);
- ``key_not_printed``: only 13 characters are printed; the key shown is computed;
- ``number_without_status``: a letter about the number does not say whether it is permanent or temporary (on the
  carte Vitale form and other documents, no status is expected);
- ``specimen_number``: the sample number printed on example cards;
- ``old_number_quoted``: the letter also quotes an older number, which the one reported replaces;
- ``request_without_number``: a request for documents that gives no number yet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from cpam_reader.base.result import LetterType, NirStatus, Notice, NoticeCode, NumberWarning, ReviewReason

LOW_CONFIDENCE = 0.6
PROVISIONAL_USUAL_DAYS = 365
_LETTERS_ABOUT_THE_NUMBER = (LetterType.NUMBER_ASSIGNMENT, LetterType.DOCUMENTS_REQUEST)
_DOUBTS_FROM_WARNINGS = {
    NumberWarning.REPAIRED: ReviewReason.REPAIRED_DIGIT,
    NumberWarning.CONFLICTING: ReviewReason.CONFLICTING,
    NumberWarning.NOT_READ: ReviewReason.NOT_READ,
    NumberWarning.ONLY_OLD: ReviewReason.ONLY_OLD,
}

NOTICES: dict[NoticeCode, Notice] = {
    notice.code: notice
    for notice in (
        Notice(
            NoticeCode.OLD_PROVISIONAL,
            "This temporary number comes from a letter more than a year old: a permanent number has probably been "
            "given since. Check your latest letters or ameli.fr.",
            "Ce numéro provisoire figure sur un courrier de plus d'un an : un numéro définitif a sans doute été "
            "attribué depuis. Vérifiez vos derniers courriers ou ameli.fr.",
        ),
        Notice(
            NoticeCode.INVALID_KEY,
            "The number is printed with a key (last two digits) that does not match it: ask your CPAM to confirm "
            "it before giving it to anyone.",
            "Le numéro est imprimé avec une clé (deux derniers chiffres) qui ne lui correspond pas : faites-le "
            "confirmer par votre CPAM avant de le transmettre.",
        ),
        Notice(
            NoticeCode.KEY_NOT_PRINTED,
            "The letter prints the number without its key: the two last digits shown are computed.",
            "Le courrier imprime le numéro sans sa clé : les deux derniers chiffres affichés sont calculés.",
        ),
        Notice(
            NoticeCode.WITHOUT_STATUS,
            "The letter does not say whether this number is permanent or temporary.",
            "Le courrier ne précise pas si ce numéro est définitif ou provisoire.",
        ),
        Notice(
            NoticeCode.SPECIMEN,
            "This is the sample number printed on example cards, not a real person's number.",
            "C'est le numéro d'exemple imprimé sur les cartes de démonstration, pas celui d'une personne.",
        ),
        Notice(
            NoticeCode.OLD_QUOTED,
            "The letter also quotes an older number: the number shown replaces it.",
            "Le courrier cite aussi un ancien numéro : le numéro affiché le remplace.",
        ),
        Notice(
            NoticeCode.REQUEST_WITHOUT_NUMBER,
            "This letter asks for documents and gives no number yet: the number comes once the file is complete.",
            "Ce courrier demande des pièces et ne donne pas encore de numéro : il viendra une fois le dossier complet.",
        ),
    )
}
"""Every notice, by code."""


def review_reasons(
    *,
    letter_type: LetterType | None,
    confidence: float | None,
    has_number: bool,
    warnings: Sequence[str],
    from_assurance_maladie: bool | None = True,
    read_by_ocr: bool = False,
    read_twice: bool = False,
    unreadable: bool = False,
    partial_view: bool = False,
) -> tuple[ReviewReason, ...]:
    """The doubts about the reading that send a result to a person; empty when it can be trusted as it is.

    ``warnings`` are the choice's (:class:`NumberWarning` values, or their codes as text).

    >>> def codes(**facts): return [str(reason) for reason in review_reasons(**facts)]
    >>> codes(letter_type=LetterType.NUMBER_ASSIGNMENT, confidence=0.95, has_number=True,
    ...       warnings=("invalid_key", "number_without_status"))
    []
    >>> codes(letter_type=LetterType.NUMBER_ASSIGNMENT, confidence=0.5, has_number=True, warnings=("repaired_number",))
    ['low_confidence', 'repaired_digit']
    >>> [codes(letter_type=LetterType.NUMBER_ASSIGNMENT, confidence=0.9, has_number=True,
    ...        warnings=("key_missing",), read_by_ocr=True, read_twice=twice) for twice in (False, True)]
    [['digits_unchecked'], []]
    >>> codes(letter_type=LetterType.CARTE_VITALE_FORM, confidence=0.9, has_number=True,
    ...       warnings=("key_missing",), read_by_ocr=True, read_twice=True)
    ['digits_unchecked']
    >>> codes(letter_type=LetterType.OTHER, confidence=0.9, has_number=False, warnings=(), unreadable=True,
    ...       partial_view=True)
    ['page_unreadable', 'partial_view']
    """
    reasons = []
    if confidence is not None and confidence < LOW_CONFIDENCE:
        reasons.append(ReviewReason.LOW_CONFIDENCE)
    reasons += [reason for warning, reason in _DOUBTS_FROM_WARNINGS.items() if warning in warnings]
    # The carte Vitale form prints the number with its key: 13 characters read alike there lost their key's boxes.
    checked = read_twice and letter_type is not LetterType.CARTE_VITALE_FORM
    key_unchecked = NumberWarning.KEY_MISSING in warnings and not checked
    if read_by_ocr and (NumberWarning.INVALID_KEY in warnings or key_unchecked):
        reasons.append(ReviewReason.DIGITS_UNCHECKED)
    unlabelled = {NumberWarning.WITHOUT_LABEL, NumberWarning.WEAKLY_LABELLED} & set(warnings)
    if unlabelled and not from_assurance_maladie:
        reasons.append(ReviewReason.UNLABELLED)
    if not has_number and letter_type in (LetterType.NUMBER_ASSIGNMENT, LetterType.CARTE_VITALE_FORM):
        reasons.append(ReviewReason.NO_NUMBER)
    if unreadable and not has_number:
        reasons.append(ReviewReason.PAGE_UNREADABLE)
    if partial_view:
        reasons.append(ReviewReason.PARTIAL_VIEW)
    return tuple(reasons)


def notices(
    *,
    letter_type: LetterType | None,
    status: NirStatus | None,
    has_number: bool,
    has_old_number: bool,
    warnings: Sequence[str],
    letter_date: dt.date | None,
    today: dt.date,
) -> tuple[Notice, ...]:
    """What the letter itself says that the person should know, whatever the reading.

    >>> [str(n.code) for n in notices(letter_type=LetterType.NUMBER_ASSIGNMENT, status=NirStatus.PROVISOIRE,
    ...  has_number=True, has_old_number=False, warnings=("key_missing",), letter_date=dt.date(2023, 1, 10),
    ...  today=dt.date(2025, 4, 1))]
    ['key_not_printed', 'old_provisional_number']
    """
    codes: list[NoticeCode] = []
    if NumberWarning.INVALID_KEY in warnings:
        codes.append(NoticeCode.INVALID_KEY)
    if NumberWarning.SPECIMEN in warnings:
        codes.append(NoticeCode.SPECIMEN)
    if NumberWarning.KEY_MISSING in warnings:
        codes.append(NoticeCode.KEY_NOT_PRINTED)
    if has_number and status is None and letter_type in _LETTERS_ABOUT_THE_NUMBER:
        codes.append(NoticeCode.WITHOUT_STATUS)
    age = (today - letter_date).days if letter_date else 0
    if status is NirStatus.PROVISOIRE and age > PROVISIONAL_USUAL_DAYS:
        codes.append(NoticeCode.OLD_PROVISIONAL)
    if has_number and has_old_number:
        codes.append(NoticeCode.OLD_QUOTED)
    if not has_number and letter_type is LetterType.DOCUMENTS_REQUEST:
        codes.append(NoticeCode.REQUEST_WITHOUT_NUMBER)
    return tuple(NOTICES[code] for code in codes)
