"""The exchange file, read and matched without a database (section11/exchange.py)."""

import copy
import json

import jsonschema
import pytest

from section11 import exchange, scoring
from section11.exchange import ExchangeFileError, LocalStandard


def _document(**changes) -> dict:
    document = {
        "format": "section11-exchange",
        "format_version": 1,
        "exported_at": "2026-12-07T09:30:00+00:00",
        "partnership": "Northshire Safeguarding Children Partnership",
        "round": {"name": "Section 11 2026-27", "period": "2026-27", "standard_set": {"code": "x", "name": "X"}},
        "agency": {"name": "Northshire Police", "short_name": "Police", "kind": "police"},
        "return": {"status": "submitted", "senior_manager": "Chief Constable", "declared_at": None},
        "standards": [
            {
                "code": "pmf-2019-s1",
                "number": 1,
                "title": "Senior management commitment",
                "rating": "fully_met",
                "na_reason": "",
                "narrative": "The chief officer chairs the board.",
                "no_action_reason": "",
                "criteria": [{"number": 1, "text": "A named senior lead.", "rating": "fully_met", "note": ""}],
                "evidence": [
                    {
                        "name": "Board minutes.pdf",
                        "size": 1200,
                        "sha256": "a" * 64,
                        "content_type": "application/pdf",
                        "description": "",
                    }
                ],
            },
            {
                "number": 2,
                "title": "A clear statement",
                "rating": "not_applicable",
                "na_reason": "We have no staff in contact with children.",
                "narrative": "",
                "evidence": [],
            },
        ],
    }
    document.update(changes)
    return document


def _bytes(document) -> bytes:
    return json.dumps(document).encode()


def _refusal(data: bytes) -> str:
    with pytest.raises(ExchangeFileError) as caught:
        exchange.parse(data)
    message = str(caught.value)
    assert message.startswith("This file is not a Section 11 exchange file: ")
    return message


def test_the_published_schema_is_a_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(exchange.schema())


def test_it_reads_a_good_file():
    assert exchange.parse(_bytes(_document())) == _document()


def test_it_reads_a_file_with_a_byte_order_mark():
    assert exchange.parse(b"\xef\xbb\xbf" + _bytes(_document()))["partnership"].startswith("Northshire")


def test_it_refuses_text_that_is_not_json_and_says_where():
    assert "it is not valid JSON" in _refusal(b'{"format": "section11-exchange",\n "x": }')
    assert "line 2" in _refusal(b'{"format": "section11-exchange",\n "x": }')


def test_it_refuses_a_file_that_is_not_text():
    assert "not a text file in UTF-8" in _refusal(b"\xff\xfe\x00\x81 binary")


def test_it_refuses_a_list():
    assert "a list or a single value" in _refusal(b"[1, 2]")


def test_it_refuses_other_json_without_the_format_marker():
    assert '"format": "section11-exchange"' in _refusal(b'{"indicators": []}')


def test_it_refuses_a_newer_format_version_by_name():
    assert "format version 2; this portal reads version 1" in _refusal(_bytes(_document(format_version=2)))


def test_it_names_a_bad_rating_in_plain_words():
    document = _document()
    document["standards"][1]["rating"] = "mostly"
    message = _refusal(_bytes(document))
    assert "standard entry 2 → rating: 'mostly' is not a rating" in message


def test_it_names_a_missing_entry():
    document = _document()
    del document["standards"][0]["narrative"]
    assert "standard entry 1: narrative is missing" in _refusal(_bytes(document))


def test_it_refuses_a_fingerprint_that_is_not_sha256():
    document = _document()
    document["standards"][0]["evidence"][0]["sha256"] = "abc"
    assert "standard entry 1 → evidence entry 1 → sha256: the SHA-256 must be 64" in _refusal(_bytes(document))


def test_it_refuses_file_contents_in_the_evidence_list():
    document = _document()
    document["standards"][0]["evidence"][0]["bytes"] = "JVBERi0xLjQK"
    assert "evidence entry 1: unknown entries are not allowed ('bytes' was unexpected)" in _refusal(_bytes(document))


def test_it_refuses_a_standard_number_given_twice():
    document = _document()
    document["standards"][1]["number"] = 1
    assert "standard number 1 appears twice" in _refusal(_bytes(document))


def test_it_refuses_not_applicable_without_a_reason():
    document = _document()
    document["standards"][1]["na_reason"] = "  "
    assert "standard entry 2: marked not applicable without a reason" in _refusal(_bytes(document))


def test_it_refuses_a_timestamp_that_is_not_one():
    assert "exported at: not a date and time" in _refusal(_bytes(_document(exported_at="last Tuesday")))


def test_it_lists_at_most_five_problems_and_counts_the_rest():
    document = _document()
    for s in document["standards"]:
        for key in ("title", "rating", "narrative", "na_reason"):
            del s[key]
    assert "(and 3 more)" in _refusal(_bytes(document))


def test_it_refuses_a_file_over_the_size_limit():
    assert "larger than 5 MB" in _refusal(b" " * (exchange.MAX_BYTES + 1))


def test_the_source_names_the_partnership_and_the_round():
    assert exchange.source_label(_document()) == "Northshire Safeguarding Children Partnership, Section 11 2026-27"


# --- matching ---------------------------------------------------------------------------------

LOCAL = [
    LocalStandard(code="pmf-2019-s1", number=1, title="Senior management commitment"),
    LocalStandard(code="pmf-2019-s2", number=2, title="A clear statement"),
    LocalStandard(code="pmf-2019-s3", number=3, title="Accountability"),
]


def _codes(pairs):
    return [(item["number"], local.code) for item, local in pairs]


def test_a_standard_matches_by_code_first():
    pairs, unmatched = exchange.match_standards([{"code": "pmf-2019-s3", "number": 7, "title": "Renamed"}], LOCAL)
    assert _codes(pairs) == [(7, "pmf-2019-s3")] and unmatched == []


def test_without_a_known_code_it_matches_number_and_title_ignoring_case_and_spacing():
    pairs, unmatched = exchange.match_standards(
        [{"code": "other-1", "number": 2, "title": "  a CLEAR   statement. "}], LOCAL
    )
    assert _codes(pairs) == [(2, "pmf-2019-s2")] and unmatched == []


def test_the_same_number_with_another_title_does_not_match():
    item = {"number": 2, "title": "Safer recruitment"}
    pairs, unmatched = exchange.match_standards([item], LOCAL)
    assert pairs == [] and unmatched == [item]


def test_the_same_title_with_another_number_does_not_match():
    item = {"number": 3, "title": "A clear statement"}
    assert exchange.match_standards([item], LOCAL) == ([], [item])


def test_each_local_standard_takes_one_answer_only():
    first = {"code": "pmf-2019-s1", "number": 1, "title": "Senior management commitment"}
    again = {"code": "x", "number": 1, "title": "Senior management commitment"}
    pairs, unmatched = exchange.match_standards([first, again], LOCAL)
    assert _codes(pairs) == [(1, "pmf-2019-s1")] and unmatched == [again]


def test_an_imported_answer_stops_submission_naming_where_it_came_from():
    state = scoring.StandardState(
        number=1, title="t", rating="fully_met", carried_forward=True, carried_from="Round 2025", imported_from="N, R"
    )
    assert scoring.standard_problem(state) == "imported from N, R, not yet confirmed"


def test_a_carried_forward_answer_still_names_its_round():
    state = scoring.StandardState(number=1, title="t", rating="fully_met", carried_forward=True, carried_from="R 25")
    assert scoring.standard_problem(state) == "carried forward from R 25, not yet confirmed"


def test_parse_does_not_change_what_it_was_given():
    document = _document()
    before = copy.deepcopy(document)
    exchange.parse(_bytes(document))
    assert document == before
