"""Meeting-morning load: N concurrent users for a while against gunicorn and PostgreSQL on
loopback, over the large synthetic partnership. Reports throughput, p50/p95/p99 and errors.

    python -m bench.load --users 50 --seconds 120 --scale 1

Builds its own database (portal_load) with the benchmark scenarios, so it never touches real
data. The mix is every page the benchmark measures (dashboards, scorecard, S11 matrix, lists,
exports) plus form saves (a narrative saved by the business unit).
"""

import argparse
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from bench.serving import wait_until_healthy

ROOT = Path(__file__).resolve().parent.parent
PORT = 8765


def percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, max(0, int(round(p / 100 * len(values))) - 1))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--warmup", type=int, default=20, help="seconds of the same load first, not counted")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--workers", type=int, default=5)
    parser.add_argument(
        "--think",
        default="1,3",
        help="seconds each user waits between requests, min,max (locust's usual); 0,0 = stress",
    )
    parser.add_argument(
        "--stress",
        default="",
        help="after the run, users at each step with no think time (e.g. 4,8,16,32,64): the throughput "
        "at which p95 passes 1 s",
    )
    parser.add_argument("--stress-seconds", type=int, default=20, help="seconds per stress step")
    parser.add_argument("--database", default="postgres://root@127.0.0.1:5432/portal_load")
    parser.add_argument("--output", default="var/load.json")
    args = parser.parse_args()

    var = Path("/tmp/portal-load")
    env = {
        **os.environ,
        "DATABASE_URL": args.database,
        "DEBUG": "false",
        "SECRET_KEY": "load-test-only-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "OTP_REQUIRED": "false",  # the load users' sessions are made directly, not by signing in
        "VAR_DIR": str(var),
        "DJANGO_SETTINGS_MODULE": "bscp_portal.settings",
    }
    env.pop("REDIS_URL", None)
    os.environ.update(env)
    py = sys.executable
    import psycopg

    dbname = args.database.rsplit("/", 1)[1]
    with psycopg.connect(args.database.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{dbname}"')
        conn.execute(f'CREATE DATABASE "{dbname}"')
    subprocess.run([py, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([py, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)

    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from bench.harness import Context, Page, build_scenarios, scenario_names
    from partnership.middleware import SESSION_STARTED_KEY

    ctx = Context(scale=args.scale)
    pages: list[Page] = []
    for items in build_scenarios(ctx, scenario_names()):
        pages += [p for p in items if isinstance(p, Page) and p.method == "get"]

    cookies = {}
    for user in {p.user for p in pages if p.user is not None} | {ctx.users["bu"]}:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session[SESSION_STARTED_KEY] = int(time.time())
        session.save()
        cookies[user.pk] = f"{settings.SESSION_COOKIE_NAME}={session.session_key}; csrftoken=loadtoken{'0' * 23}"

    server = subprocess.Popen(
        [str(Path(py).parent / "gunicorn"), "bscp_portal.wsgi:application", "--bind", f"127.0.0.1:{PORT}",
         "--workers", str(args.workers), "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        if not wait_until_healthy(PORT, server, within=60, timeout=2):
            raise SystemExit(f"gunicorn did not answer /health/ on port {PORT}")
        think = tuple(float(x) for x in args.think.split(","))
        if args.warmup:
            # Each gunicorn worker reads and compiles its templates on its first requests: a
            # server that has been up for minutes has done so, so that time is not counted.
            run_load(pages, cookies, ctx.users["bu"], args.users, args.warmup, think)
        results = run_load(pages, cookies, ctx.users["bu"], args.users, args.seconds, think)
        results["workers"] = args.workers
        results["worker_rss_mb"] = worker_memory(server.pid)
        if args.stress:
            steps = [
                run_load(pages, cookies, ctx.users["bu"], int(n), args.stress_seconds, (0.0, 0.0))
                for n in args.stress.split(",")
            ]
            results["stress"] = [{k: step[k] for k in STEP_FIGURES} for step in steps]
            results["stress_knee"] = knee(results["stress"])
    finally:
        server.terminate()
        server.wait(timeout=30)

    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    Path(args.output).write_text(json.dumps(results, indent=2))
    print(json.dumps(results, indent=2))
    return 0 if results["errors"] == 0 else 1


def worker_memory(master: int) -> list[float]:
    """Resident memory (MB) of each gunicorn worker, the children of `master`, after the run."""
    out = subprocess.run(["ps", "--ppid", str(master), "-o", "rss="], capture_output=True, text=True).stdout  # noqa: S603, S607
    return sorted(round(int(kb) / 1024, 1) for kb in out.split())


STEP_FIGURES = ("users", "requests", "throughput_rps", "p50_ms", "p95_ms", "p99_ms", "errors")


def knee(steps: list[dict], limit_ms: float = 1000) -> dict:
    """The stress step where p95 first passes `limit_ms`, and the highest throughput reached
    before it: what the machine serves while every click still answers within a second."""
    within = [s for s in steps if s["p95_ms"] <= limit_ms]
    past = next((s for s in steps if s["p95_ms"] > limit_ms), None)
    return {
        "p95_limit_ms": limit_ms,
        "throughput_rps_within": max((s["throughput_rps"] for s in within), default=None),
        "p95_passes_at_users": past["users"] if past else None,
        "p95_passes_at_throughput_rps": past["throughput_rps"] if past else None,
    }


def run_load(pages, cookies, bu, users: int, seconds: int, think: tuple[float, float] = (1.0, 3.0)) -> dict:
    latencies: list[float] = []
    by_url: dict[str, list[float]] = {}
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    csrf = "loadtoken" + "0" * 23

    def worker(seed: int):
        rnd = random.Random(seed)
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        while time.monotonic() < deadline:
            if rnd.random() < 0.1:  # a form save: the business unit saves a narrative section
                body = f"text=Load+test+narrative+{seed}&status=draft&csrfmiddlewaretoken={csrf}"
                method, url, headers = "POST", "/reports/annual/2024-25/narrative/next-year/", {
                    "Cookie": cookies[bu.pk], "Content-Type": "application/x-www-form-urlencoded",
                    "X-CSRFToken": csrf, "Referer": f"http://127.0.0.1:{PORT}/",
                }  # fmt: skip
            else:
                page = rnd.choice(pages)
                method, url, body, headers = "GET", page.url, None, {"Cookie": cookies[page.user.pk]}
            start = time.perf_counter()
            try:
                conn.request(method, url, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                ok = response.status in (200, 302)
            except (OSError, http.client.HTTPException) as exc:
                ok, response = False, None
                conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
                detail = f"{method} {url}: {exc}"
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                latencies.append(elapsed)
                by_url.setdefault(url.split("?")[0] if method == "POST" else url, []).append(elapsed)
                if not ok:
                    errors.append(detail if response is None else f"{method} {url}: {response.status}")
            if think[1] > 0:
                time.sleep(rnd.uniform(*think))

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(users)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    duration = time.monotonic() - started
    return {
        "users": users,
        "think_s": list(think),
        "seconds": round(duration, 1),
        "requests": len(latencies),
        "throughput_rps": round(len(latencies) / duration, 1),
        "p50_ms": round(statistics.median(latencies), 1) if latencies else None,
        "p95_ms": round(percentile(latencies, 95), 1),
        "p99_ms": round(percentile(latencies, 99), 1),
        "errors": len(errors),
        "error_samples": errors[:10],
        # The pages behind the tail: the slowest by their own worst answer.
        "slowest": [
            {
                "url": url,
                "requests": len(times),
                "p50_ms": round(statistics.median(times), 1),
                "max_ms": round(max(times), 1),
            }
            for url, times in sorted(by_url.items(), key=lambda item: -max(item[1]))[:8]
        ],
    }


if __name__ == "__main__":
    sys.exit(main())
