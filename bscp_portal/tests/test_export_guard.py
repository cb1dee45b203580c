"""Every CSV and XLSX the portal writes goes through bscp_portal/lib/exports.py: no other module
opens a CSV writer or a workbook of its own (where the escaping of formulas could be forgotten)."""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
#: Writing a spreadsheet: csv.writer / csv.DictWriter, an openpyxl Workbook, XlsxWriter at all.
WRITES = re.compile(
    r"\bcsv\s*\.\s*(writer|DictWriter)\b"
    r"|\bWorkbook\s*\("
    r"|^\s*(import|from)\s+(rustpy_)?xlsxwriter\b"
    r"|^\s*from\s+openpyxl(\.\w+)*\s+import\s+[^\n]*\bWorkbook\b"
    r"|\bopenpyxl\s*\.\s*Workbook\b",
    re.MULTILINE,
)
WRITER = ROOT / "bscp_portal" / "lib" / "exports.py"
SKIPPED_DIRS = {".venv", "node_modules", "var", ".git", "migrations"}


def _is_test_file(path: Path) -> bool:
    """Tests build upload files to import (an openpyxl workbook standing for a user's file)."""
    return "tests" in path.parts or path.name.startswith("test_") or path.name == "conftest.py"


def _sources():
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT)
        if SKIPPED_DIRS.intersection(rel.parts) or path == WRITER or _is_test_file(rel):
            continue
        yield rel, path.read_text(encoding="utf-8")


def offenders() -> list[str]:
    found = []
    for rel, text in _sources():
        for match in WRITES.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.append(f"{rel}:{line}: {match.group(0).strip()}")
    return found


def test_no_module_but_the_shared_writer_writes_csv_or_xlsx():
    assert not offenders(), "write exports through bscp_portal.lib.exports.respond:\n" + "\n".join(offenders())


def test_the_guard_sees_each_way_of_writing_a_spreadsheet():
    for text in [
        "writer = csv.writer(response)",
        "w = csv.DictWriter(f, fieldnames)",
        "book = Workbook(write_only=True)",
        "book = openpyxl.Workbook()",
        "from openpyxl import load_workbook, Workbook",
        "import xlsxwriter",
        "import rustpy_xlsxwriter",
        "from xlsxwriter.workbook import Workbook",
    ]:
        assert WRITES.search(text), text
    for text in ["from openpyxl import load_workbook", "book = load_workbook(data)", "rows = csv.reader(f)"]:
        assert not WRITES.search(text), text


def test_the_guard_walks_the_strands():
    walked = {rel.parts[0] for rel, _ in _sources()}
    assert {"actions", "scorecard", "section11", "audits", "reviews", "conferences", "cdop", "governance"} <= walked
    assert "partnership" in walked and "annual_report" in walked
