"""The compliance matrix as CSV and XLSX, built from the same access-checked matrix as the page."""

from bscp_portal.lib.exports import choice_labels, positional, respond
from section11 import scoring
from section11.models import Return


def matrix_rows(matrix) -> tuple[list[str], list[list]]:
    """The header (one rating and one "agreed" column per standard) and a row per agency."""
    header = ["Agency", "Agency type", "Section 11 duty", "Return status"]
    for s in matrix.standards:
        header += [f"S{s.number} rating", f"S{s.number} agreed"]
    header += ["Compliance %", "Previous round %", "Change (points)"]
    rows = []
    statuses = choice_labels(Return, "status")
    for r in matrix.rows:
        line = [r.agency, r.kind, r.duty, statuses.get(r.status, r.status) if r.status else "Not started"]
        for c in r.cells:
            line += [scoring.label(c.rating) if c.rating else "", c.agreed]
        line += [r.score, r.previous_score, r.change]
        rows.append(line)
    return header, rows


def matrix_response(matrix, *, stem: str, fmt: str):
    header, rows = matrix_rows(matrix)
    return respond(fmt=fmt, filename=stem, columns=positional(header), rows=rows, sheet="Compliance matrix")
