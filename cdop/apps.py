from partnership.registry import NavItem, Retention, StrandConfig, ThemeSource


class CdopConfig(StrandConfig):
    name = "cdop"
    verbose_name = "Child deaths"
    # Everyone signed in sees the (suppressed) statistics; case pages check membership.
    nav = NavItem("Child deaths", "cdop:index", 80, visible="apps.signed_in")
    panel = "apps._home_panel"
    lookups = (("Category", {"extra_fields": ("number",)}), "FactorDomain", "Ethnicity", "Area")
    hooks = (
        Retention("cdop", "cases' details anonymised", "services.cases_anonymise"),
        ThemeSource("cdop", "Child death reviews", 60, "summary.theme_counts"),
    )


def signed_in(user) -> bool:
    return user.is_authenticated


def _home_panel(user):
    """For panel members: cases waiting for panel review, and how many are over target."""
    from django.utils import timezone

    from cdop import rules, selectors
    from cdop.models import Death
    from partnership.access import is_cdop_member

    if not is_cdop_member(user):
        return _requests_panel(user)
    waiting = Death.objects.for_user(user).filter(status__in=rules.WAITING)
    return (
        "cdop/includes/home_panel.html",
        {
            "waiting": waiting.count(),
            "over": waiting.filter(selectors.waiting_over_target_q(timezone.localdate())).count(),
            "target_days": selectors.target_days(),
        },
    )


def _requests_panel(user):
    """For an agency's designated person: the panel's requests waiting for their answer."""
    from cdop.models import InformationRequest

    waiting = InformationRequest.objects.for_user(user).filter(answered_on__isnull=True).count()
    if not waiting:
        return None
    return ("cdop/includes/requests_panel.html", {"waiting": waiting})
