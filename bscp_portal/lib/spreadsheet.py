"""Exports that spreadsheets open safely. Pure, no Django."""

#: A cell starting with one of these would be run as a formula by a spreadsheet (CSV injection,
#: OWASP): =, +, -, @, and tab or carriage return, which some spreadsheets skip before them.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Free text a spreadsheet would run as a formula gets a leading apostrophe; other values pass."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
