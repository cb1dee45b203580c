"""The protected characteristics recorded for children, as the DfE (children in need census) and
the NCMD record them, for equality monitoring. Pure: no Django imports.

Every question has "Not known" as an explicit answer. A record made before the question was asked
holds "" and is counted as "Not recorded": it is never given an answer it did not have.
"""

NOT_KNOWN = "not_known"
NOT_RECORDED = ""
NOT_RECORDED_LABEL = "Not recorded"

SEX = [
    ("female", "Female"),
    ("male", "Male"),
    ("indeterminate", "Indeterminate"),
    (NOT_KNOWN, "Not known"),
]

AGE_BAND = [
    ("unborn", "Unborn"),
    ("under_1", "Under 1"),
    ("1_4", "1 to 4"),
    ("5_9", "5 to 9"),
    ("10_15", "10 to 15"),
    ("16_over", "16 and over"),
    (NOT_KNOWN, "Not known"),
]

ETHNICITY = [
    ("white", "White"),
    ("mixed", "Mixed or multiple ethnic groups"),
    ("asian", "Asian or Asian British"),
    ("black", "Black, Black British, Caribbean or African"),
    ("other", "Other ethnic group"),
    (NOT_KNOWN, "Not known (refused or not yet obtained)"),
]

DISABILITY = [
    ("yes", "Disabled"),
    ("no", "Not disabled"),
    (NOT_KNOWN, "Not known"),
]

#: field suffix, question, choices
CHARACTERISTICS = [
    ("sex", "Sex", SEX),
    ("age_band", "Age band", AGE_BAND),
    ("ethnicity", "Ethnicity", ETHNICITY),
    ("disability", "Disability", DISABILITY),
]


def rows_with_not_recorded(choices: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The rows of an equality table: every answer, then "Not recorded" for older records."""
    return [*choices, (NOT_RECORDED, NOT_RECORDED_LABEL)]


def missing_answers(values: dict[str, str]) -> list[str]:
    """The characteristics (by suffix) left unanswered: "" is not an answer, "not_known" is."""
    return [suffix for suffix, _q, _c in CHARACTERISTICS if not values.get(suffix)]
