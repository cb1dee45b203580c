"""The declared access table: one Route per URL name, with the answer each role must get.

Every app lists its routes in `<app>/tests/access_table.py` as `ROUTES`. The matrix test walks
every URL pattern the project defines and fails for any name without a Route, so a new page
cannot be added without saying who may open it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from conftest import ROLE_KEYS, ROLE_USERS

SIGNED_IN = list(ROLE_USERS)


@dataclass(frozen=True)
class Route:
    name: str
    expect: dict[str, int]
    kwargs: Callable | None = None  # world -> URL kwargs (may create records)
    method: str = "get"
    data: dict = field(default_factory=dict)
    query: str = ""

    def __post_init__(self):
        missing = set(ROLE_KEYS) - set(self.expect)
        if missing:
            raise ValueError(f"{self.name}: no expectation for {sorted(missing)}")


def signed_in(status: int = 200, **overrides: int) -> dict[str, int]:
    """Anonymous users go to the login page; every signed-in role gets `status` unless overridden."""
    table = {"anon": 302, **{key: status for key in SIGNED_IN}}
    table.update(overrides)
    return table


def only(allowed: list[str], status: int = 200, refused: int = 403) -> dict[str, int]:
    """`allowed` roles get `status`; other signed-in roles get `refused`."""
    return signed_in(refused, **{key: status for key in allowed})


def public(status: int = 200, **overrides: int) -> dict[str, int]:
    table = {key: status for key in ROLE_KEYS}
    table.update(overrides)
    return table


def all_routes() -> list[Route]:
    import importlib

    from bscp_portal.schedule import STRAND_APPS

    routes: list[Route] = []
    for app in ["bscp_portal", *STRAND_APPS]:
        try:
            module = importlib.import_module(f"{app}.tests.access_table")
        except ModuleNotFoundError as exc:
            if exc.name not in (f"{app}.tests.access_table", f"{app}.tests"):
                raise
            continue
        routes.extend(module.ROUTES)
    return routes
