from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cppcc.backup import BackupError, create_backup, default_backup_path, describe


class Command(BaseCommand):
    help = "Write one archive (tar.gz) with the database and every private file, each with its sha256."

    def add_arguments(self, parser):
        parser.add_argument(
            "path", nargs="?", type=Path,
            help="The archive to write (default: var/backups/cppcc-<database>-<time>.tar.gz).",
        )

    def handle(self, *args, path, **options):
        path = path or default_backup_path(Path(settings.BASE_DIR) / "var" / "backups")
        try:
            manifest = create_backup(path, out=self.stdout)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(_("Wrote %(path)s") % {"path": path}))
        self.stdout.write(describe(manifest))
