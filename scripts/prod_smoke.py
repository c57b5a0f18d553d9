"""The production smoke's driver (scripts/prod_smoke.sh starts the servers and calls it).

  prepare   give N demo members of the current term a login (Django, production settings)
  burst     real HTTP to gunicorn: each member logs in, files and submits K proposals through the
            portal forms (CSRF and all), reads the listings; the secretariat asks for one summary
            export, which the Celery worker must finish
  verify    every filing stored, receipt numbers gap-free, the export job SUCCEEDED (Django ORM)
  figures   what a backup must bring back: the 2007 and current statistics, rows per table, and
            every private file's sha256 (compared before the backup and after wipe + restore)

Cookies are kept by hand because the production settings mark them Secure and the smoke speaks
plain HTTP on loopback; X-Forwarded-Proto: https stands in for the TLS proxy in front of gunicorn
(the production settings trust that header, SECURE_PROXY_SSL_HEADER), so nothing is relaxed.
"""

import json
import os
import re
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from html import unescape

PASSWORD = "Smoke-pass-2026!"
STATE = os.environ.get("SMOKE_STATE", "var/smoke/state.json")


def _django():
    import django

    sys.path.insert(0, os.getcwd())
    django.setup()


def prepare(members: int):
    _django()
    from members.models import Member, TermMembership
    from members.models.roles import Role, RoleAssignment
    from members.services import member_account_ensure
    from proposals.models import Proposal

    secretariat = RoleAssignment.objects.filter(role=Role.SECRETARIAT).select_related("user").first().user
    term_ids = TermMembership.objects.order_by("-term__number").values_list("term_id", flat=True)[:1]
    chosen = Member.objects.filter(user__isnull=True, memberships__term_id__in=term_ids).order_by("pk")[:members]
    usernames = []
    for i, member in enumerate(chosen):
        user = member_account_ensure(member=member, username=f"smoke{i:03d}", password=PASSWORD)
        usernames.append(user.username if hasattr(user, "username") else f"smoke{i:03d}")
    assert len(usernames) == members, f"only {len(usernames)} members without a login in the current term"
    from members.demo import DEMO_PASSWORD  # the demo's secretariat login

    state = {"members": usernames, "secretariat": secretariat.username, "secretariat_password": DEMO_PASSWORD,
             "proposals_before": Proposal.objects.count()}
    with open(STATE, "w") as fh:
        json.dump(state, fh)
    print(f"prepared {len(usernames)} member logins; secretariat: {secretariat.username}")


class Browser:
    """One person's HTTP session: cookies by hand (see the module docstring), CSRF from the forms."""

    def __init__(self, base, timings, errors):
        import requests

        self.http = requests.Session()
        self.base, self.cookies, self.timings, self.errors = base, {}, timings, errors
        self.lock = threading.Lock()

    def request(self, method, path, data=None, expect=(200, 302)):
        headers = {
            "X-Forwarded-Proto": "https", "Referer": f"https://{self.base.split('://', 1)[1]}{path}",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        started = time.perf_counter()
        response = self.http.request(method, self.base + path, data=data, headers=headers,
                                     allow_redirects=False, timeout=60)
        with self.lock:
            self.timings.append((time.perf_counter() - started) * 1000)
        self.cookies.update(response.cookies.get_dict())
        if response.status_code not in expect:
            self.errors.append(f"{method} {path}: {response.status_code} {response.text[:300]!r}")
        return response

    def csrf(self, html):
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        return match.group(1) if match else self.cookies.get("csrftoken", "")

    def login(self, username, next_path="/portal/", password=PASSWORD):
        page = self.request("GET", "/accounts/login/")
        r = self.request("POST", "/accounts/login/", {
            "csrfmiddlewaretoken": self.csrf(page.text), "username": username, "password": password,
            "next": next_path,
        }, expect=(302,))
        return r


def _options(html, name):
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    return [v for v in re.findall(r'<option value="([^"]+)"', select.group(1)) if v] if select else []


def _checkbox_values(html, name):
    return re.findall(rf'name="{name}" value="([^"]+)"', html)


def file_proposals(base, username, count, timings, errors, receipts):
    b = Browser(base, timings, errors)
    b.login(username)
    for n in range(count):
        form = b.request("GET", "/portal/proposals/new/", expect=(200,))
        html = form.text
        sessions, categories = _options(html, "session"), _options(html, "category")
        units = _checkbox_values(html, "suggested_units")
        data = {
            "csrfmiddlewaretoken": b.csrf(html), "session": sessions[0], "kind": "between",
            "title": f"关于{username}第{n + 1}件冒烟测试事项的提案", "category": categories[0] if categories else "",
            "situation": "情况说明：" + "茶叶产业发展情况。" * 20, "suggestions": "建议：" + "加强扶持。" * 20,
            "contact_phone": "13800000000", "suggested_units": units[:1],
        }
        created = b.request("POST", "/portal/proposals/new/", data, expect=(302,))
        match = re.search(r"/portal/proposals/(\d+)/", created.headers.get("Location", ""))
        if not match:
            errors.append(f"{username} filing {n + 1}: no draft ({created.status_code}) "
                          + " | ".join(unescape(e) for e in re.findall(r'class="[^"]*error[^"]*"[^>]*>([^<]+)', created.text))[:300])
            continue
        pk = match.group(1)
        page = b.request("GET", f"/portal/proposals/{pk}/submit/", expect=(200,))
        submitted = b.request("POST", f"/portal/proposals/{pk}/submit/", {"csrfmiddlewaretoken": b.csrf(page.text)}, expect=(302,))
        detail = b.request("GET", submitted.headers.get("Location", f"/portal/proposals/{pk}/"), expect=(200,))
        receipts.append((username, int(pk)))
        if n % 2 == 0:
            b.request("GET", "/portal/proposals/", expect=(200,))  # the listing, as a member checks it
        del detail


def request_export(base, username, password, timings, errors):
    b = Browser(base, timings, errors)
    b.login(username, "/admin/", password)
    page = b.request("GET", "/admin/reports/summaries/new/", expect=(200,))
    # The committee may be left out: the form then means the user's own (reports.forms.PeriodForm).
    r = b.request("POST", "/admin/reports/summaries/new/", {
        "csrfmiddlewaretoken": b.csrf(page.text), "period_kind": "year", "year": "2007",
    }, expect=(302,))
    for path in ("/admin/", "/admin/reports/summaries/", "/admin/reports/dashboard/"):
        b.request("GET", path, expect=(200,))  # listings and the dashboard while the worker runs
    return r.headers.get("Location", "")


def burst(base, per_member, concurrency):
    with open(STATE) as fh:
        state = json.load(fh)
    timings, errors, receipts = [], [], []
    started = time.monotonic()
    try:
        export = request_export(base, state["secretariat"], state["secretariat_password"], timings, errors)
    except Exception as exc:  # reported with the others, the burst goes on
        export = ""
        errors.append(f"export request: {exc!r}")
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        jobs = [pool.submit(file_proposals, base, u, per_member, timings, errors, receipts) for u in state["members"]]
        for user, job in zip(state["members"], jobs):
            try:
                job.result()
            except Exception as exc:
                errors.append(f"{user}: {exc!r}")
    took = time.monotonic() - started
    state.update(export=export, filed=[pk for _, pk in receipts], requests=len(timings), errors=errors,
                 seconds=round(took, 1), p50=statistics.median(timings),
                 p95=statistics.quantiles(timings, n=20)[-1] if len(timings) > 1 else timings[0])
    with open(STATE, "w") as fh:
        json.dump(state, fh)
    print(f"burst: {len(timings)} requests in {took:.1f}s, p50 {state['p50']:.0f} ms, p95 {state['p95']:.0f} ms, "
          f"{len(errors)} errors, {len(receipts)} proposals filed")
    for error in errors[:10]:
        print("  error:", error)
    return not errors


def verify(expected, timeout):
    _django()
    from cppcc.models import Job
    from proposals.models import Proposal

    with open(STATE) as fh:
        state = json.load(fh)
    problems = list(state.get("errors", ["the burst did not finish"]))
    filed = Proposal.objects.filter(pk__in=state["filed"])
    stored = filed.exclude(receipt_number="").count()
    if len(state["filed"]) != expected or stored != expected:
        problems.append(f"expected {expected} filings, {len(state['filed'])} accepted over HTTP, {stored} stored with a receipt")
    gaps = []
    for session_id in set(filed.values_list("session_id", flat=True)):
        seqs = sorted(Proposal.objects.filter(session_id=session_id, receipt_seq__isnull=False).values_list("receipt_seq", flat=True))
        if seqs != list(range(seqs[0], seqs[0] + len(seqs))) or len(set(seqs)) != len(seqs):
            gaps.append(session_id)
    if gaps:
        problems.append(f"receipt numbers not gap-free in sessions {gaps}")
    deadline = time.monotonic() + timeout
    job_id = re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", state.get("export", ""))
    job = Job.objects.filter(pk=job_id.group(0)).first() if job_id else None  # the job the export page named
    while job is not None and job.state in (Job.State.QUEUED, Job.State.RUNNING) and time.monotonic() < deadline:
        time.sleep(1)
        job.refresh_from_db()
    if job is None or job.state != Job.State.SUCCEEDED:
        problems.append(f"export job: {job and job.state} {job and getattr(job, 'error', '')}")
    print(f"verify: {stored}/{expected} filings stored, receipt numbers gap-free: {not gaps}, "
          f"export job {job and job.kind}: {job and job.state}")
    print(f"FIGURES requests={state['requests']} seconds={state['seconds']} p50_ms={state['p50']:.0f} "
          f"p95_ms={state['p95']:.0f} errors={len(state['errors'])} stored={stored} export={job and job.state}")
    for p in problems:
        print("  problem:", p)
    return not problems


def figures(path):
    _django()
    import dataclasses
    import datetime

    from django.utils import timezone

    from cppcc import backup
    from members.models import Committee
    from members.periods import Period
    from proposals import statistics

    cut = timezone.make_aware(datetime.datetime(2030, 1, 1))
    committee = Committee.objects.get()
    result = {
        "overview_2007": dataclasses.asdict(statistics.overview(Period.of_year(committee, 2007), as_of=cut)),
        "overview_now": dataclasses.asdict(statistics.overview(Period.of_year(committee, timezone.localdate().year), as_of=cut)),
        "rows": backup._pg_counts(),
        "files": backup.storage_checksums(),
    }
    with open(path, "w") as fh:
        json.dump(result, fh, default=str, sort_keys=True, ensure_ascii=False)
    print(f"figures: {sum(result['rows'].values())} rows in {len(result['rows'])} tables, {len(result['files'])} files, "
          f"2007 received {result['overview_2007']['received']}, this year received {result['overview_now']['received']}")


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "prepare":
        prepare(int(sys.argv[2]))
    elif command == "burst":
        sys.exit(0 if burst(sys.argv[2], int(sys.argv[3]), int(sys.argv[4])) else 1)
    elif command == "figures":
        figures(sys.argv[2])
    elif command == "verify":
        sys.exit(0 if verify(int(sys.argv[2]), int(sys.argv[3])) else 1)
    else:
        sys.exit(f"unknown command {command}")
