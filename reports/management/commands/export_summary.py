"""manage.py export_summary --year Y | --session NAME_OR_ID [--as-of DATE] [--committee NAME_OR_ID] -o FILE

Writes the annual work summary workbook (and, with --docx, the Word document of the draft text)
synchronously, printing each step, and prints the draft text. Same figures as the admin's job.
"""

import datetime
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from members.models import Committee, Session
from members.periods import check_cutoff
from reports.services import period_for, write_steps, write_summary


class Command(BaseCommand):
    help = "Write the annual work summary (工作总结统计) of a year or a session as of a cut-off date."

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--year", type=int, help="calendar year, e.g. 2007")
        which.add_argument("--session", help="session id or name, e.g. 九届五次")
        parser.add_argument("--as-of", dest="as_of", help="cut-off date YYYY-MM-DD (default: today, Beijing)")
        parser.add_argument("--committee", help="committee id or name (default: the only committee)")
        parser.add_argument("-o", "--output", help="workbook file (default: <period>工作总结统计.xlsx)")
        parser.add_argument("--docx", help="also write the draft text as a Word document to this file")

    def handle(self, *args, **options):
        committee = self._committee(options.get("committee"), options.get("session"))
        session = self._session(committee, options["session"]) if options.get("session") else None
        as_of = None
        if options.get("as_of"):
            try:
                as_of = datetime.date.fromisoformat(options["as_of"])
            except ValueError:
                raise CommandError(f"--as-of {options['as_of']!r} is not a date like 2007-12-31")
            try:
                check_cutoff(as_of)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages))
        period = period_for(committee=committee, year=options.get("year"), session=session)
        total = write_steps()
        done = [0]

        def progress(name):
            done[0] += 1
            self.stdout.write(f"[{done[0]}/{total}] {name}")

        summary, workbook, document = write_summary(period, as_of, progress=progress)
        output = Path(options.get("output") or f"{period.label}工作总结统计.xlsx")
        output.write_bytes(workbook)
        self.stdout.write(self.style.SUCCESS(f"{summary.title} -> {output}"))
        if options.get("docx"):
            Path(options["docx"]).write_bytes(document)
            self.stdout.write(self.style.SUCCESS(f"Word -> {options['docx']}"))
        for line in summary.overview:
            self.stdout.write(f"  {line.label}\t{'—' if line.value is None else line.value}")
        self.stdout.write(summary.text)

    def _committee(self, wanted, session):
        if wanted:
            found = Committee.objects.filter(pk=wanted).first() if str(wanted).isdigit() else None
            found = found or Committee.objects.filter(name=wanted).first() or Committee.objects.filter(short_name=wanted).first()
            if found is None:
                raise CommandError(f"No committee {wanted!r}.")
            return found
        if session and str(session).isdigit():
            found = Session.objects.filter(pk=int(session)).select_related("committee").first()
            if found is not None:
                return found.committee
        committees = list(Committee.objects.order_by("pk")[:2])
        if len(committees) != 1:
            raise CommandError("Name the committee with --committee (there are %d)." % Committee.objects.count())
        return committees[0]

    def _session(self, committee, wanted):
        sessions = Session.objects.filter(committee=committee).select_related("term", "committee")
        if str(wanted).isdigit():
            found = sessions.filter(pk=int(wanted)).first()
            if found is not None:
                return found
        for session in sessions:
            if str(session) == str(wanted).strip():
                return session
        raise CommandError(f"No session {wanted!r} in {committee}.")
