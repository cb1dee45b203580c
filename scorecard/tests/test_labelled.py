"""The scorecard's verdicts are strings with the words people read beside them."""

import json
import pickle

from scorecard.labelled import Labelled
from scorecard.rag import Rag
from scorecard.rules import Direction
from scorecard.spc import Assurance, Variation


class Colour(Labelled):
    DEEP_RED = "deep_red", "Deep red"
    BLUE = "blue", "Blue"


def test_a_member_is_its_value_and_carries_its_label():
    assert Colour.DEEP_RED == "deep_red" and str(Colour.DEEP_RED) == "deep_red"
    assert Colour("deep_red") is Colour.DEEP_RED
    assert (Colour.DEEP_RED.label, Colour.BLUE.label) == ("Deep red", "Blue")
    assert [c.value for c in Colour] == ["deep_red", "blue"]
    assert json.dumps([Colour.BLUE]) == '["blue"]'
    assert pickle.loads(pickle.dumps(Colour.BLUE)) is Colour.BLUE  # noqa: S301 (as the cache keeps figures)


def test_the_scorecards_verdicts_read_as_before():
    assert {r.value: r.label for r in Rag} == {
        "GREEN": "Green",
        "AMBER": "Amber",
        "RED": "Red",
        "NOT_RATED": "Not rated",
    }
    assert Direction("same").label == "No change" and Direction.NO_COMPARISON.label == "No comparison"
    assert Variation.NEITHER_LOW.label == "Special cause: low"
    assert Variation("common_cause").label == "Common cause variation"
    assert Assurance.HIT_AND_MISS.label == "Hit and miss" and Assurance("pass").label == "Consistently passing"
