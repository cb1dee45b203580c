"""Shared steps for browser journeys: sign in through the real login form, check with axe-core."""

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from partnership.tests.factories import PASSWORD

_axe = Axe()
SERIOUS = {"serious", "critical"}


def sign_in(page, live_server, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state("networkidle")


def sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state("networkidle")


def switch(page, live_server, username: str) -> None:
    """Another person at the same browser: the session is dropped and they sign in."""
    page.context.clear_cookies()
    sign_in(page, live_server, username)


def open_signed_in(page, live_server, username: str, path: str) -> None:
    """Signs in as `username` and opens `path`, checked with axe."""
    sign_in(page, live_server, username)
    page.goto(f"{live_server.url}{path}")
    assert_accessible(page)


def press(page, button: str, says: str) -> None:
    """Presses the button and waits for the page's message to say `says`."""
    page.get_by_role("button", name=button).click()
    expect(page.get_by_role("status").first).to_contain_text(says)


def assert_accessible(page) -> None:
    """axe-core on the current page: no serious or critical violations."""
    page.wait_for_load_state("load")
    results = _axe.run(page)
    bad = [v for v in results.response["violations"] if v.get("impact") in SERIOUS]
    summary = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}" for v in bad
    )
    assert not bad, f"axe found serious accessibility problems on {page.url}:\n{summary}"
