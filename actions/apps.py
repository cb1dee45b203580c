from partnership.registry import NavItem, StrandConfig


class ActionsConfig(StrandConfig):
    name = "actions"
    verbose_name = "Actions"
    nav = NavItem("Actions", "actions:index", 20)
    panel = "home.render"
    panel_key = "my-actions"
