"""Delete every comment written under an email address (a reader's request
to erase their data)."""

from django.core.management.base import BaseCommand, CommandError

from broadsheet.comments.moderation import forget


class Command(BaseCommand):
    help = "Delete all comments written under an email address."
    requires_migrations_checks = True  # not run before migrate: __main__.py

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, email, **options):
        if "@" not in email:
            raise CommandError(f"Not an email address: {email!r}")
        count = forget(email)
        self.stdout.write(f"Deleted {count} comment{'s' * (count != 1)}.")
