"""The reports admin: a chair asks for the summary and downloads it, a member cannot; dashboards draw
each chart beside its table with an export, in a number of queries that does not grow with the cases."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from cppcc.models import Job
from members.models.roles import Role
from reports.models import SummaryLabel, SummaryReport
from tests import factories

pytestmark = pytest.mark.django_db


def test_chair_asks_for_the_summary_watches_the_job_and_downloads_it(client, scenario, chair,
                                                                     django_capture_on_commit_callbacks):
    client.force_login(chair)
    assert client.get(reverse("reports:summary_list")).status_code == 200
    session = scenario.world.session
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:summary_request"), {
            "committee": scenario.committee.pk, "period_kind": "session", "session": session.pk,
            "as_of": scenario.world.today.isoformat(),
        })
    report = SummaryReport.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("cppcc_job_detail", args=[report.job_id])
    report.job.refresh_from_db()
    assert report.job.state == Job.State.SUCCEEDED, report.job.message
    assert (report.job.done, report.job.total) == (report.job.total, report.job.total)
    report.refresh_from_db()
    assert report.requested_by == chair and report.as_of == scenario.world.today
    assert report.job.result_file_id == report.workbook_id
    assert "收到委员提案6件，立案3件，作参考案1件" in report.text
    download = client.get(reverse("file_download", args=[report.workbook_id]))
    assert download.status_code == 200
    ws = load_workbook(io.BytesIO(b"".join(download.streaming_content)))["总览"]
    assert [ws["A4"].value, ws["B4"].value] == ["收到提案", 6]
    listing = client.get(reverse("reports:summary_list")).content.decode()
    assert report.workbook.name in listing or reverse("file_download", args=[report.workbook_id]) in listing
    detail = client.get(reverse("reports:summary_detail", args=[report.pk])).content.decode()
    assert "data-summary-text" in detail and "作参考案1件" in detail

    member = scenario.world.proposer.user
    client.force_login(member)
    assert client.get(reverse("file_download", args=[report.workbook_id])).status_code == 404
    assert client.get(reverse("file_download", args=[report.document_id])).status_code == 404
    auditor = factories.user_with_role(Role.AUDITOR, scenario.committee)
    client.force_login(auditor)
    assert client.get(reverse("file_download", args=[report.workbook_id])).status_code == 404
    assert client.get(reverse("reports:summary_detail", args=[report.pk])).status_code == 404


def test_a_member_cannot_ask_for_a_summary(client, scenario):
    client.force_login(scenario.world.proposer.user)
    client.post(reverse("reports:summary_request"), {"committee": scenario.committee.pk, "period_kind": "year", "year": 2026})
    assert not SummaryReport.objects.exists()


def _dashboard_url(world):
    return reverse("reports:dashboard") + f"?committee={world.committee.pk}&period_kind=session&session={world.session.pk}"


def test_dashboard_draws_each_chart_beside_its_table_and_exports_it(client, scenario):
    client.force_login(scenario.world.secretariat)
    url = _dashboard_url(scenario.world)
    page = client.get(url).content.decode()
    for key in ("unit_reply_rate", "unit_overdue", "proposals_by_category", "proposals_by_sector", "satisfaction"):
        assert f'data-panel="{key}"' in page
    assert page.count("<svg") >= 4
    assert "县教育局" in page and "33.3%" in page
    export = client.get(reverse("reports:dashboard_export", args=["satisfaction"]) + url[url.index("?"):])
    assert export.status_code == 200
    ws = load_workbook(io.BytesIO(export.content)).worksheets[0]
    assert {r[0].value: r[1].value for r in ws.iter_rows(min_row=4)} == {"满意": 1, "基本满意": 0, "不满意": 0, "未表态": 0}
    units = client.get(reverse("reports:dashboard_export", args=["unit_reply_rate"]) + url[url.index("?"):])
    rows = {r[0].value: r[5].value for r in load_workbook(io.BytesIO(units.content)).worksheets[0].iter_rows(min_row=4)}
    assert rows == {"县教育局": 1.0, "县财政局": 0.0}
    assert client.get(reverse("reports:dashboard_export", args=["nothing"])).status_code == 404


def test_dashboard_queries_do_not_grow_with_the_cases(client, world):
    client.force_login(world.secretariat)
    url = _dashboard_url(world)

    def add_cases(n):
        for i in range(n):
            world.accepted(title=f"关于第{i}项工作的提案{n}")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    add_cases(10)
    count()  # warms the process's caches
    small = count()
    add_cases(50)  # a per-case query would show 50 times over
    assert count() == small


def test_labels_are_edited_by_the_secretariat_only(client, committee, secretariat, chair):
    client.force_login(chair)
    assert client.get(reverse("reports:labels")).status_code == 403
    client.force_login(secretariat)
    page = client.get(reverse("reports:labels"))
    assert page.status_code == 200
    fields = {f.help_text: f.html_name for f in page.context["form"]}
    response = client.post(reverse("reports:labels"), {fields["proposals.converted_opinion"]: "作参考案"})
    assert response.status_code == 302
    assert SummaryLabel.objects.get(committee=committee).label == "作参考案"


def test_a_dashboard_link_naming_only_a_year_means_the_users_committee(client, db):
    from members.models.roles import Role
    from tests import factories

    committee = factories.committee()
    client.force_login(factories.user_with_role(Role.SECRETARIAT, committee))
    response = client.get("/admin/reports/dashboard/", {"year": 2007})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.is_valid(), form.errors
    assert form.cleaned_data["committee"] == committee and form.cleaned_data["year"] == 2007


def test_compared_keys_are_names_the_areas_give(db, monkeypatch):
    """与上期对比 once named a key no area gives and silently lost 满意和基本满意率: a typo now fails."""
    from reports import dashboards

    assert dashboards.unknown_keys() == set()
    assert "proposals.satisfied_or_basic_rate" in dashboards.COMPARED_RATES
    monkeypatch.setattr(dashboards, "COMPARED_RATES", dashboards.COMPARED_RATES + ("proposals.satisfied_or_basically_rate",))
    assert dashboards.unknown_keys() == {"proposals.satisfied_or_basically_rate"}


def test_a_cut_off_in_the_future_is_refused_with_a_message(client, scenario):
    """Figures "as of" a day to come would pass off today's as final: every cut-off form refuses it."""
    import datetime

    from django.core.exceptions import ValidationError
    from django.core.management import CommandError, call_command

    from members.periods import local_today
    from reports import services

    world = scenario.world
    tomorrow = (local_today() + datetime.timedelta(days=1)).isoformat()
    client.force_login(world.secretariat)
    for url in (_dashboard_url(world) + f"&as_of={tomorrow}",
                reverse("proposal_dashboard") + f"?session={world.session.pk}&as_of={tomorrow}"):
        response = client.get(url)
        assert response.status_code == 200
        assert "截止日期不能晚于今天" in response.content.decode(), url
    response = client.post(reverse("reports:summary_request"), {
        "committee": world.committee.pk, "period_kind": "session", "session": world.session.pk, "as_of": tomorrow,
    })
    assert response.status_code == 200 and "截止日期不能晚于今天" in response.content.decode()
    assert not SummaryReport.objects.exists()
    with pytest.raises(ValidationError):
        services.summary_request(actor=world.secretariat, committee=world.committee, session=world.session,
                                 as_of=local_today() + datetime.timedelta(days=1))
    with pytest.raises(CommandError, match="不能晚于今天"):
        call_command("export_summary", "--session", str(world.session.pk), "--as-of", tomorrow, "-o", "/dev/null")
    # Today itself is fine.
    assert client.get(_dashboard_url(world) + f"&as_of={local_today().isoformat()}").status_code == 200
