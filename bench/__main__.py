"""`make bench`: build a large synthetic partnership in a throw-away database and report,
per page, median and p95 server time and query count; figures also go to var/bench.json."""

import argparse
import importlib
import json
import os
import pkgutil
import sys
import time
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

    from bench import scenarios
    from bench.harness import Context, Page, Timing, gather_statistics, measure

    settings.ROOT_URLCONF = "bench.urls"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.DEBUG = False
    setup_test_environment()
    names = sorted(m.name for m in pkgutil.iter_modules(scenarios.__path__))
    # The partnership scenario builds the agencies and users every other scenario uses.
    # PAQA's board and pack, then the annual report, read every strand, so they come last.
    readers = ("paqa", "annual_report")
    names = ["partnership", *[n for n in names if n != "partnership" and n not in readers]]
    names += [n for n in readers if n in {m.name for m in pkgutil.iter_modules(scenarios.__path__)}]
    if args.only:
        wanted = {"partnership", *args.only.split(",")}  # annual_report alone reads what exists
        names = [n for n in names if n in wanted]
    old_config = setup_databases(verbosity=0, interactive=False)
    results: dict = {}
    try:
        ctx = Context(scale=args.scale)
        baseline = measure(Page("baseline", "/__bench__/baseline/"), args.repeat)
        results["baseline"] = baseline
        for name in names:
            module = importlib.import_module(f"bench.scenarios.{name}")
            started = time.perf_counter()
            module.build(ctx)
            gather_statistics()
            print(f"built {name} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
            for item in module.pages(ctx):
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
