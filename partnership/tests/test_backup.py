"""A full partnership restores into an empty database with every record, file and history row."""

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from partnership import backup
from partnership.models import Agency


@pytest.fixture
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.mark.django_db(transaction=True)
def test_export_then_import_restores_everything(world, media, tmp_path, django_capture_on_commit_callbacks):
    from annual_report.tests.factories import ReportFactory

    agency = world.home
    agency.name = "Home Agency renamed"
    agency.save()  # a history row to carry over
    # A time with fewer than 1,000 microseconds, which a millisecond format would lose.
    agency.history.filter(pk=agency.history.first().pk).update(
        history_date=agency.history.first().history_date.replace(microsecond=500)
    )
    report = ReportFactory(approved=True)
    report.pdf.save("kept.pdf", ContentFile(b"%PDF-1.7 kept"), save=True)
    before = backup.model_checksums()
    files_before = backup.media_files()
    assert before["partnership.HistoricalAgency"]["count"] >= 3

    path = tmp_path / "backup.zip"
    call_command("export_all", str(path))
    call_command("flush", "--noinput")
    for f in media.rglob("*"):
        if f.is_file():
            f.unlink()
    assert not Agency.objects.exists()

    call_command("import_all", str(path))
    assert backup.model_checksums() == before
    assert backup.media_files() == files_before


@pytest.mark.django_db(transaction=True)
def test_import_refuses_a_database_that_is_not_empty(world, media, tmp_path):
    path = tmp_path / "backup.zip"
    call_command("export_all", str(path))
    with pytest.raises(CommandError, match="not empty"):
        call_command("import_all", str(path))


@pytest.mark.django_db(transaction=True)
def test_import_refuses_a_tampered_backup(world, media, tmp_path):
    import zipfile

    path = tmp_path / "backup.zip"
    call_command("export_all", str(path))
    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tampered, "w") as dst:
        for item in src.namelist():
            data = src.read(item)
            dst.writestr(item, data.replace(b"Home Agency", b"Evil Agency") if item == "data.xml" else data)
    call_command("flush", "--noinput")
    with pytest.raises(CommandError, match="checksum"):
        call_command("import_all", str(tampered))
