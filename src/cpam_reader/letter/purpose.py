"""What a letter is for, decided from evidence that survives rewording: who sent it and what it does.

The reference's rule (``cpam-letters.md``): a letter that *gives* a number, definitive or provisional, is a
number assignment even when it also lists documents to send; one written to *ask for documents* is a documents
request; the carte Vitale *form* has a photo box and a signature box; a document that merely *carries* a number,
or does not come from the Assurance Maladie at all, is "other". A linear model over phrases learnt from one
generator's letters learns that generator; these facts are what any caisse's letter shows, whatever its wording:

- **sender**: the Assurance Maladie (its name, "caisse primaire", CPAM, CGSS, ameli, 36 46) in the letterhead or the
  signature block, or another body (CAF, URSSAF, the tax office, a bank, an employer's payslip...);
- **gives**: it gives the recipient a number ("vous a été attribué", "vous êtes immatriculé(e)", "nous vous
  communiquons votre numéro", "votre numéro ... est :", "communiquez-le à votre employeur"), or the subject says
  so ("Objet : votre immatriculation");
- **recalls**: it recalls a number already given ("votre numéro provisoire reste valable", "rappel de");
- **asks**: it asks for documents ("pièces justificatives", "dossier incomplet", "veuillez nous adresser");
- **form**: photo box, signature box, "Je certifie", "retournez ce formulaire", with "carte Vitale";
- **carries**: an attestation, a statement of reimbursements, the ameli account, the médecin traitant...

:func:`decide` applies the rule to the facts found, and says how clear the evidence was; when no fact decides,
it returns None and the caller falls back on the phrase model.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

import regex

from cpam_reader.base.facts import DocumentKind
from cpam_reader.base.result import Classification, LetterType, NirStatus, NumberCandidate
from cpam_reader.letter import documents
from cpam_reader.letter.phrases import find_phrase, first_at, near, normalise

ASSURANCE_MALADIE = (
    "assurance maladie",
    "caisse primaire",
    "cpam",
    "cgss",
    "caisse generale de securite sociale",
    "ameli.fr",
    "ameli",
    "36 46",
    "3646",
)
OTHER_SENDERS: Mapping[str, tuple[str, ...]] = {
    "caf": ("caisse d'allocations familiales", "allocations familiales", "allocataire", "caf.fr"),
    "urssaf": ("urssaf",),
    "tax office": ("finances publiques", "avis d'impot", "impots.gouv", "numero fiscal", "revenu fiscal de reference"),
    "payslip": ("net a payer", "salaire de base", "net imposable", "cotisations salariales", "bulletin de paie"),
    "bank": ("releve de compte", "solde crediteur", "solde debiteur", "nouveau solde", "ancien solde", "votre agence"),
    "pension": ("assurance retraite", "releve de carriere", "lassuranceretraite"),
    "employment": ("france travail", "pole emploi"),
    "utility": ("kwh", "point de livraison", "consommation estimee", "votre fournisseur", "releve de compteur"),
    "prefecture": ("prefecture", "prefet"),
    "insurer": ("attestation d'assurance", "assurance habitation", "numero de contrat", "votre assureur"),
    "mutuelle": ("mutuelle", "adherent"),
    "landlord": ("quittance de loyer", "bailleur", "locataire"),
    "telecom": ("forfait", "ligne mobile", "box internet"),
    "town hall": ("mairie de", "hotel de ville", "service etat civil de la ville"),
    "notary": ("office notarial", "etude notariale", "notaires associes"),
    "employer": ("ressources humaines", "service du personnel", "direction du personnel", "service paie", "sarl"),
}
GIVES = (
    "vous a ete attribue",
    "vous est attribue",
    "vous avons attribue",
    "vous attribuons",
    "vous a ete attribuee",
    "vous est delivre",
    "vous etes immatricule",
    "vous etes immatriculee",
    "vous etes desormais immatricule",
    "vous etes desormais immatriculee",
    "avons procede a votre immatriculation",
    "nous vous communiquons votre numero",
    "nous vous communiquons ci-dessous votre numero",
    "nous avons le plaisir de vous communiquer votre numero",
    "nous avons le plaisir de vous faire connaitre",
    "vous trouverez ci-dessous votre numero",
    "voici votre numero",
    "communiquez-le a votre employeur",
    "transmettez-le a votre employeur",
    "donnez-le a votre employeur",
    "a communiquer a votre employeur",
    "a transmettre a votre employeur",
    "numero personnel et definitif",
)
_GIVES_PATTERN = regex.compile(
    r"\b(?:numero|nir|nia)\b[^.;]{0,60}\b(?:vous\s+)?a\s+(?:bien\s+)?ete\s+(?:attribue|cree|delivre|valide|confirme|genere)"
    r"|\b(?:vous\s+etes|vous\s+avez\s+ete)\s+(?:desormais\s+|bien\s+)?(?:immatricule|affilie|inscrit)e?s?\b"
    r"[^.;]{0,40}\b(?:sous|avec)\s+le\s+numero"
    r"|(?:votre|ton|le|un)\s+(?:nouveau\s+)?(?:numero|nir|nia)\b[^.:;]{0,70}?\b(?:est|sera|devient)\s*:?\s*"
    r"(?:desormais\s+|maintenant\s+)?(?:le\s+suivant\s*)?(?::|\d|definitif|provisoire)"
    r"|(?:votre|le)\s+numero[^.:;]{0,40}\b(?:desormais|maintenant|aujourd'hui)\s+definitif"
    r"|(?:votre|le)\s+(?:numero|nir|nia)\b[^.;]{0,50}\b(?:est|figure|apparait)\s+(?:reproduit|indique|mentionne|inscrit"
    r"|imprime|ci-dessous|plus\s+bas|dans\s+l.encadre|dans\s+le\s+cadre)"
    r"|\bvous\s+trouverez\s+(?:ci-dessous\s+|plus\s+bas\s+)?votre\s+(?:numero|nir|nia)\b"
    r"|\bvotre\s+immatriculation\b[^.;]{0,40}\best\s+(?:desormais\s+)?(?:enregistree|terminee|effective|validee|finalisee)"
)
"""A number given in a sentence: "Votre numéro d'immatriculation est : ...", "votre numéro, désormais définitif,
est :", "votre numéro de sécurité sociale devient définitif", "votre numéro ... est reproduit plus bas", "Votre
immatriculation est enregistrée"."""
RECALLS = (
    "rappel de votre numero",
    "nous vous rappelons que votre numero",
    "votre numero provisoire reste valable",
    "votre numero reste valable",
    "numero deja attribue",
    "qui vous a deja ete attribue",
    "qui vous a ete communique",
    "precedemment attribue",
    "concernant votre numero",
)
ASKS = (
    "pieces justificatives",
    "pieces manquantes",
    "piece manquante",
    "documents manquants",
    "document manquant",
    "dossier incomplet",
    "dossier est incomplet",
    "dossier n'est pas complet",
    "completer votre dossier",
    "completer votre demande",
    "veuillez nous adresser",
    "veuillez nous faire parvenir",
    "veuillez nous transmettre",
    "veuillez nous retourner",
    "merci de nous adresser",
    "merci de nous faire parvenir",
    "merci de nous transmettre",
    "merci de nous retourner",
    "nous vous remercions de nous adresser",
    "nous vous remercions de nous faire parvenir",
    "nous avons besoin",
    "mise en demeure",
    "pieces suivantes",
    "documents suivants",
    "il nous manque",
    "nous n'avons pas recu",
    "faire parvenir",
)
FILE_DOCUMENTS = ("piece d'identite", "livret de famille", "etat civil")
"""Documents asked for a file beyond the kinds :mod:`cpam_reader.letter.documents` names (the civil status, the right to
stay, the work: those kinds are what a documents request asks)."""
BANK_DETAILS = documents.PHRASES[DocumentKind.RIB]
FILE_STEPS = ("mise en demeure", "dossier incomplet", "completer votre dossier", "pieces manquantes")
"""A file being completed, whatever it asks for: a documents request, not a demande de RIB."""
PAYMENTS = ("rembourser", "remboursement", "remboursements", "versement", "virement", "paiement", "prestations")
"""Asked alone, to pay the person, bank details make a "demande de RIB": a document of the "other" kind
(``cpam-letters.md``)."""
FORM_PARTS: Mapping[str, tuple[str, ...]] = {
    "photo": ("collez votre photo", "collez ici", "photo d'identite", "photographie d'identite", "votre photo"),
    "signature": ("signature", "signez"),
    "certify": ("je certifie", "sur l'honneur", "exactitude des"),
    "return": ("retournez ce formulaire", "renvoyez ce formulaire", "enveloppe", "formulaire complete"),
    "id_copy": ("recto verso", "photocopie", "copie de votre piece d'identite"),
}
CARTE_VITALE = ("carte vitale",)
CARRIES = (
    "attestation de droits",
    "attestation provisoire de droits",
    "attestation provisoire",
    "attestation d'affiliation",
    "attestation de vos droits",
    "releve de remboursements",
    "releve de vos remboursements",
    "releve des prestations",
    "decompte",
    "indemnites journalieres",
    "compte ameli",
    "code provisoire",
    "code d'activation",
    "medecin traitant",
    "complementaire sante solidaire",
    "carte europeenne",
    "montant rembourse",
    "date des soins",
)
_ASKS_PATTERN = regex.compile(
    r"\b(?:veuillez|merci\s+de|nous\s+vous\s+(?:prions|remercions|invitons|demandons)\s+de"
    r"|vous\s+(?:devez|voudrez\s+bien)|il\s+vous\s+appartient\s+de|pourriez-vous|je\s+vous\s+(?:prie|remercie)\s+de)"
    r"(?:\s+bien\s+vouloir)?\s+(?:nous\s+|me\s+)?(?:les\s+|le\s+|la\s+)?"
    r"(?:adresser|transmettre|faire\s+parvenir|retourner|fournir|envoyer|communiquer|produire|renvoyer|deposer|joindre)"
    r"|\b(?:pieces|documents|justificatifs)\s+(?:a\s+fournir|a\s+joindre|a\s+nous\s+(?:adresser|transmettre|retourner))"
)
"""A request in a sentence, however it is put: "nous vous prions de bien vouloir nous adresser", "pièces à fournir"."""
_SUBJECT_GIVES = regex.compile(
    r"(?:votre|un|le|du)\s+(?:nouveau\s+)?(?:numero|nir\b|nia\b)|attribution"
    r"|(?<!dossier d')(?<!demande d')immatriculation"
)
"""A subject that announces a number ("Objet : votre numéro provisoire et les pièces à fournir", "Attribution de
votre numéro"), not a file ("Objet : votre dossier d'immatriculation")."""
_PHOTO_BOX = regex.compile(r"\W{0,3}photo(?:graphie)?\W{0,3}(?:$|\(|d'identite|ici|a coller)")
"""A photo box's caption alone on its row ("Photo", "PHOTO d'identité", "Photo (ne pas agrafer)")."""
_HEADING_GIVES = regex.compile(r"(?:votre|un|le)\s+(?:nouveau\s+)?(?:numero|nir\b|nia\b)|attribution de votre numero")
"""A letter's title that announces its number ("Votre numéro provisoire et les pièces à fournir")."""
_DIGITS = regex.compile(r"\d")
_STARTS_WITH_DIGITS = regex.compile(r"\W{0,3}\d")
_NEVER_ASKED = regex.compile(r"[^.\n]*\bjamais\b[^.]*")
"""A sentence of what the caisse never asks ("L'Assurance Maladie ne vous demandera jamais vos coordonnées
bancaires..."), the usual warning against fraud: no request."""
_FAX_HEADER = regex.compile(r"\bfax\b.*\bp\.?\s?\d{1,3}\s*/\s*\d{1,3}|\d\d:\d\d\s+fax\b", regex.IGNORECASE)
"""The line a fax machine prints atop each page (its own name, not the letter's sender)."""
_ITS_WORDS = (*ASSURANCE_MALADIE, "carte vitale", "securite sociale", "assure social", "assuree sociale")
HEAD_LINES = 14
FOOT_LINES = 10
SUBJECT = regex.compile(r"^\W{0,3}(?:objet|obj){e<=1}\s*:(.+)$", regex.MULTILINE)
"""The subject line ("Objet : ..."), where a letter states its purpose."""


@dataclasses.dataclass(frozen=True)
class Facts:
    """What the letter shows, each with the words that showed it (its evidence)."""

    from_assurance_maladie: str | None = None
    other_sender: tuple[str, str] | None = None
    """(which body, the words) when another body wrote it."""
    gives: str | None = None
    gives_strongly: bool = False
    """The number is given in so many words ("vous a été attribué"), not only "votre numéro ... est :"."""
    recalls: str | None = None
    asks: str | None = None
    asks_for_the_file: bool = True
    """The letter names a document of the file the reference lists (civil status, identity, right to stay, work,
    bank details), or the file's own steps (dossier incomplet, mise en demeure)."""
    asks_only_bank_details: bool = False
    form: tuple[str, ...] = ()
    """The parts of a form found (photo, signature...), with "carte vitale" first when named."""
    carries: str | None = None
    carries_in_title: bool = False
    mentions_assurance_maladie: bool = True
    """Whether any word of the Assurance Maladie is in the letter at all (its name, a caisse, ameli, the carte
    Vitale, the social security): a letter with none is not one of its letters."""
    status_number: NirStatus | None = None
    """The status of a number tied to "définitif"/"provisoire", definitive first."""


def find_facts(text: str, candidates: Sequence[NumberCandidate]) -> Facts:
    """The purpose facts of a letter's text (its rows joined by newlines) and the numbers found in it."""
    rows = [row for row in text.splitlines() if row.strip() and not _FAX_HEADER.search(row)]
    normal = normalise("\n".join(rows))
    head = normalise("\n".join(rows[:HEAD_LINES]))
    edges = head + "\n" + normalise("\n".join(rows[-FOOT_LINES:]))
    subject_match = SUBJECT.search("\n".join(normalise(row) for row in rows))
    subject = subject_match.group(1) if subject_match else ""
    headings = [
        normalise(row).strip(" -:.*")
        for n, row in enumerate(rows[:HEAD_LINES])
        if len(row) <= 80
        and len(row.split()) > 2
        and not any(_STARTS_WITH_DIGITS.match(r) for r in rows[n + 1 : n + 3])
    ]  # a row over the number ("Votre numéro" / "1761059134201 78"), two columns apart at most, is its label
    title = subject + "\n" + "\n".join(h for h in headings if any(h.startswith(p) for p in CARRIES))
    other = None
    for body, phrases in OTHER_SENDERS.items():
        found = find_phrase(phrases, edges) or _twice(phrases, normal)
        if found:
            other = (body, found)
            break
    assurance_maladie = find_phrase(ASSURANCE_MALADIE, edges)
    if other and assurance_maladie:  # both named: the letterhead says who wrote it, the first name in it
        ours, theirs = first_at(ASSURANCE_MALADIE, head), first_at(OTHER_SENDERS[other[0]], head)
        if theirs < ours:
            assurance_maladie = None
    form_parts = tuple(
        name
        for name, phrases in FORM_PARTS.items()
        if find_phrase(phrases, normal) or (name == "photo" and any(_PHOTO_BOX.match(normalise(r)) for r in rows))
    )
    carte_vitale = find_phrase(CARTE_VITALE, head + "\n" + title)  # a form names its card at its top
    asked = _NEVER_ASKED.sub(" ", normal)
    named = [kind for _, kind in documents.mentions(asked) if kind is not DocumentKind.OTHER]
    statuses = {c.status for c in candidates}
    gives = find_phrase(GIVES, normal)
    strong = bool(gives)
    if not gives:
        gives = _match(_GIVES_PATTERN, normal)
    heading = next((h for h in headings if _HEADING_GIVES.match(h) and not _DIGITS.search(h)), "")
    if not gives and _SUBJECT_GIVES.search(subject) and not find_phrase(RECALLS, subject):
        gives = f"objet: {subject.strip()[:60]}"
    elif not gives and heading and not heading.endswith(":"):
        gives = f"title: {heading[:60]}"
    carries = find_phrase(CARRIES, head + "\n" + title)  # its title says what it is: not "compte ameli" in a sentence
    return Facts(
        from_assurance_maladie=assurance_maladie,
        mentions_assurance_maladie=bool(find_phrase(_ITS_WORDS, normal)),
        other_sender=other,
        gives=gives,
        gives_strongly=strong,
        recalls=find_phrase(RECALLS, normal),
        asks=find_phrase(ASKS, asked) or _match(_ASKS_PATTERN, asked),
        asks_for_the_file=bool(named or find_phrase((*FILE_DOCUMENTS, *FILE_STEPS), asked)),
        asks_only_bank_details=set(named) == {DocumentKind.RIB}
        and near(BANK_DETAILS, PAYMENTS, asked)
        and not find_phrase((*FILE_DOCUMENTS, *FILE_STEPS), asked),
        form=(("carte vitale",) if carte_vitale else ()) + form_parts,
        carries=carries,
        carries_in_title=bool(find_phrase(CARRIES, title)),
        status_number=next((s for s in (NirStatus.DEFINITIF, NirStatus.PROVISOIRE) if s in statuses), None),
    )


def _twice(phrases: Sequence[str], normal: str) -> str | None:
    """A sender's words seen twice or more in the body (two different phrases, or one twice)."""
    seen = [p for p in phrases if regex.search(rf"\b{regex.escape(p)}\b", normal)]
    if len(seen) >= 2 or (seen and len(regex.findall(rf"\b{regex.escape(seen[0])}\b", normal)) >= 2):
        return seen[0]
    return None


def _match(pattern: regex.Pattern[str], normal: str) -> str | None:
    found = pattern.search(normal)
    return found.group() if found else None


def decide(facts: Facts, *, partial: bool = False) -> Classification | None:
    """The letter type the facts decide, how clear they were, and why; None when no fact decides.

    ``partial``: the facts come from part of the page (a zoomed screenshot): a letterhead out of view is no sign
    that the letter is not the Assurance Maladie's.

    >>> decided = decide(Facts(from_assurance_maladie="cpam", gives="vous a ete attribue", gives_strongly=True,
    ...                        asks="pieces justificatives"))
    >>> decided.letter_type, decided.confidence
    (<LetterType.NUMBER_ASSIGNMENT: 'number_assignment'>, 0.93)
    >>> decided.evidence
    ('sender: cpam', 'gives a number: vous a ete attribue', 'asks for documents: pieces justificatives')
    >>> decide(Facts(other_sender=("bank", "releve de compte"), asks="veuillez nous adresser")).letter_type
    <LetterType.OTHER: 'other'>
    >>> decide(Facts(from_assurance_maladie="cpam")) is None
    True
    >>> decide(Facts(mentions_assurance_maladie=False, asks="veuillez nous adresser")).evidence
    ('not from the Assurance Maladie: no word of it',)
    >>> decide(Facts(mentions_assurance_maladie=False, gives="vous a ete attribue"), partial=True).letter_type
    <LetterType.NUMBER_ASSIGNMENT: 'number_assignment'>
    """
    evidence = []
    if facts.from_assurance_maladie:
        evidence.append(f"sender: {facts.from_assurance_maladie}")
    if facts.other_sender and not facts.from_assurance_maladie:
        body, words = facts.other_sender
        return Classification(LetterType.OTHER, 0.9, (f"sent by another body ({body}): {words}",), False)
    if not facts.mentions_assurance_maladie and not partial:
        return Classification(LetterType.OTHER, 0.7, ("not from the Assurance Maladie: no word of it",), False)
    form = [part for part in facts.form if part != "carte vitale"]
    framed = "photo" in form or "certify" in form
    if "carte vitale" in facts.form and framed and (len(form) >= 4 or (len(form) >= 2 and not _gives(facts))):
        return _decided(LetterType.CARTE_VITALE_FORM, 0.95, evidence, f"a form: {', '.join(facts.form)}")
    if facts.gives_strongly and _gives(facts):
        why = [f"gives a number: {facts.gives}"]
        if facts.asks:
            why.append(f"asks for documents: {facts.asks}")
        return _decided(LetterType.NUMBER_ASSIGNMENT, 0.93, evidence, *why)
    if facts.carries_in_title and not facts.asks:
        return _decided(LetterType.OTHER, 0.9, evidence, f"carries a number: {facts.carries}")
    if _gives(facts):
        why = [f"gives a number: {facts.gives or f'number {facts.status_number}'}"]
        if facts.asks:
            why.append(f"asks for documents: {facts.asks}")
        clear = 0.93 if facts.gives else 0.8
        return _decided(LetterType.NUMBER_ASSIGNMENT, clear, evidence, *why)
    if facts.asks and facts.asks_only_bank_details:
        return _decided(LetterType.OTHER, 0.85, evidence, f"asks for bank details only: {facts.asks}")
    if facts.asks and not facts.asks_for_the_file:
        other_request = f"asks for something else than a file's documents: {facts.asks}"
        return _decided(LetterType.OTHER, 0.75, evidence, other_request)
    if facts.asks:
        why = [f"asks for documents: {facts.asks}"]
        if facts.recalls:
            why.append(f"recalls a number: {facts.recalls}")
        return _decided(LetterType.DOCUMENTS_REQUEST, 0.9, evidence, *why)
    if facts.carries:
        return _decided(LetterType.OTHER, 0.8, evidence, f"carries a number: {facts.carries}")
    if "carte vitale" in facts.form and len(form) >= 2:
        return _decided(LetterType.CARTE_VITALE_FORM, 0.75, evidence, f"a form: {', '.join(facts.form)}")
    return None


def _gives(facts: Facts) -> bool:
    """Whether the letter gives a number: in words, or a number tied to its status with nothing recalled."""
    if facts.gives:
        return facts.gives_strongly or not (facts.recalls and facts.asks)
    return facts.status_number is not None and not facts.recalls and not facts.asks


def _decided(kind: LetterType, confidence: float, evidence: list[str], *why: str) -> Classification:
    return Classification(kind, confidence, tuple([*evidence, *why][:6]), True)
