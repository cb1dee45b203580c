"""Every strand sends its report to PAQA from where it lives; PAQA decides; the sender sees
where it stands. One test per strand role, plus the refusals."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from audits.tests.factories import AgencyAuditFactory, PracticeAuditFactory
from conferences.indicators import financial_year_of
from governance import report_services
from governance.models import ChairReport, RoutedReport
from governance.tests.factories import MeetingFactory, PlanFactory
from partnership.models import SubCommittee
from partnership.registry import registry
from reviews.tests.factories import CaseReviewFactory
from section11.tests.factories import RoundFactory

pytestmark = pytest.mark.django_db


def _year() -> str:
    start, _ = financial_year_of(timezone.localdate())
    return f"{start.year}-{str(start.year + 1)[-2:]}"


def _send(client, kind, ref, note=""):
    return client.post(reverse("governance:report_send", args=[kind, ref]), {"note": note})


def _sent(kind, ref) -> RoutedReport:
    return RoutedReport.objects.get(source_kind=kind, source_ref=ref)


def test_the_safeguarding_services_manager_opens_new_report_and_sends_the_conference_report(world, client_for):
    client = client_for(world.user("ssm"))
    page = client.get(reverse("governance:report_upload"))
    assert page.status_code == 200
    assert f"Conference standards report {_year()}" in page.content.decode()
    response = _send(client, "conferences", _year(), "For the December meeting")
    report = _sent("conferences", _year())
    assert response.status_code == 302 and response["Location"] == report.get_absolute_url()
    assert (report.status, report.author, report.received_on) == ("received", world.user("ssm"), timezone.localdate())
    assert "conferences held" in report.summary
    assert [e.note for e in report.events.all()][-1] == "For the December meeting"


def test_the_cdop_chair_sends_only_the_suppressed_summary_and_cannot_upload(world, client_for):
    client = client_for(world.user("cdop"))
    page = client.get(reverse("governance:report_upload")).content.decode()
    assert "small numbers suppressed" in page and 'type="file"' not in page
    assert client.post(reverse("governance:report_upload"), {"title": "Cases"}).status_code == 403
    assert _send(client, "cdop", _year()).status_code == 302
    report = _sent("cdop", _year())
    assert "shown as c" in report.summary and report.author == world.user("cdop")


def test_a_cdop_member_who_is_not_the_chair_may_not_send(world, client_for):
    SubCommittee.objects.get(code="cdop").memberships.update(is_chair=False)
    assert _send(client_for(world.user("cdop")), "cdop", _year()).status_code == 403
    assert not RoutedReport.objects.exists()


def test_the_business_unit_sends_the_section11_round_summary(world, client_for):
    rnd = RoundFactory(name="Round 2026")
    assert _send(client_for(world.user("bu")), "section11", f"round-{rnd.pk}").status_code == 302
    report = _sent("section11", f"round-{rnd.pk}")
    assert report.source_url == rnd.get_absolute_url() and "returns submitted" in report.summary


def test_an_agency_lead_sends_their_own_audit_report_but_not_another_agencys(world, client_for):
    own = AgencyAuditFactory(agency=world.home, status="reported", summary="Supervision recorded in 9 of 10 cases")
    other = AgencyAuditFactory(agency=world.other, status="reported")
    client = client_for(world.user("lead"))
    assert _send(client, "audits", f"agency-{other.pk}").status_code == 403
    assert _send(client, "audits", f"agency-{own.pk}").status_code == 302
    assert _sent("audits", f"agency-{own.pk}").summary.startswith("Supervision")


def test_a_practice_audit_lead_sends_the_multi_agency_report(world, client_for):
    audit = PracticeAuditFactory(lead=world.user("lead"), status="reported")
    assert _send(client_for(world.user("lead")), "audits", f"practice-{audit.pk}").status_code == 302


def test_the_case_review_chair_sends_a_review_report(world, client_for):
    review = CaseReviewFactory(status="completed", completed_on=dt.date(2026, 5, 1))
    assert _send(client_for(world.user("chair")), "reviews", f"case-{review.pk}").status_code == 302
    assert _sent("reviews", f"case-{review.pk}").title.startswith(f"Review report {review.reference}")


def test_a_chair_sends_their_sub_committees_activity_report_and_a_contributor_may_not(world, client_for):
    paqa = SubCommittee.objects.get(code="paqa")
    meeting = MeetingFactory(body=paqa, held_on=dt.date(2026, 9, 10))
    chair_report = ChairReport.objects.create(
        plan=PlanFactory(), subcommittee=paqa, meeting=meeting, activity="Two audits", outcomes="Fewer re-referrals",
        author=world.user("chair"),
    )  # fmt: skip
    ref = f"chair-report-{chair_report.pk}"
    assert _send(client_for(world.user("contributor")), "subcommittee", ref).status_code == 403
    assert _send(client_for(world.user("chair")), "subcommittee", ref).status_code == 302


def test_a_report_is_sent_once_until_paqa_returns_it_then_again_as_a_new_version(world, client_for):
    client = client_for(world.user("ssm"))
    _send(client, "conferences", _year())
    again = _send(client, "conferences", _year())
    assert again.status_code == 400 and "already sent to PAQA" in again.content.decode()
    report = _sent("conferences", _year())
    report_services.report_decide(
        report=report, by=world.user("paqa"), decision="returned", version=report.version, reasons="Add the trend"
    )
    status = client.get(reverse("governance:report_send", args=["conferences", _year()])).content.decode()
    assert "Returned to the author" in status and "Add the trend" in status
    assert _send(client, "conferences", _year(), "Trend added").status_code == 302
    report.refresh_from_db()
    assert (report.status, report.version) == ("received", 3)
    assert RoutedReport.objects.count() == 1


def test_paqa_decides_and_the_sender_sees_each_dated_step(world, client_for):
    _send(client_for(world.user("ssm")), "conferences", _year())
    report = _sent("conferences", _year())
    response = client_for(world.user("paqa")).post(
        reverse("governance:report_decide", args=[report.pk]),
        {"decision": "circulated", "reasons": "Good progress; no decision needed", "version": report.version},
    )
    assert response.status_code == 302
    listing = client_for(world.user("ssm")).get(reverse("governance:report_list")).content.decode()
    assert "Sent by you" in listing and "Circulated for information only" in listing
    trail = list(report.events.values_list("status", "at"))
    assert [s for s, _ in trail] == ["received", "circulated"] and all(at is not None for _, at in trail)


def test_the_offers_page_lists_only_what_the_user_may_send(world):
    AgencyAuditFactory(agency=world.other, status="reported")
    kinds = {c.kind for c in registry.report_candidates(world.user("contributor"))}
    assert kinds == set()
    assert {c.kind for c in registry.report_candidates(world.user("ssm"))} == {"conferences"}


def test_the_strand_pages_offer_send_to_paqa_only_to_those_who_may(world, client_for):
    rnd = RoundFactory(name="Round 2027")
    url = reverse("section11:round_detail", args=[rnd.pk])
    send = reverse("governance:report_send", args=["section11", f"round-{rnd.pk}"])
    assert send in client_for(world.user("bu")).get(url).content.decode()
    assert send not in client_for(world.user("lead")).get(url).content.decode()
    dashboard = client_for(world.user("ssm")).get(reverse("conferences:dashboard")).content.decode()
    assert reverse("governance:report_send", args=["conferences", _year()]) in dashboard


def test_each_strands_report_is_decided_by_paqa_with_a_reason_its_sender_reads(world, client_for):
    rnd = RoundFactory(name="Round 2026")
    audit = AgencyAuditFactory(agency=world.home, status="reported")
    practice = PracticeAuditFactory(lead=world.user("lead"), status="reported")
    review = CaseReviewFactory(status="completed", completed_on=dt.date(2026, 5, 1))
    paqa_body = SubCommittee.objects.get(code="paqa")
    chair_report = ChairReport.objects.create(
        plan=PlanFactory(), subcommittee=paqa_body, meeting=MeetingFactory(body=paqa_body, held_on=dt.date(2026, 9, 10)),
        activity="Two audits", outcomes="Fewer re-referrals", author=world.user("chair"),
    )  # fmt: skip
    board, _ = SubCommittee.objects.get_or_create(code="partnership", defaults={"name": "Partnership"})
    partnership = MeetingFactory(body=board, held_on=timezone.localdate() + dt.timedelta(days=20))
    sends = [
        ("ssm", "conferences", _year()),
        ("cdop", "cdop", _year()),
        ("bu", "section11", f"round-{rnd.pk}"),
        ("lead", "audits", f"agency-{audit.pk}"),
        ("lead", "audits", f"practice-{practice.pk}"),
        ("chair", "reviews", f"case-{review.pk}"),
        ("chair", "subcommittee", f"chair-report-{chair_report.pk}"),
    ]
    decisions = ["tabled", "circulated", "returned"]
    for n, (who, kind, ref) in enumerate(sends):
        assert _send(client_for(world.user(who)), kind, ref).status_code == 302, (who, kind)
        report = _sent(kind, ref)
        decision, reason = decisions[n % 3], f"Reason {n} for {kind}"
        paqa = client_for(world.user("paqa"))
        url = reverse("governance:report_decide", args=[report.pk])
        refused = paqa.post(url, {"decision": decision, "meeting": partnership.pk, "version": report.version})
        assert refused.status_code == 400, (kind, "a decision without a reason is refused")
        decided = paqa.post(
            url, {"decision": decision, "meeting": partnership.pk, "reasons": reason, "version": report.version}
        )
        assert decided.status_code == 302, (kind, decided.content.decode()[:300])
        report.refresh_from_db()
        assert (report.status, report.decision_reasons) == (decision, reason)
        seen = client_for(world.user(who)).get(report.get_absolute_url()).content.decode()
        assert reason in seen, (who, kind)
