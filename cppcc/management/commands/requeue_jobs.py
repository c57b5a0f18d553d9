"""Send again the background jobs the broker refused; with --stale, also fail jobs whose worker went silent.

Beat does both every minute (cppcc.tasks.requeue_jobs and fail_stale_jobs); this command is for sites
without beat, or to act at once after the broker is back.
"""

from django.core.management.base import BaseCommand

from cppcc.services import jobs_fail_stale, jobs_requeue


class Command(BaseCommand):
    help = "Re-send background jobs that could not be queued; --stale also fails running jobs gone silent."

    def add_arguments(self, parser):
        parser.add_argument("--stale", action="store_true", help="also mark silent running jobs failed (retryable)")

    def handle(self, *args, stale=False, **options):
        if stale:
            failed = jobs_fail_stale()
            self.stdout.write(f"{failed} silent running job(s) marked failed")
        sent = jobs_requeue()
        self.stdout.write(f"{sent} job(s) sent to the queue")
