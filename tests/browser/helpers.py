"""Shared steps for browser journeys: sign in through the real login form, check with axe-core."""

from axe_playwright_python.sync_playwright import Axe

from partnership.tests.factories import PASSWORD

_axe = Axe()
SERIOUS = {"serious", "critical"}


def sign_in(page, live_server, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state("networkidle")


def assert_accessible(page) -> None:
    """axe-core on the current page: no serious or critical violations."""
    page.wait_for_load_state("load")
    results = _axe.run(page)
    bad = [v for v in results.response["violations"] if v.get("impact") in SERIOUS]
    summary = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}" for v in bad
    )
    assert not bad, f"axe found serious accessibility problems on {page.url}:\n{summary}"
