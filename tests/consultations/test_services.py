"""The consultation services: every refusal, the ledger without duplicates, and figures as of a cut-off."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from consultations import services, statistics
from consultations.models import ActivityEvent, Attendance, EventAction, Invitation, Speech, Suggestion
from cppcc import clock
from members.models import DutyEntry
from members.models.ledger import DutyKind
from members.models.roles import Role
from members.periods import Period
from tests import factories
from tests.consultations.conftest import at

pytestmark = pytest.mark.django_db
minutes = datetime.timedelta(minutes=1)


def standing(member, kind=None):
    qs = DutyEntry.objects.standing().filter(member=member)
    return list(qs.filter(kind=kind)) if kind else list(qs)


def message(exc_info) -> str:
    return " ".join(exc_info.value.messages)


# ---- creating and inviting


def test_defaults_installed_for_every_new_committee(world):
    from consultations.models import ActivityKind

    codes = set(ActivityKind.objects.filter(committee=world.committee).values_list("code", flat=True))
    assert {"plenary", "standing", "counterpart", "sector", "inspection", "research", "supervision", "forum",
            "training", "joint"} <= codes
    rules = services.settings_for(world.committee)
    assert rules.short_attendance_counts_absent and str(rules.attendance_threshold_percent) == "66.67"


def test_only_organisers_create_activities(world, role_user):
    for role in (Role.CHAIR, Role.AUDITOR, Role.MEMBER, Role.REVIEWER):
        with pytest.raises(PermissionDenied):
            world.activity(actor=role_user(role))
    # Special-committee staff organise for their own special committee only.
    assert world.activity(actor=world.staff, organiser="health").organiser == world.health_committee
    with pytest.raises(PermissionDenied):
        world.activity(actor=world.staff, organiser="economy")
    with pytest.raises(PermissionDenied):
        world.activity(actor=world.staff, organiser=None)


def test_activity_dates_follow_its_sittings(world):
    day = world.today + datetime.timedelta(days=20)
    activity = world.activity(kind="plenary", day=day, hour=9)
    services.sitting_add(activity=activity, actor=world.secretariat, starts_at=at(day + datetime.timedelta(days=1), 14),
                         ends_at=at(day + datetime.timedelta(days=1), 17), title="第二次全体会议")
    services.sitting_add(activity=activity, actor=world.secretariat, starts_at=at(day - datetime.timedelta(days=1), 14),
                         ends_at=at(day - datetime.timedelta(days=1), 15), title="预备会议")
    activity.refresh_from_db()
    assert activity.starts_on == day - datetime.timedelta(days=1)
    assert activity.last_ends_at == at(day + datetime.timedelta(days=1), 17)
    assert activity.state() == "upcoming"
    assert activity.sittings.count() == 3
    with pytest.raises(ValidationError):
        services.sitting_add(activity=activity, actor=world.secretariat, starts_at=at(day, 10), ends_at=at(day, 9))


def test_invite_by_sector_group_special_committee_and_all(world, other_committee):
    activity = world.activity()
    by_sector = services.invite(activity=activity, actor=world.secretariat, sector=world.education)
    assert {i.member for i in by_sector} == {world.teacher, world.teacher2}
    assert all(i.via == Invitation.Via.SECTOR and i.sector == world.education for i in by_sector)
    assert [i.member for i in services.invite(activity=activity, actor=world.secretariat, group=world.group)] == [world.doctor]
    assert services.invite(activity=activity, actor=world.secretariat, special_committee=world.health_committee) == []
    assert services.invite(activity=activity, actor=world.secretariat, everyone=True) == []  # nobody twice
    assert activity.invitations.count() == 3
    # Every invited member is expected at every sitting, with a dated event each.
    assert Attendance.objects.filter(sitting__activity=activity, status=Attendance.Status.UNMARKED).count() == 3
    assert ActivityEvent.objects.filter(activity=activity, action=EventAction.ATTENDANCE).count() == 3
    stranger = factories.member(other_committee, name="外县委员")
    with pytest.raises(ValidationError):
        services.invite(activity=activity, actor=world.secretariat, members=[stranger])
    empty = factories.sector(world.committee, "宗教界")
    with pytest.raises(ValidationError, match="Nobody to invite"):
        services.invite(activity=world.activity(topic="另一个"), actor=world.secretariat, sector=empty)


def test_invitation_lands_in_the_member_inbox(world, django_capture_on_commit_callbacks):
    from cppcc.models import Message

    activity = world.activity()
    with django_capture_on_commit_callbacks(execute=True):
        services.invite(activity=activity, actor=world.secretariat, members=[world.teacher])
    message_ = Message.objects.get(recipient=world.teacher.user)
    assert activity.topic in message_.title and message_.url == f"/portal/activities/{activity.pk}/"


def test_a_replayed_invitation_notifies_nobody(world, django_capture_on_commit_callbacks):
    """The demo's 2007 activities are replayed through the services: no invitation created today about them."""
    from cppcc import clock
    from cppcc.models import Message

    activity = world.activity()
    with django_capture_on_commit_callbacks(execute=True), clock.replaying_history():
        services.invite(activity=activity, actor=world.secretariat, members=[world.teacher])
    assert activity.invitations.filter(member=world.teacher).exists()
    assert not Message.objects.exists()


# ---- answers and leave


def test_answer_and_leave_refusals(world):
    activity = world.activity()
    mine, theirs = services.invite(activity=activity, actor=world.secretariat, sector=world.education)
    teacher = world.teacher.user
    with pytest.raises(PermissionDenied):
        services.invitation_answer(invitation=theirs, actor=teacher, attending=True)
    services.invitation_answer(invitation=mine, actor=teacher, attending=True)
    with pytest.raises(ValidationError, match="already said"):
        services.invitation_answer(invitation=mine, actor=teacher, attending=True)
    with pytest.raises(ValidationError, match="Say why"):
        services.leave_request(invitation=mine, actor=teacher, reason="  ")
    services.leave_request(invitation=mine, actor=teacher, reason="外出学习")
    with pytest.raises(ValidationError, match="already asked"):
        services.leave_request(invitation=mine, actor=teacher, reason="再次请假")
    # The organiser decides; others may not; a refusal needs its reason.
    with pytest.raises(PermissionDenied):
        services.leave_decide(invitation=mine, actor=teacher, approve=True)
    economy_staff = factories.user_with_role(Role.SPECIAL_STAFF, world.committee, special_committee=world.economy_committee)
    with pytest.raises(PermissionDenied):
        services.leave_decide(invitation=mine, actor=economy_staff, approve=True)
    with pytest.raises(ValidationError, match="why the leave is refused"):
        services.leave_decide(invitation=mine, actor=world.staff, approve=False)
    services.leave_decide(invitation=mine, actor=world.staff, approve=False, reason="本次会议为重要议题")
    mine.refresh_from_db()
    assert mine.state == Invitation.State.LEAVE_REFUSED and mine.decision_reason == "本次会议为重要议题"
    with pytest.raises(ValidationError, match="no leave request"):
        services.leave_decide(invitation=mine, actor=world.staff, approve=True)
    services.leave_request(invitation=mine, actor=teacher, reason="病假")
    services.leave_decide(invitation=mine, actor=world.secretariat, approve=True)
    with pytest.raises(ValidationError, match="already been approved"):
        services.leave_request(invitation=mine, actor=teacher, reason="病假")
    with pytest.raises(ValidationError, match="leave was approved"):
        services.invitation_answer(invitation=mine, actor=teacher, attending=True)
    # The invitation's states are dated events, one standing at a time.
    events = ActivityEvent.objects.filter(invitation=mine).exclude(action=EventAction.ATTENDANCE)
    assert [e.to_state for e in events] == ["invited", "accepted", "leave_requested", "leave_refused",
                                           "leave_requested", "excused"]
    assert events.filter(superseded_at__isnull=True).count() == 1


def test_no_answer_after_the_activity(world):
    activity = world.activity(day=world.today - datetime.timedelta(days=3))
    (invitation,) = services.invite(activity=activity, actor=world.secretariat, members=[world.teacher])
    with pytest.raises(ValidationError, match="activity is over"):
        services.leave_request(invitation=invitation, actor=world.teacher.user, reason="出差")


# ---- sign-in


def test_sign_in_refusals_and_success(world):
    activity = world.activity(hour=9, hours=3)
    services.invite(activity=activity, actor=world.secretariat, sector=world.education)
    sitting = activity.sittings.get()
    code, user = sitting.sign_in_code, world.teacher.user
    wrong = "000000" if code != "000000" else "111111"
    with clock.acting_at(sitting.starts_at - datetime.timedelta(minutes=61)):
        with pytest.raises(ValidationError, match="not open now") as e:
            services.sign_in(sitting=sitting, actor=user, code=code)
    assert "08:00" in message(e)
    with clock.acting_at(sitting.starts_at + datetime.timedelta(minutes=31)):
        with pytest.raises(ValidationError, match="not open now"):
            services.sign_in(sitting=sitting, actor=user, code=code)
    with clock.acting_at(sitting.starts_at - 10 * minutes):
        with pytest.raises(ValidationError, match="code is wrong"):
            services.sign_in(sitting=sitting, actor=user, code=wrong)
        with pytest.raises(ValidationError, match="not invited"):
            services.sign_in(sitting=sitting, actor=world.doctor.user, code=code)
        with pytest.raises(ValidationError, match="Only members"):
            services.sign_in(sitting=sitting, actor=world.secretariat, code=code)
        attendance = services.sign_in(sitting=sitting, actor=user, code=f" {code} ")
        assert attendance.status == Attendance.Status.PRESENT and attendance.method == Attendance.Method.CODE
        with pytest.raises(ValidationError, match="already signed in") as e:
            services.sign_in(sitting=sitting, actor=user, code=code)
        assert "08:50" in message(e)
    assert len(standing(world.teacher, DutyKind.ATTENDED)) == 1
    assert len(standing(world.teacher, DutyKind.ACTIVITY)) == 1


def test_late_sign_in_under_two_thirds_counts_absent(world):
    activity = world.activity(hour=9, hours=1)  # 60 minutes
    services.invite(activity=activity, actor=world.secretariat, sector=world.education)
    sitting = activity.sittings.get()
    with clock.acting_at(sitting.starts_at + 10 * minutes):  # 50 of 60 minutes: present, late
        late = services.sign_in(sitting=sitting, actor=world.teacher.user, code=sitting.sign_in_code)
    with clock.acting_at(sitting.starts_at + 25 * minutes):  # 35 of 60: under two thirds
        short = services.sign_in(sitting=sitting, actor=world.teacher2.user, code=sitting.sign_in_code)
    assert (late.status, late.counted, late.minutes_attended) == ("late", "present", 50)
    assert (short.status, short.counted, short.minutes_attended) == ("late", "absent", 35)
    assert {e.kind for e in standing(world.teacher)} == {DutyKind.LATE, DutyKind.ACTIVITY}
    assert {e.kind for e in standing(world.teacher2)} == {DutyKind.ABSENT}
    # The rule is data: switched off, short attendance is present.
    rules = services.settings_for(world.committee)
    rules.short_attendance_counts_absent = False
    rules.save()
    with clock.acting_at(sitting.ends_at + minutes):
        services.attendance_mark(attendance=short, actor=world.secretariat, status="left_early", minutes_attended=30,
                                 reason="提前离会")
    short.refresh_from_db()
    assert short.counted == "present"


# ---- the ledger: corrections never double-count


def test_excused_member_marked_present_later_replaces_the_entry(world):
    activity = world.activity()
    (invitation,) = services.invite(activity=activity, actor=world.secretariat, members=[world.teacher])
    services.leave_request(invitation=invitation, actor=world.teacher.user, reason="出差")
    services.leave_decide(invitation=invitation, actor=world.staff, approve=True)
    attendance = Attendance.objects.get(invitation=invitation)
    assert attendance.status == "excused" and attendance.method == "leave"
    assert [e.kind for e in standing(world.teacher)] == [DutyKind.EXCUSED]
    sitting = attendance.sitting
    with clock.acting_at(sitting.ends_at + minutes):
        with pytest.raises(ValidationError, match="correction"):
            services.attendance_mark(attendance=attendance, actor=world.secretariat, status="present")
        services.attendance_mark(attendance=attendance, actor=world.secretariat, status="present", reason="实际到会")
        services.attendance_mark(attendance=attendance, actor=world.secretariat, status="present", reason="重复")
    kinds = sorted(e.kind for e in standing(world.teacher))
    assert kinds == [DutyKind.ACTIVITY, DutyKind.ATTENDED]
    entries = DutyEntry.objects.filter(member=world.teacher, kind_group="attendance")
    assert entries.count() == 3  # excused, its reversal, attended
    assert entries.filter(reverses__isnull=False).get().quantity == -1


def test_staff_cannot_mark_present_before_the_sitting(world):
    activity = world.activity(day=world.today + datetime.timedelta(days=3))
    services.invite(activity=activity, actor=world.secretariat, members=[world.teacher])
    attendance = Attendance.objects.get(sitting__activity=activity)
    with pytest.raises(ValidationError, match="not started"):
        services.attendance_mark(attendance=attendance, actor=world.secretariat, status="present")
    with pytest.raises(PermissionDenied):
        services.attendance_mark(attendance=attendance, actor=world.teacher.user, status="excused")


def test_bulk_marking_and_closing(world):
    activity = world.activity()
    services.invite(activity=activity, actor=world.secretariat, everyone=True)
    sitting = activity.sittings.get()
    rows = {a.member_id: a for a in Attendance.objects.filter(sitting=sitting)}
    with clock.acting_at(sitting.starts_at + minutes):
        with pytest.raises(ValidationError, match="not ended"):
            services.sitting_close(sitting=sitting, actor=world.secretariat)
        changed, errors = services.attendance_mark_bulk(sitting=sitting, actor=world.secretariat, marks={
            rows[world.teacher.pk].pk: "present", rows[world.doctor.pk].pk: ("left_early", 9999), 424242: "present"})
    assert [a.member for a in changed] == [world.teacher]
    assert set(errors) == {rows[world.doctor.pk].pk, 424242}
    with clock.acting_at(sitting.ends_at + minutes):
        assert services.sitting_close(sitting=sitting, actor=world.secretariat) == 2
    assert dict(Attendance.objects.filter(sitting=sitting).values_list("member__name", "status")) == {
        "王老师": "present", "李老师": "absent", "张医生": "absent"}
    assert [e.kind for e in standing(world.teacher2)] == [DutyKind.ABSENT]


# ---- speeches, suggestions, instructions


def test_speeches_suggestions_adoption_and_instructions(world):
    activity = world.activity()
    services.invite(activity=activity, actor=world.secretariat, everyone=True)
    speech = services.speech_record(activity=activity, actor=world.staff, member=world.doctor, title="规范医疗市场",
                                    mode=Speech.Mode.WRITTEN, text="书面发言全文")
    assert [e.kind for e in standing(world.doctor)] == [DutyKind.WRITTEN_SPEECH]
    assert speech.get_absolute_url() == f"/portal/activities/{activity.pk}/"
    body = factories.unit(world.committee, name="县卫生局")
    first, second, third = (services.suggestion_record(activity=activity, actor=world.staff, text=t, addressed_to=body)
                            for t in ("加强药品监管", "整顿无证诊所", "建立举报制度"))
    assert [s.number for s in (first, second, third)] == [1, 2, 3]
    with pytest.raises(ValidationError):
        services.suggestion_record(activity=activity, actor=world.staff, text=" ")
    services.suggestion_adopt(suggestion=first, actor=world.staff, adopted=True)
    with pytest.raises(ValidationError, match="already recorded"):
        services.suggestion_adopt(suggestion=first, actor=world.staff, adopted=True)
    with pytest.raises(ValidationError, match="correction"):
        services.suggestion_adopt(suggestion=first, actor=world.staff, adopted=False)
    with pytest.raises(PermissionDenied):
        services.suggestion_adopt(suggestion=second, actor=world.teacher.user, adopted=True)
    services.suggestion_follow_up(suggestion=first, actor=world.staff, text="卫生局已开展专项整治")
    first.refresh_from_db()
    assert first.adoption == Suggestion.Adoption.ADOPTED and "专项整治" in first.follow_up
    with pytest.raises(ValidationError, match="not in the future"):
        services.instruction_record(activity=activity, actor=world.staff, leader="县长", text="请卫生局落实",
                                    given_on=world.today + datetime.timedelta(days=1))
    other = world.activity(topic="别的活动")
    with pytest.raises(ValidationError):
        services.instruction_record(activity=other, actor=world.staff, leader="县长", text="x", given_on=world.today,
                                    suggestion=first)
    services.instruction_record(activity=activity, actor=world.staff, leader="县长 王某", text="请卫生局落实",
                                given_on=world.today, suggestion=first)
    assert first.instructions.count() == 1


# ---- figures as of a cut-off


def test_figures_by_kind_group_and_total_as_of_cutoffs(world):
    """A counterpart consultation (3 invited, one excused then corrected to present) and an inspection."""
    day = datetime.date(2026, 3, 10)
    with clock.acting_at(at(day - datetime.timedelta(days=10))):
        consultation = world.activity(day=day, hour=9, hours=3)
        inspection = world.activity(kind="inspection", topic="两基视察", day=day + datetime.timedelta(days=5))
        services.invite(activity=consultation, actor=world.secretariat, everyone=True)
        services.invite(activity=inspection, actor=world.secretariat, members=[world.doctor])
        teacher_inv = consultation.invitations.get(member=world.teacher)
        services.leave_request(invitation=teacher_inv, actor=world.teacher.user, reason="出差")
        services.leave_decide(invitation=teacher_inv, actor=world.secretariat, approve=True)
    c_sitting, i_sitting = consultation.sittings.get(), inspection.sittings.get()
    with clock.acting_at(c_sitting.starts_at - 5 * minutes):
        services.sign_in(sitting=c_sitting, actor=world.teacher2.user, code=c_sitting.sign_in_code)
        services.sign_in(sitting=c_sitting, actor=world.doctor.user, code=c_sitting.sign_in_code)
    with clock.acting_at(c_sitting.ends_at):
        services.speech_record(activity=consultation, actor=world.secretariat, member=world.doctor, title="发言")
        suggestions = [services.suggestion_record(activity=consultation, actor=world.secretariat, text=f"建议{n}")
                       for n in range(3)]
    with clock.acting_at(i_sitting.ends_at):
        services.attendance_mark(attendance=Attendance.objects.get(sitting=i_sitting), actor=world.secretariat,
                                 status="present")
        for name, kind in (("城关镇", "town"), ("东城村", "village"), ("新桃村", "village")):
            services.place_add(activity=inspection, actor=world.secretariat, name=name, kind=kind)
        for n in range(5):
            services.suggestion_adopt(
                suggestion=services.suggestion_record(activity=inspection, actor=world.secretariat, text=f"两基建议{n}"),
                actor=world.secretariat, adopted=True)
        services.document_add(activity=inspection, actor=world.secretariat, kind="report", title="两基视察报告")
    first_cutoff = datetime.date(2026, 3, 31)
    with clock.acting_at(at(datetime.date(2026, 4, 20))):
        services.suggestion_adopt(suggestion=suggestions[0], actor=world.secretariat, adopted=True)
        services.instruction_record(activity=consultation, actor=world.secretariat, leader="县长", text="阅示",
                                    given_on=datetime.date(2026, 4, 18))
        # The excused teacher was in fact there: a correction after the first cut-off.
        services.attendance_mark(attendance=Attendance.objects.get(invitation=teacher_inv), actor=world.secretariat,
                                 status="present", reason="实际到会")

    year = Period.of_year(world.committee, 2026)
    march = statistics.totals(year, as_of=first_cutoff)
    assert (march.activities, march.sittings, march.expected, march.present, march.excused, march.absent) == (2, 2, 4, 3, 1, 0)
    assert (march.participants, march.speeches, march.suggestions, march.adopted, march.instructions) == (2, 1, 8, 5, 0)
    assert (march.places, march.towns, march.villages, march.reports) == (3, 1, 2, 1)
    assert str(march.attendance_rate) == "75.0%"
    now = statistics.totals(year)
    assert (now.present, now.excused, now.participants, now.adopted, now.instructions) == (4, 0, 3, 6, 1)
    assert str(now.attendance_rate) == "100%"

    rows = {r.code: r for r in statistics.by_kind(year, as_of=first_cutoff)}
    assert (rows["counterpart"].activities, rows["counterpart"].expected, rows["counterpart"].present) == (1, 3, 2)
    assert str(rows["counterpart"].attendance_rate) == "66.7%"
    assert (rows["inspection"].suggestions, rows["inspection"].adopted, rows["inspection"].villages) == (5, 5, 2)
    assert rows["plenary"].activities == 0 and str(rows["plenary"].attendance_rate) == "—"
    groups = {g.group: g for g in statistics.by_group(year, as_of=first_cutoff)}
    assert (groups["consultation"].participants, groups["inspection"].participants) == (2, 1)
    # Before anything happened, and another year: nothing.
    assert statistics.totals(year, as_of=datetime.date(2026, 3, 1)).activities == 0
    assert statistics.totals(Period.of_year(world.committee, 2025)).activities == 0


def test_figures_take_one_query_per_grouping(world, django_assert_num_queries):
    year = Period.of_year(world.committee, world.today.year)
    world.activity()
    with django_assert_num_queries(1):
        statistics.by_kind(year)
    with django_assert_num_queries(1):
        statistics.by_group(year)
    with django_assert_num_queries(1):
        statistics.totals(year)
