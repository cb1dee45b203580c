from django.apps import AppConfig


class CdopConfig(AppConfig):
    name = "cdop"
    verbose_name = "Child deaths"

    def ready(self):
        from cdop import demo, framework, routing, services
        from cdop.models import Area, Category, Ethnicity, FactorDomain
        from partnership.registry import HomePanel, LookupList, NavItem, ReportSource, Retention, Step, registry

        # Everyone signed in sees the (suppressed) statistics; case pages check membership.
        registry.add_nav(NavItem("Child deaths", "cdop:index", 80, visible=lambda user: user.is_authenticated))
        registry.add_home_panel(HomePanel("cdop", 80, _home_panel))
        registry.add_framework_loader(Step("cdop", 80, framework.load))
        registry.add_demo_seeder(Step("cdop", 80, demo.seed))
        registry.add_lookup(LookupList(Category, "Child deaths", 80, extra_fields=("number",)))
        for model in (FactorDomain, Ethnicity, Area):
            registry.add_lookup(LookupList(model, "Child deaths", 80))
        registry.add_report_source(ReportSource("cdop", 80, routing.candidates))
        registry.add_retention(Retention("cdop", "cases' details anonymised", services.cases_anonymise))
        from cdop import summary
        from partnership.registry import ThemeSource

        registry.add_theme_source(ThemeSource("cdop", "Child death reviews", 60, summary.theme_counts))


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
