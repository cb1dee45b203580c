from django.apps import AppConfig


class PartnershipConfig(AppConfig):
    name = "partnership"
    verbose_name = "Partnership"

    def ready(self):
        from bscp_portal.lib import exports, history

        history.install()
        from partnership import (
            demo,
            framework,
            security,  # noqa: F401  (signal receivers)
        )
        from partnership.export_jobs import export_jobs_prune
        from partnership.export_views import queue_export
        from partnership.models import LearningTheme, OutcomeArea, QAQuadrant, RiskTheme, SubCommittee
        from partnership.registry import LookupList, NavItem, Retention, Step, registry
        from partnership.services import security_log_prune

        registry.add_nav(NavItem("Agencies", "partnership:index", 90))
        registry.add_framework_loader(Step("partnership", 10, framework.load))
        registry.add_demo_seeder(Step("partnership", 10, demo.seed))
        registry.add_lookup(LookupList(SubCommittee, "Partnership", 10, own_page="partnership:index"))
        for model in (OutcomeArea, QAQuadrant, RiskTheme, LearningTheme):
            registry.add_lookup(LookupList(model, "Partnership", 10))
        registry.add_retention(
            Retention("partnership", "security-log rows and login attempts deleted", security_log_prune)
        )
        registry.add_retention(Retention("exports", "exports built in the background deleted", export_jobs_prune))
        # An export over EXPORT_BACKGROUND_ROWS rows becomes a job with its own page.
        exports.send_large_exports_to(queue_export)
