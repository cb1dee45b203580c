"""A string enum whose members carry the words a person reads. Pure: no Django imports.

Written `IMPROVING = "improving", "Improving"`: the member is the string "improving" (stored,
compared and put in URLs as it is) and `member.label` is "Improving" (shown on pages, charts,
exports). The scorecard's rules (RAG, direction of travel, SPC variation and assurance) keep
their verdicts in these, as Django's TextChoices do for model fields, without importing Django.
"""

from enum import StrEnum


class Labelled(StrEnum):
    def __new__(cls, value: str, label: str):
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member
