"""The sampling rule, pinned without a database: reproducible, multi-agency only, stratified, sized."""

import time
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audits import sampling
from audits.sampling import Candidate, allocate, clean_candidates, draw_sample, read_candidate_csv

LOOKUP = {"Police": 1, "Health": 2, "School": 3, "Children's Services": 4}


def pool(n: int, stratify=None) -> list[Candidate]:
    return [
        Candidate(f"C{i:06d}", (1, 2) if i % 3 else (1, 3, 4), {"age_band": stratify(i)} if stratify else {})
        for i in range(n)
    ]


def test_it_reproduces_the_same_sample_from_the_same_seed():
    candidates = pool(500)
    assert draw_sample(candidates, 40, seed=12345) == draw_sample(candidates, 40, seed=12345)


def test_a_different_seed_gives_a_different_sample():
    candidates = pool(500)
    assert draw_sample(candidates, 40, seed=1) != draw_sample(candidates, 40, seed=2)


def test_the_order_of_the_list_does_not_change_the_draw():
    candidates = pool(300)
    assert draw_sample(candidates, 25, seed=7) == draw_sample(list(reversed(candidates)), 25, seed=7)


def test_it_honours_the_sample_size_without_repeats():
    chosen = draw_sample(pool(200), 37, seed=3)
    assert len(chosen) == 37
    assert len(set(chosen)) == 37


def test_it_draws_only_cases_with_more_than_one_agency():
    mixed = [Candidate(f"S{i}", (1,)) for i in range(50)] + [Candidate(f"M{i}", (1, 2)) for i in range(10)]
    chosen = draw_sample(mixed, 10, seed=99)
    assert sorted(chosen) == sorted(f"M{i}" for i in range(10))
    # One agency named twice is still one agency.
    with pytest.raises(ValueError, match="larger than the 0 eligible"):
        draw_sample([Candidate("X1", (5, 5))], 1, seed=1)


def test_it_refuses_a_sample_larger_than_the_eligible_cases_giving_the_number():
    with pytest.raises(ValueError, match="larger than the 10 eligible"):
        draw_sample(pool(10), 11, seed=1)
    assert len(draw_sample(pool(10), 10, seed=1)) == 10  # exactly all: allowed


def test_it_refuses_a_sample_size_below_one():
    with pytest.raises(ValueError, match="at least 1"):
        draw_sample(pool(10), 0, seed=1)


def test_stratified_draw_allocates_in_proportion():
    # 60 "0-4", 30 "5-9", 10 "10-15": a sample of 20 takes 12, 6 and 2.
    def band(i):
        return "0-4" if i < 60 else ("5-9" if i < 90 else "10-15")

    candidates = pool(100, band)
    chosen = set(draw_sample(candidates, 20, seed=5, stratify_by="age_band"))
    bands = Counter(c.attributes["age_band"] for c in candidates if c.reference in chosen)
    assert bands == {"0-4": 12, "5-9": 6, "10-15": 2}


def test_stratified_draw_is_reproducible_and_differs_from_the_simple_draw_rule():
    candidates = pool(100, lambda i: "A" if i % 2 else "B")
    first = draw_sample(candidates, 11, seed=8, stratify_by="age_band")
    assert first == draw_sample(candidates, 11, seed=8, stratify_by="age_band")
    assert len(first) == 11


def test_missing_attribute_values_form_their_own_stratum():
    candidates = [Candidate(f"A{i}", (1, 2), {"age_band": "0-4"}) for i in range(5)] + [
        Candidate(f"B{i}", (1, 2), {}) for i in range(5)
    ]
    chosen = draw_sample(candidates, 4, seed=1, stratify_by="age_band")
    assert sum(r.startswith("B") for r in chosen) == 2


def test_largest_remainder_allocation_sums_to_the_size_and_breaks_ties_by_name():
    assert allocate({"a": 1, "b": 1, "c": 1}, 2) == {"a": 1, "b": 1, "c": 0}
    assert allocate({"x": 7, "y": 2, "z": 1}, 5) == {"x": 4, "y": 1, "z": 0}  # 3.5, 1.0, 0.5 -> x gets the spare
    result = allocate({"p": 3, "q": 3, "r": 4}, 10)
    assert result == {"p": 3, "q": 3, "r": 4}
    with pytest.raises(ValueError):
        allocate({"a": 2}, 3)


def test_drawing_from_100000_candidates_takes_under_two_seconds():
    candidates = pool(100_000, lambda i: ("0-4", "5-9", "10-15", "16-17")[i % 4])
    start = time.perf_counter()
    chosen = draw_sample(candidates, 200, seed=2024, stratify_by="age_band")
    elapsed = time.perf_counter() - start
    assert len(chosen) == 200
    assert elapsed < 2.0, f"took {elapsed:.2f} s"


# --- the candidate list -------------------------------------------------------------------------


def test_it_keeps_multi_agency_cases_and_excludes_the_rest_with_reasons():
    rows = [
        {"reference": "A-1", "agencies": "Police;Health", "age_band": "0-4"},
        {"reference": "A-2", "agencies": "Police"},
        {"reference": "A-1", "agencies": "Police;School"},
        {"reference": "a-1", "agencies": "Police;School"},
        {"reference": "A-3", "agencies": "Police;Probation"},
        {"reference": "", "agencies": "Police;Health"},
        {"reference": "Jane Smith", "agencies": "Police;Health"},
        {"reference": "A-4", "agencies": "police; HEALTH ;School"},
        {"reference": "A-5", "agencies": "Health;health"},
    ]
    eligible, excluded = clean_candidates(rows, LOOKUP)
    assert [(c.reference, c.agencies, dict(c.attributes)) for c in eligible] == [
        ("A-1", (1, 2), {"age_band": "0-4"}),
        ("A-4", (1, 2, 3), {}),
    ]
    assert [(e.line, e.reference, e.reason) for e in excluded] == [
        (2, "A-2", "Only one agency involved: multi-agency audits need two or more."),
        (3, "A-1", "Duplicate of row 1."),
        (4, "a-1", "Duplicate of row 1."),
        (5, "A-3", "Unknown agency: Probation."),
        (6, "", "No case reference."),
        (7, "Jane Smith", "Not a case reference (letters, digits and - / _ . only, no spaces)."),
        (9, "A-5", "Only one agency involved: multi-agency audits need two or more."),
    ]


def test_it_reads_a_csv_with_a_bom_and_any_case_headers():
    rows = read_candidate_csv("\ufeffReference,Agencies,Age_Band\nX-1,Police;Health,0-4\n")
    assert rows == [{"reference": "X-1", "agencies": "Police;Health", "age_band": "0-4"}]


def test_it_refuses_a_file_without_the_required_columns():
    with pytest.raises(sampling.CandidateFileError, match="no agencies column"):
        read_candidate_csv("reference,age_band\nX-1,0-4\n")
    with pytest.raises(sampling.CandidateFileError, match="empty"):
        read_candidate_csv("")


def test_it_refuses_a_file_with_a_column_for_names():
    with pytest.raises(sampling.CandidateFileError, match="references only"):
        read_candidate_csv("reference,agencies,child_name\nX-1,Police;Health,Jo\n")


def test_the_rule_is_described_in_words():
    assert "Simple random sample of 5 of the 9" in sampling.describe_rule(size=5, eligible=9)
    assert "stratified by age_band" in sampling.describe_rule(size=5, eligible=9, stratify_by="age_band")


# --- properties over many lists ------------------------------------------------------------------

candidate_lists = st.lists(
    st.builds(
        Candidate,
        st.text("ABCDEFGH0123456789-", min_size=1, max_size=8),
        st.lists(st.integers(1, 5), min_size=1, max_size=4).map(tuple),
        st.fixed_dictionaries({"band": st.sampled_from(["a", "b", "c"])}),
    ),
    max_size=60,
    unique_by=lambda c: c.reference,
)


@settings(max_examples=200, deadline=None)
@given(candidates=candidate_lists, seed=st.integers(0, 2**32), data=st.data(), stratify=st.booleans())
def test_any_draw_is_sized_multi_agency_and_reproducible(candidates, seed, data, stratify):
    eligible = [c for c in candidates if len(set(c.agencies)) > 1]
    if not eligible:
        return
    size = data.draw(st.integers(1, len(eligible)))
    by = "band" if stratify else ""
    chosen = draw_sample(candidates, size, seed, by)
    assert len(chosen) == size and len(set(chosen)) == size
    assert set(chosen) <= {c.reference for c in eligible}
    assert chosen == draw_sample(list(reversed(candidates)), size, seed, by)
    if stratify:
        strata = Counter(c.attributes["band"] for c in eligible)
        got = Counter(c.attributes["band"] for c in eligible if c.reference in set(chosen))
        for band, n in strata.items():
            share = size * n / len(eligible)
            assert int(share) <= got[band] <= int(share) + 1
