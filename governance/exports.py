"""CSV and XLSX exports from the same access-checked rows as the pages (docs/formats.md)."""

from bscp_portal.lib.exports import Column, positional, respond
from governance import rules
from governance.models import Course, TrainingPlace


def fmt_of(request) -> str:
    """The export format asked for with `?format=`: XLSX, else CSV."""
    return "xlsx" if request.GET.get("format") == "xlsx" else "csv"


TRAINING_COLUMNS = [
    Column.field(Course, "title", lambda p: p.session.course.title),
    Column.field(Course, "level", lambda p: p.session.course.get_level_display()),
    Column.field(Course, "multi_agency", lambda p: p.session.course.multi_agency),
    Column("Session date", lambda p: p.session.held_on),
    Column.field(TrainingPlace, "agency", lambda p: p.agency.name),
    Column.field(TrainingPlace, "role", lambda p: p.get_role_display()),
    Column.field(TrainingPlace, "attended"),
]


def training_response(places: list, *, fmt: str):
    """One row per place taken."""
    return respond(fmt=fmt, filename="training-attendance", columns=TRAINING_COLUMNS, rows=places, sheet="Training")


BUDGET_COLUMNS = positional(
    [
        "Financial year",
        "Kind",
        "Agency",
        "Description",
        "Agreed or budget (£)",
        "Received or actual (£)",
        "Variance (£)",
        "Variance %",
        "Note",
    ]
)


def budget_rows(year, data: dict) -> list[list]:
    """Contributions, expenditure lines, pressures and investments of one year, in BUDGET_COLUMNS order."""
    rows = []
    for c in data["contributions"]:
        rows.append(
            [
                year.label,
                "contribution",
                c.agency.name,
                "",
                c.agreed,
                c.received,
                None,
                None,
                rules.CONTRIBUTION_FLAG_LABELS[c.flag],
            ]
        )
    for line in data["lines"]:
        v = line.variance
        description = f"{line.get_category_display()} {line.description}".strip()
        rows.append(
            [
                year.label,
                "expenditure",
                "",
                description,
                line.budget,
                line.actual,
                v[0] if v else None,
                v[1] if v else None,
                "",
            ]
        )
    for p in data["pressures"]:
        note = f"risk {p.get_risk_rating_display()}; impact: {p.impact}; mitigations: {p.mitigations}"
        rows.append([year.label, "pressure", p.agency.name, p.description, None, None, None, None, note])
    for i in data["investments"]:
        rows.append([year.label, "investment", i.agency.name, i.description, None, i.amount, None, None, ""])
    return rows


def budget_response(rows: list[list], *, label: str, fmt: str):
    return respond(fmt=fmt, filename=f"budget-{label}", columns=BUDGET_COLUMNS, rows=rows, sheet="Budget")


ATTENDANCE_COLUMNS = positional(["Level", "Name", "Year", "Rate %"])


def attendance_rows(dash: dict) -> list[list]:
    """Rates per agency and year, then per body and year, as on the dashboard."""
    rows = [
        ["Agency", a["name"], y, a["rates"].get(y)] for a in dash["agencies"] for y in dash["years"] if y in a["rates"]
    ]
    rows += [
        ["Partnership or sub-committee", b["name"], y, b["rates"].get(y)]
        for b in dash["bodies"]
        for y in dash["years"]
        if y in b["rates"]
    ]
    return rows


def attendance_response(rows: list[list], *, fmt: str):
    return respond(fmt=fmt, filename="attendance-rates", columns=ATTENDANCE_COLUMNS, rows=rows, sheet="Attendance")
