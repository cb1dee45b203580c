"""The sign-off gate as a pure rule: every reason a version cannot be approved yet."""

import datetime as dt

from annual_report.gate import APPROVAL, BUILD, NARRATIVE, SIGN_OFF, NarrativeState, Partner, approval_blockers

T0 = dt.datetime(2025, 5, 1, 9, 0)
BUILT = T0 + dt.timedelta(hours=1)


def approved(key="a", writer=1, approver=2, at=T0):
    return NarrativeState(key, key.upper(), "approved", True, writer, approver, at)


PARTNERS = [Partner(10, "Council", True), Partner(11, "Police", True), Partner(12, "ICB", True)]


def blockers(narratives, partners=PARTNERS, generator=1, approver=3, **kw):
    return approval_blockers(
        finished=kw.get("finished", True),
        already_approved=kw.get("already_approved", False),
        narratives=narratives,
        partners=partners,
        generator_id=generator,
        built_at=BUILT,
        approver_id=approver,
    )


def test_it_approves_when_everything_is_in_place():
    assert blockers([approved("a"), approved("b")]) == []


def test_it_refuses_an_unwritten_narrative():
    [b] = blockers([NarrativeState("a", "Foreword", "", False)])
    assert b.kind == NARRATIVE and b.key == "a" and "no narrative written" in b.message


def test_it_refuses_a_submitted_but_unapproved_narrative():
    [b] = blockers([NarrativeState("a", "A", "submitted", True, 1)])
    assert b.kind == APPROVAL and "waiting for approval" in b.message


def test_it_refuses_a_narrative_approved_by_its_writer():
    [b] = blockers([approved(writer=2, approver=2)])
    assert "its own writer" in b.message


def test_it_refuses_a_narrative_approved_by_the_generator():
    [b] = blockers([approved(writer=5, approver=1)], generator=1)
    assert "generated this version" in b.message


def test_it_refuses_a_narrative_approved_after_the_build():
    [b] = blockers([approved(at=BUILT + dt.timedelta(seconds=1))])
    assert b.kind == BUILD and "generate a new version" in b.message


def test_it_names_each_partner_still_to_sign():
    partners = [Partner(10, "Council", True), Partner(11, "Police", False), Partner(12, "ICB", False)]
    found = blockers([approved()], partners=partners)
    assert [b.message for b in found] == ["Sign-off outstanding from Police.", "Sign-off outstanding from ICB."]
    assert all(b.kind == SIGN_OFF for b in found)


def test_it_refuses_when_no_partner_is_recorded():
    [b] = blockers([approved()], partners=[])
    assert "No statutory safeguarding partners" in b.message


def test_the_generator_may_not_approve_the_version():
    [b] = blockers([approved()], generator=3, approver=3)
    assert "You generated this version" in b.message


def test_an_unfinished_or_approved_version_says_so_alone():
    assert [b.message for b in blockers([], finished=False)] == ["Only a finished report can be approved."]
    assert [b.message for b in blockers([], already_approved=True)] == ["This version is already approved."]
