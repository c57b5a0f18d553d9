"""Time the statistics, the search and the busiest screens against a generated database.

    .venv/bin/python -m bench.run [--database var/bench/<scale>.sqlite3 | --database-url postgres://.../cppcc_bench]
        [--runs 5] [--scale LABEL]

Each benchmark runs once as a warm-up (with the queries counted), then `--runs` times timed (without
the query capture, which has a cost of its own); the table gives the median and the fastest run, the
number of SQL queries and the number of rows it produced. The results are printed and written to
bench/results/<scale>-<engine>-<date>.md. Nothing is written to the database.
"""

import argparse
import datetime
import os
import platform
import statistics as pystats
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from . import env
from .data import SCALES
from .generate import COMMITTEE_NAME

RESULTS = Path(__file__).resolve().parent / "results"
AS_OF_MIDYEAR = datetime.date(2025, 6, 30)
WORD, PHRASE = "茶叶", "乡村振兴"  # a 2-character word from the middle of titles, and a 4-character phrase


@dataclass
class Result:
    name: str
    rows: int | None = None
    queries: int | None = None
    median_ms: float | None = None
    min_ms: float | None = None
    note: str = ""


def _load():
    return os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)


def measure(name, fn, runs) -> Result:
    """Warm-up with the queries counted, then `runs` timed runs."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        rows = fn()
    queries = len(ctx.captured_queries)
    reset_queries()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return Result(name, rows, queries, pystats.median(times), min(times))


def benchmarks(committee):
    """(name, callable returning a row count) for everything measured; absent modules are skipped with a note."""
    from django.contrib.auth import get_user_model
    from django.db.models import Count
    from django.test import Client

    from members.models import RoleAssignment, Session
    from members.models.roles import Role
    from members.periods import Period
    from proposals import statistics
    from proposals.admin.access import proposal_scope
    from proposals.admin.viewsets import ProposalViewSet, first_proposer_name, published_flag
    from proposals.models import Assignment, Proposal
    from proposals.search import admin_search

    session = Session.objects.filter(committee=committee).order_by("-plenary_start").first()
    period = Period.of_session(session)
    year = Period.of_year(committee, session.plenary_start.year)
    User = get_user_model()
    secretariat = User.objects.get(username="bench_secretariat")
    busiest = (
        Assignment.objects.filter(proposal__committee=committee, active=True).values("unit_id")
        .annotate(n=Count("pk")).order_by("-n", "unit_id").first()
    )
    liaison = RoleAssignment.objects.active().filter(role=Role.UNIT_LIAISON, unit_id=busiest["unit_id"]).first().user

    def admin_queryset():
        qs = proposal_scope(secretariat, Proposal.objects.all())
        return qs.annotate(proposer_name=first_proposer_name(), published=published_flag()).order_by(
            *ProposalViewSet.ordering)

    def search(term):
        def run():
            qs = admin_search(admin_queryset(), term)
            total = qs.count()  # what the listing's paginator asks, then the first page
            list(qs.select_related(*ProposalViewSet.list_select_related)[:20])
            return total
        return run

    def page(user, url):
        client = Client()
        client.force_login(user)

        def run():
            response = client.get(url)
            if response.status_code != 200:
                raise RuntimeError(f"{url}: HTTP {response.status_code}")
            return len(response.content) // 1024  # KiB of HTML
        return run

    yield "proposals.statistics.overview (session)", lambda: statistics.overview(period).received
    yield f"proposals.statistics.overview (as of {AS_OF_MIDYEAR})", lambda: statistics.overview(period, AS_OF_MIDYEAR).received
    yield "proposals.statistics.by_unit", lambda: len(statistics.by_unit(period))
    yield "proposals.statistics.by_category", lambda: len(statistics.by_category(period))
    yield "proposals.statistics.case_rows (full iteration)", lambda: sum(1 for _row in statistics.case_rows(period))
    yield "proposals.statistics.overdue_assignments", lambda: len(list(statistics.overdue_assignments(committee)))
    yield f"proposals.search admin queryset: {WORD} (2 chars)", search(WORD)
    yield f"proposals.search admin queryset: {PHRASE} (4 chars)", search(PHRASE)
    yield "GET /admin/proposals/ as secretariat (KiB)", page(secretariat, "/admin/proposals/")
    yield f"GET /admin/proposals/?q={WORD} as secretariat (KiB)", page(secretariat, f"/admin/proposals/?q={WORD}")
    yield "GET /admin/ (home, with the proposal statistics panel) as secretariat (KiB)", page(secretariat, "/admin/")
    yield "GET /admin/proposals/dashboard/ (statistics page) as secretariat (KiB)", page(
        secretariat, f"/admin/proposals/dashboard/?session={session.pk}")
    yield f"GET /portal/unit/ as liaison of the busiest unit, {busiest['n']} assignments (KiB)", page(liaison, "/portal/unit/")

    try:
        from consultations import statistics as cstats
    except Exception as exc:  # noqa: BLE001  (being written by another engineer: skip, say why)
        yield "consultations.statistics", f"skipped: not importable ({type(exc).__name__}: {exc})"
    else:
        for name in ("totals", "by_kind", "by_group"):
            fn = getattr(cstats, name, None)
            if fn is None:
                yield f"consultations.statistics.{name} (year)", "skipped: absent"
                continue
            yield (f"consultations.statistics.{name} (year)",
                   (lambda fn=fn: (lambda r: len(r) if isinstance(r, list) else 1)(fn(year))))
    try:
        from members.selectors import participation
    except Exception as exc:  # noqa: BLE001
        yield "members.selectors.participation", f"skipped: not importable ({type(exc).__name__}: {exc})"
    else:
        yield "members.selectors.participation (session)", lambda: len(participation(period))
        yield "members.selectors.participation (year)", lambda: len(participation(year))


def inventory(committee) -> dict:
    from members.models import Member
    from proposals.models import Assignment, Evaluation, Proposal, ProposalEvent, Reply

    return {
        "members": Member.objects.filter(committee=committee).count(),
        "proposals": Proposal.objects.filter(committee=committee).count(),
        "assignments": Assignment.objects.filter(proposal__committee=committee).count(),
        "replies": Reply.objects.filter(assignment__proposal__committee=committee).count(),
        "evaluations": Evaluation.objects.filter(reply__assignment__proposal__committee=committee).count(),
        "events": ProposalEvent.objects.filter(proposal__committee=committee).count(),
    }


def guess_scale(members: int) -> str:
    return min((s for s in SCALES if s != "tiny"), key=lambda s: abs(SCALES[s].members - members))


def table(results) -> list[str]:
    lines = ["| benchmark | rows | queries | median ms | min ms |", "|---|---:|---:|---:|---:|"]
    for r in results:
        if r.note:
            lines.append(f"| {r.name} | — | — | — | {r.note} |")
        else:
            lines.append(f"| {r.name} | {r.rows} | {r.queries} | {r.median_ms:.1f} | {r.min_ms:.1f} |")
    return lines


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    env.add_arguments(parser, default_help="default: the newest var/bench/*.sqlite3")
    parser.add_argument("--runs", type=int, default=5, help="timed runs after the warm-up (default 5)")
    parser.add_argument("--scale", help="label of the results file (default: guessed from the member count)")
    args = parser.parse_args(argv)
    default = max(env.BENCH_VAR.glob("*.sqlite3"), key=lambda p: p.stat().st_mtime, default=None)
    try:
        if not (args.database or args.database_url) and default is None:
            raise env.BenchError("no var/bench/*.sqlite3 yet: run python -m bench.generate --scale county first.")
        t = env.target(args.database, args.database_url, default)
        if t.engine == "sqlite" and not t.path.exists():
            raise env.BenchError(f"{t.path} does not exist: generate it first.")
    except env.BenchError as exc:
        env.fail(str(exc))
    env.setup(t)
    import django
    from django.db import connection

    from members.models import Committee

    committee = Committee.objects.filter(name=COMMITTEE_NAME).first()
    if committee is None:
        env.fail(f"{t.label} holds no {COMMITTEE_NAME}: generate it first.")
    counts = inventory(committee)
    scale = args.scale or guess_scale(counts["members"])
    load_before = _load()
    print(f"bench.run: {t.label} ({connection.vendor}), scale {scale}: "
          + ", ".join(f"{k} {v}" for k, v in counts.items()), flush=True)
    results = []
    for name, fn in benchmarks(committee):
        if isinstance(fn, str):
            result = Result(name, note=fn)
        else:
            try:
                result = measure(name, fn, args.runs)
            except Exception as exc:  # noqa: BLE001  (one failing benchmark does not hide the others)
                result = Result(name, note=f"failed: {type(exc).__name__}: {exc}"[:200])
        results.append(result)
        if result.note:
            print(f"  {name}: {result.note}", flush=True)
        else:
            print(f"  {name}: {result.median_ms:.1f} ms median, {result.queries} queries, {result.rows} rows", flush=True)
    load_after = _load()

    today = datetime.date.today().isoformat()
    engine = "sqlite" if connection.vendor == "sqlite" else "postgresql"
    header = [
        f"# {scale} on {engine}, {today}",
        "",
        f"- database: `{t.label}` ({counts['members']} members, {counts['proposals']} proposals, "
        f"{counts['assignments']} assignments, {counts['replies']} replies, {counts['evaluations']} evaluations, "
        f"{counts['events']} proposal events)",
        f"- machine: {os.cpu_count()} cores, {platform.python_implementation()} {platform.python_version()}, "
        f"Django {django.get_version()}, {connection.vendor} {connection.Database.sqlite_version if engine == 'sqlite' else connection.pg_version}",
        f"- load average (1, 5, 15 min) before: {', '.join(f'{x:.1f}' for x in load_before)}; after: "
        f"{', '.join(f'{x:.1f}' for x in load_after)} (a shared machine: other engineers' tests were running)",
        f"- each benchmark: one warm-up (queries counted), then {args.runs} timed runs; median and fastest",
        "",
    ]
    lines = header + table(results) + [""]
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"{scale}-{engine}-{today}.md"
    out.write_text("\n".join(lines), encoding="utf-8")
    print()
    print("\n".join(table(results)))
    print(f"\nwritten to {out.relative_to(env.BASE_DIR)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
