"""What to do next, in English and French, from what the letter is and the number it gives.

The applicant page shows these steps; the JSON, CSV and API carry them too, so an HR system can pass them on.
They follow the path of a foreign worker through the Assurance Maladie (ameli.fr, service-public.fr F16467):
a temporary number (NIA) while the civil status is checked, then the permanent number, then the carte Vitale.
"""

from __future__ import annotations

from cpam_reader.base.facts import Extraction
from cpam_reader.base.result import LetterType, NextStep, NirStatus, StepCode

GIVE_TO_EMPLOYER = NextStep(
    StepCode.GIVE_TO_EMPLOYER,
    "Give this number to your employer (HR or payroll): it goes on your payslips.",
    "Communiquez ce numéro à votre employeur (service RH ou paie) : il figure sur vos bulletins de salaire.",
)
CARTE_VITALE_FOLLOWS = NextStep(
    StepCode.CARTE_VITALE_FOLLOWS,
    "The carte Vitale application form comes next by post, already filled in: check it, stick your photo, sign it "
    "and send it back.",
    "Le formulaire de demande de carte Vitale suit par courrier, pré-rempli : vérifiez-le, collez votre photo, "
    "signez-le et renvoyez-le.",
)
OPEN_AMELI = NextStep(
    StepCode.OPEN_AMELI,
    "Open your ameli account on ameli.fr with this number: you can follow your reimbursements and download "
    "certificates there.",
    "Créez votre compte ameli sur ameli.fr avec ce numéro : vous y suivez vos remboursements et téléchargez vos "
    "attestations.",
)
FEUILLE_DE_SOINS = NextStep(
    StepCode.FEUILLE_DE_SOINS,
    'Until your carte Vitale arrives, ask the doctor for a paper "feuille de soins" and send it to your CPAM: you '
    "are still reimbursed.",
    "En attendant votre carte Vitale, demandez au médecin une feuille de soins papier et envoyez-la à votre CPAM : "
    "vous êtes remboursé(e).",
)
SEND_WHAT_IS_ASKED = NextStep(
    StepCode.SEND_WHAT_IS_ASKED,
    "Send the documents the letter asks for, within the time it gives, to the address on the letter; keep copies.",
    "Envoyez les pièces demandées dans le délai indiqué, à l'adresse du courrier ; gardez-en une copie.",
)
CHECK_PROGRESS = NextStep(
    StepCode.CHECK_PROGRESS,
    "After a few weeks, check your file's progress on ameli.fr or by calling 36 46.",
    "Après quelques semaines, vérifiez l'avancement de votre dossier sur ameli.fr ou au 36 46.",
)
TEMPORARY_MEANS = NextStep(
    StepCode.TEMPORARY_MEANS,
    "Use this temporary number for now (give it to your employer); a permanent number follows once your civil "
    "status is checked, often after several months.",
    "Utilisez ce numéro provisoire en attendant (donnez-le à votre employeur) ; un numéro définitif suit après "
    "vérification de votre état civil, souvent plusieurs mois plus tard.",
)
FORM_PHOTO = NextStep(
    StepCode.FORM_PHOTO,
    "Stick a recent ID photo (35 × 45 mm) in the box, without stapling or cutting it.",
    "Collez une photo d'identité récente (35 × 45 mm) dans le cadre, sans l'agrafer ni la découper.",
)
FORM_ID_COPY = NextStep(
    StepCode.FORM_ID_COPY,
    "Add a photocopy of your ID, both sides (passport, residence permit or identity card).",
    "Joignez la photocopie recto verso d'une pièce d'identité (passeport, titre de séjour ou carte d'identité).",
)
FORM_SIGN = NextStep(
    StepCode.FORM_SIGN,
    "Check the printed details, sign inside the frame and date the form.",
    "Vérifiez les informations pré-remplies, signez à l'intérieur du cadre et datez le formulaire.",
)
FORM_ENVELOPE = NextStep(
    StepCode.FORM_ENVELOPE,
    "Send it back in the enclosed envelope (no stamp needed); the card arrives by post a few weeks later.",
    "Renvoyez-le dans l'enveloppe jointe (sans l'affranchir) ; la carte arrive par courrier quelques semaines après.",
)
READ_OTHER = NextStep(
    StepCode.READ_OTHER,
    "This letter does not ask you to do anything about your number: keep it with your papers.",
    "Ce courrier ne vous demande rien concernant votre numéro : conservez-le avec vos papiers.",
)
ASK_CPAM = NextStep(
    StepCode.ASK_CPAM,
    "If something in the letter is unclear, ask your CPAM on ameli.fr (messaging) or at 36 46.",
    "Si un point du courrier n'est pas clair, interrogez votre CPAM sur ameli.fr (messagerie) ou au 36 46.",
)
RETAKE = NextStep(
    StepCode.RETAKE,
    "We could not read this letter well enough: retake the photo closer and flatter, in good light, with the whole "
    "page in the frame (or scan it).",
    "Nous n'avons pas pu lire ce courrier correctement : reprenez la photo de plus près, bien à plat, sous une bonne "
    "lumière, la page entière dans le cadre (ou numérisez-le).",
)


_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTHS_FR = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def send_documents(extraction: Extraction) -> NextStep | None:
    """The step naming the documents the letter asks for, its deadline and the reference to quote; None if none.

    >>> import datetime as dt
    >>> from cpam_reader.base.facts import DocumentKind, RequestedDocument
    >>> asked = (RequestedDocument(DocumentKind.PASSPORT, "passeport"), RequestedDocument(DocumentKind.RIB, "RIB"))
    >>> step = send_documents(Extraction(documents=asked, deadline=dt.date(2025, 4, 15), reference="IMM-1"))
    >>> step.en
    'Send these documents by 15 April 2025, quoting the reference IMM-1: Passport; Bank details (RIB) in your name.'
    """
    if not extraction.documents:
        return None
    due, ref = extraction.deadline, extraction.reference
    by_en = f" by {due.day} {_MONTHS_EN[due.month - 1]} {due.year}" if due else ""
    by_fr = f" avant le {due.day} {_MONTHS_FR[due.month - 1]} {due.year}" if due else ""
    quote_en, quote_fr = (f", quoting the reference {ref}", f", en rappelant la référence {ref}") if ref else ("", "")
    return NextStep(
        StepCode.SEND_DOCUMENTS,
        f"Send these documents{by_en}{quote_en}: " + "; ".join(d.en for d in extraction.documents) + ".",
        f"Envoyez ces pièces{by_fr}{quote_fr} : " + " ; ".join(d.fr for d in extraction.documents) + ".",
    )


def next_steps(
    letter_type: LetterType | None,
    status: NirStatus | None,
    has_number: bool,
    extraction: Extraction | None = None,
    *,
    unreadable: bool = False,
) -> tuple[NextStep, ...]:
    """The steps for a letter of this type giving a number of this status (``has_number``: one was found).

    ``extraction``: what else the letter says; the documents it asks for, by when, replace the general advice.
    ``unreadable``: a page could not be read (review reason ``page_unreadable``): taking the picture again comes
    first, as what was read of it may be wrong or missing.

    >>> next_steps(LetterType.NUMBER_ASSIGNMENT, NirStatus.DEFINITIF, True)[0] is GIVE_TO_EMPLOYER
    True
    >>> next_steps(LetterType.NUMBER_ASSIGNMENT, NirStatus.PROVISOIRE, True)[0] is TEMPORARY_MEANS
    True
    >>> next_steps(None, None, False)
    ()
    >>> next_steps(LetterType.OTHER, None, False, unreadable=True)[0] is RETAKE
    True
    """
    if unreadable and not has_number:
        return (RETAKE, *next_steps(letter_type, status, has_number, extraction))
    if letter_type is None:
        return ()
    send = send_documents(extraction) if extraction else None
    if letter_type is LetterType.CARTE_VITALE_FORM:
        return FORM_PHOTO, FORM_ID_COPY, FORM_SIGN, FORM_ENVELOPE, FEUILLE_DE_SOINS
    if letter_type is LetterType.DOCUMENTS_REQUEST:
        temporary = (TEMPORARY_MEANS,) if status is NirStatus.PROVISOIRE else ()
        return send or SEND_WHAT_IS_ASKED, CHECK_PROGRESS, *temporary
    if letter_type is LetterType.NUMBER_ASSIGNMENT and has_number:
        if status is NirStatus.PROVISOIRE:
            return TEMPORARY_MEANS, *((send,) if send else ()), CHECK_PROGRESS
        return GIVE_TO_EMPLOYER, CARTE_VITALE_FOLLOWS, OPEN_AMELI, FEUILLE_DE_SOINS
    if letter_type is LetterType.NUMBER_ASSIGNMENT:
        return ASK_CPAM, CHECK_PROGRESS
    return READ_OTHER, ASK_CPAM
