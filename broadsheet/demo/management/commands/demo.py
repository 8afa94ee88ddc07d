"""`broadsheet demo`: a demo newsroom, so every page has something to show.

On an empty data directory or a fresh database it migrates first. Idempotent:
stories, authors and topics that exist are left as they are, so running it
again adds only what is missing and never duplicates.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from broadsheet.core.schema import pending_migrations, unreadable
from broadsheet.demo.loader import DemoLoader


class Command(BaseCommand):
    help = "Load the demo newsroom: authors, topics, 63 stories, pictures, picks."

    def handle(self, *args, **options):
        try:
            _applied, pending = pending_migrations()
        except DatabaseError as error:
            raise CommandError(unreadable(error)) from error
        if pending:
            self.stdout.write(f"Preparing the database ({pending} migrations)")
            call_command("migrate", interactive=False, verbosity=0)
        loader = DemoLoader(log=self.stdout.write, progress_to=self.stderr)
        summary = loader.load()
        self.stdout.write(self.style.SUCCESS(summary))
        for role, username, password in loader.accounts():
            self.stdout.write(f"  {role:<14} user: {username:<8} password: {password}")
