import pytest

from bscp_portal.lib.spreadsheet import safe_cell


@pytest.mark.parametrize("text", ["=SUM(A1)", "+1", "-1+2", "@cmd", "\t=1", "\r=1"])
def test_it_neutralises_formulas(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Plain text", "a=b", "", 12, -3, None, 1.5])
def test_it_leaves_everything_else(value):
    assert safe_cell(value) == value
