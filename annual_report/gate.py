"""The sign-off gate for a version of the annual report, as a pure rule (no Django).

A version may be approved only when every section's narrative is written and approved by
someone other than the person who generated the version (and other than its writer), the
narratives were approved before the version was built (so the PDF carries the approved words),
and each lead safeguarding partner has recorded its sign-off of that version.
"""

import datetime as dt
from dataclasses import dataclass

NARRATIVE = "narrative"
APPROVAL = "approval"
SIGN_OFF = "sign-off"
BUILD = "build"


@dataclass(frozen=True)
class NarrativeState:
    key: str
    title: str
    status: str  # "draft" | "submitted" | "approved" | "" (nothing written)
    text_written: bool
    writer_id: int | None = None
    approver_id: int | None = None
    approved_at: dt.datetime | None = None


@dataclass(frozen=True)
class Partner:
    agency_id: int
    name: str
    signed: bool


@dataclass(frozen=True)
class Blocker:
    kind: str  # NARRATIVE, APPROVAL, SIGN_OFF or BUILD
    message: str
    key: str | int | None = None  # the section key or the partner's agency id


def narrative_blockers(
    narratives: list[NarrativeState], *, generator_id: int | None = None, built_at: dt.datetime | None = None
) -> list[Blocker]:
    """What stops the narratives from being ready, section by section, in report order."""
    out = []
    for n in narratives:
        if not n.text_written:
            out.append(Blocker(NARRATIVE, f"“{n.title}”: no narrative written yet.", n.key))
        elif n.status != "approved" or n.approver_id is None:
            state = "is waiting for approval" if n.status == "submitted" else "is a draft, not yet submitted"
            out.append(Blocker(APPROVAL, f"“{n.title}”: the narrative {state}.", n.key))
        elif n.approver_id == n.writer_id:
            out.append(
                Blocker(APPROVAL, f"“{n.title}”: approved by its own writer; someone else must approve it.", n.key)
            )
        elif generator_id is not None and n.approver_id == generator_id:
            out.append(
                Blocker(
                    APPROVAL,
                    f"“{n.title}”: approved by the person who generated this version; someone else must approve it.",
                    n.key,
                )
            )
        elif built_at is not None and n.approved_at is not None and n.approved_at > built_at:
            out.append(
                Blocker(
                    BUILD,
                    f"“{n.title}”: approved after this version was built; generate a new "
                    "version so that the report carries the approved words.",
                    n.key,
                )
            )
    return out


def sign_off_blockers(partners: list[Partner]) -> list[Blocker]:
    if not partners:
        return [
            Blocker(
                SIGN_OFF,
                "No statutory safeguarding partners are recorded: mark the three partners on their agencies' records.",
            )
        ]
    return [Blocker(SIGN_OFF, f"Sign-off outstanding from {p.name}.", p.agency_id) for p in partners if not p.signed]


def approval_blockers(
    *,
    finished: bool,
    already_approved: bool,
    narratives: list[NarrativeState],
    partners: list[Partner],
    generator_id: int | None,
    built_at: dt.datetime | None,
    approver_id: int | None,
) -> list[Blocker]:
    """Every reason this version cannot be approved now by `approver_id`; empty when it can."""
    if already_approved:
        return [Blocker(BUILD, "This version is already approved.")]
    if not finished:
        return [Blocker(BUILD, "Only a finished report can be approved.")]
    out = narrative_blockers(narratives, generator_id=generator_id, built_at=built_at)
    out += sign_off_blockers(partners)
    if approver_id is not None and approver_id == generator_id:
        out.append(
            Blocker(APPROVAL, "You generated this version: another member of the business unit must approve it.")
        )
    return out
