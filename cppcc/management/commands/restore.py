from pathlib import Path
import tempfile

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cppcc.backup import BackupError, describe, restore_plan, verify_archive


class Command(BaseCommand):
    help = (
        "Replace the database and the private files with a backup archive. The archive is checked "
        "against its manifest first; stop the web servers and workers before restoring."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The archive written by manage.py backup.")
        parser.add_argument(
            "--yes", action="store_true",
            help="Really replace the current database and files (without it, only check the archive).",
        )

    def handle(self, *args, path, yes, **options):
        try:
            with tempfile.TemporaryDirectory(prefix="cppcc-restore-") as tmp:
                plan = verify_archive(path, Path(tmp))
                self.stdout.write(_("Archive checked: %(what)s") % {"what": describe(plan.manifest)})
                if not yes:
                    raise CommandError(
                        _("Nothing was changed. Restoring replaces this site's whole database and its "
                          "private files; run again with --yes to do it.")
                    )
                result = restore_plan(plan, out=self.stdout)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(
            _("Restored and checked: %(tables)d tables, %(rows)d rows, %(files)d private files.") % result
        ))
        if result["extra_files"]:
            self.stdout.write(self.style.WARNING(
                _("%(n)d private files newer than the backup were left in place, e.g. %(name)s.")
                % {"n": len(result["extra_files"]), "name": result["extra_files"][0]}
            ))
