"""What kind of letter this is: number_assignment, documents_request, carte_vitale_form or other.

The letter's purpose decides, and purposes show in phrases ("un numéro ... vous est attribué", "pièces
justificatives", "collez votre photo", "attestation de droits"). Each *cue* below is a family of such phrases,
matched fuzzily on accent-free lowercase text so that OCR noise and new wordings still hit (the same for a PDF's
text layer and for OCR; :func:`cpam_reader.letter.phrases.find_phrase`); a few cues come
from the number finder (a number tied to "définitif", to "provisoire", or none). A linear model weighs the
cues: its weights live in ``models/classifier.json`` (plain JSON, safe to load), learned by
``scripts/train_classifier.py`` from labelled synthetic letters, with its held-out accuracy written beside them.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import math
from collections.abc import Mapping, Sequence
from pathlib import Path

from cpam_reader.base.errors import InternalError
from cpam_reader.base.result import Classification, LetterType, NirStatus, NumberCandidate
from cpam_reader.letter.phrases import find_phrase, normalise, normalise_lines
from cpam_reader.letter.purpose import SUBJECT, decide, find_facts

CUES: Mapping[str, tuple[str, ...]] = {
    # number assignment
    "immatriculation": ("immatricule", "immatriculation", "immatriculee"),
    "ss_number": ("numero de securite sociale", "n de securite sociale", "numero d'inscription au repertoire"),
    "definitive": ("definitif", "definitive", "personnel et definitif"),
    "provisional": ("numero provisoire", "numero d'identification d'attente", "identifiant d'attente", "nia"),
    "attributed": (
        "vous est attribue",
        "vous a ete attribue",
        "vous avons attribue",
        "vous attribuons",
        "vous est delivre",
        "vous avons immatricule",
    ),
    "reminder": (
        "rappel de votre numero",
        "concernant votre numero",
        "votre numero provisoire reste",
        "votre numero actuel",
        "numero deja attribue",
    ),
    "tell_employer": (
        "communiquez-le a votre employeur",
        "communiquer a votre employeur",
        "transmettre a votre employeur",
        "donnez-le a votre employeur",
        "indiquer a votre employeur",
    ),
    "key": ("cle",),
    "replaced": ("remplace", "remplacera"),
    # documents request
    "supporting_docs": (
        "pieces justificatives",
        "pieces manquantes",
        "justificatifs",
        "documents manquants",
        "nous avons besoin",
        "documents suivants",
        "pieces suivantes",
    ),
    "incomplete": ("dossier incomplet", "completer votre dossier", "dossier n'est pas complet", "manque"),
    "please_send": (
        "veuillez nous adresser",
        "merci de nous adresser",
        "veuillez nous faire parvenir",
        "nous retourner",
        "nous transmettre",
        "faire parvenir",
    ),
    "deadline": ("dans un delai de", "avant le", "sous un delai", "au plus tard"),
    "failing": ("a defaut", "mise en demeure", "sans reponse de votre part", "suspendu"),
    "civil_docs": ("acte de naissance", "filiation", "traduction", "assermente", "apostille", "legalisation"),
    "id_docs": ("passeport", "titre de sejour", "carte de sejour", "recepisse", "formulaire s1"),
    "money_docs": (
        "rib",
        "releve d'identite bancaire",
        "bulletins de salaire",
        "contrat de travail",
        "justificatif de domicile",
        "attestation employeur",
    ),
    # carte Vitale form
    "carte_vitale": ("carte vitale",),
    "new_card": ("ma nouvelle carte vitale", "demande de carte vitale", "votre future carte"),
    "photo": ("photo d'identite", "collez votre photo", "collez ici", "votre photo", "photographie"),
    "signature": ("signature", "signez"),
    "id_copy": ("piece d'identite", "recto verso", "photocopie"),
    "return_form": ("retournez ce formulaire", "enveloppe", "formulaire complete", "renvoyez"),
    "certify": ("je certifie", "sur l'honneur", "exactitude"),
    # other documents
    "attestation": ("attestation de droits", "attestation d'affiliation", "beneficiaire", "droits ouverts"),
    "statement": (
        "releve de remboursements",
        "releve des prestations",
        "montant rembourse",
        "date des soins",
        "indemnites journalieres",
        "paiement",
    ),
    "account": ("compte ameli", "code provisoire", "code d'activation", "mot de passe", "identifiant"),
    "misc_services": (
        "medecin traitant",
        "complementaire sante solidaire",
        "carte europeenne",
        "ceam",
        "css",
        "mutuelle",
    ),
}
NUMBER_CUES = ("number_definitif", "number_provisoire", "number_carried", "no_number")
SUBJECT_CUES = tuple(f"subject:{name}" for name in CUES)
"""The same cues seen in the subject line ("Objet : ..."), where a letter states its purpose."""
FEATURES = (*CUES, *SUBJECT_CUES, *NUMBER_CUES)
_INSTALLED_MODELS = Path(__file__).resolve().parents[1] / "models"
"""Where a wheel carries the model (``setup.py`` copies the repository's ``models/`` there)."""
_CHECKOUT_MODELS = Path(__file__).resolve().parents[3] / "models"
"""The repository's own ``models/``, read by an editable install (the source of truth)."""


def model_file(models_dir: Path | None = None) -> Path:
    """Where the classifier model is.

    ``classifier.json`` in ``models_dir`` (the settings' ``models_dir``), else the installed package's, else the
    checkout's.
    """
    if models_dir is None:
        installed = _INSTALLED_MODELS / "classifier.json"
        return installed if installed.is_file() else _CHECKOUT_MODELS / "classifier.json"
    return models_dir / "classifier.json"


def cue_hits(text: str, candidates: Sequence[NumberCandidate]) -> dict[str, str]:
    """Which cues the letter shows, each with the words that matched (its evidence)."""
    normal = normalise(text)
    subject = SUBJECT.search(normalise_lines(text))
    hits = {}
    for name in CUES:
        match = find_phrase(CUES[name], normal)
        if match:
            hits[name] = match
            in_subject = find_phrase(CUES[name], subject.group(1)) if subject else None
            if in_subject:
                hits[f"subject:{name}"] = f"objet: {in_subject}"
    statuses = {c.status for c in candidates}
    if NirStatus.DEFINITIF in statuses:
        hits["number_definitif"] = "number marked définitif"
    if NirStatus.PROVISOIRE in statuses:
        hits["number_provisoire"] = "number marked provisoire"
    if any(c.valid and c.status is None for c in candidates):
        hits["number_carried"] = "number without status"
    if not candidates:
        hits["no_number"] = "no social security number"
    return hits


@dataclasses.dataclass(frozen=True)
class Model:
    """A multinomial logistic model over the cue features."""

    weights: Mapping[str, Mapping[str, float]]
    bias: Mapping[str, float]

    def scores(self, hits: Mapping[str, str]) -> dict[LetterType, float]:
        """Class probabilities for the cues seen."""
        logits = {kind: self.bias[kind] + sum(self.weights[kind].get(f, 0.0) for f in hits) for kind in self.bias}
        top = max(logits.values())
        exps = {kind: math.exp(v - top) for kind, v in logits.items()}
        total = sum(exps.values())
        return {LetterType(kind): e / total for kind, e in exps.items()}


@functools.cache
def load_model(path: Path | None = None) -> Model:
    """Read the model from ``path`` (default :func:`model_file`)."""
    path = path or model_file()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Model(weights=data["weights"], bias=data["bias"])
    except (OSError, ValueError, KeyError) as exc:
        raise InternalError(f"The classifier model {path.name} is missing or damaged: reinstall.") from exc


def classify(
    text: str, candidates: Sequence[NumberCandidate], model: Model | None = None, *, partial: bool = False
) -> Classification:
    """The letter type, how sure, and why.

    From the letter's purpose (:mod:`cpam_reader.letter.purpose`) when its facts decide, else from the phrase model (its
    probability, and the phrases that weighed most). ``partial``: the text is of part of the page only (a zoomed
    screenshot), so what it lacks (the letterhead) says nothing.
    """
    decided = decide(find_facts(text, candidates), partial=partial)
    if decided is not None:
        return decided
    model = model or load_model()
    hits = cue_hits(text, candidates)
    scores = model.scores(hits)
    best = max(scores, key=lambda kind: scores[kind])
    weights = model.weights[best]
    evidence = sorted((f for f in hits if weights.get(f, 0.0) > 0), key=lambda f: -weights.get(f, 0.0))
    return Classification(best, round(scores[best], 3), tuple(hits[f] for f in evidence[:6]))
