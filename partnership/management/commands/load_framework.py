from django.core.management.base import BaseCommand

from partnership.registry import registry


class Command(BaseCommand):
    help = "Load the framework's reference data (idempotent): every strand's data files."

    def handle(self, *args, **options):
        for step in registry.framework_loaders:
            self.stdout.write(f"{step.name}:")
            step.run(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Framework loaded."))
