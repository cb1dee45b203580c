from django.apps import AppConfig


class CdopConfig(AppConfig):
    name = "cdop"
    verbose_name = "Child deaths"

    def ready(self):
        from cdop import demo, framework, routing, services, summary
        from partnership.registry import NavItem, ThemeSource, registry

        # Everyone signed in sees the (suppressed) statistics; case pages check membership.
        registry.add_strand(
            "cdop",
            80,
            nav=NavItem("Child deaths", "cdop:index", 80, visible=lambda user: user.is_authenticated),
            home_panel=_home_panel,
            framework=framework.load,
            demo=demo.seed,
            report_source=routing.candidates,
            retention=("cases' details anonymised", services.cases_anonymise),
            theme_sources=(ThemeSource("cdop", "Child death reviews", 60, summary.theme_counts),),
        )


def _home_panel(user):
    """For panel members: cases waiting for panel review, and how many are over target."""
    from django.utils import timezone

    from cdop import rules, selectors
    from cdop.models import Death
    from partnership.access import is_cdop_member

    if not is_cdop_member(user):
        return None
    waiting = Death.objects.for_user(user).filter(status__in=rules.WAITING)
    return (
        "cdop/includes/home_panel.html",
        {
            "waiting": waiting.count(),
            "over": waiting.filter(selectors.waiting_over_target_q(timezone.localdate())).count(),
            "target_days": selectors.target_days(),
        },
    )
