from django.apps import AppConfig


class PaqaConfig(AppConfig):
    """PAQA's own work: the question log on figures, the yearly dataset review and the meeting
    pack. Reads other strands through their `summary`/`services` modules and figures through
    partnership.registry; no strand imports this app."""

    name = "paqa"
    verbose_name = "PAQA"

    def ready(self):
        from paqa import demo, selectors
        from partnership.access import BOARD, BUSINESS_UNIT, PAQA, has_role
        from partnership.registry import DatasetReviewHooks, NavItem, Step, registry

        registry.add_nav(
            NavItem("PAQA", "paqa:board", 89, visible=lambda u: has_role(u, PAQA, BUSINESS_UNIT, BOARD), match="/paqa/")
        )
        registry.figure_questions = selectors.questions_on_figures
        registry.figure_question_counts = selectors.question_markers
        registry.dataset_review = DatasetReviewHooks(selectors.retired_excluded, selectors.review_note)
        # After every strand's demo data: the quarter PAQA looks at.
        registry.add_demo_seeder(Step("paqa", 95, demo.seed))
