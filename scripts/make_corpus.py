"""Generate the benchmark corpus: synthetic CPAM letters in the state users really send them, with the answers.

Why: the fixtures in ``fixtures/letters`` are perfect pages; people send crooked scans, faxes, phone photos taken
on a table (sideways, upside down, in HEIC) and image-only PDFs with an extra page. ``scripts/benchmark.py``
measures the reader per degradation class on this corpus.

Letter ``i`` gets the class ``CLASSES[i % 6]`` and the type ``LETTER_TYPES[(i % 6 + i // 6) % 4]``, so the
classes are evenly spread and every type meets every class within 24 letters; the wording, layout, font and
(about 5 % of the time) a wrong key are left to ``make_letter``. Each letter is drawn from
``random.Random(f"{seed}:{i}")`` and its degradation from the same stream, so running the script twice gives
byte-identical files, whatever ``--jobs`` is, and a letter does not change when ``--count`` does.

For each letter: ``NNNN-<class>-<type>.<ext>`` (pdf, png, jpg, tif or heic) and ``NNNN-<class>-<type>.json``
(``Letter.expected()`` plus ``degradation``, ``id``, ``file``, ``rotation``, ``exif_orientation`` when set and
``source_dpi``), and a ``README.txt`` saying how the folder was made.

    .venv/bin/python scripts/make_corpus.py [--out corpus] [--count 300] [--seed 2026] [--classes ...] [--jobs 2]
    .venv/bin/python scripts/make_corpus.py --out /tmp/one --seed 4242 --only 155   # replay one letter of a corpus
    .venv/bin/python scripts/make_corpus.py --family heldout --out heldout --count 360   # letters written apart

``--family`` chooses who wrote the letters (``scripts/family.py``): ``own`` (the default, ``synth_letters.py``,
the letters the reader was developed on), ``heldout`` (``heldout_letters.py``, written apart from the reference
alone; its failures were studied to find general causes), ``blind`` (``blind_letters.py``, written apart again,
whose letters nobody working on the reader looks at: only its figures are read) or ``negative``
(``negative_docs.py``: French documents of other bodies without any social security number). Every family goes
through the same degradations.
"""

from __future__ import annotations

import argparse
import importlib
import io
import os
import platform
import random
import sys
import tempfile
import textwrap
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import cv2
import pdfplumber
import pillow_heif
import pypdfium2 as pdfium
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

sys.path.insert(0, str(Path(__file__).resolve().parent))
import degrade
import wild
from degrade import CLASSES
from family import FamilyDocument
from make_fixtures import BOLD, check_pdf, rasterise, render_pdf, wrap, write_json
from synth_letters import CAISSES, LETTER_TYPES, Caisse, Letter, accidental_nirs, make_letter
from wild import EXTRA_CLASSES

ROOT = Path(__file__).resolve().parent.parent
FAMILIES = {
    "heldout": "heldout_letters",
    "blind": "blind_letters",
    "negative": "negative_docs",
    "forms": "forms_letters",
}
"""The letter families written apart from ``synth_letters`` (``own``): their modules, by name."""
EXTENSIONS = {"digital_pdf": "pdf", "clean_scan": "png", "noisy_scan": "jpg", "fax": "tif", "scanned_pdf": "pdf"}
EXTENSIONS.update(hard_photo="jpg", screenshot="png")  # hard photos are HEIC two times in ten, like phone_photo


@dataclass(frozen=True)
class Document:
    """One degraded letter, ready to write: its bytes, file extension and how its pixels were made."""

    data: bytes
    ext: str
    source_dpi: int | None
    rotation: int = 0
    exif_orientation: int | None = None
    tags: tuple[str, ...] = ()
    """Hard cases the degradation added (``wild``'s cases), appended to the truth's ``tags``."""
    truth: dict[str, object] | None = None
    """What the truth must say instead of the letter's (a screenshot that shows only part of the page)."""


@dataclass(frozen=True)
class Job:
    """What a worker needs to make letter ``index``: everything else comes from the seed."""

    out: Path
    seed: int
    index: int
    classes: tuple[str, ...]
    family: str = "own"


@dataclass
class Outcome:
    """What a worker reports back for the summary."""

    stem: str
    degradation: str
    letter_type: str
    file: str
    size: int
    seconds: float
    nir: str | None
    problems: list[str] = field(default_factory=list)


def assignment(index: int, classes: Sequence[str], types: Sequence[str] = LETTER_TYPES) -> tuple[str, str]:
    """The class and letter type of letter ``index``: classes in turn, and each class meets every type.

    >>> [assignment(i, CLASSES)[1][:5] for i in (0, 6, 12, 18, 24)]
    ['numbe', 'docum', 'carte', 'other', 'numbe']
    """
    k = len(classes)
    return classes[index % k], types[(index % k + index // k) % len(types)]


def family_module(family: str) -> Any:
    return importlib.import_module(FAMILIES[family])


def family_types(family: str) -> tuple[str, ...]:
    return LETTER_TYPES if family == "own" else tuple(family_module(family).LETTER_TYPES)


# ---- The "page of general information" that follows the letter in a scanned PDF ----------------------------

INFO_SECTIONS: dict[str, tuple[str, ...]] = {
    "Vos démarches sur ameli.fr": (
        "Avec votre compte ameli, vous pouvez télécharger une attestation de droits, suivre vos remboursements, "
        "déclarer un changement d'adresse, commander votre carte Vitale et échanger avec un conseiller par "
        "messagerie.",
        "Le compte ameli est aussi disponible sur l'application mobile, pour smartphone et tablette.",
    ),
    "Protection de vos données personnelles": (
        "Les informations recueillies font l'objet d'un traitement par votre caisse d'assurance maladie pour la "
        "gestion de vos droits et de vos remboursements.",
        "Conformément au règlement général sur la protection des données et à la loi Informatique et Libertés, "
        "vous disposez d'un droit d'accès, de rectification et de limitation du traitement de vos données, que "
        "vous pouvez exercer auprès du délégué à la protection des données de votre caisse.",
        "Vous pouvez également adresser une réclamation à la Commission nationale de l'informatique et des "
        "libertés (CNIL).",
    ),
    "Signaler un changement de situation": (
        "Un déménagement, un mariage, une naissance, un nouvel emploi ou la fin d'un contrat peuvent modifier "
        "vos droits. Signalez-les sans attendre depuis votre compte ameli ou par courrier.",
    ),
    "Réclamations et recours": (
        "Si vous n'êtes pas d'accord avec une décision, vous pouvez saisir la commission de recours amiable de "
        "votre caisse dans un délai de deux mois, par courrier ou depuis votre compte ameli.",
        "Le médiateur de votre caisse peut aussi vous aider si une difficulté persiste.",
    ),
    "Soyez vigilant": (
        "L'Assurance Maladie ne vous demandera jamais vos coordonnées bancaires, vos mots de passe ou vos codes "
        "par courriel, par SMS ou par téléphone. Ne répondez pas à ces messages.",
    ),
}
INFO_ALWAYS = ("Vos démarches sur ameli.fr", "Protection de vos données personnelles")
INFO_INTRO = (
    "Conservez ce courrier : il pourra vous être demandé lors de vos démarches.",
    "Pour tout envoi, rappelez les références qui figurent en haut du courrier.",
)


@dataclass(frozen=True)
class Drawn:
    """A letter as the builders need it, whichever family drew it: its text (to find the caisse that wrote it) and
    the font of its information page."""

    id: str
    text: str
    font: str = "Helvetica"
    font_size: float = 10
    by_assurance_maladie: bool = True
    """False for another body's document: its scan's second page is that body's, not the caisse's."""
    truth: Mapping[str, object] = field(default_factory=dict)
    """The letter's ground truth (a screenshot zooms on its numbers)."""


def _caisse(letter: Drawn, rng: random.Random) -> Caisse:
    """The caisse that wrote the letter (found in its text), or any."""
    found = [caisse for caisse in CAISSES if caisse.name in letter.text]
    return found[0] if found else rng.choice(CAISSES)


def info_page_text(letter: Drawn, rng: random.Random) -> list[tuple[str, list[str]]]:
    """The information page's sections (heading, paragraphs): generic, and without any personal number."""
    caisse = _caisse(letter, rng)
    optional = [name for name in INFO_SECTIONS if name not in INFO_ALWAYS]
    chosen = [*INFO_ALWAYS, *rng.sample(optional, rng.randint(1, len(optional)))]
    rng.shuffle(chosen)
    contact = [
        "Par téléphone : 36 46 (service gratuit + prix appel), du lundi au vendredi de 8h30 à 17h30.",
        f"Par courrier : {caisse.name}, {caisse.postal}.",
        f"Dans nos points d'accueil à {caisse.city}, de préférence sur rendez-vous pris sur ameli.fr.",
    ]
    return [
        ("Informations utiles", list(rng.sample(INFO_INTRO, len(INFO_INTRO)))),
        *((name, list(INFO_SECTIONS[name])) for name in chosen),
        ("Nous contacter", contact),
    ]


@dataclass(frozen=True)
class _Line:
    y: float
    text: str
    face: str
    size: float


def _info_lines(sections: list[tuple[str, list[str]]], font: str, size: float) -> list[_Line]:
    """The information page's lines from the top of the page down, wrapped to the margins."""
    width = A4[0] - 40 * mm
    lines = [_Line(A4[1] - 20 * mm, "l'Assurance Maladie", BOLD[font], size + 4)]
    y = lines[0].y - (size + 4) * 2
    for i, (heading, paragraphs) in enumerate(sections):
        lines.append(_Line(y, heading, BOLD[font], size + (3 if i == 0 else 1)))
        y -= size * 1.8
        for paragraph in paragraphs:
            for text in wrap(paragraph, font, size, width):
                lines.append(_Line(y, text, font, size))
                y -= size * 1.25
            y -= size * 0.5
        y -= size * 0.8
    return lines


def info_page_pdf(letter: Drawn, rng: random.Random) -> bytes:
    """The information page as a one-page PDF, in the letter's font; optional sections go if it overflows."""
    sections = info_page_text(letter, rng)
    text = "\n".join(line for heading, lines in sections for line in [heading, *lines])
    if accidental_nirs(text, []):
        raise ValueError("the information page must not carry a social security number")
    lines = _info_lines(sections, letter.font, letter.font_size)
    while lines[-1].y < 22 * mm and len(sections) > 4:
        sections.pop(-2)  # the last optional section; "Nous contacter" stays last
        lines = _info_lines(sections, letter.font, letter.font_size)
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4, invariant=1, pageCompression=1)
    for line in lines:
        pdf.setFont(line.face, line.size)
        pdf.drawString(20 * mm, line.y, line.text)
    pdf.setFont(letter.font, letter.font_size - 2)
    pdf.drawCentredString(A4[0] / 2, 12 * mm, "ameli.fr - 36 46 - l'Assurance Maladie, agir ensemble, protéger chacun")
    pdf.showPage()
    pdf.save()
    return out.getvalue()


TERMS = (
    "Conditions générales",
    "Le présent document est établi sur la base des informations dont nous disposons à sa date d'édition. Toute "
    "réclamation doit nous parvenir par écrit dans un délai de deux mois.",
    "Protection des données personnelles",
    "Vos données sont traitées pour la gestion de votre dossier et conservées pendant la durée nécessaire à cette "
    "finalité. Vous disposez d'un droit d'accès, de rectification et d'opposition auprès de notre délégué à la "
    "protection des données.",
    "Médiation",
    "En cas de litige, vous pouvez saisir gratuitement le médiateur compétent après une réclamation écrite restée "
    "sans réponse satisfaisante.",
)


def terms_page_pdf(rng: random.Random) -> bytes:
    """A second page of general terms, as another body's letters have: no caisse, no number."""
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4, invariant=1, pageCompression=1)
    y = A4[1] - 25 * mm
    for i, text in enumerate(TERMS):
        heading = i % 2 == 0
        size = 11 if heading else 9.5
        for line in wrap(text, "Helvetica", size, A4[0] - 40 * mm):
            pdf.setFont(BOLD["Helvetica"] if heading else "Helvetica", size)
            pdf.drawString(20 * mm, y, line)
            y -= size * 1.4
        y -= rng.randint(4, 10)
    pdf.showPage()
    pdf.save()
    return out.getvalue()


# ---- One builder per class ---------------------------------------------------------------------------------


def render_pages(pdf: bytes | Path, dpi: int) -> list[Image.Image]:
    """Each page of a PDF as an 8-bit gray image (``rasterise`` stacks them; a scanner keeps them apart)."""
    document = pdfium.PdfDocument(pdf if isinstance(pdf, bytes) else str(pdf))
    try:
        return [page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for page in document]
    finally:
        document.close()


def photo_storage(job: Job) -> degrade.Storage:
    """How the job's photo is stored, from a plan per ten photos so that the rates are exact (see
    ``degrade.storage_plan``): the k-th photo of the corpus takes slot k % 10 of plan k // 10."""
    k = job.index // len(job.classes)
    return degrade.storage_plan(random.Random(f"{job.seed}:photos:{k // 10}"))[k % 10]


def _digital_pdf(letter: Drawn, pdf: Path, rng: random.Random, job: Job) -> Document:
    return Document(pdf.read_bytes(), "pdf", None)


def _clean_scan(letter: Drawn, pdf: Path, rng: random.Random, job: Job) -> Document:
    return Document(degrade.encode_png(rasterise(pdf, 300), 300), "png", 300)


def _noisy_scan(letter: Drawn, pdf: Path, rng: random.Random, job: Job) -> Document:
    image = degrade.noisy_scan(rasterise(pdf, 200), rng)
    return Document(degrade.encode_jpeg(image, rng.randint(50, 70), dpi=200), "jpg", 200)


def _fax(letter: Drawn, pdf: Path, rng: random.Random, job: Job) -> Document:
    dpi = rng.randint(150, 200)
    image, resolution = degrade.fax(rasterise(pdf, dpi), rng, dpi)
    return Document(degrade.encode_tiff_g4(image, resolution), "tif", dpi)


def _phone_photo(letter: Drawn, pdf: Path, rng: random.Random, job: Job) -> Document:
    photo = degrade.phone_photo(rasterise(pdf, 300), rng, photo_storage(job))
    return Document(photo.encode(), photo.format, 300, photo.rotation, photo.exif_orientation)


def _hard_photo(letter: Drawn, pdf: Path, rng: random.Random, job: Job) -> Document:
    """A photo in one of ``wild.PHOTO_CASES``, in turn from a plan per nine photos (even rates), stored by a
    ``degrade.storage_plan`` of its own (phone_photo's turns and HEIC rates, exact per ten)."""
    k = job.index // len(job.classes)
    case = wild.case_plan(random.Random(f"{job.seed}:hard_photo_cases:{k // 9}"), wild.PHOTO_CASES)[k % 9]
    storage = degrade.storage_plan(random.Random(f"{job.seed}:hard_photos:{k // 10}"))[k % 10]
    photo = wild.hard_photo(rasterise(pdf, 300), rng, storage, case)
    return Document(photo.encode(), photo.format, 300, photo.rotation, photo.exif_orientation, (case,))


def _screenshot(letter: Drawn, pdf: Path, rng: random.Random, job: Job) -> Document:
    """A screenshot in one of ``wild.SCREEN_CASES``, in turn from a plan per five (old_only falls back to zoomed,
    zoomed to viewer, when the letter does not allow them); its truth overrides say what is out of view."""
    k = job.index // len(job.classes)
    case = wild.case_plan(random.Random(f"{job.seed}:screenshot_cases:{k // 5}"), wild.SCREEN_CASES)[k % 5]
    shot = wild.screenshot(pdf, letter.truth, rng, case)
    return Document(shot.data, "png", shot.dpi, tags=(shot.case,), truth=shot.truth)


def _scanned_pdf(letter: Drawn, pdf: Path, rng: random.Random, job: Job) -> Document:
    settings = degrade.scan_settings(rng)
    second = info_page_pdf(letter, rng) if letter.by_assurance_maladie else terms_page_pdf(rng)
    pages = render_pages(pdf, settings.dpi) + render_pages(second, settings.dpi)
    scans = [degrade.light_scan(page, settings, n) for n, page in enumerate(pages)]
    data = degrade.image_pdf(scans, settings.quality, title=f"Numérisation {letter.id}")
    return Document(data, "pdf", settings.dpi)


BUILDERS: dict[str, Callable[[Drawn, Path, random.Random, Job], Document]] = {
    "digital_pdf": _digital_pdf,
    "clean_scan": _clean_scan,
    "noisy_scan": _noisy_scan,
    "fax": _fax,
    "phone_photo": _phone_photo,
    "scanned_pdf": _scanned_pdf,
    "hard_photo": _hard_photo,
    "screenshot": _screenshot,
}


# ---- Checks on what was written ----------------------------------------------------------------------------


def _check(letter: Letter | FamilyDocument, cls: str, path: Path) -> list[str]:
    """Read the file back: digital PDFs keep every number in their text layer, scanned PDFs have none."""
    if cls == "digital_pdf" and isinstance(letter, FamilyDocument):
        return _check_family_pdf(letter, path)
    if cls == "digital_pdf":
        return check_pdf(letter, path)
    if cls == "scanned_pdf":
        with pdfplumber.open(path) as pdf:
            text = "".join(page.extract_text() or "" for page in pdf.pages).strip()
            pages = len(pdf.pages)
        problems = [f"{path.name}: the text layer is not empty"] if text else []
        return problems + ([f"{path.name}: {pages} page(s), expected at least 2"] if pages < 2 else [])
    with Image.open(path) as image:
        image.load()
    return []


def _check_family_pdf(letter: FamilyDocument, path: Path) -> list[str]:
    """Every number of a family's truth is in its PDF's text layer, as digits (separators aside)."""
    document = pdfium.PdfDocument(str(path))
    try:
        text = "".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()
    digits = "".join(ch for ch in text if ch.isalnum())
    numbers = letter.truth.get("numbers") or []
    assert isinstance(numbers, list)
    return [f"{path.name}: {n['value']} not in the text layer" for n in numbers if n["value"][:13] not in digits]


def draw(job: Job, letter_type: str, stem: str, rng: random.Random, pdf: Path) -> tuple[Drawn, dict[str, object], Any]:
    """The letter of ``job``'s family written to ``pdf``: as the builders see it, its truth, what ``_check`` reads."""
    if job.family == "own":
        letter = make_letter(rng, letter_type, letter_id=stem)
        render_pdf(letter, pdf)
        expected = letter.expected()
        return Drawn(stem, letter.text(), letter.font, letter.font_size, truth=expected), expected, letter
    drawn = family_module(job.family).make_document(rng, letter_type, stem)
    pdf.write_bytes(drawn.pdf)
    by_assurance_maladie = drawn.truth.get("sender") == "cpam"
    truth = {**drawn.truth, "family": job.family}
    caisse = str(drawn.truth.get("caisse") or "")
    return Drawn(stem, caisse, by_assurance_maladie=by_assurance_maladie, truth=truth), truth, drawn


def make_one(job: Job) -> Outcome:
    """Draw letter ``job.index``, degrade it, write its document and ground truth."""
    started = time.perf_counter()
    cls, letter_type = assignment(job.index, job.classes, family_types(job.family))
    stem = f"{job.index:04d}-{cls}-{letter_type}"
    rng = random.Random(f"{job.seed}:{job.index}")
    with tempfile.TemporaryDirectory(prefix="corpus-") as tmp:
        pdf = Path(tmp) / f"{stem}.pdf"
        drawn, expected, letter = draw(job, letter_type, stem, rng, pdf)
        document = BUILDERS[cls](drawn, pdf, rng, job)
    path = job.out / f"{stem}.{document.ext}"
    path.write_bytes(document.data)
    truth: dict[str, object] = {
        **expected,
        "degradation": cls,
        "id": stem,
        "file": path.name,
        "rotation": document.rotation,
        "source_dpi": document.source_dpi,
    }
    if document.exif_orientation is not None:
        truth["exif_orientation"] = document.exif_orientation
    if document.tags:
        tags = expected.get("tags")
        truth["tags"] = [*(tags if isinstance(tags, list) else []), *document.tags]
    truth.update(document.truth or {})
    write_json(truth, job.out / f"{stem}.json")
    problems = _check(letter, cls, path)
    nir = truth.get("nir")
    return Outcome(
        stem, cls, letter_type, path.name, len(document.data), time.perf_counter() - started, str(nir), problems
    )


def _init_worker() -> None:
    """One OpenCV thread per worker: the pool already uses the cores."""
    cv2.setNumThreads(1)


def run(jobs: list[Job], workers: int) -> Iterator[Outcome]:
    """The outcomes in letter order; files do not depend on the number of workers."""
    if workers <= 1:
        _init_worker()
        yield from map(make_one, jobs)
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker) as pool:
        yield from pool.map(make_one, jobs, chunksize=1)


# ---- Report ------------------------------------------------------------------------------------------------


def _versions() -> str:
    names = ("albumentations", "opencv-python-headless", "pillow", "pillow-heif", "reportlab", "pypdfium2", "numpy")
    found = []
    for name in names:
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} ?")
    return ", ".join(found) + f", libheif {pillow_heif.libheif_version()}, Python {platform.python_version()}"


def readme(args: argparse.Namespace, classes: Sequence[str]) -> str:
    """``README.txt``: how the folder was made, and what the files and fields mean."""
    try:
        shown = args.out.resolve().relative_to(ROOT)
    except ValueError:
        shown = args.out
    command = f"python scripts/make_corpus.py --out {shown} --count {args.count} --seed {args.seed}"
    if args.family != "own":
        command += f" --family {args.family}"
    if tuple(classes) != CLASSES:
        command += " --classes " + " ".join(classes)
    if args.only:
        command += " --only " + " ".join(map(str, args.only))
    return f"""Synthetic CPAM letters for the benchmark (scripts/benchmark.py). No real personal data.

Generated by:
    {command}
seed {args.seed}, {args.count} letters, classes {", ".join(classes)}.
Running the same command again gives byte-identical files (with the same library versions:
{_versions()}).

Letter i has class classes[i % {len(classes)}] and type LETTER_TYPES[(i % {len(classes)} + i // {len(classes)}) % 4];
wording, layout, font and wrong keys (about 5 %) are drawn by synth_letters.make_letter from
random.Random("<seed>:<i>"), which also draws the degradation.

Files: NNNN-<class>-<type>.<ext> and NNNN-<class>-<type>.json (the ground truth).
  digital_pdf  .pdf   the reportlab PDF, with its text layer
  clean_scan   .png   300 dpi, 8-bit gray, unchanged
  noisy_scan   .jpg   200 dpi gray, skewed up to 4 degrees, noise, sometimes blur and a scanner-lid border, JPEG 50-70
  fax          .tif   150-200 dpi, 1-bit, Group 4; sometimes stretched sideways, strokes thicker or thinner, specks,
                      streaks, a fax header line
  phone_photo  .jpg or .heic   about 3000x4000 colour photo of the page on a wood or fabric table: perspective,
                      uneven light, shadows, folds, blur, noise, colour cast; in every ten photos (in random
                      order) one turned 90 degrees clockwise and one counter-clockwise in the pixels, one upside
                      down, one sideways with an EXIF orientation tag (HEIC decoders apply it), and two in HEIC
  scanned_pdf  .pdf   image-only PDF (no text layer) of two scanned pages: the letter, then a page of general
                      information without any social security number
{_extra_files(classes)}
JSON: Letter.expected() plus the degradation. Letter.expected():
  letter_type, nir, nir_status, nir_valid, numbers   what the reader must find (numbers: every number printed)
  documents         the documents the letter asks for, as cpam_reader.letter.documents kinds, in the letter's order
  letter_date, deadline   ISO dates (deadline: null when the letter sets none)
  caisse, reference the issuing caisse ("CPAM de Lyon") and the file reference, or null
  wording, layout, tags   how the letter was drawn (for failure analysis)
and
  degradation       the class above
  id, file          the letter's id and its document's file name
  rotation          0, 90, 180 or 270: how far the page was turned clockwise in the stored pixels
  exif_orientation  only when set: the EXIF tag (6 or 8) that tells a viewer how to turn it back upright
  source_dpi        the resolution the page was rendered at before degrading (null for digital_pdf)
{_extra_fields(classes)}"""


EXTRA_README = {
    "hard_photo": (
        "  hard_photo   .jpg or .heic   a phone photo like phone_photo (same turns and HEIC rates), each in one hard "
        "case, in turn (its tag): checks (gingham or checkerboard cloth), stripes (striped cloth), wood (strong grain "
        "and knots), fills_frame (the page runs off 1-3 sides, margins only), hand (a hand holding a corner or an "
        "edge), envelope (on an envelope or another sheet), curl (bowed, or one side lifted), fold (tri-folded, then "
        "opened), low_light (dim, warm, noisy, motion blur, JPEG 60-75); the text always whole and uncovered"
    ),
    "screenshot": (
        "  screenshot   .png   a phone (1080x2340, 1170x2532) or tablet (1640x2360) screenshot of the PDF, in one "
        "case, in turn (its tag): viewer (page 1 whole in a PDF viewer), zoomed (2-3.5x on the number and its status "
        "word), dark (the viewer in dark mode), app (the ameli app's document view), old_only (zoomed on the old "
        "number the letter replaces and its label, the current one out of view, a share sheet over the screen's foot "
        "when that is what hides it; zoomed when there is none or no view leaves the current one out); zoomed falls "
        "back to viewer when the number or its status word cannot be located in the text layer"
    ),
}
"""README paragraphs of the classes beyond the default ones (``scripts/wild.py``)."""


def _extra_files(classes: Sequence[str]) -> str:
    """README lines for the extra classes, when the corpus has them (none for a default corpus)."""
    return "".join(
        textwrap.fill(EXTRA_README[c], 116, subsequent_indent=" " * 22) + "\n" for c in EXTRA_README if c in classes
    )


def _extra_fields(classes: Sequence[str]) -> str:
    """README lines for the truth fields only the extra classes write."""
    if not set(classes) & set(EXTRA_CLASSES):
        return ""
    text = "  tags              the letter's tags, then the hard_photo or screenshot case\n"
    if "screenshot" in classes:
        text += (
            "  partial_view      true when the screenshot shows only part of the letter (zoomed, old_only, or a page\n"
            "                    other than the first); view: its page, box (x0, top, x1, bottom in PDF points), zoom\n"
            "  nir, nir_status, nir_valid   null for old_only: the current number is not on the screen\n"
        )
    return text


def summary(outcomes: Sequence[Outcome], classes: Sequence[str]) -> str:
    """A table of letters per class and type, with sizes."""
    counts = Counter((o.degradation, o.letter_type) for o in outcomes)
    sizes = Counter[str]()
    for outcome in outcomes:
        sizes[outcome.degradation] += outcome.size
    lines = [f"{'class':13}" + "".join(f"{t[:18]:>19}" for t in LETTER_TYPES) + f"{'total':>7}{'MB':>8}"]
    for cls in classes:
        row = [counts[cls, t] for t in LETTER_TYPES]
        lines.append(f"{cls:13}" + "".join(f"{n:>19}" for n in row) + f"{sum(row):>7}{sizes[cls] / 1e6:>8.1f}")
    total = sum(sizes.values())
    lines.append(f"{'total':13}" + " " * 19 * len(LETTER_TYPES) + f"{len(outcomes):>7}{total / 1e6:>8.1f}")
    return "\n".join(lines)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("corpus"), help="output folder (default: corpus)")
    parser.add_argument("--count", type=int, default=300, help="number of letters (default: 300)")
    parser.add_argument("--seed", type=int, default=2026, help="seed (default: 2026)")
    parser.add_argument(
        "--classes",
        nargs="+",
        choices=(*CLASSES, *EXTRA_CLASSES),
        default=list(CLASSES),
        help=f"classes, in turn (also {', '.join(EXTRA_CLASSES)}, never made by default)",
    )
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default: 2)")
    parser.add_argument(
        "--family", choices=("own", *FAMILIES), default="own", help="who wrote the letters (default: own)"
    )
    parser.add_argument(
        "--only",
        type=int,
        nargs="+",
        metavar="I",
        help="only letters number I (as in the full corpus), e.g. to replay one",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    classes = tuple(dict.fromkeys(args.classes))
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    jobs = [Job(args.out, args.seed, index, classes, args.family) for index in (args.only or range(args.count))]
    outcomes = []
    for outcome in run(jobs, args.jobs):
        outcomes.append(outcome)
        flag = "  PROBLEM" if outcome.problems else ""
        print(
            f"{outcome.file:48} {outcome.size / 1e3:>8.0f} kB {outcome.seconds:>5.1f} s  nir={outcome.nir}{flag}",
            flush=True,
        )
    (args.out / "README.txt").write_text(readme(args, classes), encoding="utf-8")
    print(summary(outcomes, classes))
    print(
        f"{len(outcomes)} letters in {time.perf_counter() - started:.0f} s with {args.jobs} job(s) "
        f"on {os.cpu_count()} core(s) -> {args.out}"
    )
    problems = [problem for outcome in outcomes for problem in outcome.problems]
    for problem in problems:
        print(f"PROBLEM {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
