"""Every page and export speaks words: walked as every demo role over the demo data.

Each URL the access table declares is opened (GET) as each demo role; where the role may open it,
its visible text (scripts, styles and attributes left out, read by the HTML5 parser) must hold no
field code (`icpc_15wd`, `local_cspr`), no constant (`NOT_RATED`), no "None" as a value and no
"---------"; an export's header row must hold no code, and no cell may hold a choice's code
where its label belongs.
"""

import csv
import io
import re

import openpyxl
import pytest
from django.apps import apps
from django.urls import reverse

from bscp_portal.schedule import STRAND_APPS
from conftest import World, sign_in_quickly
from tests.access import all_routes
from tests.html import parse, tag

# One test process walks this module, so the demo below is seeded once (pytest-xdist --dist loadgroup).
pytestmark = pytest.mark.xdist_group("plain-words")

#: A word made of words joined by underscores (`icpc_15wd`, `cp_activity`) or a constant.
CODE = re.compile(r"(?<![\w/.@-])(?:[a-z][a-z0-9]*(?:_[a-z0-9]+)+|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)(?![\w/@-])(?!\.\w)")
#: "None" as a value: Python's None printed where a person expects a value or a blank. "None
#: recorded yet", "None: every row was eligible" and "None." are English, not a printed None.
NONE = re.compile(r"(?<![\w-])None(?![\w:.-])(?!\s+[a-z])")
#: A cell of an export in lower case joined by underscores is a code (`two_of_three`); an
#: upper-case one (an indicator's code) is a record's reference, like a case reference.
LOWER_CODE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)+")
#: The empty choice Django puts first in a select when nothing names it.
DASHES = "---------"
#: Elements whose text is not read by a person, and <code>, which shows a record's reference
#: (an indicator's code, as typed in an import file) as a reference.
HIDDEN = {"script", "style", "template", "noscript", "head", "code"}

#: The demo user that plays each role of the access table.
DEMO_USERS = {
    "bu": "bu",
    "paqa": "paqa",
    "chair": "chair",
    "board": "board",
    "lead": "police-lead",
    "contributor": "school-contributor",
    "cdop": "cdop",
    "ssm": "ssm",
}

#: Pages that are not the portal's own words.
SKIP_NAMES = {"logout", "metrics"}

GET_ROUTES = [r for r in all_routes() if r.method == "get" and r.name not in SKIP_NAMES]


def page_root(html):
    """The parsed page: `html` parsed, or already parsed (each page is parsed once for every check)."""
    return parse(html) if isinstance(html, (str, bytes)) else html


def visible_text(html) -> str:
    """What a person reads on the page: text outside scripts, styles and attributes, and the
    text of each <option> (a select's choices are read too)."""
    parts: list[str] = []

    def walk(element):
        if tag(element) in HIDDEN:
            return
        if element.text:
            parts.append(element.text)
        for child in element:
            walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(page_root(html))
    return " ".join(" ".join(parts).split())


#: The DfE's symbols for a figure not shown; each needs its meaning on the page and in a title.
SYMBOLS = {"c", "u", "z", ":", "x"}
CELLS = {"td", "th", "dd"}


def problems_in_symbols(html) -> list[str]:
    """A table cell holding only a DfE symbol must say what it means in a title (the `symbol`
    filter), and a page showing one must carry the note explaining them (symbols_note.html)."""
    root = page_root(html)
    found = []
    marked = False
    for element in root.iter():
        if tag(element) == "abbr" and "symbol" in (element.get("class") or "").split():
            marked = True
        if tag(element) in CELLS and "".join(element.itertext()).strip() in SYMBOLS:
            titled = element.get("title") or any(e.get("title") for e in element.iter() if e is not element)
            if not titled:
                found.append(
                    f"a {tag(element)} shows {''.join(element.itertext()).strip()!r} with no title saying what it means"
                )
    if marked and not any(e.get("id") == "symbols-note" for e in root.iter()):
        found.append("symbols are shown without the note explaining them (includes/symbols_note.html)")
    return found


def problems_in_text(text: str) -> list[str]:
    """The codes, "None" values and dashes in a piece of visible text, each with its context."""
    found = []
    for match in CODE.finditer(text):
        found.append(f"code {match.group()!r} in …{text[max(0, match.start() - 40) : match.end() + 40]}…")
    for match in NONE.finditer(text):
        found.append(f'"None" in …{text[max(0, match.start() - 40) : match.end() + 40]}…')
    if DASHES in text:
        at = text.index(DASHES)
        found.append(f'"---------" in …{text[max(0, at - 40) : at + 40]}…')
    return found


#: Codes a cell may hold as they are: the writer's yes/no for a flag (docs/formats.md), and the
#: DfE's one-character symbols (c, u, z, :, x), which the DfE and the portal publish as written.
PLAIN_CELLS = {"yes", "no"}


def is_code(cell: str) -> bool:
    """Whether a cell equal to a choice's code reads as that code: not a number (a score such as
    the NCMD's "1*" included), a DfE symbol or the writer's yes/no."""
    return len(cell) > 1 and cell not in PLAIN_CELLS and not cell.lstrip("-").replace(".", "").rstrip("*").isdigit()


def choice_codes() -> dict[str, str]:
    """Every model choice whose stored code differs from its label: code -> label."""
    codes: dict[str, str] = {}
    for model in apps.get_models():
        if model.__module__.split(".")[0] not in PORTAL_APPS:
            continue
        for f in model._meta.get_fields():
            for value, label in getattr(f, "flatchoices", None) or []:
                if isinstance(value, str) and value and str(label) != value:
                    codes.setdefault(value, str(label))
    return codes


PORTAL_APPS = set(STRAND_APPS)


def export_rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if response["Content-Type"].startswith("text/csv"):
        return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    book = openpyxl.load_workbook(io.BytesIO(body), read_only=True)
    rows = []
    for sheet in book.worksheets:
        rows.extend([["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)])
    return rows


def problems_in_export(rows: list[list[str]], codes: dict[str, str]) -> list[str]:
    if not rows:
        return []
    found = [f"header: {p}" for title in rows[0] for p in problems_in_text(title)]
    seen = set()
    for n, row in enumerate(rows[1:], start=2):
        for col, cell in enumerate(row):
            if cell in codes and is_code(cell) and (col, cell) not in seen:
                seen.add((col, cell))
                title = rows[0][col] if col < len(rows[0]) else col
                found.append(f"row {n}, column {title!r}: code {cell!r} where its label {codes[cell]!r} belongs")
            elif LOWER_CODE.fullmatch(cell or "") and (col, cell) not in seen:
                seen.add((col, cell))
                found.append(f"row {n}, column {rows[0][col] if col < len(rows[0]) else col!r}: code {cell!r}")
    return found


@pytest.fixture
def demo_world(demo, db):
    """The access table's world, played by the demo users: home is the police lead's agency."""
    from django.contrib.auth import get_user_model

    users = {key: get_user_model().objects.get(username=name) for key, name in DEMO_USERS.items()}
    home = users["lead"].agency
    other = get_user_model().objects.get(username="health-lead")
    return World(home=home, other=other.agency, users=users, other_lead=other)


@pytest.mark.parametrize("route", GET_ROUTES, ids=lambda r: f"{r.name}{r.query}")
def test_every_page_and_export_speaks_words(route, demo_world, client):
    codes = choice_codes()
    kwargs = route.kwargs(demo_world) if route.kwargs else {}
    url = reverse(route.name, kwargs=kwargs) + route.query
    found = []
    opened = 0
    for key in DEMO_USERS:
        sign_in_quickly(client, demo_world.user(key))
        response = client.get(url)
        if response.status_code != 200:
            continue
        opened += 1
        kind = response.get("Content-Type", "")
        if kind.startswith("text/html"):
            root = parse(response.content)
            found += [f"{key}: {p}" for p in problems_in_text(visible_text(root))]
            found += [f"{key}: {p}" for p in problems_in_symbols(root)]
        elif kind.startswith(("text/csv", "application/vnd.openxmlformats")):
            found += [f"{key}: {p}" for p in problems_in_export(export_rows(response), codes)]
        if found:
            break  # one role's findings are enough to fix the page
    assert not found, f"{url}:\n" + "\n".join(dict.fromkeys(found))


# --- the checks themselves ---------------------------------------------------------------------


def test_visible_text_leaves_out_scripts_styles_and_attributes():
    html = (
        '<html><head><title>t_t</title><style>.a_b{}</style></head><body data-x="icpc_15wd">'
        '<script>var NOT_RATED = 1;</script><p title="local_cspr">Shown <code>CP_ICPC_15WD</code></p></body></html>'
    )
    assert visible_text(html) == "Shown"


@pytest.mark.parametrize(
    "text",
    ["icpc_15wd", "Kind: cp_activity", "NOT_RATED", "Owner: None", "by None Sign off", "---------", "local_cspr."],
)
def test_it_finds_codes_none_and_dashes(text):
    assert problems_in_text(text)


@pytest.mark.parametrize(
    "text",
    [
        "Not rated",
        "Initial conference within 15 working days",
        "e-mail me@x_y.org",
        "/scorecard/a_b/",
        "Nonetheless",
        "None recorded yet.",
        "None: every row was eligible.",
    ],
)
def test_it_passes_plain_words(text):
    assert not problems_in_text(text)


def test_an_export_with_a_code_in_a_choice_cell_fails():
    rows = [["Status", "Title"], ["draft", "A draft"]]
    assert problems_in_export(rows, {"draft": "Draft"})
    assert not problems_in_export([["Status"], ["Draft"]], {"draft": "Draft"})


def test_a_bare_symbol_in_a_cell_fails_and_a_titled_one_needs_the_note():
    assert problems_in_symbols("<table><tr><td>c</td></tr></table>")
    titled = '<table><tr><td><abbr class="symbol" title="c: suppressed">c</abbr></td></tr></table>'
    assert problems_in_symbols(titled) == [
        "symbols are shown without the note explaining them (includes/symbols_note.html)"
    ]
    assert not problems_in_symbols(titled + '<p id="symbols-note">c means suppressed</p>')


def test_the_symbol_filter_titles_each_symbol_and_the_note_explains_them():
    from django.template import Context, Template

    html = Template(
        "{% load portal %}<table><tr><td>{{ a|symbol }}</td><td>{{ b|symbol }}</td><td>{{ n|symbol }}</td></tr></table>"
        '{% include "includes/symbols_note.html" %}'
    ).render(Context({"a": "c", "b": ":", "n": 12}))
    assert not problems_in_symbols(html)
    assert 'title="c means suppressed: a small number (1 to 5)' in html and 'title=": means not available' in html
    assert "<td>12</td>" in html
    note = visible_text(html)
    assert "c means suppressed" in note and "z means not applicable" in note and ": means not available" in note


def test_an_export_passes_references_numbers_flags_and_symbols():
    rows = [["Indicator code", "Count", "Overdue", "Value"], ["CP_ICPC_15WD", "1", "yes", "c"]]
    assert not problems_in_export(rows, {"1": "1 – no factors", "yes": "Yes, it helped"})
    assert problems_in_export([["Direction"], ["no_comparison"]], {})


def test_an_export_with_a_code_in_its_header_fails():
    assert problems_in_export([["due_date"]], {})
