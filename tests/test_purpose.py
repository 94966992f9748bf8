"""The letter's type from its purpose, and the number's status from the letter's words, on wordings written by hand.

Each case is a cause the held-out letters showed (issue 14), not one of their letters: a number given with no
status word, a provisional number given with a list of documents, a request that recalls a number, forms of
other layouts, documents of other bodies that ask for documents or carry a number, the status away from the
number.
"""

from __future__ import annotations

import pytest

from cpam_reader.base.result import LetterType, NirStatus
from cpam_reader.base.text import lines_from_text, page_text
from cpam_reader.letter.classify import classify
from cpam_reader.letter.purpose import decide, find_facts
from cpam_reader.number.choice import read_numbers

CPAM_HEAD = "Caisse primaire d'assurance maladie de la Sarthe\n72000 Le Mans\nLe Mans, le 4 février 2025\n"
CPAM_FOOT = "\nLe service des assurés\nameli.fr - 36 46"
NIR = "1 85 12 75 123 456 88"
NIA = "7 91 03 99 352 208 34"

CASES = {
    "given, no status word": (
        CPAM_HEAD + "Madame,\nVotre numéro d'immatriculation est le suivant : " + NIR + "\nNous vous prions "
        "d'agréer, Madame, nos salutations distinguées." + CPAM_FOOT,
        LetterType.NUMBER_ASSIGNMENT,
        None,
    ),
    "given in a sentence": (
        CPAM_HEAD + "Votre numéro, désormais définitif, est :\n" + NIR + CPAM_FOOT,
        LetterType.NUMBER_ASSIGNMENT,
        NirStatus.DEFINITIF,
    ),
    "provisional number given, documents asked": (
        CPAM_HEAD + "Vous êtes immatriculée à titre temporaire. Votre numéro provisoire : " + NIA + "\nPour "
        "obtenir votre numéro définitif, veuillez nous adresser les pièces suivantes :\n- votre passeport\n"
        "- une copie intégrale de votre acte de naissance" + CPAM_FOOT,
        LetterType.NUMBER_ASSIGNMENT,
        NirStatus.PROVISOIRE,
    ),
    "request recalling a number": (
        CPAM_HEAD + "Objet : pièces manquantes\nVotre dossier est incomplet. Votre numéro provisoire reste "
        "valable : "
        + NIA
        + "\nMerci de nous faire parvenir votre titre de séjour dans un délai de 30 jours."
        + CPAM_FOOT,
        LetterType.DOCUMENTS_REQUEST,
        NirStatus.PROVISOIRE,
    ),
    "request about a file, no number": (
        CPAM_HEAD + "Dossier n° 2025-118734\nNous ne pouvons pas terminer l'étude de votre demande : il nous "
        "manque un RIB à votre nom. Sans réponse de votre part sous deux mois, votre demande sera classée." + CPAM_FOOT,
        LetterType.DOCUMENTS_REQUEST,
        None,
    ),
    "form, photo box below, number as text": (
        CPAM_HEAD + "Demande de carte Vitale\nN° de sécurité sociale : " + NIR + "\nNom : MARTIN\nJe certifie "
        "l'exactitude des renseignements ci-dessus.\nSignature :\nPhoto d'identité (35 x 45 mm)\nFormulaire à "
        "renvoyer dans l'enveloppe jointe." + CPAM_FOOT,
        LetterType.CARTE_VITALE_FORM,
        None,
    ),
    "given, printed further down in a box": (
        CPAM_HEAD + "Madame,\nVotre immatriculation est enregistrée : votre numéro de sécurité sociale est reproduit "
        "plus bas, dans l'encadré prévu à cet effet.\nConservez ce courrier.\nCréez votre compte ameli.\n"
        "En cas de déménagement, prévenez-nous.\nÀ conserver\n" + NIA.replace(" ", "")[:13] + CPAM_FOOT,
        LetterType.NUMBER_ASSIGNMENT,
        None,
    ),
    "demande de RIB, the number under its label in a header block": (
        CPAM_HEAD + "Vos références\nVotre numéro\nMadame OKAFOR Ioana\n" + NIR + "\nObjet : Demande de relevé "
        "d'identité bancaire\nAfin de pouvoir vous rembourser vos frais de santé par virement, nous avons besoin de "
        "vos coordonnées bancaires.\nMerci de nous adresser un RIB à votre nom." + CPAM_FOOT,
        LetterType.OTHER,
        None,
    ),
    "request for an employer's attestation, with the usual warning against fraud": (
        CPAM_HEAD + "Assuré(e) : Kwame BOUZID — n° " + NIR + "\nPour calculer vos indemnités journalières, il nous "
        "manque des éléments.\nVeuillez nous adresser l'attestation de votre employeur.\nSoyez vigilant : "
        "l'Assurance Maladie ne vous demandera jamais vos coordonnées bancaires par SMS. Suivez vos remboursements "
        "sur ameli." + CPAM_FOOT,
        LetterType.DOCUMENTS_REQUEST,
        None,
    ),
    "bank details asked for the file, reimbursements named only in the usual information further down": (
        CPAM_HEAD + "Objet : votre affiliation\nPour finaliser votre affiliation, veuillez nous adresser un RIB à "
        "votre nom.\nNous vous prions d'agréer nos salutations distinguées.\n"
        + "Informations utiles.\n" * 12
        + "Avec votre compte ameli, suivez vos remboursements et téléchargez une attestation de droits."
        + CPAM_FOOT,
        LetterType.DOCUMENTS_REQUEST,
        None,
    ),
    "another form, the carte Vitale named only in the general information after it": (
        CPAM_HEAD + "Déclaration de choix du médecin traitant\nN° de sécurité sociale : " + NIR + "\nNom du médecin : "
        "Dr MARTIN\nJe certifie l'exactitude des renseignements.\nSignature de l'assuré(e) :\n"
        + "Informations utiles.\n" * 12
        + "Avec votre compte ameli, vous pouvez commander votre carte Vitale."
        + CPAM_FOOT,
        LetterType.OTHER,
        None,
    ),
    "attestation carrying a number": (
        CPAM_HEAD + "Attestation de droits à l'assurance maladie\nBénéficiaire : M. Karim BENALI\nN° "
        "d'immatriculation : " + NIR + "\nDroits ouverts du 01/01/2025 au 31/12/2025" + CPAM_FOOT,
        LetterType.OTHER,
        None,
    ),
    "payslip carrying a number": (
        "BULLETIN DE PAIE\nSARL Boulangerie Moreau - SIRET 512 345 678 00021\nPériode du 01/03/2025 au "
        "31/03/2025\nSalarié : Ana LOPEZ - N° sécurité sociale : " + NIR + "\nSalaire de base 1 801,80\n"
        "Cotisations salariales 412,15\nNet à payer 1 389,65\nNet imposable 1 420,10",
        LetterType.OTHER,
        None,
    ),
    "bank asking for documents": (
        "Banque Régionale de l'Ouest - votre agence de Nantes\nRelevé de compte n° 12\nAncien solde 1 245,10\n"
        "Nouveau solde 998,47\nDans le cadre de la mise à jour de votre dossier, veuillez nous adresser un "
        "justificatif de domicile de moins de trois mois.",
        LetterType.OTHER,
        None,
    ),
    "CAF form asking for documents": (
        "Caisse d'allocations familiales de la Sarthe\nDéclaration de situation\nNuméro allocataire : 1234567\n"
        "Je certifie sur l'honneur l'exactitude des renseignements.\nSignature :\nPièces justificatives à "
        "joindre : avis d'imposition, justificatif de domicile.\ncaf.fr",
        LetterType.OTHER,
        None,
    ),
}


def read(text: str):
    lines = lines_from_text(text, 1)
    candidates, choice = read_numbers(lines)
    return classify(page_text(lines), candidates), choice


@pytest.mark.parametrize("case", list(CASES))
def test_type_by_purpose(case: str) -> None:
    text, kind, status = CASES[case]
    classification, choice = read(text)
    assert classification.letter_type is kind, classification
    assert classification.confidence >= 0.75 and classification.evidence
    assert (choice.candidate.status if choice.candidate else None) is status


def test_the_evidence_names_the_sender_and_the_purpose() -> None:
    classification, _ = read(CASES["provisional number given, documents asked"][0])
    assert any(e.startswith("sender:") for e in classification.evidence)
    assert any(e.startswith("gives a number") for e in classification.evidence)
    assert any(e.startswith("asks for documents") for e in classification.evidence)


def test_another_body_is_never_the_assurance_maladie() -> None:
    facts = find_facts(CASES["bank asking for documents"][0], [])
    assert facts.other_sender is not None and facts.from_assurance_maladie is None
    decided = decide(facts)
    assert decided is not None and decided.letter_type is LetterType.OTHER


@pytest.mark.parametrize(
    ("text", "status"),
    [
        # the status two lines after the number, a file number in between
        (
            "Votre numéro de sécurité sociale :\n" + NIR + "\nDossier n° 2025-118734\nCe numéro est définitif.",
            "definitif",
        ),
        # the status in a header row, the number and its status in the row below
        ("N° de sécurité sociale    Statut\n" + NIA + "    Provisoire", "provisoire"),
        # the status in the first paragraph, the number in a box far below
        (
            "Un numéro d'identification d'attente vous a été attribué.\n"
            + "\n".join(f"ligne {i} du courrier" for i in range(6))
            + "\nN° "
            + NIA,
            "provisoire",
        ),
        # the status word starts the next line of the sentence, "encore" before it (not "code")
        (
            "Votre numéro d'immatriculation, " + NIA + ", encore\nprovisoire à ce jour, doit figurer sur vos envois.",
            "provisoire",
        ),
        ("Votre numéro d'immatriculation, " + NIA + ", encore provisoire à ce jour, doit figurer", "provisoire"),
        # a synonym, in a label wrapped in its table cell
        ("Nous vous attribuons un numéro " + NIA + "\ntemporaire :", "provisoire"),
        # a header block of two columns: label, the addressee's row, the value
        (
            "N° d'immatriculation\n" + NIA + "\nStatut\nMonsieur ROSSI Luis\nProvisoire\n25 rue des Écoles\n"
            "L'instruction de votre immatriculation définitive est en cours.",
            "provisoire",
        ),
        # a permanent number still to come says nothing of the number given
        (
            "Votre numéro : " + NIA + "\nSans ces documents, nous ne pourrons pas vous attribuer de numéro définitif.",
            None,
        ),
        ("N° de sécurité sociale : 2 84 05 88 321 025 / clé 32 (définitif)", "definitif"),
        # the reference's phrase wrapped: "Un numéro de sécurité sociale" / "personnel et définitif vous est attribué"
        (
            "Un numéro de sécurité sociale\npersonnel et définitif vous est attribué :\n"
            "2 8 4 0 5 8 8 3 2 1 0 2 5 Clé 3 2",
            "definitif",
        ),
    ],
)
def test_status_away_from_the_number(text: str, status: str) -> None:
    _, choice = read(CPAM_HEAD + text + CPAM_FOOT)
    assert choice.candidate is not None and choice.candidate.status == status


def test_old_and_new_numbers_the_new_one_is_the_answer() -> None:
    text = (
        CPAM_HEAD
        + "Votre numéro de sécurité sociale : "
        + NIR
        + "\nIl remplace votre ancien numéro "
        + NIA
        + ", que vous ne devez plus utiliser."
        + CPAM_FOOT
    )
    _, choice = read(text)
    assert choice.candidate is not None and choice.candidate.value == NIR.replace(" ", "")
    assert choice.old is not None and choice.old.value == NIA.replace(" ", "")


@pytest.mark.parametrize(
    "text",
    [
        "N° de dossier : 2026344864993\nVotre numéro provisoire : " + NIA,  # a 13-digit file number, compact
        "Référence à rappeler :\n2025342306007\nUn numéro provisoire vous a été attribué :\n" + NIA,
        "Nos réf. : 2024386539399\nNuméro d'identification d'attente : " + NIA,
    ],
)
def test_a_number_labelled_as_another_kind_is_never_the_answer(text: str) -> None:
    _, choice = read(CPAM_HEAD + text + CPAM_FOOT)
    assert choice.candidate is not None and choice.candidate.value == NIA.replace(" ", "")


def test_nia_inside_a_reference_code_is_not_a_status() -> None:
    text = CPAM_HEAD + "Référence NIA/2025/67230\nNuméro de sécurité sociale " + NIR + CPAM_FOOT
    _, choice = read(text)
    assert choice.candidate is not None and choice.candidate.status is None


def test_the_label_on_the_line_above_puts_a_boxed_number_in_context() -> None:
    wrong_key = "2 6 6 0 6 8 0 2 6 1 8 6 2 1 7"  # one box per character, printed with a wrong key
    _, choice = read(CPAM_HEAD + "Vos coordonnées\nN° d'assuré(e) :\n" + wrong_key + CPAM_FOOT)
    assert choice.candidate is not None and choice.candidate.value == wrong_key.replace(" ", "")
    assert not choice.candidate.valid and "invalid_key" in choice.warnings


def test_a_form_whose_photo_box_says_only_photo() -> None:
    text = (
        CPAM_HEAD
        + "Votre première carte Vitale\nRetournez ce formulaire dans l'enveloppe jointe.\nN° d'assuré(e) :\n"
        + NIR
        + "\nPhoto\n(ne pas agrafer)\nSignature\nJe certifie sur l'honneur l'exactitude des informations."
        + CPAM_FOOT
    )
    classification, _ = read(text)
    assert classification.letter_type is LetterType.CARTE_VITALE_FORM


def test_a_number_assignment_announcing_the_carte_vitale_form_is_not_the_form() -> None:
    text = (
        CPAM_HEAD + "Objet : Votre immatriculation\nNous avons le plaisir de vous communiquer votre numéro de "
        "sécurité sociale définitif.\nVotre carte Vitale vous sera proposée prochainement : vous recevrez un "
        "formulaire à compléter et à nous retourner avec votre photo.\nÀ communiquer à votre employeur\n"
        + NIR
        + CPAM_FOOT
    )
    classification, choice = read(text)
    assert classification.letter_type is LetterType.NUMBER_ASSIGNMENT
    assert choice.candidate is not None and choice.candidate.status is NirStatus.DEFINITIF


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("N° provisoire (NIA) : 8 66 06 99 131 567 (clé 59)", "866069913156759"),  # the key in brackets
        ("Référence Date N° provisoire\n2026952454885 15/09/2024 8 66 06 99 131 567 (clé 59)", "866069913156759"),
        ("Votre demande a été enregistrée sous le n° 2024285982050.\nIdentifiant :\n" + NIR, NIR.replace(" ", "")),
        ("N° de la carte : 63158 84693 24710 53838\nNuméro d'identification personnel : " + NIR, NIR.replace(" ", "")),
        ("Réf. 2026952454885", None),  # a lone 13-digit run with no label is a reference, not a number
    ],
)
def test_references_dates_and_card_numbers_beside_the_number(text: str, value: str | None) -> None:
    _, choice = read(CPAM_HEAD + text + CPAM_FOOT)
    assert (choice.candidate.value if choice.candidate else None) == value


def test_a_temporary_number_is_provisional() -> None:
    _, choice = read(CPAM_HEAD + "Nous vous attribuons un numéro temporaire :\n" + NIA + CPAM_FOOT)
    assert choice.candidate is not None and choice.candidate.status is NirStatus.PROVISOIRE


def test_the_letterhead_not_the_fax_machine_says_who_wrote() -> None:
    text = (
        "20/07/2024 08:35 FAX +33 186 469298 CPAM SERVICE ASSURES P.001/003\nUrssaf Val-de-Marne\nTSA 60050\n"
        "Objet : Confirmation de votre immatriculation\nNous vous confirmons votre immatriculation en qualité de "
        "travailleur indépendant.\nN° de sécurité sociale " + NIR + "\nurssaf.fr"
    )
    classification, _ = read(text)
    assert classification.letter_type is LetterType.OTHER and "urssaf" in classification.evidence[0]


def test_bank_details_asked_to_pay_the_person_is_a_demande_de_rib() -> None:
    text = (
        CPAM_HEAD + "Objet : vos remboursements\nPour que nous puissions effectuer le versement de vos "
        "remboursements, veuillez nous adresser un relevé d'identité bancaire (RIB) à votre nom." + CPAM_FOOT
    )
    classification, _ = read(text)
    assert classification.letter_type is LetterType.OTHER


def test_an_account_number_ending_in_fifteen_digits_is_not_a_number() -> None:
    _, choice = read(CPAM_HEAD + "Votre numéro de compte cotisant est le 393 747542340669193." + CPAM_FOOT)
    assert choice.candidate is None


def test_a_number_far_from_its_words_on_another_bodys_document_is_flagged() -> None:
    from cpam_reader.letter.review import review_reasons

    text = (
        "Urssaf Île-de-France\nConfirmation de votre immatriculation\nVotre activité est enregistrée.\n"
        "Nom DUPONT\nCode APE 4520A\n" + NIR + "\nurssaf.fr"
    )
    classification, choice = read(text)
    assert classification.letter_type is LetterType.OTHER and classification.from_assurance_maladie is False
    assert choice.candidate is not None
    reasons = review_reasons(
        letter_type=classification.letter_type,
        confidence=classification.confidence,
        has_number=True,
        warnings=choice.warnings,
        from_assurance_maladie=classification.from_assurance_maladie,
    )
    assert "unlabelled_number" in reasons


def test_a_document_without_a_word_of_the_assurance_maladie_is_other() -> None:
    text = (
        "Mairie de Villeurbanne - Service scolaire\nInscription scolaire 2025-2026\nPour finaliser "
        "l'inscription, veuillez nous adresser les pièces justificatives suivantes : un justificatif de "
        "domicile, le livret de famille."
    )
    classification, _ = read(text)
    assert classification.letter_type is LetterType.OTHER and classification.from_assurance_maladie is False


@pytest.mark.parametrize(
    "sentence",
    [
        "Nous vous prions de bien vouloir nous transmettre votre titre de séjour.",
        "Vous voudrez bien nous faire parvenir une copie de votre passeport.",
        "Pièces à fournir : acte de naissance, justificatif de domicile.",
    ],
)
def test_a_request_however_it_is_put(sentence: str) -> None:
    classification, _ = read(CPAM_HEAD + "Votre dossier d'ouverture de droits.\n" + sentence + CPAM_FOOT)
    assert classification.letter_type is LetterType.DOCUMENTS_REQUEST


def test_asking_for_something_else_than_a_files_documents_is_other() -> None:
    text = (
        CPAM_HEAD
        + "Votre médecin traitant\nMerci de nous retourner la déclaration signée par votre médecin."
        + CPAM_FOOT
    )
    classification, _ = read(text)
    assert classification.letter_type is LetterType.OTHER


def test_an_employers_letter_is_the_employers() -> None:
    text = (
        "Boulangerie Moreau SARL\nService du personnel\nAttestation\nNous vous prions de bien vouloir nous "
        "transmettre votre RIB et la copie de votre titre de séjour pour votre dossier. Votre CPAM recevra "
        "l'attestation de salaire."
    )
    classification, _ = read(text)
    assert classification.letter_type is LetterType.OTHER and classification.from_assurance_maladie is False


def test_a_number_the_letter_points_to_is_its_number_when_it_is_the_only_one() -> None:
    pointer = CPAM_HEAD + "Vous trouverez votre numéro dans le cadre ci-dessous.\nligne\nligne\nligne\nligne\n"
    _, alone = read(pointer + NIA.replace(" ", "")[:13] + CPAM_FOOT)
    assert alone.candidate is not None and alone.candidate.value == NIA.replace(" ", "")
    _, two = read(pointer + NIA.replace(" ", "")[:13] + "\nligne\n2025342306007" + CPAM_FOOT)
    assert two.candidate is None  # two unlabelled 13-digit runs: which one is meant is not said


def test_the_numero_insee_is_the_social_security_number() -> None:
    text = CPAM_HEAD + "Relevé de vos remboursements\nN° INSEE : " + NIR.replace(" ", "")[:13] + "\n" + CPAM_FOOT
    _, choice = read(text)
    assert choice.candidate is not None and choice.candidate.value == NIR.replace(" ", "")
