"""The report's sections, following Working Together's yearly report and the framework: each
has a narrative the business unit writes and another member approves, and most have figures."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    app: str | None  # the strand whose `summary.annual_summary` gives the figures (dashboard)
    quadrant: str  # QA quadrant code the evidence belongs to
    empty: str  # what the report says, in one line, when there is no evidence for the year
    prompt: str = ""  # what the narrative should say (shown to the writer)
    in_report: bool = True  # False: the words are for the children's version only


SECTIONS = [
    Section("foreword", "Foreword", None, "qualitative", "The foreword has not been written yet.",
            "A foreword by the independent scrutineer or chair: the year in a few paragraphs."),
    Section("summary", "Executive summary", None, "qualitative", "The executive summary has not been written yet.",
            "The priorities, what went well and what did not; the headline figures are added for you."),
    Section("arrangements", "Our arrangements and the safeguarding partners", "partnership", "qualitative",
            "No partnership arrangements are recorded.",
            "How the three partners work together, who leads, and the relevant agencies."),
    Section("scrutiny", "Independent scrutiny", None, "qualitative", "No scrutiny statement has been written yet.",
            "Who scrutinised the arrangements, how, and what they found."),
    Section("priorities", "Our priorities: what we did and the difference it made", "governance", "qualitative",
            "No business plan covers this year.",
            "For each priority: what was done and the evidence of impact. Where progress was slow, why."),
    Section("performance", "Performance", "scorecard", "quantitative",
            "No indicator figures were recorded for this year.", "What the figures say about children's experience."),
    Section("section11", "Section 11 self-audits", "section11", "qualitative",
            "No Section 11 round opened in this year.", "What agencies' self-audits and challenge found."),
    Section("audits", "Audits: what we found and what changed", "audits", "qualitative",
            "No audits were reported in this year.", "What audits found and what changed as a result."),
    Section("conferences", "Child protection conferences", "conferences", "quantitative",
            "No child protection conferences were recorded for this year.",
            "Timeliness, attendance and what families told us."),
    Section("voice", "The voice of children and families", None, "voice-children",
            "No questionnaires, feedback or consultation were recorded for this year.",
            "How children and families were heard, and what changed because of it."),
    Section("reviews", "Case reviews and learning", "reviews", "qualitative",
            "No case reviews were open in this year.",
            "Reviews commissioned and published (and why any were not), their recommendations and learning."),
    Section("training", "Training and its evaluation", "governance", "qualitative",
            "No multi-agency training was recorded for this year.", "What training was delivered and its impact."),
    Section("cdop", "Child deaths", "cdop", "quantitative", "No child deaths were reviewed in this year.",
            "The Child Death Overview Panel chair's summary."),
    Section("funding", "Funding, spend and pressures", "governance", "qualitative",
            "No budget was recorded for this year.", "How the partners funded the arrangements and the pressures."),
    Section("early-help", "Early help", None, "qualitative",
            "The portal holds no evidence on early help for this year.",
            "How well early help (including early years) worked, and the evidence for it."),
    Section("workforce", "The workforce", None, "voice-practitioners",
            "The portal holds no evidence on the workforce for this year.",
            "What practitioners told us, how they learned, and safer recruitment."),
    Section("outcomes", "Outcomes for children", None, "quantitative",
            "The portal holds no evidence on the five outcome areas for children for this year.",
            "The five outcome areas for children, where there is evidence."),
    Section("next-year", "Next year's priorities", None, "qualitative",
            "The plan for next year has not been written yet.", "What the partnership will do next year and why."),
    Section("children", "A message for children and young people", None, "voice-children",
            "The message for children and young people has not been written yet.",
            "Short sentences a ten-year-old can read: what we did to keep you safe this year.", in_report=False),
]  # fmt: skip

SECTION_KEYS = [s.key for s in SECTIONS]
BY_KEY = {s.key: s for s in SECTIONS}
