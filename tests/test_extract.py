"""Beyond the number: documents asked for, dates, caisse and reference, on wordings the generator never uses."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import random
import sys
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cpam_reader.base.facts import LABELS, DocumentKind
from cpam_reader.base.result import LetterType
from cpam_reader.base.text import TextLine, lines_from_text
from cpam_reader.letter.dates import deadline, letter_date, parse_date
from cpam_reader.letter.documents import requested_documents
from cpam_reader.letter.extract import Extraction, caisse, extract, reference
from tests.conftest import ROOT

DR, NA, CV, OT = (LetterType(t) for t in ("documents_request", "number_assignment", "carte_vitale_form", "other"))


def kinds(text: str, letter_type: LetterType | None = DR) -> list[str]:
    return [str(d.kind) for d in requested_documents(text, letter_type)]


# ---- Requested documents ---------------------------------------------------------------------------------------

# Written by hand for this test: wordings, layouts and OCR noise the synthetic generator does not produce.
REQUESTS = [
    (  # inline, two documents in one sentence
        "Nous avons bien reçu votre demande. Pour la compléter, veuillez nous adresser un RIB à votre nom et votre "
        "titre de séjour en cours de validité, dans un délai de deux mois.",
        DR,
        ["rib", "residence_permit"],
    ),
    (  # "et sa traduction": the certificate and its translation
        "Il manque des pièces. Merci de nous faire parvenir une copie intégrale de votre acte de naissance et sa "
        "traduction sous un délai de 30 jours.",
        DR,
        ["birth_certificate", "sworn_translation"],
    ),
    (  # numbered items, synonyms, one document outside the vocabulary
        "Documents à fournir :\n1) Fiches de paie des 3 derniers mois\n2) Attestation d'hébergement\n"
        "3) Copie de la carte de résident\n4) Copie de votre carte d'identité\nNous restons à votre disposition.",
        DR,
        ["payslips", "proof_of_address", "residence_permit", "other"],
    ),
    (  # check boxes of several kinds: only the checked ones
        "Pièces à joindre (cases cochées) :\n☒ Passeport\n☐ Relevé d'identité bancaire\nX Bulletins de salaire\n"
        "[ ] Certificat de scolarité\n[x] Promesse d'embauche ou contrat de travail",
        DR,
        ["passport", "payslips", "employment_contract"],
    ),
    (  # status column: missing and "to provide", not received or compliant
        "Pièce Statut\nPasseport Reçu\nJustificatif de domicile Manquant\nContrat de travail À fournir\nRIB Conforme\n"
        "Formulaire S1 Non conforme",
        DR,
        ["proof_of_address", "employment_contract", "s1_form"],
    ),
    (  # OCR noise: no colon, misread words, odd bullets
        "veuillez nous adresser les pieces suivantes\n• copie integrale de votre acte de naissanse\n"
        "+. traductlon par un traducteur assermente ;\n- formulaire Sl de votre caisse",
        DR,
        ["birth_certificate", "sworn_translation", "s1_form"],
    ),
    (  # what was received is not asked for
        "Nous avons bien reçu les documents suivants :\n- passeport ;\n- RIB.\nVotre dossier est en cours d'étude.",
        DR,
        [],
    ),
    (  # ... but what was not received is
        "Nous n'avons pas reçu les pièces suivantes :\n- passeport ;\n- relevé d'identité bancaire.",
        DR,
        ["passport", "rib"],
    ),
    (  # word order: the documents before the request
        "Le justificatif de domicile et le contrat de travail sont à nous retourner avant le 15 avril 2025.",
        DR,
        ["proof_of_address", "employment_contract"],
    ),
    (  # a wrapped item: the translation's second line names a birth certificate's words
        "Veuillez nous transmettre :\n- la traduction de votre acte de\nnaissance par un traducteur assermenté ;\n"
        "- l'apostille de votre acte de naissance.",
        DR,
        ["sworn_translation", "apostille"],
    ),
    (  # a carte Vitale form asks for nothing here
        "Ma nouvelle carte Vitale\nJoignez la photocopie recto verso de votre pièce d'identité (passeport ou titre "
        "de séjour) et veuillez nous retourner ce formulaire.",
        CV,
        [],
    ),
    (  # "other": mentions are not requests
        "Attestation de droits\nPrésentez cette attestation avec votre passeport ou votre titre de séjour.\n"
        "L'Assurance Maladie ne vous demandera jamais vos coordonnées bancaires.",
        OT,
        [],
    ),
    (  # "other" with an explicit request
        "Objet : demande de RIB\nAfin de procéder au remboursement, merci de nous adresser un relevé d'identité "
        "bancaire à votre nom.",
        OT,
        ["rib"],
    ),
    (  # "other": a list after a colon that is not a request
        "Pour activer votre compte, saisissez :\n- votre numéro de sécurité sociale ;\n- votre RIB.",
        OT,
        [],
    ),
    (  # a number assignment that also asks for documents, unknown type: explicit request only
        "Un numéro provisoire vous est attribué. Pour obtenir votre numéro définitif, vous devez fournir :\n"
        "- l'acte de naissance légalisé\n- sa traduction",
        None,
        ["birth_certificate", "apostille", "sworn_translation"],
    ),
    (  # a list with "o" bullets after a request with a delay; a document outside the vocabulary
        "Afin que nous puissions l'étudier, merci de nous faire parvenir sous 21 jours :\n"
        "    o votre passeport (pages identité et visa)\n"
        "    o l'attestation de votre employeur précisant la date d'embauche\n"
        "    o votre dernier avis d'imposition\nSans ces éléments, votre demande ne pourra pas aboutir.",
        DR,
        ["passport", "employer_certificate", "other"],
    ),
    (  # "il manque", documents in the same sentence after a colon
        "Objet : votre dossier\nIl manque dans votre dossier : le certificat de scolarité de votre enfant et le "
        "justificatif de domicile.\nMerci de les déposer dans votre espace ameli avant le 2 juin.",
        DR,
        ["school_certificate", "proof_of_address"],
    ),
    (  # two lists: received, then missing
        "Pièces reçues :\n- passeport ;\n- RIB.\nPièces manquantes :\n- acte de naissance intégral ;\n"
        "- bulletins de paie.\nMerci.",
        DR,
        ["birth_certificate", "payslips"],
    ),
    (  # a cancelled request
        "Vous n'avez pas à nous adresser votre passeport : nous l'avons déjà.",
        DR,
        [],
    ),
    (  # the reference's wording: "vous avez 3 mois pour produire le document d'état civil"
        "Un numéro provisoire vous est attribué. Vous avez 3 mois pour produire le document d'état civil demandé "
        "(copie intégrale de votre acte de naissance).",
        NA,
        ["birth_certificate"],
    ),
    (  # other verbs of asking: "nous communiquer", "pourriez-vous nous envoyer"
        "Pour finaliser votre immatriculation, il convient de nous communiquer votre RIB sous quinzaine. "
        "Pourriez-vous nous envoyer aussi vos trois dernières fiches de paie ?",
        DR,
        ["rib", "payslips"],
    ),
    (  # a fax lost the colon before the bullets (corpus fixture 0015): a bulleted list of documents still asks
        "Pour l'attribution de votre numéro définitif, votre acte de naissance doit être\n"
        "* une copie intégrale, avec filiation :\n* traduit en français par un traducteur assermenté :\n"
        "+ apostllé ou légalisé, selon le pays qui l'a délivré.\nVous disposez d'un délai de 3 mois.",
        DR,
        ["birth_certificate", "sworn_translation", "apostille"],
    ),
    (  # a fax's check boxes: "[KT" and "[Nt" are checked, "| |", "{ |" and "[|" are not (corpus 0015, seed 2026)
        "veuillez nous adresser les documents cochés ci-dessous\n[KT Copie de votre contrat de travail\n"
        "| | Formulaire S1 délivré par votre caisse\n{ | Vos trois dermers bullenns de salaire\n"
        "[| Copie de voire passeport\n[Nt Copie recto verso de votre titre de séjour\nIX] Apostille de votre acte",
        DR,
        ["employment_contract", "residence_permit", "apostille"],
    ),
    (  # bullets a fax printed as "." and "-+"; a first bullet OCR lost, right after the colon
        "votre acte de naissance doit être :\nune copie intégrale, avec filiation ;\n"
        ". traduit en français par un traducteur assermenté ;\n-+ apostillé ou légalisé.",
        DR,
        ["birth_certificate", "sworn_translation", "apostille"],
    ),
    (  # ... but not in a letter of type "other" (explicit requests only)
        "Pour activer votre espace, gardez à portée de main\n- votre passeport ;\n- votre RIB.",
        OT,
        [],
    ),
    (  # a number assignment that mentions documents without asking
        "Votre numéro définitif vous est attribué. Vous recevrez le formulaire de carte Vitale. Nous avons bien "
        "reçu votre passeport et votre acte de naissance.",
        NA,
        [],
    ),
]


@pytest.mark.parametrize(("text", "letter_type", "expected"), REQUESTS)
def test_requested_documents(text, letter_type, expected):
    assert kinds(text, letter_type) == expected


def test_other_keeps_the_item_text():
    found = requested_documents("Veuillez nous adresser :\n- une photo d'identité récente ;\n- votre RIB.", DR)
    assert [(str(d.kind), d.raw) for d in found] == [("other", "une photo d'identité récente"), ("rib", "votre RIB")]


def test_labels_cover_the_vocabulary():
    assert set(LABELS) == set(DocumentKind)
    assert all(en and fr and en != fr for en, fr in LABELS.values())


# ---- Dates -----------------------------------------------------------------------------------------------------

LETTER_DATES = [
    ("Le 12 mars 2025", dt.date(2025, 3, 12)),
    ("Date : 23 mai 2023", dt.date(2023, 5, 23)),
    ("Lyon, le 3/04/2024", dt.date(2024, 4, 3)),
    ("Le 12 rnars 2025", dt.date(2025, 3, 12)),
    ("Fait à Saint-Denis, le 1er août 2025.", dt.date(2025, 8, 1)),
    ("Aix-en-Provence, le 02.01.2024 - Nos réf. : IMM-1234", dt.date(2024, 1, 2)),
    ("Paris, 12 décembre 2024", dt.date(2024, 12, 12)),
    ("| Le 06/07/2024 Nos réf. : 2024/IMM/318197", dt.date(2024, 7, 6)),
    ("Date du courrier : 5 févr. 2025", dt.date(2025, 2, 5)),
    ("Le 3 mars 2025, nous vous avons adressé un formulaire.", None),
    ("Date d'effet : 12 mars 2025\nNé le 01/02/1990\nDate : ___/___/2024", None),
    ("Nous avons reçu votre dossier le 12 mars 2025.", None),
]


@pytest.mark.parametrize(("text", "expected"), LETTER_DATES)
def test_letter_date(text, expected):
    assert letter_date(text) == expected


WRITTEN = dt.date(2024, 11, 30)
DEADLINES = [
    ("Veuillez nous adresser ces pièces dans un délai de 3 mois.", "dans un délai de 3 mois", dt.date(2025, 2, 28)),
    ("Retournez-les sous 30 jours.", "sous 30 jours", dt.date(2024, 12, 30)),
    ("Merci de nous les transmettre dans les 15 jours.", "dans les 15 jours", dt.date(2024, 12, 15)),
    (
        "Vous disposez de deux mois à compter de la date de ce courrier pour nous répondre.",
        "disposez de deux mois à compter de la date de ce courrier pour nous répondre",
        dt.date(2025, 1, 30),
    ),
    ("Veuillez nous les adresser avant le 15 avril 2025.", "avant le 15 avril 2025", dt.date(2025, 4, 15)),
    ("Pièces à fournir au plus tard le 15/04/2025.", "au plus tard le 15/04/2025", dt.date(2025, 4, 15)),
    (
        "Vous devez nous faire parvenir ces pièces sous un délai de 8 jours.",
        "sous un délai de 8 jours",
        WRITTEN + dt.timedelta(days=8),
    ),
    ("Retournez le formulaire\ndans un délai de\n3 semaines.", "dans un délai de 3 semaines", dt.date(2024, 12, 21)),
    ("Merci de nous répondre dans un délai d'un mois.", "dans un délai d'un mois", dt.date(2024, 12, 30)),
    ("Retournez-le sous quinzaine.", "sous quinzaine", dt.date(2024, 12, 15)),
    ("Délai de réponse : 30 jours", "Délai de réponse : 30 jours", dt.date(2024, 12, 30)),
    ("Merci de nous les adresser avant le 15 janvier.", "avant le 15 janvier", dt.date(2025, 1, 15)),
    ("Retournez ce formulaire le 15 avril 2025 au plus tard.", "15 avril 2025 au plus tard", dt.date(2025, 4, 15)),
    (  # the wording of ../shared/reference/cpam-letters.md
        "Vous avez 3 mois pour produire le document d'état civil.",
        "avez 3 mois",
        dt.date(2025, 2, 28),
    ),
]


@pytest.mark.parametrize(("text", "raw", "day"), DEADLINES)
def test_deadline(text, raw, day):
    found = deadline(text, WRITTEN)
    assert found is not None
    assert (found.text, found.date) == (raw, day)


@pytest.mark.parametrize(
    "text",
    [
        "Votre carte Vitale vous sera adressée dans un délai de 3 semaines.",
        "Vous pouvez saisir la commission de recours amiable dans un délai de deux mois.",
        "Un justificatif de domicile de moins de 3 mois.",
        "Ce code est valable 12 semaines.",
        "Pensez à renouveler votre demande 2 mois avant la date d'échéance.",
        "L'instruction de votre dossier peut durer jusqu'à 9 mois.",
    ],
)
def test_not_a_deadline(text):
    assert deadline(text, WRITTEN) is None


def test_relative_deadline_without_a_letter_date():
    found = deadline("Veuillez nous adresser ces pièces dans un délai de 3 mois.", None)
    assert found is not None
    assert (found.text, found.date) == ("dans un délai de 3 mois", None)


def test_month_arithmetic_at_month_ends():
    assert deadline("Merci de nous répondre dans un délai de 1 mois.", dt.date(2024, 1, 31)).date == dt.date(
        2024, 2, 29
    )
    assert deadline("Merci de nous répondre dans un délai de 1 mois.", dt.date(2025, 1, 31)).date == dt.date(
        2025, 2, 28
    )


# ---- Caisse and reference --------------------------------------------------------------------------------------

CAISSES = [
    ("CPAM de Lyon\nService Immatriculation", "CPAM de Lyon"),
    ("l'Assurance Maladie - CPAM des Bouches-du-Rhône - CS 30495", "CPAM des Bouches-du-Rhône"),
    ("CPAM du Rhöne M. Karim DIALLO", "CPAM du Rhône"),
    ("Caisse primaire d'assurance maladie de la Gironde", "CPAM de la Gironde"),
    ("CGSS de la Réunion", "CGSS de la Réunion"),
    ("Caisse générale de sécurité sociale de la Martinique", "CGSS de la Martinique"),
    ("CPAM de l'Herault", "CPAM de l'Hérault"),
    ("CPAM de Paris M. Mehdi OUEDRAOGO", "CPAM de Paris"),
    ("CPAM de la Seine Saint-Denis", "CPAM de la Seine-Saint-Denis"),
    ("Caisse primaire d'assurance maladie\nEnvoyez-la à votre CPAM.", None),
]


@pytest.mark.parametrize(("text", "expected"), CAISSES)
def test_caisse(text, expected):
    assert caisse(text) == expected


REFERENCES = [
    ("N° de dossier : 2023/IMM/167329", "2023/IMM/167329"),
    ("Réf. : IMM-2024-001234", "IMM-2024-001234"),
    ("Nos réf. : RA-722934\nN° de dossier : AFF 2024 001234", "AFF 2024 001234"),
    ("Objet : mise en demeure - dossier n° D20230118866", "D20230118866"),
    ("Fait à Lyon, le 24 mai 2023 - Nos réf ‘ 2023/RA/498226", "2023/RA/498226"),
    ("Nos réf. 2023/1MM/37623 75011 Paris", "2023/IMM/37623"),
    ("Vos réf. : ABC-9876\nNos réf. : PFS/2023/534236", "PFS/2023/534236"),
    ("Vos réf. : ABC-9876", "ABC-9876"),
    ("Réf. : 1 85 05 78 006 084 36", None),
    ("Réf. : 362 521 879 00034", None),
    ("Réf. : 36 46\nRéf. 75011", None),
    ("N° de sécurité sociale : 1 85 05 78 006 084 36\nDossier suivi par : M. Garnier", None),
    ("Pour tout envoi, rappelez les références qui figurent en haut du courrier.", None),
    ("Référence à rappeler : DOS-78-2024-1192", "DOS-78-2024-1192"),
    ("Vos références : 20241104-XYZ\nNos références : IMM 2024 558812", "IMM 2024 558812"),
]


@pytest.mark.parametrize(("text", "expected"), REFERENCES)
def test_reference(text, expected):
    assert reference(text) == expected


# ---- The whole extraction --------------------------------------------------------------------------------------

LETTER = """l'Assurance Maladie
CPAM du Rhône          M. Karim DIALLO
Lyon, le 31 janvier 2025
Nos réf. : 2025/IMM/123456
Objet : pièces manquantes
Veuillez nous adresser dans un délai de 1 mois les pièces suivantes :
- copie intégrale de votre acte de naissance ;
- vos trois derniers bulletins de salaire.
"""


def test_extract_to_dict_is_json_ready():
    extraction = extract(lines_from_text(LETTER, 1), DR)
    data = json.loads(json.dumps(extraction.to_dict()))
    assert data == {
        "documents": [
            {
                "kind": "birth_certificate",
                "en": LABELS[DocumentKind.BIRTH_CERTIFICATE][0],
                "fr": LABELS[DocumentKind.BIRTH_CERTIFICATE][1],
                "raw": "copie intégrale de votre acte de naissance",
            },
            {
                "kind": "payslips",
                "en": "Payslips",
                "fr": "Bulletins de salaire",
                "raw": "vos trois derniers bulletins de salaire",
            },
        ],
        "letter_date": "2025-01-31",
        "deadline": "2025-02-28",
        "deadline_text": "dans un délai de 1 mois",
        "caisse": "CPAM du Rhône",
        "reference": "2025/IMM/123456",
    }


def test_nothing_found_is_empty():
    assert extract([], None) == Extraction()
    assert Extraction().to_dict()["documents"] == []


JUNK = ["", " ", "３", "😴", "\x00\x01", "[X]", "- ", "Le", "CPAM de", "Réf. :", "dans un délai de", "é" * 5000]


@pytest.mark.parametrize("junk", JUNK)
def test_junk_does_not_raise(junk):
    lines = [TextLine(junk, 1, 0)]
    for letter_type in (*LetterType, None):
        extract(lines, letter_type)
    assert parse_date(junk) is None
    requested_documents(junk, DR)
    caisse(junk)
    reference(junk)
    deadline(junk, WRITTEN)
    letter_date(junk)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(max_size=120), max_size=12), st.sampled_from([*LetterType, None]))
def test_any_text_gives_an_extraction(rows, letter_type):
    extraction = extract([TextLine(row, 1, i) for i, row in enumerate(rows)], letter_type)
    json.dumps(extraction.to_dict())


# ---- Agreement with the generator's truth ----------------------------------------------------------------------


def _synth() -> ModuleType:
    path = ROOT / "scripts" / "synth_letters.py"
    spec = importlib.util.spec_from_file_location("synth_letters", path)
    assert spec and spec.loader
    module = sys.modules.setdefault("synth_letters", importlib.util.module_from_spec(spec))
    if not hasattr(module, "make_letter"):
        spec.loader.exec_module(module)
    return module


def _letters() -> list[tuple[str, str, int]]:
    synth = _synth()
    return [(kind, wording, seed) for kind in synth.LETTER_TYPES for wording in synth.WORDINGS[kind] for seed in (1, 2)]


@pytest.mark.parametrize(("letter_type", "wording", "seed"), _letters())
def test_agrees_with_the_generators_truth(letter_type, wording, seed):
    """Every wording of the generator, on its plain text (the rendered PDFs are measured by a script)."""
    letter = _synth().make_letter(random.Random(f"extract:{wording}:{seed}"), letter_type, wording=wording)
    truth = letter.expected()
    got = extract(lines_from_text(letter.text(), 1), LetterType(letter_type)).to_dict()
    assert [d["kind"] for d in got["documents"]] == truth["documents"]
    assert {k: got[k] for k in ("letter_date", "deadline", "caisse", "reference")} == {
        k: truth[k] for k in ("letter_date", "deadline", "caisse", "reference")
    }


def test_a_documents_request_read_end_to_end_names_what_to_send_and_by_when() -> None:
    from cpam_reader import read_letter
    from tests.conftest import LETTERS

    result = read_letter(LETTERS / "dr-number-1.pdf").to_dict()
    assert [d["kind"] for d in result["documents"]] == ["passport", "apostille", "employer_certificate"]
    assert (result["letter_date"], result["deadline"]) == ("2025-03-19", "2025-06-19")
    assert result["reference"] == "2025/IMM/499276" and result["caisse"] == "CPAM de Lille-Douai"
    assert result["next_steps"][0]["en"].startswith("Send these documents by 19 June 2025")
    assert "Passeport" in result["next_steps"][0]["fr"]


def test_the_department_prefilter_never_skips_a_name_its_pattern_matches() -> None:
    """_department looks only at names whose letters the text holds (but for the errors allowed): the same answer
    as every pattern tried, on names misspelt by up to two characters."""
    import random

    from cpam_reader.letter import extract
    from cpam_reader.letter.phrases import normalise

    def every_pattern(rest: str) -> tuple[str, int] | None:
        normal = normalise(rest)
        scores = [
            (sum(m.fuzzy_counts), -len(name), name, m.end())
            for name in extract.DEPARTMENTS
            if (m := extract._department_pattern(name)[0].match(normal))
        ]
        return (min(scores)[2], min(scores)[3]) if scores else None

    rnd = random.Random(2026)
    tried = 0
    for name in extract.DEPARTMENTS:
        for _ in range(4):
            spelt = list(name)
            for _ in range(rnd.randint(0, 2)):
                spelt[rnd.randrange(len(spelt))] = rnd.choice("abcdefghijklmnopqrstuvwxyz0l1 -'")
            text = "".join(spelt) + " - Service des assurés"
            if len(normalise(text)) == len(text):
                assert extract._department(text) == every_pattern(text), text
                tried += 1
    assert tried > 300
