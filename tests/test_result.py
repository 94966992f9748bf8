"""The one result type: what ``to_dict`` writes, ``from_dict`` reads back unchanged (results travel as JSON)."""

from __future__ import annotations

import json

import pytest

from cpam_reader import read_letter
from cpam_reader.base import errors
from cpam_reader.base.facts import DocumentKind, Extraction, NirParts
from cpam_reader.base.result import LetterResult, NoticeCode, NumberWarning, ReviewReason, StepCode
from tests.conftest import fixture_letters


@pytest.mark.parametrize("path", fixture_letters(".pdf"), ids=lambda p: p.name)
def test_a_result_survives_a_trip_through_json(path) -> None:
    result = read_letter(path)
    data = json.loads(json.dumps(result.to_dict()))
    back = LetterResult.from_dict(data)
    assert back.to_dict() == result.to_dict()
    assert back.nir_status == result.nir_status and back.letter_type == result.letter_type


@pytest.mark.parametrize("error", [errors.EncryptedPdf(), errors.DocumentTimeout("slow"), errors.InternalError()])
def test_a_failed_result_keeps_its_error_class_and_message(error: errors.CpamReaderError) -> None:
    back = LetterResult.from_dict(json.loads(json.dumps(LetterResult.failed("a.pdf", error).to_dict())))
    assert type(back.error) is type(error)
    assert back.error is not None and back.error.message == error.message and not back.ok


def test_an_unknown_error_code_is_kept_as_a_plain_error() -> None:
    back = errors.error_from_dict({"code": "from_the_future", "message": "m"})
    assert type(back) is errors.CpamReaderError and back.message == "m"


def _tree(kind: type[errors.CpamReaderError]) -> list[type[errors.CpamReaderError]]:
    return [kind] + [sub for child in kind.__subclasses__() for sub in _tree(child)]


def test_the_error_tree_is_one_tree_with_unique_codes_all_drawn_in_its_docstring() -> None:
    kinds = _tree(errors.CpamReaderError)
    codes = [kind.code for kind in kinds]
    assert len(codes) == len(set(codes)), codes
    # The watch folder's and the journal's errors are in it: the command line turns any of them into exit code 2.
    assert {errors.WatchError, errors.JournalError} <= set(_tree(errors.SetupError))
    drawn = errors.__doc__ or ""
    assert all(kind.__name__ in drawn for kind in kinds[1:]), [k.__name__ for k in kinds if k.__name__ not in drawn]


def test_warning_and_review_codes_are_typed_in_python_and_plain_text_in_json() -> None:
    result = LetterResult(
        source="x.pdf",
        warnings=(NumberWarning.KEY_MISSING, NumberWarning.ONLY_OLD),
        review_reasons=(ReviewReason.DIGITS_UNCHECKED,),
    )
    text = json.dumps(result.to_dict())
    assert '"warnings": ["key_missing", "only_old_number"]' in text
    assert '"review_reasons": ["digits_unchecked"]' in text
    back = LetterResult.from_dict(json.loads(text))
    assert back.warnings == (NumberWarning.KEY_MISSING, NumberWarning.ONLY_OLD)
    assert all(isinstance(code, NumberWarning) for code in back.warnings)
    assert back.review_reasons == (ReviewReason.DIGITS_UNCHECKED,) and isinstance(back.review_reasons[0], ReviewReason)


def test_the_details_extraction_steps_and_notices_come_back_typed() -> None:
    letter = next(path for path in fixture_letters(".pdf") if "dr-" in path.name)
    result = read_letter(letter)
    assert result.extracted.documents, "a documents request lists documents"
    back = LetterResult.from_dict(json.loads(json.dumps(result.to_dict())))
    assert isinstance(back.extracted, Extraction) and back.extracted == result.extracted
    assert all(isinstance(document.kind, DocumentKind) for document in back.extracted.documents)
    assert all(isinstance(step.code, StepCode) for step in back.next_steps) and back.next_steps == result.next_steps
    assert all(isinstance(notice.code, NoticeCode) for notice in back.notices)
    assigned = read_letter(next(path for path in fixture_letters(".pdf") if "na-" in path.name))
    assert isinstance(assigned.nir_details, NirParts) and assigned.nir_details.number == assigned.nir
    assert LetterResult.from_dict(assigned.to_dict()).nir_details == assigned.nir_details
