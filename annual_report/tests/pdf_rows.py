"""Which table body rows of a rendered WeasyPrint document lie on more than one page.

A row that breaks across a page is laid out as two boxes for the same <tr>, one on each page;
a header row repeated at the top of each page of its table is the thead repeated by design and
is not counted. Rows are keyed by the element itself (kept alive here), not by a box id."""


def _text(box) -> str:
    if getattr(box, "text", None):
        return box.text
    return " ".join(t for t in (_text(c) for c in getattr(box, "children", None) or []) if t)


def split_rows(document) -> list[str]:
    """The text of each body row that appears on two or more pages of `document`."""
    pages_of: dict[int, tuple[object, set[int], str]] = {}

    def walk(box, page_no):
        if getattr(box, "is_header", False) or getattr(box, "is_footer", False):
            return
        if type(box).__name__ == "TableRowBox":
            _, pages, _ = pages_of.setdefault(id(box.element), (box.element, set(), _text(box)))
            pages.add(page_no)
            return
        for child in getattr(box, "children", None) or []:
            walk(child, page_no)

    for n, page in enumerate(document.pages):
        walk(page._page_box, n)
    return [text for _, pages, text in pages_of.values() if len(pages) > 1]


def body_row_count(document) -> int:
    seen = set()

    def walk(box):
        if getattr(box, "is_header", False) or getattr(box, "is_footer", False):
            return
        if type(box).__name__ == "TableRowBox":
            seen.add(id(box.element))
            return
        for child in getattr(box, "children", None) or []:
            walk(child)

    for page in document.pages:
        walk(page._page_box)
    return len(seen)
