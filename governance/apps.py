from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    """Partnership performance: business plan, budget, attendance, training, members' rating,
    practitioner voice and report routing through PAQA (a sibling of `partnership`, which keeps
    agencies, people and access)."""

    name = "governance"
    verbose_name = "Partnership performance"
