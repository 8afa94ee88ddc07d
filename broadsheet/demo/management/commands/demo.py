"""`broadsheet demo`: a demo newsroom, so every page has something to show.

Idempotent: stories, authors and topics that exist are left as they are, so
running it again adds only what is missing and never duplicates.
"""

from django.core.management.base import BaseCommand

from broadsheet.demo.loader import DemoLoader


class Command(BaseCommand):
    help = "Load the demo newsroom: authors, topics, 63 stories, pictures, picks."

    def handle(self, *args, **options):
        loader = DemoLoader(log=self.stdout.write)
        summary = loader.load()
        self.stdout.write(self.style.SUCCESS(summary))
        for role, username, password in loader.accounts():
            self.stdout.write(f"  {role:<14} user: {username:<8} password: {password}")
