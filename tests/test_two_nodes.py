"""Two web nodes behind one load balancer: two gunicorn servers on two ports sharing the
PostgreSQL test database, Redis and an S3-compatible bucket (moto, in this process).

What a person does on node A holds on node B: a file uploaded through A downloads byte for
byte through B; a session started on A works on B; a login lockout and the public feedback
rate limit reached on A hold on B; a report a real Celery worker builds into the bucket downloads
from both. Runs in CI's PostgreSQL and Redis run.
"""

import http.client
import json
import os
import random
import signal
import socket
import subprocess
import sys
import uuid
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from bench.serving import wait_until_healthy
from partnership.tests.factories import PASSWORD, UserFactory
from tests.worker import database_url, running_worker

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"

pytestmark = [
    pytest.mark.redis,
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs Redis shared by two nodes (REDIS_URL)"),
    pytest.mark.django_db(transaction=True),
]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + os.urandom(50_000)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Browser:
    """A person's cookies, sent to whichever node answers; from an address of their own."""

    def __init__(self, address: str):
        self.address = address
        self.cookies: dict[str, str] = {}

    def request(self, port: int, method: str, path: str, body: bytes = b"", headers: dict | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60, source_address=(self.address, 0))
        headers = {**(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if "csrftoken" in self.cookies:
            headers["X-CSRFToken"] = self.cookies["csrftoken"]
        headers.setdefault("Referer", f"http://127.0.0.1:{port}/")
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        data = response.read()
        for value in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie(value)
            for key, morsel in cookie.items():
                self.cookies[key] = morsel.value
        conn.close()
        return response.status, response.headers, data

    def get(self, port, path):
        return self.request(port, "GET", path)

    def post(self, port, path, data: dict):
        if "csrftoken" not in self.cookies:
            self.get(port, reverse("login"))
        body = urlencode(data, doseq=True).encode()
        return self.request(port, "POST", path, body, {"Content-Type": "application/x-www-form-urlencoded"})

    def post_files(self, port, path, data: dict, files: dict[str, tuple[str, bytes, str]]):
        boundary = uuid.uuid4().hex
        parts = []
        for key, value in data.items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode())
        for key, (name, content, ctype) in files.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"; filename="{name}"\r\n'
                f"Content-Type: {ctype}\r\n\r\n".encode()
                + content
                + b"\r\n"
            )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self.request(port, "POST", path, body, {"Content-Type": f"multipart/form-data; boundary={boundary}"})

    def sign_in(self, port, username, password=PASSWORD):
        self.get(port, reverse("login"))
        return self.post(port, reverse("login"), {"username": username, "password": password})


def fresh_address() -> str:
    """A loopback address of its own, so runs sharing the Redis never share a count."""
    return f"127.{random.randint(1, 254)}.{random.randint(1, 254)}.{random.randint(2, 254)}"


def node_password(settings, *users):
    """The nodes run the real settings: give these users a password hash they can check (the
    tests' own settings keep only the fast MD5 hasher)."""
    from django.contrib.auth.hashers import make_password

    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    hashed = make_password(PASSWORD, hasher="pbkdf2_sha256")
    for user in users:
        user.password = hashed
        user.save(update_fields=["password"])


@pytest.fixture
def nodes(s3_storage, settings, tmp_path):
    """Two gunicorn nodes (two sync workers each) on the test database, Redis and the bucket."""
    env = {
        **os.environ,
        **s3_storage.environment(),
        "DATABASE_URL": database_url(),
        "DB_CONN_MAX_AGE": "0",
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "bscp_portal.settings"),
        "AXES_FAILURE_LIMIT": "3",
        "FEEDBACK_RATE_LIMIT": "2",
        "OTP_REQUIRED": "False",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")])),
    }
    gunicorn = str(GUNICORN) if GUNICORN.exists() else str(Path(sys.executable).with_name("gunicorn"))
    started = []
    try:
        for name in ("a", "b"):
            port = free_port()
            log = (tmp_path / f"node-{name}.log").open("wb")
            process = subprocess.Popen(
                [gunicorn, "bscp_portal.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            started.append((port, process, tmp_path / f"node-{name}.log"))
        for port, process, log_path in started:
            if not wait_until_healthy(port, process, within=90):
                pytest.fail(f"node on port {port} did not start:\n{log_path.read_text()[-3000:]}")
        yield [port for port, _, _ in started]
    finally:
        for _, process, _ in started:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait(timeout=10)


def test_what_happens_on_one_node_holds_on_the_other(nodes, world, s3_storage, settings):
    from actions.models import EvidenceFile
    from actions.tests.factories import home_paqa_action

    a, b = nodes
    node_password(settings, world.user("chair"), world.user("lead"), world.other_lead)
    action = home_paqa_action(world, description="Two-node evidence")

    # A session started on A works on B.
    chair = Browser(fresh_address())
    status, headers, _ = chair.sign_in(a, world.user("chair").username)
    assert status == 302, "signing in on node A"
    status, _, page = chair.get(b, reverse("home"))
    assert status == 200 and b"Welcome" in page

    # Evidence uploaded through A is downloaded through B, byte for byte, by another person.
    status, _, _ = chair.post_files(
        a,
        reverse("actions:sign_off", kwargs={"pk": action.pk}),
        {"evidence": "Re-audit shows the toolkit in use", "version": str(action.version)},
        {"files": ("re-audit.pdf", PDF, "application/pdf")},
    )
    assert status == 302
    stored = EvidenceFile.objects.get()  # the only file: the database is emptied after each test
    objects = s3_storage.client.list_objects_v2(Bucket=s3_storage.bucket)["Contents"]
    assert [o["Key"] for o in objects] == [stored.file.name]  # in the bucket, on neither node's disk
    lead = Browser(fresh_address())
    assert lead.sign_in(b, world.user("lead").username)[0] == 302
    status, headers, body = lead.get(b, reverse("actions:evidence", kwargs={"pk": action.pk, "file_id": stored.pk}))
    assert status == 200 and body == PDF
    # Someone who may not see the action gets nothing through either node.
    stranger = Browser(fresh_address())
    assert stranger.sign_in(a, world.other_lead.username)[0] == 302
    assert stranger.get(b, reverse("actions:evidence", kwargs={"pk": action.pk, "file_id": stored.pk}))[0] == 404


def test_a_lockout_on_one_node_holds_on_the_other(nodes, settings):
    a, b = nodes
    user = UserFactory(username=f"two-node-{uuid.uuid4().hex[:8]}", roles=["agency_lead"])
    node_password(settings, user)
    assert Browser(fresh_address()).sign_in(b, user.username)[0] == 302  # the password works on B
    attacker = Browser(fresh_address())
    statuses = [attacker.sign_in(a, user.username, "wrong-password")[0] for _ in range(3)]
    assert statuses[:2] == [200, 200]
    # The right password now fails on B too: locked out on both.
    assert attacker.sign_in(b, user.username)[0] == 429


def test_the_feedback_rate_limit_on_one_node_holds_on_the_other(nodes):
    from django.core.cache import caches

    from governance import voice_services
    from governance.tests.factories import feedback_data

    a, b = nodes
    campaign = voice_services.campaign_open(title="Two nodes")
    data = feedback_data(campaign, started_ago=60)
    url = reverse("governance:feedback_public")
    person = Browser(fresh_address())
    try:
        assert person.post(a, url, data)[0] == 302
        assert person.post(a, url, data)[0] == 302  # the limit of two, reached on A
        assert person.post(b, url, data)[0] == 429
    finally:
        caches["default"].delete(f"governance:feedback:{person.address}")


def test_health_on_both_nodes_checks_the_shared_services(nodes):
    for port in nodes:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("GET", "/health/")
        response = conn.getresponse()
        body = json.loads(response.read())
        assert response.status == 200
        assert body == {"status": "ok", "database": "ok", "cache": "ok", "storage": "ok", "redis": "ok"}


def test_a_report_a_worker_builds_downloads_from_both_nodes(nodes, world, s3_storage, settings, tmp_path):
    from annual_report.models import Report
    from annual_report.tasks import build_report

    node_password(settings, world.user("bu"), world.user("contributor"))
    report = Report.objects.create(period="2024-25", version=1, requested_by=world.user("bu"))
    # A worker of its own, storing into the nodes' bucket (and nothing on a node's disk).
    with running_worker(tmp_path, **s3_storage.environment()) as worker:
        build_report.apply_async(args=[report.pk], queue=worker.queue).get(timeout=180)
    report.refresh_from_db()
    assert report.status == "done", report.error + worker.log()[-2000:]
    keys = [o["Key"] for o in s3_storage.client.list_objects_v2(Bucket=s3_storage.bucket).get("Contents", [])]
    assert report.pdf.name in keys and report.children_pdf.name in keys
    stored = s3_storage.client.get_object(Bucket=s3_storage.bucket, Key=report.pdf.name)["Body"].read()
    assert stored.startswith(b"%PDF")

    url = reverse("annual_report:report_download", kwargs={"pk": report.pk})
    for port in nodes:
        bu = Browser(fresh_address())
        assert bu.sign_in(port, world.user("bu").username)[0] == 302
        status, headers, body = bu.get(port, url)
        assert status == 200, f"node on port {port} answered {status}"
        assert body == stored, f"node on port {port} gave other bytes"
        assert headers["Content-Disposition"].startswith("attachment;")
        # Someone outside the sign-off chain gets no report from either node.
        contributor = Browser(fresh_address())
        assert contributor.sign_in(port, world.user("contributor").username)[0] == 302
        assert contributor.get(port, url)[0] == 403
