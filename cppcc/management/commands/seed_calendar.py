from django.core.management.base import BaseCommand

from cppcc import clock
from cppcc.services import calendar_seed


class Command(BaseCommand):
    help = "Seed the working-day calendar with China's public holidays and make-up workdays (idempotent)."

    def add_arguments(self, parser):
        this_year = clock.today().year  # Beijing's year, not the server's UTC one
        parser.add_argument("--from-year", type=int, default=this_year - 1)
        parser.add_argument("--to-year", type=int, default=this_year + 1)

    def handle(self, *args, from_year, to_year, **options):
        years = range(from_year, to_year + 1)
        added = calendar_seed(years=years)
        self.stdout.write(f"calendar {from_year}-{to_year}: {added} days added")
