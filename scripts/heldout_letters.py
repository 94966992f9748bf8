"""Held-out family of synthetic CPAM letters and look-alikes, for measuring the reader on letters it was not tuned to.

This family was written from the two reference notes alone (``/work/shared/reference/cpam-letters.md`` and
``nir.md``), without reading the reader's code, its fixtures or the project's own generator, so that its wordings,
layouts and fonts are foreign to the reader. The wordings live in the phrase catalogue ``PHRASES`` below; each letter
draws one phrase per slot, so combinations multiply. A letter is composed first (all randomness drawn from the given
``rng``, the truth recorded as parts are chosen), then drawn with reportlab on one A4 page with TrueType fonts, so the
text layer holds exactly what is printed. Names, addresses and numbers are fictitious.

Usage: ``python scripts/heldout_letters.py --out DIR --count N --seed S`` writes ``NNNN-<type>.pdf`` and its truth
``NNNN-<type>.json`` for inspection.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import random
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from stdnum.fr import nir as stdnir

from family import HARD_CASES, TRUTH_KEYS, FamilyDocument

FAMILY = "heldout"
LETTER_TYPES = ("number_assignment", "documents_request", "carte_vitale_form", "other")
PAGE_W, PAGE_H = A4
SPECIMEN = "269054958815780"


def catalogue(text: str) -> dict[str, tuple[str, ...]]:
    """Parse ``key`` lines followed by phrases indented by 2 (a deeper indent continues the phrase above)."""
    out: dict[str, list[str]] = {}
    key = ""
    for line in text.splitlines():
        if not line.strip():
            continue
        if not line.startswith(" "):
            key = line.strip()
            out[key] = []
        elif line.startswith("    "):
            out[key][-1] += " " + line.strip()
        else:
            out[key].append(line.strip())
    return {k: tuple(v) for k, v in out.items()}


# Phrases: {name} is filled in by the composer; " | " separates the lines of one item.
PHRASES = catalogue("""
closing
  Nous vous prions d'agréer, {civ}, l'expression de nos salutations distinguées.
  Veuillez agréer, {civ}, nos salutations distinguées.
  Nous vous prions de croire, {civ}, à l'assurance de notre considération distinguée.
  Recevez, {civ}, nos sincères salutations.
  Nous restons à votre disposition pour tout renseignement complémentaire et vous prions d'agréer, {civ},
    nos salutations les meilleures.
  Cordialement,
signer
  Le Directeur
  Pour le Directeur et par délégation, | Le responsable du service Immatriculation
  Votre conseiller Assurance Maladie
  Le service des Relations avec les assurés
  Pour le Directeur, | La responsable du pôle Bénéficiaires
service
  Service Immatriculation
  Pôle Gestion des bénéficiaires
  Département Relations assurés
  Service Accueil et Droits
  Plateforme Assurés nés à l'étranger
phone_line
  Téléphone : {phone} (service gratuit + prix d'un appel)
  Un conseiller au {phone}
  {phone} du lundi au vendredi, de 8 h 30 à 17 h 30
date_line
  {city}, le {long}
  Le {long}
  Date : {num}
  {city}, le {num}
  Fait à {city}, le {long}
  Édité le {dots}
ref_label
  Réf.
  Nos réf.
  N° de dossier
  Dossier n°
  Référence
  Référence à rappeler
received
  Nous avons bien reçu {doc}, que nous avons joint à votre dossier.
  Votre envoi comprenant {doc} nous est bien parvenu.

na_open_def
  Nous avons le plaisir de vous informer que votre immatriculation à l'assurance maladie est terminée.
  Suite à la vérification de votre état civil, les démarches relatives à votre immatriculation sont achevées.
  Votre demande d'ouverture des droits à l'assurance maladie a été examinée et acceptée.
  Les pièces que vous nous avez transmises ont permis de finaliser votre dossier.
  Après instruction de votre dossier par nos services et vérification de votre état civil par l'organisme
    compétent, votre situation est désormais régularisée.
na_open_prov
  Nous avons bien reçu votre demande d'ouverture des droits à l'assurance maladie.
  Votre employeur nous a transmis votre demande d'ouverture des droits, accompagnée de vos justificatifs.
  Nous accusons réception de votre demande d'immatriculation et vous en remercions.
  Vous exercez une activité en France et vous avez demandé à être affilié(e) à l'assurance maladie.
na_open_plain
  Suite à votre demande, nous avons procédé à votre immatriculation.
  Votre dossier a été enregistré par nos services.
  Nous faisons suite à la demande d'ouverture de droits effectuée par votre employeur.
na_follow
  Ce numéro vous est personnel : communiquez-le à votre employeur et à vos professionnels de santé.
  Nous vous invitons à communiquer ce numéro à votre employeur dès réception de ce courrier.
  Vous pouvez dès à présent créer votre compte ameli sur ameli.fr afin de suivre vos remboursements en ligne.
  Conservez précieusement ce courrier : il pourra vous être demandé lors de vos démarches.
  En cas de changement d'adresse, pensez à nous en informer depuis votre compte ameli ou par courrier.
  Pour tout renseignement, nos conseillers sont à votre écoute au 36 46 (service gratuit + prix d'un appel).
  Si vous avez des enfants à charge, vous pouvez demander leur rattachement à votre dossier.
na_follow_def
  Votre carte Vitale vous sera proposée prochainement : vous recevrez un formulaire à compléter et à nous
    retourner avec votre photo.
  Ce numéro remplace le numéro provisoire qui vous avait été communiqué précédemment ; il ne changera plus.
  Il vous accompagnera tout au long de votre vie, même en cas de changement de situation ou d'employeur.
na_follow_prov
  Ce numéro vous permet d'être remboursé(e) de vos soins en attendant l'attribution de votre numéro définitif.
  Il reste valable pendant toute la durée d'instruction de votre dossier, qui peut atteindre plusieurs mois.
  Tant que vous disposez de ce numéro, vous ne pouvez pas obtenir de carte Vitale ; une attestation de droits
    peut vous être délivrée sur simple demande.
  Un nouveau courrier vous sera adressé lorsque votre numéro définitif vous aura été attribué.
na_label_def
  Votre numéro de sécurité sociale définitif est le suivant :
  Numéro de sécurité sociale définitif :
  Un numéro personnel et définitif vous est attribué :
  Votre NIR (définitif) :
  Numéro d'inscription au répertoire (NIR) définitif :
na_label_prov
  Dans l'attente de la vérification de votre état civil, un numéro d'identification d'attente (NIA) vous a été
    attribué :
  Votre numéro provisoire :
  Numéro provisoire (NIA) :
  Nous vous attribuons un numéro temporaire :
  Votre NIA :
na_label_plain
  Votre numéro d'immatriculation est
  Nous vous communiquons votre numéro de sécurité sociale :
  Numéro de sécurité sociale :
  N° d'inscription au répertoire (NIR) :
  Votre numéro d'assuré(e) :
na_label_neutral
  N° :
  Numéro attribué :
  Votre numéro :
  Identifiant :
na_subject_def
  Attribution de votre numéro de sécurité sociale
  Votre numéro de sécurité sociale définitif
  Immatriculation à l'assurance maladie
na_subject_prov
  Votre numéro provisoire d'immatriculation
  Attribution d'un numéro d'identification d'attente (NIA)
  Ouverture de vos droits
na_subject_plain
  Votre numéro de sécurité sociale
  Immatriculation
  Votre immatriculation
na_plain_sentence
  Nous vous informons que vous êtes immatriculé(e) sous le numéro {num}.
  Nous vous communiquons votre numéro de sécurité sociale : {num}.
  Votre numéro d'immatriculation est le {num} : il figure sur tous nos courriers.
  Vous êtes désormais immatriculé(e) à l'assurance maladie sous le numéro {num}.
na_old_new_sentence
  Le numéro d'identification d'attente {old} qui vous avait été attribué est remplacé par votre numéro de
    sécurité sociale définitif : {new}.
  Votre numéro provisoire {old} est remplacé, à compter de ce jour, par votre numéro définitif {new}.
na_sentence_def
  Après vérification de votre état civil, votre numéro, désormais définitif, est : {num}.
  Le numéro {num} qui vous avait été communiqué est à présent définitif : il ne changera plus.
  Votre immatriculation est confirmée : le numéro {num} devient votre numéro définitif de sécurité sociale.
na_sentence_prov
  Le numéro qui vous est attribué, à titre provisoire, est le {num}.
  Dans l'attente de la fin de l'instruction, vous pouvez utiliser le numéro {num}, qui restera provisoire tant
    que votre état civil n'aura pas été vérifié.
na_far_status_def
  Nous vous informons que votre numéro de sécurité sociale est désormais définitif.
  Votre immatriculation définitive a été prononcée par nos services.
na_far_status_prov
  Un numéro provisoire vous a été attribué dans l'attente de l'instruction de votre dossier.
  Vous bénéficiez désormais d'un numéro d'identification d'attente.
na_far_between
  Ce numéro doit figurer sur toutes vos correspondances avec nos services.
  Pour toute question, nos conseillers sont joignables au 36 46.
  Votre employeur en sera également informé.
na_far_open
  Nous avons le plaisir de vous communiquer votre numéro de sécurité sociale{qual}. Vous le trouverez dans le
    cadre figurant en bas de ce courrier.
  Votre immatriculation{qual2} est enregistrée : votre numéro de sécurité sociale est reproduit plus bas, dans
    l'encadré prévu à cet effet.
na_far_label
  À conserver
  Votre numéro
  À communiquer à votre employeur
na_table_open
  Vous trouverez ci-dessous les informations enregistrées lors de votre immatriculation.
  Veuillez vérifier les informations ci-dessous et nous signaler toute erreur.
na_docs_intro
  Afin de finaliser votre immatriculation, nous vous remercions de nous adresser, {dl}, les pièces suivantes :
  Pour obtenir votre numéro définitif, il nous reste à recevoir, {dl}, les documents ci-après :
na_docs_else
  À défaut, votre numéro provisoire pourra être désactivé.
  Sans ces documents, nous ne pourrons pas vous attribuer de numéro définitif.
na_header_where
  Votre numéro de sécurité sociale figure {where}.
  Vous trouverez votre numéro de sécurité sociale {where}.

dr_open
  Nous avons bien reçu votre demande d'ouverture des droits à l'assurance maladie et nous vous en remercions.
  Après examen de votre dossier, nous constatons qu'il est incomplet.
  Votre dossier d'immatriculation ne peut pas être finalisé en l'état : certaines pièces justificatives sont
    manquantes.
  Pour poursuivre l'étude de votre demande, nous avons besoin de documents complémentaires.
  Lors de l'instruction de votre demande, nous avons relevé l'absence de plusieurs pièces.
dr_ask
  Veuillez nous adresser :
  Merci de nous faire parvenir les pièces suivantes :
  Pièces à fournir :
  Afin de compléter votre dossier, nous vous remercions de nous retourner :
  Documents manquants :
dr_when
  Nous vous remercions de nous faire parvenir ces documents {dl}.
  Ces pièces doivent nous parvenir {dl}.
  Merci de nous retourner l'ensemble de ces documents {dl}, accompagnés de la copie de ce courrier.
dr_else
  À défaut, nous ne serons pas en mesure de poursuivre l'examen de vos droits.
  Sans ces éléments, le versement de vos prestations pourra être suspendu.
  Passé ce délai, votre demande sera classée sans suite.
dr_send
  Vous pouvez nous transmettre ces pièces par courrier, en rappelant la référence de ce dossier.
  Vous pouvez également les déposer dans votre compte ameli, rubrique « Mes démarches ».
  Des photocopies lisibles suffisent, sauf pour l'acte de naissance, dont nous avons besoin en original.
  Pour toute question, appelez le 09 72 72 36 46 en indiquant votre numéro de dossier.
dr_recall_prov
  Votre numéro provisoire {num} reste valable pendant l'instruction de votre dossier.
  Nous vous rappelons que votre numéro provisoire {num} reste valable jusqu'à la fin de l'instruction.
dr_recall_sentence
  Le numéro {num}, qui reste provisoire, vous permet d'être remboursé(e) en attendant.
  Votre numéro d'immatriculation, {num}, encore provisoire à ce jour, doit figurer sur tous vos envois.
dr_checklist
  Les pièces cochées ci-dessous sont à nous fournir :
  Pièces à joindre (cases cochées) :
  Merci de nous adresser les documents cochés :
dr_subject_incomplet
  Dossier incomplet
  Votre demande d'ouverture de droits : pièces manquantes
  Compléter votre dossier
dr_demeure_intro
  Par courrier du {prev}, nous vous avons demandé de compléter votre dossier. À ce jour, nous n'avons reçu
    aucune réponse de votre part.
  Malgré notre demande du {prev}, votre dossier reste incomplet.
dr_demeure_ask
  En conséquence, nous vous mettons en demeure de nous transmettre, {dl}, les documents suivants :
  Nous vous mettons en demeure de nous adresser {dl} :
dr_demeure_else
  À défaut, le versement de vos prestations sera suspendu.
  Sans réponse de votre part, vos droits seront suspendus à l'expiration de ce délai.
dr_etat_civil
  Conformément à la réglementation, vous disposez de 3 mois à compter de la date de ce courrier pour produire le
    document d'état civil manquant.
  Vous avez 3 mois, à compter de la date de ce courrier, pour produire le document d'état civil manquant.
dr_nia
  L'instruction de votre immatriculation définitive est en cours. Il nous manque toutefois un document d'état
    civil.
dr_s1
  Vous êtes ressortissant(e) d'un État de l'Union européenne et vous résidez en France. Pour étudier vos droits,
    nous avons besoin des documents suivants.
dr_ij
  Pour calculer les indemnités journalières dues au titre de votre arrêt de travail du {start}, il nous manque
    des éléments.
dr_school
  Votre enfant {child} est rattaché(e) à votre dossier en qualité d'ayant droit. Pour maintenir ses droits après
    ses 16 ans, nous avons besoin d'un justificatif.

doc:birth_certificate
  une copie intégrale de votre acte de naissance, avec filiation
  l'extrait d'acte de naissance comportant les noms de vos parents
  copie intégrale de l'acte de naissance (avec filiation)
doc:sworn_translation
  sa traduction en français par un traducteur assermenté
  la traduction de l'acte réalisée par un traducteur agréé près une cour d'appel
  traduction certifiée par un traducteur assermenté
doc:apostille
  l'apostille ou la légalisation de cet acte
  le document revêtu de l'apostille ou légalisé
  apostille (ou légalisation) de l'acte de naissance
doc:passport
  une copie lisible de votre passeport en cours de validité
  la photocopie des pages d'identité de votre passeport
  passeport (pages d'identité)
doc:residence_permit
  votre titre de séjour en cours de validité (carte de séjour, récépissé ou VLS-TS)
  la copie recto verso de votre titre de séjour
  titre de séjour ou récépissé de demande
doc:s1_form
  le formulaire S1 délivré par l'organisme d'assurance maladie de votre pays
  formulaire S1 (droits maintenus dans votre pays d'origine)
  l'original de votre formulaire S1
doc:rib
  un relevé d'identité bancaire (RIB) à votre nom
  un RIB comportant votre IBAN
  relevé d'identité bancaire ou postal
doc:proof_of_address
  un justificatif de domicile de moins de 3 mois
  une facture récente d'électricité, de gaz ou d'eau, ou une quittance de loyer
  justificatif de domicile (ou attestation d'hébergement)
doc:employment_contract
  une copie de votre contrat de travail
  votre contrat de travail signé
  contrat de travail ou promesse d'embauche
doc:payslips
  vos trois derniers bulletins de salaire
  les bulletins de paie des trois derniers mois
  bulletins de salaire (3 derniers)
doc:employer_certificate
  une attestation de salaire établie par votre employeur
  l'attestation de votre employeur précisant votre date d'embauche
  attestation employeur
doc:school_certificate
  un certificat de scolarité pour l'année en cours
  le certificat de scolarité de votre enfant
  certificat de scolarité
doc:other
  le formulaire de demande d'ouverture des droits (S1106) complété et signé
  votre dernier avis d'imposition
  la copie de votre livret de famille

cv_title
  Ma nouvelle carte Vitale
  Demande de carte Vitale
  Votre carte Vitale : formulaire à compléter
  Votre première carte Vitale
  Renouvellement de votre carte Vitale
  Demande de carte Vitale
  Carte Vitale avec photo
  CARTE VITALE
  Obtenir votre carte Vitale
cv_intro
  Pour recevoir votre carte Vitale, complétez ce formulaire et retournez-le-nous.
  Vous pouvez désormais obtenir votre carte Vitale. Quelques minutes suffisent pour compléter ce formulaire.
  Ce formulaire a été pré-rempli avec les informations dont nous disposons.
  Suite à l'attribution de votre numéro de sécurité sociale définitif, vous pouvez obtenir votre première carte
    Vitale.
  Votre carte Vitale actuelle doit être remplacée. Merci de compléter ce formulaire.
  Complétez ce formulaire en lettres capitales, à l'encre noire.
  Votre future carte Vitale comportera votre photo : elle facilite votre identification par les professionnels
    de santé.
  Formulaire à retourner complété.
  Votre immatriculation est terminée. Pour recevoir votre carte Vitale, il vous suffit de compléter le formulaire
    ci-dessous, d'y coller votre photo et de le signer.
cv_step_check
  Vérifiez les informations pré-remplies et corrigez-les si nécessaire.
  Contrôlez vos nom, prénom et date de naissance.
  Vérifiez vos informations personnelles.
cv_step_photo
  Collez votre photo d'identité récente, en couleur, dans le cadre prévu (35 × 45 mm).
  Collez votre photo dans le cadre, sans l'agrafer.
  Photo d'identité : de face, tête nue, sur fond clair, non découpée.
cv_step_sign
  Signez à l'intérieur du cadre, sans déborder.
  Apposez votre signature dans le cadre réservé.
  Signez à l'encre noire, sans toucher les bords du cadre.
cv_step_id
  Joignez une photocopie recto verso de votre pièce d'identité (carte d'identité, passeport ou titre de séjour).
  Joignez la photocopie d'une pièce d'identité en cours de validité, recto verso.
  Ajoutez une copie de votre pièce d'identité (recto verso).
cv_step_return
  Retournez ce formulaire dans l'enveloppe jointe, sans l'affranchir.
  Renvoyez le tout à l'aide de l'enveloppe réponse ci-jointe.
  Glissez le formulaire et la copie dans l'enveloppe et postez-la.
cv_number_label
  N° de sécurité sociale :
  Numéro d'immatriculation :
  N° d'assuré(e) :
  NIR :
cv_sections
  1. Vos informations | 2. Votre photo et votre signature | Comment faire ?
  Vos coordonnées | Photo et signature | Mode d'emploi
  Étape 1 — Vérifiez | Étape 2 — Photo et signature | Rappel des étapes
cv_photo
  Collez ici | votre photo | 35 × 45 mm
  PHOTO | d'identité | récente
  Photo | (ne pas agrafer)
cv_signature
  Signature
  Votre signature
  Signature de l'assuré(e)
certify
  Je certifie l'exactitude des renseignements portés sur ce formulaire.
  Je certifie sur l'honneur l'exactitude des informations ci-dessus.
  Je soussigné(e) certifie exacts les renseignements figurant sur ce document.

att_intro
  La caisse certifie que la personne désignée ci-dessous bénéficie des prestations de l'assurance maladie au titre
    du régime général.
  Nous attestons que l'assuré(e) désigné(e) ci-dessous a droit aux prestations de l'assurance maladie.
att_use
  Elle peut être présentée à vos professionnels de santé, à votre employeur ou à tout organisme qui vous la
    demande.
  Cette attestation ne remplace pas la carte Vitale mais permet de justifier de vos droits.
ij_intro
  Nous avons procédé au paiement des indemnités journalières relatives à votre arrêt de travail du {start}.
  Voici le détail du paiement de vos indemnités journalières pour votre arrêt de travail du {start}.
ameli
  Vous avez demandé à ouvrir votre compte ameli. Pour vous connecter la première fois sur ameli.fr, munissez-vous
    de :
  Ce code provisoire est valable 12 semaines. Lors de votre première connexion, vous choisirez un mot de passe
    personnel.
  Attention : nos services ne vous demanderont jamais ce code par téléphone ou par courriel.
medecin
  Nous avons bien enregistré la déclaration de choix de votre médecin traitant, le {dr}.
  Pour changer de médecin traitant, il vous suffit de remplir une nouvelle déclaration avec le médecin de votre
    choix.
css
  Votre demande de complémentaire santé solidaire a été acceptée.
  Vos droits sont ouverts du {start} au {end}, {fee}.
  Pensez à renouveler votre demande deux mois avant la fin de vos droits.
ceam
  Vous trouverez ci-dessous votre carte européenne d'assurance maladie (CEAM). Elle atteste de vos droits lors
    d'un séjour temporaire dans un pays de l'Union européenne.
  Découpez la carte en suivant le pointillé et conservez-la avec vos papiers d'identité.
caf
  Suite à l'examen de votre situation, nous avons calculé vos droits pour les mois à venir.
  Signalez-nous tout changement de situation sur caf.fr, rubrique « Mon Compte ».
urssaf
  Nous vous confirmons votre immatriculation en qualité de travailleur indépendant à compter du {start}.
  Vos cotisations sont calculées sur la base du chiffre d'affaires que vous déclarez chaque mois ou chaque
    trimestre sur autoentrepreneur.urssaf.fr.
cnav
  Vous trouverez ci-dessous le relevé des périodes enregistrées sur votre compte retraite.
  Si vous constatez un oubli ou une erreur, signalez-le depuis votre espace personnel.
mutuelle
  Veuillez trouver ci-joint votre carte de tiers payant, valable du 1er janvier au 31 décembre {year}.
  Présentez-la avec votre carte Vitale à vos professionnels de santé pour ne pas avancer les frais.
employer
  Je soussigné(e) {boss}, agissant en qualité de gérant(e) de la société {company}, atteste que {who}, {born} le
    {birth}, immatriculé(e) sous le numéro de sécurité sociale {num}, est employé(e) dans notre entreprise depuis
    le {since}, en contrat à durée {kind}.
  Cette attestation est délivrée à l'intéressé(e) pour servir et valoir ce que de droit.
none:Invitation à un examen de prévention santé
  Votre caisse vous invite à réaliser gratuitement un examen de prévention santé dans l'un de nos centres. Cet
    examen comprend un entretien, des examens biologiques et un bilan personnalisé.
  Pour prendre rendez-vous, appelez le 09 72 72 36 46 en indiquant le code {code}.
none:Fermeture exceptionnelle de votre accueil
  Nous vous informons que notre accueil de {city} sera exceptionnellement fermé le {day}.
  Vos démarches restent possibles sur ameli.fr ou au 36 46 (service gratuit + prix d'un appel).
none:Mon espace santé
  Mon espace santé est votre carnet de santé numérique : il vous permet de conserver vos documents médicaux et
    de les partager avec les professionnels de santé de votre choix.
  Pour l'activer, rendez-vous sur monespacesante.fr avec votre carte Vitale.
rib
  Afin de pouvoir vous rembourser vos frais de santé par virement, nous avons besoin de vos coordonnées bancaires.
  Nous vous remercions de nous le transmettre {dl}.
""")

# Fictitious people and places; caisses as "kind | name with its preposition | town | postcode".
DATA = catalogue("""
caisse
  CPAM | de la Gironde | Bordeaux | 33000
  CPAM | du Rhône | Lyon | 69003
  CPAM | de Paris | Paris | 75012
  CPAM | des Bouches-du-Rhône | Marseille | 13004
  CPAM | d'Ille-et-Vilaine | Rennes | 35000
  CPAM | de l'Hérault | Montpellier | 34000
  CPAM | de la Haute-Garonne | Toulouse | 31000
  CPAM | de Lille-Douai | Lille | 59000
  CPAM | de Roubaix-Tourcoing | Roubaix | 59100
  CPAM | du Bas-Rhin | Strasbourg | 67000
  CPAM | de la Loire-Atlantique | Nantes | 44000
  CPAM | des Alpes-Maritimes | Nice | 06000
  CPAM | de la Seine-Saint-Denis | Bobigny | 93000
  CPAM | des Hauts-de-Seine | Nanterre | 92000
  CPAM | du Val-de-Marne | Créteil | 94000
  CPAM | de l'Isère | Grenoble | 38000
  CPAM | d'Indre-et-Loire | Tours | 37000
  CPAM | du Puy-de-Dôme | Clermont-Ferrand | 63000
  CPAM | de la Corse-du-Sud | Ajaccio | 20000
  CPAM | de la Haute-Corse | Bastia | 20200
  CPAM | de Bayonne | Bayonne | 64100
  CPAM | de l'Artois | Arras | 62000
  CPAM | de la Moselle | Metz | 57000
  CGSS | de la Martinique | Fort-de-France | 97200
  CGSS | de la Guadeloupe | Pointe-à-Pitre | 97110
  CGSS | de La Réunion | Saint-Denis | 97400
  CGSS | de la Guyane | Cayenne | 97300
first:1
  Karim, Mamadou, João, Piotr, Andrei, Mehdi, Thomas, Luis, Wei, Arjun, Youssef, Nicolas, Ibrahima, Marco,
    Dmitri, Sébastien, Kwame, Rahul, Hugo, Bilal
first:2
  Fatou, Ana, Oksana, Leïla, Marie, Aïcha, Mei, Priya, Elena, Sofia, Camille, Nadia, Ioana, Agnieszka, Chloé,
    Amina, Lucia, Yasmina, Claire, Hanna
last
  Diallo, Ferreira, Kowalski, Popescu, Benali, Nguyen, Marchetti, Garcia, Haddad, Traoré, Rossi, Dubreuil,
    Sharma, Mendes, Kovalenko, Morvan, Zhang, Okafor, Lefebvre, Bouzid, Da Silva, Petitjean, Mbaye, Schmitt,
    Rahmani, Lambertin, Costa, Renaudie, Sow, Achour
street
  rue des Tilleuls, avenue Jean Jaurès, boulevard Voltaire, allée des Acacias, chemin du Moulin,
    place de la Mairie, rue Victor Hugo, impasse des Lilas, rue de la République, cours Gambetta,
    rue du Général Leclerc, avenue de la Libération, rue des Écoles, quai des Chartrons
country
  109 Allemagne, 127 Italie, 131 Belgique, 134 Espagne, 139 Portugal, 122 Pologne, 114 Roumanie, 350 Maroc,
    351 Tunisie, 352 Algérie, 341 Sénégal, 335 Mali, 216 Chine, 223 Inde, 243 Viêt Nam, 401 Canada,
    404 États-Unis
overseas
  971 Guadeloupe, 972 Martinique, 973 Guyane, 974 La Réunion, 976 Mayotte
metro
  75, 69, 13, 33, 59, 31, 44, 67, 06, 34, 35, 38, 76, 57, 63, 21, 29, 87, 93, 92, 01, 45, 80, 49, 54, 64
employer
  SARL Les Jardins du Midi, Transports Morvan et Fils, Boulangerie Le Fournil d'Or, SAS Logistique Atlantique,
    Restaurant La Table d'Ana, Nettoyage Pro Services, BTP Construction Sud-Ouest, Hôtel Le Beau Rivage,
    Clinique des Pins, Agence Intérim Plus
mutuelle
  Mutuelle Horizon Santé, MutSanté Avenir, Prévoyance des Cèdres, Mutuelle du Littoral
job
  Employé polyvalent, Cuisinier, Chauffeur livreur, Agent d'entretien, Aide-soignant(e), Préparateur de commandes
care
  Consultation médecin généraliste, Pharmacie, Analyses de laboratoire, Kinésithérapie, Soins dentaires,
    Consultation spécialiste, Radiologie
""")
CAISSES = tuple(tuple(part.strip() for part in line.split("|")) for line in DATA["caisse"])


def words(key: str) -> tuple[str, ...]:
    """A comma-separated list of the ``DATA`` catalogue."""
    return tuple(w.strip() for w in DATA[key][0].split(","))


FIRST = {1: words("first:1"), 2: words("first:2")}
LAST, STREETS, EMPLOYERS, JOBS, CARE = (words(k) for k in ("last", "street", "employer", "job", "care"))
COUNTRIES = tuple(tuple(w.split(" ", 1)) for w in words("country"))
OVERSEAS = tuple(tuple(w.split(" ", 1)) for w in words("overseas"))
METRO = words("metro")
MONTHS = (
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
PHONES = ("36 46", "09 72 72 36 46", "0 811 70 36 46")


# ---------------------------------------------------------------- fonts
FONT_DIR = Path("/usr/share/fonts/truetype")
FONT_FILES = {
    "DejaVuSans": ("dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Bold.ttf", "dejavu/DejaVuSans-Oblique.ttf"),
    "DejaVuSerif": ("dejavu/DejaVuSerif.ttf", "dejavu/DejaVuSerif-Bold.ttf", "dejavu/DejaVuSerif-Italic.ttf"),
    "DejaVuSansCondensed": (
        "dejavu/DejaVuSansCondensed.ttf",
        "dejavu/DejaVuSansCondensed-Bold.ttf",
        "dejavu/DejaVuSansCondensed-Oblique.ttf",
    ),
    "DejaVuSansMono": ("dejavu/DejaVuSansMono.ttf", "dejavu/DejaVuSansMono-Bold.ttf", "dejavu/DejaVuSansMono.ttf"),
    "LiberationSans": tuple(f"liberation2/LiberationSans-{s}.ttf" for s in ("Regular", "Bold", "Italic")),
    "LiberationSerif": tuple(f"liberation2/LiberationSerif-{s}.ttf" for s in ("Regular", "Bold", "Italic")),
    "LiberationMono": tuple(f"liberation2/LiberationMono-{s}.ttf" for s in ("Regular", "Bold", "Italic")),
    "FreeSans": ("freefont/FreeSans.ttf", "freefont/FreeSansBold.ttf", "freefont/FreeSansOblique.ttf"),
    "FreeSerif": ("freefont/FreeSerif.ttf", "freefont/FreeSerifBold.ttf", "freefont/FreeSerifItalic.ttf"),
}
BODY_FAMILIES = (
    "DejaVuSans",
    "DejaVuSerif",
    "DejaVuSansCondensed",
    "LiberationSans",
    "LiberationSerif",
    "FreeSans",
    "FreeSerif",
)
SYMBOL_FONT = "DejaVuSans-r"  # has the ballot boxes ☐ ☒ and the scissors ✂


def register_family(family: str) -> None:
    """Register a family's regular, bold and italic faces with reportlab as ``<family>-r/-b/-i`` (once)."""
    for weight, path in zip("rbi", FONT_FILES[family], strict=True):
        name = f"{family}-{weight}"
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / path)))


@dataclass(frozen=True)
class Style:
    """The typographic choices of one letter."""

    body: str
    head: str
    num: str
    size: float
    lead: float
    gap: float
    margin: float
    align: str
    accent: tuple[float, float, float]
    apos: bool

    def font(self, weight: str, kind: str = "body") -> str:
        return f"{getattr(self, kind)}-{weight}"

    def fonts(self) -> tuple[str, ...]:
        return tuple(sorted({self.body, self.head, self.num, "DejaVuSans"}))


def pick_style(rng: random.Random) -> Style:
    body = rng.choice(BODY_FAMILIES)
    head = body if rng.random() < 0.6 else rng.choice(BODY_FAMILIES)
    num = rng.choice(("DejaVuSansMono", "LiberationMono")) if rng.random() < 0.3 else body
    for fam in {body, head, num, "DejaVuSans"}:
        register_family(fam)
    accent = rng.choice(((0.05, 0.2, 0.5), (0.0, 0.35, 0.55), (0.1, 0.1, 0.1), (0.0, 0.4, 0.3), (0.35, 0.1, 0.4)))
    return Style(
        body=body,
        head=head,
        num=num,
        size=rng.choice((9.0, 9.5, 10.0, 10.0, 10.5, 11.0, 11.0, 11.5, 12.0, 12.5)),
        lead=round(rng.uniform(1.18, 1.4), 2),
        gap=round(rng.uniform(0.45, 0.95), 2),
        margin=rng.choice((45.0, 50.0, 56.0, 62.0, 70.0)),
        align="justify" if rng.random() < 0.4 else "left",
        accent=accent,
        apos=rng.random() < 0.4,
    )


# ---------------------------------------------------------------- runs
@dataclass(frozen=True)
class R:
    """A run of text: weight r/b/i, ``atomic`` runs never break across lines, ``font`` body/head/num/sym."""

    text: str
    weight: str = "r"
    atomic: bool = False
    font: str = "body"


def B(text: str) -> R:
    return R(text, "b")


def I(text: str) -> R:  # noqa: E743
    return R(text, "i")


def N(text: str, bold: bool = True) -> R:
    """A number: drawn in one piece in the number font, never broken."""
    return R(text, "b" if bold else "r", True, "num")


def as_runs(items: object) -> list[R]:
    if isinstance(items, R):
        return [items]
    if isinstance(items, str):
        return [R(items)]
    return [r for item in items for r in as_runs(item)]  # type: ignore[attr-defined]


def plain(items: object) -> str:
    return "".join(r.text for r in as_runs(items))


def blk(op: str, *args: object, **kw: object) -> tuple:
    return (op, args, kw)


def P(*items: object, **kw: object) -> tuple:
    return blk("p", list(items), **kw)


# ---------------------------------------------------------------- drawing
class Flow:
    """Draws blocks top-down in a column; remembers if it ran below ``bottom``."""

    def __init__(self, c: canvas.Canvas, st: Style, x: float, y: float, w: float, bottom: float, size: float = 0):
        self.c, self.st, self.x, self.y, self.w, self.bottom = c, st, x, y, w, bottom
        self.size = size or st.size
        self.overflow = False

    def run(self, blocks: list) -> None:
        for op, args, kw in blocks:
            getattr(self, op)(*args, **kw)

    def fontname(self, r: R) -> str:
        return SYMBOL_FONT if r.font == "sym" else self.st.font(r.weight, r.font)

    def words(self, items: object) -> list[list[tuple[str, str]]]:
        words: list[list[tuple[str, str]]] = []
        cur: list[tuple[str, str]] = []
        for r in as_runs(items):
            f = self.fontname(r)
            if r.atomic:
                cur.append((r.text, f))
                continue
            text = r.text.replace("'", "’") if self.st.apos else r.text
            for i, part in enumerate(text.split(" ")):
                if i and cur:
                    words.append(cur)
                    cur = []
                if part:
                    cur.append((part, f))
        if cur:
            words.append(cur)
        return words

    @staticmethod
    def width(word: list[tuple[str, str]], size: float) -> float:
        return sum(pdfmetrics.stringWidth(t, f, size) for t, f in word)

    def lines(self, items: object, w: float, size: float) -> list[list]:
        space = pdfmetrics.stringWidth(" ", self.st.font("r"), size)
        out, cur, cw = [], [], 0.0
        for word in self.words(items):
            ww = self.width(word, size)
            if cur and cw + space + ww > w:
                out.append(cur)
                cur, cw = [], 0.0
            cw += (space if cur else 0) + ww
            cur.append(word)
        if cur:
            out.append(cur)
        return out

    def draw_line(self, line: list, x: float, base: float, w: float, size: float, align: str, last: bool) -> None:
        space = pdfmetrics.stringWidth(" ", self.st.font("r"), size)
        widths = [self.width(word, size) for word in line]
        natural = sum(widths) + space * (len(line) - 1)
        gap = space
        if align == "justify" and not last and len(line) > 1:
            gap = (w - sum(widths)) / (len(line) - 1)
        elif align == "center":
            x += (w - natural) / 2
        elif align == "right":
            x += w - natural
        for i, word in enumerate(line):
            for j, (text, f) in enumerate(word):
                self.c.setFont(f, size)
                tail = " " if j == len(word) - 1 and i < len(line) - 1 else ""
                self.c.drawString(x, base, text + tail)
                x += pdfmetrics.stringWidth(text, f, size)
            x += gap

    def check(self) -> None:
        if self.y < self.bottom:
            self.overflow = True

    def p(self, items, align=None, size=0.0, after=None, indent=0.0, lead=None, color=None) -> None:
        size = self.size + size
        step = (lead or self.st.lead) * size
        align = align or self.st.align
        if color:
            self.c.setFillColorRGB(*color)
        lines = self.lines(items, self.w - indent, size)
        for k, line in enumerate(lines):
            self.draw_line(line, self.x + indent, self.y - size, self.w - indent, size, align, k == len(lines) - 1)
            self.y -= step
        if color:
            self.c.setFillColorRGB(0, 0, 0)
        self.y -= self.size * self.st.gap if after is None else after
        self.check()

    def gap(self, h: float) -> None:
        self.y -= h

    def rule(self, lw: float = 0.6, dash: bool = False) -> None:
        self.c.setLineWidth(lw)
        if dash:
            self.c.setDash(4, 3)
        self.c.line(self.x, self.y - 4, self.x + self.w, self.y - 4)
        self.c.setDash()
        self.y -= 12

    def table(self, rows, widths=None, header=True, grid="full", size=0.0, pad=3.0, bold_first=False, align=None):
        size = self.size + size
        step = self.st.lead * size
        n = len(rows[0])
        fr = widths or [1.0] * n
        colw = [self.w * f / sum(fr) for f in fr]
        aligns = align or ["left"] * n
        c = self.c
        c.setLineWidth(0.6)
        start = self.y
        if grid == "h":
            c.line(self.x, self.y, self.x + self.w, self.y)
        for ri, row in enumerate(rows):
            cells = []
            for ci, cell in enumerate(row):
                runs = as_runs(cell)
                if (header and ri == 0) or (bold_first and ci == 0):
                    runs = [replace(r, weight="b") for r in runs]
                cells.append(self.lines(runs, colw[ci] - 2 * pad, size))
            h = max(1, *(len(cl) for cl in cells)) * step + 2 * pad
            top = self.y
            if header and ri == 0:
                c.setFillColorRGB(0.88, 0.9, 0.93)
                c.rect(self.x, top - h, self.w, h, stroke=0, fill=1)
                c.setFillColorRGB(0, 0, 0)
            x = self.x
            for ci, cl in enumerate(cells):
                yy = top - pad
                for line in cl:
                    self.draw_line(line, x + pad, yy - size, colw[ci] - 2 * pad, size, aligns[ci], True)
                    yy -= step
                if grid == "full":
                    c.rect(x, top - h, colw[ci], h, stroke=1, fill=0)
                x += colw[ci]
            if grid == "h" or (grid == "outer" and header and ri == 0):
                c.line(self.x, top - h, self.x + self.w, top - h)
            self.y -= h
        if grid == "outer":
            c.rect(self.x, self.y, self.w, start - self.y)
        self.y -= self.size * self.st.gap
        self.check()

    def boxes(self, chars, groups, label=None, per_group=False, key_gap=0.0, key_label=None) -> None:
        size = self.size + 1
        bw, bh, gap = size * 1.3, size * 1.75, size * 0.55
        font = self.st.font("r", "num")
        total = sum(bw * g if not per_group else bw * 0.75 * g + 6 for g in groups) + gap * (len(groups) - 1)
        total += key_gap
        if label is not None:
            lw = self.width([w for word in self.words(label) for w in word], self.size) + 8
            if lw + total > self.w:
                self.p(label, after=2)
                label, lw = None, 0.0
        else:
            lw = 0.0
        if key_label:
            self.y -= size * 1.1
        top, x = self.y, self.x
        if label is not None:
            self.draw_line(
                self.lines(label, self.w, self.size)[0], x, top - bh / 2 - self.size * 0.35, lw, self.size, "left", True
            )
            x += lw
        c, idx, key_x = self.c, 0, x
        c.setLineWidth(0.7)
        for gi, g in enumerate(groups):
            if gi:
                x += gap + (key_gap if gi == len(groups) - 1 else 0)
            key_x = x
            c.setFont(font, size)
            if per_group:
                gw = bw * 0.75 * g + 6
                c.rect(x, top - bh, gw, bh)
                c.drawCentredString(x + gw / 2, top - bh / 2 - size * 0.35, "".join(chars[idx : idx + g]))
                x += gw
            else:
                for k in range(g):
                    c.rect(x, top - bh, bw, bh)
                    if chars[idx + k]:
                        c.drawCentredString(x + bw / 2, top - bh / 2 - size * 0.35, chars[idx + k])
                    x += bw
            idx += g
        if key_label:
            c.setFont(self.st.font("r"), self.size - 1)
            c.drawString(key_x, top + 3, key_label)
        self.y = top - bh - self.size * self.st.gap - 4
        self.check()

    def keybox(self, items, key, key_label="Clé", size=0.0, align="left") -> None:
        size = self.size + size
        line = self.lines(items, self.w, size)[0]
        natural = sum(self.width(w, size) for w in line) + 4 * len(line)
        kw = pdfmetrics.stringWidth(key_label + " ", self.st.font("r"), self.size) if key_label else 0.0
        x = self.x + ((self.w - natural - kw - 2 * size - 10) / 2 if align == "center" else 0)
        base = self.y - size - 3
        self.draw_line(line, x, base, natural, size, "left", True)
        x += natural + 8
        if key_label:
            self.c.setFont(self.st.font("r"), self.size)
            self.c.drawString(x, base, key_label)
            x += kw
        self.c.setLineWidth(0.8)
        self.c.rect(x, base - size * 0.35, size * 1.9, size * 1.4)
        self.c.setFont(self.st.font("b", "num"), size)
        self.c.drawCentredString(x + size * 0.95, base, key)
        self.y -= size * 1.6 + self.size * self.st.gap + 4
        self.check()

    def frame(self, blocks, pad=9.0, lw=1.0, title=None, inset=0.0, dash=False) -> None:
        x0, w0, top = self.x + inset, self.w - 2 * inset, self.y
        sub = Flow(self.c, self.st, x0 + pad, top - pad, w0 - 2 * pad, self.bottom, self.size)
        if title:
            band = (self.size + 2) * self.st.lead + pad * 1.5
            self.c.setFillColorRGB(0.9, 0.92, 0.95)
            self.c.rect(x0, top - band, w0, band, stroke=0, fill=1)
            self.c.setFillColorRGB(0, 0, 0)
            sub.p([B(title)], size=2, align="center", after=pad * 1.5)
        sub.run(blocks)
        low = sub.y - pad * 0.6
        self.c.setLineWidth(lw)
        if dash:
            self.c.setDash(5, 3)
        self.c.rect(x0, low, w0, top - low)
        self.c.setDash()
        self.y = low - self.size * self.st.gap - 2
        self.overflow |= sub.overflow
        self.check()

    def marked(self, mark: list[R], items, indent: float, after: float) -> None:
        line = self.lines(mark, self.w, self.size)
        if line:
            self.draw_line(line[0], self.x, self.y - self.size, indent, self.size, "left", True)
        self.p(items, indent=indent, after=after)

    def checklist(self, items, style="unicode") -> None:
        for checked, text in items:
            if style == "unicode":
                mark = [R("☒" if checked else "☐", font="sym")]
            elif style == "brackets":
                mark = [R("[X]" if checked else "[ ]")]
            else:
                s = self.size * 0.8
                self.c.setLineWidth(0.7)
                self.c.rect(self.x, self.y - self.size, s, s)
                mark = [R(" X" if checked else "")] if checked else []
            self.marked(mark, text, self.size * 2.0, self.size * 0.3)
        self.y -= self.size * self.st.gap * 0.6

    def bullets(self, items, mark="•") -> None:
        for i, text in enumerate(items):
            m = {"1.": f"{i + 1}.", "a)": f"{chr(97 + i)})"}.get(mark, mark)
            self.marked([R(m)], text, self.size * 1.6, self.size * 0.25)
        self.y -= self.size * self.st.gap * 0.6

    def photo_box(self, x: float, top: float, label_lines) -> float:
        bw, bh = 35 / 25.4 * 72, 45 / 25.4 * 72
        self.c.setLineWidth(0.8)
        self.c.setDash(3, 2)
        self.c.rect(x, top - bh, bw, bh)
        self.c.setDash()
        inner = Flow(self.c, self.st, x + 6, top - bh / 2 + self.size * 1.4, bw - 12, 0, max(9.0, self.size - 1.5))
        for line in label_lines:
            inner.p(line, align="center", after=0, lead=1.15)
        return top - bh

    def beside(self, blocks, side="right", label_lines=()) -> None:
        bw, top = 35 / 25.4 * 72, self.y
        bx = self.x + self.w - bw if side == "right" else self.x
        low = self.photo_box(bx, top, label_lines)
        fx = self.x if side == "right" else self.x + bw + 16
        sub = Flow(self.c, self.st, fx, top, self.w - bw - 16, self.bottom, self.size)
        sub.run(blocks)
        self.y = min(sub.y, low - self.size * self.st.gap - 4)
        self.overflow |= sub.overflow
        self.check()

    def photo_and_signature(self, photo_lines, sig_title, sig_lines) -> None:
        top = self.y
        low = self.photo_box(self.x, top, photo_lines)
        sx = self.x + 35 / 25.4 * 72 + 24
        sub = Flow(self.c, self.st, sx, top, self.x + self.w - sx, self.bottom, self.size)
        sub.p([B(sig_title)], after=3)
        self.c.setLineWidth(0.8)
        self.c.rect(sx, sub.y - 80, self.x + self.w - sx, 80)
        inner = Flow(self.c, self.st, sx + 5, sub.y - 4, self.x + self.w - sx - 10, 0, self.size - 1)
        inner.p(sig_lines, after=0, align="left")
        self.y = min(low, sub.y - 80) - self.size * self.st.gap - 4
        self.check()

    def signature_box(self, title, width=0.55, height=62.0, left=False) -> None:
        self.p([B(title)], after=3, align="left")
        self.c.setLineWidth(0.8)
        self.c.rect(self.x + (0 if left else self.w * (1 - width)), self.y - height, self.w * width, height)
        self.y -= height + self.size * self.st.gap
        self.check()


def line_at(c, st: Style, text: str, x: float, y: float, size: float, align="left", weight="r", kind="body") -> None:
    text = text.replace("'", "’") if st.apos else text
    c.setFont(st.font(weight, kind), size)
    {"left": c.drawString, "right": c.drawRightString, "center": c.drawCentredString}[align](x, y, text)


# ---------------------------------------------------------------- the letter
@dataclass
class Org:
    """Who writes: letterhead word, name lines, address lines, footer lines and the town for the date line."""

    logo: str
    lines: list[str]
    address: list[str]
    footer: list[str]
    city: str


@dataclass
class Letter:
    """What is printed, before layout: every choice already drawn."""

    layout: str
    org: Org
    recipient: list[str]
    date_line: str | None
    refs: list[tuple[str, object]] = field(default_factory=list)
    subject: object = None
    title: str | None = None
    salutation: str | None = None
    body: list = field(default_factory=list)
    closing: list = field(default_factory=list)
    logo_shape: int = 0


def small(st: Style) -> float:
    return max(9.0, st.size - 1.5)


def draw_logo(c, st: Style, cx: float, cy: float, kind: int) -> None:
    r, g, b = st.accent
    c.saveState()
    if kind == 0:
        c.setFillColorRGB(r, g, b)
        c.circle(cx - 9, cy, 12, stroke=0, fill=1)
        c.setFillColorRGB(min(1, r + 0.45), min(1, g + 0.45), min(1, b + 0.45))
        c.circle(cx + 9, cy, 12, stroke=0, fill=1)
    elif kind == 1:
        c.setFillColorRGB(r, g, b)
        c.roundRect(cx - 16, cy - 14, 32, 28, 6, stroke=0, fill=1)
        c.setStrokeColorRGB(1, 1, 1)
        c.setLineWidth(2.5)
        path = c.beginPath()
        path.moveTo(cx - 12, cy - 4)
        path.curveTo(cx - 4, cy + 9, cx + 4, cy - 11, cx + 12, cy + 4)
        c.drawPath(path, stroke=1, fill=0)
    else:
        c.setStrokeColorRGB(r, g, b)
        c.setLineWidth(3)
        for k in range(3):
            c.arc(cx - 15 + k * 5, cy - 15 + k * 5, cx + 15 - k * 5, cy + 15 - k * 5, 20, 140)
    c.restoreState()


def letterhead(c, st: Style, org: Org, x: float, y: float, w: float, align="left", address=True) -> float:
    f = Flow(c, st, x, y, w, 0, small(st))
    f.p([R(org.logo, "b", font="head")], size=4.5, align=align, after=2, color=st.accent)
    for line in org.lines:
        f.p([R(line, "b", font="head")], align=align, after=0)
    if address:
        for line in org.address:
            f.p([line], align=align, after=0)
    return f.y


def address_block(c, st: Style, lines: list[str], x: float, y: float, w: float) -> float:
    f = Flow(c, st, x, y, w, 0)
    for line in lines:
        f.p([line], align="left", after=0, lead=1.2)
    return f.y


def footer(c, st: Style, org: Org, x: float, w: float) -> float:
    size = small(st)
    y = 24.0
    for line in reversed(org.footer):
        line_at(c, st, line, x + w / 2, y, size, "center")
        y += size * 1.3
    c.setLineWidth(0.4)
    c.setStrokeGray(0.5)
    c.line(x, y, x + w, y)
    c.setStrokeGray(0)
    return y + 10


def ref_lines(f: Flow, refs, stacked=False) -> None:
    for label, value in refs:
        if stacked:
            f.p([B(label)], after=0, align="left")
            f.p(value, after=f.size * 0.4, align="left")
        else:
            f.p([B(f"{label} : "), *as_runs(value)], after=0, align="left")
    if refs:
        f.gap(f.size * f.st.gap + 4)


def write_body(f: Flow, L: Letter) -> None:
    if L.title:
        f.p([R(L.title, "b", font="head")], size=3, align="center", after=f.size, color=f.st.accent)
    if L.subject:
        f.p([B("Objet : "), *[replace(r, weight="b") for r in as_runs(L.subject)]], align="left")
    if L.salutation:
        f.p([L.salutation], after=f.size * 0.8)
    f.run(L.body)
    f.run(L.closing)


def frame_classic(c, st, L: Letter) -> bool:
    m = st.margin
    w = PAGE_W - 2 * m
    bottom = footer(c, st, L.org, m, w)
    y1 = letterhead(c, st, L.org, m, PAGE_H - 36, w * 0.48)
    y2 = address_block(c, st, L.recipient, PAGE_W * 0.56, PAGE_H - 150, PAGE_W * 0.44 - m)
    f = Flow(c, st, m, min(y1, y2) - 12, w, bottom)
    if L.date_line:
        f.p([L.date_line], align="right")
    ref_lines(f, L.refs)
    write_body(f, L)
    return not f.overflow


def frame_left_window(c, st, L: Letter) -> bool:
    m = st.margin
    w = PAGE_W - 2 * m
    bottom = footer(c, st, L.org, m, w)
    y1 = letterhead(c, st, L.org, PAGE_W * 0.5, PAGE_H - 36, PAGE_W * 0.5 - m, "right")
    y2 = address_block(c, st, L.recipient, m + 10, PAGE_H - 160, PAGE_W * 0.42)
    side = Flow(c, st, PAGE_W * 0.55, y1 - 12, PAGE_W * 0.45 - m, 0, small(st))
    if L.date_line:
        side.p([L.date_line], align="right")
    ref_lines(side, L.refs)
    f = Flow(c, st, m, min(y2, side.y) - 10, w, bottom)
    write_body(f, L)
    return not f.overflow


def frame_centred(c, st, L: Letter) -> bool:
    m = st.margin
    w = PAGE_W - 2 * m
    bottom = footer(c, st, L.org, m, w)
    draw_logo(c, st, PAGE_W / 2, PAGE_H - 48, L.logo_shape)
    y1 = letterhead(c, st, L.org, m, PAGE_H - 70, w, "center", address=False)
    c.setLineWidth(0.8)
    c.setStrokeColorRGB(*st.accent)
    c.line(m, y1 - 2, PAGE_W - m, y1 - 2)
    c.setStrokeColorRGB(0, 0, 0)
    y2 = address_block(c, st, L.recipient, PAGE_W * 0.56, y1 - 28, PAGE_W * 0.44 - m)
    left = Flow(c, st, m, y1 - 28, PAGE_W * 0.5 - m, 0, small(st))
    ref_lines(left, L.refs)
    f = Flow(c, st, m, min(y2, left.y) - 8, w, bottom)
    if L.date_line:
        f.p([L.date_line], align="right")
    write_body(f, L)
    return not f.overflow


def frame_sidebar(c, st, L: Letter) -> bool:
    sx, sw = 28.0, 150.0
    c.setFillColorRGB(0.93, 0.94, 0.96)
    c.rect(sx - 6, 30, sw + 12, PAGE_H - 50, stroke=0, fill=1)
    c.setFillColorRGB(0, 0, 0)
    side = Flow(c, st, sx, PAGE_H - 40, sw, 30, small(st))
    side.p([R(L.org.logo, "b", font="head")], size=3, after=2, color=st.accent, align="left")
    for line in L.org.lines:
        side.p([B(line)], after=0, align="left")
    side.gap(14)
    if L.refs:
        side.p([B("Vos références")], color=st.accent, after=4, align="left")
        ref_lines(side, L.refs, stacked=True)
    side.p([B("Nous contacter")], color=st.accent, after=4, align="left")
    for line in (*L.org.footer[1:], *L.org.address):
        side.p([line], after=2, align="left")
    bx = sx + sw + 22
    bw = PAGE_W - bx - 40
    y2 = address_block(c, st, L.recipient, bx + bw * 0.4, PAGE_H - 140, bw * 0.6)
    f = Flow(c, st, bx, y2 - 14, bw, 40)
    if L.date_line:
        f.p([L.date_line], align="right")
    write_body(f, L)
    return not (f.overflow or side.overflow)


def frame_header_table(c, st, L: Letter) -> bool:
    m = st.margin
    w = PAGE_W - 2 * m
    bottom = footer(c, st, L.org, m, w)
    y1 = letterhead(c, st, L.org, m, PAGE_H - 36, w * 0.48)
    y2 = address_block(c, st, L.recipient, PAGE_W * 0.56, PAGE_H - 140, PAGE_W * 0.44 - m)
    f = Flow(c, st, m, min(y1, y2) - 14, w, bottom)
    if L.refs:
        rows = [[label for label, _ in L.refs], [value for _, value in L.refs]]
        f.table(rows, size=-0.5, align=["center"] * len(L.refs))
    if L.date_line:
        f.p([L.date_line], align="right")
    write_body(f, L)
    return not f.overflow


def frame_framed(c, st, L: Letter) -> bool:
    m = st.margin
    w = PAGE_W - 2 * m
    bottom = footer(c, st, L.org, m, w)
    y1 = letterhead(c, st, L.org, m, PAGE_H - 36, w * 0.48)
    y2 = address_block(c, st, L.recipient, PAGE_W * 0.56, PAGE_H - 130, PAGE_W * 0.44 - m)
    f = Flow(c, st, m, min(y1, y2) - 12, w, bottom)
    if L.date_line:
        f.p([L.date_line], align="right", after=2)
    if L.refs:
        parts: list[R] = []
        for i, (label, value) in enumerate(L.refs):
            parts += [R(" — " if i else ""), B(f"{label} : "), *as_runs(value)]
        f.p(parts, size=-1, align="left")
    inner = L.body + L.closing
    if L.subject:
        inner = [P(*[replace(r, weight="b") for r in as_runs(L.subject)], align="left"), *inner]
    if L.salutation:
        inner = [inner[0], P(L.salutation), *inner[1:]] if L.subject else [P(L.salutation), *inner]
    f.frame(inner, title=L.title, lw=1.2)
    return not f.overflow


def frame_form(c, st, L: Letter) -> bool:
    m = st.margin * 0.8
    w = PAGE_W - 2 * m
    bottom = footer(c, st, L.org, m, w)
    y1 = letterhead(c, st, L.org, m, PAGE_H - 32, w * 0.5)
    side = Flow(c, st, PAGE_W * 0.55, PAGE_H - 40, PAGE_W * 0.45 - m, 0, small(st))
    if L.date_line:
        side.p([L.date_line], align="right", after=2)
    for label, value in L.refs:
        side.p([B(f"{label} : "), *as_runs(value)], align="right", after=0)
    y = min(y1, side.y)
    if L.recipient:
        y = address_block(c, st, L.recipient, PAGE_W * 0.56, side.y - 14, PAGE_W * 0.44 - m)
    f = Flow(c, st, m, min(y1, y) - 10, w, bottom)
    write_body(f, L)
    return not f.overflow


def frame_payslip(c, st, L: Letter) -> bool:
    m = st.margin * 0.7
    w = PAGE_W - 2 * m
    bottom = footer(c, st, L.org, m, w)
    line_at(c, st, L.title or "BULLETIN DE PAIE", PAGE_W / 2, PAGE_H - 40, st.size + 4, "center", "b", "head")
    left = Flow(c, st, m + 6, PAGE_H - 62, w * 0.46, 0, small(st))
    left.p([B(L.org.logo)], after=0, align="left")
    for line in L.org.lines + L.org.address:
        left.p([line], after=0, align="left")
    right = Flow(c, st, m + w * 0.52 + 6, PAGE_H - 62, w * 0.46, 0, small(st))
    for line in L.recipient:
        right.p([line], after=0, align="left")
    for label, value in L.refs:
        right.p([B(f"{label} : "), *as_runs(value)], after=0, align="left")
    low = min(left.y, right.y) - 4
    c.setLineWidth(0.7)
    c.rect(m, low, w * 0.48, PAGE_H - 56 - low)
    c.rect(m + w * 0.52, low, w * 0.48, PAGE_H - 56 - low)
    f = Flow(c, st, m, low - 10, w, bottom)
    if L.date_line:
        f.p([L.date_line], align="left")
    write_body(f, replace(L, title=None))
    return not (f.overflow or left.overflow or right.overflow)


FRAMES = {
    "classic": frame_classic,
    "left_window": frame_left_window,
    "centred_logo": frame_centred,
    "sidebar": frame_sidebar,
    "header_table": frame_header_table,
    "framed_notice": frame_framed,
    "form": frame_form,
    "payslip": frame_payslip,
}


def render(L: Letter, st: Style) -> bytes:
    """Draw the letter on one A4 page, shrinking type and spacing until it fits."""
    frame = FRAMES[L.layout.split(":")[0]]
    for k in range(12):
        s = replace(
            st,
            size=max(9.0, st.size - 0.5 * k),
            lead=max(1.1, st.lead - 0.03 * k),
            gap=max(0.25, st.gap - 0.08 * k),
        )
        buf = io.BytesIO()
        c = canvas.Canvas(buf, pagesize=A4, invariant=1, pageCompression=1)
        fits = frame(c, s, L)
        c.showPage()
        c.save()
        if fits:
            return buf.getvalue()
    raise ValueError(f"letter does not fit on one page ({L.layout})")


# ---------------------------------------------------------------- dates
def fr_long(d: dt.date) -> str:
    return f"{'1er' if d.day == 1 else d.day} {MONTHS[d.month - 1]} {d.year}"


def fr_num(d: dt.date, sep: str = "/") -> str:
    return f"{d.day:02d}{sep}{d.month:02d}{sep}{d.year}"


def add_months(d: dt.date, n: int) -> dt.date:
    y, m = divmod(d.month - 1 + n, 12)
    y, m = d.year + y, m + 1
    for day in (d.day, 30, 29, 28):
        try:
            return dt.date(y, m, day)
        except ValueError:
            continue
    raise AssertionError


# ---------------------------------------------------------------- numbers
def nir_key(body13: str) -> str:
    return stdnir.calc_check_digits(body13)


def nir_groups(value: str) -> tuple[int, ...]:
    """Print grouping: ``s yy mm ll ccc ooo kk``; overseas departments take three digits and the commune two."""
    return (1, 2, 2, 3, 2, 3, 2) if value[5:7] == "97" else (1, 2, 2, 2, 3, 3, 2)


def split_groups(value: str, groups: tuple[int, ...]) -> list[str]:
    out, i = [], 0
    for g in groups:
        out.append(value[i : i + g])
        i += g
    return out


INLINE_STYLES = {
    "spaced": 6,
    "compact": 2,
    "dotted": 1,
    "13sp2": 1,
    "omit": 1.2,
    "slash": 0.6,
    "slash_cle": 0.5,
    "cle": 0.4,
    "paren": 0.4,
}
STYLE_TAGS = {
    "slash": "key_apart",
    "slash_cle": "key_apart",
    "cle": "key_apart",
    "paren": "key_apart",
    "omit": "key_omitted",
}


def fmt_nir(value: str, style: str, nbsp: bool = False) -> str:
    sp = "\u00a0" if nbsp else " "
    parts = split_groups(value, nir_groups(value))
    main = sp.join(parts[:-1])
    key = parts[-1]
    return {
        "spaced": f"{main}{sp}{key}",
        "compact": value,
        "dotted": ".".join(parts[:-1]) + "-" + key,
        "slash": f"{main} / {key}",
        "slash_cle": f"{main} / clé {key}",
        "cle": f"{main}   clé {key}",
        "paren": f"{main} (clé {key})",
        "13sp2": f"{value[:13]}{sp}{key}",
        "omit": main if sp == " " else value[:13],
    }[style]


def luhn_complete(digits: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return digits + str((10 - total % 10) % 10)


@dataclass
class Person:
    """The addressee: identity, birth, and a correct NIR (or NIA) built from them."""

    sex: int
    first: str
    last: str
    birth: dt.date
    nir: str
    place: str
    provisional: bool

    @property
    def civ(self) -> str:
        return "Monsieur" if self.sex == 1 else "Madame"

    @property
    def born(self) -> str:
        return "Né" if self.sex == 1 else "Née"


def make_body(rng: random.Random, sex_digit: int, birth: dt.date, origin: str) -> tuple[str, str]:
    """The 13 first characters of a number and a readable place of birth."""
    head = f"{sex_digit}{birth.year % 100:02d}{birth.month:02d}"
    order = f"{rng.randint(1, 999):03d}"
    if origin == "corsica":
        dept = rng.choice(("2A", "2B"))
        return f"{head}{dept}{rng.randint(1, 366):03d}{order}", "Ajaccio (2A)" if dept == "2A" else "Bastia (2B)"
    if origin == "overseas":
        code, name = rng.choice(OVERSEAS)
        return f"{head}{code}{rng.randint(1, 34):02d}{order}", name
    if origin == "abroad":
        code, name = rng.choice(COUNTRIES)
        return f"{head}99{code}{order}", name
    dept = rng.choice(METRO)
    return f"{head}{dept}{rng.randint(1, 899):03d}{order}", f"({dept})"


def make_person(rng: random.Random, provisional: bool = False, origin: str | None = None) -> Person:
    sex = rng.choice((1, 2))
    if provisional:
        origin = "abroad"
    elif origin is None:
        origin = rng.choices(("metro", "corsica", "overseas", "abroad"), (48, 10, 12, 30))[0]
    low = 1976 if origin == "corsica" else 1958
    birth = dt.date(rng.randint(low, 2005), rng.randint(1, 12), rng.randint(1, 28))
    digit = sex + 6 if provisional and rng.random() < 0.85 else sex
    while True:
        body, place = make_body(rng, digit, birth, origin)
        nir = body + nir_key(body)
        if nir != SPECIMEN:
            break
    return Person(sex, rng.choice(FIRST[sex]), rng.choice(LAST), birth, nir, place, provisional)


def definitive_for(rng: random.Random, p: Person) -> str:
    """The definitive number that replaces a provisional one: same birth, same country, sex digit 1/2."""
    body = f"{p.sex}{p.nir[1:10]}{rng.randint(1, 999):03d}"
    return body + nir_key(body)


def long_number(rng: random.Random, kind: str) -> str:
    """Long numbers that are not social security numbers."""
    if kind == "siret":
        siren = luhn_complete("".join(str(rng.randint(0, 9)) for _ in range(8)))
        siret = luhn_complete(siren + f"{rng.randint(1, 99):04d}")
        return f"{siret[:3]} {siret[3:6]} {siret[6:9]} {siret[9:]}"
    if kind == "dossier13":
        return f"{rng.randint(2024, 2026)}{rng.randint(0, 999999999):09d}"
    if kind == "fiscal":
        d = f"{rng.randint(0, 3)}{rng.randint(0, 10**12 - 1):012d}"
        return f"{d[:2]} {d[2:4]} {d[4:7]} {d[7:10]} {d[10:]}"
    while True:  # contract: 15 digits whose last two are never a valid key
        d = f"{rng.randint(3, 6)}{rng.randint(0, 10**14 - 1):014d}"
        if nir_key(d[:13]) != d[13:]:
            return d


def iban(rng: random.Random, masked: bool) -> str:
    digits = "".join(str(rng.randint(0, 9)) for _ in range(23))
    groups = [f"FR76 {digits[:4]}"] + [digits[i : i + 4] for i in range(4, 23, 4)]
    if masked:
        groups = groups[:1] + ["XXXX"] * (len(groups) - 2) + groups[-1:]
    return " ".join(groups)


# ---------------------------------------------------------------- truth
class Ctx:
    """Randomness and the truth of one letter, recorded as its parts are chosen."""

    def __init__(self, rng: random.Random, letter_type: str):
        self.rng = rng
        self.type = letter_type
        self.tags: set[str] = set()
        self.numbers: list[dict] = []
        self.documents: list[str] = []
        self.nir: str | None = None
        self.status: str | None = None
        self.old: str | None = None
        self.deadline: dt.date | None = None
        self.reference: str | None = None
        self.caisse: str | None = None
        self.sender = "cpam"
        self.civ = ""
        self.wording = ""
        self.layout = ""
        y0 = dt.date(2024, 2, 1).toordinal()
        self.date = dt.date.fromordinal(rng.randint(y0, dt.date(2026, 7, 31).toordinal()))

    def pick(self, seq):
        return self.rng.choice(seq)

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def sample(self, seq, lo: int, hi: int) -> list:
        return self.rng.sample(list(seq), self.rng.randint(lo, min(hi, len(seq))))

    def tag(self, *names: str) -> None:
        unknown = set(names) - set(HARD_CASES)
        if unknown:
            raise ValueError(f"unknown hard cases {unknown}")
        self.tags.update(names)

    def printed(self, value: str, wrong_p: float = 0.04) -> str:
        """The number as it will be printed: sometimes with a wrong key."""
        if self.chance(wrong_p):
            good = int(value[13:])
            key = self.pick([k for k in range(1, 98) if k != good])
            self.tag("wrong_key")
            return f"{value[:13]}{key:02d}"
        return value

    def add(self, value: str, role: str, status: str | None, primary: bool = True) -> None:
        self.numbers.append({"value": value, "role": role, "status": status})
        if primary:
            self.nir, self.status = value, status
        place = value[5:7]
        if place in ("2A", "2B"):
            self.tag("corsica")
        elif place == "97":
            self.tag("overseas")
        elif place == "99":
            self.tag("born_abroad")

    def long(self, kind: str) -> str:
        self.tag("long_non_nir")
        return long_number(self.rng, kind)

    def table(self, rows, **kw) -> tuple:
        """A table block; tags neighbouring numeric cells that could be joined into a 13-15 digit number."""
        for row in rows:
            run = streak = 0
            for cell in row:
                text = plain(cell)
                if re.fullmatch(r"[\d\s.,/\-€\u00a0]+", text) and re.search(r"\d", text):
                    run += len(re.sub(r"\D", "", text))
                    streak += 1
                    if streak >= 2 and run >= 13:
                        self.tag("number_in_table_cells")
                else:
                    run = streak = 0
        return blk("table", rows, **kw)

    def deadline_phrase(self) -> str:
        kind = self.rng.choices(("date", "days", "months"), (50, 38, 12))[0]
        if kind == "date":
            self.deadline = self.date + dt.timedelta(days=self.pick((15, 21, 30, 31, 45)))
            d = self.deadline
            return self.pick(
                (
                    f"avant le {fr_long(d)}",
                    f"au plus tard le {fr_num(d)}",
                    f"pour le {fr_long(d)}",
                    f"avant le {fr_num(d)}",
                )
            )
        if kind == "days":
            n = self.pick((15, 21, 30, 30, 45, 60))
            self.deadline = self.date + dt.timedelta(days=n)
            return self.pick(
                (
                    f"dans un délai de {n} jours",
                    f"sous {n} jours à compter de la date de ce courrier",
                    f"dans les {n} jours suivant la réception de ce courrier",
                )
            )
        n = self.pick((1, 2, 3))
        self.deadline = add_months(self.date, n)
        words = {1: "un mois", 2: "deux mois", 3: "3 mois"}[n]
        return self.pick((f"dans un délai de {words}", f"sous {words}"))

    def truth(self) -> dict:
        nir = self.nir
        t = {
            "letter_type": self.type,
            "nir": nir,
            "nir_status": self.status,
            "nir_valid": None if nir is None else nir_key(nir[:13]) == nir[13:],
            "old_nir": self.old,
            "numbers": self.numbers,
            "documents": self.documents,
            "letter_date": self.date.isoformat(),
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "caisse": self.caisse,
            "reference": self.reference,
            "sender": self.sender,
            "wording": self.wording,
            "layout": self.layout,
            "tags": [h for h in HARD_CASES if h in self.tags],
        }
        assert tuple(t) == TRUTH_KEYS
        return t


# ---------------------------------------------------------------- number display
def show_inline(ctx: Ctx, value: str, allow_omit: bool | None = None) -> R:
    if allow_omit is None:
        allow_omit = "wrong_key" not in ctx.tags
    styles = [s for s in INLINE_STYLES if allow_omit or s != "omit"]
    style = ctx.rng.choices(styles, [INLINE_STYLES[s] for s in styles])[0]
    if style in STYLE_TAGS:
        ctx.tag(STYLE_TAGS[style])
    return N(fmt_nir(value, style, ctx.chance(0.3)), bold=ctx.chance(0.7))


BOX_STYLES = ("single", "std", "std", "per_group", "13+2", "std_key", "13")


def show_boxes(ctx: Ctx, value: str | None, label, allow_omit: bool | None = None) -> tuple:
    """The number one box per character, grouped in several ways; ``value`` None draws empty boxes."""
    if allow_omit is None:
        allow_omit = "wrong_key" not in ctx.tags
    styles = [s for s in BOX_STYLES if allow_omit or s != "13"]
    style = ctx.pick(styles)
    chars = list(value) if value else [""] * 15
    std = nir_groups(value or "1")
    kw: dict = {"label": label}
    if style == "single":
        kw["groups"] = (15,)
    elif style in ("std", "per_group"):
        kw["groups"] = std
        kw["per_group"] = style == "per_group"
    elif style == "13+2":
        kw.update(groups=(13, 2), key_gap=14.0, key_label=ctx.pick(("Clé", "clé", "Clé :")))
    elif style == "std_key":
        kw.update(groups=std, key_gap=12.0, key_label="Clé")
    else:
        kw["groups"] = (13,)
        chars = chars[:13]
    if value:
        ctx.tag(
            *{
                "single": ("boxes",),
                "std": ("boxes", "boxes_grouped"),
                "per_group": ("boxes_grouped",),
                "13+2": ("boxes", "boxes_grouped", "key_apart"),
                "std_key": ("boxes", "boxes_grouped", "key_apart"),
                "13": ("boxes", "key_omitted"),
            }[style]
        )
    return blk("boxes", chars, **kw)


def show_block(ctx: Ctx, value: str, label, modes=None) -> list:
    """The number on its own line(s), under or after ``label``, in one of several presentations."""
    allow_omit = "wrong_key" not in ctx.tags
    modes = modes or ("line", "line", "line", "big", "big", "framed", "keybox", "next_line", "boxes", "table")
    mode = ctx.pick(modes)
    parts = split_groups(value, nir_groups(value))
    main = " ".join(parts[:-1])
    if mode == "line":
        return [P(*as_runs(label), " ", show_inline(ctx, value, allow_omit), align="left")]
    if mode == "big":
        return [P(label, align="left", after=3), P(show_inline(ctx, value, allow_omit), size=2.5, align="center")]
    if mode == "framed":
        return [
            blk(
                "frame",
                [
                    P(label, align="center", after=3),
                    P(show_inline(ctx, value, allow_omit), size=2, align="center", after=0),
                ],
                inset=ctx.pick((40.0, 70.0, 100.0)),
            )
        ]
    if mode == "keybox":
        ctx.tag("key_apart")
        return [P(label, align="left", after=3), blk("keybox", [N(main)], parts[-1], ctx.pick(("Clé", "clé", "")))]
    if mode == "next_line":
        ctx.tag("key_apart")
        key_line = ctx.pick((f"Clé : {parts[-1]}", f"clé {parts[-1]}", f"Clé de contrôle : {parts[-1]}"))
        return [P(label, align="left", after=2), P(N(main), align="left", after=0), P(key_line, align="left")]
    if mode == "boxes":
        return [P(label, align="left", after=4), show_boxes(ctx, value, None, allow_omit)]
    ctx.tag("table_layout")
    return [ctx.table([[label, show_inline(ctx, value, allow_omit)]], widths=[1, 1], header=False, bold_first=True)]


# ---------------------------------------------------------------- phrases
def fill(template: str, **fields: object) -> list:
    """A phrase as runs: ``{name}`` is replaced by the field (a string or a run)."""
    out: list = []
    for i, part in enumerate(re.split(r"\{(\w+)\}", template)):
        if i % 2:
            out += as_runs(fields[part])
        elif part:
            out.append(part)
    return out


def say(ctx: Ctx, key: str, **fields: object) -> list:
    """One phrase of the catalogue slot ``key``, filled."""
    return fill(ctx.pick(PHRASES[key]), **fields)


def para(ctx: Ctx, key: str, **fields: object) -> tuple:
    return P(*say(ctx, key, **fields))


def lines_of(ctx: Ctx, key: str) -> list[str]:
    """A multi-line phrase (lines separated by `` | ``)."""
    return ctx.pick(PHRASES[key]).split(" | ")


# ---------------------------------------------------------------- senders
def cpam_org(ctx: Ctx, service: str | None = None) -> Org:
    kind, name, city, cp = ctx.pick(CAISSES)
    short = f"{kind} {name}"
    long = ("Caisse primaire d'assurance maladie " if kind == "CPAM" else "Caisse générale de sécurité sociale ") + name
    ctx.caisse, ctx.sender = short, "cpam"
    split = [long.removesuffix(" " + name), name]
    names = ctx.pick(([long], [short], split, [short, long]))
    box = f"{ctx.pick(('TSA', 'CS', 'BP'))} {ctx.rng.randint(10000, 99999)}"
    address = [box, f"{cp[:3]}{ctx.rng.randint(10, 99)} {city.upper()} CEDEX {ctx.rng.randint(1, 9)}"]
    phone = plain(say(ctx, "phone_line", phone=ctx.pick(PHONES)))
    logo = ctx.pick(("l'Assurance Maladie", "L'Assurance Maladie", "Assurance Maladie"))
    service = service or ctx.pick(PHRASES["service"])
    return Org(logo, [*names, service], address, [f"{short} — {box} — {address[1]}", phone, "ameli.fr"], city)


def other_org(ctx: Ctx, sender: str) -> Org:
    """A body that is not the Assurance Maladie but writes letters carrying the number."""
    _, name, city, cp = ctx.pick(CAISSES)
    ctx.sender, ctx.caisse = sender, None
    ctx.tag("other_sender")
    n = ctx.rng.randint(10, 99)
    place = re.sub(r"^(de la |de l'|du |des |de |d')", "", name)
    if sender == "caf":
        foot = [f"Caf {name} — {cp} {city}", "caf.fr — 32 30 (service gratuit + prix d'un appel)"]
        return Org(
            "Caf", [f"Caisse d'allocations familiales {name}"], [f"{n} rue de la Paix", f"{cp} {city}"], foot, city
        )
    if sender == "urssaf":
        address = [f"TSA 600{n}", f"{cp[:3]}{n} {city.upper()} CEDEX"]
        return Org(
            "Urssaf", [f"Urssaf — {place}"], address, [f"Urssaf — TSA 600{n} — {city}", "urssaf.fr — 36 98"], city
        )
    if sender == "cnav":
        foot = ["Assurance retraite — 39 60 (service gratuit + prix d'un appel) — lassuranceretraite.fr"]
        return Org(
            "l'Assurance retraite", ["Caisse nationale d'assurance vieillesse"], ["75951 PARIS CEDEX 19"], foot, "Paris"
        )
    if sender == "mutuelle":
        mut = ctx.pick(words("mutuelle"))
        foot = [f"{mut} — mutuelle régie par le livre II du Code de la mutualité — 04 {n} 12 34 56"]
        return Org(mut, ["Service Adhérents"], [f"BP {n}0", f"{cp} {city}"], foot, city)
    emp = ctx.pick(EMPLOYERS)
    lines = [f"SIRET {ctx.long('siret')}", f"Code APE {ctx.rng.randint(1000, 9699)}Z"]
    foot = [f"{emp} — {cp} {city} — Tél. 0{ctx.rng.randint(1, 5)} {n} {n + 3} 2{n % 10} 1{n % 7}"]
    return Org(emp, lines, [f"{n} {ctx.pick(STREETS)}", f"{cp} {city}"], foot, city)


def recipient(ctx: Ctx, p: Person, org: Org) -> list[str]:
    civ = ctx.pick((p.civ, p.civ, "M." if p.sex == 1 else "Mme"))
    lines = [ctx.pick((f"{civ} {p.first} {p.last.upper()}", f"{civ} {p.last.upper()} {p.first}"))]
    if ctx.chance(0.3):
        lines.append(
            ctx.pick(
                (
                    f"Appartement {ctx.rng.randint(1, 60)}",
                    "Résidence Les Pins, bât. C",
                    f"Chez M. {ctx.pick(LAST).upper()}",
                )
            )
        )
    lines.append(f"{ctx.rng.randint(1, 140)} {ctx.pick(STREETS)}")
    cp = org.address[-1].split(" ")[0][:2] + f"{ctx.rng.randint(0, 9) * 10:03d}"
    return [*lines, f"{cp} {org.city.upper() if ctx.chance(0.6) else org.city}"]


def reference(ctx: Ctx, label: str | None = None) -> tuple[str, str]:
    """A file reference, recorded as the letter's reference."""
    y, r = ctx.date.year, ctx.rng.randint
    kind = ctx.rng.choices(range(6), (3, 3, 1, 2, 2, 2) if ctx.sender == "cpam" else (0, 0, 1, 2, 2, 2))[0]
    if kind == 0:
        value = f"DOS/{y}/{r(1, 99999):05d}"
    elif kind == 1:
        value = f"IMM-{r(10, 95)}-{y}-{r(1, 99999):05d}"
    elif kind == 2:
        value = ctx.long("dossier13")
    elif kind == 3:
        value = f"D {y % 100} {r(100, 999)} {r(100, 999)}"
    elif kind == 4:
        value = f"{ctx.pick('ABCDEFGHK')}{r(1, 9)}{ctx.pick('PQRSTX')}{ctx.pick('KLMN')}-{r(1000, 9999)}"
    else:
        value = f"{y}/{r(1, 12):02d}/{r(1, 999999):06d}"
    ctx.reference = value
    return label or ctx.pick(PHRASES["ref_label"]), value


def closing(ctx: Ctx, signer: bool = True) -> list:
    out = [P(*say(ctx, "closing", civ=ctx.civ))]
    if signer:
        signers = (
            lines_of(ctx, "signer")
            if ctx.sender == "cpam"
            else [ctx.pick(("Le service Relations clients", "Le Directeur"))]
        )
        out += [blk("gap", 6), *(P(line, align="right", after=0) for line in signers)]
    return out


def new_letter(ctx: Ctx, org: Org, p: Person, layouts: tuple[str, ...], with_ref: float = 0.85) -> Letter:
    """The letter's frame: layout, recipient, date, reference and salutation."""
    layout = ctx.pick(layouts)
    ctx.layout = layout
    if layout == "sidebar":
        ctx.tag("two_columns")
    d = ctx.date
    when = say(ctx, "date_line", city=org.city, long=fr_long(d), num=fr_num(d), dots=fr_num(d, "."))
    L = Letter(layout, org, recipient(ctx, p, org), plain(when), logo_shape=ctx.rng.randint(0, 2))
    if ctx.chance(with_ref):
        L.refs.append(reference(ctx))
    if layout == "header_table":
        L.refs.append(("Date", fr_num(ctx.date)))
        L.date_line = None
    dear = "Chère Madame," if p.sex == 2 else "Cher Monsieur,"
    L.salutation = ctx.pick((f"{p.civ},", "Madame, Monsieur,", f"{p.civ} {p.last},", dear))
    ctx.civ = "Madame, Monsieur" if L.salutation.startswith("Madame, M") else p.civ
    return L


def header_number(ctx: Ctx, L: Letter, value: str, label: str, status_label: str | None) -> None:
    """The number in the block of references (a table in the ``header_table`` layout)."""
    ctx.tag("header_block")
    if L.layout == "header_table":
        ctx.tag("table_layout")
    L.refs.append((label, show_inline(ctx, value)))
    if status_label:
        L.refs.append(("Statut", status_label))
        if L.layout == "header_table":
            ctx.tag("status_in_table")


# ---------------------------------------------------------------- documents
FOREIGN_DOCS = (
    "passport",
    "residence_permit",
    "birth_certificate",
    "sworn_translation",
    "employment_contract",
    "payslips",
    "rib",
    "proof_of_address",
    "other",
)


def doc_text(ctx: Ctx, kind: str, capital: bool) -> str:
    text = ctx.pick(PHRASES[f"doc:{kind}"])
    return text[0].upper() + text[1:] if capital else text


def ask_documents(ctx: Ctx, kinds: list[str], intro: str, style: str | None = None) -> list:
    """The documents asked for, as bullets, a checklist, a status table or a sentence; records them in order."""
    style = style or ctx.pick(("bullets", "bullets", "checklist", "table", "sentence"))
    cap = ctx.chance(0.6)
    if style in ("sentence", "bullets"):
        ctx.documents += kinds
        texts = [doc_text(ctx, k, cap and style == "bullets") for k in kinds]
        if style == "bullets":
            return [P(intro, after=3), blk("bullets", texts, mark=ctx.pick(("•", "–", "-", "1.", "a)")))]
        joined = texts[0] if len(texts) == 1 else ", ".join(texts[:-1]) + " ainsi que " + texts[-1]
        return [P(f"{intro} {joined}.")]
    rows = [(k, True) for k in kinds] + [
        (k, False) for k in ctx.sample([k for k in FOREIGN_DOCS if k not in kinds], 1, 3)
    ]
    if ctx.chance(0.5):
        ctx.rng.shuffle(rows)
    ctx.documents += [k for k, asked in rows if asked]
    if style == "checklist":
        items = [(asked, doc_text(ctx, k, True)) for k, asked in rows]
        mark = ctx.pick(("unicode", "brackets", "drawn"))
        return [P(*say(ctx, "dr_checklist"), after=3), blk("checklist", items, style=mark)]
    head = ctx.pick((["Pièce", "Statut"], ["Pièce justificative", "État"], ["Document", "Situation"]))
    received = "Reçue le " + fr_num(ctx.date - dt.timedelta(days=20))
    missing, got = ctx.pick((("Manquant", "Reçu"), ("À fournir", "Reçu"), ("Manquante", received)))
    body = [[doc_text(ctx, k, True), missing if asked else got] for k, asked in rows]
    return [P(intro, after=3), ctx.table([head, *body], widths=[3, 1])]


def mention_received(ctx: Ctx, exclude: list[str]) -> list:
    """A sentence naming a document already received (mentioned, not asked for)."""
    names = {
        "passport": "votre passeport",
        "employment_contract": "votre contrat de travail",
        "residence_permit": "votre titre de séjour",
        "rib": "votre RIB",
    }
    kinds = [k for k in names if k not in exclude]
    if not kinds or not ctx.chance(0.35):
        return []
    return [para(ctx, "received", doc=names[ctx.pick(kinds)])]


def follow(ctx: Ctx, keys: tuple[str, ...], lo: int = 1, hi: int = 3) -> list:
    """A few closing remarks drawn from the catalogue slots ``keys``."""
    pool = [s for k in keys for s in PHRASES[k]]
    return [P(s) for s in ctx.sample(pool, lo, hi)]


# ---------------------------------------------------------------- number assignment
def status_of(provisional: bool) -> str:
    return "provisoire" if provisional else "definitif"


def kind_of(p: Person) -> str:
    return "prov" if p.provisional else "def"


def na_definitif(ctx: Ctx, L: Letter, p: Person) -> None:
    v = ctx.printed(p.nir)
    L.subject = ctx.pick(PHRASES["na_subject_def"])
    L.body = [para(ctx, "na_open_def"), *mention_received(ctx, []), *show_block(ctx, v, say(ctx, "na_label_def"))]
    ctx.add(v, "assigned", "definitif")
    L.body += follow(ctx, ("na_follow_def", "na_follow"))


def na_nia(ctx: Ctx, L: Letter, p: Person) -> None:
    v = ctx.printed(p.nir)
    L.subject = ctx.pick(PHRASES["na_subject_prov"])
    L.body = [para(ctx, "na_open_prov"), *show_block(ctx, v, say(ctx, "na_label_prov"))]
    ctx.add(v, "assigned", "provisoire")
    L.body += follow(ctx, ("na_follow_prov",), 1, 2) + follow(ctx, ("na_follow",), 0, 2)


def na_plain(ctx: Ctx, L: Letter, p: Person) -> None:
    ctx.tag("no_status_word")
    v = ctx.printed(p.nir)
    L.subject = ctx.pick((*PHRASES["na_subject_plain"], None))
    L.body = [para(ctx, "na_open_plain")]
    if ctx.chance(0.5):
        L.body.append(para(ctx, "na_plain_sentence", num=show_inline(ctx, v)))
    else:
        L.body += show_block(ctx, v, say(ctx, "na_label_plain"))
    ctx.add(v, "assigned", None)
    L.body += follow(ctx, ("na_follow",), 1, 3)


def na_old_new(ctx: Ctx, L: Letter, p: Person) -> None:
    ctx.tag("old_and_new")
    old, new = p.nir, ctx.printed(definitive_for(ctx.rng, p))
    ctx.old = old
    L.subject = ctx.pick(("Votre numéro de sécurité sociale définitif", "Remplacement de votre numéro provisoire"))
    L.body = [para(ctx, "na_open_def")]
    form = ctx.rng.randint(0, 3)
    io, inew = show_inline(ctx, old), show_inline(ctx, new)
    if form == 0:
        L.body.append(para(ctx, "na_old_new_sentence", old=io, new=inew))
    elif form == 1:
        L.body += [P(B("Ancien numéro (provisoire) : "), io, after=2), P(B("Nouveau numéro (définitif) : "), inew)]
    elif form == 2:
        ctx.tag("table_layout", "status_in_table")
        rows = [["", "Numéro", "Statut"], ["Ancien numéro", io, "Provisoire"], ["Nouveau numéro", inew, "Définitif"]]
        L.body.append(ctx.table(rows, widths=[2, 3, 1.4]))
    else:
        L.body.append(P("Votre NIA ", io, " n'est plus valable à compter de ce jour."))
        L.body += show_block(ctx, new, "Votre numéro de sécurité sociale définitif est :", ("line", "big", "framed"))
    ctx.add(old, "old", "provisoire", primary=False)
    ctx.add(new, "assigned", "definitif")
    L.body += follow(ctx, ("na_follow",), 1, 2)


def na_in_sentence(ctx: Ctx, L: Letter, p: Person) -> None:
    ctx.tag("status_in_sentence")
    v = ctx.printed(p.nir)
    L.subject = ctx.pick(("Votre immatriculation", "Votre numéro de sécurité sociale"))
    L.body = [para(ctx, f"na_open_{kind_of(p)}"), para(ctx, f"na_sentence_{kind_of(p)}", num=show_inline(ctx, v))]
    ctx.add(v, "assigned", status_of(p.provisional))
    L.body += follow(ctx, ("na_follow",), 1, 3)


def na_status_far(ctx: Ctx, L: Letter, p: Person) -> None:
    ctx.tag("status_far")
    v = ctx.printed(p.nir)
    L.subject = ctx.pick(("Votre dossier d'immatriculation", "Ouverture de vos droits", None))
    L.body = [para(ctx, f"na_far_status_{kind_of(p)}")]
    if ctx.reference:
        L.body.append(P(B("Référence à rappeler : "), ctx.reference, align="left"))
    else:
        when = fr_num(ctx.date - dt.timedelta(days=40))
        L.body.append(P(f"Votre demande du {when} a été enregistrée sous le n° {ctx.long('dossier13')}."))
    L.body.append(para(ctx, "na_far_between"))
    L.body += show_block(ctx, v, say(ctx, "na_label_neutral"), ("line", "big", "framed", "boxes", "keybox"))
    ctx.add(v, "assigned", status_of(p.provisional))
    L.body += follow(ctx, ("na_follow",), 0, 2)


def na_nia_docs(ctx: Ctx, L: Letter, p: Person) -> None:
    ctx.tag("provisional_with_documents")
    v = ctx.printed(p.nir)
    L.subject = ctx.pick(("Votre numéro provisoire et les pièces à fournir", "Immatriculation : numéro provisoire"))
    L.body = [para(ctx, "na_open_prov"), *show_block(ctx, v, say(ctx, "na_label_prov"))]
    ctx.add(v, "assigned", "provisoire")
    kinds = ctx.pick(
        (
            ["birth_certificate", "sworn_translation"],
            ["birth_certificate", "sworn_translation", "apostille"],
            ["birth_certificate"],
            ["passport", "birth_certificate"],
            ["proof_of_address", "rib"],
        )
    )
    intro = plain(say(ctx, "na_docs_intro", dl=ctx.deadline_phrase()))
    L.body += [*ask_documents(ctx, kinds, intro), para(ctx, "na_docs_else")]


def na_far_box(ctx: Ctx, L: Letter, p: Person) -> None:
    ctx.tag("number_far_from_keyword")
    v = ctx.printed(p.nir)
    status = ctx.pick((status_of(p.provisional), None))
    qual = {"definitif": " définitif", "provisoire": " provisoire", None: ""}[status]
    qual2 = {"definitif": " définitive", "provisoire": " provisoire", None: ""}[status]
    L.subject = ctx.pick(("Votre immatriculation", "Vos droits à l'assurance maladie", None))
    L.body = [para(ctx, "na_far_open", qual=qual, qual2=qual2), *follow(ctx, ("na_follow",), 2, 3)]
    if status == "definitif":
        L.body.append(P(PHRASES["na_follow_def"][0]))
    label = ctx.pick((*PHRASES["na_far_label"], ""))
    L.body += show_block(ctx, v, [B(label)], (ctx.pick(("framed", "framed", "keybox", "boxes")),))
    ctx.add(v, "assigned", status)


def na_table(ctx: Ctx, L: Letter, p: Person) -> None:
    ctx.tag("table_layout", "status_in_table")
    v = ctx.printed(p.nir)
    word = ctx.pick(("Provisoire", "Provisoire (NIA)", "PROVISOIRE") if p.provisional else ("Définitif", "DÉFINITIF"))
    L.subject = ctx.pick(("Confirmation de votre immatriculation", "Votre numéro de sécurité sociale"))
    L.body = [para(ctx, "na_table_open")]
    if ctx.chance(0.5):
        rows = [
            ["Nom", p.last.upper()],
            ["Prénom(s)", p.first],
            ["Date de naissance", fr_num(p.birth)],
            ["N° de sécurité sociale", show_inline(ctx, v)],
            ["Statut du numéro", word],
        ]
        L.body.append(ctx.table(rows, widths=[2, 3], header=False, bold_first=True, grid=ctx.pick(("full", "h"))))
    else:
        ctx.tag("key_apart")
        rows = [["Numéro", "Clé", "Statut"], [N(fmt_nir(v, "omit")), v[13:], word]]
        L.body.append(ctx.table(rows, widths=[3, 1, 1.6], align=["left", "center", "center"]))
    ctx.add(v, "assigned", status_of(p.provisional))
    L.body += follow(ctx, ("na_follow",), 1, 2)


def na_terse(ctx: Ctx, L: Letter, p: Person) -> None:
    v = ctx.printed(p.nir)
    L.subject, L.salutation = "Immatriculation", None
    num = show_inline(ctx, v)
    if p.provisional:
        line = P(B(ctx.pick(("N° provisoire : ", "NIA : "))), num, align="left")
    else:
        line = P(B("NIR : "), num, " (définitif)", align="left")
    L.body = [P("Nous vous communiquons ci-dessous votre numéro."), line, P("À communiquer à votre employeur.")]
    ctx.add(v, "assigned", status_of(p.provisional))
    L.closing = [P(line, align="right", after=0) for line in lines_of(ctx, "signer")]


def na_header(ctx: Ctx, L: Letter, p: Person) -> None:
    v = ctx.printed(p.nir)
    inside = ("dans le cadre « Vos références »", "en tête de ce courrier")
    where = "dans le tableau ci-dessus" if L.layout == "header_table" else ctx.pick(inside)
    how = ctx.pick(("header", "sentence", "none"))
    status = status_of(p.provisional) if how != "none" else None
    word = {"definitif": "Définitif", "provisoire": "Provisoire"}.get(status or "") if how == "header" else None
    header_number(ctx, L, v, ctx.pick(("N° de sécurité sociale", "Votre numéro", "N° d'immatriculation")), word)
    L.subject = ctx.pick(("Votre immatriculation", "Attribution de votre numéro"))
    L.body = [para(ctx, f"na_open_{kind_of(p)}"), para(ctx, "na_header_where", where=where)]
    if how == "sentence":
        L.body.append(P("Ce numéro est provisoire." if p.provisional else "Ce numéro est définitif."))
    elif how == "none":
        ctx.tag("no_status_word")
    ctx.add(v, "assigned", status)
    L.body += follow(ctx, ("na_follow",), 1, 3)


NA_WORDINGS = {  # name: (weight, share of provisional numbers, composer)
    "na_definitif": (0.5, 0.0, na_definitif),
    "na_nia": (0.5, 1.0, na_nia),
    "na_plain": (1.1, 0.3, na_plain),
    "na_old_new": (1.3, 1.0, na_old_new),
    "na_in_sentence": (1.0, 0.4, na_in_sentence),
    "na_status_far": (1.2, 0.4, na_status_far),
    "na_nia_docs": (1.7, 1.0, na_nia_docs),
    "na_far_box": (1.8, 0.4, na_far_box),
    "na_table": (1.0, 0.4, na_table),
    "na_terse": (0.4, 0.5, na_terse),
    "na_header": (0.8, 0.4, na_header),
}
LETTER_LAYOUTS = ("classic", "classic", "left_window", "centred_logo", "sidebar", "header_table", "framed_notice")


def compose_number_assignment(ctx: Ctx) -> Letter:
    name = ctx.rng.choices(list(NA_WORDINGS), [w for w, _, _ in NA_WORDINGS.values()])[0]
    _, prov_share, compose = NA_WORDINGS[name]
    ctx.wording = name
    p = make_person(ctx.rng, provisional=ctx.chance(prov_share))
    layouts = ("header_table", "sidebar", "classic", "left_window") if name == "na_header" else LETTER_LAYOUTS
    L = new_letter(ctx, cpam_org(ctx), p, layouts)
    compose(ctx, L, p)
    L.closing = L.closing or closing(ctx)
    return L


# ---------------------------------------------------------------- documents request
def dr_recall(ctx: Ctx, L: Letter, p: Person, mode: str) -> list:
    """What the request is about: a provisional number, a number, a file number or nothing; returns body blocks."""
    if mode == "file":
        y = ctx.date.year
        value = ctx.long("dossier13") if ctx.chance(0.6) else f"{y % 100}-{ctx.rng.randint(1, 99999):05d}-{y}"
        L.refs.insert(0, ("N° de dossier", value))
        ctx.reference = value
        return []
    if mode == "none":
        return []
    v = ctx.printed(p.nir)
    ctx.add(v, "recalled", "provisoire" if mode == "prov" else None)
    out = []
    if mode == "prov" and ctx.chance(0.3):
        out = [para(ctx, "dr_recall_prov", num=show_inline(ctx, v))]
    elif mode == "prov" and ctx.chance(0.4):
        ctx.tag("status_in_sentence")
        out = [para(ctx, "dr_recall_sentence", num=show_inline(ctx, v))]
    elif mode == "prov":
        header_number(ctx, L, v, ctx.pick(("N° provisoire (NIA)", "N° d'immatriculation")), "Provisoire")
    elif ctx.chance(0.45):
        header_number(ctx, L, v, "N° de sécurité sociale", None)
    else:
        out = [P(B("Assuré(e) : "), f"{p.first} {p.last.upper()} — n° ", show_inline(ctx, v), align="left")]
    return out


def dr_standard(ctx: Ctx, L: Letter, kinds: list[str], style: str | None = None) -> None:
    L.body += [para(ctx, "dr_open"), *mention_received(ctx, kinds)]
    L.body += ask_documents(ctx, kinds, ctx.pick(PHRASES["dr_ask"]), style)
    L.body += [para(ctx, "dr_when", dl=ctx.deadline_phrase()), para(ctx, "dr_else"), *follow(ctx, ("dr_send",), 0, 2)]


def foreign_kinds(ctx: Ctx) -> list[str]:
    kinds = ctx.sample(
        (
            "passport",
            "residence_permit",
            "birth_certificate",
            "employment_contract",
            "payslips",
            "rib",
            "proof_of_address",
            "other",
        ),
        2,
        5,
    )
    if "birth_certificate" in kinds and ctx.chance(0.6):
        kinds.insert(kinds.index("birth_certificate") + 1, "sworn_translation")
    return kinds


def dr_incomplet(ctx: Ctx, L: Letter, p: Person) -> None:
    L.subject = ctx.pick(PHRASES["dr_subject_incomplet"])
    dr_standard(ctx, L, foreign_kinds(ctx), ctx.pick(("bullets", "sentence")))


def dr_table(ctx: Ctx, L: Letter, p: Person) -> None:
    L.subject = ctx.pick(("Pièces justificatives", "Suivi de votre dossier"))
    dr_standard(ctx, L, foreign_kinds(ctx), "table")


def dr_checklist(ctx: Ctx, L: Letter, p: Person) -> None:
    L.subject = ctx.pick(("Pièces manquantes", "Demande de pièces justificatives"))
    dr_standard(ctx, L, foreign_kinds(ctx), "checklist")


def dr_mise_en_demeure(ctx: Ctx, L: Letter, p: Person) -> None:
    L.subject = ctx.pick(("Mise en demeure", "Mise en demeure de produire les pièces justificatives"))
    prev = fr_long(ctx.date - dt.timedelta(days=ctx.rng.randint(45, 120)))
    ask = plain(say(ctx, "dr_demeure_ask", dl=ctx.deadline_phrase()))
    L.body += [para(ctx, "dr_demeure_intro", prev=prev)]
    L.body += ask_documents(ctx, foreign_kinds(ctx), ask, ctx.pick(("bullets", "bullets", "sentence")))
    L.body.append(para(ctx, "dr_demeure_else"))


def dr_nia_valable(ctx: Ctx, L: Letter, p: Person) -> None:
    L.subject = ctx.pick(("Votre état civil", "Document d'état civil manquant"))
    kinds = ctx.pick(
        (
            ["birth_certificate", "sworn_translation"],
            ["birth_certificate", "apostille", "sworn_translation"],
            ["birth_certificate"],
        )
    )
    L.body += [para(ctx, "dr_nia"), *ask_documents(ctx, kinds, ctx.pick(PHRASES["dr_ask"]))]
    L.body.append(para(ctx, "dr_when", dl=ctx.deadline_phrase()))


def dr_etat_civil(ctx: Ctx, L: Letter, p: Person) -> None:
    L.subject = "Document d'état civil à produire"
    ctx.deadline = add_months(ctx.date, 3)
    kinds = ctx.pick(
        (["birth_certificate", "sworn_translation"], ["birth_certificate", "sworn_translation", "apostille"])
    )
    L.body += [para(ctx, "dr_etat_civil"), *ask_documents(ctx, kinds, ctx.pick(PHRASES["dr_ask"]), "bullets")]
    L.body.append(
        P("Passé ce délai, une mise en demeure vous sera adressée, puis le versement de vos prestations sera suspendu.")
    )


def dr_relance(ctx: Ctx, L: Letter, p: Person) -> None:
    L.subject, L.salutation = ctx.pick(("Relance — pièces manquantes", "RELANCE")), None
    L.body += [P("Dossier incomplet."), *ask_documents(ctx, foreign_kinds(ctx), "Pièces manquantes :", "bullets")]
    L.body.append(P(f"À retourner {ctx.deadline_phrase()}."))
    L.closing = [P("Le service Immatriculation", align="right")]


def dr_s1(ctx: Ctx, L: Letter, p: Person) -> None:
    L.subject = "Votre affiliation : ressortissant(e) de l'Union européenne"
    kinds = [k for k in ("s1_form", "passport", "proof_of_address", "rib") if k == "s1_form" or ctx.chance(0.6)]
    L.body += [para(ctx, "dr_s1"), *ask_documents(ctx, kinds, ctx.pick(PHRASES["dr_ask"]))]
    L.body.append(para(ctx, "dr_when", dl=ctx.deadline_phrase()))


def dr_ij(ctx: Ctx, L: Letter, p: Person) -> None:
    L.subject = "Indemnités journalières : éléments manquants"
    start = fr_long(ctx.date - dt.timedelta(days=ctx.rng.randint(10, 40)))
    kinds = ctx.pick((["employer_certificate"], ["employer_certificate", "payslips"], ["payslips", "rib"]))
    style = ctx.pick(("bullets", "checklist", "sentence"))
    L.body += [para(ctx, "dr_ij", start=start), *ask_documents(ctx, kinds, ctx.pick(PHRASES["dr_ask"]), style)]
    L.body += [para(ctx, "dr_when", dl=ctx.deadline_phrase()), P(PHRASES["dr_else"][1])]


def dr_scolarite(ctx: Ctx, L: Letter, p: Person) -> None:
    L.subject = "Rattachement de votre enfant"
    kinds = ctx.pick((["school_certificate"], ["school_certificate", "residence_permit"]))
    style = ctx.pick(("bullets", "sentence"))
    child = ctx.pick(FIRST[1] + FIRST[2])
    L.body += [para(ctx, "dr_school", child=child), *ask_documents(ctx, kinds, ctx.pick(PHRASES["dr_ask"]), style)]
    L.body.append(para(ctx, "dr_when", dl=ctx.deadline_phrase()))


def dr_coupon(ctx: Ctx, L: Letter, p: Person) -> None:
    ctx.tag("form")
    L.subject = "Compléter votre dossier"
    kinds = foreign_kinds(ctx)[:3]
    dr_standard(ctx, L, kinds, "bullets")
    L.closing = [
        *closing(ctx, signer=False),
        blk("rule", dash=True),
        P(R("✂ ", font="sym"), B("Coupon-réponse à joindre à votre envoi"), align="left", after=3),
        P(f"Nom : {p.last.upper()}     Prénom : {p.first}", align="left", after=3),
        blk("checklist", [(False, doc_text(ctx, k, True)) for k in kinds], style="drawn"),
        P(*say(ctx, "certify"), after=3),
        blk("signature_box", "Date et signature :", 0.45, 46.0),
    ]


DR_WORDINGS = {  # name: (weight, composer)
    "dr_incomplet": (1.2, dr_incomplet),
    "dr_table": (1.0, dr_table),
    "dr_checklist": (1.0, dr_checklist),
    "dr_mise_en_demeure": (1.0, dr_mise_en_demeure),
    "dr_nia_valable": (0.9, dr_nia_valable),
    "dr_etat_civil": (0.8, dr_etat_civil),
    "dr_relance": (0.8, dr_relance),
    "dr_s1": (0.7, dr_s1),
    "dr_ij": (0.7, dr_ij),
    "dr_scolarite": (0.6, dr_scolarite),
    "dr_coupon": (0.8, dr_coupon),
}


def compose_documents_request(ctx: Ctx) -> Letter:
    name = ctx.rng.choices(list(DR_WORDINGS), [w for w, _ in DR_WORDINGS.values()])[0]
    ctx.wording = name
    if name == "dr_nia_valable":
        mode = "prov"
    elif name in ("dr_ij", "dr_scolarite"):
        mode = ctx.pick(("nir", "nir", "none"))
    else:
        mode = ctx.rng.choices(("prov", "nir", "file", "none"), (25, 10, 30, 35))[0]
    p = make_person(ctx.rng, provisional=mode == "prov")
    L = new_letter(ctx, cpam_org(ctx), p, LETTER_LAYOUTS, with_ref=0.0 if mode == "file" else 0.8)
    L.body = dr_recall(ctx, L, p, mode)
    DR_WORDINGS[name][1](ctx, L, p)
    L.closing = L.closing or closing(ctx)
    return L


# ---------------------------------------------------------------- carte Vitale form
# In the order of the phrases cv_title and cv_intro.
CV_WORDINGS = (
    "cv_ma_nouvelle",
    "cv_demande",
    "cv_a_completer",
    "cv_premiere",
    "cv_renouvellement",
    "cv_blank",
    "cv_photo",
    "cv_terse",
    "cv_cover",
)
CV_LAYOUTS = ("form_photo_right", "form_photo_left", "form_photo_bottom", "form_cover_letter")


def cv_number(ctx: Ctx, v: str | None) -> list:
    """The pre-filled number: boxes (several groupings), plain text or a key box; empty boxes on a blank form."""
    label = [B(ctx.pick(PHRASES["cv_number_label"]))]
    if v is None:
        return [P(*label, after=3, align="left"), show_boxes(ctx, None, None)]
    mode = ctx.pick(("boxes",) * 6 + ("text", "keybox", "boxes_label"))
    if mode == "boxes":
        return [P(*label, after=3, align="left"), show_boxes(ctx, v, None)]
    if mode == "boxes_label":
        return [show_boxes(ctx, v, label)]
    if mode == "keybox":
        ctx.tag("key_apart")
        return [P(*label, after=2, align="left"), blk("keybox", [N(fmt_nir(v, "omit"))], v[13:], "Clé")]
    return [P(*label, " ", show_inline(ctx, v), align="left")]


def compose_carte_vitale(ctx: Ctx) -> Letter:
    ctx.tag("form")
    index = ctx.rng.randrange(len(CV_WORDINGS))
    name = ctx.wording = CV_WORDINGS[index]
    p = make_person(ctx.rng)
    org = cpam_org(ctx, ctx.pick(("Service Carte Vitale", "Pôle Cartes", "Service des assurés")))
    layout = ctx.layout = ctx.pick(CV_LAYOUTS)
    to = recipient(ctx, p, org) if ctx.chance(0.6) or layout == "form_cover_letter" else []
    d = ctx.date
    L = Letter(
        "form", org, to, ctx.pick((f"Date d'édition : {fr_num(d)}", f"Le {fr_long(d)}", f"Édité le {fr_num(d)}"))
    )
    L.title = PHRASES["cv_title"][index]
    if ctx.chance(0.7):
        L.refs.append(reference(ctx, ctx.pick(("Réf.", "N° de demande", "Référence"))))
    v = None if name == "cv_blank" else ctx.printed(p.nir, 0.08)
    if v:
        ctx.add(v, "prefilled", "definitif" if name == "cv_premiere" else None)
    if name == "cv_premiere":
        ctx.tag("status_in_sentence")
    blank = "." * 22
    ident = [
        P(B("Nom : "), p.last.upper() if v else blank, align="left", after=2),
        P(B("Prénom(s) : "), p.first if v else blank, align="left", after=2),
        P(B("Date de naissance : "), fr_num(p.birth) if v else "..../..../........", align="left", after=2),
        *cv_number(ctx, v),
    ]
    steps = [ctx.pick(PHRASES[f"cv_step_{s}"]) for s in ("check", "photo", "sign", "id", "return")]
    if ctx.chance(0.3):
        steps.append(f"Retournez-nous ce formulaire {ctx.deadline_phrase()}.")
    done = P(f"Fait à {blank}  le ..../..../........", align="left")
    certify = [P(I(ctx.pick(PHRASES["certify"])), after=2), done]
    photo, sig, section = lines_of(ctx, "cv_photo"), ctx.pick(PHRASES["cv_signature"]), lines_of(ctx, "cv_sections")
    head = [P(R(section[0], "b", font="head"), align="left", after=4)]
    how = [P(B(section[2]), align="left", after=3), blk("bullets", steps, mark=ctx.pick(("1.", "•", "–")))]
    intro = P(PHRASES["cv_intro"][index])
    if layout in ("form_photo_right", "form_photo_left"):
        side = "right" if layout == "form_photo_right" else "left"
        box = blk("signature_box", sig, 0.5, 60.0, ctx.chance(0.5))
        L.body = [intro, blk("beside", head + ident, side=side, label_lines=photo), *certify, box, *how]
    elif layout == "form_photo_bottom":
        pair = blk("photo_and_signature", photo, sig, ["Signez sans déborder du cadre."])
        L.body = [intro, *head, *ident, *how, P(B(section[1]), align="left", after=4), pair, *certify]
    else:
        L.salutation = f"{p.civ},"
        pair = blk("photo_and_signature", photo, sig, [ctx.pick(PHRASES["certify"])])
        L.body = [intro, P(steps[3]), P(steps[4]), blk("rule", dash=True), *head, *ident, pair, done]
    if ctx.chance(0.4):
        L.body.append(
            blk("frame", [P("Cadre réservé à l'Assurance Maladie", size=-1, align="left", after=14)], pad=5.0)
        )
    return L


# ---------------------------------------------------------------- other documents
def money(x: float, dot: bool = False) -> str:
    """``1 234,56`` (or ``1 234.56`` as some payroll software prints it)."""
    text = f"{x:,.2f}".replace(",", " ")
    return text if dot else text.replace(".", ",")


def carried(ctx: Ctx, p: Person, status: str | None = None) -> str:
    v = ctx.printed(p.nir)
    ctx.add(v, "carried", status)
    return v


def fields_table(ctx: Ctx, rows: list) -> tuple:
    ctx.tag("table_layout")
    return ctx.table(rows, widths=[2, 3], header=False, bold_first=True, grid=ctx.pick(("full", "full", "h")))


def oth_attestation(ctx: Ctx, L: Letter, p: Person) -> None:
    """An attestation de droits; "provisoire" there is about the attestation, unless the number is called a NIA."""
    prov_title = p.provisional and ctx.chance(0.7)
    nia_label = p.provisional and ctx.chance(0.4)
    v = carried(ctx, p, "provisoire" if nia_label else None)
    L.title = "Attestation provisoire de droits" if prov_title else "Attestation de droits à l'assurance maladie"
    L.subject = L.salutation = None
    label = (
        "Numéro d'identification d'attente (NIA)"
        if nia_label
        else ctx.pick(("N° d'immatriculation", "Numéro de sécurité sociale"))
    )
    start = ctx.date - dt.timedelta(days=ctx.rng.randint(0, 200))
    end = add_months(start, 3 if prov_title else 12)
    L.body = [para(ctx, "att_intro")]
    if ctx.chance(0.55):
        rows = [["Nom", p.last.upper()], ["Prénom", p.first], ["Date de naissance", fr_num(p.birth)]]
        L.body.append(fields_table(ctx, [*rows, [label, show_inline(ctx, v)]]))
    else:
        L.body += [P(B("Bénéficiaire : "), f"{p.first} {p.last.upper()}", after=2, align="left")]
        L.body += show_block(ctx, v, [B(label + " :")], ("line", "line", "boxes"))
    code = [f"{ctx.rng.randint(11, 999):03d}", f"{ctx.rng.randint(1, 9999):04d}"]
    rows = [
        ["Régime", "Caisse", "Centre", "Début des droits", "Fin des droits"],
        ["01", *code, fr_num(start), fr_num(end)],
    ]
    L.body.append(ctx.table(rows, align=["center"] * 5))
    if prov_title:
        L.body.append(P("Cette attestation provisoire est valable trois mois à compter de sa date d'édition."))
    L.body.append(para(ctx, "att_use"))
    L.closing = [P("Le Directeur", align="right")]


def oth_releve(ctx: Ctx, L: Letter, p: Person) -> None:
    v = carried(ctx, p)
    start = ctx.date - dt.timedelta(days=60)
    L.subject = f"Relevé de vos remboursements du {fr_num(start)} au {fr_num(ctx.date)}"
    L.body = []
    if L.layout in ("sidebar", "header_table") or ctx.chance(0.5):
        header_number(ctx, L, v, "N° de sécurité sociale", None)
    else:
        L.body = [P(B("Assuré(e) : "), f"{p.first} {p.last.upper()} — ", show_inline(ctx, v), align="left")]
    rows, total = [["Date des soins", "Nature", "Payé", "Remboursé", "Virement"]], 0.0
    for _ in range(ctx.rng.randint(3, 6)):
        day = start + dt.timedelta(days=ctx.rng.randint(0, 50))
        paid = ctx.pick((26.5, 30.0, 17.9, 45.6, 62.3, 8.4, 112.0, 23.0))
        back = round(paid * ctx.pick((0.7, 0.6, 0.65)) - 2, 2) if paid > 20 else round(paid * 0.65, 2)
        total += back
        paid_on = fr_num(day + dt.timedelta(days=ctx.rng.randint(2, 9)))
        rows.append([fr_num(day), ctx.pick(CARE), money(paid) + " €", money(back) + " €", paid_on])
    table = ctx.table(
        rows,
        widths=[1.3, 2.6, 1, 1.2, 1.3],
        size=-1,
        grid=ctx.pick(("full", "h")),
        align=["left", "left", "right", "right", "left"],
    )
    L.body += [P("Voici le détail des remboursements effectués sur la période :"), table]
    L.body += [
        P(B("Total remboursé : "), money(total) + " €", align="left"),
        P(f"Les remboursements ont été virés sur le compte {iban(ctx.rng, True)}."),
    ]
    L.closing = closing(ctx, signer=False)


def oth_ij(ctx: Ctx, L: Letter, p: Person) -> None:
    v = carried(ctx, p)
    start = ctx.date - dt.timedelta(days=ctx.rng.randint(20, 50))
    days, daily = ctx.rng.randint(7, 21), round(ctx.rng.uniform(22, 58), 2)
    period = f"du {fr_num(start)} au {fr_num(start + dt.timedelta(days=days - 1))}"
    rows = [
        ["Période", "Jours", "IJ brute", "CSG / CRDS", "Net versé"],
        [period, str(days), money(daily), money(days * daily * 0.067), money(days * daily * 0.933)],
    ]
    L.subject = "Paiement de vos indemnités journalières"
    L.body = [
        para(ctx, "ij_intro", start=fr_long(start)),
        P(B("N° de sécurité sociale : "), show_inline(ctx, v), align="left", after=2),
        P(f"Employeur : {ctx.pick(EMPLOYERS)} — SIRET {ctx.long('siret')}", align="left"),
        ctx.table(rows, widths=[3, 0.8, 1.1, 1.3, 1.2], size=-1),
        P(f"Montant versé sur le compte {iban(ctx.rng, ctx.chance(0.6))}."),
    ]
    L.closing = closing(ctx)


def oth_ameli(ctx: Ctx, L: Letter, p: Person) -> None:
    """The ameli login letter: its "code provisoire" says nothing about the number."""
    v = carried(ctx, p)
    code = f"{ctx.rng.randint(0, 9999):04d} {ctx.rng.randint(0, 9999):04d}"
    L.subject = ctx.pick(("Votre code provisoire pour accéder à votre compte ameli", "Votre compte ameli"))
    items = [["votre numéro de sécurité sociale : ", show_inline(ctx, v)], ["votre code provisoire : ", B(code)]]
    L.body = [P(PHRASES["ameli"][0]), blk("bullets", items), P(PHRASES["ameli"][1]), P(PHRASES["ameli"][2])]
    L.closing = closing(ctx, signer=False)


def oth_medecin(ctx: Ctx, L: Letter, p: Person) -> None:
    v = carried(ctx, p)
    dr = f"Docteur {ctx.pick(FIRST[1] + FIRST[2])} {ctx.pick(LAST)}"
    rows = [
        ["Assuré(e)", f"{p.first} {p.last.upper()}"],
        ["N° de sécurité sociale", show_inline(ctx, v)],
        ["Médecin traitant", dr],
        ["N° RPPS", f"10{ctx.rng.randint(0, 10**9 - 1):09d}"],
        ["Date d'effet", fr_num(ctx.date - dt.timedelta(days=12))],
    ]
    L.subject = "Déclaration de choix du médecin traitant"
    L.body = [P(*fill(PHRASES["medecin"][0], dr=dr)), fields_table(ctx, rows), P(PHRASES["medecin"][1])]
    L.closing = closing(ctx)


def oth_css(ctx: Ctx, L: Letter, p: Person) -> None:
    v = carried(ctx, p)
    start = ctx.date + dt.timedelta(days=ctx.rng.randint(1, 20))
    fee = ctx.pick(("sans participation financière", f"avec une participation de {ctx.rng.randint(8, 30)} € par mois"))
    ctx.tag("table_layout")
    rows = [
        ["Bénéficiaire", "Date de naissance", "N° de sécurité sociale"],
        [f"{p.first} {p.last.upper()}", fr_num(p.birth), show_inline(ctx, v)],
    ]
    L.subject = "Complémentaire santé solidaire : notre décision"
    L.body = [
        P(PHRASES["css"][0]),
        P(*fill(PHRASES["css"][1], start=fr_long(start), end=fr_long(add_months(start, 12)), fee=fee)),
        ctx.table(rows, widths=[2, 1.4, 2.4]),
        P(PHRASES["css"][2]),
    ]
    L.closing = closing(ctx)


def oth_ceam(ctx: Ctx, L: Letter, p: Person) -> None:
    v = carried(ctx, p)
    card = " ".join(f"{ctx.rng.randint(0, 99999):05d}" for _ in range(4))
    fields = (
        ("3. Nom : ", p.last.upper()),
        ("4. Prénoms : ", p.first),
        ("5. Date de naissance : ", fr_num(p.birth)),
        ("6. Numéro d'identification personnel : ", show_inline(ctx, v)),
        ("7. Institution : ", f"{ctx.rng.randint(1000, 9999)} - {ctx.caisse}"),
        ("8. N° de la carte : ", card),
        ("9. Date d'expiration : ", fr_num(add_months(ctx.date, 24))),
    )
    lines = [P(B(label), value, align="left", after=1) for label, value in fields]
    card_block = blk(
        "frame",
        [P(B("CARTE EUROPÉENNE D'ASSURANCE MALADIE"), align="center", after=6), *lines],
        inset=30.0,
        lw=1.2,
        dash=True,
    )
    L.subject = "Votre carte européenne d'assurance maladie"
    L.body = [P(PHRASES["ceam"][0]), card_block, P(PHRASES["ceam"][1])]
    L.closing = closing(ctx, signer=False)


def payslip_lines(ctx: Ctx, gross_rate: float) -> list:
    """The rubriques of a French payslip, amounts in columns."""
    hours = 151.67
    gross = round(hours * gross_rate, 2)
    rows = [
        ["Désignation", "Base", "Taux", "Montant"],
        ["Salaire de base", money(hours), money(gross_rate), money(gross)],
    ]
    if ctx.chance(0.5):
        extra = round(ctx.rng.randint(4, 12) * gross_rate * 1.25, 2)
        rows.append(
            ["Heures supplémentaires 25 %", money(extra / gross_rate / 1.25), money(gross_rate * 1.25), money(extra)]
        )
        gross += extra
    rows.append([B("Salaire brut"), "", "", B(money(gross))])
    total = 0.0
    for label, rate in (
        ("Sécurité sociale plafonnée", 6.9),
        ("Sécurité sociale déplafonnée", 0.4),
        ("Complémentaire Tranche 1", 4.01),
        ("Assurance chômage", 0.0),
        ("CSG déductible de l'impôt sur le revenu", 6.8),
        ("CSG/CRDS non déductible", 2.9),
    ):
        amount = round(gross * (0.9825 if label.startswith("CSG") else 1) * rate / 100, 2)
        total += amount
        rows.append([label, money(gross), money(rate), "-" + money(amount) if amount else "0,00"])
    net = gross - total
    tax = round(net * ctx.pick((0.0, 0.9, 2.3, 4.1)) / 100, 2)
    rows += [
        ["Net à payer avant impôt sur le revenu", "", "", money(net)],
        [
            "Impôt sur le revenu prélevé à la source",
            money(net),
            money(tax * 100 / net),
            "-" + money(tax) if tax else "0,00",
        ],
        [B("Net payé"), "", "", B(money(net - tax))],
    ]
    return rows


def oth_payslip(ctx: Ctx, L: Letter, p: Person) -> None:
    v = carried(ctx, p)
    first = dt.date(ctx.date.year, ctx.date.month, 1)
    end = ctx.date = add_months(first, 1) - dt.timedelta(days=1)
    rate = round(ctx.rng.uniform(11.9, 19.5), 2)
    L.title = ctx.pick(("BULLETIN DE PAIE", "Bulletin de salaire"))
    L.recipient = [f"{p.civ} {p.first} {p.last.upper()}", *L.recipient[1:]]
    L.refs = [
        ("N° de sécurité sociale", show_inline(ctx, v)),
        ("Emploi", ctx.pick(JOBS)),
        ("Matricule", f"{ctx.rng.randint(100, 99999)}"),
    ]
    ctx.reference = None
    L.date_line = f"Période du {fr_num(first)} au {fr_num(end)} — payé le {fr_num(end)}"
    L.salutation = L.subject = None
    cumul = rate * 151.67 * end.month
    totals = [
        ["Cumul brut", "Cumul imposable", "Heures"],
        [money(cumul, True)[:-1], money(cumul * 0.97, True)[:-1], money(151.67 * end.month)],
    ]
    L.body = [
        ctx.table(
            payslip_lines(ctx, rate),
            widths=[3, 1.2, 1, 1.3],
            size=-1,
            grid="h",
            align=["left", "right", "right", "right"],
        ),
        ctx.table(totals, size=-1, align=["right"] * 3),
        P(I("Dans votre intérêt, conservez ce bulletin de paie sans limitation de durée."), size=-1),
    ]


def oth_caf(ctx: Ctx, L: Letter, p: Person) -> None:
    v = carried(ctx, p)
    L.refs.insert(0, ("N° allocataire", f"{ctx.rng.randint(1000000, 9999999)}"))
    L.subject = ctx.pick(("Votre aide au logement", "Vos droits aux prestations familiales"))
    amount = money(round(ctx.rng.uniform(120, 380), 2)) + " €"
    months = [add_months(ctx.date, k) for k in range(3)]
    rows = [["Mois", "Prestation", "Montant"]]
    rows += [[f"{MONTHS[m.month - 1]} {m.year}", "Aide personnalisée au logement", amount] for m in months]
    L.body = [
        P(PHRASES["caf"][0]),
        ctx.table(rows, widths=[1.2, 2.5, 1]),
        P(B("Numéro de sécurité sociale enregistré : "), show_inline(ctx, v), align="left"),
        P(f"Les sommes seront versées sur le compte {iban(ctx.rng, True)}."),
        P(PHRASES["caf"][1]),
    ]
    L.closing = closing(ctx, signer=False)


def oth_urssaf(ctx: Ctx, L: Letter, p: Person) -> None:
    v = carried(ctx, p)
    rows = [
        ["Nom", f"{p.last.upper()} {p.first}"],
        ["N° de sécurité sociale", show_inline(ctx, v)],
        ["SIRET", ctx.long("siret")],
        ["Code APE", f"{ctx.rng.randint(1000, 9699)}Z"],
    ]
    L.subject = "Confirmation de votre immatriculation"
    start = fr_long(ctx.date - dt.timedelta(days=15))
    L.body = [P(*fill(PHRASES["urssaf"][0], start=start)), fields_table(ctx, rows), P(PHRASES["urssaf"][1])]
    L.closing = closing(ctx)


def oth_cnav(ctx: Ctx, L: Letter, p: Person) -> None:
    v = carried(ctx, p)
    L.subject = "Votre relevé de carrière"
    header_number(ctx, L, v, "N° de sécurité sociale", None)
    rows = [["Année", "Régime", "Revenus (€)", "Trimestres"]]
    for year in range(ctx.date.year - ctx.rng.randint(4, 7), ctx.date.year):
        rows.append([str(year), "Régime général", money(ctx.rng.uniform(6000, 32000))[:-3], str(ctx.rng.randint(1, 4))])
    table = ctx.table(rows, widths=[1, 2, 1.4, 1.1], align=["left", "left", "right", "center"])
    L.body = [P(PHRASES["cnav"][0]), table, P(PHRASES["cnav"][1])]
    L.closing = closing(ctx, signer=False)


def oth_mutuelle(ctx: Ctx, L: Letter, p: Person) -> None:
    v = carried(ctx, p)
    rows = [
        ["Adhérent", f"{p.first} {p.last.upper()}"],
        ["N° d'adhérent", ctx.long("contract")],
        ["N° de sécurité sociale", show_inline(ctx, v)],
        ["Code AMC", str(ctx.rng.randint(10**8, 10**9 - 1))],
    ]
    L.subject = f"Votre carte de tiers payant {ctx.date.year}"
    L.body = [
        P(*fill(PHRASES["mutuelle"][0], year=str(ctx.date.year))),
        fields_table(ctx, rows),
        P(PHRASES["mutuelle"][1]),
    ]
    L.closing = closing(ctx)


def oth_employer(ctx: Ctx, L: Letter, p: Person) -> None:
    v = carried(ctx, p)
    boss = f"{ctx.pick(FIRST[1] + FIRST[2])} {ctx.pick(LAST)}"
    since = fr_long(ctx.date - dt.timedelta(days=ctx.rng.randint(60, 900)))
    text = fill(
        PHRASES["employer"][0],
        boss=boss,
        company=L.org.logo,
        who=f"{p.civ} {p.first} {p.last.upper()}",
        born=p.born.lower(),
        birth=fr_num(p.birth),
        num=show_inline(ctx, v),
        since=since,
        kind=ctx.pick(("indéterminée", "déterminée")),
    )
    L.subject = ctx.pick(("Attestation employeur", "Attestation de travail"))
    L.salutation = None
    L.body = [P(*text), P(PHRASES["employer"][1])]
    L.closing = [blk("gap", 8), P(boss, align="right", after=0), P("Le gérant", align="right")]


def oth_none(ctx: Ctx, L: Letter, p: Person) -> None:
    """A caisse letter that carries no number at all."""
    key = ctx.pick([k for k in PHRASES if k.startswith("none:")])
    L.subject = key.removeprefix("none:")
    day = fr_long(ctx.date + dt.timedelta(days=9))
    fields = {"code": str(ctx.rng.randint(100000, 999999)), "city": L.org.city, "day": day}
    L.body = [P(*fill(text, **fields)) for text in PHRASES[key]]
    if ctx.chance(0.4):
        L.body.append(P(f"Dossier n° {ctx.long('dossier13')}", align="left"))
    L.closing = closing(ctx)


def oth_rib(ctx: Ctx, L: Letter, p: Person) -> None:
    v = carried(ctx, p)
    header_number(ctx, L, v, ctx.pick(("N° de sécurité sociale", "Votre numéro")), None)
    L.subject = "Demande de relevé d'identité bancaire"
    L.body = [P(PHRASES["rib"][0]), *ask_documents(ctx, ["rib"], "Merci de nous adresser :", "bullets")]
    L.body.append(P(*fill(PHRASES["rib"][1], dl=ctx.deadline_phrase())))
    L.closing = closing(ctx)


OTHER_WORDINGS = {  # name: (weight, sender, layouts, composer)
    "oth_attestation": (1.4, "cpam", ("classic", "centred_logo", "framed_notice", "header_table"), oth_attestation),
    "oth_releve": (1.0, "cpam", ("classic", "sidebar", "header_table"), oth_releve),
    "oth_ij": (0.9, "cpam", ("classic", "sidebar", "left_window"), oth_ij),
    "oth_ameli": (0.8, "cpam", ("classic", "centred_logo", "framed_notice"), oth_ameli),
    "oth_medecin": (0.6, "cpam", ("classic", "left_window"), oth_medecin),
    "oth_css": (0.7, "cpam", ("classic", "sidebar", "framed_notice"), oth_css),
    "oth_ceam": (0.6, "cpam", ("centred_logo", "classic"), oth_ceam),
    "oth_payslip": (1.0, "employer", ("payslip",), oth_payslip),
    "oth_caf": (0.8, "caf", ("left_window", "classic"), oth_caf),
    "oth_urssaf": (0.6, "urssaf", ("header_table", "classic"), oth_urssaf),
    "oth_cnav": (0.6, "cnav", ("sidebar", "classic"), oth_cnav),
    "oth_mutuelle": (0.6, "mutuelle", ("centred_logo", "classic"), oth_mutuelle),
    "oth_employer": (0.6, "employer", ("classic", "left_window"), oth_employer),
    "oth_none": (0.9, "cpam", LETTER_LAYOUTS, oth_none),
    "oth_rib": (0.5, "cpam", ("classic", "sidebar", "header_table"), oth_rib),
}


def compose_other(ctx: Ctx) -> Letter:
    name = ctx.rng.choices(list(OTHER_WORDINGS), [w for w, _, _, _ in OTHER_WORDINGS.values()])[0]
    _, sender, layouts, compose = OTHER_WORDINGS[name]
    ctx.wording = name
    origin = ctx.rng.choices(("metro", "corsica", "overseas", "abroad"), (55, 10, 12, 23))[0]
    p = make_person(ctx.rng, provisional=name == "oth_attestation" and ctx.chance(0.45), origin=origin)
    org = cpam_org(ctx) if sender == "cpam" else other_org(ctx, sender)
    L = new_letter(ctx, org, p, layouts, with_ref=0.7 if sender == "cpam" else 0.35)
    compose(ctx, L, p)
    return L


# ---------------------------------------------------------------- entry points
COMPOSERS = {
    "number_assignment": compose_number_assignment,
    "documents_request": compose_documents_request,
    "carte_vitale_form": compose_carte_vitale,
    "other": compose_other,
}


def make_document(rng: random.Random, letter_type: str, doc_id: str) -> FamilyDocument:
    """One letter of type ``letter_type``, fully determined by the state of ``rng``."""
    if letter_type not in COMPOSERS:
        raise ValueError(f"{doc_id}: unknown letter type {letter_type!r}")
    ctx = Ctx(rng, letter_type)
    st = pick_style(rng)
    letter = COMPOSERS[letter_type](ctx)
    return FamilyDocument(pdf=render(letter, st), truth=ctx.truth(), fonts=st.fonts())


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Write held-out synthetic letters and their truth for inspection.")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--count", type=int, default=20)
    ap.add_argument("--seed", default="heldout")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for i in range(args.count):
        letter_type = LETTER_TYPES[i % len(LETTER_TYPES)]
        doc = make_document(random.Random(f"{args.seed}:{i}"), letter_type, f"{i:04d}")
        stem, t = f"{i:04d}-{letter_type}", doc.truth
        (args.out / f"{stem}.pdf").write_bytes(doc.pdf)
        (args.out / f"{stem}.json").write_text(
            json.dumps(t, ensure_ascii=False, indent=1, sort_keys=True) + "\n", "utf-8"
        )
        tags = ",".join(t["tags"])
        print(f"{stem:<24} {t['wording']:<18} {t['layout']:<18} nir={t['nir']} {t['nir_status']} tags={tags}")


if __name__ == "__main__":
    main()
