"""broadsheet import_ninjs PATH... : IPTC ninjs items to articles.

Each refused document gets one line on stderr, `path[#index]: reason` (index:
the item's 0-based position in a JSON array or among the lines of a JSON Lines
file), and the rest of the batch goes on. The exit status is 1 only when
documents were refused and none was imported, updated or already up to date:
a feed with a few bad items is a working feed, a run that imported nothing
is not.
"""

import os
import time

from django.core.management.base import BaseCommand, CommandError

from broadsheet.core.progress import Progress
from broadsheet.wire import reading
from broadsheet.wire.importer import BATCH_SIZE, DEFAULT_SECTION, Importer
from broadsheet.wire.parsers.ninjs_schema import VERSIONS

# One reader beside the writer: reading is a third of the work, so more
# readers than that only wait.
JOBS = 1 if (os.cpu_count() or 1) > 1 else 0


class Command(BaseCommand):
    help = (
        "Import IPTC ninjs items (1.x, 2.x, 3.x; one item, a JSON array or JSON "
        "Lines per file) as articles. PATH may be a file, a folder (its .json, "
        ".jsonl and .ndjson files) or - for standard input."
    )
    requires_migrations_checks = True  # not run before migrate: __main__.py

    def create_parser(self, prog_name, subcommand, **kwargs):
        # --version is the ninjs version here, as the issue names it; Django's
        # own --version (which prints Django's) gives way.
        kwargs.setdefault("conflict_handler", "resolve")
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish usable items (embargoed ones are scheduled); "
            "without it every article is a draft.",
        )
        parser.add_argument(
            "--version",
            dest="ninjs_version",
            choices=sorted(VERSIONS),
            metavar="X.Y",
            help="Validate every item against this ninjs version instead of the "
            f"one it declares or seems to be ({', '.join(VERSIONS)}).",
        )
        parser.add_argument(
            "--section",
            help="Slug of the section for items whose genres and subjects name "
            "none. Without it, such items go where the site's section "
            "classifier (train_sections) is sure enough of, else to "
            f"{DEFAULT_SECTION}.",
        )
        parser.add_argument(
            "--batch-size", type=int, default=BATCH_SIZE, help=f"default {BATCH_SIZE}"
        )
        parser.add_argument(
            "--jobs",
            type=int,
            default=JOBS,
            help="Processes that read and validate files while this one writes "
            f"(0: read here; default {JOBS}).",
        )

    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        # How many items the files hold is known only once they are read.
        self.progress = Progress("ninjs items", None, self.stderr)
        try:
            importer = Importer(
                publish=options["publish"],
                default_section=options["section"] or DEFAULT_SECTION,
                classify=options["section"] is None,
                batch_size=max(1, options["batch_size"]),
                report_error=self.error_line,
                report_note=self.note_line,
            )
        except LookupError as error:
            raise CommandError(str(error)) from error
        started = time.monotonic()
        paths, version = options["paths"], options["ninjs_version"]
        with self.progress as progress:
            for parsed in reading.read(paths, version, options["jobs"]):
                if parsed.story is not None:
                    importer.add(parsed.name, parsed.story, parsed.blocks)
                elif parsed.skipped:
                    importer.skipped(parsed.name, parsed.skipped)
                else:
                    importer.refused(parsed.name, parsed.refused)
                progress.advance()
            tally = importer.finish()
        elapsed = time.monotonic() - started
        self.stdout.write(summary(tally, elapsed))
        done = tally.imported + tally.updated + tally.unchanged
        if tally.refused and not done:
            raise CommandError(f"nothing imported: {tally.refused} refused")

    def error_line(self, line):
        self.progress.clear()
        self.stderr.write(" ".join(line.split()))

    def note_line(self, line):
        if self.verbosity >= 1:
            self.progress.clear()
            self.stdout.write(" ".join(line.split()))


def summary(tally, elapsed) -> str:
    rate = tally.documents / elapsed if elapsed > 0 else 0.0
    return (
        f"{tally.imported} imported, {tally.updated} updated, "
        f"{tally.unchanged} unchanged, {tally.refused} refused, "
        f"{tally.skipped} skipped in {elapsed:.1f} s ({rate:.0f} items/s)"
    )
