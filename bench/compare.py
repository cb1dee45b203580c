"""Compare the query counts of two bench runs at different scales: every page and export must
make the same number of queries whatever the amount of data (no query per row or per year).

    python -m bench.compare var/bench-0.1.json var/bench.json

Prints both counts and times side by side; exits 1 when a count differs or a page is missing.
"""

import json
import sys
from pathlib import Path


def differences(small: dict, large: dict) -> list[str]:
    """Names of the pages whose query counts differ (or that only one run measured)."""
    pages = [n for n in {**small, **large} if "queries" in small.get(n, large.get(n, {}))]
    problems = []
    for name in pages:
        a, b = small.get(name, {}).get("queries"), large.get(name, {}).get("queries")
        if a is None or b is None:
            problems.append(f"{name}: measured in only one run")
        elif a != b:
            problems.append(f"{name}: {a} queries at the small scale, {b} at the large")
    return problems


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    small, large = (json.loads(Path(p).read_text()) for p in argv)
    print(f"\n{'page':<42} {'queries':>8} {'queries':>8} {'p95 ms':>8} {'p95 ms':>8}")
    print(f"{'':<42} {'small':>8} {'large':>8} {'small':>8} {'large':>8}")
    for name in [n for n in large if "queries" in large[n]]:
        s, b = small.get(name, {}), large[name]
        mark = "" if s.get("queries") == b["queries"] else "  <- differs"
        print(
            f"{name:<42} {s.get('queries', '-'):>8} {b['queries']:>8} {s.get('p95_ms', '-'):>8} {b['p95_ms']:>8}{mark}"
        )
    problems = differences(small, large)
    if problems:
        print("\nQuery counts differ between the scales:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1
    print("\nQuery counts are the same at both scales.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
