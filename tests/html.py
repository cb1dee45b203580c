"""Read pages as a browser would: an HTML5 parser (tinyhtml5, which WeasyPrint already brings)."""

import tinyhtml5

NS = "{http://www.w3.org/1999/xhtml}"


def parse(html: str | bytes):
    """The document's root element, parsed by the HTML5 algorithm browsers use."""
    return tinyhtml5.parse(html.decode() if isinstance(html, bytes) else html)


def tag(element) -> str:
    return str(element.tag).removeprefix(NS)


def find_all(root, name: str) -> list:
    return [e for e in root.iter() if tag(e) == name]


def text(element) -> str:
    """The element's text content, whitespace collapsed."""
    return " ".join("".join(element.itertext()).split())


def shown_again(response, *on_the_page: str, status: int = 200) -> str:
    """A form shown again after a refusal: the response has `status` and its page holds each of
    `on_the_page` (the reason, what was typed); returns the page."""
    assert response.status_code == status
    page = response.content.decode()
    for words in on_the_page:
        assert words in page, f"{words!r} is not on the page"
    return page
