"""Files in a private S3-compatible bucket (moto's server, in this process): uploads, imports,
backups and the command that moves local files in, all through the storage API."""

import hashlib
import io
import zipfile
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import parse_qs, urlparse
from urllib.request import urlopen

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from actions.models import EvidenceFile
from actions.tests.factories import home_paqa_action

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + bytes(range(256)) * 40


def bucket_objects(s3) -> dict[str, bytes]:
    listed = s3.client.list_objects_v2(Bucket=s3.bucket).get("Contents", [])
    return {o["Key"]: s3.client.get_object(Bucket=s3.bucket, Key=o["Key"])["Body"].read() for o in listed}


@pytest.fixture
def action(world):
    return home_paqa_action(world, description="Neglect toolkit relaunch")


def _signed_off_with_evidence(action, world, client_for, file_name="re-audit (final).pdf"):
    """The chair signs the action off with one PDF of evidence: the stored file and its checked URL."""
    response = client_for(world.user("chair")).post(
        reverse("actions:sign_off", kwargs={"pk": action.pk}),
        {
            "evidence": "Re-audit: 19 of 20 referrals used the toolkit",
            "version": action.version,
            "files": [SimpleUploadedFile(file_name, PDF, content_type="application/pdf")],
        },
    )
    assert response.status_code == 302
    stored = EvidenceFile.objects.get()
    return stored, reverse("actions:evidence", kwargs={"pk": action.pk, "file_id": stored.pk})


@pytest.fixture
def evidence(action, world, client_for):
    """The action signed off with "re-audit (final).pdf": the stored file and its checked URL."""
    return _signed_off_with_evidence(action, world, client_for)


@pytest.fixture
def serve_by_redirect(settings):
    """A checked download answers with a signed link into the bucket instead of streaming the file."""
    settings.STORAGE_SERVE = "redirect"


def test_evidence_goes_to_the_bucket_and_comes_back_only_through_the_checked_view(
    s3_storage, world, action, client_for, settings
):
    stored, url = _signed_off_with_evidence(action, world, client_for, file_name="re-audit.pdf")
    assert bucket_objects(s3_storage) == {stored.file.name: PDF}
    assert not any(Path(settings.MEDIA_ROOT).rglob("*.pdf"))  # nothing on the web node's disk

    download = client_for(world.user("lead")).get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    # Another agency's lead may not see the action, so not its file either; nor may a stranger.
    assert client_for(world.other_lead).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302  # to the login page


def test_a_link_into_the_bucket_is_signed_and_lives_under_a_minute(s3_storage):
    name = default_storage.save("checks/link.txt", io.BytesIO(b"private"))
    query = parse_qs(urlparse(default_storage.url(name)).query)
    assert "X-Amz-Signature" in query
    assert int(query["X-Amz-Expires"][0]) < 60


@pytest.mark.usefixtures("serve_by_redirect")
def test_with_redirect_a_checked_download_is_a_signed_link_for_that_file_under_a_minute(
    s3_storage, evidence, world, client_for
):
    stored, url = evidence

    response = client_for(world.user("lead")).get(url)
    assert response.status_code == 302
    assert response["Cache-Control"] == "private, no-store"
    link = urlparse(response["Location"])
    query = parse_qs(link.query)
    assert f"{link.scheme}://{link.netloc}" == s3_storage.endpoint
    assert link.path == f"/{s3_storage.bucket}/{stored.file.name}"
    assert "X-Amz-Signature" in query
    assert 0 < int(query["X-Amz-Expires"][0]) < 60
    # The link gives the file itself, as a download under the name it was uploaded with.
    with urlopen(response["Location"], timeout=30) as fetched:  # noqa: S310 (the test's own moto server)
        assert fetched.read() == PDF
        assert fetched.headers["Content-Type"] == "application/pdf"
        assert fetched.headers["Content-Disposition"] == 'attachment; filename="re-audit (final).pdf"'
    # The check comes first: no link for someone who may not see the action, nor for a stranger.
    refused = client_for(world.other_lead).get(url)
    assert refused.status_code == 404 and s3_storage.bucket not in refused.content.decode()
    assert client_for(None).get(url)["Location"].startswith(reverse("login"))
    # Without the signature the bucket answers nothing: it is private.
    with pytest.raises(HTTPError) as unsigned:
        urlopen(f"{s3_storage.endpoint}{link.path}", timeout=30)  # noqa: S310 (the test's own moto server)
    assert unsigned.value.code == 403


@pytest.mark.usefixtures("serve_by_redirect")
def test_with_redirect_a_file_gone_from_the_bucket_is_not_found(s3_storage, evidence, world, client_for):
    stored, url = evidence
    s3_storage.client.delete_object(Bucket=s3_storage.bucket, Key=stored.file.name)
    assert client_for(world.user("lead")).get(url).status_code == 404


@pytest.mark.usefixtures("serve_by_redirect")
def test_local_files_are_streamed_whatever_the_switch_says(evidence, world, client_for):
    stored, url = evidence
    download = client_for(world.user("lead")).get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"].startswith("attachment;")


def test_streamed_from_the_bucket_by_default(s3_storage, evidence, world, client_for):
    stored, url = evidence
    download = client_for(world.user("lead")).get(url)
    assert download.status_code == 200 and "Location" not in download
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Type"] == "application/pdf"


def test_a_scorecard_import_keeps_its_file_and_preview_in_the_bucket(s3_storage, world):
    from scorecard import services
    from scorecard.tests.factories import IndicatorFactory

    indicator = IndicatorFactory()
    data = f"indicator_code,period_start,period_end,series,value\n{indicator.code},2024-04-01,2024-04-30,local,91\n"
    batch = services.import_preview(
        kind="measurements", data=data.encode(), original_name="m.csv", user=world.user("bu")
    )
    names = set(bucket_objects(s3_storage))
    assert names == {f"scorecard-imports/{batch.stored_name}", f"scorecard-imports/{batch.stored_name}.plan.json"}
    assert services.import_fates(batch=batch)[0][1] == "new"
    services.import_confirm(batch=batch, user=world.user("bu"), fingerprint=batch.fingerprint)
    assert indicator.measurements.get().value == 91


def test_a_backup_takes_the_bucket_files(s3_storage, tmp_path):
    from partnership.backup import export_all

    default_storage.save("section11/evidence/2026/01/a.pdf", io.BytesIO(PDF))
    manifest = export_all(str(tmp_path / "backup.zip"))
    assert manifest["files"] == {"section11/evidence/2026/01/a.pdf": hashlib.sha256(PDF).hexdigest()}
    with zipfile.ZipFile(tmp_path / "backup.zip") as z:
        assert z.read("media/section11/evidence/2026/01/a.pdf") == PDF


def test_local_files_move_into_the_bucket_verified(s3_storage, settings, capsys):
    root = Path(settings.MEDIA_ROOT)
    files = {"actions/evidence/2025/03/one.pdf": PDF, "annual_reports/report-v1.pdf": b"%PDF-1.7 report"}
    for name, content in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(content)

    call_command("move_files_to_bucket", "--dry-run")
    assert bucket_objects(s3_storage) == {}
    call_command("move_files_to_bucket")
    assert bucket_objects(s3_storage) == files
    assert all((root / name).exists() for name in files)  # kept until asked
    call_command("move_files_to_bucket", "--delete-local")
    out = capsys.readouterr().out
    assert "copied 2, already in the bucket 0, failed 0" in out
    assert "copied 0, already in the bucket 2, failed 0" in out
    assert not any(p.is_file() for p in root.rglob("*"))
    assert bucket_objects(s3_storage) == files


def test_moving_files_needs_a_bucket(settings):
    settings.STORAGE_BUCKET = ""
    with pytest.raises(CommandError, match="STORAGE_BUCKET is not set"):
        call_command("move_files_to_bucket")
