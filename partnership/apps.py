from partnership.registry import NavItem, Retention, StrandConfig


class PartnershipConfig(StrandConfig):
    name = "partnership"
    verbose_name = "Partnership"
    nav = NavItem("Agencies", "partnership:index", 90)
    order = 10
    lookups = (
        ("SubCommittee", {"own_page": "partnership:index"}),
        "OutcomeArea",
        "QAQuadrant",
        "RiskTheme",
        "LearningTheme",
    )
    hooks = (
        Retention("partnership", "security-log rows and login attempts deleted", "services.security_log_prune"),
        Retention("exports", "exports built in the background deleted", "export_jobs.export_jobs_prune"),
    )

    def ready(self):
        from bscp_portal.lib import exports, history

        history.install()
        from partnership import security  # noqa: F401  (signal receivers)
        from partnership.export_views import queue_export

        super().ready()
        # An export over EXPORT_BACKGROUND_ROWS rows becomes a job with its own page.
        exports.send_large_exports_to(queue_export)
