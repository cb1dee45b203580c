from scorecard.management.commands._importing import ImportCommand
from scorecard.models import ImportBatch


class Command(ImportCommand):
    help = "Import measurements from CSV or XLSX: the same checks and writes as the upload page."
    kind = ImportBatch.Kind.MEASUREMENTS
