"""What an import plan is: every row's fate (new, changed old → new, unchanged, refused with its
reason), worked out before anything is written."""

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field

NEW, CHANGED, UNCHANGED, REFUSED = "new", "changed", "unchanged", "refused"
FATES = (NEW, CHANGED, UNCHANGED, REFUSED)
BATCH_SIZE = 2000


@dataclass
class Fate:
    row: int
    fate: str
    key: str
    changes: list = field(default_factory=list)  # [field, old, new]
    reason: str = ""

    def as_list(self) -> list:
        return [self.row, self.fate, self.key, self.changes, self.reason]


@dataclass
class Plan:
    kind: str
    fates: list[Fate] = field(default_factory=list)
    extra_columns: list[str] = field(default_factory=list)
    creates: list = field(default_factory=list)
    updates: list = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        tally = Counter(f.fate for f in self.fates)
        return {fate: tally.get(fate, 0) for fate in FATES}

    @property
    def writes(self) -> int:
        return len(self.creates) + len(self.updates)

    @property
    def fingerprint(self) -> str:
        """Identifies what confirming would write; a stale preview no longer matches."""
        digest = hashlib.sha256()
        for f in self.fates:
            if f.fate in (NEW, CHANGED):
                digest.update(json.dumps(f.as_list(), default=str).encode())
        return digest.hexdigest()
