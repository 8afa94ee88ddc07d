"""broadsheet enrich [--section SLUG] [--ids N ...] [--force] : enrich stories
now (FAQ, topics, summary, section suggestion, related stories), with
progress on a terminal and a summary. Normally the worker does this by itself
on create, import and publish; this is for the archive, or after changing the
generator or retraining the section model."""

import time
from collections import Counter

from django.core.management.base import BaseCommand, CommandError

from broadsheet.core.progress import Progress
from broadsheet.enrich import articles, related_stories
from broadsheet.news.models import ArticlePage


class Command(BaseCommand):
    help = __doc__.split(":")[0]
    requires_migrations_checks = True  # not run before migrate: __main__.py

    def add_arguments(self, parser):
        parser.add_argument("--ids", nargs="+", type=int, help="These stories only.")
        parser.add_argument("--section", help="Stories of this section (its slug).")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Regenerate even when a story's text has not changed "
            "(editors' own, approved and edited FAQ pairs are still kept).",
        )
        parser.add_argument(
            "--no-related",
            action="store_true",
            help="Skip ranking the related stories.",
        )

    def handle(self, *args, **options):
        stories = ArticlePage.objects.order_by("pk")
        if options["ids"]:
            stories = stories.filter(pk__in=options["ids"])
        if options["section"]:
            stories = stories.filter(section__slug=options["section"])
            if not stories.exists():
                raise CommandError(f"no stories in a section {options['section']!r}")
        ids = list(stories.values_list("pk", flat=True))
        tally, failed, steps = Counter(), [], Counter()
        started = time.monotonic()
        with Progress("enrich", len(ids), self.stderr) as progress:
            for article_id in ids:
                try:
                    outcome = articles.enrich(article_id, force=options["force"])
                except Exception as error:  # one bad story must not stop the rest
                    failed.append(
                        f"story {article_id}: {type(error).__name__}: {error}"
                    )
                else:
                    tally["unchanged" if outcome.unchanged else "enriched"] += 1
                    tally["faq pairs"] += outcome.faqs
                    tally["topics added"] += len(outcome.topics_added)
                    tally["topics suggested"] += len(outcome.topics_suggested)
                    tally["sections suggested"] += bool(outcome.section)
                    tally["summaries filled"] += len(outcome.filled)
                    steps.update(outcome.seconds)
                progress.advance()
        enrich_seconds = time.monotonic() - started
        related_seconds = 0.0
        if not options["no_related"]:
            started = time.monotonic()
            live = list(
                ArticlePage.objects.published()
                .filter(pk__in=ids)
                .values_list("pk", flat=True)
            )
            with Progress("related", len(live), self.stderr) as progress:
                for article_id in live:
                    tally["related lists"] += bool(related_stories.refresh(article_id))
                    progress.advance()
            related_seconds = time.monotonic() - started
        for line in failed:
            self.stderr.write(line)
        if tally["enriched"]:
            self.stdout.write(
                "per story enriched: "
                + ", ".join(
                    f"{step} {1000 * seconds / tally['enriched']:.1f} ms"
                    for step, seconds in steps.items()
                )
            )
        tally["failed"] = len(failed)
        per_story = 1000 * enrich_seconds / max(len(ids), 1)
        self.stdout.write(
            ", ".join(f"{count} {name}" for name, count in tally.items())
            + f" in {enrich_seconds + related_seconds:.1f} s"
            f" ({per_story:.0f} ms a story to enrich"
            + (
                f", {1000 * related_seconds / max(tally['related lists'], 1):.0f} ms"
                " a related list)"
                if not options["no_related"]
                else ")"
            )
        )
        if failed and len(failed) == len(ids):
            raise CommandError("every story failed")
