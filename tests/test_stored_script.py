"""Stored script: text that people type is shown to others, never run.

The demo partnership is loaded (every strand), then every free-text field of every record
(names, titles, notes, feedback, learning, comments, action updates, narratives, the failed
login usernames in the security log, and their history) is overwritten with script,
event-handler and `javascript:` link payloads. Every page of the URL table is then opened by a
user allowed to see it, and the annual report's HTML is built, and each is parsed as a browser
would parse it: no <script> runs the payload, no on* attribute carries it, no link, form or
frame points at `javascript:`.
"""

import io
import uuid

import pytest
from django.apps import apps
from django.core.exceptions import MultipleObjectsReturned, ValidationError
from django.core.management import call_command
from django.db import IntegrityError, models, transaction
from django.urls import reverse

from bscp_portal.schedule import STRAND_APPS
from tests.access import all_routes
from tests.html import parse, tag

MARK = "pwn"  # every payload calls pwn(): finding it live anywhere is a hole
FULL = (
    'javascript:pwn()//"><script>pwn()</script><img src=x onerror="pwn()"><a href="javascript:pwn()">link</a>'
    " [md](javascript:pwn()) <svg onload=pwn()>"
)
SHORT = [
    "<script>pwn()</script>",
    "<img src=x onerror=pwn()>",
    '<a href="javascript:pwn()">x</a>',
    "javascript:pwn()//",
]
# Every app of the portal (paqa included), as settings.py installs them.
PORTAL_APPS = set(STRAND_APPS)
# Not typed text: codes and keys the portal looks records up by, formats it parses, secrets.
NOT_TYPED = {
    "password",
    "code",
    "slug",
    "key",
    "token",
    "token_hash",
    "secret",
    "period",
    "content_type",
    "sha256",
    "checksum",
    "history_type",
    "history_change_reason",
    "model",
    "object_id",
    "queue",
    "seed",
    "status",
    "kind",
    "path",
    "figure_url",  # the portal's own link to the figure a question is on (reverse()), not typed
    "task_id",
}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcdoc"}


def typed_fields(model) -> list:
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, (models.CharField, models.TextField))
        and not isinstance(f, (models.EmailField, models.URLField, models.SlugField))
        and not f.choices
        and not f.unique
        and not f.primary_key
        and f.name not in NOT_TYPED
        and not f.name.endswith(("_code", "_hash", "_key", "_token"))
        and (f.max_length or 10_000) >= min(len(p) for p in SHORT)
    ]


def plant() -> int:
    """Overwrite every typed text field of every record with a payload; how many fields."""
    planted = 0
    for model in apps.get_models():
        if model._meta.app_label not in PORTAL_APPS or model._meta.proxy or not model._meta.managed:
            continue
        for n, field in enumerate(typed_fields(model)):
            size = field.max_length or 10_000
            payload = FULL if size >= len(FULL) else SHORT[n % len(SHORT)]
            if len(payload) > size:
                payload = SHORT[-1]
            try:
                with transaction.atomic():
                    model._default_manager.update(**{field.name: payload})
            except IntegrityError:
                # Unique together with another field: one payload per row, told apart by its id.
                for pk in model._default_manager.values_list("pk", flat=True):
                    tagged = f"{payload[: size - 12]} {pk}"
                    with transaction.atomic():
                        model._default_manager.filter(pk=pk).update(**{field.name: tagged})
            planted += 1
    return planted


def live_payloads(html: str) -> list[str]:
    """What in the parsed page would run the payload."""
    found = []
    for element in parse(html).iter():
        name = tag(element)
        if name == "script":
            kind = (element.get("type") or "").lower()
            if MARK in (element.text or "") and kind not in ("application/json", "application/ld+json"):
                found.append(f"<script>{(element.text or '')[:60]}")
            if element.get("src", "").strip().lower().startswith("javascript:"):
                found.append("script src=javascript:")
        for attribute, value in element.attrib.items():
            attribute = str(attribute).split("}")[-1].lower()
            if attribute.startswith("on") and MARK in value:
                found.append(f"<{name} {attribute}={value[:40]!r}>")
            if attribute in URL_ATTRIBUTES and "".join(value.split()).lower().startswith("javascript:"):
                found.append(f"<{name} {attribute}={value[:40]!r}>")
    return found


READERS = ["bu", "cdop", "paqa", "chair", "board", "lead", "contributor", "ssm", "anon"]


@pytest.mark.django_db
def test_typed_text_is_never_live_on_any_page(world, client_for, settings):
    # A cache of its own, empty at the start (the health page checks that the cache works).
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"stored-script-{uuid.uuid4()}",
        }
    }
    call_command("seed_demo", stdout=io.StringIO())
    # Failed logins record what the visitor typed as the username.
    client_for(None).post(reverse("login"), {"username": FULL[:150], "password": "x"})
    routes = [r for r in all_routes() if r.method == "get"]
    url_for, collided = {}, []
    for route in routes:
        try:
            with transaction.atomic():
                url_for[route.name] = (route, reverse(route.name, kwargs=route.kwargs(world) if route.kwargs else {}))
        except (IntegrityError, MultipleObjectsReturned, ValidationError):  # its records collide with the demo data
            collided.append(route.name)
    assert len(collided) < 10, collided
    assert plant() > 50
    holes, opened, refused = {}, 0, []
    for name, (route, url) in sorted(url_for.items()):
        reader = next((k for k in READERS if route.expect.get(k) == 200), None)
        if reader is None:
            continue
        response = client_for(world.user(reader) if reader != "anon" else None).get(url + route.query)
        if response.status_code != 200:
            refused.append(f"{name}: {response.status_code}")
            continue
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        opened += 1
        found = live_payloads(response.content.decode())
        if found:
            holes[name] = found[:3]
    assert not holes, f"live payloads: {holes}"
    assert not refused, f"pages that did not open with typed text in every field: {refused}"
    assert opened > 60, f"only {opened} pages opened"


@pytest.mark.django_db
def test_narratives_are_never_live_in_the_annual_report(world):
    from annual_report.builder import render_children_html, render_html
    from annual_report.models import Narrative
    from annual_report.sections import SECTIONS

    for section in SECTIONS:
        text = "\n\n".join([FULL, *SHORT, "Narrative kept."])
        Narrative.objects.create(period="2024-25", section=section.key, text=text)
    html = render_html("2024-25", user=world.user("bu"))
    # The children's version has its own PDF; every other section's narrative is in the report.
    assert html.count("Narrative kept.") == sum(s.in_report for s in SECTIONS), "the narratives should be in the report"
    assert live_payloads(html) == []
    children = render_children_html("2024-25", user=world.user("bu"))
    assert "Narrative kept." in children, "the children's narrative should be in their version"
    assert live_payloads(children) == []


def test_the_checker_finds_each_kind_of_payload():
    """The check itself: each payload, left live, is found."""
    for payload in [*SHORT[:-1], FULL]:
        assert live_payloads(f"<p>{payload}</p>"), payload
    assert live_payloads(f'<a href="{SHORT[-1]}">x</a>')  # the bare one, where a template puts it in a link
    assert live_payloads('<a href=" JaVa\tScRiPt:pwn()">x</a>')
    assert not live_payloads("<p>&lt;script&gt;pwn()&lt;/script&gt;</p>")
    assert not live_payloads('<script type="application/json">{"a": "pwn()"}</script>')
