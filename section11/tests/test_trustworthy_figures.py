"""Figures a challenge panel can rely on: carried-forward answers confirmed, evidence behind
"fully met", reasons behind "not applicable", and headlines from agreed ratings only."""

from decimal import Decimal

from section11 import scoring
from section11.scoring import (
    EVIDENCE_DESCRIPTION,
    EVIDENCE_DOCUMENT,
    EVIDENCE_EITHER,
    FULLY_MET,
    NOT_APPLICABLE,
    NOT_MET,
    PARTIALLY_MET,
    ReturnRatings,
    StandardState,
)


def _state(rating, **kw):
    return StandardState(number=kw.pop("number", 1), title="T", rating=rating, **kw)


# --- carried forward ---------------------------------------------------------------------------


def test_a_carried_forward_answer_blocks_submission_naming_its_round():
    state = _state(FULLY_MET, carried_forward=True, carried_from="2024-25 round", evidence_files=1)
    assert scoring.standard_problem(state) == "carried forward from 2024-25 round, not yet confirmed"


def test_a_carried_forward_answer_without_a_known_round_still_blocks():
    assert scoring.standard_problem(_state(FULLY_MET, carried_forward=True)) == "carried forward, not yet confirmed"


def test_a_confirmed_answer_does_not_block():
    assert scoring.standard_problem(_state(FULLY_MET, carried_forward=False, evidence_text="Board minutes")) == ""


def test_an_unrated_carried_forward_standard_says_it_is_unrated_first():
    assert scoring.standard_problem(_state(None, carried_forward=True)) == "not rated yet"


# --- evidence for "fully met" ------------------------------------------------------------------


def test_fully_met_without_any_evidence_is_refused_by_default():
    assert scoring.standard_problem(_state(FULLY_MET)) == (
        "rated fully met without evidence (it needs a document or a written description of the evidence)"
    )


def test_either_kind_of_evidence_is_enough_by_default():
    assert scoring.standard_problem(_state(FULLY_MET, evidence_files=1)) == ""
    assert scoring.standard_problem(_state(FULLY_MET, evidence_text="Policy section 2")) == ""


def test_blank_text_is_not_evidence():
    assert scoring.evidence_missing(rule=EVIDENCE_EITHER, files=0, text="  \n ") is True


def test_a_standard_can_insist_on_a_document():
    state = _state(FULLY_MET, evidence_rule=EVIDENCE_DOCUMENT, evidence_text="We have a policy")
    assert scoring.standard_problem(state) == "rated fully met without evidence (it needs an evidence document)"
    assert scoring.standard_problem(_state(FULLY_MET, evidence_rule=EVIDENCE_DOCUMENT, evidence_files=2)) == ""


def test_a_standard_can_insist_on_a_written_description():
    state = _state(FULLY_MET, evidence_rule=EVIDENCE_DESCRIPTION, evidence_files=3)
    assert "a written description of the evidence" in scoring.standard_problem(state)
    assert scoring.standard_problem(_state(FULLY_MET, evidence_rule=EVIDENCE_DESCRIPTION, evidence_text="x")) == ""


def test_partially_met_needs_no_evidence_rule():
    assert scoring.standard_problem(_state(PARTIALLY_MET, action_count=1)) == ""


# --- not applicable ----------------------------------------------------------------------------


def test_not_applicable_is_left_out_of_the_denominator_never_counted_as_met():
    # one not met and one N/A: 0 of 2 points, not 2 of 4
    assert scoring.compliance_percent([NOT_MET, NOT_APPLICABLE]) == Decimal("0.0")


# --- headlines from agreed ratings only ----------------------------------------------------------


def _ret(agency_id, pairs):
    return ReturnRatings(agency_id=agency_id, ratings=tuple(pairs))


def test_the_headline_counts_only_agreed_ratings_with_its_base():
    returns = [
        # agreed: 2 fully met + 1 partially met = 5 of 6 points; the self-rating of standard 4 waits
        _ret(1, [(FULLY_MET, FULLY_MET), (NOT_MET, FULLY_MET), (FULLY_MET, PARTIALLY_MET), (FULLY_MET, None)]),
        # agreed: 1 not met (0 of 2), 1 N/A (out of the base)
        _ret(2, [(FULLY_MET, NOT_MET), (NOT_APPLICABLE, NOT_APPLICABLE)]),
        # a draft: self-ratings only, never in the figure
        _ret(3, [(FULLY_MET, None), (FULLY_MET, None)]),
    ]
    h = scoring.headline(returns)
    # 5 points of 8 possible (4 agreed applicable standards) = 62.5%
    assert (h.percent, h.agreed_standards, h.agencies, h.not_reviewed) == (Decimal("62.5"), 4, 2, 2)
    assert h.text == "62.5% of 4 agreed standards, 2 agencies; 2 returns not yet reviewed"


def test_the_headline_reads_like_the_partnership_writes_it():
    h = scoring.Headline(percent=Decimal("78.4"), agreed_standards=41, agencies=12, not_reviewed=6)
    assert h.text == "78.4% of 41 agreed standards, 12 agencies; 6 returns not yet reviewed"


def test_singulars_and_nothing_waiting():
    h = scoring.headline([_ret(7, [(NOT_MET, FULLY_MET)])])
    assert h.text == "100.0% of 1 agreed standard, 1 agency"


def test_no_agreed_ratings_gives_no_figure_not_zero():
    h = scoring.headline([_ret(1, [(FULLY_MET, None)])])
    assert h.percent is None
    assert h.text == "No agreed ratings yet; 1 return not yet reviewed"


def test_self_ratings_never_move_the_headline():
    agreed = [_ret(1, [(FULLY_MET, NOT_MET)])]
    with_drafts = agreed + [_ret(2, [(FULLY_MET, None)] * 9), _ret(3, [(FULLY_MET, "")] * 9)]
    assert scoring.headline(agreed).percent == scoring.headline(with_drafts).percent == Decimal("0.0")


def test_an_agency_whose_agreed_ratings_are_all_not_applicable_is_not_behind_the_figure():
    h = scoring.headline([_ret(1, [(NOT_APPLICABLE, NOT_APPLICABLE)]), _ret(2, [(FULLY_MET, FULLY_MET)])])
    assert (h.agreed_standards, h.agencies, h.not_reviewed) == (1, 1, 0)
