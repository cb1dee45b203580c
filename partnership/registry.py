"""Hooks strand apps register in their AppConfig.ready(), so that the foundation never
imports a strand: navigation entries, home-page panels, framework loaders, demo seeders."""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    order: int
    visible: Callable = lambda user: True  # noqa: E731
    match: str = ""  # URL prefix that marks the item as current


@dataclass(frozen=True)
class HomePanel:
    """A panel on a person's home page: `render(user)` returns (template, context) or None."""

    key: str
    order: int
    render: Callable


@dataclass(frozen=True)
class Step:
    """A loader or seeder, run in `order` by load_framework / seed_demo."""

    name: str
    order: int
    run: Callable


@dataclass
class Registry:
    nav: list[NavItem] = field(default_factory=list)
    home_panels: list[HomePanel] = field(default_factory=list)
    framework_loaders: list[Step] = field(default_factory=list)
    demo_seeders: list[Step] = field(default_factory=list)

    def add_nav(self, item: NavItem) -> None:
        self.nav = sorted([i for i in self.nav if i.url_name != item.url_name] + [item], key=lambda i: i.order)

    def add_home_panel(self, panel: HomePanel) -> None:
        self.home_panels = sorted([p for p in self.home_panels if p.key != panel.key] + [panel], key=lambda p: p.order)

    def add_framework_loader(self, step: Step) -> None:
        self.framework_loaders = sorted(
            [s for s in self.framework_loaders if s.name != step.name] + [step], key=lambda s: s.order
        )

    def add_demo_seeder(self, step: Step) -> None:
        self.demo_seeders = sorted(
            [s for s in self.demo_seeders if s.name != step.name] + [step], key=lambda s: s.order
        )


registry = Registry()
