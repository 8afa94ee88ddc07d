"""broadsheet cluster FILE... : the wire desk's story assignment, offline.

Reads JSON Lines documents in arrival order (files in the order given, `-`
for standard input) and prints {"id", "story"} for each, in input order:
documents with the same story key are one story. Nothing is written to the
database. Bad lines get one line each on stderr and are left out.
"""

import sys
from dataclasses import replace

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from broadsheet.desk.clustering import jsonl
from broadsheet.desk.clustering.clusterer import Settings, StoryClusterer, final
from broadsheet.desk.clustering.features import features


class Command(BaseCommand):
    help = (
        "Assign JSON Lines documents ({id, text, title?, published?, source?}) "
        "to stories as the wire desk does, one pass in input order; prints "
        '{"id", "story"} per document. Writes nothing to the database.'
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument(
            "--window-days",
            type=float,
            default=settings.DESK_WINDOW_DAYS,
            help="How long a story stays open to new copy, in days of "
            "publication time (default: the desk's, DESK_WINDOW_DAYS).",
        )

    def handle(self, *args, files, window_days, **options):
        if window_days <= 0:
            raise CommandError("--window-days must be more than 0")
        clusterer = StoryClusterer(replace(Settings(), window_days=window_days))
        bad = 0
        documents, assignments = [], []
        for name in files:
            for entry in jsonl.read(_lines(name), name):
                if isinstance(entry, jsonl.BadLine):
                    bad += 1
                    self.stderr.write(str(entry))
                    continue
                documents.append(entry)
                assignments.append(clusterer.assign(entry.id, features(entry)))
        if bad and not documents:
            raise CommandError(f"{bad} bad lines and no document")
        # Written once the stream has passed: a story that later copy showed
        # to be one with another is printed under the key it ends with.
        for entry, assignment in zip(documents, final(assignments), strict=True):
            self.stdout.write(jsonl.output(entry, assignment.story))


def _lines(name: str):
    if name == "-":
        yield from sys.stdin
        return
    try:
        with open(name, encoding="utf-8", errors="replace") as file:
            yield from file
    except OSError as error:
        raise CommandError(f"{name}: {error.strerror}") from None
