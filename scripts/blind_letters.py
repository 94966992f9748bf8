"""Blind family of synthetic Assurance Maladie letters and look-alikes from other bodies.

Why: the reader's developers tuned it on two families of letters; this third family measures it honestly. It
was written from the reference notes alone (``cpam-letters.md``, ``nir.md``), apart from the other families:
its own wordings, layouts and fonts. Nobody tunes the reader to its letters: only aggregate scores are shown.

``make_document(rng, letter_type, doc_id)`` draws one letter of the given type and returns its digital PDF with
the ground truth (see ``family.py``). Run as a script it writes ``NNNN-<type>.pdf`` and ``.json`` files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from stdnum.fr import nir as stdnir

from family import HARD_CASES, TRUTH_KEYS, FamilyDocument

FAMILY = "blind"
LETTER_TYPES = ("number_assignment", "documents_request", "carte_vitale_form", "other")
DOCUMENT_KINDS = (
    "birth_certificate",
    "sworn_translation",
    "apostille",
    "passport",
    "residence_permit",
    "s1_form",
    "rib",
    "proof_of_address",
    "employment_contract",
    "payslips",
    "employer_certificate",
    "school_certificate",
    "other",
)
SPECIMEN = "269054958815780"
NBSP = "\u00a0"
FIRST_DAY = dt.date(2024, 1, 8)
LAST_DAY = dt.date(2026, 10, 30)

# ---------------------------------------------------------------------------------------------------------------
# Fonts
# ---------------------------------------------------------------------------------------------------------------

FONT_ROOT = Path("/usr/share/fonts/truetype")
_FACES = {
    "dvsans": ("dejavu/DejaVuSans", "", "-Bold", "-Oblique", "-BoldOblique"),
    "dvcond": ("dejavu/DejaVuSansCondensed", "", "-Bold", "-Oblique", "-BoldOblique"),
    "dvserif": ("dejavu/DejaVuSerif", "", "-Bold", "-Italic", "-BoldItalic"),
    "dvserifc": ("dejavu/DejaVuSerifCondensed", "", "-Bold", "-Italic", "-BoldItalic"),
    "dvmono": ("dejavu/DejaVuSansMono", "", "-Bold", "-Oblique", "-BoldOblique"),
    "libsans": ("liberation2/LiberationSans", "-Regular", "-Bold", "-Italic", "-BoldItalic"),
    "libserif": ("liberation2/LiberationSerif", "-Regular", "-Bold", "-Italic", "-BoldItalic"),
    "libmono": ("liberation2/LiberationMono", "-Regular", "-Bold", "-Italic", "-BoldItalic"),
    "freesans": ("freefont/FreeSans", "", "Bold", "Oblique", "BoldOblique"),
    "freeserif": ("freefont/FreeSerif", "", "Bold", "Italic", "BoldItalic"),
    "freemono": ("freefont/FreeMono", "", "Bold", "Oblique", "BoldOblique"),
}
BODY_FAMILIES = ("dvsans", "dvcond", "dvserif", "dvserifc", "libsans", "libserif", "freesans", "freeserif")
MONO_FAMILIES = ("dvmono", "libmono", "freemono")
SYMBOL_FAMILY = "dvsans"
_STYLE_INDEX = {"r": 1, "b": 2, "i": 3, "bi": 4}
_REGISTERED: set[str] = set()


def font_file(fam: str, style: str = "r") -> Path:
    parts = _FACES[fam]
    return FONT_ROOT / f"{parts[0]}{parts[_STYLE_INDEX[style]]}.ttf"


def font(fam: str, style: str = "r") -> str:
    """The registered name of one face of a family (all four faces registered together, once)."""
    if fam not in _REGISTERED:
        names = {}
        for st in ("r", "b", "i", "bi"):
            names[st] = f"bl-{fam}-{st}"
            pdfmetrics.registerFont(TTFont(names[st], str(font_file(fam, st))))
        pdfmetrics.registerFontFamily(
            names["r"], normal=names["r"], bold=names["b"], italic=names["i"], boldItalic=names["bi"]
        )
        _REGISTERED.add(fam)
    return f"bl-{fam}-{style}"


# ---------------------------------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------------------------------

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
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def fr_date(d: dt.date, style: str = "long") -> str:
    day = "1er" if d.day == 1 else str(d.day)
    long = f"{day} {MONTHS[d.month - 1]} {d.year}"
    if style == "long":
        return long
    if style == "weekday":
        return f"{WEEKDAYS[d.weekday()]} {long}"
    if style == "upper":
        return long.upper()
    if style == "slash":
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    if style == "dot":
        return f"{d.day:02d}.{d.month:02d}.{d.year}"
    if style == "dash":
        return f"{d.day:02d}-{d.month:02d}-{d.year}"
    if style == "short":
        return f"{d.day:02d}/{d.month:02d}/{d.year % 100:02d}"
    raise ValueError(style)


def rand_date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def workday(d: dt.date) -> dt.date:
    while d.weekday() >= 5:
        d += dt.timedelta(days=1)
    return d


def pick(rng: random.Random, seq):
    return seq[rng.randrange(len(seq))]


def wpick(rng: random.Random, pairs):
    """Pick from ((weight, value), ...)."""
    total = sum(w for w, _ in pairs)
    x = rng.random() * total
    for w, v in pairs:
        x -= w
        if x < 0:
            return v
    return pairs[-1][1]


def chance(rng: random.Random, p: float) -> bool:
    return rng.random() < p


def esc(s: str) -> str:
    return escape(s)


def digits(n: int, rng: random.Random) -> str:
    return "".join(str(rng.randrange(10)) for _ in range(n))


_PROTECTED = re.compile(
    r"(finiti|provisoir|attente|immatric|curit|temporair|num|vitale|pi[eè]ce|demeure|NIA|NIR|cl[eé]|certif)",
    re.IGNORECASE,
)
_DEACCENT = str.maketrans("éèêàùçôîâÉ", "eeeaucoiaE")


def typo(rng: random.Random, text: str, p: float = 0.12) -> str:
    """Now and then a slip real letters have: a lost accent, a doubled or swapped letter, odd spacing."""
    if not chance(rng, p):
        return text
    parts = re.split(r"(<[^>]+>|\{[^}]+\}|&[a-z]+;)", text)
    spots = [(i, m) for i, part in enumerate(parts) if i % 2 == 0 for m in re.finditer(r"[A-Za-zÀ-ÿ]{6,}", part)]
    if not spots:
        return text
    i, m = pick(rng, spots)
    word = m.group(0)
    kind = pick(rng, ("accent", "double", "swap", "space", "space", "accent"))
    if kind != "accent" and kind != "space" and _PROTECTED.search(word):
        kind = "accent"
    if kind == "accent":
        new = word.translate(_DEACCENT)
    elif kind == "double":
        k = rng.randrange(1, len(word) - 1)
        new = word[:k] + word[k] + word[k:]
    elif kind == "swap":
        k = rng.randrange(1, len(word) - 2)
        new = word[:k] + word[k + 1] + word[k] + word[k + 2 :]
    else:
        part = parts[i]
        if " ," in part or ", " in part:
            parts[i] = part.replace(", ", ",", 1) if ", " in part else part
        elif " :" in part:
            parts[i] = part.replace(" :", ":", 1)
        else:
            parts[i] = part.replace(". ", " . ", 1)
        return "".join(parts)
    parts[i] = parts[i][: m.start()] + new + parts[i][m.end() :]
    return "".join(parts)


# ---------------------------------------------------------------------------------------------------------------
# People and places (all fictitious combinations)
# ---------------------------------------------------------------------------------------------------------------

FR_MEN = (
    "Julien",
    "Thomas",
    "Nicolas",
    "Mathieu",
    "Antoine",
    "Sébastien",
    "Karim",
    "Yannick",
    "Olivier",
    "Lucas",
    "Hugo",
    "Damien",
    "Rémi",
    "Cédric",
    "Florent",
    "Baptiste",
    "Kévin",
    "Jérôme",
    "Loïc",
    "Mathis",
    "Enzo",
    "Théo",
    "Bruno",
    "Pascal",
    "Didier",
)
FR_WOMEN = (
    "Camille",
    "Julie",
    "Sophie",
    "Élodie",
    "Nadia",
    "Céline",
    "Manon",
    "Laura",
    "Aurélie",
    "Inès",
    "Chloé",
    "Sandrine",
    "Hélène",
    "Maëlle",
    "Léa",
    "Océane",
    "Justine",
    "Émilie",
    "Sarah",
    "Margaux",
    "Pauline",
    "Nathalie",
    "Véronique",
    "Clémence",
    "Jade",
)
FR_LAST = (
    "Martin",
    "Bernard",
    "Lefèvre",
    "Moreau",
    "Garnier",
    "Chevalier",
    "Roussel",
    "Fabre",
    "Marchand",
    "Perrin",
    "Dumas",
    "Lacroix",
    "Benoît",
    "Gauthier",
    "Barbier",
    "Colin",
    "Leclerc",
    "Guérin",
    "Caron",
    "Rivière",
    "Aubert",
    "Poulain",
    "Mercier",
    "Vidal",
    "Renaud",
    "Fontaine",
    "Rolland",
    "Brunet",
    "Joly",
    "Gaillard",
    "Le Goff",
    "Kerbrat",
    "Delmas",
    "Vasseur",
    "Carpentier",
    "Huet",
    "Lemaire",
)
CORSICAN_LAST = ("Santoni", "Casanova", "Paoli", "Filippi", "Albertini", "Mattei", "Poli", "Luciani")
OVERSEAS_LAST = ("Hoarau", "Payet", "Grondin", "Jean-Baptiste", "Bellance", "Cyrille", "Abdallah", "Madi", "Lautric")

# INSEE country codes (positions 8-10 after "99"), with a few towns and names.
COUNTRIES = (
    (
        "350",
        "Maroc",
        ("Casablanca", "Rabat", "Fès", "Oujda"),
        ("Youssef", "Mehdi", "Hamza", "Rachid"),
        ("Fatima Zahra", "Salma", "Khadija", "Imane"),
        ("El Amrani", "Benali", "Ouazzani", "Tazi", "Chraibi"),
    ),
    (
        "352",
        "Algérie",
        ("Oran", "Alger", "Constantine", "Sétif"),
        ("Amine", "Sofiane", "Walid", "Nassim"),
        ("Amel", "Lynda", "Sarah", "Meriem"),
        ("Boudiaf", "Haddad", "Mebarki", "Belkacem"),
    ),
    (
        "351",
        "Tunisie",
        ("Tunis", "Sfax", "Sousse"),
        ("Aymen", "Skander", "Houssem"),
        ("Rim", "Yosra", "Nour"),
        ("Ben Salah", "Trabelsi", "Jebali", "Gharbi"),
    ),
    (
        "139",
        "Portugal",
        ("Porto", "Braga", "Lisbonne"),
        ("João", "Tiago", "Rui"),
        ("Ana Sofia", "Inês", "Beatriz"),
        ("Ferreira", "Gonçalves", "Pereira", "Rodrigues"),
    ),
    (
        "134",
        "Espagne",
        ("Valence", "Séville", "Madrid"),
        ("Javier", "Alejandro", "Pablo"),
        ("Lucía", "Marta"),
        ("García López", "Fernández", "Martínez Ruiz"),
    ),
    (
        "127",
        "Italie",
        ("Naples", "Turin", "Palerme"),
        ("Giuseppe", "Marco", "Luca"),
        ("Giulia", "Chiara"),
        ("Russo", "Esposito", "Bianchi", "Romano"),
    ),
    (
        "114",
        "Roumanie",
        ("Bucarest", "Cluj-Napoca", "Iasi"),
        ("Andrei", "Mihai", "Ionut"),
        ("Ioana", "Elena"),
        ("Popescu", "Ionescu", "Dumitrescu", "Stoica"),
    ),
    (
        "122",
        "Pologne",
        ("Cracovie", "Varsovie", "Gdańsk"),
        ("Piotr", "Krzysztof", "Tomasz"),
        ("Agnieszka", "Ewa"),
        ("Nowak", "Mazur", "Zielińska"),
    ),
    (
        "155",
        "Ukraine",
        ("Kharkiv", "Lviv", "Odessa"),
        ("Oleksandr", "Dmytro", "Andriy"),
        ("Olena", "Iryna"),
        ("Shevchenko", "Bondarenko", "Kovalenko", "Tkachenko"),
    ),
    (
        "341",
        "Sénégal",
        ("Dakar", "Thiès", "Saint-Louis"),
        ("Mamadou", "Cheikh", "Ousmane"),
        ("Aminata", "Fatou", "Awa"),
        ("Diop", "Ndiaye", "Fall", "Sow"),
    ),
    (
        "335",
        "Mali",
        ("Bamako", "Kayes", "Ségou"),
        ("Moussa", "Bakary", "Seydou"),
        ("Mariam", "Kadiatou"),
        ("Traoré", "Keïta", "Coulibaly", "Diarra"),
    ),
    (
        "326",
        "Côte d'Ivoire",
        ("Abidjan", "Bouaké", "Yamoussoukro"),
        ("Yao", "Koffi", "Serge"),
        ("Adjoua", "Aya"),
        ("Kouassi", "Konan", "N'Guessan"),
    ),
    (
        "322",
        "Cameroun",
        ("Douala", "Yaoundé"),
        ("Jean-Paul", "Arnaud", "Landry"),
        ("Carine", "Blandine"),
        ("Mbarga", "Ngono", "Tchakounté"),
    ),
    (
        "216",
        "Chine",
        ("Shanghai", "Wenzhou", "Canton"),
        ("Wei", "Jun", "Hao"),
        ("Mei", "Xiaoling"),
        ("Zhang", "Wang", "Li", "Chen"),
    ),
    (
        "223",
        "Inde",
        ("Chennai", "Pondichéry", "Bombay"),
        ("Rahul", "Arjun"),
        ("Priya", "Ananya"),
        ("Sharma", "Patel", "Iyer"),
    ),
    (
        "243",
        "Viêt Nam",
        ("Hanoï", "Hô Chi Minh-Ville"),
        ("Minh", "Tuan"),
        ("Linh", "Thu Trang"),
        ("Nguyen", "Tran", "Pham"),
    ),
    (
        "416",
        "Brésil",
        ("São Paulo", "Recife"),
        ("Rafael", "Gustavo"),
        ("Camila", "Larissa"),
        ("Oliveira", "Souza", "Santos"),
    ),
    (
        "208",
        "Turquie",
        ("Istanbul", "Izmir", "Ankara"),
        ("Emre", "Mehmet"),
        ("Elif", "Zeynep"),
        ("Demir", "Kaya", "Yildiz"),
    ),
    (
        "109",
        "Allemagne",
        ("Fribourg-en-Brisgau", "Cologne", "Sarrebruck"),
        ("Lukas", "Jonas"),
        ("Anna", "Lena"),
        ("Müller", "Schneider", "Fischer"),
    ),
    (
        "131",
        "Belgique",
        ("Liège", "Charleroi", "Namur"),
        ("Maxime", "Arnaud"),
        ("Charlotte", "Pauline"),
        ("Peeters", "Janssens", "Dubois"),
    ),
    (
        "404",
        "États-Unis",
        ("Boston", "Chicago"),
        ("Michael", "Ryan"),
        ("Emily", "Jessica"),
        ("Johnson", "Miller", "Davis"),
    ),
)
EU_COUNTRIES = {"Portugal", "Espagne", "Italie", "Roumanie", "Pologne", "Allemagne", "Belgique"}

METRO_BIRTH = (
    ("75", "113", "Paris 13e Arrondissement"),
    ("75", "118", "Paris 18e Arrondissement"),
    ("75", "115", "Paris 15e"),
    ("69", "383", "Lyon 3e Arrondissement"),
    ("69", "266", "Villeurbanne"),
    ("13", "203", "Marseille 3e"),
    ("33", "063", "Bordeaux"),
    ("31", "555", "Toulouse"),
    ("59", "350", "Lille"),
    ("44", "109", "Nantes"),
    ("67", "482", "Strasbourg"),
    ("35", "238", "Rennes"),
    ("06", "088", "Nice"),
    ("34", "172", "Montpellier"),
    ("38", "185", "Grenoble"),
    ("93", "066", "Saint-Denis"),
    ("92", "050", "Nanterre"),
    ("94", "028", "Créteil"),
    ("63", "113", "Clermont-Ferrand"),
    ("21", "231", "Dijon"),
    ("76", "540", "Rouen"),
    ("54", "395", "Nancy"),
    ("87", "085", "Limoges"),
    ("80", "021", "Amiens"),
    ("29", "019", "Brest"),
    ("64", "102", "Bayonne"),
    ("45", "234", "Orléans"),
    ("57", "463", "Metz"),
    ("37", "261", "Tours"),
    ("51", "454", "Reims"),
    ("49", "007", "Angers"),
    ("72", "181", "Le Mans"),
    ("86", "194", "Poitiers"),
    ("25", "056", "Besançon"),
    ("01", "053", "Bourg-en-Bresse"),
    ("42", "218", "Saint-Étienne"),
    ("62", "041", "Arras"),
    ("95", "127", "Cergy"),
)
CORSICA_BIRTH = (
    ("A", "004", "Ajaccio"),
    ("A", "247", "Porto-Vecchio"),
    ("B", "033", "Bastia"),
    ("B", "096", "Corte"),
    ("B", "050", "Calvi"),
    ("A", "272", "Sartène"),
)
OVERSEAS_BIRTH = (
    ("971", "05", "Basse-Terre (Guadeloupe)"),
    ("971", "20", "Pointe-à-Pitre (Guadeloupe)"),
    ("972", "09", "Fort-de-France (Martinique)"),
    ("972", "13", "Le Lamentin (Martinique)"),
    ("973", "02", "Cayenne (Guyane)"),
    ("974", "11", "Saint-Denis (La Réunion)"),
    ("974", "16", "Saint-Pierre (La Réunion)"),
    ("976", "11", "Mamoudzou (Mayotte)"),
)

# (preposition, name, department, cedex line, towns the insured live in)
CAISSES = (
    ("de ", "Paris", "75", "75948 Paris Cedex 19", (("Paris", "75011"), ("Paris", "75018"), ("Paris", "75020"))),
    (
        "du ",
        "Rhône",
        "69",
        "69907 Lyon Cedex 20",
        (("Lyon", "69003"), ("Villeurbanne", "69100"), ("Vénissieux", "69200"), ("Bron", "69500")),
    ),
    (
        "des ",
        "Bouches-du-Rhône",
        "13",
        "13421 Marseille Cedex 20",
        (("Marseille", "13003"), ("Marseille", "13014"), ("Aubagne", "13400")),
    ),
    (
        "de la ",
        "Gironde",
        "33",
        "33085 Bordeaux Cedex",
        (("Bordeaux", "33000"), ("Mérignac", "33700"), ("Pessac", "33600")),
    ),
    ("de la ", "Haute-Garonne", "31", "31093 Toulouse Cedex 9", (("Toulouse", "31200"), ("Colomiers", "31770"))),
    (
        "de ",
        "Lille-Douai",
        "59",
        "59863 Lille Cedex 9",
        (("Lille", "59000"), ("Villeneuve-d'Ascq", "59650"), ("Douai", "59500")),
    ),
    ("de la ", "Loire-Atlantique", "44", "44931 Nantes Cedex 9", (("Nantes", "44000"), ("Rezé", "44400"))),
    ("du ", "Bas-Rhin", "67", "67091 Strasbourg Cedex", (("Strasbourg", "67000"), ("Schiltigheim", "67300"))),
    ("d'", "Ille-et-Vilaine", "35", "35024 Rennes Cedex 9", (("Rennes", "35000"), ("Saint-Malo", "35400"))),
    ("des ", "Alpes-Maritimes", "06", "06180 Nice Cedex 2", (("Nice", "06000"), ("Cannes", "06400"))),
    ("de l'", "Hérault", "34", "34934 Montpellier Cedex 9", (("Montpellier", "34000"), ("Béziers", "34500"))),
    ("de l'", "Isère", "38", "38045 Grenoble Cedex 9", (("Grenoble", "38000"), ("Échirolles", "38130"))),
    (
        "de la ",
        "Seine-Saint-Denis",
        "93",
        "93014 Bobigny Cedex",
        (("Saint-Denis", "93200"), ("Montreuil", "93100"), ("Aubervilliers", "93300")),
    ),
    ("des ", "Hauts-de-Seine", "92", "92026 Nanterre Cedex", (("Nanterre", "92000"), ("Colombes", "92700"))),
    ("du ", "Val-de-Marne", "94", "94031 Créteil Cedex", (("Créteil", "94000"), ("Vitry-sur-Seine", "94400"))),
    ("du ", "Puy-de-Dôme", "63", "63031 Clermont-Ferrand Cedex 9", (("Clermont-Ferrand", "63000"), ("Riom", "63200"))),
    ("de la ", "Côte-d'Or", "21", "21044 Dijon Cedex", (("Dijon", "21000"), ("Beaune", "21200"))),
    ("de la ", "Corse-du-Sud", "2A", "20191 Ajaccio Cedex 9", (("Ajaccio", "20000"), ("Porto-Vecchio", "20137"))),
    ("de la ", "Haute-Corse", "2B", "20407 Bastia Cedex 9", (("Bastia", "20200"), ("Corte", "20250"))),
    ("de l'", "Ain", "01", "01014 Bourg-en-Bresse Cedex", (("Bourg-en-Bresse", "01000"), ("Oyonnax", "01100"))),
    ("de ", "Bayonne", "64", "64115 Bayonne Cedex", (("Bayonne", "64100"), ("Anglet", "64600"))),
    ("du ", "Loiret", "45", "45021 Orléans Cedex 1", (("Orléans", "45000"), ("Montargis", "45200"))),
    ("du ", "Finistère", "29", "29282 Brest Cedex", (("Brest", "29200"), ("Quimper", "29000"))),
    ("de la ", "Moselle", "57", "57034 Metz Cedex 1", (("Metz", "57000"), ("Thionville", "57100"))),
    ("d'", "Indre-et-Loire", "37", "37035 Tours Cedex 1", (("Tours", "37000"), ("Joué-lès-Tours", "37300"))),
    ("du ", "Val-d'Oise", "95", "95017 Cergy-Pontoise Cedex", (("Cergy", "95000"), ("Sarcelles", "95200"))),
    ("de l'", "Essonne", "91", "91040 Évry Cedex", (("Évry-Courcouronnes", "91000"), ("Massy", "91300"))),
    ("de la ", "Guadeloupe", "971", "97159 Pointe-à-Pitre Cedex", (("Les Abymes", "97139"), ("Baie-Mahault", "97122"))),
    (
        "de la ",
        "Martinique",
        "972",
        "97210 Le Lamentin Cedex 2",
        (("Fort-de-France", "97200"), ("Le Lamentin", "97232")),
    ),
    ("de la ", "Guyane", "973", "97306 Cayenne Cedex", (("Cayenne", "97300"), ("Kourou", "97310"))),
    (
        "de ",
        "La Réunion",
        "974",
        "97704 Saint-Denis Messag Cedex 9",
        (("Saint-Denis", "97400"), ("Saint-Pierre", "97410")),
    ),
)
REGIONS = {
    "75": "Île-de-France",
    "92": "Île-de-France",
    "93": "Île-de-France",
    "94": "Île-de-France",
    "95": "Île-de-France",
    "91": "Île-de-France",
    "69": "Rhône-Alpes",
    "01": "Rhône-Alpes",
    "38": "Rhône-Alpes",
    "63": "Auvergne",
    "13": "Provence-Alpes-Côte d'Azur",
    "06": "Provence-Alpes-Côte d'Azur",
    "33": "Aquitaine",
    "64": "Aquitaine",
    "31": "Midi-Pyrénées",
    "34": "Languedoc-Roussillon",
    "59": "Nord-Pas-de-Calais",
    "44": "Pays de la Loire",
    "67": "Alsace",
    "57": "Lorraine",
    "35": "Bretagne",
    "29": "Bretagne",
    "21": "Bourgogne",
    "45": "Centre-Val de Loire",
    "37": "Centre-Val de Loire",
    "2A": "Corse",
    "2B": "Corse",
    "971": "Guadeloupe",
    "972": "Martinique",
    "973": "Guyane",
    "974": "La Réunion",
}

STREETS = (
    "rue des Lilas",
    "avenue Victor Hugo",
    "rue Jean Jaurès",
    "boulevard de la République",
    "allée des Acacias",
    "chemin du Moulin",
    "rue Pasteur",
    "rue des Tanneurs",
    "avenue de la Gare",
    "rue Émile Zola",
    "impasse des Cerisiers",
    "rue du 8 Mai 1945",
    "rue Paul Bert",
    "place du Marché",
    "quai des Célestins",
    "rue de la Fontaine",
    "avenue des Platanes",
    "rue du Général Leclerc",
    "cours Gambetta",
    "rue des Écoles",
    "résidence Les Glycines, rue Voltaire",
    "rue Lamartine",
    "avenue du 14 Juillet",
    "rue de la Liberté",
)
COMPLEMENTS = (
    "Bât. B",
    "Appt 12",
    "Bâtiment C - Esc. 2",
    "Porte 34",
    "Résidence Le Parc",
    "3e étage gauche",
    "Logt 215",
    "Entrée A",
)

COMPANIES = (
    ("SAS Logistique Rhodanienne", "entreposage"),
    ("Boulangerie Pâtisserie des Halles SARL", "boulangerie"),
    ("Nettoyage Pro Services SAS", "nettoyage"),
    ("BTP Construction Duval et Fils", "bâtiment"),
    ("Restaurant Le Petit Zinc", "restauration"),
    ("Clinique des Lilas SA", "santé"),
    ("AgriVerger SCEA", "arboriculture"),
    ("TechnoSoft Conseil SAS", "informatique"),
    ("Hôtel du Vieux Port SARL", "hôtellerie"),
    ("Transports Berthier SAS", "transport"),
)
NAF = {
    "entreposage": "5210B",
    "boulangerie": "1071C",
    "nettoyage": "8121Z",
    "bâtiment": "4120A",
    "restauration": "5610A",
    "santé": "8610Z",
    "arboriculture": "0124Z",
    "informatique": "6202A",
    "hôtellerie": "5510Z",
    "transport": "4941A",
}
MUTUELLES = (
    "Mutuelle Santé Arc-en-Ciel",
    "Mutuelle des Cèdres",
    "Prévoyance Familiale du Centre",
    "Mutuelle Solidaire du Littoral",
    "MIRA Mutuelle Interprofessionnelle",
)
BANKS = ("Banque du Val de Loire", "Crédit Coopératif Rhodanien", "Banque Lumen", "Caisse Mutuelle de Crédit de l'Est")
DOCTORS = ("Dr Anne Lebrun", "Dr Philippe Morel", "Dr Samia Haddad", "Dr Marc-Antoine Roy", "Dr Claire Nguyen")


@dataclass
class Person:
    sex: str
    first: str
    last: str
    birth: dt.date
    month_code: str
    place_kind: str  # metro | corsica | overseas | abroad | algeria_old
    place_code: str  # "75", "2A", "971", "99"...
    commune: str
    birth_place: str
    country: str | None
    street: str
    complement: str | None
    postcode: str
    town: str

    @property
    def female(self) -> bool:
        return self.sex == "2"

    def e(self) -> str:
        return "e" if self.female else ""

    def civ(self) -> str:
        return "Madame" if self.female else "Monsieur"

    def civ_short(self) -> str:
        return "Mme" if self.female else "M."


def make_person(rng: random.Random, caisse, kind: str | None = None, age: tuple[int, int] = (19, 62)) -> Person:
    sex = pick(rng, "12")
    if kind is None:
        kind = wpick(rng, ((40, "metro"), (38, "abroad"), (9, "corsica"), (11, "overseas"), (2, "algeria_old")))
    year = 2025 - rng.randint(*age)
    if kind == "algeria_old":
        year = rng.randint(1950, 1961)
    birth = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
    month_code = f"{birth.month:02d}"
    country = None
    if kind == "metro":
        dep, com, place = pick(rng, METRO_BIRTH)
        first = pick(rng, FR_WOMEN if sex == "2" else FR_MEN)
        last = pick(rng, FR_LAST)
    elif kind == "corsica":
        letter, com, place = pick(rng, CORSICA_BIRTH)
        dep = "20" if year < 1976 else "2" + letter
        first = pick(rng, FR_WOMEN if sex == "2" else FR_MEN)
        last = pick(rng, CORSICAN_LAST)
    elif kind == "overseas":
        dep, com, place = pick(rng, OVERSEAS_BIRTH)
        first = pick(rng, FR_WOMEN if sex == "2" else FR_MEN)
        last = pick(rng, OVERSEAS_LAST)
    elif kind == "algeria_old":
        dep = pick(rng, ("91", "92", "93", "94"))
        com = f"{rng.randint(1, 350):03d}"
        place = pick(rng, ("Alger (Algérie)", "Oran (Algérie)", "Constantine (Algérie)", "Blida (Algérie)"))
        first = pick(rng, FR_WOMEN if sex == "2" else FR_MEN)
        last = pick(rng, FR_LAST)
    else:
        code, country, towns, men, women, lasts = pick(rng, COUNTRIES)
        dep, com = "99", code
        place = f"{pick(rng, towns)} ({country})"
        first = pick(rng, women if sex == "2" else men)
        last = pick(rng, lasts)
        if chance(rng, 0.05):
            month_code = f"{pick(rng, (rng.randint(20, 30), rng.randint(50, 99)))}"
    town, postcode = pick(rng, caisse[4])
    street = f"{rng.randint(1, 148)}{pick(rng, ('', '', '', ' bis', ' ter'))} {pick(rng, STREETS)}"
    complement = pick(rng, COMPLEMENTS) if chance(rng, 0.35) else None
    return Person(
        sex, first, last, birth, month_code, kind, dep, com, place, country, street, complement, postcode, town
    )


def make_child(rng: random.Random, parent: Person) -> Person:
    sex = pick(rng, "12")
    year = rng.randint(2010, 2013)
    birth = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
    dep, com, place = pick(rng, METRO_BIRTH)
    first = pick(rng, FR_WOMEN if sex == "2" else FR_MEN)
    return Person(
        sex,
        first,
        parent.last,
        birth,
        f"{birth.month:02d}",
        "metro",
        dep,
        com,
        place,
        None,
        parent.street,
        parent.complement,
        parent.postcode,
        parent.town,
    )


def caisse_short(c) -> str:
    body = "CGSS " if c[2].startswith("97") else "CPAM "
    return f"{body}{c[0]}{c[1]}"


def caisse_long(c) -> str:
    if c[2].startswith("97"):
        return f"Caisse générale de sécurité sociale {c[0]}{c[1]}"
    return f"Caisse primaire d'assurance maladie {c[0]}{c[1]}"


# ---------------------------------------------------------------------------------------------------------------
# Social security numbers and the numbers that are not
# ---------------------------------------------------------------------------------------------------------------

STD_GROUPS = (1, 2, 2, 2, 3, 3, 2)


@dataclass
class NirRec:
    base: str  # the 13 characters
    key: str  # the right key
    printed_key: str | None  # the key as printed; None when the printout omits it
    omitted: bool
    role: str
    status: str | None
    holder: Person

    @property
    def value(self) -> str:
        return self.base + (self.key if self.omitted else self.printed_key)

    @property
    def valid(self) -> bool:
        return self.omitted or self.printed_key == self.key

    def truth(self) -> dict:
        return {"value": self.value, "role": self.role, "status": self.status}


def nir_key(base: str) -> str:
    return stdnir.calc_check_digits(base)


def is_nir(s: str) -> bool:
    return len(s) == 15 and stdnir.is_valid(s)


def make_base(rng: random.Random, p: Person, provisional: bool = False) -> str:
    first = p.sex
    if provisional:
        male = p.sex == "1"
        first = wpick(rng, ((72, "7" if male else "8"), (20, "8" if male else "7"), (8, "3" if male else "4")))
    place = p.place_code + p.commune
    order = f"{rng.randint(1, 999):03d}" if chance(rng, 0.8) else f"{rng.randint(1, 60):03d}"
    base = f"{first}{p.birth.year % 100:02d}{p.month_code}{place}{order}"
    assert len(base) == 13, base
    return base


def new_nir(
    rng: random.Random,
    p: Person,
    role: str,
    status: str | None,
    provisional: bool = False,
    wrong_key: bool = False,
    omitted: bool = False,
) -> NirRec:
    while True:
        base = make_base(rng, p, provisional)
        key = nir_key(base)
        if base + key != SPECIMEN:
            break
    printed = key
    if omitted:
        printed = None
    elif wrong_key:
        while printed == key:
            printed = f"{rng.randint(1, 97):02d}"
    return NirRec(base, key, printed, omitted, role, status, p)


def split_groups(s: str, sizes) -> list[str]:
    out, i = [], 0
    for n in sizes:
        out.append(s[i : i + n])
        i += n
    return [g for g in out if g]


INLINE_STYLES = (
    (30, "std"),
    (8, "std_nbsp"),
    (10, "compact"),
    (6, "c13_sp"),
    (3, "c13_slash"),
    (2, "c13_slash_sp"),
    (5, "std_slash"),
    (3, "std_dash"),
    (6, "std_cle"),
    (3, "c13_cle"),
    (4, "dots"),
    (2, "dash_all"),
    (3, "std_paren_cle"),
)
KEY_APART_STYLES = {
    "c13_sp",
    "c13_slash",
    "c13_slash_sp",
    "std_slash",
    "std_dash",
    "std_cle",
    "c13_cle",
    "std_paren_cle",
}


def fmt_nir(rec: NirRec, style: str, cle_word: str = "clé") -> str:
    """The number as a printout shows it (plain text, no markup)."""
    base, key = rec.base, rec.printed_key
    groups13 = split_groups(base, STD_GROUPS[:-1])
    if rec.holder.place_kind == "overseas" and style in ("std", "std_nbsp", "std_slash", "std_cle"):
        groups13 = split_groups(base, (1, 2, 2, 3, 2, 3))
    std13 = " ".join(groups13)
    if rec.omitted:
        return {
            "compact": base,
            "c13_sp": base,
            "c13_slash": base,
            "c13_slash_sp": base,
            "c13_cle": base,
            "dots": ".".join(groups13),
            "dash_all": "-".join(groups13),
            "std_nbsp": NBSP.join(groups13),
        }.get(style, std13)
    if style == "std":
        return f"{std13} {key}"
    if style == "std_nbsp":
        return NBSP.join([*groups13, key])
    if style == "compact":
        return base + key
    if style == "c13_sp":
        return f"{base} {key}"
    if style == "c13_slash":
        return f"{base}/{key}"
    if style == "c13_slash_sp":
        return f"{base} / {key}"
    if style == "std_slash":
        return f"{std13} / {key}"
    if style == "std_dash":
        return f"{std13} - {key}"
    if style == "std_cle":
        return f"{std13} {cle_word} {key}"
    if style == "std_paren_cle":
        return f"{std13} ({cle_word} {key})"
    if style == "c13_cle":
        return f"{base} {cle_word.capitalize()} : {key}"
    if style == "dots":
        return ".".join([*groups13, key])
    if style == "dash_all":
        return "-".join([*groups13, key])
    raise ValueError(style)


BOX_GROUPINGS = (
    (24, (1, 2, 2, 2, 3, 3, 2)),
    (18, (15,)),
    (18, (13, 2)),
    (8, (1, 2, 2, 5, 3, 2)),
    (6, (1, 2, 2, 2, 6, 2)),
    (5, (7, 6, 2)),
    (5, (1, 4, 2, 3, 3, 2)),
    (4, (5, 5, 3, 2)),
)


def luhn_ok(s: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(s)):
        d = int(ch)
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def no_nir_inside(s: str) -> bool:
    """True when no 15-character window of the digits of ``s`` is a valid social security number."""
    d = re.sub(r"[^0-9AB]", "", s)
    return not any(is_nir(d[i : i + 15]) for i in range(len(d) - 14))


def siret(rng: random.Random) -> str:
    while True:
        s = pick(rng, "3456789") + digits(13, rng)
        if luhn_ok(s) and luhn_ok(s[:9]):
            return s


def fmt_siret(s: str, rng: random.Random) -> str:
    return pick(rng, (s, f"{s[:3]} {s[3:6]} {s[6:9]} {s[9:]}", f"{s[:9]} {s[9:]}"))


def iban(rng: random.Random) -> tuple[str, str]:
    while True:
        bank, branch, account = (
            pick(rng, ("30004", "10278", "17806", "14707", "30003")),
            digits(5, rng),
            digits(11, rng),
        )
        rib_key = 97 - ((89 * int(bank) + 15 * int(branch) + 3 * int(account)) % 97)
        bban = f"{bank}{branch}{account}{rib_key:02d}"
        check = 98 - int(bban + "152700") % 97
        raw = f"FR{check:02d}{bban}"
        if no_nir_inside(raw):
            spaced = " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))
            return spaced, pick(rng, ("CCBPFRPPXXX", "AGRIFRPP867", "CMCIFR2A", "PSSTFRPPLYO", "BNPAFRPPXXX"))


def phone(rng: random.Random) -> str:
    head = pick(rng, ("01 99 00", "02 61 91", "03 53 01", "04 65 71", "05 36 49", "09 70 01"))
    return f"{head} {rng.randint(10, 99)} {rng.randint(10, 99)}"


def long_number(rng: random.Random, n: int, lead: str = "0123456789") -> str:
    while True:
        s = pick(rng, lead) + digits(n - 1, rng)
        if no_nir_inside(s) and s != SPECIMEN[:n]:
            return s


def reference(rng: random.Random, dept: str, year: int) -> tuple[str, bool]:
    """A file reference as printed, and whether it is a long (13-15 digit) number."""
    kind = rng.randrange(9)
    yy = year % 100
    if kind == 0:
        return f"{pick(rng, ('IMM', 'GDB', 'DOS', 'AFF', 'PJ'))}/{year}/{digits(6, rng)}", False
    if kind == 1:
        return f"{dept}-{yy:02d}-{pick(rng, 'ABCDEFGHJKLMN')}{pick(rng, 'ABCDEFGHJKLMN')}-{digits(5, rng)}", False
    if kind == 2:
        return f"{year}-{digits(2, rng)}-{digits(6, rng)}", False
    if kind == 3:
        n = rng.randint(13, 15)
        return long_number(rng, n, "0956"), True
    if kind == 4:
        s = long_number(rng, 14, "0123")
        return f"{s[:4]} {s[4:8]} {s[8:]}", True
    if kind == 5:
        return f"RI-{dept}{digits(2, rng)}-{digits(6, rng)}", False
    if kind == 6:
        return f"{pick(rng, ('D', 'C', 'R'))}{yy:02d}{digits(7, rng)}", False
    if kind == 7:
        return f"{digits(3, rng)}/{pick(rng, ('SA', 'GB', 'RA', 'IM'))}/{digits(4, rng)}", False
    return f"{yy:02d}{rng.randint(1, 52):02d}{pick(rng, 'XYZW')}{digits(6, rng)}", False


def money(rng: random.Random, lo: float, hi: float) -> str:
    v = rng.uniform(lo, hi)
    s = f"{v:,.2f}".replace(",", " ").replace(".", ",")
    return s.replace(" ", NBSP)


# ---------------------------------------------------------------------------------------------------------------
# Content blocks (what a letter says) and their rendering
# ---------------------------------------------------------------------------------------------------------------


@dataclass
class P:
    text: str
    style: str = "body"  # body | small | bold | big | center | right | italic | num
    indent: float = 0.0


@dataclass
class UL:
    items: list[str]
    bullet: str = "•"  # a bullet character, "1." for numbered, "a)" for lettered, "-" for dashes


@dataclass
class TBL:
    rows: list[list[str]]
    widths: tuple[float, ...]
    header: bool = True
    grid: str = "full"  # full | rows | box | none
    bold_col0: bool = False
    align: tuple[str, ...] | None = None


@dataclass
class FRAME:
    blocks: list
    style: str = "box"  # box | shade | bar | thick


@dataclass
class BOXES:
    label: str
    chars: str | None  # None: blank boxes
    groups: tuple[int, ...]
    gap_label: str | None = None  # printed before the last group ("Clé")
    label_above: bool = False
    mono: bool = True


@dataclass
class KV:
    rows: list[tuple[str, str]]
    label_w: float = 0.42
    bold_values: bool = False


@dataclass
class H:
    text: str
    style: str = "plain"  # plain | rule | upper | shade


@dataclass
class SP:
    h: float = 3.0


@dataclass
class CHECK:
    items: list[tuple[bool, str]]
    mark: str = "X"  # X | glyph


@dataclass
class CUT:
    caption: str


@dataclass
class PHOTO_SIG:
    photo: str
    sig: str
    side: bool = True


@dataclass
class FIELDS:
    labels: list[str]


@dataclass
class BREAK:
    pass


@dataclass
class Look:
    fam: str
    size: float
    lead: float
    align: int
    accent: object
    mono: str
    curly: bool
    small: float


def make_look(rng: random.Random, fam: str | None = None) -> Look:
    fam = fam or pick(rng, BODY_FAMILIES)
    size = pick(rng, (9.0, 9.5, 10.0, 10.0, 10.5, 11.0, 11.5))
    if fam in ("dvsans", "dvserif") and size > 10.5:
        size = 10.5
    return Look(
        fam=fam,
        size=size,
        lead=round(size * rng.uniform(1.18, 1.38), 1),
        align=pick(rng, (TA_JUSTIFY, TA_LEFT, TA_JUSTIFY)),
        accent=pick(
            rng,
            (
                colors.HexColor("#0b3c8c"),
                colors.HexColor("#1d4f91"),
                colors.HexColor("#20305f"),
                colors.HexColor("#005f73"),
                colors.black,
                colors.HexColor("#7a1f3d"),
            ),
        ),
        mono=pick(rng, MONO_FAMILIES),
        curly=chance(rng, 0.3),
        small=8.5 if size < 10 else pick(rng, (8.5, 9.0)),
    )


def _styles(look: Look) -> dict[str, ParagraphStyle]:
    r, b, i = font(look.fam, "r"), font(look.fam, "b"), font(look.fam, "i")
    base = ParagraphStyle(
        "body", fontName=r, fontSize=look.size, leading=look.lead, alignment=look.align, spaceAfter=look.size * 0.5
    )
    small_lead = look.small * 1.22
    st = {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=look.small, leading=small_lead, spaceAfter=2),
        "bold": ParagraphStyle("bold", parent=base, fontName=b),
        "big": ParagraphStyle(
            "big",
            parent=base,
            fontName=b,
            fontSize=min(12, look.size + 1.5),
            leading=min(12, look.size + 1.5) * 1.25,
            alignment=TA_CENTER,
            spaceAfter=6,
        ),
        "center": ParagraphStyle("center", parent=base, alignment=TA_CENTER),
        "right": ParagraphStyle("right", parent=base, alignment=TA_RIGHT),
        "italic": ParagraphStyle("italic", parent=base, fontName=i, fontSize=look.small, leading=small_lead),
        "num": ParagraphStyle(
            "num",
            parent=base,
            fontName=b,
            fontSize=min(12, look.size + 1),
            alignment=TA_CENTER,
            leading=min(12, look.size + 1) * 1.3,
            spaceBefore=2,
            spaceAfter=6,
        ),
        "left": ParagraphStyle("left", parent=base, alignment=TA_LEFT),
        "cell": ParagraphStyle(
            "cell",
            parent=base,
            fontSize=max(8.5, look.size - 1),
            leading=max(8.5, look.size - 1) * 1.2,
            alignment=TA_LEFT,
            spaceAfter=0,
        ),
        "cellb": ParagraphStyle(
            "cellb",
            parent=base,
            fontName=b,
            fontSize=max(8.5, look.size - 1),
            leading=max(8.5, look.size - 1) * 1.2,
            alignment=TA_LEFT,
            spaceAfter=0,
        ),
        "head": ParagraphStyle(
            "head",
            parent=base,
            fontName=b,
            fontSize=min(12, look.size + 0.5),
            leading=min(12, look.size + 0.5) * 1.25,
            spaceBefore=5,
            spaceAfter=3,
            alignment=TA_LEFT,
            textColor=look.accent,
            keepWithNext=1,
        ),
        "logo": ParagraphStyle(
            "logo",
            parent=base,
            fontName=b,
            fontSize=12,
            leading=13.5,
            alignment=TA_LEFT,
            textColor=look.accent,
            spaceAfter=0,
        ),
        "addr": ParagraphStyle(
            "addr",
            parent=base,
            fontSize=min(11, look.size + 0.5),
            leading=min(11, look.size + 0.5) * 1.25,
            alignment=TA_LEFT,
            spaceAfter=0,
        ),
        "side": ParagraphStyle(
            "side", parent=base, fontSize=look.small, leading=small_lead, alignment=TA_LEFT, spaceAfter=4
        ),
        "foot": ParagraphStyle(
            "foot",
            parent=base,
            fontSize=8.5,
            leading=10,
            alignment=TA_CENTER,
            spaceAfter=0,
            textColor=colors.HexColor("#333333"),
        ),
    }
    return st


def _t(look: Look, text: str) -> str:
    return text.replace("'", "\u2019") if look.curly else text


class CharBoxes(Flowable):
    """A number printed one character per box (or blank boxes to fill in)."""

    def __init__(self, spec: BOXES, look: Look, styles):
        super().__init__()
        self.spec, self.look, self.styles = spec, look, styles
        self.box = pick_box_size(look)

    def _geometry(self, aw):
        sp = self.spec
        gap = 2.2 * mm
        gap_w = []
        for gi in range(len(sp.groups) - 1):
            if sp.gap_label and gi == len(sp.groups) - 2:
                gap_w.append(pdfmetrics.stringWidth(sp.gap_label, font(self.look.fam, "r"), 8.5) + 3 * mm)
            else:
                gap_w.append(gap)
        box = self.box
        boxes_w = box * sum(sp.groups) + sum(gap_w)
        while boxes_w > aw and box > 3.6 * mm:
            box -= 0.2 * mm
            boxes_w = box * sum(sp.groups) + sum(gap_w)
        label_w = pdfmetrics.stringWidth(sp.label, font(self.look.fam, "b"), self.look.size) + 3 * mm
        above = sp.label_above or not sp.label or label_w + boxes_w > aw
        return box, gap_w, boxes_w, label_w, above

    def wrap(self, aw, ah):
        box, gap_w, boxes_w, label_w, above = self._geometry(aw)
        self.g = (box, gap_w, boxes_w, label_w, above)
        h = box * 1.25 + 2 * mm
        if above and self.spec.label:
            h += self.look.size * 1.4
        self.height = h
        self.width = aw
        return aw, h

    def draw(self):
        c = self.canv
        box, gap_w, _, label_w, above = self.g
        sp = self.spec
        bh = box * 1.25
        y0 = 1 * mm
        x = 0.0
        if sp.label:
            c.setFont(font(self.look.fam, "b"), self.look.size)
            if above:
                c.drawString(0, y0 + bh + 2, sp.label)
            else:
                c.drawString(0, y0 + bh * 0.3, sp.label)
                x = label_w
        cf = font(self.look.mono, "b") if sp.mono else font(self.look.fam, "b")
        size = min(12, max(8.5, box / mm * 2.0))
        c.setLineWidth(0.6)
        k = 0
        chars = sp.chars or ""
        for gi, n in enumerate(sp.groups):
            if gi > 0:
                if sp.gap_label and gi == len(sp.groups) - 1:
                    c.setFont(font(self.look.fam, "r"), 8.5)
                    c.drawString(x + 1.5 * mm, y0 + bh * 0.3, sp.gap_label)
                x += gap_w[gi - 1]
            for _ in range(n):
                c.rect(x, y0, box, bh, stroke=1, fill=0)
                if k < len(chars):
                    c.setFont(cf, size)
                    c.drawCentredString(x + box / 2, y0 + bh * 0.28, chars[k])
                k += 1
                x += box


def pick_box_size(look: Look) -> float:
    return (4.6 + (look.size - 9) * 0.4) * mm


class CutLine(Flowable):
    def __init__(self, caption: str, look: Look):
        super().__init__()
        self.caption, self.look = caption, look

    def wrap(self, aw, ah):
        self.width = aw
        self.height = 10 * mm
        return aw, self.height

    def draw(self):
        c = self.canv
        c.setFont(font(SYMBOL_FAMILY, "r"), 10)
        c.drawString(0, 5.4 * mm, "\u2702")
        c.setDash(3, 2)
        c.setLineWidth(0.6)
        c.line(5 * mm, 6.5 * mm, self.width, 6.5 * mm)
        c.setDash()
        if self.caption:
            c.setFont(font(self.look.fam, "i"), 8.5)
            c.drawCentredString(self.width / 2, 1.5 * mm, self.caption)


def to_flow(blocks, look: Look, st, width: float) -> list:
    out = []
    for b in blocks:
        if isinstance(b, P):
            style = st[b.style] if b.style != "body" else st["body"]
            if b.indent:
                style = ParagraphStyle(f"ind{b.indent}", parent=style, leftIndent=b.indent * mm)
            out.append(Paragraph(_t(look, b.text), style))
        elif isinstance(b, UL):
            numbered = b.bullet in ("1.", "a)")
            for k, item in enumerate(b.items):
                if b.bullet == "1.":
                    bullet = f"{k + 1}."
                elif b.bullet == "a)":
                    bullet = f"{'abcdefghij'[k]})"
                else:
                    bullet = b.bullet
                style = ParagraphStyle(
                    f"li{bullet}",
                    parent=st["left"],
                    leftIndent=7 * mm,
                    bulletIndent=2.5 * mm,
                    spaceAfter=1.5,
                    bulletFontName=font(SYMBOL_FAMILY if not numbered else look.fam, "r"),
                )
                out.append(Paragraph(_t(look, item), style, bulletText=bullet))
            out.append(Spacer(1, 2 * mm))
        elif isinstance(b, TBL):
            total = sum(b.widths)
            cw = [width * w / total for w in b.widths]
            data = []
            for ri, row in enumerate(b.rows):
                cells = []
                for ci, cell in enumerate(row):
                    s = st["cellb"] if (b.header and ri == 0) or (b.bold_col0 and ci == 0) else st["cell"]
                    if b.align and b.align[ci] == "r":
                        s = ParagraphStyle("cr", parent=s, alignment=TA_RIGHT)
                    elif b.align and b.align[ci] == "c":
                        s = ParagraphStyle("cc", parent=s, alignment=TA_CENTER)
                    cells.append(Paragraph(_t(look, cell), s))
                data.append(cells)
            cmds = [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ]
            if b.grid == "full":
                cmds.append(("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#444444")))
            elif b.grid == "rows":
                cmds.append(("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor("#777777")))
            elif b.grid == "box":
                cmds.append(("BOX", (0, 0), (-1, -1), 0.7, colors.black))
            if b.header:
                cmds.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6e9ef")))
            t = Table(data, colWidths=cw, repeatRows=1 if b.header else 0, hAlign="LEFT")
            t.setStyle(TableStyle(cmds))
            out.append(t)
            out.append(Spacer(1, 2.5 * mm))
        elif isinstance(b, FRAME):
            inner = to_flow(b.blocks, look, st, width - 8 * mm)
            t = Table([[inner]], colWidths=[width], hAlign="LEFT")
            cmds = [
                ("LEFTPADDING", (0, 0), (-1, -1), 4 * mm),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1 * mm),
            ]
            if b.style == "box":
                cmds.append(("BOX", (0, 0), (-1, -1), 0.8, colors.black))
            elif b.style == "thick":
                cmds.append(("BOX", (0, 0), (-1, -1), 1.8, look.accent))
            elif b.style == "shade":
                cmds += [
                    ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#eef0f4")),
                    ("BOX", (0, 0), (-1, -1), 0.4, colors.HexColor("#9aa3b5")),
                ]
            else:
                cmds.append(("LINEBEFORE", (0, 0), (0, -1), 3, look.accent))
            t.setStyle(TableStyle(cmds))
            out.append(t)
            out.append(Spacer(1, 3 * mm))
        elif isinstance(b, BOXES):
            out.append(CharBoxes(b, look, st))
            out.append(Spacer(1, 2 * mm))
        elif isinstance(b, KV):
            lw = width * b.label_w
            data = [
                [Paragraph(_t(look, k), st["cell"]), Paragraph(_t(look, v), st["cellb" if b.bold_values else "cell"])]
                for k, v in b.rows
            ]
            t = Table(data, colWidths=[lw, width - lw], hAlign="LEFT")
            t.setStyle(
                TableStyle(
                    [
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LEFTPADDING", (0, 0), (-1, -1), 0),
                        ("TOPPADDING", (0, 0), (-1, -1), 1),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                    ]
                )
            )
            out.append(t)
            out.append(Spacer(1, 2.5 * mm))
        elif isinstance(b, H):
            text = b.text.upper() if b.style == "upper" else b.text
            if b.style == "shade":
                t = Table([[Paragraph(_t(look, text), st["cellb"])]], colWidths=[width], hAlign="LEFT")
                t.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#dfe4ec"))]))
                t.keepWithNext = 1
                out += [CondPageBreak(25 * mm), Spacer(1, 2 * mm), t]
            else:
                out.append(CondPageBreak(25 * mm))
                out.append(Paragraph(_t(look, text), st["head"]))
                if b.style == "rule":
                    t = Table([[""]], colWidths=[width], rowHeights=[1.5])
                    t.setStyle(TableStyle([("LINEABOVE", (0, 0), (-1, 0), 0.6, look.accent)]))
                    t.keepWithNext = 1
                    out.append(t)
        elif isinstance(b, SP):
            out.append(Spacer(1, b.h * mm))
        elif isinstance(b, CHECK):
            rows = []
            for checked, text in b.items:
                if b.mark == "X":
                    mark = Paragraph(
                        "X" if checked else "", ParagraphStyle("ck", parent=st["cellb"], alignment=TA_CENTER)
                    )
                else:
                    glyph = "\u2612" if checked else "\u2610"
                    mark = Paragraph(f'<font name="{font(SYMBOL_FAMILY, "r")}">{glyph}</font>', st["cell"])
                rows.append([mark, Paragraph(_t(look, text), st["cell"])])
            t = Table(rows, colWidths=[5 * mm, width - 7 * mm], hAlign="LEFT")
            cmds = [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
            if b.mark == "X":
                for i in range(len(rows)):
                    cmds.append(("BOX", (0, i), (0, i), 0.7, colors.black))
                cmds.append(("LEFTPADDING", (0, 0), (0, -1), 0))
                cmds.append(("RIGHTPADDING", (0, 0), (0, -1), 0))
            t.setStyle(TableStyle(cmds))
            out.append(t)
            out.append(Spacer(1, 2.5 * mm))
        elif isinstance(b, CUT):
            out.append(Spacer(1, 2 * mm))
            out.append(CutLine(_t(look, b.caption), look))
            out.append(Spacer(1, 2 * mm))
        elif isinstance(b, PHOTO_SIG):
            cap = ParagraphStyle("cap", parent=st["italic"], alignment=TA_CENTER)
            ph = Paragraph(_t(look, b.photo), cap)
            sg = Paragraph(_t(look, b.sig), cap)
            if b.side and width >= 120 * mm:
                t = Table(
                    [[ph, "", sg]],
                    colWidths=[35 * mm, 8 * mm, min(85 * mm, width - 45 * mm)],
                    rowHeights=[45 * mm],
                    hAlign="LEFT",
                )
                t.setStyle(
                    TableStyle(
                        [
                            ("BOX", (0, 0), (0, 0), 0.9, colors.black),
                            ("BOX", (2, 0), (2, 0), 0.9, colors.black),
                            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                        ]
                    )
                )
                out.append(t)
            else:
                t1 = Table([[ph]], colWidths=[35 * mm], rowHeights=[45 * mm], hAlign="LEFT")
                t1.setStyle(
                    TableStyle([("BOX", (0, 0), (0, 0), 0.9, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")])
                )
                t2 = Table([[sg]], colWidths=[min(80 * mm, width)], rowHeights=[24 * mm], hAlign="LEFT")
                t2.setStyle(
                    TableStyle([("BOX", (0, 0), (0, 0), 0.9, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")])
                )
                out += [t1, Spacer(1, 3 * mm), t2]
            out.append(Spacer(1, 3 * mm))
        elif isinstance(b, FIELDS):
            for lab in b.labels:
                out.append(Paragraph(_t(look, lab) + " " + "." * 38, st["left"]))
        elif isinstance(b, BREAK):
            out.append(PageBreak())
        else:
            raise TypeError(b)
    return out


@dataclass
class Spec:
    logo: list[str] = field(default_factory=list)  # the sender's name as its letterhead shows it (markup lines)
    sender_lines: list[str] = field(default_factory=list)
    recipient: list[str] = field(default_factory=list)
    refs: list[tuple[str, str]] = field(default_factory=list)
    date_line: str = ""
    objet: str | None = None
    title: str | None = None
    salutation: str | None = None
    body: list = field(default_factory=list)
    closing: str | None = None
    signature: list[str] = field(default_factory=list)
    annex: list = field(default_factory=list)
    coupon: list = field(default_factory=list)
    footer: list[str] = field(default_factory=list)
    side_extra: list[str] = field(default_factory=list)  # contact lines (sidebar, refs area)
    page_numbers: bool = False


W_PAGE, H_PAGE = A4


def _para_h(markup: str, style, width: float) -> float:
    p = Paragraph(markup, style)
    _, h = p.wrap(width, 2000)
    return h


def _draw(c, markup: str, style, x: float, y_top: float, width: float) -> float:
    p = Paragraph(markup, style)
    _, h = p.wrap(width, 2000)
    p.drawOn(c, x, y_top - h)
    return y_top - h


def _refs_markup(look: Look, refs, extra) -> str:
    lines = [f"{esc(k)} : <b>{v}</b>" if k else v for k, v in refs]
    lines += extra
    return _t(look, "<br/>".join(lines))


def render(spec: Spec, look: Look, layout: str, rng: random.Random) -> bytes:
    """Lay the letter out on A4 pages; ``layout`` is one of the base layouts L1..L9."""
    st = _styles(look)
    ml = rng.uniform(17, 23) * mm
    mr = rng.uniform(16, 21) * mm
    width = W_PAGE - ml - mr
    win_x = W_PAGE - mr - rng.uniform(82, 90) * mm
    win_top = H_PAGE - rng.uniform(44, 52) * mm
    foot_markup = _t(look, " – ".join(spec.footer)) if spec.footer else ""
    foot_h = _para_h(foot_markup, st["foot"], width) if foot_markup else 0
    bottom = 11 * mm + foot_h + 5 * mm
    total_pages = [0]
    logo_markup = _t(look, "<br/>".join(spec.logo))
    sender_markup = _t(look, "<br/>".join(spec.sender_lines))
    recip_markup = _t(look, "<br/>".join(esc(x) for x in spec.recipient))
    refs_markup = _refs_markup(look, spec.refs, spec.side_extra)

    def footer(c, doc):
        c.saveState()
        if foot_markup:
            _draw(c, foot_markup, st["foot"], ml, 11 * mm + foot_h, width)
        if spec.page_numbers:
            c.setFont(font(look.fam, "r"), 8.5)
            c.drawRightString(W_PAGE - mr, 6 * mm, f"Page {doc.page}/{max(total_pages[0], doc.page)}")
        c.restoreState()

    def later(c, doc):
        c.saveState()
        c.setFont(font(look.fam, "i"), 8.5)
        head = spec.logo[0] if spec.logo else ""
        head = re.sub(r"<[^>]+>", "", head)
        c.drawString(ml, H_PAGE - 12 * mm, _t(look, f"{head} – {spec.date_line}"))
        c.restoreState()
        footer(c, doc)

    story_top = []
    if layout in ("L1", "L4", "L6", "L8"):
        logo_h = _para_h(logo_markup, st["logo"], 80 * mm)
        send_h = _para_h(sender_markup, st["small"], 80 * mm)
        refs_top = H_PAGE - 14 * mm - logo_h - send_h - 6 * mm
        refs_h = _para_h(refs_markup, st["small"], win_x - ml - 4 * mm) if spec.refs or spec.side_extra else 0
        recip_h = _para_h(recip_markup, st["addr"], 85 * mm)
        top = min(H_PAGE - 92 * mm, refs_top - refs_h - 5 * mm, win_top - recip_h - 8 * mm)

        def first(c, doc):
            c.saveState()
            y = _draw(c, logo_markup, st["logo"], ml, H_PAGE - 14 * mm, 80 * mm)
            _draw(c, sender_markup, st["small"], ml, y - 1, 80 * mm)
            if refs_h:
                _draw(c, refs_markup, st["small"], ml, refs_top, win_x - ml - 4 * mm)
            _draw(c, recip_markup, st["addr"], win_x, win_top, 85 * mm)
            c.restoreState()
            footer(c, doc)

        if layout == "L4":
            gap = 8 * mm
            colw = (width - gap) / 2
            f1 = [
                Frame(ml, bottom, colw, top - bottom, id="a", showBoundary=0),
                Frame(ml + colw + gap, bottom, colw, top - bottom, id="b"),
            ]
            f2 = [
                Frame(ml, bottom, colw, H_PAGE - 18 * mm - bottom, id="c"),
                Frame(ml + colw + gap, bottom, colw, H_PAGE - 18 * mm - bottom, id="d"),
            ]
            fw = colw
        else:
            f1 = [Frame(ml, bottom, width, top - bottom, id="a")]
            f2 = [Frame(ml, bottom, width, H_PAGE - 18 * mm - bottom, id="c")]
            fw = width
    elif layout == "L2":
        side_w = 44 * mm
        body_x = ml + side_w + 6 * mm
        bw = W_PAGE - mr - body_x
        recip_h = _para_h(recip_markup, st["addr"], 85 * mm)
        top = min(H_PAGE - 92 * mm, win_top - recip_h - 8 * mm)
        side_lines = []
        for k, v in spec.refs:
            side_lines.append(f"<b>{esc(k)}</b><br/>{v}" if k else v)
        side_markup = _t(look, "<br/><br/>".join([*side_lines, "<br/>".join(spec.side_extra)]))

        def first(c, doc):
            c.saveState()
            y = _draw(c, logo_markup, st["logo"], ml, H_PAGE - 14 * mm, 80 * mm)
            _draw(c, sender_markup, st["small"], ml, y - 1, 80 * mm)
            _draw(c, recip_markup, st["addr"], win_x, win_top, 85 * mm)
            yb = _draw(c, side_markup, st["side"], ml, top, side_w)
            c.setStrokeColor(look.accent)
            c.setLineWidth(0.8)
            c.line(ml + side_w + 2.5 * mm, min(yb, top - 40 * mm), ml + side_w + 2.5 * mm, top)
            c.restoreState()
            footer(c, doc)

        f1 = [Frame(body_x, bottom, bw, top - bottom, id="a")]
        f2 = [Frame(ml, bottom, width, H_PAGE - 18 * mm - bottom, id="c")]
        fw = bw
    elif layout in ("L3", "L5"):
        centered = layout == "L5"
        logo_st = ParagraphStyle("lc", parent=st["logo"], alignment=TA_CENTER) if centered else st["logo"]
        small_st = ParagraphStyle("sc", parent=st["small"], alignment=TA_CENTER) if centered else st["small"]
        lw = width if centered else 80 * mm
        logo_h = _para_h(logo_markup, logo_st, lw)
        send_h = _para_h(sender_markup, small_st, lw)
        rx = ml + 2 * mm if centered else win_x
        head_bottom = H_PAGE - 12 * mm - logo_h - send_h - 4 * mm
        rtop = min(win_top, head_bottom - 2 * mm)
        recip_h = _para_h(recip_markup, st["addr"], 85 * mm)
        refs_x = W_PAGE / 2 + 12 * mm
        refs_h = _para_h(refs_markup, st["small"], W_PAGE - mr - refs_x) if centered else 0
        top = min(H_PAGE - 90 * mm, rtop - recip_h - 8 * mm, rtop - refs_h - 8 * mm)

        def first(c, doc):
            c.saveState()
            y = _draw(c, logo_markup, logo_st, ml, H_PAGE - 12 * mm, lw)
            _draw(c, sender_markup, small_st, ml, y - 1, lw)
            _draw(c, recip_markup, st["addr"], rx, rtop, 85 * mm)
            if centered:
                _draw(c, refs_markup, st["small"], refs_x, rtop, W_PAGE - mr - refs_x)
            c.restoreState()
            footer(c, doc)

        f1 = [Frame(ml, bottom, width, top - bottom, id="a")]
        f2 = [Frame(ml, bottom, width, H_PAGE - 18 * mm - bottom, id="c")]
        fw = width
        if not centered and (spec.refs or spec.side_extra):
            rows = [(esc(k), v) for k, v in spec.refs]
            cells = []
            for i in range(0, len(rows), 2):
                pair = rows[i : i + 2]
                line = []
                for k, v in pair:
                    line += [k, f"<b>{v}</b>"]
                while len(line) < 4:
                    line.append("")
                cells.append(line)
            if cells:
                story_top.append(TBL(cells, (0.2, 0.3, 0.2, 0.3), header=False, grid="full"))
            if spec.side_extra:
                story_top.append(P(" – ".join(spec.side_extra), "small"))
    elif layout == "L7":
        logo_h = _para_h(logo_markup, st["logo"], width * 0.6)
        send_h = _para_h(sender_markup, st["small"], width * 0.6)
        band_bottom = H_PAGE - 12 * mm - logo_h - send_h - 3 * mm
        top = band_bottom - 4 * mm

        def first(c, doc):
            c.saveState()
            y = _draw(c, logo_markup, st["logo"], ml, H_PAGE - 12 * mm, width * 0.6)
            _draw(c, sender_markup, st["small"], ml, y - 1, width * 0.6)
            rs = ParagraphStyle("rd", parent=st["small"], alignment=TA_RIGHT)
            _draw(c, _t(look, esc(spec.date_line)), rs, ml + width * 0.6, H_PAGE - 12 * mm, width * 0.4)
            c.setStrokeColor(look.accent)
            c.setLineWidth(1.2)
            c.line(ml, band_bottom, W_PAGE - mr, band_bottom)
            c.restoreState()
            footer(c, doc)

        f1 = [Frame(ml, bottom, width, top - bottom, id="a")]
        f2 = [Frame(ml, bottom, width, H_PAGE - 18 * mm - bottom, id="c")]
        fw = width
        rows = [["Destinataire", "<br/>".join(esc(x) for x in spec.recipient)]]
        rows += [[esc(k), f"<b>{v}</b>"] for k, v in spec.refs]
        story_top.append(TBL(rows, (0.32, 0.68), header=False, grid="full", bold_col0=True))
        if spec.side_extra:
            story_top.append(P(" – ".join(spec.side_extra), "small"))
    elif layout == "L9":
        top = H_PAGE - 14 * mm

        def first(c, doc):
            footer(c, doc)

        f1 = [Frame(ml, bottom, width, top - bottom, id="a")]
        f2 = [Frame(ml, bottom, width, H_PAGE - 18 * mm - bottom, id="c")]
        fw = width
        exp = "<br/>".join([*spec.logo, *spec.sender_lines])
        dest = "<br/>".join(esc(x) for x in spec.recipient)
        story_top.append(
            TBL(
                [["<b>EXPÉDITEUR</b><br/>" + exp, "<b>DESTINATAIRE</b><br/>" + dest]],
                (0.5, 0.5),
                header=False,
                grid="box",
            )
        )
        if spec.refs:
            story_top.append(KV([(esc(k), v) for k, v in spec.refs], label_w=0.35, bold_values=True))
        if spec.side_extra:
            story_top.append(P(" – ".join(spec.side_extra), "small"))
    else:
        raise ValueError(layout)

    def make_story():
        story = to_flow(story_top, look, st, fw)
        if layout != "L7":
            story.append(Paragraph(_t(look, esc(spec.date_line)), st["right" if layout != "L9" else "left"]))
        if spec.title:
            story.append(Paragraph(_t(look, spec.title), st["big"]))
        if spec.objet:
            story.append(Paragraph(_t(look, spec.objet), st["bold"]))
            story.append(Spacer(1, 1.5 * mm))
        if spec.salutation:
            story.append(Paragraph(_t(look, spec.salutation), st["left"]))
        story += to_flow(spec.body, look, st, fw)
        if spec.closing:
            story.append(Paragraph(_t(look, spec.closing), st["body"]))
        if spec.signature:
            sig_st = ParagraphStyle(
                "sig", parent=st["left"], leftIndent=fw * 0.5 if fw > 100 * mm else 0, spaceBefore=4
            )
            story.append(KeepTogether([Paragraph(_t(look, "<br/>".join(spec.signature)), sig_st)]))
        if spec.annex:
            if layout == "L6":
                story.append(PageBreak())
            story += to_flow(spec.annex, look, st, fw)
        if spec.coupon:
            story.append(KeepTogether(to_flow(spec.coupon, look, st, fw)))

        return story

    def build(target):
        doc = BaseDocTemplate(
            target,
            pagesize=A4,
            invariant=1,
            title="Courrier",
            author=FAMILY,
            creator="blind_letters",
            leftMargin=ml,
            rightMargin=mr,
        )
        doc.addPageTemplates(
            [
                PageTemplate(id="first", frames=f1, onPage=first, autoNextPageTemplate="later"),
                PageTemplate(id="later", frames=f2, onPage=later),
            ]
        )
        doc.build(make_story())
        return doc.page

    if spec.page_numbers:
        total_pages[0] = build(io.BytesIO())
    buf = io.BytesIO()
    build(buf)
    return buf.getvalue()


# ---------------------------------------------------------------------------------------------------------------
# One letter being drafted: its people, its numbers, its truth
# ---------------------------------------------------------------------------------------------------------------

SERVICES = (
    "Service Immatriculation",
    "Pôle Affiliation – Gestion des bénéficiaires",
    "Département Relations Assurés",
    "Plateforme Droits de base",
    "Service des assurés nés à l'étranger",
    "Centre de traitement des droits",
    "Direction de la Relation Client",
    "Cellule Ouverture des droits",
)
AGENTS = (
    "M. Dutertre",
    "Mme Lamy",
    "Mme Fournier",
    "M. Baptiste",
    "Mme Rakotomalala",
    "M. Haddou",
    "Mme Ferrand",
    "M. Keller",
    "Mme Oliveira",
    "M. Picard",
)
CLOSINGS = (
    "Nous vous prions d'agréer, {civ}, l'expression de nos salutations distinguées.",
    "Veuillez agréer, {civ}, nos salutations distinguées.",
    "Je vous prie de croire, {civ}, à l'assurance de ma considération distinguée.",
    "Nous restons à votre disposition pour tout renseignement complémentaire et vous prions de recevoir, {civ}, "
    "nos sincères salutations.",
    "Cordialement,",
    "Avec nos salutations distinguées.",
    "Nous vous prions de croire, {civ}, en nos sentiments dévoués.",
)
SIGNERS = (
    ("Le Directeur",),
    ("Pour le Directeur et par délégation,", "Le Responsable du service"),
    ("Votre conseiller",),
    ("Le service Relations Assurés",),
    ("Pour le Directeur Général,", "{agent}"),
    ("{agent}", "Gestionnaire de dossiers"),
    ("Le Responsable du pôle Affiliation",),
)
RGPD = (
    "Conformément au Règlement général sur la protection des données et à la loi n° 78-17 du 6 janvier 1978 "
    "modifiée, vous disposez d'un droit d'accès et de rectification aux informations qui vous concernent.",
    "Vos données sont traitées par l'Assurance Maladie pour la gestion de vos droits ; pour exercer vos droits, "
    "adressez-vous au délégué à la protection des données de votre caisse.",
)


def _city_of(cedex: str) -> str:
    m = re.match(r"\d{5} (.+?)(?: Cedex.*)?$", cedex)
    return m.group(1).replace(" Messag", "") if m else cedex


class Draft:
    def __init__(self, rng: random.Random, letter_type: str, doc_id: str):
        self.rng = rng
        self.type = letter_type
        self.doc_id = doc_id
        self.tags: set[str] = set()
        self.numbers: list[NirRec] = []
        self.main: NirRec | None = None
        self.old: NirRec | None = None
        self.documents: list[str] = []
        self.deadline: dt.date | None = None
        self.reference: str | None = None
        self.sender = "cpam"
        self.caisse: str | None = None
        self.wording = ""
        self.layout = ""
        self.spec = Spec()
        self.c = wpick(rng, [(3 if x[2] in ("75", "69", "13", "93", "59") else 1, x) for x in CAISSES])
        self.city = _city_of(self.c[3])
        self.person = make_person(rng, self.c)
        self.letter_date = workday(rand_date(rng, FIRST_DAY, dt.date(2026, 8, 14)))
        self.date_style = wpick(
            rng, ((40, "long"), (30, "slash"), (6, "weekday"), (6, "dot"), (4, "upper"), (4, "short"), (3, "dash"))
        )
        self.look = make_look(rng)
        self.style = wpick(rng, INLINE_STYLES)
        self.omit_key = chance(rng, 0.08)
        self.wrong_key = not self.omit_key and chance(rng, 0.06)
        self.cle = pick(rng, ("clé", "clé", "Clé", "cle", "CLÉ"))
        self.key_apart = False
        self.has_long = False
        self.base_layout = ""
        self.to_employer = False  # the letter is addressed to the employer, about an employee
        self.header_status = False  # a status word sits in the header block of references
        self._recall_line: P | list | None = None
        self._company = ""

    # -- small conveniences -------------------------------------------------------------------------------------
    def r(self, p: float) -> bool:
        return chance(self.rng, p)

    def pick(self, seq):
        return pick(self.rng, seq)

    def typo(self, text: str, p: float = 0.12) -> str:
        return typo(self.rng, text, p)

    def date(self, d: dt.date, style: str | None = None) -> str:
        return fr_date(d, style or self.date_style)

    def later_date(self, lo: int, hi: int) -> dt.date:
        d = workday(self.letter_date + dt.timedelta(days=self.rng.randint(lo, hi)))
        return min(d, LAST_DAY)

    def _set_deadline(self, lo: int, hi: int) -> dt.date:
        dd = self.later_date(lo, hi)
        self.deadline = dd
        return dd

    def earlier_date(self, lo: int, hi: int) -> dt.date:
        return max(FIRST_DAY - dt.timedelta(days=200), self.letter_date - dt.timedelta(days=self.rng.randint(lo, hi)))

    @property
    def p(self) -> Person:
        return self.person

    def e(self, p: Person | None = None) -> str:
        return (p or self.person).e()

    def name(self, p: Person | None = None, style: int | None = None) -> str:
        p = p or self.person
        style = self.rng.randrange(4) if style is None else style
        if style == 0:
            return f"{p.civ()} {p.first} {p.last.upper()}"
        if style == 1:
            return f"{p.civ_short()} {p.last.upper()} {p.first}"
        if style == 2:
            return f"{p.first} {p.last}"
        return f"{p.civ()} {p.last.upper()} {p.first.upper()}"

    def recipient(self, p: Person | None = None) -> list[str]:
        p = p or self.person
        lines = [self.name(p, self.pick((0, 1, 3)))]
        if self.r(0.08):
            lines.append(f"Chez {self.pick(('M.', 'Mme', 'M. et Mme'))} {self.pick(FR_LAST)}")
        if p.complement:
            lines.append(p.complement)
        lines.append(p.street)
        lines.append(f"{p.postcode} {p.town.upper() if self.r(0.7) else p.town}")
        if self.r(0.5):
            lines = [x.upper() for x in lines]
        return lines

    def date_line(self, town: str | None = None) -> str:
        town = town or self.city
        d = self.date(self.letter_date)
        return self.pick(
            (f"{town}, le {d}", f"Le {d}", f"{town}, le {d}", f"Date : {d}", f"{town}, {d}", f"Date d'édition : {d}")
        )

    def long_id(self, lo: int = 13, hi: int = 15, lead: str = "0123456789") -> str:
        self.has_long = True
        return long_number(self.rng, self.rng.randint(lo, hi), lead)

    # -- numbers ------------------------------------------------------------------------------------------------
    def nir(
        self,
        role: str,
        status: str | None,
        provisional: bool | None = None,
        holder: Person | None = None,
        main: bool = True,
    ) -> NirRec:
        provisional = (status == "provisoire") if provisional is None else provisional
        rec = new_nir(
            self.rng,
            holder or self.person,
            role,
            status,
            provisional,
            wrong_key=self.wrong_key and main,
            omitted=self.omit_key,
        )
        self.numbers.append(rec)
        if main:
            self.main = rec
        return rec

    def fmt(self, rec: NirRec, style: str | None = None) -> str:
        style = style or self.style
        if style in KEY_APART_STYLES and not rec.omitted:
            self.key_apart = True
        return esc(fmt_nir(rec, style, self.cle))

    def boxes(self, rec: NirRec | None, label: str, blank_key: bool = False) -> BOXES:
        groups = wpick(self.rng, BOX_GROUPINGS)
        gap_label = None
        if rec is not None and rec.omitted:
            total, g2 = 0, []
            for g in groups:
                if total + g > 13:
                    g = 13 - total
                if g > 0:
                    g2.append(g)
                total += g
            groups = tuple(g2)
            chars = rec.base
        else:
            chars = None if rec is None else rec.base + rec.printed_key
            if len(groups) >= 2 and groups[-1] == 2 and self.r(0.35):
                gap_label = self.pick(("Clé", "clé", "Clé :", "/"))
            if rec is not None and (groups == (13, 2) or gap_label):
                self.key_apart = True
        if blank_key and chars:
            chars = chars[:13]
        self.tags.add("boxes")
        if len(groups) > 2:
            self.tags.add("boxes_grouped")
        return BOXES(label, chars, groups, gap_label, label_above=self.r(0.35), mono=self.r(0.7))

    def present(self, rec: NirRec, label: str, how: str | None = None, tail: str = "") -> list:
        """The number under, after or beside its label, the way the letter shows it."""
        how = how or wpick(
            self.rng,
            ((30, "inline"), (22, "line"), (15, "frame"), (10, "kv"), (8, "kvkey"), (8, "boxes"), (7, "table")),
        )
        num = self.fmt(rec)
        if how == "inline":
            sep = "" if label.endswith((":", "le", "numéro", "la")) else " :"
            return [P(f"{label}{sep} <b>{num}</b>{tail}")]
        if how == "line":
            return [P(label), P(num, "num")] + ([P(tail.lstrip(" .,"))] if tail.strip(" .") else [])
        if how == "frame":
            inner = [P(label, "bold"), P(num, "num")]
            if tail.strip(" ."):
                inner.append(P(tail.lstrip(" .,"), "small"))
            return [FRAME(inner, self.pick(("box", "thick", "shade", "bar")))]
        if how == "kv":
            rows = [
                (self.pick(("N° de sécurité sociale", "Numéro", "N° attribué", "Immatriculation")), f"<b>{num}</b>")
            ]
            return [P(label), KV(rows)] + ([P(tail.lstrip(" .,"))] if tail.strip(" .") else [])
        if how == "kvkey":
            if rec.omitted:
                return self.present(rec, label, "kv", tail)
            self.key_apart = True
            rows = [
                (
                    self.pick(("Numéro", "N° d'immatriculation", "N°")),
                    f"<b>{esc(fmt_nir(rec, 'std').rsplit(' ', 1)[0])}</b>",
                ),
                (self.cle.capitalize(), f"<b>{rec.printed_key}</b>"),
            ]
            return [P(label), KV(rows, label_w=0.3)] + ([P(tail.lstrip(" .,"))] if tail.strip(" .") else [])
        if how == "boxes":
            return [P(label), self.boxes(rec, "")] + ([P(tail.lstrip(" .,"))] if tail.strip(" .") else [])
        if how == "table":
            self.tags.add("table_layout")
            p = rec.holder
            rows = [
                [
                    "Nom",
                    "Prénom(s)",
                    "Né" + p.e() + " le",
                    self.pick(("N° de sécurité sociale", "Numéro attribué", "NIR")),
                ],
                [esc(p.last.upper()), esc(p.first), self.birth_text(p, "slash"), f"<b>{num}</b>"],
            ]
            widths = (0.22, 0.22, 0.18, 0.38)
            if rec.status and self.r(0.6):
                self.tags.add("status_in_table")
                rows[0].append(self.pick(("Statut", "Nature", "Type")))
                rows[1].append(
                    {
                        "definitif": self.pick(("Définitif", "définitif")),
                        "provisoire": self.pick(("Provisoire", "NIA (attente)", "provisoire")),
                    }[rec.status]
                )
                widths = (0.19, 0.19, 0.15, 0.33, 0.14)
            return [P(label), TBL(rows, widths)] + ([P(tail.lstrip(" .,"))] if tail.strip(" .") else [])
        raise ValueError(how)

    def birth_text(self, p: Person, style: str | None = None) -> str:
        if p.month_code != f"{p.birth.month:02d}":
            return f"{p.birth.year}"
        return fr_date(p.birth, style or self.pick(("slash", "slash", "long")))

    # -- letterheads --------------------------------------------------------------------------------------------
    def cpam_head(self, service: str | None = None):
        c = self.c
        short, long = caisse_short(c), caisse_long(c)
        cgss = c[2].startswith("97")
        self.caisse = short
        self.sender = "cpam"
        kind = self.rng.randrange(5)
        if kind == 0:
            logo = ["<b>l'Assurance Maladie</b>", esc(c[1])]
        elif kind == 1:
            logo = ["<b>Assurance Maladie</b>", esc(long)]
        elif kind == 2:
            logo = [f"<b>{esc(short.upper())}</b>"]
        elif kind == 3:
            logo = [
                "<b>L'ASSURANCE MALADIE</b>",
                "<b>" + esc(("CGSS " if cgss else "Caisse primaire ") + c[0] + c[1]) + "</b>",
            ]
        else:
            logo = [f"<b>{esc(long)}</b>"]
        sender = [esc(short if kind in (0, 1) and self.r(0.5) else long), esc(service or self.pick(SERVICES))]
        if self.r(0.5):
            sender.append(f"{self.pick(('TSA', 'CS', 'BP'))} {self.rng.randint(10, 99)}{self.rng.randint(100, 999)}")
        sender.append(esc(c[3]))
        self.spec.logo, self.spec.sender_lines = logo, sender
        foot = []
        if self.r(0.6):
            foot.append(
                self.pick(
                    (
                        "Téléphone : 36 46 (service gratuit + prix d'un appel)",
                        "ameli.fr – 36 46",
                        "Par téléphone : 0 811 36 36 46",
                        "Internet : ameli.fr, rubrique « Mes démarches »",
                    )
                )
            )
        if self.r(0.4):
            foot.append(self.pick(RGPD))
        if self.r(0.4):
            foot.append(
                self.typo("Pour toute correspondance, rappelez les références figurant en haut de ce courrier.", 0.2)
            )
        if self.r(0.3) or not foot:
            foot.append(esc(f"{short} – {c[3]}"))
        self.spec.footer = foot

    def contact_extra(self) -> list[str]:
        out = []
        if self.r(0.6):
            out.append(
                self.pick(
                    ("Tél. : 36 46", f"Tél. : {phone(self.rng)}", "Téléphone : 36 46 (service gratuit + prix d'appel)")
                )
            )
        if self.r(0.4):
            out.append(
                self.pick(
                    (
                        "Du lundi au vendredi de 8h30 à 17h30",
                        "Accueil sur rendez-vous uniquement",
                        "Horaires : 8h–17h du lundi au vendredi",
                    )
                )
            )
        if self.r(0.3):
            out.append("Internet : ameli.fr")
        return out

    def set_reference(self, refs: list, label: str | None = None, value: str | None = None, p: float = 0.85):
        if not chance(self.rng, p):
            return
        if value is None:
            value, long = reference(self.rng, self.c[2], self.letter_date.year)
            self.has_long |= long
        label = label or self.pick(
            (
                "Nos références",
                "Réf.",
                "Référence",
                "N/Réf.",
                "Référence dossier",
                "N° de dossier",
                "Dossier n°",
                "Nos réf.",
            )
        )
        self.reference = value
        refs.append((label, esc(value)))

    def closing(self, civ: str | None = None):
        civ = civ or self.person.civ()
        self.spec.closing = self.typo(self.pick(CLOSINGS).format(civ=civ), 0.15)
        agent = self.pick(AGENTS)
        self.spec.signature = [x.format(agent=agent) for x in self.pick(SIGNERS)]

    def salutation(self, p: Person | None = None) -> str:
        p = p or self.person
        return self.pick(
            (
                f"{p.civ()},",
                f"{p.civ()},",
                "Madame, Monsieur,",
                f"Bonjour {p.first} {p.last},",
                f"Cher{'e' if p.female else ''} {p.civ()},",
                f"{p.civ()} {p.last},",
            )
        )

    def doc_list(self, kinds: list[str], combine: bool = True) -> list[str]:
        """Phrases for the documents asked for, recorded in order (a phrase may name two kinds)."""
        items, i = [], 0
        while i < len(kinds):
            k = kinds[i]
            nxt = kinds[i + 1] if i + 1 < len(kinds) else None
            if combine and nxt and (k, nxt) in COMBINED and self.r(0.45):
                items.append(self.pick(COMBINED[(k, nxt)]))
                self.documents += [k, nxt]
                i += 2
                continue
            phrase = self.pick(DOC_PHRASES[k])
            phrase = phrase.format(
                m1=MONTHS[(self.letter_date.month - 3) % 12],
                m2=MONTHS[(self.letter_date.month - 2) % 12],
                yr=f"{self.letter_date.year}-{self.letter_date.year + 1}"
                if self.letter_date.month >= 8
                else f"{self.letter_date.year - 1}-{self.letter_date.year}",
            )
            items.append(phrase[0].upper() + phrase[1:] if self.r(0.6) else phrase)
            self.documents.append(k)
            i += 1
        return items


DOC_PHRASES = {
    "birth_certificate": (
        "copie intégrale de votre acte de naissance (avec filiation)",
        "extrait d'acte de naissance avec filiation, mentionnant les nom et prénoms de vos parents",
        "copie intégrale de l'acte de naissance comportant votre filiation complète",
        "acte de naissance (original ou copie certifiée conforme)",
        "document d'état civil : acte de naissance indiquant le nom de vos père et mère",
    ),
    "sworn_translation": (
        "traduction de l'acte par un traducteur assermenté",
        "traduction en français réalisée par un traducteur agréé près une cour d'appel",
        "traduction officielle de vos documents d'état civil (traducteur assermenté)",
        "traduction certifiée conforme de l'acte de naissance",
    ),
    "apostille": (
        "apostille de l'acte de naissance",
        "légalisation ou apostille du document d'état civil",
        "acte revêtu de l'apostille ou légalisé par le consulat",
    ),
    "passport": (
        "copie de votre passeport (pages d'identité et de validité)",
        "photocopie lisible de votre passeport en cours de validité",
        "passeport : copie des pages comportant votre photo et votre état civil",
    ),
    "residence_permit": (
        "copie recto verso de votre titre de séjour en cours de validité",
        "carte de séjour ou récépissé de demande de titre de séjour",
        "visa long séjour valant titre de séjour (VLS-TS) validé",
        "récépissé de première demande de titre de séjour",
    ),
    "s1_form": (
        "formulaire S1 délivré par l'organisme d'assurance maladie de votre pays",
        "document portable S1 (inscription en vue de bénéficier de la couverture d'assurance maladie)",
        "formulaire européen S1 complété par votre caisse d'origine",
    ),
    "rib": (
        "relevé d'identité bancaire (RIB) à vos nom et prénom",
        "RIB comportant l'IBAN et le BIC de votre compte",
        "relevé d'identité bancaire ou postal",
    ),
    "proof_of_address": (
        "justificatif de domicile de moins de trois mois (facture d'énergie, quittance de loyer…)",
        "justificatif de domicile récent à votre nom",
        "attestation d'hébergement accompagnée d'un justificatif de domicile de l'hébergeant",
    ),
    "employment_contract": (
        "copie de votre contrat de travail",
        "contrat de travail signé par les deux parties",
        "contrat de travail ou promesse d'embauche",
    ),
    "payslips": (
        "vos trois derniers bulletins de salaire",
        "copie des bulletins de paie de {m1} et {m2}",
        "bulletins de salaire depuis votre embauche",
    ),
    "employer_certificate": (
        "attestation de votre employeur mentionnant la date d'embauche",
        "attestation d'emploi établie et signée par l'employeur",
        "attestation de salaire remplie par votre employeur",
    ),
    "school_certificate": (
        "certificat de scolarité pour l'année {yr}",
        "attestation d'inscription dans votre établissement d'enseignement",
        "certificat de scolarité de l'année en cours",
    ),
    "other": (
        "formulaire S1106 « Demande d'ouverture des droits à l'assurance maladie » complété et signé",
        "copie du livret de famille",
        "déclaration sur l'honneur de résidence stable en France, datée et signée",
        "dernier avis d'imposition ou de non-imposition",
    ),
}
COMBINED = {
    ("birth_certificate", "sworn_translation"): (
        "Copie intégrale de votre acte de naissance avec filiation, accompagnée de sa traduction par un traducteur "
        "assermenté",
        "acte de naissance et sa traduction en français par un traducteur agréé",
    ),
    ("birth_certificate", "apostille"): (
        "Acte de naissance légalisé ou apostillé",
        "copie intégrale d'acte de naissance revêtue de l'apostille",
    ),
    ("passport", "residence_permit"): (
        "Copie de votre passeport et de votre titre de séjour",
        "pièce d'identité (passeport) et titre de séjour en cours de validité",
    ),
    ("employment_contract", "payslips"): ("Contrat de travail et derniers bulletins de salaire",),
}


# ---------------------------------------------------------------------------------------------------------------
# Shared sentences
# ---------------------------------------------------------------------------------------------------------------

DEF_LABELS = (
    "Votre numéro de sécurité sociale définitif est le suivant :",
    "Un numéro personnel et définitif vous est attribué :",
    "Nous avons le plaisir de vous communiquer votre numéro d'inscription au répertoire (NIR) définitif :",
    "Votre immatriculation définitive a été enregistrée sous le numéro",
    "N° de sécurité sociale définitif :",
    "Numéro définitif attribué :",
    "Votre numéro d'immatriculation définitif :",
)
PROV_LABELS = (
    "Dans l'attente de la certification de votre état civil, un numéro d'identification d'attente (NIA) vous est "
    "attribué :",
    "Votre numéro provisoire de sécurité sociale est le suivant :",
    "Nous vous avons attribué un NIA (numéro d'identification d'attente) :",
    "Numéro d'identification d'attente (NIA) :",
    "Votre numéro d'immatriculation provisoire :",
    "Un numéro temporaire vous est attribué :",
    "Numéro de sécurité sociale provisoire :",
)
NONE_LABELS = (
    "Votre numéro de sécurité sociale est :",
    "Vous êtes immatriculé{e} sous le numéro suivant :",
    "Voici votre numéro d'immatriculation :",
    "Numéro de sécurité sociale :",
    "Votre numéro d'inscription au répertoire (NIR) :",
    "N° d'immatriculation attribué :",
    "Vous trouverez ci-dessous votre numéro de sécurité sociale :",
)
SENTENCE_DEF = (
    "Le numéro ci-dessous, qui vous est désormais attribué à titre définitif, est à communiquer à votre employeur :",
    "Votre numéro, désormais définitif, est le",
    "Votre immatriculation étant maintenant définitive, votre numéro de sécurité sociale est le",
    "Nous vous confirmons que le numéro suivant vous est attribué de façon définitive :",
    "Après vérification de votre état civil, c'est un numéro définitif qui vous est attribué ; le voici :",
)
SENTENCE_PROV = (
    "Le numéro que nous vous communiquons, provisoire pour le moment, est le",
    "Vous pourrez utiliser, à titre provisoire et jusqu'à la certification de votre état civil, le numéro",
    "Le numéro qui suit ne vous est attribué qu'à titre provisoire :",
    "En attendant votre numéro définitif, c'est ce numéro provisoire qui vous identifie :",
)
INTRO_NA = (
    "Vous avez sollicité votre immatriculation auprès de l'Assurance Maladie. Après étude de votre dossier, nous "
    "avons le plaisir de vous informer que vous êtes désormais immatriculé{e} au régime général.",
    "Suite à la demande d'ouverture des droits à l'assurance maladie reçue le {recv}, nous avons procédé à votre "
    "immatriculation.",
    "Votre employeur nous a adressé votre demande d'ouverture des droits ainsi que les pièces justificatives "
    "nécessaires. Nous avons examiné votre dossier avec attention.",
    "Vous résidez en France de manière stable et régulière : à ce titre, vous bénéficiez de la prise en charge de "
    "vos frais de santé par l'Assurance Maladie.",
    "Nous faisons suite à votre passage à notre accueil de {town} le {recv}.",
    "Nous accusons réception de votre formulaire S1106 et des documents qui l'accompagnaient.",
    "Vous venez de vous installer en France et avez demandé à bénéficier de l'assurance maladie.",
)
AFTER_NEUTRAL = (
    "Communiquez-le à votre employeur dès réception de ce courrier.",
    "Ce numéro vous est personnel. Il vous sera demandé lors de toutes vos démarches auprès de l'Assurance "
    "Maladie : conservez ce courrier.",
    "Présentez-le à vos professionnels de santé (médecin, pharmacien, laboratoire) pour qu'ils puissent "
    "transmettre vos feuilles de soins.",
    "Vous pouvez dès à présent créer votre compte ameli sur ameli.fr ou depuis l'application mobile.",
    "Pensez également à choisir votre médecin traitant et à le déclarer.",
    "Votre employeur doit l'indiquer sur vos bulletins de salaire et dans ses déclarations sociales.",
    "Nous vous invitons à le communiquer à votre complémentaire santé.",
    "Vous recevrez prochainement un formulaire pour obtenir votre carte Vitale.",
)
AFTER_DEF = (
    "Ce numéro vous accompagnera tout au long de votre vie : il ne changera plus.",
    "Ce numéro définitif remplace tout numéro qui aurait pu vous être communiqué auparavant.",
)
AFTER_PROV = (
    "Ce numéro vous permet de bénéficier dès maintenant du remboursement de vos soins, dans l'attente de votre "
    "numéro définitif.",
    "Il est valable pendant toute la durée de l'instruction de votre dossier, soit environ 9 mois.",
    "Votre état civil doit être certifié par le SANDIA avant l'attribution d'un numéro définitif : nous vous "
    "informerons par courrier.",
    "Avec ce numéro, vous ne pouvez pas encore obtenir de carte Vitale : une attestation de droits vous permet de "
    "justifier de votre couverture.",
)
INFO_SECTIONS = (
    (
        "Vos démarches en ligne",
        "Avec votre compte ameli, téléchargez vos attestations, suivez vos remboursements et "
        "échangez avec votre caisse par messagerie, 7 jours sur 7.",
    ),
    (
        "Votre médecin traitant",
        "Déclarer un médecin traitant vous permet d'être mieux remboursé{e}. La déclaration "
        "se fait en ligne par votre médecin lors de votre consultation.",
    ),
    (
        "Votre complémentaire santé",
        "Si vos ressources sont modestes, vous pouvez avoir droit à la Complémentaire "
        "santé solidaire. Faites une simulation sur ameli.fr.",
    ),
    (
        "Vos données personnelles",
        "Les informations recueillies font l'objet d'un traitement informatique destiné à "
        "la gestion de vos droits. Vous pouvez y accéder et les faire rectifier auprès de votre caisse.",
    ),
    (
        "Un changement de situation ?",
        "Signalez rapidement tout changement d'adresse, de situation familiale ou "
        "professionnelle : cela évite des retards de remboursement.",
    ),
    (
        "En cas de difficulté",
        "Nos conseillers vous répondent au 36 46 du lundi au vendredi. Vous pouvez aussi prendre "
        "rendez-vous dans l'un de nos accueils.",
    ),
)


def info_annex(d: Draft, n: tuple[int, int] = (2, 4)) -> list:
    out = []
    k = d.rng.randint(*n)
    for title, text in d.rng.sample(INFO_SECTIONS, k):
        out.append(H(title, d.pick(("plain", "rule", "upper", "shade"))))
        out.append(P(d.typo(text.format(e=d.e()), 0.2)))
    return out


def deadline_phrase(d: Draft, explicit: float = 0.6, relative: float = 0.3, days=(15, 60)) -> str:
    x = d.rng.random()
    if x < explicit:
        dd = d.later_date(*days)
        d.deadline = dd
        ds = d.date(dd, d.pick(("long", "slash", d.date_style)))
        return d.pick(
            (
                f"avant le {ds}",
                f"au plus tard le {ds}",
                f"pour le {ds} au plus tard",
                f"dans un délai de 30 jours, soit avant le {ds}",
                f"d'ici le {ds}",
            )
        )
    if x < explicit + relative:
        return d.pick(
            (
                "dans un délai de 30 jours à compter de la date de ce courrier",
                "sous quinze jours",
                "dans un délai d'un mois",
                "dans un délai de 3 mois",
                "dans les 21 jours",
            )
        )
    return "dans les meilleurs délais"


def objet_line(d: Draft, text: str) -> str:
    return d.pick(("Objet : ", "Objet : ", "OBJET : ", "Objet: ", "Concerne : ", "<u>Objet</u> : ")) + text


def cpam_frame(d: Draft, objet: str | None, service: str | None = None, refs_p: float = 0.88) -> list:
    d.cpam_head(service)
    d.spec.recipient = d.recipient()
    d.spec.date_line = d.date_line()
    refs: list = []
    d.set_reference(refs, p=refs_p)
    if d.r(0.45):
        refs.append(
            (d.pick(("Dossier suivi par", "Votre interlocuteur", "Affaire suivie par", "Contact")), d.pick(AGENTS))
        )
    if d.r(0.2):
        d.has_long = True
        refs.append((d.pick(("Code courrier", "N° d'émission", "Identifiant de traitement")), d.long_id(13, 16, "09")))
    d.spec.refs = refs
    d.spec.side_extra = d.contact_extra()
    d.spec.objet = objet_line(d, objet) if objet else None
    d.spec.salutation = d.salutation()
    return refs


def header_nir(d: Draft, rec: NirRec, status_word: str | None = None, pos: int | None = None) -> int:
    if d.to_employer:
        label = d.pick(("N° de sécurité sociale du salarié", "Salarié" + d.e() + " – N° SS", "N° d'immatriculation"))
    else:
        label = d.pick(
            (
                "N° de sécurité sociale",
                "N° d'immatriculation",
                "Votre n° de sécurité sociale",
                "NIR",
                "N° INSEE",
                "Assuré" + d.e() + " – N° SS",
            )
        )
    if status_word:
        label = f"{label} {status_word}"
        d.header_status = True
    style = d.pick(("compact", "std", "c13_sp", d.style))
    entry = (label, d.fmt(rec, style))
    refs = d.spec.refs
    k = len(refs) if pos is None else min(pos, len(refs))
    refs.insert(k, entry)
    d.tags.add("header_block")
    return k


# ---------------------------------------------------------------------------------------------------------------
# number_assignment
# ---------------------------------------------------------------------------------------------------------------

NA_WORDINGS = (
    (12, "A01"),
    (20, "A02"),
    (13, "A03"),
    (11, "A04"),
    (13, "A05"),
    (9, "A06"),
    (12, "A07"),
    (8, "A08"),
    (6, "A09"),
    (8, "A10"),
    (7, "A11"),
)
NA_DOC_SETS = (
    ["birth_certificate", "sworn_translation"],
    ["birth_certificate"],
    ["birth_certificate", "apostille"],
    ["birth_certificate", "sworn_translation", "apostille"],
    ["passport", "birth_certificate"],
    ["residence_permit"],
    ["birth_certificate", "sworn_translation", "rib"],
    ["rib", "proof_of_address"],
)


def _fmt_e(d: Draft, s: str) -> str:
    return s.replace("{e}", d.e())


def _intro(d: Draft) -> P:
    recv = d.date(d.earlier_date(10, 70), d.pick(("slash", "long")))
    text = (
        d.pick(INTRO_NA if d.person.place_kind == "abroad" else INTRO_NA[:5])
        .replace("{e}", d.e())
        .replace("{recv}", recv)
        .replace("{town}", d.city)
    )
    return P(d.typo(text))


def _afters(d: Draft, status: str | None, k: tuple[int, int] = (1, 3)) -> list:
    pool = list(AFTER_NEUTRAL)
    if status == "definitif":
        pool += list(AFTER_DEF)
    elif status == "provisoire":
        pool += list(AFTER_PROV) * 2
    return [P(d.typo(x)) for x in d.rng.sample(pool, d.rng.randint(*k))]


def _status_for(d: Draft, weights=((55, "definitif"), (30, "provisoire"), (15, None))) -> str | None:
    return wpick(d.rng, weights)


def _person_for(d: Draft, status: str | None) -> None:
    if status == "provisoire" and d.person.place_kind not in ("abroad",):
        d.person = make_person(d.rng, d.c, "abroad")


def _na_docs(d: Draft, rec: NirRec, p: float) -> list:
    if not d.r(p):
        return []
    kinds = list(d.pick(NA_DOC_SETS))
    if rec.status == "provisoire":
        d.tags.add("provisional_with_documents")
    lead = d.pick(
        (
            "Toutefois, votre dossier est incomplet. Vous avez 3 mois pour produire le document d'état civil "
            "manquant :",
            "Pour que votre immatriculation puisse devenir définitive, veuillez nous adresser :",
            "Afin de finaliser l'instruction de votre dossier, il nous manque les pièces suivantes :",
            "Il vous reste à nous faire parvenir les pièces justificatives ci-dessous :",
        )
        if rec.status == "provisoire"
        else (
            "Afin de pouvoir vous verser vos prestations, veuillez nous adresser :",
            "Pour compléter votre dossier, merci de nous faire parvenir :",
        )
    )
    items = d.doc_list(kinds)
    out = [P(d.typo(lead)), UL(items, d.pick(("•", "-", "–", "1.")))]
    when = deadline_phrase(d, 0.5, 0.4, (30, 92))
    out.append(
        P(d.typo(f"Merci de nous transmettre ces documents {when}, en rappelant les références de ce courrier."))
    )
    if d.r(0.5):
        out.append(
            P(
                d.typo(
                    "À défaut, une mise en demeure vous sera adressée, puis le versement de vos prestations "
                    "pourra être suspendu."
                )
            )
        )
    return out


def _maybe_transfer(d: Draft) -> list:
    if not d.r(0.08):
        return []
    other = d.pick([c for c in CAISSES if c is not d.c])
    return [
        P(
            d.typo(
                f"Votre dossier nous a été transmis par la {caisse_short(other)} suite à votre changement de résidence."
            )
        )
    ]


def build_number_assignment(d: Draft) -> None:
    w = wpick(d.rng, NA_WORDINGS)
    d.wording = w
    body: list = []
    status: str | None
    if w == "A01":
        status = "definitif"
        _person_for(d, status)
        objet = d.pick(
            (
                "Votre numéro de sécurité sociale",
                "Attribution de votre numéro de sécurité sociale définitif",
                "Immatriculation à l'assurance maladie",
                "Notification de votre numéro d'immatriculation",
            )
        )
        cpam_frame(d, objet)
        rec = d.nir("assigned", status)
        body += [_intro(d), *_maybe_transfer(d)]
        body += d.present(rec, d.pick(DEF_LABELS))
        body += _afters(d, status)
        body += _na_docs(d, rec, 0.1)
    elif w == "A02":
        status = "provisoire"
        _person_for(d, status)
        objet = d.pick(
            (
                "Votre numéro d'identification d'attente (NIA)",
                "Ouverture de vos droits – numéro provisoire",
                "Immatriculation provisoire",
                "Votre demande d'ouverture de droits",
            )
        )
        cpam_frame(d, objet)
        rec = d.nir("assigned", status)
        body += [_intro(d)]
        body += d.present(rec, d.pick(PROV_LABELS))
        body += _afters(d, status, (1, 2))
        body += _na_docs(d, rec, 0.75)
    elif w == "A03":
        status = "definitif" if d.r(0.85) else None
        d.person = make_person(d.rng, d.c, "abroad")
        objet = d.pick(
            (
                "Votre numéro de sécurité sociale définitif",
                "Remplacement de votre numéro provisoire",
                "Fin de votre immatriculation provisoire",
                "Changement de votre numéro d'immatriculation",
            )
        )
        cpam_frame(d, objet)
        old_status = "provisoire" if d.r(0.75) else None
        old = d.nir("old", old_status, provisional=True, main=False)
        d.old = old
        rec = d.nir("assigned", status, provisional=False)
        d.tags.add("old_and_new")
        old_label = d.pick(("provisoire", "d'identification d'attente (NIA)", "d'attente")) if old_status else ""
        old_date = d.date(d.earlier_date(200, 330), "slash")
        v = d.rng.randrange(5)
        body.append(
            P(
                d.typo(
                    d.pick(
                        (
                            "Le Service administratif national d'identification des assurés a certifié votre "
                            "état civil.",
                            "L'instruction de votre dossier d'immatriculation est terminée.",
                            "Nous avons reçu l'ensemble des pièces nécessaires à votre immatriculation.",
                        )
                    )
                )
            )
        )
        new_label = "votre numéro définitif" if status else "votre nouveau numéro"
        if v == 0:
            body.append(
                P(
                    f"Le numéro {old_label + ' ' if old_label else ''}<b>{d.fmt(old)}</b> qui vous avait été "
                    f"attribué le {old_date} est remplacé par {new_label} :".replace("numéro  ", "numéro ")
                )
            )
            body += d.present(rec, "", d.pick(("line", "frame", "boxes")))
        elif v == 1:
            d.tags.add("table_layout")
            if status or old_status:
                d.tags.add("status_in_table")
            rows = [
                ["", d.pick(("Numéro", "N° de sécurité sociale", "Immatriculation"))],
                [
                    f"Ancien numéro{' (' + ('provisoire' if d.r(0.6) else 'NIA') + ')' if old_status else ''}",
                    f"<b>{d.fmt(old)}</b>",
                ],
                [f"Nouveau numéro{' (définitif)' if status else ''}", f"<b>{d.fmt(rec)}</b>"],
            ]
            body.append(P(d.typo(f"Votre numéro change{' : il est désormais définitif' if status else ''}.")))
            body.append(TBL(rows, (0.4, 0.6), header=True, grid=d.pick(("full", "rows"))))
        elif v == 2:
            k_old = "NIA" if old_status and d.r(0.5) else ("Numéro provisoire" if old_status else "Ancien numéro")
            k_new = "Numéro définitif" if status else "Nouveau numéro"
            body.append(
                P(
                    d.typo(
                        d.pick(
                            (
                                "Voici les informations relatives à votre immatriculation :",
                                "Votre situation a été mise à jour :",
                            )
                        )
                    )
                )
            )
            body.append(KV([(k_old, d.fmt(old)), (k_new, f"<b>{d.fmt(rec)}</b>")]))
        elif v == 3:
            header_nir_old = ("Ancien n° provisoire" if old_status else "Ancien n°", d.fmt(old, "compact"))
            d.spec.refs.append(header_nir_old)
            d.tags.add("header_block")
            body += d.present(rec, d.pick(DEF_LABELS) if status else d.pick(NONE_LABELS).replace("{e}", d.e()))
            body.append(P(d.typo("Il remplace le numéro rappelé en référence, qui ne doit plus être utilisé.")))
        else:
            body += d.present(rec, d.pick(DEF_LABELS) if status else _fmt_e(d, d.pick(NONE_LABELS)))
            qual = f"le numéro {old_label} " if old_label else "l'ancien numéro "
            body.append(P(f"Ce numéro remplace {qual}<b>{d.fmt(old)}</b>, qui ne doit plus être utilisé."))
        body.append(
            P(
                d.typo(
                    "Pensez à communiquer ce nouveau numéro à votre employeur, à votre complémentaire santé "
                    "et, le cas échéant, à France Travail et à la Caf."
                )
            )
        )
    elif w == "A04":
        status = _status_for(d, ((60, "definitif"), (40, "provisoire")))
        _person_for(d, status)
        cpam_frame(d, None)
        d.spec.title = d.pick(
            (
                "NOTIFICATION D'IMMATRICULATION",
                "Avis d'attribution de numéro",
                "Immatriculation – notification",
                "ATTESTATION D'ATTRIBUTION DE NUMÉRO",
            )
        )
        rec = d.nir("assigned", status)
        p = d.person
        nature = (
            ("Définitif" if d.r(0.6) else "Numéro définitif")
            if status == "definitif"
            else d.pick(("Provisoire (NIA)", "NIA – numéro d'attente", "Provisoire"))
        )
        body.append(
            P(
                d.typo(
                    d.pick(
                        (
                            "Nous vous informons de votre immatriculation dans les conditions suivantes :",
                            "Votre demande d'immatriculation a été traitée.",
                            "Vous êtes immatriculé{e} auprès de notre caisse.",
                        )
                    ).replace("{e}", d.e())
                )
            )
        )
        d.tags |= {"status_in_table", "table_layout"}
        v = d.rng.randrange(3)
        if v == 0:
            rows = [
                ["Nom", "Prénom", "Date de naissance", "N° de sécurité sociale", d.pick(("Nature", "Type", "Statut"))],
                [esc(p.last.upper()), esc(p.first), d.birth_text(p, "slash"), f"<b>{d.fmt(rec)}</b>", nature],
            ]
            body.append(TBL(rows, (0.18, 0.17, 0.17, 0.32, 0.16)))
        else:
            rows = [
                ["Nom de naissance", esc(p.last.upper())],
                ["Prénom(s)", esc(p.first)],
                ["Né" + p.e() + " le", d.birth_text(p)],
                ["Lieu de naissance", esc(p.birth_place)],
            ]
            if v == 1 or rec.omitted:
                rows.append([d.pick(("Numéro", "N° d'immatriculation", "NIR")), f"<b>{d.fmt(rec)}</b>"])
            else:
                d.tags.add("number_in_table_cells")
                d.key_apart = True
                rows.append(["N° d'immatriculation", f"<b>{esc(fmt_nir(rec, 'std').rsplit(' ', 1)[0])}</b>"])
                rows.append([d.cle.capitalize(), f"<b>{rec.printed_key}</b>"])
            rows.append([d.pick(("Type de numéro", "Nature de l'immatriculation", "Statut du numéro")), nature])
            rows.append(["Date d'effet", d.date(d.earlier_date(3, 40), "slash")])
            body.append(TBL(rows, (0.38, 0.62), header=False, grid=d.pick(("full", "rows")), bold_col0=True))
        body += _afters(d, None, (1, 2))
        body += _na_docs(d, rec, 0.35 if status == "provisoire" else 0.05)
    elif w == "A05":
        status = _status_for(d, ((65, "definitif"), (35, "provisoire")))
        _person_for(d, status)
        cpam_frame(d, d.pick(("Votre immatriculation", "Votre numéro de sécurité sociale", "Votre dossier")))
        rec = d.nir("assigned", status)
        d.tags.add("status_in_sentence")
        body += [_intro(d)]
        body += d.present(
            rec,
            d.pick(SENTENCE_DEF if status == "definitif" else SENTENCE_PROV),
            d.pick(("inline", "inline", "line", "frame")),
        )
        body += _afters(d, None, (1, 2))
        body += _na_docs(d, rec, 0.45 if status == "provisoire" else 0.0)
    elif w == "A06":
        status = None
        cpam_frame(
            d,
            d.pick(
                (
                    "Votre immatriculation",
                    "Votre numéro de sécurité sociale",
                    "Immatriculation",
                    "Ouverture de vos droits",
                )
            ),
        )
        rec = d.nir("assigned", None, provisional=d.r(0.25))
        d.tags.add("no_status_word")
        body += [_intro(d)]
        body += d.present(rec, _fmt_e(d, d.pick(NONE_LABELS)))
        body += _afters(d, None)
    elif w == "A07":
        status = _status_for(d, ((60, "definitif"), (40, "provisoire")))
        _person_for(d, status)
        cpam_frame(d, d.pick(("Votre immatriculation", "Traitement de votre demande", "Votre numéro")))
        rec = d.nir("assigned", status)
        d.tags.add("status_far")
        if status == "definitif":
            s = d.pick(
                (
                    "Nous vous informons que votre immatriculation est désormais définitive.",
                    "L'instruction de votre dossier est terminée : un numéro définitif vous est attribué.",
                    "Votre numéro de sécurité sociale définitif vous est communiqué ci-dessous, avec les "
                    "références de votre demande.",
                )
            )
        else:
            s = d.pick(
                (
                    "Un numéro provisoire vous est attribué dans l'attente de la certification de votre état civil.",
                    "Vous trouverez ci-dessous votre numéro d'identification d'attente, ainsi que les références "
                    "de votre demande.",
                    "Votre immatriculation est provisoire à ce stade de l'instruction.",
                )
            )
        body.append(P(d.typo(s)))
        recv, done = d.earlier_date(20, 80), d.earlier_date(1, 15)
        demand = d.long_id(13, 15, "0956")
        if d.r(0.5):
            body.append(
                KV(
                    [
                        ("Demande n°", demand),
                        ("Reçue le", d.date(recv, "slash")),
                        ("Traitée le", d.date(done, "slash")),
                    ],
                    label_w=0.3,
                )
            )
        else:
            body.append(
                P(
                    d.typo(
                        f"Votre demande, enregistrée sous le n° {demand} le {d.date(recv, 'slash')}, a été "
                        f"traitée le {d.date(done, 'slash')} par nos services."
                    )
                )
            )
        if d.r(0.5):
            body.append(P(d.typo(d.pick(AFTER_NEUTRAL[3:]))))
        label = d.pick(
            (
                "Numéro attribué :",
                "Votre numéro :",
                "Identifiant :",
                "Votre numéro personnel :",
                "Numéro de sécurité sociale :",
            )
        )
        if "sécurité" not in label:
            d.tags.add("number_far_from_keyword")
        body += d.present(rec, label, d.pick(("inline", "line", "frame", "kv", "boxes")))
        body += _afters(d, None, (0, 2))
        body += _na_docs(d, rec, 0.45 if status == "provisoire" else 0.0)
    elif w == "A08":
        status = _status_for(d, ((50, "definitif"), (30, "provisoire"), (20, None)))
        _person_for(d, status)
        company, _ = d.pick(COMPANIES)
        d.to_employer = True
        cpam_frame(d, None)
        sir = siret(d.rng)
        d.has_long = True
        d.spec.refs.append((d.pick(("Votre SIRET", "SIRET employeur", "N° SIRET")), fmt_siret(sir, d.rng)))
        town, cp = d.pick(d.c[4])
        d.spec.recipient = [
            company.upper() if d.r(0.5) else company,
            d.pick(("Service des ressources humaines", "Service paie", "À l'attention du gérant")),
            f"{d.rng.randint(1, 90)} {d.pick(STREETS)}",
            f"{cp} {town.upper()}",
        ]
        d.spec.salutation = "Madame, Monsieur,"
        p = d.person
        sal = "salariée" if p.female else "salarié"
        d.spec.objet = objet_line(d, f"Immatriculation de votre {sal} {esc(p.first)} {esc(p.last.upper())}")
        rec = d.nir("assigned", status)
        body.append(
            P(
                d.typo(
                    f"Vous avez sollicité l'immatriculation de {p.civ()} {esc(p.first)} {esc(p.last)}, "
                    f"né{p.e()} le {d.birth_text(p, 'slash')} à {esc(p.birth_place)}, que vous employez "
                    f"depuis le {d.date(d.earlier_date(40, 150), 'slash')}."
                )
            )
        )
        if status == "definitif":
            label = f"Nous vous informons que votre {sal} est immatriculé{p.e()} sous le numéro définitif suivant :"
        elif status == "provisoire":
            label = (
                f"Dans l'attente de la certification de son état civil, un numéro d'identification d'attente "
                f"(NIA) a été attribué à votre {sal} :"
            )
        else:
            label = f"Votre {sal} est immatriculé{p.e()} sous le numéro :"
            d.tags.add("no_status_word")
        body += d.present(rec, label)
        if status == "definitif" and d.r(0.3):
            old = d.nir("old", "provisoire" if d.r(0.7) else None, provisional=True, main=False)
            d.old = old
            d.tags.add("old_and_new")
            qual = "le NIA (numéro d'identification d'attente)" if old.status else "le numéro"
            body.append(
                P(f"Ce numéro remplace {qual} <b>{d.fmt(old)}</b> utilisé jusqu'à présent dans vos déclarations.")
            )
        body.append(
            P(
                d.typo(
                    "Nous vous remercions d'utiliser ce numéro dans vos déclarations sociales nominatives "
                    "(DSN) et de le reporter sur les bulletins de salaire."
                )
            )
        )
        if status == "provisoire":
            body.append(
                P(
                    d.typo(
                        "Un numéro définitif lui sera communiqué ultérieurement ; il vous appartiendra alors "
                        "de mettre à jour vos déclarations."
                    )
                )
            )
        d.closing("Madame, Monsieur")
    elif w == "A09":
        status = "provisoire"
        _person_for(d, status)
        cpam_frame(d, d.pick(("Votre numéro temporaire", "Votre immatriculation", "Ouverture de vos droits")))
        rec = d.nir("assigned", status)
        body += [_intro(d)]
        label = d.pick(
            (
                "Un numéro temporaire vous est attribué :",
                "Votre numéro d'attente :",
                f"Numéro temporaire attribué le {d.date(d.earlier_date(1, 10), 'slash')} :",
                "Numéro de sécurité sociale temporaire :",
            )
        )
        body += d.present(rec, label)
        body.append(
            P(
                d.typo(
                    d.pick(
                        (
                            "Aucune démarche n'est nécessaire de votre part : votre dossier est complet et en "
                            "cours de vérification.",
                            "Utilisez-le pour toutes vos démarches jusqu'à nouvel ordre.",
                        )
                    )
                )
            )
        )
        body += _afters(d, None, (0, 2))
    elif w == "A10":
        status = _status_for(d, ((50, "definitif"), (25, "provisoire"), (25, None)))
        _person_for(d, status)
        cpam_frame(
            d,
            d.pick(
                (
                    "Bienvenue à l'Assurance Maladie",
                    "Votre immatriculation et vos premières démarches",
                    "Vos droits à l'assurance maladie",
                )
            ),
        )
        rec = d.nir("assigned", status)
        hs = d.pick(("plain", "rule", "upper", "shade"))
        num = d.rng.random() < 0.5
        titles = [
            "Votre numéro de sécurité sociale",
            "Votre carte Vitale",
            "Votre compte ameli",
            "Votre médecin traitant",
        ]
        if num:
            titles = [f"{i + 1}. {t}" for i, t in enumerate(titles)]
        body.append(
            P(
                d.typo(
                    "Nous avons le plaisir de vous accueillir. Ce courrier réunit les informations utiles "
                    "pour vos premières démarches."
                )
            )
        )
        body.append(H(titles[0], hs))
        label = {"definitif": d.pick(DEF_LABELS), "provisoire": d.pick(PROV_LABELS)}.get(status) or _fmt_e(
            d, d.pick(NONE_LABELS)
        )
        if status is None:
            d.tags.add("no_status_word")
        body += d.present(rec, label)
        body.append(H(titles[1], hs))
        body.append(
            P(
                d.typo(
                    "Vous recevrez prochainement le formulaire « Ma nouvelle carte Vitale ». Complétez-le, "
                    "collez votre photo d'identité et renvoyez-le dans l'enveloppe jointe."
                    if status != "provisoire"
                    else "Une carte Vitale pourra vous être délivrée dès l'attribution de votre numéro définitif."
                )
            )
        )
        body.append(H(titles[2], hs))
        body.append(P(d.typo("Créez votre compte sur ameli.fr avec votre numéro et le code reçu par courrier.")))
        body.append(H(titles[3], hs))
        body.append(P(d.typo("Choisissez un médecin traitant : vous serez mieux remboursé" + d.e() + ".")))
        body += _na_docs(d, rec, 0.3 if status == "provisoire" else 0.0)
    else:  # A11
        status = "definitif"
        d.person = make_person(d.rng, d.c, "abroad")
        cpam_frame(
            d,
            d.pick(
                (
                    "Certification de votre état civil – numéro définitif",
                    "Votre numéro définitif",
                    "Immatriculation définitive",
                )
            ),
        )
        body.append(
            P(
                d.typo(
                    "Le Service administratif national d'identification des assurés (SANDIA), chargé pour "
                    "le compte de la Cnav de vérifier l'état civil des personnes nées à l'étranger, a certifié "
                    "vos données d'état civil."
                )
            )
        )
        if d.r(0.5):
            old = d.nir("old", "provisoire", provisional=True, main=False)
            d.old = old
            d.tags.add("old_and_new")
            body.append(P(f"En conséquence, votre numéro d'identification d'attente <b>{d.fmt(old)}</b> est remplacé."))
        rec = d.nir("assigned", status, provisional=False)
        body += d.present(rec, d.pick(DEF_LABELS))
        body.append(
            P(
                d.typo(
                    "Le délai d'instruction de 9 mois est désormais clos ; vos droits sont maintenus sans interruption."
                )
            )
        )
        body += _afters(d, status, (1, 2))
    if not d.spec.closing:
        d.closing()
    if d.r(0.22) and "header_block" not in d.tags and d.main is not None:
        header_nir(d, d.main)
    d.spec.body = body


# ---------------------------------------------------------------------------------------------------------------
# documents_request
# ---------------------------------------------------------------------------------------------------------------

DR_WORDINGS = (
    (12, "D01"),
    (9, "D02"),
    (8, "D03"),
    (9, "D04"),
    (8, "D05"),
    (8, "D06"),
    (7, "D07"),
    (8, "D08"),
    (6, "D09"),
    (8, "D10"),
    (8, "D11"),
    (7, "D12"),
)
ABROAD_SETS = (
    ["birth_certificate", "sworn_translation"],
    ["birth_certificate", "sworn_translation", "apostille"],
    ["birth_certificate", "apostille"],
    ["passport", "residence_permit", "birth_certificate"],
    ["residence_permit"],
    ["birth_certificate", "sworn_translation", "employment_contract"],
    ["other", "passport", "birth_certificate", "rib"],
    ["employment_contract", "payslips", "rib"],
    ["proof_of_address", "residence_permit"],
)


def _recall(d: Draft, where: str | None = None) -> NirRec | None:
    """A documents request may recall the number already given (in the header, the body or the coupon)."""
    if not d.r(0.58):
        return None
    prov = d.person.place_kind == "abroad" and d.r(0.55)
    say = prov and d.r(0.7)
    status = "provisoire" if say else None
    rec = d.nir("recalled", status, provisional=prov)
    where = where or wpick(
        d.rng,
        (
            (40, "header"),
            (30, "body"),
            (15, "both"),
            (15 if say else 0, "far"),
            (12 if say else 0, "sentence"),
            (10 if say else 0, "table"),
        ),
    )
    if where == "table":
        k = header_nir(d, rec, None, pos=d.rng.randint(0, 2))
        d.spec.refs.insert(
            k + 1,
            (
                d.pick(("Nature du numéro", "Statut", "Type de numéro")),
                d.pick(("provisoire", "Provisoire (NIA)", "NIA – numéro d'attente")),
            ),
        )
        d.tags.add("status_in_table")
        return rec
    if where == "far":
        d.tags |= {"status_far", "number_far_from_keyword"}
        d._recall_line = [
            P(
                d.typo(
                    d.pick(
                        (
                            "Vous disposez actuellement d'un numéro provisoire.",
                            "Votre immatriculation est à ce jour provisoire.",
                            "Un numéro d'identification d'attente vous a été attribué à l'ouverture de vos droits.",
                        )
                    )
                )
            ),
            P(
                f"Dossier n° {d.long_id(13, 15, '0956')} – ouvert le {d.date(d.earlier_date(60, 200), 'slash')}",
                "small",
            ),
            P(f"{d.pick(('Votre numéro', 'Identifiant', 'N°'))} : <b>{d.fmt(rec)}</b>"),
        ]
        return rec
    if where == "sentence":
        d.tags.add("status_in_sentence")
        d._recall_line = [
            P(
                d.pick(
                    (
                        f"Le numéro qui vous a été attribué, <b>{d.fmt(rec)}</b>, est provisoire : il le restera "
                        "tant que votre état civil n'aura pas été certifié.",
                        f"Votre numéro, <b>{d.fmt(rec)}</b>, n'est encore que provisoire.",
                        f"Nous vous rappelons que le numéro <b>{d.fmt(rec)}</b> vous a été attribué à titre "
                        "provisoire.",
                    )
                )
            )
        ]
        return rec
    if where in ("header", "both"):
        header_nir(d, rec, d.pick(("provisoire", "(NIA)", "d'attente")) if say else None, pos=d.rng.randint(0, 2))
    if where in ("body", "both"):
        label = (
            d.pick(("Votre numéro provisoire", "Votre numéro d'identification d'attente (NIA)", "NIA"))
            if say
            else d.pick(("Votre numéro de sécurité sociale", "N° d'immatriculation", "Assuré" + d.e()))
        )
        if d.to_employer:
            label = (
                "Son numéro provisoire"
                if say
                else d.pick(("N° de sécurité sociale du salarié", "N° d'immatriculation", "Salarié" + d.e()))
            )
        d._recall_line = P(f"{label} : <b>{d.fmt(rec)}</b>", d.pick(("body", "bold", "small")))
    if not say:
        d.tags.add("no_status_word")
    return rec


def _recall_block(d: Draft) -> list:
    line = d._recall_line
    if line is None:
        return []
    return line if isinstance(line, list) else [line]


def _abroad(d: Draft) -> None:
    if d.person.place_kind != "abroad":
        d.person = make_person(d.rng, d.c, "abroad")


def _phrases_only(d: Draft, kinds) -> list[str]:
    saved = list(d.documents)
    items = d.doc_list(kinds, combine=False)
    d.documents = saved
    return items


def build_documents_request(d: Draft) -> None:
    w = wpick(d.rng, DR_WORDINGS)
    d.wording = w
    body: list = []
    d._recall_line = None
    if w in ("D01", "D03", "D04", "D10", "D11", "D12", "D02", "D05"):
        _abroad(d)
    if w == "D01":
        cpam_frame(
            d,
            d.pick(
                (
                    "Dossier incomplet – pièces manquantes",
                    "Votre demande d'ouverture de droits : pièces manquantes",
                    "Demande de pièces justificatives",
                    "Compléter votre dossier",
                )
            ),
        )
        _recall(d)
        body += _recall_block(d)
        body.append(
            P(
                d.typo(
                    d.pick(
                        (
                            "Nous avons bien reçu votre demande d'ouverture de droits. Après examen, votre dossier "
                            "est incomplet.",
                            "Votre demande d'immatriculation nous est bien parvenue, mais elle ne peut pas être "
                            "traitée en l'état.",
                            "L'examen de votre dossier fait apparaître l'absence de certaines pièces justificatives.",
                        )
                    )
                )
            )
        )
        items = d.doc_list(list(d.pick(ABROAD_SETS)))
        body.append(
            P(
                d.typo(
                    d.pick(
                        (
                            "Afin de pouvoir le traiter, veuillez nous adresser les pièces suivantes :",
                            "Pour compléter votre dossier, merci de nous transmettre :",
                            "Veuillez nous adresser :",
                        )
                    )
                )
            )
        )
        body.append(UL(items, d.pick(("•", "-", "–", "1.", "a)"))))
        body.append(P(d.typo(f"Ces documents sont à retourner {deadline_phrase(d)}.")))
        body.append(
            P(
                d.typo(
                    d.pick(
                        (
                            "À défaut, votre dossier ne pourra pas être instruit.",
                            "Sans réponse de votre part, votre demande sera classée sans suite.",
                            "N'envoyez pas d'originaux : des photocopies lisibles suffisent.",
                        )
                    )
                )
            )
        )
    elif w == "D02":
        cpam_frame(
            d,
            d.pick(
                (
                    "Mise en demeure",
                    "Mise en demeure – document d'état civil manquant",
                    "Dernier rappel avant suspension de vos droits",
                )
            ),
        )
        d.spec.title = d.pick(("MISE EN DEMEURE", "Mise en demeure", None))
        _recall(d)
        prev = d.date(d.earlier_date(60, 120), "long")
        body.append(
            P(
                d.typo(
                    f"Par courrier du {prev}, nous vous avons demandé de nous transmettre le document d'état "
                    "civil manquant à votre dossier. À ce jour, nous ne l'avons pas reçu."
                )
            )
        )
        body += _recall_block(d)
        dd = d.later_date(15, 30)
        d.deadline = dd
        body.append(
            P(
                d.typo(
                    f"En conséquence, nous vous mettons en demeure de nous adresser, dans un délai de 15 jours "
                    f"à compter de la réception du présent courrier, soit au plus tard le "
                    f"{d.date(dd, 'long')} :"
                )
            )
        )
        kinds = d.pick(
            (
                ["birth_certificate", "sworn_translation"],
                ["birth_certificate"],
                ["birth_certificate", "apostille", "sworn_translation"],
            )
        )
        body.append(UL(d.doc_list(list(kinds)), d.pick(("•", "-"))))
        body.append(
            FRAME(
                [
                    P(
                        d.typo(
                            "À défaut, le versement de vos prestations sera suspendu et votre dossier sera "
                            "définitivement clôturé."
                        ),
                        "bold",
                    )
                ],
                d.pick(("box", "thick", "bar")),
            )
        )
        body.append(
            P(
                d.typo(
                    "Si vous avez déjà envoyé ces documents, nous vous remercions de ne pas tenir compte de "
                    "ce courrier."
                )
            )
        )
    elif w == "D03":
        n = d.pick(("Rappel", "2e relance", "Relance", "Deuxième demande"))
        cpam_frame(d, f"{n} – {d.pick(('pièces justificatives', 'votre dossier', 'documents manquants'))}")
        _recall(d)
        body.append(
            P(
                d.typo(
                    f"Sauf erreur de notre part, nous n'avons pas reçu les documents demandés par notre "
                    f"courrier du {d.date(d.earlier_date(30, 70), 'slash')}."
                )
            )
        )
        body += _recall_block(d)
        body.append(P(d.typo("Nous vous rappelons que votre dossier ne peut être finalisé qu'à réception de :")))
        body.append(UL(d.doc_list(list(d.pick(ABROAD_SETS))), d.pick(("•", "–"))))
        body.append(P(d.typo(f"Merci de nous les faire parvenir {deadline_phrase(d, 0.5, 0.4)}.")))
    elif w == "D04":
        d.person = make_person(d.rng, d.c, "abroad")
        cpam_frame(
            d,
            d.pick(
                (
                    "Certification de votre état civil",
                    "Votre état civil – documents à fournir",
                    "Demande de document d'état civil",
                )
            ),
        )
        rec = _recall(d, d.pick(("header", "body", "both")))
        body.append(
            P(
                d.typo(
                    "Le Service administratif national d'identification des assurés (SANDIA), qui vérifie "
                    "l'état civil des personnes nées à l'étranger, ne peut pas certifier le vôtre en l'état "
                    "des pièces transmises."
                )
            )
        )
        body += _recall_block(d)
        body.append(P(d.typo("Nous vous remercions de bien vouloir nous adresser :")))
        kinds = d.pick(
            (
                ["birth_certificate", "sworn_translation", "apostille"],
                ["birth_certificate", "sworn_translation"],
                ["sworn_translation"],
                ["apostille", "sworn_translation"],
            )
        )
        body.append(UL(d.doc_list(list(kinds)), d.pick(("•", "-", "1."))))
        body.append(
            P(
                d.typo(
                    f"Vous disposez d'un délai de 3 mois pour produire ce document, soit jusqu'au "
                    f"{d.date(d._set_deadline(80, 92), 'long')}."
                    if d.r(0.6)
                    else "Vous disposez d'un délai de 3 mois pour produire ce document."
                )
            )
        )
        if rec is not None and rec.status == "provisoire":
            body.append(
                P(
                    d.typo(
                        "Pendant ce délai, votre numéro provisoire reste valable et vos soins continuent "
                        "d'être remboursés."
                    )
                )
            )
    elif w == "D05":
        cpam_frame(d, d.pick(("Pièces à fournir", "Votre dossier – pièces justificatives", "Demande de compléments")))
        _recall(d)
        body += _recall_block(d)
        body.append(
            P(
                d.typo(
                    d.pick(
                        (
                            "Pour compléter votre dossier, merci de nous retourner les pièces cochées ci-dessous :",
                            "Les documents cochés sont nécessaires à l'étude de votre demande :",
                            "Veuillez nous adresser les justificatifs marqués d'une croix :",
                        )
                    )
                )
            )
        )
        pool = [
            "passport",
            "residence_permit",
            "birth_certificate",
            "sworn_translation",
            "rib",
            "proof_of_address",
            "employment_contract",
            "payslips",
            "s1_form",
            "school_certificate",
        ]
        shown = d.rng.sample(pool, d.rng.randint(5, 8))
        ticked = set(d.rng.sample(shown, d.rng.randint(1, min(4, len(shown) - 1))))
        items = []
        for k in shown:
            phrase = d.pick(DOC_PHRASES[k]).format(
                m1=MONTHS[(d.letter_date.month - 3) % 12], m2=MONTHS[(d.letter_date.month - 2) % 12], yr="en cours"
            )
            items.append((k in ticked, phrase[0].upper() + phrase[1:]))
            if k in ticked:
                d.documents.append(k)
        body.append(CHECK(items, d.pick(("X", "glyph"))))
        body.append(P(d.typo(f"Retour attendu {deadline_phrase(d, 0.6, 0.3)}.")))
    elif w == "D06":
        company, _ = d.pick(COMPANIES)
        d.to_employer = True
        cpam_frame(d, None)
        d.has_long = True
        d.spec.refs.append(("SIRET", fmt_siret(siret(d.rng), d.rng)))
        town, cp = d.pick(d.c[4])
        d.spec.recipient = [
            company,
            d.pick(("Service RH", "Service du personnel", "Direction")),
            f"{d.rng.randint(1, 90)} {d.pick(STREETS)}",
            f"{cp} {town.upper()}",
        ]
        d.spec.salutation = "Madame, Monsieur,"
        p = d.person
        sal = "salariée" if p.female else "salarié"
        d.spec.objet = objet_line(
            d, f"Demande d'ouverture de droits de votre {sal} {esc(p.first)} {esc(p.last.upper())}"
        )
        _recall(d)
        body.append(
            P(
                d.typo(
                    f"Vous nous avez transmis une demande d'ouverture des droits pour votre {sal}, "
                    f"{p.civ()} {esc(p.first)} {esc(p.last)}, né{p.e()} le {d.birth_text(p, 'slash')}."
                )
            )
        )
        body += _recall_block(d)
        body.append(P(d.typo("Pour traiter cette demande, nous avons besoin des pièces suivantes :")))
        kinds = d.pick(
            (
                ["employer_certificate", "employment_contract"],
                ["employment_contract", "payslips"],
                ["employer_certificate", "payslips"],
                ["employment_contract", "payslips", "employer_certificate"],
            )
        )
        for_employer = {
            "employer_certificate": (
                "attestation d'emploi établie et signée par vos soins, précisant la date d'embauche",
                "attestation de salaire de votre " + sal,
            ),
            "employment_contract": (
                "copie du contrat de travail signé par les deux parties",
                "contrat de travail de votre " + sal,
            ),
            "payslips": ("copie des trois derniers bulletins de salaire", "bulletins de paie depuis l'embauche"),
        }
        items = []
        for k in kinds:
            items.append(d.pick(for_employer[k]))
            d.documents.append(k)
        body.append(UL(items, "•"))
        body.append(P(d.typo(f"Merci de nous les adresser {deadline_phrase(d)}.")))
        d.closing("Madame, Monsieur")
    elif w == "D07":
        code, country, towns, men, women, lasts = d.pick([c for c in COUNTRIES if c[1] in EU_COUNTRIES])
        d.person = make_person(d.rng, d.c, "abroad")
        d.person.country, d.person.commune = country, code
        d.person.birth_place = f"{d.pick(towns)} ({country})"
        d.person.first = d.pick(women if d.person.female else men)
        d.person.last = d.pick(lasts)
        cpam_frame(
            d,
            d.pick(
                (
                    "Formulaire S1",
                    "Votre affiliation – ressortissant de l'Union européenne",
                    "Demande de formulaire européen",
                )
            ),
        )
        _recall(d)
        body.append(
            P(
                d.typo(
                    f"Vous êtes ressortissant{d.e()} d'un État membre de l'Union européenne et résidez en "
                    "France. Pour déterminer le pays chargé de la prise en charge de vos frais de santé, "
                    "nous avons besoin de documents complémentaires."
                )
            )
        )
        body += _recall_block(d)
        kinds = d.pick(
            (
                ["s1_form"],
                ["s1_form", "proof_of_address"],
                ["s1_form", "passport"],
                ["proof_of_address", "s1_form", "rib"],
            )
        )
        body.append(UL(d.doc_list(list(kinds)), d.pick(("•", "-"))))
        body.append(
            P(
                d.typo(
                    f"Ce formulaire est délivré par l'organisme d'assurance maladie de votre pays "
                    f"({esc(country)}). Merci de nous le transmettre {deadline_phrase(d, 0.5, 0.4, (30, 75))}."
                )
            )
        )
    elif w == "D08":
        cpam_frame(
            d,
            d.pick(
                ("Mise à jour de votre dossier", "Changement d'adresse – justificatifs", "Vos coordonnées bancaires")
            ),
        )
        _recall(d)
        body += _recall_block(d)
        body.append(
            P(
                d.typo(
                    d.pick(
                        (
                            "Vous nous avez signalé un changement de situation. Afin de mettre à jour votre dossier, "
                            "veuillez nous adresser :",
                            "Afin de procéder au versement de vos remboursements, nous avons besoin de :",
                            "Nous ne disposons pas de vos coordonnées bancaires ni de votre nouvelle adresse. "
                            "Merci de nous transmettre :",
                        )
                    )
                )
            )
        )
        kinds = d.pick(
            (["rib", "proof_of_address"], ["rib"], ["proof_of_address"], ["proof_of_address", "rib", "other"])
        )
        body.append(UL(d.doc_list(list(kinds)), d.pick(("•", "–"))))
        body.append(
            P(
                d.typo(
                    f"Vous pouvez aussi les déposer dans votre compte ameli, rubrique « Mes démarches », "
                    f"{deadline_phrase(d, 0.4, 0.4)}."
                )
            )
        )
    elif w == "D09":
        d.person = make_person(d.rng, d.c, "abroad", age=(18, 27))
        cpam_frame(
            d,
            d.pick(
                (
                    "Votre affiliation en tant qu'étudiant" + d.e(),
                    "Étudiant" + d.e() + " étranger" + d.e() + " : pièces à fournir",
                    "Votre inscription à l'assurance maladie",
                )
            ),
        )
        _recall(d)
        body.append(
            P(
                d.typo(
                    f"Vous êtes inscrit{d.e()} dans un établissement d'enseignement supérieur et avez demandé "
                    "votre rattachement à l'assurance maladie."
                )
            )
        )
        body += _recall_block(d)
        kinds = d.pick(
            (
                ["school_certificate", "residence_permit"],
                ["school_certificate", "passport", "birth_certificate"],
                ["residence_permit", "school_certificate", "rib"],
            )
        )
        body.append(P(d.typo("Il nous manque les justificatifs suivants :")))
        body.append(UL(d.doc_list(list(kinds)), d.pick(("•", "-", "1."))))
        body.append(P(d.typo(f"À envoyer {deadline_phrase(d)}.")))
    elif w == "D10":
        cpam_frame(d, d.pick(("État de votre dossier", "Suivi de votre demande – pièces", "Dossier incomplet")))
        _recall(d)
        body += _recall_block(d)
        body.append(P(d.typo("Vous trouverez ci-dessous la situation des pièces de votre dossier :")))
        pool = [
            "passport",
            "residence_permit",
            "birth_certificate",
            "sworn_translation",
            "employment_contract",
            "payslips",
            "rib",
            "proof_of_address",
            "other",
        ]
        shown = d.rng.sample(pool, d.rng.randint(4, 7))
        missing = set(d.rng.sample(shown, d.rng.randint(1, 3)))
        rows = [["Pièce", d.pick(("Situation", "État", "Statut"))]]
        for k in shown:
            phrase = d.pick(DOC_PHRASES[k]).format(
                m1=MONTHS[(d.letter_date.month - 3) % 12], m2=MONTHS[(d.letter_date.month - 2) % 12], yr="en cours"
            )
            if k in missing:
                state = d.pick(("Manquante", "À fournir", "Non conforme – à renvoyer", "Non reçue"))
                d.documents.append(k)
            else:
                state = d.pick(("Reçue", "Reçue le " + d.date(d.earlier_date(5, 40), "slash"), "Conforme", "OK"))
            rows.append([phrase[0].upper() + phrase[1:], state])
        body.append(TBL(rows, (0.7, 0.3), grid=d.pick(("full", "rows"))))
        body.append(P(d.typo(f"Merci de nous adresser les pièces manquantes ou non conformes {deadline_phrase(d)}.")))
    elif w == "D11":
        cpam_frame(d, d.pick(("Votre dossier", "Pièces manquantes", "Suite à votre envoi")))
        _recall(d)
        body += _recall_block(d)
        got = d.rng.sample(["passport", "employment_contract", "payslips", "rib", "residence_permit"], 2)
        received = _phrases_only(d, got)
        body.append(
            P(d.typo(f"Nous avons bien reçu votre envoi du {d.date(d.earlier_date(5, 30), 'slash')} comprenant :"))
        )
        body.append(UL(received, "-"))
        body.append(
            P(
                d.typo(
                    d.pick(
                        (
                            "En revanche, il manque :",
                            "Il nous manque toutefois :",
                            "Cependant, les pièces suivantes restent à fournir :",
                        )
                    )
                )
            )
        )
        rest = [k for k in d.pick(ABROAD_SETS) if k not in got] or ["birth_certificate"]
        body.append(UL(d.doc_list(rest), "•"))
        body.append(P(d.typo(f"Délai de réponse : {deadline_phrase(d, 0.7, 0.25)}.")))
    else:  # D12 terse
        cpam_frame(d, d.pick(("Pièces justificatives", "Demande de pièces", "PJ manquantes")), refs_p=0.95)
        d.spec.salutation = None if d.r(0.5) else d.spec.salutation
        _recall(d)
        body += _recall_block(d)
        body.append(P(d.typo("Afin de compléter votre dossier, veuillez nous adresser :")))
        body.append(UL(d.doc_list(list(d.pick(ABROAD_SETS))), "-"))
        when = deadline_phrase(d, 0.75, 0.2)
        body.append(P(f"<b>Délai :</b> {when}."))
    if not d.spec.closing:
        d.closing()
    d.spec.body = body


# ---------------------------------------------------------------------------------------------------------------
# carte_vitale_form
# ---------------------------------------------------------------------------------------------------------------

CV_WORDINGS = ((16, "C01"), (14, "C02"), (10, "C03"), (10, "C04"), (12, "C05"), (12, "C06"), (13, "C07"), (8, "C08"))
CV_LAYOUTS = (("F1", "L7"), ("F2", "L1"), ("F3", "L4"), ("F4", "L7"), ("F5", "L3"), ("F6", "L9"))
PHOTO_RULES = (
    "Photo récente et ressemblante, en couleur, format 35 × 45 mm",
    "De face, tête nue, visage et cou dégagés, sur fond uni et clair",
    "Ni photocopie, ni photo scannée ou imprimée sur papier ordinaire",
    "Ne pas agrafer : collez la photo à l'intérieur du cadre",
    "Expression neutre, bouche fermée, sans lunettes de soleil",
)
CERTIFY = (
    "Je certifie sur l'honneur l'exactitude des renseignements portés sur ce formulaire.",
    "Je certifie que les informations ci-dessus sont exactes et que la photo jointe est bien la mienne.",
    "Je certifie exacts les renseignements figurant sur ce document.",
)


def build_carte_vitale_form(d: Draft) -> None:
    w = wpick(d.rng, CV_WORDINGS)
    d.wording = w
    fl, base = d.pick(CV_LAYOUTS)
    d.layout, d.base_layout = fl, base
    d.tags.add("form")
    d.look.size = min(d.look.size, d.pick((9.0, 9.5, 10.0)))
    d.look.lead = round(d.look.size * 1.25, 1)
    d.cpam_head(
        d.pick(
            ("Service Carte Vitale", "Pôle Carte Vitale", "Centre de production des cartes Vitale", d.pick(SERVICES))
        )
    )
    parent = d.person
    if w == "C04":
        d.person = make_child(d.rng, parent)
    holder = d.person
    d.spec.recipient = d.recipient(parent)
    d.spec.date_line = d.date_line()
    refs: list = []
    d.set_reference(refs, label=d.pick(("Réf.", "Référence", "N° de formulaire", "Réf. dossier", None)), p=0.7)
    d.spec.refs = refs
    d.spec.side_extra = d.contact_extra() if d.r(0.5) else []
    blank = d.r(0.2)
    status = "definitif" if (not blank and d.r(0.07)) else None
    rec = None if blank else d.nir("prefilled", status, provisional=False, holder=holder)
    title = {
        "C01": "Ma nouvelle carte Vitale",
        "C02": "Demande de carte Vitale",
        "C03": "Renouvellement de votre carte Vitale",
        "C04": f"Carte Vitale de votre enfant {esc(holder.first)}",
        "C05": "FORMULAIRE CARTE VITALE – À RETOURNER",
        "C06": "Commande de votre carte Vitale avec photo",
        "C07": "Votre carte Vitale : dernière étape",
        "C08": "Remplacement de votre carte Vitale",
    }[w]
    if w == "C01" and d.r(0.5):
        title = "MA NOUVELLE CARTE VITALE"
    intro = {
        "C01": "Pour obtenir votre carte Vitale, complétez ce formulaire et renvoyez-le-nous avec une photo d'identité "
        "et la photocopie de votre pièce d'identité.",
        "C02": f"Vous êtes désormais immatriculé{holder.e()} à l'Assurance Maladie. Pour recevoir votre carte Vitale, "
        "vérifiez les informations ci-dessous, collez votre photo et signez ce formulaire.",
        "C03": "Votre carte Vitale actuelle ne comporte pas de photo. Pour recevoir une nouvelle carte, retournez-nous "
        "ce formulaire complété.",
        "C04": f"Votre enfant {esc(holder.first)} peut désormais disposer de sa propre carte Vitale. En tant que "
        "représentant légal, complétez et signez ce formulaire pour lui.",
        "C05": "À compléter, signer et retourner.",
        "C06": "Votre carte Vitale atteste de vos droits à l'assurance maladie. Elle vous permet d'être remboursé"
        + holder.e()
        + " plus rapidement, sans feuille de soins. Pour la commander, il vous suffit de nous "
        "renvoyer ce formulaire complété, accompagné d'une photo d'identité conforme et de la copie de votre "
        "pièce d'identité. Nous vous remercions de lire attentivement les consignes ci-dessous.",
        "C07": "Il ne manque plus que votre photo et votre signature pour fabriquer votre carte Vitale.",
        "C08": "Vous nous avez signalé la perte ou le vol de votre carte Vitale. Pour en commander une nouvelle, "
        "complétez ce formulaire.",
    }[w]
    form: list = []
    hs = d.pick(("plain", "rule", "upper", "shade"))
    num = d.r(0.6)

    def h(i, text):
        return H(f"{i}. {text}" if num else text, hs)

    form.append(P(d.typo(intro)))
    form.append(h(1, d.pick(("Vérifiez vos informations", "Vos informations", "Informations vous concernant"))))
    p = holder
    kv = [
        ("Nom", f"<b>{esc(p.last.upper())}</b>"),
        ("Prénom(s)", f"<b>{esc(p.first)}</b>"),
        ("Date de naissance", d.birth_text(p, "slash")),
    ]
    if d.r(0.5):
        kv.append(("Lieu de naissance", esc(p.birth_place)))
    label = d.pick(
        (
            "N° de sécurité sociale",
            "Numéro de sécurité sociale",
            "N° d'immatriculation",
            "NIR",
            "Numéro d'inscription au répertoire",
        )
    )
    if status:
        label += d.pick((" (définitif)", " définitif"))
    if fl == "F4":
        d.tags.add("table_layout")
        rows = [
            ["Nom", esc(p.last.upper())],
            ["Prénom(s)", esc(p.first)],
            ["Né" + p.e() + " le", d.birth_text(p, "slash")],
        ]
        if rec is None:
            rows.append([label, "|__|__|__|__|__|__|__|__|__|__|__|__|__| clé |__|__|"])
        elif d.r(0.5) and not rec.omitted:
            d.tags.add("number_in_table_cells")
            d.key_apart = True
            rows.append([label, f"<b>{esc(fmt_nir(rec, 'std').rsplit(' ', 1)[0])}</b>"])
            rows.append([d.cle.capitalize(), f"<b>{rec.printed_key}</b>"])
        else:
            rows.append([label, f"<b>{d.fmt(rec)}</b>"])
        rows.append(["Adresse", esc(f"{p.street}, {p.postcode} {p.town}")])
        form.append(TBL(rows, (0.35, 0.65), header=False, grid="full", bold_col0=True))
        ident = form[-1:]
    else:
        form.append(KV(kv, label_w=0.3))
        if rec is None or d.r(0.75):
            form.append(d.boxes(rec, label + " :" if d.r(0.5) else label))
        else:
            form.append(P(f"{label} : <b>{d.fmt(rec)}</b>"))
    ident = form[-2:]
    form.append(
        P(
            d.typo(
                d.pick(
                    (
                        "Si une information est erronée, ne modifiez pas ce formulaire : contactez votre caisse.",
                        "En cas d'erreur, corrigez directement sur ce formulaire.",
                        "Vérifiez bien l'orthographe de vos nom et prénoms.",
                    )
                ),
                0.2,
            ),
            "small",
        )
    )
    form.append(h(2, d.pick(("Collez votre photo", "Votre photo d'identité", "Photo"))))
    if w in ("C06", "C01") or d.r(0.4):
        form.append(UL(d.rng.sample(PHOTO_RULES, d.rng.randint(2, 4)), d.pick(("•", "-"))))
    if d.r(0.35):
        form.append(
            CHECK(
                [
                    (
                        False,
                        "Je suis dispensé" + p.e() + " de photo (75 ans et plus, ou résidant en établissement "
                        "médico-social)",
                    )
                ],
                d.pick(("X", "glyph")),
            )
        )
    photo_cap = d.pick(
        (
            "Collez ici votre photo d'identité",
            "Photo d'identité<br/>35 × 45 mm",
            "Collez votre photo<br/>(ne pas agrafer)",
        )
    )
    sig_cap = d.pick(("Signez à l'intérieur du cadre, sans déborder", "Signature", "Votre signature (à l'encre noire)"))
    if w == "C04":
        sig_cap = "Signature du représentant légal"
    form.append(h(3, d.pick(("Signez", "Signature", "Signez le formulaire"))))
    form.append(PHOTO_SIG(photo_cap, sig_cap, side=d.r(0.7)))
    form.append(P(d.pick(CERTIFY), d.pick(("body", "bold"))))
    form.append(FIELDS(["Fait à", "Le"]))
    form.append(
        h(4, d.pick(("Joignez une pièce d'identité", "Pièce d'identité", "Photocopie de votre pièce d'identité")))
    )
    form.append(
        P(
            d.typo(
                "Joignez la photocopie recto verso de votre pièce d'identité en cours de validité (carte "
                "nationale d'identité, passeport ou titre de séjour).",
                0.15,
            )
        )
    )
    form.append(h(5, d.pick(("Renvoyez le formulaire", "Retour", "Envoi"))))
    ret = d.pick(
        (
            "Retournez ce formulaire dans l'enveloppe T jointe, sans l'affranchir.",
            "Utilisez l'enveloppe retour ci-jointe.",
            "Renvoyez le tout dans l'enveloppe fournie.",
        )
    )
    if w == "C07" or d.r(0.3):
        ret += (
            f" {d.pick(('Date limite de retour :', 'À retourner avant le', 'Merci de le renvoyer avant le'))} "
            f"{d.date(d._set_deadline(15, 45), d.pick(('slash', 'long')))}."
        )
    form.append(P(d.typo(ret)))
    if d.r(0.4):
        form.append(P(f"N° de formulaire : {d.long_id(13, 14, '09')}", "small"))
    d.spec.title = title if fl != "F2" else None
    if fl == "F2":
        d.spec.objet = objet_line(d, title)
        d.spec.salutation = d.salutation(parent)
        d.spec.body = [
            P(d.typo("Vous trouverez ci-joint le formulaire qui vous permettra d'obtenir votre carte Vitale.")),
            P(d.typo("Il vous suffit de le compléter en suivant les indications, puis de nous le renvoyer.")),
        ]
        d.closing(parent.civ())
        d.spec.annex = [BREAK(), P(f"<b>{title}</b>", "big"), *form]
        d.spec.page_numbers = d.r(0.5)
    elif fl == "F6":
        d.spec.body = [
            P(d.typo(intro)),
            P(
                d.typo(
                    "Conservez la partie haute de ce document. Renvoyez la partie basse, "
                    "complétée et signée, avec votre photo."
                )
            ),
        ]
        d.spec.body.append(
            UL(
                [
                    *d.rng.sample(PHOTO_RULES, 2),
                    "Joignez la photocopie recto verso de votre pièce "
                    "d'identité (carte nationale d'identité, passeport ou titre de séjour).",
                    ret,
                ],
                d.pick(("•", "-", "1.")),
            )
        )
        d.spec.coupon = [
            CUT(d.pick(("Partie à retourner", "Coupon à détacher et à renvoyer", ""))),
            P(f"<b>{title}</b> – {d.pick(('partie à nous retourner', 'à renvoyer complété', 'coupon-réponse'))}"),
            *ident,
            PHOTO_SIG(photo_cap, sig_cap, side=True),
            P(d.pick(CERTIFY), "small"),
            FIELDS(["Fait à", "Le"]),
        ]
    else:
        d.spec.body = form
    if fl in ("F5",) and rec is not None and d.r(0.5):
        header_nir(d, rec)
    if fl == "F3":
        d.tags.add("two_columns")


# ---------------------------------------------------------------------------------------------------------------
# other: documents that carry the number, and letters from other bodies
# ---------------------------------------------------------------------------------------------------------------

OT_WORDINGS = (
    (12, "O01"),
    (8, "O02"),
    (6, "O03"),
    (6, "O04"),
    (5, "O05"),
    (5, "O06"),
    (4, "O07"),
    (6, "O08"),
    (4, "O09"),
    (6, "O10"),
    (5, "O11"),
    (5, "O12"),
    (6, "O13"),
    (7, "O14"),
    (3, "O15"),
    (4, "O16"),
    (5, "O17"),
    (4, "O18"),
    (4, "O19"),
)
PREFECTURES = {
    "59": "du Nord",
    "64": "des Pyrénées-Atlantiques",
    "75": "de police de Paris",
    "76": "de la Seine-Maritime",
}


def org_head(d: Draft, kind: str) -> None:
    c = d.c
    d.sender = kind
    d.caisse = None
    d.tags.add("other_sender")
    cp = c[3][:5]
    if kind == "caf":
        logo = (
            ["<b>Caf</b>", esc(f"{c[0]}{c[1]}")]
            if d.r(0.6)
            else [f"<b>Caisse d'allocations familiales {esc(c[0] + c[1])}</b>"]
        )
        lines = [esc(f"{cp[:2]}{d.rng.randint(800, 999)} {d.city} Cedex"), "caf.fr"]
        foot = ["Caf.fr – appli Caf – 32 30 (service gratuit + prix d'un appel)"]
    elif kind == "urssaf":
        region = REGIONS.get(c[2], "Île-de-France")
        logo = [f"<b>Urssaf {esc(region)}</b>"]
        lines = [
            d.pick(("Service Travailleurs indépendants", "Gestion des comptes", "Recouvrement")),
            esc(f"{cp[:2]}{d.rng.randint(900, 999)} {d.city} Cedex {d.rng.randint(1, 9)}"),
        ]
        foot = ["urssaf.fr – Pour toute question, connectez-vous à votre espace en ligne."]
    elif kind == "cnav":
        logo = ["<b>L'Assurance retraite</b>", "Caisse nationale d'assurance vieillesse" if d.r(0.5) else "Cnav"]
        lines = [
            d.pick(("Service Carrière", "Relevé de carrière", "Direction régionale")),
            f"{d.pick(('75951 Paris Cedex 19', '75956 Paris Cedex 20'))}",
        ]
        foot = ["lassuranceretraite.fr – 39 60 (service gratuit + prix d'un appel)"]
    elif kind == "mutuelle":
        name = d.pick(MUTUELLES)
        logo = [f"<b>{esc(name)}</b>"]
        lines = ["Service Adhérents", f"{d.rng.randint(1, 90)} {d.pick(STREETS)}", esc(f"{cp} {d.city}")]
        foot = [
            f"{esc(name)} – mutuelle régie par le livre II du Code de la mutualité – "
            f"SIREN {long_number(d.rng, 9, '3456789')}"
        ]
    elif kind == "employer":
        name, _ = d.pick(COMPANIES)
        d._company = name
        logo = [f"<b>{esc(name)}</b>"]
        lines = [f"{d.rng.randint(1, 90)} {d.pick(STREETS)}", esc(f"{d.pick(c[4])[1]} {d.city}")]
        d.has_long = True
        foot = [f"SIRET {fmt_siret(siret(d.rng), d.rng)} – Tél. {phone(d.rng)}"]
    elif kind == "bank":
        name = d.pick(BANKS)
        logo = [f"<b>{esc(name)}</b>"]
        lines = [f"Agence de {esc(d.city)}", f"{d.rng.randint(1, 60)} {d.pick(STREETS)}", esc(f"{cp} {d.city}")]
        foot = [
            f"{esc(name)} – société anonyme coopérative – RCS {esc(d.city)} {long_number(d.rng, 9, '3456789')} – "
            f"ORIAS {long_number(d.rng, 8, '01')}"
        ]
    elif kind == "dgfip":
        logo = ["<b>DIRECTION GÉNÉRALE DES FINANCES PUBLIQUES</b>"]
        lines = [
            f"Service des impôts des particuliers de {esc(d.city)}",
            f"{d.rng.randint(1, 40)} {d.pick(STREETS)}",
            esc(f"{cp} {d.city}"),
        ]
        foot = ["impots.gouv.fr – 0 809 401 401 (service gratuit + prix d'un appel)"]
    elif kind == "prefecture":
        where = PREFECTURES.get(c[2], f"{c[0]}{c[1]}")
        logo = [f"<b>PRÉFECTURE {esc(where.upper())}</b>"]
        lines = ["Direction des migrations et de l'intégration", "Bureau du séjour", esc(f"{cp} {d.city}")]
        foot = ["Liberté – Égalité – Fraternité"]
    else:  # france_travail
        logo = ["<b>France Travail</b>"]
        lines = [f"Agence de {esc(d.city)}", f"{d.rng.randint(1, 90)} {d.pick(STREETS)}", esc(f"{cp} {d.city}")]
        foot = ["francetravail.fr – 39 49"]
    d.spec.logo, d.spec.sender_lines, d.spec.footer = logo, lines, foot
    d.spec.recipient = d.recipient()
    d.spec.date_line = d.date_line(d.city)
    d.spec.salutation = d.salutation()
    d.closing()
    d.spec.signature = [d.pick(("Le service gestion", "Votre conseiller", "La Direction", "Le responsable d'agence"))]


def carried(d: Draft, label_status: str | None = None, provisional: bool | None = None) -> NirRec:
    prov = provisional if provisional is not None else (d.person.place_kind == "abroad" and d.r(0.3))
    rec = d.nir("carried", label_status, provisional=prov)
    if label_status is None:
        d.tags.add("no_status_word")
    return rec


def _amount_rows(d: Draft, n: int) -> list[list[str]]:
    rows = []
    day = d.earlier_date(15, 60)
    acts = (
        ("Consultation généraliste", 30.0, 70),
        ("Pharmacie", 42.7, 65),
        ("Analyses de biologie", 23.4, 60),
        ("Kinésithérapie", 16.13, 60),
        ("Consultation spécialiste", 31.5, 70),
        ("Radiologie", 39.9, 70),
        ("Soins dentaires", 26.5, 70),
    )
    for _ in range(n):
        name, base, rate = d.pick(acts)
        paid = base * d.pick((1.0, 1.0, 1.15, 1.6))
        reimb = base * rate / 100 - (2.0 if "Consultation" in name else 0)
        rows.append(
            [
                fr_date(day, "slash"),
                long_number(d.rng, 9, "123456789"),
                name,
                f"{paid:.2f}".replace(".", ","),
                f"{base:.2f}".replace(".", ","),
                f"{rate} %",
                f"{max(reimb, 0):.2f}".replace(".", ","),
            ]
        )
        day += dt.timedelta(days=d.rng.randint(1, 9))
    return rows


def build_other(d: Draft) -> None:
    w = wpick(d.rng, OT_WORDINGS)
    d.wording = w
    body: list = []
    p = d.person
    if w == "O01":  # attestation de droits
        cpam_frame(d, None, refs_p=0.4)
        d.spec.salutation = None
        nia = p.place_kind == "abroad" and d.r(0.5)
        provisional_title = nia and d.r(0.7)
        d.spec.title = (
            "ATTESTATION PROVISOIRE DE DROITS"
            if provisional_title
            else d.pick(
                (
                    "ATTESTATION DE DROITS À L'ASSURANCE MALADIE",
                    "Attestation de droits",
                    "Attestation de vos droits à l'assurance maladie",
                )
            )
        )
        say = nia and d.r(0.25)
        rec = d.nir("carried", "provisoire" if say else None, provisional=nia)
        if not say and not provisional_title:
            d.tags.add("no_status_word")
        start = d.earlier_date(20, 200)
        end = min(LAST_DAY, dt.date(d.letter_date.year + d.pick((0, 1)), 12, 31))
        label = (
            "N° provisoire (NIA)" if say else d.pick(("N° de sécurité sociale", "Numéro d'immatriculation", "N° SS"))
        )
        body.append(
            P(
                d.typo(
                    "Cette attestation justifie de vos droits à l'assurance maladie. Présentez-la à vos "
                    "professionnels de santé si vous n'avez pas de carte Vitale."
                )
            )
        )
        org = f"01 {d.rng.randint(100, 999)} {d.rng.randint(1000, 9999)}"
        kv = [
            ("Assuré" + p.e(), f"<b>{esc(p.first)} {esc(p.last.upper())}</b>"),
            (label, f"<b>{d.fmt(rec)}</b>"),
            ("Date de naissance", d.birth_text(p, "slash")),
            ("Régime", "Régime général"),
            ("Caisse d'affiliation", esc(caisse_short(d.c))),
            ("Code organisme", org),
            ("Droits ouverts", f"du {fr_date(start, 'slash')} au {fr_date(end, 'slash')}"),
        ]
        if d.r(0.5):
            d.tags.add("table_layout")
            rows = [["Rubrique", "Information"]] + [[k, v] for k, v in kv]
            body.append(TBL(rows, (0.4, 0.6), grid="full"))
        else:
            body.append(KV(kv, label_w=0.35))
        if d.r(0.25):
            child = make_child(d.rng, p)
            crec = d.nir("carried", None, holder=child, main=False)
            d.tags.add("table_layout")
            body.append(P("Bénéficiaires rattachés :", "bold"))
            body.append(
                TBL(
                    [
                        ["Nom Prénom", "Né(e) le", "N° d'identification", "Qualité"],
                        [
                            esc(f"{child.last.upper()} {child.first}"),
                            fr_date(child.birth, "slash"),
                            d.fmt(crec),
                            "Enfant",
                        ],
                    ],
                    (0.3, 0.17, 0.35, 0.18),
                )
            )
        body.append(
            P(
                d.typo(
                    d.pick(
                        (
                            "Complémentaire santé solidaire : non.",
                            "Cette attestation ne vaut pas carte Vitale.",
                            "Document à conserver.",
                        )
                    )
                ),
                "small",
            )
        )
        d.spec.signature = []
        d.spec.closing = None
    elif w == "O02":  # relevé de remboursements
        cpam_frame(
            d,
            d.pick(("Relevé de vos remboursements", "Vos remboursements du mois", "Décompte de prestations")),
            refs_p=0.3,
        )
        d.spec.salutation = None
        rec = carried(d)
        if d.r(0.5):
            header_nir(d, rec)
        else:
            body.append(
                P(
                    f"Bénéficiaire : {esc(p.first)} {esc(p.last.upper())} – {d.pick(('N°', 'NIR', 'N° SS'))} "
                    f"<b>{d.fmt(rec)}</b>"
                )
            )
        rows = _amount_rows(d, d.rng.randint(3, 7))
        d.tags |= {"number_in_table_cells"}
        tbl = [["Date des soins", "N° décompte", "Nature", "Payé (€)", "Base (€)", "Taux", "Remboursé (€)"], *rows]
        body.append(TBL(tbl, (0.13, 0.14, 0.25, 0.11, 0.11, 0.09, 0.17), align=("l", "l", "l", "r", "r", "r", "r")))
        pay = d.date(d.later_date(1, 3), "slash")
        body.append(P(f"Montant versé sur votre compte le {pay} : <b>{money(d.rng, 20, 180)} €</b>"))
        body.append(P(d.typo("Ce relevé ne nécessite aucune démarche de votre part."), "small"))
        d.spec.closing, d.spec.signature = None, []
    elif w == "O03":  # indemnités journalières
        cpam_frame(
            d,
            d.pick(
                (
                    "Paiement de vos indemnités journalières",
                    "Vos indemnités journalières maladie",
                    "Relevé d'indemnités journalières",
                )
            ),
        )
        rec = carried(d)
        header_nir(d, rec) if d.r(0.6) else body.append(P(f"N° de sécurité sociale : <b>{d.fmt(rec)}</b>"))
        company, _ = d.pick(COMPANIES)
        body.append(
            P(
                d.typo(
                    f"Suite à votre arrêt de travail et à l'attestation de salaire transmise par votre "
                    f"employeur ({esc(company)}), nous avons procédé au paiement suivant :"
                )
            )
        )
        start = d.earlier_date(20, 50)
        end = start + dt.timedelta(days=d.rng.randint(5, 20))
        days_n = (end - start).days + 1
        ij = d.rng.uniform(25, 55)
        rows = [
            ["Période", "Jours", "IJ journalière brute (€)", "CSG-CRDS (€)", "Net versé (€)"],
            [
                f"du {fr_date(start, 'slash')} au {fr_date(end, 'slash')}",
                str(days_n),
                f"{ij:.2f}".replace(".", ","),
                f"{ij * days_n * 0.067:.2f}".replace(".", ","),
                f"{ij * days_n * 0.933:.2f}".replace(".", ","),
            ],
        ]
        d.tags.add("number_in_table_cells")
        body.append(TBL(rows, (0.36, 0.1, 0.18, 0.18, 0.18), align=("l", "r", "r", "r", "r")))
        body.append(
            P(
                d.typo(
                    "Les trois premiers jours de votre arrêt constituent le délai de carence et ne sont pas indemnisés."
                )
            )
        )
    elif w == "O04":  # ameli account code
        cpam_frame(
            d,
            d.pick(
                (
                    "Votre code provisoire pour votre compte ameli",
                    "Activez votre compte ameli",
                    "Votre code d'accès au compte ameli",
                )
            ),
        )
        d.omit_key = d.omit_key or d.r(0.6)
        rec = carried(d)
        code = "".join(d.pick("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(8))
        body.append(
            P(
                d.typo(
                    "Vous avez demandé à créer votre compte ameli. Voici les éléments qui vous permettront de "
                    "vous connecter pour la première fois :"
                )
            )
        )
        ident = (
            "votre numéro de sécurité sociale (13 caractères, sans la clé)"
            if rec.omitted
            else "votre numéro de sécurité sociale"
        )
        body.append(
            FRAME(
                [
                    P(f"Identifiant : {ident}"),
                    P(f"<b>{d.fmt(rec)}</b>", "num"),
                    P(f"Code provisoire : <b>{code[:4]} {code[4:]}</b>", "center"),
                ],
                d.pick(("box", "shade")),
            )
        )
        body.append(
            P(
                d.typo(
                    f"Ce code provisoire est valable jusqu'au {d.date(d.later_date(20, 40), 'slash')}. Lors de "
                    "votre première connexion, vous devrez le remplacer par un mot de passe personnel."
                )
            )
        )
    elif w == "O05":  # médecin traitant
        cpam_frame(
            d,
            d.pick(
                (
                    "Déclaration de votre médecin traitant",
                    "Votre médecin traitant",
                    "Confirmation de choix du médecin traitant",
                )
            ),
        )
        rec = carried(d)
        doc = d.pick(DOCTORS)
        rpps = "10" + long_number(d.rng, 9, "0123456789")
        body.append(
            P(
                d.typo(
                    f"Nous avons enregistré la déclaration de votre médecin traitant à compter du "
                    f"{d.date(d.earlier_date(5, 30), 'slash')}."
                )
            )
        )
        body.append(
            KV(
                [
                    ("Médecin traitant", esc(doc)),
                    ("N° RPPS", rpps),
                    ("Assuré" + p.e(), esc(f"{p.first} {p.last}")),
                    ("N° de sécurité sociale", f"<b>{d.fmt(rec)}</b>"),
                ],
                label_w=0.35,
            )
        )
        body.append(
            P(d.typo("Consulter votre médecin traitant vous garantit d'être remboursé" + p.e() + " au taux normal."))
        )
    elif w == "O06":  # complémentaire santé solidaire
        cpam_frame(
            d,
            d.pick(
                (
                    "Votre Complémentaire santé solidaire",
                    "Décision relative à votre demande de Complémentaire santé solidaire",
                )
            ),
        )
        rec = carried(d)
        start = d.later_date(1, 20)
        part = d.pick(("sans participation financière", f"avec une participation de {d.rng.randint(8, 30)} € par mois"))
        body.append(
            P(
                d.typo(
                    f"Nous avons le plaisir de vous informer que vous bénéficiez de la Complémentaire santé "
                    f"solidaire {part}, du {fr_date(start, 'slash')} au "
                    f"{fr_date(start + dt.timedelta(days=364), 'slash')}."
                )
            )
        )
        body.append(
            KV(
                [
                    ("Bénéficiaire", esc(f"{p.first} {p.last.upper()}")),
                    ("N° de sécurité sociale", f"<b>{d.fmt(rec)}</b>"),
                    ("Organisme gestionnaire", d.pick(("votre caisse d'assurance maladie", esc(d.pick(MUTUELLES))))),
                ]
            )
        )
    elif w == "O07":  # CEAM
        cpam_frame(d, "Votre carte européenne d'assurance maladie")
        d.omit_key = d.omit_key or d.r(0.3)
        rec = carried(d)
        card = long_number(d.rng, 20, "8")
        d.has_long = True
        exp = dt.date(d.letter_date.year + 2, d.letter_date.month, min(d.letter_date.day, 28))
        body.append(
            P(
                d.typo(
                    "Vous trouverez ci-dessous votre carte européenne d'assurance maladie (CEAM). Elle "
                    "atteste de vos droits lors d'un séjour temporaire dans un pays de l'Union européenne."
                )
            )
        )
        rows = [
            ["3. Nom", esc(p.last.upper())],
            ["4. Prénoms", esc(p.first)],
            ["5. Date de naissance", fr_date(p.birth, "slash")],
            ["6. Numéro d'identification personnel", f"<b>{d.fmt(rec)}</b>"],
            [
                "7. Numéro d'identification de l'institution",
                f"{d.rng.randint(1000, 9999)} – {esc(caisse_short(d.c).upper())}",
            ],
            ["8. Numéro d'identification de la carte", " ".join(card[i : i + 5] for i in range(0, 20, 5))],
            ["9. Date d'expiration", fr_date(exp, "slash")],
        ]
        d.tags |= {"table_layout", "number_far_from_keyword"}
        body.append(FRAME([TBL(rows, (0.5, 0.5), header=False, grid="rows")], "thick"))
    elif w == "O08":  # accusé de réception
        cpam_frame(
            d,
            d.pick(
                (
                    "Accusé de réception de votre demande",
                    "Nous avons bien reçu votre demande",
                    "Votre demande d'ouverture de droits",
                )
            ),
        )
        if d.r(0.5):
            say = p.place_kind == "abroad" and d.r(0.5)
            rec = d.nir("carried", "provisoire" if say else None, provisional=say)
            body.append(P(f"{'Votre numéro d' + chr(39) + 'attente' if say else 'Votre numéro'} : <b>{d.fmt(rec)}</b>"))
            if not say:
                d.tags.add("no_status_word")
        body.append(
            P(
                d.typo(
                    f"Nous avons bien reçu le {d.date(d.earlier_date(3, 20), 'slash')} votre demande "
                    "d'ouverture des droits à l'assurance maladie, accompagnée des pièces justificatives."
                )
            )
        )
        body.append(
            P(
                d.typo(
                    "Votre dossier est en cours d'examen. Le délai de traitement est actuellement de "
                    f"{d.rng.randint(3, 8)} semaines. Vous n'avez aucune démarche à effectuer : nous vous "
                    "informerons par courrier de la suite donnée."
                )
            )
        )
    elif w == "O09":  # carte Vitale in production
        cpam_frame(
            d,
            d.pick(
                (
                    "Votre carte Vitale est en cours de fabrication",
                    "Votre carte Vitale arrive",
                    "Suivi de votre commande de carte Vitale",
                )
            ),
        )
        rec = carried(d)
        body.append(
            P(
                d.typo(
                    "Nous avons bien reçu votre formulaire, votre photo et la copie de votre pièce d'identité. "
                    f"Votre carte Vitale est en cours de fabrication : vous la recevrez d'ici "
                    f"{d.rng.randint(2, 4)} semaines à l'adresse ci-dessus."
                )
            )
        )
        body.append(
            P(
                f"Carte établie au nom de {esc(p.first)} {esc(p.last.upper())}, {d.pick(('N°', 'numéro'))} "
                f"<b>{d.fmt(rec)}</b>."
            )
        )
        body.append(
            P(
                d.typo(
                    "Inutile de nous renvoyer un formulaire. Dès réception, pensez à mettre à jour votre carte "
                    "en pharmacie."
                )
            )
        )
    elif w == "O10":  # CAF
        org_head(d, "caf")
        alloc = f"{d.rng.randint(1000000, 9999999)}"
        d.spec.refs = [("N° allocataire", alloc)]
        d.spec.objet = objet_line(
            d, d.pick(("Votre aide au logement", "Vos droits aux prestations familiales", "Votre dossier"))
        )
        if d.r(0.5):
            rec = carried(d)
            d.spec.refs.append(("N° de sécurité sociale", d.fmt(rec)))
            d.tags.add("header_block")
        m0 = d.letter_date.month
        rows = [["Mois", "Prestation", "Montant"]] + [
            [
                f"{MONTHS[(m0 - k - 1) % 12]}",
                d.pick(("Aide personnalisée au logement", "Prime d'activité", "Allocations familiales")),
                f"{money(d.rng, 40, 420)} €",
            ]
            for k in range(d.rng.randint(2, 4))
        ]
        body.append(P(d.typo("Voici le détail de vos droits pour les derniers mois :")))
        body.append(TBL(rows, (0.25, 0.5, 0.25), align=("l", "l", "r")))
        if d.r(0.4):
            kinds = d.pick((["proof_of_address"], ["rib"], ["proof_of_address", "rib"]))
            body.append(P(d.typo("Pour continuer à percevoir vos prestations, merci de nous transmettre :")))
            body.append(UL(d.doc_list(list(kinds)), "•"))
            body.append(P(d.typo(f"Ces documents sont à déposer sur caf.fr {deadline_phrase(d, 0.5, 0.4)}.")))
    elif w == "O11":  # URSSAF
        org_head(d, "urssaf")
        acct = long_number(d.rng, 18, "0123456789")
        d.has_long = True
        d.spec.refs = [("N° de compte", f"{acct[:3]} {acct[3:]}"), ("SIRET", fmt_siret(siret(d.rng), d.rng))]
        d.spec.objet = objet_line(
            d, d.pick(("Échéancier de vos cotisations", "Attestation de vigilance", "Vos cotisations sociales"))
        )
        if d.r(0.4):
            rec = carried(d)
            body.append(
                P(
                    f"Travailleur indépendant : {esc(p.first)} {esc(p.last.upper())} – N° de sécurité sociale : "
                    f"<b>{d.fmt(rec)}</b>"
                )
            )
        rows = [["Échéance", "Période", "Montant"]]
        day = d.later_date(5, 20)
        for _ in range(d.rng.randint(3, 6)):
            prev = day.replace(day=1) - dt.timedelta(days=1)
            rows.append([fr_date(day, "slash"), f"{MONTHS[prev.month - 1]} {prev.year}", f"{money(d.rng, 80, 900)} €"])
            day += dt.timedelta(days=30)
        d.tags.add("number_in_table_cells")
        body.append(P(d.typo("Voici l'échéancier de vos cotisations provisionnelles :")))
        body.append(TBL(rows, (0.3, 0.4, 0.3), align=("l", "l", "r")))
    elif w == "O12":  # CNAV
        org_head(d, "cnav")
        d.person = make_person(d.rng, d.c, age=(35, 62))
        p = d.person
        d.spec.recipient = d.recipient()
        d.spec.salutation = d.salutation()
        d.closing()
        d.spec.signature = [d.pick(("Le service Carrière", "Votre conseiller retraite"))]
        rec = carried(d)
        d.spec.refs = [("N° de sécurité sociale", d.fmt(rec))]
        d.tags.add("header_block")
        d.spec.objet = objet_line(d, d.pick(("Votre relevé de carrière", "Votre relevé de situation individuelle")))
        body.append(
            P(d.typo("Vous trouverez ci-dessous le relevé des trimestres et des salaires enregistrés à votre compte."))
        )
        rows = [["Année", "Régime", "Trimestres", "Salaire retenu (€)"]]
        for y in range(d.letter_date.year - d.rng.randint(5, 9), d.letter_date.year):
            rows.append([str(y), "Régime général", str(d.rng.randint(2, 4)), money(d.rng, 9000, 38000)])
        d.tags.add("number_in_table_cells")
        body.append(TBL(rows, (0.15, 0.35, 0.2, 0.3), align=("l", "l", "r", "r")))
        body.append(P(d.typo("Si vous constatez une erreur ou un oubli, signalez-le depuis votre espace personnel.")))
    elif w == "O13":  # mutuelle
        org_head(d, "mutuelle")
        adh = long_number(d.rng, d.rng.randint(8, 12), "0123")
        d.spec.refs = [("N° d'adhérent", adh)]
        d.spec.objet = objet_line(
            d, d.pick(("Votre certificat d'adhésion", "Votre carte de tiers payant", "Bienvenue parmi nos adhérents"))
        )
        rec = carried(d)
        body.append(
            P(d.typo(f"Nous vous confirmons votre adhésion à compter du {d.date(d.later_date(1, 30), 'slash')}."))
        )
        kv = [
            ("Adhérent" + p.e(), esc(f"{p.first} {p.last.upper()}")),
            ("N° de Sécurité sociale", f"<b>{d.fmt(rec)}</b>"),
        ]
        if d.r(0.5):
            kv.append(("Régime obligatoire", esc(caisse_short(d.c))))
            kv.append(("Télétransmission NOEMIE", "active"))
        body.append(KV(kv, label_w=0.38))
        rows = [
            ["Garantie", "Remboursement"],
            ["Consultations", "100 % BR"],
            ["Pharmacie", "100 % BR"],
            ["Hospitalisation", "150 % BR"],
            ["Optique", f"{d.rng.randint(100, 300)} € / 2 ans"],
        ]
        body.append(TBL(rows, (0.55, 0.45)))
    elif w == "O14":  # payslip
        org_head(d, "employer")
        d.spec.salutation = None
        d.spec.closing = None
        d.spec.signature = []
        rec = carried(d)
        pay = d.letter_date
        start = dt.date(pay.year, pay.month, 1)
        if pay.day < 25:
            start = (start - dt.timedelta(days=1)).replace(day=1)
        end = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        d.spec.date_line = f"Date de paiement : {fr_date(pay, 'slash')}"
        d.spec.title = "BULLETIN DE PAIE" if d.r(0.5) else "Bulletin de salaire"
        d.spec.refs = [
            ("Période", f"du {fr_date(start, 'slash')} au {fr_date(end, 'slash')}"),
            ("Code NAF", NAF[d.pick(COMPANIES)[1]]),
            ("Convention collective", d.pick(("IDCC 1501", "IDCC 1979", "IDCC 3043"))),
        ]
        emp = [
            ["Salarié" + p.e(), esc(f"{p.civ()} {p.first} {p.last.upper()}")],
            [
                "Emploi",
                d.pick(
                    (
                        "Agent de propreté",
                        "Préparateur de commandes",
                        "Commis de cuisine",
                        "Développeur",
                        "Aide-soignant" + p.e(),
                        "Ouvrier agricole",
                    )
                ),
            ],
            ["Date d'entrée", fr_date(d.earlier_date(60, 400), "slash")],
            [d.pick(("N° de sécurité sociale", "N° SS", "Matricule SS")), f"<b>{d.fmt(rec)}</b>"],
        ]
        d.tags |= {"table_layout", "number_in_table_cells"}
        body.append(TBL(emp, (0.35, 0.65), header=False, grid="box", bold_col0=True))
        gross = d.rng.uniform(1750, 3200)
        lines = [
            ("Salaire de base", "151,67", "", gross),
            ("Santé – Sécurité sociale", f"{gross:.2f}", "", 0.0),
            ("Complémentaire santé", f"{gross:.2f}", "", -d.rng.uniform(20, 45)),
            ("Retraite – Sécurité sociale plafonnée", f"{gross:.2f}", "6,90", -gross * 0.069),
            ("Retraite complémentaire T1", f"{gross:.2f}", "4,01", -gross * 0.0401),
            ("CSG déductible", f"{gross * 0.9825:.2f}", "6,80", -gross * 0.9825 * 0.068),
            ("CSG/CRDS non déductible", f"{gross * 0.9825:.2f}", "2,90", -gross * 0.9825 * 0.029),
        ]
        net = gross + sum(x[3] for x in lines[1:])
        rows = [["Rubrique", "Base", "Taux", "Montant"]]
        for name, base, rate, amount in lines:
            rows.append([name, base.replace(".", ","), rate, f"{amount:.2f}".replace(".", ",") if amount else ""])
        rows.append(["<b>Net à payer avant impôt</b>", "", "", f"<b>{net:.2f}</b>".replace(".", ",")])
        rows.append(
            [
                "Impôt sur le revenu prélevé à la source",
                f"{net:.2f}".replace(".", ","),
                "2,50",
                f"-{net * 0.025:.2f}".replace(".", ","),
            ]
        )
        rows.append(["<b>Net payé</b>", "", "", f"<b>{net * 0.975:.2f}</b>".replace(".", ",")])
        body.append(TBL(rows, (0.48, 0.18, 0.12, 0.22), align=("l", "r", "r", "r")))
        body.append(
            P(
                d.typo(
                    "Dans votre intérêt et pour vous aider à faire valoir vos droits, conservez ce bulletin "
                    "de paie sans limitation de durée."
                ),
                "small",
            )
        )
    elif w == "O15":  # employer letter asking for the number
        org_head(d, "employer")
        d.spec.objet = objet_line(
            d, d.pick(("Votre numéro de sécurité sociale", "Dossier administratif", "Pièces pour votre embauche"))
        )
        body.append(
            P(
                d.typo(
                    f"Dans le cadre de votre embauche au sein de {esc(d._company)} à compter du "
                    f"{d.date(d.earlier_date(3, 30), 'slash')}, nous avons besoin de compléter votre dossier."
                )
            )
        )
        body.append(
            P(
                d.typo(
                    "Merci de nous communiquer votre numéro de sécurité sociale définitif dès que vous l'aurez "
                    "reçu de la CPAM, ainsi que :"
                )
            )
        )
        body.append(UL(d.doc_list(list(d.pick((["rib"], ["rib", "residence_permit"], ["residence_permit"])))), "-"))
        body.append(P(d.typo(f"À remettre au service du personnel {deadline_phrase(d, 0.4, 0.4)}.")))
    elif w == "O16":  # bank
        org_head(d, "bank")
        ib, bic = iban(d.rng)
        d.spec.objet = objet_line(
            d, d.pick(("Ouverture de votre compte", "Vos coordonnées bancaires", "Confirmation de votre RIB"))
        )
        body.append(
            P(
                d.typo(
                    "Nous avons le plaisir de vous confirmer l'ouverture de votre compte de dépôt. Vos "
                    "coordonnées bancaires sont les suivantes :"
                )
            )
        )
        body.append(
            FRAME(
                [
                    KV(
                        [
                            ("Titulaire", esc(f"{p.civ()} {p.first} {p.last.upper()}")),
                            ("IBAN", f"<b>{ib}</b>"),
                            ("BIC", bic),
                            ("Domiciliation", f"Agence de {esc(d.city)}"),
                        ],
                        label_w=0.3,
                    )
                ],
                "box",
            )
        )
        body.append(
            P(
                d.typo(
                    "Vous pouvez communiquer ce RIB à votre employeur et à votre caisse d'assurance maladie "
                    "pour le versement de vos remboursements."
                )
            )
        )
        body.append(P(f"Tarif de la tenue de compte : {money(d.rng, 1, 3)} € par mois."))
    elif w == "O17":  # tax office
        org_head(d, "dgfip")
        fisc = pick(d.rng, "0123") + digits(12, d.rng)
        d.has_long = True
        avis = f"{d.letter_date.year % 100:02d} {d.c[2][:2]} {digits(7, d.rng)} {digits(2, d.rng)}"
        d.spec.refs = [
            ("Numéro fiscal", f"{fisc[:2]} {fisc[2:4]} {fisc[4:7]} {fisc[7:10]} {fisc[10:]}" if d.r(0.5) else fisc),
            ("Référence de l'avis", avis),
        ]
        d.spec.objet = objet_line(
            d,
            d.pick(("Votre déclaration de revenus", "Votre avis de situation déclarative", "Votre espace particulier")),
        )
        rev = money(d.rng, 12000, 42000)
        body.append(P(d.typo("Suite à votre déclaration de revenus, voici les éléments retenus :")))
        body.append(
            TBL(
                [
                    ["Revenu fiscal de référence", f"{rev} €"],
                    ["Nombre de parts", d.pick(("1", "1,5", "2", "2,5"))],
                    ["Taux de prélèvement à la source", f"{d.rng.randint(0, 9)},{d.rng.randint(0, 9)} %"],
                ],
                (0.6, 0.4),
                header=False,
                align=("l", "r"),
            )
        )
        body.append(P(d.typo("Votre numéro fiscal vous permet de créer votre espace particulier sur impots.gouv.fr.")))
        d.tags.add("long_non_nir")
    elif w == "O18":  # préfecture
        org_head(d, "prefecture")
        d.person = make_person(d.rng, d.c, "abroad")
        p = d.person
        d.spec.recipient = d.recipient()
        d.spec.salutation = d.salutation()
        d.closing()
        d.spec.signature = ["Pour le préfet et par délégation,", "Le chef du bureau du séjour"]
        etr = f"{d.c[2][:2]}{digits(8, d.rng)}"
        d.spec.refs = [("N° étranger", etr), ("N° de dossier", f"{d.letter_date.year}-{digits(6, d.rng)}")]
        d.reference = d.spec.refs[-1][1]
        d.spec.objet = objet_line(d, d.pick(("Votre demande de titre de séjour", "Convocation", "Récépissé")))
        rdv = d.later_date(10, 40)
        body.append(
            P(
                d.typo(
                    f"Votre demande de titre de séjour a été enregistrée. Vous êtes convoqué{p.e()} le "
                    f"{fr_date(rdv, 'long')} à {d.rng.randint(8, 15)} h {d.pick(('00', '15', '30', '45'))} "
                    "au bureau du séjour, muni" + p.e() + " des pièces suivantes :"
                )
            )
        )
        body.append(
            UL(
                d.doc_list(
                    list(
                        d.pick(
                            (["passport", "proof_of_address"], ["passport", "birth_certificate", "proof_of_address"])
                        )
                    )
                ),
                "•",
            )
        )
    else:  # O19 France Travail
        org_head(d, "france_travail")
        ident = f"{digits(7, d.rng)}{d.pick('ABCDEFGHJKLMN')}"
        d.spec.refs = [("Identifiant", ident)]
        d.spec.objet = objet_line(
            d, d.pick(("Confirmation de votre inscription", "Votre inscription à France Travail"))
        )
        body.append(
            P(
                d.typo(
                    f"Votre inscription comme demandeur d'emploi est effective depuis le "
                    f"{d.date(d.earlier_date(2, 20), 'slash')}."
                )
            )
        )
        if d.r(0.5):
            rec = carried(d)
            body.append(
                KV(
                    [
                        ("Nom", esc(p.last.upper())),
                        ("Prénom", esc(p.first)),
                        ("N° de sécurité sociale", f"<b>{d.fmt(rec)}</b>"),
                    ],
                    label_w=0.35,
                )
            )
        body.append(P(d.typo("Pensez à vous actualiser chaque mois, entre le 28 et le 15 du mois suivant.")))
    d.spec.body = body


# ---------------------------------------------------------------------------------------------------------------
# Assembly
# ---------------------------------------------------------------------------------------------------------------

BUILDERS = {
    "number_assignment": build_number_assignment,
    "documents_request": build_documents_request,
    "carte_vitale_form": build_carte_vitale_form,
    "other": build_other,
}
LETTER_LAYOUTS = (
    (14, "L1"),
    (10, "L2"),
    (11, "L3"),
    (9, "L4"),
    (10, "L5"),
    (10, "L6"),
    (10, "L7"),
    (10, "L8"),
    (8, "L9"),
)
TWO_COLUMN_LAYOUTS = {"L2", "L4"}


def generic_coupon(d: Draft) -> list:
    p = d.person
    out = [CUT(d.pick(("Coupon à détacher et à retourner", "Partie à joindre à votre envoi", "")))]
    out.append(
        P(d.pick(("<b>COUPON-RÉPONSE</b>", "<b>Coupon à joindre à votre réponse</b>", "<b>À nous retourner</b>")))
    )
    kv = [("Nom, prénom", esc(f"{p.last.upper()} {p.first}"))]
    if d.reference:
        kv.append(("Référence", esc(d.reference)))
    out.append(KV(kv, label_w=0.3))
    if d.main is not None and d.r(0.6):
        out.append(d.boxes(d.main, d.pick(("N° de sécurité sociale", "N° d'immatriculation", "N° :"))))
    if d.documents and d.r(0.6):
        phrases = [DOC_PHRASES[k][0] for k in d.documents]
        out.append(P("Je joins à ce coupon :", "small"))
        out.append(CHECK([(False, x[0].upper() + x[1:]) for x in phrases], d.pick(("X", "glyph"))))
    out.append(
        P(
            d.pick(
                (
                    "Je certifie sur l'honneur l'exactitude des renseignements ci-dessus.",
                    "Je certifie exacts les renseignements portés sur ce coupon.",
                    "Je certifie que les pièces jointes sont conformes aux originaux.",
                )
            ),
            "small",
        )
    )
    out.append(FIELDS(["Date", "Signature"]))
    d.tags.add("form")
    return out


def pdf_text(pdf: bytes) -> str:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        parts = []
        for i in range(len(doc)):
            page = doc[i]
            tp = page.get_textpage()
            parts.append(tp.get_text_range())
            tp.close()
            page.close()
        return "\n".join(parts)
    finally:
        doc.close()


def normalize(text: str) -> str:
    return re.sub(r"[\s.\-/\u00a0\u2010\u2011\u2013]", "", text)


def stray_nirs(pdf: bytes, allowed: set[str]) -> list[str]:
    """Valid social security numbers the text layer would yield, digits joined, that the truth does not list."""
    norm = normalize(pdf_text(pdf))
    out = []
    for m in re.finditer(r"[0-9AB]{15,}", norm):
        run = m.group(0)
        for i in range(len(run) - 14):
            w = run[i : i + 15]
            if is_nir(w) and w not in allowed:
                out.append(w)
    return out


def _finish(d: Draft) -> None:
    cpam = d.sender == "cpam"
    if not d.layout:
        pool = [x for x in LETTER_LAYOUTS if cpam or x[1] not in ("L4", "L6")]
        if d.type == "other" and d.wording not in ("O05", "O06", "O08", "O10", "O13", "O15", "O18", "O19"):
            pool = [x for x in pool if x[1] != "L8"]
        if d.wording == "A10":
            pool = [(w * (4 if v == "L6" else 1), v) for w, v in pool]
        d.layout = wpick(d.rng, pool)
        d.base_layout = d.layout
    if d.base_layout == "L6":
        d.spec.page_numbers = True
        if not d.spec.annex:
            d.spec.annex = info_annex(d)
    elif d.base_layout == "L4" and not d.spec.annex:
        d.spec.annex = info_annex(d, (2, 4))
    elif cpam and d.type != "carte_vitale_form" and not d.spec.annex and d.r(0.2):
        d.spec.annex = info_annex(d, (1, 2))
    if d.base_layout == "L8" and not d.spec.coupon:
        d.spec.coupon = generic_coupon(d)
    if d.base_layout in TWO_COLUMN_LAYOUTS:
        d.tags.add("two_columns")
    if "header_block" in d.tags and d.base_layout in ("L3", "L7"):
        d.tags.add("table_layout")
        if d.header_status:
            d.tags.add("status_in_table")
    if d.spec.page_numbers is False and d.r(0.15):
        d.spec.page_numbers = True


def _truth(d: Draft) -> dict:
    tags = set(d.tags)
    main = d.main
    if main is None or main.status is not None:
        tags.discard("no_status_word")
    if main is None:
        tags -= {"status_far", "status_in_table", "status_in_sentence", "number_far_from_keyword"}
    if d.key_apart:
        tags.add("key_apart")
    if any(n.omitted for n in d.numbers):
        tags.add("key_omitted")
        tags.discard("key_apart") if all(n.omitted for n in d.numbers) else None
    if main is not None and not main.valid:
        tags.add("wrong_key")
    if main is not None:
        kind = main.holder.place_kind
        if kind == "corsica":
            tags.add("corsica")
        elif kind == "overseas":
            tags.add("overseas")
        elif kind in ("abroad", "algeria_old"):
            tags.add("born_abroad")
    if d.has_long:
        tags.add("long_non_nir")
    if d.sender != "cpam":
        tags.add("other_sender")
    seen, numbers = set(), []
    for n in d.numbers:
        if n.value not in seen:
            seen.add(n.value)
            numbers.append(n.truth())
    truth = {
        "letter_type": d.type,
        "nir": main.value if main else None,
        "nir_status": main.status if main else None,
        "nir_valid": main.valid if main else None,
        "old_nir": d.old.value if d.old else None,
        "numbers": numbers,
        "documents": list(d.documents),
        "letter_date": d.letter_date.isoformat(),
        "deadline": d.deadline.isoformat() if d.deadline else None,
        "caisse": d.caisse,
        "reference": d.reference,
        "sender": d.sender,
        "wording": d.wording,
        "layout": d.layout,
        "tags": sorted(t for t in tags if t in HARD_CASES),
    }
    assert tuple(sorted(truth)) == tuple(sorted(TRUTH_KEYS))
    return truth


def _fonts(pdf: bytes) -> tuple[str, ...]:
    return tuple(sorted({m.decode() for m in re.findall(rb"/BaseFont /[A-Z]{6}\+([A-Za-z0-9-]+)", pdf)}))


def make_document(rng: random.Random, letter_type: str, doc_id: str) -> FamilyDocument:
    """One letter of ``letter_type``: its digital PDF and its truth, drawn from ``rng`` alone."""
    if letter_type not in LETTER_TYPES:
        raise ValueError(f"unknown letter type {letter_type!r}")
    last_error: Exception | None = None
    for _ in range(25):
        d = Draft(rng, letter_type, doc_id)
        BUILDERS[letter_type](d)
        _finish(d)
        try:
            pdf = render(d.spec, d.look, d.base_layout, rng)
        except Exception as exc:  # a block too big for its frame: draw another letter
            last_error = exc
            continue
        if stray_nirs(pdf, {n.value for n in d.numbers}):
            continue
        return FamilyDocument(pdf=pdf, truth=_truth(d), fonts=_fonts(pdf))
    raise RuntimeError(f"could not draw a {letter_type} letter for {doc_id}") from last_error


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--count", type=int, default=40)
    ap.add_argument("--seed", default="0")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for i in range(args.count):
        letter_type = LETTER_TYPES[i % len(LETTER_TYPES)]
        doc = make_document(random.Random(f"{args.seed}:{i}"), letter_type, f"{i:04d}")
        stem = args.out / f"{i:04d}-{letter_type}"
        stem.with_suffix(".pdf").write_bytes(doc.pdf)
        stem.with_suffix(".json").write_text(
            json.dumps(doc.truth, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
        )


if __name__ == "__main__":
    main()
