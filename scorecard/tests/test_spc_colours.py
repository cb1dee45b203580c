"""Making Data Count colours and icons for both directions of "good", and limits recalculated
from a process change; no database."""

from pathlib import Path

import pytest

from scorecard import spc_icons
from scorecard.spc import COLOURS, Assurance, Variation, analyse, point_colour, point_kind

BLUE, ORANGE, GREY, PURPLE = "#289de0", "#fab428", "#7b7d7d", "#361475"
FLAT = [10, 11, 9, 10, 11, 9, 10, 11, 9, 10, 11, 9]


def test_the_palette_is_making_data_counts():
    assert COLOURS == {"common_cause": GREY, "improvement": BLUE, "concern": ORANGE, "neither": PURPLE}


@pytest.mark.parametrize(
    "side, polarity, kind, colour",
    [
        ("high", "higher", "improvement", BLUE),
        ("low", "higher", "concern", ORANGE),
        ("high", "lower", "concern", ORANGE),
        ("low", "lower", "improvement", BLUE),
        ("high", "neither", "neither", PURPLE),
        ("", "higher", "common_cause", GREY),
        ("", "lower", "common_cause", GREY),
    ],
)
def test_a_point_is_coloured_by_its_side_and_the_direction_of_good(side, polarity, kind, colour):
    assert point_kind(side, polarity) == kind
    assert point_colour(side, polarity) == colour


@pytest.mark.parametrize(
    "polarity, variation, colour",
    [
        ("higher", Variation.IMPROVEMENT_HIGH, BLUE),
        ("lower", Variation.CONCERN_HIGH, ORANGE),
        ("neither", Variation.NEITHER_HIGH, PURPLE),
    ],
)
def test_a_high_outlier_reads_by_polarity_with_the_matching_icon(polarity, variation, colour):
    result = analyse([*FLAT, 30], polarity=polarity)
    assert result.variation == variation
    svg = spc_icons.variation_svg(result.variation)
    assert f'stroke="{colour}"' in svg and ">H</text>" in svg
    assert f"<title>{variation.label}</title>" in svg


@pytest.mark.parametrize(
    "polarity, variation, colour",
    [("higher", Variation.CONCERN_LOW, ORANGE), ("lower", Variation.IMPROVEMENT_LOW, BLUE)],
)
def test_a_low_outlier_reads_by_polarity_with_the_matching_icon(polarity, variation, colour):
    result = analyse([*FLAT, -10], polarity=polarity)
    assert result.variation == variation
    svg = spc_icons.variation_svg(result.variation)
    assert f'stroke="{colour}"' in svg and ">L</text>" in svg


def test_common_cause_is_grey_with_no_coloured_point():
    svg = spc_icons.variation_svg(Variation.COMMON_CAUSE)
    assert f'stroke="{GREY}"' in svg
    assert BLUE not in svg and ORANGE not in svg
    assert "<title>Common cause variation</title>" in svg


@pytest.mark.parametrize(
    "polarity, target, assurance, colour, letter",
    [
        ("higher", 0, Assurance.PASS, BLUE, "P"),
        ("higher", 20, Assurance.FAIL, ORANGE, "F"),
        ("lower", 20, Assurance.PASS, BLUE, "P"),
        ("lower", 0, Assurance.FAIL, ORANGE, "F"),
        ("higher", 10, Assurance.HIT_AND_MISS, GREY, "?"),
        ("lower", 10, Assurance.HIT_AND_MISS, GREY, "?"),
    ],
)
def test_assurance_icons_in_both_directions(polarity, target, assurance, colour, letter):
    result = analyse(FLAT, polarity=polarity, target=target)
    assert result.assurance == assurance
    svg = spc_icons.assurance_svg(result.assurance)
    assert f'stroke="{colour}"' in svg and f">{letter}</text>" in svg
    assert f"<title>{assurance.label}</title>" in svg


def test_the_static_icon_files_are_the_drawn_icons():
    static = Path(spc_icons.__file__).parent / "static"
    icons = spc_icons.all_icons()
    assert len(icons) == len(Variation) + len(Assurance)
    for path, svg in icons.items():
        assert (static / path).read_text() == svg, f"{path}: run python -m scorecard.spc_icons"


def test_limits_are_worked_out_afresh_after_a_process_change():
    before, after = FLAT, [v + 20 for v in FLAT]
    whole = analyse(before + after, polarity="higher")
    split = analyse(before + after, polarity="higher", breaks=[12])
    assert [(s.start, s.end) for s in split.segments] == [(0, 12), (12, 24)]
    assert split.segments[0].mean == pytest.approx(10)
    assert split.segments[1].mean == pytest.approx(30)
    assert split.mean == pytest.approx(30)
    # Without the change the step is a shift (special cause); with it, both stretches are noise.
    assert whole.variation.is_special
    assert split.variation == Variation.COMMON_CAUSE
    assert len(split.points) == 24 and not any(p.rules for p in split.points)


def test_the_latest_verdict_after_a_change_matches_the_whole_series():
    values = FLAT + [v + 20 for v in FLAT] + [60]
    whole = analyse(values, polarity="lower", breaks=[12])
    latest = analyse(values, polarity="lower", breaks=[12], latest_only=True)
    assert latest.variation == whole.variation == Variation.CONCERN_HIGH
    assert (latest.mean, latest.lower, latest.upper) == (whole.mean, whole.lower, whole.upper)


def test_a_new_stretch_shorter_than_12_points_warns():
    result = analyse(FLAT + [20, 21, 19], polarity="higher", breaks=[12])
    assert result.warning.startswith("Fewer than 12")
    assert result.variation is None
