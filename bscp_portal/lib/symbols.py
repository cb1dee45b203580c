"""The DfE's symbols for a figure that is not shown (c, u, z, :, x), explained where they appear.

Every page that prints a figure passes it through `symbol` (the template filter of the same name
in `portal`), which gives a symbol a title saying what it means; the page carries the short note
`includes/symbols_note.html`, which explains them all.
"""

from django.conf import settings
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString


def meanings() -> dict[str, str]:
    """What each symbol means, in words (the suppression threshold from settings)."""
    most = getattr(settings, "SUPPRESSION_MAX", 5)
    return {
        "c": f"suppressed: a small number (1 to {most}), or one that would reveal it, is hidden so that no one can be "
        "identified",
        "z": "not applicable: there is nothing to count",
        ":": "not available: the figure was not collected or not published",
        "x": "not available (the DfE's older symbol for :)",
        "u": "low reliability",
    }


def mark(value) -> SafeString:
    """A figure as HTML: a symbol inside an <abbr> titled with its meaning; anything else escaped."""
    text = "" if value is None else str(value)
    meaning = meanings().get(text.strip())
    if meaning is None:
        return conditional_escape(value if value is not None else "")
    return format_html('<abbr class="symbol" title="{} means {}">{}</abbr>', text.strip(), meaning, text.strip())
