from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from partnership.registry import registry


class Command(BaseCommand):
    help = "Create demo agencies, one demo user per role and demo data in every strand (idempotent)."

    def handle(self, *args, **options):
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError("Demo data is never created with DEBUG off (production settings).")
        call_command("load_framework", stdout=self.stdout)
        for step in registry.demo_seeders:
            self.stdout.write(f"{step.name}:")
            step.run(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
