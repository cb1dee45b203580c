from partnership.registry import NavItem, StrandConfig


class PaqaConfig(StrandConfig):
    """PAQA's own work: the question log on figures, the yearly dataset review and the meeting
    pack. Reads other strands through their `summary`/`services` modules and figures through
    partnership.registry; no strand imports this app."""

    name = "paqa"
    verbose_name = "PAQA"
    nav = NavItem("PAQA", "paqa:board", 89, visible="access.sees_board", match="/paqa/")
    # After every strand's demo data: the quarter PAQA looks at.
    seed_order = 95

    def ready(self):
        from paqa import selectors
        from partnership.registry import DatasetReviewHooks, registry

        super().ready()
        registry.figure_questions = selectors.questions_on_figures
        registry.figure_question_counts = selectors.question_markers
        registry.dataset_review = DatasetReviewHooks(selectors.retired_excluded, selectors.review_note)
