"""broadsheet train_sections : train the section classifier on the site's own
published stories. Run it again as the archive grows (the worker does, once
a week); the newest model replaces the old one."""

from django.core.management.base import BaseCommand, CommandError

from broadsheet.enrich import section_classifier


class Command(BaseCommand):
    help = __doc__.split(":")[0]
    requires_migrations_checks = True  # not run before migrate: __main__.py

    def handle(self, *args, **options):
        try:
            row = section_classifier.train(
                report=self.stdout.write, progress_to=self.stderr
            )
        except ValueError as error:  # too few stories or sections
            raise CommandError(str(error)) from error
        per_section = ", ".join(
            f"{name} {count}" for name, count in row.report["per_section"].items()
        )
        self.stdout.write(
            f"trained on {row.stories} stories in {len(row.sections)} sections "
            f"({per_section}) in {row.report['seconds']} s"
        )
