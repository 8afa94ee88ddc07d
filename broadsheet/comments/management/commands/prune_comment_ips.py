"""Empty the hashed IP addresses of comments older than the retention period
(Reader comments settings; run daily, e.g. from cron)."""

from django.core.management.base import BaseCommand

from broadsheet.comments.moderation import prune_ip_hashes


class Command(BaseCommand):
    help = "Delete hashed IP addresses older than the retention period."
    requires_migrations_checks = True  # not run before migrate: __main__.py

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, help="Override the retention period in days."
        )

    def handle(self, days=None, **options):
        count = prune_ip_hashes(days)
        self.stdout.write(f"Pruned {count} address{'es' * (count != 1)}.")
