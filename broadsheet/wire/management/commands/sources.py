"""broadsheet sources [add NAME URL ... | token SLUG]: the wire's sources.

Without a subcommand, every source with its health, one line each.
`add` adds one; its kind is read from the document when --kind is left out.
`token` makes a source's push token (shown once; stored hashed).
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from broadsheet.news.models import SectionPage
from broadsheet.wire import health
from broadsheet.wire.models import MIN_POLL_EVERY, Source
from broadsheet.wire.parsers.feeds import detect_kind
from broadsheet.wire.sources import http

SLUG_LIMIT = 50  # Source.slug


class Command(BaseCommand):
    help = "List the wire's sources with their health, add one, or make a push token."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="command")
        add = commands.add_parser("add", help="Add a source to poll.")
        add.add_argument("name")
        add.add_argument("url")
        add.add_argument("--kind", choices=Source.Kind.values)
        add.add_argument(
            "--trusted",
            action="store_true",
            help="Publish its items at once (default: they wait on the desk).",
        )
        add.add_argument("--section", help="Slug of its items' default section.")
        add.add_argument(
            "--every",
            type=int,
            default=Source._meta.get_field("poll_every").default,
            metavar="SECONDS",
            help="Seconds between polls.",
        )
        add.add_argument("--credit", default="", help="Byline for items with none.")
        token = commands.add_parser(
            "token", help="Make a new push token for a source (shown once)."
        )
        token.add_argument("slug")

    def handle(self, *args, command=None, **options):
        if command == "add":
            self.add(**options)
        elif command == "token":
            self.token(options["slug"])
        else:
            self.list()

    def list(self):
        since = timezone.now() - timedelta(hours=24)
        sources = Source.objects.annotate(
            recent=Count("items", filter=Q(items__received_at__gte=since))
        ).order_by("slug")
        for source in sources:
            self.stdout.write(health.summary(source, source.recent))
        if not sources:
            self.stdout.write("No sources yet: broadsheet sources add NAME URL")

    def add(self, name, url, kind, trusted, section, every, credit, **options):
        if every < MIN_POLL_EVERY:
            raise CommandError(f"--every: at least {MIN_POLL_EVERY} seconds")
        if not url.startswith(("http://", "https://")):
            raise CommandError(f"{url}: only http and https URLs can be polled")
        source = Source(
            name=name,
            slug=free_slug(name),
            url=url,
            kind=kind or detected_kind(url),
            trust=Source.Trust.PUBLISH if trusted else Source.Trust.DESK,
            section=named_section(section),
            poll_every=every,
            credit=credit,
        )
        source.full_clean()
        source.save()
        self.stdout.write(
            f"Added {source.slug} ({source.kind}), polled every {every} s"
        )

    def token(self, slug):
        try:
            source = Source.objects.get(slug=slug)
        except Source.DoesNotExist:
            raise CommandError(f"no source with the slug {slug!r}") from None
        token = source.new_push_token()
        source.save(update_fields=["push_token_hash"])
        push_url = f"{settings.SITE_URL}{reverse('wire-push', args=[slug])}"
        self.stdout.write(
            f"Push token for {slug}, shown this once (a new one replaces it):\n"
            f"{token}\n"
            f"The agency POSTs ninjs to {push_url} with "
            "'Authorization: Bearer <token>'."
        )


def free_slug(name: str) -> str:
    base = slugify(name)[: SLUG_LIMIT - 4] or "source"
    taken = set(
        Source.objects.filter(slug__startswith=base).values_list("slug", flat=True)
    )
    slug, suffix = base, 1
    while slug in taken:
        suffix += 1
        slug = f"{base}-{suffix}"
    return slug


def named_section(slug):
    if slug is None:
        return None
    try:
        return SectionPage.objects.get(slug=slug)
    except SectionPage.DoesNotExist:
        raise CommandError(f"--section: no section with the slug {slug!r}") from None


def detected_kind(url: str) -> str:
    try:
        response = http.fetch(url)
    except http.FetchError as error:
        raise CommandError(
            f"{url}: cannot tell its kind: {error}; give --kind"
        ) from None
    kind = detect_kind(response.body)
    if not kind:
        raise CommandError(
            f"{url}: not RSS, Atom, JSON Feed or ninjs as far as can be told; "
            "give --kind"
        )
    return kind
