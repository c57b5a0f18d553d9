"""manage.py purge_audit_log: what the nightly beat task does, for sites that run no beat."""

from django.core.management.base import BaseCommand

from cppcc.audit import purge, retention_days


class Command(BaseCommand):
    help = "Delete audit events older than AUDIT_RETENTION_DAYS (never fewer than 183 days are kept)."

    def handle(self, *args, **options):
        deleted = purge()
        self.stdout.write(f"{deleted} audit events older than {retention_days()} days deleted.")
