"""One description per import file: keys, choices by code or label, the template's rows."""

import pytest

from bscp_portal.lib.import_formats import ImportColumn, ImportFormat, choice_from_text, column_key, one_of

CHOICES = [("cp_activity", "Child protection activity"), ("lado", "LADO"), ("other", "Other")]


def test_a_title_reads_as_the_key_the_importer_uses():
    assert column_key(" Period start ") == "period_start"
    assert column_key("QA quadrant") == "qa_quadrant"


def test_a_list_of_labels_reads_as_words():
    assert one_of(["Count"]) == "Count"
    assert one_of(["Count", "Days"]) == "Count or Days"
    assert one_of(["Count", "Percentage", "Days"]) == "Count, Percentage or Days"


@pytest.mark.parametrize(
    "text", ["cp_activity", "CP_ACTIVITY", "Child protection activity", "child PROTECTION  activity"]
)
def test_a_choice_is_taken_by_code_or_label_in_any_case(text):
    assert choice_from_text(text, CHOICES, "Category") == "cp_activity"


def test_an_alias_is_taken():
    assert choice_from_text("SN", CHOICES, "Category", aliases={"sn": "other"}) == "other"


def test_a_refused_choice_names_the_column_and_the_labels_not_the_codes():
    with pytest.raises(ValueError) as refused:
        choice_from_text("cp", CHOICES, "Category")
    assert (
        str(refused.value)
        == 'Category: "cp" is not one of the choices. Write Child protection activity, LADO or Other.'
    )


def test_example_rows_are_read_across_the_columns():
    fmt = ImportFormat(
        name="t",
        sheet="t",
        columns=(ImportColumn("A", "Yes", "a", examples=("1", "2")), ImportColumn("B", "No", "b", examples=("x",))),
    )
    assert fmt.titles == ["A", "B"]
    assert fmt.example_rows() == [["1", "x"], ["2", ""]]
    assert fmt.title_of("b") == "B" and fmt.title_of("not_there") == "Not there"
