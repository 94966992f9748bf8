"""The number's rules: formats, parts, junk input, and a property test through the finder."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cpam_reader.base.text import lines_from_text
from cpam_reader.number import nir
from cpam_reader.number.finder import find_numbers

JUNK = [
    None,
    "",
    " ",
    "３",
    "٣",
    "😴",
    "2840588321025３２",
    "２８４０５８８３２１０２５３２",
    "٢٨٤٠٥٨٨٣٢١٠٢٥٣٢",
    12,
    b"284058832102532",
    "x" * 10_000,
    "2A",
    "\x00" * 15,
]


@pytest.mark.parametrize("junk", JUNK)
def test_junk_never_crashes_and_is_never_valid(junk):
    assert nir.is_valid(junk) is False
    if isinstance(junk, str):
        with pytest.raises(nir.ValidationError):
            nir.validate(junk)
        assert isinstance(nir.compact(junk), str)
        assert find_numbers(lines_from_text(junk, 1)) == []


def test_unicode_digits_never_count_in_text():
    text = "Votre numéro définitif : ２ ８４ ０５ ８８ ３２１ ０２５ ３２ et ٢٨٤٠٥٨٨٣٢١٠٢٥٣٢"
    assert find_numbers(lines_from_text(text, 1)) == []


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("284058832102532", True),
        ("184052A32102505", True),  # Corse-du-Sud, 2A counts as 19
        ("184052B32102530", nir.is_valid("184052B32102530")),
        ("184052032102559", False),  # 20 with the 2A key
        ("284208832102578", True),  # pseudo-month 20
        ("284138832102521", False),  # month 13
        ("284438832102521", False),  # month 43
        ("284008832102521", False),  # month 00
        ("584058832102532", False),  # sex digit 5 (MIG) is not accepted
        ("784058832102582", nir.is_valid("784058832102582")),
        ("284050088321025", False),  # department 00
        ("284059700102500", False),  # overseas 970
        ("284059960002567", False),  # abroad, country code starting with 6
        ("284058832100000", False),  # order 000
    ],
)
def test_rules_table(number, expected):
    assert nir.is_valid(number) is expected


def test_key_is_two_digits_and_97_when_multiple():
    # Search a body that is a multiple of 97: its key must be printed 97, never 00.
    body = next(b for b in range(1840588321000, 1840588321999) if b % 97 == 0)
    assert nir.calc_check_digits(str(body)) == "97"
    assert nir.is_valid(f"{body}97")
    assert not nir.is_valid(f"{body}00")


def test_corsica_letters_only_at_positions_6_7():
    assert not nir.is_valid("2A4058832102532")
    assert not nir.is_valid("28405883A102532")


def test_keyless_number_gets_its_key_and_is_flagged():
    assert nir.validate("2 84 05 88 321 025") == "284058832102532"
    assert nir.parse("2 84 05 88 321 025").key_missing is True
    assert nir.parse("2 84 05 88 321 025 32").key_missing is False


def test_specimen_is_flagged():
    parts = nir.parse("2 69 05 49 588 157 80")
    assert parts.specimen and parts.sex == "F" and parts.department == "49"


def test_parse_parts():
    parts = nir.parse("1 85 12 99 109 045 77")
    assert (parts.sex, parts.year, parts.month, parts.place_kind, parts.country_code) == (
        "M",
        "85",
        "12",
        "abroad",
        "109",
    )
    overseas = nir.parse("282059712102567")
    assert (overseas.place_kind, overseas.department, overseas.commune) == ("overseas", "971", "21")
    provisional = nir.parse("8 91 07 971 21 003 59")
    assert provisional.provisional and provisional.sex == "F"


def test_mask_hides_the_birth_details():
    assert "84" not in nir.mask("284058832102532")[:-2]


# --- property: any valid number, printed any usual way inside text, is found and validated back -------------


def _valid_numbers() -> st.SearchStrategy[str]:
    def build(sex, year, month, place, order):
        body = f"{sex}{year:02d}{month:02d}{place}{order:03d}"
        return body + nir.calc_check_digits(body)

    months = st.one_of(st.integers(1, 12), st.integers(20, 42), st.integers(50, 99))
    places = st.one_of(
        st.tuples(st.integers(1, 95).filter(lambda d: d != 20), st.integers(1, 999)).map(
            lambda t: f"{t[0]:02d}{t[1]:03d}"
        ),
        st.tuples(st.sampled_from(["2A", "2B"]), st.integers(1, 999)).map(lambda t: f"{t[0]}{t[1]:03d}"),
        st.tuples(st.sampled_from(["971", "972", "973", "974", "976", "988"]), st.integers(1, 99)).map(
            lambda t: f"{t[0]}{t[1]:02d}"
        ),
        st.integers(100, 599).map(lambda c: f"99{c}"),
    )
    return st.builds(build, st.sampled_from("123478"), st.integers(0, 99), months, places, st.integers(1, 999))


def _printed(number: str, style: str) -> str:
    grouped = nir.format(number)
    return {
        "grouped": grouped,
        "compact": number,
        "dotted": nir.format(number, "."),
        "dashed": nir.format(number, "-"),
        "key_apart": f"{nir.format(number[:13])} clé {number[13:]}",
        "slash_key": f"{nir.format(number[:13])} / {number[13:]}",
        "line_break": " ".join(grouped.split(" ")[:4]) + "\n" + " ".join(grouped.split(" ")[4:]),
        "boxes": " ".join(number),
    }[style]


@settings(max_examples=300, deadline=None)
@given(
    _valid_numbers(),
    st.sampled_from(["grouped", "compact", "dotted", "dashed", "key_apart", "slash_key", "line_break", "boxes"]),
    st.sampled_from(
        [
            "Votre numéro de sécurité sociale : {}.",
            "{}",
            "N° {} — tél. 0 811 36 36 46",
            "SIRET 362 521 879 00034\nNuméro définitif :\n{}\nLyon, le 12/03/2025",
        ]
    ),
)
def test_any_printed_number_is_found_back(number, style, template):
    text = template.format(_printed(number, style))
    found = find_numbers(lines_from_text(text, 1))
    assert [c.value for c in found] == [number]
    assert found[0].valid and not found[0].key_missing
