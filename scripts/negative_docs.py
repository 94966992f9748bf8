"""Negative suite: French administrative and commercial documents that are NOT CPAM letters and carry NO NIR.

Why: on real documents that are not letters from the Assurance Maladie, the reader joined digits of neighbouring
table cells into a "social security number" and typed bank statements, CAF forms and state attestations as
"documents_request". This family gives the benchmark documents on which the only right answer is: no number, type
"other". It was written apart from the reader and from the other families (from ``/work/shared/reference`` and
general knowledge of French paperwork only), so it does not share their templates, wordings or fonts.

What it makes: bills (electricity/gas, telephone, water, train), bank statements and bank letters, CAF attestations
and forms, tax notices, URSSAF letters, prefecture receipts and convocations, hosting attestations, rent receipts,
insurance and mutuelle letters, France Travail letters, work certificates, payslips without a NIR, school
certificates, La Poste notices, mairie letters and notary letters: one function per kind, each with several
wordings and layouts. Many use the CAF/CPAM vocabulary ("pièces justificatives", "veuillez nous adresser",
"dossier incomplet", "immatriculation", "provisoire", "attestation", "carte", "numéro"...) and carry look-alike
numbers: SIRET, IBAN, PDL/PCE, tax numbers, contract numbers grouped like a NIR with a wrong key, EAN-13 codes,
IMEI, tables whose neighbouring numeric cells join into 13-15 digits.

Guarantee: no 15-character window of a page's text (all non-alphanumerics removed, 2A/2B considered) is a valid
NIR for ``stdnum.fr.nir``; a draw that prints one is thrown away and the document drawn again from the same
generator (so the result stays deterministic for a given ``rng`` state).

Truth conventions: ``letter_date`` is the document's own printed date (issue date, "Fait à ..., le"), None when
none is printed; ``deadline`` is a printed date by which the recipient must act (pay, send, reply, collect), None
when only a delay ("dans un délai de 30 jours") or an appointment is printed; ``reference`` is the value printed
after "Référence"/"Réf."/"N° de dossier"-like labels chosen as the document's reference; ``documents`` lists, once
each in order of first mention, the kinds of the documents the text asks the reader to send or bring.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from random import Random
from typing import Any

import pypdfium2
from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from stdnum import ean, luhn
from stdnum.fr import nif
from stdnum.fr import nir as stdnir

from family import HARD_CASES, TRUTH_KEYS, FamilyDocument

FAMILY = "negative"
LETTER_TYPES = ("other",)

PAGE_W, PAGE_H = A4
MAX_ATTEMPTS = 400

# ----------------------------------------------------------------------------------------------------------------
# Fonts
# ----------------------------------------------------------------------------------------------------------------

FONT_ROOT = Path("/usr/share/fonts/truetype")
FONT_FILES = {
    "LiberationSans": ("LiberationSans-Regular", "LiberationSans-Bold", "LiberationSans-Italic"),
    "LiberationSerif": ("LiberationSerif-Regular", "LiberationSerif-Bold", "LiberationSerif-Italic"),
    "LiberationMono": ("LiberationMono-Regular", "LiberationMono-Bold", "LiberationMono-Italic"),
    "FreeSans": ("FreeSans", "FreeSansBold", "FreeSansOblique"),
    "FreeSerif": ("FreeSerif", "FreeSerifBold", "FreeSerifItalic"),
    "DejaVuSans": ("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"),
    "DejaVuSansCondensed": ("DejaVuSansCondensed", "DejaVuSansCondensed-Bold", "DejaVuSansCondensed-Oblique"),
    "DejaVuSerif": ("DejaVuSerif", "DejaVuSerif-Bold", "DejaVuSerif-Italic"),
    "DejaVuSerifCondensed": ("DejaVuSerifCondensed", "DejaVuSerifCondensed-Bold", "DejaVuSerifCondensed-Italic"),
}
FONT_DIRS = {"Liberation": "liberation2", "Free": "freefont", "DejaVu": "dejavu"}
SANS = ("LiberationSans", "FreeSans", "DejaVuSans", "DejaVuSansCondensed")
SERIF = ("LiberationSerif", "FreeSerif", "DejaVuSerif", "DejaVuSerifCondensed")
STYLES = {"": 0, "b": 1, "i": 2}


def font_path(family: str, style: str) -> Path:
    stem = FONT_FILES[family][STYLES[style]]
    folder = next(d for prefix, d in FONT_DIRS.items() if family.startswith(prefix))
    return FONT_ROOT / folder / f"{stem}.ttf"


def font_name(family: str, style: str) -> str:
    """Register (once) and name the TrueType font of ``family`` in ``style`` ("", "b" bold, "i" italic)."""
    name = f"neg-{family}-{style or 'r'}"
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(font_path(family, style))))
    return name


# ----------------------------------------------------------------------------------------------------------------
# People, places, dates
# ----------------------------------------------------------------------------------------------------------------

# fmt: off
FIRST_F = ("Amina", "Sofia", "Elena", "Julie", "Fatou", "Ioana", "Claire", "Ana", "Marie", "Aïcha", "Leila",
           "Camille", "Inès", "Mariam", "Oksana", "Thi Lan", "Beatriz", "Nadia", "Chloé", "Salma")
FIRST_M = ("Karim", "Mamadou", "Thomas", "Mehdi", "Yusuf", "Rachid", "Lucas", "Piotr", "Oumar", "Dmitri",
           "Julien", "Youssef", "Andrei", "Minh", "João", "Samuel", "Hugo", "Ibrahima", "Nicolas", "Adel")
LAST = ("Diallo", "Martin", "Benali", "Nguyen", "Popescu", "Moreau", "Traoré", "Silva", "Kowalski", "Haddad",
        "Lefèvre", "Garcia", "Mensah", "Rossi", "Bernard", "Petit", "Dubois", "Chen", "Keita", "Fernandes",
        "Ivanova", "Roux", "Mbaye", "Lambert", "Bouzid", "Girard", "Kaya", "Da Costa", "Ndiaye", "Fontaine")
STREETS = ("rue de la République", "avenue Jean Jaurès", "boulevard Voltaire", "rue Victor Hugo", "allée des Tilleuls",
           "rue du Général Leclerc", "impasse des Lilas", "chemin des Vignes", "place de la Mairie", "rue Pasteur",
           "quai de la Loire", "cours Gambetta", "rue des Écoles", "avenue de la Gare", "rue Émile Zola",
           "boulevard de la Liberté", "rue du Moulin", "rue Paul Bert", "avenue des Frères Lumière")
EXTRAS = ("Bât. B", "Résidence Les Acacias", "Appt 34", "Esc. 2, 3e étage", "Chez M. Haddad", "Bâtiment C, porte 12",
          "Résidence du Parc", "Logement 214")
BIRTHPLACES = ("Casablanca (Maroc)", "Dakar (Sénégal)", "Bucarest (Roumanie)", "Tunis (Tunisie)", "Alger (Algérie)",
               "Porto (Portugal)", "Hanoï (Viêt Nam)", "Kinshasa (RD Congo)", "Bamako (Mali)", "Kyiv (Ukraine)",
               "Lyon (Rhône)", "Marseille (Bouches-du-Rhône)", "Lille (Nord)", "Ajaccio (Corse-du-Sud)",
               "Saint-Denis (La Réunion)", "Istanbul (Turquie)", "São Paulo (Brésil)", "Cracovie (Pologne)")
# fmt: on


@dataclass(frozen=True)
class Dept:
    code: str
    name: str
    of: str  # "du Rhône"
    city: str  # chef-lieu
    towns: tuple[tuple[str, str], ...]  # (postcode, town)


DEPTS = (
    Dept("75", "Paris", "de Paris", "Paris", (("75011", "Paris"), ("75018", "Paris"), ("75013", "Paris"))),
    Dept("69", "Rhône", "du Rhône", "Lyon", (("69003", "Lyon"), ("69100", "Villeurbanne"), ("69200", "Vénissieux"))),
    Dept(
        "13",
        "Bouches-du-Rhône",
        "des Bouches-du-Rhône",
        "Marseille",
        (("13005", "Marseille"), ("13100", "Aix-en-Provence"), ("13200", "Arles")),
    ),
    Dept("31", "Haute-Garonne", "de la Haute-Garonne", "Toulouse", (("31000", "Toulouse"), ("31700", "Blagnac"))),
    Dept(
        "44",
        "Loire-Atlantique",
        "de la Loire-Atlantique",
        "Nantes",
        (("44000", "Nantes"), ("44600", "Saint-Nazaire"), ("44400", "Rezé")),
    ),
    Dept("67", "Bas-Rhin", "du Bas-Rhin", "Strasbourg", (("67000", "Strasbourg"), ("67300", "Schiltigheim"))),
    Dept("59", "Nord", "du Nord", "Lille", (("59000", "Lille"), ("59100", "Roubaix"), ("59200", "Tourcoing"))),
    Dept("33", "Gironde", "de la Gironde", "Bordeaux", (("33800", "Bordeaux"), ("33600", "Pessac"))),
    Dept("35", "Ille-et-Vilaine", "d'Ille-et-Vilaine", "Rennes", (("35000", "Rennes"), ("35400", "Saint-Malo"))),
    Dept("34", "Hérault", "de l'Hérault", "Montpellier", (("34000", "Montpellier"), ("34500", "Béziers"))),
    Dept("06", "Alpes-Maritimes", "des Alpes-Maritimes", "Nice", (("06000", "Nice"), ("06400", "Cannes"))),
    Dept(
        "93",
        "Seine-Saint-Denis",
        "de la Seine-Saint-Denis",
        "Bobigny",
        (("93200", "Saint-Denis"), ("93100", "Montreuil"), ("93000", "Bobigny")),
    ),
    Dept("38", "Isère", "de l'Isère", "Grenoble", (("38000", "Grenoble"), ("38400", "Saint-Martin-d'Hères"))),
    Dept("21", "Côte-d'Or", "de la Côte-d'Or", "Dijon", (("21000", "Dijon"), ("21300", "Chenôve"))),
    Dept("2A", "Corse-du-Sud", "de la Corse-du-Sud", "Ajaccio", (("20000", "Ajaccio"), ("20090", "Ajaccio"))),
    Dept("974", "La Réunion", "de La Réunion", "Saint-Denis", (("97400", "Saint-Denis"), ("97410", "Saint-Pierre"))),
)

# fmt: off
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")
# fmt: on
REGIONS = {
    "75": "Île-de-France",
    "69": "Rhône-Alpes",
    "13": "Provence-Alpes-Côte d'Azur",
    "31": "Midi-Pyrénées",
    "44": "Pays de la Loire",
    "67": "Alsace",
    "59": "Nord - Pas-de-Calais",
    "33": "Aquitaine",
    "35": "Bretagne",
    "34": "Languedoc-Roussillon",
    "06": "Provence-Alpes-Côte d'Azur",
    "93": "Île-de-France",
    "38": "Rhône-Alpes",
    "21": "Bourgogne",
    "2A": "Corse",
    "974": "La Réunion",
}  # fmt: skip
MONTHS_SHORT = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc.")
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


@dataclass(frozen=True)
class Person:
    female: bool
    first: str
    last: str
    street: str
    extra: str | None
    postcode: str
    town: str
    dept: Dept
    born: date
    birthplace: str

    @property
    def civ(self) -> str:
        return "Mme" if self.female else "M."

    @property
    def full(self) -> str:
        return f"{self.civ} {self.first} {self.last.upper()}"

    @property
    def plain(self) -> str:
        return f"{self.first} {self.last.upper()}"

    @property
    def e(self) -> str:
        """The feminine ending "e" when needed ("né(e)" → "née")."""
        return "e" if self.female else ""

    def address(self) -> list[str]:
        lines = [self.full.upper() if self.last.isascii() else self.full]
        if self.extra:
            lines.append(self.extra)
        lines += [self.street, f"{self.postcode} {self.town.upper()}"]
        return lines

    def one_line_address(self) -> str:
        return f"{self.street}, {self.postcode} {self.town}"


def person(rng: Random, dept: Dept | None = None, adult: bool = True) -> Person:
    female = rng.random() < 0.5
    dept = dept or rng.choice(DEPTS)
    postcode, town = rng.choice(dept.towns)
    num = rng.randint(1, 148)
    suffix = rng.choice(("", "", "", " bis", " ter"))
    years = (1958, 2003) if adult else (2006, 2018)
    born = date(rng.randint(*years), rng.randint(1, 12), rng.randint(1, 28))
    return Person(
        female=female,
        first=rng.choice(FIRST_F if female else FIRST_M),
        last=rng.choice(LAST),
        street=f"{num}{suffix} {rng.choice(STREETS)}",
        extra=rng.choice(EXTRAS) if rng.random() < 0.35 else None,
        postcode=postcode,
        town=town,
        dept=dept,
        born=born,
        birthplace=rng.choice(BIRTHPLACES),
    )


def child_of(rng: Random, parent: Person) -> Person:
    """A child of ``parent``: same department, born when the parent was 20 to 42 (and not after 2023)."""
    c = person(rng, parent.dept, adult=False)
    year = min(2023, parent.born.year + rng.randint(20, 42))
    return Person(
        c.female,
        c.first,
        parent.last,
        parent.street,
        parent.extra,
        parent.postcode,
        parent.town,
        parent.dept,
        date(year, rng.randint(1, 12), rng.randint(1, 28)),
        c.birthplace,
    )


def some_date(rng: Random, start: date = date(2022, 1, 3), end: date = date(2025, 11, 28)) -> date:
    return start + timedelta(days=rng.randrange((end - start).days))


def fdate(d: date, style: str = "num") -> str:
    """A French date: num 12/03/2024, dot 12.03.2024, long 12 mars 2024 (1er), full mardi 12 mars 2024."""
    if style == "num":
        return d.strftime("%d/%m/%Y")
    if style == "dot":
        return d.strftime("%d.%m.%Y")
    if style == "dash":
        return d.strftime("%d-%m-%Y")
    day = "1er" if d.day == 1 else str(d.day)
    text = f"{day} {MONTHS[d.month - 1]} {d.year}"
    return f"{WEEKDAYS[d.weekday()]} {text}" if style == "full" else text


def slug(s: str) -> str:
    """ "Saint-Martin-d'Hères" → "saint-martin-d-heres" (for web and mail addresses)."""
    plain = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def month_year(d: date) -> str:
    return f"{MONTHS[d.month - 1]} {d.year}"


def add_months(d: date, n: int) -> date:
    m = d.month - 1 + n
    return date(d.year + m // 12, m % 12 + 1, min(d.day, 28))


# ----------------------------------------------------------------------------------------------------------------
# Numbers (every one of them drawn, none a social security number)
# ----------------------------------------------------------------------------------------------------------------


def digits(rng: Random, n: int, first: str = "123456789") -> str:
    return rng.choice(first) + "".join(rng.choice("0123456789") for _ in range(n - 1))


def group(s: str, sizes: Sequence[int], sep: str = " ") -> str:
    out, i = [], 0
    for n in sizes:
        out.append(s[i : i + n])
        i += n
    if i < len(s):
        out.append(s[i:])
    return sep.join(p for p in out if p)


def siren(rng: Random) -> str:
    body = digits(rng, 8)
    return body + luhn.calc_check_digit(body)


def siret(rng: Random, base: str | None = None) -> str:
    body = (base or siren(rng)) + "00" + f"{rng.randint(1, 99):02d}"
    return body + luhn.calc_check_digit(body)


def fmt_siren(s: str) -> str:
    return group(s, (3, 3, 3))


def fmt_siret(s: str) -> str:
    return group(s, (3, 3, 3, 5))


def rib_key(bank: str, branch: str, account: str) -> str:
    conv = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "12345678912345678923456789")
    acc = account.translate(conv)
    return f"{97 - (89 * int(bank) + 15 * int(branch) + 3 * int(acc)) % 97:02d}"


@dataclass(frozen=True)
class BankAccount:
    bank: str
    branch: str
    account: str
    key: str
    bic: str

    @property
    def iban(self) -> str:
        bban = self.bank + self.branch + self.account + self.key
        check = 98 - int(bban + "152700") % 97
        return f"FR{check:02d}{bban}"

    def iban_print(self, masked: bool = False) -> str:
        s = self.iban
        if masked:
            s = s[:4] + "*" * (len(s) - 8) + s[-4:]
        return " ".join(s[i : i + 4] for i in range(0, len(s), 4))


def bank_account(rng: Random, bank_code: str | None = None, bic: str | None = None) -> BankAccount:
    bank = bank_code or digits(rng, 5)
    branch = digits(rng, 5, "0123456789")
    account = digits(rng, 11, "0")
    return BankAccount(bank, branch, account, rib_key(bank, branch, account), bic or "BNPAFRPPXXX")


def tax_number(rng: Random) -> str:
    body = rng.choice("0123") + digits(rng, 9, "0123456789")
    return body + nif.calc_check_digits(body + "000")


def ean13(rng: Random, prefix: str = "3") -> str:
    body = prefix + digits(rng, 12 - len(prefix), "0123456789")
    return body + ean.calc_check_digit(body)


def imei(rng: Random) -> str:
    body = rng.choice(("35", "86", "01")) + digits(rng, 12, "0123456789")
    return body + luhn.calc_check_digit(body)


def s10(rng: Random, service: str = "RR") -> str:
    """A La Poste/UPU S10 tracking number, e.g. RR123456785FR (13 characters, weighted check digit)."""
    body = digits(rng, 8, "0123456789")
    total = sum(int(c) * w for c, w in zip(body, (8, 6, 4, 2, 3, 5, 9, 7), strict=True))
    check = 11 - total % 11
    check = 0 if check == 10 else 5 if check == 11 else check
    return f"{service}{body}{check}FR"


def nir_shaped_wrong_key(rng: Random) -> str:
    """13 digits shaped like a NIR (sex, year, month, place, commune, order) + a key that does NOT match."""
    while True:
        body = (
            rng.choice("12")
            + f"{rng.randint(50, 99):02d}"
            + f"{rng.randint(1, 12):02d}"
            + f"{rng.choice((13, 31, 44, 59, 69, 75, 93, 99)):02d}"
            + digits(rng, 3, "0123456789")
            + digits(rng, 3, "0123456789")
        )
        good = 97 - int(body) % 97
        key = rng.randint(1, 97)
        if key != good and not stdnir.is_valid(body + f"{key:02d}"):
            return body + f"{key:02d}"


def fmt_nir_shape(s: str) -> str:
    return group(s, (1, 2, 2, 2, 3, 3, 2))


def phone(rng: Random, first: str = "1234569") -> str:
    d = "0" + rng.choice(first) + digits(rng, 8, "0123456789")
    return " ".join(d[i : i + 2] for i in range(0, 10, 2))


def mobile(rng: Random) -> str:
    return phone(rng, "67")


def plate(rng: Random) -> str:
    letters = "ABCDEFGHJKLMNPQRSTVWXYZ"
    return (
        f"{rng.choice(letters)}{rng.choice(letters)}-{rng.randint(100, 999)}-{rng.choice(letters)}{rng.choice(letters)}"
    )


def eur(v: float, sep: str = " ", sym: str = " €") -> str:
    """French amount: 12 108,20 € (``sep`` is the thousands separator)."""
    s = f"{v:,.2f}".replace(",", "\0").replace(".", ",").replace("\0", sep)
    return s + sym


def amount(rng: Random, lo: float, hi: float) -> float:
    return round(rng.uniform(lo, hi), 2)


def int_fr(n: int, sep: str = " ") -> str:
    return f"{n:,}".replace(",", sep)


# ----------------------------------------------------------------------------------------------------------------
# The NIR guard
# ----------------------------------------------------------------------------------------------------------------

_WINDOW = re.compile(r"\d{5}(?:\d\d|2A|2B)\d{8}")


def valid_nir_windows(text: str) -> list[str]:
    """Every 15-character window of ``text`` (all but ASCII letters and digits removed) that is a valid NIR.

    Removing every other character (accented letters too) joins at least the digits any looser reading joins.
    """
    flat = re.sub(r"[^0-9A-Za-z]", "", text).upper()
    found = []
    for i in range(len(flat) - 14):
        window = flat[i : i + 15]
        if _WINDOW.fullmatch(window) and stdnir.is_valid(window):
            found.append(window)
    return found


def pdf_pages_text(pdf: bytes) -> list[str]:
    doc = pypdfium2.PdfDocument(pdf)
    try:
        return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()


# ----------------------------------------------------------------------------------------------------------------
# Drawing
# ----------------------------------------------------------------------------------------------------------------

BLACK = Color(0, 0, 0)
WHITE = Color(1, 1, 1)
GREY = Color(0.38, 0.38, 0.38)
LINE = Color(0.55, 0.55, 0.55)
LIGHT = Color(0.92, 0.92, 0.92)
BRANDS = {
    "blue": Color(0.0, 0.27, 0.6),
    "navy": Color(0.07, 0.15, 0.35),
    "orange": Color(0.95, 0.45, 0.05),
    "green": Color(0.1, 0.5, 0.3),
    "teal": Color(0.0, 0.48, 0.52),
    "red": Color(0.78, 0.1, 0.15),
    "purple": Color(0.42, 0.18, 0.5),
    "sky": Color(0.1, 0.55, 0.85),
    "grey": Color(0.3, 0.3, 0.33),
    "bordeaux": Color(0.5, 0.1, 0.2),
}
FR_BLUE = Color(0.0, 0.0, 0.57)
FR_RED = Color(0.88, 0.0, 0.1)
ZEBRA = Color(0.95, 0.95, 0.95)
NUMERIC_CELL = re.compile(r"[\d .,\u00a0€%+-]*\d[\d .,\u00a0€%+-]*")


def tint(c: Color, amount_: float) -> Color:
    return Color(c.red + (1 - c.red) * amount_, c.green + (1 - c.green) * amount_, c.blue + (1 - c.blue) * amount_)


class Sheet:
    """A reportlab canvas with a text cursor (``y``), wrapping, tables, boxes and a footer on every page."""

    def __init__(self, family: str, total_pages: int = 1) -> None:
        self.buf = io.BytesIO()
        self.c = canvas.Canvas(self.buf, pagesize=A4, invariant=1)
        self.c.setCreator("negative_docs")
        self.family = family
        self.size = 10.0
        self.left = 20 * mm
        self.right = PAGE_W - 20 * mm
        self.top = PAGE_H - 15 * mm
        self.bottom = 28 * mm
        self.y = self.top
        self.page = 1
        self.total = total_pages
        self.tags: set[str] = set()
        self.fonts: set[str] = set()
        self.footer: Callable[[Sheet], None] | None = None
        self.continuation: Callable[[Sheet], None] | None = None

    # -- text ------------------------------------------------------------------------------------------------
    def font(self, style: str = "", family: str | None = None) -> str:
        fam = family or self.family
        self.fonts.add(font_path(fam, style).name)
        return font_name(fam, style)

    def width(self, s: str, size: float | None = None, style: str = "", family: str | None = None) -> float:
        return float(pdfmetrics.stringWidth(s, self.font(style, family), size or self.size))

    def text(
        self,
        x: float,
        y: float,
        s: str,
        size: float | None = None,
        style: str = "",
        color: Color = BLACK,
        align: str = "l",
        family: str | None = None,
    ) -> float:
        size = size or self.size
        w = self.width(s, size, style, family)
        if align == "r":
            x -= w
        elif align == "c":
            x -= w / 2
        if x < 7 * mm - 0.01 or x + w > PAGE_W - 7 * mm + 0.01 or not 7 * mm <= y <= PAGE_H - 7 * mm:
            raise ValueError(f"text off the page: {s!r} at ({x:.0f}, {y:.0f})")
        self.c.setFont(self.font(style, family), size)
        self.c.setFillColor(color)
        self.c.drawString(x, y, s)
        if re.search(r"\d{13}", re.sub(r"(?<=\d)[ .\u00a0]+(?=\d)", "", s)):
            self.tags.add("long_non_nir")
        return w

    def wrap(self, s: str, width: float, size: float | None = None, style: str = "") -> list[str]:
        lines: list[str] = []
        for part in s.split("\n"):
            line = ""
            words: list[str] = []
            for word in part.split(" "):  # keep "12 108,20" and "250 000 €" together
                if words and re.search(r"\d$", words[-1]) and re.match(r"\d|€", word) and len(words[-1]) < 24:
                    words[-1] += " " + word
                else:
                    words.append(word)
            for word in words:
                trial = f"{line} {word}" if line else word
                if self.width(trial, size, style) <= width:
                    line = trial
                    continue
                if line:
                    lines.append(line)
                line = word
                while self.width(line, size, style) > width:  # a word longer than the line: cut it
                    cut = len(line)
                    while cut > 1 and self.width(line[:cut], size, style) > width:
                        cut -= 1
                    lines.append(line[:cut])
                    line = line[cut:]
            lines.append(line)
        return lines

    def para(
        self,
        s: str,
        *,
        x: float | None = None,
        width: float | None = None,
        size: float | None = None,
        style: str = "",
        leading: float | None = None,
        color: Color = BLACK,
        after: float | None = None,
        align: str = "l",
        indent: float = 0,
    ) -> None:
        size = size or self.size
        x = self.left if x is None else x
        width = (self.right - x) if width is None else width
        leading = leading or size * 1.32
        s = s.replace("« ", "«\u00a0").replace(" »", "\u00a0»")  # French quotes stay with their words
        lines = self.wrap(s, width - indent, size, style)
        if len(lines) <= 4:  # keep short paragraphs on one page
            self.need(leading * len(lines))
        for i, line in enumerate(lines):
            self.need(leading)
            self.y -= leading
            lx = x + (indent if i else 0) if align == "l" else x + width if align == "r" else x + width / 2
            self.text(lx, self.y, line, size, style, color, align)
        self.y -= size * 0.55 if after is None else after

    def bullets(
        self,
        items: Sequence[str],
        *,
        size: float | None = None,
        mark: str = "•",
        indent: float = 6 * mm,
        x: float | None = None,
        after: float | None = None,
    ) -> None:
        size = size or self.size
        x = self.left if x is None else x
        for item in items:
            lines = self.wrap(item, self.right - x - indent, size)
            self.need(size * 1.32 * len(lines))
            for i, line in enumerate(lines):
                self.y -= size * 1.32
                if i == 0:
                    self.text(x + 1.5 * mm, self.y, mark, size)
                self.text(x + indent, self.y, line, size)
            self.y -= size * 0.2
        self.y -= size * 0.4 if after is None else after

    def kv(
        self,
        pairs: Sequence[tuple[str, str]],
        *,
        x: float,
        y: float,
        label_w: float,
        size: float,
        width: float,
        leading: float | None = None,
        label_style: str = "b",
        sep: str = "",
    ) -> float:
        """Label/value lines at an explicit place; returns the y under the last line."""
        leading = leading or size * 1.35
        widest = max((self.width(label + sep, size, label_style) for label, _ in pairs if label), default=0.0)
        label_w = min(max(label_w, widest + 2 * mm), width * 0.6)
        for label, value in pairs:
            y -= leading
            s = size
            while s > 7.6 and (
                self.width(label + sep, s, label_style) > label_w - 1 or self.width(value, s) > width - label_w
            ):
                s -= 0.2
            if label:
                self.text(x, y, label + sep, s, label_style)
            if value:
                self.text(x + label_w, y, value, s)
        return y

    # -- flow ------------------------------------------------------------------------------------------------
    def gap(self, h: float) -> None:
        self.y -= h

    def need(self, h: float) -> None:
        if self.y - h < self.bottom:
            self.new_page()

    def new_page(self) -> None:
        if self.footer:
            self.footer(self)
        self.c.showPage()
        self.page += 1
        self.y = self.top
        if self.continuation:
            self.continuation(self)

    def finish(self) -> tuple[bytes, int]:
        if self.footer:
            self.footer(self)
        self.c.showPage()
        self.c.save()
        return self.buf.getvalue(), self.page

    # -- shapes ----------------------------------------------------------------------------------------------
    def rule(self, x0: float, x1: float, y: float, width: float = 0.5, color: Color = LINE, dash: bool = False) -> None:
        self.c.setStrokeColor(color)
        self.c.setLineWidth(width)
        self.c.setDash(2, 2) if dash else self.c.setDash()
        self.c.line(x0, y, x1, y)
        self.c.setDash()

    def rect(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        *,
        stroke: Color | None = LINE,
        fill: Color | None = None,
        width: float = 0.6,
        radius: float = 0,
    ) -> None:
        self.c.setLineWidth(width)
        if stroke is not None:
            self.c.setStrokeColor(stroke)
        if fill is not None:
            self.c.setFillColor(fill)
        if radius:
            self.c.roundRect(x, y, w, h, radius, stroke=int(stroke is not None), fill=int(fill is not None))
        else:
            self.c.rect(x, y, w, h, stroke=int(stroke is not None), fill=int(fill is not None))

    def checkbox(self, x: float, y: float, label: str, checked: bool = False, size: float | None = None) -> float:
        size = size or self.size
        side = size * 0.8
        self.rect(x, y - 0.5, side, side, stroke=BLACK, width=0.6)
        if checked:
            self.text(x + side / 2, y + 0.6, "X", size * 0.8, "b", align="c")
        return side + 1.5 * mm + self.text(x + side + 1.5 * mm, y, label, size)

    def char_boxes(
        self,
        x: float,
        y: float,
        n: int,
        chars: str = "",
        box: float = 4.6 * mm,
        size: float = 9.5,
        gaps: Sequence[int] = (),
    ) -> float:
        """``n`` boxes side by side (base line ``y``), one character each; returns the x after the last box."""
        for i in range(n):
            if i in gaps:
                x += 1.6 * mm
            self.rect(x, y - 1.4 * mm, box, box + 0.6 * mm, stroke=GREY, width=0.5)
            if i < len(chars) and chars[i].strip():
                self.text(x + box / 2, y, chars[i], size, align="c", family="LiberationMono")
            x += box
        return x

    def ean13_bars(self, x: float, y: float, code: str, h: float = 11 * mm, module: float = 0.3 * mm) -> None:
        """An EAN-13 barcode whose digits are printed (in the text layer) beneath the bars."""
        left_l = (
            "0001101",
            "0011001",
            "0010011",
            "0111101",
            "0100011",
            "0110001",
            "0101111",
            "0111011",
            "0110111",
            "0001011",
        )
        left_g = tuple("".join("1" if b == "0" else "0" for b in p[::-1]) for p in left_l)
        right = tuple("".join("1" if b == "0" else "0" for b in p) for p in left_l)
        parity = ("LLLLLL", "LLGLGG", "LLGGLG", "LLGGGL", "LGLLGG", "LGGLLG", "LGGGLL", "LGLGLG", "LGLGGL", "LGGLGL")
        bits = "101"
        for d, p in zip(code[1:7], parity[int(code[0])], strict=True):
            bits += (left_l if p == "L" else left_g)[int(d)]
        bits += "01010" + "".join(right[int(d)] for d in code[7:]) + "101"
        self.c.setFillColor(BLACK)
        for i, b in enumerate(bits):
            if b == "1":
                self.c.rect(x + 3 * mm + i * module, y, module, h, stroke=0, fill=1)
        self.text(x, y - 3.2 * mm, f"{code[0]} {code[1:7]} {code[7:]}", 8.5, family="LiberationMono")

    def matrix(self, rng: Random, x: float, y: float, side: float = 14 * mm, cells: int = 16) -> None:
        """A 2D-code-looking square (no characters)."""
        step = side / cells
        self.c.setFillColor(BLACK)
        for i in range(cells):
            for j in range(cells):
                on = i == 0 or j == 0 or (i == cells - 1 and j % 2 == 0) or (j == cells - 1 and i % 2 == 1)
                if on or rng.random() < 0.45:
                    self.c.rect(x + i * step, y + j * step, step, step, stroke=0, fill=1)

    def logo(self, style: str, x: float, y: float, s: float, color: Color, initials: str = "") -> None:
        """A logo drawn with shapes, ``s`` wide, bottom-left at (x, y)."""
        c = self.c
        c.setLineWidth(1)
        if style == "disc":
            c.setFillColor(color)
            c.circle(x + s / 2, y + s / 2, s / 2, stroke=0, fill=1)
            if initials:
                fs = s * 0.42 if len(initials) < 3 else s * 0.3
                self.text(x + s / 2, y + s / 2 - fs * 0.35, initials, fs, "b", WHITE, "c")
        elif style == "squares":
            for k, t in enumerate((0.0, 0.35, 0.65)):
                c.setFillColor(tint(color, t))
                c.rect(x + k * s * 0.22, y + k * s * 0.22, s * 0.56, s * 0.56, stroke=0, fill=1)
        elif style == "bars":
            for k, hh in enumerate((1.0, 0.72, 0.46)):
                c.setFillColor(tint(color, k * 0.25))
                c.rect(x + k * s * 0.34, y, s * 0.26, s * hh, stroke=0, fill=1)
        elif style == "wave":
            c.setFillColor(color)
            c.roundRect(x, y, s, s, s * 0.18, stroke=0, fill=1)
            c.setStrokeColor(WHITE)
            c.setLineWidth(s * 0.07)
            for k in (0.35, 0.6):
                p = c.beginPath()
                p.moveTo(x + s * 0.12, y + s * k)
                p.curveTo(x + s * 0.4, y + s * (k + 0.2), x + s * 0.6, y + s * (k - 0.2), x + s * 0.88, y + s * k)
                c.drawPath(p, stroke=1, fill=0)
        elif style == "diamond":
            c.setFillColor(color)
            p = c.beginPath()
            p.moveTo(x + s / 2, y)
            p.lineTo(x + s, y + s / 2)
            p.lineTo(x + s / 2, y + s)
            p.lineTo(x, y + s / 2)
            p.close()
            c.drawPath(p, stroke=0, fill=1)
            c.setFillColor(WHITE)
            c.circle(x + s / 2, y + s / 2, s * 0.14, stroke=0, fill=1)
        elif style == "ring":
            c.setStrokeColor(color)
            c.setLineWidth(s * 0.12)
            c.circle(x + s / 2, y + s / 2, s * 0.4, stroke=1, fill=0)
            c.setFillColor(tint(color, 0.3))
            c.circle(x + s / 2, y + s / 2, s * 0.16, stroke=0, fill=1)
        elif style == "leaf":
            c.setFillColor(color)
            p = c.beginPath()
            p.moveTo(x, y)
            p.curveTo(x, y + s, x + s * 0.2, y + s, x + s, y + s)
            p.curveTo(x + s, y, x + s * 0.8, y, x, y)
            c.drawPath(p, stroke=0, fill=1)
        else:  # "marianne": a tricolour block
            for k, col in enumerate((FR_BLUE, WHITE, FR_RED)):
                c.setFillColor(col)
                c.rect(x + k * s / 3, y, s / 3, s * 0.62, stroke=0, fill=1)
            c.setStrokeColor(LINE)
            c.setLineWidth(0.3)
            c.rect(x, y, s, s * 0.62, stroke=1, fill=0)

    def table(
        self,
        widths: Sequence[float],
        rows: Sequence[Sequence[str]],
        *,
        x: float | None = None,
        size: float | None = None,
        header: int = 1,
        style: str = "grid",
        aligns: str | None = None,
        head_fill: Color | None = LIGHT,
        head_color: Color = BLACK,
        bold_rows: Sequence[int] = (),
        pad: float = 1.3 * mm,
        min_h: float | None = None,
        zebra: Color = ZEBRA,
        vpad: float = 0.72,
    ) -> None:
        """Rows of cells at the cursor (header rows repeated after a page break). Styles: grid, lines, zebra, open.

        ``aligns`` has one letter per column: l, r or c.
        """
        size = size or self.size - 1
        x = self.left if x is None else x
        aligns = aligns or "l" * len(widths)
        if x + sum(widths) > PAGE_W - 9 * mm + 0.01:
            raise ValueError("table wider than the page")
        self.tags.add("table_layout")
        heads = list(rows[:header])
        for i, row in enumerate(rows):
            is_head = i < header
            if not is_head:
                self._note_joins(row)
            fitted = [
                self._fit(str(cell), w - 2 * pad, size, "b" if is_head or i in bold_rows else "")
                for cell, w in zip(row, widths, strict=True)
            ]
            h = self._row_h(fitted, size, min_h, vpad)
            if self.y - h < self.bottom and not is_head:
                self.new_page()
                for hr in heads:
                    hf = [self._fit(str(cell), w - 2 * pad, size, "b") for cell, w in zip(hr, widths, strict=True)]
                    self._row(
                        x,
                        widths,
                        hf,
                        aligns,
                        self._row_h(hf, size, min_h, vpad),
                        size,
                        style,
                        pad,
                        "b",
                        head_fill,
                        head_color,
                    )
            fill = head_fill if is_head else (zebra if style == "zebra" and (i - header) % 2 == 1 else None)
            st = "b" if is_head or i in bold_rows else ""
            self._row(x, widths, fitted, aligns, h, size, style, pad, st, fill, head_color if is_head else BLACK)
        self.y -= size * 0.7

    def _note_joins(self, row: Sequence[str]) -> None:
        run: list[str] = []
        for cell in [*row, ""]:
            if cell and NUMERIC_CELL.fullmatch(str(cell).strip()):
                run.append(str(cell))
                continue
            if len(run) > 1 and len(re.sub(r"\D", "", "".join(run))) >= 13:
                self.tags.add("number_in_table_cells")
            run = []

    def _fit(self, s: str, width: float, size: float, style: str) -> tuple[list[str], float]:
        if "\n" not in s:
            fs = size
            while fs > size - 1.6 and fs > 7.6:
                if self.width(s, fs, style) <= width:
                    return [s], fs
                fs -= 0.2
        return self.wrap(s, width, size, style), size

    @staticmethod
    def _row_h(fitted: Sequence[tuple[list[str], float]], size: float, min_h: float | None, vpad: float) -> float:
        n = max(len(lines) for lines, _ in fitted)
        return max(min_h or 0, n * size * 1.18 + size * vpad)

    def _row(
        self,
        x: float,
        widths: Sequence[float],
        fitted: Sequence[tuple[list[str], float]],
        aligns: str,
        h: float,
        size: float,
        style: str,
        pad: float,
        st: str,
        fill: Color | None,
        color: Color,
    ) -> None:
        top = self.y
        if fill is not None:
            self.rect(x, top - h, sum(widths), h, stroke=None, fill=fill)
        cx = x
        for (lines, fs), w, al in zip(fitted, widths, aligns, strict=True):
            if style == "grid":
                self.rect(cx, top - h, w, h, stroke=LINE, width=0.5)
            block = len(lines) * size * 1.18
            by = top - (h - block) / 2 - size * 0.86
            for k, line in enumerate(lines):
                lx = cx + pad if al == "l" else cx + w - pad if al == "r" else cx + w / 2
                if line:
                    self.text(lx, by - k * size * 1.18, line, fs, st, color, al)
            cx += w
        if style == "lines":
            self.rule(x, x + sum(widths), top - h, 0.4)
        self.y = top - h


# ----------------------------------------------------------------------------------------------------------------
# Letter furniture: organisations, letterheads, address windows, footers
# ----------------------------------------------------------------------------------------------------------------


@dataclass
class Org:
    name: str  # as printed in the letterhead
    sub: list[str]  # small lines under the name (service, address)
    color: Color
    logo: str
    initials: str = ""
    legal: tuple[str, ...] = ()  # footer lines
    window_line: str = ""  # return address printed above the address window

    @property
    def short(self) -> str:
        return self.name


def letterhead(sh: Sheet, org: Org, style: str) -> float:
    """Draw the header; return the y under it. Styles: left, banner, centered, state, right."""
    top = PAGE_H - 13 * mm
    if style == "banner":
        h = 24 * mm
        sh.rect(0, PAGE_H - h, PAGE_W, h, stroke=None, fill=org.color)
        sh.logo(
            "disc" if org.logo == "marianne" else org.logo,
            sh.left,
            PAGE_H - h + 5 * mm,
            14 * mm,
            tint(org.color, 0.55),
            org.initials,
        )
        sh.text(sh.left + 18 * mm, PAGE_H - 12 * mm, org.name, 15, "b", WHITE)
        if org.sub:
            sh.text(sh.left + 18 * mm, PAGE_H - 17.5 * mm, " – ".join(org.sub[:2]), 8, "", WHITE)
        return PAGE_H - h - 4 * mm
    if style == "centered":
        sh.text(PAGE_W / 2, top - 4 * mm, org.name, 15, "b", org.color, "c")
        y = top - 4 * mm
        for line in org.sub[:3]:
            y -= 10
            sh.text(PAGE_W / 2, y, line, 8, "", GREY, "c")
        y -= 4 * mm
        sh.rule(sh.left, sh.right, y, 1.0, org.color)
        return y - 3 * mm
    if style == "state":
        sh.logo("marianne", sh.left, top - 5 * mm, 11 * mm, org.color)
        sh.text(sh.left, top - 9 * mm, "RÉPUBLIQUE", 9, "b")
        sh.text(sh.left, top - 12.6 * mm, "FRANÇAISE", 9, "b")
        sh.text(sh.left, top - 16.6 * mm, "Liberté", 8, "i")
        sh.text(sh.left, top - 19.6 * mm, "Égalité", 8, "i")
        sh.text(sh.left, top - 22.6 * mm, "Fraternité", 8, "i")
        x = sh.left + 34 * mm
        sh.text(x, top - 4 * mm, org.name, 12.5, "b", org.color)
        y = top - 4 * mm
        for line in org.sub[:3]:
            y -= 10.5
            sh.text(x, y, line, 8.5, "", GREY)
        return min(y, top - 23 * mm) - 6 * mm
    if style == "right":
        sh.logo(org.logo, sh.right - 18 * mm, top - 16 * mm, 18 * mm, org.color, org.initials)
        sh.text(sh.left, top - 5 * mm, org.name, 14, "b", org.color)
        y = top - 5 * mm
        for line in org.sub[:3]:
            y -= 10.5
            sh.text(sh.left, y, line, 8.5, "", GREY)
        return min(y, top - 16 * mm) - 6 * mm
    # "left"
    sh.logo(org.logo, sh.left, top - 16 * mm, 16 * mm, org.color, org.initials)
    x = sh.left + 20 * mm
    sh.text(x, top - 5 * mm, org.name, 14, "b", org.color)
    y = top - 5 * mm
    for line in org.sub[:3]:
        y -= 10.5
        sh.text(x, y, line, 8.5, "", GREY)
    return min(y, top - 16 * mm) - 6 * mm


def address_window(
    sh: Sheet,
    lines: Sequence[str],
    org: Org | None = None,
    top: float = PAGE_H - 52 * mm,
    x: float = 112 * mm,
    size: float = 10,
) -> float:
    """The recipient's address where an envelope window shows it; returns the y under it."""
    if org is not None and org.window_line:
        back = org.window_line
        s = 8.0
        while sh.width(back, s) > PAGE_W - 12 * mm - x and s > 7.0:
            s -= 0.25
        if sh.width(back, s) > PAGE_W - 12 * mm - x:
            back = org.name
        sh.text(x, top + 4 * mm, back, s, "", GREY)
        sh.rule(x, x + sh.width(back, s), top + 3.2 * mm, 0.3, GREY)
    y = top
    for line in lines:
        y -= size * 1.25
        s = size
        while sh.width(line, s) > PAGE_W - 14 * mm - x and s > 7.6:
            s -= 0.2
        family = None if sh.width(line, s) <= PAGE_W - 14 * mm - x else "LiberationSans"
        sh.text(x, y, line, s, family=family)
    return y


def legal_footer(
    lines: Sequence[str], *, numbered: bool = True, color: Color = GREY, rule: bool = True, label: str = "Page {n}/{t}"
) -> Callable[[Sheet], None]:
    def draw(sh: Sheet) -> None:
        avail = sh.right - sh.left - (18 * mm if numbered else 0)
        printed: list[tuple[str, float]] = []
        for line in lines:
            s = 8.0
            while sh.width(line, s) > avail and s > 7.2:
                s -= 0.2
            printed += [(part, s) for part in sh.wrap(line, avail, s)]
        y = 10 * mm + 9.0 * (len(printed) - 1)
        if rule:
            sh.rule(sh.left, sh.right, y + 9.5, 0.4)
        for part, s in printed:
            sh.text(sh.left, y, part, s, "", color)
            y -= 9.0
        if numbered:
            sh.text(sh.right, 10 * mm, label.format(n=sh.page, t=sh.total), 8, "", color, "r")

    return draw


def date_line(place: str | None, d: date, style: str) -> str:
    return f"{place}, le {fdate(d, style)}" if place else f"Le {fdate(d, style)}"


def closing(rng: Random, p: Person | None, *, firm: bool = False) -> str:
    who = ("Madame" if p.female else "Monsieur") if p else "Madame, Monsieur"
    if firm:
        return rng.choice(
            (
                f"Nous vous prions d'agréer, {who}, l'expression de nos salutations distinguées.",
                f"Veuillez agréer, {who}, l'assurance de notre considération distinguée.",
            )
        )
    return rng.choice(
        (
            f"Nous vous prions d'agréer, {who}, l'expression de nos salutations distinguées.",
            f"Veuillez recevoir, {who}, nos sincères salutations.",
            "Nous restons à votre disposition pour tout renseignement complémentaire.",
            f"Je vous prie de croire, {who}, à l'assurance de mes sentiments les meilleurs.",
        )
    )


def salutation(p: Person | None) -> str:
    return ("Madame," if p.female else "Monsieur,") if p else "Madame, Monsieur,"


def signature(sh: Sheet, lines: Sequence[str], *, right: bool = True, gap: float = 14 * mm) -> None:
    """A signature block: the title line(s), room to sign, the last line (the name) in bold."""
    x = 115 * mm if right else sh.left
    printed = [(part, i) for i, line in enumerate(lines) for part in sh.wrap(line, sh.right - x, sh.size)]
    sh.need(gap + 12 * len(printed) + 8 * mm)
    sh.y -= 4 * mm
    for k, (part, i) in enumerate(printed):
        sh.y -= 12
        sh.text(x, sh.y, part, sh.size, "b" if i == len(lines) - 1 and len(lines) > 1 else "")
        if i == 0 and (k + 1 == len(printed) or printed[k + 1][1] != 0):
            sh.y -= gap
    sh.y -= 4 * mm


def staff(rng: Random) -> tuple[str, bool]:
    """A staff member's "First Last" name and whether she is a woman."""
    female = rng.random() < 0.5
    return f"{rng.choice(FIRST_F if female else FIRST_M)} {rng.choice(LAST)}", female


def director(rng: Random, title_: str) -> list[str]:
    """Signature lines: "Le Directeur"/"La Directrice" put into ``title_``, then the name."""
    name, female = staff(rng)
    return [title_.format("La Directrice" if female else "Le Directeur"), name]


def legal_company(rng: Random, form: str, capital: int, city: str, siren_: str) -> str:
    return f"{form} au capital de {int_fr(capital)} € – RCS {city} {fmt_siren(siren_)}"


def refs_block(
    sh: Sheet,
    pairs: Sequence[tuple[str, str]],
    *,
    top: float = PAGE_H - 52 * mm,
    size: float = 8.8,
    label_w: float = 30 * mm,
) -> float:
    """A block of references at the left of the address window (tagged header_block)."""
    sh.tags.add("header_block")
    widest = max(sh.width(label, size, "b") for label, _ in pairs) + 3 * mm
    label_w = min(max(label_w, widest), 50 * mm)
    return sh.kv(pairs, x=sh.left, y=top, label_w=label_w, size=size, width=min(86 * mm, 108 * mm - sh.left))


def ask(rng: Random, pool: Sequence[tuple[str, Sequence[str]]], k: int) -> tuple[list[str], list[str]]:
    """Pick ``k`` documents from ``pool`` (kind, phrasings) keeping the pool's order; return (phrases, kinds)."""
    picked = sorted(rng.sample(range(len(pool)), min(k, len(pool))))
    phrases = [rng.choice(pool[i][1]) for i in picked]
    kinds: list[str] = []
    for i in picked:
        for kind in pool[i][0].split("+"):
            if kind not in kinds:
                kinds.append(kind)
    return phrases, kinds


DOC_PHRASES: dict[str, tuple[str, ...]] = {
    "passport": ("la copie de votre passeport en cours de validité", "une photocopie lisible de votre passeport"),
    "residence_permit": (
        "la copie recto verso de votre titre de séjour",
        "votre carte de séjour ou le récépissé en cours de validité",
    ),
    "proof_of_address": (
        "un justificatif de domicile de moins de trois mois",
        "une facture d'électricité ou de téléphone de moins de 3 mois (justificatif de domicile)",
    ),
    "rib": ("un relevé d'identité bancaire (RIB) à votre nom", "un RIB au format IBAN"),
    "payslips": ("vos trois derniers bulletins de salaire", "les bulletins de paie des trois derniers mois"),
    "employer_certificate": ("une attestation de votre employeur", "l'attestation employeur"),
    "employment_contract": ("la copie de votre contrat de travail", "votre contrat de travail signé"),
    "birth_certificate": (
        "une copie intégrale de votre acte de naissance",
        "un extrait d'acte de naissance avec filiation",
    ),
    "birth_certificate+sworn_translation": (
        "votre acte de naissance traduit par un traducteur assermenté",
        "la copie intégrale de l'acte de naissance et sa traduction par un traducteur assermenté",
    ),
    "school_certificate": (
        "un certificat de scolarité pour chaque enfant de plus de 16 ans",
        "le certificat de scolarité de l'année en cours",
    ),
}


def pool(*kinds: str, other: Sequence[str] = ()) -> list[tuple[str, Sequence[str]]]:
    out: list[tuple[str, Sequence[str]]] = [(k, DOC_PHRASES[k]) for k in kinds]
    out += [("other", (o,)) for o in other]
    return out


_UNITS = "zéro un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize".split()  # noqa: SIM905
_TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}


def words_fr(n: int) -> str:
    """A whole number written in French words (0-999 999), as on a rent receipt."""

    def below100(k: int) -> str:
        if k < 17:
            return _UNITS[k]
        if k < 20:
            return "dix-" + _UNITS[k - 10]
        t, u = divmod(k, 10)
        if t == 7:
            return "soixante et onze" if u == 1 else "soixante-" + below100(10 + u)
        if t == 8:
            return "quatre-vingts" if u == 0 else "quatre-vingt-" + _UNITS[u]
        if t == 9:
            return "quatre-vingt-" + below100(10 + u)
        return _TENS[t] if u == 0 else f"{_TENS[t]} et un" if u == 1 else f"{_TENS[t]}-{_UNITS[u]}"

    def below1000(k: int) -> str:
        h, r = divmod(k, 100)
        if h == 0:
            return below100(r)
        head = "cent" if h == 1 else f"{_UNITS[h]} cent"
        if r == 0:
            return head + ("s" if h > 1 else "")
        return f"{head} {below100(r)}"

    th, r = divmod(n, 1000)
    if th == 0:
        return below1000(r)
    head = "mille" if th == 1 else f"{below1000(th)} mille"
    return head if r == 0 else f"{head} {below1000(r)}"


def open_letter(
    sh: Sheet,
    org: Org,
    lines: Sequence[str],
    *,
    head: str,
    d: date | None,
    place: str | None,
    date_style: str,
    refs: Sequence[tuple[str, str]] = (),
    label_w: float = 30 * mm,
    date_left: bool = False,
) -> None:
    """Letterhead, address window, references block at its left, date line; leaves the cursor for the body."""
    y = letterhead(sh, org, head)
    top = min(PAGE_H - 52 * mm, y - 6 * mm)
    end = address_window(sh, lines, org, top=top)
    if refs:
        end = min(end, refs_block(sh, refs, top=top, label_w=label_w))
    sh.y = min(end - 7 * mm, PAGE_H - 90 * mm)
    if d is not None:
        if date_left:
            sh.text(sh.left, sh.y, date_line(place, d, date_style), sh.size)
        else:
            sh.text(sh.right, sh.y, date_line(place, d, date_style), sh.size, align="r")
        sh.y -= 8 * mm


def title(sh: Sheet, s: str, size: float = 13, color: Color = BLACK, align: str = "l", after: float = 3 * mm) -> None:
    sh.need(size * 2)
    sh.y -= size * 1.2
    x = sh.left if align == "l" else PAGE_W / 2
    for line in sh.wrap(s, sh.right - sh.left, size, "b"):
        sh.text(x, sh.y, line, size, "b", color, align)
        sh.y -= size * 1.2
    sh.y -= after - size * 1.2 + size * 0.3


def section(sh: Sheet, s: str, color: Color, *, band: bool = True, size: float = 10) -> None:
    """A section heading: a tinted band with the heading, or an underlined heading."""
    sh.need(size * 4)
    sh.y -= size * 1.7
    if band:
        sh.rect(sh.left, sh.y - size * 0.45, sh.right - sh.left, size * 1.55, stroke=None, fill=tint(color, 0.82))
        sh.text(sh.left + 2 * mm, sh.y, s, size, "b", color)
    else:
        sh.text(sh.left, sh.y, s, size, "b", color)
        sh.rule(sh.left, sh.right, sh.y - size * 0.4, 0.6, color)
    sh.y -= size * 0.9


def summary_box(sh: Sheet, label: str, value: str, note: str, color: Color) -> None:
    h = 17 * mm
    sh.need(h + 4 * mm)
    sh.y -= h + 2 * mm
    sh.rect(sh.left, sh.y, sh.right - sh.left, h, stroke=color, fill=tint(color, 0.88), width=1, radius=2 * mm)
    sh.text(sh.left + 4 * mm, sh.y + h - 7 * mm, label, 11, "b", color)
    sh.text(sh.right - 4 * mm, sh.y + h - 7.5 * mm, value, 14, "b", color, "r")
    sh.text(sh.left + 4 * mm, sh.y + 4 * mm, note, 9)
    sh.y -= 3 * mm


def tip_coupon(sh: Sheet, rng: Random, org: Org, ref: str, total: float, p: Person) -> None:
    """A TIP SEPA payment slip at the bottom of a bill (with its long line of digits)."""
    h = 38 * mm
    sh.need(h + 8 * mm)
    y = sh.bottom + 2 * mm
    sh.rule(sh.left - 8 * mm, sh.right + 8 * mm, y + h + 3 * mm, 0.6, GREY, dash=True)
    sh.text(sh.left, y + h - 1 * mm, "TIP SEPA – coupon à détacher et à joindre à votre règlement", 8, "i", GREY)
    sh.rect(sh.left, y, sh.right - sh.left, h - 4 * mm, stroke=BLACK, width=0.7)
    sh.text(sh.left + 3 * mm, y + h - 10 * mm, org.name, 10, "b", org.color)
    sh.text(sh.left + 3 * mm, y + h - 14.5 * mm, f"Référence : {ref}", 8.5)
    sh.text(sh.left + 3 * mm, y + h - 18.5 * mm, p.plain, 8.5)
    sh.text(sh.left + 95 * mm, y + h - 10 * mm, "Montant", 8.5)
    sh.text(sh.right - 3 * mm, y + h - 10 * mm, eur(total), 11, "b", align="r")
    sh.rect(sh.left + 95 * mm, y + 9 * mm, 70 * mm, 10 * mm, stroke=GREY, width=0.5)
    sh.text(sh.left + 96.5 * mm, y + 16 * mm, "Date et signature", 8, "", GREY)
    line = f"{digits(rng, 8, '0123456789')} {digits(rng, 11)} {round(total * 100):010d} {digits(rng, 2, '0123')}"
    sh.text(sh.left + 3 * mm, y + 3.5 * mm, line, 9, family="LiberationMono")
    sh.y = y - 2 * mm


# ----------------------------------------------------------------------------------------------------------------
# The document kinds: each draws on a fresh Sheet and returns its part of the truth
# ----------------------------------------------------------------------------------------------------------------

Truth = dict[str, Any]


def truth(
    sender: str,
    wording: str,
    layout: str,
    *,
    letter_date: date | None = None,
    deadline: date | None = None,
    reference: str | None = None,
    documents: Sequence[str] = (),
) -> Truth:
    return {
        "sender": sender,
        "wording": wording,
        "layout": layout,
        "letter_date": letter_date.isoformat() if letter_date else None,
        "deadline": deadline.isoformat() if deadline else None,
        "reference": reference,
        "documents": list(documents),
    }


def energy_bill(rng: Random, sh: Sheet) -> Truth:
    """Electricity or gas bill: PDL/PCE point number, meter index table, detail of charges, TIP or direct debit."""
    edf = rng.random() < 0.6
    gas = rng.random() < 0.35
    sh.family = rng.choice(SANS)
    sh.size = rng.choice((9.0, 9.5, 10.0))
    p = person(rng)
    d = some_date(rng)
    name = "EDF" if edf else "Engie"
    sid = siren(rng)
    cedex = rng.choice(
        ("62978 ARRAS CEDEX 9", "59718 LILLE CEDEX 9", "92079 PARIS LA DÉFENSE CEDEX", "33079 BORDEAUX CEDEX")
    )
    tsa = f"TSA {rng.randint(20000, 99999)}"
    org = Org(
        name=name,
        sub=[
            rng.choice(("Service Client Particuliers", "Votre fournisseur d'énergie", "Relation clients")),
            f"{tsa} – {cedex}",
        ],
        color=BRANDS["blue" if edf else "sky"],
        logo=rng.choice(("squares", "disc", "ring", "leaf")),
        initials=name[:3].upper(),
        window_line=f"{name} – {tsa} – {cedex}",
    )
    sh.footer = legal_footer(
        [
            legal_company(rng, "SA", rng.randint(10**8, 3 * 10**9), rng.choice(("Paris", "Nanterre")), sid)
            + f" – TVA FR{rng.randint(10, 99)} {sid}",
            f"Service client : {phone(rng, '9')} (appel non surtaxé) – Dépannage : {phone(rng, '9')} – "
            f"{name.lower()}.fr",
        ]
    )
    ref = digits(rng, 10)
    ref_p = rng.choice((group(ref, (1, 3, 3, 3)), ref, group(ref, (4, 3, 3))))
    bill_no = digits(rng, 10, "1234")
    layout = rng.choice(("classic", "two_columns"))
    head = rng.choice(("left", "right", "banner"))
    refs = [
        ("Référence client", ref_p),
        ("N° de facture", bill_no),
        ("Date de facture", fdate(d)),
        ("N° de compte", digits(rng, 12, "4")),
    ]
    open_letter(sh, org, p.address(), head=head, d=None, place=None, date_style="num", refs=refs, label_w=32 * mm)
    months = rng.choice((1, 1, 1, 2, 2, 2, 2, 2, 6, 12))
    start = add_months(d, -months) - timedelta(days=rng.randint(3, 9))
    end = add_months(start, months) - timedelta(days=1)
    energy = "gaz naturel" if gas else "électricité"
    estimated = rng.random() < 0.3
    wording = "regularisation" if months >= 6 else "estimee" if estimated else "releve_reel"
    heading = {
        "regularisation": f"Facture de régularisation – {energy}",
        "estimee": f"Facture d'{energy} (index estimé)" if not gas else "Facture de gaz naturel (index estimé)",
        "releve_reel": f"Votre facture d'{energy}" if not gas else "Votre facture de gaz naturel",
    }[wording]
    title(sh, heading, 13, org.color)
    sh.para(f"Période de consommation du {fdate(start)} au {fdate(end)}", size=sh.size)
    # amounts
    kwh = rng.randint(150, 900) * months // (2 if months > 2 else 1) if not gas else rng.randint(300, 2200) * months
    price = rng.choice((0.2516, 0.2276, 0.2068, 0.1952)) if not gas else rng.choice((0.1123, 0.1087, 0.0998))
    abo_m = amount(rng, 11.5, 21.9)
    abo = round(abo_m * months, 2)
    conso = round(kwh * price, 2)
    accise_rate = 0.0210 if not gas else 0.0164
    accise = round(kwh * accise_rate, 2)
    cta = amount(rng, 1.5, 6.0) * months
    ht = round(abo + conso + accise + cta, 2)
    tva55 = round((abo + cta) * 0.055, 2)
    tva20 = round((conso + accise) * 0.2, 2)
    ttc = round(ht + tva55 + tva20, 2)
    already = round(ttc * rng.uniform(0.7, 1.1), 2) if wording == "regularisation" else 0.0
    due_amount = round(ttc - already, 2)
    debit = rng.random() < 0.5 or wording == "regularisation"
    due = d + timedelta(days=rng.randint(12, 20))
    if debit:
        note = f"Ce montant sera prélevé à partir du {fdate(due)} sur votre compte {bank_account(rng).iban_print(True)}"
    else:
        note = f"À payer avant le {fdate(due)} par TIP, chèque ou carte bancaire"
    summary_box(
        sh,
        "Montant total à payer TTC" if due_amount >= 0 else "Montant en votre faveur",
        eur(abs(due_amount)),
        note,
        org.color,
    )
    point = digits(rng, 14, "12" if not gas else "2")
    point_label = "Point de livraison (PDL)" if not gas else "Point de comptage et d'estimation (PCE)"
    kva = rng.choice((3, 6, 9, 12))
    option = rng.choice(("Base", "Heures creuses")) if not gas else rng.choice(("B1", "B0", "Base"))
    contract = [
        (
            "Offre",
            rng.choice(("Tarif Bleu", "Offre Essentielle", "Vert Électrique"))
            if not gas
            else rng.choice(("Gaz Référence", "Avantage Gaz Fixe")),
        ),
        ("Option / puissance", f"{option} – {kva} kVA" if not gas else f"Tarif {option}"),
        (point_label, rng.choice((point, group(point, (2, 3, 3, 3, 3))))),
        ("Adresse du logement", p.one_line_address()),
        ("Mode de paiement", "Prélèvement automatique" if debit else "TIP / chèque"),
    ]
    if layout == "two_columns":
        sh.tags.add("two_columns")
        col_top = sh.y
        # left column: the contract, each value under its label
        ly = col_top - 5 * mm
        sh.text(sh.left, ly, "Votre contrat", 10.5, "b", org.color)
        for k, v in contract:
            ly -= 11
            sh.text(sh.left, ly, k, 8.6, "b")
            for line in sh.wrap(v, 82 * mm, 8.6):
                ly -= 10.5
                sh.text(sh.left + 2 * mm, ly, line, 8.6)
        # right column: a bar chart of monthly consumption
        cx, cw = 108 * mm, 82 * mm
        sh.text(cx, col_top - 5 * mm, "Votre consommation sur 12 mois (kWh)", 10.5, "b", org.color)
        base_y = col_top - 47 * mm
        bw = cw / 12
        vals = [rng.uniform(0.35, 1.0) for _ in range(12)]
        for i, v in enumerate(vals):
            sh.rect(
                cx + i * bw + 0.8 * mm,
                base_y,
                bw - 1.6 * mm,
                v * 32 * mm,
                stroke=None,
                fill=tint(org.color, 0.15 if i == 11 else 0.55),
            )
            m = add_months(d, i - 11).month
            sh.text(cx + i * bw + bw / 2, base_y - 3.4 * mm, MONTHS_SHORT[m - 1][0].upper(), 8, "", GREY, "c")
        sh.rule(cx, cx + cw, base_y, 0.6, GREY)
        sh.y = min(ly, base_y - 6 * mm) - 3 * mm
    else:
        section(sh, "Votre contrat", org.color, band=rng.random() < 0.5)
        sh.y = sh.kv(contract, x=sh.left, y=sh.y, label_w=62 * mm, size=sh.size - 0.5, width=170 * mm) - 2 * mm
    section(sh, "Vos index et votre consommation", org.color, band=layout == "classic")
    reading = "estimé" if estimated else rng.choice(("réel", "relevé", "auto-relevé"))
    if gas:
        old = rng.randint(1000, 60000)
        vol = max(1, round(kwh / 11.2))
        coef = round(kwh / vol, 2)
        rows = [
            ["Ancien index (m³)", "Nouvel index (m³)", "Volume (m³)", "Coefficient (kWh/m³)", "Consommation (kWh)"],
            [int_fr(old), int_fr(old + vol), int_fr(vol), f"{coef:.2f}".replace(".", ","), int_fr(kwh)],
        ]
        sh.table([34 * mm] * 5, rows, aligns="rrrrr", style=rng.choice(("grid", "lines")), pad=0.8 * mm)
    else:
        rows = [["Cadran", "Ancien index", "Nouvel index", "Consommation (kWh)", "Type de relevé"]]
        parts = [kwh] if option == "Base" else [round(kwh * 0.62), kwh - round(kwh * 0.62)]
        for cadran, part in zip(
            ["Base"] if option == "Base" else ["Heures pleines", "Heures creuses"], parts, strict=True
        ):
            old = rng.randint(1000, 99000)
            rows.append([cadran, int_fr(old), int_fr(old + part), int_fr(part), reading])
        sh.table(
            [40 * mm, 30 * mm, 30 * mm, 36 * mm, 34 * mm],
            rows,
            aligns="lrrrl",
            pad=0.8 * mm,
            style=rng.choice(("grid", "lines", "zebra")),
        )
    section(sh, "Détail de votre facture", org.color, band=layout == "classic")

    def n(v: float) -> str:
        return eur(v, sym="")

    tax_name = "Accise sur l'électricité" if not gas else "Accise sur le gaz naturel"
    rows = [
        ["Rubrique", "Quantité", "Prix unitaire HT", "Montant HT (€)", "TVA"],
        [f"Abonnement du {fdate(start, 'num')} au {fdate(end, 'num')}", f"{months} mois", n(abo_m), n(abo), "5,5 %"],
        [
            f"Consommation {'gaz' if gas else option}",
            f"{int_fr(kwh)} kWh",
            f"{price:.4f}".replace(".", ","),
            n(conso),
            "20 %",
        ],
        [tax_name, f"{int_fr(kwh)} kWh", f"{accise_rate:.4f}".replace(".", ","), n(accise), "20 %"],
        ["Contribution tarifaire d'acheminement", "", "", n(cta), "5,5 %"],
        ["Total hors taxes", "", "", n(ht), ""],
        ["TVA à 5,5 %", "", "", n(tva55), ""],
        ["TVA à 20 %", "", "", n(tva20), ""],
        ["Total TTC", "", "", n(ttc), ""],
    ]
    if already:
        rows.append(["Montant déjà réglé (échéancier)", "", "", "-" + n(already), ""])
        rows.append(["Solde", "", "", n(due_amount), ""])
    sh.table(
        [76 * mm, 24 * mm, 26 * mm, 28 * mm, 16 * mm],
        rows,
        aligns="lrrrr",
        style=rng.choice(("grid", "lines")),
        bold_rows=(8,),
        pad=0.9 * mm,
    )
    if wording == "regularisation":
        section(sh, "Votre nouvel échéancier", org.color, band=False)
        monthly = round(ttc / months * rng.uniform(0.95, 1.1), 2) if months else 50.0
        ech = [["Échéance", "Date de prélèvement", "Montant"]]
        for k in range(rng.randint(4, 10)):
            ech.append([str(k + 1), fdate(add_months(due, k + 1)), eur(monthly)])
        sh.table([30 * mm, 45 * mm, 35 * mm], ech, aligns="crr", style="grid", size=8.5)
    if not debit and sh.y - 48 * mm > sh.bottom:
        tip_coupon(sh, rng, org, ref_p, max(due_amount, 0.0), p)
    return truth(
        "edf" if edf else "engie",
        wording + ("_gaz" if gas else "_elec"),
        f"{layout}_{head}",
        letter_date=d,
        deadline=None if debit or due_amount <= 0 else due,
        reference=ref_p,
    )


TELECOMS = (
    ("Orizon Télécom", "orange", "OT", "orizon.fr"),
    ("Fibrea", "purple", "F", "fibrea.fr"),
    ("Nexo Mobile", "teal", "NX", "nexo-mobile.fr"),
    ("Alto Box", "red", "AB", "altobox.fr"),
)


def telecom_bill(rng: Random, sh: Sheet) -> Truth:
    """Internet/mobile bill: services table, equipment serial and IMEI, sometimes a call detail page."""
    name, col, ini, web = rng.choice(TELECOMS)
    sh.family = rng.choice(SANS)
    sh.size = rng.choice((9.0, 9.5))
    color = BRANDS[col]
    p = person(rng)
    d = some_date(rng)
    sid = siren(rng)
    org = Org(
        name=name,
        sub=["Service clients", f"TSA {rng.randint(10000, 99999)} – 75908 PARIS CEDEX 15"],
        color=color,
        logo=rng.choice(("wave", "diamond", "disc", "bars")),
        initials=ini,
        window_line=f"{name} – 75908 Paris Cedex 15",
    )
    sh.footer = legal_footer(
        [
            legal_company(rng, "SAS", rng.randint(10**6, 10**9), "Paris", sid)
            + f" – Siège : {rng.randint(1, 90)} {rng.choice(STREETS)}, 750{rng.randint(10, 20)} Paris",
            f"Service clients {rng.randint(3000, 3999)} (service gratuit + prix d'un appel) – {web} – "
            "Médiateur des communications électroniques",
        ]
    )
    client = digits(rng, 9)
    client_p = rng.choice((client, group(client, (3, 3, 3))))
    bill = f"F{d.year % 100:02d}{d.month:02d}-{digits(rng, 8, '0123456789')}"
    fixed = phone(rng, "9")
    mob = mobile(rng)
    wording = rng.choices(("mensuelle", "resiliation"), (4, 1))[0]
    layout = rng.choice(("summary_first", "compact"))
    head = rng.choice(("left", "banner", "right"))
    refs = [
        ("N° client", client_p),
        ("N° de facture", bill),
        ("Date de facture", fdate(d, "num")),
        ("Ligne fixe", fixed),
    ]
    open_letter(sh, org, p.address(), head=head, d=None, place=None, date_style="num", refs=refs)
    start = date(d.year, d.month, 1)
    end = add_months(start, 1) - timedelta(days=1)
    title(
        sh,
        "Facture de clôture de votre contrat" if wording == "resiliation" else f"Votre facture de {month_year(d)}",
        13,
        color,
    )
    box_price = rng.choice((29.99, 34.99, 39.99, 24.99, 42.99))
    lines: list[tuple[str, str, float]] = [
        (
            rng.choice(("Forfait Fibre 1 Gb/s + TV", "Offre Box Fibre Essentiel", "Box Fibre 2 Gb/s")),
            f"du {fdate(start)} au {fdate(end)}",
            box_price,
        ),
        (
            f"Forfait mobile {rng.choice((20, 50, 100, 130))} Go – {mob}",
            f"du {fdate(start)} au {fdate(end)}",
            rng.choice((9.99, 12.99, 15.99)),
        ),
    ]
    if rng.random() < 0.5:
        lines.append(("Location décodeur TV", f"du {fdate(start)} au {fdate(end)}", 5.0))
    if rng.random() < 0.5:
        lines.append(("Communications hors forfait", "voir détail", amount(rng, 0.5, 18)))
    if rng.random() < 0.4:
        lines.append(("Remise fidélité", "", -rng.choice((3.0, 5.0, 10.0))))
    deadline = None
    if wording == "resiliation":
        lines.append(("Frais de résiliation", f"le {fdate(end)}", 49.0))
        lines.append(("Remboursement au prorata de l'abonnement", "", -amount(rng, 2, 20)))
    ttc = round(sum(v for _, _, v in lines), 2)
    debit = rng.random() < 0.7
    due = d + timedelta(days=rng.randint(10, 15))
    summary_box(
        sh, "Total à payer", eur(ttc), f"Prélevé le {fdate(due)}" if debit else f"À régler avant le {fdate(due)}", color
    )
    if not debit:
        deadline = due
    rows = [["Désignation", "Période", "Montant HT", "TVA", "Montant TTC"]]
    for label, period, v in lines:
        rows.append([label, period, eur(v / 1.2, sym=""), "20 %", eur(v, sym="")])
    rows.append(["Total", "", eur(ttc / 1.2, sym=""), eur(ttc - ttc / 1.2, sym=""), eur(ttc, sym="")])
    section(sh, "Détail de vos services", color, band=layout == "summary_first")
    sh.table(
        [72 * mm, 44 * mm, 20 * mm, 14 * mm, 20 * mm],
        rows,
        aligns="llrrr",
        bold_rows=(len(rows) - 1,),
        style=rng.choice(("lines", "zebra", "grid")),
        pad=0.8 * mm,
    )
    section(sh, "Vos équipements", color, band=layout == "summary_first")
    serial = f"{ini}{digits(rng, 2, '0123456789')}{rng.choice('ABCDEFGH')}{digits(rng, 8, '0123456789')}"
    eq = [
        ("Box", f"{name.split()[0]} Box 4K – n° de série {serial}"),
        ("Mobile", f"IMEI {rng.choice((group(imei(rng), (2, 6, 6, 1)), imei(rng)))}"),
        ("Carte SIM", f"ICCID 8933 {group(digits(rng, 15, '0123456789'), (4, 4, 4, 3))}"),
    ]
    sh.y = sh.kv(eq, x=sh.left, y=sh.y, label_w=28 * mm, size=sh.size - 0.5, width=170 * mm) - 3 * mm
    if wording == "resiliation":
        deadline = end + timedelta(days=rng.choice((15, 30)))
        sh.para(
            f"Votre contrat a pris fin le {fdate(end, 'long')}. Vous devez restituer votre box et ses accessoires "
            f"avant le {fdate(deadline, 'long')} dans un point relais, à l'aide de l'étiquette prépayée jointe. "
            "À défaut, des frais de non-restitution de 150,00 € vous seront facturés.",
        )
        rio = f"{rng.randint(10, 99)} {rng.choice('PE')} {digits(rng, 6, '0123456789')} "
        rio += f"{rng.choice('ABCDEFG')}{rng.randint(10, 99)}"
        sh.para(f"Pour mémoire, votre code RIO était : {rio}", size=sh.size - 0.5)
    elif layout == "summary_first" and rng.random() < 0.6:
        sh.new_page()
        section(sh, f"Détail de vos communications – ligne {mob}", color)
        rows = [["Date", "Heure", "Numéro appelé", "Destination", "Durée", "Montant"]]
        masked = rng.random() < 0.75
        day = start
        for _ in range(rng.randint(18, 40)):
            day += timedelta(days=rng.choice((0, 0, 1, 1, 2)))
            if day > end:
                break
            dest, num = rng.choice(
                (
                    ("Mobile France", mobile(rng)),
                    ("Fixe France", phone(rng)),
                    ("SMS", mobile(rng)),
                    ("Maroc mobile", f"+212 6 {group(digits(rng, 8, '0123456789'), (2, 2, 2, 2))}"),
                    ("Roumanie", f"+40 7{group(digits(rng, 8, '0123456789'), (2, 3, 3))}"),
                    ("Internet mobile", "—"),
                )
            )
            minutes = rng.choice((0, 0, 1, 2, 3, 5, 8, 12, 25, 41))
            dur = f"{int(rng.random() < 0.08):02d}:{minutes:02d}:{rng.randint(0, 59):02d}"
            if dest == "SMS":
                dur = ""
            if dest == "Internet mobile":
                dur = f"{rng.randint(10, 900)} Mo"
            elif masked:
                num = num[:-5] + "XX XX"
            price = (
                "inclus" if "France" in dest or dest in ("SMS", "Internet mobile") else eur(amount(rng, 0.3, 6), sym="")
            )
            rows.append(
                [fdate(day, "num")[:5], f"{rng.randint(7, 22):02d}:{rng.randint(0, 59):02d}", num, dest, dur, price]
            )
        sh.table(
            [18 * mm, 16 * mm, 44 * mm, 40 * mm, 26 * mm, 22 * mm],
            rows,
            aligns="llllrr",
            size=8.2,
            style="zebra",
            pad=0.8 * mm,
            head_fill=tint(color, 0.8),
        )
        if masked:
            sh.para("Les quatre derniers chiffres des numéros appelés sont masqués.", size=8, color=GREY)
    return truth("telecom", wording, f"{layout}_{head}", letter_date=d, deadline=deadline, reference=client_p)


BANKS = (
    ("Banque Atlantique Centrale", "BACEFRPP", "navy", "squares"),
    ("Crédit Fédéral des Provinces", "CFDPFRP1", "green", "leaf"),
    ("Banque Régionale Alpine", "BRALFR21", "red", "diamond"),
    ("Société Bancaire du Littoral", "SBLIFRPP", "teal", "wave"),
    ("Caisse Solidaire de Crédit", "CSCRFRPP", "orange", "ring"),
)


def bank_org(rng: Random, p: Person) -> tuple[Org, BankAccount, str]:
    name, bic, col, logo = rng.choice(BANKS)
    agency = f"Agence {p.town} {rng.choice(('Centre', 'Gare', 'République', 'Les Halles', 'Université'))}"
    org = Org(
        name=name,
        sub=[agency, f"{rng.randint(1, 80)} {rng.choice(STREETS)} – {p.postcode} {p.town}", f"Tél. {phone(rng)}"],
        color=BRANDS[col],
        logo=logo,
        initials="".join(w[0] for w in name.split() if w[0].isupper())[:3],
        window_line=f"{name} – {agency}",
    )
    acct = bank_account(rng, digits(rng, 5, "1"), bic + rng.choice(("XXX", "LYO", "NTE", "MRS")))
    return org, acct, agency


def bank_footer(rng: Random, name: str) -> Callable[[Sheet], None]:
    sid = siren(rng)
    return legal_footer(
        [
            f"{name} – Société anonyme coopérative de banque au capital variable – RCS "
            f"{rng.choice(('Lyon', 'Nantes', 'Paris', 'Bordeaux'))} "
            f"{fmt_siren(sid)}",
            f"Intermédiaire en assurance immatriculé à l'ORIAS sous le n° {group(digits(rng, 8, '01'), (2, 3, 3))} – "
            "Établissement de crédit agréé par l'ACPR",
        ]
    )


def bank_statement(rng: Random, sh: Sheet) -> Truth:
    """Relevé de compte: Date | Valeur | Libellé | Débit | Crédit, with thousands separators, IBAN/BIC, balances."""
    p = person(rng)
    org, acct, _ = bank_org(rng, p)
    layout = rng.choice(("grid", "zebra", "mono"))
    sh.family = "LiberationMono" if layout == "mono" else rng.choice((*SANS, "LiberationSerif"))
    sh.size = 8.6 if layout == "mono" else rng.choice((8.8, 9.2))
    sh.footer = bank_footer(rng, org.name)
    end = some_date(rng)
    end = date(end.year, end.month, 1) - timedelta(days=1)
    start = date(end.year, end.month, 1)
    edited = end + timedelta(days=rng.randint(1, 4))
    number = rng.randint(1, 12)
    y = letterhead(sh, org, rng.choice(("left", "right", "centered")))
    top = min(PAGE_H - 52 * mm, y - 6 * mm)
    wy = address_window(sh, p.address(), org, top=top)
    sh.tags.add("header_block")
    ly = sh.kv(
        [
            ("RELEVÉ DE COMPTE", ""),
            ("Compte courant n°", acct.account),
            ("Période", f"du {fdate(start)} au {fdate(end)}"),
            ("Relevé n°", str(number)),
        ],
        x=sh.left,
        y=top,
        label_w=34 * mm,
        size=9,
        width=86 * mm,
    )
    if layout != "mono":
        ly -= 11
        sh.text(sh.left, ly, f"Édité le {fdate(edited)}", 8.5, "", GREY)
    sh.y = min(wy, ly) - 6 * mm
    # IBAN box
    h = 15 * mm
    sh.y -= h
    sh.rect(sh.left, sh.y, sh.right - sh.left, h, stroke=org.color, width=0.8)
    sh.text(sh.left + 3 * mm, sh.y + h - 5 * mm, "IBAN", 8.5, "b")
    sh.text(sh.left + 16 * mm, sh.y + h - 5 * mm, acct.iban_print(), 9)
    sh.text(sh.left + 112 * mm, sh.y + h - 5 * mm, "BIC", 8.5, "b")
    sh.text(sh.left + 122 * mm, sh.y + h - 5 * mm, acct.bic, 9)
    rib = f"{acct.bank}   {acct.branch}   {acct.account}   {acct.key}"
    w = sh.text(sh.left + 3 * mm, sh.y + 4 * mm, "Banque   Guichet   N° de compte   Clé :", 8, "", GREY)
    sh.text(sh.left + 6 * mm + w, sh.y + 4 * mm, rib, 8.5)
    sh.y -= 4 * mm
    ops = []
    employer = rng.choice(
        (
            "SARL BATIMEX",
            "LOGIPRO SERVICES",
            "CLINIQUE DU PARC",
            "RESTAURATION COLLECTIVE SUD",
            "NETTOYAGE PLUS",
            "TRANSPORTS VIDAL",
        )
    )
    templates = [
        (f"PRLV SEPA EDF CLIENTS PARTICULIERS REF {digits(rng, 10)}", 40, 160, "d"),
        (f"PRLV SEPA {rng.choice(TELECOMS)[0].upper()} {digits(rng, 9)}", 20, 65, "d"),
        ("CB CARREFOUR CITY {dm}", 5, 95, "d"),
        ("CB PHARMACIE DU CENTRE {dm}", 4, 40, "d"),
        ("CB LIDL {dm}", 8, 110, "d"),
        ("CB SNCF INTERNET {dm}", 15, 120, "d"),
        (f"VIR SEPA CAF {p.dept.name.upper()} ALLOCATIONS", 100, 700, "c"),
        (f"VIR SEPA CPAM {p.dept.city.upper()} REMBOURSEMENT SOINS", 8, 90, "c"),
        (f"VIR SALAIRE {employer}", 1400, 3400, "c"),
        ("RETRAIT DAB {dm} " + p.town.upper(), 20, 200, "d"),
        ("CHQ N° {chq}", 30, 400, "d"),
        (f"PRLV SEPA LOYER AGENCE {rng.choice(('HABITAT', 'FONCIA', 'CITYA', 'DU PARC'))}", 450, 1100, "d"),
        ("COTISATION CARTE VISA CLASSIC", 3, 4, "d"),
        ("FRAIS TENUE DE COMPTE", 2, 3, "d"),
        ("VIR INST {who}", 20, 400, "c"),
        ("PRLV SEPA DGFIP IMPOT PRELEVEMENT A LA SOURCE", 20, 260, "d"),
        (f"PRLV SEPA MUTUELLE {rng.choice(('HARMONIE', 'DES SALARIÉS', 'ALPHA SANTÉ'))}", 25, 90, "d"),
        ("VIR SEPA FRANCE TRAVAIL ARE", 400, 1600, "c"),
    ]
    repeatable = [t for t in templates if "{dm}" in t[0] or t[0].startswith(("CHQ", "VIR INST"))]
    monthly = [t for t in templates if t not in repeatable]
    chosen = [t for t in monthly if rng.random() < 0.55]
    chosen += [rng.choice(repeatable) for _ in range(rng.randint(6, 30))]
    cheque = int(digits(rng, 7))
    friends = [f"{rng.choice(FIRST_M + FIRST_F).upper()} {rng.choice(LAST).upper()}" for _ in range(3)]
    for label, lo, hi, side in chosen:
        day = start + timedelta(days=rng.randrange((end - start).days + 1))
        if "{chq}" in label:
            cheque += 1
        dm = fdate(day - timedelta(days=rng.randint(0, 2)))[:5]
        ops.append((day, label.format(dm=dm, chq=cheque, who=rng.choice(friends)), amount(rng, lo, hi), side))
    if rng.random() < 0.35:
        day = start + timedelta(days=rng.randrange(20))
        ops.append((day, "VIR DEBLOCAGE PRET PERSONNEL", float(rng.randint(3, 25) * 1000) + amount(rng, 0, 500), "c"))
    ops.sort(key=lambda o: (o[0], o[1]))
    sep = rng.choice((" ", " ", "."))
    balance0 = amount(rng, -300, 4800)
    rows = [["Date", "Valeur", "Libellé des opérations", "Débit", "Crédit"]]

    def money(v: float) -> str:
        return eur(v, sep, "")

    rows.append(
        [
            fdate(start, "num")[:5] if layout == "mono" else "",
            "",
            f"SOLDE {'CREDITEUR' if balance0 >= 0 else 'DEBITEUR'} AU {fdate(start - timedelta(days=1))}",
            money(-balance0) if balance0 < 0 else "",
            money(balance0) if balance0 >= 0 else "",
        ]
    )
    debit = credit = 0.0
    for day, label, v, side in ops:
        val = day + timedelta(days=rng.choice((0, 0, 1, 2)))
        rows.append(
            [fdate(day)[:5], fdate(val)[:5], label, money(v) if side == "d" else "", money(v) if side == "c" else ""]
        )
        debit += v if side == "d" else 0
        credit += v if side == "c" else 0
    balance = round(balance0 + credit - debit, 2)
    rows.append(["", "", "TOTAL DES OPÉRATIONS", money(debit), money(credit)])
    rows.append(
        [
            "",
            "",
            f"NOUVEAU SOLDE {'CRÉDITEUR' if balance >= 0 else 'DÉBITEUR'} AU {fdate(end)}",
            money(-balance) if balance < 0 else "",
            money(balance) if balance >= 0 else "",
        ]
    )
    widths = [15 * mm, 15 * mm, 96 * mm, 22 * mm, 22 * mm]
    sh.table(
        widths,
        rows,
        aligns="llrrr"[:2] + "lrr",
        style={"grid": "grid", "zebra": "zebra", "mono": "open"}[layout],
        head_fill=None if layout == "mono" else tint(org.color, 0.8),
        bold_rows=(len(rows) - 2, len(rows) - 1),
        size=sh.size,
        pad=0.8 * mm,
        vpad=rng.choice((0.3, 0.45, 0.6)),
    )
    sh.para(
        "Sauf erreur ou omission. Nous vous invitons à vérifier les opérations figurant sur ce relevé et à nous "
        "signaler toute anomalie dans les meilleurs délais. Vos dépôts sont garantis par le Fonds de Garantie des "
        "Dépôts et de Résolution dans la limite de 100 000 €.",
        size=8,
        color=GREY,
    )
    sh.para(
        "En cas de désaccord persistant avec votre agence, vous pouvez saisir gratuitement le médiateur de la "
        f"consommation de {org.name} par courrier ou sur son site internet.",
        size=8,
        color=GREY,
    )
    return truth("bank", "releve_compte", layout, letter_date=edited if layout != "mono" else None)


def bank_letter(rng: Random, sh: Sheet) -> Truth:
    """Bank letter: loan file missing documents, account file incomplete, new fees, loan offer with a schedule."""
    p = person(rng)
    org, acct, agency = bank_org(rng, p)
    sh.family = rng.choice(SANS + SERIF)
    sh.size = rng.choice((9.5, 10.0, 10.5))
    sh.footer = bank_footer(rng, org.name)
    d = some_date(rng)
    adviser, adviser_f = staff(rng)
    wording = rng.choice(("pret_pieces", "compte_incomplet", "tarifs", "offre_pret"))
    head = rng.choice(("left", "right", "centered"))
    kind = {"compte_incomplet": "OUV", "tarifs": "TAR"}.get(wording, rng.choice(("PRT", "IMMO", "CONSO")))
    dossier = f"{d.year}-{kind}-{digits(rng, 6, '0123456789')}"
    refs = [("Votre conseiller", adviser), ("Téléphone", phone(rng)), ("N° de dossier", dossier)]
    if wording == "tarifs":
        refs = [*refs[:2], ("Compte n°", acct.account)]
    open_letter(sh, org, p.address(), head=head, d=d, place=p.town, date_style=rng.choice(("long", "num")), refs=refs)
    documents: list[str] = []
    deadline = None
    reference = dossier if wording != "tarifs" else None
    if wording in ("pret_pieces", "compte_incomplet"):
        loan = wording == "pret_pieces"
        subject = (
            f"Votre demande de prêt {rng.choice(('immobilier', 'personnel', 'travaux'))} – pièces justificatives"
            if loan
            else "Ouverture de votre compte – dossier incomplet"
        )
        sh.para(f"Objet : {subject}", style="b", after=4 * mm)
        sh.para(salutation(p), after=2 * mm)
        if loan:
            sh.para(
                "Nous avons bien reçu votre demande de financement d'un montant de "
                f"{eur(rng.randint(8, 320) * 1000.0)} "
                "et nous vous remercions de votre confiance. Afin de poursuivre l'étude de votre dossier, nous vous "
                "remercions de bien vouloir nous adresser les pièces justificatives suivantes :"
            )
            items = pool(
                "payslips",
                "employment_contract",
                "proof_of_address",
                "residence_permit",
                other=(
                    "votre dernier avis d'imposition",
                    "les relevés de vos comptes détenus dans d'autres établissements sur les trois derniers mois",
                    "le compromis de vente signé",
                ),
            )
        else:
            sh.para(
                f"Lors de votre rendez-vous du {fdate(d - timedelta(days=rng.randint(3, 20)), 'long')}, vous avez "
                "demandé l'ouverture d'un compte de dépôt. À ce jour, votre dossier est incomplet : conformément à la "
                "réglementation relative à la connaissance client, veuillez nous adresser les pièces manquantes "
                "suivantes :"
            )
            items = pool(
                "passport",
                "residence_permit",
                "proof_of_address",
                "payslips",
                other=("un justificatif de revenus (avis d'imposition ou attestation France Travail)",),
            )
        phrases, documents = ask(rng, items, rng.randint(2, 4))
        sh.bullets([ph[0].upper() + ph[1:] for ph in phrases], mark=rng.choice(("•", "–", "-")))
        if rng.random() < 0.5:
            deadline = d + timedelta(days=rng.choice((15, 21, 30)))
            sh.para(
                f"Ces documents doivent nous parvenir avant le {fdate(deadline, 'long')}, par courrier ou en les "
                "déposant dans votre espace client."
            )
        else:
            sh.para(
                f"Nous vous remercions de nous les transmettre dans un délai de {rng.choice((15, 30))} jours. "
                "À défaut, nous ne serons pas en mesure de donner suite à votre demande."
            )
    elif wording == "tarifs":
        eff = date(d.year + 1, 1, 1)
        sh.para(f"Objet : Évolution de vos conditions tarifaires au {fdate(eff, 'long')}", style="b", after=4 * mm)
        sh.para(salutation(p), after=2 * mm)
        sh.para(
            f"Conformément à la convention de compte que vous avez signée, nous vous informons des évolutions de nos "
            f"conditions tarifaires applicables à compter du {fdate(eff, 'long')}. Les principales modifications "
            "concernant les services que vous utilisez figurent dans le tableau ci-dessous :"
        )
        services = [
            "Frais de tenue de compte (par mois)",
            "Cotisation carte Visa Classic (par an)",
            "Virement SEPA occasionnel en agence",
            "Commission d'intervention (par opération)",
            "Retrait d'espèces hors zone euro",
            "Lettre d'information pour compte débiteur",
            "Assurance des moyens de paiement (par an)",
        ]
        rows = [["Service", "Tarif actuel", f"Tarif au {fdate(eff)}"]]
        for s in rng.sample(services, rng.randint(4, 7)):
            cur = amount(rng, 1, 48)
            rows.append([s, eur(cur), eur(round(cur * rng.uniform(1.02, 1.15), 2))])
        sh.table([100 * mm, 35 * mm, 35 * mm], rows, aligns="lrr", style=rng.choice(("grid", "lines")))
        sh.para(
            "Vous disposez d'un délai de deux mois pour refuser ces modifications et résilier sans frais votre "
            "convention. En l'absence de contestation de votre part, vous serez réputé(e) les avoir acceptées."
        )
    else:
        capital = float(rng.randint(8, 300) * 1000)
        months = rng.choice((60, 84, 120, 180, 240, 300))
        rate = rng.choice((3.45, 3.85, 4.1, 4.6, 5.2))
        r = rate / 1200
        pay = round(capital * r / (1 - (1 + r) ** -months), 2)
        sh.para("Objet : Offre de prêt", style="b", after=4 * mm)
        sh.para(salutation(p), after=2 * mm)
        sh.para(
            "Suite à l'accord de notre comité d'engagement, nous avons le plaisir de vous adresser ci-joint l'offre "
            "de prêt correspondant à votre demande. Conformément à la loi, vous ne pouvez l'accepter qu'après un "
            "délai de réflexion de dix jours à compter de sa réception."
        )
        kv = [
            ("Montant emprunté", eur(capital)),
            ("Durée", f"{months} mois"),
            ("Taux nominal annuel fixe", f"{rate:.2f} %".replace(".", ",")),
            ("TAEG", f"{rate + rng.uniform(0.2, 0.7):.2f} %".replace(".", ",")),
            ("Échéance mensuelle", eur(pay)),
        ]
        sh.y = sh.kv(kv, x=sh.left + 5 * mm, y=sh.y, label_w=60 * mm, size=sh.size, width=150 * mm) - 3 * mm
        sh.para("Extrait du tableau d'amortissement :", style="b")
        rows = [["N°", "Date", "Échéance", "Intérêts", "Capital amorti", "Capital restant dû"]]
        rest = capital
        due = add_months(d, 2)
        for k in range(1, rng.randint(6, 12)):
            inter = round(rest * r, 2)
            amort = round(pay - inter, 2)
            rest = round(rest - amort, 2)
            rows.append(
                [
                    str(k),
                    fdate(add_months(due, k - 1)),
                    eur(pay, sym=""),
                    eur(inter, sym=""),
                    eur(amort, sym=""),
                    eur(rest, sym=""),
                ]
            )
        sh.table(
            [10 * mm, 26 * mm, 30 * mm, 30 * mm, 34 * mm, 40 * mm],
            rows,
            aligns="crrrrr",
            style=rng.choice(("grid", "zebra")),
            size=8.6,
            pad=0.7 * mm,
        )
        deadline = d + timedelta(days=30)
        sh.para(
            f"Cette offre est valable jusqu'au {fdate(deadline, 'long')}. Pour l'accepter, retournez-nous "
            "l'exemplaire signé par voie postale, le cachet de la poste faisant foi."
        )
    sh.para(closing(rng, p))
    boss, boss_f = staff(rng)
    if rng.random() < 0.5:
        signature(sh, [adviser, "Votre conseillère" if adviser_f else "Votre conseiller"])
    else:
        signature(sh, [f"{'La Directrice' if boss_f else 'Le Directeur'} de l'{agency}", boss])
    return truth("bank", wording, head, letter_date=d, deadline=deadline, reference=reference, documents=documents)


def caf_org(rng: Random, dept: Dept) -> Org:
    cedex = f"{dept.code[:2]}{rng.randint(700, 999)} {dept.city.upper()} CEDEX {rng.randint(1, 20):02d}"
    return Org(
        name=f"Caf {dept.of}",
        sub=["Caisse d'allocations familiales", f"TSA {rng.randint(10000, 99999)}", cedex],
        color=BRANDS["blue"],
        logo="disc",
        initials="caf",
        window_line=f"Caf {dept.of} – {cedex}",
    )


def caf_footer(rng: Random) -> Callable[[Sheet], None]:
    return legal_footer(
        [
            "caf.fr – Application mobile « Caf – Mon compte » – 32 30 (service gratuit + prix d'un appel)",
            "Conformément au RGPD, vous pouvez exercer vos droits d'accès et de rectification auprès du "
            "délégué à la protection des données de votre Caf.",
        ]
    )


def caf_attestation(rng: Random, sh: Sheet) -> Truth:
    """CAF attestation de paiement, attestation de quotient familial, or letter about rights (maybe asking papers)."""
    p = person(rng)
    org = caf_org(rng, p.dept)
    sh.family = rng.choice(SANS)
    sh.size = rng.choice((9.5, 10.0))
    sh.footer = caf_footer(rng)
    d = some_date(rng)
    alloc = digits(rng, 7)
    wording = rng.choice(("paiement", "quotient", "droits", "droits_pieces"))
    head = rng.choice(("left", "banner", "right"))
    ref_label = rng.choice(("N° allocataire", "Référence allocataire", "Numéro de dossier"))
    refs = [
        (ref_label, alloc),
        ("Dossier suivi par", rng.choice(("Votre Caf", "Service Prestations"))),
        ("Téléphone", "32 30"),
    ]
    open_letter(
        sh,
        org,
        p.address(),
        head=head,
        d=d,
        place=p.dept.city,
        date_style=rng.choice(("long", "num")),
        refs=refs,
        label_w=36 * mm,
    )
    documents: list[str] = []
    deadline = None
    prestations = [
        ("Aide personnalisée au logement", 120, 420),
        ("Allocations familiales", 140, 330),
        ("Prime d'activité", 60, 320),
        ("Complément familial", 190, 290),
        ("Allocation de rentrée scolaire", 390, 430),
        ("Revenu de solidarité active", 350, 640),
    ]
    chosen = rng.sample(prestations, rng.randint(1, 3))
    if wording == "paiement":
        title(sh, "ATTESTATION DE PAIEMENT", 13, org.color, align=rng.choice(("l", "c")))
        n_months = rng.randint(3, 6)
        first = add_months(date(d.year, d.month, 1), -n_months)
        sh.para(
            f"La Caisse d'allocations familiales atteste que {p.full}, allocataire n° {alloc}, demeurant "
            f"{p.one_line_address()}, a perçu les prestations suivantes :"
        )
        rows = [["Mois", "Prestation", "Montant brut", "CRDS", "Montant versé"]]
        base = {label: amount(rng, lo, hi) for label, lo, hi in chosen}
        for k in range(n_months):
            m = add_months(first, k)
            for label, _, _ in chosen:
                v = base[label] if rng.random() < 0.7 else round(base[label] * rng.uniform(0.9, 1.1), 2)
                crds = round(v * 0.005, 2)
                rows.append(
                    [month_year(m).capitalize(), label, eur(v, sym=""), eur(crds, sym=""), eur(v - crds, sym="")]
                )
        sh.table(
            [30 * mm, 68 * mm, 26 * mm, 18 * mm, 28 * mm],
            rows,
            aligns="llrrr",
            style=rng.choice(("grid", "lines", "zebra")),
            size=8.8,
            pad=0.8 * mm,
        )
        sh.para("Cette attestation est délivrée pour servir et valoir ce que de droit.")
    elif wording == "quotient":
        title(sh, "ATTESTATION DE QUOTIENT FAMILIAL", 13, org.color, align=rng.choice(("l", "c")))
        qf = rng.randint(180, 1600)
        sh.para(
            f"Nous attestons que le quotient familial de {p.full}, calculé au {fdate(date(d.year, d.month, 1), 'long')}"
            f" sur la base des ressources de l'année {d.year - 2}, est de : {qf} €."
        )
        rows = [["Nom", "Prénom", "Date de naissance", "Situation"]]
        rows.append([p.last.upper(), p.first, fdate(p.born), "Allocataire"])
        for _ in range(rng.randint(0, 4)):
            c = child_of(rng, p)
            rows.append([p.last.upper(), c.first, fdate(c.born), "Enfant à charge"])
        sh.para("Composition de votre foyer :", style="b")
        sh.table([45 * mm, 40 * mm, 40 * mm, 45 * mm], rows, style=rng.choice(("grid", "lines")), size=9)
        sh.para(
            "Cette attestation peut être présentée aux organismes qui vous la demandent (crèche, cantine, "
            "centre de loisirs). Elle ne constitue pas une attestation de droits."
        )
    else:
        month = date(d.year, d.month, 1)
        sh.para(f"Objet : Vos droits à compter du {fdate(month, 'long')}", style="b", after=4 * mm)
        sh.para(salutation(p), after=2 * mm)
        sh.para(
            f"Nous avons étudié votre dossier. Voici le montant de vos prestations à compter du "
            f"{fdate(month, 'long')} :"
        )
        rows = [["Prestation", "Montant mensuel", "Date de versement"]]
        for label, lo, hi in chosen:
            rows.append([label, eur(amount(rng, lo, hi)), f"le {rng.choice((5, 6))} de chaque mois"])
        sh.table([85 * mm, 40 * mm, 45 * mm], rows, aligns="lrl", style=rng.choice(("grid", "lines")))
        if wording == "droits_pieces":
            sh.para(
                "Pour continuer à percevoir vos prestations, votre dossier doit être complété. Veuillez nous "
                "adresser les pièces justificatives suivantes :"
            )
            phrases, documents = ask(
                rng,
                pool(
                    "school_certificate",
                    "rib",
                    "residence_permit",
                    "proof_of_address",
                    other=(
                        "l'attestation de loyer complétée par votre bailleur",
                        "le jugement de divorce ou de séparation",
                    ),
                ),
                rng.randint(1, 3),
            )
            sh.bullets([ph[0].upper() + ph[1:] for ph in phrases])
            if rng.random() < 0.6:
                deadline = d + timedelta(days=rng.choice((15, 30, 31)))
                sh.para(
                    f"Merci de nous transmettre ces documents avant le {fdate(deadline, 'long')} depuis votre "
                    "espace Mon Compte sur caf.fr. Sans réponse de votre part, le versement de vos prestations "
                    "pourra être suspendu."
                )
            else:
                sh.para(
                    "Vous pouvez les déposer dans votre espace Mon Compte sur caf.fr, rubrique « Transmettre un "
                    "document ». Sans réponse de votre part dans un délai d'un mois, le versement de vos "
                    "prestations pourra être suspendu."
                )
        else:
            sh.para(
                "Vous n'avez aucune démarche à faire. Pensez à nous signaler tout changement de situation "
                "(naissance, déménagement, reprise d'activité) depuis votre espace Mon Compte."
            )
        sh.para(closing(rng, p))
    signature(sh, director(rng, "{} de la Caf"), right=rng.random() < 0.7)
    return truth("caf", wording, head, letter_date=d, deadline=deadline, reference=alloc, documents=documents)


def form_field(
    sh: Sheet,
    label: str,
    n: int,
    value: str = "",
    *,
    x: float | None = None,
    box: float = 4.6 * mm,
    size: float = 9,
    gaps: Sequence[int] = (),
) -> float:
    """A label then one box per character on the current line; returns the x after the boxes."""
    x = sh.left if x is None else x
    w = sh.text(x, sh.y, label, size)
    return sh.char_boxes(x + w + 2 * mm, sh.y, n, value.upper(), box=box, size=size, gaps=gaps)


def caf_form(rng: Random, sh: Sheet) -> Truth:
    """A CAF form: boxes to fill (some pre-filled), checkboxes, pièces justificatives, "Je certifie sur l'honneur"."""
    p = person(rng)
    org = caf_org(rng, p.dept)
    sh.family = rng.choice(SANS)
    sh.size = 9.0
    sh.left, sh.right = 15 * mm, PAGE_W - 15 * mm
    wording = rng.choice(("aide_logement", "declaration_situation", "declaration_ressources"))
    nir_blank = rng.random() < 0.4
    prefilled = rng.random() < 0.6
    cerfa = f"{rng.randint(10000, 15999)}*{rng.randint(1, 12):02d}"
    edited = some_date(rng) if prefilled else None
    sh.footer = legal_footer(
        [
            f"cerfa n° {cerfa} – {org.name}" + (f" – édité le {fdate(edited)}" if edited else ""),
            "La loi rend passible d'amende ou d'emprisonnement quiconque se rend coupable de fraude ou de fausse "
            "déclaration (art. L114-13 du code de la sécurité sociale, art. 441-1 du code pénal).",
        ]
    )
    heading = {
        "aide_logement": "Demande d'aide au logement",
        "declaration_situation": "Déclaration de situation",
        "declaration_ressources": "Déclaration trimestrielle de ressources",
    }[wording]
    sh.tags.add("form")
    top = PAGE_H - 14 * mm
    sh.logo("disc", sh.left, top - 14 * mm, 14 * mm, org.color, "caf")
    sh.text(sh.left + 18 * mm, top - 5 * mm, org.name, 11, "b", org.color)
    sh.text(sh.left + 18 * mm, top - 10 * mm, "Caisse d'allocations familiales", 8.5, "", GREY)
    sh.rect(sh.right - 36 * mm, top - 14 * mm, 36 * mm, 14 * mm, stroke=BLACK, width=0.7)
    sh.text(sh.right - 18 * mm, top - 6 * mm, "cerfa", 10, "b", align="c")
    sh.text(sh.right - 18 * mm, top - 11 * mm, f"n° {cerfa}", 8.5, align="c")
    sh.y = top - 20 * mm
    title(sh, heading.upper(), 13.5, org.color, align="c", after=1 * mm)
    sh.para(
        "Remplissez ce formulaire en lettres capitales et retournez-le à votre Caf accompagné des pièces "
        "justificatives demandées.",
        size=8.5,
        align="c",
        color=GREY,
    )
    section(sh, "1. Vous", org.color)
    sh.y -= 12
    form_field(sh, "Numéro allocataire", 7, digits(rng, 7) if prefilled else "")
    sh.y -= 17
    form_field(sh, "Nom", 24, p.last if prefilled else "")
    sh.y -= 17
    form_field(sh, "Prénom(s)", 20, p.first if prefilled else "")
    sh.y -= 17
    x = form_field(sh, "Date de naissance", 8, p.born.strftime("%d%m%Y") if prefilled else "", gaps=(2, 4))
    sh.checkbox(x + 8 * mm, sh.y, "Homme", prefilled and not p.female)
    sh.checkbox(x + 30 * mm, sh.y, "Femme", prefilled and p.female)
    if nir_blank:
        sh.y -= 17
        form_field(sh, "N° de sécurité sociale", 15, "", box=4.4 * mm, gaps=(1, 3, 5, 7, 10, 13))
    sh.y -= 17
    form_field(sh, "Téléphone", 10, "", gaps=(2, 4, 6, 8))
    sh.y -= 8
    section(
        sh, "2. Votre situation" if wording != "declaration_ressources" else "2. Vos ressources du trimestre", org.color
    )
    if wording == "declaration_ressources":
        months = [add_months(edited or some_date(rng), -k) for k in (3, 2, 1)]
        rows = [["Nature des ressources", *[month_year(m) for m in months]]]
        for label in (
            "Salaires ou revenus d'activité",
            "Indemnités journalières",
            "Allocations chômage",
            "Pensions, retraites, rentes",
            "Autres ressources",
        ):
            rows.append([label, "", "", ""])
        sh.table([70 * mm, 35 * mm, 35 * mm, 35 * mm], rows, style="grid", min_h=8 * mm, size=9)
    else:
        sh.y -= 12
        x = sh.left
        for label in ("Célibataire", "Marié(e)", "Pacsé(e)", "En concubinage", "Séparé(e)", "Divorcé(e)"):
            x += sh.checkbox(x, sh.y, label, False) + 5 * mm
        sh.y -= 16
        x = sh.left
        sh.text(x, sh.y, "Vous êtes :", 9)
        x += 20 * mm
        for label in ("Locataire", "Colocataire", "Sous-locataire", "En foyer", "Hébergé(e)"):
            x += sh.checkbox(x, sh.y, label, False) + 5 * mm
        sh.y -= 17
        x = form_field(sh, "Montant du loyer mensuel (hors charges)", 6, "")
        sh.text(x + 2 * mm, sh.y, "€", 9)
        sh.y -= 17
        form_field(sh, "Date d'entrée dans le logement", 8, "", gaps=(2, 4))
        sh.y -= 8
    section(sh, "3. Pièces justificatives à joindre", org.color)
    phrases, documents = ask(
        rng,
        pool(
            "rib",
            "residence_permit",
            "payslips",
            "employer_certificate",
            "school_certificate",
            "proof_of_address",
            other=(
                "la copie de votre bail ou de votre contrat de location",
                "l'attestation de loyer remplie et signée par le bailleur",
            ),
        ),
        rng.randint(3, 5),
    )
    sh.y -= 2
    for ph in phrases:
        sh.y -= 13
        sh.checkbox(sh.left + 2 * mm, sh.y, ph[0].upper() + ph[1:], False, 9)
    sh.y -= 4
    section(sh, "4. Engagement", org.color)
    sh.para(
        "Je certifie sur l'honneur l'exactitude des renseignements portés sur cette déclaration et je m'engage "
        "à signaler tout changement de situation à ma Caf.",
        size=9,
    )
    sh.need(32 * mm)
    sh.y -= 16
    sh.text(sh.left, sh.y, "Fait à .............................................  le  ____ / ____ / ________", 9)
    sh.y -= 6 * mm
    sh.rect(sh.right - 80 * mm, sh.y - 22 * mm, 80 * mm, 22 * mm, stroke=BLACK, width=0.6)
    sh.text(sh.right - 78 * mm, sh.y - 4 * mm, "Signature", 8.5, "", GREY)
    sh.y -= 24 * mm
    if sh.y - 30 * mm > sh.bottom:
        sh.y -= 6 * mm
        sh.rect(sh.left, sh.y - 20 * mm, sh.right - sh.left, 20 * mm, stroke=GREY, fill=Color(0.96, 0.96, 0.96))
        sh.text(sh.left + 3 * mm, sh.y - 5 * mm, "Cadre réservé à la Caf", 8.5, "b", GREY)
        sh.text(sh.left + 3 * mm, sh.y - 11 * mm, "Date de réception : ....................", 8.5, "", GREY)
        sh.text(sh.left + 90 * mm, sh.y - 11 * mm, "Visa de l'agent : ....................", 8.5, "", GREY)
        sh.text(sh.left + 3 * mm, sh.y - 17 * mm, "Dossier complet :   oui   /   non", 8.5, "", GREY)
        sh.y -= 22 * mm
    return truth(
        "caf",
        wording + ("_nir_field_blank" if nir_blank else ""),
        "prefilled" if prefilled else "blank",
        letter_date=edited,
        documents=documents,
    )


def tax_notice(rng: Random, sh: Sheet) -> Truth:
    """DGFiP: avis d'impôt sur le revenu, avis de taxe foncière, or a letter asking for justificatifs."""
    p = person(rng)
    sh.family = rng.choice(SANS)
    sh.size = rng.choice((9.0, 9.5))
    wording = rng.choice(("avis_ir", "taxe_fonciere", "demande_pieces"))
    d = some_date(rng)
    fisc = tax_number(rng)
    fisc_p = rng.choice((nif.format(fisc), fisc, group(fisc, (1, 3, 3, 3, 3))))
    avis_ref = f"{d.year % 100:02d} {p.dept.code[:2]} {rng.choice('ABCDEFKLMN')}{digits(rng, 5, '0123456789')} "
    avis_ref += digits(rng, 3, "0123456789")
    city = p.dept.city
    org = Org(
        name="Direction générale des Finances publiques",
        sub=[
            f"Service des impôts des particuliers de {city}",
            f"{rng.randint(1, 60)} {rng.choice(STREETS)}",
            f"{p.dept.towns[0][0]} {city.upper()}",
        ],
        color=BRANDS["navy"],
        logo="marianne",
        window_line=f"SIP {city} – {p.dept.towns[0][0]} {city}",
    )
    sh.footer = legal_footer(
        [
            f"impots.gouv.fr – Votre espace particulier – Numéro fiscal {fisc_p}",
            "Impots.gouv : 0 809 401 401 (service gratuit + prix d'un appel)",
        ]
    )
    y = letterhead(sh, org, "state")
    top = min(PAGE_H - 52 * mm, y - 6 * mm)
    wy = address_window(sh, p.address(), org, top=top)
    deadline = None
    documents: list[str] = []
    if wording in ("avis_ir", "taxe_fonciere"):
        sh.tags.add("header_block")
        refs = [
            ("Vos références", ""),
            ("Numéro fiscal", fisc_p),
            ("N° d'accès en ligne", group(digits(rng, 7), (2, 2, 3))),
            ("Référence de l'avis", avis_ref),
        ]
        if wording == "avis_ir":
            rfr = rng.randint(8000, 78000)
            refs.append(("Revenu fiscal de référence", int_fr(rfr)))
        ly = sh.kv(refs, x=sh.left, y=top, label_w=42 * mm, size=8.8, width=86 * mm)
        sh.y = min(wy, ly) - 7 * mm
        year = d.year
        recouv = date(year, 7 if wording == "avis_ir" else 8, 31)
        etab = recouv - timedelta(days=rng.randint(3, 12))
        deadline = date(year, 9 if wording == "avis_ir" else 10, 15)
        mensu = rng.random() < 0.35
        salaries = rng.randint(14000, 62000)
        net = round(salaries * 0.9)
        parts = rng.choice((1, 1.5, 2, 2.5, 3))
        tax = max(0, round((net / parts - 11294) * 0.11 * parts))
        pas = round(tax * rng.uniform(0.6, 1.05))
        nothing_due = wording == "avis_ir" and tax <= pas
        limit = "sans objet" if nothing_due else "prélèvements mensuels" if mensu else fdate(deadline)
        if mensu or nothing_due:
            deadline = None
        if wording == "avis_ir":
            title(sh, f"AVIS D'IMPÔT {year} SUR LES REVENUS DE L'ANNÉE {year - 1}", 12.5, org.color)
        else:
            title(sh, f"AVIS DE TAXE FONCIÈRE {year}", 12.5, org.color)
        sh.y = (
            sh.kv(
                [
                    ("Date d'établissement", fdate(etab)),
                    ("Date de mise en recouvrement", fdate(recouv)),
                    ("Date limite de paiement", limit),
                ],
                x=sh.left,
                y=sh.y,
                label_w=60 * mm,
                size=9,
                width=170 * mm,
            )
            - 4 * mm
        )
        if wording == "avis_ir":
            rows = [
                ["Détail des revenus", "Case", "Déclarant 1", "Déclarant 2"],
                ["Salaires, gains de stage et pourboires", "1AJ", int_fr(salaries), ""],
                ["Déduction de 10 % ou frais réels", "", int_fr(salaries - net), ""],
                ["Salaires imposables", "", int_fr(net), ""],
                ["Revenu brut global", "", int_fr(net), ""],
                ["Revenu imposable", "", int_fr(net), ""],
                ["Nombre de parts", "", f"{parts:g}".replace(".", ","), ""],
            ]
            if rng.random() < 0.5:
                rows.insert(2, ["Revenus de remplacement (chômage)", "1AP", int_fr(rng.randint(500, 9000)), ""])
            sh.table(
                [82 * mm, 18 * mm, 35 * mm, 35 * mm],
                rows,
                aligns="lcrr",
                style=rng.choice(("grid", "lines")),
                size=8.8,
                pad=0.9 * mm,
            )
            rows = [
                ["Calcul de l'impôt", "Montant"],
                ["Impôt sur les revenus soumis au barème", int_fr(tax)],
                ["Impôt net avant prélèvement à la source", int_fr(tax)],
                ["Retenue à la source et acomptes versés", int_fr(pas)],
                ["Reste à payer" if tax >= pas else "Montant remboursé", f"{int_fr(abs(tax - pas))} €"],
            ]
            sh.table([135 * mm, 35 * mm], rows, aligns="lr", style="grid", size=8.8, bold_rows=(4,))
        else:
            base = rng.randint(600, 4800)
            rows = [
                ["", "Commune", "Syndicats", "Intercommunalité", "Taxes spéciales", "TEOM"],
                ["Base", int_fr(base), int_fr(base), int_fr(base), int_fr(base), int_fr(base + rng.randint(0, 80))],
                [f"Taux {year}", "45,23 %", "0,851 %", "2,180 %", "0,284 %", "8,40 %"],
                ["Cotisation", *[int_fr(round(base * t)) for t in (0.4523, 0.0085, 0.0218, 0.0028, 0.084)]],
            ]
            fees = round(sum(round(base * t) for t in (0.4523, 0.0085, 0.0218, 0.0028, 0.084)) * 0.03)
            total_tf = sum(round(base * t) for t in (0.4523, 0.0085, 0.0218, 0.0028, 0.084)) + fees
            sh.table(
                [24 * mm, 30 * mm, 28 * mm, 32 * mm, 30 * mm, 26 * mm],
                rows,
                aligns="lrrrrr",
                style="grid",
                size=8.6,
                pad=0.8 * mm,
            )
            parc = f"{rng.choice(('A', 'AB', 'BK', 'C', 'ZD'))} {rng.randint(1, 999):04d}"
            sh.y = (
                sh.kv(
                    [
                        ("Frais de gestion de la fiscalité directe locale", f"{int_fr(fees)} €"),
                        ("Montant de votre impôt", f"{int_fr(total_tf)} €"),
                    ],
                    x=sh.left,
                    y=sh.y,
                    label_w=90 * mm,
                    size=9.5,
                    width=170 * mm,
                )
                - 3 * mm
            )
            sh.y = (
                sh.kv(
                    [
                        ("Adresse du bien", p.one_line_address()),
                        ("Référence cadastrale", f"section {parc}"),
                        ("Invariant", digits(rng, 10)),
                    ],
                    x=sh.left,
                    y=sh.y,
                    label_w=40 * mm,
                    size=9,
                    width=170 * mm,
                )
                - 4 * mm
            )
        sh.para(
            "Vous pouvez payer en ligne sur impots.gouv.fr, par smartphone avec l'application impots.gouv, ou "
            "adhérer au prélèvement à l'échéance jusqu'au dernier jour du mois précédant la date limite.",
            size=8.5,
        )
        reference = avis_ref
        letter_date = etab
    else:
        agent, agent_f = staff(rng)
        dossier = f"{d.year}/{digits(rng, 5, '0123456789')}"
        ly = refs_block(
            sh,
            [("Dossier suivi par", agent), ("Réf.", dossier), ("Numéro fiscal", fisc_p), ("Téléphone", phone(rng))],
            top=top,
            label_w=32 * mm,
        )
        sh.y = min(wy, ly) - 7 * mm
        sh.text(sh.right, sh.y, date_line(city, d, "long"), sh.size, align="r")
        sh.y -= 8 * mm
        sh.para(f"Objet : Demande de renseignements – déclaration des revenus de {d.year - 1}", style="b", after=4 * mm)
        sh.para(salutation(p), after=2 * mm)
        sh.para(
            "Dans le cadre de l'examen de votre déclaration de revenus, je vous serais obligé de bien vouloir "
            "m'adresser, dans un délai de trente jours à compter de la réception de ce courrier, les pièces "
            "justificatives suivantes :"
        )
        phrases, documents = ask(
            rng,
            pool(
                "employer_certificate",
                "payslips",
                "rib",
                other=(
                    "les justificatifs des frais réels déclarés (distance, frais de repas)",
                    "les attestations de versement des pensions alimentaires",
                    "les reçus des dons aux associations",
                ),
            ),
            rng.randint(2, 4),
        )
        sh.bullets([ph[0].upper() + ph[1:] for ph in phrases])
        sh.para(
            "Cette demande est faite en application de l'article L. 10 du livre des procédures fiscales. À "
            "défaut de réponse, les éléments non justifiés pourront être réintégrés à votre revenu imposable."
        )
        sh.para(closing(rng, p, firm=True))
        signature(sh, [f"L'{'Inspectrice' if agent_f else 'Inspecteur'} des Finances publiques", agent])
        reference = dossier
        letter_date = d
    return truth(
        "impots", wording, "state", letter_date=letter_date, deadline=deadline, reference=reference, documents=documents
    )


def urssaf_letter(rng: Random, sh: Sheet) -> Truth:
    """URSSAF: confirmation d'immatriculation, échéancier, mise en demeure, attestation de vigilance."""
    p = person(rng)
    sh.family = rng.choice(SANS + SERIF[:2])
    sh.size = rng.choice((9.5, 10.0))
    d = some_date(rng)
    region = REGIONS[p.dept.code]
    org = Org(
        name=f"Urssaf {region}",
        sub=[
            "Travailleurs indépendants",
            f"TSA {rng.randint(10000, 99999)}",
            f"{p.dept.code[:2]}{rng.randint(700, 999)} {p.dept.city.upper()} CEDEX",
        ],
        color=BRANDS["blue"],
        logo=rng.choice(("bars", "squares")),
        initials="U",
        window_line=f"Urssaf {region} – {p.dept.city} Cedex",
    )
    sid = siren(rng)
    sirt = siret(rng, sid)
    account = digits(rng, 18, "1234567")
    account_p = rng.choice((account, group(account, (3, 3, 12)), group(account, (3, 15))))
    sh.footer = legal_footer(
        [
            "urssaf.fr – autoentrepreneur.urssaf.fr – 36 98 (service gratuit + prix d'un appel)",
            f"Union de recouvrement des cotisations de sécurité sociale et d'allocations familiales – {region}",
        ]
    )
    wording = rng.choice(("immatriculation", "echeancier", "mise_en_demeure", "vigilance"))
    head = rng.choice(("left", "banner", "right"))
    prefix = {"immatriculation": "IMM", "echeancier": "ECH", "mise_en_demeure": "MED", "vigilance": "ATT"}[wording]
    ref = f"{prefix}-{digits(rng, 9, '0123456789')}"
    refs = [("N° de compte", account_p), ("SIRET", rng.choice((fmt_siret(sirt), sirt))), ("Référence", ref)]
    if rng.random() < 0.5:
        refs.append(("Code APE", f"{rng.randint(1000, 9699)}{rng.choice('ABCZ')}"))
    open_letter(
        sh,
        org,
        p.address(),
        head=head,
        d=d,
        place=p.dept.city,
        date_style=rng.choice(("long", "num")),
        refs=refs,
        label_w=26 * mm,
    )
    deadline = None
    documents: list[str] = []
    if wording == "immatriculation":
        start = d - timedelta(days=rng.randint(10, 40))
        sh.para("Objet : Confirmation de votre immatriculation", style="b", after=4 * mm)
        sh.para(salutation(p), after=2 * mm)
        sh.para(
            f"Nous avons le plaisir de vous confirmer votre immatriculation en qualité de travailleur "
            f"indépendant à compter du {fdate(start, 'long')}. Votre entreprise est identifiée par le numéro "
            f"SIREN {fmt_siren(sid)} ; votre établissement principal par le numéro SIRET {fmt_siret(sirt)}."
        )
        sh.para(
            f"Votre numéro de compte cotisant est le {account_p}. Rappelez-le dans toutes vos correspondances. "
            "Votre première déclaration de chiffre d'affaires devra être effectuée en ligne à l'issue du premier "
            "trimestre civil d'activité."
        )
        sh.para(
            "Cette immatriculation ne vaut pas inscription au registre national des entreprises ; elle vous "
            "permet de déclarer et payer vos cotisations sociales.",
            size=sh.size - 0.5,
        )
    elif wording == "echeancier":
        sh.para(f"Objet : Votre échéancier de cotisations provisionnelles {d.year}", style="b", after=4 * mm)
        sh.para(salutation(p), after=2 * mm)
        sh.para(
            "Vos cotisations provisionnelles ont été calculées sur la base de vos revenus déclarés. Elles seront "
            "régularisées lorsque vos revenus définitifs seront connus. Voici votre échéancier :"
        )
        rows = [["Échéance", "Maladie-maternité", "Retraite", "CSG-CRDS", "Total"]]
        date_style = rng.choice(("long", "num"))
        for k in range(rng.randint(5, 12)):
            a, b, c = amount(rng, 20, 180), amount(rng, 60, 420), amount(rng, 40, 260)
            rows.append(
                [
                    fdate(add_months(date(d.year, d.month, 5), k + 1), date_style),
                    eur(a, sym=""),
                    eur(b, sym=""),
                    eur(c, sym=""),
                    eur(a + b + c, sym=""),
                ]
            )
        sh.table(
            [34 * mm, 36 * mm, 32 * mm, 32 * mm, 36 * mm],
            rows,
            aligns="lrrrr",
            style=rng.choice(("grid", "zebra")),
            size=8.8,
            pad=0.8 * mm,
        )
    elif wording == "mise_en_demeure":
        sh.para("Objet : MISE EN DEMEURE", style="b", after=4 * mm)
        sh.para(salutation(p), after=2 * mm)
        sh.para(
            "Sauf erreur de notre part, les cotisations et contributions sociales ci-dessous restent impayées à "
            "ce jour. En application de l'article L. 244-2 du code de la sécurité sociale, nous vous mettons en "
            "demeure de régulariser votre situation dans un délai d'un mois à compter de la réception de la "
            "présente."
        )
        rows = [["Période", "Nature", "Cotisations", "Majorations", "Total dû"]]
        total = 0.0
        for k in range(rng.randint(1, 4)):
            q = add_months(d, -3 * (k + 1))
            c, m = amount(rng, 150, 2600), amount(rng, 5, 120)
            total += c + m
            rows.append(
                [
                    f"{(q.month - 1) // 3 + 1}e trimestre {q.year}",
                    "Cotisations personnelles",
                    eur(c, sym=""),
                    eur(m, sym=""),
                    eur(c + m, sym=""),
                ]
            )
        rows.append(["", "Total", "", "", eur(total)])
        sh.table(
            [38 * mm, 52 * mm, 26 * mm, 26 * mm, 28 * mm],
            rows,
            aligns="llrrr",
            style="grid",
            bold_rows=(len(rows) - 1,),
            size=8.8,
            pad=0.8 * mm,
        )
        sh.para(
            "À défaut de paiement ou de réclamation dans ce délai, le recouvrement forcé des sommes dues sera "
            "engagé par voie de contrainte, sans nouvel avis."
        )
    else:
        at = d - timedelta(days=rng.randint(0, 5))
        title(sh, "ATTESTATION DE VIGILANCE", 13, org.color, align="c")
        company = rng.choice(("SARL BATIMEX", "SAS LOGIPRO", "EURL DIALLO RÉNOVATION", "SAS NETTOYAGE PLUS"))
        sh.para(
            f"L'Urssaf atteste que l'entreprise {company}, SIRET {fmt_siret(sirt)}, est à jour de ses "
            f"obligations de déclaration et de paiement au {fdate(at, 'long')} (articles L. 243-15 et D. 243-15 "
            "du code de la sécurité sociale)."
        )
        code = "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(15))
        sh.para(f"Code de sécurité : {group(code, (5, 5, 5))}", style="b")
        sh.para(
            "L'authenticité de cette attestation peut être vérifiée sur urssaf.fr, rubrique « Vérifier une "
            "attestation », à l'aide du code de sécurité.",
            size=sh.size - 0.5,
        )
        if rng.random() < 0.5:
            deadline = add_months(at, 6)
            sh.para(
                f"Pour les contrats en cours, une nouvelle attestation devra être remise à votre donneur "
                f"d'ordre au plus tard le {fdate(deadline, 'long')}."
            )
    if wording != "vigilance":
        sh.para(closing(rng, p))
    signature(sh, director(rng, "{}"))
    return truth("urssaf", wording, head, letter_date=d, deadline=deadline, reference=ref, documents=documents)


ACADEMIES = {
    "Bobigny": "Académie de Créteil",
    "Saint-Denis": "Académie de La Réunion",
    "Marseille": "Académie d'Aix-Marseille",
    "Ajaccio": "Académie de Corse",
    "Nantes": "Académie de Nantes",
    "Grenoble": "Académie de Grenoble",
}
NATIONALITIES = (
    "marocaine",
    "sénégalaise",
    "roumaine",
    "tunisienne",
    "algérienne",
    "vietnamienne",
    "congolaise",
    "malienne",
    "ukrainienne",
    "turque",
    "brésilienne",
    "ivoirienne",
    "chinoise",
    "indienne",
)


def prefecture_document(rng: Random, sh: Sheet) -> Truth:
    """Prefecture: récépissé de demande de titre de séjour (a card-like form), convocation, dossier incomplet."""
    p = person(rng)
    sh.family = rng.choice(SANS + SERIF)
    sh.size = rng.choice((9.5, 10.0))
    d = some_date(rng)
    pref = f"PRÉFET {p.dept.of.upper().replace('DE ', 'DE ').replace('DU ', 'DU ')}".replace(
        "PRÉFET DE PARIS", "PRÉFET DE POLICE"
    )
    org = Org(
        name=pref,
        sub=[
            "Direction des migrations et de l'intégration",
            "Bureau du séjour des étrangers",
            f"{rng.randint(1, 40)} {rng.choice(STREETS)} – {p.dept.towns[0][0]} {p.dept.city}",
        ],
        color=FR_BLUE,
        logo="marianne",
        window_line=f"Préfecture {p.dept.of} – Bureau du séjour – {p.dept.city}",
    )
    foreign = digits(rng, 10)
    nat = rng.choice(NATIONALITIES)
    wording = rng.choice(("recepisse", "convocation", "dossier_incomplet"))
    anef = f"{d.year % 100:02d}{digits(rng, 3, '0123456789')}{rng.choice('ABCDEFGH')}{digits(rng, 6, '0123456789')}"
    sh.footer = legal_footer(
        [
            f"Préfecture {p.dept.of} – Accueil sur rendez-vous uniquement – www.{slug(p.dept.name)}.gouv.fr",
            "Démarches en ligne : administration-etrangers-en-france.interieur.gouv.fr",
        ],
        numbered=wording != "recepisse",
    )
    deadline = None
    documents: list[str] = []
    if wording == "recepisse":
        sh.tags.add("form")
        first = rng.choice(("première demande", "renouvellement", "changement de statut"))
        valid_to = add_months(d, rng.choice((3, 4, 6)))
        letterhead(sh, org, "state")
        sh.y = PAGE_H - 50 * mm
        title(sh, "RÉCÉPISSÉ DE DEMANDE DE CARTE DE SÉJOUR", 13, FR_BLUE, align="c", after=1 * mm)
        sh.para(f"({first})", align="c", size=9.5)
        box_top = sh.y - 2 * mm
        sh.rect(sh.right - 38 * mm, box_top - 50 * mm, 32 * mm, 42 * mm, stroke=GREY, width=0.6)
        sh.text(sh.right - 22 * mm, box_top - 30 * mm, "PHOTO", 9, "", GREY, "c")
        fields = [
            ("Nom", p.last.upper()),
            ("Prénom(s)", p.first),
            ("Sexe", "F" if p.female else "M"),
            ("Né(e) le", fdate(p.born)),
            ("À", p.birthplace),
            ("Nationalité", nat),
            ("Adresse", p.street),
            ("", f"{p.postcode} {p.town}"),
            ("N° étranger", foreign),
            ("N° de dossier", anef),
        ]
        y = sh.kv(fields, x=sh.left + 4 * mm, y=box_top - 3 * mm, label_w=32 * mm, size=9.5, width=118 * mm, sep=" :")
        y -= 6 * mm
        sh.text(sh.left + 4 * mm, y, f"Valable du {fdate(d)} au {fdate(valid_to)}", 10.5, "b")
        y -= 7 * mm
        work = rng.random() < 0.6
        sh.checkbox(sh.left + 4 * mm, y, "AUTORISE SON TITULAIRE À TRAVAILLER", work, 9.5)
        y -= 6 * mm
        sh.checkbox(sh.left + 4 * mm, y, "N'AUTORISE PAS SON TITULAIRE À TRAVAILLER", not work, 9.5)
        h = box_top - y + 6 * mm
        sh.rect(sh.left, box_top - h, sh.right - sh.left, h, stroke=BLACK, width=0.9)
        sh.y = box_top - h - 2 * mm
        sh.para(
            "Le présent récépissé autorise la présence de son titulaire sur le territoire français à titre "
            "provisoire, dans l'attente de la décision de l'administration. Il n'est pas un titre de séjour. Il "
            "doit être présenté avec le passeport de l'intéressé(e).",
            size=9,
        )
        sh.para(f"Délivré à {p.dept.city}, le {fdate(d)}", size=9.5)
        signature(sh, ["Pour le préfet et par délégation,", "L'agent instructeur"], gap=10 * mm)
        return truth("prefecture", wording, "card_form", letter_date=d, reference=anef)
    head = rng.choice(("state", "state", "centered"))
    refs = [
        ("Affaire suivie par", f"{rng.choice(FIRST_F + FIRST_M)} {rng.choice(LAST)}"),
        ("N° étranger", foreign),
        ("Réf. dossier", anef),
    ]
    open_letter(sh, org, p.address(), head=head, d=d, place=p.dept.city, date_style="long", refs=refs, label_w=32 * mm)
    if wording == "convocation":
        when = d + timedelta(days=rng.randint(10, 40))
        sh.para("Objet : Convocation – demande de titre de séjour", style="b", after=4 * mm)
        sh.para(salutation(p), after=2 * mm)
        sh.para(
            f"Vous avez sollicité la délivrance d'un titre de séjour. Je vous invite à vous présenter le "
            f"{fdate(when, 'full')} à {rng.randint(8, 15)} h {rng.choice(('00', '15', '30', '45'))}, au guichet "
            f"{rng.randint(1, 12)} de la préfecture, muni(e) de la présente convocation et des originaux des "
            "pièces suivantes :"
        )
        phrases, documents = ask(
            rng,
            pool(
                "passport",
                "birth_certificate+sworn_translation",
                "proof_of_address",
                other=(
                    "trois photographies d'identité récentes aux normes",
                    "le timbre fiscal correspondant au montant de la taxe",
                ),
            ),
            rng.randint(3, 5),
        )
        sh.bullets([ph[0].upper() + ph[1:] for ph in phrases])
        sh.para(
            "Tout dossier incomplet ne pourra être instruit. En cas d'empêchement, vous devez annuler ce "
            "rendez-vous et en solliciter un nouveau."
        )
    else:
        deadline = d + timedelta(days=rng.choice((15, 30)))
        sh.para("Objet : Demande de pièces complémentaires – dossier incomplet", style="b", after=4 * mm)
        sh.para(salutation(p), after=2 * mm)
        sh.para(
            f"Après examen de la demande de titre de séjour que vous avez déposée le "
            f"{fdate(d - timedelta(days=rng.randint(20, 90)), 'long')}, je constate que votre dossier est "
            f"incomplet. Afin de poursuivre son instruction, veuillez nous adresser, avant le "
            f"{fdate(deadline, 'long')}, les pièces manquantes suivantes :"
        )
        phrases, documents = ask(
            rng,
            pool(
                "passport",
                "birth_certificate+sworn_translation",
                "proof_of_address",
                "employment_contract",
                "payslips",
                other=("la justification de vos ressources des six derniers mois",),
            ),
            rng.randint(2, 4),
        )
        sh.bullets([ph[0].upper() + ph[1:] for ph in phrases])
        sh.para(
            "Ces pièces doivent être transmises via votre espace personnel ANEF, rubrique « Compléter ma demande »."
            " À défaut, votre demande sera classée sans suite."
        )
    sh.para(closing(rng, p, firm=True))
    signature(sh, ["Pour le préfet et par délégation,", "Le chef du bureau du séjour"])
    return truth("prefecture", wording, head, letter_date=d, deadline=deadline, reference=anef, documents=documents)


def dotted(
    sh: Sheet, label: str, value: str, *, x: float | None = None, width: float | None = None, size: float = 10
) -> None:
    """A form line: label, then the value on a dotted line up to the margin."""
    x = sh.left if x is None else x
    width = sh.right - x if width is None else width
    sh.need(size * 2)
    sh.y -= size * 2.0
    w = sh.text(x, sh.y, label, size)
    vx = x + w + 2 * mm
    sh.c.setStrokeColor(GREY)
    sh.c.setLineWidth(0.5)
    sh.c.setDash(1, 2)
    sh.c.line(vx, sh.y - 1.5, x + width, sh.y - 1.5)
    sh.c.setDash()
    if value:
        s = size
        while sh.width(value, s) > x + width - vx - 2 * mm and s > 7.6:
            s -= 0.2
        sh.text(vx + 2 * mm, sh.y + 0.5, value, s, "i" if rng_hand(value) else "")


def rng_hand(value: str) -> bool:
    """Whether a filled-in value is shown in italics ("handwritten" look): a stable choice per value."""
    return sum(map(ord, value)) % 2 == 0


def hosting_attestation(rng: Random, sh: Sheet) -> Truth:
    """Attestation d'hébergement sur l'honneur, typed as a letter or filled in on a state-style form."""
    host = person(rng)
    guest = person(rng, host.dept)
    since = some_date(rng, date(2018, 1, 1), date(2025, 6, 1))
    d = some_date(rng, since + timedelta(days=30), since + timedelta(days=900))
    sh.family = rng.choice(SANS + SERIF)
    sh.size = rng.choice((10.0, 10.5, 11.0))
    layout = rng.choice(("letter", "state_form"))
    penal = (
        "Le fait d'établir une attestation faisant état de faits matériellement inexacts est puni d'un an "
        "d'emprisonnement et de 15 000 € d'amende (article 441-7 du code pénal)."
    )
    if layout == "letter":
        y = PAGE_H - 20 * mm
        for line in [host.full, host.street, f"{host.postcode} {host.town}", f"Tél. : {mobile(rng)}"]:
            sh.text(sh.left, y, line, sh.size)
            y -= sh.size * 1.3
        sh.y = y - 14 * mm
        title(sh, "ATTESTATION D'HÉBERGEMENT", 14, align="c", after=6 * mm)
        sh.para(
            f"Je soussigné{host.e} {host.full}, né{host.e} le {fdate(host.born, 'long')} à {host.birthplace}, "
            f"demeurant {host.one_line_address()}, atteste sur l'honneur héberger à mon domicile, depuis le "
            f"{fdate(since, 'long')}, {guest.full}, né{guest.e} le {fdate(guest.born, 'long')} à "
            f"{guest.birthplace}.",
            leading=sh.size * 1.5,
            after=4 * mm,
        )
        sh.para(
            f"{guest.civ} {guest.last.upper()} réside à cette adresse de manière "
            f"{rng.choice(('permanente', 'stable et continue'))} et y reçoit son courrier.",
            after=4 * mm,
            leading=sh.size * 1.5,
        )
        sh.para(
            "Je joins à la présente la copie de ma pièce d'identité et un justificatif de domicile à mon nom.",
            after=4 * mm,
            leading=sh.size * 1.5,
        )
        sh.para("Fait pour servir et valoir ce que de droit.", after=8 * mm)
        sh.para(f"Fait à {host.town}, le {fdate(d, rng.choice(('long', 'num')))}", x=110 * mm)
        signature(sh, ["Signature", host.plain], gap=12 * mm)
        sh.y = min(sh.y, sh.bottom + 16 * mm)
        sh.para(penal, size=8, color=GREY)
    else:
        sh.tags.add("form")
        org = Org(name="ATTESTATION D'HÉBERGEMENT", sub=["(attestation sur l'honneur)"], color=BLACK, logo="marianne")
        letterhead(sh, org, "state")
        sh.y = PAGE_H - 48 * mm
        section(sh, "L'hébergeant", GREY, band=True)
        dotted(sh, "Je soussigné(e) (nom, prénom) :", host.plain)
        dotted(sh, "Né(e) le :", fdate(host.born), width=70 * mm)
        sh.y += sh.size * 2.0
        dotted(sh, "à :", host.birthplace, x=sh.left + 75 * mm, width=95 * mm)
        dotted(sh, "Demeurant :", host.street)
        dotted(sh, "Code postal et commune :", f"{host.postcode} {host.town}")
        sh.y -= 3 * mm
        section(sh, "La personne hébergée", GREY, band=True)
        dotted(sh, "Certifie sur l'honneur héberger (nom, prénom) :", guest.plain)
        dotted(sh, "Né(e) le :", fdate(guest.born), width=70 * mm)
        sh.y += sh.size * 2.0
        dotted(sh, "à :", guest.birthplace, x=sh.left + 75 * mm, width=95 * mm)
        dotted(sh, "À mon domicile depuis le :", fdate(since))
        sh.y -= 4 * mm
        sh.checkbox(sh.left, sh.y - 6 * mm, "à titre gratuit", True)
        sh.checkbox(sh.left + 45 * mm, sh.y - 6 * mm, "à titre onéreux", False)
        sh.y -= 12 * mm
        sh.para(
            "Pièces jointes : copie de la pièce d'identité de l'hébergeant ; justificatif de domicile de l'hébergeant.",
            size=9,
        )
        dotted(sh, "Fait à :", host.town, width=80 * mm)
        sh.y += sh.size * 2.0
        dotted(sh, "le :", fdate(d), x=sh.left + 90 * mm, width=80 * mm)
        sh.y -= 6 * mm
        sh.rect(sh.right - 75 * mm, sh.y - 25 * mm, 75 * mm, 25 * mm, stroke=BLACK, width=0.6)
        sh.text(sh.right - 73 * mm, sh.y - 4.5 * mm, "Signature de l'hébergeant", 8.5, "", GREY)
        sh.y -= 30 * mm
        sh.para(penal, size=8, color=GREY)
    return truth("individual", "hebergement", layout, letter_date=d)


def rent_receipt(rng: Random, sh: Sheet) -> Truth:
    """Quittance de loyer from a private landlord or an agency (carte professionnelle number), or avis d'échéance."""
    tenant = person(rng)
    landlord = person(rng, tenant.dept)
    sh.family = rng.choice(SANS + SERIF)
    sh.size = rng.choice((9.5, 10.0, 10.5))
    layout = rng.choice(("private", "agency", "agency"))
    wording = rng.choice(("quittance", "quittance", "avis_echeance")) if layout == "agency" else "quittance"
    month = some_date(rng)
    month = date(month.year, month.month, 1)
    end = add_months(month, 1) - timedelta(days=1)
    rent = float(rng.randint(380, 1350))
    charges = float(rng.randint(3, 18) * 5)
    apl = amount(rng, 90, 320) if rng.random() < 0.35 else 0.0
    total = rent + charges - apl
    d = (
        end + timedelta(days=rng.randint(1, 6))
        if wording == "quittance"
        else month - timedelta(days=rng.randint(8, 14))
    )
    deadline = None
    reference = None
    if layout == "agency":
        agency = rng.choice(
            ("Agence Habitat Conseil", "Cabinet Lemoine Immobilier", "Gestion Immo du Centre", "Régie Saint-Clair")
        )
        sid = siren(rng)
        org = Org(
            name=agency,
            sub=[
                "Administration de biens – Gestion locative",
                f"{rng.randint(1, 90)} {rng.choice(STREETS)} – {tenant.postcode} {tenant.town}",
                f"Tél. {phone(rng)}",
            ],
            color=BRANDS[rng.choice(("bordeaux", "green", "navy", "teal"))],
            logo=rng.choice(("ring", "diamond")),
            initials="",
            window_line=f"{agency} – {tenant.postcode} {tenant.town}",
        )
        cpi = f"CPI {tenant.dept.code[:2]}{rng.randint(1, 99):02d} {rng.randint(2016, 2024)} "
        cpi += group(digits(rng, 9, "0"), (3, 3, 3))
        sh.footer = legal_footer(
            [
                f"SARL au capital de {int_fr(rng.randint(8, 200) * 1000)} € – RCS "
                f"{tenant.dept.city} {fmt_siren(sid)} – SIRET {siret(rng, sid)}",
                f"Carte professionnelle « Gestion immobilière » n° {cpi} délivrée par la CCI "
                f"{tenant.dept.of} – Garantie financière {int_fr(rng.randint(11, 90) * 10000)} €",
            ]
        )
        lot = f"{rng.choice(('L', 'LOT', 'APP'))}{digits(rng, 5, '0123456789')}"
        reference = f"{digits(rng, 4)}/{lot}"
        open_letter(
            sh,
            org,
            tenant.address(),
            head=rng.choice(("left", "right")),
            d=d,
            place=tenant.town,
            date_style="num",
            refs=[
                ("Référence locataire", reference),
                ("Lot", lot),
                ("Propriétaire", f"{landlord.civ} {landlord.last.upper()}"),
            ],
        )
    else:
        sh.footer = None
        y = PAGE_H - 20 * mm
        for line in [f"{landlord.full}", landlord.street, f"{landlord.postcode} {landlord.town}"]:
            sh.text(sh.left, y, line)
            y -= sh.size * 1.3
        address_window(sh, tenant.address(), None, top=PAGE_H - 45 * mm)
        sh.y = PAGE_H - 85 * mm
    heading = (
        f"QUITTANCE DE LOYER – {month_year(month).upper()}"
        if wording == "quittance"
        else f"AVIS D'ÉCHÉANCE – {month_year(month).upper()}"
    )
    title(sh, heading, 13, align="c" if layout == "private" else "l", after=4 * mm)
    sh.para(f"Adresse du logement loué : {tenant.one_line_address()}", after=3 * mm)
    rows = [["Désignation", "Montant"], ["Loyer (hors charges)", eur(rent)], ["Provision pour charges", eur(charges)]]
    if apl:
        rows.append(["Aide au logement versée par la Caf (tiers payant)", "-" + eur(apl)])
    rows.append(["Total" + (" à payer" if wording != "quittance" else " reçu"), eur(total)])
    sh.table(
        [120 * mm, 40 * mm],
        rows,
        aligns="lr",
        style=rng.choice(("grid", "lines")),
        bold_rows=(len(rows) - 1,),
        size=sh.size - 0.5,
    )
    euros = int(total)
    cents = round((total - euros) * 100)
    in_words = words_fr(euros) + " euros" + (f" et {words_fr(cents)} centimes" if cents else "")
    if wording == "quittance":
        sh.para(
            f"Je soussigné{landlord.e} {landlord.full}, propriétaire du logement désigné ci-dessus, déclare avoir "
            f"reçu de {tenant.full} la somme de {eur(total)} ({in_words}) au titre du paiement du loyer et des "
            f"charges pour la période du {fdate(month, 'long')} au {fdate(end, 'long')}, et lui en donne "
            "quittance, sous réserve de tous mes droits."
            if layout == "private"
            else f"Nous, soussignés, agissant pour le compte de {landlord.full}, propriétaire, reconnaissons avoir "
            "reçu "
            f"de {tenant.full} la somme de {eur(total)} ({in_words}) au titre du loyer et des charges du "
            f"{fdate(month, 'long')} au {fdate(end, 'long')}, dont quittance.",
            leading=sh.size * 1.45,
        )
        sh.para(
            "Cette quittance annule tous les reçus qui auraient pu être donnés pour acompte versé sur la présente "
            "échéance. Le paiement de la présente n'emporte pas présomption de paiement des termes antérieurs.",
            size=sh.size - 1,
            color=GREY,
        )
        if layout == "private":
            sh.y -= 4 * mm
            sh.para(f"Fait à {landlord.town}, le {fdate(d, rng.choice(('long', 'num')))}", x=110 * mm, after=2 * mm)
            signature(sh, ["Signature du bailleur", landlord.plain], gap=12 * mm)
        else:
            signature(sh, ["Le service gérance"], gap=6 * mm)
    else:
        deadline = month + timedelta(days=rng.choice((4, 9)))
        sh.para(
            f"Montant à régler avant le {fdate(deadline, 'long')} par virement, prélèvement ou chèque à l'ordre "
            "de l'agence. Merci de rappeler votre référence locataire lors de tout règlement."
        )
        acct = bank_account(rng)
        sh.para(f"IBAN de l'agence : {acct.iban_print()} – BIC {acct.bic}", size=sh.size - 0.5)
    return truth("landlord", wording, layout, letter_date=d, deadline=deadline, reference=reference)


INSURERS = (
    ("Assurances Mutuelles de l'Atlantique", "navy", "wave"),
    ("Prévoyance & Biens", "green", "leaf"),
    ("Groupe Alizé Assurances", "sky", "disc"),
    ("La Sauvegarde Familiale", "bordeaux", "ring"),
)


def insurance_attestation(rng: Random, sh: Sheet) -> Truth:
    """Insurance attestation (home, car with immatriculation, school liability): 15-digit or NIR-shaped contract."""
    p = person(rng)
    name, col, logo = rng.choice(INSURERS)
    sh.family = rng.choice(SANS + SERIF)
    sh.size = rng.choice((9.5, 10.0))
    d = some_date(rng)
    sid = siren(rng)
    org = Org(
        name=name,
        sub=[
            "Entreprise régie par le Code des assurances",
            f"{rng.randint(1, 120)} {rng.choice(STREETS)} – "
            + rng.choice(("79000 NIORT", "72000 LE MANS", "75009 PARIS", "44000 NANTES")),
        ],
        color=BRANDS[col],
        logo=logo,
        initials="".join(w[0] for w in name.split() if w[0].isupper())[:2],
        window_line=f"{name} – Service Clients",
    )
    sh.footer = legal_footer(
        [
            legal_company(rng, "SA", rng.randint(10**6, 10**9), rng.choice(("Niort", "Le Mans", "Paris")), sid),
            f"Entreprise régie par le Code des assurances – ORIAS n° {group(digits(rng, 8, '01'), (2, 3, 3))}"
            " – soumise au contrôle de l'ACPR, 4 place de Budapest, 75436 Paris Cedex 09",
        ]
    )
    shape = rng.random() < 0.4
    contract = nir_shaped_wrong_key(rng) if shape else digits(rng, 15)
    contract_p = fmt_nir_shape(contract) if shape else rng.choice((contract, group(contract, (3, 4, 4, 4))))
    member = digits(rng, 8)
    wording = rng.choice(("habitation", "automobile", "scolaire"))
    start = date(d.year, rng.randint(1, 12), 1)
    end = add_months(start, 12) - timedelta(days=1)
    head = rng.choice(("left", "right", "banner"))
    open_letter(
        sh,
        org,
        p.address(),
        head=head,
        d=d,
        place=rng.choice(("Niort", "Le Mans", "Paris", "Nantes")),
        date_style="long",
        refs=[("N° de contrat", contract_p), ("N° sociétaire", member)],
        label_w=30 * mm,
    )
    heading = {
        "habitation": "ATTESTATION D'ASSURANCE HABITATION",
        "automobile": "ATTESTATION D'ASSURANCE AUTOMOBILE",
        "scolaire": "ATTESTATION D'ASSURANCE SCOLAIRE ET EXTRASCOLAIRE",
    }[wording]
    title(sh, heading, 12.5, org.color, align=rng.choice(("l", "c")), after=4 * mm)
    sh.para(
        f"{name} atteste que {p.full}, demeurant {p.one_line_address()}, est titulaire du contrat n° {contract_p}"
        f" en vigueur du {fdate(start)} au {fdate(end)} inclus, sous réserve du paiement des cotisations."
    )
    if wording == "habitation":
        rows = [
            ["Garanties", "Plafond", "Franchise"],
            ["Responsabilité civile vie privée", "4 500 000 €", "Néant"],
            ["Incendie, dégâts des eaux, catastrophes naturelles", "Valeur à neuf", "150 €"],
            ["Vol et vandalisme", f"{int_fr(rng.randint(8, 40) * 1000)} €", "150 €"],
            ["Risques locatifs", "Illimité", "Néant"],
        ]
        sh.para(
            f"Le contrat garantit le logement situé à cette adresse ({rng.randint(1, 5)} pièces principales, "
            f"{rng.choice(('appartement', 'maison'))}) en qualité de locataire."
        )
        sh.table([100 * mm, 40 * mm, 30 * mm], rows, aligns="lrr", style=rng.choice(("grid", "lines")))
    elif wording == "automobile":
        make = rng.choice(("Renault Clio", "Peugeot 208", "Dacia Sandero", "Citroën C3", "Toyota Yaris", "Fiat 500"))
        vin = "VF" + "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ0123456789") for _ in range(15))
        car = [
            ("Véhicule assuré", make),
            ("Immatriculation", plate(rng)),
            ("Date de première mise en circulation", fdate(some_date(rng, date(2008, 1, 1), date(2023, 1, 1)))),
            ("N° d'identification (VIN)", vin),
            ("Formule", rng.choice(("Tous risques", "Tiers étendu", "Tiers"))),
            ("Conducteur principal", p.plain),
        ]
        sh.y = sh.kv(car, x=sh.left + 4 * mm, y=sh.y, label_w=68 * mm, size=sh.size, width=160 * mm) - 3 * mm
        if d >= date(2024, 4, 1):
            sh.para(
                "Le certificat d'immatriculation du véhicule doit correspondre aux informations ci-dessus. Depuis "
                "le 1er avril 2024, le véhicule est inscrit au Fichier des véhicules assurés (FVA) ; la carte "
                "verte n'est plus délivrée.",
                size=sh.size - 0.5,
            )
        else:
            sh.para(
                "Le certificat d'immatriculation du véhicule doit correspondre aux informations ci-dessus. Votre "
                "carte internationale d'assurance automobile (carte verte) est jointe à ce courrier.",
                size=sh.size - 0.5,
            )
    else:
        child = child_of(rng, p)
        sh.para(
            f"La garantie couvre l'enfant {child.plain}, né{child.e} le {fdate(child.born)}, pour l'année "
            f"scolaire {start.year}-{start.year + 1}, au titre de la responsabilité civile et de l'individuelle "
            "accident, pendant les activités scolaires et extrascolaires."
        )
    sh.para(
        "La présente attestation ne peut engager l'assureur au-delà des conditions et limites du contrat auquel "
        "elle se réfère. Elle est délivrée pour servir et valoir ce que de droit.",
        size=sh.size - 0.5,
    )
    signature(sh, ["Pour l'assureur,", "Le service Gestion des contrats"], gap=8 * mm)
    return truth(
        "insurer", wording + ("_nir_shaped_contract" if shape else ""), head, letter_date=d, reference=contract_p
    )


MUTUELLES = (
    ("Mutuelle Alpha Santé", "teal", "leaf"),
    ("Harmonie des Salariés", "purple", "disc"),
    ("Mutuelle Générale du Littoral", "sky", "wave"),
    ("Prévoyance Santé Plus", "green", "bars"),
)


def mutuelle_letter(rng: Random, sh: Sheet) -> Truth:
    """Mutuelle: asks for the NIR (without printing one), cotisation schedule, tiers-payant card, reimbursements."""
    p = person(rng)
    name, col, logo = rng.choice(MUTUELLES)
    sh.family = rng.choice(SANS)
    sh.size = rng.choice((9.5, 10.0))
    d = some_date(rng)
    color = BRANDS[col]
    org = Org(
        name=name,
        sub=[
            "Mutuelle régie par le livre II du Code de la mutualité",
            "Service Adhérents",
            f"CS {rng.randint(10000, 99999)} – "
            + rng.choice(("75731 PARIS CEDEX 15", "13291 MARSEILLE CEDEX 08", "44966 NANTES CEDEX 9")),
        ],
        color=color,
        logo=logo,
        initials="M",
        window_line=f"{name} – Service Adhérents",
    )
    sh.footer = legal_footer(
        [
            f"{name} – Mutuelle soumise aux dispositions du livre II du Code de la mutualité – "
            f"immatriculée au répertoire SIRENE sous le n° {fmt_siren(siren(rng))}",
            f"Service adhérents {phone(rng, '9')} du lundi au vendredi de 8 h 30 à 18 h",
        ]
    )
    wording = rng.choice(("demande_nir", "echeancier", "carte_tiers_payant", "remboursements"))
    member = digits(rng, rng.choice((8, 9, 10)))
    # a NIR-shaped member number (wrong key) only in letters that never say "sécurité sociale"
    shape = wording in ("echeancier", "remboursements") and rng.random() < 0.4
    if shape:
        member = nir_shaped_wrong_key(rng)
    member_p = fmt_nir_shape(member) if shape else member
    head = rng.choice(("left", "right", "banner"))
    open_letter(
        sh,
        org,
        p.address(),
        head=head,
        d=d,
        place=None,
        date_style=rng.choice(("long", "num")),
        refs=[
            ("N° d'adhérent", member_p),
            ("Contrat", rng.choice(("Santé Essentiel", "Santé Confort", "Contrat collectif n° " + digits(rng, 6)))),
        ],
        label_w=30 * mm,
    )
    documents: list[str] = []
    deadline = None
    if wording == "demande_nir":
        sh.para("Objet : Mise en place de la télétransmission avec votre régime obligatoire", style="b", after=4 * mm)
        sh.para(salutation(p), after=2 * mm)
        sh.para(
            "Vous venez d'adhérer à notre mutuelle et nous vous en remercions. Pour que vos remboursements soient "
            "effectués automatiquement (télétransmission NOEMIE), nous avons besoin de votre numéro de sécurité "
            "sociale, qui ne figure pas encore dans votre dossier."
        )
        sh.para(
            "Veuillez nous adresser l'attestation de droits délivrée par votre caisse d'assurance maladie, ainsi "
            "que la carte de tiers payant de votre ancienne complémentaire si vous en aviez une."
        )
        documents = ["other"]
        if rng.random() < 0.5:
            documents.append("rib")
            sh.para("Pour le versement de vos remboursements, joignez également un relevé d'identité bancaire (RIB).")
        if rng.random() < 0.5:
            deadline = d + timedelta(days=30)
            sh.para(
                f"Merci de nous faire parvenir ces documents avant le {fdate(deadline, 'long')}. En attendant, "
                "vos frais de santé vous seront remboursés sur présentation des décomptes papier."
            )
    elif wording == "echeancier":
        sh.para(f"Objet : Votre échéancier de cotisations {d.year + (d.month > 10)}", style="b", after=4 * mm)
        sh.para(salutation(p), after=2 * mm)
        sh.para(
            "Nous vous adressons ci-dessous l'échéancier de vos cotisations. Les montants seront prélevés sur "
            "votre compte aux dates indiquées."
        )
        monthly = amount(rng, 28, 140)
        rows = [["Mois", "Date de prélèvement", "Cotisation", "Dont taxe (TSA)"]]
        year = d.year + (d.month > 10)
        for m in range(1, 13):
            rows.append(
                [
                    MONTHS[m - 1].capitalize(),
                    fdate(date(year, m, rng.choice((5, 10)) if m == 1 else 5)),
                    eur(monthly),
                    eur(round(monthly * 0.1327, 2)),
                ]
            )
        sh.table(
            [40 * mm, 45 * mm, 40 * mm, 45 * mm],
            rows,
            aligns="lrrr",
            style=rng.choice(("grid", "zebra")),
            size=8.8,
            pad=0.8 * mm,
        )
    elif wording == "carte_tiers_payant":
        sh.para("Objet : Votre carte de tiers payant", style="b", after=4 * mm)
        sh.para(salutation(p), after=2 * mm)
        sh.para(
            f"Vous trouverez ci-dessous votre carte de tiers payant, valable du 1er janvier au 31 décembre "
            f"{d.year + (d.month > 10)}. Présentez-la avec votre carte Vitale à vos professionnels de santé pour "
            "ne pas avancer les frais."
        )
        w, h = 90 * mm, 56 * mm
        sh.need(h + 6 * mm)
        x, y = sh.left + 10 * mm, sh.y - h - 3 * mm
        sh.rect(x, y, w, h, stroke=color, fill=tint(color, 0.9), width=1, radius=3 * mm)
        sh.text(x + 4 * mm, y + h - 7 * mm, name, 9.5, "b", color)
        sh.text(x + 4 * mm, y + h - 11.5 * mm, "CARTE DE TIERS PAYANT", 8, "b")
        amc = digits(rng, 8)
        card = [
            ("Adhérent", p.plain),
            ("N° adhérent", member_p),
            ("N° AMC", amc),
            ("Validité", f"01/01/{d.year + (d.month > 10)} – 31/12/{d.year + (d.month > 10)}"),
        ]
        cy = sh.kv(card, x=x + 4 * mm, y=y + h - 13 * mm, label_w=22 * mm, size=8, width=w - 8 * mm)
        sh.kv(
            [("PHAR", "100 %"), ("LABO", "100 %"), ("HOSP", "100 %"), ("OPTI", "sur devis"), ("DENT", "300 %")],
            x=x + 4 * mm,
            y=cy - 1 * mm,
            label_w=12 * mm,
            size=8,
            width=40 * mm,
            leading=9.5,
        )
        sh.text(x + w + 6 * mm, y + h - 6 * mm, "Bénéficiaires", 9, "b")
        by = y + h - 6 * mm
        for who in [p] + [child_of(rng, p) for _ in range(rng.randint(0, 3))]:
            by -= 11
            sh.text(x + w + 6 * mm, by, f"{who.first} {p.last.upper()} – {fdate(who.born)}", 8.5)
        sh.y = y - 5 * mm
        sh.para(
            "Le numéro de sécurité sociale de chaque bénéficiaire figure sur sa carte Vitale ; il n'est pas "
            "reproduit sur cette carte.",
            size=sh.size - 0.5,
            color=GREY,
        )
    else:
        sh.para("Objet : Relevé de vos remboursements", style="b", after=4 * mm)
        sh.para(salutation(p), after=2 * mm)
        sh.para(
            "Voici le détail des remboursements effectués en complément de votre régime obligatoire au cours de "
            "la période écoulée :"
        )
        rows = [["Date des soins", "Bénéficiaire", "Acte", "Dépense", "Remb. RO", "Remb. mutuelle", "Reste"]]
        for _ in range(rng.randint(3, 9)):
            day = d - timedelta(days=rng.randint(5, 80))
            act, lo, hi = rng.choice(
                (
                    ("Consultation généraliste", 30, 30),
                    ("Pharmacie", 8, 90),
                    ("Kinésithérapie", 16, 40),
                    ("Dentaire", 30, 400),
                    ("Optique", 80, 500),
                    ("Radiologie", 25, 120),
                )
            )
            dep = amount(rng, lo, hi)
            ro = round(dep * rng.choice((0.6, 0.7)) - (2 if act.startswith("Consultation") else 0), 2)
            mut = round((dep - ro) * rng.uniform(0.6, 1.0), 2)
            rows.append(
                [
                    fdate(day),
                    p.first,
                    act,
                    eur(dep, sym=""),
                    eur(ro, sym=""),
                    eur(mut, sym=""),
                    eur(dep - ro - mut, sym=""),
                ]
            )
        sh.table(
            [22 * mm, 22 * mm, 40 * mm, 20 * mm, 20 * mm, 26 * mm, 20 * mm],
            rows,
            aligns="lllrrrr",
            style=rng.choice(("grid", "lines")),
            size=8.4,
            pad=0.7 * mm,
        )
        sh.para(
            "RO : remboursement du régime obligatoire (Assurance Maladie), indiqué pour information.",
            size=sh.size - 1,
            color=GREY,
        )
    sh.para(closing(rng, p))
    signature(sh, ["Le service Adhérents"], gap=4 * mm)
    return truth(
        "mutuelle",
        wording + ("_nir_shaped_member" if shape else ""),
        head,
        letter_date=d,
        deadline=deadline,
        reference=member_p,
        documents=documents,
    )


def france_travail_letter(rng: Random, sh: Sheet) -> Truth:
    """France Travail: convocation, notification de droits ARE (table), missing documents for the claim."""
    p = person(rng)
    sh.family = rng.choice(SANS)
    sh.size = rng.choice((9.5, 10.0))
    d = some_date(rng, date(2024, 1, 2))
    ident = f"{digits(rng, 7, '0123456789')}{rng.choice('ABCDEFGHJKLMNPRSTUVWXYZ')}"
    agency = f"France Travail {p.town} {rng.choice(('Centre', 'Nord', 'Sud', 'Est', 'Gare'))}"
    org = Org(
        name="France Travail",
        sub=[agency, f"{rng.randint(1, 90)} {rng.choice(STREETS)} – {p.postcode} {p.town}"],
        color=BRANDS[rng.choice(("navy", "blue"))],
        logo=rng.choice(("marianne", "bars")),
        initials="FT",
        window_line=f"{agency} – {p.postcode} {p.town}",
    )
    sh.footer = legal_footer(
        ["francetravail.fr – 39 49 (service gratuit + prix d'un appel) – Application « Mon espace – France Travail »"]
    )
    wording = rng.choice(("convocation", "notification_are", "pieces_manquantes"))
    head = rng.choice(("left", "state", "centered"))
    open_letter(
        sh,
        org,
        p.address(),
        head=head,
        d=d,
        place=p.town,
        date_style=rng.choice(("long", "num")),
        refs=[("Identifiant", ident), ("Votre conseiller", f"{rng.choice(FIRST_F + FIRST_M)} {rng.choice(LAST)}")],
    )
    documents: list[str] = []
    deadline = None
    if wording == "convocation":
        when = d + timedelta(days=rng.randint(6, 21))
        sh.para("Objet : Convocation à un entretien", style="b", after=4 * mm)
        sh.para(salutation(p), after=2 * mm)
        sh.para(
            f"Vous êtes convoqué{p.e} à un entretien de suivi de votre recherche d'emploi le "
            f"{fdate(when, 'full')} à {rng.randint(9, 16)} h {rng.choice(('00', '30'))}, à l'agence {agency}. "
            "Cet entretien est obligatoire."
        )
        sh.para(
            "Merci de vous munir de votre curriculum vitae à jour et de tout document utile à votre projet "
            "professionnel (diplômes, attestations de formation)."
        )
        documents = ["other"]
        sh.para(
            "En cas d'absence non justifiée, vous vous exposez à une radiation de la liste des demandeurs "
            "d'emploi et à la suppression de votre revenu de remplacement (article L. 5412-1 du code du "
            "travail).",
            size=sh.size - 0.5,
        )
    elif wording == "notification_are":
        start = d + timedelta(days=rng.randint(1, 10))
        sjr = amount(rng, 45, 140)
        aj = round(max(31.97, sjr * 0.57), 2)
        days = rng.choice((182, 365, 548, 730))
        sh.para(
            "Objet : Notification de vos droits à l'allocation d'aide au retour à l'emploi (ARE)",
            style="b",
            after=4 * mm,
        )
        sh.para(salutation(p), after=2 * mm)
        sh.para(
            "Suite à votre demande d'allocation, nous avons le plaisir de vous informer que vos droits sont "
            "ouverts dans les conditions suivantes :"
        )
        rows = [
            ["Élément", "Valeur"],
            ["Date d'effet", fdate(start)],
            ["Salaire journalier de référence", eur(sjr)],
            ["Allocation journalière brute", eur(aj)],
            ["Durée d'indemnisation", f"{days} jours"],
            ["Différé d'indemnisation", f"{rng.randint(0, 40)} jours"],
            ["Délai d'attente", "7 jours"],
        ]
        sh.table([110 * mm, 60 * mm], rows, aligns="lr", style=rng.choice(("grid", "lines")))
        sh.para(
            "Vous devez actualiser votre situation chaque mois, entre le 28 et le 15 du mois suivant, sur "
            "francetravail.fr ou par téléphone au 39 49."
        )
    else:
        deadline = d + timedelta(days=rng.choice((10, 15, 21)))
        sh.para("Objet : Votre demande d'allocation – pièces manquantes", style="b", after=4 * mm)
        sh.para(salutation(p), after=2 * mm)
        sh.para(
            "Nous avons bien reçu votre demande d'allocation. Pour que nous puissions l'étudier, il nous manque "
            "les documents suivants :"
        )
        phrases, documents = ask(
            rng,
            pool(
                "employer_certificate",
                "payslips",
                "rib",
                "residence_permit",
                other=("la lettre de licenciement ou la convention de rupture",),
            ),
            rng.randint(1, 3),
        )
        sh.bullets([ph[0].upper() + ph[1:] for ph in phrases])
        sh.para(
            f"Vous devez nous les transmettre avant le {fdate(deadline, 'long')}, depuis votre espace personnel, "
            "rubrique « Mes échanges avec France Travail ». À défaut, votre demande ne pourra pas être traitée."
        )
    sh.para(closing(rng, p))
    signature(sh, ["Votre conseiller France Travail"], gap=4 * mm)
    return truth(
        "france_travail", wording, head, letter_date=d, deadline=deadline, reference=ident, documents=documents
    )


COMPANIES = (
    ("BATIMEX", "SARL", "4120A", "bordeaux"),
    ("LOGIPRO SERVICES", "SAS", "5229B", "navy"),
    ("CLINIQUE DU PARC", "SAS", "8610Z", "teal"),
    ("RESTAURATION COLLECTIVE SUD", "SAS", "5629A", "orange"),
    ("NETTOYAGE PLUS", "SARL", "8121Z", "green"),
    ("TRANSPORTS VIDAL", "SAS", "4941A", "red"),
    ("DATA & CONSEIL", "SAS", "6202A", "purple"),
    ("BOULANGERIE DES HALLES", "EURL", "1071C", "grey"),
)
CONVENTIONS = {
    "4120A": "Bâtiment ouvriers",
    "5229B": "Transports routiers",
    "8610Z": "Hospitalisation privée",
    "5629A": "Restauration collective",
    "8121Z": "Entreprises de propreté",
    "4941A": "Transports routiers",
    "6202A": "Syntec",
    "1071C": "Boulangerie-pâtisserie artisanale",
}
JOBS = (
    "agent de production",
    "aide-soignant(e)",
    "chauffeur livreur",
    "employé(e) polyvalent(e)",
    "développeur informatique",
    "agent d'entretien",
    "cuisinier(ère)",
    "préparateur de commandes",
    "assistant(e) administratif(ve)",
    "ouvrier(ère) du bâtiment",
)


def company(rng: Random, p: Person) -> tuple[Org, str, str, str]:
    name, form, naf, col = rng.choice(COMPANIES)
    sid = siren(rng)
    sirt = siret(rng, sid)
    org = Org(
        name=f"{name} {form}",
        sub=[
            f"{rng.randint(1, 200)} {rng.choice(STREETS)}",
            f"{p.dept.towns[0][0]} {p.dept.towns[0][1]}",
            f"Tél. {phone(rng)}",
        ],
        color=BRANDS[col],
        logo=rng.choice(("squares", "bars", "diamond", "disc")),
        initials="".join(w[0] for w in name.split() if w[0].isalpha())[:2],
        window_line=f"{name} – {p.dept.towns[0][0]} {p.dept.towns[0][1]}",
    )
    return org, sid, sirt, naf


def work_certificate(rng: Random, sh: Sheet) -> Truth:
    """Employer's certificat de travail or attestation d'emploi, on company letterhead (SIRET, NAF, TVA)."""
    p = person(rng)
    org, sid, sirt, naf = company(rng, p)
    sh.family = rng.choice(SANS + SERIF)
    sh.size = rng.choice((10.0, 10.5, 11.0))
    d = some_date(rng)
    start = some_date(rng, date(2012, 1, 1), d - timedelta(days=90))
    boss = person(rng)
    roles = (
        ("Directeur des ressources humaines", "Directrice des ressources humaines"),
        ("Gérant", "Gérante"),
        ("Responsable administratif et financier", "Responsable administrative et financière"),
        ("Président", "Présidente"),
    )
    role = rng.choice(roles)[int(boss.female)]
    job = rng.choice(JOBS)
    sh.footer = legal_footer(
        [
            f"{org.name} – SIRET {fmt_siret(sirt)} – Code NAF {naf} – RCS {p.dept.city} {fmt_siren(sid)}",
            f"N° TVA intracommunautaire FR{rng.randint(10, 99)}{sid}",
        ],
        numbered=False,
    )
    wording = rng.choice(("certificat_travail", "attestation_emploi"))
    head = rng.choice(("left", "right", "centered"))
    y = letterhead(sh, org, head)
    if rng.random() < 0.5:
        sh.y = y - 10 * mm
        layout = head + "_no_window"
    else:
        sh.y = address_window(sh, p.address(), org, top=min(PAGE_H - 52 * mm, y - 6 * mm)) - 12 * mm
        layout = head
    sh.text(sh.right, sh.y, date_line(p.dept.towns[0][1], d, rng.choice(("long", "num"))), sh.size, align="r")
    sh.y -= 14 * mm
    title(
        sh,
        "CERTIFICAT DE TRAVAIL" if wording == "certificat_travail" else "ATTESTATION D'EMPLOI",
        14,
        align="c",
        after=8 * mm,
    )
    lead = sh.size * 1.55
    if wording == "certificat_travail":
        end = d - timedelta(days=rng.randint(0, 10))
        sh.para(
            f"Je soussigné{boss.e} {boss.full}, {role.lower()} de la société {org.name}, dont le siège social "
            f"est situé {org.sub[0]}, {org.sub[1]}, certifie que :",
            leading=lead,
            after=4 * mm,
        )
        sh.para(
            f"{p.full}, né{p.e} le {fdate(p.born, 'long')} à {p.birthplace}, demeurant {p.one_line_address()},",
            leading=lead,
            after=4 * mm,
            x=sh.left + 8 * mm,
        )
        sh.para(
            f"a été employé{p.e} dans notre entreprise du {fdate(start, 'long')} au {fdate(end, 'long')} en "
            f"qualité de {job}, en contrat à durée {rng.choice(('indéterminée', 'déterminée'))}.",
            leading=lead,
            after=4 * mm,
        )
        sh.para(
            f"{p.civ} {p.last.upper()} nous quitte libre de tout engagement. Le solde de tout compte et "
            "l'attestation destinée à France Travail lui ont été remis ce jour.",
            leading=lead,
            after=4 * mm,
        )
        if rng.random() < 0.5:
            sh.para(
                "Au titre de la portabilité, l'intéressé(e) conserve le bénéfice des garanties santé et prévoyance "
                "de l'entreprise pendant la durée de son indemnisation, dans la limite de douze mois.",
                leading=lead,
                after=4 * mm,
                size=sh.size - 0.5,
            )
    else:
        salary = rng.randint(21, 48) * 1000 + rng.randint(0, 9) * 100
        sh.para(
            f"Je soussigné{boss.e} {boss.full}, agissant en qualité de {role.lower()} de la société {org.name}, "
            f"atteste que {p.full}, né{p.e} le {fdate(p.born, 'long')}, est salarié{p.e} de notre entreprise "
            f"depuis le {fdate(start, 'long')}, en contrat à durée indéterminée à temps "
            f"{rng.choice(('plein', 'partiel (80 %)'))}, en qualité de {job}.",
            leading=lead,
            after=4 * mm,
        )
        sh.para(
            f"Sa rémunération annuelle brute s'élève à {eur(float(salary))}. L'intéressé{p.e} n'est ni en "
            "période d'essai, ni en procédure de licenciement.",
            leading=lead,
            after=4 * mm,
        )
        sh.para(
            "Cette attestation est délivrée à la demande de l'intéressé(e), pour la constitution de son dossier "
            f"de {rng.choice(('location', 'demande de titre de séjour', 'demande de prêt'))}.",
            leading=lead,
            after=4 * mm,
        )
    sh.para("Fait pour servir et valoir ce que de droit.", after=6 * mm)
    signature(sh, [role, boss.plain], gap=16 * mm)
    return truth("employer", wording, layout, letter_date=d)


def school_certificate(rng: Random, sh: Sheet) -> Truth:
    """Certificat de scolarité from a lycée, a collège/école or a university (INE, UAI, student number)."""
    parent = person(rng)
    pupil = person(rng, parent.dept, adult=False)
    sh.family = rng.choice(SANS + SERIF)
    sh.size = rng.choice((10.0, 10.5, 11.0))
    d = some_date(rng)
    year0 = d.year if d.month >= 9 else d.year - 1
    wording = rng.choice(("lycee", "college", "universite"))
    city = parent.dept.city
    academy = ACADEMIES.get(city, f"Académie de {city}")
    uai = f"0{parent.dept.code[:2]}{digits(rng, 4, '0123456789')}{rng.choice('ABCDEFGHJKLMNPRSTUVWXYZ')}"
    ine = digits(rng, 10, "0123456789") + rng.choice("ABCDEFGHJK")
    ine_p = rng.choice((ine, group(ine, (4, 3, 3, 1))))
    age = {"universite": (18, 26), "lycee": (15, 18), "college": (11, 15)}[wording]
    pupil = Person(
        pupil.female,
        pupil.first,
        parent.last,
        pupil.street,
        pupil.extra,
        pupil.postcode,
        pupil.town,
        pupil.dept,
        date(year0 - rng.randint(*age), rng.randint(1, 12), rng.randint(1, 28)),
        pupil.birthplace,
    )
    if wording == "universite":
        name = {
            "Bobigny": "Université Sorbonne Paris Nord",
            "Saint-Denis": "Université de La Réunion",
            "Ajaccio": "Université de Corse",
        }.get(city, f"Université de {city}")
        org = Org(
            name=name,
            sub=[
                "Direction des études et de la vie étudiante",
                "Service de la scolarité",
                f"{rng.randint(1, 50)} {rng.choice(STREETS)} – {parent.dept.towns[0][0]} {city}",
            ],
            color=BRANDS[rng.choice(("bordeaux", "navy", "teal"))],
            logo=rng.choice(("ring", "diamond")),
            initials="U",
        )
        head = rng.choice(("left", "centered"))
    else:
        kind = "Lycée" if wording == "lycee" else "Collège"
        patron = rng.choice(
            ("Victor Hugo", "Jean Moulin", "Marie Curie", "Jules Ferry", "Simone Veil", "Louise Michel")
        )
        school = f"{kind} {patron}"
        org = Org(
            name=school,
            sub=[
                academy,
                f"{rng.randint(1, 90)} {rng.choice(STREETS)}",
                f"{parent.postcode} {parent.town} – UAI {uai}",
            ],
            color=FR_BLUE,
            logo="marianne",
        )
        name = school
        head = "state"
    sh.footer = legal_footer(
        [f"{name} – {org.sub[-1]}", f"Tél. {phone(rng)} – scolarite@{slug(name)}.fr"], numbered=False
    )
    y = letterhead(sh, org, head)
    sh.y = y - 16 * mm
    title(sh, "CERTIFICAT DE SCOLARITÉ", 15, align="c", after=3 * mm)
    sh.para(
        f"Année {'universitaire' if wording == 'universite' else 'scolaire'} {year0}-{year0 + 1}",
        align="c",
        after=10 * mm,
    )
    lead = sh.size * 1.6
    head_person = person(rng)
    head_role = {"lycee": ("Le proviseur", "La proviseure"), "college": ("Le principal", "La principale")}.get(
        wording, ("", "")
    )[int(head_person.female)]
    if wording == "universite":
        student_no = digits(rng, 8, "2")
        cvec = f"{slug(parent.dept.city)[:3].upper()}{digits(rng, 1)} {digits(rng, 6, '0123456789')} "
        cvec += digits(rng, 2, "0123456789")
        sh.para(
            f"Le Président de l'université certifie que {pupil.full}, né{pupil.e} le {fdate(pupil.born, 'long')} "
            f"à {pupil.birthplace}, est régulièrement inscrit{pupil.e} pour l'année universitaire "
            f"{year0}-{year0 + 1}.",
            leading=lead,
            after=5 * mm,
        )
        info = [
            ("N° étudiant", student_no),
            ("INE", ine_p),
            (
                "Inscription principale",
                rng.choice(
                    (
                        "Licence 2 Droit",
                        "Master 1 Informatique",
                        "Licence 1 Économie et gestion",
                        "DUT / BUT Génie civil",
                    )
                ),
            ),
            ("Régime d'inscription", rng.choice(("Formation initiale", "Formation continue"))),
            ("Attestation CVEC n°", cvec),
        ]
        sh.y = sh.kv(info, x=sh.left + 10 * mm, y=sh.y, label_w=50 * mm, size=sh.size, width=150 * mm) - 6 * mm
    else:
        klass = (
            rng.choice(("Seconde générale", "Première STMG", "Terminale générale", "CAP cuisine 1re année"))
            if wording == "lycee"
            else rng.choice(("Sixième", "Cinquième", "Quatrième", "Troisième"))
        )
        sh.para(
            f"{head_role} du {name} certifie que l'élève {pupil.plain}, né{pupil.e} le {fdate(pupil.born, 'long')} à "
            f"{pupil.birthplace}, INE {ine_p}, est inscrit{pupil.e} dans l'établissement en classe de {klass} "
            f"pour l'année scolaire {year0}-{year0 + 1}.",
            leading=lead,
            after=5 * mm,
        )
        sh.para(f"Régime : {rng.choice(('externe', 'demi-pensionnaire', 'interne'))}.", leading=lead, after=5 * mm)
    sh.para(
        "Le présent certificat est délivré à l'intéressé(e) pour servir et valoir ce que de droit.",
        leading=lead,
        after=8 * mm,
    )
    sh.para(f"Fait à {city}, le {fdate(d, rng.choice(('long', 'num')))}", x=110 * mm)
    signature(
        sh,
        [
            "Pour le Président et par délégation" if wording == "universite" else head_role,
            head_person.plain,
        ],
        gap=14 * mm,
    )
    return truth("school", wording, head, letter_date=d)


STATIONS = (
    "Paris Gare de Lyon",
    "Lyon Part-Dieu",
    "Marseille St-Charles",
    "Lille Europe",
    "Bordeaux St-Jean",
    "Nantes",
    "Rennes",
    "Strasbourg",
    "Montpellier St-Roch",
    "Toulouse Matabiau",
    "Dijon Ville",
    "Nice Ville",
    "Grenoble",
    "Paris Montparnasse",
    "Paris Gare du Nord",
)


def sncf_invoice(rng: Random, sh: Sheet) -> Truth:
    """SNCF: travel receipt/invoice (booking reference, ticket number, EAN-13, discount card) or season ticket."""
    p = person(rng)
    sh.family = rng.choice(SANS)
    sh.size = rng.choice((9.0, 9.5))
    d = some_date(rng)
    sid = siren(rng)
    org = Org(
        name="SNCF Voyageurs",
        sub=["Service Relation Client", "TSA 21221 – 62973 ARRAS CEDEX 9"],
        color=BRANDS[rng.choice(("bordeaux", "red", "navy"))],
        logo=rng.choice(("wave", "bars")),
        initials="SNCF",
        window_line="SNCF Voyageurs – 62973 Arras Cedex 9",
    )
    sh.footer = legal_footer(
        [
            legal_company(rng, "SA", rng.randint(10**8, 2 * 10**9), "Bobigny", sid)
            + f" – TVA FR{rng.randint(10, 99)} {sid}",
            "sncf-connect.com – 36 35 (service 0,40 €/min + prix d'un appel)",
        ]
    )
    wording = rng.choice(("billet", "billet", "abonnement"))
    head = rng.choice(("left", "banner"))
    if wording == "billet":
        pnr = "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(6))
        open_letter(
            sh,
            org,
            p.address(),
            head=head,
            d=d,
            place=None,
            date_style="num",
            refs=[
                ("Référence dossier", pnr),
                ("Date de commande", fdate(d)),
                ("N° de facture", f"FV{d.year}{digits(rng, 8, '0123456789')}"),
            ],
        )
        title(sh, "Justificatif de voyage – Facture", 12.5, org.color)
        rows = [["Date", "Départ", "Arrivée", "Train", "Voiture / place", "Classe", "Prix TTC"]]
        total = 0.0
        a, b = rng.sample(STATIONS, 2)
        go = d + timedelta(days=rng.randint(2, 60))
        legs = [(go, a, b)] + ([(go + timedelta(days=rng.randint(1, 12)), b, a)] if rng.random() < 0.6 else [])
        for day, x, y in legs:
            h = rng.randint(6, 20)
            price = float(rng.randint(19, 140))
            total += price
            rows.append(
                [
                    fdate(day),
                    f"{x} {h:02d}:{rng.randint(0, 59):02d}",
                    f"{y} {min(h + rng.randint(1, 4), 23):02d}:{rng.randint(0, 59):02d}",
                    f"{rng.choice(('TGV INOUI', 'OUIGO', 'TER', 'Intercités'))} {rng.randint(3000, 9999)}",
                    f"{rng.randint(1, 18)} / {rng.randint(1, 120):03d}",
                    rng.choice(("2de", "1re")),
                    eur(price),
                ]
            )
        sh.table(
            [19 * mm, 37 * mm, 37 * mm, 24 * mm, 20 * mm, 12 * mm, 21 * mm],
            rows,
            aligns="lllllcr",
            style=rng.choice(("grid", "lines", "zebra")),
            size=8.2,
            pad=0.7 * mm,
        )
        ht = round(total / 1.1, 2)
        sh.y = (
            sh.kv(
                [("Total HT", eur(ht)), ("TVA 10 %", eur(total - ht)), ("Total TTC", eur(total))],
                x=sh.right - 70 * mm,
                y=sh.y,
                label_w=40 * mm,
                size=9.5,
                width=70 * mm,
            )
            - 4 * mm
        )
        pax = [
            ("Voyageur", p.plain),
            ("N° de billet", group(digits(rng, 13, "1234"), (4, 4, 4, 1))),
            ("Mode de paiement", rng.choice(("Carte bancaire", "Bon d'achat", "Carte bancaire (3D Secure)"))),
        ]
        if rng.random() < 0.6:
            pax.append(
                (
                    rng.choice(("Carte Avantage Adulte", "Carte Avantage Jeune", "Carte Liberté")),
                    f"n° 29090 {digits(rng, 10, '0123456789')} {digits(rng, 2, '0123456789')}",
                )
            )
        sh.y = sh.kv(pax, x=sh.left, y=sh.y, label_w=45 * mm, size=9, width=120 * mm) - 8 * mm
        code = ean13(rng, "3")
        sh.need(20 * mm)
        sh.ean13_bars(sh.left, sh.y - 11 * mm, code)
        sh.y -= 20 * mm
        sh.para(
            "Ce justificatif ne constitue pas un titre de transport. Billet échangeable et remboursable sans frais "
            "jusqu'à 3 jours avant le départ, selon les conditions du tarif.",
            size=8.5,
            color=GREY,
        )
        return truth("sncf", wording, head, letter_date=d, reference=pnr)
    region = REGIONS[p.dept.code]
    card = (
        f"{digits(rng, 4)} {digits(rng, 4, '0123456789')} {digits(rng, 4, '0123456789')} {digits(rng, 4, '0123456789')}"
    )
    open_letter(
        sh,
        org,
        p.address(),
        head=head,
        d=d,
        place=None,
        date_style="long",
        refs=[("N° de carte", card), ("Référence client", digits(rng, 9))],
    )
    title(sh, "Attestation d'abonnement", 12.5, org.color)
    sh.para(
        f"SNCF Voyageurs atteste que {p.full} est titulaire d'un abonnement TER {region} "
        f"« {rng.choice(('Illico Annuel', 'Pass Mensuel Travail', 'Abonnement Hebdo'))} » entre "
        f"{rng.choice(STATIONS)} et {rng.choice(STATIONS)}, et a réglé les sommes suivantes :"
    )
    rows = [["Mois", "Montant payé", "Mode de paiement"]]
    price = amount(rng, 45, 190)
    n_months = rng.randint(3, 12)
    first = add_months(date(d.year, d.month, 1), -n_months)
    mode = rng.choice(("Prélèvement", "Carte bancaire", "Prélèvement mensuel"))
    for k in range(n_months):
        rows.append([month_year(add_months(first, k)).capitalize(), eur(price), mode])
    sh.table([60 * mm, 40 * mm, 50 * mm], rows, aligns="lrl", style=rng.choice(("grid", "lines")), size=9)
    sh.para(
        "Attestation destinée à votre employeur pour la prise en charge de 50 % du prix de l'abonnement "
        "(article L. 3261-2 du code du travail).",
        size=9,
    )
    return truth("sncf", wording, head, letter_date=d, reference=None)


def la_poste_notice(rng: Random, sh: Sheet) -> Truth:
    """La Poste: avis de passage (tracking number, collect before a date) or contrat de réexpédition."""
    p = person(rng)
    sh.family = rng.choice(SANS)
    sh.size = rng.choice((9.5, 10.0))
    d = some_date(rng)
    office = f"Bureau de poste {p.town} {rng.choice(('Principal', 'Centre', 'République', 'Gare'))}"
    org = Org(
        name="La Poste",
        sub=[office, f"{rng.randint(1, 90)} {rng.choice(STREETS)} – {p.postcode} {p.town}"],
        color=Color(0.1, 0.2, 0.55),
        logo="disc",
        initials="LP",
        window_line=f"La Poste – {office}",
    )
    sid = "356000000"
    sh.footer = legal_footer(
        [
            f"La Poste – SA au capital de 5 364 851 364 € – RCS Paris {fmt_siren(sid)} – "
            "Siège social : 9 rue du Colonel Pierre Avia, 75015 Paris",
            "laposte.fr – 36 31",
        ]
    )
    wording = rng.choice(("avis_passage", "avis_passage", "reexpedition"))
    if wording == "avis_passage":
        sh.tags.add("form")
        kind = rng.choice(("Lettre recommandée avec avis de réception", "Colissimo", "Lettre recommandée"))
        number = (
            s10(rng, "RR" if kind.startswith("Lettre") else "CB")
            if rng.random() < 0.5
            else f"{rng.choice(('6A', '8R', '1K'))}{digits(rng, 11, '0123456789')}"
        )
        sh.rect(0, PAGE_H - 30 * mm, PAGE_W, 30 * mm, stroke=None, fill=Color(1.0, 0.8, 0.1))
        sh.logo("disc", sh.left, PAGE_H - 25 * mm, 18 * mm, Color(0.1, 0.2, 0.55), "LP")
        sh.text(sh.left + 24 * mm, PAGE_H - 16 * mm, "AVIS DE PASSAGE", 18, "b", Color(0.1, 0.2, 0.55))
        sh.text(sh.left + 24 * mm, PAGE_H - 22 * mm, "Nous sommes passés, vous étiez absent(e)", 10)
        address_window(sh, p.address(), None, top=PAGE_H - 45 * mm)
        passed = d
        avail = d + timedelta(days=1)
        deadline = d + timedelta(days=15)
        sh.y = PAGE_H - 45 * mm
        info = [
            ("Date du passage", f"{fdate(passed)} à {rng.randint(9, 13)} h {rng.randint(10, 59)}"),
            ("Objet", kind),
            ("Numéro", number),
            (
                "Expéditeur",
                rng.choice(
                    (
                        "Tribunal judiciaire",
                        "Centre des Finances publiques",
                        "Caf",
                        "Urssaf",
                        "Préfecture",
                        "Société Générale des Eaux",
                        "Particulier",
                    )
                ),
            ),
        ]
        sh.y = sh.kv(info, x=sh.left, y=sh.y, label_w=30 * mm, size=9.5, width=88 * mm) - 12 * mm
        sh.y = min(sh.y, PAGE_H - 100 * mm)
        sh.rect(sh.left, sh.y - 34 * mm, sh.right - sh.left, 34 * mm, stroke=Color(0.1, 0.2, 0.55), width=1)
        sh.text(sh.left + 4 * mm, sh.y - 7 * mm, "Où et quand retirer votre envoi ?", 11, "b")
        sh.text(sh.left + 4 * mm, sh.y - 13 * mm, office, 10)
        sh.text(sh.left + 4 * mm, sh.y - 18 * mm, org.sub[1].split(" – ")[0] + f", {p.postcode} {p.town}", 10)
        sh.text(sh.left + 4 * mm, sh.y - 25 * mm, f"À partir du {fdate(avail, 'full')} à 15 h", 10, "b")
        sh.text(sh.left + 4 * mm, sh.y - 30.5 * mm, f"jusqu'au {fdate(deadline, 'full')} inclus", 10, "b")
        sh.matrix(rng, sh.right - 26 * mm, sh.y - 30 * mm, 22 * mm, 18)
        sh.y -= 40 * mm
        sh.para(
            "Passé ce délai, votre envoi sera retourné à l'expéditeur. Présentez cet avis au guichet. Si vous ne "
            "pouvez pas vous déplacer, vous pouvez donner procuration à une personne de votre choix en "
            "remplissant le cadre ci-dessous, ou demander une nouvelle livraison sur laposte.fr."
        )
        section(sh, "Procuration", Color(0.1, 0.2, 0.55), band=False)
        for label in ("Je soussigné(e)", "donne procuration à", "Fait à", "Signature"):
            sh.y -= 20
            sh.text(sh.left, sh.y, label, 9.5)
            sh.rule(sh.left + 38 * mm, sh.right, sh.y - 1, 0.4, GREY, dash=True)
        return truth("la_poste", wording, "notice_form", letter_date=passed, deadline=deadline, reference=number)
    contract = digits(rng, 12)
    open_letter(
        sh,
        org,
        p.address(),
        head=rng.choice(("left", "banner")),
        d=d,
        place=None,
        date_style="long",
        refs=[("N° de contrat", contract), ("Service", "Réexpédition définitive")],
    )
    start = d + timedelta(days=rng.randint(3, 10))
    sh.para("Objet : Confirmation de votre contrat de réexpédition du courrier", style="b", after=4 * mm)
    sh.para(salutation(p), after=2 * mm)
    old = person(rng)
    sh.para(
        f"Nous vous confirmons la souscription de votre contrat de réexpédition pour une durée de "
        f"{rng.choice((6, 12))} mois à compter du {fdate(start, 'long')}. Votre courrier adressé au "
        f"{old.one_line_address()} sera réexpédié à l'adresse ci-dessus."
    )
    documents: list[str] = []
    deadline = None
    if rng.random() < 0.6:
        documents = ["proof_of_address"]
        deadline = start - timedelta(days=1)
        sh.para(
            f"Pour finaliser votre souscription, veuillez nous adresser avant le {fdate(deadline, 'long')} un "
            "justificatif de domicile à votre nouvelle adresse (facture d'énergie, quittance de loyer ou bail). "
            "À défaut, le service ne pourra pas être activé."
        )
    sh.para(closing(rng, p))
    signature(sh, ["Le service Réexpédition"], gap=4 * mm)
    return truth(
        "la_poste", wording, "letter", letter_date=d, deadline=deadline, reference=contract, documents=documents
    )


def mairie_letter(rng: Random, sh: Sheet) -> Truth:
    """Mairie: school enrolment (papers to bring), resident parking card (vehicle immatriculation), electoral roll,
    état civil reply that encloses (does not ask for) a birth certificate."""
    p = person(rng)
    sh.family = rng.choice(SANS + SERIF)
    sh.size = rng.choice((9.5, 10.0, 10.5))
    d = some_date(rng)
    wording = rng.choice(("inscription_scolaire", "stationnement", "listes_electorales", "etat_civil"))
    service = {"inscription_scolaire": "Direction de l'Éducation", "stationnement": "Service Stationnement",
               "listes_electorales": "Service des Élections", "etat_civil": "Service État civil"}[wording]  # fmt: skip
    org = Org(
        name=f"Mairie de {p.town}",
        sub=[
            service,
            f"Hôtel de Ville – place de la Mairie – {p.postcode} {p.town}",
        ],
        color=BRANDS[rng.choice(("navy", "blue", "bordeaux"))],
        logo="marianne",
        window_line=f"Mairie de {p.town} – {p.postcode} {p.town}",
    )
    sh.footer = legal_footer(
        [
            f"Mairie de {p.town} – Accueil du lundi au vendredi de 8 h 30 à 17 h – Tél. {phone(rng)}",
            f"www.ville-{slug(p.town)}.fr",
        ]
    )
    head = rng.choice(("state", "left", "centered"))
    prefix = {"inscription_scolaire": "SCO", "stationnement": "STA", "listes_electorales": "ELE", "etat_civil": "EC"}
    dossier = f"{prefix[wording]}-{d.year}-{digits(rng, 5, '0123456789')}"
    open_letter(
        sh,
        org,
        p.address(),
        head=head,
        d=d,
        place=p.town,
        date_style="long",
        refs=[("Dossier n°", dossier), ("Affaire suivie par", f"{rng.choice(FIRST_F)} {rng.choice(LAST)}")],
    )
    documents: list[str] = []
    deadline = None
    if wording == "inscription_scolaire":
        child = child_of(rng, p)
        sh.para(
            f"Objet : Inscription scolaire de {child.first} – rentrée {d.year + (d.month > 6)}", style="b", after=4 * mm
        )
        sh.para(salutation(p), after=2 * mm)
        sh.para(
            f"Vous avez demandé l'inscription de votre enfant {child.first} {child.last.upper()} dans une école "
            "de la commune. Afin de compléter le dossier, veuillez vous présenter au service Éducation muni(e) "
            "des documents suivants :"
        )
        phrases, documents = ask(
            rng,
            [
                ("other+birth_certificate", ("le livret de famille ou un extrait d'acte de naissance de l'enfant",)),
                *pool(
                    "proof_of_address",
                    other=("le carnet de santé (pages des vaccinations)", "le certificat de radiation de l'école"),
                ),
            ],
            3,
        )
        sh.bullets([ph[0].upper() + ph[1:] for ph in phrases])
        if rng.random() < 0.5:
            deadline = d + timedelta(days=rng.choice((15, 21, 30)))
            sh.para(f"Le dossier complet doit être déposé au plus tard le {fdate(deadline, 'long')}.")
    elif wording == "stationnement":
        sh.para("Objet : Carte de stationnement résidentiel – dossier incomplet", style="b", after=4 * mm)
        sh.para(salutation(p), after=2 * mm)
        sh.para(
            f"Votre demande de carte de stationnement résidentiel pour le véhicule immatriculé {plate(rng)} a bien "
            "été reçue. Toutefois, elle ne peut être instruite en l'état. Veuillez nous adresser :"
        )
        phrases, documents = ask(
            rng,
            pool(
                "proof_of_address",
                other=(
                    "le certificat d'immatriculation du véhicule (carte grise) à votre nom et à votre adresse",
                    "l'attestation d'assurance du véhicule",
                ),
            ),
            rng.randint(2, 3),
        )
        sh.bullets([ph[0].upper() + ph[1:] for ph in phrases])
        sh.para(f"La carte est délivrée pour un an ; son tarif est de {eur(float(rng.choice((15, 20, 30, 45))))}.")
    elif wording == "listes_electorales":
        sh.para("Objet : Inscription sur les listes électorales", style="b", after=4 * mm)
        sh.para(salutation(p), after=2 * mm)
        sh.para(
            f"J'ai le plaisir de vous informer que votre inscription sur la liste électorale de la commune a été "
            f"validée. Vous votez au bureau n° {rng.randint(1, 40)}, "
            + rng.choice(("École Jules Ferry", "Gymnase municipal", "Salle des fêtes", "Maison des associations"))
            + "."
        )
        sh.para(
            f"Votre carte électorale, qui comporte votre numéro national d'électeur ({digits(rng, 9)}), vous sera "
            "adressée par courrier avant le prochain scrutin."
        )
    else:
        sh.para("Objet : Votre demande d'acte d'état civil", style="b", after=4 * mm)
        sh.para(salutation(p), after=2 * mm)
        sh.para(
            f"Suite à votre demande du {fdate(d - timedelta(days=rng.randint(3, 20)), 'long')}, vous trouverez "
            f"ci-joint la copie intégrale de l'acte de {rng.choice(('naissance', 'mariage'))} demandée "
            f"(acte n° {rng.randint(1, 2400)}, registre {rng.randint(1995, 2022)})."
        )
        sh.para(
            "Ce document vous est délivré gratuitement. Pour un usage à l'étranger, l'apostille doit être demandée "
            "auprès du service compétent de la cour d'appel."
        )
    sh.para(closing(rng, p, firm=True))
    signature(sh, ["Pour le Maire et par délégation,", f"{rng.choice(FIRST_F + FIRST_M)} {rng.choice(LAST)}"])
    return truth("mairie", wording, head, letter_date=d, deadline=deadline, reference=dossier, documents=documents)


def payslip(rng: Random, sh: Sheet) -> Truth:
    """Bulletin de paie WITHOUT a NIR: field absent, left blank, "en cours", or masked; dense numeric columns."""
    p = person(rng)
    org, _, sirt, naf = company(rng, p)
    sh.family = rng.choice((*SANS, "LiberationSerif"))
    sh.size = 8.5
    sh.left, sh.right = 14 * mm, PAGE_W - 14 * mm
    sh.bottom = 22 * mm
    month = some_date(rng)
    month = date(month.year, month.month, 1)
    end = add_months(month, 1) - timedelta(days=1)
    paid = end - timedelta(days=rng.randint(0, 3))
    nir_field = rng.choice(("absent", "blank", "en_cours", "masked"))
    layout = rng.choice(("classic", "compact"))
    sh.footer = legal_footer(
        [
            "Dans votre intérêt et pour vous aider à faire valoir vos droits, conservez ce bulletin "
            "de paie sans limitation de durée.",
            "Rubrique dédiée au bulletin de paie sur le portail www.service-public.fr",
        ],
        label="Page {n}/{t}",
    )
    top = PAGE_H - 12 * mm
    sh.rect(sh.left, top - 9 * mm, sh.right - sh.left, 9 * mm, stroke=None, fill=tint(org.color, 0.8))
    sh.text(sh.left + 3 * mm, top - 6.2 * mm, "BULLETIN DE PAIE", 12, "b", org.color)
    sh.text(sh.right - 3 * mm, top - 6.2 * mm, f"Période du {fdate(month)} au {fdate(end)}", 9, "b", align="r")
    y0 = top - 14 * mm
    emp = [
        org.name,
        *org.sub[:2],
        f"SIRET : {fmt_siret(sirt)}",
        f"Code NAF : {naf}",
        f"Urssaf {p.dept.name}",
        f"Convention collective : {CONVENTIONS[naf]}",
    ]
    y = y0
    for i, line in enumerate(emp):
        y -= 10.5
        sh.text(sh.left, y, line, 9 if i else 10, "b" if i == 0 else "")
    entry = some_date(rng, date(2010, 1, 1), month)
    job = rng.choice(JOBS)
    hourly = round(rng.uniform(11.9, 24.0), 4)
    ws = [
        ("Matricule", f"{rng.randint(1, 9999):05d}"),
        ("Emploi", job),
        ("Statut", rng.choice(("Ouvrier", "Employé", "Agent de maîtrise", "Cadre"))),
        ("Coefficient", str(rng.choice((150, 170, 185, 210, 230)))),
        ("Date d'entrée", fdate(entry)),
        ("Ancienneté", f"{max(0, month.year - entry.year)} an(s)"),
    ]
    if nir_field == "blank":
        ws.append(("N° de sécurité sociale", ""))
    elif nir_field == "en_cours":
        ws.append(("N° de sécurité sociale", "en cours d'immatriculation"))
    elif nir_field == "masked":
        ws.append(("N° SS", "* ** ** ** *** *** **"))
    bx = sh.left + 98 * mm
    sh.rect(bx - 3 * mm, y0 - 28 * mm, sh.right - bx + 3 * mm, 28 * mm, stroke=GREY, width=0.5)
    yy = y0 - 2 * mm
    for line in p.address():
        yy -= 11
        sh.text(bx, yy, line, 9.5)
    wy = sh.kv(ws, x=sh.left, y=y - 6, label_w=36 * mm, size=8.5, width=92 * mm, leading=10.5)
    sh.y = min(wy, y0 - 30 * mm) - 3 * mm
    hours = 151.67
    gross = round(hours * hourly, 2)
    extra = []
    if rng.random() < 0.5:
        h = rng.choice((4.33, 8.67, 12.0, 17.33))
        extra.append(
            ("Heures supplémentaires 25 %", f"{h:.2f}".replace(".", ","), hourly * 1.25, round(h * hourly * 1.25, 2))
        )
    if rng.random() < 0.4:
        extra.append(("Prime d'ancienneté", "", 0.0, round(gross * 0.03, 2)))
    brut = round(gross + sum(e[3] for e in extra), 2)

    def n(v: float, dec: int = 2) -> str:
        return f"{v:,.{dec}f}".replace(",", " ").replace(".", ",")

    lines = [  # label, salary rate %, employer rate % (None: no line for that side)
        ("Sécurité sociale – Maladie, maternité, invalidité, décès", None, 7.0),
        ("Complémentaire incapacité, invalidité, décès", 0.35, 0.5),
        ("Accidents du travail – maladies professionnelles", None, rng.choice((1.1, 1.4, 2.3, 3.2))),
        ("Sécurité sociale plafonnée", 6.9, 8.55),
        ("Sécurité sociale déplafonnée", 0.4, 2.02),
        ("Complémentaire Tranche 1", 4.01, 6.01),
        ("Famille", None, 3.45),
        ("Assurance chômage", None, 4.05),
        ("Autres contributions dues par l'employeur", None, 0.6),
    ]
    rows = [["Éléments de paie", "Base", "Taux", "À déduire", "À payer", "Taux pat.", "Charges pat."]]
    rows.append(["Salaire de base", n(hours), n(hourly, 4), "", n(gross), "", ""])
    for label, base, rate, amt in extra:
        rows.append([label, base, n(rate, 4) if rate else "", "", n(amt), "", ""])
    rows.append(["SALAIRE BRUT", "", "", "", n(brut), "", ""])
    ded = pat = 0.0
    for label, sal, emp_rate in lines:
        s_amt = round(brut * sal / 100, 2) if sal else 0.0
        e_amt = round(brut * emp_rate / 100, 2)
        ded += s_amt
        pat += e_amt
        rows.append([label, n(brut), n(sal, 4) if sal else "", n(s_amt) if sal else "", "", n(emp_rate, 4), n(e_amt)])
    mutual = float(rng.choice((18, 25, 32, 40)))
    rows.append(["Complémentaire santé", "", "", n(mutual), "", "", n(mutual * 1.2)])
    ded += mutual
    pat += mutual * 1.2
    csg_base = round(brut * 0.9825, 2)
    csg_d, csg_nd = round(csg_base * 0.068, 2), round(csg_base * 0.029, 2)
    rows.append(["CSG déductible de l'impôt sur le revenu", n(csg_base), n(6.8, 4), n(csg_d), "", "", ""])
    rows.append(["CSG/CRDS non déductible de l'impôt sur le revenu", n(csg_base), n(2.9, 4), n(csg_nd), "", "", ""])
    ded += csg_d + csg_nd
    rows.append(["Total des cotisations et contributions", "", "", n(ded), "", "", n(pat)])
    net = round(brut - ded, 2)
    taxable = round(net + csg_nd + mutual * 1.2, 2)
    rate_pas = rng.choice((0.0, 1.5, 2.9, 4.8, 7.5, 10.2))
    pas = round(taxable * rate_pas / 100, 2)
    rows.append(["NET À PAYER AVANT IMPÔT SUR LE REVENU", "", "", "", n(net), "", ""])
    rows.append(["Impôt sur le revenu prélevé à la source", n(taxable), n(rate_pas, 2), n(pas), "", "", ""])
    rows.append(["NET PAYÉ", "", "", "", n(net - pas), "", ""])
    bold = (1 + len(extra) + 1, len(rows) - 4, len(rows) - 3, len(rows) - 1)
    if layout == "compact":
        rows = [[r[0], r[1], r[2], r[3] or r[4], r[6]] for r in rows]
        rows[0] = ["Rubrique", "Base", "Taux", "Montant salarié", "Montant employeur"]
        sh.table(
            [84 * mm, 24 * mm, 20 * mm, 27 * mm, 27 * mm],
            rows,
            aligns="lrrrr",
            style="lines",
            size=8.2,
            pad=0.7 * mm,
            bold_rows=bold,
            vpad=0.45,
        )
    else:
        sh.table(
            [66 * mm, 20 * mm, 17 * mm, 20 * mm, 20 * mm, 17 * mm, 22 * mm],
            rows,
            aligns="lrrrrrr",
            style=rng.choice(("grid", "lines")),
            size=8.0,
            pad=0.6 * mm,
            bold_rows=bold,
            vpad=0.4,
        )
    sh.y = (
        sh.kv(
            [("Payé le", f"{fdate(paid)} par virement"), ("Net imposable", f"{n(taxable)} €")],
            x=sh.left,
            y=sh.y,
            label_w=28 * mm,
            size=8.5,
            width=90 * mm,
        )
        - 3 * mm
    )
    k = month.month
    cumul = [
        ["Cumuls", "Brut", "Net imposable", "Heures", "Congés acquis", "Congés pris"],
        [
            f"Janvier à {MONTHS[k - 1]}",
            n(brut * k),
            n(taxable * k),
            n(hours * k),
            n(2.08 * k),
            n(float(rng.randint(0, 2 * k))),
        ],
    ]
    sh.table(
        [40 * mm, 30 * mm, 30 * mm, 26 * mm, 28 * mm, 28 * mm],
        cumul,
        aligns="lrrrrr",
        style="grid",
        size=8.0,
        pad=0.6 * mm,
    )
    return truth("employer", f"bulletin_nir_{nir_field}", layout, letter_date=paid)


def notary_letter(rng: Random, sh: Sheet) -> Truth:
    """Notary: sale or succession file (cadastral references table, publication volume), asking for papers."""
    p = person(rng)
    sh.family = rng.choice(SERIF + SERIF[:2] + SANS[:1])
    sh.size = rng.choice((10.0, 10.5))
    d = some_date(rng)
    n1, n2 = rng.sample(LAST, 2)
    name = f"Office notarial {n1} & {n2}"
    org = Org(
        name=name,
        sub=[
            f"Maîtres {rng.choice(FIRST_F + FIRST_M)} {n1} et {rng.choice(FIRST_F + FIRST_M)} {n2}",
            "Notaires associés",
            f"{rng.randint(1, 60)} {rng.choice(STREETS)} – {p.postcode} {p.town}",
        ],
        color=BRANDS[rng.choice(("bordeaux", "navy", "grey"))],
        logo=rng.choice(("ring", "diamond")),
        window_line=f"{name} – {p.postcode} {p.town}",
    )
    sh.footer = legal_footer(
        [
            f"SCP {n1} et {n2}, titulaire d'un office notarial – CRPCEN {p.dept.code[:2]}"
            f"{rng.randint(100, 999)} – TVA FR{rng.randint(10, 99)} {siren(rng)}",
            f"Tél. {phone(rng)} – office.{slug(n1)}@notaires.fr",
        ]
    )
    wording = rng.choice(("vente", "succession", "acquisition_realisee"))
    dossier = f"{d.year}/{digits(rng, 4, '0123456789')}"
    initials = (
        f"{rng.choice('ABCDEFJMPS')}{rng.choice('ABCDEFJMPS')}/{rng.choice('ABCDEFJMPS')}{rng.choice('ABCDEFJMPS')}"
    )
    head = rng.choice(("centered", "left"))
    open_letter(
        sh,
        org,
        p.address(),
        head=head,
        d=d,
        place=p.town,
        date_style="long",
        refs=[
            ("N° de dossier", dossier),
            ("Réf.", initials),
            ("Affaire", f"{wording.split('_')[0].upper()} {p.last.upper()}"),
        ],
    )
    documents: list[str] = []
    deadline = None
    parcels = [["Section", "N°", "Lieudit ou adresse", "Nature", "Contenance"]]
    for _ in range(rng.randint(1, 4)):
        ha, a, ca = rng.randint(0, 2), rng.randint(0, 99), rng.randint(0, 99)
        parcels.append(
            [
                rng.choice(("AB", "AC", "BK", "ZD", "C", "E")),
                f"{rng.randint(1, 1999):04d}",
                rng.choice((p.street, "Les Grandes Terres", "Le Bourg", "Champ du Moulin")),
                rng.choice(("Sol", "Jardin", "Terre", "Bâtiment")),
                f"{ha:02d} ha {a:02d} a {ca:02d} ca",
            ]
        )
    if wording == "vente":
        sh.para("Objet : Vente de votre bien – préparation de l'acte", style="b", after=4 * mm)
        sh.para(salutation(p), after=2 * mm)
        sh.para(
            f"Vous nous avez confié la rédaction de l'acte de vente du bien situé {p.one_line_address()}, cadastré "
            "comme suit :"
        )
        sh.table([20 * mm, 18 * mm, 70 * mm, 26 * mm, 36 * mm], parcels, aligns="lrlll", style="grid", size=9)
        sh.para(
            f"Le prix convenu est de {eur(float(rng.randint(90, 650) * 1000))}. Afin de préparer l'avant-contrat,"
            " veuillez nous adresser les pièces suivantes :"
        )
        phrases, documents = ask(
            rng,
            pool(
                "passport",
                "birth_certificate",
                "rib",
                "proof_of_address",
                other=(
                    "votre titre de propriété",
                    "les diagnostics techniques obligatoires",
                    "le dernier avis de taxe foncière",
                ),
            ),
            rng.randint(3, 5),
        )
        sh.bullets([ph[0].upper() + ph[1:] for ph in phrases])
        if rng.random() < 0.5:
            deadline = d + timedelta(days=rng.choice((15, 30)))
            sh.para(f"Nous vous remercions de nous les faire parvenir avant le {fdate(deadline, 'long')}.")
    elif wording == "succession":
        deceased = person(rng)
        sh.para(
            f"Objet : Succession de {deceased.civ} {deceased.first} {deceased.last.upper()}", style="b", after=4 * mm
        )
        sh.para(salutation(p), after=2 * mm)
        sh.para(
            "Nous avons été chargés du règlement de la succession citée en référence. Afin d'établir l'acte de "
            "notoriété et la déclaration de succession, nous vous remercions de nous adresser :"
        )
        phrases, documents = ask(
            rng,
            pool(
                "birth_certificate",
                "rib",
                other=(
                    "l'acte de décès",
                    "votre livret de famille",
                    "le contrat de mariage éventuel",
                    "les relevés des comptes bancaires du défunt au jour du décès",
                ),
            ),
            rng.randint(3, 4),
        )
        sh.bullets([ph[0].upper() + ph[1:] for ph in phrases])
        sh.para(
            "La déclaration de succession doit être déposée dans un délai de six mois à compter du décès. Le "
            "bien immobilier dépendant de la succession est cadastré :"
        )
        sh.table([20 * mm, 18 * mm, 70 * mm, 26 * mm, 36 * mm], parcels, aligns="lrlll", style="lines", size=9)
    else:
        sh.para("Objet : Votre acquisition – publication de l'acte", style="b", after=4 * mm)
        sh.para(salutation(p), after=2 * mm)
        sig = d - timedelta(days=rng.randint(30, 120))
        sh.para(
            f"Nous vous informons que l'acte de vente reçu le {fdate(sig, 'long')} a été publié au service de la "
            f"publicité foncière de {p.dept.city} le {fdate(d - timedelta(days=rng.randint(3, 20)), 'long')}, "
            f"volume {sig.year} P n° {rng.randint(1000, 29999)}. Les biens acquis sont cadastrés :"
        )
        sh.table([20 * mm, 18 * mm, 70 * mm, 26 * mm, 36 * mm], parcels, aligns="lrlll", style="grid", size=9)
        sh.para(
            "Vous trouverez ci-joint la copie authentique de votre titre de propriété, que nous vous conseillons de "
            "conserver précieusement, ainsi que le décompte définitif des frais."
        )
    sh.para(closing(rng, p, firm=True))
    signature(
        sh,
        ["Le notaire,", f"Maître {n1}"]
        if rng.random() < 0.5
        else ["Le clerc chargé du dossier", f"{rng.choice(FIRST_F)} {rng.choice(LAST)}"],
    )
    return truth("notary", wording, head, letter_date=d, deadline=deadline, reference=dossier, documents=documents)


def water_bill(rng: Random, sh: Sheet) -> Truth:
    """Water bill: meter number, index table in m³, distribution/sewerage/agency lines with two VAT rates."""
    p = person(rng)
    sh.family = rng.choice(SANS)
    sh.size = rng.choice((9.0, 9.5))
    d = some_date(rng)
    name = rng.choice(
        (f"Régie des Eaux de {p.town}", f"Eau du Grand {p.dept.city}", "Compagnie des Eaux et de l'Assainissement")
    )
    org = Org(
        name=name,
        sub=["Service Abonnés", f"CS {rng.randint(10000, 99999)} – {p.postcode} {p.town.upper()}"],
        color=BRANDS[rng.choice(("sky", "teal", "blue"))],
        logo=rng.choice(("wave", "leaf", "disc")),
        initials="E",
        window_line=f"{name} – Service Abonnés",
    )
    sid = siren(rng)
    sh.footer = legal_footer(
        [
            f"{name} – SIRET {fmt_siret(siret(rng, sid))} – Service Abonnés {phone(rng, '9')}",
            f"Urgences 24 h/24 : {phone(rng, '9')} – Médiation de l'eau : www.mediation-eau.fr",
        ]
    )
    contract = digits(rng, rng.choice((9, 10, 11)))
    meter = f"{rng.choice('ABIK')}{d.year % 100 - rng.randint(1, 9):02d}{rng.choice('ABCDEFGH')}"
    meter += digits(rng, 6, "0123456789")
    layout = rng.choice(("classic", "compact"))
    head = rng.choice(("left", "banner", "right"))
    open_letter(
        sh,
        org,
        p.address(),
        head=head,
        d=None,
        place=None,
        date_style="num",
        refs=[
            ("Référence abonné", contract),
            ("Facture n°", digits(rng, 10)),
            ("Date", fdate(d)),
            ("Compteur n°", meter),
        ],
        label_w=32 * mm,
    )
    title(sh, "Votre facture d'eau", 13, org.color)
    start = add_months(d, -6)
    old = rng.randint(100, 4000)
    vol = rng.randint(18, 95)
    m3 = rng.choice((1.9864, 2.1234, 1.7452))
    sani = rng.choice((1.6423, 2.0115, 1.4380))
    lines = [
        ("Abonnement distribution", "6 mois", 28.4, 28.4, 5.5),
        ("Consommation eau potable", f"{vol} m³", m3, round(vol * m3, 2), 5.5),
        ("Préservation des ressources en eau (Agence de l'eau)", f"{vol} m³", 0.0857, round(vol * 0.0857, 2), 5.5),
        ("Redevance pour pollution domestique", f"{vol} m³", 0.33, round(vol * 0.33, 2), 5.5),
        ("Assainissement collectif – part collectivité", f"{vol} m³", sani, round(vol * sani, 2), 10.0),
        ("Redevance modernisation des réseaux de collecte", f"{vol} m³", 0.185, round(vol * 0.185, 2), 10.0),
    ]
    ht = round(sum(x[3] for x in lines), 2)
    tva = round(sum(x[3] * x[4] / 100 for x in lines), 2)
    ttc = round(ht + tva, 2)
    debit = rng.random() < 0.5
    due = d + timedelta(days=rng.randint(15, 30))
    summary_box(
        sh,
        "Montant à payer",
        eur(ttc),
        f"Prélevé le {fdate(due)}" if debit else f"Date limite de paiement : {fdate(due)}",
        org.color,
    )
    section(sh, "Relevé de votre compteur", org.color, band=layout == "classic")
    rows = [
        ["Compteur", "Date du relevé", "Ancien index", "Nouvel index", "Consommation"],
        [meter, fdate(d - timedelta(days=rng.randint(5, 15))), f"{old} m³", f"{old + vol} m³", f"{vol} m³"],
    ]
    sh.table([34 * mm, 34 * mm, 34 * mm, 34 * mm, 34 * mm], rows, aligns="lrrrr", style="grid", size=8.8)
    section(sh, "Détail de votre facture", org.color, band=layout == "classic")
    rows = [["Désignation", "Quantité", "Prix unitaire HT", "Montant HT", "TVA"]]
    for label, q, pu, amt, rate in lines:
        rows.append([label, q, f"{pu:.4f}".replace(".", ","), eur(amt, sym=""), f"{rate:g} %".replace(".", ",")])
    rows.append(["Total HT", "", "", eur(ht, sym=""), ""])
    rows.append(["TVA", "", "", eur(tva, sym=""), ""])
    rows.append(["Total TTC", "", "", eur(ttc, sym=""), ""])
    sh.table(
        [84 * mm, 20 * mm, 26 * mm, 24 * mm, 16 * mm],
        rows,
        aligns="lrrrr",
        style=rng.choice(("lines", "grid")),
        size=8.6,
        pad=0.8 * mm,
        bold_rows=(len(rows) - 1,),
    )
    sh.para(
        f"Période facturée : du {fdate(start)} au {fdate(d)}. Prix moyen du litre d'eau : "
        f"{(ttc / vol / 1000):.4f} €".replace(".", ",")
        + ".",
        size=8.5,
        color=GREY,
    )
    if not debit:
        tip_coupon(sh, rng, org, contract, ttc, p)
    return truth(
        "water",
        f"facture_{'prelevement' if debit else 'tip'}",
        f"{layout}_{head}",
        letter_date=d,
        deadline=None if debit else due,
        reference=contract,
    )


# ----------------------------------------------------------------------------------------------------------------
# The family interface
# ----------------------------------------------------------------------------------------------------------------

KINDS: tuple[Callable[[Random, Sheet], Truth], ...] = (
    energy_bill,
    telecom_bill,
    bank_statement,
    bank_letter,
    caf_attestation,
    caf_form,
    tax_notice,
    urssaf_letter,
    prefecture_document,
    hosting_attestation,
    rent_receipt,
    insurance_attestation,
    mutuelle_letter,
    france_travail_letter,
    work_certificate,
    school_certificate,
    sncf_invoice,
    la_poste_notice,
    mairie_letter,
    payslip,
    notary_letter,
    water_bill,
)


def _build(kind: Callable[[Random, Sheet], Truth], rng: Random, total_pages: int) -> tuple[bytes, Truth, int, Sheet]:
    sh = Sheet(rng.choice(SANS), total_pages)
    part = kind(rng, sh)
    pdf, pages = sh.finish()
    return pdf, part, pages, sh


def make_document(rng: Random, letter_type: str, doc_id: str) -> FamilyDocument:
    """One negative document drawn from ``rng`` (``doc_id`` is not printed: the draw depends on ``rng`` only).

    The kind is drawn first; a draw whose text layer holds a valid NIR anywhere is discarded and the same kind drawn
    again from the generator's next state.
    """
    if letter_type not in LETTER_TYPES:
        raise ValueError(f"the negative family only makes {LETTER_TYPES}, not {letter_type!r}")
    kind = rng.choice(KINDS)
    for _ in range(MAX_ATTEMPTS):
        state = rng.getstate()
        pdf, part, pages, sh = _build(kind, rng, 1)
        if pages > 1:  # draw again with the page count known, for the "Page n/N" footers
            rng.setstate(state)
            pdf, part, pages2, sh = _build(kind, rng, pages)
            if pages2 != pages:
                raise RuntimeError(f"{kind.__name__}: page count changed between the two passes")
        if not any(valid_nir_windows(text) for text in pdf_pages_text(pdf)):
            break
    else:
        raise RuntimeError(f"{kind.__name__}: no draw without a valid NIR in {MAX_ATTEMPTS} attempts")
    tags = {"other_sender"} | sh.tags
    truth_ = {
        "letter_type": "other",
        "nir": None,
        "nir_status": None,
        "nir_valid": None,
        "old_nir": None,
        "numbers": [],
        "caisse": None,
        **part,
        "tags": [t for t in HARD_CASES if t in tags],
    }
    truth_["layout"] = f"{kind.__name__}:{truth_['layout']}"
    truth_["wording"] = f"{kind.__name__}:{truth_['wording']}"
    if set(truth_) != set(TRUTH_KEYS):
        raise AssertionError(f"truth keys differ from TRUTH_KEYS: {sorted(set(truth_) ^ set(TRUTH_KEYS))}")
    return FamilyDocument(pdf=pdf, truth={k: truth_[k] for k in TRUTH_KEYS}, fonts=tuple(sorted(sh.fonts)))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="directory for NNNN-other.pdf and .json")
    parser.add_argument("--count", type=int, default=96)
    parser.add_argument("--seed", default="negative")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for i in range(args.count):
        doc = make_document(Random(f"{args.seed}:{i}"), "other", f"{i:04d}")
        stem = args.out / f"{i:04d}-other"
        stem.with_suffix(".pdf").write_bytes(doc.pdf)
        stem.with_suffix(".json").write_text(
            json.dumps(doc.truth, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
        )
        t = doc.truth
        print(f"{stem.name}.pdf  {t['sender']:<15} {t['wording']:<48} {t['layout']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
