"""Import plans: every row's fate (new, changed old → new, unchanged, refused with its reason)
worked out before anything is written, then written in one transaction.

Shared by the upload pages and the `import_indicators` / `import_measurements` commands, and by
the DfE benchmark upload (which turns a DfE file into measurement rows first).
"""

from django.db import transaction

from scorecard.importing.indicators import apply_indicators
from scorecard.importing.measurements import apply_measurements
from scorecard.importing.plan import Plan


@transaction.atomic
def apply_plan(plan: Plan, *, user, reason: str) -> dict[str, int]:
    """Write every new and changed row in one transaction (refused rows are left out)."""
    if plan.kind == "indicators":
        apply_indicators(plan, user=user, reason=reason)
    else:
        apply_measurements(plan, user=user, reason=reason)
    return plan.counts
