"""What an import file holds, described once per importer: the template people download, the
sheet explaining its columns, and the words an importer answers a refused value with.

An importer lists its columns as `ImportColumn`s in an `ImportFormat`. From that one description:
- `template_response(fmt)`: a CSV or XLSX template with the header and example rows (the XLSX
  also has a "Columns" sheet saying what each column takes), written by `exports.py`;
- `choice_from_text(text, choices, column)`: a choice given by its code or its label, in any
  case; a refused value is answered with the labels, as people write them.
Column titles are words ("Period start"); an importer reads them trimmed, lower-cased, spaces
as `_` (`period_start`), so a template's header and its older code-named header both work.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from bscp_portal.lib import exports


def column_key(title: str) -> str:
    """The key an importer reads a column by: "Period start" -> "period_start"."""
    return re.sub(r"[\s\-]+", "_", title.strip().lower())


def one_of(labels: Iterable[str]) -> str:
    """Words as a list to choose from: "Count, Percentage or Days"."""
    labels = [str(label) for label in labels]
    if len(labels) < 2:
        return "".join(labels)
    return f"{', '.join(labels[:-1])} or {labels[-1]}"


def choice_from_text(text: str, choices: Sequence[tuple], column: str, *, aliases: dict | None = None) -> str:
    """The stored code of the choice `text` names, by code or label, in any case.

    A value that names none raises ValueError naming the column and the labels to write."""
    wanted = " ".join(str(text).split()).lower()
    if aliases and wanted in aliases:
        return aliases[wanted]
    for value, label in choices:
        if wanted in (str(value).lower(), str(label).lower()):
            return value
    raise ValueError(f'{column}: "{text}" is not one of the choices. Write {one_of(label for _, label in choices)}.')


@dataclass(frozen=True)
class ImportColumn:
    """One column of an import file, as the template and its "Columns" sheet show it."""

    title: str
    required: str  # "Yes", "No", or when it is needed, in words
    meaning: str
    accepted: str = ""  # the values accepted, in words ("Count, Percentage or Days")
    examples: tuple = ()  # one value per example row

    @property
    def key(self) -> str:
        return column_key(self.title)


#: The "Columns" sheet of an XLSX template.
EXPLAINED = [
    exports.Column("Column", lambda c: c.title),
    exports.Column("Required", lambda c: c.required),
    exports.Column("What to put in it", lambda c: c.meaning),
    exports.Column("Accepted values", lambda c: c.accepted),
    exports.Column("Example", lambda c: c.examples[0] if c.examples else ""),
]


@dataclass(frozen=True)
class ImportFormat:
    """An importer's file: its columns, in the template's order, and its example rows."""

    name: str  # the template's file name, e.g. "scorecard-measurements-template"
    sheet: str  # the sheet the importer reads in an XLSX workbook
    columns: tuple[ImportColumn, ...] = field(default_factory=tuple)

    @property
    def titles(self) -> list[str]:
        return [c.title for c in self.columns]

    def example_rows(self) -> list[list]:
        count = max((len(c.examples) for c in self.columns), default=0)
        return [[c.examples[i] if i < len(c.examples) else "" for c in self.columns] for i in range(count)]

    def title_of(self, key: str) -> str:
        """A column's title from the key an importer reads it by ("period_start" -> "Period start")."""
        return next((c.title for c in self.columns if c.key == key), key.replace("_", " ").capitalize())

    def template_response(self, fmt: str):
        """The template as a download: header and example rows; in XLSX a "Columns" sheet too."""
        return exports.respond(
            fmt=fmt,
            filename=self.name,
            columns=exports.positional(self.titles),
            rows=self.example_rows(),
            sheet=self.sheet,
            more_sheets=[("Columns", EXPLAINED, self.columns)],
        )
