"""Classification on wordings the training letters never used, with OCR noise; the model file itself."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cpam_reader.base.text import lines_from_text
from cpam_reader.letter.classify import CUES, FEATURES, classify, model_file
from cpam_reader.letter.phrases import find_phrase, fuzzy_pattern, normalise
from cpam_reader.number.finder import find_numbers
from cpam_reader.number.status import tie_status

# Written by hand for this test, in wordings the synthetic generator does not use.
UNSEEN = {
    "number_assignment": [
        "Madame, suite à votre demande d'immatriculation, nous avons le plaisir de vous faire connaître votre "
        "numéro de sécurité sociale. Ce numéro est définitif : 2 91 03 75 114 208 21. Pensez à le donner à "
        "votre employeur.",
        "Objet : votre numero d'identification d'attente\nDans l'attente de la fin de l'instruction, un numéro "
        "provisoire vous est attribué : 8 91 03 99 352 208 81. Il vous permet de percevoir vos remboursements.",
    ],
    "documents_request": [
        "Monsieur, l'étude de votre dossier ne peut aboutir : il manque les pièces suivantes. Merci de nous "
        "faire parvenir une copie intégrale de votre acte de naissance et sa traduction sous un délai de "
        "30 jours. Sans réponse de votre part, votre demande sera classée.",
        "Nous avons bien reçu votre demande. Pour la compléter, veuillez nous adresser un RIB à votre nom "
        "et votre titre de séjour en cours de validité, dans un délai de deux mois.",
    ],
    "carte_vitale_form": [
        "Ma nouvelle carte Vitale\nVérifiez vos informations. Collez votre photo d'identité récente dans le "
        "cadre. Signez dans le cadre prévu. Joignez une photocopie recto verso de votre pièce d'identité "
        "et renvoyez le tout dans l'enveloppe T.",
    ],
    "other": [
        "Attestation de droits à l'assurance maladie\nBénéficiaire : Mme Ana LOPEZ\nN° de sécurité sociale : "
        "2 91 03 75 114 208 21\nDroits ouverts du 01/01/2025 au 31/12/2025",
        "Relevé de vos remboursements du mois de mars\nDate des soins 03/03/2025 Montant remboursé 17,50 €",
        "Votre compte ameli : voici votre code provisoire pour activer votre espace personnel.",
    ],
}
LETTERHEAD = "CPAM du Rhône\n69907 Lyon Cedex 20\n"
"""Every letter of the Assurance Maladie says who wrote it; without a word of it, a letter is another body's."""
CASES = [(kind, LETTERHEAD + text) for kind, texts in UNSEEN.items() for text in texts]


def read(text: str):
    lines = lines_from_text(text, 1)
    candidates, _ = tie_status(find_numbers(lines), lines)
    return classify(text, candidates)


@pytest.mark.parametrize(("kind", "text"), CASES)
def test_unseen_wordings(kind, text):
    result = read(text)
    assert result.letter_type == kind, result
    assert 0 <= result.confidence <= 1 and result.evidence


@pytest.mark.parametrize(("kind", "text"), CASES)
def test_ocr_noise_without_accents(kind, text):
    noisy = normalise(text).replace("e", "c", 2).replace("numero", "nurnero")
    assert read(noisy).letter_type == kind


def test_model_file_is_plain_json_with_heldout_accuracy():
    model = json.loads(model_file().read_text(encoding="utf-8"))
    assert set(model["features"]) == set(FEATURES)
    assert 0.85 <= model["heldout"]["accuracy"] <= 1
    assert set(model["weights"]) == {"number_assignment", "documents_request", "carte_vitale_form", "other"}


PHRASES = sorted({phrase for phrases in CUES.values() for phrase in phrases})
WORDS = ["le", "votre", "dossier", "numero", "de", "nous", "vous", "a", "l'", "-", "2 84 05", "objet :"]


@st.composite
def spoiled_phrase(draw) -> str:
    """A cue phrase with up to three edits: within its error budget, at it, and past it."""
    text = list(draw(st.sampled_from(PHRASES)))
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(text)))
        char = draw(st.sampled_from("aceilmnorstu '"))
        edit = draw(st.sampled_from(["insert", "delete", "substitute"]))
        if edit == "insert" or not text:
            text.insert(at, char)
        elif edit == "delete":
            del text[min(at, len(text) - 1)]
        else:
            text[min(at, len(text) - 1)] = char
    return "".join(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(spoiled_phrase(), st.sampled_from(WORDS)), min_size=1, max_size=8), st.sampled_from(" \n"))
def test_the_quick_cue_search_finds_what_the_fuzzy_pattern_finds(parts, separator):
    text = normalise(separator.join(parts))
    for name in CUES:
        match = fuzzy_pattern(CUES[name]).search(text)
        assert find_phrase(CUES[name], text) == (match.group() if match else None), name
