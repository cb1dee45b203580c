"""The home-page panel: what needs this person now in partnership performance."""

from governance import access, selectors
from governance.models import FeedbackCampaign, RatingSurvey, RoutedReport, SurveyResponse
from partnership.access import BUSINESS_UNIT, CHAIR, PAQA, has_role


def render(user):
    """Reports due from them, reports waiting for PAQA, agencies flagged for low attendance
    (chairs and the business unit), and an open members' rating they have not answered."""
    items = []
    due = list(selectors.reports_due_for(user=user)[:5])
    for report in due:
        items.append(
            {
                "text": f"Report due {report.due_on:%-d %b %Y}: {report.title}"
                if report.due_on
                else f"Report returned: {report.title}",
                "url": report.get_absolute_url(),
            }
        )
    if has_role(user, PAQA):
        waiting = RoutedReport.objects.for_user(user).filter(status=RoutedReport.Status.RECEIVED).count()
        if waiting:
            items.append(
                {
                    "text": f"{waiting} report{'s' if waiting != 1 else ''} waiting for PAQA's decision",
                    "url": "/partnership/performance/reports/?status=received",
                }
            )
    if has_role(user, CHAIR, BUSINESS_UNIT):
        flagged = selectors.attendance_dashboard(user=user)["flagged"]
        if flagged:
            names = ", ".join(f"{r['name']} ({r['rate']}%)" for r in flagged[:5])
            items.append(
                {
                    "text": f"Attendance below {selectors.attendance_threshold()}% in the last 12 months: {names}",
                    "url": "/partnership/performance/attendance/",
                }
            )
    survey = RatingSurvey.objects.filter(status=RatingSurvey.Status.OPEN).first()
    if survey and not SurveyResponse.objects.filter(survey=survey, respondent=user).exists():
        from governance.voice_services import is_member

        if is_member(user):
            items.append({"text": f"Please rate the partnership: {survey.title}", "url": survey.get_absolute_url()})
    if access.reads_feedback(user) and FeedbackCampaign.objects.filter(is_open=True).exists():
        campaign = FeedbackCampaign.objects.filter(is_open=True).first()
        items.append({"text": f"Practitioner feedback open: {campaign.title}", "url": campaign.get_absolute_url()})
    if not items:
        return None
    return ("governance/includes/home_panel.html", {"items": items})
