"""Public NIR test vectors, and the NIR rules, run against ``cpam_reader.number.nir``.

The table is ``tests/data/nir_vectors.json``: each vector names its public source (repository, path, commit,
test name), what the publisher said of it (``published_as``) and what *our* rules say (``expected_valid``).
Where the two differ, ``comment`` says why. Sources:

- python-stdnum ``stdnum/fr/nir.py`` docstring (python-stdnum has no ``tests/test_fr_nir.doctest``: it is
  neither in the 2.2 sdist nor in the repository) and one vector of its TypeScript port;
- the Assurance Maladie's ``nir-validation`` (PHP): NIR, NIR-key, NNP and MIG specs, README;
- the Assurance Maladie's ``design-system-v3`` NirField (which cites nir-validation) and its starter kit demo;
- the specimen number of the public sample carte Vitale.

Every key was recomputed with ``stdnum.fr.nir.calc_check_digits`` (independently of the module under test):
three examples published as valid carry a wrong key, listed in ``PUBLISHED_WRONG_KEYS``.

The rules (cpam_reader.number.nir): first digit 1/2, or 3/4/7/8 for a provisional number (5/6, the MIG numbers, are
refused); month 01-12 or pseudo-month 20-42 / 50-99; department 01-95, 2A, 2B, 20, 96, overseas 971-989
(positions 6-8) with a 2-digit commune, or 99 + a country code starting 1-5; order 001-999; key 01-97 matching
``97 - N mod 97`` (2A -> 19, 2B -> 18 at positions 6-7 only). A 13-character number is accepted and gets its
key.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from stdnum import exceptions as stdnum_exceptions
from stdnum.exceptions import ValidationError
from stdnum.fr.nir import calc_check_digits as stdnum_key

from cpam_reader.number import nir

DATA = Path(__file__).parent / "data" / "nir_vectors.json"
VECTORS: list[dict[str, Any]] = json.loads(DATA.read_text(encoding="utf-8"))["vectors"]
VALID = [v for v in VECTORS if v["expected_valid"]]
INVALID = [v for v in VECTORS if not v["expected_valid"]]

# Published as valid (or as the example of a valid number) with a key that the rules contradict:
# id -> (published string, published key, key the rules give to its first 13 characters or None if none).
PUBLISHED_WRONG_KEYS: dict[str, tuple[str, str, str | None]] = {
    # nir-validation README.md: "L'exemple suivant montre comment valider un NIR".
    "readme-key-30": ("2 84 05 88 321 025 30", "30", "32"),
    # nir-validation NirKeySpec VALID_NIR_KEYS: '2B' replaced at positions 2-3 (str_replace everywhere).
    "nk-2B-at-pos-2": ("2B34567890123", "78", None),
    # design-system-v3 NirField.mdx hints: a 14-digit "number" and the key of another body.
    "mdx-hint": ("1 84 01 234 567 890 74", "74", "63"),
}


def _compact(number: str) -> str:
    """The table's own compaction, independent of the module under test."""
    return re.sub(r"[\s.\-/]", "", number).upper()


def _ids(vectors: list[dict[str, Any]]) -> list[str]:
    return [v["id"] for v in vectors]


# ----------------------------------------------------------------------------------------------------------
# The table itself (no module involved): keys recomputed with python-stdnum.


def test_table_ids_are_unique_and_every_vector_has_a_source() -> None:
    assert len(set(_ids(VECTORS))) == len(VECTORS)
    for v in VECTORS:
        assert v["source"] and v["published_as"], v["id"]
        assert isinstance(v["expected_valid"], bool), v["id"]


@pytest.mark.parametrize("v", VALID, ids=_ids(VALID))
def test_table_valid_vector_key_is_recomputed(v: dict[str, Any]) -> None:
    """Every valid vector's key, recomputed, equals its printed key (and the table's compact number)."""
    printed = _compact(v["input"])
    assert len(printed) in (13, 15)
    key = stdnum_key(printed[:13])
    assert v["compact"] == printed[:13] + key
    if len(printed) == 15:
        assert printed[13:] == key, f"{v['id']}: printed key {printed[13:]}, recomputed {key}"
    assert v["key_missing"] == (len(printed) == 13)


def test_table_published_keys_hold_except_the_listed_ones() -> None:
    """Keys a source states (in the number, in a key field, in a body => key map) are right, but for three."""
    wrong = []
    for v in VECTORS:
        if v["published_key"] is None:
            continue
        body = _compact(v["input"])[:13]
        try:
            recomputed: str | None = stdnum_key(body)
        except ValueError:  # not digits once 2A/2B at positions 6-7 are replaced: no key exists
            recomputed = None
        if v["published_key_wrong"]:
            wrong.append(v["id"])
        else:
            assert recomputed == v["published_key"], v["id"]
    assert sorted(wrong) == sorted(PUBLISHED_WRONG_KEYS)


@pytest.mark.parametrize("vector_id", sorted(PUBLISHED_WRONG_KEYS))
def test_published_wrong_key_examples(vector_id: str) -> None:
    """The examples published as valid whose key is wrong: listed by name, and refused."""
    printed, published_key, right_key = PUBLISHED_WRONG_KEYS[vector_id]
    v = next(v for v in VECTORS if v["id"] == vector_id)
    assert v["input"] == printed
    assert v["published_key"] == published_key
    assert v["published_key_wrong"] is True
    assert v["expected_valid"] is False
    body = _compact(printed)[:13]
    if right_key is None:
        with pytest.raises(ValueError):
            stdnum_key(body)
    else:
        assert stdnum_key(body) == right_key != published_key
    assert nir.is_valid(printed) is False
    with pytest.raises(ValidationError):
        nir.validate(printed)


# ----------------------------------------------------------------------------------------------------------
# The module against the table.


@pytest.mark.parametrize("v", VECTORS, ids=_ids(VECTORS))
def test_is_valid(v: dict[str, Any]) -> None:
    assert nir.is_valid(v["input"]) is v["expected_valid"], v["comment"]


@pytest.mark.parametrize("v", VALID, ids=_ids(VALID))
def test_validate_returns_compact_15(v: dict[str, Any]) -> None:
    assert nir.validate(v["input"]) == v["compact"]


@pytest.mark.parametrize("v", VALID, ids=_ids(VALID))
def test_parse(v: dict[str, Any]) -> None:
    parts = nir.parse(v["input"])
    assert parts.number == v["compact"]
    assert parts.key == v["compact"][13:]
    assert parts.key_missing is v["key_missing"]
    assert parts.sex == v["sex"]
    assert parts.provisional is v["provisional"]
    assert parts.place_kind == v["place_kind"]
    assert parts.department == v["department"]
    assert parts.country_code == v["country_code"]
    assert parts.specimen is v["specimen"]


@pytest.mark.parametrize("v", INVALID, ids=_ids(INVALID))
def test_invalid_raises(v: dict[str, Any]) -> None:
    expected = getattr(stdnum_exceptions, v["expected_error"]) if v["expected_error"] else ValidationError
    with pytest.raises(expected):
        nir.validate(v["input"])
    with pytest.raises(expected):
        nir.parse(v["input"])


FORMATTED = [v for v in VECTORS if v["format"]]


@pytest.mark.parametrize("v", FORMATTED, ids=_ids(FORMATTED))
def test_format_gives_the_published_grouping(v: dict[str, Any]) -> None:
    assert nir.format(v["compact"]) == v["format"]
    assert nir.format(v["input"]) == v["format"]


@pytest.mark.parametrize("v", VALID, ids=_ids(VALID))
def test_calc_check_digits_matches_stdnum(v: dict[str, Any]) -> None:
    assert nir.calc_check_digits(v["compact"][:13]) == v["compact"][13:]
    assert nir.calc_check_digits(v["compact"]) == v["compact"][13:]


# ----------------------------------------------------------------------------------------------------------
# The rules, one field at a time, on the public body 2 84 05 88 321 025 (nir-validation's own example).

BASE = "2840588321025"  # 2 84 05 88 321 025, key 32


def _with_key(body: str) -> str:
    return body + stdnum_key(body)


def _months() -> list[tuple[str, bool]]:
    good = {*range(1, 13), *range(20, 43), *range(50, 100)}
    return [(f"{m:02d}", m in good) for m in range(100)]


@pytest.mark.parametrize(("month", "ok"), _months(), ids=[m for m, _ in _months()])
def test_rule_month(month: str, ok: bool) -> None:
    number = _with_key(BASE[:3] + month + BASE[5:])
    assert nir.is_valid(number) is ok
    assert nir.is_valid(number[:13]) is ok
    if not ok:
        with pytest.raises(stdnum_exceptions.InvalidComponent):
            nir.validate(number)


@pytest.mark.parametrize(
    ("month", "expected"),
    [
        ("01", "01"),
        ("05", "05"),
        ("12", "12"),
        ("20", "unknown"),
        ("30", "unknown"),
        ("50", "unknown"),
        ("99", "unknown"),
    ],
)
def test_rule_month_parsed(month: str, expected: str) -> None:
    # 31-42 (record incomplete, month known) may be decoded or not: not asserted.
    assert nir.parse(_with_key(BASE[:3] + month + BASE[5:])).month == expected


@pytest.mark.parametrize("sex", "0123456789")
def test_rule_first_digit(sex: str) -> None:
    number = _with_key(sex + BASE[1:])
    ok = sex in "123478"
    assert nir.is_valid(number) is ok
    if ok:
        parts = nir.parse(number)
        assert parts.provisional is (sex in "3478")
        assert parts.sex == ("M" if sex in "137" else "F")
    else:
        with pytest.raises(stdnum_exceptions.InvalidComponent):
            nir.validate(number)


PLACES = [
    # (positions 6-10, valid, place_kind, department, country_code, commune)
    ("00321", False, None, None, None, None),
    ("01321", True, "department", "01", None, "321"),
    ("19321", True, "department", "19", None, "321"),
    ("20321", True, "department", "20", None, "321"),  # Corsica before 1976
    ("2A321", True, "department", "2A", None, "321"),
    ("2B321", True, "department", "2B", None, "321"),
    ("95321", True, "department", "95", None, "321"),
    ("96321", True, "department", "96", None, "321"),  # Tunisia before independence
    ("97121", True, "overseas", "971", None, "21"),
    ("97421", True, "overseas", "974", None, "21"),
    ("97621", True, "overseas", "976", None, "21"),
    ("98921", True, "overseas", "989", None, "21"),
    ("97021", False, None, None, None, None),
    ("99109", True, "abroad", "99", "109", None),  # Germany
    ("99350", True, "abroad", "99", "350", None),  # Morocco
    ("99513", True, "abroad", "99", "513", None),  # Oceania
    ("99009", False, None, None, None, None),
    ("99609", False, None, None, None, None),
]


@pytest.mark.parametrize(("place", "ok", "kind", "dept", "country", "commune"), PLACES, ids=[p[0] for p in PLACES])
def test_rule_place(place: str, ok: bool, kind: str, dept: str, country: str | None, commune: str | None) -> None:
    number = _with_key(BASE[:5] + place + BASE[10:])
    assert nir.is_valid(number) is ok
    if ok:
        parts = nir.parse(number)
        assert (parts.place_kind, parts.department, parts.country_code, parts.commune) == (
            kind,
            dept,
            country,
            commune,
        )
    else:
        with pytest.raises(stdnum_exceptions.InvalidComponent):
            nir.validate(number)


@pytest.mark.parametrize("place", ["2C321", "A2321", "B2321", "3A321", "2AB21", "1B321"])
def test_rule_letters_only_2a_2b_at_positions_6_7(place: str) -> None:
    body = BASE[:5] + place + BASE[10:]
    for number in (body, body + "01", body + "52"):
        assert nir.is_valid(number) is False
        with pytest.raises(stdnum_exceptions.InvalidFormat):
            nir.validate(number)


@pytest.mark.parametrize(("order", "ok"), [("000", False), ("001", True), ("500", True), ("999", True)])
def test_rule_order(order: str, ok: bool) -> None:
    number = _with_key(BASE[:10] + order)
    assert nir.is_valid(number) is ok
    if not ok:
        with pytest.raises(stdnum_exceptions.InvalidComponent):
            nir.validate(number)


@pytest.mark.parametrize("key", ["00", "98", "99"])
def test_rule_key_never_valid(key: str) -> None:
    assert nir.is_valid(BASE + key) is False
    with pytest.raises(ValidationError):
        nir.validate(BASE + key)


@pytest.mark.parametrize(("body", "key"), [("2840588321057", "97"), ("2840588321056", "01")])
def test_rule_key_bounds(body: str, key: str) -> None:
    assert nir.calc_check_digits(body) == key
    assert nir.validate(body + key) == body + key
    assert nir.validate(body) == body + key


@pytest.mark.parametrize("wrong", [f"{k:02d}" for k in range(1, 98) if f"{k:02d}" != "32"])
def test_rule_every_other_key_is_refused(wrong: str) -> None:
    with pytest.raises(stdnum_exceptions.InvalidChecksum):
        nir.validate(BASE + wrong)


@pytest.mark.parametrize(
    "printed",
    [
        "2 84 05 88 321 025 32",
        "284058832102532",
        "2.84.05.88.321.025.32",
        "2-84-05-88-321-025-32",
        "2/84/05/88/321/025/32",
        "  2 84 05 88 321 025 32  ",
        "2 84 05 88 321 025 / 32",
        "2 84 05 88 321 025 - 32",
        "2840588321025 32",
        "2\t84 05\u00a088 321 025 32",
    ],
)
def test_separators(printed: str) -> None:
    assert nir.compact(printed) == "284058832102532"
    assert nir.validate(printed) == "284058832102532"


@pytest.mark.parametrize(
    "junk",
    [
        None,
        "",
        " ",
        "３",
        "٣",
        "😴",
        "２８４０５８８３２１０２５３２",
        "28405883210253٢",
        "284058832102532\x00",
        "2840588321025322",
        "28405883210",
        "2 84 05 88 321 025 3",
    ],
)
def test_junk_is_not_valid_and_never_raises(junk: str | None) -> None:
    assert nir.is_valid(junk) is False


@pytest.mark.parametrize("other", [284058832102532, b"284058832102532", ["284058832102532"], 3.5, object()])
def test_is_valid_never_raises_on_other_types(other: object) -> None:
    assert isinstance(nir.is_valid(other), bool)


@pytest.mark.parametrize("junk", ["３", "٣", "😴", "２８４０５８８３２１０２５３２", "28405883210253٢"])
def test_non_ascii_digits_do_not_count(junk: str) -> None:
    with pytest.raises(ValidationError):
        nir.validate(junk)
