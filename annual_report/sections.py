"""The report's sections, following the framework, and where each reads its figures."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    app: str | None  # the strand whose `summary.annual_summary` gives the figures
    quadrant: str  # QA quadrant code the evidence belongs to
    empty: str  # what the report says when there is no data for the year


SECTIONS = [
    Section("arrangements", "Partnership arrangements and priorities", "partnership", "qualitative",
            "No partnership arrangements are recorded."),
    Section("business-plan", "Business plan progress, budget, attendance and training", "governance", "qualitative",
            "No business plan, budget, meeting or training records for this year."),
    Section("actions", "Actions across the partnership", "actions", "qualitative",
            "No actions were due or completed in this year."),
    Section("scorecard", "Performance scorecard", "scorecard", "quantitative",
            "No indicator measurements were recorded for this year."),
    Section("section11", "Section 11 self-audits", "section11", "qualitative",
            "No Section 11 round closed in this year."),
    Section("audits", "Single-agency and multi-agency audits", "audits", "qualitative",
            "No audits were reported in this year."),
    Section("reviews", "Themed reviews, case reviews and learning", "reviews", "qualitative",
            "No themed or case reviews were open in this year."),
    Section("conferences", "Child protection conferences and the voice of families", "conferences", "voice-children",
            "No child protection conferences were recorded for this year."),
    Section("cdop", "Child Death Overview Panel", "cdop", "quantitative",
            "No child deaths were reviewed in this year."),
    Section("next-year", "What the partnership will do next year", None, "qualitative",
            "The plan for next year has not been written yet."),
]  # fmt: skip

SECTION_KEYS = [s.key for s in SECTIONS]
BY_KEY = {s.key: s for s in SECTIONS}
