"""`make bench`: build a large synthetic partnership in a throw-away database and report,
per page, median and p95 server time and query count; figures also go to var/bench.json."""

import argparse
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bscp_portal.settings")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = the sizes the issues name")
    parser.add_argument("--repeat", type=int, default=20, help="timed requests per page")
    parser.add_argument("--only", default="", help="comma-separated scenario names")
    parser.add_argument("--output", default="var/bench.json")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.test.utils import setup_databases, setup_test_environment, teardown_databases

    from bench.harness import Context, Page, Timing, build_scenarios, measure, scenario_names

    settings.ROOT_URLCONF = "bench.urls"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.DEBUG = False
    setup_test_environment()
    names = scenario_names(args.only)
    old_config = setup_databases(verbosity=0, interactive=False)
    results: dict = {}
    try:
        ctx = Context(scale=args.scale)
        baseline = measure(Page("baseline", "/__bench__/baseline/"), args.repeat)
        results["baseline"] = baseline
        for items in build_scenarios(ctx, names):
            for item in items:
                if isinstance(item, Timing):
                    results[item.name] = item.run()
                else:
                    results[item.name] = measure(item, args.repeat)
    finally:
        teardown_databases(old_config, verbosity=0)

    base = results["baseline"]["p50_ms"] or 0.001
    print(f"\n{'page':<42} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8} {'rows':>9} {'x baseline':>10}")
    for name, r in results.items():
        if "p50_ms" in r:
            print(
                f"{name:<42} {r['p50_ms']:>8} {r['p95_ms']:>8} {r['queries']:>8} {r['rows']:>9} {r['p50_ms'] / base:>10.1f}"
            )
        else:
            print(f"{name:<42} " + ", ".join(f"{k}={v}" for k, v in r.items()))
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    Path(args.output).write_text(json.dumps(results, indent=2))
    print(f"\nwritten to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
