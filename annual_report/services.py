"""Writes for the annual report: requests, narratives, approval. Atomic; history kept."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone

from annual_report import gate
from annual_report.models import Narrative, Report, SectionComment, SignOff, in_sign_off_chain, is_partner_lead
from annual_report.periods import UnknownPeriod, parse_period
from annual_report.sections import BY_KEY, SECTION_KEYS, SECTIONS
from annual_report.tasks import enqueue
from bscp_portal.lib.concurrency import StaleEdit
from partnership.access import BUSINESS_UNIT, has_role


def report_request(*, period: str, by) -> Report:
    """Ask for a new version of a year's report; a second request while one is unfinished
    returns that one, so two clicks make one job."""
    try:
        parse_period(period)
    except UnknownPeriod as exc:
        raise ValidationError({"period": str(exc)}) from None
    existing = Report.objects.filter(period=period, status__in=[Report.Status.QUEUED, Report.Status.RUNNING]).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            version = (Report.objects.filter(period=period).aggregate(v=Max("version"))["v"] or 0) + 1
            report = Report.objects.create(period=period, version=version, requested_by=by)
            transaction.on_commit(lambda: enqueue(report.pk))
    except IntegrityError:
        # A simultaneous click won the race: use its request.
        return Report.objects.get(period=period, status__in=[Report.Status.QUEUED, Report.Status.RUNNING])
    return report


@transaction.atomic
def report_retry(*, report: Report, by) -> Report:
    """Put a failed or stalled build back in the queue."""
    if report.status == Report.Status.DONE:
        raise ValidationError("This version is already built.")
    Report.objects.filter(pk=report.pk).update(status=Report.Status.QUEUED, error="", progress="", delayed=False)
    transaction.on_commit(lambda: enqueue(report.pk))
    report.refresh_from_db()
    return report


def narrative_states(period: str) -> list[gate.NarrativeState]:
    """Each section's narrative as the gate reads it, in report order."""
    saved = {n.section: n for n in Narrative.objects.filter(period=period)}
    states = []
    for section in SECTIONS:
        n = saved.get(section.key)
        states.append(
            gate.NarrativeState(
                key=section.key,
                title=section.title,
                status=n.status if n else "",
                text_written=bool(n and n.text.strip()),
                writer_id=n.updated_by_id if n else None,
                approver_id=n.approved_by_id if n else None,
                approved_at=n.approved_at if n else None,
            )
        )
    return states


def partner_states(report: Report) -> list[gate.Partner]:
    """The statutory safeguarding partners and whether each has signed this version."""
    from partnership.models import Agency

    signed = set(report.sign_offs.values_list("agency_id", flat=True)) if report.pk else set()
    return [
        gate.Partner(agency_id=a.pk, name=a.name, signed=a.pk in signed)
        for a in Agency.objects.filter(statutory_partner=True, active=True).order_by("name")
    ]


def approval_blockers(*, report: Report, by=None) -> list[gate.Blocker]:
    """Why this version cannot be approved (by `by`), in the order a person would fix them."""
    return gate.approval_blockers(
        finished=report.status == Report.Status.DONE,
        already_approved=report.approved_at is not None,
        narratives=narrative_states(report.period),
        partners=partner_states(report),
        generator_id=report.requested_by_id,
        built_at=report.snapshot_at,
        approver_id=by.pk if by is not None else None,
    )


@transaction.atomic
def report_approve(*, report: Report, by) -> Report:
    """Approve a built version for the board and the public; refused, with every reason, until
    the narratives are approved by someone else and the three partners have signed it off."""
    if not has_role(by, BUSINESS_UNIT):
        raise PermissionDenied("Only the business unit approves a version.")
    report = Report.objects.select_for_update().get(pk=report.pk)
    blockers = approval_blockers(report=report, by=by)
    if blockers:
        raise ValidationError([b.message for b in blockers])
    report.approved_at = timezone.now()
    report.approved_by = by
    report.save(update_fields=["approved_at", "approved_by"])
    return report


@transaction.atomic
def report_sign_off(*, report: Report, by) -> SignOff:
    """Record a lead safeguarding partner's sign-off of this version, for the signer's agency."""
    if not is_partner_lead(by):
        raise PermissionDenied("Only a lead of one of the three safeguarding partners signs the report off.")
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status != Report.Status.DONE:
        raise ValidationError("This version is not built yet: sign off once it is ready to read.")
    if report.approved_at is not None:
        raise ValidationError("This version is already approved; its sign-offs are closed.")
    existing = report.sign_offs.filter(agency_id=by.agency_id).select_related("signed_by").first()
    if existing:
        raise ValidationError(
            f"{existing.agency} has already signed off this version "
            f"({existing.signed_by.get_full_name() or existing.signed_by}, "
            f"{timezone.localtime(existing.signed_at):%-d %B %Y})."
        )
    return SignOff.objects.create(report=report, agency_id=by.agency_id, signed_by=by)


@transaction.atomic
def narrative_approve(*, period: str, section: str, by) -> Narrative:
    """Approve a section's narrative; its writer may not approve their own words."""
    if not has_role(by, BUSINESS_UNIT):
        raise PermissionDenied("Only the business unit approves narratives.")
    narrative = Narrative.objects.select_for_update().filter(period=period, section=section).first()
    if narrative is None or not narrative.text.strip():
        raise ValidationError("There is no narrative to approve: write it first.")
    if narrative.status == Narrative.Status.APPROVED:
        raise ValidationError("This narrative is already approved.")
    if narrative.updated_by_id == by.pk:
        raise ValidationError("You wrote this narrative: another member of the business unit must approve it.")
    narrative.status = Narrative.Status.APPROVED
    narrative.approved_by = by
    narrative.approved_at = timezone.now()
    narrative.version += 1
    narrative.save()
    return narrative


@transaction.atomic
def section_comment(*, period: str, section: str, text: str, by) -> SectionComment:
    """A comment on a section by someone in the sign-off chain (PAQA reads drafts and comments)."""
    if not in_sign_off_chain(by):
        raise PermissionDenied("Only the business unit, PAQA and the lead partners comment on the report.")
    if section not in BY_KEY:
        raise ValidationError("There is no such section.")
    parse_period(period)
    if not text.strip():
        raise ValidationError({"text": "Write your comment before sending it."})
    return SectionComment.objects.create(period=period, section=section, text=text.strip(), author=by)


@transaction.atomic
def narrative_save(*, period: str, section: str, text: str, status: str, by, version: int | None) -> Narrative:
    """Save a section's narrative; refuses to overwrite someone else's newer save."""
    if section not in SECTION_KEYS:
        raise ValidationError("There is no such section.")
    parse_period(period)
    if status not in (Narrative.Status.DRAFT, Narrative.Status.SUBMITTED):
        raise ValidationError({"status": "Choose draft or submit for approval; another person approves it."})
    if status == Narrative.Status.SUBMITTED and not text.strip():
        raise ValidationError({"text": "Write the narrative before submitting it for approval."})
    narrative, created = Narrative.objects.get_or_create(period=period, section=section, defaults={"updated_by": by})
    if not created:
        if version is not None and narrative.version != version:
            raise StaleEdit()
        Narrative.objects.filter(pk=narrative.pk).update(version=F("version") + 1)
        narrative.refresh_from_db()
    narrative.text = text
    narrative.status = status
    narrative.updated_by = by
    # New words need a new approval.
    narrative.approved_by = None
    narrative.approved_at = None
    narrative.save()
    return narrative


def waiting_for(*, period: str, user) -> list[dict]:
    """What the year's report still waits for, each with its owner and where to fix it: figures
    missing for the year, narratives unwritten or unapproved, partners' sign-offs outstanding."""
    from django.urls import reverse

    from scorecard.summary import year_figures

    start, end = parse_period(period)
    items = []
    for f in year_figures(start=start, end=end, user=user):
        if not any(p[2] is not None or p[3] is not None for p in f["points"]):
            items.append(
                {
                    "what": f"No figure for the year: {f['name']}",
                    "owner": f["owner"] or "Business unit",
                    "url": reverse("scorecard:index"),
                }
            )
    for b in gate.narrative_blockers(narrative_states(period)):
        items.append(
            {
                "what": b.message,
                "owner": "Business unit (another member approves)" if b.kind == gate.APPROVAL else "Business unit",
                "url": reverse("annual_report:narrative", args=[period, b.key]),
            }
        )
    latest = Report.objects.filter(period=period).order_by("-version").first()
    if latest is None:
        items.append(
            {"what": "No version generated yet", "owner": "Business unit", "url": reverse("annual_report:annual")}
        )
    elif latest.approved_at is None:
        for b in gate.sign_off_blockers(partner_states(latest)):
            items.append(
                {
                    "what": f"{b.message} (version {latest.version})",
                    "owner": "Lead safeguarding partner",
                    "url": latest.get_absolute_url(),
                }
            )
    return items
