"""The scorecard's import files, column by column: the one description behind the downloadable
templates, their "Columns" sheet and the importer's words for a refused value."""

from bscp_portal.lib.import_formats import ImportColumn, ImportFormat, one_of
from scorecard.models import POLARITY_CHOICES, Category, Frequency, Series, Unit

DATE_WORDS = "A date, written 2025-04-30 or 30/04/2025 (an Excel date cell works too)."
SYMBOLS = "c (suppressed), u (low reliability), z (not applicable), : or x (not available)"


def labels(choices) -> str:
    return one_of(label for _, label in choices)


MEASUREMENTS = ImportFormat(
    name="scorecard-measurements-template",
    sheet="measurements",
    columns=(
        ImportColumn(
            "Indicator code",
            "Yes",
            "The indicator's code, as on its scorecard page (any case).",
            "A code from the scorecard",
            ("CPA_VISITS_IN_TIME", "CPA_PLANS_OPEN", "CIN_REREFERRALS_12M"),
        ),
        ImportColumn(
            "Period start",
            "Yes",
            "The first day of the period the figure is for (a month, a quarter, a financial year).",
            DATE_WORDS,
            ("2025-04-01", "01/04/2025", "2024-04-01"),
        ),
        ImportColumn(
            "Period end",
            "Yes",
            "The last day of that period.",
            DATE_WORDS,
            ("2025-04-30", "30/04/2025", "2025-03-31"),
        ),
        ImportColumn(
            "Series",
            "No (blank is Local)",
            "Whose figure it is: the partnership's own, or a comparator.",
            labels(Series.choices),
            ("Local", "", "Statistical neighbours"),
        ),
        ImportColumn(
            "Value",
            "Yes",
            "The figure, or a DfE symbol when there is none (kept as a missing value, never a zero).",
            f"A number (a percentage from 0 to 100), or {SYMBOLS}",
            ("91.2", "268", "c"),
        ),
        ImportColumn(
            "Numerator",
            "No",
            "What was counted; with the denominator, the value must equal numerator ÷ denominator "
            "(× 100 for a percentage, × 10,000 for a rate).",
            "A number",
            ("207", "", ""),
        ),
        ImportColumn("Denominator", "No", "What it was counted out of.", "A number", ("227", "", "")),
        ImportColumn(
            "Note",
            "No",
            "Anything a reader should know about the figure.",
            "Up to 500 characters",
            ("", "", "Suppressed by the DfE"),
        ),
    ),
)


INDICATORS = ImportFormat(
    name="scorecard-indicators-template",
    sheet="indicators",
    columns=(
        ImportColumn(
            "Code",
            "Yes",
            "A short code that stays the same for as long as the indicator is measured.",
            "Letters, digits, _ and -, at most 60 characters",
            ("EH_ASSESS_IN_TIME",),
        ),
        ImportColumn(
            "Name",
            "Yes",
            "What the indicator is called.",
            "At most 200 characters",
            ("Early help assessments within 20 working days",),
        ),
        ImportColumn(
            "Definition",
            "Yes",
            "Exactly what is counted.",
            "Text",
            ("Percentage of early help assessments completed within 20 working days of the request for support.",),
        ),
        ImportColumn("Unit", "Yes", "What the figure measures.", labels(Unit.choices), ("Percentage",)),
        ImportColumn(
            "Polarity",
            "Yes",
            "Which way is better (Neither: never rated against a target).",
            labels(POLARITY_CHOICES),
            ("Higher is better",),
        ),
        ImportColumn(
            "Frequency",
            "Yes",
            "How often it is measured: the run chart uses local figures of that length.",
            labels(Frequency.choices),
            ("Monthly",),
        ),
        ImportColumn(
            "Category", "Yes (blank is Other)", "Where it sits on the scorecard.", labels(Category.choices), ("Other",)
        ),
        ImportColumn("Target", "Only with Target from", "The target, in the indicator's unit.", "A number", ("85",)),
        ImportColumn(
            "Target from",
            "Only with Target",
            "The day the target comes into force (until the next one).",
            DATE_WORDS,
            ("2025-04-01",),
        ),
        ImportColumn(
            "Decimals",
            "No (blank is 1)",
            "How many decimal places the figure is given to.",
            "A whole number from 0 to 4",
            ("1",),
        ),
        ImportColumn(
            "Owning agency",
            "No",
            "The agency that owns the figure.",
            "An agency's name or short name, as in the portal",
            ("Children's Services",),
        ),
        ImportColumn(
            "Outcome area",
            "No",
            "The outcome area it evidences.",
            "A name or code from the framework's list",
            ("Staying safe",),
        ),
        ImportColumn(
            "QA quadrant",
            "No",
            "The quality assurance quadrant.",
            "A name or code from the framework's list",
            ("Quantitative",),
        ),
        ImportColumn(
            "Risk themes",
            "No",
            "The risk themes it bears on.",
            "Names or codes from the framework's list, separated by ;",
            ("Neglect",),
        ),
        ImportColumn("Source", "No", "Where the figure comes from.", "At most 300 characters", ("Early help module",)),
        ImportColumn(
            "Notes",
            "No",
            "Anything else a reader should know.",
            "Text",
            ("Local measure agreed by PAQA in March 2025.",),
        ),
        ImportColumn(
            "Partnership wide",
            "No (blank is Yes)",
            "No for a single-agency figure, seen only by its agency, PAQA, the business unit and the board.",
            "Yes or No",
            ("Yes",),
        ),
    ),
)

FORMATS = {"measurements": MEASUREMENTS, "indicators": INDICATORS}
