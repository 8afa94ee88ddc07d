"""The `broadsheet` command: the project's manage.py."""

import os
import sys

from django.core.management import ManagementUtility

from broadsheet.core.schema import not_ready


class Broadsheet(ManagementUtility):
    """Django's manage.py, except that a command needing the newsroom's
    tables (`requires_migrations_checks`) is refused, in one line saying what
    to run, while the database lacks them: never a traceback."""

    def fetch_command(self, subcommand):
        command = super().fetch_command(subcommand)
        # Also called for `broadsheet help COMMAND`, which needs no database.
        running = self.argv[1:2] == [subcommand]
        if running and getattr(command, "requires_migrations_checks", False):
            problem = not_ready()
            if problem:
                sys.stderr.write(f"{problem}\n")
                sys.exit(1)
        return command


def main(argv=None):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "broadsheet.settings")
    Broadsheet(argv).execute()


if __name__ == "__main__":
    main()
