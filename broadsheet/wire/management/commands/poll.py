"""broadsheet poll [--source SLUG]: poll sources now, by hand.

Every enabled source with a URL, or the one named, due or not; one line per
source: what came, or why it failed. The worker polls by itself on each
source's schedule; this is for a new source, or to see what one says now.
"""

from django.core.management.base import BaseCommand, CommandError

from broadsheet.wire.models import Source
from broadsheet.wire.polling import Poller


class Command(BaseCommand):
    help = "Poll the wire's sources now (all enabled ones, or one)."

    def add_arguments(self, parser):
        parser.add_argument("--source", metavar="SLUG", help="Only this source.")

    def handle(self, *args, source=None, **options):
        sources = Source.objects.filter(enabled=True).exclude(url="")
        if source is not None:
            sources = sources.filter(slug=source)
            if not sources:
                raise CommandError(
                    f"no enabled source with a URL has the slug {source!r}"
                )
        poller = Poller()
        try:
            outcomes = poller.poll_now(list(sources))
        finally:
            poller.close()
        for outcome in sorted(outcomes, key=lambda o: o.source.slug):
            self.stdout.write(outcome.line())
            for note in outcome.notes:
                self.stdout.write(f"  {note}")
        missed = {s.slug for s in sources} - {o.source.slug for o in outcomes}
        for slug in sorted(missed):
            self.stdout.write(f"{slug}: not polled: another worker is polling it")
