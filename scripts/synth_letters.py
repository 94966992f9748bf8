"""Synthetic CPAM letters: their content only, no rendering.

Why this exists: no real letter may enter the repository, yet the reader must be tested (and its classifier
trained) on letters that look like the ones people actually receive. This module writes such letters from a
seeded ``random.Random``: the same seed always gives the same letter, so fixtures and benchmark corpora can
be regenerated and reviewed in a diff.

What makes the letters realistic (see ``/work/shared/reference/cpam-letters.md``):

* four letter types (``LETTER_TYPES``), each with several wordings that differ in sentences and order, not
  only in synonyms; a wording is a small function registered with ``@_wording``;
* several layouts (``LAYOUTS``) that move the sender, recipient, date, references, signature and footer;
* the number printed in the usual forms (grouped, compact, key apart, dotted, one character per box, in a
  table);
* distractor numbers everywhere (phone, references, SIRET, IBAN, dates, postal codes, organisation codes),
  checked never to contain a valid-looking social security number by accident;
* hard cases on purpose, listed in ``Letter.tags``: two numbers in one letter, the status keyword on another
  line, "provisoire" about something else than the number, a wrong key (about 5 % of the letters)...

All names, addresses and numbers are synthetic. Text only uses characters encodable in cp1252, because
reportlab's built-in fonts use the WinAnsi encoding.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from stdnum.fr import nir as stdnir

# fmt: off
# The wordings are laid out by hand, one paragraph per call, so that a reviewer can read them as letters.

LETTER_TYPES = ("number_assignment", "documents_request", "carte_vitale_form", "other")
LAYOUTS = ("classic", "table", "compact", "footer_sender")
FONTS = ("Helvetica", "Times-Roman", "Courier")
NIR_KINDS = ("man", "woman", "metropolitan", "pseudo_month", "corsica", "overseas", "abroad", "provisional")
FORMAT_STYLES = ("grouped", "compact", "key_apart_cle", "key_apart_slash", "dotted")
STYLE_WEIGHTS = (60, 12, 12, 8, 8)
WRONG_KEY_RATE = 0.05


# ---- Public data model ---------------------------------------------------------------------------------


@dataclass
class Block:
    """One visual block of a letter, drawn top to bottom in list order.

    ``kind`` is "text" (``lines``, one paragraph each), "table" (``rows`` of cells; ``bold`` makes the first
    row bold), "boxes" (``label`` then one box per character of ``chars``; a space in ``chars`` is a gap
    without a box), "photo_box" or "signature_box" (a rectangle with ``lines`` as its caption). ``align`` is
    "left", "center" or "right" (the right-hand column, where a window envelope shows the address).
    ``beside`` draws the block at the height of the previous one (two columns); ``bottom`` pins it to the
    foot of the page.
    """

    kind: str
    lines: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    label: str = ""
    chars: str = ""
    align: str = "left"
    bold: bool = False
    size: float = 10.0
    beside: bool = False
    bottom: bool = False

    def text_lines(self) -> list[str]:
        """The block's text in reading order, one string per line."""
        if self.kind == "table":
            return ["  ".join(row) for row in self.rows]
        if self.kind == "boxes":
            return [" ".join(filter(None, (self.label, " ".join(self.chars.replace(" ", "")))))]
        return list(self.lines)


@dataclass
class Letter:
    """A synthetic letter and the answers a reader should find in it (see ``expected``)."""

    id: str
    letter_type: str
    wording: str
    layout: str
    font: str
    font_size: float
    blocks: list[Block]
    nir: str | None
    nir_status: str | None
    nir_valid: bool | None
    numbers: list[dict[str, str | None]]
    tags: list[str]
    printed: list[str] = field(default_factory=list)  # how each of ``numbers`` is printed, same order
    # Beyond the number: the documents asked for (kinds of DOCUMENT_KINDS, in the letter's order), the letter's
    # date, the deadline (ISO; a delay counted from the letter's date, also "à compter de la réception"), the
    # caisse, and the reference to quote (the file number when printed, else "Nos réf.").
    documents: list[str] = field(default_factory=list)
    letter_date: str | None = None
    deadline: str | None = None
    caisse: str | None = None
    reference: str | None = None

    def expected(self) -> dict[str, object]:
        """The ground truth, as written to the fixtures' JSON files."""
        return {
            "letter_type": self.letter_type,
            "nir": self.nir,
            "nir_status": self.nir_status,
            "nir_valid": self.nir_valid,
            "numbers": [dict(number) for number in self.numbers],
            "wording": self.wording,
            "layout": self.layout,
            "tags": list(self.tags),
            "documents": list(self.documents),
            "letter_date": self.letter_date,
            "deadline": self.deadline,
            "caisse": self.caisse,
            "reference": self.reference,
        }

    def text(self) -> str:
        """The letter's plain text in reading order (paragraphs are not wrapped)."""
        return "\n".join(line for block in self.blocks for line in block.text_lines())


# ---- Social security numbers ---------------------------------------------------------------------------

COUNTRIES = {  # INSEE country codes (positions 8-10 after "99")
    "109": "Allemagne", "122": "Pologne", "127": "Italie", "134": "Espagne", "139": "Portugal",
    "216": "Chine", "223": "Inde", "322": "Cameroun", "341": "Sénégal", "350": "Maroc", "351": "Tunisie",
    "352": "Algérie", "401": "Canada", "404": "États-Unis", "416": "Brésil", "501": "Australie",
}
OVERSEAS = {"971": "Guadeloupe", "972": "Martinique", "973": "Guyane", "974": "La Réunion", "976": "Mayotte"}
CORSICA = {"2A": "Corse-du-Sud", "2B": "Haute-Corse"}


def make_nir(rng: random.Random, *, kind: str | None = None, sex: int | None = None) -> str:
    """A valid 15-character number of the given kind (see ``NIR_KINDS``; random when None).

    ``sex`` (1 man, 2 woman) is implied by the kinds "man" and "woman". Provisional numbers start with 7
    (man) or 8 (woman) and follow the born-abroad layout; their key uses the same rule as the other kinds.
    """
    if kind is None:
        kind = rng.choices(NIR_KINDS, weights=(8, 8, 10, 8, 6, 8, 30, 22))[0]
    if kind not in NIR_KINDS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {NIR_KINDS}")
    sex = {"man": 1, "woman": 2}.get(kind, sex) or rng.choice((1, 2))
    year = rng.randint(1976 if kind == "corsica" else 1958, 2006) % 100
    month = rng.randint(1, 12)
    if kind == "pseudo_month":
        month = rng.choice([*range(20, 43), *range(50, 100)])
    if kind == "corsica":
        place = rng.choice(tuple(CORSICA)) + f"{rng.randint(1, 366):03d}"
    elif kind == "overseas":
        place = rng.choice(tuple(OVERSEAS)) + f"{rng.randint(1, 34):02d}"
    elif kind in ("abroad", "provisional", "pseudo_month"):
        place = "99" + rng.choice(tuple(COUNTRIES))
    else:
        place = f"{rng.choice([d for d in range(1, 96) if d != 20]):02d}{rng.randint(1, 900):03d}"
    first = sex + 6 if kind == "provisional" else sex
    first13 = f"{first}{year:02d}{month:02d}{place}{rng.randint(1, 999):03d}"
    return first13 + stdnir.calc_check_digits(first13)


def with_wrong_key(rng: random.Random, nir: str) -> str:
    """The same number with another key in 01-97, as printed by mistake."""
    wrong = (int(nir[13:]) - 1 + rng.randint(1, 96)) % 97 + 1
    return f"{nir[:13]}{wrong:02d}"


def _groups(rng: random.Random, nir: str) -> list[str]:
    """The printed groups: s yy mm ll ccc ooo kk, or s yy mm ddd cc ooo kk for some overseas numbers."""
    if nir[5:7] == "97" and rng.random() < 0.5:
        return [nir[0], nir[1:3], nir[3:5], nir[5:8], nir[8:10], nir[10:13], nir[13:]]
    return [nir[0], nir[1:3], nir[3:5], nir[5:7], nir[7:10], nir[10:13], nir[13:]]


def format_nir(rng: random.Random, nir: str, *, style: str | None = None) -> str:
    """One of the usual printed forms (see ``FORMAT_STYLES``; random when None). The key is never omitted."""
    style = style or rng.choices(FORMAT_STYLES, weights=STYLE_WEIGHTS)[0]
    groups = _groups(rng, nir)
    body = " ".join(groups[:-1])
    if style == "grouped":
        return f"{body} {groups[-1]}"
    if style == "compact":
        return nir
    if style == "key_apart_cle":
        return f"{body} {rng.choice(('clé', 'Clé'))} {groups[-1]}"
    if style == "key_apart_slash":
        return f"{body} / {groups[-1]}"
    if style == "dotted":
        return ".".join(groups)
    raise ValueError(f"unknown style {style!r}; expected one of {FORMAT_STYLES}")


_STYLE_TAGS = {"key_apart_cle": "key_apart", "key_apart_slash": "key_apart", "compact": "compact",
               "dotted": "dotted"}
_DIGIT_RUN = re.compile(r"\d(?:[ .]?\d)*")


def accidental_nirs(text: str, printed: list[str]) -> list[str]:
    """Valid-looking 15-digit numbers in ``text`` once the intended numbers (``printed``) are taken out."""
    for form in sorted(printed, key=len, reverse=True):
        text = text.replace(form, " | ")
    found = []
    for run in _DIGIT_RUN.findall(text):
        digits = re.sub(r"[ .]", "", run)
        found += [digits[i : i + 15] for i in range(len(digits) - 14) if stdnir.is_valid(digits[i : i + 15])]
    return found


# ---- Synthetic people, caisses, employers and distractor numbers ---------------------------------------

FIRST_NAMES = {
    1: ("Karim", "Mamadou", "Wei", "Andriy", "João", "Lucas", "Mehdi", "Rahul", "Carlos", "Youssef",
        "Piotr", "Thomas", "Ibrahima", "Marco", "Hugo", "Samir"),
    2: ("Amina", "Fatou", "Mei", "Olena", "Ana", "Sofia", "Yasmine", "Priya", "Maria", "Leïla", "Claire",
        "Inès", "Aïcha", "Giulia", "Zofia", "Chloé"),
}
LAST_NAMES = (
    "DIALLO", "CHEN", "KOVALENKO", "DA SILVA", "MARTIN", "EL AMRANI", "SHARMA", "GARCIA", "NOWAK", "MÜLLER",
    "ROSSI", "TRAORÉ", "NGUYEN", "BENSAÏD", "FERREIRA", "MOREAU", "OUEDRAOGO", "LEFÈVRE", "HADDAD", "PETIT",
)
STREETS = (
    "rue des Tilleuls", "avenue Jean Jaurès", "boulevard de la Liberté", "rue Victor Hugo",
    "impasse des Lilas", "chemin du Moulin", "place de la République", "allée des Cerisiers",
    "rue de la Gare", "quai des Pêcheurs", "rue du Château d'Eau", "cours Émile Zola",
)
EMPLOYERS = (
    "SARL Bâtiments du Lac", "SAS Logistique Rhodanienne", "Restaurant Le Petit Marché",
    "Hôtel des Voyageurs", "Clinique des Acacias", "SAS Nettoyage Plus", "Boulangerie du Centre",
    "SCOP Maraîchers Réunis", "Société Transports Azur", "Atelier Métallerie Durand",
)
AGENTS = ("Mme Durand", "M. Lambert", "Mme Roussel", "M. Garnier", "Mme Chevalier", "M. Faure", "Mme Blanc")
DOCTORS = ("Dr Hélène Marchand", "Dr Paul Vasseur", "Dr Sarah Cohen", "Dr Julien Perrin", "Dr Nadia Benali")
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")
PHONES = ("36 46", "0 811 36 36 46", "09 72 72 36 46")
DOCUMENTS = (
    "copie intégrale de votre acte de naissance, avec filiation (nom et prénoms de vos parents)",
    "traduction de votre acte de naissance par un traducteur assermenté",
    "apostille ou légalisation de votre acte de naissance, selon le pays qui l'a délivré",
    "copie de votre passeport en cours de validité (pages d'identité)",
    "copie recto verso de votre titre de séjour (carte de séjour, récépissé ou VLS-TS validé)",
    "formulaire S1 délivré par l'organisme de sécurité sociale de votre pays",
    "relevé d'identité bancaire (RIB) à votre nom",
    "justificatif de domicile de moins de 3 mois",
    "copie de votre contrat de travail",
    "vos trois derniers bulletins de salaire",
    "attestation de votre employeur",
    "certificat de scolarité pour l'année en cours",
)
DOCUMENT_KINDS = ("birth_certificate", "sworn_translation", "apostille", "passport", "residence_permit", "s1_form",
                  "rib", "proof_of_address", "employment_contract", "payslips", "employer_certificate",
                  "school_certificate")  # the vocabulary kind of each of DOCUMENTS, same order


@dataclass(frozen=True)
class Caisse:
    """A caisse primaire: name, city, postal address, code (for the organisation code), recipients' towns."""

    name: str
    city: str
    postal: str
    code: str
    towns: tuple[str, ...]


CAISSES = (
    Caisse("CPAM du Rhône", "Lyon", "69907 Lyon Cedex 20", "691",
           ("69003 Lyon", "69100 Villeurbanne", "69200 Vénissieux", "69008 Lyon")),
    Caisse("CPAM de Paris", "Paris", "75948 Paris Cedex 19", "751",
           ("75011 Paris", "75018 Paris", "75020 Paris", "75013 Paris")),
    Caisse("CPAM de la Gironde", "Bordeaux", "33085 Bordeaux Cedex", "331",
           ("33000 Bordeaux", "33400 Talence", "33700 Mérignac")),
    Caisse("CPAM des Bouches-du-Rhône", "Marseille", "13421 Marseille Cedex 20", "131",
           ("13003 Marseille", "13100 Aix-en-Provence", "13013 Marseille")),
    Caisse("CPAM de la Haute-Garonne", "Toulouse", "31093 Toulouse Cedex 9", "311",
           ("31000 Toulouse", "31300 Toulouse", "31700 Blagnac")),
    Caisse("CPAM de Lille-Douai", "Lille", "59863 Lille Cedex 9", "594",
           ("59000 Lille", "59100 Roubaix", "59500 Douai")),
    Caisse("CPAM de Loire-Atlantique", "Nantes", "44931 Nantes Cedex 9", "441",
           ("44000 Nantes", "44400 Rezé", "44600 Saint-Nazaire")),
    Caisse("CPAM du Bas-Rhin", "Strasbourg", "67091 Strasbourg Cedex", "671",
           ("67000 Strasbourg", "67100 Strasbourg", "67300 Schiltigheim")),
    Caisse("CPAM de l'Hérault", "Montpellier", "34931 Montpellier Cedex 9", "341",
           ("34000 Montpellier", "34070 Montpellier", "34500 Béziers")),
    Caisse("CPAM de la Seine-Saint-Denis", "Bobigny", "93014 Bobigny Cedex", "931",
           ("93000 Bobigny", "93200 Saint-Denis", "93100 Montreuil")),
)


def _luhn_digit(payload: str) -> str:
    """The digit that makes ``payload`` + digit pass the Luhn check (SIREN and SIRET use it)."""
    total = 0
    for i, char in enumerate(reversed(payload)):
        value = int(char) * (2 if i % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return str((10 - total % 10) % 10)


def make_siret(rng: random.Random) -> str:
    """A synthetic SIRET (14 digits, Luhn-valid), printed "362 521 879 00034"."""
    siren = "".join(str(rng.randint(0, 9)) for _ in range(8))
    siren += _luhn_digit(siren)
    nic = f"{rng.randint(1, 99):04d}"
    siret = siren + nic + _luhn_digit(siren + nic)
    return f"{siret[:3]} {siret[3:6]} {siret[6:9]} {siret[9:]}"


def make_iban(rng: random.Random) -> str:
    """A synthetic French IBAN with a correct RIB key and check digits, printed in groups of four."""
    bank, branch = f"{rng.randint(10000, 30099):05d}", f"{rng.randint(0, 99999):05d}"
    account = "".join(str(rng.randint(0, 9)) for _ in range(11))
    rib_key = 97 - (89 * int(bank) + 15 * int(branch) + 3 * int(account)) % 97
    bban = f"{bank}{branch}{account}{rib_key:02d}"
    check = 98 - int(bban + "152700") % 97  # "FR00" moved to the end, F=15 R=27
    iban = f"FR{check:02d}{bban}"
    return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))


def fr_date(day: dt.date) -> str:
    """ "1er mars 2025", "12 mars 2025"."""
    return f"{'1er' if day.day == 1 else day.day} {MONTHS[day.month - 1]} {day.year}"


def num_date(day: dt.date) -> str:
    """ "12/03/2025"."""
    return day.strftime("%d/%m/%Y")


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (the month's last day when it is shorter): 31 Jan + 1 = 28/29 Feb."""
    year, month = divmod(day.month - 1 + months, 12)
    last = (dt.date(day.year + year + (month + 1) // 12, (month + 1) % 12 + 1, 1) - dt.timedelta(days=1)).day
    return day.replace(year=day.year + year, month=month + 1, day=min(day.day, last))


def euros(amount: float) -> str:
    """ "19,00 €"."""
    return f"{amount:.2f} €".replace(".", ",")


@dataclass(frozen=True)
class Person:
    """The synthetic addressee."""

    sex: int
    first: str
    last: str
    address: tuple[str, ...]

    @property
    def civility(self) -> str:
        return "Madame" if self.sex == 2 else "Monsieur"

    @property
    def short(self) -> str:
        return f"{'Mme' if self.sex == 2 else 'M.'} {self.first} {self.last}"


def _make_person(rng: random.Random, caisse: Caisse) -> Person:
    sex = rng.choice((1, 2))
    street = f"{rng.randint(1, 120)}{rng.choice(('', '', '', ' bis'))} {rng.choice(STREETS)}"
    extra = [f"Bât. {rng.choice('ABCD')} - Appt {rng.randint(1, 48)}"] if rng.random() < 0.3 else []
    address = (*extra, street, rng.choice(caisse.towns))
    return Person(sex, rng.choice(FIRST_NAMES[sex]), rng.choice(LAST_NAMES), address)


# ---- The context a wording writes with -----------------------------------------------------------------


@dataclass
class _Body:
    """What a wording writes: subject, body blocks, extra reference lines (placed by the layout), title."""

    subject: str
    blocks: list[Block]
    refs: list[tuple[str, str]] = field(default_factory=list)
    title: str = ""
    closing: bool = True


class _Ctx:
    """What a wording needs: addressee, caisse, dates, distractors; it records the numbers it prints."""

    def __init__(self, rng: random.Random, font_size: float, wrong_key: bool) -> None:
        self.rng = rng
        self.size = font_size
        self.wrong_key = wrong_key
        self.caisse = rng.choice(CAISSES)
        self.person = _make_person(rng, self.caisse)
        self.date = dt.date(2023, 1, 2) + dt.timedelta(days=rng.randint(0, 1090))
        self.employer = rng.choice(EMPLOYERS)
        self.siret = make_siret(rng)
        self.iban = make_iban(rng)
        self.phone = rng.choice(PHONES)
        year, serial = self.date.year, rng.randint(1, 999999)
        self.dossier = rng.choice((f"IMM-{year}-{serial:06d}", f"{year}/IMM/{serial:06d}",
                                   f"D{year}{serial:07d}", f"AFF {year} {serial:06d}"))
        code = rng.choice(("IMM", "RA", "PFS", "GDA", "SRA"))
        serial = rng.randint(10000, 999999)
        self.ref = rng.choice((f"{year}/{code}/{serial}", f"{code}-{serial}", f"{code}/{year}/{serial}"))
        self.agent = rng.choice(AGENTS)
        self.bullet = rng.choice(("- ", "• ", "– "))
        self.main: str | None = None
        self.main_status: str | None = None
        self.numbers: list[dict[str, str | None]] = []
        self.printed: list[str] = []
        self.tags: set[str] = set()
        self.asked: list[str] = []  # the kinds of the documents asked for, in order
        self.due: dt.date | None = None  # the deadline

    # -- words
    @property
    def e(self) -> str:
        """The feminine ending ("immatriculé" + e)."""
        return "e" if self.person.sex == 2 else ""

    def earlier(self, low: int = 15, high: int = 120) -> dt.date:
        return self.date - dt.timedelta(days=self.rng.randint(low, high))

    def later(self, low: int = 15, high: int = 90) -> dt.date:
        return self.date + dt.timedelta(days=self.rng.randint(low, high))

    def by(self, day: dt.date) -> dt.date:
        """Record ``day`` as the deadline."""
        self.due = day
        return day

    def within(self, *, months: int = 0, days: int = 0) -> None:
        """Record a delay from the letter's date as the deadline."""
        self.due = add_months(self.date, months) + dt.timedelta(days=days)

    def salutation(self) -> str:
        civ = self.person.civility
        return self.rng.choice((f"{civ},", "Madame, Monsieur,", f"Bonjour {civ} {self.person.last},"))

    def politeness(self) -> str:
        civ = self.person.civility
        return self.rng.choice((
            f"Nous vous prions d'agréer, {civ}, l'expression de nos salutations distinguées.",
            f"Veuillez agréer, {civ}, nos salutations distinguées.",
            "Nous restons à votre disposition pour tout renseignement complémentaire.",
            f"Je vous prie de croire, {civ}, à l'assurance de mes salutations distinguées.",
        ))

    def birth(self, nir: str) -> tuple[str, str]:
        """Birth date and place as a letter recaps them, read from the number (month unknown: year only)."""
        year = int(nir[1:3]) + (2000 if int(nir[1:3]) <= 10 else 1900)
        month = int(nir[3:5])
        date = f"{self.rng.randint(1, 28):02d}/{month:02d}/{year}" if month <= 12 else f"{year}"
        if nir[5:7] == "99":
            return date, COUNTRIES.get(nir[7:10], "Étranger")
        if nir[5:7] in CORSICA:
            return date, CORSICA[nir[5:7]]
        return date, OVERSEAS.get(nir[5:8], f"France ({nir[5:7]})")

    # -- numbers
    def number(self, kind: str | None = None, *, main: bool = True) -> str:
        """A new number for this person; the main one gets a wrong key when the letter is meant to."""
        if kind is None:
            kinds = ("abroad", "metropolitan", "pseudo_month", "corsica", "overseas")
            kind = self.rng.choices(kinds, weights=(50, 24, 10, 8, 8))[0]
        value = make_nir(self.rng, kind=kind, sex=self.person.sex)
        if main:
            value = with_wrong_key(self.rng, value) if self.wrong_key else value
            self.main = value
        return value

    def _record(self, value: str, status: str | None, printed: str) -> None:
        if all(number["value"] != value for number in self.numbers):
            self.numbers.append({"value": value, "status": status})
            self.printed.append(printed)
        if value == self.main:
            self.main_status = status

    def show(self, value: str, status: str | None, *, style: str | None = None) -> str:
        """The number as printed in a sentence or a cell; records it with what the words say about it."""
        style = style or self.rng.choices(FORMAT_STYLES, weights=STYLE_WEIGHTS)[0]
        printed = format_nir(self.rng, value, style=style)
        self.tags.update([_STYLE_TAGS[style]] if style in _STYLE_TAGS else [])
        self._record(value, status, printed)
        return printed

    def boxes(self, label: str, value: str, status: str | None) -> Block:
        """The number one character per box: gaps between groups, before the key only, or none."""
        gaps = self.rng.choice(((13,), (1, 3, 5, 7, 10, 13), (), (13,)))
        chars = "".join((" " if i in gaps else "") + char for i, char in enumerate(value))
        self.tags.update(["boxes", "key_apart"] if 13 in gaps else ["boxes"])
        block = Block("boxes", label=label, chars=chars, size=self.size)
        self._record(value, status, " ".join(value))
        return block

    # -- blocks
    def para(self, *lines: str, bold: bool = False, align: str = "left", size: float = 0.0) -> Block:
        return Block("text", lines=list(lines), bold=bold, align=align, size=size or self.size)

    def items(self, items: list[str], *, end: str = " ;", last: str = ".") -> Block:
        """A bulleted list, one item per line, punctuated the French way."""
        stops = [end] * (len(items) - 1) + [last]
        return self.para(*(f"{self.bullet}{item}{stop}" for item, stop in zip(items, stops, strict=True)))

    def table(self, rows: list[list[str]], *, header: bool = False) -> Block:
        return Block("table", rows=rows, bold=header, size=self.size)

    def docs(self, low: int, high: int, *, first: tuple[int, ...] = ()) -> list[str]:
        """A sample of the usual documents asked for, ``first`` (indexes in DOCUMENTS) always included."""
        rest = [doc for i, doc in enumerate(DOCUMENTS) if i not in first]
        chosen = [DOCUMENTS[i] for i in first] + self.rng.sample(rest, self.rng.randint(low, high) - len(first))
        self.asked += [DOCUMENT_KINDS[DOCUMENTS.index(doc)] for doc in chosen]
        return chosen


# ---- Wordings ------------------------------------------------------------------------------------------

Wording = Callable[[_Ctx], _Body]
_WORDINGS: dict[str, dict[str, Wording]] = {letter_type: {} for letter_type in LETTER_TYPES}


def _wording(letter_type: str, name: str) -> Callable[[Wording], Wording]:
    def register(function: Wording) -> Wording:
        _WORDINGS[letter_type][name] = function
        return function

    return register


# -- number_assignment


@_wording("number_assignment", "na_w1")
def _na_definitive_inline(ctx: _Ctx) -> _Body:
    nir = ctx.show(ctx.number(), "definitif")
    subject = ctx.rng.choice(("Objet : attribution de votre numéro de sécurité sociale",
                              "Objet : votre immatriculation à l'Assurance Maladie"))
    return _Body(subject, [
        ctx.para(ctx.salutation()),
        ctx.para(f"Suite à votre demande d'immatriculation, nous avons le plaisir de vous informer que vous "
                 f"êtes désormais immatriculé{ctx.e} à l'Assurance Maladie."),
        ctx.para(f"Un numéro personnel et définitif vous est attribué : {nir}."),
        ctx.para("Ce numéro vous sera demandé dans toutes vos démarches. Communiquez-le à votre employeur, "
                 "qui doit l'utiliser pour vos déclarations sociales, ainsi qu'aux professionnels de santé "
                 "que vous consultez."),
        ctx.para("Vous recevrez prochainement un formulaire pour obtenir votre carte Vitale."),
        ctx.para(ctx.politeness()),
    ])


@_wording("number_assignment", "na_w2")
def _na_definitive_next_line(ctx: _Ctx) -> _Body:
    nir = ctx.show(ctx.number(), "definitif")
    ctx.tags.add("keyword_other_line")
    return _Body("Objet : votre numéro de sécurité sociale", [
        ctx.para(ctx.salutation()),
        ctx.para(f"Nous avons bien reçu les pièces justificatives de votre état civil le "
                 f"{fr_date(ctx.earlier())} et nous vous en remercions. Après vérification, votre "
                 f"immatriculation est confirmée."),
        ctx.para("Votre numéro de sécurité sociale définitif est :"),
        ctx.para(nir, bold=True, align=ctx.rng.choice(("left", "center"))),
        ctx.para(f"Pensez à le communiquer à votre employeur ({ctx.employer}, SIRET {ctx.siret}) afin que "
                 f"vos cotisations soient correctement enregistrées."),
        ctx.para("Conservez ce courrier : il vous sera utile pour toutes vos démarches administratives."),
        ctx.para(ctx.politeness()),
    ])


@_wording("number_assignment", "na_w3")
def _na_definitive_table(ctx: _Ctx) -> _Body:
    value = ctx.number()
    born, place = ctx.birth(value)
    rows = [["Nom", ctx.person.last], ["Prénom(s)", ctx.person.first], ["Date de naissance", born],
            ["Lieu de naissance", place]]
    if ctx.rng.random() < 0.5:
        rows = [[*row, ""] for row in rows]
        rows.append(["Numéro de sécurité sociale", ctx.show(value, "definitif"), "Définitif"])
    else:
        rows += [["N° d'immatriculation (NIR)", ctx.show(value, "definitif")],
                 ["Nature du numéro", "Définitif"]]
        ctx.tags.add("keyword_other_line")
    return _Body("Objet : notification de votre numéro d'inscription au répertoire (NIR)", [
        ctx.para(ctx.salutation()),
        ctx.para(f"Suite à l'instruction de votre dossier n° {ctx.dossier}, nous vous confirmons les "
                 f"informations de votre immatriculation :"),
        ctx.table(rows),
        ctx.para("Ce numéro vous est attribué à titre définitif. Vous devez le communiquer à votre employeur "
                 "et le rappeler dans tous vos échanges avec l'Assurance Maladie."),
        ctx.para(f"Si l'une de ces informations est inexacte, contactez-nous au {ctx.phone}."),
        ctx.para(ctx.politeness()),
    ])


@_wording("number_assignment", "na_w4")
def _na_provisional_with_documents(ctx: _Ctx) -> _Body:
    nir = ctx.show(ctx.number("provisional"), "provisoire")
    ctx.tags.add("documents_list")
    ctx.within(months=3)
    return _Body("Objet : votre numéro d'identification d'attente (NIA)", [
        ctx.para(ctx.salutation()),
        ctx.para(f"Nous avons enregistré votre demande d'ouverture des droits à l'assurance maladie, "
                 f"transmise le {fr_date(ctx.earlier())} par votre employeur, {ctx.employer}."),
        ctx.para(f"Dans l'attente de la vérification de votre état civil, un numéro d'identification "
                 f"d'attente (NIA) vous a été attribué : {nir}. Ce numéro est provisoire ; il vous permet "
                 f"dès maintenant d'être remboursé{ctx.e} de vos soins."),
        ctx.para("Pour que votre numéro définitif puisse vous être attribué, veuillez nous adresser les "
                 "pièces suivantes :"),
        ctx.items(ctx.docs(2, 4, first=(0,))),
        ctx.para("Vous disposez d'un délai de 3 mois pour produire ces documents. À défaut, vos droits "
                 "pourraient être suspendus."),
        ctx.para(ctx.politeness()),
    ])


@_wording("number_assignment", "na_w5")
def _na_two_numbers(ctx: _Ctx) -> _Body:
    old = ctx.number("provisional", main=False)
    new = ctx.number()
    if ctx.rng.random() < 0.5:
        sentence = (f"Votre numéro provisoire {ctx.show(old, 'provisoire')} est remplacé par votre numéro "
                    f"définitif {ctx.show(new, 'definitif')}.")
    else:
        sentence = (f"Votre numéro définitif {ctx.show(new, 'definitif')} remplace le numéro provisoire "
                    f"{ctx.show(old, 'provisoire')} qui vous avait été communiqué le "
                    f"{fr_date(ctx.earlier(90, 300))}.")
    return _Body("Objet : votre numéro de sécurité sociale définitif", [
        ctx.para(ctx.salutation()),
        ctx.para("Nous vous informons que la vérification de votre état civil est terminée."),
        ctx.para(sentence),
        ctx.para("À compter de ce jour, seul ce dernier doit être utilisé. Nous vous invitons à le "
                 "communiquer à votre employeur ainsi qu'à votre organisme complémentaire (mutuelle)."),
        ctx.para("Votre carte Vitale vous sera adressée après réception du formulaire qui vous parviendra "
                 "séparément."),
        ctx.para(ctx.politeness()),
    ])


@_wording("number_assignment", "na_w6")
def _na_provisional_keyword_after(ctx: _Ctx) -> _Body:
    nir = ctx.show(ctx.number("provisional"), "provisoire")
    ctx.tags.add("keyword_other_line")
    return _Body("Objet : votre numéro d'immatriculation", [
        ctx.para(ctx.salutation()),
        ctx.para("Votre demande d'immatriculation a bien été enregistrée. Voici votre numéro :"),
        ctx.para(nir, bold=True),
        ctx.para(f"Ce numéro est provisoire. Il vous permet d'être remboursé{ctx.e} de vos soins pendant "
                 f"l'instruction de votre dossier, qui peut durer jusqu'à 9 mois."),
        ctx.para("Lorsque votre état civil aura été vérifié, vous recevrez votre numéro définitif par "
                 "courrier. Transmettez dès à présent ce numéro à votre employeur."),
        ctx.para(ctx.politeness()),
    ])


# -- documents_request


@_wording("documents_request", "dr_w1")
def _dr_about_provisional(ctx: _Ctx) -> _Body:
    nir = ctx.show(ctx.number("provisional"), "provisoire")
    ctx.within(months=3)
    return _Body("Objet : pièces manquantes - votre dossier d'immatriculation", [
        ctx.para(ctx.salutation()),
        ctx.para(f"Concernant votre numéro provisoire {nir}, votre dossier est incomplet."),
        ctx.para("Afin de poursuivre l'instruction de votre demande, veuillez nous adresser dans un délai de "
                 "3 mois les pièces justificatives suivantes :"),
        ctx.items(ctx.docs(2, 4)),
        ctx.para("À défaut de réception dans ce délai, votre dossier sera classé sans suite."),
        ctx.para(f"Merci de rappeler la référence {ctx.dossier} sur chacun de vos envois."),
        ctx.para(ctx.politeness()),
    ])


@_wording("documents_request", "dr_w2")
def _dr_formal_notice(ctx: _Ctx) -> _Body:
    ctx.within(days=30)  # "à compter de la réception de ce courrier": counted from its date
    return _Body(f"Objet : mise en demeure - dossier n° {ctx.dossier}", [
        ctx.para(ctx.salutation()),
        ctx.para(f"Par courrier du {fr_date(ctx.earlier(60, 120))}, nous vous avons demandé de compléter "
                 f"votre dossier. À ce jour, nous n'avons pas reçu les documents demandés."),
        ctx.para("Nous vous mettons en demeure de nous faire parvenir, dans un délai de 30 jours à compter "
                 "de la réception de ce courrier :"),
        ctx.items(ctx.docs(1, 3)),
        ctx.para("Sans réponse de votre part, le versement de vos prestations sera suspendu, conformément à "
                 "la réglementation en vigueur."),
        ctx.para(ctx.politeness()),
    ])


@_wording("documents_request", "dr_w3")
def _dr_checklist_table(ctx: _Ctx) -> _Body:
    docs = ["Passeport", "Acte de naissance intégral", "Traduction assermentée", "Contrat de travail",
            "Bulletins de salaire", "RIB", "Titre de séjour"]
    chosen = ctx.rng.sample(docs, 5)
    states = ["Manquant", "Non conforme"] + [ctx.rng.choice(("Reçu", "Reçu", "Manquant")) for _ in range(3)]
    ctx.rng.shuffle(states)
    kinds = {"Passeport": "passport", "Acte de naissance intégral": "birth_certificate",
             "Traduction assermentée": "sworn_translation", "Contrat de travail": "employment_contract",
             "Bulletins de salaire": "payslips", "RIB": "rib", "Titre de séjour": "residence_permit"}
    ctx.asked += [kinds[doc] for doc, state in zip(chosen, states, strict=True) if state != "Reçu"]
    ctx.within(days=15)
    rows = [["Pièce justificative", "Situation"]]
    rows += [[doc, state] for doc, state in zip(chosen, states, strict=True)]
    return _Body("Objet : votre demande d'ouverture des droits", [
        ctx.para(ctx.salutation()),
        ctx.para(f"Nous avons bien reçu votre demande d'ouverture des droits à l'assurance maladie "
                 f"(formulaire S1106), transmise par {ctx.employer} (SIRET {ctx.siret})."),
        ctx.para("Après examen, votre dossier est incomplet. Voici la situation des pièces justificatives :"),
        ctx.table(rows, header=True),
        ctx.para("Merci de nous transmettre les pièces manquantes ou non conformes dans les 15 jours, en "
                 "rappelant votre numéro de dossier sur chaque document."),
        ctx.para(ctx.politeness()),
    ], refs=[("N° de dossier", ctx.dossier)])


@_wording("documents_request", "dr_w4")
def _dr_eu_national(ctx: _Ctx) -> _Body:
    nir = ctx.show(ctx.number(ctx.rng.choice(("provisional", "abroad"))), None)
    return _Body("Objet : compléter votre dossier", [
        ctx.para(ctx.salutation()),
        ctx.para("Vous êtes ressortissant(e) d'un État membre de l'Union européenne et vous résidez en "
                 "France. Pour étudier vos droits à la prise en charge de vos frais de santé, nous avons "
                 "besoin des documents suivants :"),
        ctx.items(ctx.docs(2, 3, first=(5,)), end="", last=""),
        ctx.para(f"Veuillez nous les adresser avant le {fr_date(ctx.by(ctx.later(25, 35)))}. Vous pouvez aussi les "
                 f"déposer dans votre compte ameli, rubrique « Mes démarches »."),
        ctx.para(ctx.politeness()),
    ], refs=[("N° de sécurité sociale", nir)])


@_wording("documents_request", "dr_w5")
def _dr_civil_status(ctx: _Ctx) -> _Body:
    value = ctx.number("provisional")
    ctx.tags.add("keyword_other_line")
    ctx.asked += ["birth_certificate", "sworn_translation", "apostille"]
    ctx.within(months=3)
    return _Body("Objet : vérification de votre état civil", [
        ctx.para(ctx.salutation()),
        ctx.para("Le service chargé de la vérification de l'état civil n'a pas pu valider les documents que "
                 "vous nous avez fournis. Pour l'attribution de votre numéro définitif, votre acte de "
                 "naissance doit être :"),
        ctx.items(["une copie intégrale, avec filiation", "traduit en français par un traducteur assermenté",
                   "apostillé ou légalisé, selon le pays qui l'a délivré"]),
        ctx.para("Rappel de votre numéro provisoire :"),
        ctx.para(ctx.show(value, "provisoire"), bold=True),
        ctx.para("Vous disposez d'un délai de 3 mois pour nous transmettre ces pièces. Passé ce délai, une "
                 "mise en demeure vous sera adressée."),
        ctx.para(ctx.politeness()),
    ])


@_wording("documents_request", "dr_w6")
def _dr_ticked_list(ctx: _Ctx) -> _Body:
    wanted = ctx.rng.sample(range(len(DOCUMENTS)), 6)
    ticked = set(ctx.rng.sample(wanted, 3))
    lines = [f"[{'X' if i in ticked else '  '}] {DOCUMENTS[i][0].upper()}{DOCUMENTS[i][1:]}" for i in wanted]
    ctx.asked += [DOCUMENT_KINDS[i] for i in wanted if i in ticked]
    ctx.within(days=30)
    return _Body("Objet : dossier incomplet", [
        ctx.para(ctx.salutation()),
        ctx.para("Pour compléter votre dossier, veuillez nous adresser les documents cochés ci-dessous :"),
        ctx.para(*lines),
        ctx.para(f"Retournez-les sous 30 jours avec une copie de ce courrier à l'adresse suivante : "
                 f"{ctx.caisse.name}, {ctx.caisse.postal}."),
        ctx.para("Tout dossier incomplet ne pourra pas être traité."),
        ctx.para(ctx.politeness()),
    ])


# -- carte_vitale_form

_PHOTO_CAPTIONS = (
    ["Collez ici votre", "photo d'identité", "récente (35 x 45 mm)", "Ne pas agrafer"],
    ["Photo d'identité", "à coller ici", "(ne pas agrafer,", "ne pas découper)"],
)
_CERTIFY = (
    "Je certifie sur l'honneur l'exactitude des renseignements portés sur ce formulaire.",
    "Je certifie sur l'honneur l'exactitude des informations ci-dessus.",
)


def _photo_and_signature(ctx: _Ctx) -> list[Block]:
    signature = ["Signature (à l'intérieur du cadre)", f"Date : ___/___/{ctx.date.year}"]
    return [Block("photo_box", lines=ctx.rng.choice(_PHOTO_CAPTIONS), size=ctx.size),
            Block("signature_box", lines=signature, align="right", beside=True, size=ctx.size)]


def _identity(ctx: _Ctx, value: str) -> list[tuple[str, str]]:
    born, _ = ctx.birth(value)
    return [("Nom", ctx.person.last), ("Prénom(s)", ctx.person.first), (f"Né{ctx.e} le", born)]


@_wording("carte_vitale_form", "cv_w1")
def _cv_new_card(ctx: _Ctx) -> _Body:
    value = ctx.number()
    return _Body("", [
        ctx.para("Votre carte Vitale est prête à être fabriquée. Pour la recevoir, vérifiez les informations "
                 "pré-remplies, collez votre photo et signez ce formulaire."),
        ctx.para("Vos informations", bold=True),
        ctx.table([list(pair) for pair in _identity(ctx, value)]),
        ctx.boxes("N° de sécurité sociale :", value, None),
        *_photo_and_signature(ctx),
        ctx.para(_CERTIFY[0]),
        ctx.para("Joignez la photocopie d'une pièce d'identité recto verso (carte nationale d'identité, "
                 "passeport ou titre de séjour) et retournez ce formulaire dans l'enveloppe jointe, sans "
                 "l'affranchir."),
    ], title="Ma nouvelle carte Vitale", closing=False)


@_wording("carte_vitale_form", "cv_w2")
def _cv_steps_plain(ctx: _Ctx) -> _Body:
    nir = ctx.show(ctx.number(), None)
    steps = ["Vérifiez les informations pré-remplies ci-dessous.",
             "Collez une photo d'identité récente dans le cadre prévu.", "Datez et signez le formulaire.",
             "Joignez la photocopie recto verso de votre pièce d'identité.",
             "Retournez le tout dans l'enveloppe T jointe."]
    return _Body("Objet : votre demande de carte Vitale", [
        ctx.para(ctx.salutation()),
        ctx.para(f"Vous êtes désormais immatriculé{ctx.e} à l'Assurance Maladie : vous pouvez obtenir votre "
                 f"carte Vitale. Pour la recevoir, suivez ces étapes :"),
        ctx.para(*[f"{i}. {step}" for i, step in enumerate(steps, 1)]),
        ctx.para(ctx.person.short, f"Votre numéro de sécurité sociale : {nir}"),
        *_photo_and_signature(ctx),
        ctx.para(_CERTIFY[1]),
    ])


@_wording("carte_vitale_form", "cv_w3")
def _cv_definitive_boxes(ctx: _Ctx) -> _Body:
    value = ctx.number()
    ctx.tags.add("keyword_other_line")
    return _Body("", [
        ctx.para("Votre numéro de sécurité sociale définitif vous a été attribué. Il est pré-imprimé "
                 "ci-dessous : vérifiez-le avant de nous retourner ce formulaire."),
        ctx.boxes("", value, "definitif"),
        ctx.para(*(f"{label} : {data}" for label, data in _identity(ctx, value))),
        ctx.para(f"Si une information est inexacte, ne corrigez pas ce formulaire : appelez le {ctx.phone}."),
        *_photo_and_signature(ctx),
        ctx.para(_CERTIFY[0]),
        ctx.para("Pièce à joindre : photocopie recto verso de votre titre de séjour, passeport ou carte "
                 "d'identité. Renvoyez ce formulaire dans l'enveloppe jointe."),
    ], title="Demande de carte Vitale", closing=False)


@_wording("carte_vitale_form", "cv_w4")
def _cv_numbered_sections(ctx: _Ctx) -> _Body:
    value = ctx.number()
    photo, signature = _photo_and_signature(ctx)
    signature.beside, signature.align = False, "left"
    return _Body("", [
        ctx.para("1 - Vérifiez vos informations", bold=True),
        ctx.para(*(f"{label} : {data}" for label, data in _identity(ctx, value))),
        ctx.boxes("Numéro d'immatriculation", value, None),
        ctx.para("2 - Collez votre photo", bold=True),
        photo,
        ctx.para("Votre photo doit être récente, de face, tête nue, sur fond clair et uni."),
        ctx.para("3 - Signez", bold=True),
        signature,
        ctx.para(_CERTIFY[1]),
        ctx.para("4 - Joignez une pièce d'identité", bold=True),
        ctx.para(f"Photocopie recto verso de votre carte d'identité, passeport ou titre de séjour en cours "
                 f"de validité. Retournez ce formulaire dans l'enveloppe jointe avant le "
                 f"{fr_date(ctx.by(ctx.later()))}."),
    ], title="Formulaire de demande de carte Vitale", closing=False)


@_wording("carte_vitale_form", "cv_w5")
def _cv_reminder(ctx: _Ctx) -> _Body:
    nir = ctx.show(ctx.number(), None, style=ctx.rng.choice(("compact", "grouped")))
    return _Body("Objet : relance - votre carte Vitale", [
        ctx.para(ctx.salutation()),
        ctx.para(f"Le {fr_date(ctx.earlier(30, 90))}, nous vous avons adressé un formulaire pour obtenir "
                 f"votre carte Vitale. À ce jour, nous ne l'avons pas reçu."),
        ctx.para("Nous vous en adressons un nouvel exemplaire, pré-rempli à votre nom :"),
        ctx.para(f"{ctx.person.short} - N° {nir}", bold=True),
        ctx.para("Collez votre photo d'identité, signez dans le cadre, joignez la copie d'une pièce "
                 "d'identité et retournez ce formulaire dans l'enveloppe jointe."),
        *_photo_and_signature(ctx),
        ctx.para(_CERTIFY[1]),
        ctx.para("Vous pouvez aussi faire votre demande en ligne depuis votre compte ameli, rubrique « Mes "
                 "démarches »."),
    ])


# -- other


def _organisation_code(ctx: _Ctx) -> str:
    return f"01 {ctx.caisse.code} {ctx.rng.randint(1, 9999):04d}"


def _rights_period(ctx: _Ctx) -> tuple[str, str]:
    start = ctx.earlier(0, 40)
    return num_date(start), num_date(start + dt.timedelta(days=364))


@_wording("other", "ot_w1")
def _ot_provisional_attestation(ctx: _Ctx) -> _Body:
    nir = ctx.show(ctx.number("provisional"), None)
    ctx.tags.add("attestation_provisoire")
    start, end = _rights_period(ctx)
    rows = [["Assuré(e)", ctx.person.short], ["Numéro de sécurité sociale", nir],
            ["Organisme de rattachement", f"{_organisation_code(ctx)} - {ctx.caisse.name}"],
            ["Régime", "Régime général"], ["Droits ouverts", f"du {start} au {end}"]]
    return _Body("", [
        ctx.para(f"Attestation délivrée le {num_date(ctx.date)}"),
        ctx.table(rows),
        ctx.para("Cette attestation provisoire vous permet de justifier de vos droits auprès des "
                 "professionnels de santé, dans l'attente de votre carte Vitale."),
        ctx.para("Elle est valable pour la période indiquée ci-dessus. Présentez-la avec une pièce "
                 "d'identité."),
    ], title="Attestation provisoire de droits à l'assurance maladie", closing=False)


_CARES = (("Consultation médecin généraliste", 30.0, 0.7), ("Pharmacie", 18.4, 0.65),
          ("Analyses de laboratoire", 42.3, 0.6), ("Kinésithérapie", 16.13, 0.6), ("Radiologie", 25.0, 0.7),
          ("Consultation chirurgien-dentiste", 30.0, 0.7))


@_wording("other", "ot_w2")
def _ot_statement(ctx: _Ctx) -> _Body:
    nir = ctx.show(ctx.number(), None)
    first_day = (ctx.date.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    rows = [["Date des soins", "Nature des soins", "Montant payé", "Remboursé"]]
    total = 0.0
    for day, (nature, paid, rate) in sorted(zip(ctx.rng.sample(range(1, 29), 4), ctx.rng.sample(_CARES, 4),
                                                strict=True)):
        refund = round(paid * rate - (2.0 if "Consultation" in nature else 0.0), 2)
        total += refund
        rows.append([num_date(first_day.replace(day=day)), nature, euros(paid), euros(refund)])
    rows.append(["", "Total remboursé", "", euros(total)])
    month = f"{MONTHS[first_day.month - 1]} {first_day.year}"
    return _Body(f"Objet : relevé de vos remboursements - {month}", [
        ctx.para(f"Assuré(e) : {ctx.person.short}", f"N° de sécurité sociale : {nir}"),
        ctx.para(f"Voici le détail des remboursements effectués en {month} :"),
        ctx.table(rows, header=True),
        ctx.para(f"Ces remboursements ont été versés par virement sur le compte {ctx.iban}."),
        ctx.para("La participation forfaitaire de 2 € par consultation a été déduite. Conservez ce relevé : "
                 "il peut vous être demandé par votre complémentaire santé."),
    ], title="Relevé de remboursements")


@_wording("other", "ot_w3")
def _ot_ameli_code(ctx: _Ctx) -> _Body:
    nir = ctx.show(ctx.number(), None)
    ctx.tags.add("code_provisoire")
    code = "".join(ctx.rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(8))
    postcode = ctx.person.address[-1].split()[0]
    return _Body("Objet : votre code provisoire pour créer votre compte ameli", [
        ctx.para(ctx.salutation()),
        ctx.para("Vous avez demandé à créer votre compte ameli. Voici votre code provisoire, valable "
                 "12 semaines :"),
        ctx.para(f"{code[:4]}-{code[4:]}", bold=True, align="center"),
        ctx.para("Pour activer votre compte, rendez-vous sur ameli.fr, rubrique « Créer mon compte », et "
                 "saisissez :"),
        ctx.items([f"votre numéro de sécurité sociale : {nir}", f"votre code postal : {postcode}",
                   "ce code provisoire"], end="", last=""),
        ctx.para("Vous choisirez ensuite votre mot de passe définitif. Ne communiquez jamais ce code : "
                 "l'Assurance Maladie ne vous le demandera jamais par téléphone ou par courriel."),
        ctx.para(ctx.politeness()),
    ])


@_wording("other", "ot_w4")
def _ot_gp(ctx: _Ctx) -> _Body:
    insured = f"Assuré(e) : {ctx.person.short}"
    if ctx.rng.random() < 0.6:
        insured += f" - N° de sécurité sociale {ctx.show(ctx.number(), None)}"
    return _Body("Objet : déclaration de choix du médecin traitant", [
        ctx.para(ctx.salutation()),
        ctx.para("Nous avons bien enregistré la déclaration de choix de votre médecin traitant :"),
        ctx.para(f"{ctx.rng.choice(DOCTORS)}, médecin généraliste",
                 f"Date d'effet : {fr_date(ctx.earlier(5, 30))}", insured),
        ctx.para(f"Respecter le parcours de soins coordonnés vous permet d'être mieux remboursé{ctx.e} : en "
                 f"dehors de ce parcours, le remboursement de vos consultations est minoré."),
        ctx.para("Vous pouvez changer de médecin traitant à tout moment, en remplissant une nouvelle "
                 "déclaration avec le médecin de votre choix."),
        ctx.para(ctx.politeness()),
    ])


@_wording("other", "ot_w5")
def _ot_c2s(ctx: _Ctx) -> _Body:
    value = ctx.number()
    born, _ = ctx.birth(value)
    start, end = _rights_period(ctx)
    fee = euros(ctx.rng.choice((8, 14, 21, 25, 30)))
    share = ctx.rng.choice(("sans participation financière",
                            f"avec une participation financière de {fee} par mois"))
    blocks = [
        ctx.para(ctx.salutation()),
        ctx.para(f"Suite à votre demande du {fr_date(ctx.earlier(20, 60))}, nous avons le plaisir de vous "
                 f"informer que vous bénéficiez de la Complémentaire santé solidaire {share}."),
        ctx.table([["Bénéficiaire", "Né(e) le", "Droits du", "au"],
                   [f"{ctx.person.first} {ctx.person.last}", born, start, end]], header=True),
        ctx.para("Votre droit est ouvert pour un an. Pensez à renouveler votre demande 2 mois avant la date "
                 "d'échéance."),
        ctx.para(ctx.politeness()),
    ]
    if ctx.rng.random() < 0.7:
        blocks.insert(3, ctx.para(f"N° de sécurité sociale de l'assuré(e) : {ctx.show(value, None)}"))
    return _Body("Objet : votre Complémentaire santé solidaire", blocks)


@_wording("other", "ot_w6")
def _ot_attestation(ctx: _Ctx) -> _Body:
    value = ctx.number()
    born, _ = ctx.birth(value)
    start, end = _rights_period(ctx)
    return _Body("", [
        ctx.para(f"Bénéficiaire : {ctx.person.first} {ctx.person.last}, né{ctx.e} le {born}",
                 f"Numéro de sécurité sociale : {ctx.show(value, None)}",
                 f"Code organisme : {_organisation_code(ctx)}"),
        ctx.para(f"Nature de l'assurance : maladie - droits du {start} au {end}",
                 "Exonération du ticket modérateur : non",
                 f"Médecin traitant déclaré : {ctx.rng.choice(('oui', 'non'))}"),
        ctx.para("Cette attestation justifie de vos droits à l'assurance maladie. Vous pouvez la télécharger "
                 "à tout moment depuis votre compte ameli."),
        ctx.para(f"Fait à {ctx.caisse.city}, le {fr_date(ctx.date)}."),
    ], title="Attestation de droits à l'assurance maladie", closing=False)


WORDINGS: dict[str, tuple[str, ...]] = {letter_type: tuple(names) for letter_type, names in _WORDINGS.items()}


# ---- Layouts: where the frame (sender, recipient, date, references, signature, footer) goes ------------


@dataclass
class _Frame:
    """The parts every letter has around its body, already worded."""

    logo: list[str]
    sender: list[str]
    recipient: list[str]
    date: str
    date_value: str
    refs: list[tuple[str, str]]
    signature: list[str]
    footer: list[str]


def _frame(ctx: _Ctx, body: _Body) -> _Frame:
    rng, caisse = ctx.rng, ctx.caisse
    service = rng.choice(("Service Immatriculation", "Service Relations Assurés", "Pôle Gestion des droits"))
    refs = [("Nos réf.", ctx.ref)]
    if rng.random() < 0.5 and ("N° de dossier", ctx.dossier) not in body.refs:
        refs.append(("N° de dossier", ctx.dossier))
    if rng.random() < 0.5:
        refs.append(("Dossier suivi par", ctx.agent))
    if rng.random() < 0.3:
        refs.append(("Employeur", f"{ctx.employer} - SIRET {ctx.siret}"))
    footer = [f"ameli.fr - {ctx.phone} (service gratuit + prix appel), du lundi au vendredi de 8h30 à 17h30"]
    if rng.random() < 0.4:
        footer.append(f"{caisse.name} - organisme de droit privé chargé d'une mission de service public - "
                      f"SIRET {make_siret(rng)}")
    when = fr_date(ctx.date)
    return _Frame(
        logo=["l'Assurance Maladie", rng.choice(("Agir ensemble, protéger chacun",
                                                 "Caisse primaire d'assurance maladie"))],
        sender=[caisse.name, service, f"CS {rng.randint(1, 9) * 10000 + rng.randint(1, 999)}", caisse.postal,
                f"Tél. : {ctx.phone}"],
        recipient=[ctx.person.short, *ctx.person.address],
        date=rng.choice((f"{caisse.city}, le {when}", f"Le {num_date(ctx.date)}", f"Date : {when}",
                         f"Fait à {caisse.city}, le {when}")),
        date_value=rng.choice((when, num_date(ctx.date))),
        refs=refs + body.refs,
        signature=rng.choice((["Le Directeur"], ["Votre conseiller", service],
                              ["Pour le Directeur et par délégation,", f"Le Responsable du {service}"],
                              ["Votre caisse d'Assurance Maladie"])),
        footer=footer,
    )


def _body_blocks(ctx: _Ctx, body: _Body, frame: _Frame, signature_align: str) -> list[Block]:
    blocks = [ctx.para(body.title, bold=True, align="center", size=ctx.size + 3)] if body.title else []
    blocks += [ctx.para(body.subject, bold=True)] if body.subject else []
    blocks += body.blocks
    if body.closing:
        blocks.append(ctx.para(*frame.signature, align=signature_align))
    return blocks


def _beside(block: Block) -> Block:
    """The block, set at the height of the previous one (two columns)."""
    block.beside = True
    return block


def _ref_lines(frame: _Frame) -> list[str]:
    return [f"{label} : {value}" for label, value in frame.refs]


def _logo(ctx: _Ctx, frame: _Frame, align: str = "left") -> Block:
    return ctx.para(*frame.logo, bold=True, align=align, size=ctx.size + 4)


def _footer(ctx: _Ctx, lines: list[str]) -> Block:
    return Block("text", lines=lines, align="center", size=max(ctx.size - 3, 7.0), bottom=True)


def _layout_classic(ctx: _Ctx, body: _Body, frame: _Frame) -> list[Block]:
    return [
        _logo(ctx, frame),
        ctx.para(*frame.sender, size=ctx.size - 1),
        _beside(ctx.para(*frame.recipient, align="right")),
        ctx.para(*_ref_lines(frame), size=ctx.size - 1),
        ctx.para(frame.date, align="right"),
        *_body_blocks(ctx, body, frame, "right"),
        _footer(ctx, frame.footer),
    ]


def _layout_table(ctx: _Ctx, body: _Body, frame: _Frame) -> list[Block]:
    rows = [["Date", frame.date_value], *([label, value] for label, value in frame.refs)]
    return [
        _logo(ctx, frame, "center"),
        ctx.para(" - ".join(frame.sender[:2]), " - ".join(frame.sender[2:]), size=ctx.size - 1),
        ctx.para(*frame.recipient, align="right"),
        ctx.table(rows),
        *_body_blocks(ctx, body, frame, "left"),
        _footer(ctx, frame.footer),
    ]


def _layout_compact(ctx: _Ctx, body: _Body, frame: _Frame) -> list[Block]:
    refs = _ref_lines(frame)
    return [
        ctx.para(" - ".join([frame.logo[0], *frame.sender]), bold=True, size=ctx.size - 1),
        ctx.para(*frame.recipient),
        ctx.para(f"{frame.date} - {refs[0]}", *refs[1:], size=ctx.size - 1),
        *_body_blocks(ctx, body, frame, "left"),
        _footer(ctx, frame.footer),
    ]


def _layout_footer_sender(ctx: _Ctx, body: _Body, frame: _Frame) -> list[Block]:
    return [
        _logo(ctx, frame),
        ctx.para(*frame.recipient, align="right"),
        ctx.para(frame.date),
        _beside(ctx.para(*_ref_lines(frame), size=ctx.size - 1, align="right")),
        *_body_blocks(ctx, body, frame, "right"),
        _footer(ctx, [" - ".join(frame.sender), *frame.footer]),
    ]


_LAYOUT_FUNCTIONS: dict[str, Callable[[_Ctx, _Body, _Frame], list[Block]]] = {
    "classic": _layout_classic,
    "table": _layout_table,
    "compact": _layout_compact,
    "footer_sender": _layout_footer_sender,
}


# ---- Putting it together -------------------------------------------------------------------------------


def _derived_tags(ctx: _Ctx, blocks: list[Block], nir: str | None, text: str) -> list[str]:
    """Tags read from the finished letter, so they cannot drift from its content."""
    cells = [cell for block in blocks if block.kind == "table" for row in block.rows for cell in row]
    lowered = text.lower()
    place = nir[5:7] if nir else ""
    found = {
        "table": any(form in cell for form in ctx.printed for cell in cells),
        "two_numbers": len(ctx.numbers) >= 2,
        "no_number": not ctx.numbers,
        "wrong_key": bool(nir) and not stdnir.is_valid(nir),
        "both_keywords": "définiti" in lowered and "provisoire" in lowered,
        "born_abroad": place == "99",
        "corsica": place in CORSICA,
        "overseas": place == "97",
        "pseudo_month": bool(nir) and int(nir[3:5]) > 12,
    }
    return sorted(ctx.tags | {tag for tag, present in found.items() if present})


def _build(rng: random.Random, letter_type: str, wording: str, layout: str, letter_id: str,
           wrong_key: bool) -> tuple[Letter, list[str]]:
    font = rng.choice(FONTS)
    sizes = (9.0, 9.5, 10.0, 10.5) if font == "Courier" else (9.5, 10.0, 10.5, 11.0, 11.5, 12.0)
    font_size = rng.choice(sizes)
    ctx = _Ctx(rng, font_size, wrong_key)
    body = _WORDINGS[letter_type][wording](ctx)
    blocks = _LAYOUT_FUNCTIONS[layout](ctx, body, _frame(ctx, body))
    nir = ctx.main if any(number["value"] == ctx.main for number in ctx.numbers) else None
    letter = Letter(
        id=letter_id, letter_type=letter_type, wording=wording, layout=layout, font=font, font_size=font_size,
        blocks=blocks, nir=nir, nir_status=ctx.main_status if nir else None,
        nir_valid=stdnir.is_valid(nir) if nir else None, numbers=ctx.numbers, tags=[], printed=ctx.printed,
        documents=list(ctx.asked), letter_date=ctx.date.isoformat(),
        deadline=ctx.due.isoformat() if ctx.due else None, caisse=ctx.caisse.name,
    )
    text = letter.text()
    letter.reference = ctx.dossier if ctx.dossier in text else ctx.ref
    letter.tags = _derived_tags(ctx, blocks, nir, text)
    text.encode("cp1252")  # raises if a character cannot be drawn with the built-in fonts
    return letter, accidental_nirs(text, ctx.printed)


def make_letter(rng: random.Random, letter_type: str, *, wording: str | None = None,
                layout: str | None = None, letter_id: str = "letter",
                wrong_key: bool | None = None) -> Letter:
    """A synthetic letter of the given type; wording and layout are random when None.

    ``wrong_key`` None means about 5 % of the letters that carry a number print it with a wrong key. A
    letter whose distractors happen to contain a valid-looking number is drawn again from the same ``rng``,
    so the result stays deterministic.
    """
    if letter_type not in LETTER_TYPES:
        raise ValueError(f"unknown letter type {letter_type!r}; expected one of {LETTER_TYPES}")
    wording = wording or rng.choice(WORDINGS[letter_type])
    layout = layout or rng.choice(LAYOUTS)
    if wording not in _WORDINGS[letter_type] or layout not in LAYOUTS:
        raise ValueError(f"unknown wording {wording!r} for {letter_type} or layout {layout!r}; expected one "
                         f"of {WORDINGS[letter_type]} and {LAYOUTS}")
    if wrong_key is None:
        wrong_key = rng.random() < WRONG_KEY_RATE
    for _ in range(50):
        letter, accidents = _build(rng, letter_type, wording, layout, letter_id, wrong_key)
        if not accidents:
            return letter
    raise RuntimeError(f"could not draw letter {letter_id} without an accidental valid number")
