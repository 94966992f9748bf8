"""Letter family ``forms``: CPAM letters and forms whose social security number is printed the hard way.

Why: the reader is weakest where the number is printed one box per character, so most documents here are forms
(carte Vitale forms, attestations, médecin traitant, demande d'ouverture des droits, mutuelle and employer forms)
whose number sits in a row of boxes drawn in many independent geometries, groupings and fonts, next to other rows of
boxes (date of birth, postcode, phone, SIRET, RPPS) it must be told apart from. The rest are letters whose number is
printed in text in awkward ways: key misprinted, apart or omitted, in a table, in a header block; Corsica, overseas,
born abroad, provisional, old and new. It was written from ``/work/shared/reference/`` alone, apart from the other
families, and meets them only at :class:`family.FamilyDocument`.

Every character of every number is drawn as real text (one ``drawString`` per box), so the truth can be checked
against the PDF's text layer; box borders are vector lines. All randomness comes from the ``rng`` handed to
:func:`make_document`, and reportlab writes in ``invariant`` mode, so one rng state gives the same bytes.

The wordings and the "other" documents are kept as small text tables (parsed by :func:`parse_records`) rather than
Python literals: they stay readable as French text and short enough to review.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import io
import json
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from stdnum.fr import nir as stdnir

from family import HARD_CASES, TRUTH_KEYS, FamilyDocument

FAMILY = "forms"
LETTER_TYPES = ("carte_vitale_form", "number_assignment", "documents_request", "other", "carte_vitale_form", "other")

PAGE_W, PAGE_H = A4
MM = 72 / 25.4
KEEP = "\x01"  # stands for a space that line wrapping must not break (inside a number)
SPECIMEN = "269054958815780"  # the public sample card's number: never generated
STATUS_RE = re.compile(r"d[ée]finiti|provisoire|\bNIA\b|d'attente", re.IGNORECASE)

Record = tuple[list[str], list[tuple[str, str]]]


def parse_records(block: str) -> list[Record]:
    """Parse a text table: a record starts at an unindented head line of " | " fields, then has indented
    "key: text" lines; a line indented by five spaces or more continues the line above it."""
    out: list[tuple[list[str], list[tuple[str, str]]]] = []
    for line in block.splitlines():
        if not line.strip():
            continue
        if not line.startswith(" "):
            out.append(([line], []))
        elif line.startswith("     ") and out[-1][1]:
            key, text = out[-1][1][-1]
            out[-1][1][-1] = (key, f"{text} {line.strip()}")
        elif line.startswith("     "):
            out[-1][0][0] += " " + line.strip()
        else:
            key, _, value = line.strip().partition(":")
            out[-1][1].append((key, value.strip()))
    return [([x.strip() for x in head[0].split("|")], body) for head, body in out]


def options(s: str) -> list[str]:
    return [x.strip() for x in s.split(" / ")]


# ------------------------------------------------------------------------------------------------- fonts, colours

_FONT_FILES = {
    "DejaVuSans": ("dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Bold.ttf"),
    "DejaVuSansCondensed": ("dejavu/DejaVuSansCondensed.ttf", "dejavu/DejaVuSansCondensed-Bold.ttf"),
    "DejaVuSerif": ("dejavu/DejaVuSerif.ttf", "dejavu/DejaVuSerif-Bold.ttf"),
    "DejaVuSansMono": ("dejavu/DejaVuSansMono.ttf", "dejavu/DejaVuSansMono-Bold.ttf"),
    "LiberationSans": ("liberation2/LiberationSans-Regular.ttf", "liberation2/LiberationSans-Bold.ttf"),
    "LiberationSerif": ("liberation2/LiberationSerif-Regular.ttf", "liberation2/LiberationSerif-Bold.ttf"),
    "LiberationMono": ("liberation2/LiberationMono-Regular.ttf", "liberation2/LiberationMono-Bold.ttf"),
    "FreeSans": ("freefont/FreeSans.ttf", "freefont/FreeSansBold.ttf"),
    "FreeSerif": ("freefont/FreeSerif.ttf", "freefont/FreeSerifBold.ttf"),
    "FreeMono": ("freefont/FreeMono.ttf", "freefont/FreeMonoBold.ttf"),
}
_FONT_ROOTS = (Path("/usr/share/fonts/truetype"), Path("/usr/share/fonts/TTF"))
_PREFIX = "Forms-"  # registered under our own names so that another family's registrations cannot clash
_families: dict[str, tuple[str, str]] | None = None


def _font_path(rel: str) -> Path | None:
    for root in _FONT_ROOTS:
        for cand in (rel, rel.replace("liberation2/", "liberation/"), Path(rel).name):
            if (root / cand).is_file():
                return root / cand
    return None


def font_families() -> dict[str, tuple[str, str]]:
    """The TrueType families present on this machine, registered once: family -> (regular, bold) font names.

    Falls back to the PDF base-14 fonts when none is installed, so the generator still runs (with less variety).
    """
    global _families
    if _families is None:
        found: dict[str, tuple[str, str]] = {}
        for fam, (reg, bold) in _FONT_FILES.items():
            rp = _font_path(reg)
            if rp is None:
                continue
            names = (_PREFIX + fam, _PREFIX + fam + "-Bold")
            for name, path in zip(names, (rp, _font_path(bold) or rp), strict=True):
                if name not in pdfmetrics.getRegisteredFontNames():
                    pdfmetrics.registerFont(TTFont(name, str(path)))
            found[fam] = names
        base14 = {"Helvetica": ("Helvetica", "Helvetica-Bold"), "Times": ("Times-Roman", "Times-Bold")}
        _families = found or base14
    return _families


BLACK, GREY, WHITE = Color(0, 0, 0), Color(0.4, 0.4, 0.4), Color(1, 1, 1)
BORDERS = {
    "black": Color(0, 0, 0),
    "grey": Color(0.5, 0.5, 0.5),
    "lightgrey": Color(0.72, 0.72, 0.72),
    "blue": Color(0.12, 0.3, 0.68),
    "red": Color(0.74, 0.16, 0.2),
    "green": Color(0.1, 0.48, 0.3),
    "teal": Color(0.0, 0.45, 0.5),
}
FILLS = {"none": None, "grey": Color(0.91, 0.91, 0.91), "blue": Color(0.89, 0.93, 1.0), "cream": Color(1, 0.97, 0.86)}
BRANDS = (Color(0.0, 0.31, 0.62), Color(0.05, 0.42, 0.7), Color(0.18, 0.18, 0.2), Color(0.0, 0.45, 0.45))
PANELS = (Color(0.93, 0.95, 0.98), Color(0.95, 0.95, 0.95), Color(0.94, 0.97, 0.95))

# ------------------------------------------------------------------------------------------------- invented data


def _split(s: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in s.split("|"))


FIRST_F = _split("Amina|Fatoumata|Ioana|Mariam|Lucía|Yasmine|Agnieszka|Chloé|Nadia|Aïssatou|Elena|Mei|Priya|Leïla")
FIRST_M = _split("Karim|Mamadou|Andrei|Diego|Youssef|Piotr|Julien|Thierry|Ibrahima|Rui|Wei|Arjun|Marco|Omar|Bakary")
LAST = _split(
    "KOUAMÉLAN|DRAVESCU|BENSALEM-RIVAUD|OKONDJI|VALDERAS|MIROWSKA|LEFRANDIER|TCHOUMBA|ESTRAVEL|NDIAGANE|HARLOUIN|"
    "QUESNOVAL|ZEMBRANI|PAOLETTU|CASTAGNOL|FERRANDOU|LIMOUSSI|ABERDANE|OUEDRAGAN|VIRELLIS|MOREAU-TSIBA|KERVADEC"
)
STREETS = _split(
    "rue des Acacias|avenue des Platanes|impasse des Tilleuls|boulevard de la Liberté|chemin des Vignes|allée des "
    "Mimosas|rue du Moulin|place de la Fontaine|résidence Les Pins, bât. B|rue des Écoles|cours des Artisans"
)
AGENTS = _split("M. Laurent|Mme Perrin|Mme Da Costa|M. Benali|le service Immatriculation|Mme Roux|Relation assurés")
ORGS = {
    "mutuelle": _split("Mutuelle Horizon Santé|Mutuelle des Trois Vallées|Prévoyance Atlantique Mutuelle"),
    "employer": _split("Transports Garonne SAS|Boulangerie Les Épis d'Or|Nettoyage Pro Services SARL|Hôtel Beauséjour"),
    "hospital": _split("Centre hospitalier des Deux-Rives|Clinique Sainte-Odile du Parc|Hôpital privé des Coteaux"),
    "urssaf": ("Urssaf",),
    "france_travail": ("France Travail",),
}
MONTHS = _split("janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre")
# short name as printed | city | département | cedex postcode | postcode of the people it writes to
_CAISSES = """
CPAM de la Gironde|Bordeaux|33|33085|33000
CPAM du Rhône|Lyon|69|69907|69003
CPAM de Paris|Paris|75|75948|75011
CPAM des Bouches-du-Rhône|Marseille|13|13421|13003
CPAM de la Haute-Garonne|Toulouse|31|31093|31200
CPAM de Loire-Atlantique|Nantes|44|44932|44100
CPAM du Bas-Rhin|Strasbourg|67|67085|67100
CPAM de l'Hérault|Montpellier|34|34934|34070
CPAM de la Seine-Saint-Denis|Bobigny|93|93014|93000
CPAM du Val-de-Marne|Créteil|94|94031|94000
CPAM des Alpes-Maritimes|Nice|06|06180|06300
CPAM d'Ille-et-Vilaine|Rennes|35|35024|35000
CPAM de l'Isère|Grenoble|38|38045|38100
CPAM de la Moselle|Metz|57|57036|57000
CPAM de la Corse-du-Sud|Ajaccio|2A|20197|20090
CPAM de la Haute-Corse|Bastia|2B|20407|20200
CGSS de la Guadeloupe|Pointe-à-Pitre|971|97159|97110
CGSS de la Martinique|Fort-de-France|972|97210|97200
CGSS de la Guyane|Cayenne|973|97306|97300
CGSS de La Réunion|Saint-Denis|974|97704|97400
CSS de Mayotte|Mamoudzou|976|97600|97600
"""
CAISSES = tuple(_split(line) for line in _CAISSES.strip().splitlines())
METRO_BIRTH = _split("Angers 49|Limoges 87|Tours 37|Dijon 21|Amiens 80|Brest 29|Reims 51|Nancy 54|Pau 64|Rouen 76")
CORSICA_BIRTH = _split("Ajaccio 2A|Bastia 2B|Porto-Vecchio 2A|Corte 2B|Calvi 2B|Sartène 2A")
OVERSEAS_BIRTH = _split("Les Abymes 971|Fort-de-France 972|Kourou 973|Saint-Pierre 974|Mamoudzou 976|Saint-Paul 974")
# INSEE country codes (positions 8-10 after 99) of a few countries of birth
COUNTRIES = dict(
    x.split(" ", 1)
    for x in _split(
        "109 Allemagne|127 Italie|131 Belgique|134 Espagne|139 Portugal|122 Pologne|114 Roumanie|350 Maroc|351 "
        "Tunisie|352 Algérie|341 Sénégal|326 Côte d'Ivoire|322 Cameroun|335 Mali|216 Chine|223 Inde|208 Turquie"
    )
)
NIR_LABELS = _split(
    "N° d'immatriculation|Numéro de sécurité sociale|N° de sécurité sociale (NIR)|NIR|Numéro d'inscription au "
    "répertoire|N° de sécurité sociale|Numéro d'immatriculation|N° de Sécurité sociale de l'assuré(e)|"
    "Votre numéro de sécurité sociale|N° INSEE|Numéro de l'assuré(e)"
)
PROV_LABELS = _split("Numéro provisoire (NIA)|N° d'identification d'attente|NIA (numéro provisoire)")
CERTIFY = _split(
    "Je certifie l'exactitude des renseignements portés sur ce formulaire.|Je certifie sur l'honneur l'exactitude "
    "des informations ci-dessus.|Je certifie exacts les renseignements figurant sur ce document."
)
CLOSINGS = _split(
    "Nous vous prions d'agréer, {civ}, l'expression de nos salutations distinguées.|Veuillez agréer, {civ}, nos "
    "salutations distinguées.|Nous restons à votre disposition pour tout renseignement.|Recevez, {civ}, nos "
    "sincères salutations."
)
SIGNERS = _split("Le Directeur|La Directrice|Le service Immatriculation|Votre conseiller|Le service Prestations")

# ------------------------------------------------------------------------------------------------- wordings

# Phrases for each document kind (the project's documents vocabulary); a kind may be phrased several ways.
DOC_PHRASES: dict[str, list[str]] = {}
for _key, _text in parse_records("""
phrases
  birth_certificate: copie intégrale de votre acte de naissance avec filiation
  birth_certificate: extrait d'acte de naissance comportant les noms de vos parents
  birth_certificate: acte de naissance intégral (avec indication de la filiation)
  sworn_translation: traduction de l'acte de naissance par un traducteur assermenté
  sworn_translation: traduction en français réalisée par un traducteur agréé près une cour d'appel
  apostille: apostille ou légalisation de votre acte de naissance
  apostille: acte de naissance légalisé ou revêtu de l'apostille
  passport: copie de votre passeport (pages d'identité)
  passport: photocopie de votre passeport en cours de validité
  residence_permit: titre de séjour en cours de validité (carte de séjour, récépissé ou VLS-TS)
  residence_permit: copie recto verso de votre carte de séjour ou de votre récépissé
  s1_form: formulaire S1 délivré par votre institution d'origine
  s1_form: formulaire S1 (ressortissants de l'Union européenne)
  rib: relevé d'identité bancaire (RIB) à votre nom
  rib: RIB à vos nom et prénom
  proof_of_address: justificatif de domicile de moins de 3 mois
  proof_of_address: facture d'énergie ou quittance de loyer récente (justificatif de domicile)
  employment_contract: copie de votre contrat de travail
  employment_contract: contrat de travail signé par les deux parties
  payslips: vos trois derniers bulletins de salaire
  payslips: bulletins de salaire des 3 derniers mois
  employer_certificate: attestation de salaire établie par votre employeur
  employer_certificate: attestation employeur
  school_certificate: certificat de scolarité de l'année en cours
  school_certificate: certificat de scolarité
  id_document: photocopie recto verso de votre pièce d'identité
  id_document: copie de votre carte d'identité ou de votre passeport
  photo: photo d'identité récente (35 × 45 mm)
  photo: une photo d'identité en couleur, de face et tête nue
  other: dernier avis d'imposition
  other: copie du livret de famille
""")[0][1]:
    DOC_PHRASES.setdefault(_key, []).append(_text)

# number_assignment: name | status the words give the number | subject; then "p" paragraphs, "num" where a
# number (person or old) is shown, "docs" where documents still wanted are listed.
NA_WORDINGS = parse_records("""
na_def_effective | definitif | Attribution de votre numéro de sécurité sociale
  p: Nous avons le plaisir de vous informer que votre immatriculation à l'Assurance Maladie est désormais
     effective. Un numéro personnel et définitif vous est attribué :
  num: person
  p: Ce numéro vous suivra tout au long de votre vie. Communiquez-le à votre employeur.
na_def_etat_civil | definitif | Votre immatriculation définitive
  p: Après vérification des informations de votre état civil, vous êtes immatriculé(e) à titre définitif auprès
     de la {caisse}. Votre numéro de sécurité sociale est le suivant :
  num: person
  p: Il remplace le numéro d'attente qui vous avait été communiqué. Pensez à le transmettre à votre employeur.
na_def_nir_sentence | definitif | Numéro d'inscription au répertoire (NIR)
  p: L'instruction de votre dossier est terminée. Votre numéro d'inscription au répertoire (NIR), définitif, est :
  num: person
  p: Conservez ce courrier : il pourra vous être demandé par votre employeur, votre mutuelle ou votre médecin.
na_def_desormais_sentence | definitif | Immatriculation
  p: Votre demande d'immatriculation a été acceptée. Voici votre numéro de sécurité sociale, désormais définitif :
  num: person
  p: Communiquez-le dès à présent à votre employeur afin qu'il puisse effectuer vos déclarations.
na_def_identification | definitif | Attribution de votre numéro définitif
  p: Le service national chargé de l'identification des assurés a validé votre état civil. Nous sommes donc en
     mesure de vous attribuer votre numéro de sécurité sociale définitif :
  num: person
  p: Vous recevrez prochainement le formulaire de demande de votre carte Vitale.
na_def_after | definitif | Bienvenue à l'Assurance Maladie
  p: Vous trouverez ci-dessous le numéro qui vous identifie désormais auprès de nos services :
  num: person
  p: Ce numéro est définitif. Il figurera sur tous nos courriers et sur votre future carte Vitale.

na_def_cle | definitif | Votre numéro de sécurité sociale
  p: Votre numéro comporte 13 caractères suivis d'une clé de contrôle de 2 chiffres. Votre numéro définitif est :
  num: person
  p: Recopiez-le avec sa clé sur vos feuilles de soins et communiquez-le à votre employeur.
na_prov_nia | provisoire | Votre numéro d'identification d'attente (NIA)
  p: Dans l'attente de la vérification de votre état civil, un numéro d'identification d'attente (NIA) vous est
     attribué :
  num: person
  p: Ce numéro provisoire vous permet d'être remboursé(e) de vos soins. Un numéro définitif vous sera communiqué
     à l'issue de l'instruction, dont le délai peut atteindre 9 mois.
na_prov_ouverture | provisoire | Ouverture de vos droits
  p: Votre demande d'ouverture des droits à l'assurance maladie a bien été enregistrée. Votre numéro provisoire
     est :
  num: person
  p: Communiquez-le à votre employeur. Il sera remplacé après vérification de vos pièces d'état civil.
na_prov_courrier | provisoire | Votre NIA
  p: Vous trouverez dans ce courrier votre NIA, numéro d'identification d'attente :
  num: person
  p: Ce numéro est provisoire : conservez-le jusqu'à l'attribution de votre numéro définitif.

na_prov_docs | provisoire | Attribution d'un numéro provisoire - pièces à fournir
  p: Un numéro provisoire vous est attribué :
  num: person
  p: Pour obtenir votre numéro définitif, veuillez nous adresser dans un délai de 3 mois, soit avant le
     {deadline}, les pièces suivantes :
  docs:
  p: À défaut, vos droits pourraient être suspendus.
na_prov_docs_3mois | provisoire | Votre numéro d'attente
  p: Votre numéro d'identification d'attente (NIA) est le suivant :
  num: person
  p: Vous avez 3 mois pour produire le document d'état civil manquant, soit jusqu'au {deadline}. Merci de nous
     faire parvenir :
  docs:
na_ns_immat | - | Votre immatriculation
  p: Vous êtes immatriculé(e) à l'Assurance Maladie sous le numéro suivant :
  num: person
  p: Communiquez-le à votre employeur et rappelez-le dans tous vos échanges avec nos services.

na_ns_repertoire | - | Numéro d'inscription au répertoire
  p: Votre numéro d'inscription au répertoire (NIR) a été enregistré. Il figure ci-dessous, clé comprise :
  num: person
  p: Nous vous conseillons de conserver précieusement ce courrier.

na_old_ancien | definitif | Changement de numéro de sécurité sociale
  p: Suite à la vérification de votre état civil, votre immatriculation est confirmée.
  p: Ancien numéro (provisoire) :
  num: old
  p: Nouveau numéro (définitif) :
  num: person
  p: Vos droits sont maintenus sans interruption.
na_old_attente | definitif | Votre numéro de sécurité sociale
  p: Le numéro d'attente qui vous avait été attribué :
  num: old
  p: n'est plus valable. Votre numéro personnel et définitif est désormais :
  num: person
  p: Pensez à informer votre employeur et votre mutuelle de ce changement.
""")

# documents_request: name | subject | document pool, in printed order | "prov" when the words call the number
# already given provisional (else "-") | "immat" when it is about a first immatriculation (else "-").
DR_WORDINGS = parse_records("""
dr_incomplet | Dossier incomplet | birth_certificate sworn_translation passport residence_permit | - | immat
  intro: Votre dossier de demande d'immatriculation est incomplet. Afin de poursuivre son instruction, veuillez
     nous adresser les pièces justificatives suivantes :
  outro: Merci de nous les faire parvenir avant le {deadline}. À défaut, nous ne pourrons pas donner suite.
dr_completer | Compléter votre dossier | passport birth_certificate employment_contract payslips rib | - | immat
  intro: Pour compléter votre dossier, nous vous remercions de nous faire parvenir, dans un délai de {delay},
     soit avant le {deadline}, les documents ci-dessous :
  outro: Dès réception, votre dossier sera examiné.
dr_manquantes | Pièces manquantes | birth_certificate apostille residence_permit proof_of_address | - | immat
  intro: Nous avons bien reçu votre demande. Cependant, les pièces suivantes manquent à votre dossier :
  outro: Veuillez nous les adresser avant le {deadline}, en rappelant les références de ce courrier.
dr_mise_en_demeure | Mise en demeure | birth_certificate sworn_translation apostille | - | immat
  intro: Par courrier du {previous}, nous vous avons demandé de produire le document d'état civil manquant. À ce
     jour, nous ne l'avons pas reçu. Nous vous mettons en demeure de nous adresser avant le {deadline} :
  outro: À défaut, le versement de vos prestations sera suspendu.
dr_identification | Vérification de votre identité | birth_certificate sworn_translation passport | prov | immat
  intro: La vérification de votre état civil par le service national d'identification nécessite les pièces
     suivantes :
  outro: Sans ces documents, votre numéro provisoire ne pourra pas être remplacé. Date limite : {deadline}.
dr_trois_mois | Document d'état civil manquant | birth_certificate sworn_translation | prov | immat
  intro: Un numéro provisoire vous a été attribué. Vous avez 3 mois pour produire le document d'état civil
     manquant, soit jusqu'au {deadline}. Veuillez nous adresser :
  outro: Passé ce délai, une mise en demeure vous sera adressée.
dr_mise_a_jour | Mise à jour de votre dossier | proof_of_address rib id_document | - | -
  intro: Afin de mettre à jour votre dossier, veuillez nous transmettre, dans un délai de {delay} (avant le
     {deadline}) :
  outro: Ces informations nous permettront de vous rembourser dans les meilleurs délais.
dr_photo | Votre demande de carte Vitale | photo id_document | - | -
  intro: Votre demande de carte Vitale ne peut pas être traitée : la photo d'identité est manquante ou non
     conforme. Veuillez nous adresser avant le {deadline} :
  outro: Votre carte sera fabriquée dès réception de ces éléments.
dr_enfant | Rattachement de votre enfant | birth_certificate school_certificate other | - | -
  intro: Pour rattacher votre enfant à votre dossier, merci de nous adresser les justificatifs suivants avant le
     {deadline} :
  outro: Votre enfant sera ensuite inscrit comme ayant droit.
dr_ij | Vos indemnités journalières | employer_certificate payslips rib | - | -
  intro: Pour le calcul de vos indemnités journalières, il nous manque les éléments suivants :
  outro: Merci de nous les transmettre avant le {deadline} ; à défaut, le paiement ne pourra pas intervenir.
dr_s1 | Ouverture de vos droits - ressortissant européen | s1_form passport proof_of_address | - | -
  intro: Vous êtes ressortissant(e) d'un pays de l'Union européenne. Pour l'ouverture de vos droits, veuillez
     nous transmettre dans un délai de {delay}, soit avant le {deadline} :
  outro: Votre dossier sera étudié à réception.
dr_css | Complémentaire santé solidaire | proof_of_address rib other | - | -
  intro: Pour étudier votre demande de complémentaire santé solidaire, veuillez nous adresser :
  outro: Sans réponse de votre part avant le {deadline}, votre demande sera classée sans suite.
dr_relance | Relance - pièces justificatives | employment_contract payslips residence_permit rib | - | immat
  intro: Sauf erreur de notre part, nous n'avons pas reçu les documents demandés. Votre dossier ne pourra pas
     être finalisé sans :
  outro: Nous vous remercions de nous les faire parvenir avant le {deadline}.
dr_traduction | Acte de naissance en langue étrangère | sworn_translation apostille | prov | immat
  intro: L'acte de naissance que vous nous avez transmis est rédigé en langue étrangère. Pour que votre numéro
     provisoire puisse devenir définitif, veuillez nous adresser :
  outro: Date limite de réception : {deadline}.
""")

# carte_vitale_form: name | title; intro. None of them may say "définitif" or "provisoire".
CV_WORDINGS = parse_records("""
cv_nouvelle | Ma nouvelle carte Vitale
  intro: Votre carte Vitale est en préparation. Pour la recevoir, vérifiez les informations ci-dessous, collez
     votre photo d'identité et signez ce formulaire.
cv_demande | Demande de carte Vitale
  intro: Vous êtes assuré(e) auprès de la {caisse}. Pour obtenir votre carte Vitale, complétez et retournez ce
     formulaire pré-rempli.
cv_photo | Votre carte Vitale avec photo
  intro: La carte Vitale comporte votre photo. Collez une photo d'identité récente dans le cadre prévu, puis signez.
cv_immatricule | Ma carte Vitale
  intro: Vous êtes immatriculé(e) : il ne vous reste plus qu'à demander votre carte Vitale avec ce formulaire.
cv_fabrication | Fabrication de votre carte Vitale
  intro: Pour fabriquer votre carte Vitale, nous avons besoin de votre photo, de votre signature et de la copie
     d'une pièce d'identité.
cv_verifiez | Formulaire de demande de carte Vitale
  intro: Vérifiez attentivement les informations pré-imprimées. En cas d'erreur, corrigez-les lisiblement.
cv_premiere | Première demande de carte Vitale
  intro: Vous allez recevoir votre première carte Vitale. Elle vous permettra d'être remboursé(e) plus vite.
cv_renouvellement | Renouvellement de votre carte Vitale
  intro: Votre carte Vitale actuelle doit être remplacée par une carte avec photo. Retournez ce formulaire.
cv_remplacement | Remplacement de votre carte Vitale
  intro: Suite à votre déclaration de perte ou de vol, nous vous adressons ce formulaire pour obtenir une
     nouvelle carte.
cv_enveloppe | Ma nouvelle carte Vitale
  intro: Retournez ce formulaire dans l'enveloppe jointe, sans l'affranchir, accompagné de la photocopie de votre
     pièce d'identité.
cv_signature | Carte Vitale - photo et signature
  intro: Votre photo et votre signature figureront sur votre carte Vitale. Respectez les consignes ci-dessous.
cv_retour | Demande de carte Vitale à retourner
  intro: Ce formulaire est pré-rempli avec vos informations. Complétez-le, signez-le et retournez-le.
""")
CV_STEPS: dict[str, list[str]] = {}
for _key, _text in parse_records("""
steps
  verify: Vérifiez les informations pré-remplies ci-dessous.
  verify: Contrôlez les renseignements imprimés vous concernant.
  verify: Vérifiez vos nom, prénoms et date de naissance.
  photo: Collez une photo d'identité récente (35 × 45 mm) dans le cadre, sans l'agrafer.
  photo: Collez votre photo d'identité en couleur dans le cadre prévu.
  photo: Fixez votre photo d'identité, de face et tête nue, sans agrafe.
  sign: Signez à l'intérieur du cadre, sans déborder.
  sign: Apposez votre signature dans le cadre réservé.
  sign: Signez au stylo noir dans le cadre.
  id: Joignez une photocopie recto verso de votre pièce d'identité (passeport, carte de séjour ou carte
     d'identité).
  id: Ajoutez la copie de votre pièce d'identité en cours de validité.
  id: Joignez la photocopie lisible d'une pièce d'identité, recto verso.
  return: Retournez ce formulaire dans l'enveloppe jointe.
  return: Renvoyez le tout dans l'enveloppe T, sans l'affranchir.
  return: Postez l'ensemble dans l'enveloppe retour ci-jointe.
""")[0][1]:
    CV_STEPS.setdefault(_key, []).append(_text)

# other: name | weight | sender | caisse ("caisse": the caisse wrote it; "national": a national form, no caisse;
# "-": another sender) | titles. A "letter: p" line makes it a letter (number in the header, a box row with
# probability p, or a line); otherwise it is a form. A key ending in "?" is drawn half of the time. See run_spec.
OTHER_SPECS = parse_records("""
attestation | 7 | cpam | caisse | Attestation de droits à l'assurance maladie / Attestation de vos droits /
     Attestation d'affiliation
  noform:
  p: La {caisse} atteste que la personne désignée ci-dessous bénéficie des prestations de l'assurance maladie.
  beneficiary:
  child?:
  codes?:
  made:
  p: Cette attestation ne vaut pas carte Vitale. Présentez-la à vos professionnels de santé.
attestation_provisoire | 5 | cpam | caisse | Attestation provisoire de droits
  person: abroad
  provisional: 0.7
  noform:
  p: Nous certifions que l'assuré(e) ci-dessous a des droits ouverts auprès de la {caisse}.
  beneficiary:
  codes?:
  made:
  p: Cette attestation provisoire est à présenter à vos professionnels de santé.
medecin_traitant | 10 | cpam | national | Déclaration de choix du médecin traitant / Déclaration du médecin traitant
  h: L'assuré(e) / 1. Le patient / Identification de l'assuré(e) ou de l'ayant droit
  field: Nom et prénom = {last} {first}
  nir:
  dob: 0.8
  h: Le médecin traitant / 2. Le médecin / Identification du médecin
  field: Nom du médecin = {doctor}
  boxes: Identifiant RPPS = rpps / 11
  boxes?: N° AM = am / 2,1,5,1
  certify:
  sign: Signature de l'assuré(e) / Cachet et signature du médecin
ouverture_droits | 10 | cpam | national | Demande d'ouverture des droits à l'assurance maladie
  person: abroad
  h: Vous / 1. Votre identité / Identification du demandeur
  field: Nom de naissance = {last}
  field: Prénom(s) = {first}
  dob: 0.8
  field: Pays de naissance = {birthplace}
  nia: Si vous avez déjà un numéro provisoire (NIA), indiquez-le : / Numéro provisoire (NIA) / N° d'attente (NIA)
  h: Votre employeur / 2. Votre activité salariée
  field: Raison sociale = {employer}
  boxes: N° SIRET = siret / 14 | 3,3,3,5
  tag: long_non_nir
  h: Pièces à joindre / Documents à joindre obligatoirement
  docs: passport residence_permit birth_certificate sworn_translation employment_contract payslips rib
  certify:
  sign: Date et signature du demandeur
mutuelle | 9 | mutuelle | - | Bulletin d'adhésion - complémentaire santé / Demande d'adhésion / Vos bénéficiaires
  h: L'adhérent(e) / Vous
  field: Nom = {last}
  field: Prénom = {first}
  dob: 0.6
  nir:
  boxes: N° d'adhérent = member / 10
  children?:
  p: Pièces à joindre :
  docsall: rib
  certify:
  sign: Fait à ............ le ..../..../........ / Signature de l'adhérent(e)
employer_ij | 9 | employer | - | Attestation de salaire pour le paiement des indemnités journalières / Attestation
     employeur - arrêt de travail
  h: L'employeur
  field: Raison sociale = {org}
  boxes: N° SIRET = siret / 14 | 9,5 | 3,3,3,5
  tag: long_non_nir
  h: Le salarié
  field: Nom, prénom = {last} {first}
  nir:
  boxes: Date d'embauche = hired / 2,2,4
  h: Salaires des 3 mois précédant l'arrêt
  salaries:
  certify:
  dated:
  sign: Cachet et signature de l'employeur
hospital | 8 | hospital | - | Fiche de pré-admission / Dossier administratif d'admission
  h: Patient / Identité du patient
  field: Nom de naissance = {last}
  field: Prénom = {first}
  dob: 0.9
  boxes: Code postal = postcode / 5
  boxes: Téléphone = phone / 10 | 2,2,2,2,2
  h: Couverture sociale
  nir:
  field: Caisse d'affiliation = {caisse}
  field: Mutuelle = {mutuelle}
  boxes: N° d'adhérent mutuelle = blank / 9
  certify:
  sign: Signature du patient
ceam | 8 | cpam | caisse | Demande de carte européenne d'assurance maladie
  p: La carte européenne d'assurance maladie atteste de vos droits lors d'un séjour temporaire en Europe.
  field: Nom = {last}
  field: Prénom = {first}
  nir:
  dob: 0.6
  field: Pays de destination = {destination}
  check: Je demande une carte pour moi-même
  check?: Je demande une carte pour mes enfants
  certify:
  sign: Date et signature
releve | 6 | cpam | caisse | Relevé de vos remboursements
  letter: 0.3
  p: Voici le détail des remboursements effectués sur votre compte :
  releve:
  p: Paiement effectué sur le compte FR76 **** **** **** {iban4}.
  close:
ameli_code | 6 | cpam | caisse | Votre code provisoire pour accéder à votre compte ameli
  letter: 0.4
  p: Vous avez demandé la création de votre compte ameli. Voici votre code provisoire : {code}.
  p: Munissez-vous de votre numéro de sécurité sociale pour vous connecter ; ce code est valable 12 semaines.
  p: Lors de votre première connexion, vous choisirez un mot de passe personnel.
  close:
urssaf | 5 | urssaf | - | Votre immatriculation en tant que travailleur indépendant
  letter: 0.3
  p: Votre entreprise est immatriculée sous le numéro SIRET {siret}.
  p: Vos cotisations seront calculées sur la base du chiffre d'affaires que vous déclarerez chaque trimestre.
  p: Votre numéro de sécurité sociale personnel, rappelé ci-dessus, reste inchangé.
  tag: long_non_nir
  close:
css | 5 | cpam | caisse | Complémentaire santé solidaire - décision
  letter: 0.3
  p: Nous avons le plaisir de vous informer que votre droit à la complémentaire santé solidaire est ouvert pour
     une durée de 12 mois.
  p: N° de contrat : {contract}
  p: Vos dépenses de santé seront prises en charge sans avance de frais.
  tag: long_non_nir
  close:
ij_notice | 5 | cpam | caisse | Paiement de vos indemnités journalières
  letter: 0.35
  p: Nous vous informons du paiement suivant :
  ij:
  close:
france_travail | 4 | france_travail | - | Attestation d'inscription
  letter: 0.35
  p: Nous attestons que la personne ci-dessus est inscrite comme demandeur d'emploi. Identifiant : {ident}.
  p: Cette attestation est délivrée pour servir et valoir ce que de droit.
  close:
""")

# ------------------------------------------------------------------------------------------------- numbers


@dataclass(eq=False)
class Number:
    """One social-security-like number of a document: its 15 characters, role and what the words say of it.

    ``value`` keeps the key even when the document omits it (the truth carries the computed 15 characters).
    """

    value: str
    role: str = "person"
    status: str | None = None
    wrong: bool = False


@dataclass
class Person:
    """An invented person; ``place`` is the 5-character birth place of the number (dept + commune or country)."""

    female: bool
    first: str
    last: str
    birth: dt.date
    month_known: bool
    place: str
    birthplace: str
    street: str

    @property
    def civ(self) -> str:
        return "Madame" if self.female else "Monsieur"

    @property
    def short(self) -> str:
        return f"{'Mme' if self.female else 'M.'} {self.first} {self.last}"

    @property
    def dob(self) -> str:
        return self.birth.strftime("%d/%m/%Y") if self.month_known else str(self.birth.year)


def make_person(rng: random.Random, kind: str, parent: Person | None = None, home: str = "75") -> Person:
    """A person born in ``kind`` (metro, corsica, overseas, abroad); a child is born recently in département
    ``home``. Corsicans born before 1976 get département 20."""
    female = rng.random() < 0.5
    first = rng.choice(FIRST_F if female else FIRST_M)
    year = rng.randint(2007, 2021) if parent else rng.randint(1952, 2004)
    if kind == "corsica" and not parent:
        year = rng.randint(1976, 2004) if rng.random() < 0.85 else rng.randint(1952, 1975)
    birth = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
    month_known = parent is not None or kind != "abroad" or rng.random() < 0.93
    if parent:
        place, birthplace = (
            home + (f"{rng.randint(1, 34):02d}" if len(home) == 3 else f"{rng.randint(1, 600):03d}"),
            home,
        )
    elif kind == "abroad":
        code = rng.choice(sorted(COUNTRIES))
        place, birthplace = "99" + code, COUNTRIES[code]
    else:
        table = {"corsica": CORSICA_BIRTH, "overseas": OVERSEAS_BIRTH}.get(kind, METRO_BIRTH)
        city, dept = rng.choice(table).rsplit(" ", 1)
        commune = f"{rng.randint(1, 34):02d}" if len(dept) == 3 else f"{rng.randint(1, 400):03d}"
        place, birthplace = ("20" if kind == "corsica" and year < 1976 else dept) + commune, f"{city} ({dept})"
    street = f"{rng.randint(1, 120)} {rng.choice(STREETS)}"
    return Person(
        female, first, parent.last if parent else rng.choice(LAST), birth, month_known, place, birthplace, street
    )


def nir_for(rng: random.Random, p: Person, provisional: bool = False) -> str:
    """A number with a right key for ``p``: first digit 1/2 (or 7/8 when provisional), year, month, place, order.

    Pseudo-months (20-30, 50-99) stand for a birth month unknown on the civil record. The key is the mod-97 rule
    (python-stdnum), with 2A/2B read as 19/18, also for provisional numbers.
    """
    first = rng.choice("78") if provisional else ("2" if p.female else "1")
    month = p.birth.month if p.month_known else rng.choice([*range(20, 31), *range(50, 100)])
    body = f"{first}{p.birth.year % 100:02d}{month:02d}{p.place}{rng.randint(1, 999):03d}"
    full = body + stdnir.calc_check_digits(body)
    return nir_for(rng, p, provisional) if full == SPECIMEN else full


def misprint_key(rng: random.Random, full: str) -> str:
    """The same 13 characters with another key: its two digits swapped when that differs, else any other 01-97."""
    key = full[13:]
    if key[0] != key[1] and 1 <= int(key[::-1]) <= 97 and rng.random() < 0.4:
        return full[:13] + key[::-1]
    return full[:13] + f"{rng.choice([k for k in range(1, 98) if k != int(key)]):02d}"


def spaced(v: str, with_key: bool = True) -> str:
    """The usual printing ``s yy mm ll ooo kkk cc``; overseas places use 3 + 2 digits for département and commune."""
    a, b = (8, 10) if v[5:7] in ("97", "98") else (7, 10)
    parts = [v[0], v[1:3], v[3:5], v[5:a], v[a:b], v[10:13], v[13:] if with_key else ""]
    return " ".join(parts).strip()


def digits(rng: random.Random, n: int, first: str = "0123456789") -> str:
    return rng.choice(first) + "".join(rng.choice("0123456789") for _ in range(n - 1))


def long_digits(rng: random.Random, n: int, first: str = "34569") -> str:
    """A long number that is not a social security number (SIRET, contract): never a valid 15-character NIR."""
    s = digits(rng, n, first)
    return long_digits(rng, n, first) if n == 15 and stdnir.is_valid(s) else s


# ------------------------------------------------------------------------------------------------- drawing


class _Overflow(Exception):
    """The content did not fit on two pages: the document is built again, more compactly."""


def sw(s: str, font: str, size: float) -> float:
    return float(pdfmetrics.stringWidth(s.replace(KEEP, " "), font, size))


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy line breaking on spaces (a number's inner spaces are KEEP and never break)."""
    lines: list[str] = []
    for chunk in text.split("\n"):
        cur = ""
        for word in chunk.split(" "):
            trial = f"{cur} {word}" if cur else word
            if cur and sw(trial, font, size) > width:
                lines.append(cur)
                cur = word
            else:
                cur = trial
        lines.append(cur)
    return lines


class Flow:
    """A cursor down at most two A4 pages: wraps text, breaks pages, records every string and font it draws.

    The record of strings lets the truth say whether any status word was printed at all (``no_status_word``).
    """

    def __init__(self, rng: random.Random, family: str, compact: bool) -> None:
        self.reg, self.bold = font_families()[family]
        self.size = rng.uniform(9.3, 10.8) - (1.3 if compact else 0.0)
        self.lead = rng.uniform(1.22, 1.4) - (0.08 if compact else 0.0)
        self.buf = io.BytesIO()
        self.c = canvas.Canvas(self.buf, pagesize=A4, invariant=1)
        self.x0, self.x1 = rng.uniform(42, 70), PAGE_W - rng.uniform(40, 62)
        self.top, self.bottom = PAGE_H - rng.uniform(34, 52), 58.0
        self.y = self.top
        self.page = 1
        self.drawn: list[str] = []
        self.fonts: set[str] = set()
        self.footer = ""
        self.ink = rng.choice((BLACK, Color(0.1, 0.1, 0.12), Color(0.05, 0.08, 0.25)))

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    def text(
        self,
        x: float,
        y: float,
        s: str,
        font: str = "",
        size: float = 0.0,
        color: Color | None = None,
        align: str = "l",
    ) -> None:
        font, size, s = font or self.reg, size or self.size, s.replace(KEEP, " ")
        self.c.setFont(font, size)
        self.c.setFillColor(color or self.ink)
        {"l": self.c.drawString, "c": self.c.drawCentredString, "r": self.c.drawRightString}[align](x, y, s)
        self.fonts.add(font)
        self.drawn.append(s)

    def need(self, h: float) -> None:
        if self.y - h < self.bottom:
            self.new_page()

    def new_page(self) -> None:
        if self.page >= 2:
            raise _Overflow
        self._footer()
        self.c.showPage()
        self.page += 1
        self.y = self.top

    def para(
        self,
        s: str,
        font: str = "",
        size: float = 0.0,
        indent: float = 0.0,
        after: float | None = None,
        align: str = "l",
    ) -> None:
        font, size = font or self.reg, size or self.size
        width = self.width - indent
        for line in wrap(s, font, size, width):
            self.need(size * self.lead)
            self.y -= size * self.lead
            self.text(self.x0 + indent + (width / 2 if align == "c" else 0.0), self.y, line, font, size, None, align)
        self.y -= self.size * 0.55 if after is None else after

    def block(self, x: float, y: float, width: float, lines: list[tuple[str, str, float]]) -> float:
        """Wrapped lines (text, font, size) at an absolute place, outside the cursor; returns the y reached.

        An unbreakable line (a number) wider than the block is set smaller rather than spill into a neighbour.
        """
        for s, font, size in lines:
            for line in wrap(s, font, size, width):
                y -= size * 1.3
                self.text(x, y, line, font, min(size, size * width / max(sw(line, font, size), 1.0)))
        return y

    def rule(self, x0: float, x1: float, y: float, color: Color = GREY, dash: tuple[float, ...] = ()) -> None:
        self.c.setStrokeColor(color)
        self.c.setLineWidth(0.5)
        if dash:
            self.c.setDash(*dash)
        self.c.line(x0, y, x1, y)
        self.c.setDash()

    def _footer(self) -> None:
        self.text(PAGE_W / 2, 30.0, self.footer, size=self.size * 0.72, color=GREY, align="c")

    def save(self) -> bytes:
        self._footer()
        self.c.showPage()
        self.c.save()
        return self.buf.getvalue()


@dataclass(frozen=True)
class BoxStyle:
    """How a row of one-character boxes looks; each attribute is drawn independently of the others."""

    name: str
    w: float
    h: float
    line: float
    color: Color
    gap: float  # between cells of a group: 0 = touching
    group_gap: float
    sep: str  # inner separators of touching cells: solid | dashed | dotted
    comb: bool  # only a bottom line and small ticks
    fill: Color | None
    font: str
    size: float
    dx: float  # off-centre shift of the digits
    dy: float
    jitter: float  # per-digit random shift
    radius: float


def random_box_style(rng: random.Random) -> BoxStyle:
    """A box style drawn axis by axis: geometry, border weight and colour, spacing, separators, comb, fill,
    rounded corners, digit font, weight, size and centring."""
    fams = font_families()
    geometry = rng.choice(("square", "square", "tall"))
    w = rng.uniform(12.5, 19.0)
    h = w * (rng.uniform(1.25, 1.6) if geometry == "tall" else rng.uniform(0.95, 1.05))
    weight, colour = rng.choice(("hair", "thin", "medium", "thick")), rng.choice(sorted(BORDERS))
    touching, comb = rng.random() < 0.5, rng.random() < 0.2
    sep = rng.choice(("solid", "solid", "dashed", "dotted")) if touching else "solid"
    fill = rng.choice(("none", "none", "none", "grey", "blue", "cream"))
    fam, bold, off = rng.choice(sorted(fams)), rng.random() < 0.2, rng.random() < 0.35
    radius = rng.choice((0.0, 0.0, 1.5, 2.5)) if not comb else 0.0
    name = f"{geometry}-{weight}-{colour}-{'touch-' + sep if touching else 'gap'}{'-comb' * comb}-fill_{fill}-"
    name += f"{'offc' if off else 'centred'}{'-round' * bool(radius)}-{fam}{'-Bold' * bold}"
    line = {"hair": 0.3, "thin": 0.6, "medium": 1.0, "thick": 1.7}[weight]
    gap, group_gap = 0.0 if touching else rng.uniform(1.5, 4.5), rng.uniform(5.0, 12.0)
    size = min(h * rng.uniform(0.55, 0.75), w * 1.05)
    dx, dy = (rng.uniform(-0.16, 0.16) * w, rng.uniform(-0.1, 0.1) * h) if off else (0.0, 0.0)
    jitter, font = rng.uniform(0.2, 0.8) if off else 0.0, fams[fam][1 if bold else 0]
    name = name.replace("-fill_none", "")
    return BoxStyle(
        name, w, h, line, BORDERS[colour], gap, group_gap, sep, comb, FILLS[fill], font, size, dx, dy, jitter, radius
    )


def fit(st: BoxStyle, needed: float, avail: float) -> BoxStyle:
    """The style shrunk so that a row ``needed`` wide fits in ``avail``."""
    if needed <= avail:
        return st
    k = avail / needed
    scaled = {name: getattr(st, name) * k for name in ("w", "h", "gap", "group_gap", "size", "dx", "dy")}
    return dataclasses.replace(st, **scaled)


def row_width(groups: list[int], st: BoxStyle) -> float:
    return sum(n * st.w + (n - 1) * st.gap for n in groups) + (len(groups) - 1) * st.group_gap


def draw_group(f: Flow, rng: random.Random, x: float, y: float, chars: list[str], st: BoxStyle) -> float:
    """One group of cells with bottom-left corner (x, y), each character drawn as text; returns the x after it."""
    c, n, w, h = f.c, len(chars), st.w, st.h
    c.setLineWidth(st.line)
    c.setStrokeColor(st.color)
    for cx, cw in [(x, n * w)] if st.gap == 0 else [(x + i * (w + st.gap), w) for i in range(n)]:
        if st.fill is not None:
            c.setFillColor(st.fill)
            c.rect(cx, y, cw, h, stroke=0, fill=1)
        if st.comb:
            c.line(cx, y, cx + cw, y)
            for i in range(round(cw / w) + 1):
                c.line(cx + i * w, y, cx + i * w, y + h * 0.32)
        elif st.radius:
            c.roundRect(cx, y, cw, h, st.radius, stroke=1, fill=0)
        else:
            c.rect(cx, y, cw, h, stroke=1, fill=0)
    if st.gap == 0 and not st.comb:
        if st.sep != "solid":
            c.setLineCap(1)
            c.setDash(*((2.2, 1.6) if st.sep == "dashed" else (0.1, 1.6)))
        for i in range(1, n):
            c.line(x + i * w, y, x + i * w, y + h)
        c.setDash()
        c.setLineCap(0)
    for i, ch in enumerate(chars):
        jx, jy = rng.uniform(-st.jitter, st.jitter), rng.uniform(-st.jitter, st.jitter) * 0.6
        if ch:
            cx = x + i * (w + st.gap) + w / 2 + st.dx + jx
            f.text(cx, y + (h - st.size * 0.7) / 2 + st.dy + jy, ch, st.font, st.size, align="c")
    return x + n * w + (n - 1) * st.gap


def box_row(
    ctx: Ctx,
    groups: list[int],
    chars: list[str],
    st: BoxStyle,
    label: str = "",
    pos: str = "left",
    extra: float = 0.0,
    col: float | None = None,
    seps: str = "",
) -> tuple[float, float, BoxStyle]:
    """A row of groups of boxes, its label left, above or below; returns (x after it, its bottom y, style as fitted).

    ``extra`` is width the caller will add on the row (a key after "Clé"); ``seps`` a character drawn between
    groups (a date's "/"); blank cells are empty strings. A label too long for the aligned column goes above.
    """
    f = ctx.f
    lsize = f.size * 0.95
    own = sw(label, f.reg, lsize) + 10 if label else 0.0
    col = col if col is not None and col >= own else own
    needed = row_width(groups, st) + extra
    if pos == "left" and f.width - col < needed * 0.75:
        pos = "above"
    left = col if pos == "left" else 0.0
    st = fit(st, needed, (f.width - left) * 0.97)
    f.need(st.h + lsize * 2.6 + 6)
    if pos == "above" and label:
        f.y -= lsize * 1.3
        f.text(f.x0, f.y, label, size=lsize)
        f.y -= 4
    y = f.y - st.h - f.size * 0.45  # room for the descenders of the line above
    if pos == "left" and label:
        f.text(f.x0, y + (st.h - lsize * 0.7) / 2, label, size=lsize)
    x, i = f.x0 + left, 0
    for gi, n in enumerate(groups):
        x = draw_group(f, ctx.rng, x, y, chars[i : i + n], st)
        i += n
        if gi < len(groups) - 1:
            if seps:
                f.text(x + st.group_gap / 2, y + (st.h - st.size * 0.7) / 2, seps, st.font, st.size, align="c")
            x += st.group_gap
    f.y = y
    if pos == "below" and label:
        f.y -= lsize * 1.15
        f.text(f.x0 + left, f.y, label, size=lsize * 0.85, color=GREY)
    f.y -= 7
    return x, y, st


GROUPINGS = {"flat": [13], "cut": [1, 2, 2, 2, 3, 3], "overseas": [1, 2, 2, 3, 2, 3], "cog": [1, 2, 2, 5, 3]}
GROUPINGS["sex_apart"] = [1, 12]

# ------------------------------------------------------------------------------------------------- document context


@dataclass
class Ctx:
    """One document under construction: its drawing cursor and everything the truth will say."""

    rng: random.Random
    f: Flow
    letter_type: str
    caisse: tuple[str, ...] | None
    person: Person
    date: dt.date
    style: BoxStyle
    sender: str = "cpam"
    org: str | None = None
    main: Number | None = None
    printed: list[Number] = field(default_factory=list)
    tags: set[str] = field(default_factory=set)
    documents: list[str] = field(default_factory=list)
    layout: list[str] = field(default_factory=list)
    wording: str = ""
    letter_date: str | None = None
    deadline: str | None = None
    reference: str | None = None

    def mark(self, num: Number) -> None:
        if num not in self.printed:
            self.printed.append(num)

    def main_number(self, provisional: bool = False, status: str | None = None) -> Number:
        """The document's number for its person; about one in fourteen gets a misprinted key. Provisional numbers
        go to people born abroad (that is whom they are given to)."""
        if provisional and not self.person.place.startswith("99"):
            self.person = make_person(self.rng, "abroad")
        value = nir_for(self.rng, self.person, provisional)
        wrong = self.rng.random() < 0.07
        self.main = Number(misprint_key(self.rng, value) if wrong else value, "person", status, wrong)
        return self.main

    def set_deadline(self) -> str:
        d = self.date + dt.timedelta(days=self.rng.choice((15, 21, 30, 30, 45, 60, 90)))
        self.deadline = d.isoformat()
        return fr_date(self.rng, d)

    def truth(self) -> dict[str, object]:
        m = self.main if self.main in self.printed else None
        tags = set(self.tags)
        for num in self.printed:
            place = num.value[5:7]
            tags |= {"corsica"} if place in ("2A", "2B", "20") else set()
            tags |= {"overseas"} if place in ("97", "98") else set()
            tags |= {"born_abroad"} if place == "99" else set()
        tags |= {"wrong_key"} if m and m.wrong else set()
        tags |= {"no_status_word"} if m and not STATUS_RE.search(" ".join(self.f.drawn)) else set()
        tags |= {"other_sender"} if self.sender != "cpam" else set()
        assert tags <= set(HARD_CASES), tags - set(HARD_CASES)
        old = next((n for n in self.printed if n.role == "old"), None)
        truth: dict[str, object] = {
            "letter_type": self.letter_type,
            "nir": m.value if m else None,
            "nir_status": m.status if m else None,
            "nir_valid": bool(stdnir.is_valid(m.value)) if m else None,
            "old_nir": old.value if old else None,
            "numbers": [{"value": n.value, "role": n.role, "status": n.status} for n in self.printed],
            "documents": list(self.documents),
            "letter_date": self.letter_date,
            "deadline": self.deadline,
            "caisse": self.caisse[0] if self.caisse and self.sender == "cpam" else None,
            "reference": self.reference,
            "sender": self.sender,
            "wording": self.wording,
            "layout": "+".join(self.layout),
            "tags": sorted(tags),
        }
        assert tuple(truth) == TRUTH_KEYS
        return truth


def fr_long(d: dt.date) -> str:
    return f"{'1er' if d.day == 1 else d.day} {MONTHS[d.month - 1]} {d.year}"


def fr_date(rng: random.Random, d: dt.date) -> str:
    return rng.choice((fr_long(d), fr_long(d), d.strftime("%d/%m/%Y"), d.strftime("%d.%m.%Y")))


def make_ref(rng: random.Random, year: int) -> str:
    n = rng.randint
    forms = (
        f"IMM/{year}/{n(1000, 99999):05d}",
        f"{rng.choice('ABCDEFGHJKLM')}{rng.choice('PRSTVX')}-{n(10000, 99999)}",
        f"DOS {n(1000, 9999)} {n(100, 999)}",
        f"{n(100, 999)}/{year % 100}/{n(1000, 99999)}",
        f"PRE-{year}-{n(100, 9999):04d}",
    )
    return rng.choice(forms)


# ------------------------------------------------------------------------------------------------- number display


def number_text(ctx: Ctx, num: Number, form: str | None = None, omit: bool = True) -> str:
    """The number as printed in text, in a random form; key apart or omitted are tagged for the main number."""
    rng = ctx.rng
    if form is None:
        forms = ["spaced", "spaced", "compact", "slash", "cle", "paren", "key_label"]
        form = rng.choice(forms + (["omitted"] if omit and not num.wrong and num is ctx.main else []))
    v, key, body = num.value, num.value[13:], spaced(num.value, False)
    s = {
        "compact": v,
        "slash": f"{body} / {key}",
        "cle": f"{body} clé {key}",
        "paren": f"{v[:13]} ({key})",
        "key_label": f"{body}  Clé : {key}",
        "omitted": body if rng.random() < 0.6 else v[:13],
    }.get(form, spaced(v))
    if num is ctx.main:
        ctx.tags |= {"key_apart"} if form in ("slash", "cle", "paren", "key_label") else set()
        ctx.tags |= {"key_omitted"} if form == "omitted" else set()
        ctx.layout.append(f"text_{form}")
    ctx.mark(num)
    return s.replace(" ", KEEP)


def nir_boxes(
    ctx: Ctx,
    num: Number,
    label: str | None = None,
    pos: str | None = None,
    col: float | None = None,
    st: BoxStyle | None = None,
    omit: bool = True,
) -> None:
    """The number one box per character: a random grouping (15 equal, cut like the number, overseas cut, 5-digit
    birth place, sex apart) and key placement (joined, own group, after "Clé", on the next line, no key boxes)."""
    rng, f = ctx.rng, ctx.f
    st = st or ctx.style
    overseas = num.value[5:7] in ("97", "98")
    grouping = "overseas" if overseas and rng.random() < 0.65 else rng.choice(("flat", "flat", "cut", "cut", "cog"))
    grouping = "sex_apart" if rng.random() < 0.08 else grouping
    mode = rng.choice(["group", "cle", "next_line"] + ["joined", "joined"] * (grouping == "flat"))
    if omit and num is ctx.main and not num.wrong and rng.random() < 0.1:
        mode = "none"
    label = rng.choice(NIR_LABELS) if label is None else label
    pos = pos or (rng.choices(("left", "above", "below"), (45, 38, 17))[0] if label else "none")
    groups, chars, key = list(GROUPINGS[grouping]), list(num.value[:13]), list(num.value[13:])
    if mode in ("joined", "group"):
        chars += key
        groups = [*groups[:-1], groups[-1] + 2] if mode == "joined" else [*groups, 2]
    cle, cle_gap = rng.choice(("Clé", "Clé :", "clé", "CLÉ")), rng.uniform(10, 28)
    extra = cle_gap + sw(cle, f.reg, f.size) + 6 + 2 * st.w + st.gap if mode == "cle" else 0.0
    x, y, st = box_row(ctx, groups, chars, st, label, pos, extra, col)
    if mode == "cle":
        f.text(x + cle_gap, y + (st.h - f.size * 0.7) / 2, cle)
        draw_group(f, rng, x + cle_gap + sw(cle, f.reg, f.size) + 6, y, key, st)
    elif mode == "next_line":
        box_row(ctx, [2], key, st, cle, "left", col=col if pos == "left" else None)
    ctx.tags.add("boxes")
    if num is ctx.main:
        ctx.tags |= {"boxes_grouped"} if grouping != "flat" else set()
        ctx.tags |= {"key_apart"} if mode in ("group", "cle", "next_line") else set()
        ctx.tags |= {"key_omitted"} if mode == "none" else set()
    ctx.layout.append(f"boxes_{grouping}_{mode}_{pos}[{st.name}]")
    ctx.mark(num)


def digit_boxes(
    ctx: Ctx,
    label: str,
    value: str,
    groups: list[int],
    blank: bool = False,
    seps: str = "",
    col: float | None = None,
    own_style: bool = False,
) -> None:
    """Another row of boxes (date, postcode, phone, SIRET...), filled or left blank, in the form's style or not."""
    st = random_box_style(ctx.rng) if own_style else ctx.style
    pos = ctx.rng.choices(("left", "above"), (70, 30))[0]
    box_row(ctx, groups, ["" for _ in value] if blank else list(value), st, label, pos, col=col, seps=seps)


# ------------------------------------------------------------------------------------------------- page parts


def field_line(ctx: Ctx, label: str, value: str, col: float | None = None, bold: bool = False) -> None:
    """ "Label : value", the value at an aligned column when given, sometimes over a dotted rule (a filled form)."""
    f = ctx.f
    f.need(f.size * 1.7)
    f.y -= f.size * 1.55
    label += "" if label.endswith(":") else " :"
    f.text(f.x0, f.y, label)
    xv = f.x0 + max(col or 0.0, sw(label, f.reg, f.size) + 8)
    if xv > f.x1 - 60:
        f.y -= f.size * 1.3
        xv = f.x0 + 12
    font = f.bold if bold else f.reg
    f.text(xv, f.y, value, font, min(f.size, f.size * (f.x1 - xv) / max(sw(value, font, f.size), 1.0)))
    if ctx.rng.random() < 0.3:
        f.rule(xv, f.x1, f.y - 2.5, dash=(1, 1.5))


def heading(ctx: Ctx, text: str) -> None:
    """A section title: a tinted band, an underlined title, or a plain bold one."""
    f, rng = ctx.f, ctx.rng
    f.need(f.size * 3)
    f.y -= f.size * 1.9
    kind = rng.choice(("band", "under", "plain"))
    if kind == "band":
        f.c.setFillColor(rng.choice(PANELS))
        f.c.rect(f.x0 - 3, f.y - 4, f.width + 6, f.size * 1.55, stroke=0, fill=1)
    f.text(f.x0, f.y, text, f.bold, f.size * 1.05)
    if kind == "under":
        f.rule(f.x0, f.x1, f.y - 3, color=f.ink)
    f.y -= 3


def title(ctx: Ctx, text: str) -> None:
    f, rng = ctx.f, ctx.rng
    f.need(f.size * 3)
    f.y -= f.size * 2.1
    size = f.size * rng.uniform(1.35, 1.75)
    size = min(size, size * f.width / sw(text, f.bold, size))
    if rng.random() < 0.4:
        f.c.setFillColor(rng.choice(BRANDS))
        f.c.rect(f.x0 - 4, f.y - 6, f.width + 8, size * 1.6, stroke=0, fill=1)
        f.text(f.x0 + f.width / 2, f.y, text, f.bold, size, WHITE, align="c")
    else:
        align = rng.choice(("c", "c", "l"))
        f.text(f.x0 + (f.width / 2 if align == "c" else 0), f.y, text, f.bold, size, rng.choice(BRANDS), align)
    f.y -= size * 0.7


def letterhead(ctx: Ctx) -> None:
    """The sender's block at the top: the Assurance Maladie and its caisse, or another organisation."""
    f, rng = ctx.f, ctx.rng
    colour = rng.choice(BRANDS)
    if ctx.sender != "cpam":
        lines = [(ctx.org or "", f.bold, f.size * 1.5), (f"{rng.randint(1, 90)} {rng.choice(STREETS)}", f.reg, 0.0)]
    elif ctx.caisse:
        service = rng.choice(("Service Immatriculation", "Service des assurés", "Relation clients", "Prestations"))
        cedex = f"{ctx.caisse[3]} {ctx.caisse[1].upper()} CEDEX {rng.randint(1, 9)}"
        lines = [("l'Assurance Maladie", f.bold, f.size * 1.9), (ctx.caisse[0], f.bold, f.size * 1.05)]
        lines += [(service, f.reg, 0.0), (cedex, f.reg, 0.0)]
    else:
        lines = [("l'Assurance Maladie", f.bold, f.size * 1.9), ("Agir ensemble, protéger chacun", f.reg, 0.0)]
    align = rng.choice(("l", "l", "r"))
    prev = 0.0
    for i, (s, font, size) in enumerate(lines):
        size = size or f.size * 0.85
        f.y -= size * 1.1 + prev * 0.25  # room for the descenders of a bigger line above
        prev = size
        f.text(f.x0 if align == "l" else f.x1, f.y, s, font, size, colour if i == 0 else None, align)
    f.y -= 6


def address_block(ctx: Ctx, x: float, y: float) -> float:
    p, f, city = ctx.person, ctx.f, ctx.caisse or CAISSES[2]
    name = p.short if ctx.rng.random() < 0.5 else f"{p.civ.upper()} {p.first.upper()} {p.last}"
    lines = [(name, f.reg, f.size), (p.street, f.reg, f.size), (f"{city[4]} {city[1].upper()}", f.reg, f.size)]
    return f.block(x, y, PAGE_W - x - 30, lines)


def letter_top(
    ctx: Ctx, subject: str, header_nir: tuple[str, str] | None = None, hook: Callable[[], None] | None = None
) -> None:
    """Letterhead, addressee, references and date, subject and salutation; ``header_nir`` (label, number) puts the
    number in the references block, ``hook`` draws something (a box row) under it, before the subject. One letter
    in five has a side column (contacts and references)."""
    f, rng = ctx.f, ctx.rng
    letterhead(ctx)
    ctx.reference = make_ref(rng, ctx.date.year)
    items = [(rng.choice(("Réf.", "N/Réf.", "Référence", "N° de dossier", "Nos références")), ctx.reference)]
    if rng.random() < 0.5:
        items.append(("Dossier suivi par", rng.choice(AGENTS)))
    if header_nir:
        items.insert(rng.randint(0, len(items)), header_nir)
        ctx.tags.add("header_block")
    date_where, date_s = rng.choice(("refs", "line", "line", "left")), fr_date(rng, ctx.date)
    ctx.letter_date = ctx.date.isoformat()
    items += [("Date", date_s)] if date_where == "refs" else []
    small, y0 = f.size * 0.88, f.y - 6
    if rng.random() < 0.2:
        side = rng.uniform(125, 150)
        f.c.setFillColor(rng.choice(PANELS))
        f.c.rect(f.x0 - 4, f.bottom, side, y0 - f.bottom, stroke=0, fill=1)
        lines = [("Vos contacts", f.bold, small), ("Par téléphone : 36 46", f.reg, small), ("ameli.fr", f.reg, small)]
        lines.append(("Vos références", f.bold, small))
        for label, value in items:
            lines += [(label + " :", f.reg, small * 0.9), (value, f.bold, small * 0.92)]
        f.block(f.x0, y0, side - 10, lines)
        f.x0 += side + 14
        ctx.tags.add("two_columns")
        ctx.layout.append("letter_sidebar")
        ya = yr = address_block(ctx, max(f.x0 + 60, PAGE_W * 0.55), y0)
    else:
        ctx.layout.append("letter_classic")
        ya = address_block(ctx, PAGE_W * rng.uniform(0.53, 0.58), y0 - rng.uniform(0, 20))
        lines = []
        for label, value in items:
            if sw(f"{label} : {value}", f.reg, small) > PAGE_W * 0.5 - f.x0:
                lines += [(label + " :", f.reg, small), ("   " + value, f.bold, small)]
            else:
                lines.append((f"{label} : {value}", f.reg, small))
        yr = f.block(f.x0, y0, PAGE_W * 0.5 - f.x0, lines)
    f.y = min(ya, yr) - 16
    if date_where != "refs":
        f.y -= f.size * 1.3
        city = (ctx.caisse or CAISSES[2])[1]
        if date_where == "line":
            f.text(f.x1, f.y, f"{city}, le {date_s}", align="r")
        else:
            f.text(f.x0, f.y, f"Le {date_s}")
    if hook:
        hook()
    f.y -= f.size * 0.8
    f.para(f"{rng.choice(('Objet :', 'Objet :', 'OBJET :', 'Concerne :'))} {subject}", f.bold)
    p = ctx.person
    f.para(rng.choice((f"{p.civ},", "Madame, Monsieur,", f"Bonjour {p.first} {p.last},")))


def closing(ctx: Ctx) -> None:
    f, rng = ctx.f, ctx.rng
    f.para(rng.choice(CLOSINGS).format(civ=ctx.person.civ))
    f.need(f.size * 3)
    f.y -= f.size * 1.2
    f.text(f.x1 - 40, f.y, rng.choice(SIGNERS), align="r")
    f.y -= f.size


def doc_list(ctx: Ctx, kinds: list[str]) -> None:
    """The documents asked for, as dashes, bullets, numbers or drawn check boxes; a birth certificate and its
    translation may share one line. Records their kinds in order."""
    f, rng = ctx.f, ctx.rng
    style, i, n = rng.choice(("dash", "bullet", "number", "square")), 0, 0
    while i < len(kinds):
        group, text = [kinds[i]], rng.choice(DOC_PHRASES[kinds[i]])
        if kinds[i] == "birth_certificate" and kinds[i + 1 : i + 2] == ["sworn_translation"] and rng.random() < 0.4:
            group.append("sworn_translation")
            text += ", accompagnée de sa traduction par un traducteur assermenté"
        n, text = n + 1, text[0].upper() + text[1:]
        if style == "square":
            f.need(f.size * 1.5)
            f.c.setStrokeColor(f.ink)
            f.c.setLineWidth(0.7)
            f.c.rect(f.x0 + 10, f.y - f.size * 1.3, f.size * 0.8, f.size * 0.8)
            f.para(text, indent=f.size * 2.2, after=1)
        else:
            f.para(f"{ {'dash': '–', 'bullet': '•'}.get(style, f'{n}.') } {text}", indent=12, after=1)
        ctx.documents.extend(group)
        i += len(group)
    f.y -= f.size * 0.4


def pick_docs(rng: random.Random, pool: list[str]) -> list[str]:
    keep = set(rng.sample(range(len(pool)), rng.randint(min(2, len(pool)), min(4, len(pool)))))
    return [d for i, d in enumerate(pool) if i in keep]


def table(ctx: Ctx, rows: list[list[str]], widths: list[float] | None = None) -> None:
    """A ruled table with a tinted header row; a cell's text shrinks to fit its cell (a number never wraps)."""
    f, rng = ctx.f, ctx.rng
    k = f.width / sum(widths or [1.0] * len(rows[0]))
    widths = [w * k for w in widths or [1.0] * len(rows[0])]
    size, grid = f.size * 0.92, rng.random() < 0.6
    rh = size * rng.uniform(1.8, 2.2)
    f.need(rh * min(len(rows), 4))
    for ri, row in enumerate(rows):
        f.need(rh)
        y, x = f.y - rh, f.x0
        if ri == 0:
            f.c.setFillColor(rng.choice(PANELS))
            f.c.rect(f.x0, y, f.width, rh, stroke=0, fill=1)
        f.c.setStrokeColor(GREY)
        f.c.setLineWidth(0.5)
        for ci, cell in enumerate(row):
            font = f.bold if ri == 0 else f.reg
            if cell:
                f.text(x + 3, y + rh * 0.33, cell, font, min(size, size * (widths[ci] - 6) / sw(cell, font, size)))
            if grid:
                f.c.rect(x, y, widths[ci], rh, stroke=1, fill=0)
            x += widths[ci]
        if not grid:
            f.rule(f.x0, f.x1, y)
        f.y = y
    f.y -= 8


def photo_box(ctx: Ctx, x: float, y_top: float) -> None:
    """The 35 × 45 mm frame where the photo is stuck."""
    f, rng = ctx.f, ctx.rng
    w, h = 35 * MM, 45 * MM
    f.c.setStrokeColor(rng.choice((BLACK, GREY, BRANDS[0])))
    f.c.setLineWidth(rng.choice((0.6, 1.0, 1.5)))
    f.c.setDash(*rng.choice(((1, 0), (3, 2), (1, 2))))
    f.c.rect(x, y_top - h, w, h)
    f.c.setDash()
    lines = rng.choice((["Collez ici", "votre photo", "d'identité"], ["Photo", "35 × 45 mm"], ["Photo d'identité"]))
    for i, line in enumerate(lines):
        f.text(x + w / 2, y_top - h / 2 + 5 - i * f.size * 1.05, line, size=f.size * 0.8, color=GREY, align="c")


def signature(ctx: Ctx, titles: list[str], height: float = 0.0) -> None:
    f = ctx.f
    height, gap = height or ctx.rng.uniform(45, 70), 12.0
    w = (f.width - gap * (len(titles) - 1)) / len(titles)
    f.need(height + 14)
    top = f.y - 6
    f.c.setStrokeColor(ctx.rng.choice((BLACK, GREY)))
    f.c.setLineWidth(0.8)
    for i, t in enumerate(titles):
        f.c.rect(f.x0 + i * (w + gap), top - height, w, height)
        f.text(f.x0 + i * (w + gap) + 4, top - f.size * 1.1, t, size=f.size * 0.82)
    f.y = top - height - 8


def checkbox(ctx: Ctx, label: str, checked: bool = False) -> None:
    f = ctx.f
    f.need(f.size * 1.6)
    f.y -= f.size * 1.5
    s = f.size * 0.85
    f.c.setStrokeColor(f.ink)
    f.c.setLineWidth(0.7)
    f.c.rect(f.x0, f.y - 1, s, s)
    if checked:
        f.c.line(f.x0 + 1.5, f.y + s / 2, f.x0 + s / 2, f.y)
        f.c.line(f.x0 + s / 2, f.y, f.x0 + s - 1, f.y + s)
    f.text(f.x0 + s + 6, f.y, label, size=f.size * 0.95)


def form_header(ctx: Ctx, text: str, edited: bool = True) -> None:
    """A form's top: sender block, "Édité le" date (half of the time) and the title."""
    letterhead(ctx)
    if edited and ctx.rng.random() < 0.55:
        ctx.letter_date = ctx.date.isoformat()
        ctx.f.y -= ctx.f.size
        ctx.f.text(ctx.f.x1, ctx.f.y, f"Édité le {ctx.date.strftime('%d/%m/%Y')}", size=ctx.f.size * 0.8, align="r")
    title(ctx, text)
    ctx.tags.add("form")


def dob_row(ctx: Ctx, person: Person, col: float | None, p_boxes: float = 0.6) -> None:
    """The date of birth in jj/mm/aaaa boxes or text (the year only when the civil record lacks the month)."""
    if not person.month_known:
        field_line(ctx, "Année de naissance", person.dob, col)
    elif ctx.rng.random() < p_boxes:
        sep, own = ctx.rng.choice(("", "/")), ctx.rng.random() < 0.3
        digit_boxes(ctx, "Date de naissance", person.birth.strftime("%d%m%Y"), [2, 2, 4], False, sep, col, own)
    else:
        field_line(ctx, "Date de naissance", person.dob, col)


def label_column(ctx: Ctx, labels: list[str]) -> float | None:
    """An aligned column for the values of a form's rows (most forms), or None (labels followed by their value)."""
    if ctx.rng.random() < 0.35:
        return None
    return min(max(sw(s + " :", ctx.f.reg, ctx.f.size) for s in labels) + 10, ctx.f.width * 0.42)


# ------------------------------------------------------------------------------------------------- letter types


def render_segments(
    ctx: Ctx, segments: list[tuple[str, str]], nums: dict[str, Number], how: str, docs: list[str], fmt: dict[str, str]
) -> None:
    """A wording's paragraphs with its numbers shown as ``how`` says: boxes, own line, inline or in a table."""
    f, rng = ctx.f, ctx.rng
    pending = ""
    for key, value in segments:
        if key == "num" and how == "inline":
            pending += " " + number_text(ctx, nums[value], omit=value == "person") + "."
            continue
        if pending:
            f.para(pending)
        pending = value.format(**fmt) if key == "p" else ""
        if key == "docs":
            doc_list(ctx, docs)
        elif key == "num" and how == "boxes":
            nir_boxes(ctx, nums[value], rng.choice(("", "", rng.choice(NIR_LABELS))), omit=value == "person")
        elif key == "num" and how == "table":
            num, p = nums[value], ctx.person
            rows = [["Nom", "Prénom", "Né(e) le", "Numéro"], [p.last, p.first, p.dob, number_text(ctx, num)]]
            if num.status and rng.random() < 0.6:
                rows[0].append("Statut")
                rows[1].append("Définitif" if num.status == "definitif" else "Provisoire")
                ctx.tags.add("status_in_table")
            table(ctx, rows, [1.3, 1.1, 1.0, 2.4, 0.9][: len(rows[0])])
            ctx.tags.add("table_layout")
        elif key == "num":
            text = number_text(ctx, nums[value], omit=value == "person")
            f.para(text, f.bold, f.size * rng.uniform(1.0, 1.3), indent=rng.choice((0.0, 30.0, 60.0)))
    if pending:
        f.para(pending)


def build_number_assignment(ctx: Ctx) -> None:
    """A letter giving a number: definitive, provisional, with no status word, or the old and the new one."""
    rng, f = ctx.rng, ctx.f
    (name, said, subject), segments = rng.choice(NA_WORDINGS)
    ctx.wording, status = name, None if said == "-" else said
    if status == "provisoire" or name.startswith("na_old") or rng.random() < 0.4:
        ctx.person = make_person(rng, "abroad")
    nums = {"person": ctx.main_number(provisional=status == "provisoire", status=status)}
    if name.startswith("na_old"):
        nums["old"] = Number(nir_for(rng, ctx.person, provisional=True), "old", "provisoire")
        ctx.tags.add("old_and_new")
    ctx.tags |= {"status_in_sentence"} if name.endswith("_sentence") else set()
    fmt, docs = {"caisse": ctx.caisse[0] if ctx.caisse else "", "deadline": ""}, []
    if any(key == "docs" for key, _ in segments):
        fmt["deadline"] = ctx.set_deadline()
        docs = pick_docs(rng, ["birth_certificate", "sworn_translation", "apostille", "passport", "residence_permit"])
        ctx.tags.add("provisional_with_documents")
    how = rng.choices(("boxes", "line", "inline", "table"), (48, 24, 12, 16))[0]
    ctx.layout.append(f"na_{how}")
    letter_top(ctx, subject)
    render_segments(ctx, segments, nums, how, docs, fmt)
    if rng.random() < 0.3:
        f.para("Ce courrier ne constitue pas une attestation de droits.", size=f.size * 0.9)
    closing(ctx)


def build_documents_request(ctx: Ctx) -> None:
    """A letter asking for documents about a file or a number already given; the number sits in the header block,
    a reply coupon with boxes, the text or a table, and is sometimes absent."""
    rng, f = ctx.rng, ctx.f
    (name, subject, pool, prov, immat), body = rng.choice(DR_WORDINGS)
    texts = dict(body)
    ctx.wording, prov_words = name, prov == "prov"
    if immat == "immat":
        ctx.person = make_person(rng, "abroad")
    num = ctx.main_number(immat == "immat" and (prov_words or rng.random() < 0.5), "provisoire" if prov_words else None)
    fmt = {"deadline": "", "delay": rng.choice(("15 jours", "30 jours", "un mois"))}
    fmt["previous"] = fr_long(ctx.date - dt.timedelta(days=rng.randint(45, 100)))
    if "{deadline}" in texts["intro"] + texts["outro"]:
        fmt["deadline"] = ctx.set_deadline()
    elif rng.random() < 0.5:
        texts["outro"] += " Merci de répondre avant le {deadline}."
        fmt["deadline"] = ctx.set_deadline()
    docs = pick_docs(rng, pool.split())
    how = rng.choices(("coupon", "header", "header_boxes", "inline", "table", "none"), (34, 24, 14, 11, 11, 6))[0]
    ctx.layout.append(f"dr_{how}")
    labels = PROV_LABELS if prov_words and rng.random() < 0.5 else NIR_LABELS

    def header_boxes() -> None:
        small = dataclasses.replace(random_box_style(rng), w=11.5, h=13.0, size=9.0, dx=0.0, dy=0.0)
        nir_boxes(ctx, num, rng.choice(labels), st=small)
        ctx.tags.add("header_block")

    header = (rng.choice(labels), number_text(ctx, num)) if how == "header" else None
    letter_top(ctx, subject, header, header_boxes if how == "header_boxes" else None)
    if how == "inline":
        p = ctx.person
        f.para(f"Assuré(e) : {p.first} {p.last} - {rng.choice(labels)} {number_text(ctx, num)}", f.bold)
    elif how == "table":
        since = (ctx.date - dt.timedelta(days=rng.randint(10, 60))).strftime("%d/%m/%Y")
        row = [f"{ctx.person.first} {ctx.person.last}", number_text(ctx, num), since]
        table(ctx, [["Assuré(e)", rng.choice(labels), "Demande du"], row], [1.4, 2.2, 1.0])
        ctx.tags.add("table_layout")
    f.para(texts["intro"].format(**fmt))
    doc_list(ctx, docs)
    f.para(texts["outro"].format(**fmt))
    if rng.random() < 0.5:
        f.para("Veuillez joindre à votre envoi la copie de ce courrier ou le coupon ci-dessous.", size=f.size * 0.92)
    closing(ctx)
    if how == "coupon":
        f.need(150)
        f.y -= 14
        f.rule(f.x0, f.x1, f.y, dash=(4, 3))
        f.text(f.x0 + f.width / 2, f.y + 3, "- - à découper - -", size=f.size * 0.7, color=GREY, align="c")
        heading(
            ctx,
            rng.choice(
                (
                    "Coupon-réponse à joindre à votre envoi",
                    "Partie à retourner avec vos justificatifs",
                    "À découper et à joindre à vos documents",
                )
            ),
        )
        field_line(ctx, "Nom, prénom", f"{ctx.person.last} {ctx.person.first}")
        nir_boxes(ctx, num, rng.choice(labels))
        signature(ctx, ["Date et signature"], height=rng.uniform(30, 45))
        ctx.tags.add("form")


def cv_identity(ctx: Ctx, num: Number, cut: float) -> None:
    """The carte Vitale form's pre-filled details: names, number (mostly in boxes), birth, address, phone; the
    column is narrowed by ``cut`` to leave room for the photo frame."""
    rng, f, p = ctx.rng, ctx.f, ctx.person
    city = ctx.caisse or CAISSES[2]
    f.x1 -= cut
    col = label_column(ctx, ["Nom de naissance", "Prénom(s)", "Date de naissance", "Adresse"])
    field_line(ctx, rng.choice(("Nom", "Nom de naissance")), p.last, col)
    field_line(ctx, "Prénom(s)", p.first, col)
    if rng.random() < 0.88:
        far = rng.random() < 0.06  # no label on the row: the keyword is only in the instructions
        nir_boxes(ctx, num, "" if far else rng.choice(NIR_LABELS), col=col)
        ctx.tags |= {"number_far_from_keyword"} if far else set()
    else:
        field_line(ctx, rng.choice(NIR_LABELS), number_text(ctx, num), col, bold=True)
    dob_row(ctx, p, col)
    if rng.random() < 0.5:
        field_line(ctx, "Lieu de naissance", p.birthplace, col)
    field_line(ctx, "Adresse", p.street, col)
    if rng.random() < 0.45:
        digit_boxes(ctx, "Code postal", city[4], [5], col=col)
        field_line(ctx, "Commune", city[1].upper(), col)
    else:
        field_line(ctx, "Code postal et commune", f"{city[4]} {city[1].upper()}", col)
    if rng.random() < 0.35:
        label = rng.choice(("Téléphone", "N° de téléphone (facultatif)"))
        digit_boxes(ctx, label, "0" * 10, rng.choice(([10], [2, 2, 2, 2, 2])), blank=True, col=col)
    f.x1 += cut


def build_carte_vitale(ctx: Ctx) -> None:
    """The pre-filled carte Vitale form: details with the number (mostly in boxes), photo frame, signature,
    "Je certifie", steps; on one page, a covering letter then the form, or with a side column of steps."""
    rng, f = ctx.rng, ctx.f
    (name, form_title), body = rng.choice(CV_WORDINGS)
    ctx.wording, intro = name, dict(body)["intro"].format(caisse=(ctx.caisse or CAISSES[2])[0])
    num = ctx.main_number()
    layout = rng.choice(("onepage", "onepage", "twopage", "steps_column"))
    ctx.layout.append(f"cv_{layout}")
    steps = ["verify", "photo", "sign", "id", "return"] if rng.random() < 0.6 else ["verify", "id", "photo", "sign"]
    steps_text = [rng.choice(CV_STEPS[s]) for s in steps]
    ctx.documents = [{"photo": "photo", "id": "id_document"}[s] for s in steps if s in ("photo", "id")]
    deadline = f"Merci de retourner ce formulaire avant le {ctx.set_deadline()}." if rng.random() < 0.35 else ""
    if layout == "twopage":
        x0 = f.x0
        letter_top(ctx, form_title)
        f.para(intro)
        for i, s in enumerate(steps_text, 1):
            f.para(f"{i}. {s}", indent=8, after=1)
        if deadline:
            f.para(deadline)
        closing(ctx)
        f.new_page()
        f.x0 = x0
        form_header(ctx, form_title, edited=False)
    else:
        form_header(ctx, form_title)
        if rng.random() < 0.5:
            if rng.random() < 0.5:
                ctx.reference = make_ref(rng, ctx.date.year)
                f.text(f.x0, f.y - f.size, f"Réf. : {ctx.reference}", size=f.size * 0.85)
            f.y = address_block(ctx, PAGE_W * 0.55, f.y) - 10
        f.para(intro)
    if layout == "steps_column":
        side, y_top = rng.uniform(130, 160), f.y
        f.c.setFillColor(rng.choice(PANELS))
        f.c.rect(f.x0 - 4, f.bottom + 20, side, y_top - f.bottom - 20, stroke=0, fill=1)
        lines = [(f"{i}. {s}", f.reg, f.size * 0.85) for i, s in enumerate(steps_text, 1)]
        f.block(f.x0, y_top, side - 10, [("Comment faire ?", f.bold, f.size), *lines])
        f.x0 += side + 12
        ctx.tags.add("two_columns")
    heading(ctx, rng.choice(("Vos informations", "Informations vous concernant", "Identification de l'assuré(e)")))
    photo_w, photo_h = 35 * MM, 45 * MM
    photo_right, y_top = rng.random() < 0.6 and f.width > 380, f.y - 8
    cv_identity(ctx, num, photo_w + 16 if photo_right else 0.0)
    if photo_right:
        photo_box(ctx, f.x1 - photo_w, y_top)
        f.y = min(f.y, y_top - photo_h - 8)
    if rng.random() < 0.4:
        checkbox(
            ctx,
            rng.choice(
                (
                    "Je signale un changement d'adresse (joindre un justificatif)",
                    "Mes informations sont exactes",
                    "Je souhaite recevoir ma carte à cette adresse",
                )
            ),
        )
    if layout == "onepage":
        heading(ctx, rng.choice(("Comment compléter ce formulaire ?", "Mode d'emploi", "À faire")))
        for i, s in enumerate(steps_text, 1):
            f.para(f"{i}. {s}" if rng.random() < 0.8 else f"• {s}", indent=8, after=1)
    heading(ctx, rng.choice(("Photo et signature", "Votre signature", "Déclaration")))
    f.para(rng.choice(CERTIFY))
    if not photo_right:
        f.need(photo_h + 10)
        top = f.y - 4
        photo_box(ctx, f.x0, top)
        f.x0 += photo_w + 14
        signature(ctx, [rng.choice(("Signature", "Votre signature (à l'intérieur du cadre)"))], 60)
        f.x0 -= photo_w + 14
        f.y = min(f.y, top - photo_h - 8)
    else:
        signature(ctx, [rng.choice(("Signature", "Signez ici, sans déborder du cadre"))])
    if deadline and layout != "twopage":
        f.para(deadline, f.bold)
    if rng.random() < 0.3:
        heading(ctx, "Cadre réservé à l'Assurance Maladie")
        digit_boxes(ctx, rng.choice(("Code agent", "N° de lot")), "0" * 8, [8], blank=True)


def spec_part(ctx: Ctx, kind: str, col: float | None) -> None:
    """The richer parts of the "other" specs: an attestation's beneficiary (number in boxes or in a table), a child's
    number, organisation codes in neighbouring cells that join into 15 digits, and the tables (children with their
    own numbers, salaries, reimbursements, daily benefits)."""
    rng, d, p, f = ctx.rng, ctx.date, ctx.person, ctx.f
    home = (ctx.caisse or CAISSES[2])[2]
    if kind == "beneficiary" and ctx.main:
        d1 = d - dt.timedelta(days=rng.randint(1, 200))
        d2 = (d1 + dt.timedelta(days=365)).strftime("%d/%m/%Y")
        if rng.random() < 0.55:
            field_line(ctx, "Bénéficiaire", f"{p.first} {p.last}", col)
            nir_boxes(ctx, ctx.main, col=col)
            field_line(ctx, "Droits ouverts", f"du {d1.strftime('%d/%m/%Y')} au {d2}", col)
        else:
            row = [f"{p.first} {p.last}", p.dob, number_text(ctx, ctx.main), d2]
            table(ctx, [["Bénéficiaire", "Né(e) le", rng.choice(NIR_LABELS), "Droits jusqu'au"], row], [1.5, 1, 2.3, 1])
            ctx.tags.add("table_layout")
    elif kind == "child":
        child = Number(nir_for(rng, make_person(rng, "metro", p, home)), "child")
        f.para(f"Ayant droit rattaché : {number_text(ctx, child, rng.choice(('spaced', 'compact')))}")
    elif kind == "codes":
        ctx.tags.add("number_in_table_cells")
        codes = ["01", digits(rng, 3, "123456789"), digits(rng, 4), digits(rng, 2), digits(rng, 4)]
        table(ctx, [["Régime", "Caisse", "Centre", "Gestion", "Code"], codes])
    elif kind == "children":
        heading(ctx, "Bénéficiaires")
        rows = [["Nom", "Prénom", "Né(e) le", "N° de sécurité sociale"]]
        for _ in range(rng.randint(1, 2)):
            kid = make_person(rng, "metro", p, home)
            child = Number(nir_for(rng, kid), "child")
            rows.append([kid.last, kid.first, kid.dob, number_text(ctx, child, rng.choice(("spaced", "compact")))])
        table(ctx, rows, [1.3, 1.0, 1.0, 2.2])
    elif kind == "salaries":
        rows, m = [["Période du", "au", "Salaire brut", "Cotisations"]], d.replace(day=1)
        for _ in range(3):
            m, gross = (m - dt.timedelta(days=1)).replace(day=1), rng.randint(180000, 320000)
            span = [m.strftime("%d/%m/%Y"), m.replace(day=28).strftime("%d/%m/%Y")]
            rows.append([*span, f"{gross // 100},{gross % 100:02d}", f"{gross * 22 // 10000},00"])
        table(ctx, rows)
    elif kind == "releve":
        rows = [["Date des soins", "Nature", "Montant payé", "Base", "Taux", "Remboursé"]]
        for _ in range(rng.randint(2, 5)):
            when = (d - dt.timedelta(days=rng.randint(5, 60))).strftime("%d/%m/%Y")
            amount, rate = rng.choice((26.5, 30.0, 60.0, 12.4, 45.8)), rng.choice((70, 60, 100))
            what = rng.choice(("Consultation", "Pharmacie", "Analyses", "Kinésithérapie"))
            rows.append(
                [when, what, f"{amount:.2f} €", f"{amount:.2f}", f"{rate} %", f"{amount * rate / 100 - 2:.2f} €"]
            )
        table(ctx, rows, [1.2, 1.4, 1.1, 0.8, 0.7, 1.0])
    else:
        start, days, daily = d - dt.timedelta(days=rng.randint(20, 40)), rng.randint(3, 20), rng.randint(2000, 6000)
        period = f"du {start.strftime('%d/%m/%Y')} au {(start + dt.timedelta(days=days - 1)).strftime('%d/%m/%Y')}"
        row = [period, str(days), f"{daily / 100:.2f} €", f"{daily * days / 100:.2f} €"]
        table(ctx, [["Période", "Nombre de jours", "Montant journalier", "Montant net"], row], [2.2, 1.0, 1.2, 1.0])


def run_spec(ctx: Ctx, head: list[str], body: list[tuple[str, str]]) -> None:
    """Draw an "other" document from its text spec (OTHER_SPECS): a form, or a letter when it has a "letter" line."""
    rng, f = ctx.rng, ctx.f
    name, _, ctx.sender, caisse, titles = head
    ctx.wording, ctx.org = f"ot_{name}", rng.choice(ORGS[ctx.sender]) if ctx.sender in ORGS else None
    ctx.caisse = None if caisse == "national" else ctx.caisse
    keys = dict(body)
    if "person" in keys:
        ctx.person = make_person(rng, keys["person"])
    prov = "nia" in keys or rng.random() < float(keys.get("provisional", 0))
    num = ctx.main_number(provisional=prov, status="provisoire" if "nia" in keys else None)
    p, city, siret = ctx.person, ctx.caisse or CAISSES[2], long_digits(rng, 14)
    vals = {"last": p.last, "first": p.first, "birthplace": p.birthplace, "caisse": city[0], "org": ctx.org or ""}
    vals["doctor"], vals["mutuelle"] = "Dr " + rng.choice(LAST).title(), rng.choice(ORGS["mutuelle"])
    vals["employer"], vals["destination"] = rng.choice(ORGS["employer"]), rng.choice(("Espagne", "Italie", "Maroc"))
    vals["siret"], vals["code"] = f"{siret[:3]} {siret[3:6]} {siret[6:9]} {siret[9:]}", digits(rng, 8)
    vals["contract"], vals["iban4"] = long_digits(rng, rng.choice((13, 15)), "09"), digits(rng, 4)
    vals["ident"] = digits(rng, 7) + rng.choice("ABCDEFGHJK")
    hired = (ctx.date - dt.timedelta(days=rng.randint(200, 2000))).strftime("%d%m%Y")
    boxes = {"siret": siret, "rpps": "10" + digits(rng, 9), "am": digits(rng, 9), "member": digits(rng, 10)}
    boxes |= {"postcode": city[4], "phone": "06" + digits(rng, 8), "blank": "0" * 9, "hired": hired}
    ctx.layout.append(("letter_" if "letter" in keys else "form_") + name)
    if "letter" in keys:
        where = "boxes" if rng.random() < float(keys["letter"]) else rng.choice(("header", "line"))
        header = (rng.choice(NIR_LABELS), number_text(ctx, num)) if where == "header" else None
        letter_top(ctx, rng.choice(options(titles)), header)
        if where == "boxes":
            nir_boxes(ctx, num)
        elif where == "line":
            f.para(f"{rng.choice(NIR_LABELS)} : {number_text(ctx, num)}", f.bold)
    else:
        form_header(ctx, rng.choice(options(titles)))
        ctx.tags -= {"form"} if "noform" in keys else set()
    labels = [v.split(" = ")[0] for k, v in body if k.rstrip("?") in ("field", "boxes")]
    col = label_column(ctx, labels) if labels else None
    for key, value in body:
        if key.endswith("?") and rng.random() < 0.5:
            continue
        key = key.rstrip("?")
        if key in ("p", "intro"):
            f.para(value.format_map(vals))
        elif key == "h":
            heading(ctx, rng.choice(options(value)))
        elif key == "field":
            label, _, template = value.partition(" = ")
            field_line(ctx, label, template.format_map(vals), col)
        elif key == "nir":
            nir_boxes(ctx, num, col=col)
        elif key == "nia" and rng.random() < 0.65:
            label = rng.choice(options(value))
            nir_boxes(ctx, num, label, "above" if len(label) > 30 else None, col)
        elif key == "nia":
            box_row(ctx, [13, 2], [""] * 15, ctx.style, rng.choice(options(value)), "above")
        elif key == "dob":
            dob_row(ctx, p, col, float(value))
        elif key == "boxes":
            label, _, spec = value.partition(" = ")
            gen, _, groups = spec.partition(" / ")
            sizes = [int(x) for x in rng.choice(options(groups.replace("|", "/"))).split(",")]
            digit_boxes(ctx, label, boxes[gen][: sum(sizes)], sizes, gen == "blank", "/" * (gen == "hired"), col)
        elif key in ("docs", "docsall"):
            doc_list(ctx, pick_docs(rng, value.split()) if key == "docs" else value.split())
        elif key == "check":
            checkbox(ctx, value, rng.random() < 0.5)
        elif key in ("beneficiary", "child", "codes", "children", "salaries", "releve", "ij"):
            spec_part(ctx, key, col)
        elif key == "made" and not ctx.letter_date:
            ctx.letter_date = ctx.date.isoformat()
            f.para(f"Fait à {city[1]}, le {fr_date(rng, ctx.date)}")
        elif key == "certify":
            f.para(rng.choice(CERTIFY))
        elif key == "dated":
            ctx.letter_date = ctx.date.isoformat()
            f.para(f"Fait le {ctx.date.strftime('%d/%m/%Y')}")
        elif key == "sign":
            signature(ctx, options(value))
        elif key == "tag":
            ctx.tags.add(value)
        elif key == "close":
            closing(ctx)


def build_other(ctx: Ctx) -> None:
    """Any other document carrying the number: one of the OTHER_SPECS, mostly forms with boxes."""
    run_spec(ctx, *ctx.rng.choices(OTHER_SPECS, [int(head[1]) for head, _ in OTHER_SPECS])[0])


BUILDERS: dict[str, Callable[[Ctx], None]] = {
    "carte_vitale_form": build_carte_vitale,
    "number_assignment": build_number_assignment,
    "documents_request": build_documents_request,
    "other": build_other,
}

# ------------------------------------------------------------------------------------------------- entry points


def _build(rng: random.Random, letter_type: str, compact: bool) -> FamilyDocument:
    f = Flow(rng, rng.choice(sorted(font_families())), compact)
    caisse = rng.choice(CAISSES[16:] if rng.random() < 0.15 else CAISSES[:16])
    kind = rng.choices(("metro", "abroad", "corsica", "overseas"), (42, 30, 13, 15))[0]
    kind = "overseas" if caisse[2].startswith("97") and rng.random() < 0.6 else kind
    date = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randint(0, 1060))
    ctx = Ctx(rng, f, letter_type, caisse, make_person(rng, kind), date, random_box_style(rng))
    BUILDERS[letter_type](ctx)
    if ctx.sender == "cpam":
        f.footer = rng.choice(
            (
                "ameli.fr - 36 46 (service gratuit + prix d'un appel)",
                "Une question ? ameli.fr",
                "Pour nous contacter : 36 46 ou 0 811 36 36 46",
            )
        )
    else:
        f.footer = rng.choice(("Document à conserver", "Merci de rappeler vos références dans toute correspondance"))
    truth = ctx.truth()
    fonts = tuple(sorted(name.removeprefix(_PREFIX) for name in f.fonts))
    return FamilyDocument(pdf=f.save(), truth=truth, fonts=fonts)


def make_document(rng: random.Random, letter_type: str, doc_id: str) -> FamilyDocument:
    """One document of ``letter_type``, deterministic for the state of ``rng`` (``doc_id`` is not printed).

    A sub-generator seeded from ``rng`` builds it, so a document too long for two pages can be rebuilt from the same
    draws in a compact setting (smaller type), then, failing that, from fresh draws.
    """
    if letter_type not in BUILDERS:
        raise ValueError(f"unknown letter type {letter_type!r}")
    seed = rng.getrandbits(64)
    for attempt, compact in ((0, False), (0, True), (1, True), (2, True)):
        try:
            return _build(random.Random(seed + attempt), letter_type, compact)
        except _Overflow:
            continue
    raise RuntimeError(f"{doc_id}: could not fit a {letter_type} on two pages")


def main(argv: list[str] | None = None) -> None:
    """Write ``NNNN-<type>.pdf`` and its truth ``.json`` for eyeballing the family."""
    ap = argparse.ArgumentParser(description="Generate the 'forms' letter family (numbers printed in boxes).")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--count", type=int, default=24)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    for i in range(args.count):
        letter_type = LETTER_TYPES[i % len(LETTER_TYPES)]
        doc = make_document(rng, letter_type, f"{i:04d}")
        (args.out / f"{i:04d}-{letter_type}.pdf").write_bytes(doc.pdf)
        text = json.dumps(doc.truth, ensure_ascii=False, indent=2) + "\n"
        (args.out / f"{i:04d}-{letter_type}.json").write_text(text, encoding="utf-8")
    print(f"wrote {args.count} documents to {args.out}")


if __name__ == "__main__":
    main()
